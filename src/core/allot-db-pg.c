/* allot-db-pg.c: the PostgreSQL driver (libpq) of the storage interface.
 *
 * Every statement is sent with text parameters and read back as text; the
 * column calls convert (int8 "123" and numeric "123.000" to gint64, bool
 * "t"/"f" to 1/0) so the core reads the same values as from SQLite.
 *
 * libpq runs one query at a time per connection, and the core steps one
 * statement while it runs others on the same connection.  So the first step
 * of a statement fetches its whole result, and later steps walk it.  Big
 * reads say so with a leading comment "/" "* stream *" "/": those go through a
 * cursor, 1000 rows per FETCH, inside the caller's transaction or one of
 * the driver's own (READ ONLY, committed when the statement is done, reset
 * or finalized; the connection must then not write until it is).
 *
 * Statement texts are written "?" / "?N" once for both engines; they are
 * rewritten to "$N" here.  A statement is prepared on the server when it is
 * run a second time (or at once when the caller says it is persistent), so
 * one-shot statements leave nothing behind on the server. */
#include "allot-db-driver.h"

#include "allot-error.h"
#include "allot-store.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_MARK "/* stream */"
#define FETCH_ROWS 1000

/* Type oids of pg_type.h (catalog/pg_type_d.h is a server header). */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_OID 26
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700

typedef struct
{
  AllotDb    parent;
  PGconn    *conn;
  PGcancel  *cancel;          /* made at connect: PQcancel is thread-safe */
  gint       interrupted;     /* atomic: set by interrupt, seen between fetches */
  int        errcode;
  char      *errmsg;
  gint64     changes;
  gint64     returned_id;     /* "RETURNING id" of the last INSERT, or 0 */
  gboolean   have_returned_id;
  gboolean   lastval_defined; /* lastval() has answered once: it always will now */
  guint      next_name;       /* for statement and cursor names */
  guint      stream_txn_users; /* streaming statements inside the driver's own transaction */
  guint      stream_txn_gen;   /* which of the driver's transactions that is */
  GPtrArray *stale_names;     /* prepared statements to DEALLOCATE when possible */
} PgDb;

typedef enum
{
  STMT_FRESH,   /* not run since prepare or reset */
  STMT_ROWS,    /* run; result holds rows, row is the current one */
  STMT_DONE,
} StmtState;

typedef struct
{
  AllotStmt   parent;
  char       *sql;          /* with $N, without the stream mark */
  int         n_params;
  Oid        *types;        /* 0 (the server infers it) or text for a number never used */
  char      **values;       /* text of each parameter, NULL for NULL */
  char      **owned;        /* the copies among them, freed on rebind */
  gboolean    persistent;
  gboolean    multi;        /* several statements, no parameters: PQexec */
  gboolean    stream;
  char       *name;         /* server-side name once prepared */
  guint       runs;
  StmtState   state;
  PGresult   *result;
  PGresult   *desc;         /* PQdescribePrepared, for columns before the first step */
  int         row;
  int         n_rows;
  char       *cursor;       /* open cursor of a streaming statement */
  gboolean    cursor_exhausted;
  gboolean    in_stream_txn; /* counted in stream_txn_users */
  guint       stream_txn_gen;
} PgStmt;

static const AllotDbDriver pg_driver;

/* ---- errors ---- */

static void
set_errmsg (PgDb       *db,
            int         code,
            const char *msg)
{
  db->errcode = code;
  g_free (db->errmsg);
  db->errmsg = g_strdup (msg);
}

/* libpq's own messages end in a newline and may start with "ERROR:  ". */
static char *
clean_message (const char *msg)
{
  char *copy;

  if (msg == NULL || *msg == '\0')
    return g_strdup ("unknown error");
  if (g_str_has_prefix (msg, "ERROR:  "))
    msg += strlen ("ERROR:  ");
  else if (g_str_has_prefix (msg, "FATAL:  "))
    msg += strlen ("FATAL:  ");
  /* Multi-line hints ("\n\tThis probably means ...") read as one line. */
  {
    g_auto (GStrv) words = g_regex_split_simple ("\\s+", msg, 0, 0);

    copy = g_strjoinv (" ", words);
  }
  return g_strstrip (copy);
}

static int
code_for_sqlstate (const char *state)
{
  if (state == NULL || strlen (state) != 5)
    return ALLOT_DB_ERROR;
  if (strcmp (state, "23505") == 0)
    return ALLOT_DB_CONSTRAINT_UNIQUE;
  if (g_str_has_prefix (state, "23"))
    return ALLOT_DB_CONSTRAINT;
  /* Our triggers refuse writes with RAISE EXCEPTION, as RAISE(ABORT) on SQLite. */
  if (strcmp (state, "P0001") == 0)
    return ALLOT_DB_CONSTRAINT;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0
      || strcmp (state, "55P03") == 0)
    return ALLOT_DB_BUSY;
  if (strcmp (state, "57014") == 0)
    return ALLOT_DB_INTERRUPT;
  /* 57P01..57P05: the server shut the session down; 08: connection exceptions;
   * 3D000: no such database (only at connect). */
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P")
      || strcmp (state, "3D000") == 0)
    return ALLOT_DB_IOERR;
  return ALLOT_DB_ERROR;
}

/* Records the error of @res (which may be NULL: out of memory or a lost
 * connection) and returns its code. */
static int
set_result_error (PgDb     *db,
                  PGresult *res)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *detail = res != NULL ? PQresultErrorField (res, PG_DIAG_MESSAGE_DETAIL) : NULL;
  g_autofree char *msg = NULL;
  int code = code_for_sqlstate (state);

  if (primary != NULL && detail != NULL)
    msg = g_strdup_printf ("%s. %s", primary, detail);
  else if (primary != NULL)
    msg = g_strdup (primary);
  else
    msg = clean_message (res != NULL && *PQresultErrorMessage (res) != '\0'
                         ? PQresultErrorMessage (res) : PQerrorMessage (db->conn));

  if (PQstatus (db->conn) == CONNECTION_BAD)
    {
      g_autofree char *lost = g_strdup_printf (_("The connection to the database server "
                                                 "(database “%s” on %s) was lost: %s"),
                                               PQdb (db->conn), PQhost (db->conn), msg);
      set_errmsg (db, ALLOT_DB_IOERR, lost);
      return ALLOT_DB_IOERR;
    }
  if (res == NULL && code == ALLOT_DB_ERROR)
    code = ALLOT_DB_NOMEM;
  set_errmsg (db, code, msg);
  return code;
}

static void
set_ok (PgDb *db)
{
  db->errcode = ALLOT_DB_OK;
  g_clear_pointer (&db->errmsg, g_free);
}

/* ---- placeholders ---- */

/* Length of a dollar-quote tag ("$$" or "$tag$") at @p, or 0. */
static gsize
dollar_tag_length (const char *p)
{
  const char *q = p + 1;

  if (*q == '$')
    return 2;
  if (!(g_ascii_isalpha (*q) || *q == '_'))
    return 0;
  while (g_ascii_isalnum (*q) || *q == '_')
    q++;
  return *q == '$' ? (gsize) (q - p + 1) : 0;
}

/* Rewrites "?" and "?N" outside literals, quoted identifiers, dollar
 * quotes and comments into "$N"; a bare "?" is one more than the highest
 * number so far, as on SQLite.  Also says whether the text holds more than
 * one statement. */
static char *
rewrite_placeholders (const char *sql,
                      int        *n_params,
                      gboolean   *multi)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;
  int highest = 0;
  gboolean after_semicolon = FALSE;

  *multi = FALSE;
  while (*p != '\0')
    {
      if (after_semicolon && !g_ascii_isspace (*p) && *p != ';'
          && !(p[0] == '-' && p[1] == '-') && !(p[0] == '/' && p[1] == '*'))
        *multi = TRUE;

      if (*p == '\'' )
        {
          /* E'...' strings take backslash escapes too. */
          gboolean backslash = p > sql && (p[-1] == 'E' || p[-1] == 'e')
                               && (p - 1 == sql || !(g_ascii_isalnum (p[-2]) || p[-2] == '_'));
          const char *q = p + 1;

          for (;;)
            {
              if (*q == '\0')
                break;
              if (backslash && *q == '\\' && q[1] != '\0')
                q += 2;
              else if (*q == '\'' && q[1] == '\'')
                q += 2;
              else if (*q == '\'')
                {
                  q++;
                  break;
                }
              else
                q++;
            }
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (*p == '"')
        {
          const char *q = p + 1;

          while (*q != '\0' && !(*q == '"' && q[1] != '"'))
            q += *q == '"' ? 2 : 1;
          if (*q == '"')
            q++;
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *q = strchr (p, '\n');

          q = q != NULL ? q : p + strlen (p);
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          /* Block comments nest in PostgreSQL. */
          const char *q = p + 2;
          int depth = 1;

          while (*q != '\0' && depth > 0)
            {
              if (q[0] == '/' && q[1] == '*')
                depth++, q += 2;
              else if (q[0] == '*' && q[1] == '/')
                depth--, q += 2;
              else
                q++;
            }
          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (*p == '$' && (p == sql || !(g_ascii_isalnum (p[-1]) || p[-1] == '_'))
               && dollar_tag_length (p) > 0)
        {
          gsize tag = dollar_tag_length (p);
          g_autofree char *tag_text = g_strndup (p, tag);
          const char *end = strstr (p + tag, tag_text);
          const char *q = end != NULL ? end + tag : p + strlen (p);

          g_string_append_len (out, p, q - p);
          p = q;
        }
      else if (*p == '?')
        {
          int n;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              n = (int) strtol (p + 1, &end, 10);
              p = end;
            }
          else
            {
              n = highest + 1;
              p++;
            }
          highest = MAX (highest, n);
          g_string_append_printf (out, "$%d", n);
        }
      else
        {
          if (*p == ';')
            after_semicolon = TRUE;
          g_string_append_c (out, *p);
          p++;
        }
    }
  *n_params = highest;
  return g_string_free (out, FALSE);
}

/* ---- connection ---- */

static void
notice_to_debug (void       *data,
                 const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

gboolean
allot_db_uri_is_postgres (const char *uri)
{
  if (uri == NULL)
    return FALSE;
  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    return TRUE;
  /* A conninfo is "key=value ..."; a file name with "=" in it would have
   * no valid key before it, so look for a known one. */
  if (strchr (uri, '=') != NULL)
    {
      PQconninfoOption *opts = PQconninfoParse (uri, NULL);

      if (opts != NULL)
        {
          PQconninfoFree (opts);
          return TRUE;
        }
    }
  return FALSE;
}

AllotDb *
allot_db_open_postgres (const char *conninfo,
                        GError    **error)
{
  PGconn *conn;
  PGresult *res;
  PgDb *db;

  g_return_val_if_fail (conninfo != NULL, NULL);

  conn = PQconnectdb (conninfo);
  if (conn == NULL)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Could not connect to the PostgreSQL server: out of memory"));
      return NULL;
    }
  if (PQstatus (conn) != CONNECTION_OK)
    {
      /* libpq's message may quote the whole address, password and all (a
       * URI it cannot parse): the address is shown without it. */
      g_autofree char *msg = clean_message (PQerrorMessage (conn));
      g_autofree char *safe = allot_store_location_strip_password (conninfo);
      g_autoptr(GString) shown = g_string_new (msg);
      const char *host = PQhost (conn);
      const char *dbname = PQdb (conn);
      const char *port = PQport (conn);

      if (*conninfo != '\0')
        g_string_replace (shown, conninfo, safe, 0);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Could not connect to the PostgreSQL database “%s” on %s (port %s) as “%s”: %s"),
                   dbname != NULL ? dbname : "?", host != NULL && *host != '\0' ? host : "localhost",
                   port != NULL && *port != '\0' ? port : "5432",
                   PQuser (conn) != NULL ? PQuser (conn) : "?", shown->str);
      PQfinish (conn);
      return NULL;
    }

  PQsetNoticeProcessor (conn, notice_to_debug, NULL);
  /* Dates come back as YYYY-MM-DD, timestamps in UTC, text as UTF-8. */
  res = PQexec (conn, "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; "
                      "SET client_encoding = 'UTF8'; SET client_min_messages = warning");
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_autofree char *msg = clean_message (PQresultErrorMessage (res));

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Could not set up the connection to the PostgreSQL database “%s”: %s"),
                   PQdb (conn), msg);
      PQclear (res);
      PQfinish (conn);
      return NULL;
    }
  PQclear (res);

  db = g_new0 (PgDb, 1);
  db->parent.driver = &pg_driver;
  db->parent.backend = ALLOT_DB_POSTGRES;
  db->conn = conn;
  db->cancel = PQgetCancel (conn);
  db->stale_names = g_ptr_array_new_with_free_func (g_free);
  return &db->parent;
}

static void
pg_close (AllotDb *base)
{
  PgDb *db = (PgDb *) base;

  if (db->cancel != NULL)
    PQfreeCancel (db->cancel);
  PQfinish (db->conn);
  g_ptr_array_unref (db->stale_names);
  g_free (db->errmsg);
  g_free (db);
}

static int
pg_errcode (AllotDb *base)
{
  return ((PgDb *) base)->errcode;
}

static const char *
pg_errmsg (AllotDb *base)
{
  PgDb *db = (PgDb *) base;

  if (db->errmsg != NULL)
    return db->errmsg;
  return db->errcode == ALLOT_DB_OK ? "not an error" : "unknown error";
}

/* Runs driver-internal SQL whose failure only matters as a return value. */
static gboolean
run_quiet (PgDb       *db,
           const char *sql)
{
  PGresult *res = PQexec (db->conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK
                || PQresultStatus (res) == PGRES_TUPLES_OK;

  PQclear (res);
  return ok;
}

/* Prepared statements of finalized statements go away outside any
 * transaction, where a failed DEALLOCATE could break nothing. */
static void
flush_stale_names (PgDb *db)
{
  GString *sql;

  if (db->stale_names->len == 0 || PQtransactionStatus (db->conn) != PQTRANS_IDLE)
    return;
  sql = g_string_new (NULL);
  for (guint i = 0; i < db->stale_names->len; i++)
    g_string_append_printf (sql, "DEALLOCATE %s;", (char *) db->stale_names->pdata[i]);
  run_quiet (db, sql->str);
  g_string_free (sql, TRUE);
  g_ptr_array_set_size (db->stale_names, 0);
}

/* Takes the row count and any "RETURNING id" of a finished command. */
static void
note_command (PgDb     *db,
              PGresult *res)
{
  const char *status = PQcmdStatus (res);

  /* As sqlite3_changes(): only INSERT, UPDATE, DELETE count; a SELECT
   * leaves the last count alone. */
  if (g_str_has_prefix (status, "INSERT ") || g_str_has_prefix (status, "UPDATE ")
      || g_str_has_prefix (status, "DELETE ") || g_str_has_prefix (status, "MERGE "))
    db->changes = g_ascii_strtoll (PQcmdTuples (res), NULL, 10);

  if (g_str_has_prefix (status, "INSERT "))
    {
      db->have_returned_id = PQresultStatus (res) == PGRES_TUPLES_OK
                             && PQntuples (res) >= 1 && PQnfields (res) >= 1
                             && strcmp (PQfname (res, 0), "id") == 0
                             && !PQgetisnull (res, PQntuples (res) - 1, 0);
      if (db->have_returned_id)
        db->returned_id = g_ascii_strtoll (PQgetvalue (res, PQntuples (res) - 1, 0), NULL, 10);
    }
}

static int
pg_exec (AllotDb    *base,
         const char *sql)
{
  PgDb *db = (PgDb *) base;
  PGresult *res;
  int rc;

  flush_stale_names (db);
  g_atomic_int_set (&db->interrupted, 0);
  res = PQexec (db->conn, sql);
  switch (PQresultStatus (res))
    {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:
      note_command (db, res);
      set_ok (db);
      rc = ALLOT_DB_OK;
      break;
    default:
      rc = set_result_error (db, res);
      break;
    }
  PQclear (res);
  return rc;
}

static gboolean
pg_get_autocommit (AllotDb *base)
{
  return PQtransactionStatus (((PgDb *) base)->conn) == PQTRANS_IDLE;
}

/* The id of the last INSERT: its "RETURNING id" if it had one (that is
 * also right for an explicit id, as sqlite3_last_insert_rowid()), else
 * lastval(), in a savepoint so that "no sequence used yet" does not
 * break the caller's transaction. */
static gint64
pg_last_insert_id (AllotDb *base)
{
  PgDb *db = (PgDb *) base;
  PGTransactionStatusType txn = PQtransactionStatus (db->conn);
  gboolean in_txn = txn == PQTRANS_INTRANS;
  PGresult *res;
  gint64 id = 0;

  if (db->have_returned_id)
    return db->returned_id;
  if (txn != PQTRANS_IDLE && txn != PQTRANS_INTRANS)
    return 0;
  /* Once lastval() has answered in a session it stays defined, and the
   * savepoint's two round trips (a third of a row's in a PostgreSQL
   * import) are not needed. */
  in_txn = in_txn && !db->lastval_defined;
  if (in_txn && !run_quiet (db, "SAVEPOINT allot_lastval"))
    return 0;
  res = PQexec (db->conn, "SELECT lastval()");
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    {
      id = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
      db->lastval_defined = TRUE;
    }
  else if (in_txn)
    run_quiet (db, "ROLLBACK TO SAVEPOINT allot_lastval");
  PQclear (res);
  if (in_txn)
    run_quiet (db, "RELEASE SAVEPOINT allot_lastval");
  return id;
}

static gint64
pg_changes (AllotDb *base)
{
  return ((PgDb *) base)->changes;
}

static void
pg_interrupt (AllotDb *base)
{
  PgDb *db = (PgDb *) base;
  char errbuf[256];

  g_atomic_int_set (&db->interrupted, 1);
  if (db->cancel != NULL && !PQcancel (db->cancel, errbuf, sizeof errbuf))
    g_debug ("PostgreSQL: could not send a cancel request: %s", errbuf);
}

/* ---- statements ---- */

#define TEXTOID_UNUSED 25  /* pg_type.h's TEXTOID, which libpq-fe.h does not define */

/* The type of each parameter: 0 lets the server infer it from where it is
 * used; a number the text never uses (SQLite allows gaps: "VALUES (?2,
 * ?3)" bound from 1) would leave the server unable to, so it is text. */
static Oid *
param_types (const char *sql,
             int         n_params)
{
  Oid *types = g_new (Oid, MAX (n_params, 1));

  for (int i = 0; i < n_params; i++)
    types[i] = TEXTOID_UNUSED;
  for (const char *p = strchr (sql, '$'); p != NULL; p = strchr (p + 1, '$'))
    {
      char *end;
      guint64 n = g_ascii_strtoull (p + 1, &end, 10);

      if (end != p + 1 && n >= 1 && n <= (guint64) n_params)
        types[n - 1] = 0;
    }
  return types;
}

static AllotStmt *
pg_prepare (AllotDb    *base,
            const char *sql,
            gboolean    persistent,
            int        *rc)
{
  PgDb *db = (PgDb *) base;
  const char *text = sql;
  gboolean stream = FALSE;
  PgStmt *stmt;
  int n_params;
  gboolean multi;
  char *rewritten;

  while (g_ascii_isspace (*text))
    text++;
  if (g_str_has_prefix (text, STREAM_MARK))
    {
      stream = TRUE;
      text += strlen (STREAM_MARK);
    }
  rewritten = rewrite_placeholders (text, &n_params, &multi);
  if (multi && (n_params > 0 || stream))
    {
      /* A programming error, not the user's. */
      set_errmsg (db, ALLOT_DB_ERROR, "several statements in one text cannot take "
                                      "parameters or stream");
      g_free (rewritten);
      *rc = ALLOT_DB_ERROR;
      return NULL;
    }

  stmt = g_new0 (PgStmt, 1);
  stmt->parent.db = base;
  stmt->sql = rewritten;
  stmt->n_params = n_params;
  stmt->types = param_types (rewritten, n_params);
  stmt->values = g_new0 (char *, MAX (n_params, 1));
  stmt->owned = g_new0 (char *, MAX (n_params, 1));
  stmt->persistent = persistent;
  stmt->multi = multi;
  stmt->stream = stream;
  set_ok (db);
  *rc = ALLOT_DB_OK;
  return &stmt->parent;
}

static PgDb *
stmt_db (PgStmt *stmt)
{
  return (PgDb *) stmt->parent.db;
}

/* Prepares the statement on the server under its own name. */
static int
ensure_named (PgStmt *stmt)
{
  PgDb *db = stmt_db (stmt);
  PGresult *res;
  char *name;

  if (stmt->name != NULL)
    return ALLOT_DB_OK;
  name = g_strdup_printf ("allot_s%u", ++db->next_name);
  res = PQprepare (db->conn, name, stmt->sql, stmt->n_params, stmt->types);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      int rc = set_result_error (db, res);

      PQclear (res);
      g_free (name);
      return rc;
    }
  PQclear (res);
  stmt->name = name;
  return ALLOT_DB_OK;
}

/* Ends a streaming statement's cursor and, when the driver began the
 * transaction for it and no other stream still uses it, that too. */
static void
end_stream (PgStmt *stmt)
{
  PgDb *db = stmt_db (stmt);
  PGTransactionStatusType txn = PQtransactionStatus (db->conn);

  if (stmt->in_stream_txn)
    {
      stmt->in_stream_txn = FALSE;
      /* A transaction the caller ended meanwhile is no longer ours to end. */
      if (stmt->stream_txn_gen == db->stream_txn_gen && db->stream_txn_users > 0
          && --db->stream_txn_users == 0)
        {
          /* Closes the cursor with it. */
          if (txn == PQTRANS_INTRANS)
            run_quiet (db, "COMMIT");
          else if (txn == PQTRANS_INERROR)
            run_quiet (db, "ROLLBACK");
          g_clear_pointer (&stmt->cursor, g_free);
          return;
        }
    }
  if (stmt->cursor != NULL && txn == PQTRANS_INTRANS)
    {
      /* In the caller's transaction, which may since have ended and begun
       * anew: closing a cursor that is gone would break the new one. */
      const char *params[1] = { stmt->cursor };
      PGresult *res = PQexecParams (db->conn, "SELECT 1 FROM pg_cursors WHERE name = $1",
                                    1, NULL, params, NULL, NULL, 0);

      if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
        {
          g_autofree char *close = g_strdup_printf ("CLOSE %s", stmt->cursor);

          run_quiet (db, close);
        }
      PQclear (res);
    }
  g_clear_pointer (&stmt->cursor, g_free);
}

static void
drop_result (PgStmt *stmt)
{
  if (stmt->cursor != NULL || stmt->in_stream_txn)
    end_stream (stmt);
  g_clear_pointer (&stmt->result, PQclear);
  stmt->state = STMT_FRESH;
  stmt->row = 0;
  stmt->n_rows = 0;
}

static int
fetch_more (PgStmt *stmt)
{
  PgDb *db = stmt_db (stmt);
  g_autofree char *sql = g_strdup_printf ("FETCH %d FROM %s", FETCH_ROWS, stmt->cursor);
  PGresult *res;

  if (g_atomic_int_get (&db->interrupted))
    {
      /* The server's words for the same thing. */
      set_errmsg (db, ALLOT_DB_INTERRUPT, _("canceling statement due to user request"));
      return ALLOT_DB_INTERRUPT;
    }
  res = PQexec (db->conn, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      int rc = set_result_error (db, res);

      PQclear (res);
      return rc;
    }
  g_clear_pointer (&stmt->result, PQclear);
  stmt->result = res;
  stmt->n_rows = PQntuples (res);
  stmt->row = 0;
  stmt->cursor_exhausted = stmt->n_rows < FETCH_ROWS;
  /* The rest is in memory: give the connection back now (the cursor is
   * certainly open, and the transaction ours to end if we began it). */
  if (stmt->cursor_exhausted)
    {
      if (!stmt->in_stream_txn)
        {
          g_autofree char *close = g_strdup_printf ("CLOSE %s", stmt->cursor);

          run_quiet (db, close);
          g_clear_pointer (&stmt->cursor, g_free);
        }
      end_stream (stmt);
    }
  return ALLOT_DB_OK;
}

static int
start_stream (PgStmt *stmt)
{
  PgDb *db = stmt_db (stmt);
  PGTransactionStatusType txn = PQtransactionStatus (db->conn);
  g_autofree char *declare = NULL;
  PGresult *res;
  int rc;

  if (txn == PQTRANS_IDLE)
    {
      PGresult *begin = PQexec (db->conn, "BEGIN READ ONLY");

      if (PQresultStatus (begin) != PGRES_COMMAND_OK)
        {
          rc = set_result_error (db, begin);
          PQclear (begin);
          return rc;
        }
      PQclear (begin);
      db->stream_txn_gen++;
      db->stream_txn_users = 1;
      stmt->in_stream_txn = TRUE;
      stmt->stream_txn_gen = db->stream_txn_gen;
    }
  else if (db->stream_txn_users > 0)
    {
      /* Another stream's transaction: it must outlive this cursor too. */
      stmt->in_stream_txn = TRUE;
      stmt->stream_txn_gen = db->stream_txn_gen;
      db->stream_txn_users++;
    }

  stmt->cursor = g_strdup_printf ("allot_c%u", ++db->next_name);
  declare = g_strdup_printf ("DECLARE %s NO SCROLL CURSOR FOR %s", stmt->cursor, stmt->sql);
  res = PQexecParams (db->conn, declare, stmt->n_params, stmt->types,
                      (const char *const *) stmt->values, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      rc = set_result_error (db, res);
      PQclear (res);
      g_clear_pointer (&stmt->cursor, g_free);
      if (stmt->in_stream_txn)
        end_stream (stmt);
      return rc;
    }
  PQclear (res);
  return fetch_more (stmt);
}

/* Runs the statement and keeps its whole result. */
static int
run_statement (PgStmt *stmt)
{
  PgDb *db = stmt_db (stmt);
  const char *const *values = (const char *const *) stmt->values;
  PGresult *res;
  int rc;

  stmt->runs++;
  if (stmt->multi)
    res = PQexec (db->conn, stmt->sql);
  else if (stmt->name != NULL || stmt->persistent || stmt->runs > 1)
    {
      /* Worth a server-side plan: kept, or run again. */
      if ((rc = ensure_named (stmt)) != ALLOT_DB_OK)
        return rc;
      res = PQexecPrepared (db->conn, stmt->name, stmt->n_params, values, NULL, NULL, 0);
    }
  else
    res = PQexecParams (db->conn, stmt->sql, stmt->n_params, stmt->types, values, NULL, NULL,
                        0);

  switch (PQresultStatus (res))
    {
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
      note_command (db, res);
      stmt->result = res;
      stmt->n_rows = PQresultStatus (res) == PGRES_TUPLES_OK ? PQntuples (res) : 0;
      stmt->row = 0;
      return ALLOT_DB_OK;
    default:
      rc = set_result_error (db, res);
      PQclear (res);
      return rc;
    }
}

static int
pg_step (AllotStmt *base)
{
  PgStmt *stmt = (PgStmt *) base;
  PgDb *db = stmt_db (stmt);
  int rc;

  switch (stmt->state)
    {
    case STMT_DONE:
      /* As SQLite: a step after DONE runs the statement again. */
      drop_result (stmt);
      G_GNUC_FALLTHROUGH;
    case STMT_FRESH:
      flush_stale_names (db);
      g_atomic_int_set (&db->interrupted, 0);
      rc = stmt->stream ? start_stream (stmt) : run_statement (stmt);
      /* A cancel meant for the statement before, which the server got
       * only once this one had started: nobody asked to stop this one, so
       * it runs again (outside a transaction, which the cancel did not
       * abort). */
      if (rc == ALLOT_DB_INTERRUPT && !g_atomic_int_get (&db->interrupted) &&
          PQtransactionStatus (db->conn) == PQTRANS_IDLE)
        {
          drop_result (stmt);
          rc = stmt->stream ? start_stream (stmt) : run_statement (stmt);
        }
      if (rc != ALLOT_DB_OK)
        {
          drop_result (stmt);
          stmt->state = STMT_DONE;
          return rc;
        }
      stmt->state = STMT_ROWS;
      break;
    case STMT_ROWS:
      stmt->row++;
      if (stmt->stream && stmt->row >= stmt->n_rows && !stmt->cursor_exhausted)
        {
          rc = fetch_more (stmt);
          if (rc != ALLOT_DB_OK)
            {
              drop_result (stmt);
              stmt->state = STMT_DONE;
              return rc;
            }
        }
      break;
    }

  set_ok (db);
  if (stmt->row < stmt->n_rows)
    return ALLOT_DB_ROW;
  stmt->state = STMT_DONE;
  return ALLOT_DB_DONE;
}

static void
pg_reset (AllotStmt *base)
{
  drop_result ((PgStmt *) base);
}

static void
clear_value (PgStmt *stmt,
             int     i)
{
  g_clear_pointer (&stmt->owned[i], g_free);
  stmt->values[i] = NULL;
}

static void
pg_finalize (AllotStmt *base)
{
  PgStmt *stmt = (PgStmt *) base;
  PgDb *db = stmt_db (stmt);

  drop_result (stmt);
  g_clear_pointer (&stmt->desc, PQclear);
  if (stmt->name != NULL)
    g_ptr_array_add (db->stale_names, g_steal_pointer (&stmt->name));
  for (int i = 0; i < stmt->n_params; i++)
    clear_value (stmt, i);
  g_free (stmt->types);
  g_free (stmt->values);
  g_free (stmt->owned);
  g_free (stmt->sql);
  g_free (stmt);
}

static int
pg_param_count (AllotStmt *base)
{
  return ((PgStmt *) base)->n_params;
}

static gboolean
param_index_ok (PgStmt *stmt,
                int     index)
{
  g_return_val_if_fail (index >= 1 && index <= stmt->n_params, FALSE);
  return TRUE;
}

static void
bind_owned (PgStmt *stmt,
            int     index,
            char   *text)
{
  if (!param_index_ok (stmt, index))
    {
      g_free (text);
      return;
    }
  clear_value (stmt, index - 1);
  stmt->owned[index - 1] = text;
  stmt->values[index - 1] = text;
}

static void
pg_bind_int64 (AllotStmt *base,
               int        index,
               gint64     value)
{
  bind_owned ((PgStmt *) base, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (AllotStmt *base,
                int        index,
                double     value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* %.17g round-trips a double; g_ascii_formatd ignores the locale. */
  bind_owned ((PgStmt *) base, index, g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", value)));
}

static void
pg_bind_text (AllotStmt        *base,
              int               index,
              const char       *text,
              int               length,
              AllotBindLifetime lifetime)
{
  PgStmt *stmt = (PgStmt *) base;

  if (text == NULL)
    {
      if (param_index_ok (stmt, index))
        clear_value (stmt, index - 1);
      return;
    }
  /* Text parameters go as NUL-terminated strings. */
  if (lifetime == ALLOT_BIND_STATIC && length < 0)
    {
      if (!param_index_ok (stmt, index))
        return;
      clear_value (stmt, index - 1);
      stmt->values[index - 1] = (char *) text;
      return;
    }
  bind_owned (stmt, index, length < 0 ? g_strdup (text) : g_strndup (text, length));
}

static void
pg_bind_null (AllotStmt *base,
              int        index)
{
  PgStmt *stmt = (PgStmt *) base;

  if (param_index_ok (stmt, index))
    clear_value (stmt, index - 1);
}

static void
pg_clear_bindings (AllotStmt *base)
{
  PgStmt *stmt = (PgStmt *) base;

  for (int i = 0; i < stmt->n_params; i++)
    clear_value (stmt, i);
}

/* ---- columns ---- */

/* The result that describes the columns: the rows' once run, else the
 * server's description of the prepared statement. */
static PGresult *
column_source (PgStmt *stmt)
{
  PgDb *db = stmt_db (stmt);

  int saved_code;
  char *saved_msg;

  if (stmt->result != NULL)
    return stmt->result;
  if (stmt->desc != NULL || stmt->multi)
    return stmt->desc;
  /* Asking for column names must not replace the last error. */
  saved_code = db->errcode;
  saved_msg = g_steal_pointer (&db->errmsg);
  if (ensure_named (stmt) == ALLOT_DB_OK)
    {
      stmt->desc = PQdescribePrepared (db->conn, stmt->name);
      if (PQresultStatus (stmt->desc) != PGRES_COMMAND_OK)
        g_clear_pointer (&stmt->desc, PQclear);
    }
  db->errcode = saved_code;
  g_free (db->errmsg);
  db->errmsg = saved_msg;
  return stmt->desc;
}

/* The current row's value, or NULL for NULL or no row. */
static const char *
value_at (PgStmt *stmt,
          int     column,
          Oid    *type)
{
  if (stmt->result == NULL || stmt->state != STMT_ROWS || stmt->row >= stmt->n_rows
      || column < 0 || column >= PQnfields (stmt->result))
    return NULL;
  if (PQgetisnull (stmt->result, stmt->row, column))
    return NULL;
  if (type != NULL)
    *type = PQftype (stmt->result, column);
  return PQgetvalue (stmt->result, stmt->row, column);
}

static int
pg_column_count (AllotStmt *base)
{
  PGresult *res = column_source ((PgStmt *) base);

  return res != NULL ? PQnfields (res) : 0;
}

static const char *
pg_column_name (AllotStmt *base,
                int        column)
{
  PGresult *res = column_source ((PgStmt *) base);

  if (res == NULL || column < 0 || column >= PQnfields (res))
    return NULL;
  return PQfname (res, column);
}

/* "123", "-5" or "123.000": an integer. */
static gboolean
text_is_integral (const char *text)
{
  const char *p = text;

  if (*p == '-' || *p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      while (*p == '0')
        p++;
    }
  return *p == '\0';
}

static AllotDbType
pg_column_type (AllotStmt *base,
                int        column)
{
  Oid type = 0;
  const char *text = value_at ((PgStmt *) base, column, &type);

  if (text == NULL)
    return ALLOT_DB_TYPE_NULL;
  switch (type)
    {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
    case OID_BOOL:
      return ALLOT_DB_TYPE_INTEGER;
    case OID_NUMERIC:
      return text_is_integral (text) ? ALLOT_DB_TYPE_INTEGER : ALLOT_DB_TYPE_FLOAT;
    case OID_FLOAT4:
    case OID_FLOAT8:
      return ALLOT_DB_TYPE_FLOAT;
    default:
      return ALLOT_DB_TYPE_TEXT;
    }
}

static gint64
pg_column_int64 (AllotStmt *base,
                 int        column)
{
  Oid type = 0;
  const char *text = value_at ((PgStmt *) base, column, &type);

  if (text == NULL)
    return 0;
  if (type == OID_BOOL)
    return text[0] == 't';
  if (type == OID_FLOAT4 || type == OID_FLOAT8
      || (type == OID_NUMERIC && !text_is_integral (text)))
    {
      /* As SQLite's CAST of a real: towards zero, clamped. */
      double d = g_ascii_strtod (text, NULL);

      if (d != d)
        return 0;
      if (d >= 9223372036854775807.0)
        return G_MAXINT64;
      if (d <= -9223372036854775808.0)
        return G_MININT64;
      return (gint64) d;
    }
  /* Integers, integral numerics ("123.000": strtoll stops at the point)
   * and text with a numeric prefix, as SQLite reads it. */
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (AllotStmt *base,
                  int        column)
{
  Oid type = 0;
  const char *text = value_at ((PgStmt *) base, column, &type);

  if (text == NULL)
    return 0.0;
  if (type == OID_BOOL)
    return text[0] == 't' ? 1.0 : 0.0;
  return g_ascii_strtod (text, NULL);
}

static const char *
pg_column_text (AllotStmt *base,
                int        column)
{
  Oid type = 0;
  const char *text = value_at ((PgStmt *) base, column, &type);

  /* A comparison reads as 1 / 0, as on SQLite. */
  if (text != NULL && type == OID_BOOL)
    return text[0] == 't' ? "1" : "0";
  return text;
}

static int
pg_column_bytes (AllotStmt *base,
                 int        column)
{
  PgStmt *stmt = (PgStmt *) base;
  Oid type = 0;
  const char *text = value_at (stmt, column, &type);

  if (text == NULL)
    return 0;
  if (type == OID_BOOL)
    return 1;
  return PQgetlength (stmt->result, stmt->row, column);
}

static const AllotDbDriver pg_driver = {
  .close = pg_close,
  .errcode = pg_errcode,
  .errmsg = pg_errmsg,
  .exec = pg_exec,
  .get_autocommit = pg_get_autocommit,
  .last_insert_id = pg_last_insert_id,
  .changes = pg_changes,
  .interrupt = pg_interrupt,
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .param_count = pg_param_count,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .clear_bindings = pg_clear_bindings,
  .step = pg_step,
  .reset = pg_reset,
  .column_count = pg_column_count,
  .column_name = pg_column_name,
  .column_type = pg_column_type,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_bytes = pg_column_bytes,
};
