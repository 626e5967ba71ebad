/* allot-report-participation-panel.c: task-force participation.
 *
 * One row per task force and fiscal year of the jurisdiction, as
 * allot_report_participation() computes it: cash spent by kind of source,
 * in-kind contributions, officers, overtime hours and what the partners
 * reimbursed.  What does not fit the table (cash and in kind together,
 * billed, overtime amount, the partners' in-kind help) is in the totals
 * line. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-format.h"
#include "allot-report-participation-panel.h"
#include "allot-reports.h"
#include "allot-table.h"

enum {
  COL_YEAR,
  COL_TASK_FORCE,
  COL_GRANT,
  COL_APPROPRIATION,
  COL_AGREEMENT,
  COL_FORFEITURE,
  COL_CASH,
  COL_IN_KIND,
  COL_OFFICERS,
  COL_HOURS,
  COL_REIMBURSED,
};

struct _AllotReportParticipationPanel
{
  AllotReportPanel parent_instance;

  GtkCheckButton *all_years_check;
  GtkLabel *scope_label;
  GtkWidget *warnings;
  GtkColumnView *table_view;
  GListStore *rows;
  GtkLabel *totals_label;
};

G_DEFINE_FINAL_TYPE (AllotReportParticipationPanel, allot_report_participation_panel,
                     ALLOT_TYPE_REPORT_PANEL)

static gpointer
load_participation (AllotStore   *reader,
                    gpointer      data,
                    GCancellable *cancellable,
                    GError      **error)
{
  return allot_report_participation (reader, GPOINTER_TO_INT (data), error);
}

static AllotTableRow *
participation_row (AllotSession                *session,
                   gint64                       id,
                   const AllotParticipationRow *r)
{
  AllotTableRow *row = allot_table_row_new (id);
  g_autofree char *year = allot_format_fiscal_year (r->fiscal_year);
  g_autofree char *officers = g_strdup_printf ("%u", r->officers);
  g_autofree char *hours = allot_report_format_hundredths (r->overtime_hours);

  allot_table_row_set_number (row, COL_YEAR, r->fiscal_year, year);
  allot_table_row_set_text (row, COL_TASK_FORCE, r->code);
  allot_table_row_set_money (row, COL_GRANT, session, r->cash[ALLOT_SOURCE_GRANT]);
  allot_table_row_set_money (row, COL_APPROPRIATION, session, r->cash[ALLOT_SOURCE_APPROPRIATION]);
  allot_table_row_set_money (row, COL_AGREEMENT, session, r->cash[ALLOT_SOURCE_AGREEMENT]);
  allot_table_row_set_money (row, COL_FORFEITURE, session, r->cash[ALLOT_SOURCE_FORFEITURE]);
  allot_table_row_set_money (row, COL_CASH, session, r->cash_total);
  allot_table_row_set_money (row, COL_IN_KIND, session, r->in_kind);
  allot_table_row_set_number (row, COL_OFFICERS, r->officers, officers);
  allot_table_row_set_number (row, COL_HOURS, r->overtime_hours, hours);
  allot_table_row_set_money (row, COL_REIMBURSED, session, r->reimbursed);
  return row;
}

static void
participation_loaded_cb (GObject      *source,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(AllotReportParticipationPanel) self = user_data;
  g_autoptr(AllotParticipation) report = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  const AllotParticipationRow *t;
  g_autofree char *contributed = NULL, *cash = NULL, *in_kind = NULL, *hours = NULL;
  g_autofree char *amount = NULL, *billed = NULL, *reimbursed = NULL, *partner = NULL;
  g_autofree char *text = NULL;

  report = allot_report_panel_read_finish (ALLOT_REPORT_PANEL (self), source, res,
                                           (GDestroyNotify) allot_participation_free,
                                           self->warnings, self->rows);
  if (report == NULL)
    return;

  for (guint i = 0; i < report->rows->len; i++)
    g_ptr_array_add (rows, participation_row (session, i + 1, report->rows->pdata[i]));
  allot_table_replace (self->rows, rows);
  allot_report_warnings_set (self->warnings, report->warnings);

  t = &report->totals;
  contributed = allot_session_format_money (session, t->contributed);
  cash = allot_session_format_money (session, t->cash_total);
  in_kind = allot_session_format_money (session, t->in_kind);
  hours = allot_report_format_hundredths (t->overtime_hours);
  amount = allot_session_format_money (session, t->overtime_amount);
  billed = allot_session_format_money (session, t->billed);
  reimbursed = allot_session_format_money (session, t->reimbursed);
  partner = allot_session_format_money (session, t->partner_in_kind);
  text = g_strdup_printf (_("Total: %s contributed (%s in cash, %s in kind); %s overtime hours "
                            "(%s); partners billed %s and reimbursed %s, and contributed %s in "
                            "kind."),
                          contributed, cash, in_kind, hours, amount, billed, reimbursed, partner);
  gtk_label_set_text (self->totals_label, text);
}

static void
allot_report_participation_panel_reload (AllotReportPanel *panel)
{
  AllotReportParticipationPanel *self = ALLOT_REPORT_PARTICIPATION_PANEL (panel);
  int year;
  g_autofree char *scope = NULL;

  if (!allot_report_panel_get_scope_year (panel, self->all_years_check, &year))
    return;
  if (year == 0)
    scope = g_strdup (_("Every fiscal year with activity. Cash is what the jurisdiction spent "
                        "on the task force, by kind of source; in-kind help is spread over "
                        "each agreement's term."));
  else
    scope = g_strdup_printf (_("FY%d. Cash is what the jurisdiction spent on the task force, by "
                               "kind of source; in-kind help is spread over each agreement's "
                               "term."), year);
  gtk_label_set_text (self->scope_label, scope);
  allot_report_panel_read (panel, load_participation, GINT_TO_POINTER (year), NULL,
                           (GDestroyNotify) allot_participation_free, participation_loaded_cb);
}

static void
allot_report_participation_panel_class_init (AllotReportParticipationPanelClass *klass)
{
  ALLOT_REPORT_PANEL_CLASS (klass)->reload = allot_report_participation_panel_reload;
  ALLOT_REPORT_PANEL_CLASS (klass)->follows_fiscal_year = TRUE;
}

static void
allot_report_participation_panel_init (AllotReportParticipationPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *totals = allot_report_totals_new ();
  GtkWidget *controls;
  GtkColumnView *v;

  controls = allot_report_scope_row_new (ALLOT_REPORT_PANEL (self),
                                         _("Every fiscal year, rather than the one chosen in "
                                           "the header bar"),
                                         &self->scope_label, &self->all_years_check);
  gtk_box_append (GTK_BOX (box), allot_report_header_new (_("Task-force participation"), controls,
                                                          &self->warnings));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), allot_report_table_new (_("Participation by task force and "
                                                           "fiscal year"),
                                                         &self->table_view, &self->rows));
  v = self->table_view;
  allot_table_add_column (v, _("Year"), COL_YEAR, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Task force"), COL_TASK_FORCE, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (v, _("Grants"), COL_GRANT, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Appropriations"), COL_APPROPRIATION, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Agreements"), COL_AGREEMENT, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Forfeiture"), COL_FORFEITURE, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Cash total"), COL_CASH, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("In kind"), COL_IN_KIND, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Officers"), COL_OFFICERS, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("OT hours"), COL_HOURS, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (v, _("Reimbursed"), COL_REIMBURSED, ALLOT_TABLE_NUMBER, FALSE);
  {
    static const int widths[] = { 70, 110, 104, 118, 104, 104, 108, 104, 74, 80, 104 };

    allot_report_table_set_widths (v, widths, G_N_ELEMENTS (widths));
  }
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->totals_label = GTK_LABEL (totals);
  gtk_box_append (GTK_BOX (box), totals);
  adw_bin_set_child (ADW_BIN (self), box);
}

void
allot_report_participation_panel_set_all_years (AllotReportParticipationPanel *self,
                                                gboolean                       all_years)
{
  g_return_if_fail (ALLOT_IS_REPORT_PARTICIPATION_PANEL (self));
  gtk_check_button_set_active (self->all_years_check, all_years);
}
