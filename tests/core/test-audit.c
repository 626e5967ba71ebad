/* test-audit.c: the audit log.
 *
 * Every insert, update and void writes one audit record per changed row,
 * made by triggers inside the database, with the store's user, the action,
 * the table, the record id and the row before and after as JSON.  The log
 * itself refuses UPDATE and DELETE, whoever opens the file.
 */
#include <locale.h>
#include <inttypes.h>
#include <string.h>

#include <sqlite3.h>

#include "allot-import.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  guint cursor;      /* index of the next unchecked record in the log */
  /* An in-memory SQLite connection, whatever the backend under test: only
   * a JSON reader (json_extract()) independent of Allot's code. */
  sqlite3 *json;
} Fixture;

static GPtrArray *new_records (Fixture *fx);

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = test_util_make_tmpdir ();
  /* A pristine database: nobody has written to it yet. */
  fx->path = test_util_new_location (fx->dir, "allot.db");
  fx->store = allot_store_open (fx->path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->store);
  g_assert_cmpint (sqlite3_open (":memory:", &fx->json), ==, SQLITE_OK);
  /* What creating the database itself logged is not under test here. */
  g_ptr_array_unref (new_records (fx));
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  sqlite3_close (fx->json);
  test_util_drop_location (fx->path);
  test_util_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

/* The value at @path of @json as text (NULL for SQL NULL or a missing key);
 * fails the test when @json is not valid JSON. */
static char *
json_get (Fixture    *fx,
          const char *json,
          const char *path)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_nonnull (json);
  g_assert_cmpint (sqlite3_prepare_v2 (fx->json, "SELECT json_valid (?1), json_extract (?1, ?2)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) != 1)
    g_error ("not valid JSON: %s", json);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_json (Fixture    *fx,
             const char *json,
             const char *path,
             const char *expected)
{
  g_autofree char *value = json_get (fx, json, path);

  g_assert_cmpstr (value, ==, expected);
}

/* Records written since the last call. */
static GPtrArray *
new_records (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = allot_store_list_audit (fx->store, NULL, 0, &error);
  GPtrArray *fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_audit_record_free);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >=, fx->cursor);
  /* Moved, not copied: the records left behind are NULL (freeing NULL is a no-op). */
  for (guint i = fx->cursor; i < all->len; i++)
    g_ptr_array_add (fresh, g_steal_pointer (&all->pdata[i]));
  fx->cursor = all->len;
  g_ptr_array_unref (all);
  return fresh;
}

static void
check_record (const AllotAuditRecord *r,
              const char             *user,
              const char             *action,
              const char             *table,
              gint64                  record_id)
{
  g_test_message ("audit %" PRId64 ": %s %s %s %" PRId64 " before=%s after=%s",
                  r->id, r->user, r->action, r->table_name, r->record_id,
                  r->before != NULL ? r->before : "NULL", r->after != NULL ? r->after : "NULL");
  g_assert_cmpstr (r->user, ==, user);
  g_assert_cmpstr (r->action, ==, action);
  g_assert_cmpstr (r->table_name, ==, table);
  g_assert_cmpint (r->record_id, ==, record_id);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$",
                                       r->at, 0, 0));
  if (g_str_equal (action, "insert"))
    {
      g_assert_null (r->before);
      g_assert_nonnull (r->after);
    }
  else if (g_str_equal (action, "delete"))
    {
      g_assert_nonnull (r->before);
      g_assert_null (r->after);
    }
  else
    {
      g_assert_nonnull (r->before);
      g_assert_nonnull (r->after);
    }
}

/* The first write of someone new also registers them (as an officer): that
 * record comes first; checks it and drops it from @records. */
static void
expect_registration (Fixture    *fx,
                     GPtrArray  *records,
                     const char *user)
{
  const AllotAuditRecord *r;

  g_assert_cmpuint (records->len, >=, 1);
  r = records->pdata[0];
  check_record (r, user, "insert", "users", r->record_id);
  assert_json (fx, r->after, "$.name", user);
  assert_json (fx, r->after, "$.role", "officer");
  g_ptr_array_remove_index (records, 0);
}

static void
test_every_write_is_audited (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(AllotSource) grant = NULL;
  g_autoptr(AllotAllocation) allocation = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  const AllotAuditRecord *r;
  gint64 fbi, source_id, id;
  char *before;
  gboolean ok;

  allot_store_set_user (fx->store, "alice");
  g_assert_cmpstr (allot_store_get_user (fx->store), ==, "alice");

  /* Agency insert; the first write also makes alice the administrator. */
  agency->code = g_strdup ("MPD");
  agency->name = g_strdup ("Metropolitan Police Department");
  agency->level = ALLOT_AGENCY_LOCAL;
  g_assert_true (allot_store_add_agency (fx->store, agency, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 2);
  check_record (records->pdata[0], "alice", "insert", "users", 1);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.name", "alice");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.role", "administrator");
  r = records->pdata[1];
  check_record (r, "alice", "insert", "agencies", agency->id);
  assert_json (fx, r->after, "$.code", "MPD");
  assert_json (fx, r->after, "$.name", "Metropolitan Police Department");
  assert_json (fx, r->after, "$.level", "local");
  assert_json (fx, r->after, "$.ori", NULL);
  assert_json (fx, r->after, "$.version", "1");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Agency update by another user: before and after. */
  allot_store_set_user (fx->store, "bob");
  g_free (agency->name);
  agency->name = g_strdup ("MPD of the District");
  agency->ori = g_strdup ("DC0010000");
  g_assert_true (allot_store_update_agency (fx->store, agency, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  expect_registration (fx, records, "bob");
  g_assert_cmpuint (records->len, ==, 1);
  r = records->pdata[0];
  check_record (r, "bob", "update", "agencies", agency->id);
  assert_json (fx, r->before, "$.name", "Metropolitan Police Department");
  assert_json (fx, r->after, "$.name", "MPD of the District");
  assert_json (fx, r->before, "$.ori", NULL);
  assert_json (fx, r->after, "$.ori", "DC0010000");
  assert_json (fx, r->before, "$.version", "1");
  assert_json (fx, r->after, "$.version", "2");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A refused write leaves no audit record. */
  {
    g_autoptr(AllotAgency) dup = allot_agency_new ();

    dup->code = g_strdup ("MPD");
    dup->name = g_strdup ("Duplicate");
    before = test_util_dump_db (fx->path);
    ok = allot_store_add_agency (fx->store, dup, &error);
    g_assert_false (ok);
    g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
    g_clear_error (&error);
    test_util_assert_unchanged (fx->path, before);
    g_free (before);
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 0);
    g_clear_pointer (&records, g_ptr_array_unref);
  }

  /* Task force with members: one record for the task force, one per member row. */
  fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                              ALLOT_AGENCY_FEDERAL);
  g_ptr_array_unref (new_records (fx));
  tf->code = g_strdup ("SSTF");
  tf->name = g_strdup ("Safe Streets Task Force");
  tf->lead_agency_id = fbi;
  test_util_date (&tf->start_date, 2024, 10, 1);
  tf->immigration = TRUE;
  g_array_append_val (tf->member_ids, agency->id);
  g_assert_true (allot_store_add_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 2);
  r = records->pdata[0];
  check_record (r, "bob", "insert", "task_forces", tf->id);
  assert_json (fx, r->after, "$.code", "SSTF");
  assert_json (fx, r->after, "$.start_date", "2024-10-01");
  assert_json (fx, r->after, "$.immigration", "1");
  r = records->pdata[1];
  check_record (r, "bob", "insert", "task_force_members", tf->id);
  {
    g_autofree char *member = g_strdup_printf ("%" PRId64, agency->id);
    assert_json (fx, r->after, "$.agency_id", member);
  }
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Membership change: the removed row is audited as a delete. */
  allot_store_set_user (fx->store, "carol");
  g_array_set_size (tf->member_ids, 0);
  g_array_append_val (tf->member_ids, fbi);
  g_assert_true (allot_store_update_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  expect_registration (fx, records, "carol");
  g_assert_cmpuint (records->len, ==, 3);
  check_record (records->pdata[0], "carol", "update", "task_forces", tf->id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.version", "2");
  check_record (records->pdata[1], "carol", "delete", "task_force_members", tf->id);
  {
    g_autofree char *old_member = g_strdup_printf ("%" PRId64, agency->id);
    g_autofree char *new_member = g_strdup_printf ("%" PRId64, fbi);

    assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->before, "$.agency_id",
                 old_member);
    check_record (records->pdata[2], "carol", "insert", "task_force_members", tf->id);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[2])->after, "$.agency_id",
                 new_member);
  }
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Category insert and update. */
  category->code = g_strdup ("PERS");
  category->name = g_strdup ("Personnel");
  category->sf424a_line = 'a';
  g_assert_true (allot_store_add_category (fx->store, category, &error));
  g_assert_no_error (error);
  g_free (category->name);
  category->name = g_strdup ("Personnel and overtime");
  g_assert_true (allot_store_update_category (fx->store, category, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 2);
  check_record (records->pdata[0], "carol", "insert", "categories", category->id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.sf424a_line", "a");
  check_record (records->pdata[1], "carol", "update", "categories", category->id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->before, "$.name", "Personnel");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.name",
               "Personnel and overtime");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A grant: the source row and its kind row. */
  source_id = test_util_add_grant (fx->store, "JAG-FY25", "AWARD-1", 10000000, "2024-10-01",
                                   "2026-09-30");
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 2);
  check_record (records->pdata[0], "carol", "insert", "sources", source_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.kind", "grant");
  check_record (records->pdata[1], "carol", "insert", "grants", source_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.award_amount",
               "10000000");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.award_number", "AWARD-1");
  g_clear_pointer (&records, g_ptr_array_unref);

  grant = allot_store_lookup_source (fx->store, source_id, &error);
  g_assert_no_error (error);
  grant->u.grant.match_required = 123456;
  g_free (grant->notes);
  grant->notes = g_strdup ("Match from local funds");
  g_assert_true (allot_store_update_source (fx->store, grant, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 2);
  check_record (records->pdata[0], "carol", "update", "sources", source_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->before, "$.notes", NULL);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.notes",
               "Match from local funds");
  check_record (records->pdata[1], "carol", "update", "grants", source_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->before, "$.match_required", "0");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.match_required",
               "123456");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Amendment. */
  id = test_util_add_amendment (fx->store, source_id, "2025-02-01", -250000, "Rescission");
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 1);
  check_record (records->pdata[0], "carol", "insert", "amendments", id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.amount", "-250000");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.entered_by", "carol");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Drawdown. */
  {
    g_autoptr(AllotDrawdown) drawdown = allot_drawdown_new ();

    drawdown->source_id = source_id;
    test_util_date (&drawdown->received_date, 2025, 3, 1);
    drawdown->amount = 99999;
    drawdown->reference = g_strdup ("ASAP-1");
    g_assert_true (allot_store_add_drawdown (fx->store, drawdown, &error));
    g_assert_no_error (error);
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 1);
    check_record (records->pdata[0], "carol", "insert", "drawdowns", drawdown->id);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.amount", "99999");
    assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.reference", "ASAP-1");
    g_clear_pointer (&records, g_ptr_array_unref);
  }

  /* Forfeiture fund and a receipt; agreement and a contribution; appropriation. */
  {
    gint64 fund = test_util_add_forfeiture (fx->store, "ES-DOJ", ALLOT_FORFEITURE_DOJ);
    gint64 mou, approp;

    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 2);
    check_record (records->pdata[0], "carol", "insert", "sources", fund);
    check_record (records->pdata[1], "carol", "insert", "forfeiture_funds", fund);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.program", "doj");
    g_clear_pointer (&records, g_ptr_array_unref);

    id = test_util_add_receipt (fx->store, fund, ALLOT_RECEIPT_SHARING, "2025-03-03", 777700,
                                "CASE-7");
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 1);
    check_record (records->pdata[0], "carol", "insert", "receipts", id);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.case_number", "CASE-7");
    assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.amount", "777700");
    g_clear_pointer (&records, g_ptr_array_unref);

    mou = test_util_add_agreement (fx->store, "MOU", "MOU-1", fbi, "2024-10-01", "2025-09-30");
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 2);
    check_record (records->pdata[0], "carol", "insert", "sources", mou);
    check_record (records->pdata[1], "carol", "insert", "agreements", mou);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.agreement_number",
                 "MOU-1");
    g_clear_pointer (&records, g_ptr_array_unref);

    id = test_util_add_contribution (fx->store, mou, ALLOT_SIDE_PARTNER, ALLOT_FORM_IN_KIND,
                                     4500000, "Vehicles");
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 1);
    check_record (records->pdata[0], "carol", "insert", "contributions", id);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.form", "in_kind");
    g_clear_pointer (&records, g_ptr_array_unref);

    approp = test_util_add_appropriation (fx->store, "LOCAL", 2025, 100000);
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 2);
    check_record (records->pdata[0], "carol", "insert", "sources", approp);
    check_record (records->pdata[1], "carol", "insert", "appropriations", approp);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.fiscal_year", "2025");
    g_clear_pointer (&records, g_ptr_array_unref);
  }

  /* Allocation: insert and update as a draft, submit, approve. */
  allot_store_set_user (fx->store, "dave");
  id = test_util_add_allocation (fx->store, source_id, tf->id, category->id, 2025, 5000000,
                                 ALLOT_STATUS_DRAFT);
  allocation = allot_store_lookup_allocation (fx->store, id, &error);
  g_assert_no_error (error);
  allocation->amount = 6000000;
  g_assert_true (allot_store_update_allocation (fx->store, allocation, &error));
  g_assert_no_error (error);
  g_assert_true (allot_store_submit_allocation (fx->store, id, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, "alice");
  g_assert_true (allot_store_approve_allocation (fx->store, id, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, "dave");
  records = new_records (fx);
  expect_registration (fx, records, "dave");
  g_assert_cmpuint (records->len, ==, 4);
  check_record (records->pdata[0], "dave", "insert", "allocations", id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.status", "draft");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.amount", "5000000");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.entered_by", "dave");
  check_record (records->pdata[1], "dave", "update", "allocations", id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->before, "$.amount", "5000000");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.amount", "6000000");
  check_record (records->pdata[2], "dave", "update", "allocations", id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[2])->before, "$.status", "draft");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[2])->after, "$.status", "submitted");
  check_record (records->pdata[3], "alice", "update", "allocations", id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[3])->before, "$.status", "submitted");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[3])->after, "$.status", "approved");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[3])->after, "$.amount", "6000000");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Ledger entry: insert, update, void, each by someone else. */
  entry = test_util_new_entry (id, ALLOT_ENTRY_EXPENDITURE, 12345, "2025-01-05", 0, "INV-1");
  g_assert_true (allot_store_add_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 1);
  r = records->pdata[0];
  check_record (r, "dave", "insert", "ledger_entries", entry->id);
  assert_json (fx, r->after, "$.amount", "12345");
  assert_json (fx, r->after, "$.document_number", "INV-1");
  assert_json (fx, r->after, "$.status", "draft");
  assert_json (fx, r->after, "$.entered_by", "dave");
  g_clear_pointer (&records, g_ptr_array_unref);

  allot_store_set_user (fx->store, "erin");
  entry->amount = 23456;
  g_free (entry->payee);
  entry->payee = g_strdup ("Radio Shop");
  g_assert_true (allot_store_update_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  records = new_records (fx);
  expect_registration (fx, records, "erin");
  g_assert_cmpuint (records->len, ==, 1);
  r = records->pdata[0];
  check_record (r, "erin", "update", "ledger_entries", entry->id);
  assert_json (fx, r->before, "$.amount", "12345");
  assert_json (fx, r->after, "$.amount", "23456");
  assert_json (fx, r->before, "$.payee", "Vendor");
  assert_json (fx, r->after, "$.payee", "Radio Shop");
  /* Who entered it does not change when someone else edits it. */
  assert_json (fx, r->after, "$.entered_by", "dave");
  g_clear_pointer (&records, g_ptr_array_unref);

  allot_store_set_user (fx->store, "frank");
  g_assert_true (allot_store_void_entry (fx->store, entry->id, "Wrong allocation", &error));
  g_assert_no_error (error);
  records = new_records (fx);
  expect_registration (fx, records, "frank");
  g_assert_cmpuint (records->len, ==, 1);
  r = records->pdata[0];
  check_record (r, "frank", "void", "ledger_entries", entry->id);
  assert_json (fx, r->before, "$.voided", "0");
  assert_json (fx, r->after, "$.voided", "1");
  assert_json (fx, r->after, "$.void_reason", "Wrong allocation");
  assert_json (fx, r->after, "$.voided_by", "frank");
  assert_json (fx, r->after, "$.version", "3");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Settings.  (The fiscal year's start is refused once there are
   * allocations, and nothing refused is logged.) */
  g_assert_false (allot_store_set_fy_start_month (fx->store, 7, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (allot_store_set_setting (fx->store, "currency", "EUR", &error));
  g_assert_no_error (error);
  g_assert_true (allot_store_set_setting (fx->store, "jurisdiction", "District of Columbia",
                                          &error));
  g_assert_no_error (error);
  g_assert_true (allot_store_set_setting (fx->store, "report_footer", "Prepared by OBP", &error));
  g_assert_no_error (error);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 3);
  check_record (records->pdata[0], "frank", "update", "settings",
                ((AllotAuditRecord *) records->pdata[0])->record_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->before, "$.value", "USD");
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.value", "EUR");
  check_record (records->pdata[1], "frank", "update", "settings",
                ((AllotAuditRecord *) records->pdata[1])->record_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.key", "jurisdiction");
  check_record (records->pdata[2], "frank", "insert", "settings",
                ((AllotAuditRecord *) records->pdata[2])->record_id);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[2])->after, "$.value", "Prepared by OBP");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The history of one record, oldest first. */
  records = allot_store_list_audit (fx->store, "ledger_entries", entry->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (((AllotAuditRecord *) records->pdata[0])->action, ==, "insert");
  g_assert_cmpstr (((AllotAuditRecord *) records->pdata[1])->action, ==, "update");
  g_assert_cmpstr (((AllotAuditRecord *) records->pdata[2])->action, ==, "void");
  g_assert_cmpint (((AllotAuditRecord *) records->pdata[0])->id, <,
                   ((AllotAuditRecord *) records->pdata[1])->id);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = allot_store_list_audit (fx->store, "agencies", agency->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
}

/* The triggers, not the store's code, write the log: even a write made
 * behind the store's back is recorded, under whatever allot_user() says
 * (SQLite) or whoever the server says is connected (PostgreSQL). */
static void
test_raw_writes_are_audited (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *raw_user = NULL;
  char *before;
  AllotDb *raw;

  test_util_add_agency (fx->store, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_LOCAL);
  g_ptr_array_unref (new_records (fx));

  /* Without allot_user() an audited SQLite table cannot be written at all
   * (PostgreSQL has no such function: the session is the user). */
  if (!test_util_backend_is_postgres ())
    {
      raw = test_util_open_raw (fx->path, FALSE);
      before = test_util_dump_db (fx->path);
      msg = test_util_exec_expect_failure (raw, "UPDATE agencies SET name = 'Renamed'");
      g_assert_nonnull (strstr (msg, "allot_user"));
      g_clear_pointer (&msg, g_free);
      msg = test_util_exec_expect_failure (raw, "INSERT INTO agencies (code, name, level)"
                                                " VALUES ('X', 'X', 'local')");
      g_assert_nonnull (strstr (msg, "allot_user"));
      allot_db_close (raw);
      test_util_assert_unchanged (fx->path, before);
      g_free (before);
    }

  raw = test_util_open_raw (fx->path, TRUE);
  raw_user = test_util_backend_is_postgres ()
             ? test_util_query_text (raw, "SELECT session_user")
             : g_strdup ("raw");
  test_util_exec (raw, "UPDATE agencies SET name = 'Renamed' WHERE code = 'MPD'");
  allot_db_close (raw);
  /* The open store sees the other connection's write at once ... */
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 1);
  check_record (records->pdata[0], raw_user, "update", "agencies", 1);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.name", "Renamed");
  g_clear_pointer (&records, g_ptr_array_unref);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllotAgency) mpd = allot_store_lookup_agency_by_code (fx->store, "MPD", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mpd->name, ==, "Renamed");
  }

  /* ... and can still write after it (a stale read snapshot would make every
   * later BEGIN IMMEDIATE fail with SQLITE_BUSY_SNAPSHOT). */
  allot_store_set_user (fx->store, "alice");
  test_util_add_agency (fx->store, "DEA", "Drug Enforcement Administration",
                        ALLOT_AGENCY_FEDERAL);
  records = new_records (fx);
  expect_registration (fx, records, "alice");
  g_assert_cmpuint (records->len, ==, 1);
  check_record (records->pdata[0], "alice", "insert", "agencies", 2);
}

static void
test_log_is_append_only (Fixture       *fx,
                         gconstpointer  data)
{
  static const char *const forbidden[] = {
    "UPDATE audit_log SET \"user\" = 'mallory'",
    "UPDATE audit_log SET after = NULL WHERE id = 1",
    "UPDATE audit_log SET hash = 'forged'",
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
  };
  gint64 grant, allocation;
  g_autofree char *before = NULL;

  test_util_set_up_users (fx->store);
  grant = test_util_add_grant (fx->store, "JAG", "AWARD-1", 100000, "2024-10-01", "2025-09-30");
  {
    gint64 fbi = test_util_add_agency (fx->store, "FBI", "FBI", ALLOT_AGENCY_FEDERAL);
    gint64 tf = test_util_add_task_force (fx->store, "SSTF", "Safe Streets", fbi);
    gint64 cat = test_util_add_category (fx->store, "PERS", "Personnel", 'a');

    allocation = test_util_add_allocation (fx->store, grant, tf, cat, 2025, 100000,
                                           ALLOT_STATUS_APPROVED);
  }
  test_util_add_entry (fx->store, allocation, ALLOT_ENTRY_EXPENDITURE, 100, "2025-01-01", 0,
                       "INV-1", ALLOT_STATUS_APPROVED);
  before = test_util_dump_db (fx->path);

  /* With and without allot_user(): the log has no audit triggers of its own,
   * so its refusing triggers are what stops the statement either way. */
  for (int with_user = 0; with_user <= 1; with_user++)
    {
      g_autoptr(AllotDb) raw = test_util_open_raw (fx->path, with_user);

      for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
        {
          g_autofree char *msg = test_util_exec_expect_failure (raw, forbidden[i]);

          g_test_message ("%s -> %s", forbidden[i], msg);
          g_assert_nonnull (strstr (msg, "the audit log is append-only"));
        }
      /* The ledger refuses DELETE. */
      {
        g_autofree char *msg = test_util_exec_expect_failure (raw, "DELETE FROM ledger_entries");

        g_assert_nonnull (strstr (msg, "never deleted"));
      }
      test_util_assert_unchanged (fx->path, before);
    }

  /* On PostgreSQL an application login may not even try: UPDATE and
   * DELETE on the log are revoked from it. */
  if (test_util_backend_is_postgres ())
    {
      g_autoptr(AllotDb) raw = test_util_open_raw (fx->path, TRUE);

      test_util_exec (raw, "SET ROLE \"" TEST_UTIL_OFFICER "\"");
      for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
        {
          g_autofree char *msg = test_util_exec_expect_failure (raw, forbidden[i]);

          g_test_message ("as %s: %s -> %s", TEST_UTIL_OFFICER, forbidden[i], msg);
          g_assert_true (strstr (msg, "permission denied") != NULL ||
                         strstr (msg, "the audit log is append-only") != NULL);
        }
      test_util_assert_unchanged (fx->path, before);
    }

  /* And the store can still write to it. */
  test_util_add_agency (fx->store, "DEA", "DEA", ALLOT_AGENCY_FEDERAL);
}

/* The very first write of a new database also records its administrator;
 * when that write is refused, neither the user nor any audit record stays. */
static void
test_refused_first_write (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(AllotDb) raw = NULL;

  allot_store_set_user (fx->store, "alice");
  /* Refused inside the transaction: the allocation does not exist. */
  entry = test_util_new_entry (42, ALLOT_ENTRY_EXPENDITURE, 100, "2025-01-01", 0, "INV-1");
  g_assert_false (allot_store_add_entry (fx->store, entry, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  test_util_assert_unchanged (fx->path, before);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 0);

  raw = test_util_open_raw (fx->path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM users"), ==, 0);
}

/* SHA-256 of a row as the compact audit record of an import holds it, by
 * the documented canonical form (allot-audit.c), written out here apart
 * from Allot's code: for each column in table order whose value is not
 * NULL, its name and its value, "S<bytes>:<text>;" or "I<decimal>;". */
static char *
row_hash_by_hand (const char *path,
                  gint64      id)
{
  g_autoptr(AllotDb) raw = test_util_open_raw (path, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStmt) stmt = NULL;
  GString *form = g_string_new (NULL);
  char *digest;

  stmt = allot_db_prepare (raw, "SELECT * FROM ledger_entries WHERE id = ?1", &error);
  g_assert_no_error (error);
  allot_stmt_bind_int64 (stmt, 1, id);
  g_assert_cmpint (allot_stmt_step (stmt), ==, ALLOT_DB_ROW);
  for (int c = 0; c < allot_stmt_column_count (stmt); c++)
    {
      const char *name = allot_stmt_column_name (stmt, c);

      switch (allot_stmt_column_type (stmt, c))
        {
        case ALLOT_DB_TYPE_NULL:
          continue;
        case ALLOT_DB_TYPE_INTEGER:
          g_string_append_printf (form, "S%zu:%s;I%" PRId64 ";", strlen (name), name,
                                  allot_stmt_column_int64 (stmt, c));
          break;
        default:
          g_string_append_printf (form, "S%zu:%s;S%d:%s;", strlen (name), name,
                                  allot_stmt_column_bytes (stmt, c),
                                  allot_stmt_column_text (stmt, c));
          break;
        }
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, form->str, -1);
  g_string_free (form, TRUE);
  return digest;
}

/* The ledger's indexes and their SQL, by name: the import may set some
 * aside while it runs, and must leave them exactly as they were. */
static char *
ledger_indexes (const char *path)
{
  g_autoptr(AllotDb) raw = test_util_open_raw (path, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStmt) stmt = NULL;
  GString *out = g_string_new (NULL);

  stmt = allot_db_prepare (raw, test_util_backend_is_postgres ()
                                ? "SELECT indexname, indexdef FROM pg_indexes"
                                  " WHERE schemaname = 'public' AND tablename = 'ledger_entries'"
                                  " ORDER BY indexname"
                                : "SELECT name, sql FROM sqlite_schema"
                                  " WHERE type = 'index' AND tbl_name = 'ledger_entries'"
                                  " ORDER BY name", &error);
  g_assert_no_error (error);
  while (allot_stmt_step (stmt) == ALLOT_DB_ROW)
    g_string_append_printf (out, "%s: %s\n", allot_stmt_column_text (stmt, 0),
                            allot_stmt_column_text (stmt, 1));
  return g_string_free (out, FALSE);
}

/* PostgreSQL: the enabled user triggers of the ledger and the log, by name. */
static char *
pg_ledger_triggers (const char *path)
{
  g_autoptr(AllotDb) raw = test_util_open_raw (path, FALSE);

  return test_util_query_text (raw, "SELECT string_agg (c.relname || '.' || t.tgname, ','"
                                    "                   ORDER BY c.relname, t.tgname)"
                                    " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                                    " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'"
                                    "   AND c.relname IN ('ledger_entries', 'audit_log')");
}

static void
assert_verdict (AllotStore *store,
                const char *table,
                gint64      record,
                const char *problem_part)
{
  g_autoptr(GError) error = NULL;
  AllotAuditVerdict verdict;

  g_assert_true (allot_store_verify_audit (store, &verdict, &error));
  g_assert_no_error (error);
  g_test_message ("verdict: %s", verdict.problem != NULL ? verdict.problem : "intact");
  if (problem_part == NULL)
    g_assert_null (verdict.problem);
  else
    {
      g_assert_nonnull (verdict.problem);
      g_assert_nonnull (strstr (verdict.problem, problem_part));
      g_assert_cmpstr (verdict.broken_table, ==, table);
      g_assert_cmpint (verdict.broken_record, ==, record);
    }
  allot_audit_verdict_clear (&verdict);
}

/* A ledger import writes each row one compact audit record (the import
 * event, the line, the row's SHA-256) after the rows, in one pass, with the
 * insert trigger out of the way for the import's own transaction only.
 * Verification still sees an imported row changed or deleted behind
 * Allot's back. */
static void
test_imported_rows (Fixture       *fx,
                    gconstpointer  data)
{
  static const char csv[] =
    "kind,date,paid_date,amount,document_number,payee,source,task_force,category,"
    "fiscal_year,obligation\n"
    "obligation,2025-01-10,,100.00,PO-1,Acme,JAG,SSTF,PERS,2025,\n"
    "expenditure,1/20/2025,2025-01-25,40.00,INV-1,Acme,JAG,SSTF,PERS,FY2025,PO-1\n"
    "adjustment,2025-02-01,,(5.00),ADJ-1,,JAG,SSTF,PERS,2025,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  AllotImporter *importer;
  gint64 grant, allocation, event_id, ids[3];
  g_autofree char *indexes = NULL;
  g_autofree char *pg_triggers = NULL;
  AllotDb *raw;

  test_util_set_up_users (fx->store);
  grant = test_util_add_grant (fx->store, "JAG", "AWARD-1", 1000000, "2024-10-01", "2025-09-30");
  {
    gint64 fbi = test_util_add_agency (fx->store, "FBI", "FBI", ALLOT_AGENCY_FEDERAL);
    gint64 tf = test_util_add_task_force (fx->store, "SSTF", "Safe Streets", fbi);
    gint64 cat = test_util_add_category (fx->store, "PERS", "Personnel", 'a');

    allocation = test_util_add_allocation (fx->store, grant, tf, cat, 2025, 1000000,
                                           ALLOT_STATUS_APPROVED);
  }
  g_ptr_array_unref (new_records (fx));
  indexes = ledger_indexes (fx->path);
  g_assert_nonnull (strstr (indexes, "ledger_date: CREATE INDEX"));
  if (test_util_backend_is_postgres ())
    {
      pg_triggers = pg_ledger_triggers (fx->path);
      g_assert_nonnull (pg_triggers);
    }

  importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  g_assert_true (allot_importer_run_data (importer, "ledger.csv", csv, strlen (csv), NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (allot_importer_get_n_added (importer), ==, 3);

  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 4);
  if (test_util_backend_is_postgres ())
    {
      /* On PostgreSQL each row gets its full record from the trigger as it
       * is inserted (the one-pass compact records are SQLite's), then the
       * import event. */
      static const char *const amounts[] = { "10000", "4000", "-500" };
      const AllotAuditRecord *event = records->pdata[3];

      g_assert_cmpstr (event->action, ==, "import");
      g_assert_cmpstr (event->user, ==, TEST_UTIL_OFFICER);
      assert_json (fx, event->after, "$.added", "3");
      for (guint i = 0; i < 3; i++)
        {
          const AllotAuditRecord *r = records->pdata[i];

          ids[i] = r->record_id;
          check_record (r, TEST_UTIL_OFFICER, "insert", "ledger_entries", ids[i]);
          assert_json (fx, r->after, "$.amount", amounts[i]);
        }
    }
  else
    {
    /* The import event, then one record per row, in file order. */
    {
      const AllotAuditRecord *event = records->pdata[0];

      g_assert_cmpstr (event->action, ==, "import");
      g_assert_cmpstr (event->table_name, ==, "ledger_entries");
      g_assert_cmpstr (event->user, ==, TEST_UTIL_OFFICER);
      assert_json (fx, event->after, "$.file", "ledger.csv");
      assert_json (fx, event->after, "$.added", "3");
      event_id = event->id;
    }
    for (guint i = 0; i < 3; i++)
      {
        const AllotAuditRecord *r = records->pdata[i + 1];
        g_autofree char *line = g_strdup_printf ("%u", i + 2);
        g_autofree char *event = g_strdup_printf ("%" PRId64, event_id);
        g_autofree char *hash = NULL;

        ids[i] = r->record_id;
        check_record (r, TEST_UTIL_OFFICER, "insert", "ledger_entries", ids[i]);
        g_assert_cmpint (r->id, ==, event_id + 1 + i);
        assert_json (fx, r->after, "$.import", event);
        assert_json (fx, r->after, "$.line", line);
        hash = row_hash_by_hand (fx->path, ids[i]);
        assert_json (fx, r->after, "$.sha256", hash);
      }
    }
  g_assert_cmpint (ids[1], ==, ids[0] + 1);
  g_assert_cmpint (ids[2], ==, ids[0] + 2);
  assert_verdict (fx->store, NULL, 0, NULL);
  /* The indexes and triggers set aside for the import (a file large beside
   * the ledger) are back, committed with it. */
  {
    g_autofree char *now = ledger_indexes (fx->path);

    g_assert_cmpstr (now, ==, indexes);
  }
  if (test_util_backend_is_postgres ())
    {
      g_autofree char *now = pg_ledger_triggers (fx->path);

      g_assert_cmpstr (now, ==, pg_triggers);
    }
  else
    {
      raw = test_util_open_raw (fx->path, FALSE);
      g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM sqlite_schema"
                                                 " WHERE type = 'trigger' AND name IN"
                                                 " ('audit_ledger_entries_insert',"
                                                 "  'audit_log_chain_unhashed')"), ==, 2);
      allot_db_close (raw);
    }

  /* Changed through Allot afterwards: the newest record is a full image. */
  allot_store_set_user (fx->store, TEST_UTIL_REVIEWER);
  test_util_approve_entry (fx->store, ids[0]);
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  assert_verdict (fx->store, NULL, 0, NULL);

  /* Changed behind Allot's back: a cent more on the imported expenditure
   * (its audit trigger out of the way: dropped on SQLite; on PostgreSQL,
   * by the superuser, all the table's own triggers disabled). */
  raw = test_util_open_raw (fx->path, TRUE);
  if (test_util_backend_is_postgres ())
    test_util_exec (raw, "ALTER TABLE ledger_entries DISABLE TRIGGER USER");
  else
    test_util_exec (raw, "DROP TRIGGER audit_ledger_entries_update");
  test_util_exec (raw, "UPDATE ledger_entries SET amount = 4001 WHERE document_number = 'INV-1'");
  assert_verdict (fx->store, "ledger_entries", ids[1], "differs from its last audit record");
  /* Put back exactly: the hash is of the contents, so it matches again. */
  test_util_exec (raw, "UPDATE ledger_entries SET amount = 4000 WHERE document_number = 'INV-1'");
  assert_verdict (fx->store, NULL, 0, NULL);
  /* Deleted behind Allot's back (on PostgreSQL the refusing trigger is
   * already disabled with the others). */
  if (!test_util_backend_is_postgres ())
    test_util_exec (raw, "DROP TRIGGER ledger_no_delete");
  test_util_exec (raw, "DELETE FROM ledger_entries WHERE document_number = 'ADJ-1'");
  if (test_util_backend_is_postgres ())
    test_util_exec (raw, "ALTER TABLE ledger_entries ENABLE TRIGGER USER");
  allot_db_close (raw);
  assert_verdict (fx->store, "ledger_entries", ids[2], "deleted outside Allot");

  /* A refused import rolls back with its rows: the insert trigger is there
   * again, and the next entry gets its full record from it. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 2);
  check_record (records->pdata[1], TEST_UTIL_REVIEWER, "update", "ledger_entries", ids[0]);
  assert_json (fx, ((AllotAuditRecord *) records->pdata[1])->after, "$.status", "approved");
  {
    /* Long enough (600 bytes a line) to be large beside the 3-entry ledger. */
    g_autofree char *memo = g_strnfill (560, 'm');
    g_autofree char *bad = g_strdup_printf (
        "kind,date,amount,document_number,source,task_force,category,fiscal_year,memo\n"
        "expenditure,2025-03-01,7.00,INV-2,JAG,SSTF,PERS,2025,%s\n"
        "expenditure,2025-03-02,7.00,INV-3,NOPE,SSTF,PERS,2025,%s\n", memo, memo);

    g_assert_false (allot_importer_run_data (importer, "bad.csv", bad, strlen (bad), NULL,
                                             &error));
  }
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = new_records (fx);
  g_assert_cmpuint (records->len, ==, 0);
  {
    g_autofree char *now = ledger_indexes (fx->path);

    g_assert_cmpstr (now, ==, indexes);
  }
  {
    gint64 id = test_util_add_entry (fx->store, allocation, ALLOT_ENTRY_EXPENDITURE, 700,
                                     "2025-03-01", 0, "INV-2", ALLOT_STATUS_DRAFT);

    g_clear_pointer (&records, g_ptr_array_unref);
    records = new_records (fx);
    g_assert_cmpuint (records->len, ==, 1);
    check_record (records->pdata[0], TEST_UTIL_OFFICER, "insert", "ledger_entries", id);
    assert_json (fx, ((AllotAuditRecord *) records->pdata[0])->after, "$.document_number",
                 "INV-2");
  }
  allot_importer_free (importer);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/audit/every-write", Fixture, NULL, fixture_set_up, test_every_write_is_audited,
              fixture_tear_down);
  g_test_add ("/audit/raw-writes", Fixture, NULL, fixture_set_up, test_raw_writes_are_audited,
              fixture_tear_down);
  g_test_add ("/audit/refused-first-write", Fixture, NULL, fixture_set_up,
              test_refused_first_write, fixture_tear_down);
  g_test_add ("/audit/append-only", Fixture, NULL, fixture_set_up, test_log_is_append_only,
              fixture_tear_down);
  g_test_add ("/audit/imported-rows", Fixture, NULL, fixture_set_up, test_imported_rows,
              fixture_tear_down);

  return g_test_run ();
}
