/* allot-store-sources.c: funding sources of the four kinds and what changes
 * their authority: amendments, receipts, contributions; and drawdowns. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-store-private.h"
#include "allot-validate-private.h"

/* Allocated amount of a source: every allocation not voided, pending ones
 * included, so that approving one can never push a source over. */
static gboolean
source_allocated (AllotStore *self,
                  gint64      source_id,
                  gint64     *out,
                  GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT COALESCE (SUM (amount), 0) FROM allocations WHERE source_id = ?1 AND voided = 0",
      error);

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_db_query_int64 (self->db, stmt, out, error);
}

gboolean
allot_store_source_authorized (AllotStore *self,
                               gint64      source_id,
                               gint64     *out_cents,
                               GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  stmt = allot_store_statement (self,
      "SELECT authorized FROM source_authorized WHERE source_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_db_query_int64 (self->db, stmt, out_cents, error);
}

/* Inside a write that lowered what @source_id authorizes: refuses when its
 * allocations no longer fit. */
gboolean
allot_store_check_authority (AllotStore *self,
                             gint64      source_id,
                             const char *source_code,
                             GError    **error)
{
  gint64 authorized = 0, allocated = 0;

  if (!allot_store_source_authorized (self, source_id, &authorized, error) ||
      !source_allocated (self, source_id, &allocated, error))
    return FALSE;
  if (allocated > authorized)
    {
      g_autofree char *a = allot_money_format_plain (allocated);
      g_autofree char *b = allot_money_format_plain (authorized);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("This would leave the allocations of %s (%s) above what it authorizes "
                     "(%s). Reduce its allocations first."), source_code, a, b);
      return FALSE;
    }
  return TRUE;
}

/* Inside a write that changed @source's fields: its allocations must still
 * fall in fiscal years in which it can be spent (the rule an allocation is
 * checked against when it is made, allot-store-ledger.c). */
static gboolean
check_allocation_years (AllotStore        *self,
                        const AllotSource *source,
                        GError           **error)
{
  guint start_month = allot_store_get_fy_start_month (self);
  AllotStmt *stmt;
  int first_fy, last_fy;
  gint64 outside = 0;

  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      first_fy = allot_fiscal_year_of (&source->u.grant.pop_start, start_month);
      last_fy = allot_fiscal_year_of (&source->u.grant.pop_end, start_month);
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      first_fy = last_fy = source->u.appropriation.fiscal_year;
      break;
    case ALLOT_SOURCE_AGREEMENT:
      first_fy = allot_fiscal_year_of (&source->u.agreement.term_start, start_month);
      last_fy = allot_fiscal_year_of (&source->u.agreement.term_end, start_month);
      break;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      return TRUE;
    }

  stmt = allot_store_statement (self,
      "SELECT COALESCE (MIN (fiscal_year), 0) FROM allocations"
      " WHERE source_id = ?1 AND voided = 0 AND fiscal_year NOT BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, source->id);
  allot_stmt_bind_int (stmt, 2, first_fy);
  allot_stmt_bind_int (stmt, 3, last_fy);
  if (!allot_db_query_int64 (self->db, stmt, &outside, error))
    return FALSE;
  if (outside != 0 && first_fy == last_fy)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s would be for FY%d only, but it has allocations in FY%d. Change "
                     "those allocations first."), source->code, first_fy, (int) outside);
      return FALSE;
    }
  if (outside != 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s would run from FY%d to FY%d, but it has allocations in FY%d. Change "
                     "those allocations first."), source->code, first_fy, last_fy,
                   (int) outside);
      return FALSE;
    }
  return TRUE;
}

/* ---- validation ---- */

static gboolean
is_assistance_listing (const char *s)
{
  return s != NULL && strlen (s) == 6 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) &&
         s[2] == '.' && g_ascii_isdigit (s[3]) && g_ascii_isdigit (s[4]) &&
         g_ascii_isdigit (s[5]);
}

static gboolean
one_of (const char         *value,
        const char *const  *allowed)
{
  for (guint i = 0; value != NULL && allowed[i] != NULL; i++)
    if (g_str_equal (value, allowed[i]))
      return TRUE;
  return FALSE;
}

static gboolean
require_choice (const char        *field,
                const char        *value,
                const char *const *allowed,
                GError           **error)
{
  g_autofree char *list = NULL;

  if (one_of (value, allowed))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("%s “%s” is not one of: %s."), field,
               value != NULL ? value : "", list);
  return FALSE;
}

static const char *const frequencies[] = { "quarterly", "semiannual", "annual", NULL };
static const char *const guidance_versions[] = { "2014", "2024", NULL };
static const char *const rate_types[] = {
  "none", "de_minimis", "provisional", "predetermined", "final", "fixed", NULL
};

/* Fills the defaults a person would expect (Uniform Guidance by the start
 * of the period of performance, quarterly reports, no indirect rate). */
static void
fill_grant_defaults (AllotGrantFields *g)
{
  if (g->uniform_guidance == NULL && g_date_valid (&g->pop_start))
    {
      GDate revised;
      g_date_clear (&revised, 1);
      g_date_set_dmy (&revised, 1, G_DATE_OCTOBER, 2024);
      g->uniform_guidance = g_strdup (g_date_compare (&g->pop_start, &revised) >= 0
                                      ? "2024" : "2014");
    }
  if (g->reporting_frequency == NULL)
    g->reporting_frequency = g_strdup ("quarterly");
  if (g->indirect_rate_type == NULL)
    g->indirect_rate_type = g_strdup (g->indirect_rate_bp > 0 ? "provisional" : "none");
}

static gboolean
validate_source (AllotStore  *self,
                 AllotSource *source,
                 GError     **error)
{
  if (!allot_require_text (_("Source code"), source->code, 32, error) ||
      !allot_require_text (_("Source name"), source->name, 200, error))
    return FALSE;

  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      {
        AllotGrantFields *g = &source->u.grant;

        fill_grant_defaults (g);
        if (!allot_require_text (_("Award number"), g->award_number, 64, error))
          return FALSE;
        if (!is_assistance_listing (g->assistance_listing))
          {
            g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                         _("Assistance Listing “%s” is not of the form 16.738."),
                         g->assistance_listing != NULL ? g->assistance_listing : "");
            return FALSE;
          }
        if (!allot_require_amount (_("Award amount"), g->award_amount, 0, error) ||
            !allot_require_amount (_("Required match"), g->match_required, 0, error) ||
            !allot_require_date (_("Period of performance start"), &g->pop_start, error) ||
            !allot_require_date (_("Period of performance end"), &g->pop_end, error) ||
            !allot_require_order (_("Period of performance start"), &g->pop_start,
                                  _("Period of performance end"), &g->pop_end, error) ||
            !require_choice (_("Reporting frequency"), g->reporting_frequency, frequencies,
                             error) ||
            !require_choice (_("Uniform Guidance version"), g->uniform_guidance,
                             guidance_versions, error) ||
            !require_choice (_("Indirect rate type"), g->indirect_rate_type, rate_types, error))
          return FALSE;
        if (g->indirect_rate_bp > 10000)
          {
            g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                         _("Indirect cost rate %u.%02u%% is above 100%%."),
                         g->indirect_rate_bp / 100, g->indirect_rate_bp % 100);
            return FALSE;
          }
        break;
      }
    case ALLOT_SOURCE_APPROPRIATION:
      {
        AllotAppropriationFields *p = &source->u.appropriation;

        if (!allot_require_text (_("Fund code"), p->fund_code, 32, error) ||
            !allot_require_text (_("Program code"), p->program_code, 32, error) ||
            !allot_require_fiscal_year (p->fiscal_year, error) ||
            !allot_require_amount (_("Appropriated amount"), p->amount, 0, error) ||
            !allot_require_date (_("Lapse date"), &p->lapse_date, error))
          return FALSE;
        break;
      }
    case ALLOT_SOURCE_AGREEMENT:
      {
        AllotAgreementFields *a = &source->u.agreement;
        g_autoptr(AllotAgency) partner = NULL;

        if (!allot_require_text (_("Agreement number"), a->agreement_number, 64, error) ||
            !allot_require_date (_("Term start"), &a->term_start, error) ||
            !allot_require_date (_("Term end"), &a->term_end, error) ||
            !allot_require_order (_("Term start"), &a->term_start, _("Term end"), &a->term_end,
                                  error))
          return FALSE;
        if (a->partner_agency_id == 0)
          {
            g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                         _("Partner agency is required."));
            return FALSE;
          }
        partner = allot_store_lookup_agency (self, a->partner_agency_id, error);
        if (partner == NULL)
          return FALSE;
        break;
      }
    case ALLOT_SOURCE_FORFEITURE:
      if ((guint) source->u.forfeiture.program > ALLOT_FORFEITURE_STATE)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("Forfeiture program must be DOJ, Treasury or state."));
          return FALSE;
        }
      break;
    default:
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("Unknown kind of source."));
      return FALSE;
    }

  if (source->agency_id != 0)
    {
      g_autoptr(AllotAgency) agency = allot_store_lookup_agency (self, source->agency_id, error);
      if (agency == NULL)
        return FALSE;
    }
  return TRUE;
}

/* ---- writing ---- */

static gboolean
write_kind_fields (AllotStore        *self,
                   const AllotSource *source,
                   gboolean           insert,
                   GError           **error)
{
  AllotStmt *stmt = NULL;
  const char *what = _("Source");
  const char *key = source->code;

  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      {
        const AllotGrantFields *g = &source->u.grant;

        stmt = insert
          ? allot_store_statement (self,
              "INSERT INTO grants (source_id, award_number, assistance_listing, award_amount,"
              " pop_start, pop_end, match_required, indirect_rate_type, indirect_rate_bp,"
              " indirect_base, uniform_guidance, reporting_frequency)"
              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error)
          : allot_store_statement (self,
              "UPDATE grants SET award_number = ?2, assistance_listing = ?3,"
              " award_amount = ?4, pop_start = ?5, pop_end = ?6, match_required = ?7,"
              " indirect_rate_type = ?8, indirect_rate_bp = ?9, indirect_base = ?10,"
              " uniform_guidance = ?11, reporting_frequency = ?12 WHERE source_id = ?1", error);
        if (stmt == NULL)
          return FALSE;
        allot_stmt_bind_text (stmt, 2, g->award_number, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_text (stmt, 3, g->assistance_listing, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_int64 (stmt, 4, g->award_amount);
        allot_db_bind_date (stmt, 5, &g->pop_start);
        allot_db_bind_date (stmt, 6, &g->pop_end);
        allot_stmt_bind_int64 (stmt, 7, g->match_required);
        allot_stmt_bind_text (stmt, 8, g->indirect_rate_type, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_int (stmt, 9, (int) g->indirect_rate_bp);
        allot_db_bind_text_or_null (stmt, 10, g->indirect_base);
        allot_stmt_bind_text (stmt, 11, g->uniform_guidance, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_text (stmt, 12, g->reporting_frequency, -1, ALLOT_BIND_COPY);
        what = _("Award number");
        key = g->award_number;
        break;
      }
    case ALLOT_SOURCE_APPROPRIATION:
      {
        const AllotAppropriationFields *p = &source->u.appropriation;

        stmt = insert
          ? allot_store_statement (self,
              "INSERT INTO appropriations (source_id, fund_code, program_code, fiscal_year,"
              " amount, lapse_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)
          : allot_store_statement (self,
              "UPDATE appropriations SET fund_code = ?2, program_code = ?3, fiscal_year = ?4,"
              " amount = ?5, lapse_date = ?6 WHERE source_id = ?1", error);
        if (stmt == NULL)
          return FALSE;
        allot_stmt_bind_text (stmt, 2, p->fund_code, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_text (stmt, 3, p->program_code, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_int (stmt, 4, p->fiscal_year);
        allot_stmt_bind_int64 (stmt, 5, p->amount);
        allot_db_bind_date (stmt, 6, &p->lapse_date);
        break;
      }
    case ALLOT_SOURCE_AGREEMENT:
      {
        const AllotAgreementFields *a = &source->u.agreement;

        stmt = insert
          ? allot_store_statement (self,
              "INSERT INTO agreements (source_id, agreement_number, partner_agency_id,"
              " term_start, term_end, reimbursement_terms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
              error)
          : allot_store_statement (self,
              "UPDATE agreements SET agreement_number = ?2, partner_agency_id = ?3,"
              " term_start = ?4, term_end = ?5, reimbursement_terms = ?6 WHERE source_id = ?1",
              error);
        if (stmt == NULL)
          return FALSE;
        allot_stmt_bind_text (stmt, 2, a->agreement_number, -1, ALLOT_BIND_COPY);
        allot_stmt_bind_int64 (stmt, 3, a->partner_agency_id);
        allot_db_bind_date (stmt, 4, &a->term_start);
        allot_db_bind_date (stmt, 5, &a->term_end);
        allot_db_bind_text_or_null (stmt, 6, a->reimbursement_terms);
        what = _("Agreement number");
        key = a->agreement_number;
        break;
      }
    case ALLOT_SOURCE_FORFEITURE:
      stmt = insert
        ? allot_store_statement (self,
            "INSERT INTO forfeiture_funds (source_id, program) VALUES (?1, ?2)", error)
        : allot_store_statement (self,
            "UPDATE forfeiture_funds SET program = ?2 WHERE source_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_text (stmt, 2, allot_forfeiture_program_to_string (source->u.forfeiture.program),
                         -1, ALLOT_BIND_STATIC);
      break;
    default:
      g_assert_not_reached ();
    }

  allot_stmt_bind_int64 (stmt, 1, source->id);
  if (allot_stmt_step (stmt) != ALLOT_DB_DONE)
    {
      allot_store_set_write_error (self, error, what, key);
      return FALSE;
    }
  return TRUE;
}

static void
bind_source (AllotStmt      *stmt,
             const AllotSource *source)
{
  allot_stmt_bind_text (stmt, 2, source->code, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_text (stmt, 3, source->name, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_text (stmt, 4, allot_source_kind_to_string (source->kind), -1, ALLOT_BIND_STATIC);
  allot_db_bind_id_or_null (stmt, 5, source->agency_id);
  allot_stmt_bind_int (stmt, 6, source->closed ? 1 : 0);
  allot_stmt_bind_int (stmt, 7, source->immigration ? 1 : 0);
  allot_db_bind_text_or_null (stmt, 8, source->notes);
}

gboolean
allot_store_add_source (AllotStore  *self,
                        AllotSource *source,
                        GError     **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!validate_source (self, source, error) || !allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO sources (code, name, kind, agency_id, closed, immigration, notes)"
      " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_source (stmt, source);
      ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
      if (!ok)
        allot_store_set_write_error (self, error, _("Source"), source->code);
    }
  if (ok)
    {
      source->id = allot_db_last_insert_id (self->db);
      ok = write_kind_fields (self, source, TRUE, error);
    }
  if (!allot_store_end_write (self, ok, error))
    {
      source->id = 0;
      return FALSE;
    }
  source->version = 1;
  return TRUE;
}

gboolean
allot_store_update_source (AllotStore  *self,
                           AllotSource *source,
                           GError     **error)
{
  g_autoptr(AllotSource) stored = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL && source->id > 0, FALSE);

  stored = allot_store_lookup_source (self, source->id, error);
  if (stored == NULL || !validate_source (self, source, error))
    return FALSE;
  if (stored->kind != source->kind)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The kind of source %s cannot change."), stored->code);
      return FALSE;
    }
  if (source->kind == ALLOT_SOURCE_GRANT &&
      stored->u.grant.award_amount != source->u.grant.award_amount)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The award amount of %s is changed by recording an amendment, so that "
                     "its history is kept."), stored->code);
      return FALSE;
    }
  if (source->kind == ALLOT_SOURCE_FORFEITURE &&
      stored->u.forfeiture.program != source->u.forfeiture.program)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The program of forfeiture fund %s cannot change: DOJ, Treasury and "
                     "state money are never commingled. Create a new fund."), stored->code);
      return FALSE;
    }

  if (!allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_version (self, "SELECT version FROM sources WHERE id = ?1", source->id,
                                  source->version, _("Source"), error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE sources SET code = ?2, name = ?3, kind = ?4, agency_id = ?5, closed = ?6,"
          " immigration = ?7, notes = ?8, version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, source->id);
          bind_source (stmt, source);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            allot_store_set_write_error (self, error, _("Source"), source->code);
        }
    }
  ok = ok && write_kind_fields (self, source, FALSE, error) &&
       allot_store_check_authority (self, source->id, source->code, error) &&
       check_allocation_years (self, source, error);
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  source->version++;
  return TRUE;
}

/* ---- reading ---- */

#define SOURCE_QUERY \
  "SELECT s.id, s.code, s.name, s.kind, s.agency_id, s.closed, s.immigration, s.notes," \
  " s.version," \
  " g.award_number, g.assistance_listing, g.award_amount, g.pop_start, g.pop_end," \
  " g.match_required, g.indirect_rate_type, g.indirect_rate_bp, g.indirect_base," \
  " g.uniform_guidance, g.reporting_frequency," \
  " p.fund_code, p.program_code, p.fiscal_year, p.amount, p.lapse_date," \
  " a.agreement_number, a.partner_agency_id, a.term_start, a.term_end, a.reimbursement_terms," \
  " f.program" \
  " FROM sources s" \
  " LEFT JOIN grants g ON g.source_id = s.id" \
  " LEFT JOIN appropriations p ON p.source_id = s.id" \
  " LEFT JOIN agreements a ON a.source_id = s.id" \
  " LEFT JOIN forfeiture_funds f ON f.source_id = s.id"

static AllotSource *
read_source (AllotStmt *stmt)
{
  AllotSourceKind kind = ALLOT_SOURCE_GRANT;
  AllotSource *source;

  allot_source_kind_from_string ((const char *) allot_stmt_column_text (stmt, 3), &kind);
  source = allot_source_new (kind);
  source->id = allot_stmt_column_int64 (stmt, 0);
  source->code = allot_db_column_dup (stmt, 1);
  source->name = allot_db_column_dup (stmt, 2);
  source->agency_id = allot_stmt_column_int64 (stmt, 4);
  source->closed = allot_stmt_column_int (stmt, 5) != 0;
  source->immigration = allot_stmt_column_int (stmt, 6) != 0;
  source->notes = allot_db_column_dup (stmt, 7);
  source->version = allot_stmt_column_int64 (stmt, 8);

  switch (kind)
    {
    case ALLOT_SOURCE_GRANT:
      source->u.grant.award_number = allot_db_column_dup (stmt, 9);
      source->u.grant.assistance_listing = allot_db_column_dup (stmt, 10);
      source->u.grant.award_amount = allot_stmt_column_int64 (stmt, 11);
      allot_db_column_date (stmt, 12, &source->u.grant.pop_start);
      allot_db_column_date (stmt, 13, &source->u.grant.pop_end);
      source->u.grant.match_required = allot_stmt_column_int64 (stmt, 14);
      source->u.grant.indirect_rate_type = allot_db_column_dup (stmt, 15);
      source->u.grant.indirect_rate_bp = (guint) allot_stmt_column_int (stmt, 16);
      source->u.grant.indirect_base = allot_db_column_dup (stmt, 17);
      source->u.grant.uniform_guidance = allot_db_column_dup (stmt, 18);
      source->u.grant.reporting_frequency = allot_db_column_dup (stmt, 19);
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      source->u.appropriation.fund_code = allot_db_column_dup (stmt, 20);
      source->u.appropriation.program_code = allot_db_column_dup (stmt, 21);
      source->u.appropriation.fiscal_year = allot_stmt_column_int (stmt, 22);
      source->u.appropriation.amount = allot_stmt_column_int64 (stmt, 23);
      allot_db_column_date (stmt, 24, &source->u.appropriation.lapse_date);
      break;
    case ALLOT_SOURCE_AGREEMENT:
      source->u.agreement.agreement_number = allot_db_column_dup (stmt, 25);
      source->u.agreement.partner_agency_id = allot_stmt_column_int64 (stmt, 26);
      allot_db_column_date (stmt, 27, &source->u.agreement.term_start);
      allot_db_column_date (stmt, 28, &source->u.agreement.term_end);
      source->u.agreement.reimbursement_terms = allot_db_column_dup (stmt, 29);
      break;
    case ALLOT_SOURCE_FORFEITURE:
      allot_forfeiture_program_from_string ((const char *) allot_stmt_column_text (stmt, 30),
                                            &source->u.forfeiture.program);
      break;
    default:
      break;
    }
  return source;
}

AllotSource *
allot_store_lookup_source (AllotStore *self,
                           gint64      id,
                           GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self, SOURCE_QUERY " WHERE s.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_source, _("funding source"), key,
                               error);
}

AllotSource *
allot_store_lookup_source_by_code (AllotStore *self,
                                   const char *code,
                                   GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  stmt = allot_store_statement (self, SOURCE_QUERY " WHERE s.code = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, code, -1, ALLOT_BIND_COPY);
  return allot_store_read_one (self, stmt, (gpointer) read_source, _("funding source"), code,
                               error);
}

GPtrArray *
allot_store_list_sources (AllotStore *self,
                          GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      SOURCE_QUERY " ORDER BY CASE s.kind WHEN 'grant' THEN 0 WHEN 'appropriation' THEN 1"
      " WHEN 'agreement' THEN 2 ELSE 3 END, s.code", error);
  if (stmt == NULL)
    return NULL;
  return allot_store_read_all (self, stmt, (gpointer) read_source,
                               (GDestroyNotify) allot_source_free, error);
}

/* ---- amendments, receipts, contributions, drawdowns ---- */

/* The source @id must exist and be of @kind; its code is returned. */
static char *
require_source_kind (AllotStore     *self,
                     gint64          id,
                     AllotSourceKind kind,
                     const char     *what,
                     GError        **error)
{
  g_autoptr(AllotSource) source = allot_store_lookup_source (self, id, error);

  if (source == NULL)
    return NULL;
  if (source->kind != kind)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("%s can only be recorded against a %s; %s is a %s."), what,
                   allot_source_kind_label (kind), source->code,
                   allot_source_kind_label (source->kind));
      return NULL;
    }
  return g_steal_pointer (&source->code);
}

gboolean
allot_store_add_amendment (AllotStore     *self,
                           AllotAmendment *amendment,
                           GError        **error)
{
  g_autofree char *code = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (amendment != NULL, FALSE);

  code = require_source_kind (self, amendment->source_id, ALLOT_SOURCE_GRANT, _("An amendment"),
                              error);
  if (code == NULL ||
      !allot_require_date (_("Effective date"), &amendment->effective_date, error) ||
      !allot_require_text (_("Description"), amendment->description, 500, error))
    return FALSE;
  if (amendment->amount == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("An amendment must change the award by some amount."));
      return FALSE;
    }
  if (!allot_require_amount (_("Amendment amount"), amendment->amount, -ALLOT_MONEY_MAX, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  if (!allot_store_check_period_open (self, &amendment->effective_date, error))
    return allot_store_end_write (self, FALSE, error);

  stmt = allot_store_statement (self,
      "INSERT INTO amendments (source_id, effective_date, amount, description, entered_by,"
      " entered_at) VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, amendment->source_id);
      allot_db_bind_date (stmt, 2, &amendment->effective_date);
      allot_stmt_bind_int64 (stmt, 3, amendment->amount);
      allot_stmt_bind_text (stmt, 4, amendment->description, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 5, self->user, -1, ALLOT_BIND_COPY);
      ok = allot_db_step_done (self->db, stmt, error);
    }
  if (ok)
    {
      amendment->id = allot_db_last_insert_id (self->db);
    }
  /* Authorized must stay >= 0 too: a cut larger than the award is a typo.
   * Checked first: allocations (never negative) would always exceed a
   * negative award, and that message would hide this one. */
  if (ok)
    {
      gint64 authorized = 0;
      ok = allot_store_source_authorized (self, amendment->source_id, &authorized, error);
      if (ok && authorized < 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("This amendment would make the award of %s negative."), code);
          ok = FALSE;
        }
    }
  ok = ok && allot_store_check_authority (self, amendment->source_id, code, error);
  if (!allot_store_end_write (self, ok, error))
    {
      amendment->id = 0;
      return FALSE;
    }
  g_free (amendment->entered_by);
  amendment->entered_by = g_strdup (self->user);
  return TRUE;
}

static AllotAmendment *
read_amendment (AllotStmt *stmt)
{
  AllotAmendment *amendment = allot_amendment_new ();

  amendment->id = allot_stmt_column_int64 (stmt, 0);
  amendment->source_id = allot_stmt_column_int64 (stmt, 1);
  allot_db_column_date (stmt, 2, &amendment->effective_date);
  amendment->amount = allot_stmt_column_int64 (stmt, 3);
  amendment->description = allot_db_column_dup (stmt, 4);
  amendment->entered_by = allot_db_column_dup (stmt, 5);
  return amendment;
}

GPtrArray *
allot_store_list_amendments (AllotStore *self,
                             gint64      source_id,
                             GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, effective_date, amount, description, entered_by FROM amendments"
      " WHERE source_id = ?1 ORDER BY effective_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_amendment,
                               (GDestroyNotify) allot_amendment_free, error);
}

gboolean
allot_store_add_receipt (AllotStore   *self,
                         AllotReceipt *receipt,
                         GError      **error)
{
  g_autofree char *code = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (receipt != NULL, FALSE);

  code = require_source_kind (self, receipt->source_id, ALLOT_SOURCE_FORFEITURE, _("A receipt"),
                              error);
  if (code == NULL ||
      !allot_require_date (_("Date received"), &receipt->received_date, error) ||
      !allot_require_amount (_("Receipt amount"), receipt->amount, 1, error))
    return FALSE;
  if (receipt->kind != ALLOT_RECEIPT_INTEREST &&
      !allot_require_text (_("Case number"), receipt->case_number, 64, error))
    return FALSE;
  if (!allot_store_begin_write (self, error))
    return FALSE;
  if (!allot_store_check_period_open (self, &receipt->received_date, error))
    return allot_store_end_write (self, FALSE, error);

  stmt = allot_store_statement (self,
      "INSERT INTO receipts (source_id, kind, received_date, amount, case_number, description,"
      " entered_by, entered_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, receipt->source_id);
      allot_stmt_bind_text (stmt, 2, allot_receipt_kind_to_string (receipt->kind), -1, ALLOT_BIND_STATIC);
      allot_db_bind_date (stmt, 3, &receipt->received_date);
      allot_stmt_bind_int64 (stmt, 4, receipt->amount);
      allot_db_bind_text_or_null (stmt, 5, receipt->case_number);
      allot_stmt_bind_text (stmt, 6, receipt->description != NULL ? receipt->description : "", -1,
                         ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 7, self->user, -1, ALLOT_BIND_COPY);
      ok = allot_db_step_done (self->db, stmt, error);
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  receipt->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotReceipt *
read_receipt (AllotStmt *stmt)
{
  AllotReceipt *receipt = allot_receipt_new ();

  receipt->id = allot_stmt_column_int64 (stmt, 0);
  receipt->source_id = allot_stmt_column_int64 (stmt, 1);
  allot_receipt_kind_from_string ((const char *) allot_stmt_column_text (stmt, 2), &receipt->kind);
  allot_db_column_date (stmt, 3, &receipt->received_date);
  receipt->amount = allot_stmt_column_int64 (stmt, 4);
  receipt->case_number = allot_db_column_dup (stmt, 5);
  receipt->description = allot_db_column_dup (stmt, 6);
  receipt->voided = allot_stmt_column_int (stmt, 7) != 0;
  return receipt;
}

GPtrArray *
allot_store_list_receipts (AllotStore *self,
                           gint64      source_id,
                           GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, kind, received_date, amount, case_number, description, voided"
      " FROM receipts WHERE source_id = ?1 ORDER BY received_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_receipt,
                               (GDestroyNotify) allot_receipt_free, error);
}

gboolean
allot_store_add_contribution (AllotStore        *self,
                              AllotContribution *contribution,
                              GError           **error)
{
  g_autofree char *code = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (contribution != NULL, FALSE);

  code = require_source_kind (self, contribution->source_id, ALLOT_SOURCE_AGREEMENT,
                              _("A contribution"), error);
  if (code == NULL ||
      !allot_require_text (_("Description"), contribution->description, 500, error) ||
      !allot_require_amount (_("Valuation"), contribution->valuation, 1, error))
    return FALSE;
  if (contribution->task_force_id != 0)
    {
      g_autoptr(AllotTaskForce) tf = allot_store_lookup_task_force (self,
                                                                    contribution->task_force_id,
                                                                    error);
      if (tf == NULL)
        return FALSE;
    }
  if (!allot_store_begin_write (self, error))
    return FALSE;

  stmt = allot_store_statement (self,
      "INSERT INTO contributions (source_id, side, form, description, valuation, task_force_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, contribution->source_id);
      allot_stmt_bind_text (stmt, 2, allot_contribution_side_to_string (contribution->side), -1,
                         ALLOT_BIND_STATIC);
      allot_stmt_bind_text (stmt, 3, allot_contribution_form_to_string (contribution->form), -1,
                         ALLOT_BIND_STATIC);
      allot_stmt_bind_text (stmt, 4, contribution->description, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_int64 (stmt, 5, contribution->valuation);
      allot_db_bind_id_or_null (stmt, 6, contribution->task_force_id);
      ok = allot_db_step_done (self->db, stmt, error);
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  contribution->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotContribution *
read_contribution (AllotStmt *stmt)
{
  AllotContribution *contribution = allot_contribution_new ();

  contribution->id = allot_stmt_column_int64 (stmt, 0);
  contribution->source_id = allot_stmt_column_int64 (stmt, 1);
  allot_contribution_side_from_string ((const char *) allot_stmt_column_text (stmt, 2),
                                       &contribution->side);
  allot_contribution_form_from_string ((const char *) allot_stmt_column_text (stmt, 3),
                                       &contribution->form);
  contribution->description = allot_db_column_dup (stmt, 4);
  contribution->valuation = allot_stmt_column_int64 (stmt, 5);
  contribution->task_force_id = allot_stmt_column_int64 (stmt, 6);
  contribution->voided = allot_stmt_column_int (stmt, 7) != 0;
  return contribution;
}

GPtrArray *
allot_store_list_contributions (AllotStore *self,
                                gint64      source_id,
                                GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, side, form, description, valuation, task_force_id, voided"
      " FROM contributions WHERE source_id = ?1 ORDER BY side DESC, form, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_contribution,
                               (GDestroyNotify) allot_contribution_free, error);
}

gboolean
allot_store_void_contribution (AllotStore *self,
                               gint64      contribution_id,
                               const char *reason,
                               GError    **error)
{
  AllotStmt *stmt;
  g_autofree char *code = NULL;
  gint64 source_id = 0;
  gboolean voided = FALSE, ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);

  if (!allot_require_text (_("Reason for voiding"), reason, 500, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "SELECT c.voided, s.id, s.code FROM contributions c JOIN sources s ON s.id = c.source_id"
      " WHERE c.id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, contribution_id);
      if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
        {
          voided = allot_stmt_column_int (stmt, 0) != 0;
          source_id = allot_stmt_column_int64 (stmt, 1);
          code = allot_db_column_dup (stmt, 2);
        }
      allot_stmt_reset (stmt);
      if (code == NULL)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                       _("Contribution %" PRId64 " does not exist."), contribution_id);
          ok = FALSE;
        }
      else if (voided)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Contribution %" PRId64 " is already voided."), contribution_id);
          ok = FALSE;
        }
    }
  /* Contributions carry no date, so no month can lock them. */
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE contributions SET voided = 1, voided_by = ?2,"
          " voided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), void_reason = ?3 WHERE id = ?1",
          error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, contribution_id);
          allot_stmt_bind_text (stmt, 2, self->user, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 3, reason, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  /* A partner's cash is what an agreement authorizes: its allocations must
   * still fit without it. */
  ok = ok && allot_store_check_authority (self, source_id, code, error);
  return allot_store_end_write (self, ok, error);
}

gboolean
allot_store_add_drawdown (AllotStore    *self,
                          AllotDrawdown *drawdown,
                          GError       **error)
{
  g_autofree char *code = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (drawdown != NULL, FALSE);

  code = require_source_kind (self, drawdown->source_id, ALLOT_SOURCE_GRANT, _("A drawdown"),
                              error);
  if (code == NULL ||
      !allot_require_date (_("Date received"), &drawdown->received_date, error) ||
      !allot_require_text (_("Reference"), drawdown->reference, 64, error))
    return FALSE;
  if (drawdown->amount == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("A drawdown must have an amount (negative for cash returned)."));
      return FALSE;
    }
  if (!allot_require_amount (_("Drawdown amount"), drawdown->amount, -ALLOT_MONEY_MAX, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  if (!allot_store_check_period_open (self, &drawdown->received_date, error))
    return allot_store_end_write (self, FALSE, error);

  stmt = allot_store_statement (self,
      "INSERT INTO drawdowns (source_id, received_date, amount, reference, entered_by,"
      " entered_at) VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, drawdown->source_id);
      allot_db_bind_date (stmt, 2, &drawdown->received_date);
      allot_stmt_bind_int64 (stmt, 3, drawdown->amount);
      allot_stmt_bind_text (stmt, 4, drawdown->reference, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 5, self->user, -1, ALLOT_BIND_COPY);
      ok = allot_db_step_done (self->db, stmt, error);
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  drawdown->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotDrawdown *
read_drawdown (AllotStmt *stmt)
{
  AllotDrawdown *drawdown = allot_drawdown_new ();

  drawdown->id = allot_stmt_column_int64 (stmt, 0);
  drawdown->source_id = allot_stmt_column_int64 (stmt, 1);
  allot_db_column_date (stmt, 2, &drawdown->received_date);
  drawdown->amount = allot_stmt_column_int64 (stmt, 3);
  drawdown->reference = allot_db_column_dup (stmt, 4);
  drawdown->voided = allot_stmt_column_int (stmt, 5) != 0;
  return drawdown;
}

GPtrArray *
allot_store_list_drawdowns (AllotStore *self,
                            gint64      source_id,
                            GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, received_date, amount, reference, voided FROM drawdowns"
      " WHERE source_id = ?1 ORDER BY received_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_drawdown,
                               (GDestroyNotify) allot_drawdown_free, error);
}

/* ---- match (recipient share) ---- */

gboolean
allot_store_add_match_entry (AllotStore      *self,
                             AllotMatchEntry *match,
                             GError         **error)
{
  g_autofree char *code = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  code = require_source_kind (self, match->source_id, ALLOT_SOURCE_GRANT, _("A match entry"),
                              error);
  if (code == NULL ||
      !allot_require_date (_("Date"), &match->entry_date, error) ||
      !allot_require_amount (_("Match amount"), match->amount, 1, error) ||
      !allot_require_text (_("Description"), match->description, 500, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_period_open (self, &match->entry_date, error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO match_entries (source_id, entry_date, form, amount, description,"
          " entered_by, entered_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, match->source_id);
          allot_db_bind_date (stmt, 2, &match->entry_date);
          allot_stmt_bind_text (stmt, 3, allot_contribution_form_to_string (match->form), -1,
                             ALLOT_BIND_STATIC);
          allot_stmt_bind_int64 (stmt, 4, match->amount);
          allot_stmt_bind_text (stmt, 5, match->description, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 6, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  match->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotMatchEntry *
read_match (AllotStmt *stmt)
{
  AllotMatchEntry *match = allot_match_entry_new ();

  match->id = allot_stmt_column_int64 (stmt, 0);
  match->source_id = allot_stmt_column_int64 (stmt, 1);
  allot_db_column_date (stmt, 2, &match->entry_date);
  allot_contribution_form_from_string ((const char *) allot_stmt_column_text (stmt, 3),
                                       &match->form);
  match->amount = allot_stmt_column_int64 (stmt, 4);
  match->description = allot_db_column_dup (stmt, 5);
  match->voided = allot_stmt_column_int (stmt, 6) != 0;
  return match;
}

GPtrArray *
allot_store_list_match_entries (AllotStore *self,
                                gint64      source_id,
                                GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, source_id, entry_date, form, amount, description, voided FROM match_entries"
      " WHERE source_id = ?1 ORDER BY entry_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  return allot_store_read_all (self, stmt, (gpointer) read_match,
                               (GDestroyNotify) allot_match_entry_free, error);
}
