/* allot-export-budget.c: Budget vs Actual, as a sheet and as CSV.
 *
 * One line per approved allocation, with the figures "allot-cli balances
 * --by allocation" prints, grouped by source with a subtotal after each.
 * Subtotals and the grand total use SUBTOTAL(9, ...), which skips the other
 * subtotals inside its range and follows the autofilter: filter on a task
 * force and the totals are that task force's.
 *
 * Highlighted rows: red when the allocation is overspent (available below
 * zero), amber when spending lags: the share spent trails the share of the
 * period elapsed by more than the threshold in cell A3 (25% unless the
 * reader types another figure there, and the highlighting follows).
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-csv-writer.h"
#include "allot-date.h"
#include "allot-error.h"
#include "allot-export-private.h"
#include "allot-money.h"

#define LAG_THRESHOLD 0.25

enum {
  COL_SOURCE,
  COL_KIND,
  COL_TASK_FORCE,
  COL_CATEGORY,
  COL_FISCAL_YEAR,
  COL_ALLOCATION,
  COL_BUDGET,
  COL_OBLIGATED,
  COL_EXPENDED,
  COL_UNLIQUIDATED,
  COL_AVAILABLE,
  COL_SPENT,
  COL_ELAPSED,
  COL_PERIOD_START,
  COL_PERIOD_END,
  COL_SOURCE_NAME,
  N_COLUMNS
};

static const ExportColumn columns[N_COLUMNS] = {
  { N_("Source"), EXPORT_TEXT, 10, 22 },
  { N_("Kind of source"), EXPORT_TEXT, 12, 26 },
  { N_("Task force"), EXPORT_TEXT, 10, 18 },
  { N_("Cost category"), EXPORT_TEXT, 10, 18 },
  { N_("Fiscal year"), EXPORT_INT, 7, 8 },
  { N_("Allocation"), EXPORT_INT, 8, 10 },
  { N_("Budget"), EXPORT_MONEY, 12, 18 },
  { N_("Obligated"), EXPORT_MONEY, 12, 18 },
  { N_("Expended"), EXPORT_MONEY, 12, 18 },
  { N_("Unliquidated"), EXPORT_MONEY, 12, 18 },
  { N_("Available"), EXPORT_MONEY, 12, 18 },
  /* xgettext:no-c-format */
  { N_("% spent"), EXPORT_PERCENT, 8, 9 },
  /* xgettext:no-c-format */
  { N_("% of period elapsed"), EXPORT_PERCENT, 9, 10 },
  { N_("Period start"), EXPORT_DATE, 11, 12 },
  { N_("Period end"), EXPORT_DATE, 11, 12 },
  { N_("Source name"), EXPORT_TEXT, 20, 60 },
};

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const ExportBudgetLine *x = a, *y = b;
  int c;

  if (x->source_rank != y->source_rank)
    return x->source_rank < y->source_rank ? -1 : 1;
  if (x->allocation->fiscal_year != y->allocation->fiscal_year)
    return x->allocation->fiscal_year < y->allocation->fiscal_year ? -1 : 1;
  if ((c = g_strcmp0 (x->task_force->code, y->task_force->code)) != 0)
    return c;
  if ((c = g_strcmp0 (x->category->code, y->category->code)) != 0)
    return c;
  return x->allocation->id < y->allocation->id ? -1 : x->allocation->id > y->allocation->id;
}

GArray *
export_budget_lines (AllotExport *ex,
                     GError     **error)
{
  GPtrArray *balances = export_allocation_balances (ex, error);
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GHashTable) rank = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (balances == NULL)
    return NULL;
  lines = g_array_sized_new (FALSE, TRUE, sizeof (ExportBudgetLine), balances->len);
  for (guint i = 0; i < ex->sources->len; i++)
    g_hash_table_insert (rank, ex->sources->pdata[i], GUINT_TO_POINTER (i));

  for (guint i = 0; i < balances->len; i++)
    {
      ExportBudgetLine line = { 0 };

      line.balance = balances->pdata[i];
      if (ex->options.fiscal_year != 0 && line.balance->fiscal_year != ex->options.fiscal_year)
        continue;
      line.allocation = export_lookup (ex->allocation_by_id, line.balance->id);
      if (line.allocation == NULL)
        goto changed;
      line.source = export_lookup (ex->source_by_id, line.allocation->source_id);
      line.task_force = export_lookup (ex->task_force_by_id, line.allocation->task_force_id);
      line.category = export_lookup (ex->category_by_id, line.allocation->category_id);
      if (line.source == NULL || line.task_force == NULL || line.category == NULL)
        goto changed;
      line.source_rank = GPOINTER_TO_UINT (g_hash_table_lookup (rank, &line.source->id));
      line.has_period = export_source_period (ex, line.source, line.allocation->fiscal_year,
                                              &line.period_first, &line.period_last);
      if (line.has_period)
        line.elapsed_bp = allot_period_elapsed_bp (&line.period_first, &line.period_last,
                                                   &ex->options.as_of);
      g_array_append_val (lines, line);
    }
  g_array_sort (lines, compare_lines);
  return g_steal_pointer (&lines);

changed:
  /* Only possible when the records were read outside one snapshot. */
  g_set_error_literal (error, ALLOT_ERROR, ALLOT_ERROR_CONFLICT,
                       _("The data changed while they were being exported; export again."));
  return NULL;
}

/* "$K5" style references for conditional formats. */
static char *
absolute_column (lxw_col_t col,
                 lxw_row_t row)
{
  char name[LXW_MAX_CELL_NAME_LENGTH];

  lxw_col_to_name (name, col, LXW_TRUE);
  return g_strdup_printf ("%s%u", name, (guint) row + 1);
}

static void
write_derived (ExportSheet        *sheet,
               const AllotBalance *b,
               ExportStyle         style)
{
  g_autofree char *budget = export_cell (sheet->row, COL_BUDGET);
  g_autofree char *expended = export_cell (sheet->row, COL_EXPENDED);
  g_autofree char *unliquidated = export_cell (sheet->row, COL_UNLIQUIDATED);
  g_autofree char *available = g_strdup_printf ("=%s-(%s+%s)", budget, expended, unliquidated);
  g_autofree char *spent = g_strdup_printf ("=IF(%s=0,0,%s/%s)", budget, expended, budget);

  export_formula_money (sheet, COL_AVAILABLE, available, b->available, style);
  export_formula_percent (sheet, COL_SPENT, spent, export_ratio (b->expended, b->authorized),
                          style);
}

static void
write_line (ExportSheet            *sheet,
            const ExportBudgetLine *line)
{
  const AllotBalance *b = &line->balance->balance;

  export_text (sheet, COL_SOURCE, line->source->code, EXPORT_PLAIN);
  export_text (sheet, COL_KIND, allot_source_kind_label (line->source->kind), EXPORT_PLAIN);
  export_text (sheet, COL_TASK_FORCE, line->task_force->code, EXPORT_PLAIN);
  export_text (sheet, COL_CATEGORY, line->category->code, EXPORT_PLAIN);
  export_int (sheet, COL_FISCAL_YEAR, line->allocation->fiscal_year, EXPORT_PLAIN);
  export_int (sheet, COL_ALLOCATION, line->allocation->id, EXPORT_PLAIN);
  export_money (sheet, COL_BUDGET, b->authorized, EXPORT_PLAIN);
  export_money (sheet, COL_OBLIGATED, b->obligated, EXPORT_PLAIN);
  export_money (sheet, COL_EXPENDED, b->expended, EXPORT_PLAIN);
  export_money (sheet, COL_UNLIQUIDATED, b->unliquidated, EXPORT_PLAIN);
  write_derived (sheet, b, EXPORT_PLAIN);
  if (line->has_period)
    {
      export_percent (sheet, COL_ELAPSED, line->elapsed_bp / 10000.0, EXPORT_PLAIN);
      export_date (sheet, COL_PERIOD_START, &line->period_first);
      export_date (sheet, COL_PERIOD_END, &line->period_last);
    }
  export_text (sheet, COL_SOURCE_NAME, line->source->name, EXPORT_PLAIN);
}

/* SUBTOTAL(9, ...) over rows @first..@last of the money columns. */
static void
write_subtotal (ExportSheet        *sheet,
                const char         *label,
                lxw_row_t           first,
                lxw_row_t           last,
                const AllotBalance *sum)
{
  static const guint money[] = { COL_BUDGET, COL_OBLIGATED, COL_EXPENDED, COL_UNLIQUIDATED };
  const gint64 values[] = { sum->authorized, sum->obligated, sum->expended, sum->unliquidated };

  for (guint c = 0; c < N_COLUMNS; c++)
    if (c != COL_SOURCE && (c < COL_BUDGET || c > COL_SPENT))
      export_text (sheet, (lxw_col_t) c, NULL, EXPORT_TOTAL);
  export_text (sheet, COL_SOURCE, label, EXPORT_TOTAL);
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autofree char *range = export_range (first, last, (lxw_col_t) money[i]);
      g_autofree char *formula = g_strdup_printf ("=SUBTOTAL(9,%s)", range);

      export_formula_money (sheet, (lxw_col_t) money[i], formula, values[i], EXPORT_TOTAL);
    }
  write_derived (sheet, sum, EXPORT_TOTAL);
}

gboolean
export_budget_sheet (AllotExport *ex,
                     GError     **error)
{
  g_autoptr(GArray) lines = NULL;
  g_autofree char *red = NULL, *amber = NULL;
  g_autofree char *available_ref = NULL, *budget_ref = NULL, *spent_ref = NULL;
  g_autofree char *elapsed_ref = NULL;
  ExportSheet sheet;
  AllotBalance group = { 0 }, total = { 0 };
  lxw_row_t group_first = 0, first_row;

  lines = export_budget_lines (ex, error);
  if (lines == NULL)
    return FALSE;

  if (!export_sheet_begin (ex, &sheet, N_("Budget vs Actual"), _("Budget vs Actual"), columns,
                           N_COLUMNS, error))
    return FALSE;
  export_sheet_check (&sheet, worksheet_write_number (sheet.ws, 2, 0, LAG_THRESHOLD,
                                                      ex->formats.percent_input));
  export_sheet_note (&sheet, 1, _("← lagging threshold: amber rows have spent a share of their "
                                  "budget smaller than the share of their period elapsed, by "
                                  "more than this. Red rows are overspent (available below "
                                  "zero). Budget: the approved allocation."));
  if (!export_sheet_header (&sheet, error))
    goto fail;

  first_row = sheet.row;
  for (guint i = 0; i < lines->len; i++)
    {
      const ExportBudgetLine *line = &g_array_index (lines, ExportBudgetLine, i);
      const ExportBudgetLine *next = i + 1 < lines->len
                                     ? &g_array_index (lines, ExportBudgetLine, i + 1) : NULL;

      if (i == 0 || line->source != g_array_index (lines, ExportBudgetLine, i - 1).source)
        {
          group_first = sheet.row;
          memset (&group, 0, sizeof group);
        }
      write_line (&sheet, line);
      export_add_balance (&group, &line->balance->balance);
      export_add_balance (&total, &line->balance->balance);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      if (next == NULL || next->source != line->source)
        {
          g_autofree char *label = g_strdup_printf (_("Total %s"), line->source->code);

          write_subtotal (&sheet, label, group_first, sheet.row - 1, &group);
          if (!export_sheet_next_row (&sheet, error))
            goto fail;
        }
    }
  export_sheet_end_data (&sheet);
  if (lines->len > 0)
    {
      available_ref = absolute_column (COL_AVAILABLE, first_row);
      budget_ref = absolute_column (COL_BUDGET, first_row);
      spent_ref = absolute_column (COL_SPENT, first_row);
      elapsed_ref = absolute_column (COL_ELAPSED, first_row);
      red = g_strdup_printf ("=%s<0", available_ref);
      amber = g_strdup_printf ("=AND(%s>0,ISNUMBER(%s),%s-%s>$A$3)", budget_ref, elapsed_ref,
                               elapsed_ref, spent_ref);
      export_sheet_highlight (&sheet, first_row, sheet.row - 1, red, ex->formats.highlight_red);
      export_sheet_highlight (&sheet, first_row, sheet.row - 1, amber,
                              ex->formats.highlight_amber);

      write_subtotal (&sheet, _("Total"), first_row, sheet.row - 1, &total);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}

/* ---- CSV ---- */

static void
append_percent (GString *line,
                double   share)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, "%.2f", share * 100.0));
}

static void
append_money (GString *line,
              gint64   cents)
{
  g_autofree char *text = allot_money_format_plain (cents);

  g_string_append (line, text);
}

gboolean
export_budget_csv_lines (AllotExport *ex,
                         FILE        *out,
                         const char  *path,
                         GError     **error)
{
  static const char *const headers[] = {
    "allocation_id", "source", "kind", "task_force", "category", "fiscal_year", "budget",
    "obligated", "expended", "unliquidated", "available", "percent_spent",
    "percent_period_elapsed", "period_start", "period_end", "source_name",
  };
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  lines = export_budget_lines (ex, error);
  if (lines == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      allot_csv_append_field (text, headers[i]);
    }
  if (!export_csv_write_line (out, text, path, error))
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      const ExportBudgetLine *line = &g_array_index (lines, ExportBudgetLine, i);
      const AllotBalance *b = &line->balance->balance;

      g_string_truncate (text, 0);
      g_string_append_printf (text, "%" PRId64 ",", line->allocation->id);
      allot_csv_append_text (text, line->source->code);
      g_string_append_c (text, ',');
      allot_csv_append_field (text, allot_source_kind_to_string (line->source->kind));
      g_string_append_c (text, ',');
      allot_csv_append_text (text, line->task_force->code);
      g_string_append_c (text, ',');
      allot_csv_append_text (text, line->category->code);
      g_string_append_printf (text, ",%d,", line->allocation->fiscal_year);
      append_money (text, b->authorized);
      g_string_append_c (text, ',');
      append_money (text, b->obligated);
      g_string_append_c (text, ',');
      append_money (text, b->expended);
      g_string_append_c (text, ',');
      append_money (text, b->unliquidated);
      g_string_append_c (text, ',');
      append_money (text, b->available);
      g_string_append_c (text, ',');
      append_percent (text, export_ratio (b->expended, b->authorized));
      g_string_append_c (text, ',');
      if (line->has_period)
        {
          g_autofree char *first = allot_date_format_iso (&line->period_first);
          g_autofree char *last = allot_date_format_iso (&line->period_last);

          g_string_append_printf (text, "%u.%02u,%s,%s", line->elapsed_bp / 100,
                                  line->elapsed_bp % 100, first, last);
        }
      else
        g_string_append (text, ",,");
      g_string_append_c (text, ',');
      allot_csv_append_text (text, line->source->name);
      if (!export_csv_write_line (out, text, path, error) ||
          !export_check_cancelled (ex, error))
        return FALSE;
      export_progress (ex, (double) (i + 1) / lines->len);
    }
  return TRUE;
}
