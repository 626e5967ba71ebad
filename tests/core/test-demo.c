/* test-demo.c: the demo data set loads, obeys the store's rules, and is the
 * same on every run.
 *
 * One database is loaded once and shared by the tests that only read it;
 * the determinism test loads a second one.
 */

#include <locale.h>
#include <inttypes.h>
#include <string.h>

#include "allot-date.h"
#include "allot-demo.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-store.h"
#include "test-util.h"

static char *shared_dir;
static char *shared_path;
static AllotStore *shared_store;
static gint64 shared_load_usec;

static AllotStore *
load_demo (const char *dir,
           const char *name,
           char      **out_path,
           gint64     *out_usec)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_util_new_location (dir, name);
  g_autoptr(AllotStore) store = NULL;
  gint64 start;
  gboolean ok;

  store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (allot_store_is_empty (store, &error));
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  ok = allot_demo_load (store, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  if (out_usec != NULL)
    *out_usec = g_get_monotonic_time () - start;
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return g_steal_pointer (&store);
}

static AllotStore *
get_shared_store (void)
{
  if (shared_store == NULL)
    {
      shared_dir = test_util_make_tmpdir ();
      shared_store = load_demo (shared_dir, "demo.db", &shared_path, &shared_load_usec);
    }
  return shared_store;
}

static GPtrArray *
list_entries (AllotStore *store,
              int         fiscal_year,
              int         status,
              gboolean    include_voided)
{
  g_autoptr(GError) error = NULL;
  AllotLedgerFilter filter;
  GPtrArray *entries;

  allot_ledger_filter_init (&filter);
  filter.fiscal_year = fiscal_year;
  filter.status = status;
  filter.include_voided = include_voided;
  entries = allot_store_list_ledger (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);
  return entries;
}

static void
test_load (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *jurisdiction = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(GPtrArray) task_forces = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  gboolean immigration_tf = FALSE;

  g_test_message ("demo loaded in %" PRId64 " ms", shared_load_usec / 1000);
  /* One transaction: well under a second here; leave room for slow CI machines. */
  g_assert_cmpint (shared_load_usec, <, 20 * G_USEC_PER_SEC);

  g_assert_false (allot_store_is_empty (store, &error));
  g_assert_no_error (error);

  jurisdiction = allot_store_dup_setting (store, "jurisdiction");
  g_assert_nonnull (strstr (jurisdiction, "(demo"));
  currency = allot_store_dup_setting (store, "currency");
  g_assert_cmpstr (currency, ==, "USD");
  g_assert_cmpuint (allot_store_get_fy_start_month (store), ==, 10);

  years = allot_store_list_fiscal_years (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2025);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2026);

  agencies = allot_store_list_agencies (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agencies->len, >=, 10);
  for (guint i = 0; i < agencies->len; i++)
    {
      const AllotAgency *agency = agencies->pdata[i];

      g_assert_nonnull (strstr (agency->name, "(demo)"));
      if (agency->level == ALLOT_AGENCY_LOCAL)
        g_assert_nonnull (agency->ori);
    }

  task_forces = allot_store_list_task_forces (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task_forces->len, >=, 4);
  g_assert_cmpuint (task_forces->len, <=, 5);
  for (guint i = 0; i < task_forces->len; i++)
    {
      const AllotTaskForce *tf = task_forces->pdata[i];

      g_assert_nonnull (strstr (tf->name, "(demo)"));
      g_assert_cmpuint (tf->member_ids->len, >=, 2);
      immigration_tf |= tf->immigration;
    }
  g_assert_true (immigration_tf);

  categories = allot_store_list_categories (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, >=, 8);
}

static void
test_second_load_refused (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_util_dump_db (shared_path);

  g_assert_false (allot_demo_load (store, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "empty"));
  test_util_assert_unchanged (shared_path, before);
}

/* A database with a single agency is not empty either. */
static void
test_refused_when_not_empty (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autoptr(AllotStore) store = test_util_create_store (dir, "one.db", &path);
  g_autoptr(GError) error = NULL;

  test_util_add_agency (store, "X", "Some agency", ALLOT_AGENCY_LOCAL);
  before = test_util_dump_db (path);
  g_assert_false (allot_demo_load (store, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (path, before);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

/* Inside a batch of the caller's, the caller decides: a rollback leaves the
 * database as it was.  (A brand-new database: the demo appoints its own
 * administrator, officer and reviewer.) */
static void
test_caller_batch_rolled_back (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = test_util_new_location (dir, "batch.db");
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  before = test_util_dump_db (path);
  g_assert_true (allot_store_begin_batch (store, &error));
  g_assert_no_error (error);
  g_assert_true (allot_demo_load (store, &error));
  g_assert_no_error (error);
  g_assert_true (allot_store_in_batch (store));
  g_assert_false (allot_store_is_empty (store, &error));
  g_assert_true (allot_store_end_batch (store, FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (allot_store_is_empty (store, &error));
  g_assert_no_error (error);
  test_util_assert_unchanged (path, before);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

static void
test_sources (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = allot_store_list_sources (store, &error);
  guint by_kind[ALLOT_SOURCE_N_KINDS] = { 0 };
  gboolean positive_amendment = FALSE, negative_amendment = FALSE, match = FALSE;
  gboolean forfeiture_programs[3] = { FALSE, FALSE, FALSE };

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    {
      const AllotSource *source = sources->pdata[i];
      gint64 authorized = 0;

      by_kind[source->kind]++;
      g_assert_true (allot_store_source_authorized (store, source->id, &authorized, &error));
      g_assert_no_error (error);
      g_assert_cmpint (authorized, >, 0);

      switch (source->kind)
        {
        case ALLOT_SOURCE_GRANT:
          {
            g_autoptr(GPtrArray) amendments = allot_store_list_amendments (store, source->id,
                                                                           &error);
            g_autoptr(GPtrArray) drawdowns = allot_store_list_drawdowns (store, source->id,
                                                                         &error);
            gint64 drawn = 0;

            g_assert_no_error (error);
            g_assert_nonnull (strstr (source->u.grant.award_number, "DEMO"));
            match |= source->u.grant.match_required > 0;
            for (guint a = 0; a < amendments->len; a++)
              {
                const AllotAmendment *amendment = amendments->pdata[a];

                positive_amendment |= amendment->amount > 0;
                negative_amendment |= amendment->amount < 0;
              }
            g_assert_cmpuint (drawdowns->len, >, 0);
            for (guint d = 0; d < drawdowns->len; d++)
              drawn += ((const AllotDrawdown *) drawdowns->pdata[d])->amount;
            g_assert_cmpint (drawn, >, 0);
            g_assert_cmpint (drawn, <=, authorized);
            break;
          }
        case ALLOT_SOURCE_AGREEMENT:
          {
            g_autoptr(GPtrArray) contributions = allot_store_list_contributions (store,
                                                                                 source->id,
                                                                                 &error);
            gboolean partner_cash = FALSE, partner_in_kind = FALSE, ours = FALSE;

            g_assert_no_error (error);
            g_assert_true (source->immigration);
            for (guint c = 0; c < contributions->len; c++)
              {
                const AllotContribution *contribution = contributions->pdata[c];

                if (contribution->side == ALLOT_SIDE_JURISDICTION)
                  ours = TRUE;
                else if (contribution->form == ALLOT_FORM_CASH)
                  partner_cash = TRUE;
                else
                  partner_in_kind = TRUE;
              }
            g_assert_true (partner_cash && partner_in_kind && ours);
            break;
          }
        case ALLOT_SOURCE_FORFEITURE:
          {
            g_autoptr(GPtrArray) receipts = allot_store_list_receipts (store, source->id, &error);
            gint64 total = 0;

            g_assert_no_error (error);
            forfeiture_programs[source->u.forfeiture.program] = TRUE;
            g_assert_cmpuint (receipts->len, >, 0);
            for (guint r = 0; r < receipts->len; r++)
              {
                const AllotReceipt *receipt = receipts->pdata[r];

                if (receipt->kind != ALLOT_RECEIPT_INTEREST)
                  g_assert_nonnull (receipt->case_number);
                total += receipt->amount;
              }
            /* Authorized = receipts + interest, nothing else. */
            g_assert_cmpint (total, ==, authorized);
            break;
          }
        case ALLOT_SOURCE_APPROPRIATION:
        default:
          break;
        }
    }

  g_assert_cmpuint (by_kind[ALLOT_SOURCE_GRANT], >=, 2);
  g_assert_cmpuint (by_kind[ALLOT_SOURCE_APPROPRIATION], >=, 1);
  g_assert_cmpuint (by_kind[ALLOT_SOURCE_AGREEMENT], >=, 1);
  g_assert_cmpuint (by_kind[ALLOT_SOURCE_FORFEITURE], >=, 2);
  g_assert_true (positive_amendment);
  g_assert_true (negative_amendment);
  g_assert_true (match);
  g_assert_true (forfeiture_programs[ALLOT_FORFEITURE_DOJ]);
  g_assert_true (forfeiture_programs[ALLOT_FORFEITURE_TREASURY]);
}

static void
assert_row_ties_out (const AllotBalanceRow *row)
{
  const AllotBalance *b = &row->balance;

  g_assert_cmpint (b->available, ==, b->authorized - b->expended - b->unliquidated);
  g_assert_cmpint (b->unliquidated, >=, 0);
  g_assert_cmpint (b->expended, >=, 0);
}

static void
test_balances (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_SOURCE, 0,
                                                         &error);
  g_autoptr(GPtrArray) allocations = NULL;
  guint overspent = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 8);
  for (guint i = 0; i < rows->len; i++)
    {
      const AllotBalanceRow *row = rows->pdata[i];

      g_test_message ("%-18s authorized %12" PRId64 " allocated %12" PRId64
                      " expended %12" PRId64 " unliquidated %10" PRId64,
                      row->code, row->balance.authorized, row->balance.allocated,
                      row->balance.expended, row->balance.unliquidated);
      g_assert_cmpint (row->balance.allocated, >, 0);
      g_assert_cmpint (row->balance.allocated, <=, row->balance.authorized);
      assert_row_ties_out (row);
    }

  /* The same from the allocations themselves, pending ones included. */
  allocations = allot_store_list_allocations (store, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AllotBalanceRow *row = rows->pdata[i];
      gint64 sum = 0;

      for (guint a = 0; a < allocations->len; a++)
        {
          const AllotAllocation *allocation = allocations->pdata[a];

          if (allocation->source_id == row->id && !allocation->voided)
            sum += allocation->amount;
        }
      g_assert_cmpint (sum, <=, row->balance.authorized);
    }

  for (int year = 2025; year <= 2026; year++)
    {
      g_autoptr(GPtrArray) by_allocation = allot_store_list_balances (store,
                                                                      ALLOT_BALANCE_BY_ALLOCATION,
                                                                      year, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (by_allocation->len, >, 10);
      for (guint i = 0; i < by_allocation->len; i++)
        {
          const AllotBalanceRow *row = by_allocation->pdata[i];

          assert_row_ties_out (row);
          if (row->balance.available < 0)
            {
              g_test_message ("overspent: %s", row->code);
              overspent++;
            }
        }
    }
  /* Exactly the one planted for the compliance checks to find. */
  g_assert_cmpuint (overspent, ==, 1);
}

static void
test_ledger (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GPtrArray) all = list_entries (store, 0, -1, TRUE);
  g_autoptr(GPtrArray) fy2025 = list_entries (store, 2025, -1, FALSE);
  g_autoptr(GPtrArray) fy2026 = list_entries (store, 2026, -1, FALSE);
  g_autoptr(GPtrArray) submitted = list_entries (store, 0, ALLOT_STATUS_SUBMITTED, TRUE);
  guint by_kind[3] = { 0 }, voided = 0, unpaid = 0, immigration = 0, deobligations = 0;
  guint refunds = 0;
  GDate today;

  test_util_date (&today, 2026, 11, 28);
  g_test_message ("%u entries: %u in FY2025, %u in FY2026, %u submitted", all->len, fy2025->len,
                  fy2026->len, submitted->len);
  g_assert_cmpuint (all->len, >=, 300);
  g_assert_cmpuint (all->len, <=, 400);
  g_assert_cmpuint (fy2025->len, >=, 100);
  g_assert_cmpuint (fy2026->len, >=, 100);
  g_assert_cmpuint (submitted->len, >=, 4);
  g_assert_cmpuint (submitted->len, <=, 12);

  for (guint i = 0; i < all->len; i++)
    {
      const AllotLedgerEntry *e = all->pdata[i];

      by_kind[e->kind]++;
      g_assert_cmpint (g_date_compare (&e->entry_date, &today), <=, 0);
      g_assert_true (e->status == ALLOT_STATUS_APPROVED || e->status == ALLOT_STATUS_SUBMITTED);
      if (e->voided)
        {
          voided++;
          g_assert_nonnull (e->void_reason);
          g_assert_cmpstr (e->void_reason, !=, "");
        }
      if (g_date_valid (&e->paid_date))
        {
          g_assert_cmpint (e->kind, ==, ALLOT_ENTRY_EXPENDITURE);
          g_assert_cmpint (g_date_compare (&e->paid_date, &e->entry_date), >=, 0);
          g_assert_cmpint (g_date_compare (&e->paid_date, &today), <=, 0);
        }
      else if (e->kind == ALLOT_ENTRY_EXPENDITURE && !e->voided &&
               e->status == ALLOT_STATUS_APPROVED)
        unpaid++;
      if (e->kind == ALLOT_ENTRY_ADJUSTMENT && e->amount < 0)
        {
          if (e->obligation_id != 0)
            deobligations++;
          else
            refunds++;
        }
      if (e->immigration)
        immigration++;
      /* Amounts a person would believe: no entry above half a million. */
      g_assert_cmpint (ABS (e->amount), <, 50000000);
    }

  g_assert_cmpuint (by_kind[ALLOT_ENTRY_OBLIGATION], >, 50);
  g_assert_cmpuint (by_kind[ALLOT_ENTRY_EXPENDITURE], >, 150);
  g_assert_cmpuint (by_kind[ALLOT_ENTRY_ADJUSTMENT], >=, 3);
  g_assert_cmpuint (voided, >=, 3);
  g_assert_cmpuint (voided, <=, 12);
  g_assert_cmpuint (unpaid, >=, 2);
  g_assert_cmpuint (unpaid, <=, 20);
  g_assert_cmpuint (deobligations, >=, 1);
  g_assert_cmpuint (refunds, >=, 1);
  g_assert_cmpuint (immigration, >, 0);
}

/* The rows people see, without the clock-dependent "entered at". */
static char *
fingerprint (AllotStore *store)
{
  g_autoptr(GPtrArray) entries = list_entries (store, 0, -1, TRUE);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const AllotLedgerEntry *e = entries->pdata[i];
      g_autofree char *date = allot_date_format_iso (&e->entry_date);
      g_autofree char *paid = g_date_valid (&e->paid_date) ? allot_date_format_iso (&e->paid_date)
                                                           : g_strdup ("-");

      g_string_append_printf (out, "%" PRId64 "|%" PRId64 "|%d|%" PRId64
                              "|%s|%s|%" PRId64 "|%s|%s|%s|%d|%d|%d|%s\n",
                              e->id, e->allocation_id, e->kind, e->amount, date,
                              paid, e->obligation_id,
                              e->document_number, e->payee, e->description, e->status,
                              e->immigration, e->voided, e->void_reason ? e->void_reason : "");
    }
  return g_string_free (out, FALSE);
}

static void
test_deterministic (void)
{
  AllotStore *store = get_shared_store ();
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autoptr(AllotStore) again = load_demo (dir, "again.db", NULL, NULL);
  g_autofree char *first = fingerprint (store);
  g_autofree char *second = fingerprint (again);

  g_assert_cmpstr (first, ==, second);

  g_clear_object (&again);
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/load", test_load);
  g_test_add_func ("/demo/second-load-refused", test_second_load_refused);
  g_test_add_func ("/demo/refused-when-not-empty", test_refused_when_not_empty);
  g_test_add_func ("/demo/caller-batch-rolled-back", test_caller_batch_rolled_back);
  g_test_add_func ("/demo/sources", test_sources);
  g_test_add_func ("/demo/balances", test_balances);
  g_test_add_func ("/demo/ledger", test_ledger);
  g_test_add_func ("/demo/deterministic", test_deterministic);

  status = g_test_run ();

  g_clear_object (&shared_store);
  test_util_remove_tree (shared_dir);
  g_free (shared_dir);
  g_free (shared_path);
  return status;
}
