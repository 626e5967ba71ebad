/* allot-export-aging.c: the Obligations Aging sheet.
 *
 * Design decisions:
 * - An obligation is open while what it obligates (its amount plus the
 *   adjustments naming it) exceeds the expenditures naming it, counting only
 *   approved, unvoided entries of approved allocations: the same rule as the
 *   unliquidated figure of the balances, one obligation at a time, so the
 *   sheet's total is the balances' unliquidated amount.
 * - Age is counted in days from the obligation date to the as-of date and
 *   put in one bucket: 0-30, 31-60, 61-90, over 90.
 * - The liquidation deadline: for a grant, the "liquidation_days" setting
 *   (120 unless changed: 2 CFR 200.344) after its period of performance
 *   ends; for an agreement, the end of its term;
 *   for an appropriation, its lapse date; a forfeiture fund has none.  Days
 *   left are negative once it has passed (red), amber within 30 days.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-export-private.h"

#define DEFAULT_LIQUIDATION_DAYS 120
#define DEADLINE_WARNING_DAYS 30

enum {
  COL_ID,
  COL_DOCUMENT,
  COL_DATE,
  COL_AGE,
  COL_SOURCE,
  COL_KIND,
  COL_TASK_FORCE,
  COL_CATEGORY,
  COL_FISCAL_YEAR,
  COL_PAYEE,
  COL_OBLIGATED,
  COL_LIQUIDATED,
  COL_OPEN,
  COL_AGE_30,
  COL_AGE_60,
  COL_AGE_90,
  COL_AGE_OVER_90,
  COL_DEADLINE,
  COL_DAYS_LEFT,
  COL_DESCRIPTION,
  N_COLUMNS
};

static const ExportColumn columns[N_COLUMNS] = {
  { N_("Entry"), EXPORT_INT, 7, 10 },
  { N_("Document"), EXPORT_TEXT, 10, 20 },
  { N_("Obligation date"), EXPORT_DATE, 11, 12 },
  { N_("Age (days)"), EXPORT_INT, 6, 8 },
  { N_("Source"), EXPORT_TEXT, 8, 20 },
  { N_("Kind of source"), EXPORT_TEXT, 12, 26 },
  { N_("Task force"), EXPORT_TEXT, 8, 14 },
  { N_("Cost category"), EXPORT_TEXT, 8, 14 },
  { N_("Fiscal year"), EXPORT_INT, 7, 8 },
  { N_("Payee"), EXPORT_TEXT, 12, 36 },
  { N_("Obligated"), EXPORT_MONEY, 12, 18 },
  { N_("Liquidated"), EXPORT_MONEY, 12, 18 },
  { N_("Open"), EXPORT_MONEY, 12, 18 },
  { N_("0–30 days"), EXPORT_MONEY, 11, 18 },
  { N_("31–60 days"), EXPORT_MONEY, 11, 18 },
  { N_("61–90 days"), EXPORT_MONEY, 11, 18 },
  { N_("Over 90 days"), EXPORT_MONEY, 11, 18 },
  { N_("Liquidation deadline"), EXPORT_DATE, 11, 12 },
  { N_("Days left"), EXPORT_INT, 6, 8 },
  { N_("Description"), EXPORT_TEXT, 30, 70 },
};

/* The liquidation deadline of money from @source; FALSE when there is none. */
static gboolean
liquidation_deadline (const AllotSource *source,
                      guint              grant_days,
                      GDate             *out)
{
  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      *out = source->u.grant.pop_end;
      if (!g_date_valid (out))
        return FALSE;
      g_date_add_days (out, grant_days);
      return TRUE;
    case ALLOT_SOURCE_AGREEMENT:
      *out = source->u.agreement.term_end;
      return g_date_valid (out);
    case ALLOT_SOURCE_APPROPRIATION:
      *out = source->u.appropriation.lapse_date;
      return g_date_valid (out);
    case ALLOT_SOURCE_FORFEITURE:
    default:
      return FALSE;
    }
}

typedef struct {
  gint64 obligated, liquidated, open;
  gint64 buckets[4];
} Totals;

gboolean
export_aging_sheet (AllotExport *ex,
                    GError     **error)
{
  static const guint money[] = {
    COL_OBLIGATED, COL_LIQUIDATED, COL_OPEN, COL_AGE_30, COL_AGE_60, COL_AGE_90, COL_AGE_OVER_90
  };
  g_autofree char *days_setting = allot_store_dup_setting (ex->store, "liquidation_days");
  g_autofree char *note = NULL;
  guint grant_days = DEFAULT_LIQUIDATION_DAYS;
  AllotStmt *stmt;
  ExportSheet sheet;
  Totals totals = { 0 };
  lxw_row_t first;
  int rc;

  if (days_setting != NULL)
    {
      guint64 days = g_ascii_strtoull (days_setting, NULL, 10);

      if (days > 0 && days <= 3650)
        grant_days = (guint) days;
    }

  stmt = allot_store_statement (ex->store,
      "SELECT o.id, o.document_number, o.entry_date, o.payee, o.description, a.source_id,"
      " a.task_force_id, a.category_id, a.fiscal_year,"
      " o.amount + COALESCE (SUM (CASE WHEN d.kind = 'adjustment' THEN d.amount END), 0),"
      " COALESCE (SUM (CASE WHEN d.kind = 'expenditure' THEN d.amount END), 0)"
      " FROM ledger_entries o JOIN allocations a ON a.id = o.allocation_id"
      " LEFT JOIN ledger_entries d"
      "   ON d.obligation_id = o.id AND d.voided = 0 AND d.status = 'approved'"
      " WHERE o.kind = 'obligation' AND o.voided = 0 AND o.status = 'approved'"
      "   AND a.voided = 0 AND a.status = 'approved' AND (?1 = 0 OR a.fiscal_year = ?1)"
      " GROUP BY o.id, a.id"
      " HAVING o.amount + COALESCE (SUM (CASE WHEN d.kind = 'adjustment' THEN d.amount END), 0)"
      "   > COALESCE (SUM (CASE WHEN d.kind = 'expenditure' THEN d.amount END), 0)"
      " ORDER BY o.entry_date, o.id", error);
  if (stmt == NULL)
    return export_fail (ex, error);
  allot_stmt_bind_int (stmt, 1, ex->options.fiscal_year);

  if (!export_sheet_begin (ex, &sheet, N_("Obligations Aging"), _("Obligations Aging"), columns,
                           N_COLUMNS, error))
    {
      allot_stmt_reset (stmt);
      return FALSE;
    }
  note = g_strdup_printf (_("Open obligations by age on the as-of date. Liquidation deadline: "
                            "grants %u days after the period of performance (2 CFR 200.344), "
                            "agreements the end of the term, appropriations the lapse date. "
                            "Red: past the deadline; amber: 30 days or less left."), grant_days);
  export_sheet_note (&sheet, 0, note);
  if (!export_sheet_header (&sheet, error))
    goto fail;

  first = sheet.row;
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      const AllotSource *source = export_lookup (ex->source_by_id,
                                                 allot_stmt_column_int64 (stmt, 5));
      const AllotTaskForce *tf = export_lookup (ex->task_force_by_id,
                                                allot_stmt_column_int64 (stmt, 6));
      const AllotCategory *category = export_lookup (ex->category_by_id,
                                                     allot_stmt_column_int64 (stmt, 7));
      gint64 obligated = allot_stmt_column_int64 (stmt, 9);
      gint64 liquidated = allot_stmt_column_int64 (stmt, 10);
      gint64 open = obligated - liquidated;
      g_autofree char *obligated_ref = export_cell (sheet.row, COL_OBLIGATED);
      g_autofree char *liquidated_ref = export_cell (sheet.row, COL_LIQUIDATED);
      g_autofree char *open_formula = g_strdup_printf ("=%s-%s", obligated_ref, liquidated_ref);
      GDate date, deadline;
      gint64 age = 0;
      guint bucket;

      g_date_clear (&date, 1);
      if (!allot_date_parse ((const char *) allot_stmt_column_text (stmt, 2), &date, NULL))
        g_date_clear (&date, 1);
      if (g_date_valid (&date))
        age = MAX (0, g_date_days_between (&date, &ex->options.as_of));
      bucket = age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3;

      export_int (&sheet, COL_ID, allot_stmt_column_int64 (stmt, 0), EXPORT_PLAIN);
      export_text (&sheet, COL_DOCUMENT, (const char *) allot_stmt_column_text (stmt, 1),
                   EXPORT_PLAIN);
      export_date (&sheet, COL_DATE, &date);
      export_int (&sheet, COL_AGE, age, EXPORT_PLAIN);
      if (source != NULL)
        {
          export_text (&sheet, COL_SOURCE, source->code, EXPORT_PLAIN);
          export_text (&sheet, COL_KIND, allot_source_kind_label (source->kind), EXPORT_PLAIN);
        }
      if (tf != NULL)
        export_text (&sheet, COL_TASK_FORCE, tf->code, EXPORT_PLAIN);
      if (category != NULL)
        export_text (&sheet, COL_CATEGORY, category->code, EXPORT_PLAIN);
      export_int (&sheet, COL_FISCAL_YEAR, allot_stmt_column_int (stmt, 8), EXPORT_PLAIN);
      export_text (&sheet, COL_PAYEE, (const char *) allot_stmt_column_text (stmt, 3), EXPORT_PLAIN);
      export_money (&sheet, COL_OBLIGATED, obligated, EXPORT_PLAIN);
      export_money (&sheet, COL_LIQUIDATED, liquidated, EXPORT_PLAIN);
      export_formula_money (&sheet, COL_OPEN, open_formula, open, EXPORT_PLAIN);
      export_money (&sheet, (lxw_col_t) (COL_AGE_30 + bucket), open, EXPORT_PLAIN);
      if (source != NULL && liquidation_deadline (source, grant_days, &deadline))
        {
          export_date (&sheet, COL_DEADLINE, &deadline);
          export_int (&sheet, COL_DAYS_LEFT, g_date_days_between (&ex->options.as_of, &deadline),
                      EXPORT_PLAIN);
        }
      export_text (&sheet, COL_DESCRIPTION, (const char *) allot_stmt_column_text (stmt, 4),
                   EXPORT_PLAIN);

      totals.obligated += obligated;
      totals.liquidated += liquidated;
      totals.open += open;
      totals.buckets[bucket] += open;
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (ex->store->db, rc, error, _("Could not read the ledger"));
      export_fail (ex, error);
      goto fail;
    }
  allot_stmt_reset (stmt);

  export_sheet_end_data (&sheet);
  if (sheet.row > first)
    {
      const gint64 values[] = {
        totals.obligated, totals.liquidated, totals.open, totals.buckets[0], totals.buckets[1],
        totals.buckets[2], totals.buckets[3]
      };
      g_autofree char *days_left = NULL;
      g_autofree char *red = NULL, *amber = NULL;
      char column[LXW_MAX_CELL_NAME_LENGTH];
      lxw_row_t last = sheet.row - 1;

      lxw_col_to_name (column, COL_DAYS_LEFT, LXW_TRUE);
      days_left = g_strdup_printf ("%s%u", column, (guint) first + 1);
      red = g_strdup_printf ("=AND(ISNUMBER(%s),%s<0)", days_left, days_left);
      amber = g_strdup_printf ("=AND(ISNUMBER(%s),%s>=0,%s<=%d)", days_left, days_left, days_left,
                               DEADLINE_WARNING_DAYS);
      export_sheet_highlight (&sheet, first, last, red, ex->formats.highlight_red);
      export_sheet_highlight (&sheet, first, last, amber, ex->formats.highlight_amber);

      for (guint c = 0; c < N_COLUMNS; c++)
        export_text (&sheet, (lxw_col_t) c, c == COL_ID ? _("Total") : NULL, EXPORT_TOTAL);
      for (guint i = 0; i < G_N_ELEMENTS (money); i++)
        {
          g_autofree char *range = export_range (first, last, (lxw_col_t) money[i]);
          g_autofree char *formula = g_strdup_printf ("=SUBTOTAL(9,%s)", range);

          export_formula_money (&sheet, (lxw_col_t) money[i], formula, values[i], EXPORT_TOTAL);
        }
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  allot_stmt_reset (stmt);
  export_sheet_clear (&sheet);
  return FALSE;
}
