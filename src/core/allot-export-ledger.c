/* allot-export-ledger.c: the Ledger sheet and the ledger CSV.
 *
 * Design decisions:
 * - The ledger is streamed: one statement stepped row by row, its text read
 *   in place (allot_stmt_column_text) and written at once, so a million lines
 *   need no more memory than ten.  allot_store_list_ledger() would build a
 *   million records first.  Codes of sources, task forces and categories
 *   come from the records already in memory.
 * - The lines and columns are those of "allot-cli list ledger --csv": every
 *   entry of the selected fiscal year's allocations, voided ones included
 *   (struck through in the sheet), oldest first.
 * - A sheet holds at most 1,048,576 rows; a longer ledger continues on
 *   "Ledger (2)" and so on, each with its own title and header.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-csv-writer.h"
#include "allot-error.h"
#include "allot-export-private.h"
#include "allot-money.h"

/* Rows between two progress reports. */
#define PROGRESS_ROWS 4096

typedef struct {
  gint64 id;
  const char *entry_date;
  const char *paid_date;
  const char *kind;             /* machine names, as stored */
  const char *status;
  gint64 amount;
  const char *document;
  const char *payee;
  const char *source;
  const char *task_force;
  const char *category;
  int fiscal_year;
  gint64 allocation_id;
  gint64 obligation_id;         /* 0 = none */
  gboolean voided;
  const char *entered_by;
  const char *description;
} LedgerLine;

typedef gboolean (*LedgerLineFunc) (AllotExport      *ex,
                                    const LedgerLine *line,
                                    gpointer          data,
                                    GError          **error);

static gboolean
count_lines (AllotExport *ex,
             gint64      *out,
             GError     **error)
{
  AllotStmt *stmt = allot_store_statement (ex->store, "SELECT count (*) FROM ledger_entries",
                                              error);

  if (stmt == NULL)
    return FALSE;
  return allot_db_query_int64 (ex->store->db, stmt, out, error);
}

static const char *
column_text (AllotStmt *stmt,
             int           column)
{
  return (const char *) allot_stmt_column_text (stmt, column);
}

/* Calls @func for every line of the selected fiscal year, reporting
 * progress from @from to @to.
 *
 * The statement reads the ledger alone, in the order of its (entry_date, id)
 * index, and the codes of an entry's allocation come from the records in
 * memory: joining four tables per line, or letting SQLite sort one year's
 * lines, would cost more than writing them.  A fiscal year is chosen here
 * for the same reason; scanning the other years' lines costs little. */
static gboolean
foreach_line (AllotExport    *ex,
              LedgerLineFunc  func,
              gpointer        data,
              double          from,
              double          to,
              GError        **error)
{
  AllotStmt *stmt;
  gint64 total = 0, done = 0;
  int fiscal_year = ex->options.fiscal_year;
  int rc;

  if (!count_lines (ex, &total, error))
    return export_fail (ex, error);
  /* Streamed: on PostgreSQL through a cursor, a thousand lines at a time,
   * instead of the whole ledger in the client's memory (allot-db-pg.c). */
  stmt = allot_store_statement (ex->store,
      "/* stream */ SELECT e.id, e.entry_date, e.paid_date, e.kind, e.status, e.amount,"
      " e.document_number,"
      " e.payee, e.allocation_id, e.obligation_id, e.voided, e.entered_by, e.description"
      " FROM ledger_entries e ORDER BY e.entry_date, e.id", error);
  if (stmt == NULL)
    return export_fail (ex, error);

  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 allocation_id = allot_stmt_column_int64 (stmt, 8);
      const AllotAllocation *a = export_lookup (ex->allocation_by_id, allocation_id);
      const AllotSource *source = a != NULL ? export_lookup (ex->source_by_id, a->source_id)
                                            : NULL;
      const AllotTaskForce *tf = a != NULL ? export_lookup (ex->task_force_by_id,
                                                            a->task_force_id) : NULL;
      const AllotCategory *category = a != NULL ? export_lookup (ex->category_by_id,
                                                                 a->category_id) : NULL;

      if (++done % PROGRESS_ROWS == 0 && total > 0)
        export_progress (ex, from + (to - from) * MIN (1.0, (double) done / (double) total));
      if (a == NULL || source == NULL || tf == NULL || category == NULL)
        {
          /* The records were read in the same snapshot: cannot happen. */
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                       _("Ledger entry %" PRId64 " names an allocation that does "
                         "not exist."), (gint64) allot_stmt_column_int64 (stmt, 0));
          allot_stmt_reset (stmt);
          return FALSE;
        }
      if (fiscal_year != 0 && a->fiscal_year != fiscal_year)
        {
          if (++ex->tick >= 4096)
            {
              ex->tick = 0;
              if (!export_check_cancelled (ex, error))
                {
                  allot_stmt_reset (stmt);
                  return FALSE;
                }
            }
          continue;
        }

      {
        LedgerLine line = {
          .id = allot_stmt_column_int64 (stmt, 0),
          .entry_date = column_text (stmt, 1),
          .paid_date = column_text (stmt, 2),
          .kind = column_text (stmt, 3),
          .status = column_text (stmt, 4),
          .amount = allot_stmt_column_int64 (stmt, 5),
          .document = column_text (stmt, 6),
          .payee = column_text (stmt, 7),
          .source = source->code,
          .task_force = tf->code,
          .category = category->code,
          .fiscal_year = a->fiscal_year,
          .allocation_id = allocation_id,
          .obligation_id = allot_stmt_column_int64 (stmt, 9),
          .voided = allot_stmt_column_int (stmt, 10) != 0,
          .entered_by = column_text (stmt, 11),
          .description = column_text (stmt, 12),
        };

        if (!func (ex, &line, data, error))
          {
            allot_stmt_reset (stmt);
            return FALSE;
          }
      }
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (ex->store->db, rc, error, _("Could not read the ledger"));
      allot_stmt_reset (stmt);
      return export_fail (ex, error);
    }
  allot_stmt_reset (stmt);
  export_progress (ex, to);
  return TRUE;
}

/* ---- the sheet ---- */

enum {
  COL_ID,
  COL_DATE,
  COL_PAID,
  COL_KIND,
  COL_STATUS,
  COL_AMOUNT,
  COL_DOCUMENT,
  COL_PAYEE,
  COL_SOURCE,
  COL_TASK_FORCE,
  COL_CATEGORY,
  COL_FISCAL_YEAR,
  COL_ALLOCATION,
  COL_OBLIGATION,
  COL_VOIDED,
  COL_ENTERED_BY,
  COL_DESCRIPTION,
  N_COLUMNS
};

static const ExportColumn columns[N_COLUMNS] = {
  { N_("Entry"), EXPORT_INT, 7, 10 },
  { N_("Date"), EXPORT_DATE, 11, 12 },
  { N_("Paid"), EXPORT_DATE, 11, 12 },
  { N_("Kind"), EXPORT_TEXT, 10, 13 },
  { N_("Status"), EXPORT_TEXT, 9, 11 },
  { N_("Amount"), EXPORT_MONEY, 12, 18 },
  { N_("Document"), EXPORT_TEXT, 10, 20 },
  { N_("Payee"), EXPORT_TEXT, 12, 36 },
  { N_("Source"), EXPORT_TEXT, 8, 20 },
  { N_("Task force"), EXPORT_TEXT, 8, 14 },
  { N_("Cost category"), EXPORT_TEXT, 8, 14 },
  { N_("Fiscal year"), EXPORT_INT, 7, 8 },
  { N_("Allocation"), EXPORT_INT, 8, 10 },
  { N_("Obligation"), EXPORT_INT, 8, 10 },
  { N_("Voided"), EXPORT_TEXT, 6, 8 },
  { N_("Entered by"), EXPORT_TEXT, 10, 18 },
  { N_("Description"), EXPORT_TEXT, 30, 70 },
};

typedef struct {
  ExportSheet sheet;
  gboolean open;
  guint part;                   /* 1, 2, ... */
  const char *kind_labels[3];
  const char *status_labels[4];
  const char *yes;
  const char *no;
} LedgerWriter;

static void
close_part_highlight (LedgerWriter *w)
{
  ExportSheet *sheet = &w->sheet;
  g_autofree char *escaped = NULL;
  g_autofree char *formula = NULL;
  char column[LXW_MAX_CELL_NAME_LENGTH];
  GString *quoted = g_string_new (NULL);

  if (sheet->row <= sheet->first_data_row)
    {
      g_string_free (quoted, TRUE);
      return;
    }
  /* Inside a formula a double quote is written twice. */
  for (const char *p = w->yes; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  escaped = g_string_free (quoted, FALSE);
  lxw_col_to_name (column, COL_VOIDED, LXW_TRUE);
  formula = g_strdup_printf ("=%s%u=\"%s\"", column, (guint) sheet->first_data_row + 1, escaped);
  export_sheet_highlight (sheet, sheet->first_data_row, sheet->row - 1, formula,
                          sheet->ex->formats.voided);
}

static gboolean
finish_part (LedgerWriter *w,
             GError      **error)
{
  if (!w->open)
    return TRUE;
  w->open = FALSE;
  close_part_highlight (w);
  return export_sheet_finish (&w->sheet, error);
}

static gboolean
begin_part (AllotExport  *ex,
            LedgerWriter *w,
            GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;

  w->part++;
  if (w->part == 1)
    {
      name = g_strdup (N_("Ledger"));
      what = g_strdup (_("Ledger"));
    }
  else
    {
      name = g_strdup_printf ("%s (%u)", _("Ledger"), w->part);
      what = g_strdup_printf (_("Ledger, continued (part %u)"), w->part);
    }
  if (!export_sheet_begin (ex, &w->sheet, name, what, columns, N_COLUMNS, error))
    {
      export_sheet_clear (&w->sheet);
      return FALSE;
    }
  w->open = TRUE;
  export_sheet_note (&w->sheet, 0, _("Every entry of the selection, voided ones struck through. "
                                     "Balances count approved, unvoided entries only."));
  return export_sheet_header (&w->sheet, error);
}

static const char *
kind_label (LedgerWriter *w,
            const char   *kind)
{
  AllotEntryKind k;

  if (kind != NULL && allot_entry_kind_from_string (kind, &k) && k < G_N_ELEMENTS (w->kind_labels))
    return w->kind_labels[k];
  return kind;
}

static const char *
status_label (LedgerWriter *w,
              const char   *status)
{
  AllotStatus s;

  if (status != NULL && allot_status_from_string (status, &s) &&
      s < G_N_ELEMENTS (w->status_labels))
    return w->status_labels[s];
  return status;
}

static gboolean
write_sheet_line (AllotExport      *ex,
                  const LedgerLine *line,
                  gpointer          data,
                  GError          **error)
{
  LedgerWriter *w = data;
  ExportSheet *sheet = &w->sheet;

  if (sheet->row >= LXW_ROW_MAX)
    {
      if (!finish_part (w, error) || !begin_part (ex, w, error))
        return FALSE;
    }
  export_int (sheet, COL_ID, line->id, EXPORT_PLAIN);
  export_date_iso (sheet, COL_DATE, line->entry_date);
  export_date_iso (sheet, COL_PAID, line->paid_date);
  export_text (sheet, COL_KIND, kind_label (w, line->kind), EXPORT_PLAIN);
  export_text (sheet, COL_STATUS, status_label (w, line->status), EXPORT_PLAIN);
  export_money (sheet, COL_AMOUNT, line->amount, EXPORT_PLAIN);
  export_text (sheet, COL_DOCUMENT, line->document, EXPORT_PLAIN);
  export_text (sheet, COL_PAYEE, line->payee, EXPORT_PLAIN);
  export_text (sheet, COL_SOURCE, line->source, EXPORT_PLAIN);
  export_text (sheet, COL_TASK_FORCE, line->task_force, EXPORT_PLAIN);
  export_text (sheet, COL_CATEGORY, line->category, EXPORT_PLAIN);
  export_int (sheet, COL_FISCAL_YEAR, line->fiscal_year, EXPORT_PLAIN);
  export_int (sheet, COL_ALLOCATION, line->allocation_id, EXPORT_PLAIN);
  if (line->obligation_id != 0)
    export_int (sheet, COL_OBLIGATION, line->obligation_id, EXPORT_PLAIN);
  export_text (sheet, COL_VOIDED, line->voided ? w->yes : w->no, EXPORT_PLAIN);
  export_text (sheet, COL_ENTERED_BY, line->entered_by, EXPORT_PLAIN);
  export_text (sheet, COL_DESCRIPTION, line->description, EXPORT_PLAIN);
  return export_sheet_next_row (sheet, error);
}

gboolean
export_ledger_sheet (AllotExport *ex,
                     double       progress_from,
                     double       progress_to,
                     GError     **error)
{
  LedgerWriter w = { 0 };

  for (guint k = 0; k < G_N_ELEMENTS (w.kind_labels); k++)
    w.kind_labels[k] = allot_entry_kind_label (k);
  for (guint s = 0; s < G_N_ELEMENTS (w.status_labels); s++)
    w.status_labels[s] = allot_status_label (s);
  w.yes = _("Yes");
  w.no = _("No");

  if (!begin_part (ex, &w, error) ||
      !foreach_line (ex, write_sheet_line, &w, progress_from, progress_to, error))
    {
      if (w.open)
        export_sheet_clear (&w.sheet);
      return FALSE;
    }
  return finish_part (&w, error);
}

/* ---- CSV ---- */

typedef struct {
  FILE *out;
  const char *path;
  GString *text;
} CsvWriter;

static gboolean
write_csv_line (AllotExport      *ex,
                const LedgerLine *line,
                gpointer          data,
                GError          **error)
{
  CsvWriter *w = data;
  GString *t = w->text;
  char amount[32];
  gint64 units = (line->amount < 0 ? -line->amount : line->amount) / 100;
  int cents = (int) ((line->amount < 0 ? -line->amount : line->amount) % 100);

  /* allot_money_format_plain() without an allocation per line. */
  g_snprintf (amount, sizeof amount, "%s%" PRId64 ".%02d",
              line->amount < 0 ? "-" : "", units, cents);
  g_string_truncate (t, 0);
  g_string_append_printf (t, "%" PRId64 ",", line->id);
  allot_csv_append_field (t, line->entry_date);
  g_string_append_c (t, ',');
  allot_csv_append_field (t, line->paid_date);
  g_string_append_c (t, ',');
  allot_csv_append_field (t, line->kind);
  g_string_append_c (t, ',');
  allot_csv_append_field (t, line->status);
  g_string_append_printf (t, ",%s,", amount);
  allot_csv_append_text (t, line->document);
  g_string_append_c (t, ',');
  allot_csv_append_text (t, line->payee);
  g_string_append_c (t, ',');
  allot_csv_append_text (t, line->source);
  g_string_append_c (t, ',');
  allot_csv_append_text (t, line->task_force);
  g_string_append_c (t, ',');
  allot_csv_append_text (t, line->category);
  g_string_append_printf (t, ",%d,%" PRId64 ",", line->fiscal_year,
                          line->allocation_id);
  if (line->obligation_id != 0)
    g_string_append_printf (t, "%" PRId64, line->obligation_id);
  g_string_append_printf (t, ",%s,", line->voided ? "yes" : "no");
  allot_csv_append_text (t, line->entered_by);
  g_string_append_c (t, ',');
  allot_csv_append_text (t, line->description);
  if (!export_csv_write_line (w->out, t, w->path, error))
    return FALSE;
  if (++ex->tick >= 1024)
    {
      ex->tick = 0;
      return export_check_cancelled (ex, error);
    }
  return TRUE;
}

gboolean
export_ledger_csv_lines (AllotExport *ex,
                         FILE        *out,
                         const char  *path,
                         GError     **error)
{
  static const char header[] =
    "id,date,paid_date,kind,status,amount,document,payee,source,task_force,category,"
    "fiscal_year,allocation_id,obligation_id,voided,entered_by,description";
  g_autoptr(GString) text = g_string_new (header);
  CsvWriter w = { out, path, text };

  if (!export_csv_write_line (out, text, path, error))
    return FALSE;
  return foreach_line (ex, write_csv_line, &w, 0.02, 1.0, error);
}
