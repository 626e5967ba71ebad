/* allot-table.h: small sortable tables (sources, allocations, balances).
 *
 * For the tables that hold hundreds of rows, not millions: rows are
 * AllotTableRow objects with one text per column (and a number for columns
 * that sort by amount), in a GListStore sorted by the view's sorter.  The
 * ledger has its own model (allot-ledger-model.h). */
#pragma once

#include <gtk/gtk.h>

#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_TABLE_ROW (allot_table_row_get_type ())
G_DECLARE_FINAL_TYPE (AllotTableRow, allot_table_row, ALLOT, TABLE_ROW, GObject)

#define ALLOT_TABLE_MAX_COLUMNS 12

AllotTableRow *allot_table_row_new       (gint64         id);
gint64         allot_table_row_get_id    (AllotTableRow *self);
void           allot_table_row_set_text  (AllotTableRow *self,
                                          guint          column,
                                          const char    *text);
const char    *allot_table_row_get_text  (AllotTableRow *self,
                                          guint          column);
/* Formats @cents in the session's currency; the column sorts by amount. */
void           allot_table_row_set_money (AllotTableRow *self,
                                          guint          column,
                                          AllotSession  *session,
                                          gint64         cents);
void           allot_table_row_set_number (AllotTableRow *self,
                                           guint          column,
                                           gint64         number,
                                           const char    *text);
/* Anything the page wants back from a selected row. */
void           allot_table_row_set_data  (AllotTableRow *self,
                                          gpointer       data,
                                          GDestroyNotify destroy);
gpointer       allot_table_row_get_data  (AllotTableRow *self);

typedef enum {
  ALLOT_TABLE_TEXT,
  ALLOT_TABLE_NUMBER,    /* right-aligned, tabular figures, sorted by number */
} AllotTableColumnKind;

/* Gives @view a sortable, single-selection model over a new GListStore of
 * AllotTableRow, which is returned (owned by the view). */
GListStore *allot_table_setup      (GtkColumnView       *view);
void        allot_table_add_column (GtkColumnView       *view,
                                    const char          *title,
                                    guint                column,
                                    AllotTableColumnKind kind,
                                    gboolean             expand);
/* The selected row, or NULL. */
AllotTableRow *allot_table_get_selected (GtkColumnView *view);
/* Selects the row of @id; FALSE when the view does not list it. */
gboolean    allot_table_select_id  (GtkColumnView       *view,
                                    gint64               id);
/* Replaces the rows of @store with @rows (a GPtrArray of AllotTableRow). */
void        allot_table_replace    (GListStore          *store,
                                    GPtrArray           *rows);

G_END_DECLS
