/* allot-export.h: the Excel workbook and the CSV files that finance
 * reviewers send on as they are.
 *
 * The workbook has six sheets, in this order: Summary, Budget vs Actual,
 * Funding Sources, Ledger, Task Forces, Obligations Aging.  Every figure comes
 * from the same store calls as the CLI's "balances" and "list" commands, so
 * the workbook and the command line cannot disagree; totals are live
 * formulas whose cached results are computed from the same cents.
 *
 * What "as of" means: amounts are those recorded in the database when the
 * export runs (every approved, unvoided entry, like the balances); the as-of
 * date is the day on which ages, days left and the share of a period
 * elapsed are measured, and it is printed on every sheet.
 *
 * Files appear whole or not at all: everything is written to a temporary
 * file beside @path and renamed over it only on success; on any error or
 * cancellation the temporary file is removed and an existing @path is left
 * exactly as it was.
 *
 * Threads: the calls may run in a worker thread (GTask) as long as nothing
 * else uses @store meanwhile; the app passes a reader connection from
 * allot_store_open_reader().  @progress is called in that thread, at most
 * about a hundred times, with a fraction from 0 to 1 that never decreases.
 * Cancelling @cancellable stops the export soon, also inside a long query,
 * with G_IO_ERROR_CANCELLED.
 */
#pragma once

#include <gio/gio.h>

#include "allot-store.h"

G_BEGIN_DECLS

typedef struct {
  int fiscal_year;   /* 0 = every fiscal year */
  GDate as_of;       /* ages and elapsed time are measured on this day; invalid = today */
} AllotExportOptions;

/* Every year, as of today. */
void allot_export_options_init (AllotExportOptions *options);

/* @fraction: 0.0 .. 1.0, called from the exporting thread. */
typedef void (*AllotExportProgressFunc) (double   fraction,
                                         gpointer user_data);

/* Writes the workbook to @path (normally ending in .xlsx).  Errors:
 * ALLOT_ERROR_IO for the file system (the message names the path and the
 * reason), ALLOT_ERROR_INVALID for options out of range, the store's own for
 * the database, G_IO_ERROR_CANCELLED. */
gboolean allot_export_workbook (AllotStore               *store,
                                const char               *path,
                                const AllotExportOptions *options,
                                AllotExportProgressFunc   progress,
                                gpointer                  user_data,
                                GCancellable             *cancellable,
                                GError                  **error);

/* The ledger as CSV: the columns of "allot-cli list ledger --csv", every
 * entry of the selection including voided ones, oldest first. */
gboolean allot_export_ledger_csv (AllotStore               *store,
                                  const char               *path,
                                  const AllotExportOptions *options,
                                  AllotExportProgressFunc   progress,
                                  gpointer                  user_data,
                                  GCancellable             *cancellable,
                                  GError                  **error);

/* Budget vs Actual as CSV: one line per allocation, no subtotals. */
gboolean allot_export_budget_csv (AllotStore               *store,
                                  const char               *path,
                                  const AllotExportOptions *options,
                                  AllotExportProgressFunc   progress,
                                  gpointer                  user_data,
                                  GCancellable             *cancellable,
                                  GError                  **error);

/* CSV files written by the two calls above: UTF-8 with a byte-order mark
 * (so that Excel reads accents right), CRLF line ends, fields quoted per
 * RFC 4180, amounts with '.' and no grouping, ISO dates, and text typed by
 * people that starts with '=', '+', '-', '@', tab or CR prefixed with an
 * apostrophe so that spreadsheet programs show it instead of running it. */

G_END_DECLS
