/* test-review.c: the review workflow, roles, closed periods and the
 * hash-chained audit log.
 *
 * People: "ada" writes first and so administers the database; "rita" and
 * "roy" are reviewers; "otto" and "olga" are officers.  Every refused step is
 * checked for its error code and for leaving the database exactly as it was
 * (a dump of every table before and after, read on a connection of its own).
 *
 * Amounts are cents; "1,234.56" in a comment is 123456 in the code.  Every
 * expected balance was worked out by hand in the comments.
 */
#include <locale.h>
#include <inttypes.h>
#include <string.h>

#include "allot-date.h"
#include "test-util.h"

#define ADMIN "ada"
#define REVIEWER "rita"
#define REVIEWER2 "roy"
#define OFFICER "otto"
#define OFFICER2 "olga"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 fbi;
  gint64 sstf;
  gint64 ot, eq;
  gint64 jag;        /* grant, 100,000.00, 2024-10-01 .. 2026-09-30 */
  gint64 doj;        /* DOJ forfeiture fund */
  gint64 alloc;      /* JAG/SSTF/OT FY2026, 50,000.00, approved */
} Fixture;

/* ---- helpers ---- */

static void
as (Fixture    *fx,
    const char *user)
{
  allot_store_set_user (fx->store, user);
}

static void
parse_iso (GDate      *date,
           const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  if (iso == NULL)
    return;
  g_assert_true (allot_date_parse (iso, date, &error));
  g_assert_no_error (error);
}

/* Asserts that a step was refused with @code, and clears the error. */
static void
assert_refused (gboolean   ok,
                GError   **error,
                int        code)
{
  g_assert_false (ok);
  g_assert_error (*error, ALLOT_ERROR, code);
  g_clear_error (error);
}

static void
assert_ok (gboolean   ok,
           GError   **error)
{
  g_assert_no_error (*error);
  g_assert_true (ok);
}

static void
set_role (Fixture    *fx,
          const char *name,
          AllotRole   role)
{
  g_autoptr(GError) error = NULL;

  assert_ok (allot_store_set_user_role (fx->store, name, role, &error), &error);
}

static AllotRole
role_of (Fixture    *fx,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  AllotRole role = ALLOT_ROLE_OFFICER;

  assert_ok (allot_store_lookup_role (fx->store, name, &role, &error), &error);
  return role;
}

/* One text value of @sql, read on a connection of its own (NULL for SQL NULL). */
static char *
query_text (Fixture    *fx,
            const char *sql)
{
  return test_util_query_file_text (fx->path, sql);
}

static gint64
query_int (Fixture    *fx,
           const char *sql)
{
  return test_util_query_file_int (fx->path, sql);
}

/* A column of one row of @table, as text. */
static char *
column_of (Fixture    *fx,
           const char *table,
           const char *column,
           gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = %" PRId64,
                                          column, table, id);

  return query_text (fx, sql);
}

static AllotStatus
entry_status (Fixture *fx,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = allot_store_lookup_entry (fx->store, id, &error);

  g_assert_no_error (error);
  return entry->status;
}

static AllotStatus
allocation_status (Fixture *fx,
                   gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) allocation = allot_store_lookup_allocation (fx->store, id, &error);

  g_assert_no_error (error);
  return allocation->status;
}

static gint64
add_entry (Fixture        *fx,
           gint64          allocation_id,
           AllotEntryKind  kind,
           gint64          amount,
           const char     *date,
           gint64          obligation_id,
           const char     *document_number,
           AllotStatus     status)
{
  return test_util_add_entry (fx->store, allocation_id, kind, amount, date, obligation_id,
                              document_number, status);
}

static gint64
add_allocation (Fixture     *fx,
                gint64       source_id,
                gint64       category_id,
                int          fiscal_year,
                gint64       amount,
                AllotStatus  status)
{
  return test_util_add_allocation (fx->store, source_id, fx->sstf, category_id, fiscal_year,
                                   amount, status);
}

/* Approves as @reviewer and goes back to the officer. */
static void
approve_entry_as (Fixture    *fx,
                  const char *reviewer,
                  gint64      id)
{
  g_autoptr(GError) error = NULL;

  as (fx, reviewer);
  assert_ok (allot_store_approve_entry (fx->store, id, &error), &error);
  as (fx, OFFICER);
}

static void
approve_allocation_as (Fixture    *fx,
                       const char *reviewer,
                       gint64      id)
{
  g_autoptr(GError) error = NULL;

  as (fx, reviewer);
  assert_ok (allot_store_approve_allocation (fx->store, id, &error), &error);
  as (fx, OFFICER);
}

/* Changes the payee of a draft or returned entry. */
static gboolean
touch_entry (Fixture    *fx,
             gint64      id,
             const char *payee,
             GError    **error)
{
  g_autoptr(AllotLedgerEntry) entry = allot_store_lookup_entry (fx->store, id, error);

  g_assert_nonnull (entry);
  g_free (entry->payee);
  entry->payee = g_strdup (payee);
  return allot_store_update_entry (fx->store, entry, error);
}

static gboolean
redate_entry (Fixture    *fx,
              gint64      id,
              const char *date,
              GError    **error)
{
  g_autoptr(AllotLedgerEntry) entry = allot_store_lookup_entry (fx->store, id, error);

  g_assert_nonnull (entry);
  parse_iso (&entry->entry_date, date);
  return allot_store_update_entry (fx->store, entry, error);
}

static gboolean
set_allocation_amount (Fixture *fx,
                       gint64   id,
                       gint64   amount,
                       GError **error)
{
  g_autoptr(AllotAllocation) allocation = allot_store_lookup_allocation (fx->store, id, error);

  g_assert_nonnull (allocation);
  allocation->amount = amount;
  return allot_store_update_allocation (fx->store, allocation, error);
}

static AllotStore *
open_new_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  AllotStore *store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
reopen (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fx->store);
  fx->store = allot_store_open (fx->path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->store);
  as (fx, OFFICER);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = test_util_make_tmpdir ();
  fx->path = test_util_new_location (fx->dir, "allot.db");
  /* Opened here rather than with test_util_create_store(): who writes first
   * is part of what is tested. */
  fx->store = open_new_store (fx->path);
  as (fx, ADMIN);
  fx->fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                                  ALLOT_AGENCY_FEDERAL);
  set_role (fx, REVIEWER, ALLOT_ROLE_REVIEWER);
  set_role (fx, REVIEWER2, ALLOT_ROLE_REVIEWER);
  set_role (fx, OFFICER2, ALLOT_ROLE_OFFICER);
  fx->sstf = test_util_add_task_force (fx->store, "SSTF", "Safe Streets Task Force", fx->fbi);
  fx->ot = test_util_add_category (fx->store, "OT", "Overtime", 'a');
  fx->eq = test_util_add_category (fx->store, "EQ", "Equipment", 'd');
  fx->jag = test_util_add_grant (fx->store, "JAG", "15PBJA-24-GG-00001", 10000000,
                                 "2024-10-01", "2026-09-30");
  fx->doj = test_util_add_forfeiture (fx->store, "DOJ-ES", ALLOT_FORFEITURE_DOJ);
  test_util_add_receipt (fx->store, fx->doj, ALLOT_RECEIPT_SHARING, "2025-10-15", 2000000,
                         "CASE-1");
  /* otto's first write registers him as an officer. */
  as (fx, OFFICER);
  fx->alloc = add_allocation (fx, fx->jag, fx->ot, 2026, 5000000, ALLOT_STATUS_SUBMITTED);
  approve_allocation_as (fx, REVIEWER, fx->alloc);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  test_util_close_store (&fx->store, &fx->dir, &fx->path);
}

/* ---- users and roles ---- */

/* Whoever writes first administers the database; everyone after is an
 * officer.  Opening (creating) the file registers nobody. */
static void
test_first_writer (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = test_util_new_location (dir, "allot.db");
  g_autoptr(AllotStore) store = open_new_store (path);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  AllotRole role = ALLOT_ROLE_REVIEWER;

  users = allot_store_list_users (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 0);
  g_clear_pointer (&users, g_ptr_array_unref);

  allot_store_set_user (store, "zoe");
  test_util_add_agency (store, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_STATE);
  allot_store_set_user (store, "adam");
  test_util_add_agency (store, "DEA", "Drug Enforcement Administration", ALLOT_AGENCY_FEDERAL);
  /* Writing again changes nothing. */
  allot_store_set_user (store, "zoe");
  test_util_add_agency (store, "FBI", "Federal Bureau of Investigation", ALLOT_AGENCY_FEDERAL);

  g_assert_true (allot_store_lookup_role (store, "zoe", &role, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role, ==, ALLOT_ROLE_ADMINISTRATOR);
  g_assert_true (allot_store_lookup_role (store, "adam", &role, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role, ==, ALLOT_ROLE_OFFICER);
  g_assert_false (allot_store_lookup_role (store, "nobody", &role, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* By name. */
  users = allot_store_list_users (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_cmpstr (((AllotUser *) users->pdata[0])->name, ==, "adam");
  g_assert_cmpint (((AllotUser *) users->pdata[0])->role, ==, ALLOT_ROLE_OFFICER);
  g_assert_cmpstr (((AllotUser *) users->pdata[1])->name, ==, "zoe");
  g_assert_cmpint (((AllotUser *) users->pdata[1])->role, ==, ALLOT_ROLE_ADMINISTRATOR);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

/* A refused first write registers nobody: the next writer is still first.
 * (The refusal comes inside the write, after the writer was registered, so
 * the rollback must take the registration with it.) */
static void
test_refused_first_write (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  g_autofree char *path = test_util_new_location (dir, "allot.db");
  g_autoptr(AllotStore) store = open_new_store (path);
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_util_dump_db (path);
  AllotRole role = ALLOT_ROLE_OFFICER;

  allot_store_set_user (store, "mallory");
  entry = test_util_new_entry (999, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0, "INV-1");
  g_assert_false (allot_store_add_entry (store, entry, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  test_util_assert_unchanged (path, before);
  g_assert_false (allot_store_lookup_role (store, "mallory", &role, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  allot_store_set_user (store, "zoe");
  test_util_add_agency (store, "MPD", "Metropolitan Police Department", ALLOT_AGENCY_STATE);
  g_assert_true (allot_store_lookup_role (store, "zoe", &role, &error));
  g_assert_no_error (error);
  g_assert_cmpint (role, ==, ALLOT_ROLE_ADMINISTRATOR);

  g_clear_object (&store);
  test_util_remove_tree (dir);
}

static void
test_roles (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 e;

  g_assert_cmpint (role_of (fx, ADMIN), ==, ALLOT_ROLE_ADMINISTRATOR);
  g_assert_cmpint (role_of (fx, REVIEWER), ==, ALLOT_ROLE_REVIEWER);
  g_assert_cmpint (role_of (fx, OFFICER), ==, ALLOT_ROLE_OFFICER);
  g_assert_cmpint (role_of (fx, OFFICER2), ==, ALLOT_ROLE_OFFICER);

  e = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0, "INV-1",
                 ALLOT_STATUS_SUBMITTED);
  before = test_util_dump_db (fx->path);

  /* An officer cannot set roles, approve, return or close; his own role
   * included. */
  as (fx, OFFICER2);
  assert_refused (allot_store_set_user_role (fx->store, OFFICER2, ALLOT_ROLE_ADMINISTRATOR,
                                             &error), &error, ALLOT_ERROR_CONSTRAINT);
  g_assert_false (allot_store_approve_entry (fx->store, e, &error));
  test_util_assert_message_contains (error, OFFICER2, "officer", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, e, "No", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_close_period (fx->store, 2026, 1, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* A reviewer can review but cannot set roles or close a period. */
  as (fx, REVIEWER);
  g_assert_false (allot_store_set_user_role (fx->store, OFFICER, ALLOT_ROLE_REVIEWER, &error));
  test_util_assert_message_contains (error, "administrator", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_close_period (fx->store, 2026, 1, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* The last administrator cannot be demoted, not even by herself. */
  as (fx, ADMIN);
  g_assert_false (allot_store_set_user_role (fx->store, ADMIN, ALLOT_ROLE_REVIEWER, &error));
  test_util_assert_message_contains (error, ADMIN, "last administrator", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  /* A name is required. */
  assert_refused (allot_store_set_user_role (fx->store, "  ", ALLOT_ROLE_REVIEWER, &error),
                  &error, ALLOT_ERROR_INVALID);
  /* Giving someone the role they have changes nothing. */
  set_role (fx, REVIEWER, ALLOT_ROLE_REVIEWER);
  test_util_assert_unchanged (fx->path, before);

  /* Someone who never wrote can be given a role ahead of time. */
  set_role (fx, "newcomer", ALLOT_ROLE_REVIEWER);
  g_assert_cmpint (role_of (fx, "newcomer"), ==, ALLOT_ROLE_REVIEWER);
  /* Promotion; then ada may step down, and rita is the last administrator. */
  set_role (fx, REVIEWER, ALLOT_ROLE_ADMINISTRATOR);
  set_role (fx, ADMIN, ALLOT_ROLE_OFFICER);
  g_assert_cmpint (role_of (fx, ADMIN), ==, ALLOT_ROLE_OFFICER);
  assert_refused (allot_store_set_user_role (fx->store, ADMIN, ALLOT_ROLE_ADMINISTRATOR, &error),
                  &error, ALLOT_ERROR_CONSTRAINT);
  as (fx, REVIEWER);
  assert_refused (allot_store_set_user_role (fx->store, REVIEWER, ALLOT_ROLE_OFFICER, &error),
                  &error, ALLOT_ERROR_CONSTRAINT);
  g_assert_cmpint (role_of (fx, REVIEWER), ==, ALLOT_ROLE_ADMINISTRATOR);
  /* An administrator also reviews. */
  assert_ok (allot_store_approve_entry (fx->store, e, &error), &error);

  /* Every role change is in the audit log. */
  g_assert_cmpint (query_int (fx, "SELECT count(*) FROM audit_log WHERE table_name = 'users'"
                                  " AND action = 'update'"), ==, 2);
}

/* ---- the state machine ---- */

static void
test_entry_transitions (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *reviewer = NULL;
  gint64 e, d, s;

  /* New entries are drafts or submitted, never approved or returned. */
  before = test_util_dump_db (fx->path);
  entry = test_util_new_entry (fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0,
                               "INV-X");
  entry->status = ALLOT_STATUS_APPROVED;
  assert_refused (allot_store_add_entry (fx->store, entry, &error), &error, ALLOT_ERROR_INVALID);
  entry->status = ALLOT_STATUS_RETURNED;
  assert_refused (allot_store_add_entry (fx->store, entry, &error), &error, ALLOT_ERROR_INVALID);
  test_util_assert_unchanged (fx->path, before);

  /* draft: cannot be reviewed. */
  e = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0, "INV-1",
                 ALLOT_STATUS_DRAFT);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_DRAFT);
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  as (fx, REVIEWER);
  g_assert_false (allot_store_approve_entry (fx->store, e, &error));
  test_util_assert_message_contains (error, "draft", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, e, "Why?", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* draft -> submitted. */
  as (fx, OFFICER);
  assert_ok (allot_store_submit_entry (fx->store, e, &error), &error);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_SUBMITTED);

  /* submitted: cannot be submitted again or changed. */
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  assert_refused (allot_store_submit_entry (fx->store, e, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  g_assert_false (touch_entry (fx, e, "Radio Shop", &error));
  test_util_assert_message_contains (error, "waiting for review", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  /* Returning needs a comment. */
  as (fx, REVIEWER);
  assert_refused (allot_store_return_entry (fx->store, e, NULL, &error), &error,
                  ALLOT_ERROR_INVALID);
  assert_refused (allot_store_return_entry (fx->store, e, " ", &error), &error,
                  ALLOT_ERROR_INVALID);
  test_util_assert_unchanged (fx->path, before);

  /* submitted -> returned, with the comment and who returned it. */
  assert_ok (allot_store_return_entry (fx->store, e, "Wrong payee", &error), &error);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_RETURNED);
  comment = column_of (fx, "ledger_entries", "review_comment", e);
  g_assert_cmpstr (comment, ==, "Wrong payee");
  reviewer = column_of (fx, "ledger_entries", "reviewed_by", e);
  g_assert_cmpstr (reviewer, ==, REVIEWER);
  g_clear_pointer (&reviewer, g_free);

  /* returned: cannot be reviewed again until resubmitted. */
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  assert_refused (allot_store_approve_entry (fx->store, e, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, e, "Again", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* returned -> edited -> submitted (the review fields are cleared). */
  as (fx, OFFICER);
  assert_ok (touch_entry (fx, e, "Radio Shop", &error), &error);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_RETURNED);
  assert_ok (allot_store_submit_entry (fx->store, e, &error), &error);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_SUBMITTED);
  reviewer = column_of (fx, "ledger_entries", "reviewed_by", e);
  g_assert_null (reviewer);

  /* submitted -> approved. */
  approve_entry_as (fx, REVIEWER, e);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_APPROVED);
  reviewer = column_of (fx, "ledger_entries", "reviewed_by", e);
  g_assert_cmpstr (reviewer, ==, REVIEWER);
  g_clear_pointer (&reviewer, g_free);

  /* approved: no step but voiding, no edit. */
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  assert_refused (allot_store_submit_entry (fx->store, e, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  g_assert_false (touch_entry (fx, e, "Other", &error));
  test_util_assert_message_contains (error, "approved", "void", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  as (fx, REVIEWER2);
  assert_refused (allot_store_approve_entry (fx->store, e, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, e, "Late doubts", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, OFFICER);
  assert_refused (allot_store_void_entry (fx->store, e, NULL, &error), &error,
                  ALLOT_ERROR_INVALID);
  assert_refused (allot_store_void_entry (fx->store, e, "", &error), &error,
                  ALLOT_ERROR_INVALID);
  test_util_assert_unchanged (fx->path, before);

  /* approved -> voided, with the reason. */
  assert_ok (allot_store_void_entry (fx->store, e, "Paid twice", &error), &error);
  g_clear_pointer (&entry, allot_ledger_entry_free);
  entry = allot_store_lookup_entry (fx->store, e, &error);
  g_assert_no_error (error);
  g_assert_true (entry->voided);
  g_assert_cmpstr (entry->void_reason, ==, "Paid twice");

  /* voided: nothing more. */
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  g_assert_false (allot_store_submit_entry (fx->store, e, &error));
  test_util_assert_message_contains (error, "voided", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (touch_entry (fx, e, "Other", &error), &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_void_entry (fx->store, e, "Again", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, REVIEWER);
  assert_refused (allot_store_approve_entry (fx->store, e, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, e, "No", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  /* Unknown entries. */
  assert_refused (allot_store_approve_entry (fx->store, 99999, &error), &error,
                  ALLOT_ERROR_NOT_FOUND);
  assert_refused (allot_store_submit_entry (fx->store, 99999, &error), &error,
                  ALLOT_ERROR_NOT_FOUND);
  assert_refused (allot_store_return_entry (fx->store, 99999, "No", &error), &error,
                  ALLOT_ERROR_NOT_FOUND);
  test_util_assert_unchanged (fx->path, before);

  /* A draft can be voided (it was never wanted), then never submitted. */
  as (fx, OFFICER);
  d = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-11", 0, "INV-2",
                 ALLOT_STATUS_DRAFT);
  assert_ok (allot_store_void_entry (fx->store, d, "Not ours", &error), &error);
  assert_refused (allot_store_submit_entry (fx->store, d, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);

  /* Entered as submitted straight away, then approved. */
  s = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-12", 0, "INV-3",
                 ALLOT_STATUS_SUBMITTED);
  g_assert_cmpint (entry_status (fx, s), ==, ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER2, s);
  g_assert_cmpint (entry_status (fx, s), ==, ALLOT_STATUS_APPROVED);
}

static void
test_allocation_transitions (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autofree char *before = NULL;
  g_autofree char *comment = NULL;
  gint64 a;

  /* New allocations are drafts or submitted. */
  before = test_util_dump_db (fx->path);
  allocation->source_id = fx->jag;
  allocation->task_force_id = fx->sstf;
  allocation->category_id = fx->eq;
  allocation->fiscal_year = 2026;
  allocation->amount = 100000;
  allocation->status = ALLOT_STATUS_APPROVED;
  assert_refused (allot_store_add_allocation (fx->store, allocation, &error), &error,
                  ALLOT_ERROR_INVALID);
  allocation->status = ALLOT_STATUS_RETURNED;
  assert_refused (allot_store_add_allocation (fx->store, allocation, &error), &error,
                  ALLOT_ERROR_INVALID);
  test_util_assert_unchanged (fx->path, before);

  /* draft: editable, not reviewable. */
  a = add_allocation (fx, fx->jag, fx->eq, 2026, 1000000, ALLOT_STATUS_DRAFT);
  assert_ok (set_allocation_amount (fx, a, 1100000, &error), &error);
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  as (fx, REVIEWER);
  assert_refused (allot_store_approve_allocation (fx->store, a, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_allocation (fx->store, a, "No", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* draft -> submitted: no longer editable, not submittable again. */
  as (fx, OFFICER);
  assert_ok (allot_store_submit_allocation (fx->store, a, &error), &error);
  g_assert_cmpint (allocation_status (fx, a), ==, ALLOT_STATUS_SUBMITTED);
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  assert_refused (set_allocation_amount (fx, a, 1200000, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_submit_allocation (fx->store, a, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, REVIEWER);
  assert_refused (allot_store_return_allocation (fx->store, a, "", &error), &error,
                  ALLOT_ERROR_INVALID);
  test_util_assert_unchanged (fx->path, before);

  /* submitted -> returned -> edited -> submitted -> approved. */
  assert_ok (allot_store_return_allocation (fx->store, a, "Too much for one quarter", &error),
             &error);
  g_assert_cmpint (allocation_status (fx, a), ==, ALLOT_STATUS_RETURNED);
  comment = column_of (fx, "allocations", "review_comment", a);
  g_assert_cmpstr (comment, ==, "Too much for one quarter");
  assert_refused (allot_store_approve_allocation (fx->store, a, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, OFFICER);
  assert_ok (set_allocation_amount (fx, a, 800000, &error), &error);
  assert_ok (allot_store_submit_allocation (fx->store, a, &error), &error);
  approve_allocation_as (fx, REVIEWER, a);
  g_assert_cmpint (allocation_status (fx, a), ==, ALLOT_STATUS_APPROVED);

  /* approved: nothing but what the store offers elsewhere. */
  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  g_assert_false (set_allocation_amount (fx, a, 700000, &error));
  test_util_assert_message_contains (error, "approved", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_submit_allocation (fx->store, a, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, REVIEWER2);
  assert_refused (allot_store_approve_allocation (fx->store, a, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_allocation (fx->store, a, "No", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_approve_allocation (fx->store, 99999, &error), &error,
                  ALLOT_ERROR_NOT_FOUND);
  test_util_assert_unchanged (fx->path, before);
}

/* ---- separation of duties ---- */

static void
test_separation_of_duties (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 by_rita, changed_by_rita, by_ada, alloc_by_rita, alloc_changed;

  /* 1. A reviewer who entered an entry can neither approve nor return it. */
  as (fx, REVIEWER);
  by_rita = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0, "INV-R",
                       ALLOT_STATUS_SUBMITTED);
  /* 2. An entry otto entered and rita last changed. */
  as (fx, OFFICER);
  changed_by_rita = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 20000, "2026-01-11", 0,
                               "INV-O", ALLOT_STATUS_DRAFT);
  as (fx, REVIEWER);
  assert_ok (touch_entry (fx, changed_by_rita, "Corrected payee", &error), &error);
  as (fx, OFFICER);
  assert_ok (allot_store_submit_entry (fx->store, changed_by_rita, &error), &error);
  /* 3. The administrator is bound too. */
  as (fx, ADMIN);
  by_ada = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 30000, "2026-01-12", 0, "INV-A",
                      ALLOT_STATUS_SUBMITTED);
  /* 4. Allocations: one entered by rita; one entered by otto, returned by
   * roy, changed by rita and resubmitted by otto. */
  as (fx, REVIEWER);
  alloc_by_rita = add_allocation (fx, fx->jag, fx->eq, 2026, 100000, ALLOT_STATUS_SUBMITTED);
  as (fx, OFFICER);
  alloc_changed = add_allocation (fx, fx->jag, fx->eq, 2025, 100000, ALLOT_STATUS_SUBMITTED);
  as (fx, REVIEWER2);
  assert_ok (allot_store_return_allocation (fx->store, alloc_changed, "Split it", &error),
             &error);
  as (fx, REVIEWER);
  assert_ok (set_allocation_amount (fx, alloc_changed, 90000, &error), &error);
  as (fx, OFFICER);
  assert_ok (allot_store_submit_allocation (fx->store, alloc_changed, &error), &error);

  before = test_util_dump_db (fx->path);
  as (fx, REVIEWER);
  g_assert_false (allot_store_approve_entry (fx->store, by_rita, &error));
  test_util_assert_message_contains (error, "INV-R", REVIEWER, "separation of duties", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, by_rita, "Mine", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  g_assert_false (allot_store_approve_entry (fx->store, changed_by_rita, &error));
  test_util_assert_message_contains (error, "INV-O", "separation of duties", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, changed_by_rita, "Mine", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_approve_allocation (fx->store, alloc_by_rita, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_allocation (fx->store, alloc_by_rita, "Mine", &error),
                  &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_approve_allocation (fx->store, alloc_changed, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, ADMIN);
  assert_refused (allot_store_approve_entry (fx->store, by_ada, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_return_entry (fx->store, by_ada, "Mine", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* Somebody else may: roy for rita's records (having only returned one
   * himself), rita for ada's, ada for otto's entry rita changed. */
  approve_entry_as (fx, REVIEWER2, by_rita);
  approve_entry_as (fx, REVIEWER, by_ada);
  approve_entry_as (fx, ADMIN, changed_by_rita);
  approve_allocation_as (fx, REVIEWER2, alloc_by_rita);
  approve_allocation_as (fx, REVIEWER2, alloc_changed);
  g_assert_cmpint (entry_status (fx, by_rita), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (entry_status (fx, by_ada), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (entry_status (fx, changed_by_rita), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (allocation_status (fx, alloc_by_rita), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (allocation_status (fx, alloc_changed), ==, ALLOT_STATUS_APPROVED);
  {
    g_autofree char *who = column_of (fx, "ledger_entries", "reviewed_by", by_rita);

    g_assert_cmpstr (who, ==, REVIEWER2);
  }
}

/* ---- the order of approval ---- */

static void
test_approve_order (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *label = NULL;
  gint64 a, e, po, inv, deob;

  /* An entry on an allocation still under review. */
  a = add_allocation (fx, fx->jag, fx->eq, 2026, 1000000, ALLOT_STATUS_SUBMITTED);
  e = add_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0, "INV-1",
                 ALLOT_STATUS_SUBMITTED);
  /* An expenditure and a deobligation of an obligation still under review. */
  po = add_entry (fx, fx->alloc, ALLOT_ENTRY_OBLIGATION, 100000, "2026-01-05", 0, "PO-1",
                  ALLOT_STATUS_SUBMITTED);
  inv = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 40000, "2026-01-20", po, "INV-2",
                   ALLOT_STATUS_SUBMITTED);
  deob = add_entry (fx, fx->alloc, ALLOT_ENTRY_ADJUSTMENT, -10000, "2026-01-25", po, "DEOB-1",
                    ALLOT_STATUS_SUBMITTED);

  before = test_util_dump_db (fx->path);
  as (fx, REVIEWER);
  g_assert_false (allot_store_approve_entry (fx->store, e, &error));
  label = g_strdup_printf ("Allocation %" PRId64, a);
  test_util_assert_message_contains (error, label, "not approved", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  g_assert_false (allot_store_approve_entry (fx->store, inv, &error));
  test_util_assert_message_contains (error, "PO-1", "not approved", NULL);
  assert_refused (FALSE, &error, ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_approve_entry (fx->store, deob, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  /* Returning does not wait for anything. */
  assert_ok (allot_store_return_entry (fx->store, e, "Allocation first", &error), &error);
  as (fx, OFFICER);
  assert_ok (allot_store_submit_entry (fx->store, e, &error), &error);

  /* In order, everything goes through. */
  approve_allocation_as (fx, REVIEWER, a);
  approve_entry_as (fx, REVIEWER, e);
  approve_entry_as (fx, REVIEWER, po);
  approve_entry_as (fx, REVIEWER, inv);
  approve_entry_as (fx, REVIEWER, deob);
  g_assert_cmpint (entry_status (fx, e), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (entry_status (fx, inv), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (entry_status (fx, deob), ==, ALLOT_STATUS_APPROVED);
}

/* ---- only approved records count ---- */

static const AllotBalanceRow *
balance_row (GPtrArray *rows,
             gint64     id)
{
  for (guint i = 0; i < rows->len; i++)
    if (((AllotBalanceRow *) rows->pdata[i])->id == id)
      return rows->pdata[i];
  return NULL;
}

static void
assert_balance (const AllotBalanceRow *row,
                gint64                 authorized,
                gint64                 allocated,
                gint64                 obligated,
                gint64                 expended,
                gint64                 unliquidated,
                gint64                 available)
{
  g_assert_nonnull (row);
  g_assert_cmpint (row->balance.authorized, ==, authorized);
  g_assert_cmpint (row->balance.allocated, ==, allocated);
  g_assert_cmpint (row->balance.obligated, ==, obligated);
  g_assert_cmpint (row->balance.expended, ==, expended);
  g_assert_cmpint (row->balance.unliquidated, ==, unliquidated);
  g_assert_cmpint (row->balance.available, ==, available);
}

static void
test_balances_count_approved (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 b, po, inv2, inv4, inv5;

  /* fx->alloc: JAG/SSTF/OT FY2026, 50,000.00, approved.
   *   PO-1  obligation            4,000.00 approved
   *   INV-1 expenditure on PO-1   1,000.00 approved
   *   INV-2 direct                  500.00 submitted
   *   INV-3 direct                  300.00 draft
   *   INV-4 direct                  200.00 returned
   *   INV-5 direct                  700.00 approved, then voided
   *   PO-2  obligation              900.00 submitted
   * B: JAG/SSTF/EQ FY2026, 5,000.00, submitted; INV-6 50.00 submitted on it.
   *
   * Counting approved only:
   *   alloc: obligated 4,000.00, expended 1,000.00, unliquidated 4,000 - 1,000
   *          = 3,000.00, available 50,000 - 1,000 - 3,000 = 46,000.00
   *   B does not appear; JAG: authorized 100,000.00, allocated 50,000.00,
   *   available 100,000 - 1,000 - 3,000 = 96,000.00. */
  b = add_allocation (fx, fx->jag, fx->eq, 2026, 500000, ALLOT_STATUS_SUBMITTED);
  po = add_entry (fx, fx->alloc, ALLOT_ENTRY_OBLIGATION, 400000, "2026-01-05", 0, "PO-1",
                  ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER, po);
  approve_entry_as (fx, REVIEWER,
                    add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 100000, "2026-01-10", po,
                               "INV-1", ALLOT_STATUS_SUBMITTED));
  inv2 = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 50000, "2026-01-11", 0, "INV-2",
                    ALLOT_STATUS_SUBMITTED);
  add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 30000, "2026-01-12", 0, "INV-3",
             ALLOT_STATUS_DRAFT);
  inv4 = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 20000, "2026-01-13", 0, "INV-4",
                    ALLOT_STATUS_SUBMITTED);
  as (fx, REVIEWER);
  assert_ok (allot_store_return_entry (fx->store, inv4, "Receipt missing", &error), &error);
  as (fx, OFFICER);
  inv5 = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 70000, "2026-01-14", 0, "INV-5",
                    ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER, inv5);
  assert_ok (allot_store_void_entry (fx->store, inv5, "Duplicate invoice", &error), &error);
  add_entry (fx, fx->alloc, ALLOT_ENTRY_OBLIGATION, 90000, "2026-01-15", 0, "PO-2",
             ALLOT_STATUS_SUBMITTED);
  add_entry (fx, b, ALLOT_ENTRY_EXPENDITURE, 5000, "2026-01-16", 0, "INV-6",
             ALLOT_STATUS_SUBMITTED);

  rows = allot_store_list_balances (fx->store, ALLOT_BALANCE_BY_ALLOCATION, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_balance (balance_row (rows, fx->alloc), 5000000, 5000000, 400000, 100000, 300000,
                  4600000);
  g_assert_null (balance_row (rows, b));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = allot_store_list_balances (fx->store, ALLOT_BALANCE_BY_SOURCE, 0, &error);
  g_assert_no_error (error);
  assert_balance (balance_row (rows, fx->jag), 10000000, 5000000, 400000, 100000, 300000,
                  9600000);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Approving INV-2 and B: alloc expended 1,000 + 500 = 1,500.00, available
   * 50,000 - 1,500 - 3,000 = 45,500.00; B 5,000.00 allocated, INV-6 still
   * pending, available 5,000.00; JAG allocated 55,000.00, available
   * 100,000 - 1,500 - 3,000 = 95,500.00. */
  approve_entry_as (fx, REVIEWER, inv2);
  approve_allocation_as (fx, REVIEWER, b);
  rows = allot_store_list_balances (fx->store, ALLOT_BALANCE_BY_ALLOCATION, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_balance (balance_row (rows, fx->alloc), 5000000, 5000000, 400000, 150000, 300000,
                  4550000);
  assert_balance (balance_row (rows, b), 500000, 500000, 0, 0, 0, 500000);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = allot_store_list_balances (fx->store, ALLOT_BALANCE_BY_SOURCE, 0, &error);
  g_assert_no_error (error);
  assert_balance (balance_row (rows, fx->jag), 10000000, 5500000, 400000, 150000, 300000,
                  9550000);
}

/* ---- closed periods ---- */

static void
add_amendment_at (Fixture    *fx,
                  const char *date,
                  GError    **error,
                  gboolean   *ok)
{
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();

  amendment->source_id = fx->jag;
  parse_iso (&amendment->effective_date, date);
  amendment->amount = 100000;
  amendment->description = g_strdup ("Supplement");
  *ok = allot_store_add_amendment (fx->store, amendment, error);
}

static void
add_receipt_at (Fixture    *fx,
                const char *date,
                GError    **error,
                gboolean   *ok)
{
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();

  receipt->source_id = fx->doj;
  receipt->kind = ALLOT_RECEIPT_SHARING;
  parse_iso (&receipt->received_date, date);
  receipt->amount = 50000;
  receipt->case_number = g_strdup ("CASE-9");
  *ok = allot_store_add_receipt (fx->store, receipt, error);
}

static void
add_drawdown_at (Fixture    *fx,
                 const char *date,
                 GError    **error,
                 gboolean   *ok)
{
  g_autoptr(AllotDrawdown) drawdown = allot_drawdown_new ();

  drawdown->source_id = fx->jag;
  parse_iso (&drawdown->received_date, date);
  drawdown->amount = 100000;
  drawdown->reference = g_strdup ("ASAP-1");
  *ok = allot_store_add_drawdown (fx->store, drawdown, error);
}

static void
add_match_at (Fixture    *fx,
              const char *date,
              GError    **error,
              gboolean   *ok)
{
  g_autoptr(AllotMatchEntry) match = allot_match_entry_new ();

  match->source_id = fx->jag;
  parse_iso (&match->entry_date, date);
  match->form = ALLOT_FORM_CASH;
  match->amount = 100000;
  match->description = g_strdup ("Local share");
  *ok = allot_store_add_match_entry (fx->store, match, error);
}

static void
add_entry_at (Fixture    *fx,
              const char *date,
              const char *paid,
              const char *document,
              GError    **error,
              gboolean   *ok)
{
  g_autoptr(AllotLedgerEntry) entry = test_util_new_entry (fx->alloc, ALLOT_ENTRY_EXPENDITURE,
                                                           10000, date, 0, document);

  parse_iso (&entry->paid_date, paid);
  *ok = allot_store_add_entry (fx->store, entry, error);
}

static void
assert_locked (gboolean   ok,
               GError   **error)
{
  g_assert_false (ok);
  g_assert_error (*error, ALLOT_ERROR, ALLOT_ERROR_LOCKED);
  g_clear_error (error);
}

static void
test_closed_period (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 jan_approved, jan_draft, jan_submitted, dec_unpaid, feb_draft, pending_alloc;
  gboolean ok = FALSE, closed = TRUE;
  GDate date;

  jan_approved = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-15", 0,
                            "INV-JAN", ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER, jan_approved);
  jan_draft = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-20", 0,
                         "INV-DRAFT", ALLOT_STATUS_DRAFT);
  jan_submitted = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-31", 0,
                             "INV-SUB", ALLOT_STATUS_SUBMITTED);
  dec_unpaid = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2025-12-20", 0,
                          "INV-DEC", ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER, dec_unpaid);
  feb_draft = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-02-05", 0,
                         "INV-FEB", ALLOT_STATUS_DRAFT);
  pending_alloc = add_allocation (fx, fx->jag, fx->eq, 2026, 100000, ALLOT_STATUS_SUBMITTED);

  g_assert_true (allot_store_is_period_closed (fx->store, 2026, 1, &closed, &error));
  g_assert_no_error (error);
  g_assert_false (closed);
  as (fx, ADMIN);
  assert_ok (allot_store_close_period (fx->store, 2026, 1, &error), &error);
  g_assert_true (allot_store_is_period_closed (fx->store, 2026, 1, &closed, &error));
  g_assert_true (closed);
  g_assert_true (allot_store_is_period_closed (fx->store, 2026, 2, &closed, &error));
  g_assert_false (closed);
  g_assert_true (allot_store_is_period_closed (fx->store, 2025, 12, &closed, &error));
  g_assert_false (closed);

  before = test_util_dump_db (fx->path);
  /* Closing twice, or a month that does not exist. */
  assert_refused (allot_store_close_period (fx->store, 2026, 1, &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  assert_refused (allot_store_close_period (fx->store, 2026, 13, &error), &error,
                  ALLOT_ERROR_INVALID);
  assert_refused (allot_store_close_period (fx->store, 2026, 0, &error), &error,
                  ALLOT_ERROR_INVALID);
  test_util_assert_unchanged (fx->path, before);

  /* Nothing dated in January can be added ... (the message names the month
   * and who closed it) */
  as (fx, OFFICER);
  add_entry_at (fx, "2026-01-01", NULL, "INV-NEW", &error, &ok);
  g_assert_false (ok);
  test_util_assert_message_contains (error, "2026-01-01", "2026-01", ADMIN, NULL);
  assert_locked (ok, &error);
  add_entry_at (fx, "2026-01-31", NULL, "INV-NEW", &error, &ok);
  assert_locked (ok, &error);
  /* ... nor paid in January ... */
  add_entry_at (fx, "2025-12-28", "2026-01-02", "INV-NEW", &error, &ok);
  assert_locked (ok, &error);
  parse_iso (&date, "2026-01-05");
  assert_locked (allot_store_record_payment (fx->store, dec_unpaid, &date, &error), &error);
  /* ... changed, moved out or in, voided ... */
  assert_locked (touch_entry (fx, jan_draft, "Other", &error), &error);
  assert_locked (redate_entry (fx, jan_draft, "2026-02-10", &error), &error);
  assert_locked (redate_entry (fx, feb_draft, "2026-01-10", &error), &error);
  assert_locked (allot_store_void_entry (fx->store, jan_approved, "Wrong month", &error), &error);
  assert_locked (allot_store_void_entry (fx->store, jan_draft, "Not needed", &error), &error);
  /* ... submitted, approved or returned ... */
  assert_locked (allot_store_submit_entry (fx->store, jan_draft, &error), &error);
  as (fx, REVIEWER);
  assert_locked (allot_store_approve_entry (fx->store, jan_submitted, &error), &error);
  assert_locked (allot_store_return_entry (fx->store, jan_submitted, "Fix it", &error), &error);
  /* ... and no amendment, receipt, drawdown or match is dated in it. */
  as (fx, OFFICER);
  add_amendment_at (fx, "2026-01-10", &error, &ok);
  assert_locked (ok, &error);
  add_receipt_at (fx, "2026-01-10", &error, &ok);
  assert_locked (ok, &error);
  add_drawdown_at (fx, "2026-01-10", &error, &ok);
  assert_locked (ok, &error);
  add_match_at (fx, "2026-01-10", &error, &ok);
  assert_locked (ok, &error);
  /* An administrator is bound as well. */
  as (fx, ADMIN);
  add_entry_at (fx, "2026-01-15", NULL, "INV-ADA", &error, &ok);
  assert_locked (ok, &error);
  test_util_assert_unchanged (fx->path, before);

  /* The months around it stay open; allocations have no date. */
  as (fx, OFFICER);
  add_entry_at (fx, "2025-12-31", NULL, "INV-DEC31", &error, &ok);
  assert_ok (ok, &error);
  add_entry_at (fx, "2026-02-01", NULL, "INV-FEB1", &error, &ok);
  assert_ok (ok, &error);
  assert_ok (redate_entry (fx, feb_draft, "2026-02-28", &error), &error);
  parse_iso (&date, "2026-02-02");
  assert_ok (allot_store_record_payment (fx->store, dec_unpaid, &date, &error), &error);
  add_amendment_at (fx, "2026-02-01", &error, &ok);
  assert_ok (ok, &error);
  add_receipt_at (fx, "2025-12-31", &error, &ok);
  assert_ok (ok, &error);
  add_drawdown_at (fx, "2026-02-01", &error, &ok);
  assert_ok (ok, &error);
  add_match_at (fx, "2026-02-01", &error, &ok);
  assert_ok (ok, &error);
  approve_allocation_as (fx, REVIEWER, pending_alloc);
}

static void
test_reopen_period (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *before = NULL;
  GPtrArray *periods;
  gint64 jan;
  gboolean closed = TRUE;

  jan = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-15", 0, "INV-JAN",
                   ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER, jan);
  before = test_util_dump_db (fx->path);
  /* Only a closed period can be reopened. */
  as (fx, ADMIN);
  assert_refused (allot_store_reopen_period (fx->store, 2026, 1, "Why not", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);
  assert_ok (allot_store_close_period (fx->store, 2026, 1, &error), &error);

  g_clear_pointer (&before, g_free);
  before = test_util_dump_db (fx->path);
  /* A reason is required ... */
  assert_refused (allot_store_reopen_period (fx->store, 2026, 1, NULL, &error), &error,
                  ALLOT_ERROR_INVALID);
  assert_refused (allot_store_reopen_period (fx->store, 2026, 1, "   ", &error), &error,
                  ALLOT_ERROR_INVALID);
  /* ... and an administrator. */
  as (fx, OFFICER);
  assert_refused (allot_store_reopen_period (fx->store, 2026, 1, "Late invoice", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  as (fx, REVIEWER);
  assert_refused (allot_store_reopen_period (fx->store, 2026, 1, "Late invoice", &error), &error,
                  ALLOT_ERROR_CONSTRAINT);
  test_util_assert_unchanged (fx->path, before);

  as (fx, ADMIN);
  assert_ok (allot_store_reopen_period (fx->store, 2026, 1, "Late invoice from the vendor",
                                        &error), &error);
  g_assert_true (allot_store_is_period_closed (fx->store, 2026, 1, &closed, &error));
  g_assert_false (closed);
  /* Open again: January can be changed. */
  as (fx, OFFICER);
  assert_ok (allot_store_void_entry (fx->store, jan, "Wrong month", &error), &error);
  /* And closed again. */
  as (fx, ADMIN);
  assert_ok (allot_store_close_period (fx->store, 2026, 1, &error), &error);
  g_assert_true (allot_store_is_period_closed (fx->store, 2026, 1, &closed, &error));
  g_assert_true (closed);

  /* Close, reopen (with who and why) and close are all in the audit log. */
  records = allot_store_list_audit (fx->store, NULL, 0, &error);
  g_assert_no_error (error);
  periods = g_ptr_array_new ();
  for (guint i = 0; i < records->len; i++)
    if (g_str_equal (((AllotAuditRecord *) records->pdata[i])->table_name, "periods"))
      g_ptr_array_add (periods, records->pdata[i]);
  g_assert_cmpuint (periods->len, ==, 3);
  {
    AllotAuditRecord *close1 = periods->pdata[0];
    AllotAuditRecord *reopen1 = periods->pdata[1];
    AllotAuditRecord *close2 = periods->pdata[2];

    g_assert_cmpstr (close1->user, ==, ADMIN);
    g_assert_cmpstr (close1->action, ==, "insert");
    g_assert_nonnull (strstr (close1->after, "\"month\":\"2026-01\""));
    g_assert_nonnull (strstr (close1->after, "\"closed\":1"));
    g_assert_cmpstr (reopen1->user, ==, ADMIN);
    g_assert_cmpstr (reopen1->action, ==, "update");
    g_assert_nonnull (strstr (reopen1->before, "\"closed\":1"));
    g_assert_nonnull (strstr (reopen1->after, "\"closed\":0"));
    g_assert_nonnull (strstr (reopen1->after, "\"reason\":\"Late invoice from the vendor\""));
    g_assert_nonnull (strstr (reopen1->after, "\"changed_by\":\"ada\""));
    g_assert_cmpstr (close2->action, ==, "update");
    g_assert_nonnull (strstr (close2->after, "\"closed\":1"));
  }
  g_ptr_array_unref (periods);
}

/* ---- the audit log's hash chain ---- */

static void
assert_whole (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  AllotAuditVerdict verdict;

  g_assert_true (allot_store_verify_audit (fx->store, &verdict, &error));
  g_assert_no_error (error);
  if (verdict.problem != NULL)
    g_error ("unexpected: %s", verdict.problem);
  g_assert_cmpint (verdict.broken_id, ==, 0);
  g_assert_null (verdict.broken_table);
  g_assert_cmpint (verdict.n_records, ==, query_int (fx, "SELECT count(*) FROM audit_log"));
  g_assert_cmpint (verdict.n_records, >, 0);
  last = query_text (fx, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (verdict.last_hash, ==, last);
  g_assert_cmpuint (strlen (verdict.last_hash), ==, 64);
  g_assert_true (strspn (verdict.last_hash, "0123456789abcdef") == 64);
  allot_audit_verdict_clear (&verdict);
}

/* Some of everything the review features write. */
static void
activity (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  gint64 e, r;

  e = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-15", 0, "INV-1",
                 ALLOT_STATUS_SUBMITTED);
  approve_entry_as (fx, REVIEWER, e);
  r = add_entry (fx, fx->alloc, ALLOT_ENTRY_EXPENDITURE, 20000, "2026-01-16", 0, "INV-2",
                 ALLOT_STATUS_SUBMITTED);
  as (fx, REVIEWER2);
  assert_ok (allot_store_return_entry (fx->store, r, "Which case?", &error), &error);
  as (fx, OFFICER);
  assert_ok (touch_entry (fx, r, "Radio Shop", &error), &error);
  assert_ok (allot_store_submit_entry (fx->store, r, &error), &error);
  approve_entry_as (fx, REVIEWER2, r);
  assert_ok (allot_store_void_entry (fx->store, e, "Paid twice", &error), &error);
  assert_ok (allot_store_set_setting (fx->store, "rule_ending_days", "60", &error), &error);
  as (fx, ADMIN);
  assert_ok (allot_store_close_period (fx->store, 2026, 1, &error), &error);
  assert_ok (allot_store_reopen_period (fx->store, 2026, 1, "Audit adjustment", &error), &error);
  set_role (fx, OFFICER2, ALLOT_ROLE_REVIEWER);
  as (fx, OFFICER);
}

static void
test_verify_fresh (void)
{
  g_autofree char *dir = test_util_make_tmpdir ();
  Fixture fx = { 0 };

  /* Only the creation's own records (the settings rows). */
  fx.dir = dir;
  fx.path = test_util_new_location (dir, "allot.db");
  fx.store = open_new_store (fx.path);
  assert_whole (&fx);
  g_clear_object (&fx.store);
  g_free (fx.path);
  test_util_remove_tree (dir);
}

static void
test_verify_activity (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *before = NULL;

  activity (fx);
  before = test_util_dump_db (fx->path);
  assert_whole (fx);
  /* Verifying writes nothing. */
  test_util_assert_unchanged (fx->path, before);
  /* Still whole when read by a new connection. */
  reopen (fx);
  assert_whole (fx);
}

/* An application event about a record (allot_store_log_event()) is not an
 * image of that record's row and must not be mistaken for tampering. */
static void
test_verify_with_events (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  activity (fx);
  assert_ok (allot_store_log_event (fx->store, "import", "ledger_entries", 0,
                                    "{\"rows\":2}", &error), &error);
  assert_ok (allot_store_log_event (fx->store, "note", "sources", fx->jag,
                                    "{\"text\":\"Desk review done\"}", &error), &error);
  assert_whole (fx);
}

typedef struct {
  gint64 n_records;
  gint64 broken_id;
  char *broken_table;
  gint64 broken_record;
  char *problem;
} Verdict;

static void
verify (Fixture *fx,
        Verdict *out)
{
  g_autoptr(GError) error = NULL;
  AllotAuditVerdict verdict;

  reopen (fx);
  g_assert_true (allot_store_verify_audit (fx->store, &verdict, &error));
  g_assert_no_error (error);
  out->n_records = verdict.n_records;
  out->broken_id = verdict.broken_id;
  out->broken_table = g_strdup (verdict.broken_table);
  out->broken_record = verdict.broken_record;
  out->problem = g_strdup (verdict.problem);
  g_test_message ("verdict: %s", verdict.problem != NULL ? verdict.problem : "(whole)");
  allot_audit_verdict_clear (&verdict);
}

static void
verdict_clear (Verdict *v)
{
  g_free (v->broken_table);
  g_free (v->problem);
}

/* Runs @sql behind the store's back (which is closed first) with the
 * triggers of @table out of the way: on SQLite its trigger @trigger is
 * dropped; on PostgreSQL the superuser disables all of @table's own
 * triggers around @sql. */
static void
raw_tamper (Fixture    *fx,
            const char *table,
            const char *trigger,
            const char *sql)
{
  AllotDb *raw;
  g_autofree char *all = NULL;

  g_clear_object (&fx->store);
  raw = test_util_open_raw (fx->path, FALSE);
  if (test_util_backend_is_postgres ())
    all = g_strdup_printf ("ALTER TABLE %s DISABLE TRIGGER USER; %s;"
                           " ALTER TABLE %s ENABLE TRIGGER USER", table, sql, table);
  else
    all = g_strdup_printf ("DROP TRIGGER %s; %s", trigger, sql);
  test_util_exec (raw, all);
  allot_db_close (raw);
}

/* (a) A record of the log edited by hand: its own hash no longer matches. */
static void
test_tamper_log_update (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autofree char *id_text = NULL;
  Verdict v = { 0 };
  gint64 n, k;

  activity (fx);
  n = query_int (fx, "SELECT max(id) FROM audit_log");
  k = n / 2;
  g_assert_cmpint (k, >, 1);
  sql = g_strdup_printf ("UPDATE audit_log SET \"user\" = 'mallory' WHERE id = %" PRId64, k);
  raw_tamper (fx, "audit_log", "audit_log_no_update", sql);
  verify (fx, &v);
  g_assert_cmpint (v.broken_id, ==, k);
  g_assert_null (v.broken_table);
  id_text = g_strdup_printf ("%" PRId64, k);
  g_assert_nonnull (v.problem);
  g_assert_nonnull (strstr (v.problem, id_text));
  g_assert_nonnull (strstr (v.problem, "changed"));
  verdict_clear (&v);
}

/* (b) A record deleted from the middle: the next one no longer follows. */
static void
test_tamper_log_delete (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autofree char *id_text = NULL;
  Verdict v = { 0 };
  gint64 n, k;

  activity (fx);
  n = query_int (fx, "SELECT max(id) FROM audit_log");
  k = n / 2;
  sql = g_strdup_printf ("DELETE FROM audit_log WHERE id = %" PRId64, k);
  raw_tamper (fx, "audit_log", "audit_log_no_delete", sql);
  verify (fx, &v);
  g_assert_cmpint (v.broken_id, ==, k + 1);
  g_assert_null (v.broken_table);
  id_text = g_strdup_printf ("%" PRId64, k + 1);
  g_assert_nonnull (v.problem);
  g_assert_nonnull (strstr (v.problem, id_text));
  g_assert_nonnull (strstr (v.problem, "removed"));
  verdict_clear (&v);
}

/* (c) A ledger row edited with its audit trigger dropped: the log is whole
 * but no longer matches the row. */
static void
test_tamper_row (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autofree char *id_text = NULL;
  Verdict v = { 0 };
  gint64 e;

  activity (fx);
  e = query_int (fx, "SELECT id FROM ledger_entries WHERE document_number = 'INV-2'");
  g_assert_cmpint (e, >, 0);
  sql = g_strdup_printf ("UPDATE ledger_entries SET amount = 2000000 WHERE id = %" PRId64, e);
  raw_tamper (fx, "ledger_entries", "audit_ledger_entries_update", sql);
  verify (fx, &v);
  g_assert_cmpint (v.broken_id, ==, 0);
  g_assert_cmpstr (v.broken_table, ==, "ledger_entries");
  g_assert_cmpint (v.broken_record, ==, e);
  id_text = g_strdup_printf ("%" PRId64, e);
  g_assert_nonnull (v.problem);
  g_assert_nonnull (strstr (v.problem, "ledger_entries"));
  g_assert_nonnull (strstr (v.problem, id_text));
  verdict_clear (&v);
}

/* The same for a table keyed by text (settings: the rowid is the record). */
static void
test_tamper_setting (Fixture       *fx,
                     gconstpointer  data)
{
  Verdict v = { 0 };
  gint64 rowid;

  activity (fx);
  rowid = query_int (fx, "SELECT rowid FROM settings WHERE key = 'liquidation_days'");
  raw_tamper (fx, "settings", "audit_settings_update",
              "UPDATE settings SET value = '3650' WHERE key = 'liquidation_days'");
  verify (fx, &v);
  g_assert_cmpint (v.broken_id, ==, 0);
  g_assert_cmpstr (v.broken_table, ==, "settings");
  g_assert_cmpint (v.broken_record, ==, rowid);
  verdict_clear (&v);
}

/* Reopening a closed month by hand, around the triggers, shows too. */
static void
test_tamper_period (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Verdict v = { 0 };
  gint64 rowid;

  as (fx, ADMIN);
  assert_ok (allot_store_close_period (fx->store, 2026, 3, &error), &error);
  as (fx, OFFICER);
  rowid = query_int (fx, "SELECT rowid FROM periods WHERE month = '2026-03'");
  raw_tamper (fx, "periods", "audit_periods_update",
              "UPDATE periods SET closed = 0, reason = 'nobody will know'"
              " WHERE month = '2026-03'");
  verify (fx, &v);
  g_assert_cmpint (v.broken_id, ==, 0);
  g_assert_cmpstr (v.broken_table, ==, "periods");
  g_assert_cmpint (v.broken_record, ==, rowid);
  verdict_clear (&v);
}

/* A ledger row slipped in with its insert trigger dropped has no audit
 * record at all. */
static void
test_tamper_insert (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *sql = NULL;
  Verdict v = { 0 };
  gint64 forged;

  activity (fx);
  sql = g_strdup_printf ("INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date,"
                         " document_number, status, entered_by, entered_at, reviewed_by)"
                         " VALUES (%" PRId64 ", 'expenditure', 99900, '2026-01-20',"
                         " 'INV-FORGED', 'approved', 'otto', '2026-01-20T00:00:00Z', 'rita')",
                         fx->alloc);
  raw_tamper (fx, "ledger_entries", "audit_ledger_entries_insert", sql);
  forged = query_int (fx, "SELECT id FROM ledger_entries WHERE document_number = 'INV-FORGED'");
  verify (fx, &v);
  g_assert_cmpint (v.broken_id, ==, 0);
  g_assert_cmpstr (v.broken_table, ==, "ledger_entries");
  g_assert_cmpint (v.broken_record, ==, forged);
  verdict_clear (&v);
}

/* (d) A row changed by another program with the triggers in place but
 * without Allot's hash function: the record it appends does not hash. */
static void
test_tamper_foreign_writer (Fixture       *fx,
                            gconstpointer  data)
{
  Verdict v = { 0 };
  gint64 n;

  AllotDb *raw;

  activity (fx);
  n = query_int (fx, "SELECT max(id) FROM audit_log");
  g_clear_object (&fx->store);
  raw = test_util_open_raw (fx->path, TRUE);
  /* (On PostgreSQL a table without user-name columns, which the triggers
   * would hold to the session's login.) */
  test_util_exec (raw, test_util_sql ("UPDATE ledger_entries SET payee = 'Shell Company'"
                                      " WHERE document_number = 'INV-2'",
                                      "UPDATE agencies SET name = 'Shell Company'"
                                      " WHERE code = 'FBI'"));
  allot_db_close (raw);
  g_assert_cmpint (query_int (fx, "SELECT max(id) FROM audit_log"), ==, n + 1);
  verify (fx, &v);
  /* On PostgreSQL the server computes the hash whoever writes: the foreign
   * write is recorded, under its login, in a chain that still holds. */
  g_assert_cmpint (v.broken_id, ==, test_util_backend_is_postgres () ? 0 : n + 1);
  verdict_clear (&v);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/review/first-writer", test_first_writer);
  g_test_add_func ("/review/refused-first-write", test_refused_first_write);
  ADD ("/review/roles", test_roles);
  ADD ("/review/entry-transitions", test_entry_transitions);
  ADD ("/review/allocation-transitions", test_allocation_transitions);
  ADD ("/review/separation-of-duties", test_separation_of_duties);
  ADD ("/review/approve-order", test_approve_order);
  ADD ("/review/balances-count-approved", test_balances_count_approved);
  ADD ("/review/closed-period", test_closed_period);
  ADD ("/review/reopen-period", test_reopen_period);
  g_test_add_func ("/audit-chain/verify-fresh", test_verify_fresh);
  ADD ("/audit-chain/verify-activity", test_verify_activity);
  ADD ("/audit-chain/verify-with-events", test_verify_with_events);
  ADD ("/audit-chain/tamper-log-update", test_tamper_log_update);
  ADD ("/audit-chain/tamper-log-delete", test_tamper_log_delete);
  ADD ("/audit-chain/tamper-row", test_tamper_row);
  ADD ("/audit-chain/tamper-setting", test_tamper_setting);
  ADD ("/audit-chain/tamper-period", test_tamper_period);
  ADD ("/audit-chain/tamper-insert", test_tamper_insert);
  ADD ("/audit-chain/tamper-foreign-writer", test_tamper_foreign_writer);
#undef ADD

  return g_test_run ();
}
