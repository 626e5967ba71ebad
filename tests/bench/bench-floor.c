/* bench-floor.c: what storing a ledger costs before any validation.
 *
 *   bench-floor DB SOURCE_DB
 *
 * Copies SOURCE_DB's ledger entries (an import's result) into DB (the
 * database they were imported into, before the import) with one
 * INSERT ... SELECT on Allot's own connection, in one transaction: the
 * table, its indexes and CHECK constraints and the audit trigger (a hashed
 * audit record with the row's JSON image, per entry) all do their work, the
 * importer's checks and per-row statements do not.  With the same page
 * cache as the importer (allot-import-kinds.c).  Prints the seconds it took,
 * closing (the WAL checkpoint) included.
 *
 * run-bench shows it beside the import: the import's time above this floor
 * is the validation; the floor above the sqlite3 shell's .import is what the
 * schema and the audit trail cost.
 */
#include "allot-config.h"

#include <stdio.h>

#include "allot-store-private.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  AllotStore *store;
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
  {
    char *attach = sqlite3_mprintf ("ATTACH %Q AS source", argv[2]);

    rc = sqlite3_exec (store->db, attach, NULL, NULL, &message);
    sqlite3_free (attach);
  }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (store->db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768",
                       NULL, NULL, &message);
  start = g_get_monotonic_time ();
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (store->db,
        "BEGIN IMMEDIATE;"
        "INSERT INTO main.ledger_entries (id, allocation_id, kind, amount, entry_date, paid_date,"
        " obligation_id, document_number, payee, description, status, immigration, entered_by,"
        " entered_at)"
        " SELECT id, allocation_id, kind, amount, entry_date, paid_date, obligation_id,"
        " document_number, payee, description, status, immigration, entered_by, entered_at"
        " FROM source.ledger_entries ORDER BY id;"
        "COMMIT;"
        "DETACH source;", NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_printerr ("bench-floor: %s\n", message != NULL ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      g_object_unref (store);
      return 1;
    }
  g_object_unref (store);
  printf ("%.3f\n", (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
