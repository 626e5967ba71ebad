/* allot-report-burn-panel.c: the burn rate of one funding source, as of
 * today.
 *
 * One load lists the sources and computes allot_report_burn() for the
 * chosen one.  The summary beside the months says what was authorized and
 * spent, the share spent against the share of the period elapsed (two
 * level bars, with their percentages in words), and the core's projection:
 * the day the money runs out at the pace so far, or what lapses unspent. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-date.h"
#include "allot-format.h"
#include "allot-report-burn-panel.h"
#include "allot-reports.h"
#include "allot-table.h"

enum {
  COL_MONTH,
  COL_SPENT,
  COL_CUMULATIVE,
  COL_SPENT_PCT,
  COL_ELAPSED_PCT,
};

enum {
  SUM_AUTHORIZED,
  SUM_SPENT,
  SUM_UNSPENT,
  SUM_OPEN,
  SUM_PERIOD,
  SUM_ELAPSED,
  SUM_AS_OF,
  N_SUM
};

struct _AllotReportBurnPanel
{
  AllotReportPanel parent_instance;

  GtkDropDown *source_dropdown;
  GtkWidget *warnings;
  GtkWidget *empty_label;
  GtkWidget *body;
  GtkLabel *values[N_SUM];
  GtkLevelBar *spent_bar;
  GtkLevelBar *elapsed_bar;
  GtkLabel *projection_label;
  GtkLabel *name_label;
  GtkColumnView *table_view;
  GListStore *rows;

  gint64 source_id;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (AllotReportBurnPanel, allot_report_burn_panel, ALLOT_TYPE_REPORT_PANEL)

typedef struct {
  GPtrArray *sources;         /* AllotSource */
  gint64 source_id;
  AllotBurnReport *report;    /* NULL with @error, or without sources */
  GError *error;
} BurnResult;

static void
burn_result_free (BurnResult *result)
{
  g_clear_pointer (&result->sources, g_ptr_array_unref);
  g_clear_pointer (&result->report, allot_burn_report_free);
  g_clear_error (&result->error);
  g_free (result);
}

static gpointer
load_burn (AllotStore   *reader,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  gint64 wanted = *(gint64 *) data;
  BurnResult *result = g_new0 (BurnResult, 1);
  GDate today;

  result->sources = allot_store_list_sources (reader, error);
  if (result->sources == NULL)
    {
      burn_result_free (result);
      return NULL;
    }
  for (guint i = 0; i < result->sources->len; i++)
    {
      const AllotSource *s = result->sources->pdata[i];

      if (s->id == wanted || result->source_id == 0)
        result->source_id = s->id;
    }
  if (result->source_id == 0)
    return result;
  allot_date_set_today (&today);
  result->report = allot_report_burn (reader, result->source_id, &today, &result->error);
  return result;
}

static char *
percent_text (guint bp)
{
  return allot_format_basis_points (bp);
}

static void
set_value_take (GtkLabel *label,
                char     *text)
{
  gtk_label_set_text (label, text);
  g_free (text);
}

static void
show_summary (AllotReportBurnPanel  *self,
              const AllotBurnReport *r)
{
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  g_autofree char *spent = allot_session_format_money (session, r->spent);
  g_autofree char *spent_pct = percent_text (r->spent_bp);
  g_autofree char *start = allot_format_date (&r->period_start);
  g_autofree char *end = allot_format_date (&r->period_end);
  g_autofree char *projection = NULL;

  gtk_label_set_text (self->name_label, r->source_name);
  set_value_take (self->values[SUM_AUTHORIZED], allot_session_format_money (session,
                                                                            r->authorized));
  set_value_take (self->values[SUM_SPENT], g_strdup_printf ("%s (%s)", spent, spent_pct));
  set_value_take (self->values[SUM_UNSPENT], allot_session_format_money (session, r->unspent));
  set_value_take (self->values[SUM_OPEN], allot_session_format_money (session, r->unliquidated));
  if (!r->has_period)
    set_value_take (self->values[SUM_PERIOD], g_strdup (_("none yet")));
  else if (g_date_valid (&r->period_end))
    set_value_take (self->values[SUM_PERIOD], g_strdup_printf (_("%s to %s"), start, end));
  else
    set_value_take (self->values[SUM_PERIOD], g_strdup_printf (_("from %s, no lapse date"),
                                                               start));
  if (r->days_total > 0)
    {
      g_autofree char *elapsed = percent_text (r->elapsed_bp);

      set_value_take (self->values[SUM_ELAPSED],
                      g_strdup_printf (_("%s (%u of %u days)"), elapsed, r->days_elapsed,
                                       r->days_total));
    }
  else
    set_value_take (self->values[SUM_ELAPSED], g_strdup ("—"));
  set_value_take (self->values[SUM_AS_OF], allot_format_date (&r->as_of));
  gtk_level_bar_set_value (self->spent_bar, MIN (r->spent_bp, 10000) / 10000.0);
  gtk_level_bar_set_value (self->elapsed_bar, MIN (r->elapsed_bp, 10000) / 10000.0);

  if (r->has_projection && r->lapses_first)
    {
      g_autofree char *day = allot_format_date (&r->exhaustion);
      g_autofree char *left = allot_session_format_money (session, r->projected_unspent);

      projection = g_strdup_printf (_("At this pace the money would last until %s, after the "
                                      "period ends on %s: %s would lapse unspent."),
                                    day, end, left);
    }
  else if (r->has_projection)
    {
      g_autofree char *day = allot_format_date (&r->exhaustion);

      projection = g_strdup_printf (_("At this pace the money runs out on %s."), day);
    }
  else
    projection = g_strdup (_("No projection: nothing is spent yet, all of it is spent, or the "
                             "period is over."));
  gtk_label_set_text (self->projection_label, projection);
}

static void
show_months (AllotReportBurnPanel  *self,
             const AllotBurnReport *r)
{
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; r != NULL && i < r->months->len; i++)
    {
      const AllotBurnMonth *m = &g_array_index (r->months, AllotBurnMonth, i);
      AllotTableRow *row = allot_table_row_new (i + 1);
      g_autofree char *month = g_strdup_printf ("%04d-%02d", m->year, m->month);
      g_autofree char *spent_pct = percent_text (m->spent_bp);
      g_autofree char *elapsed_pct = percent_text (m->elapsed_bp);

      allot_table_row_set_number (row, COL_MONTH, m->year * 100 + m->month, month);
      allot_table_row_set_money (row, COL_SPENT, session, m->spent);
      allot_table_row_set_money (row, COL_CUMULATIVE, session, m->cumulative);
      allot_table_row_set_number (row, COL_SPENT_PCT, m->spent_bp, spent_pct);
      allot_table_row_set_number (row, COL_ELAPSED_PCT, m->elapsed_bp, elapsed_pct);
      g_ptr_array_add (rows, row);
    }
  allot_table_replace (self->rows, rows);
}

static void
burn_loaded_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(AllotReportBurnPanel) self = user_data;
  BurnResult *result;

  result = allot_report_panel_read_finish (ALLOT_REPORT_PANEL (self), source, res,
                                           (GDestroyNotify) burn_result_free,
                                           self->warnings, NULL);
  if (result == NULL)
    return;

  self->updating = TRUE;
  allot_choices_reset (self->source_dropdown, NULL);
  for (guint i = 0; i < result->sources->len; i++)
    {
      const AllotSource *s = result->sources->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", s->code,
                                                allot_source_kind_label (s->kind));

      allot_choices_add (self->source_dropdown, s->id, label);
    }
  allot_choices_select (self->source_dropdown, result->source_id);
  self->source_id = result->source_id;
  self->updating = FALSE;

  show_months (self, result->report);
  gtk_widget_set_visible (self->body, result->report != NULL);
  gtk_widget_set_visible (self->empty_label, result->sources->len == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_dropdown), result->sources->len > 0);
  if (result->report != NULL)
    {
      show_summary (self, result->report);
      allot_report_warnings_set (self->warnings, result->report->warnings);
    }
  else if (result->error != NULL)
    allot_report_warnings_set_error (self->warnings, result->error->message);
  else
    allot_report_warnings_set (self->warnings, NULL);
  burn_result_free (result);
}

static void
allot_report_burn_panel_reload (AllotReportPanel *panel)
{
  AllotReportBurnPanel *self = ALLOT_REPORT_BURN_PANEL (panel);

  allot_report_panel_read (panel, load_burn, g_memdup2 (&self->source_id, sizeof (gint64)),
                           g_free, (GDestroyNotify) burn_result_free, burn_loaded_cb);
}

static void
source_changed_cb (AllotReportBurnPanel *self)
{
  if (self->updating)
    return;
  self->source_id = allot_choices_get_selected (self->source_dropdown);
  allot_report_panel_queue_reload (ALLOT_REPORT_PANEL (self));
}

static GtkWidget *
build_summary (AllotReportBurnPanel *self)
{
  const char *titles[N_SUM] = {
    [SUM_AUTHORIZED] = N_("Authorized"),
    [SUM_SPENT] = N_("Spent"),
    [SUM_UNSPENT] = N_("Unspent"),
    [SUM_OPEN] = N_("Open obligations"),
    [SUM_PERIOD] = N_("Period"),
    [SUM_ELAPSED] = N_("Time elapsed"),
    [SUM_AS_OF] = N_("As of"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *list = allot_report_list_new (_("Burn rate summary"));
  GtkWidget *bars = gtk_grid_new ();
  GtkWidget *label;

  label = allot_report_heading_new (NULL);
  gtk_widget_set_margin_top (label, 0);
  self->name_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), label);
  for (guint i = 0; i < N_SUM; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         allot_report_value_row_new (NULL, _(titles[i]), &self->values[i]));
  gtk_box_append (GTK_BOX (box), list);

  /* Spent against elapsed, the bars one above the other so that the eye
   * compares their lengths; the figures are in the rows above. */
  gtk_grid_set_row_spacing (GTK_GRID (bars), 6);
  gtk_grid_set_column_spacing (GTK_GRID (bars), 12);
  self->spent_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  self->elapsed_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  label = gtk_label_new (_("Spent"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (bars), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (bars), GTK_WIDGET (self->spent_bar), 1, 0, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->spent_bar),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  label = gtk_label_new (_("Time elapsed"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (bars), label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (bars), GTK_WIDGET (self->elapsed_bar), 1, 1, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->elapsed_bar),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_widget_set_hexpand (GTK_WIDGET (self->spent_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->spent_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->elapsed_bar), GTK_ALIGN_CENTER);
  /* No "low/high/full" offsets: the bars are amounts, not alarms. */
  gtk_level_bar_remove_offset_value (self->spent_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->spent_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->spent_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_remove_offset_value (self->elapsed_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->elapsed_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->elapsed_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_margin_start (bars, 12);
  gtk_widget_set_margin_end (bars, 12);
  gtk_box_append (GTK_BOX (box), bars);

  gtk_box_append (GTK_BOX (box), allot_report_heading_new (_("Projection")));
  label = allot_report_text_new ();
  self->projection_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
allot_report_burn_panel_class_init (AllotReportBurnPanelClass *klass)
{
  ALLOT_REPORT_PANEL_CLASS (klass)->reload = allot_report_burn_panel_reload;
  ALLOT_REPORT_PANEL_CLASS (klass)->follows_fiscal_year = FALSE;
}

static void
allot_report_burn_panel_init (AllotReportBurnPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *controls = allot_report_controls_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *summary;
  GtkWidget *table;

  self->source_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  allot_choices_reset (self->source_dropdown, NULL);
  g_signal_connect_swapped (self->source_dropdown, "notify::selected",
                            G_CALLBACK (source_changed_cb), self);
  allot_report_controls_add (controls, _("_Funding source"), GTK_WIDGET (self->source_dropdown));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), controls);
  self->warnings = allot_report_warnings_new ();
  gtk_box_append (GTK_BOX (box), self->warnings);
  self->empty_label = gtk_label_new (_("No funding source is recorded yet."));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_visible (self->empty_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->empty_label);
  self->body = body;

  summary = build_summary (self);
  gtk_widget_set_size_request (summary, 420, -1);
  /* The months take what is left. */
  gtk_widget_set_hexpand (summary, FALSE);
  gtk_box_append (GTK_BOX (body), summary);
  table = allot_report_table_new (_("Monthly spending"), &self->table_view, &self->rows);
  gtk_widget_set_hexpand (table, TRUE);
  gtk_widget_add_css_class (table, "card");
  gtk_box_append (GTK_BOX (body), table);
  allot_table_add_column (self->table_view, _("Month"), COL_MONTH, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->table_view, _("Spent"), COL_SPENT, ALLOT_TABLE_NUMBER, TRUE);
  allot_table_add_column (self->table_view, _("Cumulative"), COL_CUMULATIVE, ALLOT_TABLE_NUMBER,
                          TRUE);
  /* xgettext:no-c-format */
  allot_table_add_column (self->table_view, _("% spent"), COL_SPENT_PCT, ALLOT_TABLE_NUMBER,
                          TRUE);
  /* xgettext:no-c-format */
  allot_table_add_column (self->table_view, _("% elapsed"), COL_ELAPSED_PCT, ALLOT_TABLE_NUMBER,
                          TRUE);
  {
    static const int widths[] = { 90, 112, 120, 90, 100 };

    allot_report_table_set_widths (self->table_view, widths, G_N_ELEMENTS (widths));
  }
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), body);
  adw_bin_set_child (ADW_BIN (self), box);
}

void
allot_report_burn_panel_choose_source (AllotReportBurnPanel *self,
                                       gint64                source_id)
{
  g_return_if_fail (ALLOT_IS_REPORT_BURN_PANEL (self));
  self->updating = TRUE;
  allot_choices_select (self->source_dropdown, source_id);
  self->updating = FALSE;
  self->source_id = source_id;
  allot_report_panel_queue_reload (ALLOT_REPORT_PANEL (self));
}
