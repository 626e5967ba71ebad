/* bench-cells.h: every cell of a workbook, read back from its .xlsx file.
 *
 * The export benchmark's baseline must write the same cells as the export
 * (issue 10).  Rather than a second copy of the export's logic, the bench
 * reads the export's own workbook back with a reader that shares nothing
 * with the writer (zlib for the zip, expat for the XML) and keeps what it
 * finds in a cell file: every sheet, every cell (its type, value, formula
 * and cached result, and the cell format it uses), the formats, and the
 * sheet settings (column widths, row heights, frozen panes, autofilter,
 * conditional formats, page set-up, header and footer, print titles).  The
 * baseline then only replays that file into libxlsxwriter.
 *
 * The same reader checks the result: the summary of a workbook is, per
 * sheet, its cells by type and one hash over all of the above, with formats
 * compared by what they are, not by their number in the file.  The export's
 * and the baseline's workbooks must have equal summaries.
 *
 * What the reader does not know it refuses (merged cells, rich text,
 * shared formulas, ...): a baseline that silently left something out would
 * be faster than a fair one.  The one thing it knowingly skips is a chart
 * (<drawing>): a fixed few kilobytes that do not grow with the ledger.
 *
 * The cell file is a stream of records in the machine's byte order, cheap
 * to read (the baseline's time includes reading it):
 *   cells:   tag (1 byte) row (u32) col (u16) format (u16), then
 *            'n' value (f64); 's' length (u32), the text and a NUL;
 *            'f' cached result (f64), length (u32), the formula and a NUL;
 *            'b' nothing.
 *   others:  tag, length (u32), text fields separated by BENCH_CELLS_SEP and
 *            a NUL; see the tags below.
 * Format k is the one of the k-th 'X' record (0 is the default, General).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BENCH_CELLS_SEP '\x1f'
#define BENCH_CELLS_SEP_S "\x1f"

typedef enum {
  BENCH_CELLS_NUMBER = 'n',
  BENCH_CELLS_STRING = 's',
  BENCH_CELLS_FORMULA = 'f',
  BENCH_CELLS_BLANK = 'b',
  BENCH_CELLS_FORMAT = 'X',       /* the format's properties, one field each:
                                   * num=CODE numid=N b i strike u sz=N color=RRGGBB
                                   * name=FONT fill=RRGGBB bg=RRGGBB top|bottom|left|right=STYLE
                                   * h=ALIGN v=ALIGN wrap */
  BENCH_CELLS_SHEET = 'S',        /* name */
  BENCH_CELLS_COLUMNS = 'C',      /* first, last (0-based), width as the file has it */
  BENCH_CELLS_ROW = 'R',          /* row, height */
  BENCH_CELLS_PANE = 'P',         /* frozen rows, frozen columns */
  BENCH_CELLS_FILTER = 'A',       /* first row, first col, last row, last col */
  BENCH_CELLS_CONDITIONAL = 'K',  /* first row, first col, last row, last col, formula,
                                   * then the properties of its format */
  BENCH_CELLS_MARGINS = 'M',      /* left, right, top, bottom, header, footer */
  BENCH_CELLS_PAGE = 'G',         /* landscape (0/1), fit to pages (0/1), width, height */
  BENCH_CELLS_HEADER = 'H',       /* "oddHeader" or "oddFooter", its text */
  BENCH_CELLS_TITLES = 'T',       /* first and last row repeated on every page */
} BenchCellsTag;

/* One record read back; text, fields and value as the tag says.  Borrowed
 * until the next bench_cells_next(). */
typedef struct {
  BenchCellsTag tag;
  guint32 row;
  guint16 col;
  guint16 format;
  double value;
  const char *text;
  char **fields;                  /* other records: the text's fields */
} BenchCellsRecord;

typedef struct _BenchCellsReader BenchCellsReader;

BenchCellsReader *bench_cells_open  (const char *path,
                                     GError    **error);
/* FALSE at the end, or with @error set when the file is damaged. */
gboolean          bench_cells_next  (BenchCellsReader *reader,
                                     BenchCellsRecord *record,
                                     GError          **error);
void              bench_cells_close (BenchCellsReader *reader);

/* Per sheet: its name, its cells by type, one hash of all it holds. */
typedef struct {
  char *name;
  guint64 numbers, strings, formulas, blanks;
  guint64 hash;
} BenchSheetSummary;

/* Reads every sheet of @xlsx; writes the cell file @cells_path unless it is
 * NULL.  Returns a GArray of BenchSheetSummary (free with
 * bench_cells_summary_free()), or NULL with @error set. */
GArray   *bench_cells_extract      (const char *xlsx,
                                    const char *cells_path,
                                    GError    **error);
void      bench_cells_summary_free (GArray *summary);
/* Prints both summaries side by side; FALSE with @error naming the first
 * difference when they differ, in their sheets and cells by type, and when
 * @contents also in what the cells and settings hold. */
gboolean  bench_cells_same         (GArray     *a,
                                    const char *a_name,
                                    GArray     *b,
                                    const char *b_name,
                                    gboolean    contents,
                                    GError    **error);

G_END_DECLS
