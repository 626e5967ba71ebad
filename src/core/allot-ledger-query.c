/* allot-ledger-query.c: ordering the ledger, and reading it a page at a time.
 *
 * Design decisions:
 * - One pass per filter and sort: the matching ids in order, with the count
 *   and the totals summed on the way.  Sorting a million lines happens once
 *   (about a second without an index), and 8 MB of ids then give every page
 *   its lines by primary key: no OFFSET, and no second sort per page, which
 *   columns without an index (amount, document) would otherwise cost.
 * - Pages are read by ids passed as one JSON array, so the SQL stays a
 *   fixed string with one parameter however many lines a page has.
 * - The SQL of every sort and direction is a string literal assembled by the
 *   preprocessor from a fixed table of sort expressions: nothing is ever
 *   built from data, and each text is the cache key of its statement.
 * - The filter is the one of allot_store_list_ledger(), so the ledger table
 *   and the CLI agree on what "FY2026, JAG, submitted" means.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-error.h"
#include "allot-ledger-query.h"
#include "allot-store-private.h"

#define LEDGER_FROM \
  " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id" \
  " JOIN sources s ON s.id = a.source_id JOIN task_forces t ON t.id = a.task_force_id" \
  " JOIN categories c ON c.id = a.category_id"

/* ?1 fiscal year, ?2 source, ?3 task force, ?4 category, ?5 kind, ?6 status,
 * ?7 include voided, ?8 search text. */
#define LEDGER_WHERE \
  " WHERE (?1 = 0 OR a.fiscal_year = ?1) AND (?2 = 0 OR a.source_id = ?2)" \
  " AND (?3 = 0 OR a.task_force_id = ?3) AND (?4 = 0 OR a.category_id = ?4)" \
  " AND (e.kind = ?5 OR ?5 IS NULL) AND (e.status = ?6 OR ?6 IS NULL)" \
  " AND (?7 <> 0 OR e.voided = 0)" \
  " AND (instr (lower (e.document_number || ' ' || e.payee || ' '" \
  "      || e.description), lower (?8)) > 0 OR ?8 IS NULL)"

#define ROW_COLUMNS \
  "e.id, e.entry_date, e.kind, e.amount, e.status, e.voided, a.fiscal_year, e.allocation_id," \
  " e.obligation_id, s.code, t.code, c.name, e.document_number, e.payee, e.description"

#define ORDER_SQL(key, dir) \
  "SELECT e.id, e.kind, e.amount" LEDGER_FROM LEDGER_WHERE \
  " ORDER BY " key " " dir ", e.id " dir

#define SORT(key) { ORDER_SQL (key, "ASC"), ORDER_SQL (key, "DESC") }

/* The first lines of an order, read whole: ?9 is how many. */
#define HEAD_SQL(key, dir) \
  "SELECT " ROW_COLUMNS LEDGER_FROM LEDGER_WHERE \
  " ORDER BY " key " " dir ", e.id " dir " LIMIT ?9"

#define HEAD(key) { HEAD_SQL (key, "ASC"), HEAD_SQL (key, "DESC") }

/* The whole order.  The unary + keeps SQLite from walking the amount,
 * status and document indexes for it: they are in sort order but not in
 * the table's, so a million lines would cost a million scattered row reads
 * (measured: 12.6 s against 1.8 s for a scan and a sort).  Those indexes
 * serve the head below, which stops after a page.  The date index follows
 * the table's order closely enough (entries are added by date) to serve
 * both. */
static const char *const order_sql[ALLOT_LEDGER_N_SORTS][2] = {
  [ALLOT_LEDGER_SORT_DATE] = SORT ("e.entry_date"),
  [ALLOT_LEDGER_SORT_AMOUNT] = SORT ("+e.amount"),
  [ALLOT_LEDGER_SORT_SOURCE] = SORT ("s.code"),
  [ALLOT_LEDGER_SORT_TASK_FORCE] = SORT ("t.code"),
  [ALLOT_LEDGER_SORT_CATEGORY] = SORT ("c.name"),
  [ALLOT_LEDGER_SORT_STATUS] = SORT ("+e.status"),
  [ALLOT_LEDGER_SORT_DOCUMENT] = SORT ("+e.document_number"),
};

/* Date, amount, status and document have an index in the same order
 * (ledger_date, ledger_amount_order, ledger_status_order,
 * ledger_document_order), so SQLite reads their first lines straight from
 * it and stops; the names of source, task force and category live in other
 * tables, so their first lines cost one pass over the ledger (keeping the
 * best few, not sorting all). */
static const char *const head_sql[ALLOT_LEDGER_N_SORTS][2] = {
  [ALLOT_LEDGER_SORT_DATE] = HEAD ("e.entry_date"),
  [ALLOT_LEDGER_SORT_AMOUNT] = HEAD ("e.amount"),
  [ALLOT_LEDGER_SORT_SOURCE] = HEAD ("s.code"),
  [ALLOT_LEDGER_SORT_TASK_FORCE] = HEAD ("t.code"),
  [ALLOT_LEDGER_SORT_CATEGORY] = HEAD ("c.name"),
  [ALLOT_LEDGER_SORT_STATUS] = HEAD ("e.status"),
  [ALLOT_LEDGER_SORT_DOCUMENT] = HEAD ("e.document_number"),
};

void
allot_ledger_row_free (AllotLedgerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->source_code);
  g_free (row->task_force_code);
  g_free (row->category_name);
  g_free (row->document_number);
  g_free (row->payee);
  g_free (row->description);
  g_free (row);
}

AllotStore *
allot_store_open_reader (AllotStore *store,
                         GError    **error)
{
  g_autoptr(AllotStore) reader = NULL;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);

  reader = g_object_new (ALLOT_TYPE_STORE, NULL);
  reader->path = g_strdup (store->path);
  g_free (reader->user);
  reader->user = g_strdup (store->user);
  reader->fy_start_month = store->fy_start_month;

  if (allot_db_backend (store->db) == ALLOT_DB_POSTGRES)
    {
      reader->db = allot_db_open_postgres (store->path, error);
      if (reader->db == NULL ||
          !allot_db_exec (reader->db, "SET default_transaction_read_only = on", error))
        return NULL;
      return g_steal_pointer (&reader);
    }
  reader->db = allot_db_open_sqlite (store->path, TRUE, error);
  if (reader->db == NULL)
    return NULL;
  if (!allot_db_exec (reader->db, "PRAGMA query_only = ON", error))
    return NULL;
  return g_steal_pointer (&reader);
}

void
allot_ledger_query_interrupt (AllotStore *store)
{
  g_return_if_fail (ALLOT_IS_STORE (store));
  if (store->db != NULL)
    allot_db_interrupt (store->db);
}

static void
bind_filter (AllotStmt            *stmt,
             const AllotLedgerFilter *filter)
{
  AllotLedgerFilter any;

  if (filter == NULL)
    {
      allot_ledger_filter_init (&any);
      filter = &any;
    }
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
}

static void
set_read_error (AllotStore *store,
                int         rc,
                GError    **error)
{
  if (rc == ALLOT_DB_INTERRUPT)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The query was cancelled."));
  else
    allot_db_set_error (store->db, rc, error, _("Could not read the ledger"));
}

gboolean
allot_ledger_query_totals (AllotStore              *store,
                           const AllotLedgerFilter *filter,
                           AllotLedgerTotals       *out_totals,
                           GError                 **error)
{
  AllotStmt *stmt;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_totals != NULL, FALSE);

  stmt = allot_store_statement (store,
      "SELECT count (*),"
      " COALESCE (SUM (CASE WHEN e.kind = 'obligation' THEN e.amount END), 0),"
      " COALESCE (SUM (CASE WHEN e.kind = 'expenditure' THEN e.amount END), 0),"
      " COALESCE (SUM (CASE WHEN e.kind = 'adjustment' THEN e.amount END), 0)"
      LEDGER_FROM LEDGER_WHERE, error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter);
  rc = allot_stmt_step (stmt);
  if (rc != ALLOT_DB_ROW)
    {
      set_read_error (store, rc, error);
      allot_stmt_reset (stmt);
      return FALSE;
    }
  out_totals->count = (guint64) allot_stmt_column_int64 (stmt, 0);
  out_totals->obligated = allot_stmt_column_int64 (stmt, 1);
  out_totals->expended = allot_stmt_column_int64 (stmt, 2);
  out_totals->adjusted = allot_stmt_column_int64 (stmt, 3);
  allot_stmt_reset (stmt);
  return TRUE;
}

GArray *
allot_ledger_query_order (AllotStore              *store,
                          const AllotLedgerFilter *filter,
                          AllotLedgerSort          sort,
                          gboolean                 descending,
                          AllotLedgerTotals       *out_totals,
                          GError                 **error)
{
  g_autoptr(GArray) ids = NULL;
  AllotLedgerTotals totals = { 0, };
  AllotStmt *stmt;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < ALLOT_LEDGER_N_SORTS, NULL);

  stmt = allot_store_statement (store, order_sql[sort][descending ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 id = allot_stmt_column_int64 (stmt, 0);
      const char *kind = (const char *) allot_stmt_column_text (stmt, 1);
      gint64 amount = allot_stmt_column_int64 (stmt, 2);

      g_array_append_val (ids, id);
      /* The kinds are CHECKed in the schema: the first letter tells them apart. */
      if (kind != NULL && kind[0] == 'o')
        totals.obligated += amount;
      else if (kind != NULL && kind[0] == 'e')
        totals.expended += amount;
      else
        totals.adjusted += amount;
    }
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      set_read_error (store, rc, error);
      return NULL;
    }
  totals.count = ids->len;
  if (out_totals != NULL)
    *out_totals = totals;
  return g_steal_pointer (&ids);
}

static AllotLedgerRow *
read_row (AllotStmt *stmt)
{
  AllotLedgerRow *row = g_new0 (AllotLedgerRow, 1);

  row->id = allot_stmt_column_int64 (stmt, 0);
  allot_db_column_date (stmt, 1, &row->entry_date);
  allot_entry_kind_from_string ((const char *) allot_stmt_column_text (stmt, 2), &row->kind);
  row->amount = allot_stmt_column_int64 (stmt, 3);
  allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 4), &row->status);
  row->voided = allot_stmt_column_int (stmt, 5) != 0;
  row->fiscal_year = allot_stmt_column_int (stmt, 6);
  row->allocation_id = allot_stmt_column_int64 (stmt, 7);
  row->obligation_id = allot_stmt_column_int64 (stmt, 8);
  row->source_code = allot_db_column_dup (stmt, 9);
  row->task_force_code = allot_db_column_dup (stmt, 10);
  row->category_name = allot_db_column_dup (stmt, 11);
  row->document_number = allot_db_column_dup (stmt, 12);
  row->payee = allot_db_column_dup (stmt, 13);
  row->description = allot_db_column_dup (stmt, 14);
  return row;
}

GPtrArray *
allot_ledger_query_rows (AllotStore   *store,
                         const gint64 *ids,
                         guint         n_ids,
                         GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) json = g_string_sized_new (16 * n_ids + 2);
  AllotStmt *stmt;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  /* The ids travel as one bound JSON array: data, never SQL text. */
  g_string_append_c (json, '[');
  for (guint i = 0; i < n_ids; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_printf (json, "%" PRId64, ids[i]);
    }
  g_string_append_c (json, ']');

  /* The ids as one JSON array, each engine's way of reading one. */
  stmt = allot_store_statement (store, allot_db_backend (store->db) == ALLOT_DB_POSTGRES
    ? "SELECT " ROW_COLUMNS " FROM json_array_elements_text (?1::json) WITH ORDINALITY"
      " AS j (value, key)"
      " JOIN ledger_entries e ON e.id = j.value::bigint JOIN allocations a ON a.id = e.allocation_id"
      " JOIN sources s ON s.id = a.source_id JOIN task_forces t ON t.id = a.task_force_id"
      " JOIN categories c ON c.id = a.category_id ORDER BY j.key"
    : "SELECT " ROW_COLUMNS " FROM json_each (?1) j"
      " JOIN ledger_entries e ON e.id = j.value JOIN allocations a ON a.id = e.allocation_id"
      " JOIN sources s ON s.id = a.source_id JOIN task_forces t ON t.id = a.task_force_id"
      " JOIN categories c ON c.id = a.category_id ORDER BY j.key", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, json->str, (int) json->len, ALLOT_BIND_COPY);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_ledger_row_free);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      set_read_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
allot_ledger_query_head (AllotStore              *store,
                         const AllotLedgerFilter *filter,
                         AllotLedgerSort          sort,
                         gboolean                 descending,
                         guint                    limit,
                         GError                 **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  AllotStmt *stmt;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  g_return_val_if_fail (sort < ALLOT_LEDGER_N_SORTS, NULL);

  stmt = allot_store_statement (store, head_sql[sort][descending ? 1 : 0], error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  allot_stmt_bind_int64 (stmt, 9, limit);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_ledger_row_free);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    g_ptr_array_add (rows, read_row (stmt));
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      set_read_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GArray *
allot_ledger_query_monthly_expended (AllotStore *store,
                                     int         fiscal_year,
                                     GError    **error)
{
  g_autoptr(GArray) months = NULL;
  AllotStmt *stmt;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);

  /* The same rows as allocation_balances.expended, split by month. */
  stmt = allot_store_statement (store,
      "SELECT s.kind, CAST (substr (e.entry_date, 1, 4) AS INTEGER) AS y,"
      " CAST (substr (e.entry_date, 6, 2) AS INTEGER) AS m, SUM (e.amount)"
      " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
      " JOIN sources s ON s.id = a.source_id"
      " WHERE a.fiscal_year = ?1 AND a.voided = 0 AND a.status = 'approved'"
      " AND e.voided = 0 AND e.status = 'approved'"
      " AND (e.kind = 'expenditure' OR (e.kind = 'adjustment' AND e.obligation_id IS NULL))"
      " GROUP BY s.kind, y, m"
      " ORDER BY CASE s.kind WHEN 'grant' THEN 0 WHEN 'appropriation' THEN 1"
      " WHEN 'agreement' THEN 2 ELSE 3 END, y, m", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int (stmt, 1, fiscal_year);

  months = g_array_new (FALSE, TRUE, sizeof (AllotMonthlyAmount));
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      AllotMonthlyAmount amount = { 0, };

      allot_source_kind_from_string ((const char *) allot_stmt_column_text (stmt, 0),
                                     &amount.kind);
      amount.year = allot_stmt_column_int (stmt, 1);
      amount.month = allot_stmt_column_int (stmt, 2);
      amount.expended = allot_stmt_column_int64 (stmt, 3);
      g_array_append_val (months, amount);
    }
  if (rc != ALLOT_DB_DONE)
    {
      set_read_error (store, rc, error);
      allot_stmt_reset (stmt);
      return NULL;
    }
  allot_stmt_reset (stmt);
  return g_steal_pointer (&months);
}
