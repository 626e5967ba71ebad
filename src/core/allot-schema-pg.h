/* allot-schema-pg.h: the PostgreSQL schema and its migrations. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Migration i (schema version i + 1) mirrors SQLite's migration i + 1
 * (allot-schema.c): SQL text for one PQexec, which the caller runs inside
 * BEGIN ... COMMIT with allot_pg_record_migration_sql.  The text holds no
 * "?" (the driver's parameter mark), so it runs the same through any exec. */
extern const char *const allot_pg_migrations[];
extern const guint allot_pg_n_migrations;

/* Records version ?1 as applied, in the migration's transaction. */
extern const char allot_pg_record_migration_sql[];

G_END_DECLS
