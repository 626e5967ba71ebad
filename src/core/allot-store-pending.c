/* allot-store-pending.c: what has been entered but not yet approved.
 *
 * Balances count approved records only (allot-store-balances.c), so a budget
 * officer who records an obligation sees no total move until a reviewer
 * approves it.  These sums let the views show that money beside the totals,
 * as "not yet approved", without mixing it into them.  A record is pending
 * while it is unvoided and in draft, submitted or returned; an entry belongs
 * to the fiscal year of its allocation, as in the balances.
 */
#include "allot-config.h"

#include <string.h>

#include "allot-error.h"
#include "allot-store-private.h"

static const char sql_pending_allocations[] =
  "SELECT s.kind, COUNT (*), SUM (a.amount)"
  " FROM allocations a JOIN sources s ON s.id = a.source_id"
  " WHERE a.voided = 0 AND a.status <> 'approved' AND a.fiscal_year = ?1"
  " GROUP BY s.kind";

/* Obligated and expended as the allocation_balances view counts them: an
 * adjustment of an obligation changes what is obligated, any other
 * adjustment what is expended. */
static const char sql_pending_entries[] =
  "SELECT s.kind, COUNT (*),"
  " SUM (CASE WHEN e.kind = 'obligation'"
  "           OR (e.kind = 'adjustment' AND e.obligation_id IS NOT NULL)"
  "      THEN e.amount ELSE 0 END),"
  " SUM (CASE WHEN e.kind = 'expenditure'"
  "           OR (e.kind = 'adjustment' AND e.obligation_id IS NULL)"
  "      THEN e.amount ELSE 0 END)"
  " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
  " JOIN sources s ON s.id = a.source_id"
  " WHERE e.voided = 0 AND e.status <> 'approved' AND a.voided = 0 AND a.fiscal_year = ?1"
  " GROUP BY s.kind";

static gboolean
read_pending (AllotStore   *self,
              const char   *sql,
              int           fiscal_year,
              gboolean      entries,
              AllotPending *pending,
              GError      **error)
{
  AllotStmt *stmt = allot_store_statement (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int (stmt, 1, fiscal_year);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      AllotSourceKind kind;
      AllotPending *p;

      if (!allot_source_kind_from_string ((const char *) allot_stmt_column_text (stmt, 0), &kind))
        continue;
      p = &pending[kind];
      if (entries)
        {
          p->n_entries = (guint) allot_stmt_column_int64 (stmt, 1);
          p->obligated = allot_stmt_column_int64 (stmt, 2);
          p->expended = allot_stmt_column_int64 (stmt, 3);
        }
      else
        {
          p->n_allocations = (guint) allot_stmt_column_int64 (stmt, 1);
          p->allocated = allot_stmt_column_int64 (stmt, 2);
        }
    }
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (self->db, rc, error, "Could not read the database");
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_store_pending_by_kind (AllotStore   *self,
                             int           fiscal_year,
                             AllotPending  pending[ALLOT_SOURCE_N_KINDS],
                             GError      **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);

  memset (pending, 0, sizeof (AllotPending) * ALLOT_SOURCE_N_KINDS);
  return read_pending (self, sql_pending_allocations, fiscal_year, FALSE, pending, error) &&
         read_pending (self, sql_pending_entries, fiscal_year, TRUE, pending, error);
}
