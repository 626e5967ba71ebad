/* test-util.c: helpers shared by the core storage tests. */
#include <stdarg.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>

#include "allot-date.h"
#include "allot-db-sqlite.h"
#include "test-util.h"

char *
test_util_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("allot-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
test_util_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  if (handle != NULL)
    {
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            test_util_remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (dir);
}

/* ---- the backend under test ---- */

#define PG_ENV "ALLOT_TEST_PG_CONNINFO"

/* The cluster's superuser conninfo, or NULL on SQLite. */
static const char *
pg_conninfo (void)
{
  const char *conninfo = g_getenv (PG_ENV);

  if (conninfo == NULL || *conninfo == '\0')
    return NULL;
  /* A database is named by appending " dbname=…", which a URI does not take. */
  if (g_str_has_prefix (conninfo, "postgres://") || g_str_has_prefix (conninfo, "postgresql://"))
    g_error ("%s must be a \"key=value ...\" conninfo, not a URI: %s", PG_ENV, conninfo);
  return conninfo;
}

gboolean
test_util_backend_is_postgres (void)
{
  return pg_conninfo () != NULL;
}

gboolean
test_util_skip_unless_sqlite (const char *reason)
{
  if (!test_util_backend_is_postgres ())
    return FALSE;
  g_test_skip (reason);
  return TRUE;
}

const char *
test_util_sql (const char *sqlite,
               const char *postgres)
{
  return test_util_backend_is_postgres () ? postgres : sqlite;
}

/* A superuser connection to the database @conninfo names. */
static AllotDb *
pg_connect (const char *conninfo)
{
  g_autoptr(GError) error = NULL;
  AllotDb *db = allot_db_open_postgres (conninfo, &error);

  if (db == NULL)
    g_error ("cannot connect to PostgreSQL (%s): %s", conninfo, error->message);
  return db;
}

/* The superuser on the cluster's own database, for creating and dropping
 * the tests' databases (quietly: "IF EXISTS" notices are no news). */
static AllotDb *
pg_admin_connect (void)
{
  AllotDb *admin = pg_connect (pg_conninfo ());

  test_util_exec (admin, "SET client_min_messages = warning");
  return admin;
}

/* Every name the core and CLI tests (and the demo data) write as or appoint:
 * on PostgreSQL each person is a login of the cluster, and the store's SET
 * ROLE needs it to exist.  Keep in step with tests/cli/test-lib.sh. */
static const char *const test_logins[] = {
  TEST_UTIL_ADMIN, TEST_UTIL_REVIEWER, TEST_UTIL_OFFICER,
  /* test-review.c, test-rules.c */
  "ada", "rita", "roy", "otto", "olga", "newcomer", "zoe", "adam", "mallory",
  /* test-audit.c */
  "alice", "bob", "carol", "dave", "erin", "frank",
  /* test-store-records.c, test-migrations.c */
  "officer1", "budget.officer", "clerk", "new.reviewer", "old.allot",
  /* the demo data (allot-demo.c) */
  "a.okafor", "m.rivera", "j.chen",
  /* the CLI tests */
  "officer.a", "reviewer.b", "rev.b",
};

/* Roles are cluster-wide and the test programs run in parallel: a login
 * another test made a moment ago is no error. */
static void
pg_ensure_logins (AllotDb *admin)
{
  static gboolean done = FALSE;
  g_autoptr(GString) sql = NULL;

  if (done)
    return;
  sql = g_string_new ("DO $$ BEGIN\n");
  for (guint i = 0; i < G_N_ELEMENTS (test_logins); i++)
    g_string_append_printf (sql,
                            "  BEGIN CREATE ROLE \"%s\" LOGIN;\n"
                            "  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;\n"
                            "  END;\n", test_logins[i]);
  g_string_append (sql, "END $$");
  test_util_exec (admin, sql->str);
  done = TRUE;
}

/* The databases this process made and has not dropped yet: a store made
 * with test_util_create_store (..., NULL) and a folder removed with
 * test_util_remove_tree() leaves its database to the end of the process. */
static GPtrArray *pg_created;

static void
pg_drop_database (AllotDb    *admin,
                  const char *dbname)
{
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", dbname);

  test_util_exec (admin, sql);
}

static void
pg_drop_leftovers (void)
{
  g_autoptr(AllotDb) admin = NULL;

  if (pg_created == NULL || pg_created->len == 0 || pg_conninfo () == NULL)
    return;
  admin = pg_admin_connect ();
  for (guint i = 0; i < pg_created->len; i++)
    pg_drop_database (admin, pg_created->pdata[i]);
  g_ptr_array_set_size (pg_created, 0);
}

/* The database name a location made by test_util_new_location() ends with. */
static const char *
pg_test_dbname (const char *location)
{
  const char *tail = location != NULL ? g_strrstr (location, " dbname=allot_test_") : NULL;

  return tail != NULL ? tail + strlen (" dbname=") : NULL;
}

char *
test_util_new_location (const char *dir,
                        const char *name)
{
  static guint counter = 0;
  const char *conninfo = pg_conninfo ();
  g_autoptr(AllotDb) admin = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *sql = NULL;

  if (conninfo == NULL)
    return g_build_filename (dir, name, NULL);

  /* The name stands for nothing but this process and this store; a name
   * left over by a crashed run of a process with the same id goes first. */
  dbname = g_strdup_printf ("allot_test_%d_%u", (int) getpid (), ++counter);
  admin = pg_admin_connect ();
  pg_ensure_logins (admin);
  pg_drop_database (admin, dbname);
  sql = g_strdup_printf ("CREATE DATABASE \"%s\"", dbname);
  test_util_exec (admin, sql);
  if (pg_created == NULL)
    {
      pg_created = g_ptr_array_new_with_free_func (g_free);
      atexit (pg_drop_leftovers);
    }
  g_ptr_array_add (pg_created, g_strdup (dbname));
  /* In a conninfo a later keyword wins over an earlier one. */
  return g_strdup_printf ("%s dbname=%s", conninfo, dbname);
}

void
test_util_drop_location (const char *location)
{
  const char *conninfo = pg_conninfo ();
  const char *dbname = pg_test_dbname (location);
  g_autoptr(AllotDb) admin = NULL;

  if (conninfo == NULL || dbname == NULL)
    return;
  admin = pg_admin_connect ();
  pg_drop_database (admin, dbname);
  for (guint i = 0; pg_created != NULL && i < pg_created->len; i++)
    {
      if (g_str_equal (pg_created->pdata[i], dbname))
        {
          g_ptr_array_remove_index (pg_created, i);
          break;
        }
    }
}

/* ---- raw connections ---- */

static void
append_value (GString   *out,
              AllotStmt *stmt,
              int        column)
{
  switch (allot_stmt_column_type (stmt, column))
    {
    case ALLOT_DB_TYPE_NULL:
      g_string_append (out, "NULL");
      break;
    case ALLOT_DB_TYPE_INTEGER:
      g_string_append_printf (out, "i:%" PRId64, allot_stmt_column_int64 (stmt, column));
      break;
    case ALLOT_DB_TYPE_FLOAT:
      g_string_append_printf (out, "f:%.17g", allot_stmt_column_double (stmt, column));
      break;
    case ALLOT_DB_TYPE_TEXT:
      g_string_append_printf (out, "t:'%s'", allot_stmt_column_text (stmt, column));
      break;
    default:
      {
        const guchar *blob = (const guchar *) allot_stmt_column_text (stmt, column);
        int n = allot_stmt_column_bytes (stmt, column);

        g_string_append (out, "b:");
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", blob[i]);
        break;
      }
    }
}

static AllotStmt *
prepare_or_die (AllotDb    *db,
                const char *sql)
{
  g_autoptr(GError) error = NULL;
  AllotStmt *stmt = allot_db_prepare (db, sql, &error);

  if (stmt == NULL)
    g_error ("cannot prepare %s: %s", sql, error->message);
  return stmt;
}

static void
dump_query (AllotDb    *db,
            const char *sql,
            GString    *out)
{
  g_autoptr(AllotStmt) stmt = prepare_or_die (db, sql);
  int rc;

  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      for (int c = 0; c < allot_stmt_column_count (stmt); c++)
        {
          if (c > 0)
            g_string_append (out, " | ");
          g_string_append (out, allot_stmt_column_name (stmt, c));
          g_string_append_c (out, '=');
          append_value (out, stmt, c);
        }
      g_string_append_c (out, '\n');
    }
  if (rc != ALLOT_DB_DONE)
    g_error ("dump: cannot read %s: %s", sql, allot_db_errmsg (db));
}

/* The first column of every row of @sql. */
static GPtrArray *
query_texts (AllotDb    *db,
             const char *sql)
{
  g_autoptr(AllotStmt) stmt = prepare_or_die (db, sql);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    g_ptr_array_add (texts, g_strdup (allot_stmt_column_text (stmt, 0)));
  if (rc != ALLOT_DB_DONE)
    g_error ("cannot read %s: %s", sql, allot_db_errmsg (db));
  return texts;
}

/* @name as an SQL identifier: double-quoted, quotes doubled. */
static char *
quote_identifier (const char *name)
{
  GString *out = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

static void
dump_sqlite (AllotDb *db,
             GString *out)
{
  g_autoptr(GPtrArray) tables = NULL;

  g_string_append (out, "== pragmas\n");
  dump_query (db, "PRAGMA user_version", out);
  dump_query (db, "PRAGMA application_id", out);
  g_string_append (out, "== sqlite_schema\n");
  dump_query (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid", out);

  tables = query_texts (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                            " AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = tables->pdata[i];
      g_autofree char *quoted = quote_identifier (name);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", quoted);

      g_string_append_printf (out, "== %s\n", name);
      dump_query (db, sql, out);
    }
}

/* PostgreSQL has no rowid: a table's rows go in the order of its primary
 * key, or of all its columns when it has none. */
static char *
pg_order_by (AllotDb    *db,
             const char *table)
{
  g_autofree char *literal = g_strdup_printf ("'%s'", table); /* our own names: no quotes */
  g_autofree char *pk_sql = NULL;
  g_autofree char *all_sql = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) order = g_string_new (NULL);

  g_assert_null (strchr (table, '\''));
  pk_sql = g_strdup_printf ("SELECT kcu.column_name"
                            " FROM information_schema.table_constraints tc"
                            " JOIN information_schema.key_column_usage kcu"
                            "   ON kcu.constraint_schema = tc.constraint_schema"
                            "  AND kcu.constraint_name = tc.constraint_name"
                            "  AND kcu.table_name = tc.table_name"
                            " WHERE tc.table_schema = 'public' AND tc.table_name = %s"
                            "   AND tc.constraint_type = 'PRIMARY KEY'"
                            " ORDER BY kcu.ordinal_position", literal);
  columns = query_texts (db, pk_sql);
  if (columns->len == 0)
    {
      g_clear_pointer (&columns, g_ptr_array_unref);
      all_sql = g_strdup_printf ("SELECT column_name FROM information_schema.columns"
                                 " WHERE table_schema = 'public' AND table_name = %s"
                                 " ORDER BY ordinal_position", literal);
      columns = query_texts (db, all_sql);
    }
  for (guint i = 0; i < columns->len; i++)
    {
      g_autofree char *quoted = quote_identifier (columns->pdata[i]);

      g_string_append_printf (order, "%s%s", i > 0 ? ", " : "", quoted);
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
dump_postgres (AllotDb *db,
               GString *out)
{
  g_autoptr(GPtrArray) tables = NULL;

  g_string_append (out, "== columns\n");
  dump_query (db, "SELECT table_name, column_name, data_type, is_nullable, column_default"
                  " FROM information_schema.columns WHERE table_schema = 'public'"
                  " ORDER BY table_name, ordinal_position", out);
  g_string_append (out, "== indexes\n");
  dump_query (db, "SELECT tablename, indexname, indexdef FROM pg_indexes"
                  " WHERE schemaname = 'public' ORDER BY tablename, indexname", out);
  g_string_append (out, "== triggers\n");
  dump_query (db, "SELECT c.relname AS table_name, t.tgname AS trigger_name,"
                  " t.tgenabled::text AS enabled"
                  " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                  " JOIN pg_namespace n ON n.oid = c.relnamespace"
                  " WHERE n.nspname = 'public' AND NOT t.tgisinternal"
                  " ORDER BY c.relname, t.tgname", out);
  g_string_append (out, "== views\n");
  dump_query (db, "SELECT table_name, view_definition FROM information_schema.views"
                  " WHERE table_schema = 'public' ORDER BY table_name", out);

  /* schema_migrations (the version) is one of these tables. */
  tables = query_texts (db, "SELECT table_name FROM information_schema.tables"
                            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                            " ORDER BY table_name");
  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = tables->pdata[i];
      g_autofree char *quoted = quote_identifier (name);
      g_autofree char *order = pg_order_by (db, name);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", quoted, order);

      g_string_append_printf (out, "== %s\n", name);
      dump_query (db, sql, out);
    }
}

char *
test_util_dump_db (const char *location)
{
  GString *out = g_string_new (NULL);
  g_autoptr(AllotDb) db = NULL;

  if (test_util_backend_is_postgres ())
    {
      db = pg_connect (location);
      dump_postgres (db, out);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      db = allot_db_open_sqlite (location, TRUE, &error);
      if (db == NULL)
        g_error ("dump: cannot open %s: %s", location, error->message);
      dump_sqlite (db, out);
    }
  return g_string_free (out, FALSE);
}

/* Stand-in for allot_user() and any other SQL function of Allot's own that
 * triggers call (the audit hash chain's allot_audit_hash(), for one). */
static void
raw_stand_in_function (sqlite3_context *context,
                       int              argc,
                       sqlite3_value  **argv)
{
  sqlite3_result_text (context, "raw", -1, SQLITE_STATIC);
}

AllotDb *
test_util_open_raw (const char *location,
                    gboolean    with_user)
{
  g_autoptr(GError) error = NULL;
  AllotDb *db;
  sqlite3 *handle;

  if (test_util_backend_is_postgres ())
    return pg_connect (location);

  db = allot_db_open_sqlite (location, FALSE, &error);
  if (db == NULL)
    g_error ("cannot open %s: %s", location, error->message);
  handle = allot_db_sqlite_handle (db);
  sqlite3_busy_timeout (handle, 5000);
  if (with_user)
    {
      sqlite3_create_function (handle, "allot_user", 0, SQLITE_UTF8, NULL,
                               raw_stand_in_function, NULL, NULL);
      sqlite3_create_function (handle, "allot_audit_hash", -1, SQLITE_UTF8, NULL,
                               raw_stand_in_function, NULL, NULL);
    }
  return db;
}

char *
test_util_exec_expect_failure (AllotDb    *db,
                               const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (allot_db_exec (db, sql, &error))
    g_error ("“%s” was expected to fail but succeeded", sql);
  return g_strdup (error->message);
}

void
test_util_exec (AllotDb    *db,
                const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!allot_db_exec (db, sql, &error))
    g_error ("“%s” failed: %s", sql, error->message);
}

gint64
test_util_query_int (AllotDb    *db,
                     const char *sql)
{
  g_autoptr(AllotStmt) stmt = prepare_or_die (db, sql);
  gint64 value = 0;
  int rc = allot_stmt_step (stmt);

  if (rc == ALLOT_DB_ROW)
    value = allot_stmt_column_int64 (stmt, 0);
  else if (rc != ALLOT_DB_DONE)
    g_error ("cannot run %s: %s", sql, allot_db_errmsg (db));
  return value;
}

char *
test_util_query_text (AllotDb    *db,
                      const char *sql)
{
  g_autoptr(AllotStmt) stmt = prepare_or_die (db, sql);
  char *value = NULL;
  int rc = allot_stmt_step (stmt);

  if (rc == ALLOT_DB_ROW)
    value = g_strdup (allot_stmt_column_text (stmt, 0));
  else if (rc != ALLOT_DB_DONE)
    g_error ("cannot run %s: %s", sql, allot_db_errmsg (db));
  return value;
}

gint64
test_util_query_file_int (const char *location,
                          const char *sql)
{
  g_autoptr(AllotDb) db = test_util_open_raw (location, FALSE);

  return test_util_query_int (db, sql);
}

char *
test_util_query_file_text (const char *location,
                           const char *sql)
{
  g_autoptr(AllotDb) db = test_util_open_raw (location, FALSE);

  return test_util_query_text (db, sql);
}

/* Every string of the NULL-terminated @args is in @error's message. */
static void
assert_message_contains_va (const GError *error,
                            va_list       args)
{
  const char *part;

  while ((part = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, part) == NULL)
        g_error ("the message “%s” does not contain “%s”", error->message, part);
    }
}

void
test_util_assert_message_contains (const GError *error,
                                   ...)
{
  va_list args;

  g_assert_nonnull (error);
  va_start (args, error);
  assert_message_contains_va (error, args);
  va_end (args);
}

void
test_util_close_store (AllotStore **store,
                       char       **dir,
                       char       **path)
{
  g_clear_object (store);
  test_util_drop_location (*path);
  test_util_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

void
test_util_check_refused (const char  *path,
                         char       **before,
                         gboolean     ok,
                         GError     **error,
                         int          code,
                         ...)
{
  va_list args;

  g_assert_false (ok);
  g_assert_error (*error, ALLOT_ERROR, code);
  g_test_message ("refused: %s", (*error)->message);
  va_start (args, code);
  assert_message_contains_va (*error, args);
  va_end (args);
  test_util_assert_unchanged (path, *before);
  g_clear_pointer (before, g_free);
  g_clear_error (error);
}

void
test_util_assert_audit_whole (AllotStore *store)
{
  AllotAuditVerdict verdict = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (allot_store_verify_audit (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verdict.problem, ==, NULL);
  g_assert_cmpint (verdict.broken_id, ==, 0);
  allot_audit_verdict_clear (&verdict);
}

void
test_util_assert_sql_refused (const char *path,
                              const char *sql,
                              const char *part)
{
  g_autoptr(AllotDb) raw = test_util_open_raw (path, TRUE);
  g_autofree char *message = test_util_exec_expect_failure (raw, sql);

  if (strstr (message, part) == NULL)
    g_error ("“%s” was refused with “%s”, not “%s”", sql, message, part);
}

void
test_util_date (GDate *date,
                int    year,
                int    month,
                int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_assert_true (g_date_valid (date));
}

static void
parse_date (GDate      *date,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  if (text == NULL)
    return;
  g_assert_true (allot_date_parse (text, date, &error));
  g_assert_no_error (error);
}

void
test_util_set_up_users (AllotStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The first writer administers the database and appoints a reviewer. */
  allot_store_set_user (store, TEST_UTIL_ADMIN);
  ok = allot_store_set_user_role (store, TEST_UTIL_REVIEWER, ALLOT_ROLE_REVIEWER, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  allot_store_set_user (store, TEST_UTIL_OFFICER);
}

AllotStore *
test_util_create_store (const char  *dir,
                        const char  *name,
                        char       **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_util_new_location (dir, name);
  AllotStore *store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  test_util_set_up_users (store);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

gint64
test_util_add_agency (AllotStore       *store,
                      const char       *code,
                      const char       *name,
                      AllotAgencyLevel  level)
{
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  agency->code = g_strdup (code);
  agency->name = g_strdup (name);
  agency->level = level;
  ok = allot_store_add_agency (store, agency, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (agency->id, >, 0);
  return agency->id;
}

gint64
test_util_add_task_force (AllotStore *store,
                          const char *code,
                          const char *name,
                          gint64      lead_agency_id)
{
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  tf->code = g_strdup (code);
  tf->name = g_strdup (name);
  tf->lead_agency_id = lead_agency_id;
  test_util_date (&tf->start_date, 2023, 1, 1);
  ok = allot_store_add_task_force (store, tf, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (tf->id, >, 0);
  return tf->id;
}

gint64
test_util_add_category (AllotStore *store,
                        const char *code,
                        const char *name,
                        char        sf424a_line)
{
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  category->code = g_strdup (code);
  category->name = g_strdup (name);
  category->sf424a_line = sf424a_line;
  ok = allot_store_add_category (store, category, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (category->id, >, 0);
  return category->id;
}

static gint64
add_source (AllotStore  *store,
            AllotSource *source)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = allot_store_add_source (store, source, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (source->id, >, 0);
  return source->id;
}

gint64
test_util_add_grant (AllotStore *store,
                     const char *code,
                     const char *award_number,
                     gint64      award_amount,
                     const char *pop_start,
                     const char *pop_end)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_GRANT);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Grant %s", code);
  source->u.grant.award_number = g_strdup (award_number);
  source->u.grant.assistance_listing = g_strdup ("16.738");
  source->u.grant.award_amount = award_amount;
  parse_date (&source->u.grant.pop_start, pop_start);
  parse_date (&source->u.grant.pop_end, pop_end);
  return add_source (store, source);
}

gint64
test_util_add_appropriation (AllotStore *store,
                             const char *code,
                             int         fiscal_year,
                             gint64      amount)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_APPROPRIATION);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Appropriation %s", code);
  source->u.appropriation.fund_code = g_strdup ("0100");
  source->u.appropriation.program_code = g_strdup ("TF01");
  source->u.appropriation.fiscal_year = fiscal_year;
  source->u.appropriation.amount = amount;
  test_util_date (&source->u.appropriation.lapse_date, fiscal_year, 9, 30);
  return add_source (store, source);
}

gint64
test_util_add_agreement (AllotStore *store,
                         const char *code,
                         const char *number,
                         gint64      partner_agency_id,
                         const char *term_start,
                         const char *term_end)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_AGREEMENT);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Agreement %s", code);
  source->u.agreement.agreement_number = g_strdup (number);
  source->u.agreement.partner_agency_id = partner_agency_id;
  parse_date (&source->u.agreement.term_start, term_start);
  parse_date (&source->u.agreement.term_end, term_end);
  return add_source (store, source);
}

gint64
test_util_add_forfeiture (AllotStore             *store,
                          const char             *code,
                          AllotForfeitureProgram  program)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_FORFEITURE);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Forfeiture fund %s", code);
  source->u.forfeiture.program = program;
  return add_source (store, source);
}

gint64
test_util_add_amendment (AllotStore *store,
                         gint64      source_id,
                         const char *date,
                         gint64      amount,
                         const char *description)
{
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  amendment->source_id = source_id;
  parse_date (&amendment->effective_date, date);
  amendment->amount = amount;
  amendment->description = g_strdup (description);
  ok = allot_store_add_amendment (store, amendment, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (amendment->id, >, 0);
  return amendment->id;
}

gint64
test_util_add_receipt (AllotStore       *store,
                       gint64            source_id,
                       AllotReceiptKind  kind,
                       const char       *date,
                       gint64            amount,
                       const char       *case_number)
{
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  receipt->source_id = source_id;
  receipt->kind = kind;
  parse_date (&receipt->received_date, date);
  receipt->amount = amount;
  receipt->case_number = g_strdup (case_number);
  ok = allot_store_add_receipt (store, receipt, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (receipt->id, >, 0);
  return receipt->id;
}

gint64
test_util_add_contribution (AllotStore            *store,
                            gint64                 source_id,
                            AllotContributionSide  side,
                            AllotContributionForm  form,
                            gint64                 valuation,
                            const char            *description)
{
  g_autoptr(AllotContribution) contribution = allot_contribution_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  contribution->source_id = source_id;
  contribution->side = side;
  contribution->form = form;
  contribution->valuation = valuation;
  contribution->description = g_strdup (description);
  ok = allot_store_add_contribution (store, contribution, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (contribution->id, >, 0);
  return contribution->id;
}

static void
approve (AllotStore *store,
         gint64      id,
         gboolean    allocation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user = g_strdup (allot_store_get_user (store));
  AllotStatus status;
  gboolean ok;

  if (allocation)
    {
      g_autoptr(AllotAllocation) a = allot_store_lookup_allocation (store, id, &error);

      g_assert_no_error (error);
      status = a->status;
    }
  else
    {
      g_autoptr(AllotLedgerEntry) e = allot_store_lookup_entry (store, id, &error);

      g_assert_no_error (error);
      status = e->status;
    }
  if (status == ALLOT_STATUS_DRAFT || status == ALLOT_STATUS_RETURNED)
    {
      ok = allocation ? allot_store_submit_allocation (store, id, &error)
                      : allot_store_submit_entry (store, id, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  allot_store_set_user (store, TEST_UTIL_REVIEWER);
  ok = allocation ? allot_store_approve_allocation (store, id, &error)
                  : allot_store_approve_entry (store, id, &error);
  allot_store_set_user (store, user);
  g_assert_no_error (error);
  g_assert_true (ok);
}

void
test_util_approve_allocation (AllotStore *store,
                              gint64      id)
{
  approve (store, id, TRUE);
}

void
test_util_approve_entry (AllotStore *store,
                         gint64      id)
{
  approve (store, id, FALSE);
}

gint64
test_util_add_allocation (AllotStore  *store,
                          gint64       source_id,
                          gint64       task_force_id,
                          gint64       category_id,
                          int          fiscal_year,
                          gint64       amount,
                          AllotStatus  status)
{
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  allocation->source_id = source_id;
  allocation->task_force_id = task_force_id;
  allocation->category_id = category_id;
  allocation->fiscal_year = fiscal_year;
  allocation->amount = amount;
  allocation->status = status == ALLOT_STATUS_APPROVED ? ALLOT_STATUS_SUBMITTED : status;
  ok = allot_store_add_allocation (store, allocation, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (allocation->id, >, 0);
  if (status == ALLOT_STATUS_APPROVED)
    test_util_approve_allocation (store, allocation->id);
  return allocation->id;
}

AllotLedgerEntry *
test_util_new_entry (gint64          allocation_id,
                     AllotEntryKind  kind,
                     gint64          amount,
                     const char     *date,
                     gint64          obligation_id,
                     const char     *document_number)
{
  AllotLedgerEntry *entry = allot_ledger_entry_new ();

  entry->allocation_id = allocation_id;
  entry->kind = kind;
  entry->amount = amount;
  parse_date (&entry->entry_date, date);
  entry->obligation_id = obligation_id;
  entry->document_number = g_strdup (document_number);
  entry->payee = g_strdup ("Vendor");
  entry->description = g_strdup_printf ("%s %s", allot_entry_kind_to_string (kind),
                                        document_number);
  return entry;
}

gint64
test_util_add_entry (AllotStore      *store,
                     gint64           allocation_id,
                     AllotEntryKind   kind,
                     gint64           amount,
                     const char      *date,
                     gint64           obligation_id,
                     const char      *document_number,
                     AllotStatus      status)
{
  g_autoptr(AllotLedgerEntry) entry = test_util_new_entry (allocation_id, kind, amount, date,
                                                           obligation_id, document_number);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  entry->status = status == ALLOT_STATUS_APPROVED ? ALLOT_STATUS_SUBMITTED : status;
  ok = allot_store_add_entry (store, entry, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (entry->id, >, 0);
  if (status == ALLOT_STATUS_APPROVED)
    test_util_approve_entry (store, entry->id);
  return entry->id;
}
