/* test-report-burn.c: burn rate and projection, against figures worked out
 * by hand.
 *
 * Every expected figure below was computed by hand from the scenarios (the
 * working is in the comments), never by calling the code under test.
 * Amounts are cents in the code, dollars in the comments; shares are basis
 * points (41.67% = 4167), rounded half up.
 *
 * Grant B: award 12,000.00, period of performance 2025-01-01 .. 2025-12-31
 * (365 days, across the FY2025/FY2026 boundary on 2025-10-01); amendment
 * +3,000.00 effective 2025-04-01.  Spending on its allocation (date
 * incurred):
 *   2025-01-15  1,000.00
 *   2025-02-10  2,000.00
 *   2025-02-20    500.00  VOIDED
 *   2025-03-01  obligation PO 2,000.00 (not spending)
 *   2025-03-05  1,500.00
 *   2025-03-20   -100.01  refund (adjustment naming no obligation)
 *   2025-03-25    600.00  on PO (partial liquidation: 1,400.00 stays open)
 *   2025-04-10    800.00
 *   2025-04-20    250.00  SUBMITTED only
 */
#include <locale.h>

#include "test-report-util.h"

typedef struct {
  char *dir;
  AllotStore *store;
  gint64 grant, fund, approp, empty;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  AllotStore *s;
  g_autoptr(GError) error = NULL;
  gint64 fbi, tf, cat, alloc, po, voided, fund_alloc, approp_alloc;

  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "burn.db", NULL);
  s = fx->store;
  fbi = test_util_add_agency (s, "FBI", "Federal Bureau of Investigation", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (s, "TF", "Task force", fbi);
  cat = test_report_add_category (s, "EQUIP", 'd', 'd');

  fx->grant = test_report_add_grant (s, "B", 1200000, "2025-01-01", "2025-12-31", 0,
                                     "quarterly");
  test_util_add_amendment (s, fx->grant, "2025-04-01", 300000, "Supplement");
  alloc = test_util_add_allocation (s, fx->grant, tf, cat, 2025, 1000000,
                                    ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, alloc, 100000, "2025-01-15", NULL, 0, "B-1");
  test_report_add_expenditure (s, alloc, 200000, "2025-02-10", NULL, 0, "B-2");
  voided = test_report_add_expenditure (s, alloc, 50000, "2025-02-20", NULL, 0, "B-3");
  g_assert_true (allot_store_void_entry (s, voided, "Duplicate", &error));
  g_assert_no_error (error);
  po = test_util_add_entry (s, alloc, ALLOT_ENTRY_OBLIGATION, 200000, "2025-03-01", 0, "PO",
                            ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, alloc, 150000, "2025-03-05", NULL, 0, "B-4");
  test_util_add_entry (s, alloc, ALLOT_ENTRY_ADJUSTMENT, -10001, "2025-03-20", 0, "B-5",
                       ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, alloc, 60000, "2025-03-25", NULL, po, "B-6");
  test_report_add_expenditure (s, alloc, 80000, "2025-04-10", NULL, 0, "B-7");
  test_util_add_entry (s, alloc, ALLOT_ENTRY_EXPENDITURE, 25000, "2025-04-20", 0, "B-8",
                       ALLOT_STATUS_SUBMITTED);

  /* A forfeiture fund: received 10,000.00 on 2025-01-01, 1,000.00 spent on
   * 2025-01-05, no lapse date. */
  fx->fund = test_util_add_forfeiture (s, "F", ALLOT_FORFEITURE_DOJ);
  test_util_add_receipt (s, fx->fund, ALLOT_RECEIPT_SHARING, "2025-01-01", 1000000, "C-1");
  fund_alloc = test_util_add_allocation (s, fx->fund, tf, cat, 2025, 500000,
                                         ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, fund_alloc, 100000, "2025-01-05", "2025-01-06", 0, "F-1");

  /* FY2025 local funds, lapsing 2025-09-30: 10,000.00, 4,000.00 spent. */
  fx->approp = test_util_add_appropriation (s, "LOCAL", 2025, 1000000);
  approp_alloc = test_util_add_allocation (s, fx->approp, tf, cat, 2025, 1000000,
                                           ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, approp_alloc, 400000, "2025-02-01", NULL, 0, "L-1");

  /* Nothing spent yet. */
  fx->empty = test_report_add_grant (s, "E", 500000, "2025-01-01", "2025-12-31", 0, "annual");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  test_util_remove_tree (fx->dir);
  g_free (fx->dir);
}

static AllotBurnReport *
run (Fixture    *fx,
     gint64      source_id,
     const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GDate day = test_report_date (as_of);
  AllotBurnReport *report = allot_report_burn (fx->store, source_id, &day, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_month (const AllotBurnReport *r,
              guint                  i,
              int                    year,
              int                    month,
              gint64                 spent,
              gint64                 cumulative,
              guint                  spent_bp,
              guint                  elapsed_bp)
{
  const AllotBurnMonth *m;

  g_assert_cmpuint (i, <, r->months->len);
  m = &g_array_index (r->months, AllotBurnMonth, i);
  g_assert_cmpint (m->year, ==, year);
  g_assert_cmpint (m->month, ==, month);
  g_assert_cmpint (m->spent, ==, spent);
  g_assert_cmpint (m->cumulative, ==, cumulative);
  g_assert_cmpuint (m->spent_bp, ==, spent_bp);
  g_assert_cmpuint (m->elapsed_bp, ==, elapsed_bp);
}

static void
assert_date (const GDate *date,
             const char  *iso)
{
  GDate expected = test_report_date (iso);

  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_compare (date, &expected), ==, 0);
}

/* As of 2025-03-31 (day 90 of 365).
 *   authorized 12,000.00 (the amendment is effective 2025-04-01)
 *   spent 1,000 + 2,000 + 1,500 - 100.01 + 600 = 4,999.99; unspent
 *   7,000.01; open on PO 2,000 - 600 = 1,400.00
 *   spent 4,999.99 / 12,000 = 41.6666% -> 4167; elapsed 90 / 365 =
 *   24.6575% -> 2466
 *   months: January 1,000.00, cumulative 1,000.00, 8.33% (833.3 -> 833),
 *           31 of 365 days = 8.49% (849.3 -> 849);
 *           February 2,000.00, 3,000.00, 25.00%, 59 days = 16.16% (1616.4);
 *           March 1,999.99, 4,999.99, 4167, 2466
 *   projection: ceil (7,000.01 x 90 / 4,999.99) = ceil (126.0004) = 127
 *   days after 2025-03-31: April 30 (30), May 31 (61), June 30 (91), July
 *   31 (122), August 5 (127) -> 2025-08-05, before the end: the money runs
 *   out first. */
static void
test_grant_march (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(AllotBurnReport) r = run (fx, fx->grant, "2025-03-31");

  g_assert_cmpstr (r->source_code, ==, "B");
  g_assert_true (r->has_period);
  assert_date (&r->period_start, "2025-01-01");
  assert_date (&r->period_end, "2025-12-31");
  g_assert_cmpint (r->authorized, ==, 1200000);
  g_assert_cmpint (r->spent, ==, 499999);
  g_assert_cmpint (r->unspent, ==, 700001);
  g_assert_cmpint (r->unliquidated, ==, 140000);
  g_assert_cmpuint (r->spent_bp, ==, 4167);
  g_assert_cmpuint (r->elapsed_bp, ==, 2466);
  g_assert_cmpuint (r->days_elapsed, ==, 90);
  g_assert_cmpuint (r->days_total, ==, 365);
  g_assert_cmpuint (r->months->len, ==, 3);
  assert_month (r, 0, 2025, 1, 100000, 100000, 833, 849);
  assert_month (r, 1, 2025, 2, 200000, 300000, 2500, 1616);
  assert_month (r, 2, 2025, 3, 199999, 499999, 4167, 2466);
  g_assert_true (r->has_projection);
  assert_date (&r->exhaustion, "2025-08-05");
  g_assert_false (r->lapses_first);
  g_assert_cmpint (r->projected_unspent, ==, 0);
  g_assert_cmpuint (r->warnings->len, ==, 0);
}

/* As of 2025-06-30 (day 181: 31 + 28 + 31 + 30 + 31 + 30).
 *   authorized 12,000 + 3,000 = 15,000.00
 *   spent 4,999.99 + 800.00 = 5,799.99 (B-8 not approved); unspent
 *   9,200.01; 38.67% (3866.66 -> 3867); elapsed 181 / 365 = 49.589% -> 4959
 *   months January .. June; the shares are now of 15,000.00: January
 *   1,000 -> 6.67% (666.7 -> 667); April 800.00, cumulative 5,799.99; May
 *   and June nothing, June's elapsed 4959
 *   projection: ceil (9,200.01 x 181 / 5,799.99) = ceil (287.104) = 288
 *   days, past 2025-12-31 (184 days away): the money lapses first.  At the
 *   same pace 5,799.99 x 184 / 181 = 5,896.1224 -> 5,896.12 more is spent,
 *   9,200.01 - 5,896.12 = 3,303.89 lapses.  The day it would run out:
 *   2025-12-31 + 104 = January 31, February 28, March 31, April 14 ->
 *   2026-04-14. */
static void
test_grant_june (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(AllotBurnReport) r = run (fx, fx->grant, "2025-06-30");

  g_assert_cmpint (r->authorized, ==, 1500000);
  g_assert_cmpint (r->spent, ==, 579999);
  g_assert_cmpint (r->unspent, ==, 920001);
  g_assert_cmpuint (r->spent_bp, ==, 3867);
  g_assert_cmpuint (r->elapsed_bp, ==, 4959);
  g_assert_cmpuint (r->days_elapsed, ==, 181);
  g_assert_cmpuint (r->months->len, ==, 6);
  assert_month (r, 0, 2025, 1, 100000, 100000, 667, 849);
  assert_month (r, 3, 2025, 4, 80000, 579999, 3867, 3288);
  assert_month (r, 5, 2025, 6, 0, 579999, 3867, 4959);
  g_assert_true (r->has_projection);
  g_assert_true (r->lapses_first);
  assert_date (&r->exhaustion, "2026-04-14");
  g_assert_cmpint (r->projected_unspent, ==, 330389);
  g_assert_true (test_report_has_warning (r->warnings, "3303.89 will be left unspent"));
}

/* April's elapsed share above: 120 days (31 + 28 + 31 + 30) / 365 =
 * 32.877% -> 3288.  Here: a forfeiture fund, as of 2025-01-10.
 *   period from the first receipt, 2025-01-01, no end; authorized
 *   10,000.00; spent 1,000.00; 10 days elapsed; no elapsed share
 *   projection: ceil (9,000 x 10 / 1,000) = 90 days -> 2025-04-10 (January
 *   31 is 21 days on, February 28 49, March 31 80, April 10 90). */
static void
test_forfeiture (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(AllotBurnReport) r = run (fx, fx->fund, "2025-01-10");

  g_assert_true (r->has_period);
  assert_date (&r->period_start, "2025-01-01");
  g_assert_false (g_date_valid (&r->period_end));
  g_assert_cmpint (r->authorized, ==, 1000000);
  g_assert_cmpint (r->spent, ==, 100000);
  g_assert_cmpuint (r->days_elapsed, ==, 10);
  g_assert_cmpuint (r->elapsed_bp, ==, 0);
  g_assert_cmpuint (r->spent_bp, ==, 1000);
  g_assert_true (r->has_projection);
  g_assert_false (r->lapses_first);
  assert_date (&r->exhaustion, "2025-04-10");
}

/* FY2025 local funds after they lapsed (as of 2025-10-31): period
 * 2024-10-01 .. 2025-09-30, 4,000.00 of 10,000.00 spent, no projection,
 * 6,000.00 left unspent; thirteen months from October 2024 to October 2025.
 * A grant with nothing spent has no projection either. */
static void
test_lapsed_and_idle (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(AllotBurnReport) r = run (fx, fx->approp, "2025-10-31");
  g_autoptr(AllotBurnReport) idle = run (fx, fx->empty, "2025-06-30");

  assert_date (&r->period_start, "2024-10-01");
  assert_date (&r->period_end, "2025-09-30");
  g_assert_cmpint (r->spent, ==, 400000);
  g_assert_cmpuint (r->elapsed_bp, ==, 10000);
  g_assert_cmpuint (r->months->len, ==, 13);
  g_assert_false (r->has_projection);
  g_assert_true (test_report_has_warning (r->warnings, "with 6000.00 unspent"));

  g_assert_cmpint (idle->spent, ==, 0);
  g_assert_false (idle->has_projection);
  g_assert_cmpuint (idle->months->len, ==, 6);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/report-burn/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("grant-march", test_grant_march);
  ADD ("grant-june", test_grant_june);
  ADD ("forfeiture", test_forfeiture);
  ADD ("lapsed-and-idle", test_lapsed_and_idle);
#undef ADD
  return g_test_run ();
}
