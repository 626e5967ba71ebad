/* allot-db.c: the storage interface's dispatch to its driver, and the
 * helpers every store file uses on top of it. */
#include "allot-db-driver.h"


#include "allot-date.h"
#include "allot-error.h"

/* ---- connections ---- */

void
allot_db_close (AllotDb *db)
{
  if (db != NULL)
    db->driver->close (db);
}

AllotDbBackend
allot_db_backend (AllotDb *db)
{
  return db->backend;
}

int
allot_db_errcode (AllotDb *db)
{
  return db->driver->errcode (db);
}

const char *
allot_db_errmsg (AllotDb *db)
{
  return db->driver->errmsg (db);
}

void
allot_db_set_error (AllotDb    *db,
                    int         rc,
                    GError    **error,
                    const char *what)
{
  int code;

  switch (rc & 0xff)
    {
    case ALLOT_DB_CONSTRAINT:
      code = ALLOT_ERROR_CONSTRAINT;
      break;
    case ALLOT_DB_BUSY:
    case ALLOT_DB_LOCKED:
      code = ALLOT_ERROR_LOCKED;
      break;
    case ALLOT_DB_NOTADB:
    case ALLOT_DB_CORRUPT:
      code = ALLOT_ERROR_CORRUPT;
      break;
    case ALLOT_DB_NOTFOUND:
      code = ALLOT_ERROR_NOT_FOUND;
      break;
    default:
      code = ALLOT_ERROR_IO;
      break;
    }
  g_set_error (error, ALLOT_ERROR, code, "%s: %s", what,
               db != NULL ? allot_db_errmsg (db) : "database error");
}

gboolean
allot_db_exec (AllotDb    *db,
               const char *sql,
               GError    **error)
{
  int rc = db->driver->exec (db, sql);

  if (rc != ALLOT_DB_OK)
    {
      allot_db_set_error (db, rc, error, "Database error");
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_db_begin_read (AllotDb *db,
                     GError **error)
{
  return allot_db_exec (db, db->backend == ALLOT_DB_POSTGRES
                              ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                              : "BEGIN DEFERRED", error);
}

gboolean
allot_db_get_autocommit (AllotDb *db)
{
  return db->driver->get_autocommit (db);
}

gint64
allot_db_last_insert_id (AllotDb *db)
{
  return db->driver->last_insert_id (db);
}

gint64
allot_db_changes (AllotDb *db)
{
  return db->driver->changes (db);
}

void
allot_db_interrupt (AllotDb *db)
{
  db->driver->interrupt (db);
}

/* ---- statements ---- */

AllotStmt *
allot_db_prepare_full (AllotDb    *db,
                       const char *sql,
                       gboolean    persistent,
                       GError    **error)
{
  int rc = ALLOT_DB_OK;
  AllotStmt *stmt = db->driver->prepare (db, sql, persistent, &rc);

  if (stmt == NULL)
    allot_db_set_error (db, rc, error, "Could not prepare a query");
  return stmt;
}

AllotStmt *
allot_db_prepare (AllotDb    *db,
                  const char *sql,
                  GError    **error)
{
  return allot_db_prepare_full (db, sql, FALSE, error);
}

void
allot_stmt_finalize (AllotStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->driver->finalize (stmt);
}

AllotDb *
allot_stmt_db (AllotStmt *stmt)
{
  return stmt->db;
}

int
allot_stmt_param_count (AllotStmt *stmt)
{
  return stmt->db->driver->param_count (stmt);
}

void
allot_stmt_bind_int64 (AllotStmt *stmt,
                       int        index,
                       gint64     value)
{
  stmt->db->driver->bind_int64 (stmt, index, value);
}

void
allot_stmt_bind_int (AllotStmt *stmt,
                     int        index,
                     int        value)
{
  stmt->db->driver->bind_int64 (stmt, index, value);
}

void
allot_stmt_bind_double (AllotStmt *stmt,
                        int        index,
                        double     value)
{
  stmt->db->driver->bind_double (stmt, index, value);
}

void
allot_stmt_bind_text (AllotStmt        *stmt,
                      int               index,
                      const char       *text,
                      int               length,
                      AllotBindLifetime lifetime)
{
  if (text == NULL)
    stmt->db->driver->bind_null (stmt, index);
  else
    stmt->db->driver->bind_text (stmt, index, text, length, lifetime);
}

void
allot_stmt_bind_null (AllotStmt *stmt,
                      int        index)
{
  stmt->db->driver->bind_null (stmt, index);
}

void
allot_stmt_clear_bindings (AllotStmt *stmt)
{
  stmt->db->driver->clear_bindings (stmt);
}

int
allot_stmt_step (AllotStmt *stmt)
{
  return stmt->db->driver->step (stmt);
}

void
allot_stmt_reset (AllotStmt *stmt)
{
  stmt->db->driver->reset (stmt);
}

int
allot_stmt_column_count (AllotStmt *stmt)
{
  return stmt->db->driver->column_count (stmt);
}

const char *
allot_stmt_column_name (AllotStmt *stmt,
                        int        column)
{
  return stmt->db->driver->column_name (stmt, column);
}

AllotDbType
allot_stmt_column_type (AllotStmt *stmt,
                        int        column)
{
  return stmt->db->driver->column_type (stmt, column);
}

gint64
allot_stmt_column_int64 (AllotStmt *stmt,
                         int        column)
{
  return stmt->db->driver->column_int64 (stmt, column);
}

int
allot_stmt_column_int (AllotStmt *stmt,
                       int        column)
{
  return (int) stmt->db->driver->column_int64 (stmt, column);
}

double
allot_stmt_column_double (AllotStmt *stmt,
                          int        column)
{
  return stmt->db->driver->column_double (stmt, column);
}

const char *
allot_stmt_column_text (AllotStmt *stmt,
                        int        column)
{
  return stmt->db->driver->column_text (stmt, column);
}

int
allot_stmt_column_bytes (AllotStmt *stmt,
                         int        column)
{
  return stmt->db->driver->column_bytes (stmt, column);
}

/* ---- helpers ---- */

gboolean
allot_db_step_done (AllotDb   *db,
                    AllotStmt *stmt,
                    GError   **error)
{
  int rc;

  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    ;
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (db, rc, error, "Could not write to the database");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

void
allot_db_bind_date (AllotStmt   *stmt,
                    int          index,
                    const GDate *date)
{
  if (date != NULL && g_date_valid (date))
    {
      g_autofree char *iso = allot_date_format_iso (date);

      allot_stmt_bind_text (stmt, index, iso, -1, ALLOT_BIND_COPY);
    }
  else
    allot_stmt_bind_null (stmt, index);
}

void
allot_db_bind_text_or_null (AllotStmt  *stmt,
                            int         index,
                            const char *text)
{
  if (text != NULL && *text != '\0')
    allot_stmt_bind_text (stmt, index, text, -1, ALLOT_BIND_COPY);
  else
    allot_stmt_bind_null (stmt, index);
}

void
allot_db_bind_id_or_null (AllotStmt *stmt,
                          int        index,
                          gint64     id)
{
  if (id != 0)
    allot_stmt_bind_int64 (stmt, index, id);
  else
    allot_stmt_bind_null (stmt, index);
}

void
allot_db_column_date (AllotStmt *stmt,
                      int        column,
                      GDate     *out)
{
  const char *text = allot_stmt_column_text (stmt, column);

  g_date_clear (out, 1);
  if (text != NULL && !allot_date_parse (text, out, NULL))
    g_date_clear (out, 1);
}

char *
allot_db_column_dup (AllotStmt *stmt,
                     int        column)
{
  return g_strdup (allot_stmt_column_text (stmt, column));
}

gboolean
allot_db_query_int64 (AllotDb   *db,
                      AllotStmt *stmt,
                      gint64    *out,
                      GError   **error)
{
  int rc = allot_stmt_step (stmt);

  *out = rc == ALLOT_DB_ROW ? allot_stmt_column_int64 (stmt, 0) : 0;
  if (rc != ALLOT_DB_ROW && rc != ALLOT_DB_DONE)
    allot_db_set_error (db, rc, error, "Could not read the database");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_ROW || rc == ALLOT_DB_DONE;
}

gboolean
allot_db_query_sql_int64 (AllotDb    *db,
                          const char *sql,
                          gint64     *out,
                          GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db, sql, error);

  return stmt != NULL && allot_db_query_int64 (db, stmt, out, error);
}

char *
allot_db_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}
