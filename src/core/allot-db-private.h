/* allot-db-private.h: the storage layer's one interface to a database.
 *
 * Two drivers implement it: SQLite (allot-db-sqlite.c, the embedded
 * default) and PostgreSQL (allot-db-pg.c, libpq).  The store's files speak
 * SQL through it and nothing above the store sees SQL or knows which driver
 * is in use.
 *
 * The calls follow SQLite's shape (prepare, bind, step, column, reset) so
 * that a statement reads the same on both.  SQL text is written once, in
 * the dialect both accept; the few places that differ ask
 * allot_db_backend().  Parameters are written "?" or "?N"; the PostgreSQL
 * driver turns them into "$N".  Result codes are SQLite's numbers; the
 * PostgreSQL driver maps its SQLSTATEs onto them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every Allot SQLite database: "ALOT". */
#define ALLOT_APPLICATION_ID 0x414C4F54

typedef struct _AllotDb   AllotDb;    /* one connection */
typedef struct _AllotStmt AllotStmt;  /* one prepared statement */

typedef enum
{
  ALLOT_DB_SQLITE,
  ALLOT_DB_POSTGRES,
} AllotDbBackend;

/* Result codes: SQLite's primary and extended codes. */
enum
{
  ALLOT_DB_OK = 0,
  ALLOT_DB_ERROR = 1,
  ALLOT_DB_BUSY = 5,          /* locked; on PostgreSQL a serialization failure or deadlock */
  ALLOT_DB_LOCKED = 6,
  ALLOT_DB_NOMEM = 7,
  ALLOT_DB_INTERRUPT = 9,
  ALLOT_DB_IOERR = 10,        /* on PostgreSQL also a lost connection */
  ALLOT_DB_CORRUPT = 11,
  ALLOT_DB_NOTFOUND = 12,
  ALLOT_DB_CONSTRAINT = 19,
  ALLOT_DB_NOTADB = 26,
  ALLOT_DB_ROW = 100,
  ALLOT_DB_DONE = 101,
  ALLOT_DB_BUSY_SNAPSHOT = ALLOT_DB_BUSY | (2 << 8),
  ALLOT_DB_CONSTRAINT_PRIMARYKEY = ALLOT_DB_CONSTRAINT | (6 << 8),
  ALLOT_DB_CONSTRAINT_UNIQUE = ALLOT_DB_CONSTRAINT | (8 << 8),
};

/* Column types, for the few readers that look. */
typedef enum
{
  ALLOT_DB_TYPE_INTEGER = 1,
  ALLOT_DB_TYPE_FLOAT = 2,
  ALLOT_DB_TYPE_TEXT = 3,
  ALLOT_DB_TYPE_BLOB = 4,
  ALLOT_DB_TYPE_NULL = 5,
} AllotDbType;

/* How long bound text must live: ALLOT_BIND_STATIC until the statement is
 * stepped to its end or reset (the caller keeps it), ALLOT_BIND_COPY not at
 * all (the driver copies it). */
typedef enum
{
  ALLOT_BIND_STATIC,
  ALLOT_BIND_COPY,
} AllotBindLifetime;

/* ---- connections ---- */

/* Whether @uri names a PostgreSQL database ("postgresql://…",
 * "postgres://…" or a libpq "key=value" conninfo) rather than a file. */
gboolean allot_db_uri_is_postgres (const char *uri);

/* Opens an SQLite file (which must exist) read-write, or read-only with
 * @read_only. */
AllotDb *allot_db_open_sqlite (const char *path,
                               gboolean    read_only,
                               GError    **error);
/* Connects with a libpq connection string or URI. */
AllotDb *allot_db_open_postgres (const char *conninfo,
                                 GError    **error);
void     allot_db_close        (AllotDb *db);

AllotDbBackend allot_db_backend (AllotDb *db);

/* The last error's code (extended on SQLite) and message. */
int         allot_db_errcode (AllotDb *db);
const char *allot_db_errmsg  (AllotDb *db);

/* Sets @error from the connection's last error, prefixed by @what. */
void allot_db_set_error (AllotDb    *db,
                         int         rc,
                         GError    **error,
                         const char *what);

/* Runs one or more statements without parameters. */
gboolean allot_db_exec (AllotDb    *db,
                        const char *sql,
                        GError    **error);

/* Starts a read-only transaction: one snapshot for every statement until
 * COMMIT or ROLLBACK (SQLite's deferred transaction; PostgreSQL's
 * REPEATABLE READ, whose snapshot is taken at the first statement). */
gboolean allot_db_begin_read (AllotDb *db,
                              GError **error);

/* TRUE outside any transaction. */
gboolean allot_db_get_autocommit (AllotDb *db);
/* The id of the last row inserted on this connection by a statement of the
 * store (on PostgreSQL: the statement's RETURNING id, see the driver). */
gint64   allot_db_last_insert_id (AllotDb *db);
/* Rows changed by the last statement. */
gint64   allot_db_changes (AllotDb *db);
/* Stops the statement running on @db, from any thread. */
void     allot_db_interrupt (AllotDb *db);

/* ---- statements ---- */

/* @persistent: kept for the life of the connection (a hint to SQLite). */
AllotStmt *allot_db_prepare_full (AllotDb    *db,
                                  const char *sql,
                                  gboolean    persistent,
                                  GError    **error);
AllotStmt *allot_db_prepare      (AllotDb    *db,
                                  const char *sql,
                                  GError    **error);
void       allot_stmt_finalize   (AllotStmt *stmt);
AllotDb   *allot_stmt_db         (AllotStmt *stmt);

int  allot_stmt_param_count    (AllotStmt *stmt);
void allot_stmt_bind_int64     (AllotStmt *stmt,
                                int        index,
                                gint64     value);
void allot_stmt_bind_int       (AllotStmt *stmt,
                                int        index,
                                int        value);
void allot_stmt_bind_double    (AllotStmt *stmt,
                                int        index,
                                double     value);
/* @length -1: up to the NUL. */
void allot_stmt_bind_text      (AllotStmt        *stmt,
                                int               index,
                                const char       *text,
                                int               length,
                                AllotBindLifetime lifetime);
void allot_stmt_bind_null      (AllotStmt *stmt,
                                int        index);
void allot_stmt_clear_bindings (AllotStmt *stmt);

/* ALLOT_DB_ROW, ALLOT_DB_DONE or an error code. */
int  allot_stmt_step  (AllotStmt *stmt);
/* Back to before the first step; the bindings stay. */
void allot_stmt_reset (AllotStmt *stmt);

int          allot_stmt_column_count (AllotStmt *stmt);
const char  *allot_stmt_column_name  (AllotStmt *stmt,
                                      int        column);
AllotDbType  allot_stmt_column_type  (AllotStmt *stmt,
                                      int        column);
gint64       allot_stmt_column_int64 (AllotStmt *stmt,
                                      int        column);
int          allot_stmt_column_int   (AllotStmt *stmt,
                                      int        column);
double       allot_stmt_column_double (AllotStmt *stmt,
                                       int        column);
/* Valid until the next step, reset or finalize; NULL for NULL. */
const char  *allot_stmt_column_text  (AllotStmt *stmt,
                                      int        column);
int          allot_stmt_column_bytes (AllotStmt *stmt,
                                      int        column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotDb, allot_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotStmt, allot_stmt_finalize)

/* ---- helpers on top ---- */

/* Steps a statement that returns no rows (or whose rows are ignored). */
gboolean allot_db_step_done (AllotDb   *db,
                             AllotStmt *stmt,
                             GError   **error);

/* Binds a valid GDate as ISO text, an invalid one as NULL. */
void allot_db_bind_date (AllotStmt   *stmt,
                         int          index,
                         const GDate *date);
/* Binds NULL for a NULL or empty string. */
void allot_db_bind_text_or_null (AllotStmt  *stmt,
                                 int         index,
                                 const char *text);
/* Binds NULL for 0 (an unset id). */
void allot_db_bind_id_or_null (AllotStmt *stmt,
                               int        index,
                               gint64     id);

/* Reads an ISO date column into @out; NULL leaves it cleared (invalid). */
void  allot_db_column_date (AllotStmt *stmt,
                            int        column,
                            GDate     *out);
char *allot_db_column_dup (AllotStmt *stmt,
                           int        column);

/* A single integer result of @stmt, stepped once (0 when there is no row). */
gboolean allot_db_query_int64 (AllotDb   *db,
                               AllotStmt *stmt,
                               gint64    *out,
                               GError   **error);

/* The single integer @sql (no parameters) returns (0 when no row). */
gboolean allot_db_query_sql_int64 (AllotDb    *db,
                                   const char *sql,
                                   gint64     *out,
                                   GError    **error);

/* The current time, UTC, ISO 8601 with milliseconds. */
char *allot_db_now (void);

/* The tables whose every change the audit triggers record. */
const char *const *allot_schema_audited_tables (guint *n_tables);

/* Migration 3: federal reports and task-force participation
 * (allot-schema-reports.c). */
extern const char allot_migration_reports[];

/* Up to @to_version only: for the tests that upgrade an old database. */
gboolean allot_schema_migrate_to (AllotDb *db,
                                  int      from_version,
                                  int      to_version,
                                  GError **error);

gboolean allot_schema_migrate (AllotDb *db,
                               int      from_version,
                               GError **error);

G_END_DECLS
