/* allot-ledger-query.h: the ledger as a table of a million lines sees it.
 *
 * The app's ledger view never holds the whole ledger: it asks for the count
 * and totals of a filter, for the sort keys of every n-th matching line (the
 * anchors of its pages), and then for one page at a time starting at an
 * anchor.  Sorting and filtering happen in SQL; pages are found by key, never
 * by OFFSET, so page 3,000 costs what page 1 costs.
 *
 * These calls only read.  They are meant for a reader connection
 * (allot_store_open_reader()) used by one worker thread at a time, so that
 * counting a million lines never blocks the window.
 */
#pragma once

#include <gio/gio.h>

#include "allot-store.h"

G_BEGIN_DECLS

typedef enum {
  ALLOT_LEDGER_SORT_DATE,
  ALLOT_LEDGER_SORT_AMOUNT,
  ALLOT_LEDGER_SORT_SOURCE,
  ALLOT_LEDGER_SORT_TASK_FORCE,
  ALLOT_LEDGER_SORT_CATEGORY,
  ALLOT_LEDGER_SORT_STATUS,
  ALLOT_LEDGER_SORT_DOCUMENT,
} AllotLedgerSort;
#define ALLOT_LEDGER_N_SORTS 7

/* Where a line sits in a sort order: its sort value and its id (the tie-breaker). */
typedef struct {
  gint64 id;
  gint64 number;        /* the value of numeric sorts (amount) */
  char *text;           /* the value of text sorts; NULL for numeric ones */
} AllotLedgerKey;

void allot_ledger_key_clear (AllotLedgerKey *key);

/* One line of the ledger table, with the names the table shows. */
typedef struct {
  gint64 id;
  GDate entry_date;
  AllotEntryKind kind;
  gint64 amount;
  AllotStatus status;
  gboolean voided;
  int fiscal_year;
  gint64 allocation_id;
  gint64 obligation_id;
  char *source_code;
  char *task_force_code;
  char *category_name;
  char *document_number;
  char *payee;
  char *description;
  AllotLedgerKey key;   /* for the sort it was read with */
} AllotLedgerRow;

void allot_ledger_row_free (AllotLedgerRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotLedgerRow, allot_ledger_row_free)

typedef struct {
  guint64 count;
  gint64 obligated;     /* obligations */
  gint64 expended;      /* expenditures */
  gint64 adjusted;      /* adjustments, signed */
} AllotLedgerTotals;

/* A second, read-only connection to the database of @store, for a worker
 * thread.  It skips the checks of allot_store_open() (@store passed them) and
 * refuses every write.  Settings are those of @store at the time of the call. */
AllotStore *allot_store_open_reader (AllotStore *store,
                                     GError    **error);

/* Makes the query running on @store's connection stop soon with an error;
 * safe to call from any thread while another one queries. */
void allot_ledger_query_interrupt (AllotStore *store);

/* Count and totals of the lines matching @filter (NULL = every unvoided line). */
gboolean allot_ledger_query_totals (AllotStore              *store,
                                    const AllotLedgerFilter *filter,
                                    AllotLedgerTotals       *out_totals,
                                    GError                 **error);

/* The keys of matching lines 0, @stride, 2 * @stride, ... in the order of
 * @sort: a GArray of AllotLedgerKey that clears them. */
GArray *allot_ledger_query_anchors (AllotStore              *store,
                                    const AllotLedgerFilter *filter,
                                    AllotLedgerSort          sort,
                                    gboolean                 descending,
                                    guint                    stride,
                                    GError                 **error);

/* Up to @limit matching lines in the order of @sort, starting at the line
 * whose key is @from (inclusive): a GPtrArray of AllotLedgerRow. */
GPtrArray *allot_ledger_query_page (AllotStore              *store,
                                    const AllotLedgerFilter *filter,
                                    AllotLedgerSort          sort,
                                    gboolean                 descending,
                                    const AllotLedgerKey    *from,
                                    guint                    limit,
                                    GError                 **error);

/* Expended (as in the balances: approved, unvoided expenditures and
 * adjustments that do not name an obligation) per kind of source and
 * calendar month of the date incurred, for the allocations of @fiscal_year. */
typedef struct {
  AllotSourceKind kind;
  int year;
  int month;            /* 1..12 */
  gint64 expended;
} AllotMonthlyAmount;

/* A GArray of AllotMonthlyAmount, by kind then month. */
GArray *allot_ledger_query_monthly_expended (AllotStore *store,
                                             int         fiscal_year,
                                             GError    **error);

G_END_DECLS
