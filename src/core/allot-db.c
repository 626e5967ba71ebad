/* allot-db.c: SQLite helpers for the storage layer. */
#include "allot-db-private.h"

#include "allot-date.h"
#include "allot-error.h"

void
allot_db_set_error (sqlite3    *db,
                    int         rc,
                    GError    **error,
                    const char *what)
{
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = ALLOT_ERROR_CONSTRAINT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = ALLOT_ERROR_LOCKED;
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      code = ALLOT_ERROR_CORRUPT;
      break;
    case SQLITE_NOTFOUND:
      code = ALLOT_ERROR_NOT_FOUND;
      break;
    default:
      code = ALLOT_ERROR_IO;
      break;
    }
  g_set_error (error, ALLOT_ERROR, code, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

sqlite3_stmt *
allot_db_prepare (sqlite3    *db,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      allot_db_set_error (db, rc, error, "Could not prepare a query");
      return NULL;
    }
  return stmt;
}

gboolean
allot_db_exec (sqlite3    *db,
               const char *sql,
               GError    **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      allot_db_set_error (db, rc, error, "Database error");
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_db_step_done (sqlite3      *db,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    allot_db_set_error (db, rc, error, "Could not write to the database");
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

void
allot_db_bind_date (sqlite3_stmt *stmt,
                    int           index,
                    const GDate  *date)
{
  if (date != NULL && g_date_valid (date))
    sqlite3_bind_text (stmt, index, allot_date_format_iso (date), -1, g_free);
  else
    sqlite3_bind_null (stmt, index);
}

void
allot_db_bind_text_or_null (sqlite3_stmt *stmt,
                            int           index,
                            const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
allot_db_bind_id_or_null (sqlite3_stmt *stmt,
                          int           index,
                          gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

void
allot_db_column_date (sqlite3_stmt *stmt,
                      int           column,
                      GDate        *out)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  g_date_clear (out, 1);
  if (text != NULL && !allot_date_parse (text, out, NULL))
    g_date_clear (out, 1);
}

char *
allot_db_column_dup (sqlite3_stmt *stmt,
                     int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
allot_db_query_int64 (sqlite3      *db,
                      sqlite3_stmt *stmt,
                      gint64       *out,
                      GError      **error)
{
  int rc = sqlite3_step (stmt);

  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    allot_db_set_error (db, rc, error, "Could not read the database");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

char *
allot_db_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}
