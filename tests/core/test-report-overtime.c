/* test-report-overtime.c: officers, assignments, overtime against the
 * partner's caps, claims and payments; the overtime report and the
 * compliance rule; and migration 3 from a version-2 database.
 *
 * Every expected figure below was computed by hand from the scenario in
 * build() (the working is in the comments), never by calling the code under
 * test.  Amounts are cents in the code, dollars in the comments.
 *
 * amount = round_half_up (hours x base rate x multiplier), e.g.
 *   7.33 h x 47.77 x 1.50 = 525.23115 -> 525.23
 *   5.00 h x 55.55 x 1.50 = 416.625   -> 416.63
 *
 * The scenario: agreement AGR with the FBI, term 2024-10-01 .. 2026-09-30,
 * covering task force TF.  Per-officer caps: FY2025 annual 1,000.00 and
 * monthly 400.00; FY2026 annual 2,000.00, no monthly cap.  Federal fiscal
 * years: FY2025 = 2024-10-01 .. 2025-09-30.
 *
 *   O1 (badge 101), assigned to TF under AGR from 2024-10-01, open-ended:
 *     e1  2025-01-05  4.00 h x 50.00 x 1.5 =  300.00
 *     e2  2025-01-20  2.50 h x 50.00 x 1.5 =  187.50
 *     e3  2025-03-03  7.33 h x 47.77 x 1.5 =  525.23
 *     e4  2025-03-15  2.00 h x 50.00 x 1.5 =  150.00
 *     e5  2025-05-10  4.00 h x 50.00 x 2.0 =  400.00
 *     e6  2025-06-01  1.00 h x 50.00 x 1.5 =   75.00
 *     e7  2025-06-05  3.00 h x 50.00 x 1.5 =  225.00  VOIDED
 *     e8  2025-07-01  2.00 h x 50.00 x 1.5 =  150.00  SUBMITTED only
 *     e10 2025-09-30  1.00 h x 40.00 x 1.5 =   60.00  (last day of FY2025)
 *     e9  2025-10-01 10.00 h x 50.00 x 1.5 =  750.00  (first day of FY2026)
 *     e11 2026-02-02 12.00 h x 55.55 x 1.5 =  999.90
 *     e12 2026-03-03  5.00 h x 55.55 x 1.5 =  416.63
 *   O2 (badge 202), assigned to TF under AGR 2025-06-01 .. 2026-09-30:
 *     f1  2025-06-15  8.00 h x 45.00 x 1.5 =  540.00
 *     f2  2025-08-01  3.00 h x 45.00 x 1.5 =  202.50
 *     f3  2026-04-01  6.00 h x 45.00 x 1.5 =  405.00
 *   O3 (badge 303), assigned to TF with no agreement: no overtime possible.
 *
 * Within the caps (monthly first, then what passes it against the annual
 * cap; entries in date order):
 *   O1 FY2025: e1 Jan 300 of 400 -> 300 (year 300); e2 Jan, 100 left of
 *     the month -> 100 (year 400); e3 Mar 400 of 525.23 (year 800); e4 Mar,
 *     month used up -> 0; e5 May 400 within the month, 200 left of the year
 *     -> 200 (year 1,000); e6 -> 0; e10 -> 0.
 *     Reimbursable 300 + 100 + 400 + 0 + 200 + 0 + 0 = 1,000.00 of
 *     300 + 187.50 + 525.23 + 150 + 400 + 75 + 60 = 1,697.73; over the caps
 *     697.73; six entries flagged (all but e1): e2, e3, e4 by the monthly
 *     cap, e5, e6, e10 by the annual one.  Hours 4 + 2.5 + 7.33 + 2 + 4 + 1
 *     + 1 = 21.83.
 *   O1 FY2026: e9 750 (year 750); e11 999.90 (year 1,749.90); e12 250.10 of
 *     416.63 -> over 166.53.  Reimbursable 2,000.00 of 2,166.53; hours
 *     27.00; one flagged (annual).
 *   O2 FY2025: f1 400 of 540 (monthly, over 140.00); f2 202.50 -> 602.50 of
 *     742.50; remaining 1,000 - 602.50 = 397.50; hours 11.00.
 *   O2 FY2026: f3 405.00, all of it; remaining 1,595.00; hours 6.00.
 *
 * Claims and payments:
 *   C1 O1 2025-01-01 .. 03-31, invoiced 2025-04-10, 800.00 (= 300 + 100 +
 *      400 + 0 reimbursable in it); paid 800.00 on 2025-05-20.
 *   C2 O1 2025-04-01 .. 09-30, 2025-10-15, 200.00; paid 150.00 2025-11-30.
 *   C3 O2 2025-06-01 .. 09-30, 2025-10-20, 602.50; paid 602.50 2025-12-10.
 *   C4 O1 2025-10-01 .. 2026-03-31, 2026-04-10, 1,500.00; paid 1,000.00
 *      2026-05-15, and 500.00 2026-06-15 VOIDED.
 *   C5 O2 2026-04-01 .. 04-30, 2026-05-05, 405.00, VOIDED.
 */
#include <locale.h>
#include <string.h>

#include "allot-date.h"
#include "allot-rules.h"
#include "test-report-util.h"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 mpd, tf, agr, o1, o2, o3;
  gint64 a1, e1, e7, c2, c4;
} Fixture;

#define OT(officer, date, hours, rate, mult) \
  test_report_add_overtime (s, (officer), fx->tf, (date), (hours), (rate), (mult), \
                            ALLOT_STATUS_APPROVED)

static void
build (Fixture *fx)
{
  AllotStore *s = fx->store;
  gint64 fbi, c1, c3, c5, p5;

  fx->mpd = test_util_add_agency (s, "MPD", "Metropolitan Police", ALLOT_AGENCY_LOCAL);
  fbi = test_util_add_agency (s, "FBI", "Federal Bureau of Investigation", ALLOT_AGENCY_FEDERAL);
  fx->tf = test_util_add_task_force (s, "TF", "Safe Streets", fbi);
  fx->agr = test_util_add_agreement (s, "AGR", "FBI-OT-1", fbi, "2024-10-01", "2026-09-30");
  test_report_add_cap (s, fx->agr, 2025, 100000, 40000);
  test_report_add_cap (s, fx->agr, 2026, 200000, 0);

  fx->o1 = test_report_add_officer (s, fx->mpd, "101", "Officer One");
  fx->o2 = test_report_add_officer (s, fx->mpd, "202", "Officer Two");
  fx->o3 = test_report_add_officer (s, fx->mpd, "303", "Officer Three");
  fx->a1 = test_report_add_assignment (s, fx->o1, fx->tf, fx->agr, "2024-10-01", NULL);
  test_report_add_assignment (s, fx->o2, fx->tf, fx->agr, "2025-06-01", "2026-09-30");
  test_report_add_assignment (s, fx->o3, fx->tf, 0, "2024-10-01", NULL);

  fx->e1 = OT (fx->o1, "2025-01-05", 400, 5000, 150);
  OT (fx->o1, "2025-01-20", 250, 5000, 150);
  OT (fx->o1, "2025-03-03", 733, 4777, 150);
  OT (fx->o1, "2025-03-15", 200, 5000, 150);
  OT (fx->o1, "2025-05-10", 400, 5000, 200);
  OT (fx->o1, "2025-06-01", 100, 5000, 150);
  fx->e7 = OT (fx->o1, "2025-06-05", 300, 5000, 150);
  test_report_void (s, ALLOT_VOIDABLE_OVERTIME, fx->e7);
  test_report_add_overtime (s, fx->o1, fx->tf, "2025-07-01", 200, 5000, 150,
                            ALLOT_STATUS_SUBMITTED);
  OT (fx->o1, "2025-09-30", 100, 4000, 150);
  OT (fx->o1, "2025-10-01", 1000, 5000, 150);
  OT (fx->o1, "2026-02-02", 1200, 5555, 150);
  OT (fx->o1, "2026-03-03", 500, 5555, 150);
  OT (fx->o2, "2025-06-15", 800, 4500, 150);
  OT (fx->o2, "2025-08-01", 300, 4500, 150);
  OT (fx->o2, "2026-04-01", 600, 4500, 150);

  c1 = test_report_add_claim (s, fx->agr, fx->o1, fx->tf, "INV-101-Q2", "2025-04-10",
                              "2025-01-01", "2025-03-31", 80000);
  test_report_add_payment (s, c1, "2025-05-20", 80000);
  fx->c2 = test_report_add_claim (s, fx->agr, fx->o1, fx->tf, "INV-101-H2", "2025-10-15",
                                  "2025-04-01", "2025-09-30", 20000);
  test_report_add_payment (s, fx->c2, "2025-11-30", 15000);
  c3 = test_report_add_claim (s, fx->agr, fx->o2, fx->tf, "INV-202-FY25", "2025-10-20",
                              "2025-06-01", "2025-09-30", 60250);
  test_report_add_payment (s, c3, "2025-12-10", 60250);
  fx->c4 = test_report_add_claim (s, fx->agr, fx->o1, fx->tf, "INV-101-FY26", "2026-04-10",
                                  "2025-10-01", "2026-03-31", 150000);
  test_report_add_payment (s, fx->c4, "2026-05-15", 100000);
  p5 = test_report_add_payment (s, fx->c4, "2026-06-15", 50000);
  test_report_void (s, ALLOT_VOIDABLE_CLAIM_PAYMENT, p5);
  c5 = test_report_add_claim (s, fx->agr, fx->o2, fx->tf, "INV-202-APR", "2026-05-05",
                              "2026-04-01", "2026-04-30", 40500);
  test_report_void (s, ALLOT_VOIDABLE_CLAIM, c5);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "overtime.db", &fx->path);
  build (fx);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  test_util_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

typedef struct {
  const char *badge;
  int fiscal_year;
  guint n_entries;
  gint64 hours, amount, annual_cap, monthly_cap, reimbursable, over_cap, remaining;
  gint64 billed, received, outstanding, unbilled;
  guint n_flagged;
} Row;

static void
assert_row (const AllotOvertimeRow *r,
            const Row              *e)
{
  g_assert_cmpstr (r->badge, ==, e->badge);
  g_assert_cmpstr (r->agreement_code, ==, "AGR");
  g_assert_cmpstr (r->agreement_number, ==, "FBI-OT-1");
  g_assert_cmpstr (r->agency_code, ==, "MPD");
  g_assert_cmpint (r->fiscal_year, ==, e->fiscal_year);
  g_assert_cmpuint (r->n_entries, ==, e->n_entries);
  g_assert_cmpint (r->hours, ==, e->hours);
  g_assert_cmpint (r->amount, ==, e->amount);
  g_assert_cmpint (r->annual_cap, ==, e->annual_cap);
  g_assert_cmpint (r->monthly_cap, ==, e->monthly_cap);
  g_assert_cmpint (r->reimbursable, ==, e->reimbursable);
  g_assert_cmpint (r->over_cap, ==, e->over_cap);
  g_assert_cmpint (r->remaining, ==, e->remaining);
  g_assert_cmpint (r->billed, ==, e->billed);
  g_assert_cmpint (r->received, ==, e->received);
  g_assert_cmpint (r->outstanding, ==, e->outstanding);
  g_assert_cmpint (r->unbilled, ==, e->unbilled);
  g_assert_cmpuint (r->n_flagged, ==, e->n_flagged);
}

/* Billed/received per row (see the claims in the header):
 *   O1 FY2025 billed C1 800 + C2 200 = 1,000.00, received 800 + 150 =
 *     950.00, outstanding 50.00, unbilled 1,000 - 1,000 = 0
 *   O1 FY2026 billed C4 1,500.00, received 1,000.00 (the 500 voided),
 *     outstanding 500.00, unbilled 2,000 - 1,500 = 500.00
 *   O2 FY2025 billed and received 602.50
 *   O2 FY2026 nothing billed (C5 voided), unbilled 405.00
 * Totals: 13 entries; hours 21.83 + 27 + 11 + 6 = 65.83; amount 1,697.73 +
 *   2,166.53 + 742.50 + 405.00 = 5,011.76; reimbursable 1,000 + 2,000 +
 *   602.50 + 405 = 4,007.50; over 1,004.26; remaining 0 + 0 + 397.50 +
 *   1,595 = 1,992.50; billed 3,102.50; received 2,552.50; outstanding
 *   550.00; unbilled 905.00; flagged 6 + 1 + 1 = 8. */
static void
test_every_year (Fixture       *fx,
                 gconstpointer  data)
{
  static const Row expected[] = {
    { "101", 2025, 7, 2183, 169773, 100000, 40000, 100000, 69773, 0,
      100000, 95000, 5000, 0, 6 },
    { "101", 2026, 3, 2700, 216653, 200000, 0, 200000, 16653, 0,
      150000, 100000, 50000, 50000, 1 },
    { "202", 2025, 2, 1100, 74250, 100000, 40000, 60250, 14000, 39750,
      60250, 60250, 0, 0, 1 },
    { "202", 2026, 1, 600, 40500, 200000, 0, 40500, 0, 159500,
      0, 0, 0, 40500, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotOvertimeReport) report = allot_report_overtime (fx->store, 0, &error);
  const AllotOvertimeRow *t;

  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_row (report->rows->pdata[i], &expected[i]);
  t = &report->totals;
  g_assert_cmpuint (t->n_entries, ==, 13);
  g_assert_cmpint (t->hours, ==, 6583);
  g_assert_cmpint (t->amount, ==, 501176);
  g_assert_cmpint (t->reimbursable, ==, 400750);
  g_assert_cmpint (t->over_cap, ==, 100426);
  g_assert_cmpint (t->remaining, ==, 199250);
  g_assert_cmpint (t->billed, ==, 310250);
  g_assert_cmpint (t->received, ==, 255250);
  g_assert_cmpint (t->outstanding, ==, 55000);
  g_assert_cmpint (t->unbilled, ==, 90500);
  g_assert_cmpuint (t->n_flagged, ==, 8);
  g_assert_cmpuint (report->flagged->len, ==, 8);
  /* e8 awaits review; the voided e7 does not count at all. */
  g_assert_true (test_report_has_warning (report->warnings, "1 overtime entry awaits review and is not counted."));
  g_assert_true (test_report_has_warning (report->warnings, "697.73 of overtime is over"));
}

/* FY2025 alone: O1 and O2 rows; flagged in date order with their cause:
 *   e2 2025-01-20 monthly, 187.50 - 100 = 87.50
 *   e3 2025-03-03 monthly, 525.23 - 400 = 125.23
 *   e4 2025-03-15 monthly, 150.00
 *   e5 2025-05-10 annual, 400 - 200 = 200.00
 *   e6 2025-06-01 annual, 75.00
 *   f1 2025-06-15 monthly, 540 - 400 = 140.00
 *   e10 2025-09-30 annual, 60.00
 * Totals: 9 entries, amount 1,697.73 + 742.50 = 2,440.23, reimbursable
 * 1,602.50, billed 1,602.50, received 1,552.50, outstanding 50.00. */
static void
test_fy2025 (Fixture       *fx,
             gconstpointer  data)
{
  static const struct {
    const char *date;
    const char *badge;
    gint64 over;
    gboolean monthly;
    gboolean annual;
  } flags[] = {
    { "2025-01-20", "101", 8750, TRUE, FALSE },
    { "2025-03-03", "101", 12523, TRUE, FALSE },
    { "2025-03-15", "101", 15000, TRUE, FALSE },
    { "2025-05-10", "101", 20000, FALSE, TRUE },
    { "2025-06-01", "101", 7500, FALSE, TRUE },
    { "2025-06-15", "202", 14000, TRUE, FALSE },
    { "2025-09-30", "101", 6000, FALSE, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotOvertimeReport) report = allot_report_overtime (fx->store, 2025, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, 2);
  g_assert_cmpuint (report->totals.n_entries, ==, 9);
  g_assert_cmpint (report->totals.amount, ==, 244023);
  g_assert_cmpint (report->totals.reimbursable, ==, 160250);
  g_assert_cmpint (report->totals.billed, ==, 160250);
  g_assert_cmpint (report->totals.received, ==, 155250);
  g_assert_cmpint (report->totals.outstanding, ==, 5000);
  g_assert_cmpuint (report->flagged->len, ==, G_N_ELEMENTS (flags));
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      const AllotOvertimeFlag *f = report->flagged->pdata[i];
      GDate date = test_report_date (flags[i].date);

      g_assert_cmpint (g_date_compare (&f->work_date, &date), ==, 0);
      g_assert_cmpstr (f->badge, ==, flags[i].badge);
      g_assert_cmpint (f->over_cap, ==, flags[i].over);
      g_assert_cmpint (f->amount - f->reimbursable, ==, flags[i].over);
      g_assert_cmpint (f->over_monthly, ==, flags[i].monthly);
      g_assert_cmpint (f->over_annual, ==, flags[i].annual);
    }
}

/* The compliance rule flags what the report flags: by 2025-06-30, e2, e3,
 * e4, e5, e6 and f1 (6); by 2026-12-31 also e10 and e12 (8). */
static void
test_compliance_rule (Fixture       *fx,
                      gconstpointer  data)
{
  const char *as_of[] = { "2025-06-30", "2026-12-31" };
  const guint expected[] = { 6, 8 };

  for (guint k = 0; k < G_N_ELEMENTS (as_of); k++)
    {
      g_autoptr(GError) error = NULL;
      GDate day = test_report_date (as_of[k]);
      g_autoptr(GPtrArray) findings = allot_store_check (fx->store, &day, &error);
      guint n = 0;

      g_assert_no_error (error);
      for (guint i = 0; i < findings->len; i++)
        {
          const AllotFinding *f = findings->pdata[i];

          if (g_str_equal (f->rule->id, "overtime-over-cap"))
            {
              g_assert_cmpint (f->rule->severity, ==, ALLOT_SEVERITY_WARNING);
              g_assert_cmpstr (f->table_name, ==, "overtime_entries");
              n++;
            }
        }
      g_assert_cmpuint (n, ==, expected[k]);
    }
}

static void
expect_refused (gboolean  ok,
                GError   *error,
                int       code)
{
  g_assert_false (ok);
  g_assert_error (error, ALLOT_ERROR, code);
}

/* The call first, then its error: argument order is unspecified in C. */
#define REFUSED(call, code) \
  G_STMT_START { gboolean refused_ok_ = (call); \
                 expect_refused (refused_ok_, error, (code)); \
                 g_clear_error (&error); } G_STMT_END

/* What the write paths refuse, each leaving the database as it was. */
static void
test_refusals (Fixture       *fx,
               gconstpointer  data)
{
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(AllotOvertimeEntry) e = allot_overtime_entry_new ();
  g_autoptr(AllotOvertimeCap) cap = allot_overtime_cap_new ();
  g_autoptr(AllotAssignment) a = allot_assignment_new ();
  g_autoptr(AllotClaim) claim = allot_claim_new ();
  g_autoptr(AllotClaimPayment) payment = allot_claim_payment_new ();
  g_autoptr(AllotOfficer) dup = allot_officer_new ();
  GError *error = NULL;

  e->officer_id = fx->o3;
  e->task_force_id = fx->tf;
  e->case_number = g_strdup ("C-1");
  e->work_date = test_report_date ("2025-02-01");
  e->hours = 100;
  e->base_rate = 5000;
  /* O3's assignment has no agreement. */
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_CONSTRAINT);
  /* O2 was not yet assigned on 2025-05-01. */
  e->officer_id = fx->o2;
  e->agreement_id = 0;
  e->work_date = test_report_date ("2025-05-01");
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_CONSTRAINT);
  /* O1 is still assigned on 2026-10-05, but the agreement has ended. */
  e->officer_id = fx->o1;
  e->agreement_id = 0;
  e->work_date = test_report_date ("2026-10-05");
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_CONSTRAINT);
  /* Out of range, or approved from the start. */
  e->agreement_id = 0;
  e->work_date = test_report_date ("2025-02-01");
  e->hours = 0;
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_INVALID);
  e->hours = 100;
  e->multiplier = 99;
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_INVALID);
  e->multiplier = 150;
  e->status = ALLOT_STATUS_APPROVED;
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_INVALID);

  /* A second cap for the same agreement and year; a monthly above the annual. */
  cap->agreement_id = fx->agr;
  cap->fiscal_year = 2025;
  cap->annual_cap = 500000;
  REFUSED (allot_store_add_overtime_cap (fx->store, cap, &error), ALLOT_ERROR_CONSTRAINT);
  cap->fiscal_year = 2027;
  cap->monthly_cap = 500001;
  REFUSED (allot_store_add_overtime_cap (fx->store, cap, &error), ALLOT_ERROR_INVALID);

  /* Overlapping assignment; voiding one with overtime under it. */
  a->officer_id = fx->o1;
  a->task_force_id = fx->tf;
  a->start_date = test_report_date ("2026-01-01");
  REFUSED (allot_store_add_assignment (fx->store, a, &error), ALLOT_ERROR_CONSTRAINT);
  REFUSED (allot_store_void_record (fx->store, ALLOT_VOIDABLE_ASSIGNMENT, fx->a1, "x", &error),
           ALLOT_ERROR_CONSTRAINT);

  /* January: 400.00 reimbursable, all of it (and more) billed by C1. */
  claim->agreement_id = fx->agr;
  claim->officer_id = fx->o1;
  claim->task_force_id = fx->tf;
  claim->invoice_number = g_strdup ("INV-X");
  claim->invoice_date = test_report_date ("2025-02-05");
  claim->period_start = test_report_date ("2025-01-01");
  claim->period_end = test_report_date ("2025-01-31");
  claim->billed = 1;
  REFUSED (allot_store_add_claim (fx->store, claim, &error), ALLOT_ERROR_CONSTRAINT);
  /* A claim across 30 September. */
  claim->period_start = test_report_date ("2025-09-01");
  claim->period_end = test_report_date ("2025-10-31");
  claim->invoice_date = test_report_date ("2025-11-05");
  REFUSED (allot_store_add_claim (fx->store, claim, &error), ALLOT_ERROR_INVALID);
  /* C2 billed 200.00, 150.00 received: 50.01 more is too much. */
  payment->claim_id = fx->c2;
  payment->received_date = test_report_date ("2025-12-01");
  payment->amount = 5001;
  REFUSED (allot_store_add_claim_payment (fx->store, payment, &error), ALLOT_ERROR_CONSTRAINT);
  /* C4 has a payment: void that first. */
  REFUSED (allot_store_void_record (fx->store, ALLOT_VOIDABLE_CLAIM, fx->c4, "x", &error),
           ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Badges are unique within an agency. */
  dup->agency_id = fx->mpd;
  dup->badge = g_strdup ("101");
  dup->name = g_strdup ("Someone else");
  REFUSED (allot_store_add_officer (fx->store, dup, &error), ALLOT_ERROR_CONSTRAINT);

  test_util_assert_unchanged (fx->path, before);
}

/* The review workflow: an officer cannot approve, nor can a reviewer who
 * entered the entry; a returned entry can be submitted again. */
static void
test_review (Fixture       *fx,
             gconstpointer  data)
{
  GError *error = NULL;
  gint64 id = test_report_add_overtime (fx->store, fx->o1, fx->tf, "2026-05-05", 100, 5000, 150,
                                        ALLOT_STATUS_DRAFT);

  REFUSED (allot_store_approve_overtime (fx->store, id, &error), ALLOT_ERROR_CONSTRAINT);
  g_assert_true (allot_store_submit_overtime (fx->store, id, &error));
  g_assert_no_error (error);
  REFUSED (allot_store_approve_overtime (fx->store, id, &error), ALLOT_ERROR_CONSTRAINT);
  allot_store_set_user (fx->store, TEST_UTIL_REVIEWER);
  g_assert_true (allot_store_return_overtime (fx->store, id, "Which case?", &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  g_assert_true (allot_store_submit_overtime (fx->store, id, &error));
  g_assert_no_error (error);

  /* The reviewer enters one and cannot approve it herself. */
  allot_store_set_user (fx->store, TEST_UTIL_REVIEWER);
  id = test_report_add_overtime (fx->store, fx->o1, fx->tf, "2026-05-06", 100, 5000, 150,
                                 ALLOT_STATUS_SUBMITTED);
  REFUSED (allot_store_approve_overtime (fx->store, id, &error), ALLOT_ERROR_CONSTRAINT);
  allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_approve_overtime (fx->store, id, &error));
  g_assert_no_error (error);
}

/* Overtime, claims and their voids are locked in a closed month. */
static void
test_closed_period (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(AllotOvertimeEntry) e = allot_overtime_entry_new ();
  GError *error = NULL;

  allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_close_period (fx->store, 2025, 1, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  e->officer_id = fx->o1;
  e->task_force_id = fx->tf;
  e->case_number = g_strdup ("C-9");
  e->work_date = test_report_date ("2025-01-25");
  e->hours = 100;
  e->base_rate = 5000;
  REFUSED (allot_store_add_overtime (fx->store, e, &error), ALLOT_ERROR_LOCKED);
  REFUSED (allot_store_void_record (fx->store, ALLOT_VOIDABLE_OVERTIME, fx->e1, "x", &error),
           ALLOT_ERROR_LOCKED);
}

/* The amount and the federal fiscal year are computed, whatever the
 * jurisdiction's own fiscal year, and the table checks the amount. */
static void
test_amount_and_year (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(AllotOvertimeEntry) e = NULL;
  g_autoptr(GError) error = NULL;
  GDate day = test_report_date ("2025-09-30");
  gint64 id;
  AllotDb *raw;
  char *message;

  g_assert_cmpint (allot_overtime_amount (733, 4777, 150), ==, 52523);
  g_assert_cmpint (allot_overtime_amount (500, 5555, 150), ==, 41663);
  g_assert_cmpint (allot_overtime_amount (250, 5000, 150), ==, 18750);
  /* 0.01 h x 0.01 x 1.00 = 0.0001 -> 0.00; 0.50 h x 0.01 x 1.00 = 0.005 -> 0.01 */
  g_assert_cmpint (allot_overtime_amount (1, 1, 100), ==, 0);
  g_assert_cmpint (allot_overtime_amount (50, 1, 100), ==, 1);
  g_assert_cmpint (allot_overtime_amount (2401, 5000, 150), ==, -1);
  g_assert_cmpint (allot_federal_fiscal_year_of (&day), ==, 2025);
  g_date_add_days (&day, 1);
  g_assert_cmpint (allot_federal_fiscal_year_of (&day), ==, 2026);

  allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_set_fy_start_month (fx->store, 7, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  id = test_report_add_overtime (fx->store, fx->o1, fx->tf, "2025-08-01", 100, 5000, 150,
                                 ALLOT_STATUS_SUBMITTED);
  e = allot_store_lookup_overtime (fx->store, id, &error);
  g_assert_no_error (error);
  /* FY2026 for a July-start jurisdiction, FY2025 for the federal partner. */
  g_assert_cmpint (e->fiscal_year, ==, 2025);
  g_assert_cmpint (e->amount, ==, 7500);

  raw = test_util_open_raw (fx->path, TRUE);
  /* The CHECK, not a trigger, refuses it (on PostgreSQL the table's own
   * triggers, which would run first, are set aside for the statement). */
  if (test_util_backend_is_postgres ())
    test_util_exec (raw, "ALTER TABLE overtime_entries DISABLE TRIGGER USER");
  message = test_util_exec_expect_failure (raw, "UPDATE overtime_entries SET amount = amount + 1");
  if (test_util_backend_is_postgres ())
    test_util_exec (raw, "ALTER TABLE overtime_entries ENABLE TRIGGER USER");
  g_assert_nonnull (strstr (message, test_util_sql ("CHECK", "check constraint")));
  g_free (message);
  message = test_util_exec_expect_failure (raw, "DELETE FROM overtime_entries");
  g_assert_nonnull (strstr (message, "never deleted"));
  g_free (message);
  allot_db_close (raw);
}

/* A database of schema version 2, with data, is migrated to version 3: the
 * new tables appear, the old rows stay, and the audit trail still
 * verifies.  Version 2 is made by taking migration 3 back out of a new
 * database on a raw connection. */
static void
test_migrate_from_2 (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GPtrArray) match = NULL;
  gint64 grant, agency;
  AllotDb *raw;

  if (test_util_skip_unless_sqlite ("upgrades an old SQLite file (schema version 2)"))
    {
      test_util_remove_tree (dir);
      return;
    }
  store = test_util_create_store (dir, "v2.db", &path);
  grant = test_report_add_grant (store, "G", 100000, "2024-10-01", "2025-09-30", 5000,
                                 "quarterly");
  test_report_add_match (store, grant, "2025-01-01", ALLOT_FORM_CASH, 2500);
  test_report_add_drawdown (store, grant, "2025-01-02", 1000, "DD-1");
  agency = test_util_add_agency (store, "MPD", "Metropolitan Police", ALLOT_AGENCY_LOCAL);
  g_clear_object (&store);

  raw = test_util_open_raw (path, TRUE);
  test_util_exec (raw,
      "DROP VIEW overtime_cap_usage;"
      "DROP TABLE claim_payments; DROP TABLE reimbursement_claims;"
      "DROP TABLE overtime_entries; DROP TABLE overtime_caps; DROP TABLE assignments;"
      "DROP TABLE officers; DROP TABLE program_income; DROP TABLE indirect_rates;"
      "DROP TRIGGER audit_match_entries_insert; DROP TRIGGER audit_match_entries_update;"
      "DROP TRIGGER audit_drawdowns_insert; DROP TRIGGER audit_drawdowns_update;"
      "DROP TRIGGER audit_receipts_insert; DROP TRIGGER audit_receipts_update;"
      "ALTER TABLE match_entries DROP COLUMN voided_by;"
      "ALTER TABLE match_entries DROP COLUMN voided_at;"
      "ALTER TABLE match_entries DROP COLUMN void_reason;"
      "ALTER TABLE drawdowns DROP COLUMN voided_by;"
      "ALTER TABLE drawdowns DROP COLUMN voided_at;"
      "ALTER TABLE drawdowns DROP COLUMN void_reason;"
      "ALTER TABLE receipts DROP COLUMN voided_by;"
      "ALTER TABLE receipts DROP COLUMN voided_at;"
      "ALTER TABLE receipts DROP COLUMN void_reason;"
      /* and what migration 5 adds */
      "DROP TRIGGER contributions_no_delete; DROP TRIGGER contributions_unvoid;"
      "DROP TRIGGER receipts_unvoid; DROP TRIGGER drawdowns_unvoid;"
      "DROP TRIGGER match_entries_unvoid;"
      "DROP TRIGGER audit_contributions_insert; DROP TRIGGER audit_contributions_update;"
      "DROP TRIGGER audit_agencies_delete; DROP TRIGGER audit_task_forces_delete;"
      "DROP TRIGGER audit_categories_delete;"
      "ALTER TABLE contributions DROP COLUMN voided_by;"
      "ALTER TABLE contributions DROP COLUMN voided_at;"
      "ALTER TABLE contributions DROP COLUMN void_reason;"
      "PRAGMA user_version = 2;");
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM sqlite_schema"
                                             " WHERE name = 'officers'"), ==, 0);
  allot_db_close (raw);

  store = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  allot_store_set_user (store, TEST_UTIL_OFFICER);
  raw = test_util_open_raw (path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA user_version"), ==,
                   allot_store_schema_version ());
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM sqlite_schema"
                                             " WHERE name = 'audit_officers_insert'"), ==, 1);
  allot_db_close (raw);

  match = allot_store_list_match_entries (store, grant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (match->len, ==, 1);
  g_assert_cmpint (((AllotMatchEntry *) match->pdata[0])->amount, ==, 2500);
  test_report_add_officer (store, agency, "101", "Officer One");
  test_report_void (store, ALLOT_VOIDABLE_MATCH,
                    ((AllotMatchEntry *) match->pdata[0])->id);

  test_util_assert_audit_whole (store);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/report-overtime/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("every-year", test_every_year);
  ADD ("fy2025", test_fy2025);
  ADD ("compliance-rule", test_compliance_rule);
  ADD ("refusals", test_refusals);
  ADD ("review", test_review);
  ADD ("closed-period", test_closed_period);
  ADD ("amount-and-year", test_amount_and_year);
#undef ADD
  g_test_add_func ("/report-overtime/migrate-from-2", test_migrate_from_2);
  return g_test_run ();
}
