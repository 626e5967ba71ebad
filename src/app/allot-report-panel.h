/* allot-report-panel.h: what the report panels of the Reports view share.
 *
 * A panel shows one report of the core (allot-reports.h) with its
 * parameters as controls.  The base class holds the session and the
 * window's fiscal year, reloads the panel when it is shown and when either
 * changes (or the data does), and runs the report on the session's reader
 * thread; a subclass builds its widgets and implements reload().
 *
 * The panels build their widgets in code rather than from templates: most
 * of what they show are rows generated from the core's own line tables
 * (allot_ffr_line_label(), allot_esac_category_label() ...) with the
 * builders below, so a template would hold little beyond an empty box. */
#pragma once

#include <adwaita.h>

#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORT_PANEL (allot_report_panel_get_type ())
G_DECLARE_DERIVABLE_TYPE (AllotReportPanel, allot_report_panel, ALLOT, REPORT_PANEL, AdwBin)

struct _AllotReportPanelClass
{
  AdwBinClass parent_class;

  /* Starts loading the report for the current session and controls. */
  void (*reload) (AllotReportPanel *self);
  /* Whether a new fiscal year changes what the panel shows. */
  gboolean follows_fiscal_year;
};

AllotSession *allot_report_panel_get_session     (AllotReportPanel *self);
int           allot_report_panel_get_fiscal_year (AllotReportPanel *self);
/* Reloads soon (once, and only when shown): for the panel's controls. */
void          allot_report_panel_queue_reload    (AllotReportPanel *self);

/* Runs @func on the reader thread; the previous load of the panel is
 * cancelled.  @callback gets a new reference to the panel as user data. */
void          allot_report_panel_read            (AllotReportPanel    *self,
                                                  AllotSessionReadFunc func,
                                                  gpointer             data,
                                                  GDestroyNotify       data_destroy,
                                                  GDestroyNotify       result_destroy,
                                                  GAsyncReadyCallback  callback);

/* For the @callback of allot_report_panel_read(): the result of the load
 * (@source, @res), or NULL when there is nothing to show: the load failed
 * (why is then shown in @warnings and @rows, when not NULL, emptied; a
 * cancelled load, replaced by a newer one, shows nothing) or the panel has
 * lost its session (the result is freed with @result_destroy). */
gpointer      allot_report_panel_read_finish     (AllotReportPanel *self,
                                                  GObject          *source,
                                                  GAsyncResult     *res,
                                                  GDestroyNotify    result_destroy,
                                                  GtkWidget        *warnings,
                                                  GListStore       *rows);

/* The fiscal year a panel with an "All years" check reports on: 0 when
 * @all_years is active, else the window's.  FALSE while the window has no
 * fiscal year yet: nothing to load. */
gboolean      allot_report_panel_get_scope_year  (AllotReportPanel *self,
                                                  GtkCheckButton   *all_years,
                                                  int              *year);

/* ---- widgets the panels share ---- */

/* The top of a panel: @heading, @content (its controls or summary) and a
 * new warnings box (allot_report_warnings_new(), returned in @warnings). */
GtkWidget *allot_report_header_new     (const char  *heading,
                                        GtkWidget   *content,
                                        GtkWidget  **warnings);

/* A dim line saying what the report covers (its label in @scope), beside
 * an "All years" check (in @all_years, with @tooltip) that reloads @panel. */
GtkWidget *allot_report_scope_row_new  (AllotReportPanel *panel,
                                        const char       *tooltip,
                                        GtkLabel        **scope,
                                        GtkCheckButton  **all_years);

/* A paragraph of the panel's own words (a summary, a projection):
 * left-aligned, wrapping, selectable. */
GtkWidget *allot_report_text_new       (void);
/* The totals line under a table. */
GtkWidget *allot_report_totals_new     (void);


/* A box listing a report's warnings, each with an icon and its words;
 * hidden while there are none. */
GtkWidget *allot_report_warnings_new   (void);
void       allot_report_warnings_set   (GtkWidget  *warnings,
                                        GPtrArray  *messages);
/* One message: a failed load. */
void       allot_report_warnings_set_error (GtkWidget  *warnings,
                                            const char *message);

/* A row "ID  Title ........ value" for label/value reports; the value
 * label (right-aligned, tabular figures) is returned in @value. */
GtkWidget *allot_report_value_row_new  (const char *id,
                                        const char *title,
                                        GtkLabel  **value);

/* A label for @control ("_Grant"), its mnemonic; names the control for
 * screen readers as well. */
GtkWidget *allot_report_control_label_new (const char *text,
                                           GtkWidget  *control);

/* A row of controls that wraps onto more lines in a narrow window. */
GtkWidget *allot_report_controls_new   (void);
/* Adds @control with its label ("_Grant"; NULL for a check box, which
 * carries its own) to @controls, the two kept together. */
void       allot_report_controls_add   (GtkWidget  *controls,
                                        const char *label,
                                        GtkWidget  *control);

/* A boxed list of rows that are read, not chosen. */
GtkWidget *allot_report_list_new       (const char *accessible_label);

/* A heading over a group of rows. */
GtkWidget *allot_report_heading_new    (const char *text);

/* A data table in a scrolled window that fills the panel; the sortable
 * store of its rows is returned in @rows (allot-table.h). */
GtkWidget *allot_report_table_new      (const char     *accessible_label,
                                        GtkColumnView **view,
                                        GListStore    **rows);

/* Fixed widths, in pixels, for the first columns of @view (-1: as GTK
 * measures it).  Wide reports need them: squeezed below their natural
 * widths, the columns would ellipsize amounts; fixed, the table scrolls
 * sideways in a narrow window instead. */
void       allot_report_table_set_widths (GtkColumnView *view,
                                          const int     *widths,
                                          guint          n_widths);

/* Hundredths (hours, multipliers) for people: 19725 -> "197.25". */
char      *allot_report_format_hundredths (gint64 value);

/* Empties a GtkListBox (GTK 4.8 has no remove_all). */
void       allot_report_list_box_clear (GtkListBox *list);

G_END_DECLS
