/* allot-reports-page.c: the Reports view: the balance tables, the federal
 * and task-force reports, and the exports.
 *
 * The balance tables are allot_store_list_balances() as the CLI's
 * "balances" prints them; each other report is a panel of its own
 * (allot-report-*-panel.c) over the core's report of the same name, which
 * gets the view's session and fiscal year.  The exports are the core's
 * (allot-export.h), run by the window with progress and Cancel. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-page.h"
#include "allot-report-burn-panel.h"
#include "allot-report-esac-panel.h"
#include "allot-report-ffr-panel.h"
#include "allot-report-overtime-panel.h"
#include "allot-report-participation-panel.h"
#include "allot-reports-page.h"
#include "allot-session.h"
#include "allot-table.h"

enum {
  COL_CODE,
  COL_NAME,
  COL_AUTHORIZED,
  COL_ALLOCATED,
  COL_OBLIGATED,
  COL_EXPENDED,
  COL_UNLIQUIDATED,
  COL_AVAILABLE,
};

struct _AllotReportsPage
{
  AdwBin parent_instance;

  GtkStack *report_stack;
  GtkDropDown *grouping_dropdown;
  GtkCheckButton *all_years_check;
  GtkLabel *scope_label;
  GtkColumnView *table_view;
  GtkLabel *totals_label;

  GListStore *rows;
  AllotSession *session;
  gulong changed_id;
  int fiscal_year;
  GCancellable *cancellable;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FISCAL_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotReportsPage, allot_reports_page, ADW_TYPE_BIN)

static const AllotBalanceGrouping groupings[] = {
  ALLOT_BALANCE_BY_KIND, ALLOT_BALANCE_BY_SOURCE, ALLOT_BALANCE_BY_TASK_FORCE,
  ALLOT_BALANCE_BY_FISCAL_YEAR, ALLOT_BALANCE_BY_ALLOCATION,
};

typedef struct {
  AllotBalanceGrouping grouping;
  int fiscal_year;
} ReportRequest;

static gpointer
load_report (AllotStore   *reader,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  ReportRequest *request = user_data;

  return allot_store_list_balances (reader, request->grouping, request->fiscal_year, error);
}

static int
report_year (AllotReportsPage *self)
{
  return gtk_check_button_get_active (self->all_years_check) ? 0 : self->fiscal_year;
}

static void
report_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AllotReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) balances = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  AllotBalance total = { 0, };
  g_autofree char *authorized = NULL;
  g_autofree char *expended = NULL;
  g_autofree char *unliquidated = NULL;
  g_autofree char *available = NULL;
  g_autofree char *text = NULL;

  balances = allot_session_read_finish (ALLOT_SESSION (source), result, &error);
  if (balances == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->totals_label, error->message);
      return;
    }
  if (self->session == NULL)
    return;

  for (guint i = 0; i < balances->len; i++)
    {
      AllotBalanceRow *b = balances->pdata[i];
      AllotTableRow *row = allot_table_row_new (b->id);
      AllotSourceKind kind;
      const char *name = b->name;

      /* Kinds are stored by machine name; people read the label. */
      if (b->grouping == ALLOT_BALANCE_BY_KIND && allot_source_kind_from_string (b->code, &kind))
        name = allot_source_kind_label (kind);
      allot_table_row_set_text (row, COL_CODE, b->code);
      allot_table_row_set_text (row, COL_NAME, name);
      allot_table_row_set_money (row, COL_AUTHORIZED, self->session, b->balance.authorized);
      allot_table_row_set_money (row, COL_ALLOCATED, self->session, b->balance.allocated);
      allot_table_row_set_money (row, COL_OBLIGATED, self->session, b->balance.obligated);
      allot_table_row_set_money (row, COL_EXPENDED, self->session, b->balance.expended);
      allot_table_row_set_money (row, COL_UNLIQUIDATED, self->session, b->balance.unliquidated);
      allot_table_row_set_money (row, COL_AVAILABLE, self->session, b->balance.available);
      g_ptr_array_add (rows, row);
      total.authorized += b->balance.authorized;
      total.expended += b->balance.expended;
      total.unliquidated += b->balance.unliquidated;
      total.available += b->balance.available;
    }
  allot_table_replace (self->rows, rows);

  authorized = allot_session_format_money (self->session, total.authorized);
  expended = allot_session_format_money (self->session, total.expended);
  unliquidated = allot_session_format_money (self->session, total.unliquidated);
  available = allot_session_format_money (self->session, total.available);
  text = g_strdup_printf (_("Total: %s authorized, %s expended, %s unliquidated, %s available."),
                          authorized, expended, unliquidated, available);
  gtk_label_set_text (self->totals_label, text);
}

static void
reload (GtkWidget *widget)
{
  AllotReportsPage *self = ALLOT_REPORTS_PAGE (widget);
  guint selected = gtk_drop_down_get_selected (self->grouping_dropdown);
  ReportRequest *request;
  g_autofree char *scope = NULL;
  int year = report_year (self);

  if (self->session == NULL || (year == 0 && !gtk_check_button_get_active (self->all_years_check)))
    return;
  /* Another report is shown: the balances load when they are. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->report_stack), "balances") != 0)
    return;
  request = g_new0 (ReportRequest, 1);
  request->grouping = groupings[MIN (selected, G_N_ELEMENTS (groupings) - 1)];
  request->fiscal_year = year;

  if (year == 0)
    scope = g_strdup (_("All fiscal years. For sources and kinds, “Authorized” is what the "
                        "sources make available; elsewhere it is the allocated budget. Only "
                        "approved allocations and entries count; available = authorized − "
                        "expended − unliquidated."));
  else
    scope = g_strdup_printf (_("FY%d. “Authorized” is the budget allocated for the year. Only "
                               "approved allocations and entries count; available = "
                               "authorized − expended − unliquidated."), year);
  gtk_label_set_text (self->scope_label, scope);

  allot_session_read_async (self->session, load_report, request, g_free,
                            (GDestroyNotify) g_ptr_array_unref,
                            allot_page_restart_load (&self->cancellable),
                            report_loaded_cb, g_object_ref (self));
}

static void
scope_changed_cb (AllotReportsPage *self)
{
  allot_page_queue_reload (GTK_WIDGET (self));
}

/* The balances load with the view; the panels load themselves when shown. */
static void
report_changed_cb (AllotReportsPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->report_stack);

  if (g_strcmp0 (name, "balances") == 0)
    allot_page_queue_reload (GTK_WIDGET (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotReportsPage *self = ALLOT_REPORTS_PAGE (widget);

  gtk_widget_activate_action (widget, "win.export", "(si)",
                              g_variant_get_string (parameter, NULL), report_year (self));
}

static void
set_session (AllotReportsPage *self,
             AllotSession     *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  allot_table_replace (self->rows, NULL);
  if (session != NULL)
    self->changed_id = g_signal_connect_swapped (session, "changed",
                                                 G_CALLBACK (allot_page_queue_reload), self);
  allot_page_queue_reload (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_reports_page_dispose (GObject *object)
{
  AllotReportsPage *self = ALLOT_REPORTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_REPORTS_PAGE);
  G_OBJECT_CLASS (allot_reports_page_parent_class)->dispose (object);
}

static void
allot_reports_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AllotReportsPage *self = ALLOT_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FISCAL_YEAR:
      g_value_set_int (value, self->fiscal_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_reports_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AllotReportsPage *self = ALLOT_REPORTS_PAGE (object);

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
allot_reports_page_class_init (AllotReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_reports_page_dispose;
  object_class->get_property = allot_reports_page_get_property;
  object_class->set_property = allot_reports_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALLOT_TYPE_REPORT_FFR_PANEL);
  g_type_ensure (ALLOT_TYPE_REPORT_ESAC_PANEL);
  g_type_ensure (ALLOT_TYPE_REPORT_OVERTIME_PANEL);
  g_type_ensure (ALLOT_TYPE_REPORT_PARTICIPATION_PANEL);
  g_type_ensure (ALLOT_TYPE_REPORT_BURN_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotReportsPage, report_stack);
  gtk_widget_class_bind_template_child (widget_class, AllotReportsPage, grouping_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotReportsPage, all_years_check);
  gtk_widget_class_bind_template_child (widget_class, AllotReportsPage, scope_label);
  gtk_widget_class_bind_template_child (widget_class, AllotReportsPage, table_view);
  gtk_widget_class_bind_template_child (widget_class, AllotReportsPage, totals_label);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_changed_cb);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);
}

static void
allot_reports_page_init (AllotReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->report_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ALLOT_IS_REPORT_PANEL (child))
      {
        g_object_bind_property (self, "session", child, "session", G_BINDING_SYNC_CREATE);
        g_object_bind_property (self, "fiscal-year", child, "fiscal-year", G_BINDING_SYNC_CREATE);
      }

  self->rows = allot_table_setup (self->table_view);
  allot_table_add_column (self->table_view, _("Code"), COL_CODE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->table_view, _("Name"), COL_NAME, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->table_view, _("Authorized"), COL_AUTHORIZED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->table_view, _("Allocated"), COL_ALLOCATED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->table_view, _("Obligated"), COL_OBLIGATED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->table_view, _("Expended"), COL_EXPENDED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->table_view, _("Unliquidated"), COL_UNLIQUIDATED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Available"), COL_AVAILABLE, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_page_init_reload (GTK_WIDGET (self), reload);
}

int
allot_reports_page_get_export_year (AllotReportsPage *self)
{
  g_return_val_if_fail (ALLOT_IS_REPORTS_PAGE (self), 0);
  return report_year (self);
}

void
allot_reports_page_show_report (AllotReportsPage *self,
                                const char       *name)
{
  g_return_if_fail (ALLOT_IS_REPORTS_PAGE (self));
  g_return_if_fail (gtk_stack_get_child_by_name (self->report_stack, name) != NULL);
  gtk_stack_set_visible_child_name (self->report_stack, name);
}

const char *
allot_reports_page_get_report (AllotReportsPage *self)
{
  g_return_val_if_fail (ALLOT_IS_REPORTS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->report_stack);
}

GtkWidget *
allot_reports_page_get_panel (AllotReportsPage *self,
                              const char       *name)
{
  g_return_val_if_fail (ALLOT_IS_REPORTS_PAGE (self), NULL);
  return gtk_stack_get_child_by_name (self->report_stack, name);
}
