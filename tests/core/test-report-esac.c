/* test-report-esac.c: the Equitable Sharing Agreement and Certification,
 * against figures worked out by hand.
 *
 * Every expected figure below was computed by hand from the scenario in
 * build() (the working is in the comments), never by calling the code under
 * test.  Amounts are cents in the code, dollars in the comments.
 *
 * The scenario (the agency's fiscal year starts 1 October: FY2025 =
 * 2024-10-01 .. 2025-09-30, FY2026 = 2025-10-01 .. 2026-09-30):
 *
 *   Funds: DOJ-A and DOJ-B (Justice: both in one column), TREAS (Treasury),
 *   STATE (the District's own forfeiture fund: never on the ESAC).
 *
 *   Receipts (date received):
 *     DOJ-A R1 sharing     10,000.00 2024-11-14  FY2025
 *           R2 sharing      5,000.00 2025-09-30  FY2025 (its last day)
 *           R3 sharing      7,500.00 2025-10-01  FY2026 (its first day)
 *           R4 transfer in  1,200.00 2025-12-05  FY2026 line 3
 *           R5 interest        45.67 2025-12-31  FY2026 line 5
 *           R6 sharing      3,333.33 2026-01-10  VOIDED
 *     DOJ-B R7 other          250.00 2026-02-01  FY2026 line 4
 *           R8 interest        12.34 2025-03-31  FY2025 line 5
 *     TREAS R9 sharing      8,000.00 2025-01-15  FY2025
 *           R10 interest       20.00 2026-03-31  FY2026
 *           R11 sharing       999.00 2026-10-01  FY2027
 *     STATE R12 sharing    50,000.00 2025-11-01  not on the ESAC
 *
 *   Spending (cash basis: an expenditure counts when paid; categories carry
 *   the ESAC letter: EQUIP d, TRAIN b, SAL n, MISC none -> m):
 *     DOJ-A EQUIP E1  4,000.00 incurred 2025-02-10, paid 2025-03-01  FY2025 d
 *                 E2  2,500.00 incurred 2025-09-20, paid 2025-10-05  FY2026 d
 *                 E3  adjustment -100.00 (refund) 2025-11-20         FY2026 d
 *                 E4  999.99 paid 2025-04-01, VOIDED
 *                 E5  1,500.00 incurred 2026-09-25, unpaid: nothing yet
 *     DOJ-A TRAIN PO-T obligation 2,000.00 2025-10-15 (not spending)
 *                 E6  1,200.00 on PO-T, paid 2025-11-15              FY2026 b
 *     DOJ-B MISC  E7  150.00 paid 2026-02-20                         FY2026 m
 *     TREAS EQUIP E8  5,000.00 paid 2025-03-20                       FY2025 d
 *     TREAS SAL   E9  750.00 paid 2026-06-30                         FY2026 n
 *                 E10 100.00 2026-07-01, SUBMITTED only
 *     STATE EQUIP E11 3,000.00 paid 2025-11-02: not on the ESAC
 */
#include <locale.h>
#include <inttypes.h>

#include "test-report-util.h"

typedef struct {
  char *dir;
  AllotStore *store;
  gint64 doj_a, doj_b, treas, state;
  gint64 r6, r9, r12, e4, e10, e11;
} Fixture;

static void
build (Fixture *fx)
{
  AllotStore *s = fx->store;
  g_autoptr(GError) error = NULL;
  gint64 fbi, tf, equip, train, misc, sal, aj1, aj2, aj3, at1, at2, as1, po;

  fbi = test_util_add_agency (s, "FBI", "Federal Bureau of Investigation", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (s, "TF", "Task force", fbi);
  equip = test_report_add_category (s, "EQUIP", 'd', 'd');
  train = test_report_add_category (s, "TRAIN", 'h', 'b');
  misc = test_report_add_category (s, "MISC", 'h', 0);
  sal = test_report_add_category (s, "SAL", 'a', 'n');
  fx->doj_a = test_util_add_forfeiture (s, "DOJ-A", ALLOT_FORFEITURE_DOJ);
  fx->doj_b = test_util_add_forfeiture (s, "DOJ-B", ALLOT_FORFEITURE_DOJ);
  fx->treas = test_util_add_forfeiture (s, "TREAS", ALLOT_FORFEITURE_TREASURY);
  fx->state = test_util_add_forfeiture (s, "STATE", ALLOT_FORFEITURE_STATE);

  test_util_add_receipt (s, fx->doj_a, ALLOT_RECEIPT_SHARING, "2024-11-14", 1000000, "C-1");
  test_util_add_receipt (s, fx->doj_a, ALLOT_RECEIPT_SHARING, "2025-09-30", 500000, "C-2");
  test_util_add_receipt (s, fx->doj_a, ALLOT_RECEIPT_SHARING, "2025-10-01", 750000, "C-3");
  test_util_add_receipt (s, fx->doj_a, ALLOT_RECEIPT_TRANSFER_IN, "2025-12-05", 120000, "C-4");
  test_util_add_receipt (s, fx->doj_a, ALLOT_RECEIPT_INTEREST, "2025-12-31", 4567, NULL);
  fx->r6 = test_util_add_receipt (s, fx->doj_a, ALLOT_RECEIPT_SHARING, "2026-01-10", 333333,
                                  "C-6");
  test_util_add_receipt (s, fx->doj_b, ALLOT_RECEIPT_OTHER, "2026-02-01", 25000, "C-7");
  test_util_add_receipt (s, fx->doj_b, ALLOT_RECEIPT_INTEREST, "2025-03-31", 1234, NULL);
  fx->r9 = test_util_add_receipt (s, fx->treas, ALLOT_RECEIPT_SHARING, "2025-01-15", 800000,
                                  "C-9");
  test_util_add_receipt (s, fx->treas, ALLOT_RECEIPT_INTEREST, "2026-03-31", 2000, NULL);
  test_util_add_receipt (s, fx->treas, ALLOT_RECEIPT_SHARING, "2026-10-01", 99900, "C-11");
  fx->r12 = test_util_add_receipt (s, fx->state, ALLOT_RECEIPT_SHARING, "2025-11-01", 5000000,
                                   "C-12");

  aj1 = test_util_add_allocation (s, fx->doj_a, tf, equip, 2025, 1200000, ALLOT_STATUS_APPROVED);
  aj2 = test_util_add_allocation (s, fx->doj_a, tf, train, 2026, 300000, ALLOT_STATUS_APPROVED);
  aj3 = test_util_add_allocation (s, fx->doj_b, tf, misc, 2026, 20000, ALLOT_STATUS_APPROVED);
  at1 = test_util_add_allocation (s, fx->treas, tf, equip, 2025, 600000, ALLOT_STATUS_APPROVED);
  at2 = test_util_add_allocation (s, fx->treas, tf, sal, 2026, 100000, ALLOT_STATUS_APPROVED);
  as1 = test_util_add_allocation (s, fx->state, tf, equip, 2026, 1000000, ALLOT_STATUS_APPROVED);
  /* DOJ-A: allocations 15,000.00; receipts 27,079.00, 23,745.67 once R6 is
   * voided: still enough. */
  test_report_void (s, ALLOT_VOIDABLE_RECEIPT, fx->r6);

  test_report_add_expenditure (s, aj1, 400000, "2025-02-10", "2025-03-01", 0, "E1");
  test_report_add_expenditure (s, aj1, 250000, "2025-09-20", "2025-10-05", 0, "E2");
  test_util_add_entry (s, aj1, ALLOT_ENTRY_ADJUSTMENT, -10000, "2025-11-20", 0, "E3",
                       ALLOT_STATUS_APPROVED);
  fx->e4 = test_report_add_expenditure (s, aj1, 99999, "2025-04-01", "2025-04-01", 0, "E4");
  g_assert_true (allot_store_void_entry (s, fx->e4, "Wrong fund", &error));
  g_assert_no_error (error);
  test_report_add_expenditure (s, aj1, 150000, "2026-09-25", NULL, 0, "E5");
  po = test_util_add_entry (s, aj2, ALLOT_ENTRY_OBLIGATION, 200000, "2025-10-15", 0, "PO-T",
                            ALLOT_STATUS_APPROVED);
  test_report_add_expenditure (s, aj2, 120000, "2025-11-01", "2025-11-15", po, "E6");
  test_report_add_expenditure (s, aj3, 15000, "2026-02-15", "2026-02-20", 0, "E7");
  test_report_add_expenditure (s, at1, 500000, "2025-03-10", "2025-03-20", 0, "E8");
  test_report_add_expenditure (s, at2, 75000, "2026-06-30", "2026-06-30", 0, "E9");
  fx->e10 = test_util_add_entry (s, at2, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-07-01", 0, "E10",
                                 ALLOT_STATUS_SUBMITTED);
  fx->e11 = test_report_add_expenditure (s, as1, 300000, "2025-11-01", "2025-11-02", 0, "E11");
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "esac.db", NULL);
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

static AllotEsac *
run (Fixture *fx,
     int      fiscal_year)
{
  g_autoptr(GError) error = NULL;
  AllotEsac *esac = allot_report_esac (fx->store, fiscal_year, &error);

  g_assert_no_error (error);
  g_assert_nonnull (esac);
  return esac;
}

static void
assert_column (const AllotEsac *esac,
               AllotEsacColumn  col,
               const gint64     lines[ALLOT_ESAC_N_LINES],
               const char      *categories)   /* "d=400000 b=120000 ..." */
{
  g_auto(GStrv) pairs = g_strsplit (categories, " ", -1);
  gint64 expected[ALLOT_ESAC_N_CATEGORIES] = { 0 };

  for (guint l = 0; l < ALLOT_ESAC_N_LINES; l++)
    if (esac->lines[col][l] != lines[l])
      g_error ("column %d line %u: %" PRId64 " expected %" PRId64, col, l + 1,
               esac->lines[col][l], lines[l]);
  for (guint i = 0; pairs[i] != NULL; i++)
    if (pairs[i][0] != '\0')
      expected[pairs[i][0] - 'a'] = g_ascii_strtoll (pairs[i] + 2, NULL, 10);
  for (guint c = 0; c < ALLOT_ESAC_N_CATEGORIES; c++)
    if (esac->spent[col][c] != expected[c])
      g_error ("column %d category %c: %" PRId64 " expected %" PRId64, col,
               'a' + c, esac->spent[col][c], expected[c]);
}

/* FY2025.
 * Justice: 1 nothing before 2024-10-01 = 0.00; 2 R1 10,000 + R2 5,000 =
 *   15,000.00; 3 0; 4 0; 5 R8 12.34; 6 15,012.34; 7 E1 4,000.00 (d) -- E2
 *   was paid in FY2026, E4 is voided; 8 0 + 15,012.34 - 4,000 = 11,012.34.
 * Treasury: 1 0; 2 R9 8,000.00; 5 0; 6 8,000.00; 7 E8 5,000.00 (d);
 *   8 3,000.00.
 * Due 2025-09-30 + 60 days = 2025-11-29. */
static void
test_fy2025 (Fixture       *fx,
             gconstpointer  data)
{
  static const gint64 justice[ALLOT_ESAC_N_LINES] = {
    0, 1500000, 0, 0, 1234, 1501234, 400000, 1101234,
  };
  static const gint64 treasury[ALLOT_ESAC_N_LINES] = {
    0, 800000, 0, 0, 0, 800000, 500000, 300000,
  };
  g_autoptr(AllotEsac) esac = run (fx, 2025);
  GDate due = test_report_date ("2025-11-29");

  assert_column (esac, ALLOT_ESAC_JUSTICE, justice, "d=400000");
  assert_column (esac, ALLOT_ESAC_TREASURY, treasury, "d=500000");
  g_assert_cmpint (g_date_compare (&esac->due_date, &due), ==, 0);
  g_assert_cmpuint (esac->sources[ALLOT_ESAC_JUSTICE]->len, ==, 2);
  g_assert_cmpstr (esac->sources[ALLOT_ESAC_JUSTICE]->pdata[0], ==, "DOJ-A");
  g_assert_cmpstr (esac->sources[ALLOT_ESAC_JUSTICE]->pdata[1], ==, "DOJ-B");
  g_assert_cmpuint (esac->sources[ALLOT_ESAC_TREASURY]->len, ==, 1);
  g_assert_cmpuint (esac->warnings->len, ==, 0);
  /* How the app and the CLI name a column's funds. */
  {
    g_autofree char *justice_text = allot_esac_sources_text (esac, ALLOT_ESAC_JUSTICE);
    g_autofree char *none_text = NULL;

    g_assert_cmpstr (justice_text, ==, "DOJ-A, DOJ-B");
    g_ptr_array_set_size (esac->sources[ALLOT_ESAC_TREASURY], 0);
    none_text = allot_esac_sources_text (esac, ALLOT_ESAC_TREASURY);
    g_assert_cmpstr (none_text, ==, "none");
  }
}

/* FY2026.
 * Justice: 1 = FY2025's line 8, 11,012.34 (received before 2025-10-01:
 *   10,000 + 5,000 + 12.34 = 15,012.34, spent before it 4,000.00);
 *   2 R3 7,500.00 (R6 voided); 3 R4 1,200.00; 4 R7 250.00; 5 R5 45.67;
 *   6 7,500 + 1,200 + 250 + 45.67 = 8,995.67;
 *   7 d: E2 2,500 + E3 -100 = 2,400.00; b: E6 1,200.00; m: E7 150.00 (MISC
 *   has no ESAC category) -> 3,750.00 (E5 unpaid, PO-T an obligation);
 *   8 11,012.34 + 8,995.67 - 3,750 = 16,258.01.
 * Treasury: 1 3,000.00; 2 0 (R11 is FY2027); 5 R10 20.00; 6 20.00;
 *   7 n: E9 750.00 (E10 not approved); 8 3,000 + 20 - 750 = 2,270.00.
 * STATE's 50,000.00 received and 3,000.00 spent appear nowhere. */
static void
test_fy2026 (Fixture       *fx,
             gconstpointer  data)
{
  static const gint64 justice[ALLOT_ESAC_N_LINES] = {
    1101234, 750000, 120000, 25000, 4567, 899567, 375000, 1625801,
  };
  static const gint64 treasury[ALLOT_ESAC_N_LINES] = {
    300000, 0, 0, 0, 2000, 2000, 75000, 227000,
  };
  g_autoptr(AllotEsac) esac = run (fx, 2026);
  g_autoptr(AllotEsac) previous = run (fx, 2025);
  GDate due = test_report_date ("2026-11-29");

  assert_column (esac, ALLOT_ESAC_JUSTICE, justice, "d=240000 b=120000 m=15000");
  assert_column (esac, ALLOT_ESAC_TREASURY, treasury, "n=75000");
  g_assert_cmpint (g_date_compare (&esac->due_date, &due), ==, 0);

  /* Beginning balance = last year's ending balance, in both columns. */
  for (guint c = 0; c < ALLOT_ESAC_N_COLUMNS; c++)
    g_assert_cmpint (esac->lines[c][ALLOT_ESAC_BEGINNING], ==,
                     previous->lines[c][ALLOT_ESAC_ENDING]);

  /* The details add up to the lines, column by column. */
  g_assert_cmpint (test_report_detail_sum (esac->details, "2", ALLOT_ESAC_JUSTICE), ==, 750000);
  g_assert_cmpint (test_report_detail_sum (esac->details, "3", ALLOT_ESAC_JUSTICE), ==, 120000);
  g_assert_cmpint (test_report_detail_sum (esac->details, "d", ALLOT_ESAC_JUSTICE), ==, 240000);
  g_assert_cmpint (test_report_detail_sum (esac->details, "n", ALLOT_ESAC_TREASURY), ==, 75000);
  g_assert_cmpint (test_report_detail_sum (esac->details, "d", ALLOT_ESAC_TREASURY), ==, 0);
  g_assert_false (test_report_has_detail (esac->details, "receipts", fx->r6));
  g_assert_false (test_report_has_detail (esac->details, "receipts", fx->r12));
  g_assert_false (test_report_has_detail (esac->details, "ledger_entries", fx->e11));
  g_assert_false (test_report_has_detail (esac->details, "ledger_entries", fx->e10));

  g_assert_cmpuint (esac->warnings->len, ==, 1);
  g_assert_true (test_report_has_warning (esac->warnings, "reported under m"));
  g_assert_true (test_report_has_warning (esac->warnings, "MISC"));
}

/* FY2027 begins where FY2026 ended: Justice 16,258.01 (E5 is still
 * unpaid), Treasury 2,270.00; Treasury received R11 999.00 on its first
 * day. */
static void
test_fy2027 (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(AllotEsac) esac = run (fx, 2027);

  g_assert_cmpint (esac->lines[ALLOT_ESAC_JUSTICE][ALLOT_ESAC_BEGINNING], ==, 1625801);
  g_assert_cmpint (esac->lines[ALLOT_ESAC_TREASURY][ALLOT_ESAC_BEGINNING], ==, 227000);
  g_assert_cmpint (esac->lines[ALLOT_ESAC_TREASURY][ALLOT_ESAC_RECEIVED], ==, 99900);
  g_assert_cmpint (esac->lines[ALLOT_ESAC_TREASURY][ALLOT_ESAC_ENDING], ==, 326900);
}

/* A receipt cannot be voided when its fund's allocations would then exceed
 * what it holds: TREAS has 7,000.00 allocated; without R9 it would hold
 * 20.00 + 999.00 = 1,019.00. */
static void
test_void_receipt_refused (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotEsac) esac = NULL;

  g_assert_false (allot_store_void_record (fx->store, ALLOT_VOIDABLE_RECEIPT, fx->r9,
                                           "Returned to the Marshals", &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  esac = run (fx, 2025);
  g_assert_cmpint (esac->lines[ALLOT_ESAC_TREASURY][ALLOT_ESAC_RECEIVED], ==, 800000);
}

/* Treasury money spent on category l (community programs, Justice only) and
 * more spent than held are both called out. */
static void
test_warnings (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(AllotEsac) esac = NULL;
  gint64 fbi, tf, community, alloc;

  fbi = test_util_add_agency (fx->store, "FBI2", "FBI field office", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (fx->store, "TF2", "Second task force", fbi);
  community = test_report_add_category (fx->store, "COMM", 'h', 'l');
  alloc = test_util_add_allocation (fx->store, fx->treas, tf, community, 2026, 200000,
                                    ALLOT_STATUS_APPROVED);
  /* Treasury held 3,020.00 in FY2026 before E9 (750.00): 2,500.00 more
   * leaves 3,020 - 750 - 2,500 = -230.00. */
  test_report_add_expenditure (fx->store, alloc, 250000, "2026-05-01", "2026-05-02", 0, "E12");
  esac = run (fx, 2026);
  g_assert_cmpint (esac->spent[ALLOT_ESAC_TREASURY]['l' - 'a'], ==, 250000);
  g_assert_cmpint (esac->lines[ALLOT_ESAC_TREASURY][ALLOT_ESAC_ENDING], ==, -23000);
  g_assert_true (test_report_has_warning (esac->warnings, "category l"));
  g_assert_true (test_report_has_warning (esac->warnings, "ending balance is negative (-230.00)"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/report-esac/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fy2025", test_fy2025);
  ADD ("fy2026", test_fy2026);
  ADD ("fy2027", test_fy2027);
  ADD ("void-receipt-refused", test_void_receipt_refused);
  ADD ("warnings", test_warnings);
#undef ADD
  return g_test_run ();
}
