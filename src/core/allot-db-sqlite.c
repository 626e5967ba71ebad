/* allot-db-sqlite.c: the SQLite driver of the storage interface: each call
 * is the sqlite3 call of the same name. */
#include "allot-db-driver.h"
#include "allot-db-sqlite.h"

#include "allot-error.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  AllotDb parent;
  sqlite3 *handle;
} SqliteDb;

typedef struct
{
  AllotStmt parent;
  sqlite3_stmt *handle;
} SqliteStmt;

#define HANDLE(db) (((SqliteDb *) (db))->handle)
#define STMT(stmt) (((SqliteStmt *) (stmt))->handle)

static void
sqlite_close (AllotDb *db)
{
  sqlite3_close_v2 (HANDLE (db));
  g_free (db);
}

static int
sqlite_errcode (AllotDb *db)
{
  return sqlite3_extended_errcode (HANDLE (db));
}

static const char *
sqlite_errmsg (AllotDb *db)
{
  return sqlite3_errmsg (HANDLE (db));
}

static int
sqlite_exec (AllotDb    *db,
             const char *sql)
{
  return sqlite3_exec (HANDLE (db), sql, NULL, NULL, NULL);
}

static gboolean
sqlite_get_autocommit (AllotDb *db)
{
  return sqlite3_get_autocommit (HANDLE (db)) != 0;
}

static gint64
sqlite_last_insert_id (AllotDb *db)
{
  return sqlite3_last_insert_rowid (HANDLE (db));
}

static gint64
sqlite_changes (AllotDb *db)
{
  return sqlite3_changes64 (HANDLE (db));
}

static void
sqlite_interrupt (AllotDb *db)
{
  sqlite3_interrupt (HANDLE (db));
}

static AllotStmt *
sqlite_prepare (AllotDb    *db,
                const char *sql,
                gboolean    persistent,
                int        *rc)
{
  sqlite3_stmt *handle = NULL;
  SqliteStmt *stmt;

  *rc = sqlite3_prepare_v3 (HANDLE (db), sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                            &handle, NULL);
  if (*rc != SQLITE_OK)
    {
      sqlite3_finalize (handle);
      return NULL;
    }
  stmt = g_new0 (SqliteStmt, 1);
  stmt->parent.db = db;
  stmt->handle = handle;
  return &stmt->parent;
}

static void
sqlite_finalize (AllotStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static int
sqlite_param_count (AllotStmt *stmt)
{
  return sqlite3_bind_parameter_count (STMT (stmt));
}

static void
sqlite_bind_int64 (AllotStmt *stmt,
                   int        index,
                   gint64     value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (AllotStmt *stmt,
                    int        index,
                    double     value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (AllotStmt        *stmt,
                  int               index,
                  const char       *text,
                  int               length,
                  AllotBindLifetime lifetime)
{
  sqlite3_bind_text (STMT (stmt), index, text, length,
                     lifetime == ALLOT_BIND_STATIC ? SQLITE_STATIC : SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (AllotStmt *stmt,
                  int        index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static void
sqlite_clear_bindings (AllotStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static int
sqlite_step (AllotStmt *stmt)
{
  return sqlite3_step (STMT (stmt));
}

static void
sqlite_reset (AllotStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static int
sqlite_column_count (AllotStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static const char *
sqlite_column_name (AllotStmt *stmt,
                    int        column)
{
  return sqlite3_column_name (STMT (stmt), column);
}

static AllotDbType
sqlite_column_type (AllotStmt *stmt,
                    int        column)
{
  /* SQLite's numbering is the interface's. */
  return (AllotDbType) sqlite3_column_type (STMT (stmt), column);
}

static gint64
sqlite_column_int64 (AllotStmt *stmt,
                     int        column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (AllotStmt *stmt,
                      int        column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
sqlite_column_text (AllotStmt *stmt,
                    int        column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static int
sqlite_column_bytes (AllotStmt *stmt,
                     int        column)
{
  return sqlite3_column_bytes (STMT (stmt), column);
}

static const AllotDbDriver sqlite_driver = {
  .close = sqlite_close,
  .errcode = sqlite_errcode,
  .errmsg = sqlite_errmsg,
  .exec = sqlite_exec,
  .get_autocommit = sqlite_get_autocommit,
  .last_insert_id = sqlite_last_insert_id,
  .changes = sqlite_changes,
  .interrupt = sqlite_interrupt,
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .param_count = sqlite_param_count,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .clear_bindings = sqlite_clear_bindings,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_type = sqlite_column_type,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_bytes = sqlite_column_bytes,
};

G_STATIC_ASSERT (ALLOT_DB_TYPE_INTEGER == SQLITE_INTEGER && ALLOT_DB_TYPE_FLOAT == SQLITE_FLOAT &&
                 ALLOT_DB_TYPE_TEXT == SQLITE_TEXT && ALLOT_DB_TYPE_BLOB == SQLITE_BLOB &&
                 ALLOT_DB_TYPE_NULL == SQLITE_NULL);
G_STATIC_ASSERT (ALLOT_DB_CONSTRAINT_UNIQUE == SQLITE_CONSTRAINT_UNIQUE &&
                 ALLOT_DB_CONSTRAINT_PRIMARYKEY == SQLITE_CONSTRAINT_PRIMARYKEY &&
                 ALLOT_DB_BUSY_SNAPSHOT == SQLITE_BUSY_SNAPSHOT && ALLOT_DB_ROW == SQLITE_ROW &&
                 ALLOT_DB_DONE == SQLITE_DONE && ALLOT_DB_NOTADB == SQLITE_NOTADB);

AllotDb *
allot_db_open_sqlite (const char *path,
                      gboolean    read_only,
                      GError    **error)
{
  SqliteDb *db = g_new0 (SqliteDb, 1);
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc;

  db->parent.driver = &sqlite_driver;
  db->parent.backend = ALLOT_DB_SQLITE;
  rc = sqlite3_open_v2 (path, &db->handle, flags | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Could not open “%s”: %s"), path,
                   db->handle != NULL ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      sqlite_close (&db->parent);
      return NULL;
    }
  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, 5000);
  return &db->parent;
}

sqlite3 *
allot_db_sqlite_handle (AllotDb *db)
{
  g_assert (db->backend == ALLOT_DB_SQLITE);
  return HANDLE (db);
}

sqlite3_stmt *
allot_stmt_sqlite_handle (AllotStmt *stmt)
{
  g_assert (stmt->db->backend == ALLOT_DB_SQLITE);
  return STMT (stmt);
}
