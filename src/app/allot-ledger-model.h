/* allot-ledger-model.h: the ledger as a GListModel of any size.
 *
 * The model knows the count of the current filter and the sort keys of the
 * first line of every page; it creates items only for the positions the
 * table asks for and fills them a page at a time from the worker thread
 * (allot-ledger-query.h).  Never wrap it in a sort or filter list model:
 * those read every item.  Sorting and filtering are set here.
 */
#pragma once

#include <gio/gio.h>

#include "allot-ledger-item.h"
#include "allot-ledger-query.h"
#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_LEDGER_MODEL_PAGE_SIZE 200

#define ALLOT_TYPE_LEDGER_MODEL (allot_ledger_model_get_type ())
G_DECLARE_FINAL_TYPE (AllotLedgerModel, allot_ledger_model, ALLOT, LEDGER_MODEL, GObject)

AllotLedgerModel        *allot_ledger_model_new        (void);

void                     allot_ledger_model_set_session (AllotLedgerModel        *self,
                                                         AllotSession            *session);
/* Copies @filter; takes effect when the new count arrives. */
void                     allot_ledger_model_set_filter  (AllotLedgerModel        *self,
                                                         const AllotLedgerFilter *filter);
void                     allot_ledger_model_set_sort    (AllotLedgerModel        *self,
                                                         AllotLedgerSort          sort,
                                                         gboolean                 descending);
void                     allot_ledger_model_get_sort    (AllotLedgerModel        *self,
                                                         AllotLedgerSort         *out_sort,
                                                         gboolean                *out_descending);
/* Counts again (after a write).  The model does not follow the session's
 * ::changed by itself: a hidden view need not count. */
void                     allot_ledger_model_refresh     (AllotLedgerModel        *self);

/* TRUE while counting or while a page is on its way. */
gboolean                 allot_ledger_model_get_loading (AllotLedgerModel        *self);
/* TRUE once the lines shown (their first page, at least) are those of the
 * last filter and sort asked for. */
gboolean                 allot_ledger_model_get_current (AllotLedgerModel        *self);
/* TRUE when @filter is the one last asked for, and its lines are shown or
 * on their way: asking for it again would only count them again. */
gboolean                 allot_ledger_model_is_filter   (AllotLedgerModel        *self,
                                                         const AllotLedgerFilter *filter);
/* FALSE while only the first page of the order is in: the count and
 * totals are not known yet. */
gboolean                 allot_ledger_model_get_counted (AllotLedgerModel        *self);
/* Totals of the filter in effect. */
const AllotLedgerTotals *allot_ledger_model_get_totals  (AllotLedgerModel        *self);
/* The last read error, or NULL. */
const char              *allot_ledger_model_get_error   (AllotLedgerModel        *self);
/* Pages currently held (for tests: stays bounded while scrolling). */
guint                    allot_ledger_model_get_n_cached_pages (AllotLedgerModel *self);

G_END_DECLS
