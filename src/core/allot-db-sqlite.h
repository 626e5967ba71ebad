/* allot-db-sqlite.h: what only the SQLite driver's users need: the raw
 * handle, for the SQLite-only parts of the store (its SQL functions, the
 * bulk import's index handling, backups). */
#pragma once

#include <sqlite3.h>

#include "allot-db-private.h"

G_BEGIN_DECLS

/* The connection's sqlite3 handle; @db must be an SQLite connection. */
sqlite3 *allot_db_sqlite_handle (AllotDb *db);

/* A raw SQLite statement's wrapper, for the SQLite-only code. */
sqlite3_stmt *allot_stmt_sqlite_handle (AllotStmt *stmt);

G_END_DECLS
