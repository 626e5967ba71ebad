/* test-report-ffr.c: the SF-425 Federal Financial Report and the reporting
 * periods, against figures worked out by hand.
 *
 * Every expected figure below was computed by hand from the scenario in
 * build() (the working is in the comments), never by calling the code under
 * test.  Amounts are cents in the code, dollars in the comments.
 *
 * The scenario (fiscal years start 1 October; FY2025 = 2024-10-01 ..
 * 2025-09-30):
 *
 *   Grant G: award 100,000.00, period of performance 2024-10-01 ..
 *   2026-09-30, quarterly reports, recipient share (match) required
 *   20,000.00.  Amendments: +30,000.00 effective 2025-02-15, -5,000.00
 *   effective 2025-11-10.
 *
 *   Allocations (task force TF): A1 personnel (SF-424A line a) FY2025
 *   50,000.00; A2 equipment (line d) FY2025 40,000.00; A3 supplies (line e)
 *   FY2026 20,000.00 -- the award is reported across the FY boundary.
 *
 *   Ledger (approved unless said otherwise):
 *     A2 PO-1   obligation 30,000.00                   2024-11-05
 *        INV-1  12,000.00 on PO-1, incurred 2025-01-10, paid 2025-02-05
 *        REF-1  adjustment -250.00 (vendor credit, names no obligation) 2025-03-15
 *        INV-2  8,000.00 on PO-1, incurred 2025-03-20, paid 2025-04-10
 *        DEOB-1 adjustment -4,000.00 on PO-1 (deobligation) 2025-06-30
 *        INV-3  6,000.00 on PO-1, incurred 2025-08-15, paid 2025-08-30
 *     A1 PAY-1  5,000.00 direct, incurred and paid 2024-12-31
 *        PAY-2  5,500.05 direct, incurred 2025-03-31, paid 2025-04-02
 *        PAY-3  700.00 direct 2025-02-14, VOIDED
 *        PAY-4  3,000.00 direct 2025-03-10, SUBMITTED only
 *     A3 PO-2   obligation 9,000.00                    2025-10-20
 *        INV-4  4,000.00 on PO-2, incurred 2025-11-15, paid 2025-12-01
 *        INV-5  1,234.56 direct, incurred 2026-09-20, unpaid
 *
 *   Drawdowns: DD-1 17,000.00 2025-01-20; DD-2 3,000.00 2025-03-25;
 *   DD-3 13,250.00 2025-04-20; DD-4 -1,000.00 (cash returned) 2025-05-01;
 *   DD-5 999.99 2025-02-01 VOIDED; DD-6 10,000.00 2025-12-15.
 *
 *   Match: M1 cash 6,000.00 2025-01-31; M2 in kind 2,500.00 2025-03-31;
 *   M3 in kind 1,000.00 2025-04-15; M4 cash 300.00 2025-02-28 VOIDED;
 *   M5 cash 4,000.00 2026-06-30.
 *
 *   Program income: PI-1 earned 1,500.00 2025-02-10; PI-6 earned 200.00
 *   2025-02-20 VOIDED; PI-2 deduction 600.00 2025-03-05; PI-3 addition
 *   400.00 2025-03-28; PI-4 earned 800.00 2025-06-01; PI-5 deduction
 *   1,000.00 2025-07-01.
 *
 *   Indirect rates (MTDC, equipment -- line d -- excluded from the base):
 *   R3 fixed 99.00% 2024-10-01 .. 2024-10-31 VOIDED; R1 de minimis 10.00%
 *   2024-10-01 .. 2025-06-30; R2 provisional 12.50% 2025-07-01 ..
 *   2026-09-30 -- the rate changes in the middle of the award.
 */
#include <locale.h>
#include <inttypes.h>
#include <string.h>

#include "test-report-util.h"

typedef struct {
  char *dir;
  AllotStore *store;
  gint64 grant, a1, a2, a3;
  gint64 pay3, pay4, dd5, m4, pi6, r3;
} Fixture;

static void
build (Fixture *fx)
{
  AllotStore *s = fx->store;
  gint64 fbi, tf, pers, equip, supply, po1, po2;
  g_autoptr(GError) error = NULL;

  fbi = test_util_add_agency (s, "DOJ", "Department of Justice", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (s, "TF", "Task force", fbi);
  pers = test_report_add_category (s, "PERS", 'a', 0);
  equip = test_report_add_category (s, "EQUIP", 'd', 0);
  supply = test_report_add_category (s, "SUPPLY", 'e', 0);
  fx->grant = test_report_add_grant (s, "G", 10000000, "2024-10-01", "2026-09-30", 2000000,
                                     "quarterly");
  test_util_add_amendment (s, fx->grant, "2025-02-15", 3000000, "Supplement");
  test_util_add_amendment (s, fx->grant, "2025-11-10", -500000, "Reduction");

  fx->a1 = test_util_add_allocation (s, fx->grant, tf, pers, 2025, 5000000,
                                     ALLOT_STATUS_APPROVED);
  fx->a2 = test_util_add_allocation (s, fx->grant, tf, equip, 2025, 4000000,
                                     ALLOT_STATUS_APPROVED);
  fx->a3 = test_util_add_allocation (s, fx->grant, tf, supply, 2026, 2000000,
                                     ALLOT_STATUS_APPROVED);

  po1 = test_util_add_entry (s, fx->a2, ALLOT_ENTRY_OBLIGATION, 3000000, "2024-11-05", 0,
                             "PO-1", ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, fx->a2, 1200000, "2025-01-10", "2025-02-05", po1, "INV-1");
  test_util_add_entry (s, fx->a2, ALLOT_ENTRY_ADJUSTMENT, -25000, "2025-03-15", 0, "REF-1",
                       ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, fx->a2, 800000, "2025-03-20", "2025-04-10", po1, "INV-2");
  test_util_add_entry (s, fx->a2, ALLOT_ENTRY_ADJUSTMENT, -400000, "2025-06-30", po1, "DEOB-1",
                       ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, fx->a2, 600000, "2025-08-15", "2025-08-30", po1, "INV-3");

  test_report_add_expenditure (s, fx->a1, 500000, "2024-12-31", "2024-12-31", 0, "PAY-1");
  test_report_add_expenditure (s, fx->a1, 550005, "2025-03-31", "2025-04-02", 0, "PAY-2");
  fx->pay3 = test_report_add_expenditure (s, fx->a1, 70000, "2025-02-14", "2025-02-14", 0,
                                          "PAY-3");
  g_assert_true (allot_store_void_entry (s, fx->pay3, "Duplicate payroll line", &error));
  g_assert_no_error (error);
  fx->pay4 = test_util_add_entry (s, fx->a1, ALLOT_ENTRY_EXPENDITURE, 300000, "2025-03-10", 0,
                                  "PAY-4", ALLOT_STATUS_SUBMITTED);

  po2 = test_util_add_entry (s, fx->a3, ALLOT_ENTRY_OBLIGATION, 900000, "2025-10-20", 0, "PO-2",
                             ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, fx->a3, 400000, "2025-11-15", "2025-12-01", po2, "INV-4");
  test_report_add_expenditure (s, fx->a3, 123456, "2026-09-20", NULL, 0, "INV-5");

  test_report_add_drawdown (s, fx->grant, "2025-01-20", 1700000, "DD-1");
  test_report_add_drawdown (s, fx->grant, "2025-03-25", 300000, "DD-2");
  test_report_add_drawdown (s, fx->grant, "2025-04-20", 1325000, "DD-3");
  test_report_add_drawdown (s, fx->grant, "2025-05-01", -100000, "DD-4");
  fx->dd5 = test_report_add_drawdown (s, fx->grant, "2025-02-01", 99999, "DD-5");
  test_report_void (s, ALLOT_VOIDABLE_DRAWDOWN, fx->dd5);
  test_report_add_drawdown (s, fx->grant, "2025-12-15", 1000000, "DD-6");

  test_report_add_match (s, fx->grant, "2025-01-31", ALLOT_FORM_CASH, 600000);
  test_report_add_match (s, fx->grant, "2025-03-31", ALLOT_FORM_IN_KIND, 250000);
  test_report_add_match (s, fx->grant, "2025-04-15", ALLOT_FORM_IN_KIND, 100000);
  fx->m4 = test_report_add_match (s, fx->grant, "2025-02-28", ALLOT_FORM_CASH, 30000);
  test_report_void (s, ALLOT_VOIDABLE_MATCH, fx->m4);
  test_report_add_match (s, fx->grant, "2026-06-30", ALLOT_FORM_CASH, 400000);

  test_report_add_income (s, fx->grant, ALLOT_PROGRAM_INCOME_EARNED, "2025-02-10", 150000);
  fx->pi6 = test_report_add_income (s, fx->grant, ALLOT_PROGRAM_INCOME_EARNED, "2025-02-20",
                                    20000);
  test_report_add_income (s, fx->grant, ALLOT_PROGRAM_INCOME_DEDUCTION, "2025-03-05", 60000);
  test_report_add_income (s, fx->grant, ALLOT_PROGRAM_INCOME_ADDITION, "2025-03-28", 40000);
  test_report_add_income (s, fx->grant, ALLOT_PROGRAM_INCOME_EARNED, "2025-06-01", 80000);
  test_report_add_income (s, fx->grant, ALLOT_PROGRAM_INCOME_DEDUCTION, "2025-07-01", 100000);
  /* Earned 1,500 + 200 + 800 = 2,500, expended 600 + 400 + 1,000 = 2,000:
   * voiding the 200 leaves 2,300 >= 2,000, allowed. */
  test_report_void (s, ALLOT_VOIDABLE_PROGRAM_INCOME, fx->pi6);

  fx->r3 = test_report_add_rate (s, fx->grant, "fixed", 9900, "d", "2024-10-01", "2024-10-31");
  test_report_void (s, ALLOT_VOIDABLE_RATE_PERIOD, fx->r3);
  test_report_add_rate (s, fx->grant, "de_minimis", 1000, "d", "2024-10-01", "2025-06-30");
  test_report_add_rate (s, fx->grant, "provisional", 1250, "d", "2025-07-01", "2026-09-30");
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "ffr.db", NULL);
  build (fx);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  test_util_remove_tree (fx->dir);
  g_free (fx->dir);
}

static AllotFfr *
run (Fixture          *fx,
     const char       *period_end,
     gboolean          final,
     AllotReportBasis  basis,
     const char       *as_of)
{
  g_autoptr(GError) error = NULL;
  GDate end = test_report_date (period_end);
  GDate day = test_report_date (as_of);
  AllotFfr *ffr = allot_report_ffr (fx->store, fx->grant, &end, final, basis, &day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ffr);
  return ffr;
}

static void
assert_lines (const AllotFfr *ffr,
              const gint64    expected[ALLOT_FFR_N_LINES])
{
  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    {
      if (ffr->lines[l] != expected[l])
        g_error ("line %s: %" PRId64 " expected %" PRId64,
                 allot_ffr_line_id (l), ffr->lines[l], expected[l]);
    }
}

/* Lines that come from records equal the sum of their details. */
static void
assert_details_add_up (const AllotFfr *ffr)
{
  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    if (allot_ffr_line_formula (l) == NULL)
      g_assert_cmpint (test_report_detail_sum (ffr->details, allot_ffr_line_id (l), -1), ==,
                       ffr->lines[l]);
  g_assert_cmpint (test_report_detail_sum (ffr->details, "11", -1), ==, ffr->indirect_charged);
}

static void
assert_indirect (const AllotFfr *ffr,
                 guint           index,
                 const char     *type,
                 guint           bp,
                 gint64          base,
                 gint64          charged)
{
  const AllotFfrIndirect *row;

  g_assert_cmpuint (index, <, ffr->indirect->len);
  row = ffr->indirect->pdata[index];
  g_assert_cmpstr (row->rate_type, ==, type);
  g_assert_cmpuint (row->rate_bp, ==, bp);
  g_assert_cmpstr (row->base_exclusions, ==, "d");
  g_assert_cmpint (row->base, ==, base);
  g_assert_cmpint (row->amount_charged, ==, charged);
  g_assert_cmpint (row->federal_share, ==, charged);
}

/* Period ending 2025-03-31 (the second quarterly period), accrual basis.
 *
 * Entries dated by 2025-03-31 that count: PO-1, PAY-1, INV-1, REF-1, INV-2,
 * PAY-2 (PAY-3 voided, PAY-4 not approved; DEOB-1, INV-3 and A3's later).
 *   10a drawdowns by 2025-03-31: DD-1 17,000 + DD-2 3,000 = 20,000.00
 *       (DD-5 voided, DD-3 later)
 *   10b paid by then: PAY-1 5,000 + INV-1 12,000 + REF-1 -250 = 16,750.00
 *   10c 20,000 - 16,750 = 3,250.00
 *   10d 100,000 + 30,000 (2025-02-15; the -5,000 is effective later)
 *       = 130,000.00
 *   10e incurred: 5,000 + 12,000 - 250 + 8,000 + 5,500.05 = 30,250.05
 *   10f PO-1 30,000 - INV-1 12,000 - INV-2 8,000 = 10,000.00
 *   10g 30,250.05 + 10,000 = 40,250.05
 *   10h 130,000 - 40,250.05 = 89,749.95
 *   10i 20,000.00; 10j M1 6,000 + M2 2,500 (dated on the period end) =
 *       8,500.00 (M4 voided, M3 later); 10k 11,500.00
 *   10l PI-1 1,500.00 (PI-6 voided); 10m 600.00; 10n 400.00;
 *   10o 1,500 - 600 - 400 = 500.00
 *   11  only R1 has begun: window 2024-10-01 .. 2025-03-31, base = the 10e
 *       entries on lines other than d: PAY-1 5,000 + PAY-2 5,500.05 =
 *       10,500.05; x 10% = 1,050.005, rounded half away from zero 1,050.01.
 *   Due 2025-03-31 + 30 days = 2025-04-30; the period began 2025-01-01.
 */
static void
test_interim_accrual (Fixture       *fx,
                      gconstpointer  data)
{
  static const gint64 expected[ALLOT_FFR_N_LINES] = {
    2000000, 1675000, 325000, 13000000, 3025005, 1000000, 4025005, 8974995,
    2000000, 850000, 1150000, 150000, 60000, 40000, 50000,
  };
  g_autoptr(AllotFfr) ffr = run (fx, "2025-03-31", FALSE, ALLOT_BASIS_ACCRUAL, "2025-04-15");
  GDate due = test_report_date ("2025-04-30");
  GDate start = test_report_date ("2025-01-01");

  assert_lines (ffr, expected);
  g_assert_cmpuint (ffr->indirect->len, ==, 1);
  assert_indirect (ffr, 0, "de_minimis", 1000, 1050005, 105001);
  g_assert_cmpint (ffr->indirect_base, ==, 1050005);
  g_assert_cmpint (ffr->indirect_charged, ==, 105001);
  g_assert_cmpint (ffr->indirect_federal, ==, 105001);
  assert_details_add_up (ffr);

  g_assert_cmpstr (ffr->report_type, ==, "quarterly");
  g_assert_cmpstr (ffr->award_number, ==, "AWARD-G");
  g_assert_cmpstr (ffr->awarding_agency, ==, "");
  g_assert_false (ffr->final);
  g_assert_cmpint (g_date_compare (&ffr->due_date, &due), ==, 0);
  g_assert_cmpint (g_date_compare (&ffr->period_start, &start), ==, 0);
  /* Checked on 2025-04-15: not yet due, and a standard period end. */
  g_assert_cmpuint (ffr->warnings->len, ==, 0);

  /* What does not count leaves no trace in the details. */
  g_assert_false (test_report_has_detail (ffr->details, "ledger_entries", fx->pay3));
  g_assert_false (test_report_has_detail (ffr->details, "ledger_entries", fx->pay4));
  g_assert_false (test_report_has_detail (ffr->details, "drawdowns", fx->dd5));
  g_assert_false (test_report_has_detail (ffr->details, "match_entries", fx->m4));
  g_assert_false (test_report_has_detail (ffr->details, "program_income", fx->pi6));
  g_assert_false (test_report_has_detail (ffr->details, "indirect_rates", fx->r3));
}

/* The same period on the cash basis.
 *   10a-10d as above (10b is cash on either basis): 20,000.00, 16,750.00,
 *       3,250.00, 130,000.00
 *   10e paid by 2025-03-31: 5,000 + 12,000 - 250 = 16,750.00
 *   10f PO-1 less what was paid on it by then (INV-1 12,000; INV-2 was paid
 *       2025-04-10): 18,000; plus PAY-2, incurred but unpaid: 5,500.05
 *       -> 23,500.05
 *   10g 16,750 + 23,500.05 = 40,250.05 (as on the accrual basis)
 *   10h 89,749.95; 10i-10o as above
 *   11  R1 base = paid, not line d, in the window: PAY-1 5,000.00;
 *       x 10% = 500.00
 * Checked on 2025-05-01, a day after the due date: past due. */
static void
test_interim_cash (Fixture       *fx,
                   gconstpointer  data)
{
  static const gint64 expected[ALLOT_FFR_N_LINES] = {
    2000000, 1675000, 325000, 13000000, 1675000, 2350005, 4025005, 8974995,
    2000000, 850000, 1150000, 150000, 60000, 40000, 50000,
  };
  g_autoptr(AllotFfr) ffr = run (fx, "2025-03-31", FALSE, ALLOT_BASIS_CASH, "2025-05-01");

  assert_lines (ffr, expected);
  g_assert_cmpuint (ffr->indirect->len, ==, 1);
  assert_indirect (ffr, 0, "de_minimis", 1000, 500000, 50000);
  assert_details_add_up (ffr);
  g_assert_cmpuint (ffr->warnings->len, ==, 1);
  g_assert_true (test_report_has_warning (ffr->warnings, "was due on 2025-04-30"));
}

/* The final report, period ending 2026-09-30, accrual basis.
 *   10a 17,000 + 3,000 + 13,250 - 1,000 + 10,000 = 42,250.00
 *   10b PAY-1 5,000 + INV-1 12,000 + REF-1 -250 + INV-2 8,000 + PAY-2
 *       5,500.05 + INV-3 6,000 + INV-4 4,000 = 40,250.05 (INV-5 unpaid)
 *   10c 42,250 - 40,250.05 = 1,999.95
 *   10d 100,000 + 30,000 - 5,000 = 125,000.00
 *   10e 40,250.05 + INV-5 1,234.56 = 41,484.61
 *   10f PO-1 30,000 - 4,000 - 12,000 - 8,000 - 6,000 = 0 (fully liquidated
 *       after the deobligation); PO-2 9,000 - 4,000 = 5,000.00
 *   10g 46,484.61; 10h 125,000 - 46,484.61 = 78,515.39
 *   10i 20,000.00; 10j 6,000 + 2,500 + 1,000 + 4,000 = 13,500.00;
 *   10k 6,500.00
 *   10l 1,500 + 800 = 2,300.00; 10m 600 + 1,000 = 1,600.00; 10n 400.00;
 *   10o 2,300 - 1,600 - 400 = 300.00
 *   11  R1 2024-10-01 .. 2025-06-30: PAY-1 5,000 + PAY-2 5,500.05 =
 *       10,500.05 -> 1,050.01; R2 2025-07-01 .. 2026-09-30: INV-4 4,000 +
 *       INV-5 1,234.56 = 5,234.56 x 12.5% = 654.32 (INV-3 is line d).
 *       Totals: base 15,734.61, charged 1,704.33.
 *   Due 2026-09-30 + 120 days = 2027-01-28; the final period began
 *   2026-07-01 (no interim report for the quarter the award ends in).
 *   Warnings: 5,000.00 unliquidated, 6,500.00 of match missing, 300.00 of
 *   program income unexpended. */
static void
test_final_accrual (Fixture       *fx,
                    gconstpointer  data)
{
  static const gint64 expected[ALLOT_FFR_N_LINES] = {
    4225000, 4025005, 199995, 12500000, 4148461, 500000, 4648461, 7851539,
    2000000, 1350000, 650000, 230000, 160000, 40000, 30000,
  };
  g_autoptr(AllotFfr) ffr = run (fx, "2026-09-30", TRUE, ALLOT_BASIS_ACCRUAL, "2026-10-15");
  GDate due = test_report_date ("2027-01-28");
  GDate start = test_report_date ("2026-07-01");

  assert_lines (ffr, expected);
  g_assert_cmpuint (ffr->indirect->len, ==, 2);
  assert_indirect (ffr, 0, "de_minimis", 1000, 1050005, 105001);
  assert_indirect (ffr, 1, "provisional", 1250, 523456, 65432);
  g_assert_cmpint (ffr->indirect_base, ==, 1573461);
  g_assert_cmpint (ffr->indirect_charged, ==, 170433);
  assert_details_add_up (ffr);

  g_assert_true (ffr->final);
  g_assert_cmpstr (ffr->report_type, ==, "final");
  g_assert_cmpint (g_date_compare (&ffr->due_date, &due), ==, 0);
  g_assert_cmpint (g_date_compare (&ffr->period_start, &start), ==, 0);
  g_assert_cmpuint (ffr->warnings->len, ==, 3);
  g_assert_true (test_report_has_warning (ffr->warnings, "no unliquidated obligations, and "
                                                         "5000.00 is still open"));
  g_assert_true (test_report_has_warning (ffr->warnings, "6500.00 of the required recipient"));
  g_assert_true (test_report_has_warning (ffr->warnings, "300.00 of program income"));
}

/* The final report on the cash basis.
 *   10a-10d as above; 10e = 10b = 40,250.05
 *   10f PO-1 0 (all paid), PO-2 5,000.00, INV-5 incurred unpaid 1,234.56
 *       -> 6,234.56; 10g 46,484.61 and 10h 78,515.39 as on the accrual basis
 *   11  by the date paid: R1 PAY-1 (2024-12-31) 5,000 + PAY-2 (2025-04-02)
 *       5,500.05 = 10,500.05 -> 1,050.01; R2 INV-4 (2025-12-01) 4,000.00 ->
 *       500.00; totals base 14,500.05, charged 1,550.01. */
static void
test_final_cash (Fixture       *fx,
                 gconstpointer  data)
{
  static const gint64 expected[ALLOT_FFR_N_LINES] = {
    4225000, 4025005, 199995, 12500000, 4025005, 623456, 4648461, 7851539,
    2000000, 1350000, 650000, 230000, 160000, 40000, 30000,
  };
  g_autoptr(AllotFfr) ffr = run (fx, "2026-09-30", TRUE, ALLOT_BASIS_CASH, "2026-10-15");

  assert_lines (ffr, expected);
  g_assert_cmpuint (ffr->indirect->len, ==, 2);
  assert_indirect (ffr, 0, "de_minimis", 1000, 1050005, 105001);
  assert_indirect (ffr, 1, "provisional", 1250, 400000, 50000);
  g_assert_cmpint (ffr->indirect_base, ==, 1450005);
  g_assert_cmpint (ffr->indirect_charged, ==, 155001);
  assert_details_add_up (ffr);
  g_assert_true (test_report_has_warning (ffr->warnings, "6234.56 is still open"));
}

/* Closing PO-2 (deobligating its 5,000.00) and paying INV-5 leave nothing
 * unliquidated on either basis, and the warning goes. */
static void
test_final_clean (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(AllotFfr) accrual = NULL;
  g_autoptr(AllotFfr) cash = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  AllotLedgerFilter filter;
  gint64 po2 = 0, inv5 = 0;
  GDate paid = test_report_date ("2026-09-25");

  allot_ledger_filter_init (&filter);
  filter.source_id = fx->grant;
  entries = allot_store_list_ledger (fx->store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const AllotLedgerEntry *e = entries->pdata[i];

      if (g_str_equal (e->document_number, "PO-2"))
        po2 = e->id;
      if (g_str_equal (e->document_number, "INV-5"))
        inv5 = e->id;
    }
  test_util_add_entry (fx->store, fx->a3, ALLOT_ENTRY_ADJUSTMENT, -500000, "2026-09-30", po2,
                       "DEOB-2", ALLOT_STATUS_APPROVED);
  g_assert_true (allot_store_record_payment (fx->store, inv5, &paid, &error));
  g_assert_no_error (error);

  accrual = run (fx, "2026-09-30", TRUE, ALLOT_BASIS_ACCRUAL, "2026-10-15");
  cash = run (fx, "2026-09-30", TRUE, ALLOT_BASIS_CASH, "2026-10-15");
  g_assert_cmpint (accrual->lines[ALLOT_FFR_10F], ==, 0);
  g_assert_cmpint (cash->lines[ALLOT_FFR_10F], ==, 0);
  /* 10e: 41,484.61 on both bases now that INV-5 is paid. */
  g_assert_cmpint (accrual->lines[ALLOT_FFR_10E], ==, 4148461);
  g_assert_cmpint (cash->lines[ALLOT_FFR_10E], ==, 4148461);
  g_assert_false (test_report_has_warning (accrual->warnings, "unliquidated"));
}

/* Reports that are asked for the wrong thing. */
static void
test_refusals (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotFfr) odd = NULL;
  g_autoptr(AllotFfr) late = NULL;
  GDate end = test_report_date ("2024-09-30");
  GDate any = test_report_date ("2025-03-31");
  gint64 local = test_util_add_appropriation (fx->store, "LOCAL", 2025, 100000);
  AllotFfr *ffr;

  ffr = allot_report_ffr (fx->store, fx->grant, &end, FALSE, ALLOT_BASIS_CASH, NULL, &error);
  g_assert_null (ffr);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_clear_error (&error);
  ffr = allot_report_ffr (fx->store, local, &any, FALSE, ALLOT_BASIS_CASH, NULL, &error);
  g_assert_null (ffr);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_clear_error (&error);
  ffr = allot_report_ffr (fx->store, 9999, &any, FALSE, ALLOT_BASIS_CASH, NULL, &error);
  g_assert_null (ffr);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* 2025-02-15 is no reporting period end: 30 days after it is assumed. */
  odd = run (fx, "2025-02-15", FALSE, ALLOT_BASIS_CASH, "2025-02-20");
  g_assert_true (test_report_has_warning (odd->warnings, "is not the end of a quarterly"));
  g_assert_false (g_date_valid (&odd->period_start));
  /* An interim report after the award ended. */
  late = run (fx, "2026-12-31", FALSE, ALLOT_BASIS_CASH, "2027-01-02");
  g_assert_true (test_report_has_warning (late->warnings, "only the final report remains"));
}

/* The award data that the report needs are refused when inconsistent:
 * overlapping rates, rates outside the award, program income spent before
 * it is earned, or earned income voided once spent. */
static void
test_award_data_refused (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(AllotRatePeriod) rate = allot_rate_period_new ();
  g_autoptr(AllotProgramIncome) income = allot_program_income_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 pi4 = 0;

  rate->source_id = fx->grant;
  rate->rate_type = g_strdup ("final");
  rate->rate_bp = 1100;
  rate->base_type = g_strdup ("MTDC");
  rate->start_date = test_report_date ("2025-06-01");
  rate->end_date = test_report_date ("2025-07-31");
  g_assert_false (allot_store_add_rate_period (fx->store, rate, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);
  rate->start_date = test_report_date ("2026-09-01");
  rate->end_date = test_report_date ("2026-10-31");
  g_assert_false (allot_store_add_rate_period (fx->store, rate, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_free (rate->base_exclusions);
  rate->base_exclusions = g_strdup ("z");
  g_assert_false (allot_store_add_rate_period (fx->store, rate, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_clear_error (&error);

  /* Earned 2,300, expended 2,000: 300.00 is left, 300.01 is too much. */
  income->source_id = fx->grant;
  income->kind = ALLOT_PROGRAM_INCOME_DEDUCTION;
  income->entry_date = test_report_date ("2025-07-02");
  income->amount = 30001;
  income->description = g_strdup ("Too much");
  g_assert_false (allot_store_add_program_income (fx->store, income, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Voiding PI-4 (800.00) would leave 1,500 earned against 2,000 spent. */
  all = allot_store_list_program_income (fx->store, fx->grant, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (((AllotProgramIncome *) all->pdata[i])->amount == 80000)
      pi4 = ((AllotProgramIncome *) all->pdata[i])->id;
  g_assert_false (allot_store_void_record (fx->store, ALLOT_VOIDABLE_PROGRAM_INCOME, pi4,
                                           "test", &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Voided records stay voided. */
  g_assert_false (allot_store_void_record (fx->store, ALLOT_VOIDABLE_MATCH, fx->m4, "again",
                                           &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
}

/* A closed month locks the match, drawdowns and program income dated in
 * it, their voiding too. */
static void
test_closed_period (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(AllotProgramIncome) income = allot_program_income_new ();
  g_autoptr(GError) error = NULL;
  gint64 match;

  match = test_report_add_match (fx->store, fx->grant, "2025-05-20", ALLOT_FORM_CASH, 1000);
  allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_close_period (fx->store, 2025, 5, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);

  income->source_id = fx->grant;
  income->kind = ALLOT_PROGRAM_INCOME_EARNED;
  income->entry_date = test_report_date ("2025-05-31");
  income->amount = 100;
  income->description = g_strdup ("Late");
  g_assert_false (allot_store_add_program_income (fx->store, income, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (allot_store_void_record (fx->store, ALLOT_VOIDABLE_MATCH, match, "test",
                                           &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED);
}

/* ---- reporting periods ---- */

typedef struct {
  const char *type;
  const char *start;
  const char *end;
  const char *due;
} Period;

static void
assert_periods (GPtrArray    *periods,
                gint64        source_id,
                const Period *expected,
                guint         n)
{
  guint k = 0;

  for (guint i = 0; i < periods->len; i++)
    {
      const AllotReportingPeriod *p = periods->pdata[i];
      GDate start, end, due;

      if (p->source_id != source_id)
        continue;
      g_assert_cmpuint (k, <, n);
      start = test_report_date (expected[k].start);
      end = test_report_date (expected[k].end);
      due = test_report_date (expected[k].due);
      g_assert_cmpstr (p->report_type, ==, expected[k].type);
      g_assert_cmpuint (p->number, ==, k + 1);
      g_assert_cmpint (g_date_compare (&p->period_start, &start), ==, 0);
      g_assert_cmpint (g_date_compare (&p->period_end, &end), ==, 0);
      g_assert_cmpint (g_date_compare (&p->due_date, &due), ==, 0);
      k++;
    }
  g_assert_cmpuint (k, ==, n);
}

/* Quarterly G (2024-10-01 .. 2026-09-30): seven calendar quarters end before
 * the award does, each due 30 days later (2024-12-31 -> 2025-01-30,
 * 2025-03-31 -> 04-30, 06-30 -> 07-30, 09-30 -> 10-30, 12-31 -> 2026-01-30,
 * 2026-03-31 -> 04-30, 06-30 -> 07-30); the quarter ending 2026-09-30 is
 * the award's end, so the final report (2026-07-01 .. 09-30) takes its
 * place, due 120 days later: October 31 + November 30 + December 31 = 92
 * days to 2026-12-31, 28 more to 2027-01-28.
 *
 * Semiannual S (2024-04-01 .. 2026-09-30): 2024-06-30, 2024-12-31,
 * 2025-06-30, 2025-12-31, 2026-06-30, each + 30 days; final 2026-07-01 ..
 * 09-30 due 2027-01-28.
 *
 * Annual A (2024-04-01 .. 2026-09-30): 2024-12-31 + 90 days = 31 + 28 + 31
 * -> 2025-03-31; 2025-12-31 + 90 -> 2026-03-31; final 2026-01-01 .. 09-30.
 *
 * Days to due, as of 2025-04-15: 2025-04-30 is 15 days off; 2025-01-30
 * was 75 days earlier (16 of January, 28 of February, 31 of March).
 */
static void
test_periods (Fixture       *fx,
              gconstpointer  data)
{
  static const Period quarterly[] = {
    { "quarterly", "2024-10-01", "2024-12-31", "2025-01-30" },
    { "quarterly", "2025-01-01", "2025-03-31", "2025-04-30" },
    { "quarterly", "2025-04-01", "2025-06-30", "2025-07-30" },
    { "quarterly", "2025-07-01", "2025-09-30", "2025-10-30" },
    { "quarterly", "2025-10-01", "2025-12-31", "2026-01-30" },
    { "quarterly", "2026-01-01", "2026-03-31", "2026-04-30" },
    { "quarterly", "2026-04-01", "2026-06-30", "2026-07-30" },
    { "final", "2026-07-01", "2026-09-30", "2027-01-28" },
  };
  static const Period semiannual[] = {
    { "semiannual", "2024-04-01", "2024-06-30", "2024-07-30" },
    { "semiannual", "2024-07-01", "2024-12-31", "2025-01-30" },
    { "semiannual", "2025-01-01", "2025-06-30", "2025-07-30" },
    { "semiannual", "2025-07-01", "2025-12-31", "2026-01-30" },
    { "semiannual", "2026-01-01", "2026-06-30", "2026-07-30" },
    { "final", "2026-07-01", "2026-09-30", "2027-01-28" },
  };
  static const Period annual[] = {
    { "annual", "2024-04-01", "2024-12-31", "2025-03-31" },
    { "annual", "2025-01-01", "2025-12-31", "2026-03-31" },
    { "final", "2026-01-01", "2026-09-30", "2027-01-28" },
  };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GError) error = NULL;
  gint64 s = test_report_add_grant (fx->store, "S", 100000, "2024-04-01", "2026-09-30", 0,
                                    "semiannual");
  gint64 a = test_report_add_grant (fx->store, "A", 100000, "2024-04-01", "2026-09-30", 0,
                                    "annual");
  GDate as_of = test_report_date ("2025-04-15");

  all = allot_report_periods (fx->store, 0, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 8 + 6 + 3);
  assert_periods (all, fx->grant, quarterly, G_N_ELEMENTS (quarterly));
  assert_periods (all, s, semiannual, G_N_ELEMENTS (semiannual));
  assert_periods (all, a, annual, G_N_ELEMENTS (annual));

  one = allot_report_periods (fx->store, fx->grant, &as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 8);
  g_assert_cmpint (((AllotReportingPeriod *) one->pdata[0])->days_to_due, ==, -75);
  g_assert_cmpint (((AllotReportingPeriod *) one->pdata[1])->days_to_due, ==, 15);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/report-ffr/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("interim-accrual", test_interim_accrual);
  ADD ("interim-cash", test_interim_cash);
  ADD ("final-accrual", test_final_accrual);
  ADD ("final-cash", test_final_cash);
  ADD ("final-clean", test_final_clean);
  ADD ("refusals", test_refusals);
  ADD ("award-data-refused", test_award_data_refused);
  ADD ("closed-period", test_closed_period);
  ADD ("periods", test_periods);
#undef ADD
  return g_test_run ();
}
