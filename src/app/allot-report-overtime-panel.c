/* allot-report-overtime-panel.c: overtime by officer and agreement.
 *
 * One row per officer, agreement and federal fiscal year, as
 * allot_report_overtime() computes it.  A row with overtime over a cap is
 * marked with an icon and in words in its Status column, not by colour
 * alone; the core's warnings (over-cap amounts, entries awaiting review)
 * are listed above the table. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-format.h"
#include "allot-report-overtime-panel.h"
#include "allot-reports.h"
#include "allot-table.h"

enum {
  COL_AGREEMENT,
  COL_OFFICER,
  COL_YEAR,
  COL_HOURS,
  COL_AMOUNT,
  COL_CAP,
  COL_REMAINING,
  COL_BILLED,
  COL_RECEIVED,
  COL_OUTSTANDING,
  COL_STATUS,
  COL_STATUS_DETAIL,  /* not a column: the status cell's tooltip */
};

struct _AllotReportOvertimePanel
{
  AllotReportPanel parent_instance;

  GtkCheckButton *all_years_check;
  GtkLabel *scope_label;
  GtkWidget *warnings;
  GtkColumnView *table_view;
  GListStore *rows;
  GtkLabel *totals_label;
};

G_DEFINE_FINAL_TYPE (AllotReportOvertimePanel, allot_report_overtime_panel,
                     ALLOT_TYPE_REPORT_PANEL)

static gpointer
load_overtime (AllotStore   *reader,
               gpointer      data,
               GCancellable *cancellable,
               GError      **error)
{
  return allot_report_overtime (reader, GPOINTER_TO_INT (data), error);
}

static AllotTableRow *
overtime_row (AllotSession           *session,
              gint64                  id,
              const AllotOvertimeRow *r)
{
  AllotTableRow *row = allot_table_row_new (id);
  g_autofree char *officer = g_strdup_printf ("%s %s", r->badge, r->officer_name);
  g_autofree char *year = allot_format_fiscal_year (r->fiscal_year);
  g_autofree char *hours = allot_report_format_hundredths (r->hours);
  g_autofree char *reimbursable = allot_session_format_money (session, r->reimbursable);
  g_autofree char *detail = NULL;
  const char *status;

  allot_table_row_set_text (row, COL_AGREEMENT, r->agreement_code);
  allot_table_row_set_text (row, COL_OFFICER, officer);
  allot_table_row_set_number (row, COL_YEAR, r->fiscal_year, year);
  allot_table_row_set_number (row, COL_HOURS, r->hours, hours);
  allot_table_row_set_money (row, COL_AMOUNT, session, r->amount);
  if (r->annual_cap > 0)
    {
      allot_table_row_set_money (row, COL_CAP, session, r->annual_cap);
      allot_table_row_set_money (row, COL_REMAINING, session, r->remaining);
    }
  else
    {
      allot_table_row_set_number (row, COL_CAP, 0, "—");
      allot_table_row_set_number (row, COL_REMAINING, 0, "—");
    }
  allot_table_row_set_money (row, COL_BILLED, session, r->billed);
  allot_table_row_set_money (row, COL_RECEIVED, session, r->received);
  allot_table_row_set_money (row, COL_OUTSTANDING, session, r->outstanding);

  /* Short words in the cell (an icon beside them when over), the amounts
   * in its tooltip. */
  if (r->over_cap > 0)
    {
      g_autofree char *over = allot_session_format_money (session, r->over_cap);

      status = _("Over cap");
      detail = g_strdup_printf (ngettext ("Over the cap by %s in %u entry; %s reimbursable",
                                          "Over the cap by %s in %u entries; %s reimbursable",
                                          r->n_flagged),
                                over, r->n_flagged, reimbursable);
      allot_table_row_set_data (row, GINT_TO_POINTER (TRUE), NULL);
    }
  else if (r->annual_cap == 0 && r->monthly_cap == 0)
    {
      status = _("No cap");
      detail = g_strdup_printf (_("No cap is recorded for this agreement and year; %s "
                                  "reimbursable"), reimbursable);
    }
  else
    {
      status = _("Within cap");
      detail = g_strdup_printf (_("Within the cap; %s reimbursable"), reimbursable);
    }
  if (r->monthly_cap > 0)
    {
      g_autofree char *monthly = allot_session_format_money (session, r->monthly_cap);
      char *with_monthly = g_strdup_printf (_("%s (monthly cap %s)"), detail, monthly);

      g_free (detail);
      detail = with_monthly;
    }
  allot_table_row_set_text (row, COL_STATUS_DETAIL, detail);
  allot_table_row_set_number (row, COL_STATUS, r->over_cap, status);
  return row;
}

static void
overtime_loaded_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(AllotReportOvertimePanel) self = user_data;
  g_autoptr(AllotOvertimeReport) report = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  const AllotOvertimeRow *t;
  g_autofree char *hours = NULL, *amount = NULL, *reimbursable = NULL, *over = NULL;
  g_autofree char *billed = NULL, *received = NULL, *outstanding = NULL, *text = NULL;

  report = allot_report_panel_read_finish (ALLOT_REPORT_PANEL (self), source, res,
                                           (GDestroyNotify) allot_overtime_report_free,
                                           self->warnings, self->rows);
  if (report == NULL)
    return;

  for (guint i = 0; i < report->rows->len; i++)
    g_ptr_array_add (rows, overtime_row (session, i + 1, report->rows->pdata[i]));
  allot_table_replace (self->rows, rows);
  allot_report_warnings_set (self->warnings, report->warnings);

  t = &report->totals;
  hours = allot_report_format_hundredths (t->hours);
  amount = allot_session_format_money (session, t->amount);
  reimbursable = allot_session_format_money (session, t->reimbursable);
  over = allot_session_format_money (session, t->over_cap);
  billed = allot_session_format_money (session, t->billed);
  received = allot_session_format_money (session, t->received);
  outstanding = allot_session_format_money (session, t->outstanding);
  text = g_strdup_printf (_("Total: %s hours, %s of overtime, %s reimbursable within the caps, "
                            "%s over them; %s billed, %s received, %s outstanding."),
                          hours, amount, reimbursable, over, billed, received, outstanding);
  gtk_label_set_text (self->totals_label, text);
}

static void
allot_report_overtime_panel_reload (AllotReportPanel *panel)
{
  AllotReportOvertimePanel *self = ALLOT_REPORT_OVERTIME_PANEL (panel);
  int year;
  g_autofree char *scope = NULL;

  if (!allot_report_panel_get_scope_year (panel, self->all_years_check, &year))
    return;
  if (year == 0)
    scope = g_strdup (_("Every federal fiscal year. Only approved overtime counts; caps are per "
                        "officer, agreement and federal fiscal year."));
  else
    scope = g_strdup_printf (_("Federal fiscal year %d. Only approved overtime counts; caps are "
                               "per officer, agreement and federal fiscal year."), year);
  gtk_label_set_text (self->scope_label, scope);
  allot_report_panel_read (panel, load_overtime, GINT_TO_POINTER (year), NULL,
                           (GDestroyNotify) allot_overtime_report_free, overtime_loaded_cb);
}

/* ---- the status column: icon and words ---- */

static void
setup_status_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (image, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Over cap"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_status_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  AllotTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);
  const char *text = allot_table_row_get_text (row, COL_STATUS);

  gtk_widget_set_visible (image, allot_table_row_get_data (row) != NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (box, allot_table_row_get_text (row, COL_STATUS_DETAIL));
}

static void
add_status_column (GtkColumnView *view)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_status_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_status_cb), NULL);
  column = gtk_column_view_column_new (_("Status"), g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (view, column);
}

static void
allot_report_overtime_panel_class_init (AllotReportOvertimePanelClass *klass)
{
  ALLOT_REPORT_PANEL_CLASS (klass)->reload = allot_report_overtime_panel_reload;
  ALLOT_REPORT_PANEL_CLASS (klass)->follows_fiscal_year = TRUE;
}

static void
allot_report_overtime_panel_init (AllotReportOvertimePanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *totals = allot_report_totals_new ();
  GtkWidget *controls;

  controls = allot_report_scope_row_new (ALLOT_REPORT_PANEL (self),
                                         _("Every federal fiscal year, rather than the one "
                                           "chosen in the header bar"),
                                         &self->scope_label, &self->all_years_check);
  gtk_box_append (GTK_BOX (box), allot_report_header_new (_("Overtime by officer and "
                                                            "agreement"),
                                                          controls, &self->warnings));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), allot_report_table_new (_("Overtime by officer and agreement"),
                                                         &self->table_view, &self->rows));
  allot_table_add_column (self->table_view, _("Agreement"), COL_AGREEMENT, ALLOT_TABLE_TEXT,
                          FALSE);
  allot_table_add_column (self->table_view, _("Officer"), COL_OFFICER, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->table_view, _("Year"), COL_YEAR, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Hours"), COL_HOURS, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Amount"), COL_AMOUNT, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Annual cap"), COL_CAP, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Remaining"), COL_REMAINING, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->table_view, _("Billed"), COL_BILLED, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Received"), COL_RECEIVED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->table_view, _("Outstanding"), COL_OUTSTANDING,
                          ALLOT_TABLE_NUMBER, FALSE);
  add_status_column (self->table_view);
  {
    static const int widths[] = { 120, 212, 72, 66, 90, 90, 90, 90, 90, 96, 104 };

    allot_report_table_set_widths (self->table_view, widths, G_N_ELEMENTS (widths));
  }
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->totals_label = GTK_LABEL (totals);
  gtk_box_append (GTK_BOX (box), totals);
  adw_bin_set_child (ADW_BIN (self), box);
}

void
allot_report_overtime_panel_set_all_years (AllotReportOvertimePanel *self,
                                           gboolean                  all_years)
{
  g_return_if_fail (ALLOT_IS_REPORT_OVERTIME_PANEL (self));
  gtk_check_button_set_active (self->all_years_check, all_years);
}
