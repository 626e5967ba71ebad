/* allot-ledger-sorter.h: a column's sort order, for SQL rather than C.
 *
 * GTK 4.8 cannot tell which column a GtkColumnView sorts by, nor in which
 * direction.  Each ledger column carries one of these sorters with its SQL
 * sort key; when the view's sorter changes, allot_ledger_sorter_probe() asks
 * it to compare two items: the view consults its primary column's sorter
 * first and inverts the answer when descending, which tells both. */
#pragma once

#include <gtk/gtk.h>

#include "allot-ledger-query.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_LEDGER_SORTER (allot_ledger_sorter_get_type ())
G_DECLARE_FINAL_TYPE (AllotLedgerSorter, allot_ledger_sorter, ALLOT, LEDGER_SORTER, GtkSorter)

GtkSorter      *allot_ledger_sorter_new     (AllotLedgerSort sort);
AllotLedgerSort allot_ledger_sorter_get_key (AllotLedgerSorter *self);

/* Which column sorts @view_sorter (a GtkColumnView's) and how; FALSE when
 * no ledger column sorts it. */
gboolean allot_ledger_sorter_probe (GtkSorter       *view_sorter,
                                    AllotLedgerSort *out_sort,
                                    gboolean        *out_descending);

G_END_DECLS
