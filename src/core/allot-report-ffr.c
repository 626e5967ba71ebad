/* allot-report-ffr.c: the SF-425 Federal Financial Report of a grant.
 *
 * Design decisions (every line is cumulative from the award's start to the
 * period end, over approved, unvoided records of the grant's approved
 * allocations, like the balances):
 * - 10a: drawdowns received by the period end, net of cash returned.
 * - 10b: expenditures paid by the period end (by the date paid, whatever the
 *   basis: it is cash) and corrections (adjustments naming no obligation:
 *   refunds, credits) by their date.
 * - 10e: accrual basis, expenditures incurred by the period end; cash
 *   basis, those paid by then; corrections on both.  Program income spent
 *   is not in it (lines 10m/10n).
 * - 10f: what is open on each obligation at the period end: its amount and
 *   the adjustments naming it, less the expenditures liquidating it
 *   (incurred, on the accrual basis; paid, on the cash basis), never below
 *   zero.  On the cash basis an expenditure incurred but unpaid that
 *   liquidates no obligation is also an unliquidated obligation (a bill
 *   owed), so that 10g and 10h are the same on either basis.
 * - 10d: the award and the amendments effective by the period end.
 * - 10i: the match the award requires; 10j: match entries (cash and in
 *   kind) dated by the period end.  10l-10n: program income by date.
 * - 11: one row per indirect rate period begun by the period end.  Its base
 *   is the expenditures and corrections counted in 10e whose date (on the
 *   report's basis) falls in the rate period and by the period end, less the
 *   cost categories whose SF-424A line the rate period excludes; the amount
 *   charged is base x rate rounded half away from zero to the cent, and all
 *   of it is federal share.  It shows what the rate yields: Allot does not
 *   add it to 10e, which holds what the ledger records (enter indirect
 *   charges in the ledger to claim them).
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-report-private.h"

static const struct {
  const char *id;
  const char *label;
  const char *formula;
} ffr_lines[ALLOT_FFR_N_LINES] = {
  [ALLOT_FFR_10A] = { "10a", N_("Cash receipts"), NULL },
  [ALLOT_FFR_10B] = { "10b", N_("Cash disbursements"), NULL },
  [ALLOT_FFR_10C] = { "10c", N_("Cash on hand (line a minus b)"), "10a - 10b" },
  [ALLOT_FFR_10D] = { "10d", N_("Total federal funds authorized"), NULL },
  [ALLOT_FFR_10E] = { "10e", N_("Federal share of expenditures"), NULL },
  [ALLOT_FFR_10F] = { "10f", N_("Federal share of unliquidated obligations"), NULL },
  [ALLOT_FFR_10G] = { "10g", N_("Total federal share (sum of lines e and f)"), "10e + 10f" },
  [ALLOT_FFR_10H] = { "10h", N_("Unobligated balance of federal funds (line d minus g)"),
                      "10d - 10g" },
  [ALLOT_FFR_10I] = { "10i", N_("Total recipient share required"), NULL },
  [ALLOT_FFR_10J] = { "10j", N_("Recipient share of expenditures"), NULL },
  [ALLOT_FFR_10K] = { "10k", N_("Remaining recipient share to be provided (line i minus j)"),
                      "10i - 10j" },
  [ALLOT_FFR_10L] = { "10l", N_("Total federal program income earned"), NULL },
  [ALLOT_FFR_10M] = { "10m", N_("Program income expended in accordance with the deduction "
                                "alternative"), NULL },
  [ALLOT_FFR_10N] = { "10n", N_("Program income expended in accordance with the addition "
                                "alternative"), NULL },
  [ALLOT_FFR_10O] = { "10o", N_("Unexpended program income (line l minus line m or line n)"),
                      "10l - 10m - 10n" },
};

const char *
allot_ffr_line_id (AllotFfrLine line)
{
  g_return_val_if_fail ((guint) line < ALLOT_FFR_N_LINES, NULL);
  return ffr_lines[line].id;
}

const char *
allot_ffr_line_label (AllotFfrLine line)
{
  g_return_val_if_fail ((guint) line < ALLOT_FFR_N_LINES, NULL);
  return _(ffr_lines[line].label);
}

const char *
allot_ffr_line_formula (AllotFfrLine line)
{
  g_return_val_if_fail ((guint) line < ALLOT_FFR_N_LINES, NULL);
  return ffr_lines[line].formula;
}

static void
indirect_free (AllotFfrIndirect *row)
{
  if (row == NULL)
    return;
  g_free (row->rate_type);
  g_free (row->base_type);
  g_free (row->base_exclusions);
  g_free (row);
}

void
allot_ffr_free (AllotFfr *ffr)
{
  if (ffr == NULL)
    return;
  g_free (ffr->source_code);
  g_free (ffr->source_name);
  g_free (ffr->awarding_agency);
  g_free (ffr->award_number);
  g_free (ffr->assistance_listing);
  g_free (ffr->recipient);
  g_free (ffr->recipient_uei);
  g_free (ffr->recipient_ein);
  g_free (ffr->report_type);
  g_clear_pointer (&ffr->indirect, g_ptr_array_unref);
  g_clear_pointer (&ffr->details, g_ptr_array_unref);
  g_clear_pointer (&ffr->warnings, g_ptr_array_unref);
  g_free (ffr);
}

/* ---- where the details go ---- */

/* One report being computed.  Its details go into ffr->details, or, for
 * the workbook export, one by one to @detail_func as they are found, so
 * that nothing of the grant's ledger is held in memory. */
typedef struct {
  AllotFfr *ffr;
  ReportDetailFunc detail_func;
  gpointer detail_data;
  GError *detail_error;      /* the first one @detail_func gave; no call after it */
} Build;

static void
emit (Build       *b,
      const char  *line,
      const char  *table,
      gint64       id,
      const GDate *date,
      const char  *reference,
      const char  *description,
      gint64       amount)
{
  AllotReportDetail detail = {
    .line = line,
    .column = -1,
    .table_name = (char *) table,
    .record_id = id,
    .reference = (char *) (reference != NULL ? reference : ""),
    .description = (char *) (description != NULL ? description : ""),
    .amount = amount,
  };

  if (b->detail_func == NULL)
    {
      report_add_detail (b->ffr->details, line, -1, table, id, date, reference, description,
                         amount);
      return;
    }
  if (b->detail_error != NULL)
    return;
  if (date != NULL && g_date_valid (date))
    detail.date = *date;
  else
    g_date_clear (&detail.date, 1);
  if (!b->detail_func (&detail, b->detail_data, &b->detail_error) && b->detail_error == NULL)
    g_set_error_literal (&b->detail_error, ALLOT_ERROR, ALLOT_ERROR_IO,
                         "The details of the report could not be written");
}

static void
add (Build        *b,
     AllotFfrLine  line,
     const char   *table,
     gint64        id,
     const GDate  *date,
     const char   *reference,
     const char   *description,
     gint64        amount)
{
  b->ffr->lines[line] += amount;
  emit (b, ffr_lines[line].id, table, id, date, reference, description, amount);
}

/* ---- the ledger lines ---- */

/* An indirect rate period begun by the period end, and the base of line 11
 * gathered for it while the ledger is read. */
typedef struct {
  const AllotRatePeriod *rate;
  GDate last;                /* its end, or the period end when that is earlier */
  const char *exclusions;    /* SF-424A lines left out of the base */
  gint64 base;
} RateBase;

/* The grant's approved, unvoided entries of its approved allocations dated
 * by the period end ("the rows"), oldest first, read one at a time: a
 * grant's ledger can be most of a million entries.  Column 6 says whether
 * the entry names an obligation that is itself one of the rows: only those
 * are tracked as open (10f), whatever the order of their dates. */
/* "e.status || ''" (and in sql_open "e.kind || ''") keep SQLite from
 * reaching the grant's entries through an index on status or kind (every
 * approved entry, or obligation, of every source, each looked up in the
 * table): through the grant's allocations instead it reads only the
 * grant's.  On 100,000 entries in the sqlite3 shell, 0.10 s of CPU became
 * 0.04 s for sql_entries and 0.05 s became 0.01 s for sql_open (issue 10: the
 * SF-425 sheets were a fifth of the export's CPU).  The stream mark: on
 * PostgreSQL the entries are read through a cursor (allot-db-pg.c). */
static const char sql_entries[] =
  "/* stream */ SELECT e.id, e.kind, e.amount, e.entry_date, e.paid_date,"
  " COALESCE (e.obligation_id, 0),"
  " e.obligation_id IS NOT NULL AND EXISTS (SELECT 1 FROM ledger_entries o"
  "   JOIN allocations oa ON oa.id = o.allocation_id JOIN categories oc ON oc.id = oa.category_id"
  "   WHERE o.id = e.obligation_id AND o.kind = 'obligation' AND o.voided = 0"
  "   AND o.status = 'approved' AND o.entry_date <= ?2"
  "   AND oa.source_id = ?1 AND oa.voided = 0 AND oa.status = 'approved'),"
  " c.sf424a_line, e.document_number,"
  " CASE WHEN e.description <> '' THEN e.description ELSE e.payee END"
  " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
  " JOIN categories c ON c.id = a.category_id"
  " WHERE a.source_id = ?1 AND a.voided = 0 AND a.status = 'approved'"
  " AND e.voided = 0 AND e.status || '' = 'approved' AND e.entry_date <= ?2"
  " ORDER BY e.entry_date, e.id";

/* What stays open on each obligation among the rows at the period end: its
 * amount, plus the adjustments among the rows naming it, less the
 * expenditures among the rows naming it that count by the period end
 * (incurred, ?3 = accrual; else paid by then), in the order of the rows. */
static const char sql_open[] =
  "SELECT e.id, e.entry_date, e.document_number,"
  " CASE WHEN e.description <> '' THEN e.description ELSE e.payee END,"
  " e.amount + COALESCE ((SELECT sum (CASE WHEN x.kind = 'adjustment' THEN x.amount"
  "                                        ELSE -x.amount END)"
  "   FROM ledger_entries x JOIN allocations xa ON xa.id = x.allocation_id"
  "   JOIN categories xc ON xc.id = xa.category_id"
  "   WHERE x.obligation_id = e.id AND x.voided = 0 AND x.status = 'approved'"
  "   AND x.entry_date <= ?2 AND xa.source_id = ?1 AND xa.voided = 0"
  "   AND xa.status = 'approved'"
  "   AND (x.kind = 'adjustment' OR (x.kind = 'expenditure'"
  "        AND (?3 OR (x.paid_date IS NOT NULL AND x.paid_date <= ?2))))), 0)"
  " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
  " JOIN categories c ON c.id = a.category_id"
  " WHERE a.source_id = ?1 AND a.voided = 0 AND a.status = 'approved'"
  " AND e.voided = 0 AND e.status || '' = 'approved' AND e.entry_date <= ?2"
  " AND e.kind || '' = 'obligation'"
  " ORDER BY e.entry_date, e.id";

/* An expenditure or correction in 10e dated @date adds to the base of the
 * rate periods it falls in. */
static void
add_to_bases (GArray      *bases,
              const GDate *date,
              char         line,
              gint64       amount)
{
  for (guint r = 0; r < bases->len; r++)
    {
      RateBase *rb = &g_array_index (bases, RateBase, r);

      if (g_date_compare (date, &rb->rate->start_date) >= 0 &&
          g_date_compare (date, &rb->last) <= 0 &&
          strchr (rb->exclusions, line) == NULL)
        rb->base += amount;
    }
}

/* 10b, 10e, the bills of 10f and the bases of line 11, entry by entry. */
static gboolean
ledger_lines (AllotStore *store,
              Build      *b,
              GArray     *bases,
              GError    **error)
{
  AllotFfr *ffr = b->ffr;
  AllotStmt *stmt = allot_store_statement (store, sql_entries, error);
  gboolean accrual = ffr->basis == ALLOT_BASIS_ACCRUAL;
  int rc = ALLOT_DB_DONE;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, ffr->source_id);
  allot_db_bind_date (stmt, 2, &ffr->period_end);
  while (b->detail_error == NULL && (rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      AllotEntryKind kind = ALLOT_ENTRY_OBLIGATION;
      gint64 id = allot_stmt_column_int64 (stmt, 0);
      gint64 amount = allot_stmt_column_int64 (stmt, 2);
      gint64 obligation_id = allot_stmt_column_int64 (stmt, 5);
      gboolean tracked = allot_stmt_column_int (stmt, 6) != 0;
      const char *line_text = (const char *) allot_stmt_column_text (stmt, 7);
      char line = line_text != NULL ? line_text[0] : 'h';
      const char *document = (const char *) allot_stmt_column_text (stmt, 8);
      const char *description = (const char *) allot_stmt_column_text (stmt, 9);
      GDate entry_date, paid_date;

      allot_entry_kind_from_string ((const char *) allot_stmt_column_text (stmt, 1), &kind);
      report_column_date (stmt, 3, &entry_date);
      report_column_date (stmt, 4, &paid_date);
      switch (kind)
        {
        case ALLOT_ENTRY_OBLIGATION:
          break;  /* what stays open is summed by sql_open */
        case ALLOT_ENTRY_ADJUSTMENT:
          if (obligation_id == 0)
            {
              add (b, ALLOT_FFR_10B, "ledger_entries", id, &entry_date, document, description,
                   amount);
              add (b, ALLOT_FFR_10E, "ledger_entries", id, &entry_date, document, description,
                   amount);
              add_to_bases (bases, &entry_date, line, amount);
            }
          break;
        case ALLOT_ENTRY_EXPENDITURE:
        default:
          {
            gboolean paid = g_date_valid (&paid_date) &&
                            g_date_compare (&paid_date, &ffr->period_end) <= 0;
            gboolean counted = accrual || paid;
            const GDate *date = accrual ? &entry_date : &paid_date;

            if (paid)
              add (b, ALLOT_FFR_10B, "ledger_entries", id, &paid_date, document, description,
                   amount);
            if (counted)
              {
                add (b, ALLOT_FFR_10E, "ledger_entries", id, date, document, description,
                     amount);
                add_to_bases (bases, date, line, amount);
              }
            else if (!tracked)
              add (b, ALLOT_FFR_10F, "ledger_entries", id, &entry_date, document,
                   _("Incurred, not yet paid"), amount);
            break;
          }
        }
    }
  allot_stmt_reset (stmt);
  if (b->detail_error != NULL)
    return TRUE;  /* the caller reports it */
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (store->db, rc, error, "Could not read the ledger");
      return FALSE;
    }

  stmt = allot_store_statement (store, sql_open, error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, ffr->source_id);
  allot_db_bind_date (stmt, 2, &ffr->period_end);
  allot_stmt_bind_int (stmt, 3, accrual);
  while (b->detail_error == NULL && (rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 open = allot_stmt_column_int64 (stmt, 4);
      GDate entry_date;

      if (open <= 0)
        continue;
      report_column_date (stmt, 1, &entry_date);
      add (b, ALLOT_FFR_10F, "ledger_entries", allot_stmt_column_int64 (stmt, 0), &entry_date,
           (const char *) allot_stmt_column_text (stmt, 2),
           (const char *) allot_stmt_column_text (stmt, 3), open);
    }
  allot_stmt_reset (stmt);
  if (b->detail_error == NULL && rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (store->db, rc, error, "Could not read the obligations");
      return FALSE;
    }
  return TRUE;
}

/* ---- line 11 ---- */

/* The rate periods begun by the period end, each with a base still to
 * gather. */
static GArray *
rate_bases (AllotFfr  *ffr,
            GPtrArray *rates)
{
  GArray *bases = g_array_new (FALSE, TRUE, sizeof (RateBase));

  for (guint i = 0; i < rates->len; i++)
    {
      const AllotRatePeriod *rate = rates->pdata[i];
      RateBase rb = { rate };

      if (rate->voided || g_date_compare (&rate->start_date, &ffr->period_end) > 0)
        continue;
      rb.last = g_date_compare (&rate->end_date, &ffr->period_end) < 0 ? rate->end_date
                                                                       : ffr->period_end;
      rb.exclusions = rate->base_exclusions != NULL ? rate->base_exclusions : "";
      g_array_append_val (bases, rb);
    }
  return bases;
}

static void
indirect_lines (Build  *b,
                GArray *bases)
{
  AllotFfr *ffr = b->ffr;

  for (guint i = 0; i < bases->len; i++)
    {
      const RateBase *rb = &g_array_index (bases, RateBase, i);
      const AllotRatePeriod *rate = rb->rate;
      AllotFfrIndirect *row = g_new0 (AllotFfrIndirect, 1);
      g_autofree char *reference = NULL;

      row->rate_id = rate->id;
      row->rate_type = g_strdup (rate->rate_type);
      row->rate_bp = rate->rate_bp;
      row->start = rate->start_date;
      row->end = rate->end_date;
      row->base_type = g_strdup (rate->base_type);
      row->base_exclusions = g_strdup (rb->exclusions);
      row->base = rb->base;
      row->amount_charged = report_apply_bp (row->base, row->rate_bp);
      row->federal_share = row->amount_charged;
      ffr->indirect_base += row->base;
      ffr->indirect_charged += row->amount_charged;
      ffr->indirect_federal += row->federal_share;
      reference = g_strdup_printf ("%s %u.%02u%% × %s", row->rate_type, row->rate_bp / 100,
                                   row->rate_bp % 100, row->base_type);
      emit (b, "11", "indirect_rates", rate->id, &rate->start_date, reference,
            _("Amount charged = base × rate"), row->amount_charged);
      g_ptr_array_add (ffr->indirect, row);
    }
}

/* ---- header, periods, warnings ---- */

static void
find_period (AllotFfr          *ffr,
             const AllotSource *grant)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_reporting_period_free);
  const AllotReportingPeriod *match = NULL;

  report_grant_periods (grant, &ffr->as_of, periods);
  for (guint i = 0; i < periods->len; i++)
    {
      const AllotReportingPeriod *p = periods->pdata[i];
      gboolean is_final = g_str_equal (p->report_type, "final");

      if (ffr->final ? is_final : (!is_final && g_date_compare (&p->period_end,
                                                                &ffr->period_end) == 0))
        match = p;
    }
  if (match != NULL && g_date_compare (&match->period_end, &ffr->period_end) == 0)
    {
      ffr->period_start = match->period_start;
      ffr->due_date = match->due_date;
      return;
    }
  ffr->due_date = ffr->period_end;
  if (ffr->final)
    {
      ffr->due_date = grant->u.grant.pop_end;
      g_date_add_days (&ffr->due_date, 120);
    }
  else
    g_date_add_days (&ffr->due_date, g_str_equal (ffr->report_type, "annual") ? 90 : 30);
}

static void
warn_all (AllotFfr          *ffr,
          const AllotSource *grant)
{
  g_autofree char *end = allot_date_format_iso (&ffr->period_end);
  g_autofree char *pop_end = allot_date_format_iso (&grant->u.grant.pop_end);
  g_autofree char *due = allot_date_format_iso (&ffr->due_date);

  if (ffr->final && g_date_compare (&ffr->period_end, &grant->u.grant.pop_end) != 0)
    report_warn (ffr->warnings, _("A final report ends with the period of performance (%s), "
                                  "not on %s."), pop_end, end);
  else if (!ffr->final && g_date_compare (&ffr->period_end, &grant->u.grant.pop_end) >= 0)
    report_warn (ffr->warnings, _("The period of performance ended on %s: only the final "
                                  "report remains."), pop_end);
  else if (!ffr->final && !g_date_valid (&ffr->period_start))
    report_warn (ffr->warnings, _("%s is not the end of a %s reporting period of this award."),
                 end, ffr->report_type);

  if (ffr->final && ffr->lines[ALLOT_FFR_10F] != 0)
    {
      g_autofree char *open = allot_money_format_plain (ffr->lines[ALLOT_FFR_10F]);

      report_warn (ffr->warnings, _("A final report must show no unliquidated obligations, "
                                    "and %s is still open (line 10f): liquidate or deobligate "
                                    "it first."), open);
    }
  if (ffr->final && ffr->lines[ALLOT_FFR_10K] > 0)
    {
      g_autofree char *k = allot_money_format_plain (ffr->lines[ALLOT_FFR_10K]);

      report_warn (ffr->warnings, _("%s of the required recipient share has not been "
                                    "provided (line 10k)."), k);
    }
  if (ffr->final && ffr->lines[ALLOT_FFR_10O] > 0)
    {
      g_autofree char *o = allot_money_format_plain (ffr->lines[ALLOT_FFR_10O]);

      report_warn (ffr->warnings, _("%s of program income is unexpended (line 10o)."), o);
    }
  if (ffr->lines[ALLOT_FFR_10H] < 0)
    {
      g_autofree char *h = allot_money_format_plain (-ffr->lines[ALLOT_FFR_10H]);

      report_warn (ffr->warnings, _("Expenditures and obligations exceed the federal funds "
                                    "authorized by %s (line 10h is negative)."), h);
    }
  if (g_date_compare (&ffr->as_of, &ffr->due_date) > 0)
    report_warn (ffr->warnings, _("This report was due on %s: it is past due unless it has "
                                  "been filed."), due);
}

static gboolean
header (AllotStore        *store,
        AllotFfr          *ffr,
        const AllotSource *grant,
        GError           **error)
{
  ffr->source_id = grant->id;
  ffr->source_code = g_strdup (grant->code);
  ffr->source_name = g_strdup (grant->name);
  ffr->award_number = g_strdup (grant->u.grant.award_number);
  ffr->assistance_listing = g_strdup (grant->u.grant.assistance_listing);
  ffr->project_start = grant->u.grant.pop_start;
  ffr->project_end = grant->u.grant.pop_end;
  ffr->report_type = g_strdup (ffr->final ? "final" : grant->u.grant.reporting_frequency);
  if (grant->agency_id != 0)
    {
      g_autoptr(AllotAgency) agency = allot_store_lookup_agency (store, grant->agency_id, error);

      if (agency == NULL)
        return FALSE;
      ffr->awarding_agency = g_strdup (agency->name);
    }
  else
    ffr->awarding_agency = g_strdup ("");
  ffr->recipient = allot_store_dup_setting (store, "jurisdiction");
  ffr->recipient_uei = allot_store_dup_setting (store, "recipient_uei");
  ffr->recipient_ein = allot_store_dup_setting (store, "recipient_ein");
  if (ffr->recipient == NULL)
    ffr->recipient = g_strdup ("");
  if (ffr->recipient_uei == NULL)
    ffr->recipient_uei = g_strdup ("");
  if (ffr->recipient_ein == NULL)
    ffr->recipient_ein = g_strdup ("");
  return TRUE;
}

static gboolean
other_lines (AllotStore        *store,
             Build             *b,
             const AllotSource *grant,
             GError           **error)
{
  AllotFfr *ffr = b->ffr;
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autoptr(GPtrArray) match = NULL;
  g_autoptr(GPtrArray) income = NULL;
  const GDate *end = &ffr->period_end;

  draws = allot_store_list_drawdowns (store, grant->id, error);
  if (draws == NULL)
    return FALSE;
  for (guint i = 0; i < draws->len; i++)
    {
      const AllotDrawdown *d = draws->pdata[i];

      if (!d->voided && g_date_compare (&d->received_date, end) <= 0)
        add (b, ALLOT_FFR_10A, "drawdowns", d->id, &d->received_date, d->reference,
             d->amount < 0 ? _("Cash returned") : _("Federal cash received"), d->amount);
    }

  add (b, ALLOT_FFR_10D, "grants", grant->id, &grant->u.grant.pop_start,
       grant->u.grant.award_number, _("Original award"), grant->u.grant.award_amount);
  amendments = allot_store_list_amendments (store, grant->id, error);
  if (amendments == NULL)
    return FALSE;
  for (guint i = 0; i < amendments->len; i++)
    {
      const AllotAmendment *a = amendments->pdata[i];

      if (g_date_compare (&a->effective_date, end) <= 0)
        add (b, ALLOT_FFR_10D, "amendments", a->id, &a->effective_date, _("Amendment"),
             a->description, a->amount);
    }

  add (b, ALLOT_FFR_10I, "grants", grant->id, &grant->u.grant.pop_start,
       grant->u.grant.award_number, _("Recipient share required by the award"),
       grant->u.grant.match_required);
  match = allot_store_list_match_entries (store, grant->id, error);
  if (match == NULL)
    return FALSE;
  for (guint i = 0; i < match->len; i++)
    {
      const AllotMatchEntry *m = match->pdata[i];

      if (!m->voided && g_date_compare (&m->entry_date, end) <= 0)
        add (b, ALLOT_FFR_10J, "match_entries", m->id, &m->entry_date,
             m->form == ALLOT_FORM_CASH ? _("cash") : _("in kind"), m->description, m->amount);
    }

  income = allot_store_list_program_income (store, grant->id, error);
  if (income == NULL)
    return FALSE;
  for (guint i = 0; i < income->len; i++)
    {
      const AllotProgramIncome *p = income->pdata[i];
      AllotFfrLine line = p->kind == ALLOT_PROGRAM_INCOME_EARNED ? ALLOT_FFR_10L
                        : p->kind == ALLOT_PROGRAM_INCOME_DEDUCTION ? ALLOT_FFR_10M
                        : ALLOT_FFR_10N;

      if (!p->voided && g_date_compare (&p->entry_date, end) <= 0)
        add (b, line, "program_income", p->id, &p->entry_date,
             allot_program_income_kind_to_string (p->kind), p->description, p->amount);
    }
  return TRUE;
}

AllotFfr *
report_ffr_streamed (AllotStore       *store,
                     gint64            source_id,
                     const GDate      *period_end,
                     gboolean          final,
                     AllotReportBasis  basis,
                     const GDate      *as_of,
                     ReportDetailFunc  detail_func,
                     gpointer          detail_data,
                     GError          **error)
{
  g_autoptr(AllotFfr) ffr = NULL;
  g_autoptr(AllotSource) grant = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GArray) bases = NULL;
  Build b = { NULL, detail_func, detail_data, NULL };
  gboolean began = FALSE, ok;
  gint64 *l;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  g_return_val_if_fail (period_end != NULL, NULL);
  g_return_val_if_fail (basis == ALLOT_BASIS_CASH || basis == ALLOT_BASIS_ACCRUAL, NULL);

  if (!g_date_valid (period_end))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("The period end is required."));
      return NULL;
    }
  if (!report_read_begin (store, &began, error))
    return NULL;

  ffr = g_new0 (AllotFfr, 1);
  b.ffr = ffr;
  ffr->indirect = g_ptr_array_new_with_free_func ((GDestroyNotify) indirect_free);
  ffr->details = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_report_detail_free);
  ffr->warnings = g_ptr_array_new_with_free_func (g_free);
  ffr->final = final;
  ffr->basis = basis;
  ffr->period_end = *period_end;
  g_date_clear (&ffr->period_start, 1);
  if (as_of != NULL && g_date_valid (as_of))
    ffr->as_of = *as_of;
  else
    allot_date_set_today (&ffr->as_of);

  grant = allot_store_lookup_source (store, source_id, error);
  ok = grant != NULL;
  if (ok && grant->kind != ALLOT_SOURCE_GRANT)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("%s is a %s; the SF-425 is filed for federal grants."), grant->code,
                   allot_source_kind_to_string (grant->kind));
      ok = FALSE;
    }
  if (ok && g_date_compare (period_end, &grant->u.grant.pop_start) < 0)
    {
      g_autofree char *e = allot_date_format_iso (period_end);
      g_autofree char *s = allot_date_format_iso (&grant->u.grant.pop_start);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The period end %s is before %s starts (%s)."), e, grant->code, s);
      ok = FALSE;
    }
  ok = ok && header (store, ffr, grant, error) && other_lines (store, &b, grant, error);
  if (ok)
    {
      rates = allot_store_list_rate_periods (store, source_id, error);
      ok = rates != NULL;
    }
  if (ok)
    {
      /* The ledger is read and counted in one go, inside the snapshot. */
      bases = rate_bases (ffr, rates);
      ok = ledger_lines (store, &b, bases, error);
    }
  report_read_end (store, began);
  if (ok)
    indirect_lines (&b, bases);
  if (ok && b.detail_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&b.detail_error));
      ok = FALSE;
    }
  g_clear_error (&b.detail_error);
  if (!ok)
    return NULL;

  l = ffr->lines;
  l[ALLOT_FFR_10C] = l[ALLOT_FFR_10A] - l[ALLOT_FFR_10B];
  l[ALLOT_FFR_10G] = l[ALLOT_FFR_10E] + l[ALLOT_FFR_10F];
  l[ALLOT_FFR_10H] = l[ALLOT_FFR_10D] - l[ALLOT_FFR_10G];
  l[ALLOT_FFR_10K] = l[ALLOT_FFR_10I] - l[ALLOT_FFR_10J];
  l[ALLOT_FFR_10O] = l[ALLOT_FFR_10L] - l[ALLOT_FFR_10M] - l[ALLOT_FFR_10N];

  find_period (ffr, grant);
  warn_all (ffr, grant);
  return g_steal_pointer (&ffr);
}

AllotFfr *
allot_report_ffr (AllotStore       *store,
                  gint64            source_id,
                  const GDate      *period_end,
                  gboolean          final,
                  AllotReportBasis  basis,
                  const GDate      *as_of,
                  GError          **error)
{
  return report_ffr_streamed (store, source_id, period_end, final, basis, as_of, NULL, NULL,
                              error);
}
