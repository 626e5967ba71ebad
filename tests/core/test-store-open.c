/* test-store-open.c: creating, identifying, refusing, migrating and backing
 * up Allot databases.
 *
 * Every file the store refuses must be left byte-for-byte as it was: the
 * contents are read with g_file_get_contents() before and after.
 *
 * Most of this is about the SQLite file (its bytes, modes, pragmas, side
 * files, backups): on PostgreSQL those tests are skipped, and the rest
 * (reopening, a newer schema, two connections) run on a database of the
 * cluster.
 */
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "allot-rules.h"
#include "test-util.h"

#define ALLOT_APPLICATION_ID_VALUE 0x414C4F54  /* "ALOT" */

/* In a test with a temporary folder `dir`: skipped on PostgreSQL. */
#define SKIP_UNLESS_SQLITE(reason)              \
  G_STMT_START {                                \
    if (test_util_skip_unless_sqlite (reason))  \
      {                                         \
        test_util_remove_tree (dir);            \
        return;                                 \
      }                                         \
  } G_STMT_END

/* The tables every Allot database has. */
#define CORE_TABLES \
  " ('settings', 'users', 'agencies', 'task_forces', 'task_force_members'," \
  "  'categories', 'sources', 'grants', 'amendments', 'appropriations'," \
  "  'agreements', 'contributions', 'forfeiture_funds', 'receipts'," \
  "  'drawdowns', 'allocations', 'ledger_entries', 'audit_log')"

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (GBytes     *before,
                   const char *path)
{
  g_autoptr(GBytes) after = read_bytes (path);

  g_assert_cmpmem (g_bytes_get_data (before, NULL), g_bytes_get_size (before),
                   g_bytes_get_data (after, NULL), g_bytes_get_size (after));
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) length, &error));
  g_assert_no_error (error);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Opens @path with and without ALLOT_STORE_OPEN_CREATE: both must refuse it
 * with ALLOT_ERROR_CORRUPT, a message containing @reason and the file name,
 * and leave the file exactly as it was. */
static void
assert_refused_untouched (const char *path,
                          const char *reason)
{
  g_autoptr(GBytes) before = read_bytes (path);
  const AllotStoreOpenFlags flags[] = { ALLOT_STORE_OPEN_EXISTING, ALLOT_STORE_OPEN_CREATE };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AllotStore) store = allot_store_open (path, flags[i], &error);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      g_assert_null (store);
      g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
      g_test_message ("refused (flags %d): %s", flags[i], error->message);
      test_util_assert_message_contains (error, path, reason, NULL);
      assert_same_bytes (before, path);
      /* Nothing is left beside it either. */
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
}

/* On PostgreSQL: a new (empty) database of the cluster gets the whole
 * schema, audit triggers included, when the store creates it. */
static void
test_create_postgres (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = test_util_new_location (dir, "allot.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  AllotDb *raw;

  store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (allot_store_is_empty (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (allot_store_get_fy_start_month (store), ==, 10);
  test_util_add_agency (store, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_LOCAL);

  raw = test_util_open_raw (path, FALSE);
  g_assert_cmpint (test_util_query_int (raw,
                   "SELECT count(*) FROM information_schema.tables"
                   " WHERE table_schema = 'public' AND table_name IN" CORE_TABLES), ==, 18);
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM agencies"), ==, 1);
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM audit_log"
                                             " WHERE table_name = 'agencies'"), ==, 1);
  allot_db_close (raw);

  g_clear_object (&store);
  test_util_drop_location (path);
  test_util_remove_tree (dir);
}

static void
test_create (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  /* A folder that does not exist yet: the store creates it. */
  g_autofree char *path = g_build_filename (dir, "data", "allot.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GBytes) contents = NULL;
  AllotDb *raw;

  if (test_util_backend_is_postgres ())
    {
      test_create_postgres ();
      test_util_remove_tree (dir);
      return;
    }
  store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (allot_store_get_path (store), ==, path);
  g_assert_cmpint (allot_store_schema_version (), >=, 1);
  g_assert_cmpint (ALLOT_SCHEMA_VERSION, ==, allot_store_schema_version ());

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_true (allot_store_is_empty (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (allot_store_get_fy_start_month (store), ==, 10);

  /* A write makes SQLite create its side files: private too. */
  test_util_add_agency (store, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_LOCAL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  if (g_file_test (shm, G_FILE_TEST_EXISTS))
    g_assert_cmpuint (file_mode (shm), ==, 0600);

  raw = test_util_open_raw (path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA application_id"), ==,
                   ALLOT_APPLICATION_ID_VALUE);
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA user_version"), ==,
                   allot_store_schema_version ());
  journal = test_util_query_text (raw, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  /* The schema is there, STRICT tables and the audit triggers included. */
  g_assert_cmpint (test_util_query_int (raw,
                   "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
                   CORE_TABLES), ==, 18);
  g_assert_cmpint (test_util_query_int (raw,
                   "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
                   " AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%STRICT'"), ==, 0);
  g_assert_cmpint (test_util_query_int (raw,
                   "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                   " AND name = 'audit_ledger_entries_update'"), ==, 1);
  allot_db_close (raw);

  g_clear_object (&store);

  /* Closed cleanly: the WAL was checkpointed into the file, whose header
   * records WAL mode (file format bytes 18 and 19 = 2). */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  contents = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (contents), >=, 100);
  g_assert_cmpmem (g_bytes_get_data (contents, NULL), 16, "SQLite format 3", 16);
  g_assert_cmpint (((const guchar *) g_bytes_get_data (contents, NULL))[18], ==, 2);
  g_assert_cmpint (((const guchar *) g_bytes_get_data (contents, NULL))[19], ==, 2);

  test_util_remove_tree (dir);
}

static void
test_reopen (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  AllotStore *store;
  gint64 id;

  store = test_util_create_store (dir, "allot.db", &path);
  id = test_util_add_agency (store, "FBI", "Federal Bureau of Investigation",
                             ALLOT_AGENCY_FEDERAL);
  g_assert_true (allot_store_set_fy_start_month (store, 7, &error));
  g_assert_no_error (error);
  g_object_unref (store);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(AllotAgency) agency = NULL;
      AllotDb *raw;

      /* Without the CREATE flag, and with it: an existing database is opened as is. */
      store = allot_store_open (path, round == 0 ? ALLOT_STORE_OPEN_EXISTING
                                                 : ALLOT_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      agency = allot_store_lookup_agency_by_code (store, "FBI", &error);
      g_assert_no_error (error);
      g_assert_nonnull (agency);
      g_assert_cmpint (agency->id, ==, id);
      g_assert_cmpstr (agency->name, ==, "Federal Bureau of Investigation");
      g_assert_cmpint (agency->level, ==, ALLOT_AGENCY_FEDERAL);
      g_assert_cmpuint (allot_store_get_fy_start_month (store), ==, 7);
      g_assert_false (allot_store_is_empty (store, &error));
      g_assert_no_error (error);
      g_object_unref (store);

      raw = test_util_open_raw (path, FALSE);
      if (!test_util_backend_is_postgres ())
        g_assert_cmpint (test_util_query_int (raw, "PRAGMA user_version"), ==,
                         allot_store_schema_version ());
      g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM agencies"), ==, 1);
      allot_db_close (raw);
    }
  if (!test_util_backend_is_postgres ())
    g_assert_cmpuint (file_mode (path), ==, 0600);

  test_util_drop_location (path);
  test_util_remove_tree (dir);
}

/* Version 0 is an empty file: creating runs every migration from it. */
static void
test_migrate_from_empty_file (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autofree char *month = NULL;
  g_autofree char *currency = NULL;
  AllotDb *raw;

  SKIP_UNLESS_SQLITE ("an empty SQLite file (PostgreSQL: every store the tests make starts empty)");

  write_bytes (path, "", 0);
  store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* The settings rows of migration 1 are there. */
  month = allot_store_dup_setting (store, "fy_start_month");
  g_assert_cmpstr (month, ==, "10");
  currency = allot_store_dup_setting (store, "currency");
  g_assert_cmpstr (currency, ==, "USD");
  test_util_add_agency (store, "DOC", "Department of Corrections", ALLOT_AGENCY_STATE);

  raw = test_util_open_raw (path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA user_version"), ==,
                   allot_store_schema_version ());
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA application_id"), ==,
                   ALLOT_APPLICATION_ID_VALUE);
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM agencies"), ==, 1);
  /* The first writer became the administrator. */
  g_assert_cmpint (test_util_query_int (raw,
                   "SELECT count(*) FROM users WHERE role = 'administrator'"), ==, 1);
  allot_db_close (raw);

  test_util_remove_tree (dir);
}

static void
test_refuse_text_file (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  SKIP_UNLESS_SQLITE ("a text file is not an SQLite database");

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Line %u of a text file that is not a database.\n", i);
  write_bytes (path, text->str, text->len);
  assert_refused_untouched (path, "not an Allot database");

  /* A very short one too (smaller than a database header). */
  write_bytes (path, "hello\n", 6);
  assert_refused_untouched (path, "not an Allot database");

  test_util_remove_tree (dir);
}

static void
test_refuse_random_bytes (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "random.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250101);
  guchar data[16384];

  SKIP_UNLESS_SQLITE ("random bytes in a file");

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guchar) g_rand_int_range (rand, 0, 256);
  write_bytes (path, data, sizeof data);
  assert_refused_untouched (path, "not an Allot database");

  test_util_remove_tree (dir);
}

static void
test_refuse_other_program (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "contacts.db", NULL);
  g_autoptr(GError) error = NULL;
  AllotDb *db;

  SKIP_UNLESS_SQLITE ("another program's SQLite file");

  write_bytes (path, "", 0);
  db = allot_db_open_sqlite (path, FALSE, &error);
  g_assert_no_error (error);
  test_util_exec (db, "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);"
                      "INSERT INTO contacts (name) VALUES ('Ada'), ('Grace');");
  allot_db_close (db);
  assert_refused_untouched (path, "another program");

  /* Another program's database that even uses user_version, in WAL mode. */
  db = allot_db_open_sqlite (path, FALSE, &error);
  g_assert_no_error (error);
  test_util_exec (db, "PRAGMA journal_mode = WAL; PRAGMA user_version = 1;"
                      "INSERT INTO contacts (name) VALUES ('Hedy');");
  allot_db_close (db);
  assert_refused_untouched (path, "another program");

  test_util_remove_tree (dir);
}

static void
test_refuse_empty_file (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GBytes) after = NULL;

  SKIP_UNLESS_SQLITE ("an empty SQLite file");

  write_bytes (path, "", 0);
  store = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
  test_util_assert_message_contains (error, path, "empty", NULL);
  after = read_bytes (path);
  g_assert_cmpuint (g_bytes_get_size (after), ==, 0);

  test_util_remove_tree (dir);
}

/* Finds a b-tree page (not page 1) near the middle of the database image. */
static gsize
find_middle_btree_page (const guchar *data,
                        gsize         length,
                        gsize         page_size)
{
  gsize n_pages = length / page_size;

  for (gsize distance = 0; distance < n_pages; distance++)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        gssize page = (gssize) (n_pages / 2) + sign * (gssize) distance;  /* 0-based */
        guchar type;

        if (page < 1 || page >= (gssize) n_pages)
          continue;
        type = data[(gsize) page * page_size];
        if (type == 0x0d || type == 0x0a)  /* table or index leaf */
          return (gsize) page;
      }
  g_assert_not_reached ();
  return 0;
}

/* Creates a database in @dir with pages enough to damage one in the middle,
 * closed (no WAL), then scrambles that page's header: returns its path. */
static char *
make_damaged_database (const char *dir)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GBytes) clean = NULL;
  g_autofree guchar *damaged = NULL;
  AllotStore *store;
  gsize length, page_size, page;
  const guchar *data;

  store = test_util_create_store (dir, "allot.db", &path);
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *code = g_strdup_printf ("AG%03u", i);
      g_autofree char *name = g_strdup_printf ("Agency number %u with a long name that fills "
                                               "pages of the database file quickly, %u", i, i);

      test_util_add_agency (store, code, name, ALLOT_AGENCY_LOCAL);
    }
  g_object_unref (store);

  /* Closed: everything is in the main file. */
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Still a good database before the damage. */
  store = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, NULL);
  g_assert_nonnull (store);
  g_object_unref (store);

  clean = read_bytes (path);
  data = g_bytes_get_data (clean, &length);
  page_size = ((gsize) data[16] << 8) | data[17];
  if (page_size == 1)
    page_size = 65536;
  g_assert_cmpuint (length % page_size, ==, 0);
  g_assert_cmpuint (length / page_size, >=, 8);
  page = find_middle_btree_page (data, length, page_size);
  g_test_message ("%" G_GSIZE_FORMAT " pages of %" G_GSIZE_FORMAT " bytes; damaging page %"
                  G_GSIZE_FORMAT, length / page_size, page_size, page + 1);

  /* Keep the page type, scramble its header and cell pointers. */
  damaged = g_memdup2 (data, length);
  for (gsize i = 1; i < 64; i++)
    damaged[page * page_size + i] = 0xA5;
  write_bytes (path, damaged, length);
  return g_steal_pointer (&path);
}

static void
test_refuse_damaged (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;

  SKIP_UNLESS_SQLITE ("a damaged SQLite page");

  /* A small file (this one is a few hundred KB) is checked on every open. */
  g_unsetenv ("ALLOT_OPEN_CHECK_MAX_BYTES");
  path = make_damaged_database (dir);
  assert_refused_untouched (path, "damaged");

  test_util_remove_tree (dir);
}

/* Above the limit (here lowered to 4 KiB, so that a small file stands for a
 * million-entry one), opening identifies the file cheaply and does not read
 * every page: the damage is found by the full check that "allot-cli check",
 * "audit verify" and the app's Overview run, and nothing is written. */
static void
test_large_damaged_found_by_check (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  AllotAuditVerdict verdict;

  SKIP_UNLESS_SQLITE ("a damaged SQLite page found by quick_check");

  path = make_damaged_database (dir);
  before = read_bytes (path);

  g_setenv ("ALLOT_OPEN_CHECK_MAX_BYTES", "4096", TRUE);
  store = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_unsetenv ("ALLOT_OPEN_CHECK_MAX_BYTES");
  g_assert_no_error (error);
  g_assert_nonnull (store);

  g_assert_false (allot_store_verify_file (store, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  findings = allot_store_check (store, NULL, &error);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
  g_assert_null (findings);
  g_clear_error (&error);

  g_assert_false (allot_store_verify_audit (store, &verdict, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
  g_clear_error (&error);

  g_clear_object (&store);
  assert_same_bytes (before, path);

  /* The same file under the default limit is refused on open. */
  assert_refused_untouched (path, "damaged");

  test_util_remove_tree (dir);
}

static void
test_refuse_newer_version (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *set_version = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *ours = NULL;
  AllotStore *store;
  AllotDb *raw;

  store = test_util_create_store (dir, "allot.db", &path);
  test_util_add_agency (store, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_LOCAL);
  g_object_unref (store);

  raw = test_util_open_raw (path, FALSE);
  if (test_util_backend_is_postgres ())
    set_version = g_strdup_printf ("INSERT INTO schema_migrations (version, applied_at)"
                                   " VALUES (%d, '2099-01-01T00:00:00.000Z')",
                                   allot_store_schema_version () + 1);
  else
    set_version = g_strdup_printf ("PRAGMA user_version = %d", allot_store_schema_version () + 1);
  test_util_exec (raw, set_version);
  allot_db_close (raw);

  newer = g_strdup_printf ("%d", allot_store_schema_version () + 1);
  if (test_util_backend_is_postgres ())
    {
      /* No file to compare byte for byte: the whole database instead. */
      g_autofree char *before = test_util_dump_db (path);
      const AllotStoreOpenFlags flags[] = { ALLOT_STORE_OPEN_EXISTING, ALLOT_STORE_OPEN_CREATE };

      for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(AllotStore) refused = allot_store_open (path, flags[i], &error);

          g_assert_null (refused);
          g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
          test_util_assert_message_contains (error, "newer version", NULL);
          test_util_assert_unchanged (path, before);
        }
    }
  else
    assert_refused_untouched (path, "newer version");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllotStore) refused = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);

    g_assert_null (refused);
    ours = g_strdup_printf ("%d", allot_store_schema_version ());
    test_util_assert_message_contains (error, newer, ours, "not changed", NULL);
  }

  /* Still the newer version, and still holding its data. */
  raw = test_util_open_raw (path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, test_util_sql ("PRAGMA user_version",
                                                            "SELECT max(version)"
                                                            " FROM schema_migrations")), ==,
                   allot_store_schema_version () + 1);
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM agencies"), ==, 1);
  allot_db_close (raw);

  test_util_drop_location (path);
  test_util_remove_tree (dir);
}

static void
test_missing_file (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "nope", NULL);
  g_autofree char *deep = g_build_filename (folder, "allot.db", NULL);
  const char *paths[] = { path, deep };

  SKIP_UNLESS_SQLITE ("a missing SQLite file and folder");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AllotStore) store = allot_store_open (paths[i], ALLOT_STORE_OPEN_EXISTING,
                                                      &error);
      g_autoptr(GDir) listing = NULL;

      g_assert_null (store);
      g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
      test_util_assert_message_contains (error, paths[i], NULL);
      g_assert_false (g_file_test (paths[i], G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
      /* Nothing at all was created. */
      listing = g_dir_open (dir, 0, NULL);
      g_assert_nonnull (listing);
      g_assert_null (g_dir_read_name (listing));
    }

  test_util_remove_tree (dir);
}

static void
test_refuse_folder (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;

  SKIP_UNLESS_SQLITE ("a folder given as the database file");
  store = allot_store_open (dir, ALLOT_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT);
  test_util_remove_tree (dir);
}

/* Two stores on one file (the app and the CLI, say): each sees the other's
 * writes at once, can write after them, and a stale edit is a conflict. */
static void
test_two_connections (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) a = NULL;
  g_autoptr(AllotStore) b = NULL;
  g_autoptr(AllotAgency) seen_by_b = NULL;
  g_autoptr(AllotAgency) seen_by_a = NULL;
  g_autoptr(AllotAgency) edit_a = NULL;
  g_autoptr(AllotAgency) edit_b = NULL;
  gint64 id;

  a = test_util_create_store (dir, "allot.db", &path);
  b = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);

  id = test_util_add_agency (a, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_LOCAL);
  seen_by_b = allot_store_lookup_agency_by_code (b, "MPD", &error);
  g_assert_no_error (error);
  g_assert_cmpint (seen_by_b->id, ==, id);

  test_util_add_agency (b, "DOC", "Department of Corrections", ALLOT_AGENCY_STATE);
  seen_by_a = allot_store_lookup_agency_by_code (a, "DOC", &error);
  g_assert_no_error (error);
  g_assert_nonnull (seen_by_a);
  g_assert_true (allot_store_set_setting (a, "jurisdiction", "District of Columbia", &error));
  g_assert_no_error (error);
  {
    g_autofree char *value = allot_store_dup_setting (b, "jurisdiction");

    g_assert_cmpstr (value, ==, "District of Columbia");
  }
  test_util_add_agency (b, "FBI", "Federal Bureau of Investigation", ALLOT_AGENCY_FEDERAL);
  test_util_add_agency (a, "DEA", "Drug Enforcement Administration", ALLOT_AGENCY_FEDERAL);

  /* Both read MPD at version 1; A saves first, B's save is a conflict. */
  edit_a = allot_store_lookup_agency (a, id, &error);
  g_assert_no_error (error);
  edit_b = allot_store_lookup_agency (b, id, &error);
  g_assert_no_error (error);
  g_free (edit_a->name);
  edit_a->name = g_strdup ("MPD (A)");
  g_assert_true (allot_store_update_agency (a, edit_a, &error));
  g_assert_no_error (error);
  g_free (edit_b->name);
  edit_b->name = g_strdup ("MPD (B)");
  g_assert_false (allot_store_update_agency (b, edit_b, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONFLICT);
  g_clear_error (&error);
  g_clear_pointer (&seen_by_b, allot_agency_free);
  seen_by_b = allot_store_lookup_agency (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen_by_b->name, ==, "MPD (A)");
  g_assert_cmpint (seen_by_b->version, ==, 2);

  g_clear_object (&a);
  g_clear_object (&b);
  test_util_drop_location (path);
  test_util_remove_tree (dir);
}

static void
assert_same_balances (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const AllotBalanceRow *x = a->pdata[i];
      const AllotBalanceRow *y = b->pdata[i];

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->code, ==, y->code);
      g_assert_cmpint (x->fiscal_year, ==, y->fiscal_year);
      g_assert_cmpint (x->balance.authorized, ==, y->balance.authorized);
      g_assert_cmpint (x->balance.allocated, ==, y->balance.allocated);
      g_assert_cmpint (x->balance.obligated, ==, y->balance.obligated);
      g_assert_cmpint (x->balance.expended, ==, y->balance.expended);
      g_assert_cmpint (x->balance.unliquidated, ==, y->balance.unliquidated);
      g_assert_cmpint (x->balance.available, ==, y->balance.available);
    }
}

static void
test_backup (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *backup_path = g_build_filename (dir, "copy", "backup.db", NULL);
  g_autofree char *backup_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *part = g_strconcat (backup_path, ".part", NULL);
  g_autofree char *dump_original = NULL;
  g_autofree char *dump_backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotStore) copy = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) sources_copy = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  g_autoptr(GPtrArray) allocations_copy = NULL;
  gint64 fbi, tf, cat, grant, alloc, obligation;
  AllotDb *raw;

  SKIP_UNLESS_SQLITE ("backups copy the SQLite file");

  store = test_util_create_store (dir, "allot.db", &path);
  fbi = test_util_add_agency (store, "FBI", "Federal Bureau of Investigation",
                              ALLOT_AGENCY_FEDERAL);
  tf = test_util_add_task_force (store, "SSTF", "Safe Streets Task Force", fbi);
  cat = test_util_add_category (store, "OT", "Overtime", 'a');
  grant = test_util_add_grant (store, "JAG-FY25", "15PBJA-24-GG-00001", 10000000,
                               "2024-10-01", "2026-09-30");
  test_util_add_amendment (store, grant, "2025-01-15", 500000, "Supplement");
  alloc = test_util_add_allocation (store, grant, tf, cat, 2025, 8000000, ALLOT_STATUS_APPROVED);
  obligation = test_util_add_entry (store, alloc, ALLOT_ENTRY_OBLIGATION, 3000000, "2024-11-01",
                                    0, "PO-1", ALLOT_STATUS_APPROVED);
  test_util_add_entry (store, alloc, ALLOT_ENTRY_EXPENDITURE, 1250050, "2024-12-01", obligation,
                       "INV-1", ALLOT_STATUS_APPROVED);
  test_util_add_entry (store, alloc, ALLOT_ENTRY_EXPENDITURE, 99999, "2024-12-05", 0,
                       "INV-2", ALLOT_STATUS_APPROVED);

  g_mkdir (backup_dir, 0700);
  g_assert_true (allot_store_backup (store, backup_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (backup_path), ==, 0600);

  /* The copy is self-contained (no WAL needed) and identical in content. */
  dump_original = test_util_dump_db (path);
  dump_backup = test_util_dump_db (backup_path);
  g_assert_cmpstr (dump_backup, ==, dump_original);

  raw = test_util_open_raw (backup_path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA application_id"), ==,
                   ALLOT_APPLICATION_ID_VALUE);
  g_assert_cmpint (test_util_query_int (raw, "PRAGMA user_version"), ==,
                   allot_store_schema_version ());
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM ledger_entries"), ==, 3);
  allot_db_close (raw);

  copy = allot_store_open (backup_path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  sources = allot_store_list_balances (store, ALLOT_BALANCE_BY_SOURCE, 0, &error);
  g_assert_no_error (error);
  sources_copy = allot_store_list_balances (copy, ALLOT_BALANCE_BY_SOURCE, 0, &error);
  g_assert_no_error (error);
  assert_same_balances (sources, sources_copy);
  g_assert_cmpuint (sources_copy->len, ==, 1);
  /* 100,000.00 + 5,000.00 authorized; 12,500.50 + 999.99 spent; 30,000.00 - 12,500.50 open. */
  g_assert_cmpint (((AllotBalanceRow *) sources_copy->pdata[0])->balance.authorized, ==,
                   10500000);
  g_assert_cmpint (((AllotBalanceRow *) sources_copy->pdata[0])->balance.expended, ==, 1350049);
  g_assert_cmpint (((AllotBalanceRow *) sources_copy->pdata[0])->balance.unliquidated, ==,
                   1749950);

  allocations = allot_store_list_balances (store, ALLOT_BALANCE_BY_ALLOCATION, 0, &error);
  g_assert_no_error (error);
  allocations_copy = allot_store_list_balances (copy, ALLOT_BALANCE_BY_ALLOCATION, 0, &error);
  g_assert_no_error (error);
  assert_same_balances (allocations, allocations_copy);

  /* The copy is a working database of its own: writing to it leaves the original alone. */
  test_util_add_agency (copy, "DEA", "Drug Enforcement Administration", ALLOT_AGENCY_FEDERAL);
  test_util_assert_unchanged (path, dump_original);

  /* Backing up again over an existing copy replaces it. */
  g_clear_object (&copy);
  g_assert_true (allot_store_backup (store, backup_path, &error));
  g_assert_no_error (error);
  g_free (dump_backup);
  dump_backup = test_util_dump_db (backup_path);
  g_assert_cmpstr (dump_backup, ==, dump_original);

  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-open/create", test_create);
  g_test_add_func ("/store-open/reopen", test_reopen);
  g_test_add_func ("/store-open/migrate-from-empty-file", test_migrate_from_empty_file);
  g_test_add_func ("/store-open/refuse/text-file", test_refuse_text_file);
  g_test_add_func ("/store-open/refuse/random-bytes", test_refuse_random_bytes);
  g_test_add_func ("/store-open/refuse/other-program", test_refuse_other_program);
  g_test_add_func ("/store-open/refuse/empty-file", test_refuse_empty_file);
  g_test_add_func ("/store-open/refuse/damaged", test_refuse_damaged);
  g_test_add_func ("/store-open/large-damaged-found-by-check", test_large_damaged_found_by_check);
  g_test_add_func ("/store-open/refuse/newer-version", test_refuse_newer_version);
  g_test_add_func ("/store-open/refuse/folder", test_refuse_folder);
  g_test_add_func ("/store-open/missing-file", test_missing_file);
  g_test_add_func ("/store-open/two-connections", test_two_connections);
  g_test_add_func ("/store-open/backup", test_backup);

  return g_test_run ();
}
