/* allot-report-ffr-panel.c: the SF-425 of a grant.
 *
 * One load lists the grants and the chosen grant's reporting periods and
 * computes the report, so the choices and the figures always come from the
 * same read.  The period end is picked from the grant's reporting periods
 * (allot_report_periods()): those are the dates an SF-425 is filed for.
 * Every figure is the core's (allot_report_ffr()); the panel only formats. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-date.h"
#include "allot-format.h"
#include "allot-report-ffr-panel.h"

enum {
  HEAD_AGENCY,
  HEAD_AWARD,
  HEAD_LISTING,
  HEAD_RECIPIENT,
  HEAD_UEI,
  HEAD_EIN,
  HEAD_TYPE,
  HEAD_BASIS,
  HEAD_PROJECT,
  HEAD_PERIOD,
  HEAD_DUE,
  N_HEAD
};

struct _AllotReportFfrPanel
{
  AllotReportPanel parent_instance;

  GtkDropDown *grant_dropdown;
  GtkDropDown *period_dropdown;
  GtkCheckButton *final_check;
  GtkDropDown *basis_dropdown;
  GtkWidget *warnings;
  GtkWidget *empty_label;
  GtkWidget *body;
  GtkLabel *head_values[N_HEAD];
  GtkLabel *line_values[ALLOT_FFR_N_LINES];
  GtkWidget *indirect_box;    /* a list per rate period, and one of totals */

  /* What the controls ask for. */
  gint64 source_id;
  GDate period_end;           /* invalid: the latest period ended by today */
  gboolean final;
  AllotReportBasis basis;

  GPtrArray *periods;         /* AllotReportingPeriod in the period dropdown */
  AllotFfr *ffr;              /* shown */
  gboolean updating;          /* while the controls are refilled */
};

G_DEFINE_FINAL_TYPE (AllotReportFfrPanel, allot_report_ffr_panel, ALLOT_TYPE_REPORT_PANEL)

typedef struct {
  gint64 source_id;
  GDate period_end;
  gboolean final;
  AllotReportBasis basis;
} FfrRequest;

typedef struct {
  GPtrArray *grants;          /* AllotSource */
  gint64 source_id;           /* the grant reported on; 0 without grants */
  GPtrArray *periods;         /* its AllotReportingPeriod */
  GDate period_end;
  gboolean final;
  AllotFfr *ffr;              /* NULL with @error */
  GError *error;
} FfrResult;

static void
ffr_result_free (FfrResult *result)
{
  g_clear_pointer (&result->grants, g_ptr_array_unref);
  g_clear_pointer (&result->periods, g_ptr_array_unref);
  g_clear_pointer (&result->ffr, allot_ffr_free);
  g_clear_error (&result->error);
  g_free (result);
}

/* The latest period that ended by @today; the first when none has yet. */
static const AllotReportingPeriod *
default_period (GPtrArray   *periods,
                const GDate *today)
{
  const AllotReportingPeriod *chosen = NULL;

  for (guint i = 0; i < periods->len; i++)
    {
      const AllotReportingPeriod *p = periods->pdata[i];

      if (chosen == NULL || g_date_compare (&p->period_end, today) <= 0)
        chosen = p;
    }
  return chosen;
}

static gpointer
load_ffr (AllotStore   *reader,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  FfrRequest *request = data;
  FfrResult *result = g_new0 (FfrResult, 1);
  g_autoptr(GPtrArray) sources = allot_store_list_sources (reader, error);
  const AllotReportingPeriod *period = NULL;
  GDate today;

  if (sources == NULL)
    {
      ffr_result_free (result);
      return NULL;
    }
  result->grants = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_source_free);
  for (guint i = 0; i < sources->len; i++)
    {
      AllotSource *s = sources->pdata[i];

      if (s->kind != ALLOT_SOURCE_GRANT)
        continue;
      g_ptr_array_add (result->grants, g_steal_pointer (&sources->pdata[i]));
      if (s->id == request->source_id || result->source_id == 0)
        result->source_id = s->id;
    }
  g_date_clear (&result->period_end, 1);
  if (result->source_id == 0)
    return result;

  allot_date_set_today (&today);
  result->periods = allot_report_periods (reader, result->source_id, &today, error);
  if (result->periods == NULL)
    {
      ffr_result_free (result);
      return NULL;
    }
  for (guint i = 0; request->source_id == result->source_id && g_date_valid (&request->period_end)
                    && i < result->periods->len; i++)
    {
      const AllotReportingPeriod *p = result->periods->pdata[i];

      if (g_date_compare (&p->period_end, &request->period_end) == 0)
        period = p;
    }
  if (period != NULL)
    result->final = request->final;
  else if ((period = default_period (result->periods, &today)) != NULL)
    result->final = g_str_equal (period->report_type, "final");
  if (period == NULL)
    return result;

  result->period_end = period->period_end;
  result->ffr = allot_report_ffr (reader, result->source_id, &result->period_end, result->final,
                                  request->basis, &today, &result->error);
  return result;
}

static const char *
report_type_label (const char *type)
{
  if (g_strcmp0 (type, "quarterly") == 0)
    return _("quarterly");
  if (g_strcmp0 (type, "semiannual") == 0)
    return _("semi-annual");
  if (g_strcmp0 (type, "annual") == 0)
    return _("annual");
  if (g_strcmp0 (type, "final") == 0)
    return _("final");
  return type;
}

static void
fill_controls (AllotReportFfrPanel *self,
               FfrResult           *result)
{
  self->updating = TRUE;
  allot_choices_reset (self->grant_dropdown, NULL);
  for (guint i = 0; i < result->grants->len; i++)
    {
      const AllotSource *s = result->grants->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", s->code, s->u.grant.award_number);

      allot_choices_add (self->grant_dropdown, s->id, label);
    }
  allot_choices_select (self->grant_dropdown, result->source_id);

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  self->periods = result->periods != NULL ? g_ptr_array_ref (result->periods) : NULL;
  allot_choices_reset (self->period_dropdown, NULL);
  for (guint i = 0; self->periods != NULL && i < self->periods->len; i++)
    {
      const AllotReportingPeriod *p = self->periods->pdata[i];
      g_autofree char *end = allot_format_date (&p->period_end);
      g_autofree char *due = allot_format_date (&p->due_date);
      /* TRANSLATORS: a reporting period: its last day, the kind of report
       * ("quarterly", "final" ...) and when it is due. */
      g_autofree char *label = g_strdup_printf (_("%s (%s, due %s)"), end,
                                                report_type_label (p->report_type), due);

      allot_choices_add (self->period_dropdown, i + 1, label);
      if (g_date_valid (&result->period_end) &&
          g_date_compare (&p->period_end, &result->period_end) == 0)
        gtk_drop_down_set_selected (self->period_dropdown, i);
    }
  gtk_check_button_set_active (self->final_check, result->final);
  gtk_widget_set_sensitive (GTK_WIDGET (self->grant_dropdown), result->grants->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown),
                            self->periods != NULL && self->periods->len > 0);

  self->source_id = result->source_id;
  self->period_end = result->period_end;
  self->final = result->final;
  self->updating = FALSE;
}

static void
set_value (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL && *text != '\0' ? text : "—");
}

static void
set_value_take (GtkLabel *label,
                char     *text)
{
  set_value (label, text);
  g_free (text);
}

static const char *
rate_type_label (const char *type)
{
  if (g_strcmp0 (type, "de_minimis") == 0)
    return _("de minimis");
  if (g_strcmp0 (type, "provisional") == 0)
    return _("provisional");
  if (g_strcmp0 (type, "predetermined") == 0)
    return _("predetermined");
  if (g_strcmp0 (type, "final") == 0)
    return _("final");
  if (g_strcmp0 (type, "fixed") == 0)
    return _("fixed");
  return type;
}

static void
add_indirect_row (GtkWidget  *list,
                  const char *id,
                  const char *title,
                  char       *value)
{
  GtkLabel *label;

  gtk_list_box_append (GTK_LIST_BOX (list), allot_report_value_row_new (id, title, &label));
  set_value_take (label, value);
}

static GtkWidget *
add_indirect_list (AllotReportFfrPanel *self,
                   const char          *name)
{
  GtkWidget *list = allot_report_list_new (name);

  gtk_box_append (GTK_BOX (self->indirect_box), list);
  return list;
}

static void
show_indirect (AllotReportFfrPanel *self,
               const AllotFfr      *ffr)
{
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  GtkWidget *child;
  GtkWidget *list;

  while ((child = gtk_widget_get_first_child (self->indirect_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->indirect_box), child);
  for (guint i = 0; i < ffr->indirect->len; i++)
    {
      const AllotFfrIndirect *r = ffr->indirect->pdata[i];
      g_autofree char *start = allot_format_date (&r->start);
      g_autofree char *end = allot_format_date (&r->end);
      g_autofree char *name = g_strdup_printf (_("Indirect rate period %u"), i + 1);
      g_autofree char *base = NULL;

      if (r->base_exclusions != NULL && *r->base_exclusions != '\0')
        base = g_strdup_printf (_("Base (%s, less lines %s)"), r->base_type, r->base_exclusions);
      else
        base = g_strdup_printf (_("Base (%s)"), r->base_type);
      list = add_indirect_list (self, name);
      add_indirect_row (list, "11a", _("Type of rate"), g_strdup (rate_type_label (r->rate_type)));
      add_indirect_row (list, "11b", _("Rate"), allot_format_basis_points (r->rate_bp));
      add_indirect_row (list, "11c", _("Period"), g_strdup_printf (_("%s to %s"), start, end));
      add_indirect_row (list, "11d", base, allot_session_format_money (session, r->base));
      add_indirect_row (list, "11e", _("Amount charged"),
                        allot_session_format_money (session, r->amount_charged));
      add_indirect_row (list, "11f", _("Federal share"),
                        allot_session_format_money (session, r->federal_share));
    }
  list = add_indirect_list (self, _("Indirect expense totals"));
  if (ffr->indirect->len == 0)
    {
      add_indirect_row (list, "11", _("No indirect cost rate is recorded for this award."),
                        g_strdup (""));
      return;
    }
  add_indirect_row (list, "11g", _("Total base"),
                    allot_session_format_money (session, ffr->indirect_base));
  add_indirect_row (list, "11g", _("Total amount charged"),
                    allot_session_format_money (session, ffr->indirect_charged));
  add_indirect_row (list, "11g", _("Total federal share"),
                    allot_session_format_money (session, ffr->indirect_federal));
}

static void
show_report (AllotReportFfrPanel *self,
             const AllotFfr      *ffr)
{
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  g_autofree char *ps = allot_format_date (&ffr->project_start);
  g_autofree char *pe = allot_format_date (&ffr->project_end);
  g_autofree char *rs = allot_format_date (g_date_valid (&ffr->period_start)
                                           ? &ffr->period_start : &ffr->project_start);
  g_autofree char *re = allot_format_date (&ffr->period_end);

  set_value (self->head_values[HEAD_AGENCY], ffr->awarding_agency);
  set_value_take (self->head_values[HEAD_AWARD],
                  g_strdup_printf ("%s (%s)", ffr->award_number, ffr->source_code));
  set_value (self->head_values[HEAD_LISTING], ffr->assistance_listing);
  set_value (self->head_values[HEAD_RECIPIENT], ffr->recipient);
  set_value (self->head_values[HEAD_UEI], ffr->recipient_uei);
  set_value (self->head_values[HEAD_EIN], ffr->recipient_ein);
  set_value (self->head_values[HEAD_TYPE], report_type_label (ffr->report_type));
  set_value (self->head_values[HEAD_BASIS],
             ffr->basis == ALLOT_BASIS_ACCRUAL ? _("Accrual") : _("Cash"));
  set_value_take (self->head_values[HEAD_PROJECT], g_strdup_printf (_("%s to %s"), ps, pe));
  set_value_take (self->head_values[HEAD_PERIOD], g_strdup_printf (_("%s to %s"), rs, re));
  set_value_take (self->head_values[HEAD_DUE], allot_format_date (&ffr->due_date));

  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    set_value_take (self->line_values[l], allot_session_format_money (session, ffr->lines[l]));
  show_indirect (self, ffr);
  allot_report_warnings_set (self->warnings, ffr->warnings);
}

static void
ffr_loaded_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(AllotReportFfrPanel) self = user_data;
  FfrResult *result;

  result = allot_report_panel_read_finish (ALLOT_REPORT_PANEL (self), source, res,
                                           (GDestroyNotify) ffr_result_free,
                                           self->warnings, NULL);
  if (result == NULL)
    return;
  fill_controls (self, result);
  g_clear_pointer (&self->ffr, allot_ffr_free);
  self->ffr = g_steal_pointer (&result->ffr);
  gtk_widget_set_visible (self->body, self->ffr != NULL);
  gtk_widget_set_visible (self->empty_label, result->grants->len == 0);
  if (self->ffr != NULL)
    show_report (self, self->ffr);
  else if (result->error != NULL)
    allot_report_warnings_set_error (self->warnings, result->error->message);
  else
    allot_report_warnings_set (self->warnings, NULL);
  ffr_result_free (result);
}

static void
allot_report_ffr_panel_reload (AllotReportPanel *panel)
{
  AllotReportFfrPanel *self = ALLOT_REPORT_FFR_PANEL (panel);
  FfrRequest *request = g_new0 (FfrRequest, 1);

  request->source_id = self->source_id;
  request->period_end = self->period_end;
  request->final = self->final;
  request->basis = self->basis;
  allot_report_panel_read (panel, load_ffr, request, g_free, (GDestroyNotify) ffr_result_free,
                           ffr_loaded_cb);
}

static void
grant_changed_cb (AllotReportFfrPanel *self)
{
  if (self->updating)
    return;
  self->source_id = allot_choices_get_selected (self->grant_dropdown);
  g_date_clear (&self->period_end, 1);
  allot_report_panel_queue_reload (ALLOT_REPORT_PANEL (self));
}

static void
period_changed_cb (AllotReportFfrPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  const AllotReportingPeriod *p;

  if (self->updating || self->periods == NULL || selected >= self->periods->len)
    return;
  p = self->periods->pdata[selected];
  self->period_end = p->period_end;
  /* The last period is the final report; a person may still file it as
   * interim (or an interim one as final), hence a check box. */
  self->final = g_str_equal (p->report_type, "final");
  self->updating = TRUE;
  gtk_check_button_set_active (self->final_check, self->final);
  self->updating = FALSE;
  allot_report_panel_queue_reload (ALLOT_REPORT_PANEL (self));
}

static void
options_changed_cb (AllotReportFfrPanel *self)
{
  if (self->updating)
    return;
  self->final = gtk_check_button_get_active (self->final_check);
  self->basis = gtk_drop_down_get_selected (self->basis_dropdown) == 1 ? ALLOT_BASIS_ACCRUAL
                                                                        : ALLOT_BASIS_CASH;
  allot_report_panel_queue_reload (ALLOT_REPORT_PANEL (self));
}

static GtkWidget *
build_controls (AllotReportFfrPanel *self)
{
  GtkWidget *box = allot_report_controls_new ();
  const char *bases[] = { N_("Cash"), N_("Accrual"), NULL };
  g_autoptr(GtkStringList) basis_list = gtk_string_list_new (NULL);

  for (guint i = 0; bases[i] != NULL; i++)
    gtk_string_list_append (basis_list, _(bases[i]));
  self->grant_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  self->period_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  self->final_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Final report")));
  self->basis_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (
                                                             &basis_list)), NULL));
  allot_choices_reset (self->grant_dropdown, NULL);
  allot_choices_reset (self->period_dropdown, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->final_check),
                               _("The last report of the award: it must show no unliquidated "
                                 "obligations"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->basis_dropdown),
                               _("Cash: spending counts when paid. Accrual: when incurred."));

  allot_report_controls_add (box, _("_Grant"), GTK_WIDGET (self->grant_dropdown));
  allot_report_controls_add (box, _("_Period ending"), GTK_WIDGET (self->period_dropdown));
  allot_report_controls_add (box, NULL, GTK_WIDGET (self->final_check));
  allot_report_controls_add (box, _("_Basis"), GTK_WIDGET (self->basis_dropdown));

  g_signal_connect_swapped (self->grant_dropdown, "notify::selected",
                            G_CALLBACK (grant_changed_cb), self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (period_changed_cb), self);
  g_signal_connect_swapped (self->final_check, "toggled", G_CALLBACK (options_changed_cb), self);
  g_signal_connect_swapped (self->basis_dropdown, "notify::selected",
                            G_CALLBACK (options_changed_cb), self);
  return box;
}

static GtkWidget *
build_header (AllotReportFfrPanel *self)
{
  const char *titles[N_HEAD] = {
    [HEAD_AGENCY] = N_("Federal agency"),
    [HEAD_AWARD] = N_("Federal grant or award number"),
    [HEAD_LISTING] = N_("Assistance Listing"),
    [HEAD_RECIPIENT] = N_("Recipient"),
    [HEAD_UEI] = N_("UEI"),
    [HEAD_EIN] = N_("EIN"),
    [HEAD_TYPE] = N_("Report type"),
    [HEAD_BASIS] = N_("Basis of accounting"),
    [HEAD_PROJECT] = N_("Project period"),
    [HEAD_PERIOD] = N_("Reporting period"),
    [HEAD_DUE] = N_("Due date"),
  };
  GtkWidget *list = allot_report_list_new (_("Report header"));

  for (guint i = 0; i < N_HEAD; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         allot_report_value_row_new (NULL, _(titles[i]), &self->head_values[i]));
  return list;
}

static GtkWidget *
build_lines (AllotReportFfrPanel *self)
{
  GtkWidget *list = allot_report_list_new (_("Transactions, lines 10a to 10o"));

  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         allot_report_value_row_new (allot_ffr_line_id (l),
                                                     allot_ffr_line_label (l),
                                                     &self->line_values[l]));
  return list;
}

static void
allot_report_ffr_panel_finalize (GObject *object)
{
  AllotReportFfrPanel *self = ALLOT_REPORT_FFR_PANEL (object);

  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->ffr, allot_ffr_free);
  G_OBJECT_CLASS (allot_report_ffr_panel_parent_class)->finalize (object);
}

static void
allot_report_ffr_panel_class_init (AllotReportFfrPanelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = allot_report_ffr_panel_finalize;
  ALLOT_REPORT_PANEL_CLASS (klass)->reload = allot_report_ffr_panel_reload;
  ALLOT_REPORT_PANEL_CLASS (klass)->follows_fiscal_year = FALSE;
}

static void
allot_report_ffr_panel_init (AllotReportFfrPanel *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  g_date_clear (&self->period_end, 1);
  self->basis = ALLOT_BASIS_CASH;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), build_controls (self));

  self->warnings = allot_report_warnings_new ();
  gtk_box_append (GTK_BOX (box), self->warnings);
  self->empty_label = gtk_label_new (_("No federal grant is recorded: the SF-425 is filed for "
                                       "federal grants."));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_visible (self->empty_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->empty_label);

  /* Header and line 11 on the left, the line-10 figures on the right:
   * the figures read top to bottom as on the form. */
  self->body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_box_set_homogeneous (GTK_BOX (self->body), TRUE);
  gtk_box_append (GTK_BOX (left), allot_report_heading_new (_("Federal Financial Report (SF-425)")));
  gtk_box_append (GTK_BOX (left), build_header (self));
  gtk_box_append (GTK_BOX (left), allot_report_heading_new (_("Indirect expense (line 11)")));
  self->indirect_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (left), self->indirect_box);
  gtk_box_append (GTK_BOX (right),
                  allot_report_heading_new (_("Transactions, cumulative (line 10)")));
  gtk_box_append (GTK_BOX (right), build_lines (self));
  gtk_box_append (GTK_BOX (self->body), left);
  gtk_box_append (GTK_BOX (self->body), right);
  gtk_box_append (GTK_BOX (box), self->body);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

void
allot_report_ffr_panel_choose (AllotReportFfrPanel *self,
                               gint64               source_id,
                               const GDate         *period_end,
                               gboolean             final,
                               AllotReportBasis     basis)
{
  g_return_if_fail (ALLOT_IS_REPORT_FFR_PANEL (self));

  self->updating = TRUE;
  allot_choices_select (self->grant_dropdown, source_id);
  gtk_check_button_set_active (self->final_check, final);
  gtk_drop_down_set_selected (self->basis_dropdown, basis == ALLOT_BASIS_ACCRUAL ? 1 : 0);
  self->updating = FALSE;
  self->source_id = source_id;
  if (period_end != NULL)
    self->period_end = *period_end;
  else
    g_date_clear (&self->period_end, 1);
  self->final = final;
  self->basis = basis;
  allot_report_panel_queue_reload (ALLOT_REPORT_PANEL (self));
}

const AllotFfr *
allot_report_ffr_panel_get_report (AllotReportFfrPanel *self)
{
  g_return_val_if_fail (ALLOT_IS_REPORT_FFR_PANEL (self), NULL);
  return self->ffr;
}
