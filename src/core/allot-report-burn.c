/* allot-report-burn.c: how fast a source is spent, against the time it has.
 *
 * Design decisions:
 * - Spending is "expended" as in the balances (approved, unvoided
 *   expenditures by the date incurred, and corrections), so the cumulative
 *   figure at today equals the balances' expended.
 * - The period is the one in which the money may be spent: a grant's period
 *   of performance, an agreement's term, an appropriation's fiscal year to
 *   its lapse date.  A forfeiture fund does not lapse: its period starts
 *   with its first receipt and has no end, so only the exhaustion date is
 *   projected (without future receipts).
 * - The projection is a straight line at the average daily pace since the
 *   period began, spent / days elapsed: steady, simple to check by hand, and
 *   not thrown by one large month.  The money runs out after
 *   ceil (unspent * days_elapsed / spent) more days.  If that is after the
 *   period ends, the money lapses first, with
 *   unspent - floor (spent * days_left / days_elapsed) left.
 * - What is authorized is taken as of the as-of date where it is dated
 *   (amendments, receipts); an appropriation or agreement has one figure.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-report-private.h"

void
allot_burn_report_free (AllotBurnReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source_code);
  g_free (report->source_name);
  g_clear_pointer (&report->months, g_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

static const char sql_spent[] =
  "SELECT substr (e.entry_date, 1, 7), SUM (e.amount)"
  " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
  " WHERE a.source_id = ?1 AND a.voided = 0 AND a.status = 'approved'"
  " AND e.voided = 0 AND e.status = 'approved' AND e.entry_date <= ?2"
  " AND (e.kind = 'expenditure' OR (e.kind = 'adjustment' AND e.obligation_id IS NULL))"
  " GROUP BY 1 ORDER BY 1";

/* Open obligations on @as_of (accrual), never below zero each. */
static const char sql_unliquidated[] =
  "SELECT COALESCE (SUM (MAX (open_amount, 0)), 0) FROM ("
  " SELECT o.amount"
  "  + COALESCE ((SELECT SUM (x.amount) FROM ledger_entries x WHERE x.obligation_id = o.id"
  "     AND x.kind = 'adjustment' AND x.voided = 0 AND x.status = 'approved'"
  "     AND x.entry_date <= ?2), 0)"
  "  - COALESCE ((SELECT SUM (x.amount) FROM ledger_entries x WHERE x.obligation_id = o.id"
  "     AND x.kind = 'expenditure' AND x.voided = 0 AND x.status = 'approved'"
  "     AND x.entry_date <= ?2), 0) AS open_amount"
  " FROM ledger_entries o JOIN allocations a ON a.id = o.allocation_id"
  " WHERE a.source_id = ?1 AND a.voided = 0 AND a.status = 'approved'"
  " AND o.kind = 'obligation' AND o.voided = 0 AND o.status = 'approved'"
  " AND o.entry_date <= ?2) AS obligations";

static const char sql_amendments[] =
  "SELECT COALESCE (SUM (amount), 0) FROM amendments WHERE source_id = ?1"
  " AND effective_date <= ?2";

static const char sql_receipts[] =
  "SELECT COALESCE (SUM (amount), 0), MIN (received_date) FROM receipts"
  " WHERE source_id = ?1 AND voided = 0 AND received_date <= ?2";

static gboolean
query_sum (AllotStore  *store,
           const char  *sql,
           gint64       source_id,
           const GDate *as_of,
           gint64      *out,
           GDate       *out_first,
           GError     **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  allot_db_bind_date (stmt, 2, as_of);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    {
      *out = allot_stmt_column_int64 (stmt, 0);
      if (out_first != NULL)
        report_column_date (stmt, 1, out_first);
    }
  else
    allot_db_set_error (store->db, rc, error, "Could not read the source");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_ROW;
}

/* The period and what is authorized on as_of. */
static gboolean
period_and_authority (AllotStore        *store,
                      const AllotSource *source,
                      AllotBurnReport   *report,
                      GError           **error)
{
  gint64 sum = 0;
  GDate unused;

  g_date_clear (&report->period_start, 1);
  g_date_clear (&report->period_end, 1);
  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      report->period_start = source->u.grant.pop_start;
      report->period_end = source->u.grant.pop_end;
      if (!query_sum (store, sql_amendments, source->id, &report->as_of, &sum, NULL, error))
        return FALSE;
      report->authorized = source->u.grant.award_amount + sum;
      return TRUE;
    case ALLOT_SOURCE_APPROPRIATION:
      allot_fiscal_year_bounds (source->u.appropriation.fiscal_year,
                                allot_store_get_fy_start_month (store), &report->period_start,
                                &unused);
      report->period_end = source->u.appropriation.lapse_date;
      report->authorized = source->u.appropriation.amount;
      return TRUE;
    case ALLOT_SOURCE_AGREEMENT:
      report->period_start = source->u.agreement.term_start;
      report->period_end = source->u.agreement.term_end;
      return allot_store_source_authorized (store, source->id, &report->authorized, error);
    case ALLOT_SOURCE_FORFEITURE:
    default:
      return query_sum (store, sql_receipts, source->id, &report->as_of, &report->authorized,
                        &report->period_start, error);
    }
}

static gboolean
read_months (AllotStore      *store,
             AllotBurnReport *report,
             GError         **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql_spent, error);
  g_autoptr(GHashTable) by_month = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  GDate first, month;
  gint64 cumulative = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, report->source_id);
  allot_db_bind_date (stmt, 2, &report->as_of);
  g_date_clear (&first, 1);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      g_autofree char *key = report_column_text (stmt, 0);
      g_autofree char *day = g_strconcat (key, "-01", NULL);
      gint64 spent = allot_stmt_column_int64 (stmt, 1);

      if (!g_date_valid (&first))
        allot_date_parse (day, &first, NULL);
      g_hash_table_insert (by_month, g_steal_pointer (&key), g_memdup2 (&spent, sizeof spent));
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the spending");
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    return FALSE;

  /* From the period's first month (or the first spending, if earlier). */
  if (report->has_period && (!g_date_valid (&first) ||
                             g_date_compare (&report->period_start, &first) < 0))
    first = report->period_start;
  if (!g_date_valid (&first))
    return TRUE;
  g_date_clear (&month, 1);
  g_date_set_dmy (&month, 1, g_date_get_month (&first), g_date_get_year (&first));
  while (g_date_compare (&month, &report->as_of) <= 0)
    {
      g_autofree char *key = g_strdup_printf ("%04u-%02u", g_date_get_year (&month),
                                              g_date_get_month (&month));
      gint64 *spent = g_hash_table_lookup (by_month, key);
      AllotBurnMonth m = { 0 };
      GDate month_end = month;

      g_date_set_day (&month_end, g_date_get_days_in_month (g_date_get_month (&month),
                                                            g_date_get_year (&month)));
      if (g_date_compare (&month_end, &report->as_of) > 0)
        month_end = report->as_of;
      m.year = g_date_get_year (&month);
      m.month = g_date_get_month (&month);
      m.spent = spent != NULL ? *spent : 0;
      cumulative += m.spent;
      m.cumulative = cumulative;
      m.spent_bp = report_share_bp (cumulative, report->authorized);
      m.elapsed_bp = g_date_valid (&report->period_end)
        ? allot_period_elapsed_bp (&report->period_start, &report->period_end, &month_end) : 0;
      g_array_append_val (report->months, m);
      g_date_add_months (&month, 1);
    }
  return TRUE;
}

static void
project (AllotBurnReport *report)
{
  guint64 product;
  gint64 days_more;

  if (report->spent <= 0 || report->unspent <= 0 || report->days_elapsed == 0)
    return;
  if (g_date_valid (&report->period_end) &&
      g_date_compare (&report->as_of, &report->period_end) >= 0)
    return;
  /* ceil (unspent * days_elapsed / spent); no projection past any sensible
   * horizon (the product would overflow only for trillions of dollars). */
  if (!g_uint64_checked_mul (&product, (guint64) report->unspent, report->days_elapsed))
    return;
  days_more = (gint64) ((product + (guint64) report->spent - 1) / (guint64) report->spent);
  if (days_more > 365 * 200)
    return;
  report->has_projection = TRUE;
  report->exhaustion = report->as_of;
  g_date_add_days (&report->exhaustion, (guint) days_more);
  if (g_date_valid (&report->period_end) &&
      g_date_compare (&report->exhaustion, &report->period_end) > 0)
    {
      gint64 days_left = (gint64) g_date_get_julian (&report->period_end) -
                         (gint64) g_date_get_julian (&report->as_of);
      gint64 elapsed = report->days_elapsed;
      /* floor (spent * days_left / elapsed), in two steps to stay in range */
      gint64 to_come = report->spent / elapsed * days_left +
                       report->spent % elapsed * days_left / elapsed;

      report->lapses_first = TRUE;
      report->projected_unspent = report->unspent - to_come;
    }
}

AllotBurnReport *
allot_report_burn (AllotStore  *store,
                   gint64       source_id,
                   const GDate *as_of,
                   GError     **error)
{
  g_autoptr(AllotBurnReport) report = NULL;
  g_autoptr(AllotSource) source = NULL;
  gboolean began = FALSE, ok;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);

  report = g_new0 (AllotBurnReport, 1);
  report->months = g_array_new (FALSE, TRUE, sizeof (AllotBurnMonth));
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  if (as_of != NULL && g_date_valid (as_of))
    report->as_of = *as_of;
  else
    allot_date_set_today (&report->as_of);
  g_date_clear (&report->exhaustion, 1);

  if (!report_read_begin (store, &began, error))
    return NULL;
  source = allot_store_lookup_source (store, source_id, error);
  ok = source != NULL;
  if (ok)
    {
      report->source_id = source->id;
      report->source_code = g_strdup (source->code);
      report->source_name = g_strdup (source->name);
      report->kind = source->kind;
      ok = period_and_authority (store, source, report, error);
    }
  if (ok)
    {
      report->has_period = g_date_valid (&report->period_start);
      ok = read_months (store, report, error) &&
           query_sum (store, sql_unliquidated, source_id, &report->as_of, &report->unliquidated,
                      NULL, error);
    }
  report_read_end (store, began);
  if (!ok)
    return NULL;

  for (guint i = 0; i < report->months->len; i++)
    report->spent += g_array_index (report->months, AllotBurnMonth, i).spent;
  report->unspent = report->authorized - report->spent;
  report->spent_bp = report_share_bp (report->spent, report->authorized);
  if (report->has_period && g_date_valid (&report->period_end))
    {
      report->days_total = allot_period_days (&report->period_start, &report->period_end);
      report->days_elapsed = allot_period_days_elapsed (&report->period_start,
                                                        &report->period_end, &report->as_of);
      report->elapsed_bp = allot_period_elapsed_bp (&report->period_start, &report->period_end,
                                                    &report->as_of);
    }
  else if (report->has_period && g_date_compare (&report->as_of, &report->period_start) >= 0)
    report->days_elapsed = g_date_get_julian (&report->as_of) -
                           g_date_get_julian (&report->period_start) + 1;
  project (report);

  if (report->unspent < 0)
    {
      g_autofree char *over = allot_money_format_plain (-report->unspent);

      report_warn (report->warnings, _("%s has spent %s more than it authorizes."),
                   report->source_code, over);
    }
  else if (g_date_valid (&report->period_end) &&
           g_date_compare (&report->as_of, &report->period_end) > 0 && report->unspent > 0)
    {
      g_autofree char *end = allot_date_format_iso (&report->period_end);
      g_autofree char *left = allot_money_format_plain (report->unspent);

      report_warn (report->warnings, _("The period ended on %s with %s unspent."), end, left);
    }
  else if (report->lapses_first && report->projected_unspent > 0)
    {
      g_autofree char *end = allot_date_format_iso (&report->period_end);
      g_autofree char *left = allot_money_format_plain (report->projected_unspent);

      report_warn (report->warnings, _("At this pace %s will be left unspent when the period "
                                       "ends on %s."), left, end);
    }
  return g_steal_pointer (&report);
}
