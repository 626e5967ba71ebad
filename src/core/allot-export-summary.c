/* allot-export-summary.c: the Summary sheet.
 *
 * Two blocks: totals by kind of source (for the fiscal year chosen, or over
 * the sources' whole life), then the same by fiscal year and kind.  The
 * figures are sums of the balance rows of allot_store_list_balances() by
 * source and by allocation, the sums "allot-cli balances --by kind" prints; Available, % spent and every total are live
 * formulas whose cached results come from the same cents.  A column chart
 * sets budget against actual for each kind of source.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-export-private.h"

enum {
  COL_LABEL,
  COL_AUTHORIZED,
  COL_ALLOCATED,
  COL_OBLIGATED,
  COL_EXPENDED,
  COL_UNLIQUIDATED,
  COL_AVAILABLE,
  COL_SPENT,
  N_COLUMNS
};

static const ExportColumn columns[N_COLUMNS] = {
  { N_("Kind of source"), EXPORT_TEXT, 18, 40 },
  { N_("Authorized"), EXPORT_MONEY, 12, 20 },
  { N_("Allocated"), EXPORT_MONEY, 12, 20 },
  { N_("Obligated"), EXPORT_MONEY, 12, 20 },
  { N_("Expended"), EXPORT_MONEY, 12, 20 },
  { N_("Unliquidated"), EXPORT_MONEY, 12, 20 },
  { N_("Available"), EXPORT_MONEY, 12, 20 },
  /* xgettext:no-c-format */
  { N_("% spent"), EXPORT_PERCENT, 8, 10 },
};

/* Available = authorized - (expended + unliquidated) and % spent =
 * expended / authorized, as formulas over the row's own cells. */
static void
write_derived (ExportSheet        *sheet,
               const AllotBalance *b,
               ExportStyle         style)
{
  g_autofree char *authorized = export_cell (sheet->row, COL_AUTHORIZED);
  g_autofree char *expended = export_cell (sheet->row, COL_EXPENDED);
  g_autofree char *unliquidated = export_cell (sheet->row, COL_UNLIQUIDATED);
  g_autofree char *available = g_strdup_printf ("=%s-(%s+%s)", authorized, expended,
                                                unliquidated);
  g_autofree char *spent = g_strdup_printf ("=IF(%s=0,0,%s/%s)", authorized, expended,
                                            authorized);

  export_formula_money (sheet, COL_AVAILABLE, available, b->available, style);
  export_formula_percent (sheet, COL_SPENT, spent, export_ratio (b->expended, b->authorized),
                          style);
}

static void
write_values (ExportSheet        *sheet,
              const char         *label,
              const AllotBalance *b)
{
  export_text (sheet, COL_LABEL, label, EXPORT_PLAIN);
  export_money (sheet, COL_AUTHORIZED, b->authorized, EXPORT_PLAIN);
  export_money (sheet, COL_ALLOCATED, b->allocated, EXPORT_PLAIN);
  export_money (sheet, COL_OBLIGATED, b->obligated, EXPORT_PLAIN);
  export_money (sheet, COL_EXPENDED, b->expended, EXPORT_PLAIN);
  export_money (sheet, COL_UNLIQUIDATED, b->unliquidated, EXPORT_PLAIN);
  write_derived (sheet, b, EXPORT_PLAIN);
}

/* A total row: =SUM(first:last) in every money column but Available. */
static void
write_sum_row (ExportSheet        *sheet,
               const char         *label,
               lxw_row_t           first,
               lxw_row_t           last,
               const AllotBalance *sum)
{
  static const guint money[] = {
    COL_AUTHORIZED, COL_ALLOCATED, COL_OBLIGATED, COL_EXPENDED, COL_UNLIQUIDATED
  };
  const gint64 values[] = {
    sum->authorized, sum->allocated, sum->obligated, sum->expended, sum->unliquidated
  };

  export_text (sheet, COL_LABEL, label, EXPORT_TOTAL);
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autofree char *range = export_range (first, last, (lxw_col_t) money[i]);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);

      export_formula_money (sheet, (lxw_col_t) money[i], formula, values[i], EXPORT_TOTAL);
    }
  write_derived (sheet, sum, EXPORT_TOTAL);
}

/* A total row adding the cells of @rows (the subtotals of each year). */
static void
write_sum_of_rows (ExportSheet        *sheet,
                   const char         *label,
                   GArray             *rows,
                   const AllotBalance *sum)
{
  static const guint money[] = {
    COL_AUTHORIZED, COL_ALLOCATED, COL_OBLIGATED, COL_EXPENDED, COL_UNLIQUIDATED
  };
  const gint64 values[] = {
    sum->authorized, sum->allocated, sum->obligated, sum->expended, sum->unliquidated
  };

  export_text (sheet, COL_LABEL, label, EXPORT_TOTAL);
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autoptr(GString) formula = g_string_new ("=");

      for (guint r = 0; r < rows->len; r++)
        {
          g_autofree char *cell = export_cell (g_array_index (rows, lxw_row_t, r),
                                               (lxw_col_t) money[i]);
          g_string_append_printf (formula, r > 0 ? "+%s" : "%s", cell);
        }
      export_formula_money (sheet, (lxw_col_t) money[i], formula->str, values[i],
                            EXPORT_TOTAL);
    }
  write_derived (sheet, sum, EXPORT_TOTAL);
}

static gboolean
insert_chart (ExportSheet *sheet,
              lxw_row_t    first,
              lxw_row_t    last,
              GError     **error)
{
  static const guint series_columns[] = { COL_AUTHORIZED, COL_OBLIGATED, COL_EXPENDED };
  lxw_chart *chart = workbook_add_chart (sheet->ex->workbook, LXW_CHART_COLUMN);
  lxw_chart_options options = { .x_offset = 10, .y_offset = 4, .x_scale = 1.3, .y_scale = 1.2 };

  if (chart == NULL)
    {
      export_set_lxw_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, _("the chart"));
      return FALSE;
    }
  chart_title_set_name (chart, _("Budget against actual by kind of source"));
  for (guint i = 0; i < G_N_ELEMENTS (series_columns); i++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

      if (series == NULL)
        {
          export_set_lxw_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, _("the chart"));
          return FALSE;
        }
      chart_series_set_categories (series, sheet->name, first, COL_LABEL, last, COL_LABEL);
      chart_series_set_values (series, sheet->name, first, (lxw_col_t) series_columns[i], last,
                               (lxw_col_t) series_columns[i]);
      chart_series_set_name_range (series, sheet->name, sheet->header_row,
                                   (lxw_col_t) series_columns[i]);
    }
  chart_axis_set_num_format (chart->y_axis, "#,##0");
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  export_sheet_check (sheet, worksheet_insert_chart_opt (sheet->ws, 2, N_COLUMNS + 1, chart,
                                                         &options));
  return TRUE;
}

/* Totals by kind of source, indexed by AllotSourceKind: over the sources'
 * life for @fiscal_year 0 (what "balances --by kind" sums from the source
 * balances), else over the approved allocations of that year (what
 * "balances --by kind --fy YEAR" sums from the allocation balances).
 * @present says which kinds have a row there. */
static gboolean
balances_by_kind (AllotExport  *ex,
                  int           fiscal_year,
                  AllotBalance  out[ALLOT_SOURCE_N_KINDS],
                  gboolean      present[ALLOT_SOURCE_N_KINDS],
                  GError      **error)
{
  GPtrArray *rows = fiscal_year == 0 ? export_source_balances (ex, error)
                                     : export_allocation_balances (ex, error);

  if (rows == NULL)
    return FALSE;
  memset (out, 0, sizeof (AllotBalance) * ALLOT_SOURCE_N_KINDS);
  memset (present, 0, sizeof (gboolean) * ALLOT_SOURCE_N_KINDS);
  for (guint i = 0; i < rows->len; i++)
    {
      const AllotBalanceRow *row = rows->pdata[i];
      const AllotSource *source;

      if (fiscal_year == 0)
        source = export_lookup (ex->source_by_id, row->id);
      else
        {
          const AllotAllocation *allocation = export_lookup (ex->allocation_by_id, row->id);

          if (row->fiscal_year != fiscal_year || allocation == NULL)
            continue;
          source = export_lookup (ex->source_by_id, allocation->source_id);
        }
      if (source == NULL || (guint) source->kind >= ALLOT_SOURCE_N_KINDS)
        continue;
      export_add_balance (&out[source->kind], &row->balance);
      present[source->kind] = TRUE;
    }
  return TRUE;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return x < y ? -1 : x > y;
}

/* The fiscal years with approved allocations, ascending. */
static GArray *
list_years (AllotExport *ex,
            GError     **error)
{
  GPtrArray *rows = export_allocation_balances (ex, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *years;

  if (rows == NULL)
    return NULL;
  years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < rows->len; i++)
    {
      int year = ((const AllotBalanceRow *) rows->pdata[i])->fiscal_year;

      if (g_hash_table_add (seen, GINT_TO_POINTER (year)))
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_ints);
  return years;
}

gboolean
export_summary_sheet (AllotExport *ex,
                      GError     **error)
{
  ExportSheet sheet;
  AllotBalance by_kind[ALLOT_SOURCE_N_KINDS];
  gboolean present[ALLOT_SOURCE_N_KINDS];
  AllotBalance total = { 0 }, all_years = { 0 };
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) subtotal_rows = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  lxw_row_t first, last;
  gboolean ok;

  if (!balances_by_kind (ex, ex->options.fiscal_year, by_kind, present, error))
    return FALSE;
  if (ex->options.fiscal_year != 0)
    {
      years = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (years, ex->options.fiscal_year);
    }
  else if ((years = list_years (ex, error)) == NULL)
    return FALSE;

  if (!export_sheet_begin (ex, &sheet, N_("Summary"), _("Summary"), columns, N_COLUMNS, error))
    return FALSE;
  export_sheet_note (&sheet, 0, ex->options.fiscal_year == 0
                     ? _("Authorized: what each source makes available (award and amendments, "
                         "appropriation, partner cash, forfeiture receipts). Available = "
                         "authorized - (expended + unliquidated). Only approved, unvoided "
                         "allocations and entries count.")
                     : _("For one fiscal year, Authorized is the budget allocated to that year. "
                         "Available = authorized - (expended + unliquidated). Only approved, "
                         "unvoided allocations and entries count."));
  if (!export_sheet_header (&sheet, error))
    goto fail;

  /* Totals by kind of source. */
  first = sheet.row;
  for (int kind = 0; kind < ALLOT_SOURCE_N_KINDS; kind++)
    {
      write_values (&sheet, allot_source_kind_label (kind), &by_kind[kind]);
      export_add_balance (&total, &by_kind[kind]);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  last = sheet.row - 1;
  export_sheet_end_data (&sheet);
  write_sum_row (&sheet, _("Total"), first, last, &total);
  if (!export_sheet_next_row (&sheet, error) ||
      !insert_chart (&sheet, first, last, error))
    goto fail;

  /* By fiscal year and kind of source. */
  sheet.row++;
  export_sheet_check (&sheet, worksheet_write_string (sheet.ws, sheet.row, 0,
                                                      _("By fiscal year and kind of source "
                                                        "(authorized = the budget allocated "
                                                        "to the year)"),
                                                      ex->formats.section));
  if (!export_sheet_next_row (&sheet, error))
    goto fail;
  for (guint c = 0; c < N_COLUMNS; c++)
    export_sheet_check (&sheet, worksheet_write_string (sheet.ws, sheet.row, (lxw_col_t) c,
                                                        c == COL_LABEL ? _("Fiscal year and kind")
                                                                       : _(columns[c].header),
                                                        c == COL_LABEL ? ex->formats.header
                                                                       : ex->formats.header_number));
  if (!export_sheet_next_row (&sheet, error))
    goto fail;

  for (guint y = 0; y < years->len; y++)
    {
      int year = g_array_index (years, int, y);
      AllotBalance year_total = { 0 };
      g_autofree char *year_label = NULL;
      g_autofree char *total_label = NULL;
      GDate year_first, year_last;
      g_autofree char *first_text = NULL, *last_text = NULL;
      gboolean any = FALSE;

      if (!balances_by_kind (ex, year, by_kind, present, error))
        goto fail;
      for (int kind = 0; kind < ALLOT_SOURCE_N_KINDS; kind++)
        any = any || present[kind];
      if (!any)
        continue;

      allot_fiscal_year_bounds (year, ex->fy_start_month, &year_first, &year_last);
      first_text = allot_date_format_iso (&year_first);
      last_text = allot_date_format_iso (&year_last);
      year_label = g_strdup_printf (_("FY%d (%s to %s)"), year, first_text, last_text);
      export_sheet_check (&sheet, worksheet_write_string (sheet.ws, sheet.row, 0, year_label,
                                                          ex->formats.cell[EXPORT_TEXT][EXPORT_TOTAL]));
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      first = sheet.row;
      for (int kind = 0; kind < ALLOT_SOURCE_N_KINDS; kind++)
        {
          g_autofree char *label = NULL;

          if (!present[kind])
            continue;
          label = g_strdup_printf ("FY%d %s", year, allot_source_kind_label (kind));
          write_values (&sheet, label, &by_kind[kind]);
          export_add_balance (&year_total, &by_kind[kind]);
          if (!export_sheet_next_row (&sheet, error))
            goto fail;
        }
      total_label = g_strdup_printf (_("Total FY%d"), year);
      write_sum_row (&sheet, total_label, first, sheet.row - 1, &year_total);
      g_array_append_val (subtotal_rows, sheet.row);
      export_add_balance (&all_years, &year_total);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  if (subtotal_rows->len > 1)
    {
      write_sum_of_rows (&sheet, _("Total, all fiscal years"), subtotal_rows, &all_years);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }

  ok = export_sheet_finish (&sheet, error);
  return ok;

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}
