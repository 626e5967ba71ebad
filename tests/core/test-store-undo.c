/* test-store-undo.c: the writes behind the app's Undo of an added record:
 * voiding receipts, drawdowns, match entries and contributions, removing an
 * agency, task force or category nothing refers to.
 *
 * Every refusal dumps the whole database (audit log included) through a
 * separate connection before and after: a refused write leaves nothing.
 * Every success is checked in the audit log and by allot_store_verify_audit().
 */
#include <string.h>

#include "allot-personnel.h"
#include "test-util.h"

#define DOLLARS(d) ((gint64) (d) * 100)

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 fbi;     /* federal, leads the task force */
  gint64 mpd;     /* local, member of the task force */
  gint64 tf;
  gint64 pers;    /* category with an allocation */
  gint64 equip;   /* category with none */
  gint64 fund;    /* DOJ forfeiture fund */
  gint64 grant;
  gint64 agreement;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(GError) error = NULL;

  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "allot.db", &fx->path);
  fx->fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                                  ALLOT_AGENCY_FEDERAL);
  fx->mpd = test_util_add_agency (fx->store, "MPD", "Metropolitan Police Department",
                                  ALLOT_AGENCY_LOCAL);
  tf->code = g_strdup ("SSTF");
  tf->name = g_strdup ("Safe Streets Task Force");
  tf->lead_agency_id = fx->fbi;
  test_util_date (&tf->start_date, 2020, 1, 1);
  g_array_append_val (tf->member_ids, fx->mpd);
  g_assert_true (allot_store_add_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  fx->tf = tf->id;
  fx->pers = test_util_add_category (fx->store, "PERS", "Personnel", 'a');
  fx->equip = test_util_add_category (fx->store, "EQUIP", "Equipment", 'd');
  fx->fund = test_util_add_forfeiture (fx->store, "DOJ-ES", ALLOT_FORFEITURE_DOJ);
  fx->grant = test_util_add_grant (fx->store, "JAG25", "15PBJA-25-GG-00001", DOLLARS (100000),
                                   "2025-10-01", "2027-09-30");
  fx->agreement = test_util_add_agreement (fx->store, "FBI-MOU", "MOU-1", fx->fbi,
                                           "2025-10-01", "2026-09-30");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  test_util_close_store (&fx->store, &fx->dir, &fx->path);
}

/* test_util_check_refused() on the fixture's database. */
#define check_refused(fx, ...) test_util_check_refused ((fx)->path, __VA_ARGS__)

/* The last audit record of @table row @id: its action, and (when
 * @json_part is not NULL) that its "before" (delete) or "after" image holds
 * @json_part. */
static void
assert_last_audit (AllotStore *store,
                   const char *table,
                   gint64      id,
                   const char *action,
                   const char *json_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = allot_store_list_audit (store, table, id, &error);
  const AllotAuditRecord *last;
  const char *image;

  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, >, 0);
  last = records->pdata[records->len - 1];
  g_assert_cmpstr (last->action, ==, action);
  g_assert_cmpstr (last->table_name, ==, table);
  image = g_str_equal (action, "delete") ? last->before : last->after;
  if (g_str_equal (action, "delete"))
    g_assert_null (last->after);
  if (json_part != NULL)
    {
      g_assert_nonnull (image);
      if (strstr (image, json_part) == NULL)
        g_error ("the audit image %s does not contain %s", image, json_part);
    }
}

/* What a source authorizes, through the balances view by source. */
static gint64
balance_authorized (AllotStore *store,
                    gint64      source_id,
                    gint64     *out_available)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_SOURCE, 0,
                                                         &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const AllotBalanceRow *row = rows->pdata[i];

      if (row->id == source_id)
        {
          if (out_available != NULL)
            *out_available = row->balance.available;
          return row->balance.authorized;
        }
    }
  g_assert_not_reached ();
  return -1;
}

static void
close_month (AllotStore *store,
             int         year,
             int         month)
{
  g_autoptr(GError) error = NULL;

  allot_store_set_user (store, TEST_UTIL_ADMIN);
  g_assert_true (allot_store_close_period (store, year, month, &error));
  g_assert_no_error (error);
  allot_store_set_user (store, TEST_UTIL_OFFICER);
}

/* ---- receipts ---- */

static void
test_void_receipt (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 r1, r2, r3, available = 0, authorized;
  gint64 kind_authorized = 0;
  g_autoptr(GPtrArray) kinds = NULL;
  g_autoptr(GPtrArray) receipts = NULL;

  r1 = test_util_add_receipt (fx->store, fx->fund, ALLOT_RECEIPT_SHARING, "2025-11-03",
                              DOLLARS (10000), "CASE-1");
  r2 = test_util_add_receipt (fx->store, fx->fund, ALLOT_RECEIPT_SHARING, "2025-12-15",
                              DOLLARS (2500), "CASE-2");
  r3 = test_util_add_receipt (fx->store, fx->fund, ALLOT_RECEIPT_INTEREST, "2026-01-31",
                              1234, NULL);
  /* 10,000.00 + 2,500.00 + 12.34 = 12,512.34 authorized; 9,000.00 allocated. */
  test_util_add_allocation (fx->store, fx->fund, fx->tf, fx->pers, 2026, DOLLARS (9000),
                            ALLOT_STATUS_APPROVED);
  g_assert_cmpint (balance_authorized (fx->store, fx->fund, &available), ==, 1251234);
  g_assert_cmpint (available, ==, 1251234);

  /* Voiding the 2,500.00 receipt: 10,012.34 still covers 9,000.00. */
  g_assert_true (allot_store_void_record (fx->store, ALLOT_VOIDABLE_RECEIPT, r2, "Undone",
                                          &error));
  g_assert_no_error (error);
  authorized = balance_authorized (fx->store, fx->fund, &available);
  g_assert_cmpint (authorized, ==, 1001234);
  g_assert_cmpint (available, ==, 1001234);
  g_assert_true (allot_store_source_authorized (fx->store, fx->fund, &authorized, &error));
  g_assert_cmpint (authorized, ==, 1001234);
  /* The by-kind rows sum the same view. */
  kinds = allot_store_list_balances (fx->store, ALLOT_BALANCE_BY_KIND, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < kinds->len; i++)
    {
      const AllotBalanceRow *row = kinds->pdata[i];

      if (row->id == ALLOT_SOURCE_FORFEITURE)
        kind_authorized = row->balance.authorized;
    }
  g_assert_cmpint (kind_authorized, ==, 1001234);
  assert_last_audit (fx->store, "receipts", r2, "void", "\"void_reason\":\"Undone\"");
  test_util_assert_audit_whole (fx->store);
  receipts = allot_store_list_receipts (fx->store, fx->fund, &error);
  g_assert_cmpuint (receipts->len, ==, 3);
  g_assert_true (((AllotReceipt *) receipts->pdata[1])->voided);
  g_assert_false (((AllotReceipt *) receipts->pdata[0])->voided);

  /* Already voided. */
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before,
                 allot_store_void_record (fx->store, ALLOT_VOIDABLE_RECEIPT, r2, "again", &error),
                 &error, ALLOT_ERROR_CONSTRAINT, "already voided", NULL);
  /* No reason. */
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before,
                 allot_store_void_record (fx->store, ALLOT_VOIDABLE_RECEIPT, r3, "  ", &error),
                 &error, ALLOT_ERROR_INVALID, "Reason for voiding", NULL);
  /* Without the 10,000.00 only 12.34 would be left for 9,000.00 allocated. */
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before,
                 allot_store_void_record (fx->store, ALLOT_VOIDABLE_RECEIPT, r1, "Undone", &error),
                 &error, ALLOT_ERROR_CONSTRAINT, "DOJ-ES", NULL);
  /* A closed month locks the interest of 31 January. */
  close_month (fx->store, 2026, 1);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before,
                 allot_store_void_record (fx->store, ALLOT_VOIDABLE_RECEIPT, r3, "Undone", &error),
                 &error, ALLOT_ERROR_LOCKED, "2026", NULL);
  g_assert_cmpint (balance_authorized (fx->store, fx->fund, NULL), ==, 1001234);

  /* Nothing unvoids or deletes a receipt behind the store's back. */
  test_util_assert_sql_refused (fx->path, "UPDATE receipts SET voided = 0 WHERE id = 2",
                                "stays voided");
  test_util_assert_sql_refused (fx->path, "DELETE FROM receipts WHERE id = 3", "never deleted");
}

/* ---- drawdowns and match ---- */

static void
test_void_drawdown_and_match (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotDrawdown) d1 = allot_drawdown_new ();
  g_autoptr(AllotDrawdown) d2 = allot_drawdown_new ();
  g_autoptr(AllotMatchEntry) m1 = allot_match_entry_new ();
  g_autoptr(GPtrArray) draws = NULL;
  g_autoptr(GPtrArray) match = NULL;
  g_autofree char *before = NULL;

  d1->source_id = d2->source_id = fx->grant;
  test_util_date (&d1->received_date, 2026, 2, 10);
  d1->amount = DOLLARS (5000);
  d1->reference = g_strdup ("ASAP-1");
  test_util_date (&d2->received_date, 2026, 3, 10);
  d2->amount = DOLLARS (700);
  d2->reference = g_strdup ("ASAP-2");
  g_assert_true (allot_store_add_drawdown (fx->store, d1, &error));
  g_assert_true (allot_store_add_drawdown (fx->store, d2, &error));
  m1->source_id = fx->grant;
  test_util_date (&m1->entry_date, 2026, 3, 12);
  m1->form = ALLOT_FORM_IN_KIND;
  m1->amount = DOLLARS (300);
  m1->description = g_strdup ("Office space");
  g_assert_true (allot_store_add_match_entry (fx->store, m1, &error));
  g_assert_no_error (error);

  g_assert_true (allot_store_void_record (fx->store, ALLOT_VOIDABLE_DRAWDOWN, d2->id,
                                          "Undone", &error));
  g_assert_true (allot_store_void_record (fx->store, ALLOT_VOIDABLE_MATCH, m1->id, "Undone",
                                          &error));
  g_assert_no_error (error);
  draws = allot_store_list_drawdowns (fx->store, fx->grant, &error);
  g_assert_cmpuint (draws->len, ==, 2);
  g_assert_false (((AllotDrawdown *) draws->pdata[0])->voided);
  g_assert_true (((AllotDrawdown *) draws->pdata[1])->voided);
  match = allot_store_list_match_entries (fx->store, fx->grant, &error);
  g_assert_true (((AllotMatchEntry *) match->pdata[0])->voided);
  assert_last_audit (fx->store, "drawdowns", d2->id, "void", "\"voided_by\":\"officer\"");
  assert_last_audit (fx->store, "match_entries", m1->id, "void", "\"void_reason\":\"Undone\"");
  test_util_assert_audit_whole (fx->store);

  close_month (fx->store, 2026, 2);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before,
                 allot_store_void_record (fx->store, ALLOT_VOIDABLE_DRAWDOWN, d1->id, "Undone",
                                          &error),
                 &error, ALLOT_ERROR_LOCKED, NULL);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before,
                 allot_store_void_record (fx->store, ALLOT_VOIDABLE_MATCH, m1->id, "again",
                                          &error),
                 &error, ALLOT_ERROR_CONSTRAINT, "already voided", NULL);
}

/* ---- contributions ---- */

static void
test_void_contribution (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before = NULL;
  gint64 c2, c3, authorized = 0;

  test_util_add_contribution (fx->store, fx->agreement, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH,
                              DOLLARS (50000), "Overtime reimbursement");
  c2 = test_util_add_contribution (fx->store, fx->agreement, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH,
                                   DOLLARS (20000), "Vehicle fuel");
  c3 = test_util_add_contribution (fx->store, fx->agreement, ALLOT_SIDE_PARTNER,
                                   ALLOT_FORM_IN_KIND, DOLLARS (8000), "Two vehicles");
  /* 70,000.00 of partner cash authorizes; in kind does not. */
  g_assert_cmpint (balance_authorized (fx->store, fx->agreement, NULL), ==, DOLLARS (70000));
  test_util_add_allocation (fx->store, fx->agreement, fx->tf, fx->pers, 2026, DOLLARS (60000),
                            ALLOT_STATUS_APPROVED);

  /* Without the 20,000.00, 50,000.00 would not cover 60,000.00 allocated. */
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_void_contribution (fx->store, c2, "Undone", &error),
                 &error, ALLOT_ERROR_CONSTRAINT, "FBI-MOU", NULL);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_void_contribution (fx->store, c3, "", &error),
                 &error, ALLOT_ERROR_INVALID, "Reason for voiding", NULL);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_void_contribution (fx->store, 999, "Undone", &error),
                 &error, ALLOT_ERROR_NOT_FOUND, "999", NULL);

  /* In kind: authority unchanged. */
  g_assert_true (allot_store_void_contribution (fx->store, c3, "Undone", &error));
  g_assert_no_error (error);
  g_assert_cmpint (balance_authorized (fx->store, fx->agreement, NULL), ==, DOLLARS (70000));
  assert_last_audit (fx->store, "contributions", c3, "void", "\"void_reason\":\"Undone\"");
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_void_contribution (fx->store, c3, "again", &error),
                 &error, ALLOT_ERROR_CONSTRAINT, "already voided", NULL);

  /* The refused void left the fuel money counting. */
  g_assert_cmpint (balance_authorized (fx->store, fx->agreement, NULL), ==, DOLLARS (70000));

  list = allot_store_list_contributions (fx->store, fx->agreement, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_true (allot_store_source_authorized (fx->store, fx->agreement, &authorized, &error));
  g_assert_cmpint (authorized, ==, DOLLARS (70000));
  test_util_assert_audit_whole (fx->store);

  test_util_assert_sql_refused (fx->path, "UPDATE contributions SET voided = 0 WHERE voided = 1",
                                "stays voided");
  test_util_assert_sql_refused (fx->path, "DELETE FROM contributions", "never deleted");
}

/* A contribution nothing depends on is voided and no longer authorizes. */
static void
test_void_contribution_cash (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 c1, c2;

  c1 = test_util_add_contribution (fx->store, fx->agreement, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH,
                                   DOLLARS (50000), "Overtime reimbursement");
  c2 = test_util_add_contribution (fx->store, fx->agreement, ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH,
                                   DOLLARS (20000), "Vehicle fuel");
  test_util_add_allocation (fx->store, fx->agreement, fx->tf, fx->pers, 2026, DOLLARS (45000),
                            ALLOT_STATUS_APPROVED);
  g_assert_true (allot_store_void_contribution (fx->store, c2, "Entered twice", &error));
  g_assert_no_error (error);
  /* 50,000.00 authorized, 45,000.00 allocated, nothing spent. */
  g_assert_cmpint (balance_authorized (fx->store, fx->agreement, NULL), ==, DOLLARS (50000));
  assert_last_audit (fx->store, "contributions", c2, "void", "\"voided_by\":\"officer\"");
  assert_last_audit (fx->store, "contributions", c1, "insert", "\"voided\":0");
  test_util_assert_audit_whole (fx->store);
}

/* ---- agencies, task forces, categories ---- */

static void
test_remove_agency (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAgency) gone = NULL;
  g_autofree char *before = NULL;
  gint64 atf, again;
  gboolean ok;

  atf = test_util_add_agency (fx->store, "ATF", "Bureau of Alcohol, Tobacco, Firearms",
                              ALLOT_AGENCY_FEDERAL);
  ok = allot_store_remove_agency (fx->store, atf, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  gone = allot_store_lookup_agency (fx->store, atf, &error);
  g_assert_null (gone);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_last_audit (fx->store, "agencies", atf, "delete", "\"code\":\"ATF\"");
  test_util_assert_audit_whole (fx->store);

  /* The code is free again; the new row may reuse the id and still verifies. */
  again = test_util_add_agency (fx->store, "ATF", "Bureau of Alcohol, Tobacco, Firearms",
                                ALLOT_AGENCY_FEDERAL);
  g_assert_cmpint (again, >, 0);
  assert_last_audit (fx->store, "agencies", again, "insert", "\"code\":\"ATF\"");
  test_util_assert_audit_whole (fx->store);

  /* The FBI leads the task force and is the agreement's partner. */
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_remove_agency (fx->store, fx->fbi, &error), &error,
                 ALLOT_ERROR_CONSTRAINT, "“FBI”", "task forces: 1",
                 "agreements (partner agency): 1", NULL);
  /* MPD is a member. */
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_remove_agency (fx->store, fx->mpd, &error), &error,
                 ALLOT_ERROR_CONSTRAINT, "“MPD”", "task force memberships: 1", NULL);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_remove_agency (fx->store, 4242, &error), &error,
                 ALLOT_ERROR_NOT_FOUND, "4242", NULL);
}

static void
test_remove_task_force (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *before = NULL;
  AllotDb *raw;

  tf->code = g_strdup ("HIDTA");
  tf->name = g_strdup ("HIDTA Task Force");
  tf->lead_agency_id = fx->fbi;
  test_util_date (&tf->start_date, 2024, 1, 1);
  g_array_append_val (tf->member_ids, fx->mpd);
  g_assert_true (allot_store_add_task_force (fx->store, tf, &error));
  g_assert_no_error (error);

  g_assert_true (allot_store_remove_task_force (fx->store, tf->id, &error));
  g_assert_no_error (error);
  g_assert_null (allot_store_lookup_task_force (fx->store, tf->id, &error));
  g_clear_error (&error);
  raw = test_util_open_raw (fx->path, FALSE);
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM task_force_members"
                                             " WHERE task_force_id = 2"), ==, 0);
  /* The membership's delete and the task force's, in that order. */
  g_assert_cmpint (test_util_query_int (raw, "SELECT count(*) FROM audit_log"
                                             " WHERE action = 'delete' AND record_id = 2"
                                             " AND table_name = 'task_force_members'"), ==, 1);
  allot_db_close (raw);
  g_assert_cmpint (tf->id, ==, 2);
  assert_last_audit (fx->store, "task_forces", tf->id, "delete", "\"code\":\"HIDTA\"");
  test_util_assert_audit_whole (fx->store);
  /* MPD is still a member of SSTF only. */
  members = allot_store_list_task_forces (fx->store, &error);
  g_assert_cmpuint (members->len, ==, 1);

  /* A task force with an allocation stays. */
  test_util_add_allocation (fx->store, fx->fund, fx->tf, fx->pers, 2026, 0,
                            ALLOT_STATUS_DRAFT);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_remove_task_force (fx->store, fx->tf, &error), &error,
                 ALLOT_ERROR_CONSTRAINT, "“SSTF”", "allocations: 1", NULL);
}

static void
test_remove_category (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotCategory) found = NULL;
  g_autofree char *before = NULL;

  found = allot_store_lookup_category (fx->store, fx->equip, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->code, ==, "EQUIP");
  g_assert_cmpint (found->sf424a_line, ==, 'd');

  test_util_add_allocation (fx->store, fx->fund, fx->tf, fx->pers, 2026, 0, ALLOT_STATUS_DRAFT);
  before = test_util_dump_db (fx->path);
  check_refused (fx, &before, allot_store_remove_category (fx->store, fx->pers, &error), &error,
                 ALLOT_ERROR_CONSTRAINT, "“PERS”", "allocations: 1", NULL);

  g_assert_true (allot_store_remove_category (fx->store, fx->equip, &error));
  g_assert_no_error (error);
  g_assert_null (allot_store_lookup_category (fx->store, fx->equip, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_last_audit (fx->store, "categories", fx->equip, "delete", "\"sf424a_line\":\"d\"");
  test_util_assert_audit_whole (fx->store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/undo/void-receipt", test_void_receipt);
  ADD ("/undo/void-drawdown-and-match", test_void_drawdown_and_match);
  ADD ("/undo/void-contribution-refused", test_void_contribution);
  ADD ("/undo/void-contribution-cash", test_void_contribution_cash);
  ADD ("/undo/remove-agency", test_remove_agency);
  ADD ("/undo/remove-task-force", test_remove_task_force);
  ADD ("/undo/remove-category", test_remove_category);
  return g_test_run ();
}
