/* bench-floor.c: what storing a ledger costs before any validation.
 *
 *   bench-floor DB SOURCE_DB
 *
 * Copies SOURCE_DB's ledger entries (an import's result) into DB (the
 * database they were imported into, before the import) with one
 * INSERT ... SELECT on Allot's own connection, in one transaction, storing
 * them the way the importer does: its audit trigger and (for a file large
 * beside the ledger) its unread indexes set aside, the rows inserted through
 * the table's CHECK constraints, foreign keys and other indexes, the indexes
 * built again and each row's compact audit record written in one pass
 * (allot-audit.c, allot-import-kinds.c).  The importer's checks and per-row
 * statements are not done.  With the same page cache as the importer.
 * Prints the seconds it took, closing (the WAL checkpoint) included.
 *
 * run-bench shows it beside the import: the import's time above this floor
 * is the validation; the floor above the sqlite3 shell's .import is what the
 * schema and the audit trail cost.
 */
#include "allot-config.h"

#include <stdio.h>

#include "allot-audit-private.h"
#include "allot-db-sqlite.h"
#include "allot-import-private.h"
#include "allot-store-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  AllotStore *store;
  sqlite3 *raw;
  char *message = NULL;
  gint64 start;
  int rc;

  if (argc != 3)
    {
      g_printerr ("usage: bench-floor DB SOURCE_DB\n");
      return 2;
    }
  store = allot_store_open (argv[1], ALLOT_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("bench-floor: %s\n", error->message);
      return 1;
    }
  allot_store_set_user (store, "bench");
  raw = allot_db_sqlite_handle (store->db);
  {
    char *attach = sqlite3_mprintf ("ATTACH %Q AS source", argv[2]);

    rc = sqlite3_exec (raw, attach, NULL, NULL, &message);
    sqlite3_free (attach);
  }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (raw, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768",
                       NULL, NULL, &message);
  start = g_get_monotonic_time ();
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (raw, "BEGIN IMMEDIATE", NULL, NULL, &message);
  if (rc == SQLITE_OK)
    {
      const AllotImportKindSpec *spec = allot_import_kind_spec (ALLOT_IMPORT_LEDGER);
      g_autofree char *trigger = allot_audit_defer (store->db, "ledger_entries", &error);
      g_auto(GStrv) indexes = NULL;
      gint64 first = 0, n = 0;

      if (trigger != NULL)
        {
          /* The file's size in the importer's reckoning: the rows at 256
           * bytes a line, which sets the indexes aside when the ledger is
           * smaller. */
          sqlite3_stmt *count = NULL;

          sqlite3_prepare_v2 (raw, "SELECT count(*), min (id) FROM source.ledger_entries",
                              -1, &count, NULL);
          if (count != NULL && sqlite3_step (count) == SQLITE_ROW)
            {
              n = sqlite3_column_int64 (count, 0);
              first = sqlite3_column_int64 (count, 1);
            }
          sqlite3_finalize (count);
          indexes = allot_import_set_indexes_aside (store, spec, (gsize) n * 256, &error);
        }
      /* The same ids (an import's are consecutive), so one run of records. */
      if (indexes != NULL)
        rc = sqlite3_exec (raw,
            "INSERT INTO main.ledger_entries (id, allocation_id, kind, amount, entry_date,"
            " paid_date, obligation_id, document_number, payee, description, status, immigration,"
            " entered_by, entered_at)"
            " SELECT id, allocation_id, kind, amount, entry_date, paid_date, obligation_id,"
            " document_number, payee, description, status, immigration, entered_by, entered_at"
            " FROM source.ledger_entries ORDER BY id", NULL, NULL, &message);
      else
        rc = SQLITE_ERROR;
      if (rc == SQLITE_OK)
        {
          AllotAuditRun run = { first, 2, (guint) n };

          if (!allot_import_restore_indexes (store, indexes, &error) ||
              !allot_audit_log_deferred (store->db, "ledger_entries", trigger, 0, &run, 1, &error))
            rc = SQLITE_ERROR;
        }
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (raw, "COMMIT; DETACH source;", NULL, NULL, &message);
    }
  if (rc != SQLITE_OK)
    {
      g_printerr ("bench-floor: %s\n", message != NULL ? message
                                      : error != NULL ? error->message : sqlite3_errstr (rc));
      sqlite3_free (message);
      g_object_unref (store);
      return 1;
    }
  g_object_unref (store);
  printf ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
