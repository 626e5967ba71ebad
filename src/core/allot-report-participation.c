/* allot-report-participation.c: what the jurisdiction put into each task
 * force in a fiscal year and what the partners gave back.
 *
 * Design decisions:
 * - Fiscal years are the jurisdiction's (the store's start month): cash is
 *   the expended of the year's allocations (allocation_balances, like the
 *   balances); overtime, claims and payments fall in the year of their date
 *   (worked, invoiced, received).
 * - Contributions to an agreement carry no dates: an in-kind contribution
 *   tied to a task force is spread over the agreement's term by day.  The
 *   share of a year is round (V * days through the year's end / term days)
 *   less the same for the previous year's end, rounded half up, so the years
 *   add up to the valuation exactly.  Cash contributions are not counted
 *   here: partner cash is the agreement's authority and shows when spent.
 * - An officer counts in a year when an unvoided assignment to the task
 *   force overlaps it.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-report-private.h"

static void
row_free (AllotParticipationRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row);
}

void
allot_participation_free (AllotParticipation *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

typedef struct {
  AllotStore *store;
  int fiscal_year;              /* 0 = every year */
  guint start_month;
  GHashTable *task_forces;      /* id -> AllotTaskForce */
  GHashTable *rows;             /* "tf:fy" -> AllotParticipationRow */
  GPtrArray *row_list;
} Builder;

static AllotParticipationRow *
row_for (Builder *b,
         gint64   task_force_id,
         int      fiscal_year)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64 ":%d", task_force_id, fiscal_year);
  AllotParticipationRow *row = g_hash_table_lookup (b->rows, key);
  const AllotTaskForce *tf;

  if (row != NULL)
    return row;
  tf = g_hash_table_lookup (b->task_forces, &task_force_id);
  row = g_new0 (AllotParticipationRow, 1);
  row->task_force_id = task_force_id;
  row->fiscal_year = fiscal_year;
  row->code = g_strdup (tf != NULL ? tf->code : "");
  row->name = g_strdup (tf != NULL ? tf->name : "");
  g_hash_table_insert (b->rows, g_steal_pointer (&key), row);
  g_ptr_array_add (b->row_list, row);
  return row;
}

static gboolean
in_scope (Builder *b,
          int      fiscal_year)
{
  return b->fiscal_year == 0 || b->fiscal_year == fiscal_year;
}

static int
fy_of_column (Builder      *b,
              AllotStmt *stmt,
              int           column)
{
  GDate date;

  report_column_date (stmt, column, &date);
  return g_date_valid (&date) ? allot_fiscal_year_of (&date, b->start_month) : 0;
}

/* ---- cash ---- */

static const char sql_cash[] =
  "SELECT b.task_force_id, b.fiscal_year, s.kind, SUM (b.expended)"
  " FROM allocation_balances b JOIN sources s ON s.id = b.source_id"
  " WHERE ?1 = 0 OR b.fiscal_year = ?1 GROUP BY b.task_force_id, b.fiscal_year, s.kind";

static gboolean
read_cash (Builder *b,
           GError **error)
{
  AllotStmt *stmt = allot_store_statement (b->store, sql_cash, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int (stmt, 1, b->fiscal_year);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      AllotSourceKind kind = ALLOT_SOURCE_GRANT;
      gint64 expended = allot_stmt_column_int64 (stmt, 3);
      AllotParticipationRow *row;

      if (expended == 0)
        continue;
      allot_source_kind_from_string ((const char *) allot_stmt_column_text (stmt, 2), &kind);
      row = row_for (b, allot_stmt_column_int64 (stmt, 0), allot_stmt_column_int (stmt, 1));
      row->cash[kind] += expended;
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (b->store->db, rc, error, "Could not read the balances");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

/* ---- in kind, spread over the term ---- */

/* round_half_up (@value * @part / @whole) for 0 <= @part <= @whole, @whole > 0,
 * without overflow: @value = q * whole + r. */
static gint64
prorate (gint64 value,
         gint64 part,
         gint64 whole)
{
  gint64 q = value / whole, r = value % whole;

  return q * part + (2 * r * part + whole) / (2 * whole);
}

/* Days of [@first, @last] up to and including @through (0 before it starts). */
static gint64
days_through (const GDate *first,
              const GDate *last,
              const GDate *through)
{
  const GDate *end = g_date_compare (through, last) < 0 ? through : last;

  if (g_date_compare (end, first) < 0)
    return 0;
  return (gint64) g_date_get_julian (end) - (gint64) g_date_get_julian (first) + 1;
}

static const char sql_in_kind[] =
  "SELECT c.task_force_id, c.side, c.valuation, g.term_start, g.term_end"
  " FROM contributions c JOIN agreements g ON g.source_id = c.source_id"
  " WHERE c.voided = 0 AND c.form = 'in_kind' AND c.task_force_id IS NOT NULL";

static gboolean
read_in_kind (Builder *b,
              GError **error)
{
  AllotStmt *stmt = allot_store_statement (b->store, sql_in_kind, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 tf = allot_stmt_column_int64 (stmt, 0);
      gboolean partner = g_strcmp0 ((const char *) allot_stmt_column_text (stmt, 1), "partner") == 0;
      gint64 value = allot_stmt_column_int64 (stmt, 2);
      GDate first, last;
      gint64 whole;
      int fy_first, fy_last;

      report_column_date (stmt, 3, &first);
      report_column_date (stmt, 4, &last);
      whole = days_through (&first, &last, &last);
      fy_first = allot_fiscal_year_of (&first, b->start_month);
      fy_last = allot_fiscal_year_of (&last, b->start_month);
      for (int fy = fy_first; fy <= fy_last; fy++)
        {
          GDate fy_start, fy_end, before;
          gint64 share;
          AllotParticipationRow *row;

          if (!in_scope (b, fy))
            continue;
          allot_fiscal_year_bounds (fy, b->start_month, &fy_start, &fy_end);
          before = fy_start;
          g_date_subtract_days (&before, 1);
          share = prorate (value, days_through (&first, &last, &fy_end), whole) -
                  prorate (value, days_through (&first, &last, &before), whole);
          if (share == 0)
            continue;
          row = row_for (b, tf, fy);
          if (partner)
            row->partner_in_kind += share;
          else
            row->in_kind += share;
        }
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (b->store->db, rc, error, "Could not read the contributions");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

/* ---- overtime, claims, payments ---- */

static const char sql_overtime[] =
  "SELECT task_force_id, work_date, hours, amount FROM overtime_entries"
  " WHERE voided = 0 AND status = 'approved'";

static const char sql_billed[] =
  "SELECT task_force_id, invoice_date, billed FROM reimbursement_claims WHERE voided = 0";

static const char sql_received[] =
  "SELECT c.task_force_id, p.received_date, p.amount FROM claim_payments p"
  " JOIN reimbursement_claims c ON c.id = p.claim_id WHERE p.voided = 0 AND c.voided = 0";

typedef enum {
  DATED_OVERTIME,
  DATED_BILLED,
  DATED_RECEIVED,
} Dated;

static gboolean
read_dated (Builder    *b,
            const char *sql,
            Dated       what,
            GError    **error)
{
  AllotStmt *stmt = allot_store_statement (b->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      int fy = fy_of_column (b, stmt, 1);
      AllotParticipationRow *row;

      if (!in_scope (b, fy))
        continue;
      row = row_for (b, allot_stmt_column_int64 (stmt, 0), fy);
      switch (what)
        {
        case DATED_OVERTIME:
          row->overtime_hours += allot_stmt_column_int64 (stmt, 2);
          row->overtime_amount += allot_stmt_column_int64 (stmt, 3);
          break;
        case DATED_BILLED:
          row->billed += allot_stmt_column_int64 (stmt, 2);
          break;
        case DATED_RECEIVED:
        default:
          row->reimbursed += allot_stmt_column_int64 (stmt, 2);
          break;
        }
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (b->store->db, rc, error, "Could not read the overtime");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

/* ---- officers ---- */

static const char sql_assignments[] =
  "SELECT task_force_id, officer_id, start_date, end_date FROM assignments WHERE voided = 0"
  " ORDER BY task_force_id, officer_id";

/* Officers of each task force and year: for one fiscal year, that year;
 * for every year, each year in which anything happened anywhere (an
 * open-ended assignment would otherwise run on forever). */
static gboolean
count_officers (Builder *b,
                GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) fiscal_years = g_array_new (FALSE, FALSE, sizeof (int));
  AllotStmt *stmt = allot_store_statement (b->store, sql_assignments, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < b->row_list->len; i++)
    {
      int fy = ((AllotParticipationRow *) b->row_list->pdata[i])->fiscal_year;
      gboolean known = FALSE;

      for (guint j = 0; j < fiscal_years->len; j++)
        known |= g_array_index (fiscal_years, int, j) == fy;
      if (!known)
        g_array_append_val (fiscal_years, fy);
    }
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 tf = allot_stmt_column_int64 (stmt, 0);
      gint64 officer = allot_stmt_column_int64 (stmt, 1);
      GDate start, end;
      g_autoptr(GPtrArray) years = g_ptr_array_new ();

      report_column_date (stmt, 2, &start);
      report_column_date (stmt, 3, &end);
      if (b->fiscal_year != 0)
        {
          GDate fy_start, fy_end;

          allot_fiscal_year_bounds (b->fiscal_year, b->start_month, &fy_start, &fy_end);
          if (g_date_compare (&start, &fy_end) <= 0 &&
              (!g_date_valid (&end) || g_date_compare (&end, &fy_start) >= 0))
            g_ptr_array_add (years, row_for (b, tf, b->fiscal_year));
        }
      else
        {
          /* Every year with activity anywhere that the assignment overlaps. */
          for (guint i = 0; i < fiscal_years->len; i++)
            {
              int fy = g_array_index (fiscal_years, int, i);
              GDate fy_start, fy_end;

              allot_fiscal_year_bounds (fy, b->start_month, &fy_start, &fy_end);
              if (g_date_compare (&start, &fy_end) <= 0 &&
                  (!g_date_valid (&end) || g_date_compare (&end, &fy_start) >= 0))
                g_ptr_array_add (years, row_for (b, tf, fy));
            }
        }
      for (guint i = 0; i < years->len; i++)
        {
          AllotParticipationRow *row = years->pdata[i];
          char *key = g_strdup_printf ("%" PRId64 ":%d:%" PRId64,
                                       row->task_force_id, row->fiscal_year, officer);

          if (g_hash_table_add (seen, key))
            row->officers++;
        }
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (b->store->db, rc, error, "Could not read the assignments");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const AllotParticipationRow *x = *(const AllotParticipationRow *const *) a;
  const AllotParticipationRow *y = *(const AllotParticipationRow *const *) b;

  if (x->fiscal_year != y->fiscal_year)
    return x->fiscal_year < y->fiscal_year ? -1 : 1;
  return g_strcmp0 (x->code, y->code);
}

AllotParticipation *
allot_report_participation (AllotStore *store,
                            int         fiscal_year,
                            GError    **error)
{
  g_autoptr(AllotParticipation) report = NULL;
  g_autoptr(GPtrArray) task_forces = NULL;
  Builder b = { 0 };
  AllotParticipationRow *t;
  gboolean began = FALSE, ok;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  if (fiscal_year != 0 && (fiscal_year < 1900 || fiscal_year > 2999))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Fiscal year %d is not one Allot can report on."), fiscal_year);
      return NULL;
    }
  report = g_new0 (AllotParticipation, 1);
  report->fiscal_year = fiscal_year;
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);

  if (!report_read_begin (store, &began, error))
    return NULL;
  task_forces = allot_store_list_task_forces (store, error);
  ok = task_forces != NULL;
  b.store = store;
  b.fiscal_year = fiscal_year;
  b.start_month = allot_store_get_fy_start_month (store);
  b.task_forces = g_hash_table_new (g_int64_hash, g_int64_equal);
  b.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  b.row_list = report->rows;
  for (guint i = 0; ok && i < task_forces->len; i++)
    {
      AllotTaskForce *tf = task_forces->pdata[i];

      g_hash_table_insert (b.task_forces, &tf->id, tf);
    }
  ok = ok && read_cash (&b, error) && read_in_kind (&b, error) &&
       read_dated (&b, sql_overtime, DATED_OVERTIME, error) &&
       read_dated (&b, sql_billed, DATED_BILLED, error) &&
       read_dated (&b, sql_received, DATED_RECEIVED, error) &&
       count_officers (&b, error);
  report_read_end (store, began);
  g_hash_table_unref (b.task_forces);
  g_hash_table_unref (b.rows);
  if (!ok)
    return NULL;

  g_ptr_array_sort (report->rows, compare_rows);
  t = &report->totals;
  t->fiscal_year = fiscal_year;
  for (guint i = 0; i < report->rows->len; i++)
    {
      AllotParticipationRow *row = report->rows->pdata[i];

      for (guint k = 0; k < ALLOT_SOURCE_N_KINDS; k++)
        {
          row->cash_total += row->cash[k];
          t->cash[k] += row->cash[k];
        }
      row->contributed = row->cash_total + row->in_kind;
      t->cash_total += row->cash_total;
      t->in_kind += row->in_kind;
      t->contributed += row->contributed;
      t->officers += row->officers;
      t->overtime_hours += row->overtime_hours;
      t->overtime_amount += row->overtime_amount;
      t->billed += row->billed;
      t->reimbursed += row->reimbursed;
      t->partner_in_kind += row->partner_in_kind;
    }
  return g_steal_pointer (&report);
}
