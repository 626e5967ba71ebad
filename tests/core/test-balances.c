/* test-balances.c: balances derived from the ledger, against figures worked
 * out by hand.
 *
 * Every expected figure below was computed by hand from the scenario in
 * build_scenario() (the working is in the comments), never by calling the
 * code under test.  Amounts are cents.
 *
 * The scenario (fiscal years start 1 October):
 *
 *   Sources
 *     JAG-FY25   grant, award 100,000.00, period 2024-10-01 .. 2026-09-30
 *                (FY2025 .. FY2026); amendments +20,000.00 and -5,000.00
 *                -> authorized 100,000.00 + 20,000.00 - 5,000.00 = 115,000.00
 *     LOCAL-FY25 appropriation for FY2025, 50,000.00 -> authorized 50,000.00
 *     FBI-MOU    agreement with the FBI, 2024-10-01 .. 2026-09-30; partner
 *                cash 25,000.00 and 5,000.00, partner in-kind 18,000.00 (not
 *                counted), our own cash 2,000.00 (not counted)
 *                -> authorized 25,000.00 + 5,000.00 = 30,000.00
 *     DOJ-ES     DOJ forfeiture fund; receipts 30,000.00 + 12,000.00 and
 *                interest 125.50 -> authorized 42,125.50
 *     TREAS-ES   Treasury forfeiture fund; receipt 8,000.00 -> authorized 8,000.00
 *
 *   Allocations (task forces SSTF and HIDTA, categories PERS and EQUIP)
 *     A1 JAG-FY25   / SSTF  / PERS  FY2025  60,000.00
 *     A2 JAG-FY25   / HIDTA / EQUIP FY2026  40,000.00
 *     A3 LOCAL-FY25 / SSTF  / EQUIP FY2025  20,000.00
 *     A4 DOJ-ES     / HIDTA / EQUIP FY2026  40,000.00
 *     A5 FBI-MOU    / SSTF  / PERS  FY2026  30,000.00
 *     A6 TREAS-ES   / HIDTA / PERS  FY2026   1,000.00  SUBMITTED: never counts
 *
 *   Ledger
 *     A1  PO-1   obligation            10,000.00
 *         INV-1  expenditure on PO-1    4,000.00   (partial liquidation)
 *         PO-2   obligation             3,000.00
 *         INV-2  expenditure on PO-2    3,000.00   (full liquidation)
 *         INV-3  direct expenditure     2,500.00
 *         REF-1  adjustment, refund      -150.00   (corrects expenditures)
 *         DEOB-1 adjustment on PO-1    -1,000.00   (deobligation)
 *         INV-4  direct expenditure       700.00   VOIDED: does not count
 *         INV-5  direct expenditure       900.00   SUBMITTED: does not count
 *         PO-9   obligation             2,222.22   SUBMITTED: does not count
 *     A2  PO-3   obligation             8,000.00
 *         INV-6  expenditure on PO-3    2,000.00
 *         INV-7  direct expenditure     1,200.00
 *     A3  INV-8  direct expenditure     5,000.00
 *     A4  PO-4   obligation            15,000.00
 *         INV-9  expenditure on PO-4    6,000.00
 *     A5  INV-10 direct expenditure     7,250.25
 *     A6  INV-11 direct expenditure        50.00   SUBMITTED (its allocation is not
 *                                                 approved, so it cannot be)
 *
 *   Per allocation (obligated = obligations + adjustments naming one;
 *   expended = expenditures + other adjustments; unliquidated = obligated -
 *   expenditures liquidating obligations; available = budget - expended -
 *   unliquidated):
 *     A1 obligated 10,000 + 3,000 - 1,000 = 12,000.00
 *        expended  4,000 + 3,000 + 2,500 - 150 = 9,350.00
 *        unliquidated 12,000 - (4,000 + 3,000) = 5,000.00
 *        available 60,000 - 9,350 - 5,000 = 45,650.00
 *     A2 obligated 8,000.00, expended 2,000 + 1,200 = 3,200.00,
 *        unliquidated 8,000 - 2,000 = 6,000.00, available 40,000 - 3,200 - 6,000 = 30,800.00
 *     A3 obligated 0, expended 5,000.00, unliquidated 0, available 15,000.00
 *     A4 obligated 15,000.00, expended 6,000.00, unliquidated 9,000.00,
 *        available 40,000 - 6,000 - 9,000 = 25,000.00
 *     A5 obligated 0, expended 7,250.25, unliquidated 0, available 22,749.75
 */
#include <locale.h>
#include <inttypes.h>
#include <string.h>

#include "test-util.h"

typedef struct {
  const char *code;
  int fiscal_year;
  gint64 authorized;
  gint64 allocated;
  gint64 obligated;
  gint64 expended;
  gint64 unliquidated;
  gint64 available;
} Expected;

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 jag, local, mou, doj, treas;
  gint64 sstf, hidta;
  gint64 a1, a2, a3, a4, a5, a6;
} Scenario;

static void
build_scenario (Scenario *s)
{
  g_autoptr(GError) error = NULL;
  gint64 fbi, dea, pers, equip;
  gint64 po1, po2, po3, po4, inv4;

  s->dir = test_util_make_tmpdir ();
  s->store = test_util_create_store (s->dir, "allot.db", &s->path);

  fbi = test_util_add_agency (s->store, "FBI", "Federal Bureau of Investigation",
                              ALLOT_AGENCY_FEDERAL);
  dea = test_util_add_agency (s->store, "DEA", "Drug Enforcement Administration",
                              ALLOT_AGENCY_FEDERAL);
  s->sstf = test_util_add_task_force (s->store, "SSTF", "Safe Streets Task Force", fbi);
  s->hidta = test_util_add_task_force (s->store, "HIDTA", "HIDTA Task Force", dea);
  pers = test_util_add_category (s->store, "PERS", "Personnel", 'a');
  equip = test_util_add_category (s->store, "EQUIP", "Equipment", 'd');

  s->jag = test_util_add_grant (s->store, "JAG-FY25", "15PBJA-24-GG-00001", 10000000,
                                "2024-10-01", "2026-09-30");
  test_util_add_amendment (s->store, s->jag, "2025-01-15", 2000000, "Supplemental award");
  test_util_add_amendment (s->store, s->jag, "2025-06-01", -500000, "Partial rescission");

  s->local = test_util_add_appropriation (s->store, "LOCAL-FY25", 2025, 5000000);

  s->mou = test_util_add_agreement (s->store, "FBI-MOU", "MOU-17", fbi, "2024-10-01",
                                    "2026-09-30");
  test_util_add_contribution (s->store, s->mou, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 2500000,
                              "Overtime reimbursement");
  test_util_add_contribution (s->store, s->mou, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 500000,
                              "Fuel reimbursement");
  test_util_add_contribution (s->store, s->mou, ALLOT_SIDE_PARTNER, ALLOT_FORM_IN_KIND, 1800000,
                              "Two vehicles");
  test_util_add_contribution (s->store, s->mou, ALLOT_SIDE_JURISDICTION, ALLOT_FORM_CASH,
                              200000, "Our share");

  s->doj = test_util_add_forfeiture (s->store, "DOJ-ES", ALLOT_FORFEITURE_DOJ);
  test_util_add_receipt (s->store, s->doj, ALLOT_RECEIPT_SHARING, "2024-10-20", 3000000, "C-1");
  test_util_add_receipt (s->store, s->doj, ALLOT_RECEIPT_SHARING, "2025-02-03", 1200000, "C-2");
  test_util_add_receipt (s->store, s->doj, ALLOT_RECEIPT_INTEREST, "2025-03-31", 12550, NULL);
  s->treas = test_util_add_forfeiture (s->store, "TREAS-ES", ALLOT_FORFEITURE_TREASURY);
  test_util_add_receipt (s->store, s->treas, ALLOT_RECEIPT_SHARING, "2025-05-05", 800000,
                         "T-1");

  s->a1 = test_util_add_allocation (s->store, s->jag, s->sstf, pers, 2025, 6000000,
                                    ALLOT_STATUS_APPROVED);
  s->a2 = test_util_add_allocation (s->store, s->jag, s->hidta, equip, 2026, 4000000,
                                    ALLOT_STATUS_APPROVED);
  s->a3 = test_util_add_allocation (s->store, s->local, s->sstf, equip, 2025, 2000000,
                                    ALLOT_STATUS_APPROVED);
  s->a4 = test_util_add_allocation (s->store, s->doj, s->hidta, equip, 2026, 4000000,
                                    ALLOT_STATUS_APPROVED);
  s->a5 = test_util_add_allocation (s->store, s->mou, s->sstf, pers, 2026, 3000000,
                                    ALLOT_STATUS_APPROVED);
  s->a6 = test_util_add_allocation (s->store, s->treas, s->hidta, pers, 2026, 100000,
                                    ALLOT_STATUS_SUBMITTED);

  /* A1 */
  po1 = test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_OBLIGATION, 1000000, "2024-11-01", 0,
                             "PO-1", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_EXPENDITURE, 400000, "2024-12-01", po1,
                       "INV-1", ALLOT_STATUS_APPROVED);
  po2 = test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_OBLIGATION, 300000, "2024-11-05", 0,
                             "PO-2", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_EXPENDITURE, 300000, "2024-12-10", po2,
                       "INV-2", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_EXPENDITURE, 250000, "2025-01-10", 0,
                       "INV-3", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_ADJUSTMENT, -15000, "2025-01-20", 0,
                       "REF-1", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_ADJUSTMENT, -100000, "2025-02-01", po1,
                       "DEOB-1", ALLOT_STATUS_APPROVED);
  inv4 = test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_EXPENDITURE, 70000, "2025-02-10", 0,
                              "INV-4", ALLOT_STATUS_APPROVED);
  g_assert_true (allot_store_void_entry (s->store, inv4, "Keyed twice", &error));
  g_assert_no_error (error);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_EXPENDITURE, 90000, "2025-02-11", 0,
                       "INV-5", ALLOT_STATUS_SUBMITTED);
  test_util_add_entry (s->store, s->a1, ALLOT_ENTRY_OBLIGATION, 222222, "2025-02-12", 0,
                       "PO-9", ALLOT_STATUS_SUBMITTED);

  /* A2 */
  po3 = test_util_add_entry (s->store, s->a2, ALLOT_ENTRY_OBLIGATION, 800000, "2025-11-15", 0,
                             "PO-3", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a2, ALLOT_ENTRY_EXPENDITURE, 200000, "2025-12-15", po3,
                       "INV-6", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a2, ALLOT_ENTRY_EXPENDITURE, 120000, "2026-01-15", 0,
                       "INV-7", ALLOT_STATUS_APPROVED);

  /* A3 */
  test_util_add_entry (s->store, s->a3, ALLOT_ENTRY_EXPENDITURE, 500000, "2025-03-01", 0,
                       "INV-8", ALLOT_STATUS_APPROVED);

  /* A4 */
  po4 = test_util_add_entry (s->store, s->a4, ALLOT_ENTRY_OBLIGATION, 1500000, "2025-10-20", 0,
                             "PO-4", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s->store, s->a4, ALLOT_ENTRY_EXPENDITURE, 600000, "2025-11-20", po4,
                       "INV-9", ALLOT_STATUS_APPROVED);

  /* A5 */
  test_util_add_entry (s->store, s->a5, ALLOT_ENTRY_EXPENDITURE, 725025, "2025-10-31", 0,
                       "INV-10", ALLOT_STATUS_APPROVED);

  /* A6, not approved: an entry charged to it cannot be approved either, so
   * it stays submitted. */
  test_util_add_entry (s->store, s->a6, ALLOT_ENTRY_EXPENDITURE, 5000, "2025-10-31", 0,
                       "INV-11", ALLOT_STATUS_SUBMITTED);
}

static void
free_scenario (Scenario *s)
{
  g_clear_object (&s->store);
  test_util_remove_tree (s->dir);
  g_free (s->dir);
  g_free (s->path);
}

static void
check_row (const AllotBalanceRow *row,
           AllotBalanceGrouping   grouping,
           const Expected        *e)
{
  const AllotBalance *b = &row->balance;

  g_test_message ("%s FY%d: authorized %" PRId64 " allocated %" PRId64
                  " obligated %" PRId64 " expended %" PRId64
                  " unliquidated %" PRId64 " available %" PRId64,
                  row->code, row->fiscal_year, b->authorized, b->allocated, b->obligated,
                  b->expended, b->unliquidated, b->available);
  g_assert_cmpint (row->grouping, ==, grouping);
  g_assert_cmpstr (row->code, ==, e->code);
  g_assert_nonnull (row->name);
  g_assert_cmpint (row->fiscal_year, ==, e->fiscal_year);
  g_assert_cmpint (b->authorized, ==, e->authorized);
  g_assert_cmpint (b->allocated, ==, e->allocated);
  g_assert_cmpint (b->obligated, ==, e->obligated);
  g_assert_cmpint (b->expended, ==, e->expended);
  g_assert_cmpint (b->unliquidated, ==, e->unliquidated);
  g_assert_cmpint (b->available, ==, e->available);
  /* The identity every row must satisfy. */
  g_assert_cmpint (b->available, ==, b->authorized - b->expended - b->unliquidated);
}

static void
check_rows (GPtrArray            *rows,
            AllotBalanceGrouping  grouping,
            const Expected       *expected,
            guint                 n_expected)
{
  g_assert_nonnull (rows);
  if (rows->len != n_expected)
    {
      for (guint i = 0; i < rows->len; i++)
        g_test_message ("row %u: %s", i, ((AllotBalanceRow *) rows->pdata[i])->code);
    }
  g_assert_cmpuint (rows->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    check_row (rows->pdata[i], grouping, &expected[i]);
}

static GPtrArray *
balances_of (AllotStore           *store,
             AllotBalanceGrouping  grouping,
             int                   fiscal_year)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = allot_store_list_balances (store, grouping, fiscal_year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static GPtrArray *
balances (Scenario             *s,
          AllotBalanceGrouping  grouping,
          int                   fiscal_year)
{
  return balances_of (s->store, grouping, fiscal_year);
}

static void
test_authorized (void)
{
  Scenario s = { 0 };
  g_autoptr(GError) error = NULL;
  struct { gint64 *id; gint64 cents; } cases[] = {
    { &s.jag, 11500000 },   /* 100,000.00 + 20,000.00 - 5,000.00 */
    { &s.local, 5000000 },  /* 50,000.00 */
    { &s.mou, 3000000 },    /* 25,000.00 + 5,000.00 partner cash only */
    { &s.doj, 4212550 },    /* 30,000.00 + 12,000.00 + 125.50 */
    { &s.treas, 800000 },   /* 8,000.00 */
  };
  g_autoptr(GArray) years = NULL;

  build_scenario (&s);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 authorized = -1;

      g_assert_true (allot_store_source_authorized (s.store, *cases[i].id, &authorized, &error));
      g_assert_no_error (error);
      g_assert_cmpint (authorized, ==, cases[i].cents);
    }

  years = allot_store_list_fiscal_years (s.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2025);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2026);
  free_scenario (&s);
}

static void
test_by_source (void)
{
  Scenario s = { 0 };
  g_autoptr(GPtrArray) lifetime = NULL;
  g_autoptr(GPtrArray) fy2025 = NULL;
  g_autoptr(GPtrArray) fy2026 = NULL;
  g_autoptr(GPtrArray) fy2027 = NULL;
  /* Lifetime: authorized is what each source makes available; kinds in the
   * order grant, appropriation, agreement, forfeiture, then by code. */
  const Expected lifetime_expected[] = {
    /* JAG-FY25: A1 + A2.  allocated 60,000 + 40,000 = 100,000.00;
     * obligated 12,000 + 8,000 = 20,000.00; expended 9,350 + 3,200 = 12,550.00;
     * unliquidated 5,000 + 6,000 = 11,000.00;
     * available 115,000 - 12,550 - 11,000 = 91,450.00 */
    { "JAG-FY25", 0, 11500000, 10000000, 2000000, 1255000, 1100000, 9145000 },
    /* LOCAL-FY25: A3.  available 50,000 - 5,000 = 45,000.00 */
    { "LOCAL-FY25", 0, 5000000, 2000000, 0, 500000, 0, 4500000 },
    /* FBI-MOU: A5.  available 30,000 - 7,250.25 = 22,749.75 */
    { "FBI-MOU", 0, 3000000, 3000000, 0, 725025, 0, 2274975 },
    /* DOJ-ES: A4.  available 42,125.50 - 6,000 - 9,000 = 27,125.50 */
    { "DOJ-ES", 0, 4212550, 4000000, 1500000, 600000, 900000, 2712550 },
    /* TREAS-ES: its only allocation is not approved: nothing allocated or spent. */
    { "TREAS-ES", 0, 800000, 0, 0, 0, 0, 800000 },
  };
  /* Per fiscal year: authorized is the allocated budget of that year. */
  const Expected fy2025_expected[] = {
    /* A1 */
    { "JAG-FY25", 2025, 6000000, 6000000, 1200000, 935000, 500000, 4565000 },
    /* A3: 20,000 - 5,000 = 15,000.00 */
    { "LOCAL-FY25", 2025, 2000000, 2000000, 0, 500000, 0, 1500000 },
  };
  const Expected fy2026_expected[] = {
    /* A2 */
    { "JAG-FY25", 2026, 4000000, 4000000, 800000, 320000, 600000, 3080000 },
    /* A5 */
    { "FBI-MOU", 2026, 3000000, 3000000, 0, 725025, 0, 2274975 },
    /* A4 */
    { "DOJ-ES", 2026, 4000000, 4000000, 1500000, 600000, 900000, 2500000 },
  };

  build_scenario (&s);
  lifetime = balances (&s, ALLOT_BALANCE_BY_SOURCE, 0);
  check_rows (lifetime, ALLOT_BALANCE_BY_SOURCE, lifetime_expected,
              G_N_ELEMENTS (lifetime_expected));
  g_assert_cmpint (((AllotBalanceRow *) lifetime->pdata[0])->id, ==, s.jag);
  g_assert_cmpint (((AllotBalanceRow *) lifetime->pdata[4])->id, ==, s.treas);

  fy2025 = balances (&s, ALLOT_BALANCE_BY_SOURCE, 2025);
  check_rows (fy2025, ALLOT_BALANCE_BY_SOURCE, fy2025_expected, G_N_ELEMENTS (fy2025_expected));
  fy2026 = balances (&s, ALLOT_BALANCE_BY_SOURCE, 2026);
  check_rows (fy2026, ALLOT_BALANCE_BY_SOURCE, fy2026_expected, G_N_ELEMENTS (fy2026_expected));
  fy2027 = balances (&s, ALLOT_BALANCE_BY_SOURCE, 2027);
  g_assert_cmpuint (fy2027->len, ==, 0);
  free_scenario (&s);
}

static void
test_by_allocation (void)
{
  Scenario s = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) fy2026 = NULL;
  /* By fiscal year, then source, task force and category codes; A6 (not
   * approved) never appears. */
  const Expected all_expected[] = {
    { "JAG-FY25/SSTF/PERS", 2025, 6000000, 6000000, 1200000, 935000, 500000, 4565000 },    /* A1 */
    { "LOCAL-FY25/SSTF/EQUIP", 2025, 2000000, 2000000, 0, 500000, 0, 1500000 },           /* A3 */
    { "DOJ-ES/HIDTA/EQUIP", 2026, 4000000, 4000000, 1500000, 600000, 900000, 2500000 },    /* A4 */
    { "FBI-MOU/SSTF/PERS", 2026, 3000000, 3000000, 0, 725025, 0, 2274975 },               /* A5 */
    { "JAG-FY25/HIDTA/EQUIP", 2026, 4000000, 4000000, 800000, 320000, 600000, 3080000 },   /* A2 */
  };
  const gint64 *ids[] = { &s.a1, &s.a3, &s.a4, &s.a5, &s.a2 };

  build_scenario (&s);
  all = balances (&s, ALLOT_BALANCE_BY_ALLOCATION, 0);
  check_rows (all, ALLOT_BALANCE_BY_ALLOCATION, all_expected, G_N_ELEMENTS (all_expected));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (((AllotBalanceRow *) all->pdata[i])->id, ==, *ids[i]);

  fy2026 = balances (&s, ALLOT_BALANCE_BY_ALLOCATION, 2026);
  check_rows (fy2026, ALLOT_BALANCE_BY_ALLOCATION, all_expected + 2, 3);
  free_scenario (&s);
}

static void
test_by_task_force (void)
{
  Scenario s = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) fy2025 = NULL;
  g_autoptr(GPtrArray) fy2026 = NULL;
  const Expected all_expected[] = {
    /* HIDTA: A2 + A4.  budget 40,000 + 40,000 = 80,000.00; obligated 8,000 +
     * 15,000 = 23,000.00; expended 3,200 + 6,000 = 9,200.00; unliquidated
     * 6,000 + 9,000 = 15,000.00; available 80,000 - 9,200 - 15,000 = 55,800.00 */
    { "HIDTA", 0, 8000000, 8000000, 2300000, 920000, 1500000, 5580000 },
    /* SSTF: A1 + A3 + A5.  budget 60,000 + 20,000 + 30,000 = 110,000.00;
     * obligated 12,000.00; expended 9,350 + 5,000 + 7,250.25 = 21,600.25;
     * unliquidated 5,000.00; available 110,000 - 21,600.25 - 5,000 = 83,399.75 */
    { "SSTF", 0, 11000000, 11000000, 1200000, 2160025, 500000, 8339975 },
  };
  const Expected fy2025_expected[] = {
    /* SSTF: A1 + A3.  budget 80,000.00; expended 9,350 + 5,000 = 14,350.00;
     * available 80,000 - 14,350 - 5,000 = 60,650.00 */
    { "SSTF", 2025, 8000000, 8000000, 1200000, 1435000, 500000, 6065000 },
  };
  const Expected fy2026_expected[] = {
    /* HIDTA: A2 + A4, all in FY2026: as above. */
    { "HIDTA", 2026, 8000000, 8000000, 2300000, 920000, 1500000, 5580000 },
    /* SSTF: A5 */
    { "SSTF", 2026, 3000000, 3000000, 0, 725025, 0, 2274975 },
  };

  build_scenario (&s);
  all = balances (&s, ALLOT_BALANCE_BY_TASK_FORCE, 0);
  check_rows (all, ALLOT_BALANCE_BY_TASK_FORCE, all_expected, G_N_ELEMENTS (all_expected));
  g_assert_cmpint (((AllotBalanceRow *) all->pdata[0])->id, ==, s.hidta);
  g_assert_cmpint (((AllotBalanceRow *) all->pdata[1])->id, ==, s.sstf);
  fy2025 = balances (&s, ALLOT_BALANCE_BY_TASK_FORCE, 2025);
  check_rows (fy2025, ALLOT_BALANCE_BY_TASK_FORCE, fy2025_expected,
              G_N_ELEMENTS (fy2025_expected));
  fy2026 = balances (&s, ALLOT_BALANCE_BY_TASK_FORCE, 2026);
  check_rows (fy2026, ALLOT_BALANCE_BY_TASK_FORCE, fy2026_expected,
              G_N_ELEMENTS (fy2026_expected));
  free_scenario (&s);
}

static void
test_by_fiscal_year (void)
{
  Scenario s = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) fy2026 = NULL;
  const Expected all_expected[] = {
    /* FY2025: A1 + A3, as SSTF in FY2025. */
    { "FY2025", 2025, 8000000, 8000000, 1200000, 1435000, 500000, 6065000 },
    /* FY2026: A2 + A4 + A5.  budget 40,000 + 40,000 + 30,000 = 110,000.00;
     * obligated 8,000 + 15,000 = 23,000.00; expended 3,200 + 6,000 + 7,250.25
     * = 16,450.25; unliquidated 6,000 + 9,000 = 15,000.00;
     * available 110,000 - 16,450.25 - 15,000 = 78,549.75 */
    { "FY2026", 2026, 11000000, 11000000, 2300000, 1645025, 1500000, 7854975 },
  };

  build_scenario (&s);
  all = balances (&s, ALLOT_BALANCE_BY_FISCAL_YEAR, 0);
  check_rows (all, ALLOT_BALANCE_BY_FISCAL_YEAR, all_expected, G_N_ELEMENTS (all_expected));
  g_assert_cmpint (((AllotBalanceRow *) all->pdata[0])->id, ==, 0);
  fy2026 = balances (&s, ALLOT_BALANCE_BY_FISCAL_YEAR, 2026);
  check_rows (fy2026, ALLOT_BALANCE_BY_FISCAL_YEAR, all_expected + 1, 1);
  free_scenario (&s);
}

static void
test_by_kind (void)
{
  Scenario s = { 0 };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) fy2025 = NULL;
  g_autoptr(GPtrArray) fy2026 = NULL;
  const Expected all_expected[] = {
    { "grant", 0, 11500000, 10000000, 2000000, 1255000, 1100000, 9145000 },
    { "appropriation", 0, 5000000, 2000000, 0, 500000, 0, 4500000 },
    { "agreement", 0, 3000000, 3000000, 0, 725025, 0, 2274975 },
    /* DOJ-ES + TREAS-ES: authorized 42,125.50 + 8,000 = 50,125.50;
     * available 50,125.50 - 6,000 - 9,000 = 35,125.50 */
    { "forfeiture", 0, 5012550, 4000000, 1500000, 600000, 900000, 3512550 },
  };
  const Expected fy2025_expected[] = {
    { "grant", 2025, 6000000, 6000000, 1200000, 935000, 500000, 4565000 },
    { "appropriation", 2025, 2000000, 2000000, 0, 500000, 0, 1500000 },
  };
  const Expected fy2026_expected[] = {
    { "grant", 2026, 4000000, 4000000, 800000, 320000, 600000, 3080000 },
    { "agreement", 2026, 3000000, 3000000, 0, 725025, 0, 2274975 },
    { "forfeiture", 2026, 4000000, 4000000, 1500000, 600000, 900000, 2500000 },
  };

  build_scenario (&s);
  all = balances (&s, ALLOT_BALANCE_BY_KIND, 0);
  check_rows (all, ALLOT_BALANCE_BY_KIND, all_expected, G_N_ELEMENTS (all_expected));
  /* The id of a kind row is the AllotSourceKind. */
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((AllotBalanceRow *) all->pdata[i])->id, ==, (gint64) i);
  fy2025 = balances (&s, ALLOT_BALANCE_BY_KIND, 2025);
  check_rows (fy2025, ALLOT_BALANCE_BY_KIND, fy2025_expected, G_N_ELEMENTS (fy2025_expected));
  fy2026 = balances (&s, ALLOT_BALANCE_BY_KIND, 2026);
  check_rows (fy2026, ALLOT_BALANCE_BY_KIND, fy2026_expected, G_N_ELEMENTS (fy2026_expected));
  g_assert_cmpint (((AllotBalanceRow *) fy2026->pdata[1])->id, ==, ALLOT_SOURCE_AGREEMENT);
  free_scenario (&s);
}

/* Balances follow the ledger: voiding, and adding, change them at once. */
static void
test_follows_ledger (void)
{
  Scenario s = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(AllotLedgerEntry) inv10 = NULL;
  g_autoptr(GPtrArray) found = NULL;
  AllotLedgerFilter filter;
  const Expected before_expected =
    { "FBI-MOU/SSTF/PERS", 2026, 3000000, 3000000, 0, 725025, 0, 2274975 };
  /* INV-10 voided, an obligation of 1,000.00 added and 400.00 of it paid:
   * expended 400.00, unliquidated 600.00, available 30,000 - 400 - 600 = 29,000.00 */
  const Expected after_expected =
    { "FBI-MOU/SSTF/PERS", 2026, 3000000, 3000000, 100000, 40000, 60000, 2900000 };
  gint64 po;

  build_scenario (&s);
  allot_ledger_filter_init (&filter);
  filter.search = "INV-10";
  found = allot_store_list_ledger (s.store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  inv10 = g_ptr_array_steal_index (found, 0);

  /* FY2026 rows: A4, A5, A2. */
  before = balances (&s, ALLOT_BALANCE_BY_ALLOCATION, 2026);
  g_assert_cmpuint (before->len, ==, 3);
  g_assert_cmpint (((AllotBalanceRow *) before->pdata[1])->id, ==, s.a5);
  check_row (before->pdata[1], ALLOT_BALANCE_BY_ALLOCATION, &before_expected);

  g_assert_true (allot_store_void_entry (s.store, inv10->id, "Billed to the wrong MOU", &error));
  g_assert_no_error (error);
  po = test_util_add_entry (s.store, s.a5, ALLOT_ENTRY_OBLIGATION, 100000, "2025-11-01", 0,
                            "PO-5", ALLOT_STATUS_APPROVED);
  test_util_add_entry (s.store, s.a5, ALLOT_ENTRY_EXPENDITURE, 40000, "2025-11-02", po, "INV-12",
                       ALLOT_STATUS_APPROVED);
  after = balances (&s, ALLOT_BALANCE_BY_ALLOCATION, 2026);
  g_assert_cmpuint (after->len, ==, 3);
  g_assert_cmpint (((AllotBalanceRow *) after->pdata[1])->id, ==, s.a5);
  check_row (after->pdata[1], ALLOT_BALANCE_BY_ALLOCATION, &after_expected);
  free_scenario (&s);
}

/* Every grouping adds up to the same totals. */
static void
test_groupings_tie_out (void)
{
  Scenario s = { 0 };
  const AllotBalanceGrouping budget_groupings[] = {
    ALLOT_BALANCE_BY_ALLOCATION, ALLOT_BALANCE_BY_TASK_FORCE, ALLOT_BALANCE_BY_FISCAL_YEAR,
  };

  build_scenario (&s);
  for (guint g = 0; g < G_N_ELEMENTS (budget_groupings); g++)
    {
      g_autoptr(GPtrArray) rows = balances (&s, budget_groupings[g], 0);
      AllotBalance sum = { 0 };

      for (guint i = 0; i < rows->len; i++)
        {
          const AllotBalance *b = &((AllotBalanceRow *) rows->pdata[i])->balance;

          sum.authorized += b->authorized;
          sum.obligated += b->obligated;
          sum.expended += b->expended;
          sum.unliquidated += b->unliquidated;
          sum.available += b->available;
        }
      /* budget 80,000 + 110,000 = 190,000.00; obligated 12,000 + 23,000 =
       * 35,000.00; expended 14,350 + 16,450.25 = 30,800.25; unliquidated
       * 5,000 + 15,000 = 20,000.00; available 60,650 + 78,549.75 = 139,199.75 */
      g_assert_cmpint (sum.authorized, ==, 19000000);
      g_assert_cmpint (sum.obligated, ==, 3500000);
      g_assert_cmpint (sum.expended, ==, 3080025);
      g_assert_cmpint (sum.unliquidated, ==, 2000000);
      g_assert_cmpint (sum.available, ==, 13919975);
    }
  free_scenario (&s);
}

/* A payment against an obligation still awaiting review: it cannot be
 * approved before the obligation, and until it is, neither counts.  Whatever
 * the order, unliquidated never goes negative and money paid leaves
 * "available".  (Schema 1 counted such a payment as liquidating an
 * obligation it did not count: unliquidated went negative and the payment
 * vanished from available.) */
static void
test_pending_obligation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autoptr(AllotStore) store = test_util_create_store (dir, "allot.db", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  const Expected pending =
    /* 1,000.00 budget, nothing approved on it yet. */
    { "JAG/SSTF/PERS", 2025, 100000, 100000, 0, 0, 0, 100000 };
  const Expected approved =
    /* obligated 500.00 - 100.00 = 400.00; paid 200.00 of it: unliquidated
     * 200.00, available 1,000 - 200 - 200 = 600.00 */
    { "JAG/SSTF/PERS", 2025, 100000, 100000, 40000, 20000, 20000, 60000 };
  gint64 fbi, tf, cat, grant, allocation, po, payment, cut;
  gboolean ok;

  fbi = test_util_add_agency (store, "FBI", "FBI", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (store, "SSTF", "Safe Streets", fbi);
  cat = test_util_add_category (store, "PERS", "Personnel", 'a');
  grant = test_util_add_grant (store, "JAG", "AWARD-1", 100000, "2024-10-01", "2025-09-30");
  allocation = test_util_add_allocation (store, grant, tf, cat, 2025, 100000,
                                         ALLOT_STATUS_APPROVED);
  /* A 500.00 obligation awaiting review; 200.00 paid against it and 100.00 of
   * it deobligated, both submitted. */
  po = test_util_add_entry (store, allocation, ALLOT_ENTRY_OBLIGATION, 50000, "2024-11-01", 0,
                            "PO-1", ALLOT_STATUS_SUBMITTED);
  payment = test_util_add_entry (store, allocation, ALLOT_ENTRY_EXPENDITURE, 20000, "2024-11-02",
                                 po, "INV-1", ALLOT_STATUS_SUBMITTED);
  cut = test_util_add_entry (store, allocation, ALLOT_ENTRY_ADJUSTMENT, -10000, "2024-11-03", po,
                             "DEOB-1", ALLOT_STATUS_SUBMITTED);

  allot_store_set_user (store, TEST_UTIL_REVIEWER);
  ok = allot_store_approve_entry (store, payment, &error);
  g_assert_false (ok);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);
  allot_store_set_user (store, TEST_UTIL_OFFICER);

  rows = balances_of (store, ALLOT_BALANCE_BY_ALLOCATION, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  check_row (rows->pdata[0], ALLOT_BALANCE_BY_ALLOCATION, &pending);
  g_clear_pointer (&rows, g_ptr_array_unref);

  test_util_approve_entry (store, po);
  test_util_approve_entry (store, payment);
  test_util_approve_entry (store, cut);
  rows = balances_of (store, ALLOT_BALANCE_BY_ALLOCATION, 0);
  g_assert_cmpuint (rows->len, ==, 1);
  check_row (rows->pdata[0], ALLOT_BALANCE_BY_ALLOCATION, &approved);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

/* Money entered but not yet approved is summed apart from the balances, by
 * kind of source and by the fiscal year of its allocation. */
static void
test_not_yet_approved (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autoptr(AllotStore) store = test_util_create_store (dir, "allot.db", NULL);
  AllotPending pending[ALLOT_SOURCE_N_KINDS];
  gint64 fbi, tf, pers, equip, grant, allocation, po, approved_po;

  fbi = test_util_add_agency (store, "FBI", "FBI", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (store, "SSTF", "Safe Streets", fbi);
  pers = test_util_add_category (store, "PERS", "Personnel", 'a');
  equip = test_util_add_category (store, "EQUIP", "Equipment", 'e');
  grant = test_util_add_grant (store, "JAG", "AWARD-1", 500000, "2024-10-01", "2026-09-30");
  allocation = test_util_add_allocation (store, grant, tf, pers, 2025, 100000,
                                         ALLOT_STATUS_APPROVED);
  /* Pending budget: 300.00 submitted in FY2025; 200.00 in draft for FY2026. */
  test_util_add_allocation (store, grant, tf, equip, 2025, 30000, ALLOT_STATUS_SUBMITTED);
  test_util_add_allocation (store, grant, tf, pers, 2026, 20000, ALLOT_STATUS_DRAFT);
  /* Pending spending: a 500.00 obligation submitted, 200.00 paid against it
   * in draft, a 100.00 deobligation of it submitted (obligated, as in the
   * balances: 500.00 - 100.00 = 400.00); a 75.00 obligation that is
   * approved (in the balances instead). */
  po = test_util_add_entry (store, allocation, ALLOT_ENTRY_OBLIGATION, 50000, "2024-11-01", 0,
                            "PO-1", ALLOT_STATUS_SUBMITTED);
  test_util_add_entry (store, allocation, ALLOT_ENTRY_EXPENDITURE, 20000, "2024-11-02", po,
                       "INV-1", ALLOT_STATUS_DRAFT);
  test_util_add_entry (store, allocation, ALLOT_ENTRY_ADJUSTMENT, -10000, "2024-11-03", po,
                       "DEOB-1", ALLOT_STATUS_SUBMITTED);
  approved_po = test_util_add_entry (store, allocation, ALLOT_ENTRY_OBLIGATION, 7500,
                                     "2024-11-04", 0, "PO-2", ALLOT_STATUS_SUBMITTED);
  test_util_approve_entry (store, approved_po);

  g_assert_true (allot_store_pending_by_kind (store, 2025, pending, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending[ALLOT_SOURCE_GRANT].n_allocations, ==, 1);
  g_assert_cmpint (pending[ALLOT_SOURCE_GRANT].allocated, ==, 30000);
  g_assert_cmpuint (pending[ALLOT_SOURCE_GRANT].n_entries, ==, 3);
  g_assert_cmpint (pending[ALLOT_SOURCE_GRANT].obligated, ==, 40000);
  g_assert_cmpint (pending[ALLOT_SOURCE_GRANT].expended, ==, 20000);
  for (guint k = ALLOT_SOURCE_APPROPRIATION; k < ALLOT_SOURCE_N_KINDS; k++)
    {
      g_assert_cmpuint (pending[k].n_allocations + pending[k].n_entries, ==, 0);
      g_assert_cmpint (pending[k].allocated + pending[k].obligated + pending[k].expended, ==, 0);
    }

  g_assert_true (allot_store_pending_by_kind (store, 2026, pending, &error));
  g_assert_cmpuint (pending[ALLOT_SOURCE_GRANT].n_allocations, ==, 1);
  g_assert_cmpint (pending[ALLOT_SOURCE_GRANT].allocated, ==, 20000);
  g_assert_cmpuint (pending[ALLOT_SOURCE_GRANT].n_entries, ==, 0);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/balances/authorized", test_authorized);
  g_test_add_func ("/balances/by-source", test_by_source);
  g_test_add_func ("/balances/by-allocation", test_by_allocation);
  g_test_add_func ("/balances/by-task-force", test_by_task_force);
  g_test_add_func ("/balances/by-fiscal-year", test_by_fiscal_year);
  g_test_add_func ("/balances/by-kind", test_by_kind);
  g_test_add_func ("/balances/follows-ledger", test_follows_ledger);
  g_test_add_func ("/balances/groupings-tie-out", test_groupings_tie_out);
  g_test_add_func ("/balances/pending-obligation", test_pending_obligation);
  g_test_add_func ("/balances/not-yet-approved", test_not_yet_approved);

  return g_test_run ();
}
