/* allot-report-esac-panel.c: the ESAC of the fiscal year chosen in the
 * header bar: lines 1-8 and spending categories a-n, Justice and Treasury
 * columns side by side, as allot_report_esac() computes them. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-format.h"
#include "allot-report-esac-panel.h"
#include "allot-reports.h"
#include "allot-table.h"

enum {
  COL_LINE,
  COL_LABEL,
  COL_JUSTICE,
  COL_TREASURY,
};

struct _AllotReportEsacPanel
{
  AllotReportPanel parent_instance;

  GtkLabel *summary_label;
  GtkWidget *warnings;
  GtkColumnView *table_view;
  GListStore *rows;
};

G_DEFINE_FINAL_TYPE (AllotReportEsacPanel, allot_report_esac_panel, ALLOT_TYPE_REPORT_PANEL)

static gpointer
load_esac (AllotStore   *reader,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  return allot_report_esac (reader, GPOINTER_TO_INT (data), error);
}

static AllotTableRow *
money_row (AllotSession *session,
           gint64        id,
           char         *line,
           const char   *label,
           gint64        justice,
           gint64        treasury)
{
  AllotTableRow *row = allot_table_row_new (id);

  allot_table_row_set_text (row, COL_LINE, line);
  allot_table_row_set_text (row, COL_LABEL, label);
  allot_table_row_set_money (row, COL_JUSTICE, session, justice);
  allot_table_row_set_money (row, COL_TREASURY, session, treasury);
  g_free (line);
  return row;
}

static void
esac_loaded_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(AllotReportEsacPanel) self = user_data;
  g_autoptr(AllotEsac) esac = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  AllotSession *session = allot_report_panel_get_session (ALLOT_REPORT_PANEL (self));
  g_autofree char *start = NULL, *end = NULL, *due = NULL, *justice = NULL, *treasury = NULL;
  g_autofree char *summary = NULL;

  esac = allot_report_panel_read_finish (ALLOT_REPORT_PANEL (self), source, res,
                                         (GDestroyNotify) allot_esac_free,
                                         self->warnings, self->rows);
  if (esac == NULL)
    return;

  start = allot_format_date (&esac->fy_start);
  end = allot_format_date (&esac->fy_end);
  due = allot_format_date (&esac->due_date);
  justice = allot_esac_sources_text (esac, ALLOT_ESAC_JUSTICE);
  treasury = allot_esac_sources_text (esac, ALLOT_ESAC_TREASURY);
  summary = g_strdup_printf (_("Fiscal year %d (%s to %s) of %s. Justice funds: %s. Treasury "
                               "funds: %s. Due %s, 60 days after the fiscal year ends. Cash "
                               "basis: spending counts when paid; state forfeiture funds are "
                               "not on the ESAC."),
                             esac->fiscal_year, start, end, esac->agency, justice, treasury, due);
  gtk_label_set_text (self->summary_label, summary);

  for (guint l = 0; l < ALLOT_ESAC_N_LINES; l++)
    g_ptr_array_add (rows, money_row (session, l, g_strdup_printf ("%u", l + 1),
                                      allot_esac_line_label (l),
                                      esac->lines[ALLOT_ESAC_JUSTICE][l],
                                      esac->lines[ALLOT_ESAC_TREASURY][l]));
  for (char c = 'a'; c <= 'n'; c++)
    g_ptr_array_add (rows, money_row (session, ALLOT_ESAC_N_LINES + c - 'a',
                                      g_strdup_printf ("%c", c), allot_esac_category_label (c),
                                      esac->spent[ALLOT_ESAC_JUSTICE][c - 'a'],
                                      esac->spent[ALLOT_ESAC_TREASURY][c - 'a']));
  allot_table_replace (self->rows, rows);
  allot_report_warnings_set (self->warnings, esac->warnings);
}

static void
allot_report_esac_panel_reload (AllotReportPanel *panel)
{
  int year = allot_report_panel_get_fiscal_year (panel);

  if (year == 0)
    return;
  allot_report_panel_read (panel, load_esac, GINT_TO_POINTER (year), NULL,
                           (GDestroyNotify) allot_esac_free, esac_loaded_cb);
}

static void
allot_report_esac_panel_class_init (AllotReportEsacPanelClass *klass)
{
  ALLOT_REPORT_PANEL_CLASS (klass)->reload = allot_report_esac_panel_reload;
  ALLOT_REPORT_PANEL_CLASS (klass)->follows_fiscal_year = TRUE;
}

static void
allot_report_esac_panel_init (AllotReportEsacPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *label = allot_report_text_new ();

  self->summary_label = GTK_LABEL (label);
  gtk_box_append (GTK_BOX (box),
                  allot_report_header_new (_("Equitable Sharing Agreement and Certification"),
                                           label, &self->warnings));
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box),
                  allot_report_table_new (_("Equitable sharing, Justice and Treasury"),
                                          &self->table_view, &self->rows));
  allot_table_add_column (self->table_view, _("Line"), COL_LINE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->table_view, _("Description"), COL_LABEL, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->table_view, _("Justice"), COL_JUSTICE, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->table_view, _("Treasury"), COL_TREASURY, ALLOT_TABLE_NUMBER,
                          FALSE);
  adw_bin_set_child (ADW_BIN (self), box);
}
