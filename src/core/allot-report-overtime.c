/* allot-report-overtime.c: overtime by officer and agreement against the
 * partner's caps, with what was billed and received.
 *
 * Design decision: what is within the caps comes from the view
 * overtime_cap_usage (allot-schema-reports.c), the same one the compliance
 * rule reads, so the report and the check flag the same entries.  Claims
 * count in the federal fiscal year of their period; payments with their
 * claim.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-report-private.h"

static void
row_free (AllotOvertimeRow *row)
{
  if (row == NULL)
    return;
  g_free (row->badge);
  g_free (row->officer_name);
  g_free (row->agency_code);
  g_free (row->agreement_code);
  g_free (row->agreement_number);
  g_free (row);
}

static void
flag_free (AllotOvertimeFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->badge);
  g_free (flag->agreement_code);
  g_free (flag->case_number);
  g_free (flag);
}

void
allot_overtime_report_free (AllotOvertimeReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->flagged, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

/* Officer, agreement and year of every row, with its caps. */
static const char sql_keys[] =
  "SELECT k.officer_id, k.agreement_id, k.fiscal_year, o.badge, o.name, ag.code, s.code,"
  " g.agreement_number, COALESCE (c.annual_cap, 0), COALESCE (c.monthly_cap, 0)"
  " FROM (SELECT officer_id, agreement_id, fiscal_year FROM overtime_entries"
  "       WHERE voided = 0 AND status = 'approved'"
  "       UNION SELECT officer_id, agreement_id, fiscal_year FROM reimbursement_claims"
  "       WHERE voided = 0) k"
  " JOIN officers o ON o.id = k.officer_id JOIN agencies ag ON ag.id = o.agency_id"
  " JOIN sources s ON s.id = k.agreement_id JOIN agreements g ON g.source_id = k.agreement_id"
  " LEFT JOIN overtime_caps c ON c.agreement_id = k.agreement_id"
  "   AND c.fiscal_year = k.fiscal_year AND c.voided = 0"
  " WHERE ?1 = 0 OR k.fiscal_year = ?1"
  " ORDER BY s.code, o.badge, ag.code, k.fiscal_year";

static const char sql_usage[] =
  "SELECT u.entry_id, u.officer_id, u.agreement_id, u.fiscal_year, u.work_date, u.hours,"
  " u.amount, u.within_month, u.reimbursable, o.badge, s.code, e.case_number"
  " FROM overtime_cap_usage u JOIN overtime_entries e ON e.id = u.entry_id"
  " JOIN officers o ON o.id = u.officer_id JOIN sources s ON s.id = u.agreement_id"
  " WHERE ?1 = 0 OR u.fiscal_year = ?1 ORDER BY u.work_date, u.entry_id";

static const char sql_claims[] =
  "SELECT c.officer_id, c.agreement_id, c.fiscal_year, SUM (c.billed),"
  " SUM (COALESCE ((SELECT SUM (p.amount) FROM claim_payments p"
  "   WHERE p.claim_id = c.id AND p.voided = 0), 0))"
  " FROM reimbursement_claims c WHERE c.voided = 0 AND (?1 = 0 OR c.fiscal_year = ?1)"
  " GROUP BY c.officer_id, c.agreement_id, c.fiscal_year";

static const char sql_pending[] =
  "SELECT count(*) FROM overtime_entries WHERE voided = 0 AND status <> 'approved'"
  " AND (?1 = 0 OR fiscal_year = ?1)";

static char *
key_of (gint64 officer,
        gint64 agreement,
        int    fiscal_year)
{
  return g_strdup_printf ("%" PRId64 ":%" PRId64 ":%d", officer, agreement,
                          fiscal_year);
}

static gboolean
read_rows (AllotStore          *store,
           AllotOvertimeReport *report,
           GHashTable          *by_key,
           GError             **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql_keys, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int (stmt, 1, report->fiscal_year);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      AllotOvertimeRow *row = g_new0 (AllotOvertimeRow, 1);

      row->officer_id = allot_stmt_column_int64 (stmt, 0);
      row->agreement_id = allot_stmt_column_int64 (stmt, 1);
      row->fiscal_year = allot_stmt_column_int (stmt, 2);
      row->badge = report_column_text (stmt, 3);
      row->officer_name = report_column_text (stmt, 4);
      row->agency_code = report_column_text (stmt, 5);
      row->agreement_code = report_column_text (stmt, 6);
      row->agreement_number = report_column_text (stmt, 7);
      row->annual_cap = allot_stmt_column_int64 (stmt, 8);
      row->monthly_cap = allot_stmt_column_int64 (stmt, 9);
      g_ptr_array_add (report->rows, row);
      g_hash_table_insert (by_key, key_of (row->officer_id, row->agreement_id, row->fiscal_year),
                           row);
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the overtime");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

static gboolean
read_usage (AllotStore          *store,
            AllotOvertimeReport *report,
            GHashTable          *by_key,
            GError             **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql_usage, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int (stmt, 1, report->fiscal_year);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 officer = allot_stmt_column_int64 (stmt, 1);
      gint64 agreement = allot_stmt_column_int64 (stmt, 2);
      int fiscal_year = allot_stmt_column_int (stmt, 3);
      g_autofree char *key = key_of (officer, agreement, fiscal_year);
      AllotOvertimeRow *row = g_hash_table_lookup (by_key, key);
      gint64 hours = allot_stmt_column_int64 (stmt, 5);
      gint64 amount = allot_stmt_column_int64 (stmt, 6);
      gint64 within_month = allot_stmt_column_int64 (stmt, 7);
      gint64 reimbursable = allot_stmt_column_int64 (stmt, 8);

      g_assert (row != NULL);
      row->n_entries++;
      row->hours += hours;
      row->amount += amount;
      row->reimbursable += reimbursable;
      if (reimbursable < amount)
        {
          AllotOvertimeFlag *flag = g_new0 (AllotOvertimeFlag, 1);

          flag->entry_id = allot_stmt_column_int64 (stmt, 0);
          flag->officer_id = officer;
          flag->fiscal_year = fiscal_year;
          report_column_date (stmt, 4, &flag->work_date);
          flag->hours = hours;
          flag->amount = amount;
          flag->reimbursable = reimbursable;
          flag->over_cap = amount - reimbursable;
          flag->over_monthly = within_month < amount;
          flag->over_annual = reimbursable < within_month;
          flag->badge = report_column_text (stmt, 9);
          flag->agreement_code = report_column_text (stmt, 10);
          flag->case_number = report_column_text (stmt, 11);
          g_ptr_array_add (report->flagged, flag);
          row->n_flagged++;
        }
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the overtime");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

static gboolean
read_claims (AllotStore          *store,
             AllotOvertimeReport *report,
             GHashTable          *by_key,
             GError             **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql_claims, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int (stmt, 1, report->fiscal_year);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      g_autofree char *key = key_of (allot_stmt_column_int64 (stmt, 0),
                                     allot_stmt_column_int64 (stmt, 1),
                                     allot_stmt_column_int (stmt, 2));
      AllotOvertimeRow *row = g_hash_table_lookup (by_key, key);

      g_assert (row != NULL);
      row->billed += allot_stmt_column_int64 (stmt, 3);
      row->received += allot_stmt_column_int64 (stmt, 4);
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the claims");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

AllotOvertimeReport *
allot_report_overtime (AllotStore *store,
                       int         fiscal_year,
                       GError    **error)
{
  g_autoptr(AllotOvertimeReport) report = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AllotOvertimeRow *t;
  AllotStmt *stmt;
  gint64 pending = 0;
  gboolean began = FALSE, ok;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  if (fiscal_year != 0 && (fiscal_year < 1900 || fiscal_year > 2999))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Fiscal year %d is not one Allot can report on."), fiscal_year);
      return NULL;
    }
  report = g_new0 (AllotOvertimeReport, 1);
  report->fiscal_year = fiscal_year;
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->flagged = g_ptr_array_new_with_free_func ((GDestroyNotify) flag_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);

  if (!report_read_begin (store, &began, error))
    return NULL;
  ok = read_rows (store, report, by_key, error) && read_usage (store, report, by_key, error) &&
       read_claims (store, report, by_key, error);
  if (ok)
    {
      stmt = allot_store_statement (store, sql_pending, error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int (stmt, 1, fiscal_year);
          ok = allot_db_query_int64 (store->db, stmt, &pending, error);
        }
    }
  report_read_end (store, began);
  if (!ok)
    return NULL;

  t = &report->totals;
  t->fiscal_year = fiscal_year;
  for (guint i = 0; i < report->rows->len; i++)
    {
      AllotOvertimeRow *row = report->rows->pdata[i];

      row->over_cap = row->amount - row->reimbursable;
      row->remaining = row->annual_cap > 0 ? MAX (row->annual_cap - row->reimbursable, 0) : 0;
      row->outstanding = row->billed - row->received;
      row->unbilled = row->reimbursable - row->billed;
      t->n_entries += row->n_entries;
      t->hours += row->hours;
      t->amount += row->amount;
      t->reimbursable += row->reimbursable;
      t->over_cap += row->over_cap;
      t->remaining += row->remaining;
      t->billed += row->billed;
      t->received += row->received;
      t->outstanding += row->outstanding;
      t->unbilled += row->unbilled;
      t->n_flagged += row->n_flagged;
      if (row->over_cap > 0)
        {
          g_autofree char *over = allot_money_format_plain (row->over_cap);

          report_warn (report->warnings, _("%s (%s) under %s, FY%d: %s of overtime is over "
                                           "the cap and not reimbursable."), row->officer_name,
                       row->badge, row->agreement_code, row->fiscal_year, over);
        }
      if (row->billed > row->reimbursable)
        {
          g_autofree char *billed = allot_money_format_plain (row->billed);
          g_autofree char *r = allot_money_format_plain (row->reimbursable);

          report_warn (report->warnings, _("%s (%s) under %s, FY%d: claims bill %s but only %s "
                                           "is reimbursable."), row->officer_name, row->badge,
                       row->agreement_code, row->fiscal_year, billed, r);
        }
    }
  if (pending > 0)
    report_warn (report->warnings,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%" PRId64 " overtime entry awaits review and is not counted.",
                              "%" PRId64 " overtime entries await review and are not counted.",
                              (gulong) pending),
                 pending);
  return g_steal_pointer (&report);
}
