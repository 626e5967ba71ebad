/* test-db-pg.c: the PostgreSQL driver (allot-db-pg.c) against a real,
 * throwaway server: tests/pg/pg-cluster starts one unless
 * ALLOT_TEST_PG_CONNINFO names one.  Skipped only when the PostgreSQL
 * server binaries are not installed.
 *
 * The tests run in a child process so that the cluster is stopped even
 * when one of them aborts. */
#include "allot-db-private.h"

#include "allot-error.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *conninfo;   /* of the database "allot_drv_test" */

static AllotDb *
connect_db (void)
{
  g_autoptr (GError) error = NULL;
  AllotDb *db = allot_db_open_postgres (conninfo, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (allot_db_backend (db), ==, ALLOT_DB_POSTGRES);
  return db;
}

static void
exec_ok (AllotDb    *db,
         const char *sql)
{
  g_autoptr (GError) error = NULL;

  allot_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

static AllotStmt *
prepare_ok (AllotDb    *db,
            const char *sql)
{
  g_autoptr (GError) error = NULL;
  AllotStmt *stmt = allot_db_prepare (db, sql, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  return stmt;
}

/* The single integer of @sql. */
static gint64
query_int64 (AllotDb    *db,
             const char *sql)
{
  g_autoptr (AllotStmt) stmt = prepare_ok (db, sql);
  gint64 value;

  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  value = allot_stmt_column_int64 (stmt, 0);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_DONE);
  return value;
}

static void
test_uri (void)
{
  g_assert_true (allot_db_uri_is_postgres ("postgresql://db.example.org/allot"));
  g_assert_true (allot_db_uri_is_postgres ("postgres://u@h:5433/allot?sslmode=require"));
  g_assert_true (allot_db_uri_is_postgres ("host=db.example.org dbname=allot"));
  g_assert_true (allot_db_uri_is_postgres ("dbname=allot"));
  g_assert_false (allot_db_uri_is_postgres ("/srv/budget/allot.db"));
  g_assert_false (allot_db_uri_is_postgres ("allot.db"));
  /* A file name with "=" in it is not a conninfo: "budget" is no libpq key. */
  g_assert_false (allot_db_uri_is_postgres ("budget=2026.db"));
  g_assert_false (allot_db_uri_is_postgres (NULL));
}

static void
test_connect_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_db = g_strdup_printf ("%s dbname=no_such_db", conninfo);
  AllotDb *db;

  /* Nothing listens on port 1; the password must not be in the message. */
  db = allot_db_open_postgres ("host=127.0.0.1 port=1 dbname=ledger user=clerk "
                               "password=s3cr3t-pw connect_timeout=5", &error);
  g_assert_null (db);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "“ledger”"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "clerk"));
  g_assert_null (strstr (error->message, "s3cr3t-pw"));
  g_clear_error (&error);

  /* libpq quotes a URI it cannot parse whole, password and all. */
  db = allot_db_open_postgres ("postgresql://clerk:s3cr3t-pw@[::1/ledger", &error);
  g_assert_null (db);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_test_message ("unparsable: %s", error->message);
  g_assert_nonnull (strstr (error->message, "postgresql://clerk@[::1/ledger"));
  g_assert_null (strstr (error->message, "s3cr3t-pw"));
  g_clear_error (&error);

  /* The later dbname wins in a conninfo. */
  db = allot_db_open_postgres (bad_db, &error);
  g_assert_null (db);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_test_message ("no database: %s", error->message);
  g_assert_nonnull (strstr (error->message, "database \"no_such_db\" does not exist"));
}

static void
test_placeholders (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  /* ?2 -> $2, a bare ? is one past the highest so far -> $3, ?1 -> $1; the
   * ? in literals (also with '' and E'\'' escapes), in a quoted identifier,
   * in a dollar quote and in comments stay. */
  g_autoptr (AllotStmt) stmt = prepare_ok (db,
    "SELECT ?2 AS a, '?' AS b, 'it''s ?' AS c, \"q?\" AS d, ? AS e, ?1 AS f, "
    "E'x\\'?' AS g, $$?$$ AS h /* ? */ FROM (SELECT 'x' AS \"q?\") s -- ?\n");

  g_assert_cmpint (allot_stmt_param_count (stmt), ==, 3);
  allot_stmt_bind_text (stmt, 1, "one", -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (stmt, 2, "two", -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (stmt, 3, "three", -1, ALLOT_BIND_COPY);

  /* Columns are known before the first step (as on SQLite). */
  g_assert_cmpint (allot_stmt_column_count (stmt), ==, 8);
  g_assert_cmpstr (allot_stmt_column_name (stmt, 3), ==, "d");

  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_assert_cmpstr (allot_stmt_column_text (stmt, 0), ==, "two");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 1), ==, "?");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 2), ==, "it's ?");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 3), ==, "x");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 4), ==, "three");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 5), ==, "one");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 6), ==, "x'?");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 7), ==, "?");
  g_assert_cmpstr (allot_stmt_column_name (stmt, 5), ==, "f");
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_stmt_column_count (stmt), ==, 8);
  g_assert_null (allot_stmt_column_text (stmt, 0));
}

static void
test_integers_text_nulls (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) ins = NULL;
  g_autoptr (AllotStmt) sel = NULL;
  const char *name = "O'Brien \"Ed\" — café ✓ 日本";
  const gint64 values[] = { G_MAXINT64, G_MININT64, 0, -1 };

  exec_ok (db, "DROP TABLE IF EXISTS t_values;"
               "CREATE TABLE t_values (k int PRIMARY KEY, n bigint, s text, d date, f float8)");
  ins = prepare_ok (db, "INSERT INTO t_values (k, n, s, d, f) VALUES (?, ?, ?, ?, ?)");
  g_assert_cmpint (allot_stmt_param_count (ins), ==, 5);
  /* Run 4 times: the second run prepares it on the server. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      allot_stmt_bind_int (ins, 1, (int) i + 1);
      allot_stmt_bind_int64 (ins, 2, values[i]);
      if (i == 0)
        allot_stmt_bind_text (ins, 3, name, -1, ALLOT_BIND_STATIC);
      else if (i == 1)
        allot_stmt_bind_text (ins, 3, name, 7, ALLOT_BIND_COPY);  /* "O'Brien" */
      else if (i == 2)
        allot_stmt_bind_null (ins, 3);
      else
        allot_stmt_bind_text (ins, 3, NULL, -1, ALLOT_BIND_COPY);
      if (i < 2)
        allot_stmt_bind_text (ins, 4, i == 0 ? "2026-02-28" : "2024-02-29", -1, ALLOT_BIND_STATIC);
      else
        allot_stmt_bind_null (ins, 4);
      allot_stmt_bind_double (ins, 5, 0.1 * (i + 1));
      g_assert_cmpint (allot_stmt_step (ins), ==, ALLOT_DB_DONE);
      g_assert_cmpint (allot_db_changes (db), ==, 1);
      allot_stmt_reset (ins);
      allot_stmt_clear_bindings (ins);
    }

  sel = prepare_ok (db, "SELECT n, s, d, f, d + 1 FROM t_values ORDER BY k");
  g_assert_cmpint (allot_stmt_step (sel), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (sel, 0), ==, G_MAXINT64);
  g_assert_cmpstr (allot_stmt_column_text (sel, 0), ==, "9223372036854775807");
  g_assert_cmpint (allot_stmt_column_type (sel, 0), ==, ALLOT_DB_TYPE_INTEGER);
  g_assert_cmpstr (allot_stmt_column_text (sel, 1), ==, name);
  g_assert_cmpint (allot_stmt_column_bytes (sel, 1), ==, strlen (name));
  g_assert_cmpint (allot_stmt_column_type (sel, 1), ==, ALLOT_DB_TYPE_TEXT);
  g_assert_cmpstr (allot_stmt_column_text (sel, 2), ==, "2026-02-28");
  g_assert_cmpstr (allot_stmt_column_text (sel, 4), ==, "2026-03-01");
  g_assert_cmpfloat (allot_stmt_column_double (sel, 3), ==, 0.1);
  g_assert_cmpint (allot_stmt_column_type (sel, 3), ==, ALLOT_DB_TYPE_FLOAT);

  g_assert_cmpint (allot_stmt_step (sel), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (sel, 0), ==, G_MININT64);
  g_assert_cmpstr (allot_stmt_column_text (sel, 1), ==, "O'Brien");
  g_assert_cmpstr (allot_stmt_column_text (sel, 2), ==, "2024-02-29");
  g_assert_cmpstr (allot_stmt_column_text (sel, 4), ==, "2024-03-01");
  g_assert_cmpfloat (allot_stmt_column_double (sel, 3), ==, 0.2);

  g_assert_cmpint (allot_stmt_step (sel), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (sel, 0), ==, 0);
  g_assert_null (allot_stmt_column_text (sel, 1));
  g_assert_cmpint (allot_stmt_column_type (sel, 1), ==, ALLOT_DB_TYPE_NULL);
  g_assert_cmpint (allot_stmt_column_bytes (sel, 1), ==, 0);
  g_assert_null (allot_stmt_column_text (sel, 2));
  g_assert_cmpint (allot_stmt_column_int64 (sel, 2), ==, 0);
  g_assert_cmpfloat (allot_stmt_column_double (sel, 3), ==, 0.1 * 3);

  g_assert_cmpint (allot_stmt_step (sel), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (sel, 0), ==, -1);
  g_assert_null (allot_stmt_column_text (sel, 1));
  g_assert_cmpint (allot_stmt_step (sel), ==, ALLOT_DB_DONE);

  /* A SELECT leaves changes() alone, as on SQLite. */
  g_assert_cmpint (allot_db_changes (db), ==, 1);
}

static void
test_numeric_and_bool (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) stmt = NULL;

  exec_ok (db, "DROP TABLE IF EXISTS t_money;"
               "CREATE TABLE t_money (cents bigint);"
               "INSERT INTO t_money VALUES (4611686018427387904), (4611686018427387903), (NULL)");
  /* sum(bigint) is numeric on PostgreSQL. */
  stmt = prepare_ok (db, "SELECT sum(cents), sum(cents) - 1, 123.000::numeric, "
                         "-2.50::numeric, count(*) = 3, count(*) > 3, "
                         "sum(cents) FILTER (WHERE cents IS NULL) FROM t_money");
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_assert_cmpstr (allot_stmt_column_text (stmt, 0), ==, "9223372036854775807");
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 0), ==, G_MAXINT64);
  g_assert_cmpint (allot_stmt_column_type (stmt, 0), ==, ALLOT_DB_TYPE_INTEGER);
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 1), ==, G_MAXINT64 - 1);
  g_assert_cmpstr (allot_stmt_column_text (stmt, 2), ==, "123.000");
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 2), ==, 123);
  g_assert_cmpint (allot_stmt_column_type (stmt, 2), ==, ALLOT_DB_TYPE_INTEGER);
  g_assert_cmpint (allot_stmt_column_type (stmt, 3), ==, ALLOT_DB_TYPE_FLOAT);
  g_assert_cmpfloat (allot_stmt_column_double (stmt, 3), ==, -2.5);
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 3), ==, -2);   /* towards zero, as SQLite */
  /* Comparisons read as 1 / 0, as on SQLite. */
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 4), ==, 1);
  g_assert_cmpint (allot_stmt_column_type (stmt, 4), ==, ALLOT_DB_TYPE_INTEGER);
  g_assert_cmpstr (allot_stmt_column_text (stmt, 4), ==, "1");
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 5), ==, 0);
  g_assert_cmpint (allot_stmt_column_type (stmt, 6), ==, ALLOT_DB_TYPE_NULL);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_DONE);
  g_clear_pointer (&stmt, allot_stmt_finalize);

  /* Timestamps come back in UTC, ISO. */
  stmt = prepare_ok (db, "SELECT '2026-01-01 12:00:00+02'::timestamptz, date '2026-12-31' + 1");
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_assert_cmpstr (allot_stmt_column_text (stmt, 0), ==, "2026-01-01 10:00:00+00");
  g_assert_cmpstr (allot_stmt_column_text (stmt, 1), ==, "2027-01-01");
}

static void
test_errors (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) stmt = NULL;
  g_autoptr (GError) error = NULL;
  gint64 before;

  exec_ok (db, "DROP TABLE IF EXISTS t_codes;"
               "CREATE TABLE t_codes (code text UNIQUE, amount bigint CHECK (amount >= 0), "
               "entered_by text);"
               "CREATE OR REPLACE FUNCTION t_codes_who () RETURNS trigger LANGUAGE plpgsql AS $$"
               "BEGIN IF NEW.entered_by IS DISTINCT FROM session_user THEN "
               "RAISE EXCEPTION 'forged user name refused: % is not %', NEW.entered_by, session_user; "
               "END IF; RETURN NEW; END $$;"
               "CREATE TRIGGER t_codes_who BEFORE INSERT ON t_codes "
               "FOR EACH ROW EXECUTE FUNCTION t_codes_who ()");
  stmt = prepare_ok (db, "INSERT INTO t_codes VALUES (?, ?, coalesce(?, session_user))");
  allot_stmt_bind_text (stmt, 1, "A-1", -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_int64 (stmt, 2, 500);
  allot_stmt_bind_null (stmt, 3);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_DONE);
  allot_stmt_reset (stmt);

  /* Unique violation, with the server's message and detail. */
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_CONSTRAINT_UNIQUE);
  g_assert_cmpint (allot_db_errcode (db), ==, ALLOT_DB_CONSTRAINT_UNIQUE);
  g_test_message ("unique: %s", allot_db_errmsg (db));
  g_assert_cmpstr (allot_db_errmsg (db), ==,
                   "duplicate key value violates unique constraint \"t_codes_code_key\". "
                   "Key (code)=(A-1) already exists.");
  allot_db_set_error (db, allot_db_errcode (db), &error, "Could not save");
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);
  allot_stmt_reset (stmt);

  /* CHECK violation. */
  allot_stmt_bind_text (stmt, 1, "A-2", -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_int64 (stmt, 2, -1);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_CONSTRAINT);
  g_assert_nonnull (strstr (allot_db_errmsg (db), "violates check constraint \"t_codes_amount_check\""));
  allot_stmt_reset (stmt);

  /* A trigger's RAISE EXCEPTION, as SQLite's RAISE(ABORT). */
  allot_stmt_bind_int64 (stmt, 2, 1);
  allot_stmt_bind_text (stmt, 3, "mallory", -1, ALLOT_BIND_STATIC);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_CONSTRAINT);
  g_assert_cmpstr (allot_db_errmsg (db), ==, "forged user name refused: mallory is not allot_admin");
  allot_stmt_reset (stmt);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM t_codes"), ==, 1);

  /* A syntax error is a plain error, without "ERROR:". */
  before = allot_db_changes (db);
  g_assert_false (allot_db_exec (db, "SELEC 1", &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_assert_cmpint (allot_db_errcode (db), ==, ALLOT_DB_ERROR);
  g_assert_cmpstr (allot_db_errmsg (db), ==, "syntax error at or near \"SELEC\"");
  g_assert_cmpint (allot_db_changes (db), ==, before);
  g_clear_error (&error);

  /* An error inside a transaction leaves it aborted, not autocommit. */
  exec_ok (db, "BEGIN");
  allot_stmt_bind_text (stmt, 3, NULL, -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (stmt, 1, "A-1", -1, ALLOT_BIND_STATIC);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_CONSTRAINT_UNIQUE);
  allot_stmt_reset (stmt);
  g_assert_false (allot_db_get_autocommit (db));
  exec_ok (db, "ROLLBACK");
  g_assert_true (allot_db_get_autocommit (db));
}

static void
test_serialization_failure (void)
{
  g_autoptr (AllotDb) a = connect_db ();
  g_autoptr (AllotDb) b = connect_db ();
  g_autoptr (AllotStmt) upd = NULL;
  g_autoptr (GError) error = NULL;

  exec_ok (a, "DROP TABLE IF EXISTS t_ser;"
              "CREATE TABLE t_ser (id int PRIMARY KEY, amount bigint);"
              "INSERT INTO t_ser VALUES (1, 100), (2, 200)");
  exec_ok (a, "BEGIN ISOLATION LEVEL SERIALIZABLE");
  g_assert_cmpint (query_int64 (a, "SELECT amount FROM t_ser WHERE id = 1"), ==, 100);
  exec_ok (b, "BEGIN ISOLATION LEVEL SERIALIZABLE");
  exec_ok (b, "UPDATE t_ser SET amount = 150 WHERE id = 1");
  exec_ok (b, "COMMIT");

  upd = prepare_ok (a, "UPDATE t_ser SET amount = amount + ? WHERE id = ?");
  allot_stmt_bind_int64 (upd, 1, 1);
  allot_stmt_bind_int64 (upd, 2, 1);
  g_assert_cmpint (allot_stmt_step (upd), ==, ALLOT_DB_BUSY);
  g_test_message ("serialization: %s", allot_db_errmsg (a));
  g_assert_cmpstr (allot_db_errmsg (a), ==, "could not serialize access due to concurrent update");
  allot_db_set_error (a, ALLOT_DB_BUSY, &error, "Could not save");
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED);
  allot_stmt_reset (upd);
  exec_ok (a, "ROLLBACK");

  /* Retried, it goes through. */
  g_assert_cmpint (allot_stmt_step (upd), ==, ALLOT_DB_DONE);
  g_assert_cmpint (query_int64 (b, "SELECT amount FROM t_ser WHERE id = 1"), ==, 151);

  /* A row another session holds, with NOWAIT: lock_not_available, busy. */
  exec_ok (b, "BEGIN; SELECT * FROM t_ser WHERE id = 2 FOR UPDATE");
  g_assert_false (allot_db_exec (a, "SELECT * FROM t_ser WHERE id = 2 FOR UPDATE NOWAIT", NULL));
  g_assert_cmpint (allot_db_errcode (a), ==, ALLOT_DB_BUSY);
  g_assert_cmpstr (allot_db_errmsg (a), ==, "could not obtain lock on row in relation \"t_ser\"");
  exec_ok (b, "ROLLBACK");
}

static void
test_privilege (void)
{
  g_autoptr (AllotDb) db = connect_db ();

  exec_ok (db, "DROP TABLE IF EXISTS t_secret; CREATE TABLE t_secret (n int);"
               "DROP ROLE IF EXISTS allot_nopriv; CREATE ROLE allot_nopriv");
  exec_ok (db, "SET ROLE allot_nopriv");
  g_assert_false (allot_db_exec (db, "DELETE FROM t_secret", NULL));
  g_assert_cmpint (allot_db_errcode (db), ==, ALLOT_DB_ERROR);
  g_assert_cmpstr (allot_db_errmsg (db), ==, "permission denied for table t_secret");
  exec_ok (db, "RESET ROLE; DROP ROLE allot_nopriv");
}

static void
test_autocommit_and_ids (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) ins = NULL;
  g_autoptr (AllotStmt) upd = NULL;

  /* No sequence used yet on this connection: 0, and the transaction
   * survives the failed lastval(). */
  g_assert_cmpint (allot_db_last_insert_id (db), ==, 0);
  exec_ok (db, "BEGIN");
  g_assert_false (allot_db_get_autocommit (db));
  g_assert_cmpint (allot_db_last_insert_id (db), ==, 0);
  g_assert_cmpint (query_int64 (db, "SELECT 7"), ==, 7);
  exec_ok (db, "COMMIT");
  g_assert_true (allot_db_get_autocommit (db));

  exec_ok (db, "DROP TABLE IF EXISTS t_ids;"
               "CREATE TABLE t_ids (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
               "name text, amount bigint)");
  ins = prepare_ok (db, "INSERT INTO t_ids (name, amount) VALUES (?, 10)");
  allot_stmt_bind_text (ins, 1, "first", -1, ALLOT_BIND_STATIC);
  g_assert_cmpint (allot_stmt_step (ins), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_db_last_insert_id (db), ==, 1);
  allot_stmt_reset (ins);

  exec_ok (db, "BEGIN");
  g_assert_false (allot_db_get_autocommit (db));
  allot_stmt_bind_text (ins, 1, "second", -1, ALLOT_BIND_STATIC);
  g_assert_cmpint (allot_stmt_step (ins), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_db_last_insert_id (db), ==, 2);
  allot_stmt_reset (ins);
  g_assert_cmpint (allot_stmt_step (ins), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_db_last_insert_id (db), ==, 3);
  g_assert_false (allot_db_get_autocommit (db));
  exec_ok (db, "COMMIT");
  g_assert_true (allot_db_get_autocommit (db));
  allot_stmt_reset (ins);

  /* An explicit id with RETURNING id: that id, as sqlite3_last_insert_rowid(). */
  exec_ok (db, "INSERT INTO t_ids (id, name, amount) VALUES (500, 'copied', 10) RETURNING id");
  g_assert_cmpint (allot_db_last_insert_id (db), ==, 500);

  /* changes(): the rows of the last UPDATE. */
  upd = prepare_ok (db, "UPDATE t_ids SET amount = amount + ? WHERE id <= ?");
  allot_stmt_bind_int64 (upd, 1, 5);
  allot_stmt_bind_int64 (upd, 2, 3);
  g_assert_cmpint (allot_stmt_step (upd), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_db_changes (db), ==, 3);
  g_assert_cmpint (query_int64 (db, "SELECT sum(amount) FROM t_ids"), ==, 3 * 15 + 10);
  g_assert_cmpint (allot_db_changes (db), ==, 3);
  exec_ok (db, "DELETE FROM t_ids WHERE id = 500");
  g_assert_cmpint (allot_db_changes (db), ==, 1);
  allot_stmt_reset (upd);
  allot_stmt_bind_int64 (upd, 2, 0);
  g_assert_cmpint (allot_stmt_step (upd), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_db_changes (db), ==, 0);
}

static gpointer
interrupt_later (gpointer data)
{
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  allot_db_interrupt (data);
  return NULL;
}

static void
test_interrupt (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) stmt = prepare_ok (db, "SELECT pg_sleep(10)");
  g_autoptr (GError) error = NULL;
  GThread *thread;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  thread = g_thread_new ("interrupt", interrupt_later, db);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_INTERRUPT);
  elapsed = g_get_monotonic_time () - start;
  g_thread_join (thread);
  g_test_message ("interrupted after %" G_GINT64_FORMAT " ms: %s",
                  elapsed / 1000, allot_db_errmsg (db));
  g_assert_cmpint (elapsed, <, 3 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (elapsed, >=, 250 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpstr (allot_db_errmsg (db), ==, "canceling statement due to user request");
  allot_db_set_error (db, ALLOT_DB_INTERRUPT, &error, "Stopped");
  g_assert_nonnull (error);

  /* The connection goes on working. */
  g_assert_cmpint (query_int64 (db, "SELECT 41 + 1"), ==, 42);
  g_assert_true (allot_db_get_autocommit (db));
}

/* A cancel nobody asked this connection for (as when one meant for the
 * statement before reaches the server late): the statement runs again. */
static gpointer
cancel_from_outside (gpointer data)
{
  AllotDb *other = data;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  exec_ok (other, "SELECT pg_cancel_backend (pid) FROM pg_stat_activity"
                  " WHERE application_name = 'allot-stray-cancel' AND pid <> pg_backend_pid ()");
  return NULL;
}

static void
test_stray_cancel (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotDb) other = connect_db ();
  g_autoptr (AllotStmt) stmt = NULL;
  GThread *thread;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  exec_ok (db, "SET application_name = 'allot-stray-cancel'");
  stmt = prepare_ok (db, "SELECT 42 FROM pg_sleep (1)");
  thread = g_thread_new ("cancel", cancel_from_outside, other);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  elapsed = g_get_monotonic_time () - start;
  g_thread_join (thread);
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 0), ==, 42);
  /* Cancelled after 0.3 s, then run again whole: 1.3 s. */
  g_test_message ("answered after %" G_GINT64_FORMAT " ms", elapsed / 1000);
  g_assert_cmpint (elapsed, >=, 1200 * G_TIME_SPAN_MILLISECOND);
}

static void
test_stream (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) stmt = NULL;
  g_autoptr (AllotStmt) other = NULL;
  int n = 0;
  int rc;

  stmt = prepare_ok (db, "/* stream */ SELECT g, 'row ' || g AS label "
                         "FROM generate_series(1, ?) g ORDER BY g");
  g_assert_cmpint (allot_stmt_param_count (stmt), ==, 1);
  allot_stmt_bind_int64 (stmt, 1, 5000);
  other = prepare_ok (db, "SELECT count(*) FROM pg_cursors WHERE name LIKE 'allot_c%'");

  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      g_autofree char *label = g_strdup_printf ("row %d", n + 1);

      n++;
      g_assert_cmpint (allot_stmt_column_int64 (stmt, 0), ==, n);
      g_assert_cmpstr (allot_stmt_column_text (stmt, 1), ==, label);
      if (n == 1 || n == 2500)
        {
          /* A cursor, in the driver's own transaction; other statements
           * run meanwhile on the same connection. */
          g_assert_false (allot_db_get_autocommit (db));
          g_assert_cmpint (allot_stmt_step (other), ==, ALLOT_DB_ROW);
          g_assert_cmpint (allot_stmt_column_int64 (other, 0), ==, 1);
          allot_stmt_reset (other);
        }
    }
  g_assert_cmpint (rc, ==, ALLOT_DB_DONE);
  g_assert_cmpint (n, ==, 5000);
  /* Done: the cursor and the transaction are gone. */
  g_assert_true (allot_db_get_autocommit (db));
  g_assert_cmpint (allot_stmt_step (other), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (other, 0), ==, 0);
  allot_stmt_reset (other);

  /* Reset half-way: the same. */
  allot_stmt_reset (stmt);
  for (n = 0; n < 1500; n++)
    g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 0), ==, 1500);
  g_assert_false (allot_db_get_autocommit (db));
  allot_stmt_reset (stmt);
  g_assert_true (allot_db_get_autocommit (db));

  /* Inside the caller's transaction: the cursor closes on reset, the
   * transaction stays. */
  exec_ok (db, "BEGIN");
  for (n = 0; n < 2500; n++)
    g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 0), ==, 2500);
  allot_stmt_reset (stmt);
  g_assert_false (allot_db_get_autocommit (db));
  g_assert_cmpint (allot_stmt_step (other), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (other, 0), ==, 0);
  allot_stmt_reset (other);
  exec_ok (db, "COMMIT");

  /* Finalized half-way, the driver's transaction ends too. */
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_clear_pointer (&stmt, allot_stmt_finalize);
  g_assert_true (allot_db_get_autocommit (db));

  /* Interrupted between two fetches (nothing runs on the server then):
   * the next fetch does not happen. */
  stmt = prepare_ok (db, "/* stream */ SELECT g FROM generate_series(1, 5000) g");
  for (n = 0; n < 600; n++)
    g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  allot_db_interrupt (db);
  for (; n < 1000; n++)
    g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (stmt, 0), ==, 1000);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_INTERRUPT);
  g_assert_cmpint (allot_db_errcode (db), ==, ALLOT_DB_INTERRUPT);
  allot_stmt_reset (stmt);
  g_assert_true (allot_db_get_autocommit (db));
  /* A new run is not interrupted. */
  for (n = 0; allot_stmt_step (stmt) == ALLOT_DB_ROW; n++)
    ;
  g_assert_cmpint (n, ==, 5000);
  g_clear_pointer (&stmt, allot_stmt_finalize);

  /* Two nested streams share the driver's transaction. */
  {
    g_autoptr (AllotStmt) s1 = prepare_ok (db, "/* stream */ SELECT g FROM generate_series(1, 3000) g");
    g_autoptr (AllotStmt) s2 = prepare_ok (db, " /* stream */ SELECT g FROM generate_series(1, 1200) g");
    gint64 sum = 0;

    g_assert_cmpint (allot_stmt_step (s1), ==, ALLOT_DB_ROW);
    while (allot_stmt_step (s2) == ALLOT_DB_ROW)
      sum += allot_stmt_column_int64 (s2, 0);
    g_assert_cmpint (sum, ==, 1200 * 1201 / 2);
    g_assert_false (allot_db_get_autocommit (db));
    sum = allot_stmt_column_int64 (s1, 0);
    while (allot_stmt_step (s1) == ALLOT_DB_ROW)
      sum += allot_stmt_column_int64 (s1, 0);
    g_assert_cmpint (sum, ==, 3000 * 3001 / 2);
    g_assert_true (allot_db_get_autocommit (db));
  }
}

static void
test_nested_and_multi (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (AllotStmt) outer = NULL;
  g_autoptr (AllotStmt) inner = NULL;
  g_autoptr (AllotStmt) multi = NULL;
  int n = 0;

  /* Several statements in one exec. */
  exec_ok (db, "DROP TABLE IF EXISTS t_src; DROP TABLE IF EXISTS t_dst;\n"
               "CREATE TABLE t_src (id int PRIMARY KEY, amount bigint); -- sources\n"
               "CREATE TABLE t_dst (id int, doubled bigint);\n"
               "INSERT INTO t_src SELECT g, g * 100 FROM generate_series(1, 10) g;");
  g_assert_cmpint (allot_db_changes (db), ==, 10);

  /* Step one statement while another writes on the same connection. */
  outer = prepare_ok (db, "SELECT id, amount FROM t_src ORDER BY id");
  inner = prepare_ok (db, "INSERT INTO t_dst VALUES (?1, ?2 * 2)");
  exec_ok (db, "BEGIN");
  while (allot_stmt_step (outer) == ALLOT_DB_ROW)
    {
      n++;
      g_assert_cmpint (allot_stmt_column_int64 (outer, 0), ==, n);
      allot_stmt_bind_int64 (inner, 1, allot_stmt_column_int64 (outer, 0));
      allot_stmt_bind_int64 (inner, 2, allot_stmt_column_int64 (outer, 1));
      g_assert_cmpint (allot_stmt_step (inner), ==, ALLOT_DB_DONE);
      allot_stmt_reset (inner);
      g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM t_dst"), ==, n);
    }
  exec_ok (db, "COMMIT");
  g_assert_cmpint (n, ==, 10);
  g_assert_cmpint (query_int64 (db, "SELECT sum(doubled) FROM t_dst"), ==, 2 * 100 * 55);

  /* A prepared multi-statement text without parameters runs whole;
   * SQLite-style, a step after DONE runs it again. */
  multi = prepare_ok (db, "DELETE FROM t_dst WHERE id > 8; UPDATE t_dst SET doubled = 0 WHERE id = 1");
  g_assert_cmpint (allot_stmt_step (multi), ==, ALLOT_DB_DONE);
  g_assert_cmpint (allot_db_changes (db), ==, 1);
  g_assert_cmpint (query_int64 (db, "SELECT sum(doubled) FROM t_dst"), ==, 2 * 100 * (36 - 1));
  g_assert_cmpint (allot_stmt_step (multi), ==, ALLOT_DB_DONE);
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM t_dst"), ==, 8);
}

static void
test_prepared_statements_released (void)
{
  g_autoptr (AllotDb) db = connect_db ();
  g_autoptr (GError) error = NULL;
  AllotStmt *kept = allot_db_prepare_full (db, "SELECT ? + 1", TRUE, &error);
  AllotStmt *once = prepare_ok (db, "SELECT ? + 2");

  g_assert_no_error (error);
  allot_stmt_bind_int64 (kept, 1, 1);
  allot_stmt_bind_int64 (once, 1, 1);
  g_assert_cmpint (allot_stmt_step (kept), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (kept, 0), ==, 2);
  g_assert_cmpint (allot_stmt_step (once), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (once, 0), ==, 3);
  /* The persistent one is prepared on the server, the one-shot not. */
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM pg_prepared_statements"), ==, 1);
  allot_stmt_finalize (once);
  allot_stmt_finalize (kept);
  /* Deallocated before the next statement (outside a transaction). */
  g_assert_cmpint (query_int64 (db, "SELECT count(*) FROM pg_prepared_statements"), ==, 0);
}

static void
test_dropped_connection (void)
{
  g_autoptr (AllotDb) victim = connect_db ();
  g_autoptr (AllotDb) admin = connect_db ();
  g_autoptr (AllotStmt) kill = NULL;
  g_autoptr (AllotStmt) stmt = NULL;
  g_autoptr (GError) error = NULL;
  gint64 pid = query_int64 (victim, "SELECT pg_backend_pid()");

  exec_ok (victim, "DROP TABLE IF EXISTS t_drop; CREATE TABLE t_drop (n int)");
  exec_ok (victim, "BEGIN");
  exec_ok (victim, "INSERT INTO t_drop VALUES (1)");

  kill = prepare_ok (admin, "SELECT pg_terminate_backend(?, 5000)");
  allot_stmt_bind_int64 (kill, 1, pid);
  g_assert_cmpint (allot_stmt_step (kill), ==, ALLOT_DB_ROW);
  g_assert_cmpint (allot_stmt_column_int64 (kill, 0), ==, 1);

  stmt = prepare_ok (victim, "INSERT INTO t_drop VALUES (?)");
  allot_stmt_bind_int64 (stmt, 1, 2);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_IOERR);
  g_test_message ("dropped: %s", allot_db_errmsg (victim));
  g_assert_true (g_str_has_prefix (allot_db_errmsg (victim),
                                   "The connection to the database server (database “allot_drv_test” on "));
  g_assert_nonnull (strstr (allot_db_errmsg (victim), "was lost: "));
  allot_db_set_error (victim, allot_stmt_step (stmt), &error, "Could not import");
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_assert_cmpint (allot_db_errcode (victim), ==, ALLOT_DB_IOERR);
  g_test_message ("again: %s", error->message);
  g_assert_false (allot_db_exec (victim, "SELECT 1", NULL));
  g_assert_cmpint (allot_db_errcode (victim), ==, ALLOT_DB_IOERR);
  allot_stmt_reset (stmt);

  /* Nothing half-written. */
  g_assert_cmpint (query_int64 (admin, "SELECT count(*) FROM t_drop"), ==, 0);
}

/* ---- the cluster ---- */

static char *
run_cluster (const char *script,
             const char *verb,
             const char *dir,
             const char *name,
             gboolean   *missing)
{
  const char *argv[] = { script, verb, dir, name, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      if (missing != NULL && err != NULL && strstr (err, "binaries not found") != NULL)
        {
          *missing = TRUE;
          return NULL;
        }
      g_printerr ("pg-cluster %s %s failed: %s\n%s", verb, dir,
                  error != NULL ? error->message : "", err != NULL ? err : "");
      return NULL;
    }
  return g_strdup (g_strstrip (out));
}

static int
run_tests (int    argc,
           char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db-pg/uri", test_uri);
  g_test_add_func ("/db-pg/connect-refused", test_connect_refused);
  g_test_add_func ("/db-pg/placeholders", test_placeholders);
  g_test_add_func ("/db-pg/integers-text-nulls", test_integers_text_nulls);
  g_test_add_func ("/db-pg/numeric-and-bool", test_numeric_and_bool);
  g_test_add_func ("/db-pg/errors", test_errors);
  g_test_add_func ("/db-pg/serialization-failure", test_serialization_failure);
  g_test_add_func ("/db-pg/privilege", test_privilege);
  g_test_add_func ("/db-pg/autocommit-and-ids", test_autocommit_and_ids);
  g_test_add_func ("/db-pg/interrupt", test_interrupt);
  g_test_add_func ("/db-pg/stray-cancel", test_stray_cancel);
  g_test_add_func ("/db-pg/stream", test_stream);
  g_test_add_func ("/db-pg/nested-and-multi", test_nested_and_multi);
  g_test_add_func ("/db-pg/prepared-statements-released", test_prepared_statements_released);
  g_test_add_func ("/db-pg/dropped-connection", test_dropped_connection);
  return g_test_run ();
}

static void
skip_all (int    argc,
          char **argv,
          const char *why)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/db-pg/skipped", why, (GTestDataFunc) g_test_skip);
  g_test_run ();
}

int
main (int    argc,
      char **argv)
{
  const char *given = g_getenv ("ALLOT_TEST_PG_CONNINFO");
  g_autofree char *script = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  gboolean missing = FALSE;
  int status = 0;
  pid_t child;

  if (given != NULL && *given != '\0')
    {
      /* "key=value" form: the test appends its own dbname. */
      if (strchr (given, '=') == NULL || strstr (given, "://") != NULL)
        {
          g_printerr ("ALLOT_TEST_PG_CONNINFO must be a key=value conninfo (host=... user=...)\n");
          return 1;
        }
      base = g_strdup (given);
    }
  else
    {
      g_autoptr (GError) error = NULL;
      const char *srcdir = g_getenv ("G_TEST_SRCDIR");

      script = g_strdup (g_getenv ("ALLOT_PG_CLUSTER"));
      if (script == NULL)
        script = g_build_filename (srcdir != NULL ? srcdir : "tests", "pg", "pg-cluster", NULL);
      dir = g_dir_make_tmp ("allot-pg-XXXXXX", &error);
      g_assert_no_error (error);
      base = run_cluster (script, "start", dir, NULL, &missing);
      if (base == NULL)
        {
          g_rmdir (dir);
          if (missing)
            {
              skip_all (argc, argv, "the PostgreSQL server binaries are not installed");
              return 0;
            }
          return 1;
        }
    }

  /* A fresh database for each run; the last dbname of a conninfo wins. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *admin = g_strdup_printf ("%s dbname=postgres", base);
    g_autoptr (AllotDb) db = allot_db_open_postgres (admin, &error);

    if (db == NULL)
      {
        g_printerr ("%s\n", error->message);
        status = 1;
      }
    else if (!allot_db_exec (db, "DROP DATABASE IF EXISTS allot_drv_test", &error)
             || !allot_db_exec (db, "CREATE DATABASE allot_drv_test", &error))
      {
        g_printerr ("%s\n", error->message);
        status = 1;
      }
    conninfo = g_strdup_printf ("%s dbname=allot_drv_test", base);
  }

  if (status == 0)
    {
      /* The child runs the tests: an abort there still stops the cluster here. */
      fflush (stdout);
      child = fork ();
      g_assert_cmpint (child, >=, 0);
      if (child == 0)
        _exit (run_tests (argc, argv));
      while (waitpid (child, &status, 0) < 0)
        ;
      status = WIFEXITED (status) ? WEXITSTATUS (status) : 1;
    }

  if (dir != NULL)
    g_free (run_cluster (script, "stop", dir, NULL, NULL));
  g_free (conninfo);
  return status;
}
