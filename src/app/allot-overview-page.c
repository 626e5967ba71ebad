/* allot-overview-page.c: the year at a glance.
 *
 * Everything shown is read in the session's background worker in one job (balances by
 * kind for the year and for all years, monthly spending, and as alerts the
 * findings of the core's compliance checks as of today), so a
 * million-line ledger never stalls the window, and the figures on the cards
 * are those of allot_store_list_balances(), the same the CLI prints. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-ledger-query.h"
#include "allot-overview-page.h"
#include "allot-page.h"
#include "allot-rules.h"

struct _AllotOverviewPage
{
  AdwBin parent_instance;

  GtkLabel *heading_label;
  GtkLabel *summary_label;
  GtkRevealer *welcome_revealer;
  GtkSpinner *spinner;
  GtkBox *cards_row;
  GtkGrid *cards_grid;
  AllotBurnChart *burn_chart;
  GtkListBox *alerts_list;
  /* The same cards twice: a row of four where it fits, else two by two
   * (an AdwSqueezer shows the first arrangement that fits). */
  AllotBalanceCard *cards[ALLOT_SOURCE_N_KINDS];
  AllotBalanceCard *narrow_cards[ALLOT_SOURCE_N_KINDS];

  AllotSession *session;
  gulong changed_id;
  int fiscal_year;
  GCancellable *cancellable;
  gboolean loading;
  guint n_alerts;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FISCAL_YEAR,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotOverviewPage, allot_overview_page, ADW_TYPE_BIN)

typedef struct {
  int fiscal_year;
  char *currency;
  GDate today;
} OverviewRequest;

typedef struct {
  GPtrArray *year_rows;
  GPtrArray *lifetime_rows;
  GArray *monthly;
  GPtrArray *alerts;        /* AllotFinding, most severe first */
  AllotPending pending[ALLOT_SOURCE_N_KINDS];
  gboolean empty;
} OverviewData;

static void
overview_request_free (OverviewRequest *request)
{
  g_free (request->currency);
  g_free (request);
}

static void
overview_data_free (OverviewData *data)
{
  g_clear_pointer (&data->year_rows, g_ptr_array_unref);
  g_clear_pointer (&data->lifetime_rows, g_ptr_array_unref);
  g_clear_pointer (&data->monthly, g_array_unref);
  g_clear_pointer (&data->alerts, g_ptr_array_unref);
  g_free (data);
}

/* The worker thread. */
static gpointer
load_overview (AllotStore   *reader,
               gpointer      user_data,
               GCancellable *cancellable,
               GError      **error)
{
  OverviewRequest *request = user_data;
  OverviewData *data = g_new0 (OverviewData, 1);
  g_autoptr(GError) local = NULL;

  if ((data->year_rows = allot_store_list_balances (reader, ALLOT_BALANCE_BY_KIND,
                                                    request->fiscal_year, error)) == NULL ||
      (data->lifetime_rows = allot_store_list_balances (reader, ALLOT_BALANCE_BY_KIND, 0,
                                                        error)) == NULL ||
      !allot_store_pending_by_kind (reader, request->fiscal_year, data->pending, error) ||
      (data->monthly = allot_ledger_query_monthly_expended (reader, request->fiscal_year,
                                                            error)) == NULL ||
      (data->alerts = allot_store_check (reader, &request->today, error)) == NULL)
    {
      overview_data_free (data);
      return NULL;
    }
  /* Only a hint: a failure here does not hide the figures. */
  data->empty = allot_store_is_empty (reader, &local);
  return data;
}

static const AllotBalance *
find_kind (GPtrArray       *rows,
           AllotSourceKind  kind)
{
  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];
      AllotSourceKind row_kind;

      if (allot_source_kind_from_string (row->code, &row_kind) && row_kind == kind)
        return &row->balance;
    }
  return NULL;
}

static void
set_loading (AllotOverviewPage *self,
             gboolean           loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GtkWidget *
alert_row_new (const char *icon_name,
               const char *title,
               const char *detail,
               const char *css_class)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_detail = detail != NULL ? g_markup_escape_text (detail, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (escaped_detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_detail);
  if (css_class != NULL)
    gtk_widget_add_css_class (icon, css_class);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
alert_activated_cb (AllotOverviewPage *self,
                    GtkListBoxRow     *row)
{
  const char *table = g_object_get_data (G_OBJECT (row), "allot-table");
  gint64 *id = g_object_get_data (G_OBJECT (row), "allot-id");

  if (table != NULL && id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "(sx)", table, *id);
}

/* The Overview shows the five most severe alerts, not all: a large ledger
 * can have hundreds of findings, and each row's wrapping text costs tens of
 * milliseconds of layout in the main thread (measured on a million
 * entries: 20 rows froze the window for 0.9 s once loaded, 3 rows for
 * 0.15 s; 673 rows on 100,000 entries kept it busy for minutes).  The
 * Review view lists every one. */
#define MAX_ALERTS_SHOWN 5

static void
show_alerts (AllotOverviewPage *self,
             GPtrArray         *findings)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->alerts_list))) != NULL)
    gtk_list_box_remove (self->alerts_list, child);

  self->n_alerts = findings->len;
  for (guint i = 0; i < MIN (findings->len, MAX_ALERTS_SHOWN); i++)
    {
      AllotFinding *finding = findings->pdata[i];
      AllotSeverity severity = finding->rule->severity;
      GtkWidget *row;

      row = alert_row_new (severity == ALLOT_SEVERITY_ERROR ? "dialog-error-symbolic"
                           : severity == ALLOT_SEVERITY_WARNING ? "dialog-warning-symbolic"
                           : "dialog-information-symbolic",
                           finding->message, _(finding->rule->title),
                           severity == ALLOT_SEVERITY_ERROR ? "error"
                           : severity == ALLOT_SEVERITY_WARNING ? "warning" : "accent");
      if (finding->table_name != NULL && finding->record_id != 0)
        {
          g_object_set_data_full (G_OBJECT (row), "allot-table",
                                  g_strdup (finding->table_name), g_free);
          g_object_set_data_full (G_OBJECT (row), "allot-id",
                                  g_memdup2 (&finding->record_id, sizeof finding->record_id),
                                  g_free);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
        }
      gtk_list_box_append (self->alerts_list, row);
    }
  if (findings->len > MAX_ALERTS_SHOWN)
    {
      guint more = findings->len - MAX_ALERTS_SHOWN;
      g_autofree char *title = g_strdup_printf (ngettext ("%u more alert", "%u more alerts", more),
                                                more);
      GtkWidget *row = alert_row_new ("view-more-symbolic", title,
                                      _("The Review view lists every finding."), NULL);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-view");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", "review");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->alerts_list, row);
    }
  if (findings->len == 0)
    gtk_list_box_append (self->alerts_list,
                         alert_row_new ("emblem-ok-symbolic", _("No alerts"),
                                        _("The compliance checks find nothing as of today."),
                                        "success"));
}

static void
show_burn (AllotOverviewPage *self,
           OverviewData      *data,
           const GDate       *today)
{
  AllotStore *store = allot_session_get_store (self->session);
  guint start_month = allot_store_get_fy_start_month (store);
  AllotBurnSeries series[ALLOT_SOURCE_N_KINDS];
  GDate first, last;
  int first_index;

  memset (series, 0, sizeof series);
  allot_fiscal_year_bounds (self->fiscal_year, start_month, &first, &last);
  first_index = g_date_get_year (&first) * 12 + (int) g_date_get_month (&first) - 1;

  for (guint k = 0; k < ALLOT_SOURCE_N_KINDS; k++)
    {
      const AllotBalance *year = find_kind (data->year_rows, k);

      series[k].budget = year != NULL ? year->allocated : 0;
    }
  for (guint i = 0; i < data->monthly->len; i++)
    {
      AllotMonthlyAmount *amount = &g_array_index (data->monthly, AllotMonthlyAmount, i);
      int index = amount->year * 12 + amount->month - 1 - first_index;

      /* Spending dated outside its year counts in the nearest month. */
      series[amount->kind].monthly[CLAMP (index, 0, 11)] += amount->expended;
    }
  allot_burn_chart_set_data (self->burn_chart, self->fiscal_year, start_month, today, series);
}

static void
overview_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AllotOverviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  OverviewData *data;
  AllotBalance total = { 0, };
  g_autofree char *allocated = NULL;
  g_autofree char *expended = NULL;
  g_autofree char *unliquidated = NULL;
  g_autofree char *available = NULL;
  g_autofree char *summary = NULL;
  GDate today;

  data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);
  if (data == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_loading (self, FALSE);
      gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  if (self->session == NULL)
    {
      overview_data_free (data);
      return;
    }

  for (guint k = 0; k < ALLOT_SOURCE_N_KINDS; k++)
    {
      const AllotBalance *year = find_kind (data->year_rows, k);

      allot_balance_card_set_balances (self->cards[k], self->session, self->fiscal_year, year,
                                       find_kind (data->lifetime_rows, k));
      allot_balance_card_set_balances (self->narrow_cards[k], self->session, self->fiscal_year,
                                       year, find_kind (data->lifetime_rows, k));
      allot_balance_card_set_pending (self->cards[k], self->session, &data->pending[k]);
      allot_balance_card_set_pending (self->narrow_cards[k], self->session, &data->pending[k]);
      if (year != NULL)
        {
          total.allocated += year->allocated;
          total.expended += year->expended;
          total.unliquidated += year->unliquidated;
          total.available += year->available;
        }
    }

  allocated = allot_session_format_money (self->session, total.allocated);
  expended = allot_session_format_money (self->session, total.expended);
  unliquidated = allot_session_format_money (self->session, total.unliquidated);
  available = allot_session_format_money (self->session, total.available);
  summary = g_strdup_printf (_("All sources: %s allocated, %s expended, %s obligated and not "
                               "yet paid, %s available."),
                             allocated, expended, unliquidated, available);
  gtk_label_set_text (self->summary_label, summary);

  /* Hidden, not only folded: a folded revealer still takes the box's spacing. */
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_revealer), data->empty);
  gtk_revealer_set_reveal_child (self->welcome_revealer, data->empty);
  allot_date_set_today (&today);
  show_burn (self, data, &today);
  show_alerts (self, data->alerts);
  overview_data_free (data);
  set_loading (self, FALSE);
}

static void
reload (GtkWidget *widget)
{
  AllotOverviewPage *self = ALLOT_OVERVIEW_PAGE (widget);
  OverviewRequest *request;
  g_autofree char *heading = NULL;

  if (self->session == NULL || self->fiscal_year == 0)
    return;

  heading = g_strdup_printf (_("Fiscal Year %d"), self->fiscal_year);
  gtk_label_set_text (self->heading_label, heading);

  request = g_new0 (OverviewRequest, 1);
  request->fiscal_year = self->fiscal_year;
  request->currency = g_strdup (allot_session_get_currency (self->session));
  allot_date_set_today (&request->today);
  set_loading (self, TRUE);
  /* On the background worker: the checks of a large ledger take seconds,
   * and the Ledger's pages must not wait behind them. */
  allot_session_read_background_async (self->session, load_overview, request,
                                       (GDestroyNotify) overview_request_free,
                                       (GDestroyNotify) overview_data_free,
                                       allot_page_restart_load (&self->cancellable),
                                       overview_loaded_cb, g_object_ref (self));
}

static void
set_session (AllotOverviewPage *self,
             AllotSession      *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->changed_id = g_signal_connect_swapped (session, "changed",
                                                 G_CALLBACK (allot_page_queue_reload), self);
  allot_page_queue_reload (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_overview_page_dispose (GObject *object)
{
  AllotOverviewPage *self = ALLOT_OVERVIEW_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_OVERVIEW_PAGE);
  G_OBJECT_CLASS (allot_overview_page_parent_class)->dispose (object);
}

static void
allot_overview_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AllotOverviewPage *self = ALLOT_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FISCAL_YEAR:
      g_value_set_int (value, self->fiscal_year);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_overview_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AllotOverviewPage *self = ALLOT_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_FISCAL_YEAR:
      if (self->fiscal_year != g_value_get_int (value))
        {
          self->fiscal_year = g_value_get_int (value);
          allot_page_queue_reload (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_overview_page_class_init (AllotOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_overview_page_dispose;
  object_class->get_property = allot_overview_page_get_property;
  object_class->set_property = allot_overview_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALLOT_TYPE_BURN_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, welcome_revealer);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, cards_row);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, cards_grid);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, burn_chart);
  gtk_widget_class_bind_template_child (widget_class, AllotOverviewPage, alerts_list);
  gtk_widget_class_bind_template_callback (widget_class, alert_activated_cb);
}

static void
allot_overview_page_init (AllotOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint k = 0; k < ALLOT_SOURCE_N_KINDS; k++)
    {
      self->cards[k] = ALLOT_BALANCE_CARD (allot_balance_card_new ());
      allot_balance_card_set_title (self->cards[k], allot_source_kind_label (k));
      gtk_box_append (self->cards_row, GTK_WIDGET (self->cards[k]));
      self->narrow_cards[k] = ALLOT_BALANCE_CARD (allot_balance_card_new ());
      allot_balance_card_set_title (self->narrow_cards[k], allot_source_kind_label (k));
      gtk_grid_attach (self->cards_grid, GTK_WIDGET (self->narrow_cards[k]), k % 2, k / 2, 1, 1);
    }
  allot_page_init_reload (GTK_WIDGET (self), reload);
}

gboolean
allot_overview_page_get_loading (AllotOverviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_OVERVIEW_PAGE (self), FALSE);
  return self->loading;
}

AllotBalanceCard *
allot_overview_page_get_card (AllotOverviewPage *self,
                              AllotSourceKind    kind)
{
  g_return_val_if_fail (ALLOT_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (kind < ALLOT_SOURCE_N_KINDS, NULL);
  return self->cards[kind];
}

AllotBurnChart *
allot_overview_page_get_burn_chart (AllotOverviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_OVERVIEW_PAGE (self), NULL);
  return self->burn_chart;
}

guint
allot_overview_page_get_n_alerts (AllotOverviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_OVERVIEW_PAGE (self), 0);
  return self->n_alerts;
}
