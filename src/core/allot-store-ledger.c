/* allot-store-ledger.c: allocations and ledger entries.
 *
 * Design decisions:
 * - An allocation is refused when the source's allocations would exceed what
 *   it authorizes (the funds check budget officers expect), and when it is
 *   cut below what has already been spent or committed from it.
 * - A ledger entry is not refused for overspending its allocation: the ledger
 *   records what was really committed and paid.  Overspending is a finding
 *   of the compliance checks instead.
 * - An expenditure may liquidate one obligation of the same allocation, never
 *   more than what is still open on it; an adjustment that names an
 *   obligation changes the obligated amount (a deobligation when negative),
 *   otherwise it corrects expenditures.
 * - Entries are voided, never deleted; an obligation that expenditures have
 *   liquidated cannot be voided before them.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-import-private.h"
#include "allot-store-private.h"
#include "allot-validate-private.h"

/* ---- the review workflow's part in writing ---- */

/* New records start as drafts or submitted; only a reviewer approves. */
static gboolean
require_new_status (AllotStatus status,
                    GError    **error)
{
  if (status == ALLOT_STATUS_DRAFT || status == ALLOT_STATUS_SUBMITTED)
    return TRUE;
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
               _("A new record is a draft or submitted for review, not %s: a reviewer "
                 "approves it."), allot_status_to_string (status));
  return FALSE;
}

/* Only drafts and returned records can be edited: a submitted one is under
 * review, an approved one can only be voided.  @sql selects status, voided of
 * row ?1. */
static gboolean
check_editable (AllotStore *self,
                const char *sql,
                gint64      id,
                const char *what,
                GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self, sql, error);
  AllotStatus status = ALLOT_STATUS_DRAFT;
  gboolean voided = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    {
      allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 0), &status);
      voided = allot_stmt_column_int (stmt, 1) != 0;
    }
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_ROW)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                   _("%s %" PRId64 " does not exist."), what, id);
      return FALSE;
    }
  if (voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s %" PRId64 " is voided and cannot be changed."), what, id);
      return FALSE;
    }
  if (status == ALLOT_STATUS_SUBMITTED)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s %" PRId64 " is waiting for review; a reviewer must return it "
                     "before it can be changed."), what, id);
      return FALSE;
    }
  if (status == ALLOT_STATUS_APPROVED)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s %" PRId64 " is approved and can no longer be changed; void "
                     "it and enter a corrected one."), what, id);
      return FALSE;
    }
  return TRUE;
}

/* ---- allocations ---- */

/* Drafts and returned allocations are edited freely.  An approved one is a
 * budget line entries are charged to: only a reviewer or administrator may
 * revise its amount or description (a budget revision, audited like any
 * change), never what it funds or when. */
static gboolean
check_allocation_revision (AllotStore            *self,
                           const AllotAllocation *allocation,
                           GError               **error)
{
  g_autoptr(AllotAllocation) stored = allot_store_lookup_allocation (self, allocation->id, error);
  g_autoptr(GError) local = NULL;
  AllotRole role = ALLOT_ROLE_OFFICER;

  if (stored == NULL)
    return FALSE;
  if (stored->status != ALLOT_STATUS_APPROVED || stored->voided)
    return check_editable (self, "SELECT status, voided FROM allocations WHERE id = ?1",
                           allocation->id, _("Allocation"), error);
  if (!allot_store_lookup_role (self, self->user, &role, &local) &&
      !g_error_matches (local, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (role == ALLOT_ROLE_OFFICER)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Allocation %" PRId64 " is approved; a budget revision needs a "
                     "reviewer or an administrator."), allocation->id);
      return FALSE;
    }
  if (stored->source_id != allocation->source_id ||
      stored->task_force_id != allocation->task_force_id ||
      stored->category_id != allocation->category_id ||
      stored->fiscal_year != allocation->fiscal_year)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Allocation %" PRId64 " is approved: only its amount and "
                     "description can be revised. Allocate to the new source, task force, "
                     "category or year separately."), allocation->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_allocation_fits (AllotStore            *self,
                       const AllotAllocation *allocation,
                       const AllotSource     *source,
                       GError               **error)
{
  AllotStmt *stmt;
  gint64 authorized = 0, others = 0, free_amount;

  if (!allot_store_source_authorized (self, source->id, &authorized, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "SELECT COALESCE (SUM (amount), 0) FROM allocations"
      " WHERE source_id = ?1 AND voided = 0 AND id IS DISTINCT FROM ?2", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, source->id);
  allot_db_bind_id_or_null (stmt, 2, allocation->id);
  if (!allot_db_query_int64 (self->db, stmt, &others, error))
    return FALSE;

  free_amount = authorized - others;
  if (allocation->amount > free_amount)
    {
      g_autofree char *asked = allot_money_format_plain (allocation->amount);
      g_autofree char *left = allot_money_format_plain (MAX (free_amount, 0));

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Over-allocation: %s has %s still free to allocate, and %s was asked."),
                   source->code, left, asked);
      return FALSE;
    }
  return TRUE;
}

/* Spent and committed on an allocation: expended + unliquidated. */
static gboolean
allocation_committed (AllotStore *self,
                      gint64      allocation_id,
                      gint64     *out,
                      GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT expended + obligated - liquidated FROM allocation_balances"
      " WHERE allocation_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, allocation_id);
  return allot_db_query_int64 (self->db, stmt, out, error);
}

static gboolean
validate_allocation (AllotStore       *self,
                     AllotAllocation  *allocation,
                     AllotSource     **out_source,
                     GError          **error)
{
  g_autoptr(AllotSource) source = NULL;
  g_autoptr(AllotTaskForce) tf = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  gboolean category_found = FALSE;
  guint start_month = allot_store_get_fy_start_month (self);

  if (!allot_require_fiscal_year (allocation->fiscal_year, error) ||
      !allot_require_amount (_("Allocation amount"), allocation->amount, 0, error))
    return FALSE;
  source = allot_store_lookup_source (self, allocation->source_id, error);
  if (source == NULL)
    return FALSE;
  tf = allot_store_lookup_task_force (self, allocation->task_force_id, error);
  if (tf == NULL)
    return FALSE;
  categories = allot_store_list_categories (self, error);
  if (categories == NULL)
    return FALSE;
  for (guint i = 0; i < categories->len; i++)
    if (((AllotCategory *) categories->pdata[i])->id == allocation->category_id)
      category_found = TRUE;
  if (!category_found)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                   _("Cost category %" PRId64 " does not exist."),
                   allocation->category_id);
      return FALSE;
    }
  if (source->closed)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s is closed: nothing more can be allocated from it."), source->code);
      return FALSE;
    }

  /* Money can only be allocated to a year in which the source can be spent. */
  if (source->kind == ALLOT_SOURCE_APPROPRIATION &&
      source->u.appropriation.fiscal_year != allocation->fiscal_year)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s is appropriated for FY%d and cannot be allocated to FY%d."),
                   source->code, source->u.appropriation.fiscal_year, allocation->fiscal_year);
      return FALSE;
    }
  if (source->kind == ALLOT_SOURCE_GRANT || source->kind == ALLOT_SOURCE_AGREEMENT)
    {
      const GDate *start = source->kind == ALLOT_SOURCE_GRANT ? &source->u.grant.pop_start
                                                              : &source->u.agreement.term_start;
      const GDate *end = source->kind == ALLOT_SOURCE_GRANT ? &source->u.grant.pop_end
                                                            : &source->u.agreement.term_end;
      int first_fy = allot_fiscal_year_of (start, start_month);
      int last_fy = allot_fiscal_year_of (end, start_month);

      if (allocation->fiscal_year < first_fy || allocation->fiscal_year > last_fy)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("%s runs from FY%d to FY%d and cannot be allocated to FY%d."),
                       source->code, first_fy, last_fy, allocation->fiscal_year);
          return FALSE;
        }
    }
  if (out_source != NULL)
    *out_source = g_steal_pointer (&source);
  return TRUE;
}

static void
bind_allocation (AllotStmt          *stmt,
                 const AllotAllocation *allocation)
{
  allot_stmt_bind_int64 (stmt, 2, allocation->source_id);
  allot_stmt_bind_int64 (stmt, 3, allocation->task_force_id);
  allot_stmt_bind_int64 (stmt, 4, allocation->category_id);
  allot_stmt_bind_int (stmt, 5, allocation->fiscal_year);
  allot_stmt_bind_int64 (stmt, 6, allocation->amount);
  allot_db_bind_text_or_null (stmt, 7, allocation->description);
}

static void
set_allocation_write_error (AllotStore *self,
                            GError    **error)
{
  if (allot_db_errcode (self->db) == ALLOT_DB_CONSTRAINT_UNIQUE)
    g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                 _("This source already has an allocation to that task force, category and "
                   "fiscal year; change that one instead."));
  else
    allot_db_set_error (self->db, allot_db_errcode (self->db), error, _("Allocation"));
}

gboolean
allot_store_add_allocation (AllotStore      *self,
                            AllotAllocation *allocation,
                            GError         **error)
{
  g_autoptr(AllotSource) source = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (allocation != NULL, FALSE);

  allocation->id = 0;
  if (!require_new_status (allocation->status, error) ||
      !validate_allocation (self, allocation, &source, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  ok = check_allocation_fits (self, allocation, source, error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO allocations (source_id, task_force_id, category_id, fiscal_year, amount,"
          " description, status, entered_by, entered_at)"
          " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
          error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_allocation (stmt, allocation);
          allot_stmt_bind_text (stmt, 8, allot_status_to_string (allocation->status), -1,
                             ALLOT_BIND_STATIC);
          allot_stmt_bind_text (stmt, 9, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            set_allocation_write_error (self, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  allocation->id = allot_db_last_insert_id (self->db);
  allocation->version = 1;
  return TRUE;
}

gboolean
allot_store_update_allocation (AllotStore      *self,
                               AllotAllocation *allocation,
                               GError         **error)
{
  g_autoptr(AllotSource) source = NULL;
  AllotStmt *stmt;
  gint64 committed = 0;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (allocation != NULL && allocation->id > 0, FALSE);

  if (!validate_allocation (self, allocation, &source, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_version (self, "SELECT version FROM allocations WHERE id = ?1",
                                  allocation->id, allocation->version, _("Allocation"), error) &&
       check_allocation_revision (self, allocation, error) &&
       check_allocation_fits (self, allocation, source, error) &&
       allocation_committed (self, allocation->id, &committed, error);
  if (ok && allocation->amount < committed)
    {
      g_autofree char *a = allot_money_format_plain (allocation->amount);
      g_autofree char *c = allot_money_format_plain (committed);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Allocation %" PRId64 " cannot be cut to %s: %s is already spent "
                     "or obligated from it."), allocation->id, a, c);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE allocations SET source_id = ?2, task_force_id = ?3, category_id = ?4,"
          " fiscal_year = ?5, amount = ?6, description = ?7, updated_by = ?9,"
          " version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, allocation->id);
          bind_allocation (stmt, allocation);
          allot_stmt_bind_text (stmt, 9, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            set_allocation_write_error (self, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  allocation->version++;
  return TRUE;
}

#define ALLOCATION_COLUMNS \
  "id, source_id, task_force_id, category_id, fiscal_year, amount, description, status," \
  " voided, version"

static AllotAllocation *
read_allocation (AllotStmt *stmt)
{
  AllotAllocation *allocation = allot_allocation_new ();

  allocation->id = allot_stmt_column_int64 (stmt, 0);
  allocation->source_id = allot_stmt_column_int64 (stmt, 1);
  allocation->task_force_id = allot_stmt_column_int64 (stmt, 2);
  allocation->category_id = allot_stmt_column_int64 (stmt, 3);
  allocation->fiscal_year = allot_stmt_column_int (stmt, 4);
  allocation->amount = allot_stmt_column_int64 (stmt, 5);
  allocation->description = allot_db_column_dup (stmt, 6);
  allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 7), &allocation->status);
  allocation->voided = allot_stmt_column_int (stmt, 8) != 0;
  allocation->version = allot_stmt_column_int64 (stmt, 9);
  return allocation;
}

AllotAllocation *
allot_store_lookup_allocation (AllotStore *self,
                               gint64      id,
                               GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " ALLOCATION_COLUMNS " FROM allocations WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_allocation, _("allocation"), key,
                               error);
}

GPtrArray *
allot_store_list_allocations (AllotStore *self,
                              int         fiscal_year,
                              gint64      source_id,
                              GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " ALLOCATION_COLUMNS " FROM allocations"
      " WHERE (?1 = 0 OR fiscal_year = ?1) AND (?2 = 0 OR source_id = ?2)"
      " ORDER BY fiscal_year, source_id, task_force_id, category_id, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int (stmt, 1, fiscal_year);
  allot_stmt_bind_int64 (stmt, 2, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_allocation,
                               (GDestroyNotify) allot_allocation_free, error);
}

/* ---- ledger entries ---- */

#define ENTRY_COLUMNS \
  "e.id, e.allocation_id, e.kind, e.amount, e.entry_date, e.paid_date, e.obligation_id," \
  " e.document_number, e.payee, e.description, e.status, e.immigration, e.entered_by," \
  " e.entered_at, e.voided, e.void_reason, e.version"

static AllotLedgerEntry *
read_entry (AllotStmt *stmt)
{
  AllotLedgerEntry *entry = allot_ledger_entry_new ();

  entry->id = allot_stmt_column_int64 (stmt, 0);
  entry->allocation_id = allot_stmt_column_int64 (stmt, 1);
  allot_entry_kind_from_string ((const char *) allot_stmt_column_text (stmt, 2), &entry->kind);
  entry->amount = allot_stmt_column_int64 (stmt, 3);
  allot_db_column_date (stmt, 4, &entry->entry_date);
  allot_db_column_date (stmt, 5, &entry->paid_date);
  entry->obligation_id = allot_stmt_column_int64 (stmt, 6);
  entry->document_number = allot_db_column_dup (stmt, 7);
  entry->payee = allot_db_column_dup (stmt, 8);
  entry->description = allot_db_column_dup (stmt, 9);
  allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 10), &entry->status);
  entry->immigration = allot_stmt_column_int (stmt, 11) != 0;
  entry->entered_by = allot_db_column_dup (stmt, 12);
  entry->entered_at = allot_db_column_dup (stmt, 13);
  entry->voided = allot_stmt_column_int (stmt, 14) != 0;
  entry->void_reason = allot_db_column_dup (stmt, 15);
  entry->version = allot_stmt_column_int64 (stmt, 16);
  return entry;
}

AllotLedgerEntry *
allot_store_lookup_entry (AllotStore *self,
                          gint64      id,
                          GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " ENTRY_COLUMNS " FROM ledger_entries e WHERE e.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_entry, _("ledger entry"), key, error);
}

/* What is still open on obligation @obligation_id, leaving out entry
 * @except_id (the one being edited).
 *
 * The entries against it are found by obligation_id alone, and which of
 * them count is decided in the sum: with "kind = ..." or "voided = 0" in the
 * WHERE, PostgreSQL may plan (once, for a statement prepared once, and from
 * no statistics while an import fills the ledger in one transaction) a scan
 * of the ledger_document index by kind, every expenditure for every row:
 * 36 ms a row at 60,000 entries, an import of 100,000 lines quadratic.  This
 * way the only index that applies is ledger_obligation (0.2 ms). */
static gboolean
obligation_open_amount (AllotStore *self,
                        gint64      obligation_id,
                        gint64      except_id,
                        gint64     *out,
                        GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT o.amount"
      " + COALESCE ((SELECT SUM (CASE WHEN a.voided <> 0 OR a.id IS NOT DISTINCT FROM ?2 THEN 0"
      "                               WHEN a.kind = 'adjustment' THEN a.amount"
      "                               WHEN a.kind = 'expenditure' THEN - a.amount"
      "                               ELSE 0 END)"
      "              FROM ledger_entries a WHERE a.obligation_id = ?1), 0)"
      " FROM ledger_entries o WHERE o.id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, obligation_id);
  allot_db_bind_id_or_null (stmt, 2, except_id);
  return allot_db_query_int64 (self->db, stmt, out, error);
}

/* How many entries not voided liquidate or adjust obligation @obligation_id. */
static gboolean
obligation_dependants (AllotStore *self,
                       gint64      obligation_id,
                       gint64     *out,
                       GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT count(*) FROM ledger_entries WHERE obligation_id = ?1 AND voided = 0", error);

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, obligation_id);
  return allot_db_query_int64 (self->db, stmt, out, error);
}

/* NOT_FOUND or CONSTRAINT unless allocation @id exists and is not voided:
 * only that is read, since a bulk import asks for every entry. */
static gboolean
check_allocation_chargeable (AllotStore *self,
                             gint64      id,
                             GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT voided FROM allocations WHERE id = ?1", error);
  gboolean voided = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    voided = allot_stmt_column_int (stmt, 0) != 0;
  allot_stmt_reset (stmt);
  if (rc == ALLOT_DB_DONE)
    {
      g_autofree char *key = g_strdup_printf ("%" PRId64, id);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND, _("There is no %s “%s”."),
                   _("allocation"), key);
      return FALSE;
    }
  if (rc != ALLOT_DB_ROW)
    {
      allot_db_set_error (self->db, rc, error, _("allocation"));
      return FALSE;
    }
  if (voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Allocation %" PRId64 " is voided; nothing can be charged to it."), id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_entry (AllotStore       *self,
                AllotLedgerEntry *entry,
                gboolean          check_allocation,
                GError          **error)
{
  if (!allot_require_text (_("Document number"), entry->document_number, 64, error) ||
      !allot_require_date (entry->kind == ALLOT_ENTRY_EXPENDITURE ? _("Date incurred")
                                                                  : _("Date"),
                           &entry->entry_date, error))
    return FALSE;
  if (entry->kind == ALLOT_ENTRY_ADJUSTMENT)
    {
      if (entry->amount == 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("An adjustment must have an amount (negative to reduce)."));
          return FALSE;
        }
      if (!allot_require_amount (_("Amount"), entry->amount, -ALLOT_MONEY_MAX, error))
        return FALSE;
    }
  else if (!allot_require_amount (_("Amount"), entry->amount, 1, error))
    return FALSE;

  if (g_date_valid (&entry->paid_date))
    {
      if (entry->kind != ALLOT_ENTRY_EXPENDITURE)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("Only an expenditure has a date paid."));
          return FALSE;
        }
      if (!allot_require_order (_("Date incurred"), &entry->entry_date, _("Date paid"),
                                &entry->paid_date, error))
        return FALSE;
    }
  if (entry->kind == ALLOT_ENTRY_OBLIGATION && entry->obligation_id != 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("An obligation cannot liquidate another obligation."));
      return FALSE;
    }

  if (check_allocation && !check_allocation_chargeable (self, entry->allocation_id, error))
    return FALSE;

  if (entry->obligation_id != 0)
    {
      g_autoptr(AllotLedgerEntry) obligation = NULL;
      gint64 open_amount = 0;

      obligation = allot_store_lookup_entry (self, entry->obligation_id, error);
      if (obligation == NULL)
        return FALSE;
      if (obligation->kind != ALLOT_ENTRY_OBLIGATION || obligation->voided)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("Entry %" PRId64 " is not an open obligation."),
                       obligation->id);
          return FALSE;
        }
      if (obligation->allocation_id != entry->allocation_id)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("Obligation %s is charged to another allocation."),
                       obligation->document_number);
          return FALSE;
        }
      if (!obligation_open_amount (self, obligation->id, entry->id, &open_amount, error))
        return FALSE;
      if (entry->kind == ALLOT_ENTRY_EXPENDITURE && entry->amount > open_amount)
        {
          g_autofree char *a = allot_money_format_plain (entry->amount);
          g_autofree char *o = allot_money_format_plain (open_amount);

          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("The expenditure of %s is more than the %s still open on obligation "
                         "%s."), a, o, obligation->document_number);
          return FALSE;
        }
      if (entry->kind == ALLOT_ENTRY_ADJUSTMENT && open_amount + entry->amount < 0)
        {
          g_autofree char *a = allot_money_format_plain (-entry->amount);
          g_autofree char *o = allot_money_format_plain (open_amount);

          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Cannot deobligate %s: only %s is still open on obligation %s."),
                       a, o, obligation->document_number);
          return FALSE;
        }
    }
  return TRUE;
}

/* Binds the fields a person edits; status (?11) and who entered it (?13)
 * are the store's to set. */
static void
bind_entry (AllotStmt           *stmt,
            const AllotLedgerEntry *entry)
{
  allot_stmt_bind_int64 (stmt, 2, entry->allocation_id);
  allot_stmt_bind_text (stmt, 3, allot_entry_kind_to_string (entry->kind), -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_int64 (stmt, 4, entry->amount);
  allot_db_bind_date (stmt, 5, &entry->entry_date);
  allot_db_bind_date (stmt, 6, &entry->paid_date);
  allot_db_bind_id_or_null (stmt, 7, entry->obligation_id);
  allot_stmt_bind_text (stmt, 8, entry->document_number, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_text (stmt, 9, entry->payee != NULL ? entry->payee : "", -1, ALLOT_BIND_COPY);
  allot_stmt_bind_text (stmt, 10, entry->description != NULL ? entry->description : "", -1,
                     ALLOT_BIND_COPY);
  allot_stmt_bind_int (stmt, 12, entry->immigration ? 1 : 0);
}

static void
set_entry_write_error (AllotStore             *self,
                       const AllotLedgerEntry *entry,
                       GError                **error)
{
  if (allot_db_errcode (self->db) == ALLOT_DB_CONSTRAINT_UNIQUE)
    g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                 _("There is already an %s with document number “%s”."),
                 allot_entry_kind_to_string (entry->kind), entry->document_number);
  else
    allot_db_set_error (self->db, allot_db_errcode (self->db), error,
                        _("Ledger entry"));
}

/* Periods are months: a date in the month of one already checked is too. */
static gboolean
same_month (const GDate *a,
            const GDate *b)
{
  return g_date_valid (a) && g_date_valid (b) &&
         g_date_get_year (a) == g_date_get_year (b) &&
         g_date_get_month (a) == g_date_get_month (b);
}

/* The importer's way in (allot-import-kinds.c): allot_store_add_entry()'s
 * checks and INSERT inside the import's batch, without its per-record
 * savepoint.  The savepoint made SQLite copy every page a record touched
 * (the table's and six indexes') to the statement journal, a fifth of a
 * bulk import; here the only write is the one INSERT, which SQLite undoes
 * by itself when it is refused, so a refused record still leaves the batch
 * as it was.  The caller read @entry->allocation_id as not voided in this
 * batch (the allocation is not read again); @open_months remembers the
 * months found open (periods cannot change while the batch holds the write
 * lock); @entry->entered_by is left as it was.  Until the batch has
 * registered its writer (the first record, or
 * again after a refused one rolled that back) it takes the ordinary path. */
gboolean
allot_store_import_entry (AllotStore       *self,
                          AllotLedgerEntry *entry,
                          GHashTable       *open_months,
                          GError          **error)
{
  /* register_batch_writer()'s mark (allot-store.c): the user's name. */
  const char *registered = g_object_get_data (G_OBJECT (self), "allot-store-batch-writer");
  const GDate *dates[2] = { &entry->entry_date, &entry->paid_date };
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (g_strcmp0 (registered, self->user) != 0)
    return allot_store_add_entry (self, entry, error);
  entry->id = 0;
  if (!require_new_status (entry->status, error) ||
      !validate_entry (self, entry, FALSE, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      gpointer month;

      if (!g_date_valid (dates[i]))
        continue;
      month = GUINT_TO_POINTER (g_date_get_year (dates[i]) * 12 + g_date_get_month (dates[i]));
      if (g_hash_table_contains (open_months, month))
        continue;
      if (!allot_store_check_period_open (self, dates[i], error))
        return FALSE;
      g_hash_table_add (open_months, month);
    }
  stmt = allot_store_statement (self,
      "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, paid_date,"
      " obligation_id, document_number, payee, description, status, immigration,"
      " entered_by, entered_at)"
      " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
      " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", error);
  if (stmt == NULL)
    return FALSE;
  bind_entry (stmt, entry);
  allot_stmt_bind_text (stmt, 11, allot_status_to_string (entry->status), -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (stmt, 13, self->user, -1, ALLOT_BIND_STATIC);
  if (allot_stmt_step (stmt) != ALLOT_DB_DONE)
    {
      set_entry_write_error (self, entry, error);
      allot_stmt_reset (stmt);
      return FALSE;
    }
  allot_stmt_reset (stmt);
  entry->id = allot_db_last_insert_id (self->db);
  entry->version = 1;
  return TRUE;
}

gboolean
allot_store_add_entry (AllotStore       *self,
                       AllotLedgerEntry *entry,
                       GError          **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  entry->id = 0;
  if (!require_new_status (entry->status, error) || !allot_store_begin_write (self, error))
    return FALSE;
  /* Validated inside the transaction: the open amount of an obligation
   * cannot change between the check and the insert. */
  ok = validate_entry (self, entry, TRUE, error) &&
       allot_store_check_period_open (self, &entry->entry_date, error) &&
       (same_month (&entry->entry_date, &entry->paid_date) ||
        allot_store_check_period_open (self, &entry->paid_date, error));
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, paid_date,"
          " obligation_id, document_number, payee, description, status, immigration,"
          " entered_by, entered_at)"
          " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
          " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_entry (stmt, entry);
          allot_stmt_bind_text (stmt, 11, allot_status_to_string (entry->status), -1,
                             ALLOT_BIND_STATIC);
          allot_stmt_bind_text (stmt, 13, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            set_entry_write_error (self, entry, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  entry->id = allot_db_last_insert_id (self->db);
  entry->version = 1;
  g_free (entry->entered_by);
  entry->entered_by = g_strdup (self->user);
  return TRUE;
}

gboolean
allot_store_update_entry (AllotStore       *self,
                          AllotLedgerEntry *entry,
                          GError          **error)
{
  g_autoptr(AllotLedgerEntry) stored = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id > 0, FALSE);

  if (!allot_store_begin_write (self, error))
    return FALSE;
  stored = allot_store_lookup_entry (self, entry->id, error);
  ok = stored != NULL;
  if (ok && stored->voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Entry %s is voided and cannot be changed."), stored->document_number);
      ok = FALSE;
    }
  if (ok && stored->kind != entry->kind)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The kind of entry %s cannot change; void it and enter a new one."),
                   stored->document_number);
      ok = FALSE;
    }
  ok = ok && allot_store_check_version (self, "SELECT version FROM ledger_entries WHERE id = ?1",
                                        entry->id, entry->version, _("Ledger entry"), error) &&
       check_editable (self, "SELECT status, voided FROM ledger_entries WHERE id = ?1",
                       entry->id, _("Entry"), error) &&
       validate_entry (self, entry, TRUE, error) &&
       allot_store_check_period_open (self, &stored->entry_date, error) &&
       allot_store_check_period_open (self, &stored->paid_date, error) &&
       allot_store_check_period_open (self, &entry->entry_date, error) &&
       allot_store_check_period_open (self, &entry->paid_date, error);
  if (ok && entry->kind == ALLOT_ENTRY_OBLIGATION)
    {
      gint64 open_amount = 0;

      /* An obligation cannot shrink below what has been paid against it. */
      ok = obligation_open_amount (self, entry->id, 0, &open_amount, error);
      if (ok && entry->amount < stored->amount - open_amount)
        {
          g_autofree char *paid = allot_money_format_plain (stored->amount - open_amount);
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Obligation %s cannot be less than the %s already liquidated."),
                       stored->document_number, paid);
          ok = FALSE;
        }
      /* Its expenditures and adjustments stay with their allocation, and an
       * obligation is only liquidated within its own allocation. */
      if (ok && entry->allocation_id != stored->allocation_id)
        {
          gint64 dependants = 0;

          ok = obligation_dependants (self, entry->id, &dependants, error);
          if (ok && dependants > 0)
            {
              g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                           _("Obligation %s has expenditures or adjustments against it "
                             "(%" PRId64 ") and cannot move to another allocation; "
                             "void those first."), stored->document_number, dependants);
              ok = FALSE;
            }
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE ledger_entries SET allocation_id = ?2, kind = ?3, amount = ?4,"
          " entry_date = ?5, paid_date = ?6, obligation_id = ?7, document_number = ?8,"
          " payee = ?9, description = ?10, immigration = ?12, updated_by = ?13,"
          " version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, entry->id);
          bind_entry (stmt, entry);
          allot_stmt_bind_text (stmt, 13, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            set_entry_write_error (self, entry, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  entry->version++;
  return TRUE;
}

gboolean
allot_store_void_entry (AllotStore *self,
                        gint64      entry_id,
                        const char *reason,
                        GError    **error)
{
  g_autoptr(AllotLedgerEntry) entry = NULL;
  AllotStmt *stmt;
  gint64 dependants = 0;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);

  if (!allot_require_text (_("Reason for voiding"), reason, 500, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  entry = allot_store_lookup_entry (self, entry_id, error);
  ok = entry != NULL && allot_store_check_period_open (self, &entry->entry_date, error) &&
       allot_store_check_period_open (self, &entry->paid_date, error);
  if (ok && entry->voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Entry %" PRId64 " (%s) is already voided."), entry_id,
                   entry->document_number);
      ok = FALSE;
    }
  if (ok && entry->kind == ALLOT_ENTRY_OBLIGATION)
    {
      ok = obligation_dependants (self, entry_id, &dependants, error);
      if (ok && dependants > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Obligation %s has expenditures or adjustments against it "
                         "(%" PRId64 "); void those first."),
                       entry->document_number, dependants);
          ok = FALSE;
        }
    }
  if (ok && entry->kind == ALLOT_ENTRY_ADJUSTMENT && entry->obligation_id != 0 &&
      entry->amount > 0)
    {
      gint64 open_amount = 0;

      /* Taking back an increase must not leave the obligation overpaid. */
      ok = obligation_open_amount (self, entry->obligation_id, entry->id, &open_amount, error);
      if (ok && open_amount < 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Voiding adjustment %s would leave its obligation paid beyond its "
                         "amount."), entry->document_number);
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE ledger_entries SET voided = 1, void_reason = ?2, voided_by = ?3,"
          " voided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), version = version + 1"
          " WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, entry_id);
          allot_stmt_bind_text (stmt, 2, reason, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 3, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  return allot_store_end_write (self, ok, error);
}

gboolean
allot_store_record_payment (AllotStore  *self,
                            gint64       entry_id,
                            const GDate *paid_date,
                            GError     **error)
{
  g_autoptr(AllotLedgerEntry) entry = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  if (!allot_require_date (_("Date paid"), paid_date, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  entry = allot_store_lookup_entry (self, entry_id, error);
  ok = entry != NULL;
  if (ok && (entry->kind != ALLOT_ENTRY_EXPENDITURE || entry->voided ||
             g_date_valid (&entry->paid_date)))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Entry %" PRId64 " is not an unpaid expenditure."), entry_id);
      ok = FALSE;
    }
  ok = ok && allot_require_order (_("Date incurred"), &entry->entry_date, _("Date paid"),
                                  paid_date, error) &&
       allot_store_check_period_open (self, paid_date, error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE ledger_entries SET paid_date = ?2, version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, entry_id);
          allot_db_bind_date (stmt, 2, paid_date);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  return allot_store_end_write (self, ok, error);
}

void
allot_ledger_filter_init (AllotLedgerFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->kind = -1;
  filter->status = -1;
}

GPtrArray *
allot_store_list_ledger (AllotStore              *self,
                         const AllotLedgerFilter *filter,
                         GError                 **error)
{
  AllotLedgerFilter any;
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  if (filter == NULL)
    {
      allot_ledger_filter_init (&any);
      filter = &any;
    }
  stmt = allot_store_statement (self,
      "SELECT " ENTRY_COLUMNS " FROM ledger_entries e"
      " JOIN allocations a ON a.id = e.allocation_id"
      " WHERE (?1 = 0 OR a.fiscal_year = ?1) AND (?2 = 0 OR a.source_id = ?2)"
      " AND (?3 = 0 OR a.task_force_id = ?3) AND (?4 = 0 OR a.category_id = ?4)"
      " AND (e.kind = ?5 OR ?5 IS NULL) AND (e.status = ?6 OR ?6 IS NULL)"
      " AND (?7 <> 0 OR e.voided = 0)"
      " AND (instr (lower (e.document_number || ' ' || e.payee || ' '"
      "      || e.description), lower (?8)) > 0 OR ?8 IS NULL)"
      " ORDER BY e.entry_date, e.id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int (stmt, 1, filter->fiscal_year);
  allot_stmt_bind_int64 (stmt, 2, filter->source_id);
  allot_stmt_bind_int64 (stmt, 3, filter->task_force_id);
  allot_stmt_bind_int64 (stmt, 4, filter->category_id);
  if (filter->kind >= 0)
    allot_stmt_bind_text (stmt, 5, allot_entry_kind_to_string (filter->kind), -1, ALLOT_BIND_STATIC);
  if (filter->status >= 0)
    allot_stmt_bind_text (stmt, 6, allot_status_to_string (filter->status), -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_int (stmt, 7, filter->include_voided ? 1 : 0);
  allot_db_bind_text_or_null (stmt, 8, filter->search);
  return allot_store_read_all (self, stmt, (gpointer) read_entry,
                               (GDestroyNotify) allot_ledger_entry_free, error);
}
