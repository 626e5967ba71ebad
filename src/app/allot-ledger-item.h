/* allot-ledger-item.h: one line of the ledger table.
 *
 * Items are created empty when the table first asks for their position and
 * filled when their page arrives from the worker thread; the cells follow
 * through property notifications. */
#pragma once

#include <glib-object.h>

#include "allot-ledger-query.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_LEDGER_ITEM (allot_ledger_item_get_type ())
G_DECLARE_FINAL_TYPE (AllotLedgerItem, allot_ledger_item, ALLOT, LEDGER_ITEM, GObject)

AllotLedgerItem      *allot_ledger_item_new       (void);

/* Takes @row; @currency formats its amount. */
void                  allot_ledger_item_set_row   (AllotLedgerItem *self,
                                                   AllotLedgerRow  *row,
                                                   const char      *currency);
/* Back to "not here yet", until its new line arrives. */
void                  allot_ledger_item_clear     (AllotLedgerItem *self);
gboolean              allot_ledger_item_is_loaded (AllotLedgerItem *self);
/* NULL until loaded. */
const AllotLedgerRow *allot_ledger_item_get_row   (AllotLedgerItem *self);

G_END_DECLS
