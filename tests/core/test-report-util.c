/* test-report-util.c: builders for the report tests. */
#include <string.h>

#include "allot-date.h"
#include "test-report-util.h"

GDate
test_report_date (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (iso != NULL)
    {
      g_assert_true (allot_date_parse (iso, &date, &error));
      g_assert_no_error (error);
    }
  return date;
}

#define CHECK_ADDED(ok, error, record) \
  G_STMT_START { g_assert_no_error (error); g_assert_true (ok); \
                 g_assert_cmpint ((record)->id, >, 0); } G_STMT_END

gint64
test_report_add_category (AllotStore *store,
                          const char *code,
                          char        sf424a_line,
                          char        esac)
{
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  category->code = g_strdup (code);
  category->name = g_strdup_printf ("Category %s", code);
  category->sf424a_line = sf424a_line;
  category->esac_category = esac;
  ok = allot_store_add_category (store, category, &error);
  CHECK_ADDED (ok, error, category);
  return category->id;
}

gint64
test_report_add_grant (AllotStore *store,
                       const char *code,
                       gint64      award,
                       const char *pop_start,
                       const char *pop_end,
                       gint64      match_required,
                       const char *frequency)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_GRANT);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Grant %s", code);
  source->u.grant.award_number = g_strdup_printf ("AWARD-%s", code);
  source->u.grant.assistance_listing = g_strdup ("16.738");
  source->u.grant.award_amount = award;
  source->u.grant.pop_start = test_report_date (pop_start);
  source->u.grant.pop_end = test_report_date (pop_end);
  source->u.grant.match_required = match_required;
  source->u.grant.reporting_frequency = g_strdup (frequency);
  ok = allot_store_add_source (store, source, &error);
  CHECK_ADDED (ok, error, source);
  return source->id;
}

gint64
test_report_add_expenditure (AllotStore *store,
                             gint64      allocation_id,
                             gint64      amount,
                             const char *incurred,
                             const char *paid,
                             gint64      obligation_id,
                             const char *document)
{
  g_autoptr(AllotLedgerEntry) entry = test_util_new_entry (allocation_id, ALLOT_ENTRY_EXPENDITURE,
                                                           amount, incurred, obligation_id,
                                                           document);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  entry->paid_date = test_report_date (paid);
  entry->status = ALLOT_STATUS_SUBMITTED;
  ok = allot_store_add_entry (store, entry, &error);
  CHECK_ADDED (ok, error, entry);
  test_util_approve_entry (store, entry->id);
  return entry->id;
}

gint64
test_report_add_drawdown (AllotStore *store,
                          gint64      source_id,
                          const char *date,
                          gint64      amount,
                          const char *reference)
{
  g_autoptr(AllotDrawdown) drawdown = allot_drawdown_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  drawdown->source_id = source_id;
  drawdown->received_date = test_report_date (date);
  drawdown->amount = amount;
  drawdown->reference = g_strdup (reference);
  ok = allot_store_add_drawdown (store, drawdown, &error);
  CHECK_ADDED (ok, error, drawdown);
  return drawdown->id;
}

gint64
test_report_add_match (AllotStore            *store,
                       gint64                 source_id,
                       const char            *date,
                       AllotContributionForm  form,
                       gint64                 amount)
{
  g_autoptr(AllotMatchEntry) match = allot_match_entry_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  match->source_id = source_id;
  match->entry_date = test_report_date (date);
  match->form = form;
  match->amount = amount;
  match->description = g_strdup_printf ("Match %s", date);
  ok = allot_store_add_match_entry (store, match, &error);
  CHECK_ADDED (ok, error, match);
  return match->id;
}

gint64
test_report_add_rate (AllotStore *store,
                      gint64      source_id,
                      const char *type,
                      guint       bp,
                      const char *exclusions,
                      const char *start,
                      const char *end)
{
  g_autoptr(AllotRatePeriod) rate = allot_rate_period_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  rate->source_id = source_id;
  rate->rate_type = g_strdup (type);
  rate->rate_bp = bp;
  rate->base_type = g_strdup ("MTDC");
  rate->base_exclusions = g_strdup (exclusions);
  rate->start_date = test_report_date (start);
  rate->end_date = test_report_date (end);
  ok = allot_store_add_rate_period (store, rate, &error);
  CHECK_ADDED (ok, error, rate);
  return rate->id;
}

gint64
test_report_add_income (AllotStore             *store,
                        gint64                  source_id,
                        AllotProgramIncomeKind  kind,
                        const char             *date,
                        gint64                  amount)
{
  g_autoptr(AllotProgramIncome) income = allot_program_income_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  income->source_id = source_id;
  income->kind = kind;
  income->entry_date = test_report_date (date);
  income->amount = amount;
  income->description = g_strdup_printf ("Program income %s", date);
  ok = allot_store_add_program_income (store, income, &error);
  CHECK_ADDED (ok, error, income);
  return income->id;
}

void
test_report_void (AllotStore   *store,
                  AllotVoidable what,
                  gint64        id)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = allot_store_void_record (store, what, id, "Entered in error (test)", &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

gint64
test_report_add_officer (AllotStore *store,
                         gint64      agency_id,
                         const char *badge,
                         const char *name)
{
  g_autoptr(AllotOfficer) officer = allot_officer_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  officer->agency_id = agency_id;
  officer->badge = g_strdup (badge);
  officer->name = g_strdup (name);
  ok = allot_store_add_officer (store, officer, &error);
  CHECK_ADDED (ok, error, officer);
  return officer->id;
}

gint64
test_report_add_assignment (AllotStore *store,
                            gint64      officer_id,
                            gint64      task_force_id,
                            gint64      agreement_id,
                            const char *start,
                            const char *end)
{
  g_autoptr(AllotAssignment) assignment = allot_assignment_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  assignment->officer_id = officer_id;
  assignment->task_force_id = task_force_id;
  assignment->agreement_id = agreement_id;
  assignment->start_date = test_report_date (start);
  assignment->end_date = test_report_date (end);
  ok = allot_store_add_assignment (store, assignment, &error);
  CHECK_ADDED (ok, error, assignment);
  return assignment->id;
}

gint64
test_report_add_cap (AllotStore *store,
                     gint64      agreement_id,
                     int         fiscal_year,
                     gint64      annual,
                     gint64      monthly)
{
  g_autoptr(AllotOvertimeCap) cap = allot_overtime_cap_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  cap->agreement_id = agreement_id;
  cap->fiscal_year = fiscal_year;
  cap->annual_cap = annual;
  cap->monthly_cap = monthly;
  ok = allot_store_add_overtime_cap (store, cap, &error);
  CHECK_ADDED (ok, error, cap);
  return cap->id;
}

gint64
test_report_add_overtime (AllotStore  *store,
                          gint64       officer_id,
                          gint64       task_force_id,
                          const char  *date,
                          gint64       hours,
                          gint64       rate,
                          gint64       multiplier,
                          AllotStatus  status)
{
  g_autoptr(AllotOvertimeEntry) entry = allot_overtime_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *user = g_strdup (allot_store_get_user (store));
  gboolean ok;

  entry->officer_id = officer_id;
  entry->task_force_id = task_force_id;
  entry->case_number = g_strdup_printf ("CASE-%s", date);
  entry->work_date = test_report_date (date);
  entry->hours = hours;
  entry->base_rate = rate;
  entry->multiplier = multiplier;
  entry->status = status == ALLOT_STATUS_APPROVED ? ALLOT_STATUS_SUBMITTED : status;
  ok = allot_store_add_overtime (store, entry, &error);
  CHECK_ADDED (ok, error, entry);
  if (status == ALLOT_STATUS_APPROVED)
    {
      allot_store_set_user (store, TEST_UTIL_REVIEWER);
      ok = allot_store_approve_overtime (store, entry->id, &error);
      allot_store_set_user (store, user);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  return entry->id;
}

gint64
test_report_add_claim (AllotStore *store,
                       gint64      agreement_id,
                       gint64      officer_id,
                       gint64      task_force_id,
                       const char *invoice,
                       const char *date,
                       const char *start,
                       const char *end,
                       gint64      billed)
{
  g_autoptr(AllotClaim) claim = allot_claim_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  claim->agreement_id = agreement_id;
  claim->officer_id = officer_id;
  claim->task_force_id = task_force_id;
  claim->invoice_number = g_strdup (invoice);
  claim->invoice_date = test_report_date (date);
  claim->period_start = test_report_date (start);
  claim->period_end = test_report_date (end);
  claim->billed = billed;
  ok = allot_store_add_claim (store, claim, &error);
  CHECK_ADDED (ok, error, claim);
  return claim->id;
}

gint64
test_report_add_payment (AllotStore *store,
                         gint64      claim_id,
                         const char *date,
                         gint64      amount)
{
  g_autoptr(AllotClaimPayment) payment = allot_claim_payment_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  payment->claim_id = claim_id;
  payment->received_date = test_report_date (date);
  payment->amount = amount;
  payment->reference = g_strdup_printf ("EFT-%s", date);
  ok = allot_store_add_claim_payment (store, payment, &error);
  CHECK_ADDED (ok, error, payment);
  return payment->id;
}

gint64
test_report_detail_sum (GPtrArray  *details,
                        const char *line,
                        int         column)
{
  gint64 sum = 0;

  for (guint i = 0; i < details->len; i++)
    {
      const AllotReportDetail *d = details->pdata[i];

      if (g_str_equal (d->line, line) && (column < 0 || d->column == column))
        sum += d->amount;
    }
  return sum;
}

gboolean
test_report_has_detail (GPtrArray  *details,
                        const char *table_name,
                        gint64      record_id)
{
  for (guint i = 0; i < details->len; i++)
    {
      const AllotReportDetail *d = details->pdata[i];

      if (g_str_equal (d->table_name, table_name) && d->record_id == record_id)
        return TRUE;
    }
  return FALSE;
}

gboolean
test_report_has_warning (GPtrArray  *warnings,
                         const char *text)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (warnings->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}
