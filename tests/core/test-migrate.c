/* test-migrate.c: allot_store_migrate_to() (allot-migrate.h).
 *
 * The demo is loaded on the backend under test, copied into an SQLite file
 * and from there into a new database of the backend under test: the
 * progress calls, the summary, the groupings of balances the copy's own
 * check does not compare, and (on the same backend) the whole database,
 * dumped, are the same.  Targets that hold anything are refused unchanged;
 * a copy that fails removes the file it created; and on PostgreSQL an owner
 * who is not a superuser (no replica session) copies too, the triggers
 * enabled again afterwards.  tests/cli/test-migrate.sh covers the reports.
 */
#include <locale.h>
#include <string.h>

#include "allot-demo.h"
#include "allot-migrate.h"
#include "test-util.h"

typedef struct {
  GPtrArray *tables;   /* in the order first reported */
  GArray *rows;        /* the last count reported for each */
  guint n_calls;
  gboolean went_back;  /* a table reported again after another one started */
} Progress;

static void
on_progress (const char *table,
             gint64      rows,
             gpointer    data)
{
  Progress *p = data;
  guint last = p->tables->len;

  p->n_calls++;
  if (last > 0 && g_str_equal (p->tables->pdata[last - 1], table))
    {
      g_assert_cmpint (rows, >=, g_array_index (p->rows, gint64, last - 1));
      g_array_index (p->rows, gint64, last - 1) = rows;
      return;
    }
  for (guint i = 0; i < last; i++)
    if (g_str_equal (p->tables->pdata[i], table))
      p->went_back = TRUE;
  g_ptr_array_add (p->tables, g_strdup (table));
  g_array_append_val (p->rows, rows);
}

static int
position (GPtrArray  *tables,
          const char *table)
{
  for (guint i = 0; i < tables->len; i++)
    if (g_str_equal (tables->pdata[i], table))
      return (int) i;
  g_error ("table %s was not copied", table);
  return -1;
}

static char *
last_hash (AllotStore *store,
           gint64     *out_records)
{
  g_autoptr(GError) error = NULL;
  AllotAuditVerdict verdict;
  char *hash;

  g_assert_true (allot_store_verify_audit (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_null (verdict.problem);
  *out_records = verdict.n_records;
  hash = g_strdup (verdict.last_hash);
  allot_audit_verdict_clear (&verdict);
  return hash;
}

/* The balances of @grouping on both stores, row for row. */
static void
assert_balances_equal (AllotStore          *a,
                       AllotStore          *b,
                       AllotBalanceGrouping grouping)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) x = allot_store_list_balances (a, grouping, 0, &error);
  g_autoptr(GPtrArray) y = NULL;

  g_assert_no_error (error);
  y = allot_store_list_balances (b, grouping, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (x->len, ==, y->len);
  g_assert_cmpuint (x->len, >, 0);
  for (guint i = 0; i < x->len; i++)
    {
      const AllotBalanceRow *r = x->pdata[i], *s = y->pdata[i];

      g_assert_cmpstr (r->code, ==, s->code);
      g_assert_cmpint (r->id, ==, s->id);
      g_assert_true (memcmp (&r->balance, &s->balance, sizeof r->balance) == 0);
    }
}

/* @dump without its schema_migrations rows: when each migration ran is not
 * data (the copy's schema was made when it was copied). */
static char *
without_migration_times (const char *dump)
{
  const char *start = strstr (dump, "== schema_migrations\n");
  const char *end;

  g_assert_nonnull (start);
  end = strstr (start + 1, "\n== ");
  g_assert_nonnull (end);
  return g_strdup_printf ("%.*s%s", (int) (start - dump), dump, end + 1);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *source_path = test_util_new_location (dir, "source.db");
  g_autofree char *file_path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *back_path = test_util_new_location (dir, "back.db");
  g_autoptr(AllotStore) source = NULL;
  g_autoptr(AllotStore) file = NULL;
  g_autoptr(AllotStore) back = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *file_hash = NULL;
  g_autofree char *back_hash = NULL;
  g_autofree char *source_dump = NULL;
  g_autofree char *back_dump = NULL;
  AllotMigrateSummary summary = { 0 };
  Progress progress = { g_ptr_array_new_with_free_func (g_free),
                        g_array_new (FALSE, FALSE, sizeof (gint64)), 0, FALSE };
  g_autoptr(AllotDb) file_db = NULL;
  gint64 n_records = 0, n = 0, total = 0;
  gboolean ok;

  source = allot_store_open (source_path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (allot_demo_load (source, &error));
  g_assert_no_error (error);
  hash = last_hash (source, &n_records);

  /* The backend under test -> an SQLite file. */
  ok = allot_store_migrate_to_full (source, file_path, on_progress, &progress, &summary, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* One run of calls per table, in the order copied, the last one the
   * table's rows in the copy. */
  /* The copy is an SQLite file whatever the backend under test. */
  file_db = allot_db_open_sqlite (file_path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_false (progress.went_back);
  g_assert_cmpuint (progress.tables->len, ==, summary.tables->len);
  g_assert_cmpuint (progress.n_calls, >=, summary.tables->len);
  for (guint i = 0; i < summary.tables->len; i++)
    {
      const AllotMigrateTable *t = summary.tables->pdata[i];
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", t->table);

      g_assert_cmpstr (progress.tables->pdata[i], ==, t->table);
      g_assert_cmpint (g_array_index (progress.rows, gint64, i), ==, t->rows);
      n = test_util_query_int (file_db, sql);
      g_assert_cmpint (n, ==, t->rows);
      total += n;
    }
  g_assert_cmpint (summary.n_rows, ==, total);
  /* The demo's 362 ledger entries, and parents before children. */
  g_assert_cmpint (test_util_query_int (file_db, "SELECT count(*) FROM ledger_entries"),
                   ==, 362);
  g_assert_cmpint (position (progress.tables, "sources"), <, position (progress.tables, "grants"));
  g_assert_cmpint (position (progress.tables, "grants"), <,
                   position (progress.tables, "match_entries"));
  g_assert_cmpint (position (progress.tables, "allocations"), <,
                   position (progress.tables, "ledger_entries"));
  g_assert_cmpint (position (progress.tables, "agencies"), <,
                   position (progress.tables, "task_forces"));
  g_assert_cmpint (position (progress.tables, "reimbursement_claims"), <,
                   position (progress.tables, "claim_payments"));
  /* No PostgreSQL bookkeeping table in the copy. */
  g_assert_cmpint (test_util_query_int (file_db, "SELECT count(*) FROM sqlite_schema"
                                                 " WHERE name = 'schema_migrations'"), ==, 0);
  g_clear_pointer (&file_db, allot_db_close);
  g_assert_cmpint (summary.n_audit_records, ==, n_records);
  g_assert_cmpstr (summary.last_hash, ==, hash);
  allot_migrate_summary_clear (&summary);

  file = allot_store_open (file_path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  file_hash = last_hash (file, &n);
  g_assert_cmpstr (file_hash, ==, hash);
  g_assert_cmpint (n, ==, n_records);

  /* The file -> a new database of the backend under test; no callback. */
  ok = allot_store_migrate_to (file, back_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  back = allot_store_open (back_path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  back_hash = last_hash (back, &n);
  g_assert_cmpstr (back_hash, ==, hash);
  g_assert_cmpint (n, ==, n_records);
  /* The groupings the copy's own check does not compare. */
  assert_balances_equal (source, back, ALLOT_BALANCE_BY_KIND);
  assert_balances_equal (source, back, ALLOT_BALANCE_BY_TASK_FORCE);
  assert_balances_equal (source, back, ALLOT_BALANCE_BY_FISCAL_YEAR);

  /* On PostgreSQL the whole database: rows, columns, indexes, triggers
   * and whether they are enabled.  (On SQLite the triggers created again
   * come later in sqlite_schema; tests/cli/test-migrate.sh compares the
   * rows and the sorted schema.) */
  if (test_util_backend_is_postgres ())
    {
      g_autofree char *a = test_util_dump_db (source_path);
      g_autofree char *b = test_util_dump_db (back_path);

      source_dump = without_migration_times (a);
      back_dump = without_migration_times (b);
      g_assert_cmpstr (back_dump, ==, source_dump);
    }

  g_ptr_array_unref (progress.tables);
  g_array_unref (progress.rows);
  g_clear_object (&back);
  g_clear_object (&file);
  g_clear_object (&source);
  test_util_drop_location (back_path);
  test_util_close_store (&source, &dir, &source_path);
}

static void
test_refused_targets (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *source_path = NULL;
  g_autofree char *target_path = NULL;
  g_autoptr(AllotStore) source = test_util_create_store (dir, "source.db", &source_path);
  g_autoptr(AllotStore) target = test_util_create_store (dir, "target.db", &target_path);
  g_autofree char *before = NULL;
  g_autofree char *source_before = NULL;
  gboolean ok;

  test_util_add_agency (source, "SRC", "Source agency", ALLOT_AGENCY_LOCAL);
  test_util_add_agency (target, "KEEP", "Agency of the target", ALLOT_AGENCY_LOCAL);
  g_clear_object (&target);

  /* A database of the backend under test that holds Allot's tables. */
  before = test_util_dump_db (target_path);
  source_before = test_util_dump_db (source_path);
  ok = allot_store_migrate_to (source, target_path, NULL, NULL, &error);
  test_util_check_refused (target_path, &before, ok, &error, ALLOT_ERROR_CONSTRAINT,
                           test_util_backend_is_postgres () ? "already holds tables"
                                                            : "already exists and is not empty",
                           "not changed", NULL);
  test_util_assert_unchanged (source_path, source_before);

  /* An SQLite file that is not a database. */
  {
    g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
    g_autofree char *text = NULL;

    g_assert_true (g_file_set_contents (notes, "keep me\n", -1, NULL));
    ok = allot_store_migrate_to (source, notes, NULL, NULL, &error);
    g_assert_false (ok);
    g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_true (g_file_get_contents (notes, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "keep me\n");
  }

  test_util_drop_location (target_path);
  test_util_close_store (&source, &dir, &source_path);
}

/* A copy that fails after it made the target file leaves no file behind. */
static void
test_failed_copy_removes_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *source_path = NULL;
  g_autoptr(AllotStore) source = test_util_create_store (dir, "source.db", &source_path);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(AllotDb) raw = NULL;
  gboolean ok;

  test_util_add_agency (source, "SRC", "Source agency", ALLOT_AGENCY_LOCAL);
  /* A table of another program beside Allot's: the copy's schema has no
   * place for it. */
  raw = test_util_open_raw (source_path, FALSE);
  test_util_exec (raw, "CREATE TABLE extra_notes (x integer)");
  g_clear_pointer (&raw, allot_db_close);

  ok = allot_store_migrate_to (source, copy, NULL, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
  test_util_assert_message_contains (error, "extra_notes", "not in the copy", NULL);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  g_clear_error (&error);

  /* Into PostgreSQL the message says what is left to clean up. */
  if (test_util_backend_is_postgres ())
    {
      g_autofree char *pg = test_util_new_location (dir, "pg-copy");

      g_assert_false (allot_store_migrate_to (source, pg, NULL, NULL, &error));
      test_util_assert_message_contains (error, "extra_notes", "now holds Allot's tables, empty",
                                         NULL);
      g_clear_error (&error);
      test_util_drop_location (pg);
    }
  test_util_close_store (&source, &dir, &source_path);
}

/* PostgreSQL: the owner of an empty database who is not a superuser may not
 * become a replica session; the copy disables the triggers one by one
 * instead and enables them again before the commit. */
static void
test_pg_owner_not_superuser (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *target_path = NULL;
  g_autofree char *owner_path = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *copy_hash = NULL;
  g_autoptr(AllotStore) source = NULL;
  g_autoptr(AllotStore) copy = NULL;
  g_autoptr(AllotDb) raw = NULL;
  gint64 n = 0, m = 0, disabled = 0, triggers = 0, next_id = 0;
  gboolean ok;

  if (!test_util_backend_is_postgres ())
    {
      g_test_skip ("PostgreSQL only");
      return;
    }
  dir = test_util_make_tmpdir ();
  source = test_util_create_store (dir, "source.db", &source_path);
  test_util_add_agency (source, "SRC", "Source agency", ALLOT_AGENCY_LOCAL);
  test_util_add_grant (source, "G1", "AWARD-1", 100000, "2025-10-01", "2027-09-30");
  hash = last_hash (source, &n);

  target_path = test_util_new_location (dir, "owned");
  raw = test_util_open_raw (target_path, FALSE);
  dbname = test_util_query_text (raw, "SELECT current_database ()");
  test_util_exec (raw, "DO $$ BEGIN CREATE ROLE allot_test_owner LOGIN;"
                       " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
  sql = g_strdup_printf ("ALTER DATABASE \"%s\" OWNER TO allot_test_owner", dbname);
  test_util_exec (raw, sql);
  g_clear_pointer (&raw, allot_db_close);
  /* In a conninfo a later keyword wins. */
  owner_path = g_strdup_printf ("%s user=allot_test_owner", target_path);

  ok = allot_store_migrate_to (source, owner_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  raw = test_util_open_raw (target_path, FALSE);
  triggers = test_util_query_int (raw, "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal");
  disabled = test_util_query_int (raw, "SELECT count(*) FROM pg_trigger"
                                       " WHERE NOT tgisinternal AND tgenabled <> 'O'");
  g_assert_cmpint (triggers, >, 50);
  g_assert_cmpint (disabled, ==, 0);
  g_clear_pointer (&raw, allot_db_close);

  copy = allot_store_open (owner_path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  copy_hash = last_hash (copy, &m);
  g_assert_cmpstr (copy_hash, ==, hash);
  g_assert_cmpint (m, ==, n);
  /* The triggers work again: a new agency is audited, its id after the
   * copied one. */
  next_id = test_util_add_agency (copy, "NEW", "Added on the copy", ALLOT_AGENCY_LOCAL);
  g_assert_cmpint (next_id, ==, 2);
  g_clear_pointer (&copy_hash, g_free);
  copy_hash = last_hash (copy, &m);
  g_assert_cmpint (m, ==, n + 2);  /* the owner's users row, the agency */

  g_clear_object (&copy);
  test_util_drop_location (target_path);
  test_util_close_store (&source, &dir, &source_path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrate/round-trip", test_round_trip);
  g_test_add_func ("/migrate/refused-targets", test_refused_targets);
  g_test_add_func ("/migrate/failed-copy-removes-file", test_failed_copy_removes_file);
  g_test_add_func ("/migrate/pg-owner-not-superuser", test_pg_owner_not_superuser);

  return g_test_run ();
}
