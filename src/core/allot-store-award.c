/* allot-store-award.c: what an award's SF-425 needs beyond the ledger and the
 * drawdowns: indirect cost rate periods and program income.
 *
 * Design decisions:
 * - A rate period is not locked by closed months: rates are often
 *   finalized years later and replace provisional ones (void the old
 *   period, add the final one).  Program income is dated money and is.
 * - Program income expended may not exceed what was earned by its date
 *   (and still unspent), so line 10o can never go negative.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-personnel.h"
#include "allot-store-private.h"
#include "allot-validate-private.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

const char *
allot_program_income_kind_to_string (AllotProgramIncomeKind kind)
{
  switch (kind)
    {
    case ALLOT_PROGRAM_INCOME_EARNED: return "earned";
    case ALLOT_PROGRAM_INCOME_DEDUCTION: return "deduction";
    case ALLOT_PROGRAM_INCOME_ADDITION: return "addition";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
allot_program_income_kind_from_string (const char             *s,
                                       AllotProgramIncomeKind *out)
{
  for (guint k = ALLOT_PROGRAM_INCOME_EARNED; k <= ALLOT_PROGRAM_INCOME_ADDITION; k++)
    if (g_strcmp0 (s, allot_program_income_kind_to_string (k)) == 0)
      {
        *out = k;
        return TRUE;
      }
  return FALSE;
}

AllotRatePeriod *
allot_rate_period_new (void)
{
  AllotRatePeriod *rate = g_new0 (AllotRatePeriod, 1);

  g_date_clear (&rate->start_date, 1);
  g_date_clear (&rate->end_date, 1);
  return rate;
}

void
allot_rate_period_free (AllotRatePeriod *rate)
{
  if (rate == NULL)
    return;
  g_free (rate->rate_type);
  g_free (rate->base_type);
  g_free (rate->base_exclusions);
  g_free (rate);
}

AllotProgramIncome *
allot_program_income_new (void)
{
  AllotProgramIncome *income = g_new0 (AllotProgramIncome, 1);

  g_date_clear (&income->entry_date, 1);
  return income;
}

void
allot_program_income_free (AllotProgramIncome *income)
{
  if (income == NULL)
    return;
  g_free (income->description);
  g_free (income);
}

/* A grant, or an error naming what needed one. */
static AllotSource *
lookup_grant (AllotStore *self,
              gint64      id,
              const char *what,
              GError    **error)
{
  g_autoptr(AllotSource) source = allot_store_lookup_source (self, id, error);

  if (source == NULL)
    return NULL;
  if (source->kind != ALLOT_SOURCE_GRANT)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("%s belongs to a grant; %s is a %s."),
                   what, source->code, allot_source_kind_to_string (source->kind));
      return NULL;
    }
  return g_steal_pointer (&source);
}

/* ---- indirect cost rate periods ---- */

static const char *const rate_types[] = {
  "de_minimis", "provisional", "predetermined", "final", "fixed", NULL
};

/* Lower-case, sorted, without repeats: "D,h" -> "dh". */
static gboolean
normalize_exclusions (char  **exclusions,
                      GError **error)
{
  gboolean seen[8] = { FALSE };
  char out[9];
  guint n = 0;

  for (const char *p = *exclusions; p != NULL && *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == ',' || c == ' ')
        continue;
      if (c < 'a' || c > 'h')
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("Base exclusions are SF-424A lines a to h, not “%s”."), *exclusions);
          return FALSE;
        }
      seen[c - 'a'] = TRUE;
    }
  for (guint i = 0; i < 8; i++)
    if (seen[i])
      out[n++] = (char) ('a' + i);
  out[n] = '\0';
  g_free (*exclusions);
  *exclusions = g_strdup (out);
  return TRUE;
}

gboolean
allot_store_add_rate_period (AllotStore      *self,
                             AllotRatePeriod *rate,
                             GError         **error)
{
  g_autoptr(AllotSource) grant = NULL;
  AllotStmt *stmt;
  gint64 overlapping = 0;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (rate != NULL, FALSE);

  rate->id = 0;
  if (!g_strv_contains (rate_types, rate->rate_type != NULL ? rate->rate_type : ""))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Indirect rate type “%s” is not one of: de_minimis, provisional, "
                     "predetermined, final, fixed."), rate->rate_type != NULL ? rate->rate_type : "");
      return FALSE;
    }
  if (rate->rate_bp > 10000)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Indirect cost rate %u.%02u%% is above 100%%."), rate->rate_bp / 100,
                   rate->rate_bp % 100);
      return FALSE;
    }
  if (!allot_require_text (_("Indirect cost base"), rate->base_type, 32, error) ||
      !normalize_exclusions (&rate->base_exclusions, error) ||
      !allot_require_date (_("Rate period start"), &rate->start_date, error) ||
      !allot_require_date (_("Rate period end"), &rate->end_date, error) ||
      !allot_require_order (_("Rate period start"), &rate->start_date, _("Rate period end"),
                            &rate->end_date, error))
    return FALSE;
  grant = lookup_grant (self, rate->source_id, _("An indirect rate period"), error);
  if (grant == NULL)
    return FALSE;
  if (g_date_compare (&rate->start_date, &grant->u.grant.pop_start) < 0 ||
      g_date_compare (&rate->end_date, &grant->u.grant.pop_end) > 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("A rate period of %s must fall within its period of performance."),
                   grant->code);
      return FALSE;
    }
  if (!allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "SELECT count(*) FROM indirect_rates WHERE source_id = ?1 AND voided = 0"
      " AND start_date <= ?3 AND end_date >= ?2", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, rate->source_id);
      allot_db_bind_date (stmt, 2, &rate->start_date);
      allot_db_bind_date (stmt, 3, &rate->end_date);
      ok = allot_db_query_int64 (self->db, stmt, &overlapping, error);
    }
  if (ok && overlapping > 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s already has an indirect rate for some of these dates; void it first."),
                   grant->code);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO indirect_rates (source_id, rate_type, rate_bp, base_type,"
          " base_exclusions, start_date, end_date, entered_by, entered_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " NOW_SQL ")", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, rate->source_id);
          allot_stmt_bind_text (stmt, 2, rate->rate_type, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_int (stmt, 3, (int) rate->rate_bp);
          allot_stmt_bind_text (stmt, 4, rate->base_type, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 5, rate->base_exclusions, -1, ALLOT_BIND_COPY);
          allot_db_bind_date (stmt, 6, &rate->start_date);
          allot_db_bind_date (stmt, 7, &rate->end_date);
          allot_stmt_bind_text (stmt, 8, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  rate->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotRatePeriod *
read_rate (AllotStmt *stmt)
{
  AllotRatePeriod *rate = allot_rate_period_new ();

  rate->id = allot_stmt_column_int64 (stmt, 0);
  rate->source_id = allot_stmt_column_int64 (stmt, 1);
  rate->rate_type = allot_db_column_dup (stmt, 2);
  rate->rate_bp = (guint) allot_stmt_column_int (stmt, 3);
  rate->base_type = allot_db_column_dup (stmt, 4);
  rate->base_exclusions = allot_db_column_dup (stmt, 5);
  allot_db_column_date (stmt, 6, &rate->start_date);
  allot_db_column_date (stmt, 7, &rate->end_date);
  rate->voided = allot_stmt_column_int (stmt, 8) != 0;
  return rate;
}

GPtrArray *
allot_store_list_rate_periods (AllotStore *self,
                               gint64      source_id,
                               GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, rate_type, rate_bp, base_type, base_exclusions, start_date,"
      " end_date, voided FROM indirect_rates WHERE ?1 = 0 OR source_id = ?1"
      " ORDER BY source_id, start_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_rate,
                               (GDestroyNotify) allot_rate_period_free, error);
}

/* ---- program income ---- */

gboolean
allot_store_add_program_income (AllotStore         *self,
                                AllotProgramIncome *income,
                                GError            **error)
{
  g_autoptr(AllotSource) grant = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (income != NULL, FALSE);

  income->id = 0;
  if ((guint) income->kind > ALLOT_PROGRAM_INCOME_ADDITION)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Program income is earned, or expended under the deduction or the "
                     "addition alternative."));
      return FALSE;
    }
  if (!allot_require_date (_("Date"), &income->entry_date, error) ||
      !allot_require_amount (_("Program income"), income->amount, 1, error) ||
      !allot_require_text (_("Description"), income->description, 500, error))
    return FALSE;
  grant = lookup_grant (self, income->source_id, _("Program income"), error);
  if (grant == NULL || !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_period_open (self, &income->entry_date, error);
  if (ok && income->kind != ALLOT_PROGRAM_INCOME_EARNED)
    {
      gint64 unspent = 0;

      /* Earned by its date, less everything already expended. */
      stmt = allot_store_statement (self,
          "SELECT COALESCE (SUM (CASE WHEN kind = 'earned' AND entry_date <= ?2 THEN amount"
          "                           WHEN kind = 'expended' THEN -amount ELSE 0 END), 0)"
          " FROM program_income WHERE source_id = ?1 AND voided = 0", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, income->source_id);
          allot_db_bind_date (stmt, 2, &income->entry_date);
          ok = allot_db_query_int64 (self->db, stmt, &unspent, error);
        }
      if (ok && income->amount > unspent)
        {
          g_autofree char *a = allot_money_format_plain (income->amount);
          g_autofree char *u = allot_money_format_plain (MAX (unspent, 0));

          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("%s of program income cannot be expended: only %s earned on %s by "
                         "then is unexpended."), a, u, grant->code);
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO program_income (source_id, entry_date, kind, alternative, amount,"
          " description, entered_by, entered_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " NOW_SQL ")", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, income->source_id);
          allot_db_bind_date (stmt, 2, &income->entry_date);
          allot_stmt_bind_text (stmt, 3, income->kind == ALLOT_PROGRAM_INCOME_EARNED ? "earned"
                                                                                  : "expended",
                             -1, ALLOT_BIND_STATIC);
          if (income->kind != ALLOT_PROGRAM_INCOME_EARNED)
            allot_stmt_bind_text (stmt, 4, allot_program_income_kind_to_string (income->kind), -1,
                               ALLOT_BIND_STATIC);
          allot_stmt_bind_int64 (stmt, 5, income->amount);
          allot_stmt_bind_text (stmt, 6, income->description, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 7, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  income->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotProgramIncome *
read_income (AllotStmt *stmt)
{
  AllotProgramIncome *income = allot_program_income_new ();
  const char *alternative = (const char *) allot_stmt_column_text (stmt, 4);

  income->id = allot_stmt_column_int64 (stmt, 0);
  income->source_id = allot_stmt_column_int64 (stmt, 1);
  allot_db_column_date (stmt, 2, &income->entry_date);
  income->kind = ALLOT_PROGRAM_INCOME_EARNED;
  if (alternative != NULL)
    allot_program_income_kind_from_string (alternative, &income->kind);
  income->amount = allot_stmt_column_int64 (stmt, 5);
  income->description = allot_db_column_dup (stmt, 6);
  income->voided = allot_stmt_column_int (stmt, 7) != 0;
  return income;
}

GPtrArray *
allot_store_list_program_income (AllotStore *self,
                                 gint64      source_id,
                                 GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, entry_date, kind, alternative, amount, description, voided"
      " FROM program_income WHERE ?1 = 0 OR source_id = ?1"
      " ORDER BY source_id, entry_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_income,
                               (GDestroyNotify) allot_program_income_free, error);
}
