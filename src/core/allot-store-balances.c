/* allot-store-balances.c: balances derived from the ledger, and the audit log.
 *
 * Design decision: every figure comes from the allocation_balances and
 * source_balances views (allot-schema.c), summed here by SQL; nothing is
 * stored, so nothing can drift.  Only approved, unvoided allocations and
 * entries count.  Available is computed in one place (read_row) as
 * authorized - (expended + unliquidated) so that every row ties out.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-error.h"
#include "allot-store-private.h"

/* Columns of every balance query:
 * id, code, name, fiscal_year, authorized, allocated, obligated, expended, unliquidated */
#define BUDGET_SUMS \
  " COALESCE (SUM (b.allocated), 0), COALESCE (SUM (b.allocated), 0)," \
  " COALESCE (SUM (b.obligated), 0), COALESCE (SUM (b.expended), 0)," \
  " COALESCE (SUM (b.obligated - b.liquidated), 0)"

#define KIND_ORDER \
  "CASE s.kind WHEN 'grant' THEN 0 WHEN 'appropriation' THEN 1" \
  " WHEN 'agreement' THEN 2 ELSE 3 END"

static const char sql_by_source_lifetime[] =
  "SELECT s.id, s.code, s.name, 0, sb.authorized, sb.allocated, sb.obligated, sb.expended,"
  " sb.unliquidated FROM source_balances sb JOIN sources s ON s.id = sb.source_id"
  " ORDER BY " KIND_ORDER ", s.code";

static const char sql_by_source_year[] =
  "SELECT s.id, s.code, s.name, b.fiscal_year," BUDGET_SUMS
  " FROM allocation_balances b JOIN sources s ON s.id = b.source_id"
  " WHERE b.fiscal_year = ?1 GROUP BY s.id, b.fiscal_year ORDER BY " KIND_ORDER ", s.code";

static const char sql_by_allocation[] =
  "SELECT b.allocation_id, s.code || '/' || t.code || '/' || c.code,"
  " s.name || ', ' || t.name || ', ' || c.name, b.fiscal_year," BUDGET_SUMS
  " FROM allocation_balances b JOIN sources s ON s.id = b.source_id"
  " JOIN task_forces t ON t.id = b.task_force_id JOIN categories c ON c.id = b.category_id"
  " WHERE ?1 = 0 OR b.fiscal_year = ?1"
  " GROUP BY b.allocation_id, s.id, t.id, c.id, b.fiscal_year"
  " ORDER BY b.fiscal_year, s.code, t.code, c.code";

static const char sql_by_task_force[] =
  "SELECT t.id, t.code, t.name, CAST (?1 AS INTEGER)," BUDGET_SUMS
  " FROM allocation_balances b JOIN task_forces t ON t.id = b.task_force_id"
  " WHERE ?1 = 0 OR b.fiscal_year = ?1 GROUP BY t.id ORDER BY t.code";

static const char sql_by_fiscal_year[] =
  "SELECT 0, 'FY' || b.fiscal_year, 'FY' || b.fiscal_year, b.fiscal_year," BUDGET_SUMS
  " FROM allocation_balances b WHERE ?1 = 0 OR b.fiscal_year = ?1"
  " GROUP BY b.fiscal_year ORDER BY b.fiscal_year";

static const char sql_by_kind_lifetime[] =
  "SELECT " KIND_ORDER ", s.kind, s.kind, 0, SUM (sb.authorized), SUM (sb.allocated),"
  " SUM (sb.obligated), SUM (sb.expended), SUM (sb.unliquidated)"
  " FROM source_balances sb JOIN sources s ON s.id = sb.source_id"
  " GROUP BY s.kind ORDER BY 1";

static const char sql_by_kind_year[] =
  "SELECT " KIND_ORDER ", s.kind, s.kind, b.fiscal_year," BUDGET_SUMS
  " FROM allocation_balances b JOIN sources s ON s.id = b.source_id"
  " WHERE b.fiscal_year = ?1 GROUP BY s.kind, b.fiscal_year ORDER BY 1";

void
allot_balance_row_free (AllotBalanceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row);
}

static AllotBalanceRow *
read_row (AllotStmt *stmt)
{
  AllotBalanceRow *row = g_new0 (AllotBalanceRow, 1);
  AllotBalance *b = &row->balance;

  row->id = allot_stmt_column_int64 (stmt, 0);
  row->code = allot_db_column_dup (stmt, 1);
  row->name = allot_db_column_dup (stmt, 2);
  row->fiscal_year = allot_stmt_column_int (stmt, 3);
  b->authorized = allot_stmt_column_int64 (stmt, 4);
  b->allocated = allot_stmt_column_int64 (stmt, 5);
  b->obligated = allot_stmt_column_int64 (stmt, 6);
  b->expended = allot_stmt_column_int64 (stmt, 7);
  b->unliquidated = allot_stmt_column_int64 (stmt, 8);
  b->available = b->authorized - (b->expended + b->unliquidated);
  return row;
}

GPtrArray *
allot_store_list_balances (AllotStore          *self,
                           AllotBalanceGrouping grouping,
                           int                  fiscal_year,
                           GError             **error)
{
  const char *sql = NULL;
  AllotStmt *stmt;
  GPtrArray *rows;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (fiscal_year >= 0, NULL);

  switch (grouping)
    {
    case ALLOT_BALANCE_BY_SOURCE:
      sql = fiscal_year == 0 ? sql_by_source_lifetime : sql_by_source_year;
      break;
    case ALLOT_BALANCE_BY_ALLOCATION:
      sql = sql_by_allocation;
      break;
    case ALLOT_BALANCE_BY_TASK_FORCE:
      sql = sql_by_task_force;
      break;
    case ALLOT_BALANCE_BY_FISCAL_YEAR:
      sql = sql_by_fiscal_year;
      break;
    case ALLOT_BALANCE_BY_KIND:
      sql = fiscal_year == 0 ? sql_by_kind_lifetime : sql_by_kind_year;
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  stmt = allot_store_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (allot_stmt_param_count (stmt) > 0)
    allot_stmt_bind_int (stmt, 1, fiscal_year);
  rows = allot_store_read_all (self, stmt, (gpointer) read_row,
                               (GDestroyNotify) allot_balance_row_free, error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];
      AllotSourceKind kind;

      row->grouping = grouping;
      if (grouping == ALLOT_BALANCE_BY_KIND && allot_source_kind_from_string (row->code, &kind))
        {
          g_free (row->name);
          row->name = g_strdup (allot_source_kind_label (kind));
        }
    }
  return rows;
}

GArray *
allot_store_list_fiscal_years (AllotStore *self,
                               GError    **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  AllotStmt *stmt;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT DISTINCT fiscal_year FROM allocations WHERE voided = 0 ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      int year = allot_stmt_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (self->db, rc, error, "Could not read the database");
      return NULL;
    }
  return g_steal_pointer (&years);
}

/* ---- audit ---- */

void
allot_audit_record_free (AllotAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->at);
  g_free (record->user);
  g_free (record->action);
  g_free (record->table_name);
  g_free (record->before);
  g_free (record->after);
  g_free (record);
}

static AllotAuditRecord *
read_audit (AllotStmt *stmt)
{
  AllotAuditRecord *record = g_new0 (AllotAuditRecord, 1);

  record->id = allot_stmt_column_int64 (stmt, 0);
  record->at = allot_db_column_dup (stmt, 1);
  record->user = allot_db_column_dup (stmt, 2);
  record->action = allot_db_column_dup (stmt, 3);
  record->table_name = allot_db_column_dup (stmt, 4);
  record->record_id = allot_stmt_column_int64 (stmt, 5);
  record->before = allot_db_column_dup (stmt, 6);
  record->after = allot_db_column_dup (stmt, 7);
  return record;
}

GPtrArray *
allot_store_list_audit (AllotStore *self,
                        const char *table_name,
                        gint64      record_id,
                        GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, at, \"user\", action, table_name, record_id, before, after FROM audit_log"
      " WHERE (table_name = ?1 OR ?1 IS NULL) AND (?2 = 0 OR record_id = ?2) ORDER BY id",
      error);
  if (stmt == NULL)
    return NULL;
  allot_db_bind_text_or_null (stmt, 1, table_name);
  allot_stmt_bind_int64 (stmt, 2, record_id);
  return allot_store_read_all (self, stmt, (gpointer) read_audit,
                               (GDestroyNotify) allot_audit_record_free, error);
}
