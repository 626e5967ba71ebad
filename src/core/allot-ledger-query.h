/* allot-ledger-query.h: the ledger as a table of a million lines sees it.
 *
 * The app's ledger view never holds the whole ledger.  For a filter and a
 * sort it asks once for the order: the ids of the matching lines, sorted,
 * with their count and totals, computed in one pass in SQL.  Then it reads
 * the lines it shows a page at a time, by those ids (primary-key lookups),
 * never by OFFSET, so page 3,000 costs what page 1 costs, whatever the sort.
 *
 * These calls only read.  They are meant for a reader connection
 * (allot_store_open_reader()) used by one worker thread at a time, so that
 * sorting a million lines never blocks the window.
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

/* The ids of the lines matching @filter in the order of @sort (ties by id,
 * in the same direction): a GArray of gint64.  @out_totals (may be NULL)
 * gets their count and totals from the same pass. */
GArray *allot_ledger_query_order (AllotStore              *store,
                                  const AllotLedgerFilter *filter,
                                  AllotLedgerSort          sort,
                                  gboolean                 descending,
                                  AllotLedgerTotals       *out_totals,
                                  GError                 **error);

/* The first @limit lines of that order, read whole (a GPtrArray of
 * AllotLedgerRow): what a table shows before the whole order is known.
 * With an index for the sort (date, amount, status, document) this reads
 * only those lines, whatever the size of the ledger. */
GPtrArray *allot_ledger_query_head (AllotStore              *store,
                                    const AllotLedgerFilter *filter,
                                    AllotLedgerSort          sort,
                                    gboolean                 descending,
                                    guint                    limit,
                                    GError                 **error);

/* The lines of @ids, in that order (a line that no longer exists is left
 * out): a GPtrArray of AllotLedgerRow. */
GPtrArray *allot_ledger_query_rows (AllotStore   *store,
                                    const gint64 *ids,
                                    guint         n_ids,
                                    GError      **error);

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
