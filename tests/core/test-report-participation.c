/* test-report-participation.c: what the jurisdiction put into each task
 * force and what the partners gave back, per fiscal year, against figures
 * worked out by hand.
 *
 * Every expected figure below was computed by hand from the scenario in
 * build() (the working is in the comments), never by calling the code under
 * test.  Amounts are cents in the code, dollars in the comments.
 *
 * The scenario (fiscal years start 1 October unless a test says otherwise;
 * the store's start month is set before anything is allocated):
 *
 *   Task forces SSTF and HIDTA.  Sources: grant G (2024-10-01 ..
 *   2026-09-30), appropriation APP (FY2025), agreement AGR with the FBI
 *   (term 2025-04-01 .. 2026-03-31: 183 days in FY2025 -- April 30, May 31,
 *   June 30, July 31, August 31, September 30 -- and 182 in FY2026, 365 in
 *   all), DOJ forfeiture fund F.
 *
 *   AGR contributions: partner cash 20,000.00 (its authority; spent through
 *   the ledger, not counted as in kind); ours in kind 10,000.00 to SSTF;
 *   the partner's in kind 3,650.00 to SSTF; ours in kind 999.00 to the
 *   agreement as a whole (no task force: not counted).
 *
 *   Allocations and what was expended from them:
 *     A1 G/SSTF FY2025: X1 12,000.00, X2 3,000.00 VOIDED, X3 refund -500.00
 *        -> 11,500.00
 *     A2 G/SSTF FY2026: X4 7,777.77
 *     A3 APP/SSTF FY2025: obligation 8,000.00 (not expended), X5 6,000.00
 *     A4 AGR/SSTF FY2025: X6 4,400.00
 *     A5 F/HIDTA FY2025: X7 2,500.00
 *     A6 G/HIDTA FY2026: not approved; X8 1,000.00 submitted -> nothing
 *
 *   Officers: O1 on SSTF under AGR 2025-04-01 .. 2026-03-31; O2 on SSTF
 *   2024-10-01 .. 2025-03-31; O3 on HIDTA from 2025-10-01, open-ended.
 *   O1's overtime (no caps): t1 2025-05-05 8.00 h x 40.00 x 1.5 = 480.00;
 *   t2 2025-10-10 4.50 h x 40.00 x 1.5 = 270.00; t3 2025-11-11 VOIDED.
 *   Claims: K1 May 2025, invoiced 2025-06-05, 480.00, paid 480.00 on
 *   2025-07-15; K2 October 2025, invoiced 2025-11-03, 270.00, paid 200.00
 *   on 2025-12-20.
 *
 *   In kind spread by day, cumulatively rounded:
 *     ours 10,000.00: FY2025 round (10,000 x 183 / 365) = round (5,013.6986)
 *       = 5,013.70; FY2026 10,000.00 - 5,013.70 = 4,986.30
 *     the partner's 3,650.00: FY2025 3,650 x 183 / 365 = 1,830.00; FY2026
 *       1,820.00
 */
#include <locale.h>

#include "test-report-util.h"

typedef struct {
  char *dir;
  AllotStore *store;
} Fixture;

static gint64
contribute (AllotStore            *store,
            gint64                 agreement,
            AllotContributionSide  side,
            AllotContributionForm  form,
            gint64                 value,
            gint64                 task_force)
{
  g_autoptr(AllotContribution) c = allot_contribution_new ();
  g_autoptr(GError) error = NULL;

  c->source_id = agreement;
  c->side = side;
  c->form = form;
  c->valuation = value;
  c->description = g_strdup ("Contribution");
  c->task_force_id = task_force;
  g_assert_true (allot_store_add_contribution (store, c, &error));
  g_assert_no_error (error);
  return c->id;
}

static void
build (Fixture *fx)
{
  AllotStore *s = fx->store;
  g_autoptr(GError) error = NULL;
  gint64 mpd, fbi, sstf, hidta, g, app, agr, f, ot, equip;
  gint64 a1, a2, a3, a4, a5, a6, x2, po, o1, o2, o3, t3, k1, k2;

  mpd = test_util_add_agency (s, "MPD", "Metropolitan Police", ALLOT_AGENCY_LOCAL);
  fbi = test_util_add_agency (s, "FBI", "Federal Bureau of Investigation", ALLOT_AGENCY_FEDERAL);
  sstf = test_util_add_task_force (s, "SSTF", "Safe Streets", fbi);
  hidta = test_util_add_task_force (s, "HIDTA", "HIDTA", fbi);
  ot = test_report_add_category (s, "OT", 'a', 'a');
  equip = test_report_add_category (s, "EQUIP", 'd', 'd');
  g = test_report_add_grant (s, "G", 10000000, "2024-10-01", "2026-09-30", 0, "quarterly");
  app = test_util_add_appropriation (s, "APP", 2025, 5000000);
  agr = test_util_add_agreement (s, "AGR", "FBI-1", fbi, "2025-04-01", "2026-03-31");
  contribute (s, agr, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 2000000, sstf);
  contribute (s, agr, ALLOT_SIDE_JURISDICTION, ALLOT_FORM_IN_KIND, 1000000, sstf);
  contribute (s, agr, ALLOT_SIDE_PARTNER, ALLOT_FORM_IN_KIND, 365000, sstf);
  contribute (s, agr, ALLOT_SIDE_JURISDICTION, ALLOT_FORM_IN_KIND, 99900, 0);
  f = test_util_add_forfeiture (s, "F", ALLOT_FORFEITURE_DOJ);
  test_util_add_receipt (s, f, ALLOT_RECEIPT_SHARING, "2024-11-01", 3000000, "C-1");

  a1 = test_util_add_allocation (s, g, sstf, ot, 2025, 4000000, ALLOT_STATUS_APPROVED);
  a2 = test_util_add_allocation (s, g, sstf, ot, 2026, 3000000, ALLOT_STATUS_APPROVED);
  a3 = test_util_add_allocation (s, app, sstf, equip, 2025, 2000000, ALLOT_STATUS_APPROVED);
  a4 = test_util_add_allocation (s, agr, sstf, ot, 2025, 1500000, ALLOT_STATUS_APPROVED);
  a5 = test_util_add_allocation (s, f, hidta, equip, 2025, 1000000, ALLOT_STATUS_APPROVED);
  a6 = test_util_add_allocation (s, g, hidta, equip, 2026, 500000, ALLOT_STATUS_SUBMITTED);

  test_report_add_expenditure (s, a1, 1200000, "2024-12-15", "2024-12-20", 0, "X1");
  x2 = test_report_add_expenditure (s, a1, 300000, "2025-02-01", NULL, 0, "X2");
  g_assert_true (allot_store_void_entry (s, x2, "Charged to the wrong grant", &error));
  g_assert_no_error (error);
  test_util_add_entry (s, a1, ALLOT_ENTRY_ADJUSTMENT, -50000, "2025-03-01", 0, "X3",
                       ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, a2, 777777, "2025-10-15", NULL, 0, "X4");
  po = test_util_add_entry (s, a3, ALLOT_ENTRY_OBLIGATION, 800000, "2025-01-10", 0, "PO",
                            ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, a3, 600000, "2025-02-10", NULL, po, "X5");
  test_report_add_expenditure (s, a4, 440000, "2025-05-01", NULL, 0, "X6");
  test_report_add_expenditure (s, a5, 250000, "2025-03-03", NULL, 0, "X7");
  test_util_add_entry (s, a6, ALLOT_ENTRY_EXPENDITURE, 100000, "2025-11-01", 0, "X8",
                       ALLOT_STATUS_SUBMITTED);

  o1 = test_report_add_officer (s, mpd, "101", "Officer One");
  o2 = test_report_add_officer (s, mpd, "202", "Officer Two");
  o3 = test_report_add_officer (s, mpd, "303", "Officer Three");
  test_report_add_assignment (s, o1, sstf, agr, "2025-04-01", "2026-03-31");
  test_report_add_assignment (s, o2, sstf, 0, "2024-10-01", "2025-03-31");
  test_report_add_assignment (s, o3, hidta, 0, "2025-10-01", NULL);
  test_report_add_overtime (s, o1, sstf, "2025-05-05", 800, 4000, 150, ALLOT_STATUS_APPROVED);
  test_report_add_overtime (s, o1, sstf, "2025-10-10", 450, 4000, 150, ALLOT_STATUS_APPROVED);
  t3 = test_report_add_overtime (s, o1, sstf, "2025-11-11", 200, 4000, 150,
                                 ALLOT_STATUS_APPROVED);
  test_report_void (s, ALLOT_VOIDABLE_OVERTIME, t3);
  k1 = test_report_add_claim (s, agr, o1, sstf, "K1", "2025-06-05", "2025-05-01", "2025-05-31",
                              48000);
  test_report_add_payment (s, k1, "2025-07-15", 48000);
  k2 = test_report_add_claim (s, agr, o1, sstf, "K2", "2025-11-03", "2025-10-01", "2025-10-31",
                              27000);
  test_report_add_payment (s, k2, "2025-12-20", 20000);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  guint start_month = GPOINTER_TO_UINT (data);

  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "participation.db", NULL);
  if (start_month != 0)
    {
      g_autoptr(GError) error = NULL;

      /* Before any allocation: afterwards the start month is fixed. */
      allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
      g_assert_true (allot_store_set_fy_start_month (fx->store, start_month, &error));
      g_assert_no_error (error);
      allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
    }
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

typedef struct {
  int fiscal_year;
  const char *code;
  gint64 grant, appropriation, agreement, forfeiture, cash_total, in_kind, contributed;
  guint officers;
  gint64 hours, overtime, billed, reimbursed, partner_in_kind;
} Row;

static void
assert_row (const AllotParticipationRow *r,
            const Row                   *e)
{
  if (e->code != NULL)
    {
      g_assert_cmpint (r->fiscal_year, ==, e->fiscal_year);
      g_assert_cmpstr (r->code, ==, e->code);
    }
  g_assert_cmpint (r->cash[ALLOT_SOURCE_GRANT], ==, e->grant);
  g_assert_cmpint (r->cash[ALLOT_SOURCE_APPROPRIATION], ==, e->appropriation);
  g_assert_cmpint (r->cash[ALLOT_SOURCE_AGREEMENT], ==, e->agreement);
  g_assert_cmpint (r->cash[ALLOT_SOURCE_FORFEITURE], ==, e->forfeiture);
  g_assert_cmpint (r->cash_total, ==, e->cash_total);
  g_assert_cmpint (r->in_kind, ==, e->in_kind);
  g_assert_cmpint (r->contributed, ==, e->contributed);
  g_assert_cmpuint (r->officers, ==, e->officers);
  g_assert_cmpint (r->overtime_hours, ==, e->hours);
  g_assert_cmpint (r->overtime_amount, ==, e->overtime);
  g_assert_cmpint (r->billed, ==, e->billed);
  g_assert_cmpint (r->reimbursed, ==, e->reimbursed);
  g_assert_cmpint (r->partner_in_kind, ==, e->partner_in_kind);
}

/* FY2025 SSTF: grant 11,500.00, appropriation 6,000.00, agreement 4,400.00
 *   -> cash 21,900.00; in kind 5,013.70 -> 26,913.70; officers O1 (from
 *   2025-04-01) and O2; t1 8.00 h, 480.00; K1 billed 480.00, paid 480.00;
 *   the partner's in kind 1,830.00.
 * FY2025 HIDTA: forfeiture 2,500.00; O3 starts in FY2026.
 * FY2026 SSTF: grant 7,777.77; in kind 4,986.30 -> 12,764.07; O1 only (O2
 *   left 2025-03-31); t2 4.50 h, 270.00; K2 billed 270.00, paid 200.00;
 *   the partner's in kind 1,820.00.
 * FY2026 HIDTA: O3, nothing else (A6 not approved).
 * Totals: grant 19,277.77, appropriation 6,000, agreement 4,400,
 *   forfeiture 2,500 -> cash 32,177.77; in kind 10,000.00 -> 42,177.77;
 *   officers 2 + 0 + 1 + 1 = 4; 12.50 h, 750.00; billed 750.00; paid 680.00;
 *   the partner's in kind 3,650.00. */
static void
test_every_year (Fixture       *fx,
                 gconstpointer  data)
{
  static const Row expected[] = {
    { 2025, "HIDTA", 0, 0, 0, 250000, 250000, 0, 250000, 0, 0, 0, 0, 0, 0 },
    { 2025, "SSTF", 1150000, 600000, 440000, 0, 2190000, 501370, 2691370, 2, 800, 48000,
      48000, 48000, 183000 },
    { 2026, "HIDTA", 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
    { 2026, "SSTF", 777777, 0, 0, 0, 777777, 498630, 1276407, 1, 450, 27000, 27000, 20000,
      182000 },
  };
  static const Row totals = {
    0, NULL, 1927777, 600000, 440000, 250000, 3217777, 1000000, 4217777, 4, 1250, 75000, 75000,
    68000, 365000,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotParticipation) report = allot_report_participation (fx->store, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_row (report->rows->pdata[i], &expected[i]);
  assert_row (&report->totals, &totals);
}

/* One year: the same rows as above for FY2026. */
static void
test_one_year (Fixture       *fx,
               gconstpointer  data)
{
  static const Row expected[] = {
    { 2026, "HIDTA", 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 },
    { 2026, "SSTF", 777777, 0, 0, 0, 777777, 498630, 1276407, 1, 450, 27000, 27000, 20000,
      182000 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotParticipation) report = allot_report_participation (fx->store, 2026, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_row (report->rows->pdata[i], &expected[i]);
}

/* A jurisdiction whose fiscal year is the calendar year (start month 1):
 * 2025 holds 275 days of AGR's term (April 1 to December 31: 30 + 31 + 30 +
 * 31 + 31 + 30 + 31 + 30 + 31), so ours in kind is round (10,000 x 275 /
 * 365) = round (7,534.2466) = 7,534.25 and the partner's 3,650 x 275 / 365
 * = 2,750.00; both overtime entries (May and October), both claims (June,
 * November) and both payments (July, December) fall in 2025; O1 and O2
 * both served in 2025.  Cash follows the allocations' fiscal year numbers:
 * the FY2025 allocations, 21,900.00 for SSTF. */
static void
test_calendar_year (Fixture       *fx,
                    gconstpointer  data)
{
  static const Row sstf = {
    2025, "SSTF", 1150000, 600000, 440000, 0, 2190000, 753425, 2943425, 2, 1250, 75000, 75000,
    68000, 275000,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotParticipation) report = NULL;

  g_assert_cmpuint (allot_store_get_fy_start_month (fx->store), ==, 1);
  report = allot_report_participation (fx->store, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows->len, ==, 2);
  assert_row (report->rows->pdata[1], &sstf);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, month, func) \
  g_test_add ("/report-participation/" path, Fixture, GUINT_TO_POINTER (month), fixture_set_up, \
              func, fixture_tear_down)
  ADD ("every-year", 0, test_every_year);
  ADD ("one-year", 0, test_one_year);
  ADD ("calendar-year", 1, test_calendar_year);
#undef ADD
  return g_test_run ();
}
