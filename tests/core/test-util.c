/* test-util.c: helpers shared by the core storage tests. */
#include <stdarg.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gstdio.h>

#include "allot-date.h"
#include "test-util.h"

char *
test_util_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("allot-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
test_util_remove_tree (const char *dir)
{
  g_autoptr(GDir) handle = NULL;
  const char *name;

  if (dir == NULL)
    return;
  handle = g_dir_open (dir, 0, NULL);
  if (handle != NULL)
    {
      while ((name = g_dir_read_name (handle)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            test_util_remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (dir);
}

static void
append_value (GString      *out,
              sqlite3_stmt *stmt,
              int           column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (out, "NULL");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (out, "i:%" PRId64,
                              (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      g_string_append_printf (out, "f:%.17g", sqlite3_column_double (stmt, column));
      break;
    case SQLITE_TEXT:
      g_string_append_printf (out, "t:'%s'", (const char *) sqlite3_column_text (stmt, column));
      break;
    default:
      {
        const guchar *blob = sqlite3_column_blob (stmt, column);
        int n = sqlite3_column_bytes (stmt, column);

        g_string_append (out, "b:");
        for (int i = 0; i < n; i++)
          g_string_append_printf (out, "%02x", blob[i]);
        break;
      }
    }
}

static void
dump_query (sqlite3    *db,
            const char *sql,
            GString    *out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("dump: cannot prepare %s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          if (c > 0)
            g_string_append (out, " | ");
          g_string_append (out, sqlite3_column_name (stmt, c));
          g_string_append_c (out, '=');
          append_value (out, stmt, c);
        }
      g_string_append_c (out, '\n');
    }
  if (rc != SQLITE_DONE)
    g_error ("dump: cannot read %s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
}

char *
test_util_dump_db (const char *path)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    g_error ("dump: cannot open %s: %s", path, sqlite3_errstr (rc));

  g_string_append (out, "== pragmas\n");
  dump_query (db, "PRAGMA user_version", out);
  dump_query (db, "PRAGMA application_id", out);
  g_string_append (out, "== sqlite_schema\n");
  dump_query (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid", out);

  rc = sqlite3_prepare_v2 (db,
                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &stmt, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *name = tables->pdata[i];
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY rowid", name);

      g_string_append_printf (out, "== %s\n", name);
      dump_query (db, sql, out);
      sqlite3_free (sql);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Stand-in for allot_user() and any other SQL function of Allot's own that
 * triggers call (the audit hash chain's allot_audit_hash(), for one). */
static void
raw_stand_in_function (sqlite3_context *context,
                       int              argc,
                       sqlite3_value  **argv)
{
  sqlite3_result_text (context, "raw", -1, SQLITE_STATIC);
}

sqlite3 *
test_util_open_raw (const char *path,
                    gboolean    with_user)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errstr (rc));
  sqlite3_busy_timeout (db, 5000);
  if (with_user)
    {
      sqlite3_create_function (db, "allot_user", 0, SQLITE_UTF8, NULL, raw_stand_in_function,
                               NULL, NULL);
      sqlite3_create_function (db, "allot_audit_hash", -1, SQLITE_UTF8, NULL,
                               raw_stand_in_function, NULL, NULL);
    }
  return db;
}

char *
test_util_exec_expect_failure (sqlite3    *db,
                               const char *sql)
{
  char *message = NULL;
  char *copy;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc == SQLITE_OK)
    g_error ("“%s” was expected to fail but succeeded", sql);
  copy = g_strdup (message != NULL ? message : sqlite3_errstr (rc));
  sqlite3_free (message);
  return copy;
}

void
test_util_exec (sqlite3    *db,
                const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message != NULL ? message : sqlite3_errstr (rc));
}

gint64
test_util_query_int (sqlite3    *db,
                     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("cannot prepare %s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    g_error ("cannot run %s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return value;
}

gint64
test_util_query_file_int (const char *path,
                          const char *sql)
{
  sqlite3 *db = test_util_open_raw (path, FALSE);
  gint64 n = test_util_query_int (db, sql);

  sqlite3_close (db);
  return n;
}

/* Every string of the NULL-terminated @args is in @error's message. */
static void
assert_message_contains_va (const GError *error,
                            va_list       args)
{
  const char *part;

  while ((part = va_arg (args, const char *)) != NULL)
    {
      if (strstr (error->message, part) == NULL)
        g_error ("the message “%s” does not contain “%s”", error->message, part);
    }
}

void
test_util_assert_message_contains (const GError *error,
                                   ...)
{
  va_list args;

  g_assert_nonnull (error);
  va_start (args, error);
  assert_message_contains_va (error, args);
  va_end (args);
}

void
test_util_close_store (AllotStore **store,
                       char       **dir,
                       char       **path)
{
  g_clear_object (store);
  test_util_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
  g_clear_pointer (path, g_free);
}

void
test_util_check_refused (const char  *path,
                         char       **before,
                         gboolean     ok,
                         GError     **error,
                         int          code,
                         ...)
{
  va_list args;

  g_assert_false (ok);
  g_assert_error (*error, ALLOT_ERROR, code);
  g_test_message ("refused: %s", (*error)->message);
  va_start (args, code);
  assert_message_contains_va (*error, args);
  va_end (args);
  test_util_assert_unchanged (path, *before);
  g_clear_pointer (before, g_free);
  g_clear_error (error);
}

void
test_util_assert_audit_whole (AllotStore *store)
{
  AllotAuditVerdict verdict = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (allot_store_verify_audit (store, &verdict, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (verdict.problem, ==, NULL);
  g_assert_cmpint (verdict.broken_id, ==, 0);
  allot_audit_verdict_clear (&verdict);
}

void
test_util_assert_sql_refused (const char *path,
                              const char *sql,
                              const char *part)
{
  sqlite3 *raw = test_util_open_raw (path, TRUE);
  g_autofree char *message = test_util_exec_expect_failure (raw, sql);

  if (strstr (message, part) == NULL)
    g_error ("“%s” was refused with “%s”, not “%s”", sql, message, part);
  sqlite3_close (raw);
}

void
test_util_date (GDate *date,
                int    year,
                int    month,
                int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_assert_true (g_date_valid (date));
}

static void
parse_date (GDate      *date,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  if (text == NULL)
    return;
  g_assert_true (allot_date_parse (text, date, &error));
  g_assert_no_error (error);
}

void
test_util_set_up_users (AllotStore *store)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The first writer administers the database and appoints a reviewer. */
  allot_store_set_user (store, TEST_UTIL_ADMIN);
  ok = allot_store_set_user_role (store, TEST_UTIL_REVIEWER, ALLOT_ROLE_REVIEWER, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  allot_store_set_user (store, TEST_UTIL_OFFICER);
}

AllotStore *
test_util_create_store (const char  *dir,
                        const char  *name,
                        char       **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  AllotStore *store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  test_util_set_up_users (store);
  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return store;
}

gint64
test_util_add_agency (AllotStore       *store,
                      const char       *code,
                      const char       *name,
                      AllotAgencyLevel  level)
{
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  agency->code = g_strdup (code);
  agency->name = g_strdup (name);
  agency->level = level;
  ok = allot_store_add_agency (store, agency, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (agency->id, >, 0);
  return agency->id;
}

gint64
test_util_add_task_force (AllotStore *store,
                          const char *code,
                          const char *name,
                          gint64      lead_agency_id)
{
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  tf->code = g_strdup (code);
  tf->name = g_strdup (name);
  tf->lead_agency_id = lead_agency_id;
  test_util_date (&tf->start_date, 2023, 1, 1);
  ok = allot_store_add_task_force (store, tf, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (tf->id, >, 0);
  return tf->id;
}

gint64
test_util_add_category (AllotStore *store,
                        const char *code,
                        const char *name,
                        char        sf424a_line)
{
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  category->code = g_strdup (code);
  category->name = g_strdup (name);
  category->sf424a_line = sf424a_line;
  ok = allot_store_add_category (store, category, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (category->id, >, 0);
  return category->id;
}

static gint64
add_source (AllotStore  *store,
            AllotSource *source)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = allot_store_add_source (store, source, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (source->id, >, 0);
  return source->id;
}

gint64
test_util_add_grant (AllotStore *store,
                     const char *code,
                     const char *award_number,
                     gint64      award_amount,
                     const char *pop_start,
                     const char *pop_end)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_GRANT);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Grant %s", code);
  source->u.grant.award_number = g_strdup (award_number);
  source->u.grant.assistance_listing = g_strdup ("16.738");
  source->u.grant.award_amount = award_amount;
  parse_date (&source->u.grant.pop_start, pop_start);
  parse_date (&source->u.grant.pop_end, pop_end);
  return add_source (store, source);
}

gint64
test_util_add_appropriation (AllotStore *store,
                             const char *code,
                             int         fiscal_year,
                             gint64      amount)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_APPROPRIATION);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Appropriation %s", code);
  source->u.appropriation.fund_code = g_strdup ("0100");
  source->u.appropriation.program_code = g_strdup ("TF01");
  source->u.appropriation.fiscal_year = fiscal_year;
  source->u.appropriation.amount = amount;
  test_util_date (&source->u.appropriation.lapse_date, fiscal_year, 9, 30);
  return add_source (store, source);
}

gint64
test_util_add_agreement (AllotStore *store,
                         const char *code,
                         const char *number,
                         gint64      partner_agency_id,
                         const char *term_start,
                         const char *term_end)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_AGREEMENT);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Agreement %s", code);
  source->u.agreement.agreement_number = g_strdup (number);
  source->u.agreement.partner_agency_id = partner_agency_id;
  parse_date (&source->u.agreement.term_start, term_start);
  parse_date (&source->u.agreement.term_end, term_end);
  return add_source (store, source);
}

gint64
test_util_add_forfeiture (AllotStore             *store,
                          const char             *code,
                          AllotForfeitureProgram  program)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_FORFEITURE);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Forfeiture fund %s", code);
  source->u.forfeiture.program = program;
  return add_source (store, source);
}

gint64
test_util_add_amendment (AllotStore *store,
                         gint64      source_id,
                         const char *date,
                         gint64      amount,
                         const char *description)
{
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  amendment->source_id = source_id;
  parse_date (&amendment->effective_date, date);
  amendment->amount = amount;
  amendment->description = g_strdup (description);
  ok = allot_store_add_amendment (store, amendment, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (amendment->id, >, 0);
  return amendment->id;
}

gint64
test_util_add_receipt (AllotStore       *store,
                       gint64            source_id,
                       AllotReceiptKind  kind,
                       const char       *date,
                       gint64            amount,
                       const char       *case_number)
{
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  receipt->source_id = source_id;
  receipt->kind = kind;
  parse_date (&receipt->received_date, date);
  receipt->amount = amount;
  receipt->case_number = g_strdup (case_number);
  ok = allot_store_add_receipt (store, receipt, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (receipt->id, >, 0);
  return receipt->id;
}

gint64
test_util_add_contribution (AllotStore            *store,
                            gint64                 source_id,
                            AllotContributionSide  side,
                            AllotContributionForm  form,
                            gint64                 valuation,
                            const char            *description)
{
  g_autoptr(AllotContribution) contribution = allot_contribution_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  contribution->source_id = source_id;
  contribution->side = side;
  contribution->form = form;
  contribution->valuation = valuation;
  contribution->description = g_strdup (description);
  ok = allot_store_add_contribution (store, contribution, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (contribution->id, >, 0);
  return contribution->id;
}

static void
approve (AllotStore *store,
         gint64      id,
         gboolean    allocation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user = g_strdup (allot_store_get_user (store));
  AllotStatus status;
  gboolean ok;

  if (allocation)
    {
      g_autoptr(AllotAllocation) a = allot_store_lookup_allocation (store, id, &error);

      g_assert_no_error (error);
      status = a->status;
    }
  else
    {
      g_autoptr(AllotLedgerEntry) e = allot_store_lookup_entry (store, id, &error);

      g_assert_no_error (error);
      status = e->status;
    }
  if (status == ALLOT_STATUS_DRAFT || status == ALLOT_STATUS_RETURNED)
    {
      ok = allocation ? allot_store_submit_allocation (store, id, &error)
                      : allot_store_submit_entry (store, id, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  allot_store_set_user (store, TEST_UTIL_REVIEWER);
  ok = allocation ? allot_store_approve_allocation (store, id, &error)
                  : allot_store_approve_entry (store, id, &error);
  allot_store_set_user (store, user);
  g_assert_no_error (error);
  g_assert_true (ok);
}

void
test_util_approve_allocation (AllotStore *store,
                              gint64      id)
{
  approve (store, id, TRUE);
}

void
test_util_approve_entry (AllotStore *store,
                         gint64      id)
{
  approve (store, id, FALSE);
}

gint64
test_util_add_allocation (AllotStore  *store,
                          gint64       source_id,
                          gint64       task_force_id,
                          gint64       category_id,
                          int          fiscal_year,
                          gint64       amount,
                          AllotStatus  status)
{
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  allocation->source_id = source_id;
  allocation->task_force_id = task_force_id;
  allocation->category_id = category_id;
  allocation->fiscal_year = fiscal_year;
  allocation->amount = amount;
  allocation->status = status == ALLOT_STATUS_APPROVED ? ALLOT_STATUS_SUBMITTED : status;
  ok = allot_store_add_allocation (store, allocation, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (allocation->id, >, 0);
  if (status == ALLOT_STATUS_APPROVED)
    test_util_approve_allocation (store, allocation->id);
  return allocation->id;
}

AllotLedgerEntry *
test_util_new_entry (gint64          allocation_id,
                     AllotEntryKind  kind,
                     gint64          amount,
                     const char     *date,
                     gint64          obligation_id,
                     const char     *document_number)
{
  AllotLedgerEntry *entry = allot_ledger_entry_new ();

  entry->allocation_id = allocation_id;
  entry->kind = kind;
  entry->amount = amount;
  parse_date (&entry->entry_date, date);
  entry->obligation_id = obligation_id;
  entry->document_number = g_strdup (document_number);
  entry->payee = g_strdup ("Vendor");
  entry->description = g_strdup_printf ("%s %s", allot_entry_kind_to_string (kind),
                                        document_number);
  return entry;
}

gint64
test_util_add_entry (AllotStore      *store,
                     gint64           allocation_id,
                     AllotEntryKind   kind,
                     gint64           amount,
                     const char      *date,
                     gint64           obligation_id,
                     const char      *document_number,
                     AllotStatus      status)
{
  g_autoptr(AllotLedgerEntry) entry = test_util_new_entry (allocation_id, kind, amount, date,
                                                           obligation_id, document_number);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  entry->status = status == ALLOT_STATUS_APPROVED ? ALLOT_STATUS_SUBMITTED : status;
  ok = allot_store_add_entry (store, entry, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (entry->id, >, 0);
  if (status == ALLOT_STATUS_APPROVED)
    test_util_approve_entry (store, entry->id);
  return entry->id;
}
