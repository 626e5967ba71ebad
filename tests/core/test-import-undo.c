/* test-import-undo.c: undoing a whole import (allot_import_undo()): the
 * balances and the ledger as before the import, one audit event, and every
 * refusal (a record changed since, a closed period, later entries, sources,
 * twice) leaving the database byte for byte as it was. */
#include <glib.h>
#include <string.h>

#include "allot-import.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 sst, eq, jag, forfeiture, alloc_eq;
  AllotImporter *importer;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  gint64 fbi;

  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "allot.db", &fx->path);
  fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                              ALLOT_AGENCY_FEDERAL);
  fx->sst = test_util_add_task_force (fx->store, "SST", "Safe Streets", fbi);
  fx->eq = test_util_add_category (fx->store, "EQ", "Equipment", 'd');
  test_util_add_category (fx->store, "OT", "Overtime", 'a');
  fx->jag = test_util_add_grant (fx->store, "JAG", "15PBJA-25-GG-1", 10000000, "2025-10-01",
                                 "2027-09-30");
  fx->forfeiture = test_util_add_forfeiture (fx->store, "DOJ-ES", ALLOT_FORFEITURE_DOJ);
  fx->alloc_eq = test_util_add_allocation (fx->store, fx->jag, fx->sst, fx->eq, 2026, 2000000,
                                           ALLOT_STATUS_APPROVED);
  /* An approved entry from before the import, so the balances are not zero. */
  test_util_add_entry (fx->store, fx->alloc_eq, ALLOT_ENTRY_EXPENDITURE, 12345, "2025-12-01", 0,
                       "OLD-1", ALLOT_STATUS_APPROVED);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_pointer (&fx->importer, allot_importer_free);
  test_util_close_store (&fx->store, &fx->dir, &fx->path);
}

/* Imports @text as "t.csv"; returns the import's audit event. */
static gint64
import_ok (Fixture         *fx,
           AllotImportKind  kind,
           const char      *text)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&fx->importer, allot_importer_free);
  fx->importer = allot_importer_new (fx->store, kind);
  g_assert_true (allot_importer_run_data (fx->importer, "t.csv", text, strlen (text), NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (allot_importer_get_event_id (fx->importer), >, 0);
  return allot_importer_get_event_id (fx->importer);
}

static gint64
count (Fixture    *fx,
       const char *sql)
{
  return test_util_query_file_int (fx->path, sql);
}

/* Every balance row of every grouping, one line each. */
static char *
balances_text (Fixture *fx)
{
  GString *out = g_string_new (NULL);

  for (int g = ALLOT_BALANCE_BY_SOURCE; g <= ALLOT_BALANCE_BY_KIND; g++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rows = allot_store_list_balances (fx->store, g, 0, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          const AllotBalanceRow *r = rows->pdata[i];

          g_string_append_printf (out, "%d %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                  " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                  " %" G_GINT64_FORMAT "\n", g, r->code,
                                  r->balance.authorized, r->balance.allocated,
                                  r->balance.obligated, r->balance.expended,
                                  r->balance.unliquidated, r->balance.available);
        }
    }
  return g_string_free (out, FALSE);
}

/* Undo is refused with @code and a message containing @part; nothing changed. */
static void
assert_undo_refused (Fixture    *fx,
                     gint64      event_id,
                     gint        code,
                     const char *part)
{
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(GError) error = NULL;
  guint n = 99;

  g_assert_false (allot_import_undo (fx->store, event_id, &n, &error));
  g_assert_error (error, ALLOT_ERROR, code);
  test_util_assert_message_contains (error, part, NULL);
  g_assert_cmpuint (n, ==, 0);
  test_util_assert_unchanged (fx->path, before);
}

#define LEDGER_HEADER \
  "kind,date,amount,document_number,source,task_force,category,fiscal_year,obligation\n"
#define LEDGER_ROWS \
  "obligation,2026-01-05,100.00,PO-1,JAG,SST,EQ,2026,\n" \
  "expenditure,2026-01-20,40.00,INV-1,JAG,SST,EQ,2026,PO-1\n" \
  "expenditure,2026-02-03,7.50,INV-2,JAG,SST,EQ,2026,\n"

static void
test_ledger (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *balances = balances_text (fx);
  g_autofree char *after_undo = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                        LEDGER_HEADER LEDGER_ROWS, -1);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 event;
  guint n = 0;

  event = import_ok (fx, ALLOT_IMPORT_LEDGER, LEDGER_HEADER LEDGER_ROWS);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE voided = 0"), ==, 4);

  g_assert_true (allot_import_undo (fx->store, event, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  /* The three imported entries voided with the reason, the old one kept. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE voided = 0"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE voided = 1"
                              " AND void_reason = 'Import of t.csv undone'"
                              " AND voided_by = 'officer' AND document_number <> 'OLD-1'"), ==, 3);
  after_undo = balances_text (fx);
  g_assert_cmpstr (after_undo, ==, balances);
  test_util_assert_audit_whole (fx->store);

  /* One undo event pointing at the import, with the file and its digest. */
  if (test_util_backend_is_postgres ())
    expected = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'import_undo'"
                                " AND table_name = 'audit_log' AND record_id = %" G_GINT64_FORMAT
                                " AND after::json ->> 'file' = 't.csv'"
                                " AND after::json ->> 'sha256' = '%s'"
                                " AND (after::json ->> 'voided')::bigint = 3", event, sha);
  else
    expected = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'import_undo'"
                                " AND table_name = 'audit_log' AND record_id = %" G_GINT64_FORMAT
                                " AND json_extract (after, '$.file') = 't.csv'"
                                " AND json_extract (after, '$.sha256') = '%s'"
                                " AND json_extract (after, '$.voided') = 3", event, sha);
  g_assert_cmpint (count (fx, expected), ==, 1);
  /* Each void is in the audit trail too. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'void'"
                              " AND table_name = 'ledger_entries'"), ==, 3);

  /* Twice is refused. */
  assert_undo_refused (fx, event, ALLOT_ERROR_CONSTRAINT, "already undone");
  /* The file can be imported again: its documents are free once voided. */
  import_ok (fx, ALLOT_IMPORT_LEDGER, LEDGER_HEADER LEDGER_ROWS);
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 3);
}

static void
test_receipts_balances (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *before = balances_text (fx);
  g_autofree char *imported = NULL;
  g_autofree char *undone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 authorized = 0;
  gint64 event;

  event = import_ok (fx, ALLOT_IMPORT_RECEIPTS,
                     "source,date,amount,case_number,kind\n"
                     "DOJ-ES,2026-01-02,100.00,CATS-1,sharing\n"
                     "DOJ-ES,2026-01-31,0.42,,interest\n");
  g_assert_true (allot_store_source_authorized (fx->store, fx->forfeiture, &authorized, &error));
  g_assert_cmpint (authorized, ==, 10042);
  imported = balances_text (fx);
  g_assert_cmpstr (imported, !=, before);

  g_assert_true (allot_import_undo (fx->store, event, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (allot_store_source_authorized (fx->store, fx->forfeiture, &authorized, &error));
  g_assert_cmpint (authorized, ==, 0);
  undone = balances_text (fx);
  g_assert_cmpstr (undone, ==, before);
  test_util_assert_audit_whole (fx->store);
}

/* The fund's money was allocated after the import: voiding the receipt
 * would leave the allocation uncovered. */
static void
test_receipts_refused_allocated (Fixture       *fx,
                                 gconstpointer  data)
{
  gint64 event = import_ok (fx, ALLOT_IMPORT_RECEIPTS,
                            "source,date,amount,case_number\n"
                            "DOJ-ES,2026-01-02,100.00,CATS-1\n");

  test_util_add_allocation (fx->store, fx->forfeiture, fx->sst, fx->eq, 2026, 8000,
                            ALLOT_STATUS_DRAFT);
  assert_undo_refused (fx, event, ALLOT_ERROR_CONSTRAINT, "t.csv");
}

static void
test_refused_changed (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event = import_ok (fx, ALLOT_IMPORT_LEDGER, LEDGER_HEADER LEDGER_ROWS);
  gint64 inv2 = count (fx, "SELECT id FROM ledger_entries WHERE document_number = 'INV-2'");

  /* Submitted for review after the import: someone acted on it. */
  g_assert_true (allot_store_submit_entry (fx->store, inv2, &error));
  g_assert_no_error (error);
  assert_undo_refused (fx, event, ALLOT_ERROR_CONFLICT,
                       "expenditure INV-2 was changed since the import");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE voided = 0"), ==, 4);
}

static void
test_refused_closed_period (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event = import_ok (fx, ALLOT_IMPORT_LEDGER, LEDGER_HEADER LEDGER_ROWS);

  allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_close_period (fx->store, 2026, 1, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  /* INV-2 (February) would void, but the January ones cannot: none is. */
  assert_undo_refused (fx, event, ALLOT_ERROR_LOCKED, "expenditure INV-1");
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE voided = 1"), ==, 0);

  /* Reopened, the undo goes through. */
  allot_store_set_user (fx->store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_reopen_period (fx->store, 2026, 1, "Undo the import", &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  g_assert_true (allot_import_undo (fx->store, event, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE voided = 1"), ==, 3);
}

static void
test_refused_later_entry (Fixture       *fx,
                          gconstpointer  data)
{
  gint64 event = import_ok (fx, ALLOT_IMPORT_LEDGER, LEDGER_HEADER LEDGER_ROWS);
  gint64 po = count (fx, "SELECT id FROM ledger_entries WHERE document_number = 'PO-1'");

  /* Entered by hand after the import, against its obligation. */
  test_util_add_entry (fx->store, fx->alloc_eq, ALLOT_ENTRY_EXPENDITURE, 1000, "2026-03-01", po,
                       "INV-9", ALLOT_STATUS_DRAFT);
  assert_undo_refused (fx, event, ALLOT_ERROR_CONFLICT,
                       "obligation PO-1 has later entries against it");
}

static void
test_allocations (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = "source,task_force,category,fiscal_year,amount\n"
                     "JAG,SST,OT,2026,\"1,000.00\"\n"
                     "JAG,SST,OT,2027,500.00\n";
  gint64 event = import_ok (fx, ALLOT_IMPORT_ALLOCATIONS, text);
  gint64 ot26 = count (fx, "SELECT a.id FROM allocations a JOIN categories c"
                           " ON c.id = a.category_id WHERE c.code = 'OT' AND fiscal_year = 2026");

  /* Refused while a ledger entry is charged to one of them. */
  gint64 e = test_util_add_entry (fx->store, ot26, ALLOT_ENTRY_OBLIGATION, 100, "2026-03-01", 0,
                                  "PO-7", ALLOT_STATUS_DRAFT);
  assert_undo_refused (fx, event, ALLOT_ERROR_CONFLICT,
                       "JAG/SST/OT/FY2026 has ledger entries charged to it");

  g_assert_true (allot_store_void_entry (fx->store, e, "Entered in error", &error));
  g_assert_no_error (error);
  g_assert_true (allot_import_undo (fx->store, event, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM allocations WHERE voided = 1"
                              " AND void_reason = 'Import of t.csv undone' AND version = 2"), ==, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM allocations WHERE voided = 0"), ==, 1);
  test_util_assert_audit_whole (fx->store);
}

static void
test_refused_kinds (Fixture       *fx,
                    gconstpointer  data)
{
  gint64 sources = import_ok (fx, ALLOT_IMPORT_SOURCES,
                              "code,kind,name,fund,program,fiscal_year,amount,lapse_date\n"
                              "LOC-26,appropriation,Local,100,OPS,2026,1000.00,2026-09-30\n");
  gint64 nothing;
  gint64 insert;

  assert_undo_refused (fx, sources, ALLOT_ERROR_CONSTRAINT, "sources cannot be undone");
  /* A file of duplicates only: nothing to undo. */
  nothing = import_ok (fx, ALLOT_IMPORT_SOURCES,
                       "code,kind,name,fund,program,fiscal_year,amount,lapse_date\n"
                       "LOC-26,appropriation,Local,100,OPS,2026,1000.00,2026-09-30\n");
  g_assert_cmpint (nothing, >, sources);
  g_assert_cmpuint (allot_importer_get_n_duplicates (fx->importer), ==, 1);
  assert_undo_refused (fx, nothing, ALLOT_ERROR_CONSTRAINT, "sources cannot be undone");
  /* An audit event that is not an import. */
  insert = count (fx, "SELECT min(id) FROM audit_log WHERE action = 'insert'");
  assert_undo_refused (fx, insert, ALLOT_ERROR_NOT_FOUND, "is not an import");
  assert_undo_refused (fx, 999999, ALLOT_ERROR_NOT_FOUND, "is not an import");
}

static void
test_no_event_on_dry_run (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = LEDGER_HEADER LEDGER_ROWS;
  gint64 event;

  fx->importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  allot_importer_set_dry_run (fx->importer, TRUE);
  g_assert_true (allot_importer_run_data (fx->importer, "t.csv", text, strlen (text), NULL,
                                          &error));
  g_assert_cmpint (allot_importer_get_event_id (fx->importer), ==, 0);
  /* A real run records the ids it added, and nothing else counts. */
  event = import_ok (fx, ALLOT_IMPORT_LEDGER, text);
  g_assert_cmpint (count (fx, test_util_sql ("SELECT json_extract (after, '$.last_id')"
                                             " - json_extract (after, '$.first_id') FROM audit_log"
                                             " WHERE action = 'import'",
                                             "SELECT (after::json ->> 'last_id')::bigint"
                                             " - (after::json ->> 'first_id')::bigint"
                                             " FROM audit_log WHERE action = 'import'")), ==, 2);
  /* (The imported rows' own audit records follow the event.) */
  g_assert_cmpint (event, ==, count (fx, "SELECT max(id) FROM audit_log WHERE action = 'import'"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/import-undo/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ledger", test_ledger);
  ADD ("receipts-balances", test_receipts_balances);
  ADD ("receipts-refused-allocated", test_receipts_refused_allocated);
  ADD ("refused-changed", test_refused_changed);
  ADD ("refused-closed-period", test_refused_closed_period);
  ADD ("refused-later-entry", test_refused_later_entry);
  ADD ("allocations", test_allocations);
  ADD ("refused-kinds", test_refused_kinds);
  ADD ("no-event-on-dry-run", test_no_event_on_dry_run);
#undef ADD
  return g_test_run ();
}
