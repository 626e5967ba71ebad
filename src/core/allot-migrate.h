/* allot-migrate.h: copying a whole database to another engine (issue 9).
 *
 * allot_store_migrate_to() copies every table of an open store, row for
 * row and id for id, into a new database: an SQLite file that does not
 * exist yet (or is empty), or an empty PostgreSQL database.  A target that
 * already holds tables is refused and left as it was.  The copy is one
 * transaction on the target, with its triggers set aside so that copying
 * writes no audit records of its own: the audit log is copied as it is, and
 * its hash chain, computed the same way on both engines, still verifies.
 *
 * After the commit the copy is checked against the source: the rows of
 * every table, the balances by source and by allocation, and the audit
 * chain (intact, the same number of records, the same last hash).  A
 * difference is an error naming the table or figure; the copy is then left
 * as written.
 */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

/* Called while a table is copied, every few thousand rows and once at its
 * end, with the rows copied so far. */
typedef void (*AllotMigrateProgress) (const char *table,
                                      gint64      rows_copied,
                                      gpointer    data);

typedef struct {
  char *table;
  gint64 rows;
} AllotMigrateTable;

/* What a successful copy copied and found. */
typedef struct {
  char *target;             /* the file, or the PostgreSQL database's name */
  GPtrArray *tables;        /* of AllotMigrateTable, in the order copied */
  gint64 n_rows;            /* of every table */
  gint64 n_audit_records;
  char *last_hash;          /* of the audit chain, "" when it is empty */
} AllotMigrateSummary;

void allot_migrate_summary_clear (AllotMigrateSummary *summary);

/* Copies @source into @target (a file path or a PostgreSQL URI / conninfo)
 * and verifies the copy.  @cb may be NULL. */
gboolean allot_store_migrate_to (AllotStore          *source,
                                 const char          *target,
                                 AllotMigrateProgress cb,
                                 gpointer             data,
                                 GError             **error);

/* The same, filling @summary (cleared first; free it with
 * allot_migrate_summary_clear()) when it succeeds. */
gboolean allot_store_migrate_to_full (AllotStore          *source,
                                      const char          *target,
                                      AllotMigrateProgress cb,
                                      gpointer             data,
                                      AllotMigrateSummary *summary,
                                      GError             **error);

G_END_DECLS
