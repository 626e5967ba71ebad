/* allot-db-private.h: small SQLite helpers shared by the store's files.
 * Only the storage layer includes this; nothing above it sees SQL. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* PRAGMA application_id of every Allot database: "ALOT". */
#define ALLOT_APPLICATION_ID 0x414C4F54

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Sets @error from the connection's last error, prefixed by @what. */
void allot_db_set_error (sqlite3    *db,
                         int         rc,
                         GError    **error,
                         const char *what);

sqlite3_stmt *allot_db_prepare (sqlite3    *db,
                                const char *sql,
                                GError    **error);

gboolean allot_db_exec (sqlite3    *db,
                        const char *sql,
                        GError    **error);

/* Steps a statement that returns no rows (or whose rows are ignored). */
gboolean allot_db_step_done (sqlite3      *db,
                             sqlite3_stmt *stmt,
                             GError      **error);

/* Binds a valid GDate as ISO text, an invalid one as NULL. */
void allot_db_bind_date (sqlite3_stmt *stmt,
                         int           index,
                         const GDate  *date);
/* Binds NULL for a NULL or empty string. */
void allot_db_bind_text_or_null (sqlite3_stmt *stmt,
                                 int           index,
                                 const char   *text);
/* Binds NULL for 0 (an unset id). */
void allot_db_bind_id_or_null (sqlite3_stmt *stmt,
                               int           index,
                               gint64        id);

/* Reads an ISO date column into @out; NULL leaves it cleared (invalid). */
void  allot_db_column_date (sqlite3_stmt *stmt,
                            int           column,
                            GDate        *out);
char *allot_db_column_dup (sqlite3_stmt *stmt,
                           int           column);

/* A single integer result of @stmt, stepped once (0 when there is no row). */
gboolean allot_db_query_int64 (sqlite3      *db,
                               sqlite3_stmt *stmt,
                               gint64       *out,
                               GError      **error);

/* The current time, UTC, ISO 8601 with milliseconds. */
char *allot_db_now (void);

/* The tables whose every change the audit triggers record. */
const char *const *allot_schema_audited_tables (guint *n_tables);

/* Migration 3: federal reports and task-force participation
 * (allot-schema-reports.c). */
extern const char allot_migration_reports[];

/* Up to @to_version only: for the tests that upgrade an old database. */
gboolean allot_schema_migrate_to (sqlite3 *db,
                                  int      from_version,
                                  int      to_version,
                                  GError **error);

gboolean allot_schema_migrate (sqlite3 *db,
                               int      from_version,
                               GError **error);

G_END_DECLS
