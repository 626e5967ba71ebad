/* allot-export-private.h: shared by the allot-export*.c files only.
 *
 * One AllotExport holds what every sheet needs: the store and the options,
 * the records looked up by id, the workbook and its formats, and the
 * progress and cancellation plumbing.  An ExportSheet writes one worksheet
 * strictly row after row (the workbook is in constant-memory mode) and keeps
 * the first libxlsxwriter error it meets, so that cell writers stay one line
 * each and no error is lost: export_sheet_next_row() and
 * export_sheet_finish() turn it into a GError.
 */
#pragma once

#include <stdio.h>
#include <xlsxwriter.h>

#include "allot-export.h"
#include "allot-store-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (lxw_workbook, lxw_workbook_free)

typedef enum {
  EXPORT_TEXT,
  EXPORT_MONEY,
  EXPORT_DATE,
  EXPORT_INT,
  EXPORT_PERCENT,
} ExportType;
#define EXPORT_N_TYPES 5

typedef enum {
  EXPORT_PLAIN,
  EXPORT_TOTAL,   /* bold with a rule above: subtotal and total rows */
} ExportStyle;
#define EXPORT_N_STYLES 2

typedef struct {
  const char *header;   /* N_() */
  ExportType type;
  guint8 min_width;     /* characters */
  guint8 max_width;
} ExportColumn;

typedef struct {
  lxw_format *cell[EXPORT_N_TYPES][EXPORT_N_STYLES];
  lxw_format *title;
  lxw_format *details;
  lxw_format *section;
  lxw_format *header;
  lxw_format *header_number;
  lxw_format *percent_input;
  lxw_format *highlight_red;
  lxw_format *highlight_amber;
  lxw_format *voided;
} ExportFormats;

typedef struct {
  AllotStore *store;
  AllotExportOptions options;   /* as_of always valid */
  guint fy_start_month;
  GCancellable *cancellable;
  AllotExportProgressFunc progress;
  gpointer progress_data;
  double reported;              /* last fraction passed to progress, -1 before any */
  guint tick;                   /* rows since the last cancellation check */

  /* Words of every sheet's title. */
  char *scope_text;             /* "FY2026 (2025-10-01 to 2026-09-30)" or "All fiscal years" */
  char *as_of_text;             /* ISO */
  char *db_name;                /* file name of the database, or "dbname on host" */
  char *db_location;            /* its path, or its server without the password */
  char *details_text;           /* database path, jurisdiction, who and when */
  char *jurisdiction;

  /* Records by id (gint64 * -> record), loaded once. */
  GPtrArray *agencies;
  GPtrArray *sources;           /* by kind then code */
  GPtrArray *task_forces;
  GPtrArray *categories;
  GPtrArray *allocations;       /* every allocation, any status */
  GHashTable *agency_by_id;
  GHashTable *source_by_id;
  GHashTable *task_force_by_id;
  GHashTable *category_by_id;
  GHashTable *allocation_by_id;

  /* The balances, read once (each read aggregates the whole ledger): every
   * approved allocation of every year, and every source over its life.
   * Other groupings are sums of these rows, exactly as the store's SQL
   * sums them; see export_allocation_balances(). */
  GPtrArray *allocation_balances;
  GPtrArray *source_balances;

  lxw_workbook *workbook;
  ExportFormats formats;
} AllotExport;

typedef struct {
  AllotExport *ex;
  lxw_worksheet *ws;
  char *name;
  const ExportColumn *columns;
  guint n_columns;
  lxw_row_t header_row;
  lxw_row_t row;                /* the row being written */
  lxw_row_t first_data_row;
  gboolean filtered;            /* the autofilter is set */
  guint *widths;                /* widest content seen per column, in characters */
  lxw_error status;             /* first error, LXW_NO_ERROR while all is well */
} ExportSheet;

/* ---- allot-export.c ---- */

/* Loads the records and words every sheet uses. */
gboolean export_prepare (AllotExport              *ex,
                         AllotStore               *store,
                         const AllotExportOptions *options,
                         GCancellable             *cancellable,
                         AllotExportProgressFunc   progress,
                         gpointer                  progress_data,
                         GError                  **error);
void     export_clear   (AllotExport *ex);

/* Reports @fraction when it moved by a percent or reached the end. */
void     export_progress (AllotExport *ex,
                          double       fraction);
/* FALSE with G_IO_ERROR_CANCELLED once the export was cancelled. */
gboolean export_check_cancelled (AllotExport *ex,
                                 GError     **error);
/* After a failed store call: a cancellation wins over the engine's
 * "interrupted" message. */
gboolean export_fail (AllotExport *ex,
                      GError     **error);

/* Lookups; NULL when unknown. */
#define export_lookup(table, id) \
  ((gpointer) g_hash_table_lookup ((table), &(gint64) { (id) }))

/* The balance rows of ALLOT_BALANCE_BY_ALLOCATION (all years) and
 * ALLOT_BALANCE_BY_SOURCE (lifetime, in the order of ex->sources), read on
 * first use; NULL on error. */
GPtrArray *export_allocation_balances (AllotExport *ex,
                                       GError     **error);
GPtrArray *export_source_balances     (AllotExport *ex,
                                       GError     **error);
/* @sum += @b, field by field. */
void       export_add_balance         (AllotBalance       *sum,
                                       const AllotBalance *b);

/* Does @source have money in play during @fiscal_year (0 = always)? */
gboolean export_source_in_year (AllotExport       *ex,
                                const AllotSource *source,
                                int                fiscal_year);

/* The period a source's money runs for, used for "% of period elapsed" and
 * deadlines: a grant's period of performance, an agreement's term, an
 * appropriation's fiscal year up to its lapse date, and for a forfeiture
 * fund the fiscal year @fiscal_year of the allocation.  FALSE when none. */
gboolean export_source_period (AllotExport       *ex,
                               const AllotSource *source,
                               int                fiscal_year,
                               GDate             *out_first,
                               GDate             *out_last);

/* Excel's serial day number of @date (1900 date system). */
double export_excel_date (const GDate *date);
/* The same for ISO "YYYY-MM-DD"; FALSE for anything else. */
gboolean export_excel_date_iso (const char *iso,
                                double     *out);

/* Share of @numerator in @denominator (0 when @denominator is 0), the value a
 * spreadsheet computes for =IF(d=0,0,n/d). */
double export_ratio (gint64 numerator,
                     gint64 denominator);

/* ---- allot-export-sheet.c ---- */

void      export_formats_init (AllotExport *ex);

/* Adds worksheet @name (translated, or @name itself when the translation is
 * not a valid sheet name) and writes its title and details rows.  The caller
 * may write row 2 (a note) and then calls export_sheet_header(). */
gboolean  export_sheet_begin (AllotExport        *ex,
                              ExportSheet        *sheet,
                              const char         *name,
                              const char         *what,
                              const ExportColumn *columns,
                              guint               n_columns,
                              GError            **error);
/* A note on row 2, under the title. */
void      export_sheet_note (ExportSheet *sheet,
                             lxw_col_t    col,
                             const char  *text);
/* Writes the header row (row 3) and moves to the first data row. */
gboolean  export_sheet_header (ExportSheet *sheet,
                               GError     **error);
/* Ends the data rows, before totals: sets the autofilter over the header and
 * the rows written so far.  In constant-memory mode a range can only be set
 * while its last row is still the one being written, so this also is the
 * moment for export_sheet_highlight() over the data. */
void      export_sheet_end_data (ExportSheet *sheet);
/* Moves to the next row; FALSE on an earlier write error or cancellation. */
gboolean  export_sheet_next_row (ExportSheet *sheet,
                                 GError     **error);
/* Column widths, frozen header, autofilter (when export_sheet_end_data()
 * was not called: over every row), printing; frees what the sheet holds. */
gboolean  export_sheet_finish (ExportSheet *sheet,
                               GError     **error);
void      export_sheet_clear (ExportSheet *sheet);

/* Records a libxlsxwriter result: the first error sticks. */
void      export_sheet_check (ExportSheet *sheet,
                              lxw_error    status);
/* Sets @error from a libxlsxwriter failure on @what. */
void      export_set_lxw_error (GError    **error,
                                lxw_error   status,
                                const char *what);

/* Cell writers for the current row.  Text is always a string cell, never a
 * formula, whatever it starts with. */
void export_text    (ExportSheet *sheet, lxw_col_t col, const char *text, ExportStyle style);
void export_money   (ExportSheet *sheet, lxw_col_t col, gint64 cents, ExportStyle style);
void export_int     (ExportSheet *sheet, lxw_col_t col, gint64 value, ExportStyle style);
void export_date    (ExportSheet *sheet, lxw_col_t col, const GDate *date);
void export_date_iso (ExportSheet *sheet, lxw_col_t col, const char *iso);
void export_percent (ExportSheet *sheet, lxw_col_t col, double value, ExportStyle style);
/* A formula with its cached result: @cents for money, @value for others. */
void export_formula_money   (ExportSheet *sheet, lxw_col_t col, const char *formula,
                             gint64 cents, ExportStyle style);
void export_formula_percent (ExportSheet *sheet, lxw_col_t col, const char *formula,
                             double value, ExportStyle style);

/* "G5" for @col of the current row; "G5:G9" for rows @first..@last. */
char *export_cell (lxw_row_t row, lxw_col_t col);
char *export_range (lxw_row_t first, lxw_row_t last, lxw_col_t col);

/* A conditional format on rows @first..@last of every column: @formula is
 * written for the first row, relative rows, absolute columns. */
void export_sheet_highlight (ExportSheet *sheet,
                             lxw_row_t    first,
                             lxw_row_t    last,
                             const char  *formula,
                             lxw_format  *format);

/* ---- one file per sheet ---- */

gboolean export_summary_sheet     (AllotExport *ex, GError **error);
gboolean export_budget_sheet      (AllotExport *ex, GError **error);
gboolean export_sources_sheet     (AllotExport *ex, GError **error);
gboolean export_ledger_sheet      (AllotExport *ex, double progress_from, double progress_to,
                                   GError **error);
gboolean export_task_forces_sheet (AllotExport *ex, GError **error);
gboolean export_aging_sheet       (AllotExport *ex, GError **error);
/* allot-export-reports.c: SF-425 per grant, SF-425 detail, ESAC, Overtime. */
gboolean export_report_sheets     (AllotExport *ex, GError **error);

/* CSV bodies, written to @out line by line; a failed write is reported
 * with export_set_io_error(). */
gboolean export_ledger_csv_lines (AllotExport *ex, FILE *out, const char *path,
                                  GError **error);
gboolean export_budget_csv_lines (AllotExport *ex, FILE *out, const char *path,
                                  GError **error);
/* ALLOT_ERROR_IO naming @path and errno's reason. */
void     export_set_io_error (GError **error, const char *path);

/* Writes @line (a CSV record without its end) and CRLF to @out. */
gboolean export_csv_write_line (FILE       *out,
                                GString    *line,
                                const char *path,
                                GError    **error);

/* ---- allot-export-budget.c: one line of Budget vs Actual ---- */

typedef struct {
  const AllotBalanceRow *balance;
  const AllotAllocation *allocation;
  const AllotSource *source;
  const AllotTaskForce *task_force;
  const AllotCategory *category;
  guint source_rank;            /* position of the source in ex->sources */
  gboolean has_period;
  GDate period_first;
  GDate period_last;
  guint elapsed_bp;             /* share of the period elapsed on as_of */
} ExportBudgetLine;

/* The lines of the selected fiscal year, by source (kind, code), then
 * fiscal year, task force and category; a GArray of ExportBudgetLine that
 * borrows from @ex. */
GArray *export_budget_lines (AllotExport *ex,
                             GError     **error);

G_END_DECLS
