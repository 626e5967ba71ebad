/* allot-export-sources.c: the Funding Sources sheet.
 *
 * Every source in play during the selected fiscal year (every source for
 * all years), with the fields of its kind; columns that do not apply to a
 * kind stay empty, so that one autofilter serves all four.  Authorized,
 * allocated, expended and available are the lifetime figures "allot-cli
 * balances" prints per source.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-error.h"
#include "allot-export-private.h"

enum {
  COL_CODE,
  COL_NAME,
  COL_KIND,
  COL_AGENCY,
  COL_AUTHORIZED,
  COL_ALLOCATED,
  COL_UNALLOCATED,
  COL_EXPENDED,
  COL_AVAILABLE,
  COL_CLOSED,
  COL_IMMIGRATION,
  COL_NUMBER,
  COL_LISTING,
  COL_AWARD,
  COL_AMENDMENTS,
  COL_START,
  COL_END,
  COL_MATCH,
  COL_RATE_TYPE,
  COL_RATE,
  COL_RATE_BASE,
  COL_GUIDANCE,
  COL_REPORTING,
  COL_FUND,
  COL_PROGRAM,
  COL_APPROPRIATION_FY,
  COL_LAPSE,
  COL_PARTNER,
  COL_REIMBURSEMENT,
  COL_FORFEITURE,
  COL_NOTES,
  N_COLUMNS
};

static const ExportColumn columns[N_COLUMNS] = {
  { N_("Code"), EXPORT_TEXT, 10, 22 },
  { N_("Name"), EXPORT_TEXT, 20, 50 },
  { N_("Kind of source"), EXPORT_TEXT, 12, 26 },
  { N_("Agency"), EXPORT_TEXT, 8, 14 },
  { N_("Authorized"), EXPORT_MONEY, 12, 18 },
  { N_("Allocated"), EXPORT_MONEY, 12, 18 },
  { N_("Unallocated"), EXPORT_MONEY, 12, 18 },
  { N_("Expended"), EXPORT_MONEY, 12, 18 },
  { N_("Available"), EXPORT_MONEY, 12, 18 },
  { N_("Closed"), EXPORT_TEXT, 6, 8 },
  { N_("Immigration enforcement (legal review)"), EXPORT_TEXT, 9, 12 },
  { N_("Award or agreement number"), EXPORT_TEXT, 12, 26 },
  { N_("Assistance Listing"), EXPORT_TEXT, 9, 10 },
  { N_("Award amount"), EXPORT_MONEY, 12, 18 },
  { N_("Amendments"), EXPORT_MONEY, 11, 18 },
  { N_("Start"), EXPORT_DATE, 11, 12 },
  { N_("End"), EXPORT_DATE, 11, 12 },
  { N_("Match required"), EXPORT_MONEY, 11, 18 },
  { N_("Indirect rate type"), EXPORT_TEXT, 9, 14 },
  { N_("Indirect rate"), EXPORT_PERCENT, 8, 9 },
  { N_("Indirect base"), EXPORT_TEXT, 8, 14 },
  { N_("Uniform Guidance"), EXPORT_TEXT, 8, 10 },
  { N_("Reporting"), EXPORT_TEXT, 9, 12 },
  { N_("Fund code"), EXPORT_TEXT, 6, 12 },
  { N_("Program code"), EXPORT_TEXT, 8, 16 },
  { N_("Appropriation fiscal year"), EXPORT_INT, 8, 9 },
  { N_("Lapse date"), EXPORT_DATE, 11, 12 },
  { N_("Partner agency"), EXPORT_TEXT, 8, 14 },
  { N_("Reimbursement terms"), EXPORT_TEXT, 14, 50 },
  { N_("Forfeiture program"), EXPORT_TEXT, 9, 12 },
  { N_("Notes"), EXPORT_TEXT, 14, 60 },
};

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static const char *
agency_code (AllotExport *ex,
             gint64       id)
{
  AllotAgency *agency = id != 0 ? export_lookup (ex->agency_by_id, id) : NULL;

  return agency != NULL ? agency->code : NULL;
}

static const char *
program_label (AllotForfeitureProgram program)
{
  switch (program)
    {
    case ALLOT_FORFEITURE_DOJ: return _("DOJ");
    case ALLOT_FORFEITURE_TREASURY: return _("Treasury");
    case ALLOT_FORFEITURE_STATE: return _("State");
    default: return allot_forfeiture_program_to_string (program);
    }
}

static gboolean
amendments_total (AllotExport *ex,
                  gint64       source_id,
                  gint64      *out,
                  GError     **error)
{
  g_autoptr(GPtrArray) amendments = allot_store_list_amendments (ex->store, source_id, error);

  if (amendments == NULL)
    return export_fail (ex, error);
  *out = 0;
  for (guint i = 0; i < amendments->len; i++)
    *out += ((AllotAmendment *) amendments->pdata[i])->amount;
  return TRUE;
}

typedef struct {
  gint64 authorized, allocated, expended, available, award, amendments, match;
} Totals;

static gboolean
write_source (AllotExport           *ex,
              ExportSheet           *sheet,
              const AllotSource     *s,
              const AllotBalanceRow *balance,
              Totals                *totals,
              GError               **error)
{
  AllotBalance b = { 0 };
  g_autofree char *authorized = NULL, *allocated = NULL, *unallocated = NULL;

  if (balance != NULL)
    b = balance->balance;
  export_text (sheet, COL_CODE, s->code, EXPORT_PLAIN);
  export_text (sheet, COL_NAME, s->name, EXPORT_PLAIN);
  export_text (sheet, COL_KIND, allot_source_kind_label (s->kind), EXPORT_PLAIN);
  export_text (sheet, COL_AGENCY, agency_code (ex, s->agency_id), EXPORT_PLAIN);
  export_money (sheet, COL_AUTHORIZED, b.authorized, EXPORT_PLAIN);
  export_money (sheet, COL_ALLOCATED, b.allocated, EXPORT_PLAIN);
  authorized = export_cell (sheet->row, COL_AUTHORIZED);
  allocated = export_cell (sheet->row, COL_ALLOCATED);
  unallocated = g_strdup_printf ("=%s-%s", authorized, allocated);
  export_formula_money (sheet, COL_UNALLOCATED, unallocated, b.authorized - b.allocated,
                        EXPORT_PLAIN);
  export_money (sheet, COL_EXPENDED, b.expended, EXPORT_PLAIN);
  export_money (sheet, COL_AVAILABLE, b.available, EXPORT_PLAIN);
  export_text (sheet, COL_CLOSED, yes_no (s->closed), EXPORT_PLAIN);
  export_text (sheet, COL_IMMIGRATION, yes_no (s->immigration), EXPORT_PLAIN);
  totals->authorized += b.authorized;
  totals->allocated += b.allocated;
  totals->expended += b.expended;
  totals->available += b.available;

  switch (s->kind)
    {
    case ALLOT_SOURCE_GRANT:
      {
        const AllotGrantFields *g = &s->u.grant;
        gint64 amendments = 0;

        if (!amendments_total (ex, s->id, &amendments, error))
          return FALSE;
        export_text (sheet, COL_NUMBER, g->award_number, EXPORT_PLAIN);
        export_text (sheet, COL_LISTING, g->assistance_listing, EXPORT_PLAIN);
        export_money (sheet, COL_AWARD, g->award_amount, EXPORT_PLAIN);
        export_money (sheet, COL_AMENDMENTS, amendments, EXPORT_PLAIN);
        export_date (sheet, COL_START, &g->pop_start);
        export_date (sheet, COL_END, &g->pop_end);
        export_money (sheet, COL_MATCH, g->match_required, EXPORT_PLAIN);
        export_text (sheet, COL_RATE_TYPE, g->indirect_rate_type, EXPORT_PLAIN);
        export_percent (sheet, COL_RATE, g->indirect_rate_bp / 10000.0, EXPORT_PLAIN);
        export_text (sheet, COL_RATE_BASE, g->indirect_base, EXPORT_PLAIN);
        export_text (sheet, COL_GUIDANCE, g->uniform_guidance, EXPORT_PLAIN);
        export_text (sheet, COL_REPORTING, g->reporting_frequency, EXPORT_PLAIN);
        totals->award += g->award_amount;
        totals->amendments += amendments;
        totals->match += g->match_required;
        break;
      }
    case ALLOT_SOURCE_APPROPRIATION:
      {
        const AllotAppropriationFields *a = &s->u.appropriation;

        export_text (sheet, COL_FUND, a->fund_code, EXPORT_PLAIN);
        export_text (sheet, COL_PROGRAM, a->program_code, EXPORT_PLAIN);
        export_int (sheet, COL_APPROPRIATION_FY, a->fiscal_year, EXPORT_PLAIN);
        export_date (sheet, COL_LAPSE, &a->lapse_date);
        break;
      }
    case ALLOT_SOURCE_AGREEMENT:
      {
        const AllotAgreementFields *a = &s->u.agreement;

        export_text (sheet, COL_NUMBER, a->agreement_number, EXPORT_PLAIN);
        export_date (sheet, COL_START, &a->term_start);
        export_date (sheet, COL_END, &a->term_end);
        export_text (sheet, COL_PARTNER, agency_code (ex, a->partner_agency_id), EXPORT_PLAIN);
        export_text (sheet, COL_REIMBURSEMENT, a->reimbursement_terms, EXPORT_PLAIN);
        break;
      }
    case ALLOT_SOURCE_FORFEITURE:
    default:
      export_text (sheet, COL_FORFEITURE, program_label (s->u.forfeiture.program),
                   EXPORT_PLAIN);
      break;
    }
  export_text (sheet, COL_NOTES, s->notes, EXPORT_PLAIN);
  return TRUE;
}

static void
write_total (ExportSheet  *sheet,
             lxw_row_t     first,
             lxw_row_t     last,
             const Totals *t)
{
  const struct { guint col; gint64 value; } sums[] = {
    { COL_AUTHORIZED, t->authorized }, { COL_ALLOCATED, t->allocated },
    { COL_UNALLOCATED, t->authorized - t->allocated }, { COL_EXPENDED, t->expended },
    { COL_AVAILABLE, t->available }, { COL_AWARD, t->award },
    { COL_AMENDMENTS, t->amendments }, { COL_MATCH, t->match },
  };

  for (guint c = 0; c < N_COLUMNS; c++)
    export_text (sheet, (lxw_col_t) c, c == COL_CODE ? _("Total") : NULL, EXPORT_TOTAL);
  for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autofree char *range = export_range (first, last, (lxw_col_t) sums[i].col);
      g_autofree char *formula = g_strdup_printf ("=SUBTOTAL(9,%s)", range);

      export_formula_money (sheet, (lxw_col_t) sums[i].col, formula, sums[i].value,
                            EXPORT_TOTAL);
    }
}

gboolean
export_sources_sheet (AllotExport *ex,
                      GError     **error)
{
  GPtrArray *balances;
  g_autoptr(GHashTable) balance_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ExportSheet sheet;
  Totals totals = { 0 };
  lxw_row_t first;

  balances = export_source_balances (ex, error);
  if (balances == NULL)
    return FALSE;
  for (guint i = 0; i < balances->len; i++)
    g_hash_table_insert (balance_by_id, &((AllotBalanceRow *) balances->pdata[i])->id,
                         balances->pdata[i]);

  if (!export_sheet_begin (ex, &sheet, N_("Funding Sources"), _("Funding Sources"), columns,
                           N_COLUMNS, error))
    return FALSE;
  export_sheet_note (&sheet, 0, _("Amounts over each source's whole life. Authorized: award and "
                                  "amendments (grant), the appropriation, the partner's cash "
                                  "(agreement), receipts and interest (forfeiture fund). "
                                  "Allocated and expended: approved, unvoided records only."));
  if (!export_sheet_header (&sheet, error))
    goto fail;
  first = sheet.row;
  for (guint i = 0; i < ex->sources->len; i++)
    {
      const AllotSource *s = ex->sources->pdata[i];

      if (!export_source_in_year (ex, s, ex->options.fiscal_year))
        continue;
      if (!write_source (ex, &sheet, s, export_lookup (balance_by_id, s->id), &totals, error) ||
          !export_sheet_next_row (&sheet, error))
        goto fail;
    }
  export_sheet_end_data (&sheet);
  if (sheet.row > first)
    {
      write_total (&sheet, first, sheet.row - 1, &totals);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}
