/* test-export.c: the export API's promises that do not need a spreadsheet
 * reader: the file appears whole or not at all (missing or read-only
 * folders, a folder as target, a full disk, cancellation, bad options), the
 * progress it reports, the worker-thread path the app takes, the caller's
 * locale left as it was, and the CSV files byte by byte (RFC 4180 quoting,
 * formula neutralising, '.' decimals in every locale, figures equal to the
 * store's balances).
 *
 * What the workbook holds is checked by tests/cli/check-xlsx.py with two
 * independent readers (openpyxl and gnumeric's ssconvert --recalc).
 *
 * One demo database is loaded once and shared; tests that add entries make
 * their own.
 *
 * The SF-425 detail sheet is written from report_ffr_streamed(), which
 * hands each detail over as it is found instead of keeping them (so that
 * the export's memory does not grow with a grant's ledger): tested here
 * against figures worked out by hand and against allot_report_ffr().
 */
#include <locale.h>
#include <inttypes.h>
#include <string.h>
#include <sys/resource.h>
#include <signal.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "allot-date.h"
#include "allot-demo.h"
#include "allot-error.h"
#include "allot-export.h"
#include "allot-ledger-query.h"
#include "allot-money.h"
#include "allot-report-private.h"
#include "test-util.h"

static char *shared_dir;
static AllotStore *shared_store;

static AllotStore *
load_demo (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_util_new_location (dir, name);
  /* Not test_util_create_store(): the demo sets up its own users. */
  AllotStore *store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = allot_demo_load (store, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return store;
}

static AllotStore *
get_shared_store (void)
{
  if (shared_store == NULL)
    {
      shared_dir = test_util_make_tmpdir ();
      shared_store = load_demo (shared_dir, "demo.db");
    }
  return shared_store;
}

static void
demo_options (AllotExportOptions *options)
{
  allot_export_options_init (options);
  test_util_date (&options->as_of, 2026, 11, 28);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return g_strdup ("(missing)");
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* ---- progress ---- */

typedef struct {
  GArray *fractions;
  GCancellable *cancel_at_half;
  GThread *thread;              /* where progress was reported */
} Progress;

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  Progress *p = user_data;

  g_array_append_val (p->fractions, fraction);
  p->thread = g_thread_self ();
  if (p->cancel_at_half != NULL && fraction >= 0.3)
    g_cancellable_cancel (p->cancel_at_half);
}

static void
test_workbook_success (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "budget.xlsx", NULL);
  g_autofree char *names = NULL;
  g_autofree char *contents = NULL;
  AllotExportOptions options;
  Progress p = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, NULL };
  gsize length = 0;

  demo_options (&options);
  g_assert_true (allot_export_workbook (store, path, &options, record_progress, &p, NULL,
                                        &error));
  g_assert_no_error (error);

  /* Exactly the workbook, no temporary file beside it. */
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "budget.xlsx");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpmem (contents, 4, "PK\x03\x04", 4);

  /* Progress: from 0 to 1, never backwards, at most about a hundred calls. */
  g_assert_cmpuint (p.fractions->len, >=, 3);
  g_assert_cmpuint (p.fractions->len, <=, 110);
  g_assert_cmpfloat (g_array_index (p.fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (p.fractions, double, p.fractions->len - 1), ==, 1.0);
  for (guint i = 1; i < p.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (p.fractions, double, i), >=,
                       g_array_index (p.fractions, double, i - 1));
  g_array_unref (p.fractions);
  test_util_remove_tree (dir);
}

static void
test_workbook_replaces_existing (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "budget.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  AllotExportOptions options;

  demo_options (&options);
  g_assert_true (g_file_set_contents (path, "an older workbook", -1, NULL));
  g_assert_true (allot_export_workbook (store, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path);
  g_assert_cmpmem (contents, 4, "PK\x03\x04", 4);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "budget.xlsx");
  test_util_remove_tree (dir);
}

/* ---- failures leave nothing behind ---- */

static void
test_missing_folder (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "budget.xlsx", NULL);
  g_autofree char *names = NULL;

  g_assert_false (allot_export_workbook (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  test_util_assert_message_contains (error, path, "does not exist", NULL);
  g_clear_error (&error);

  g_assert_false (allot_export_ledger_csv (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (allot_export_budget_csv (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "");
  test_util_remove_tree (dir);
}

static void
test_unwritable_folder (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;

  if (geteuid () == 0)
    {
      /* Root writes into read-only folders; /proc takes no files from anyone. */
      g_assert_false (allot_export_workbook (store, "/proc/allot-export-test.xlsx", NULL, NULL,
                                             NULL, NULL, &error));
      g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
      test_util_assert_message_contains (error, "/proc", "may not write", NULL);
      g_assert_false (g_file_test ("/proc/allot-export-test.xlsx", G_FILE_TEST_EXISTS));
      return;
    }
  dir = test_util_make_tmpdir ();
  path = g_build_filename (dir, "budget.xlsx", NULL);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  g_assert_false (allot_export_workbook (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  test_util_assert_message_contains (error, path, "may not write", NULL);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "");
  g_chmod (dir, 0755);
  test_util_remove_tree (dir);
}

static void
test_target_is_folder (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *target = g_build_filename (dir, "budget.xlsx", NULL);
  g_autofree char *names = NULL;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  g_assert_false (allot_export_workbook (store, target, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "budget.xlsx");
  test_util_remove_tree (dir);
}

static void
test_invalid_options (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "budget.xlsx", NULL);
  g_autofree char *names = NULL;
  AllotExportOptions options;

  allot_export_options_init (&options);
  options.fiscal_year = 1492;
  g_assert_false (allot_export_workbook (store, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  test_util_assert_message_contains (error, "1492", NULL);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "");
  test_util_remove_tree (dir);
}

/* Cancelled half-way (from the progress callback, as the app's Cancel
 * button would): an existing file keeps its contents, nothing else remains. */
static void
test_cancel_keeps_existing (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "budget.xlsx", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "ledger.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;
  Progress p = { g_array_new (FALSE, FALSE, sizeof (double)), cancellable, NULL };

  g_assert_true (g_file_set_contents (path, "last month's workbook", -1, NULL));
  g_assert_false (allot_export_workbook (store, path, NULL, record_progress, &p, cancellable,
                                         &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "last month's workbook");

  /* Cancelled before it starts. */
  g_assert_false (allot_export_ledger_csv (store, csv_path, NULL, NULL, NULL, cancellable,
                                           &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "budget.xlsx");
  g_array_unref (p.fractions);
  test_util_remove_tree (dir);
}

/* A full disk, simulated with a file size limit: the export fails with a
 * clear error, the existing file keeps its contents, no temporary remains. */
static void
test_disk_full (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = test_util_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "budget.xlsx", NULL);
      g_autofree char *contents = NULL;
      g_autofree char *names = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(AllotStore) store = load_demo (dir, "demo.db");
      struct rlimit limit = { 16 * 1024, 16 * 1024 };

      g_assert_true (g_file_set_contents (path, "last month's workbook", -1, NULL));
      /* Beyond the limit write() fails with EFBIG instead of raising SIGXFSZ. */
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (allot_export_workbook (store, path, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
      test_util_assert_message_contains (error, path, NULL);
      g_test_message ("%s", error->message);
      contents = read_file (path);
      g_assert_cmpstr (contents, ==, "last month's workbook");
      names = list_dir (dir);
      /* (On PostgreSQL the database is not a file in the folder.) */
      if (test_util_backend_is_postgres ())
        g_assert_cmpstr (names, ==, "budget.xlsx");
      else
        g_assert_true (g_str_has_prefix (names, "budget.xlsx demo.db"));
      g_assert_null (strstr (names, ".budget"));
      g_clear_object (&store);
      test_util_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ---- the app's way: a worker thread on a reader connection ---- */

typedef struct {
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} ThreadResult;

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AllotStore *reader = source_object;
  const char *path = task_data;
  GError *error = NULL;
  AllotExportOptions options;

  demo_options (&options);
  if (allot_export_workbook (reader, path, &options, NULL, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
exported_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ThreadResult *r = user_data;

  r->ok = g_task_propagate_boolean (G_TASK (result), &r->error);
  g_main_loop_quit (r->loop);
}

static void
test_worker_thread (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) reader = allot_store_open_reader (store, &error);
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "budget.xlsx", NULL);
  g_autoptr(GTask) task = NULL;
  ThreadResult r = { g_main_loop_new (NULL, FALSE), FALSE, NULL };

  g_assert_no_error (error);
  task = g_task_new (reader, NULL, exported_cb, &r);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, export_in_thread);
  g_main_loop_run (r.loop);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_main_loop_unref (r.loop);
  test_util_remove_tree (dir);
}

/* ---- CSV ---- */

/* The CSV lines of @path after the byte-order mark, which it must have;
 * every line must end in CRLF. */
static char **
read_csv_lines (const char *path)
{
  g_autofree char *contents = read_file (path);
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));
  lines = g_strsplit (contents + 3, "\r\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");
  g_clear_pointer (&lines[n - 1], g_free);
  for (guint i = 0; i < n - 1; i++)
    g_assert_null (strchr (lines[i], '\n'));
  return g_steal_pointer (&lines);
}

static gint64
first_allocation (AllotStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allocations = allot_store_list_allocations (store, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < allocations->len; i++)
    {
      AllotAllocation *a = allocations->pdata[i];

      if (a->status == ALLOT_STATUS_APPROVED && !a->voided)
        return a->id;
    }
  g_assert_not_reached ();
}

static void
test_ledger_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autoptr(AllotStore) store = load_demo (dir, "demo.db");
  g_autofree char *path = g_build_filename (dir, "ledger.csv", NULL);
  g_autoptr(AllotLedgerEntry) tricky = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *expected_head = NULL;
  g_autofree char *expected_tail = NULL;
  AllotLedgerFilter filter;
  const char *last;

  tricky = test_util_new_entry (first_allocation (store), ALLOT_ENTRY_OBLIGATION, 123456,
                                "2026-11-20", 0, "-DOC-1");
  g_free (tricky->payee);
  tricky->payee = g_strdup ("@SUM(A1)");
  g_free (tricky->description);
  tricky->description = g_strdup ("=1+1");
  tricky->status = ALLOT_STATUS_SUBMITTED;
  g_assert_true (allot_store_add_entry (store, tricky, &error));
  g_assert_no_error (error);

  g_assert_true (allot_export_ledger_csv (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lines = read_csv_lines (path);
  g_assert_cmpstr (lines[0], ==, "id,date,paid_date,kind,status,amount,document,payee,source,"
                                 "task_force,category,fiscal_year,allocation_id,obligation_id,"
                                 "voided,entered_by,description");

  /* One line per entry, voided ones included. */
  allot_ledger_filter_init (&filter);
  filter.include_voided = TRUE;
  entries = allot_store_list_ledger (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (lines), ==, entries->len + 1);

  /* The newest entry comes last; its typed text is neutralised, its amount
   * has a '.' and no grouping. */
  last = lines[g_strv_length (lines) - 1];
  expected_head = g_strdup_printf ("%" PRId64 ",2026-11-20,,obligation,submitted,"
                                   "1234.56,'-DOC-1,'@SUM(A1),", tricky->id);
  g_assert_true (g_str_has_prefix (last, expected_head));
  expected_tail = g_strdup_printf (",no,%s,'=1+1", allot_store_get_user (store));
  g_assert_true (g_str_has_suffix (last, expected_tail));
  test_util_remove_tree (dir);
}

static void
test_ledger_csv_quoting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autoptr(AllotStore) store = load_demo (dir, "demo.db");
  g_autofree char *path = g_build_filename (dir, "ledger.csv", NULL);
  g_autoptr(AllotLedgerEntry) entry = NULL;

  entry = test_util_new_entry (first_allocation (store), ALLOT_ENTRY_OBLIGATION, 5,
                               "2026-11-21", 0, "Q-1");
  g_free (entry->description);
  entry->description = g_strdup ("Radios, \"encrypted\"\nset of 2");
  entry->status = ALLOT_STATUS_DRAFT;
  g_assert_true (allot_store_add_entry (store, entry, &error));
  g_assert_no_error (error);

  g_assert_true (allot_export_ledger_csv (store, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = read_file (path);

    /* RFC 4180: the field is quoted, quotes doubled, the line feed kept. */
    g_assert_nonnull (strstr (contents, ",0.05,Q-1,Vendor,"));
    g_assert_true (g_str_has_suffix (contents, ",\"Radios, \"\"encrypted\"\"\nset of 2\"\r\n"));
  }
  test_util_remove_tree (dir);
}

static void
test_budget_csv (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "budget.csv", NULL);
  g_autoptr(GPtrArray) balances = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(GStrv) lines = NULL;
  AllotExportOptions options;

  demo_options (&options);
  options.fiscal_year = 2026;
  g_assert_true (allot_export_budget_csv (store, path, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  lines = read_csv_lines (path);
  g_assert_cmpstr (lines[0], ==, "allocation_id,source,kind,task_force,category,fiscal_year,"
                                 "budget,obligated,expended,unliquidated,available,percent_spent,"
                                 "percent_period_elapsed,period_start,period_end,source_name");

  balances = allot_store_list_balances (store, ALLOT_BALANCE_BY_ALLOCATION, 2026, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (balances->len, >, 0);
  g_assert_cmpuint (g_strv_length (lines), ==, balances->len + 1);
  for (guint i = 0; i < balances->len; i++)
    g_hash_table_insert (by_id, &((AllotBalanceRow *) balances->pdata[i])->id, balances->pdata[i]);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      gint64 id = g_ascii_strtoll (f[0], NULL, 10);
      AllotBalanceRow *row = g_hash_table_lookup (by_id, &id);
      g_autofree char *budget = NULL, *obligated = NULL, *expended = NULL;
      g_autofree char *unliquidated = NULL, *available = NULL;

      g_assert_nonnull (row);
      g_assert_cmpstr (f[5], ==, "2026");
      budget = allot_money_format_plain (row->balance.authorized);
      obligated = allot_money_format_plain (row->balance.obligated);
      expended = allot_money_format_plain (row->balance.expended);
      unliquidated = allot_money_format_plain (row->balance.unliquidated);
      available = allot_money_format_plain (row->balance.available);
      g_assert_cmpstr (f[6], ==, budget);
      g_assert_cmpstr (f[7], ==, obligated);
      g_assert_cmpstr (f[8], ==, expended);
      g_assert_cmpstr (f[9], ==, unliquidated);
      g_assert_cmpstr (f[10], ==, available);
      g_hash_table_remove (by_id, &id);
    }
  g_assert_cmpuint (g_hash_table_size (by_id), ==, 0);
  test_util_remove_tree (dir);
}

/* Under a comma-decimal locale the files hold the same bytes, and the
 * caller's locale is as it was afterwards. */
static void
test_comma_locale (void)
{
  AllotStore *store = get_shared_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *c_ledger = g_build_filename (dir, "c-ledger.csv", NULL);
  g_autofree char *c_budget = g_build_filename (dir, "c-budget.csv", NULL);
  g_autofree char *de_ledger = g_build_filename (dir, "de-ledger.csv", NULL);
  g_autofree char *de_budget = g_build_filename (dir, "de-budget.csv", NULL);
  g_autofree char *de_workbook = g_build_filename (dir, "de.xlsx", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  AllotExportOptions options;

  demo_options (&options);
  g_assert_true (allot_export_ledger_csv (store, c_ledger, &options, NULL, NULL, NULL, &error));
  g_assert_true (allot_export_budget_csv (store, c_budget, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed");
      test_util_remove_tree (dir);
      return;
    }
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  g_assert_true (allot_export_ledger_csv (store, de_ledger, &options, NULL, NULL, NULL, &error));
  g_assert_true (allot_export_budget_csv (store, de_budget, &options, NULL, NULL, NULL, &error));
  g_assert_true (allot_export_workbook (store, de_workbook, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  setlocale (LC_ALL, saved);

  a = read_file (c_ledger);
  b = read_file (de_ledger);
  g_assert_cmpstr (a, ==, b);
  g_free (a);
  g_free (b);
  a = read_file (c_budget);
  b = read_file (de_budget);
  g_assert_cmpstr (a, ==, b);
  test_util_remove_tree (dir);
}

/* ---- the SF-425 details, streamed ---- */

/* Grant G, award 10,000.00 (period 2024-10-01 .. 2026-09-30), no match;
 * one allocation (SF-424A line a) FY2025 5,000.00.  Ledger:
 *   PO-1   obligation 1,000.00                          2024-11-01
 *   INV-1  300.00 on PO-1, incurred 2024-12-01, paid 2025-01-15
 *   INV-2  200.00 on PO-1, incurred 2025-02-01, unpaid
 *   DEOB   adjustment -100.00 on PO-1                   2025-02-10
 *   REF    adjustment -50.00 (no obligation)            2025-02-20
 *   PAY    400.00 direct, incurred 2025-03-01, unpaid
 *   PO-2   obligation 700.00                            2025-06-01
 * Report to 2025-03-31 (PO-2 is after it). */
typedef struct {
  char *dir;
  AllotStore *store;
  gint64 grant, po1, inv1, inv2, deob, ref, pay, po2;
} FfrFixture;

static GDate
iso_date (const char *iso)
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

/* An approved expenditure; @paid NULL = unpaid. */
static gint64
add_expenditure (AllotStore *store,
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

  entry->paid_date = iso_date (paid);
  entry->status = ALLOT_STATUS_SUBMITTED;
  g_assert_true (allot_store_add_entry (store, entry, &error));
  g_assert_no_error (error);
  test_util_approve_entry (store, entry->id);
  return entry->id;
}

static void
ffr_fixture_build (FfrFixture *fx)
{
  AllotStore *s;
  gint64 agency, tf, category, a;

  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "ffr.db", NULL);
  s = fx->store;
  agency = test_util_add_agency (s, "DOJ", "Department of Justice", ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (s, "TF", "Task force", agency);
  category = test_util_add_category (s, "PERS", "Personnel", 'a');
  fx->grant = test_util_add_grant (s, "G", "G-AWARD", 1000000, "2024-10-01", "2026-09-30");
  a = test_util_add_allocation (s, fx->grant, tf, category, 2025, 500000,
                                ALLOT_STATUS_APPROVED);
  fx->po1 = test_util_add_entry (s, a, ALLOT_ENTRY_OBLIGATION, 100000, "2024-11-01", 0, "PO-1",
                                 ALLOT_STATUS_APPROVED);
  fx->inv1 = add_expenditure (s, a, 30000, "2024-12-01", "2025-01-15", fx->po1, "INV-1");
  fx->inv2 = add_expenditure (s, a, 20000, "2025-02-01", NULL, fx->po1, "INV-2");
  fx->deob = test_util_add_entry (s, a, ALLOT_ENTRY_ADJUSTMENT, -10000, "2025-02-10", fx->po1,
                                  "DEOB", ALLOT_STATUS_APPROVED);
  fx->ref = test_util_add_entry (s, a, ALLOT_ENTRY_ADJUSTMENT, -5000, "2025-02-20", 0, "REF",
                                 ALLOT_STATUS_APPROVED);
  fx->pay = add_expenditure (s, a, 40000, "2025-03-01", NULL, 0, "PAY");
  fx->po2 = test_util_add_entry (s, a, ALLOT_ENTRY_OBLIGATION, 70000, "2025-06-01", 0, "PO-2",
                                 ALLOT_STATUS_APPROVED);
}

static void
ffr_fixture_free (FfrFixture *fx)
{
  g_clear_object (&fx->store);
  test_util_remove_tree (fx->dir);
  g_free (fx->dir);
}

typedef struct {
  GPtrArray *details;           /* copies, AllotReportDetail */
  guint fail_at;                /* 0 = never; else fail on that call (1-based) */
} Collected;

static gboolean
collect_detail (const AllotReportDetail *detail,
                gpointer                 data,
                GError                 **error)
{
  Collected *c = data;
  AllotReportDetail *copy = g_new0 (AllotReportDetail, 1);

  *copy = *detail;
  copy->table_name = g_strdup (detail->table_name);
  copy->reference = g_strdup (detail->reference);
  copy->description = g_strdup (detail->description);
  g_ptr_array_add (c->details, copy);
  if (c->fail_at != 0 && c->details->len == c->fail_at)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, "disk full at detail %u", c->fail_at);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  const char *line;
  const char *table;
  gint64 id;
  const char *date;
  gint64 amount;
} ExpectedDetail;

static void
assert_details (GPtrArray            *details,
                const ExpectedDetail *expected,
                guint                 n)
{
  g_assert_cmpuint (details->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const AllotReportDetail *d = details->pdata[i];
      GDate date = iso_date (expected[i].date);

      g_assert_cmpstr (d->line, ==, expected[i].line);
      g_assert_cmpstr (d->table_name, ==, expected[i].table);
      g_assert_cmpint (d->record_id, ==, expected[i].id);
      g_assert_cmpint (g_date_compare (&d->date, &date), ==, 0);
      g_assert_cmpint (d->amount, ==, expected[i].amount);
    }
}

/* The same details, every field, in the same order. */
static void
assert_same_details (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const AllotReportDetail *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (x->line, ==, y->line);
      g_assert_cmpint (x->column, ==, y->column);
      g_assert_cmpstr (x->table_name, ==, y->table_name);
      g_assert_cmpint (x->record_id, ==, y->record_id);
      g_assert_cmpint (g_date_valid (&x->date), ==, g_date_valid (&y->date));
      if (g_date_valid (&x->date))
        g_assert_cmpint (g_date_compare (&x->date, &y->date), ==, 0);
      g_assert_cmpstr (x->reference, ==, y->reference);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpint (x->amount, ==, y->amount);
    }
}

static void
check_streamed (FfrFixture           *fx,
                AllotReportBasis      basis,
                const gint64          lines[ALLOT_FFR_N_LINES],
                const ExpectedDetail *expected,
                guint                 n_expected)
{
  g_autoptr(GError) error = NULL;
  GDate end = iso_date ("2025-03-31");
  GDate as_of = iso_date ("2025-04-15");
  Collected c = { g_ptr_array_new_with_free_func ((GDestroyNotify) allot_report_detail_free), 0 };
  g_autoptr(AllotFfr) kept = allot_report_ffr (fx->store, fx->grant, &end, FALSE, basis, &as_of,
                                               &error);
  g_autoptr(AllotFfr) streamed = NULL;

  g_assert_no_error (error);
  streamed = report_ffr_streamed (fx->store, fx->grant, &end, FALSE, basis, &as_of,
                                  collect_detail, &c, &error);
  g_assert_no_error (error);
  g_assert_nonnull (streamed);

  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    {
      g_assert_cmpint (kept->lines[l], ==, lines[l]);
      g_assert_cmpint (streamed->lines[l], ==, lines[l]);
    }
  assert_details (kept->details, expected, n_expected);
  g_assert_cmpuint (streamed->details->len, ==, 0);  /* none kept */
  assert_same_details (c.details, kept->details);
  g_assert_cmpuint (streamed->warnings->len, ==, kept->warnings->len);
  g_ptr_array_unref (c.details);
}

static void
test_ffr_streamed (void)
{
  FfrFixture fx = { 0 };

  ffr_fixture_build (&fx);
  {
    /* Cash: 10b = 10e = INV-1 300.00 (paid 2025-01-15) + REF -50.00 =
     * 250.00.  10f: PO-1 1,000.00 - INV-1 300.00 - DEOB 100.00 = 600.00
     * open (INV-2 is unpaid but on PO-1, so inside it), plus PAY 400.00
     * incurred and unpaid on no obligation = 1,000.00.  10a = 0 (no
     * drawdown), 10c = -250.00; 10d 10,000.00; 10g = 1,250.00; 10h =
     * 8,750.00. */
    const gint64 lines[ALLOT_FFR_N_LINES] = {
      [ALLOT_FFR_10A] = 0, [ALLOT_FFR_10B] = 25000, [ALLOT_FFR_10C] = -25000,
      [ALLOT_FFR_10D] = 1000000, [ALLOT_FFR_10E] = 25000, [ALLOT_FFR_10F] = 100000,
      [ALLOT_FFR_10G] = 125000, [ALLOT_FFR_10H] = 875000,
    };
    const ExpectedDetail expected[] = {
      { "10d", "grants", fx.grant, "2024-10-01", 1000000 },
      { "10i", "grants", fx.grant, "2024-10-01", 0 },
      { "10b", "ledger_entries", fx.inv1, "2025-01-15", 30000 },
      { "10e", "ledger_entries", fx.inv1, "2025-01-15", 30000 },
      { "10b", "ledger_entries", fx.ref, "2025-02-20", -5000 },
      { "10e", "ledger_entries", fx.ref, "2025-02-20", -5000 },
      { "10f", "ledger_entries", fx.pay, "2025-03-01", 40000 },
      { "10f", "ledger_entries", fx.po1, "2024-11-01", 60000 },
    };

    check_streamed (&fx, ALLOT_BASIS_CASH, lines, expected, G_N_ELEMENTS (expected));
  }
  {
    /* Accrual: 10e = INV-1 300.00 + INV-2 200.00 - REF 50.00 + PAY 400.00
     * = 850.00 by the dates incurred; 10b stays 250.00 (cash).  10f: PO-1
     * 1,000.00 - 300.00 - 200.00 - 100.00 = 400.00; PAY counts in 10e.
     * 10g = 1,250.00, 10h = 8,750.00. */
    const gint64 lines[ALLOT_FFR_N_LINES] = {
      [ALLOT_FFR_10A] = 0, [ALLOT_FFR_10B] = 25000, [ALLOT_FFR_10C] = -25000,
      [ALLOT_FFR_10D] = 1000000, [ALLOT_FFR_10E] = 85000, [ALLOT_FFR_10F] = 40000,
      [ALLOT_FFR_10G] = 125000, [ALLOT_FFR_10H] = 875000,
    };
    const ExpectedDetail expected[] = {
      { "10d", "grants", fx.grant, "2024-10-01", 1000000 },
      { "10i", "grants", fx.grant, "2024-10-01", 0 },
      { "10b", "ledger_entries", fx.inv1, "2025-01-15", 30000 },
      { "10e", "ledger_entries", fx.inv1, "2024-12-01", 30000 },
      { "10e", "ledger_entries", fx.inv2, "2025-02-01", 20000 },
      { "10b", "ledger_entries", fx.ref, "2025-02-20", -5000 },
      { "10e", "ledger_entries", fx.ref, "2025-02-20", -5000 },
      { "10e", "ledger_entries", fx.pay, "2025-03-01", 40000 },
      { "10f", "ledger_entries", fx.po1, "2024-11-01", 40000 },
    };

    check_streamed (&fx, ALLOT_BASIS_ACCRUAL, lines, expected, G_N_ELEMENTS (expected));
  }
  ffr_fixture_free (&fx);
}

/* A detail that cannot be written stops the report with its error: no
 * report, and no detail handed over after it. */
static void
test_ffr_streamed_refused (void)
{
  FfrFixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  GDate end = iso_date ("2025-03-31");
  AllotFfr *ffr;

  ffr_fixture_build (&fx);
  for (guint fail_at = 1; fail_at <= 8; fail_at++)
    {
      Collected c = { g_ptr_array_new_with_free_func ((GDestroyNotify) allot_report_detail_free),
                      fail_at };
      g_autofree char *message = g_strdup_printf ("disk full at detail %u", fail_at);

      ffr = report_ffr_streamed (fx.store, fx.grant, &end, FALSE, ALLOT_BASIS_CASH, NULL,
                                 collect_detail, &c, &error);
      g_assert_null (ffr);
      g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
      g_assert_cmpstr (error->message, ==, message);
      g_assert_cmpuint (c.details->len, ==, fail_at);
      g_clear_error (&error);
      g_ptr_array_unref (c.details);
    }
  /* The store is usable afterwards: no statement or transaction left open. */
  ffr = allot_report_ffr (fx.store, fx.grant, &end, FALSE, ALLOT_BASIS_CASH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ffr->details->len, ==, 8);
  allot_ffr_free (ffr);
  ffr_fixture_free (&fx);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/workbook/success", test_workbook_success);
  g_test_add_func ("/export/workbook/replaces-existing", test_workbook_replaces_existing);
  g_test_add_func ("/export/workbook/worker-thread", test_worker_thread);
  g_test_add_func ("/export/fail/missing-folder", test_missing_folder);
  g_test_add_func ("/export/fail/unwritable-folder", test_unwritable_folder);
  g_test_add_func ("/export/fail/target-is-folder", test_target_is_folder);
  g_test_add_func ("/export/fail/invalid-options", test_invalid_options);
  g_test_add_func ("/export/fail/cancel-keeps-existing", test_cancel_keeps_existing);
  g_test_add_func ("/export/fail/disk-full", test_disk_full);
  g_test_add_func ("/export/csv/ledger", test_ledger_csv);
  g_test_add_func ("/export/csv/ledger-quoting", test_ledger_csv_quoting);
  g_test_add_func ("/export/csv/budget", test_budget_csv);
  g_test_add_func ("/export/locale/comma-decimal", test_comma_locale);
  g_test_add_func ("/export/ffr-detail/streamed", test_ffr_streamed);
  g_test_add_func ("/export/ffr-detail/refused", test_ffr_streamed_refused);

  status = g_test_run ();
  g_clear_object (&shared_store);
  test_util_remove_tree (shared_dir);
  g_free (shared_dir);
  return status;
}
