/* test-ledger-model.c: the ledger model returns the right lines in the
 * right order for a filter and a sort, over a generated ledger of 100,000
 * entries (ALLOT_TEST_LEDGER_SIZE changes the size), reading pages by key
 * from any position, and never holds more than a bounded number of pages. */
#include "allot-config.h"

#include "allot-ledger-model.h"
#include "app-test-util.h"
#include "ledger-fixture.h"

typedef struct {
  char *dir;
  AllotStore *store;
  AllotSession *session;
  GArray *rows;
  gint64 task_forces[3];
} Fixture;

static Fixture fixture;

static guint
ledger_size (void)
{
  const char *size = g_getenv ("ALLOT_TEST_LEDGER_SIZE");

  return size != NULL ? (guint) g_ascii_strtoull (size, NULL, 10) : 100000;
}

static gboolean
model_ready (gpointer data)
{
  return !allot_ledger_model_get_loading (ALLOT_LEDGER_MODEL (data));
}

static gboolean
item_loaded (gpointer data)
{
  return allot_ledger_item_is_loaded (ALLOT_LEDGER_ITEM (data));
}

/* The line at @position, once its page has arrived. */
static const AllotLedgerRow *
row_at (AllotLedgerModel *model,
        guint             position)
{
  g_autoptr(AllotLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (model), position);

  g_assert_nonnull (item);
  app_test_wait (item_loaded, item);
  /* The model's page keeps the item (and so the row) alive. */
  return allot_ledger_item_get_row (item);
}

static GPtrArray *
expected_lines (gboolean (*keep) (const LedgerFixtureRow *row),
                GCompareFunc compare)
{
  GPtrArray *lines = g_ptr_array_new ();

  for (guint i = 0; i < fixture.rows->len; i++)
    {
      LedgerFixtureRow *row = &g_array_index (fixture.rows, LedgerFixtureRow, i);

      if (keep (row))
        g_ptr_array_add (lines, row);
    }
  g_ptr_array_sort (lines, compare);
  return lines;
}

static gint64 keep_task_force;

static gboolean
keep_fy2026_tf_expenditures (const LedgerFixtureRow *row)
{
  return row->fiscal_year == 2026 && row->task_force_id == keep_task_force &&
         row->kind == ALLOT_ENTRY_EXPENDITURE;
}

static int
by_amount_descending (gconstpointer a,
                      gconstpointer b)
{
  const LedgerFixtureRow *x = *(const LedgerFixtureRow **) a;
  const LedgerFixtureRow *y = *(const LedgerFixtureRow **) b;

  if (x->amount != y->amount)
    return x->amount > y->amount ? -1 : 1;
  return x->id > y->id ? -1 : x->id < y->id;
}

static void
assert_positions (AllotLedgerModel *model,
                  GPtrArray        *expected,
                  const guint      *positions,
                  guint             n_positions)
{
  for (guint i = 0; i < n_positions; i++)
    {
      guint p = positions[i];
      const LedgerFixtureRow *want;
      const AllotLedgerRow *got;

      if (p >= expected->len)
        continue;
      want = expected->pdata[p];
      got = row_at (model, p);
      g_assert_cmpint (got->id, ==, want->id);
      g_assert_cmpint (got->amount, ==, want->amount);
      g_assert_cmpstr (got->document_number, ==, want->document);
    }
}

static void
test_filter_and_sort (void)
{
  g_autoptr(AllotLedgerModel) model = allot_ledger_model_new ();
  g_autoptr(GPtrArray) expected = NULL;
  AllotLedgerFilter filter;
  const AllotLedgerTotals *totals;
  gint64 sum = 0;
  gint64 start;
  guint positions[12];

  keep_task_force = fixture.task_forces[1];
  expected = expected_lines (keep_fy2026_tf_expenditures, by_amount_descending);
  for (guint i = 0; i < expected->len; i++)
    sum += ((LedgerFixtureRow *) expected->pdata[i])->amount;

  allot_ledger_filter_init (&filter);
  filter.fiscal_year = 2026;
  filter.task_force_id = keep_task_force;
  filter.kind = ALLOT_ENTRY_EXPENDITURE;

  start = g_get_monotonic_time ();
  allot_ledger_model_set_session (model, fixture.session);
  allot_ledger_model_set_sort (model, ALLOT_LEDGER_SORT_AMOUNT, TRUE);
  allot_ledger_model_set_filter (model, &filter);
  app_test_wait (model_ready, model);
  g_test_message ("filtered count of %u lines: %.0f ms", fixture.rows->len,
                  (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  totals = allot_ledger_model_get_totals (model);
  g_assert_cmpuint (totals->count, ==, expected->len);
  g_assert_cmpint (totals->expended, ==, sum);
  g_assert_cmpint (totals->obligated, ==, 0);

  /* The first lines, a page boundary, far into the list, and the last. */
  positions[0] = 0;
  positions[1] = 1;
  positions[2] = 2;
  positions[3] = ALLOT_LEDGER_MODEL_PAGE_SIZE - 1;
  positions[4] = ALLOT_LEDGER_MODEL_PAGE_SIZE;
  positions[5] = expected->len / 2;
  positions[6] = expected->len / 2 + 1;
  positions[7] = expected->len * 3 / 4;
  positions[8] = expected->len - 2;
  positions[9] = expected->len - 1;
  positions[10] = expected->len / 3;
  positions[11] = 17;
  start = g_get_monotonic_time ();
  assert_positions (model, expected, positions, G_N_ELEMENTS (positions));
  g_test_message ("12 lines from 8 pages: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* Every line of the first 3 pages, in order. */
  for (guint p = 0; p < MIN (expected->len, 3 * ALLOT_LEDGER_MODEL_PAGE_SIZE); p++)
    assert_positions (model, expected, &p, 1);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), expected->len));
}

static gboolean
keep_needles (const LedgerFixtureRow *row)
{
  return row->needle;
}

static int
by_document (gconstpointer a,
             gconstpointer b)
{
  const LedgerFixtureRow *x = *(const LedgerFixtureRow **) a;
  const LedgerFixtureRow *y = *(const LedgerFixtureRow **) b;

  return strcmp (x->document, y->document);
}

static void
test_search_and_resort (void)
{
  g_autoptr(AllotLedgerModel) model = allot_ledger_model_new ();
  g_autoptr(GPtrArray) expected = expected_lines (keep_needles, by_document);
  AllotLedgerFilter filter;

  allot_ledger_filter_init (&filter);
  filter.search = "needle";   /* the descriptions say "NeedLe" */

  allot_ledger_model_set_session (model, fixture.session);
  allot_ledger_model_set_sort (model, ALLOT_LEDGER_SORT_DOCUMENT, FALSE);
  allot_ledger_model_set_filter (model, &filter);
  app_test_wait (model_ready, model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint p = 0; p < expected->len; p++)
    assert_positions (model, expected, &p, 1);

  /* The same lines, newest document first. */
  allot_ledger_model_set_sort (model, ALLOT_LEDGER_SORT_DOCUMENT, TRUE);
  app_test_wait (model_ready, model);
  for (guint i = 0, j = expected->len - 1; expected->len > 0 && i < j; i++, j--)
    {
      gpointer swap = expected->pdata[i];

      expected->pdata[i] = expected->pdata[j];
      expected->pdata[j] = swap;
    }
  for (guint p = 0; p < expected->len; p++)
    assert_positions (model, expected, &p, 1);
}

static int
by_date (gconstpointer a,
         gconstpointer b)
{
  const LedgerFixtureRow *x = *(const LedgerFixtureRow **) a;
  const LedgerFixtureRow *y = *(const LedgerFixtureRow **) b;
  int c = strcmp (x->date, y->date);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

static gboolean
keep_all (const LedgerFixtureRow *row)
{
  return TRUE;
}

static void
test_whole_ledger_random_access (void)
{
  g_autoptr(AllotLedgerModel) model = allot_ledger_model_new ();
  g_autoptr(GPtrArray) expected = expected_lines (keep_all, by_date);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  AllotLedgerFilter filter;
  gint64 start;

  allot_ledger_filter_init (&filter);
  start = g_get_monotonic_time ();
  allot_ledger_model_set_session (model, fixture.session);
  allot_ledger_model_set_filter (model, &filter);
  app_test_wait (model_ready, model);
  g_test_message ("whole ledger counted: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);

  /* Jumping around like a dragged scroll bar: any page costs one read. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 200; i++)
    {
      guint p = g_rand_int_range (rand, 0, expected->len);

      assert_positions (model, expected, &p, 1);
      g_assert_cmpuint (allot_ledger_model_get_n_cached_pages (model), <=, 32);
    }
  g_test_message ("200 random lines: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
}

typedef struct {
  guint n_emissions;
  guint first_n_items;
  gboolean first_counted;
  gboolean first_current;
  guint first_loaded;          /* items loaded at once, from position 0 */
  gint64 first_ids[ALLOT_LEDGER_MODEL_PAGE_SIZE];
  guint64 first_count;
} HeadSeen;

static void
totals_changed_cb (AllotLedgerModel *model,
                   HeadSeen         *seen)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  if (seen->n_emissions++ > 0)
    return;
  seen->first_n_items = n;
  seen->first_counted = allot_ledger_model_get_counted (model);
  seen->first_current = allot_ledger_model_get_current (model);
  seen->first_count = allot_ledger_model_get_totals (model)->count;
  /* Without running the main loop: what is loaded now came with the head. */
  for (guint i = 0; i < MIN (n, ALLOT_LEDGER_MODEL_PAGE_SIZE); i++)
    {
      g_autoptr(AllotLedgerItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (!allot_ledger_item_is_loaded (item))
        break;
      seen->first_ids[i] = allot_ledger_item_get_row (item)->id;
      seen->first_loaded++;
    }
}

/* The first page is shown, whole, before the whole order is known: the
 * largest amounts of the whole ledger, then the count and totals. */
static void
test_head_first (void)
{
  g_autoptr(AllotLedgerModel) model = allot_ledger_model_new ();
  g_autoptr(GPtrArray) expected = expected_lines (keep_all, by_amount_descending);
  HeadSeen seen = { 0, };
  AllotLedgerFilter filter;
  gint64 sum = 0;

  g_assert_cmpuint (expected->len, >, ALLOT_LEDGER_MODEL_PAGE_SIZE);
  for (guint i = 0; i < expected->len; i++)
    {
      LedgerFixtureRow *row = expected->pdata[i];

      if (row->kind == ALLOT_ENTRY_EXPENDITURE)
        sum += row->amount;
    }

  allot_ledger_filter_init (&filter);
  allot_ledger_model_set_session (model, fixture.session);
  allot_ledger_model_set_sort (model, ALLOT_LEDGER_SORT_AMOUNT, TRUE);
  allot_ledger_model_set_filter (model, &filter);
  g_assert_false (allot_ledger_model_get_current (model));
  g_signal_connect (model, "totals-changed", G_CALLBACK (totals_changed_cb), &seen);
  app_test_wait (model_ready, model);

  /* First: one page, every line of it already there, not yet counted. */
  g_assert_cmpuint (seen.n_emissions, ==, 2);
  g_assert_true (seen.first_current);
  g_assert_false (seen.first_counted);
  g_assert_cmpuint (seen.first_n_items, ==, ALLOT_LEDGER_MODEL_PAGE_SIZE);
  g_assert_cmpuint (seen.first_loaded, ==, ALLOT_LEDGER_MODEL_PAGE_SIZE);
  for (guint i = 0; i < ALLOT_LEDGER_MODEL_PAGE_SIZE; i++)
    g_assert_cmpint (seen.first_ids[i], ==, ((LedgerFixtureRow *) expected->pdata[i])->id);

  /* Then the whole order, the same first lines and the right totals. */
  g_assert_true (allot_ledger_model_get_counted (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  g_assert_cmpuint (allot_ledger_model_get_totals (model)->count, ==, expected->len);
  g_assert_cmpint (allot_ledger_model_get_totals (model)->expended, ==, sum);
  for (guint p = 0; p < ALLOT_LEDGER_MODEL_PAGE_SIZE + 3; p++)
    assert_positions (model, expected, &p, 1);
  {
    guint last = expected->len - 1;

    assert_positions (model, expected, &last, 1);
  }
}

/* A filter with fewer lines than a page: the head is the whole answer,
 * counted from the start. */
static void
test_head_is_whole (void)
{
  g_autoptr(AllotLedgerModel) model = allot_ledger_model_new ();
  g_autoptr(GPtrArray) expected = expected_lines (keep_needles, by_date);
  HeadSeen seen = { 0, };
  AllotLedgerFilter filter;

  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (expected->len, <, ALLOT_LEDGER_MODEL_PAGE_SIZE);
  allot_ledger_filter_init (&filter);
  filter.search = "needle";
  allot_ledger_model_set_session (model, fixture.session);
  allot_ledger_model_set_sort (model, ALLOT_LEDGER_SORT_DATE, FALSE);
  allot_ledger_model_set_filter (model, &filter);
  g_signal_connect (model, "totals-changed", G_CALLBACK (totals_changed_cb), &seen);
  app_test_wait (model_ready, model);

  g_assert_true (seen.first_counted);
  g_assert_cmpuint (seen.first_n_items, ==, expected->len);
  g_assert_cmpuint (seen.first_count, ==, expected->len);
  g_assert_cmpuint (seen.first_loaded, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (seen.first_ids[i], ==, ((LedgerFixtureRow *) expected->pdata[i])->id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 start;
  int status;

  g_test_init (&argc, &argv, NULL);

  fixture.dir = app_test_make_dir ();
  path = g_build_filename (fixture.dir, "ledger.db", NULL);
  fixture.store = app_test_create_store (path, FALSE);
  start = g_get_monotonic_time ();
  fixture.rows = ledger_fixture_fill (fixture.store, ledger_size (), fixture.task_forces);
  g_test_message ("generated %u entries: %.1f s", fixture.rows->len,
                  (g_get_monotonic_time () - start) / 1e6);
  fixture.session = allot_session_new (fixture.store, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ledger-model/filter-and-sort", test_filter_and_sort);
  g_test_add_func ("/ledger-model/search-and-resort", test_search_and_resort);
  g_test_add_func ("/ledger-model/whole-ledger-random-access", test_whole_ledger_random_access);
  g_test_add_func ("/ledger-model/head-first", test_head_first);
  g_test_add_func ("/ledger-model/head-is-whole", test_head_is_whole);
  status = g_test_run ();

  g_clear_object (&fixture.session);
  g_clear_object (&fixture.store);
  g_array_unref (fixture.rows);
  app_test_remove_dir (fixture.dir);
  g_free (fixture.dir);
  return status;
}
