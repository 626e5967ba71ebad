/* test-migrations.c: a database written by every older schema version opens,
 * is upgraded step by step, and keeps its data, its balances and an intact
 * audit trail.
 *
 * The old database is made the way an old Allot made it: the migrations up
 * to that version, then rows in that version's shape written with plain SQL
 * (an old build's store code is not available to a test).
 *
 * Only SQLite files are that old: on PostgreSQL the tests are skipped. */
#include <glib.h>
#include <glib/gstdio.h>

#include "allot-audit-private.h"
#include "allot-db-sqlite.h"
#include "allot-db-private.h"
#include "allot-error.h"
#include "allot-rules.h"
#include "allot-store.h"
#include "test-util.h"

static void
old_user (sqlite3_context *context,
          int              argc,
          sqlite3_value  **argv)
{
  sqlite3_result_text (context, "old.allot", -1, SQLITE_STATIC);
}

/* Schema 1's shape: entries and allocations were approved when written. */
static const char v1_rows[] =
  "INSERT INTO agencies (code, name, level) VALUES ('FBI', 'FBI', 'federal'),"
  "  ('MPD', 'Police', 'local');"
  "INSERT INTO task_forces (code, name, lead_agency_id, start_date)"
  "  VALUES ('SST', 'Safe Streets', 1, '2024-10-01');"
  "INSERT INTO categories (code, name, sf424a_line) VALUES ('OT', 'Overtime', 'a');"
  "INSERT INTO sources (code, name, kind, agency_id) VALUES ('JAG', 'JAG', 'grant', 1);"
  "INSERT INTO grants (source_id, award_number, assistance_listing, award_amount, pop_start,"
  "  pop_end, uniform_guidance, reporting_frequency)"
  "  VALUES (1, 'A-1', '16.738', 10000000, '2024-10-01', '2026-09-30', '2014', 'quarterly');"
  "INSERT INTO allocations (source_id, task_force_id, category_id, fiscal_year, amount,"
  "  entered_by, entered_at) VALUES (1, 1, 1, 2025, 6000000, 'old.allot', '2025-01-01T00:00:00Z');"
  "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, document_number,"
  "  entered_by, entered_at) VALUES (1, 'obligation', 1000000, '2025-01-10', 'PO-1',"
  "  'old.allot', '2025-01-10T00:00:00Z');"
  "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, paid_date, obligation_id,"
  "  document_number, entered_by, entered_at) VALUES (1, 'expenditure', 400000, '2025-02-01',"
  "  '2025-02-15', 1, 'INV-1', 'old.allot', '2025-02-01T00:00:00Z');"
  "INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date, document_number,"
  "  entered_by, entered_at, voided, voided_by, voided_at, void_reason) VALUES (1,"
  "  'expenditure', 99900, '2025-03-01', 'INV-2', 'old.allot', '2025-03-01T00:00:00Z', 1,"
  "  'old.allot', '2025-03-02T00:00:00Z', 'typed twice');";

/* Writes a database at schema @version holding the rows above. */
static char *
make_old_database (const char *dir,
                   int         version)
{
  g_autofree char *name = g_strdup_printf ("v%d.db", version);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  AllotDb *db;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  db = allot_db_open_sqlite (path, FALSE, &error);
  g_assert_no_error (error);
  sqlite3_create_function (allot_db_sqlite_handle (db), "allot_user", 0, SQLITE_UTF8, NULL,
                           old_user, NULL, NULL);
  allot_audit_register_functions (db);
  g_assert_true (allot_schema_migrate_to (db, 0, 1, &error));
  g_assert_no_error (error);
  test_util_exec (db, v1_rows);
  g_assert_true (allot_schema_migrate_to (db, 1, version, &error));
  g_assert_no_error (error);
  allot_db_close (db);
  return path;
}

static void
test_upgrade_from (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  AllotAuditVerdict verdict;
  AllotBalanceRow *row;
  AllotDb *db;
  GDate as_of;

  if (test_util_skip_unless_sqlite ("upgrades old SQLite files (no PostgreSQL database is that old)"))
    return;
  dir = g_dir_make_tmp ("allot-test-migrations-XXXXXX", NULL);
  path = make_old_database (dir, version);
  store = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* By hand: authorized 100,000.00; allocated 60,000.00; obligated
   * 10,000.00; expended 4,000.00 (INV-2 is voided); unliquidated 10,000.00
   * - 4,000.00 = 6,000.00; available 100,000.00 - 4,000.00 - 6,000.00 =
   * 90,000.00. */
  rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_SOURCE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->code, ==, "JAG");
  g_assert_cmpint (row->balance.authorized, ==, 10000000);
  g_assert_cmpint (row->balance.allocated, ==, 6000000);
  g_assert_cmpint (row->balance.obligated, ==, 1000000);
  g_assert_cmpint (row->balance.expended, ==, 400000);
  g_assert_cmpint (row->balance.unliquidated, ==, 600000);
  g_assert_cmpint (row->balance.available, ==, 9000000);

  /* The trail is whole, old records included, and matches every row. */
  g_assert_true (allot_store_verify_audit (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verdict.problem, ==, NULL);
  g_assert_cmpint (verdict.n_records, >, 8);
  allot_audit_verdict_clear (&verdict);

  /* Records approved before review existed are not mistaken for
   * self-approvals. */
  g_date_clear (&as_of, 1);
  g_date_set_dmy (&as_of, 1, G_DATE_JULY, 2025);
  findings = allot_store_check (store, &as_of, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpstr (((AllotFinding *) findings->pdata[i])->rule->id, !=, "self-approval");

  /* And the upgraded database takes new work: its first writer since the
   * upgrade administers it (the old schema had no users). */
  allot_store_set_user (store, "old.allot");
  g_assert_true (allot_store_set_user_role (store, "new.reviewer", ALLOT_ROLE_REVIEWER,
                                            &error));
  g_assert_no_error (error);

  /* What migration 5 brought: a category nothing refers to can be removed
   * (undoing its creation), one with an allocation cannot; contributions
   * are voided with a reason; and the trail still verifies. */
  {
    gint64 category = test_util_add_category (store, "NEW", "New category", 'h');
    gint64 agreement = test_util_add_agreement (store, "MOU", "M-1", 1, "2025-01-01",
                                                "2025-12-31");
    gint64 contribution = test_util_add_contribution (store, agreement, ALLOT_SIDE_PARTNER,
                                                      ALLOT_FORM_IN_KIND, 500000, "Desk space");

    g_assert_true (allot_store_remove_category (store, category, &error));
    g_assert_no_error (error);
    g_assert_false (allot_store_remove_category (store, 1, &error));
    g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_true (allot_store_void_contribution (store, contribution, "Undone", &error));
    g_assert_no_error (error);
    g_assert_true (allot_store_verify_audit (store, &verdict, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (verdict.problem, ==, NULL);
    allot_audit_verdict_clear (&verdict);
  }
  g_clear_object (&store);

  db = test_util_open_raw (path, FALSE);
  g_assert_cmpint (test_util_query_int (db, "PRAGMA user_version"), ==,
                   allot_store_schema_version ());
  /* The ledger table's sort indexes (schema 5) exist, whatever the start. */
  g_assert_cmpint (test_util_query_int (db, "SELECT count (*) FROM sqlite_schema"
                                            " WHERE type = 'index'"
                                            " AND name IN ('ledger_amount_order',"
                                            " 'ledger_status_order', 'ledger_document_order',"
                                            " 'ledger_date')"), ==, 4);
  allot_db_close (db);

  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (int v = 1; v < allot_store_schema_version (); v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/from-version-%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_upgrade_from);
    }
  return g_test_run ();
}
