/* test-pg-sessions.c: several sessions on one database (issue 9).
 *
 * Two stores opened on the same database stand for two people at two
 * machines: on SQLite two connections to one file, on PostgreSQL two
 * sessions on the server.  What they must never do is lose a save silently
 * (a stale row version is a conflict), write at the same time (writers
 * wait for each other, then give up with "busy"), or leave half a write
 * behind.  On PostgreSQL also: a login cannot write in someone else's name,
 * may not rewrite the audit log, and a connection dropped in the middle of
 * an import leaves nothing of it and says so. */
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "allot-import.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;      /* session A: the officer */
  AllotStore *other;      /* session B: another officer on the same database */
  gint64 fbi, sst, ot, jag, allocation;
} Fixture;

/* The second person of the tests (a login of the test cluster on PostgreSQL). */
#define OTHER_OFFICER "officer1"

static AllotStore *
open_session (const char *location,
              const char *user)
{
  g_autoptr(GError) error = NULL;
  AllotStore *store = allot_store_open (location, ALLOT_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (user != NULL)
    allot_store_set_user (store, user);
  return store;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "allot.db", &fx->path);
  fx->fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                                  ALLOT_AGENCY_FEDERAL);
  fx->sst = test_util_add_task_force (fx->store, "SST", "Safe Streets", fx->fbi);
  fx->ot = test_util_add_category (fx->store, "OT", "Overtime", 'a');
  fx->jag = test_util_add_grant (fx->store, "JAG", "15PBJA-25-GG-1", 10000000, "2025-10-01",
                                 "2027-09-30");
  fx->allocation = test_util_add_allocation (fx->store, fx->jag, fx->sst, fx->ot, 2026, 5000000,
                                             ALLOT_STATUS_DRAFT);
  fx->other = open_session (fx->path, OTHER_OFFICER);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->other);
  test_util_close_store (&fx->store, &fx->dir, &fx->path);
}

static AllotAllocation *
read_allocation (AllotStore *store,
                 gint64      id)
{
  g_autoptr(GError) error = NULL;
  AllotAllocation *allocation = allot_store_lookup_allocation (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (allocation);
  return allocation;
}

static gint64
stored_amount (Fixture *fx)
{
  g_autofree char *sql = g_strdup_printf ("SELECT amount FROM allocations WHERE id = %"
                                          G_GINT64_FORMAT, fx->allocation);

  return test_util_query_file_int (fx->path, sql);
}

/* ---- a. two sessions editing one record ---- */

static void
test_stale_save_conflicts (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(AllotAllocation) mine = read_allocation (fx->store, fx->allocation);
  g_autoptr(AllotAllocation) theirs = read_allocation (fx->other, fx->allocation);
  g_autoptr(AllotAllocation) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gboolean ok;

  g_assert_cmpint (mine->version, ==, 1);
  g_assert_cmpint (theirs->version, ==, 1);

  /* A saves first. */
  mine->amount = 4000000;
  g_free (mine->description);
  mine->description = g_strdup ("Cut to 40,000.00 by A");
  ok = allot_store_update_allocation (fx->store, mine, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (mine->version, ==, 2);

  /* B saves what it read before A's save: refused, nothing of it stored. */
  before = test_util_dump_db (fx->path);
  theirs->amount = 4500000;
  ok = allot_store_update_allocation (fx->other, theirs, &error);
  test_util_check_refused (fx->path, &before, ok, &error, ALLOT_ERROR_CONFLICT,
                           "Allocation", "was changed by someone else since you opened it",
                           "Reload it", NULL);
  g_assert_cmpint (theirs->version, ==, 1);

  /* The database holds A's save, not a mix and not B's. */
  g_assert_cmpint (stored_amount (fx), ==, 4000000);
  again = read_allocation (fx->other, fx->allocation);
  g_assert_cmpint (again->amount, ==, 4000000);
  g_assert_cmpstr (again->description, ==, "Cut to 40,000.00 by A");
  g_assert_cmpint (again->version, ==, 2);

  /* B, having reloaded, makes its change again: now it is saved. */
  again->amount = 4500000;
  ok = allot_store_update_allocation (fx->other, again, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (again->version, ==, 3);
  g_assert_cmpint (stored_amount (fx), ==, 4500000);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT updated_by FROM allocations WHERE id = %"
                                            G_GINT64_FORMAT, fx->allocation);
    g_autofree char *by = test_util_query_file_text (fx->path, sql);

    g_assert_cmpstr (by, ==, OTHER_OFFICER);
  }

  /* And A's copy is the stale one now. */
  mine->amount = 1000000;
  before = test_util_dump_db (fx->path);
  ok = allot_store_update_allocation (fx->store, mine, &error);
  test_util_check_refused (fx->path, &before, ok, &error, ALLOT_ERROR_CONFLICT,
                           "was changed by someone else", NULL);
  test_util_assert_audit_whole (fx->store);
}

typedef struct {
  AllotStore *store;
  AllotAllocation *allocation;
  GMutex *mutex;
  GCond *cond;
  gboolean *go;
  gboolean ok;
  GError *error;
} Racer;

static gpointer
race_cb (gpointer data)
{
  Racer *racer = data;

  g_mutex_lock (racer->mutex);
  while (!*racer->go)
    g_cond_wait (racer->cond, racer->mutex);
  g_mutex_unlock (racer->mutex);
  racer->ok = allot_store_update_allocation (racer->store, racer->allocation, &racer->error);
  return NULL;
}

/* Both save at the same moment from the same version: one wins, the other
 * gets the conflict, whichever order the server takes them in. */
static void
test_simultaneous_saves (Fixture       *fx,
                         gconstpointer  data)
{
  GMutex mutex;
  GCond cond;

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  for (guint round = 0; round < 5; round++)
    {
      gboolean go = FALSE;
      Racer racers[2] = {
        { fx->store, read_allocation (fx->store, fx->allocation), &mutex, &cond, &go, FALSE, NULL },
        { fx->other, read_allocation (fx->other, fx->allocation), &mutex, &cond, &go, FALSE, NULL },
      };
      GThread *threads[2];
      gint64 version = racers[0].allocation->version;
      guint winners = 0;

      g_assert_cmpint (racers[1].allocation->version, ==, version);
      racers[0].allocation->amount = 1000000 + round * 1000 + 1;
      racers[1].allocation->amount = 1000000 + round * 1000 + 2;
      for (guint i = 0; i < 2; i++)
        threads[i] = g_thread_new ("racer", race_cb, &racers[i]);
      g_mutex_lock (&mutex);
      go = TRUE;
      g_cond_broadcast (&cond);
      g_mutex_unlock (&mutex);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);

      for (guint i = 0; i < 2; i++)
        {
          if (racers[i].ok)
            {
              winners++;
              g_assert_no_error (racers[i].error);
              g_assert_cmpint (stored_amount (fx), ==, racers[i].allocation->amount);
              g_assert_cmpint (racers[i].allocation->version, ==, version + 1);
            }
          else
            {
              g_assert_error (racers[i].error, ALLOT_ERROR, ALLOT_ERROR_CONFLICT);
              g_test_message ("round %u: %s", round, racers[i].error->message);
              g_clear_error (&racers[i].error);
            }
          allot_allocation_free (racers[i].allocation);
        }
      g_assert_cmpuint (winners, ==, 1);
    }
  g_cond_clear (&cond);
  g_mutex_clear (&mutex);
  {
    g_autoptr(AllotAllocation) last = read_allocation (fx->store, fx->allocation);

    g_assert_cmpint (last->version, ==, 6);
  }
  test_util_assert_audit_whole (fx->store);
}

/* ---- b. writers serialize ---- */

static gint64
add_agency_in (AllotStore  *store,
               const char  *code,
               GError     **error)
{
  g_autoptr(AllotAgency) agency = allot_agency_new ();

  agency->code = g_strdup (code);
  agency->name = g_strdup_printf ("Agency %s", code);
  agency->level = ALLOT_AGENCY_LOCAL;
  if (!allot_store_add_agency (store, agency, error))
    return 0;
  return agency->id;
}

static gint64
count_agencies (Fixture    *fx,
                const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM agencies WHERE code = '%s'", code);

  return test_util_query_file_int (fx->path, sql);
}

/* While A holds a write open, B's write waits for it (the lock timeout,
 * 5 s on both engines) and then gives up with "busy"; when A rolls back,
 * the database is as it was before either of them, and B can write. */
static void
test_writer_waits_then_busy (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) theirs = read_allocation (fx->other, fx->allocation);
  gint64 start, waited;
  gboolean ok;

  g_assert_true (allot_store_begin_batch (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (add_agency_in (fx->store, "ATF", &error), >, 0);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  theirs->amount = 3000000;
  ok = allot_store_update_allocation (fx->other, theirs, &error);
  waited = g_get_monotonic_time () - start;
  g_test_message ("B waited %.2f s: %s", waited / 1e6, error != NULL ? error->message : "(saved)");
  g_assert_false (ok);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED);
  test_util_assert_message_contains (error, "busy", NULL);
  g_clear_error (&error);
  g_assert_cmpint (waited, >=, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (waited, <, 15 * G_USEC_PER_SEC);
  g_assert_cmpint (theirs->version, ==, 1);

  /* A gives up its write: nothing of A's nor of B's is in the database. */
  g_assert_true (allot_store_end_batch (fx->store, FALSE, &error));
  g_assert_no_error (error);
  test_util_assert_unchanged (fx->path, before);

  /* B's session is not left in a broken transaction: it saves now. */
  ok = allot_store_update_allocation (fx->other, theirs, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (stored_amount (fx), ==, 3000000);
  g_assert_cmpint (add_agency_in (fx->other, "DEA", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_agencies (fx, "ATF"), ==, 0);
  g_assert_cmpint (count_agencies (fx, "DEA"), ==, 1);
  test_util_assert_audit_whole (fx->other);
}

static gpointer
commit_later_cb (gpointer data)
{
  AllotStore *store = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_usleep (G_USEC_PER_SEC);
  ok = allot_store_end_batch (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return NULL;
}

/* A commits its write a second after B started waiting: B's write then goes
 * through, after A's, and both are stored whole. */
static void
test_writer_waits_then_writes (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GThread *committer;
  gint64 start, waited, dea;

  g_assert_true (allot_store_begin_batch (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (add_agency_in (fx->store, "ATF", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (add_agency_in (fx->store, "USMS", &error), >, 0);
  g_assert_no_error (error);

  committer = g_thread_new ("commit-later", commit_later_cb, fx->store);
  start = g_get_monotonic_time ();
  dea = add_agency_in (fx->other, "DEA", &error);
  waited = g_get_monotonic_time () - start;
  g_thread_join (committer);
  g_test_message ("B waited %.2f s", waited / 1e6);
  g_assert_no_error (error);
  g_assert_cmpint (dea, >, 0);
  g_assert_cmpint (waited, >=, 8 * G_USEC_PER_SEC / 10);
  g_assert_cmpint (waited, <, 4 * G_USEC_PER_SEC);

  g_assert_cmpint (count_agencies (fx, "ATF"), ==, 1);
  g_assert_cmpint (count_agencies (fx, "USMS"), ==, 1);
  g_assert_cmpint (count_agencies (fx, "DEA"), ==, 1);
  /* B's came after both of A's. */
  g_assert_cmpint (test_util_query_file_int (fx->path,
                     "SELECT count(*) FROM agencies WHERE id > "
                     "(SELECT max(id) FROM agencies WHERE code IN ('ATF', 'USMS'))"), ==, 1);
  test_util_assert_audit_whole (fx->other);
}

/* ---- c. forged user names (PostgreSQL) ---- */

/* A login of the application's, as an administrator makes one: a member
 * of allot_app, no superuser, no right to act as anyone else. */
#define CLERK "pgsess_clerk"

static void
ensure_clerk (const char *location)
{
  g_autoptr(AllotDb) admin = test_util_open_raw (location, FALSE);

  test_util_exec (admin, "SET client_min_messages = warning");
  test_util_exec (admin, "DO $$ BEGIN\n"
                         "  CREATE ROLE " CLERK " LOGIN IN ROLE allot_app;\n"
                         "EXCEPTION WHEN duplicate_object OR unique_violation THEN\n"
                         "  GRANT allot_app TO " CLERK ";\n"
                         "END $$");
}

static AllotDb *
open_as_clerk (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = g_strconcat (location, " user=" CLERK, NULL);
  AllotDb *db = allot_db_open_postgres (conninfo, &error);

  g_autofree char *who = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (db);
  who = test_util_query_text (db, "SELECT session_user");
  g_assert_cmpstr (who, ==, CLERK);
  return db;
}

static char *
entry_insert (Fixture    *fx,
              const char *document,
              const char *entered_by)
{
  return g_strdup_printf ("INSERT INTO ledger_entries (allocation_id, kind, amount, entry_date,"
                          " document_number, status, entered_by, entered_at)"
                          " VALUES (%" G_GINT64_FORMAT ", 'obligation', 12345, '2026-01-05',"
                          " '%s', 'draft', '%s', '2026-01-05T09:00:00.000Z')",
                          fx->allocation, document, entered_by);
}

static void
test_forged_user_refused (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(AllotDb) clerk = NULL;
  g_autofree char *before = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *own = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *amendment = NULL;

  if (!test_util_backend_is_postgres ())
    {
      g_test_skip ("PostgreSQL only: on SQLite the program, not the server, names the writer");
      return;
    }
  ensure_clerk (fx->path);
  clerk = open_as_clerk (fx->path);
  before = test_util_dump_db (fx->path);

  /* A ledger entry in the officer's name, written by the clerk's login. */
  forged = entry_insert (fx, "PO-FORGED", TEST_UTIL_OFFICER);
  msg = test_util_exec_expect_failure (clerk, forged);
  g_test_message ("forged entry: %s", msg);
  g_assert_nonnull (strstr (msg, "ledger_entries.entered_by may only name the user of this "
                                 "session: it names " TEST_UTIL_OFFICER));
  g_assert_nonnull (strstr (msg, CLERK));
  g_clear_pointer (&msg, g_free);

  /* An amendment in the administrator's name. */
  amendment = g_strdup_printf ("INSERT INTO amendments (source_id, effective_date, amount,"
                               " description, entered_by, entered_at) VALUES (%" G_GINT64_FORMAT
                               ", '2026-02-01', 500000, 'Supplement', '%s',"
                               " '2026-02-01T09:00:00.000Z')", fx->jag, TEST_UTIL_ADMIN);
  msg = test_util_exec_expect_failure (clerk, amendment);
  g_test_message ("forged amendment: %s", msg);
  g_assert_nonnull (strstr (msg, "amendments.entered_by may only name the user of this session"));
  g_clear_pointer (&msg, g_free);

  /* Nor may the audit log name anyone else. */
  msg = test_util_exec_expect_failure (clerk,
      "INSERT INTO audit_log (\"user\", action, table_name) VALUES ('admin', 'import', 'x')");
  g_assert_nonnull (strstr (msg, "audit_log.user may only name the user of this session"));
  g_clear_pointer (&msg, g_free);
  test_util_assert_unchanged (fx->path, before);

  /* In its own name it is accepted, and audited as the clerk. */
  own = entry_insert (fx, "PO-OWN", CLERK);
  test_util_exec (clerk, own);
  g_assert_cmpint (test_util_query_file_int (fx->path,
                     "SELECT count(*) FROM ledger_entries WHERE document_number = 'PO-OWN'"
                     " AND entered_by = '" CLERK "'"), ==, 1);
  g_assert_cmpint (test_util_query_file_int (fx->path,
                     "SELECT count(*) FROM audit_log WHERE table_name = 'ledger_entries'"
                     " AND action = 'insert' AND \"user\" = '" CLERK "'"), ==, 1);
  test_util_assert_audit_whole (fx->store);
}

static void
test_audit_rewrite_denied (Fixture       *fx,
                           gconstpointer  data)
{
  static const char *const forbidden[] = {
    "UPDATE audit_log SET \"user\" = 'nobody'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
  };
  g_autoptr(AllotDb) clerk = NULL;
  g_autofree char *before = NULL;

  if (!test_util_backend_is_postgres ())
    {
      g_test_skip ("PostgreSQL only: SQLite has no logins (its triggers refuse these; "
                   "see test-audit)");
      return;
    }
  ensure_clerk (fx->path);
  clerk = open_as_clerk (fx->path);
  before = test_util_dump_db (fx->path);
  g_assert_cmpint (test_util_query_int (clerk, "SELECT count(*) FROM audit_log"), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autofree char *msg = test_util_exec_expect_failure (clerk, forbidden[i]);

      g_test_message ("%s -> %s", forbidden[i], msg);
      g_assert_nonnull (strstr (msg, "permission denied for table audit_log"));
    }
  test_util_assert_unchanged (fx->path, before);
}

/* A store opened with the clerk's login cannot be told to write as
 * someone else: the server refuses the SET ROLE and nothing is written. */
static void
test_store_cannot_act_as_another (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *before = NULL;
  gboolean ok;

  if (!test_util_backend_is_postgres ())
    {
      g_test_skip ("PostgreSQL only: on SQLite the store's user is whatever the program says");
      return;
    }
  ensure_clerk (fx->path);
  conninfo = g_strconcat (fx->path, " user=" CLERK, NULL);
  store = open_session (conninfo, NULL);
  g_assert_cmpstr (allot_store_get_user (store), ==, CLERK);

  amendment->source_id = fx->jag;
  test_util_date (&amendment->effective_date, 2026, 2, 1);
  amendment->amount = 500000;
  amendment->description = g_strdup ("Supplement");

  before = test_util_dump_db (fx->path);
  allot_store_set_user (store, TEST_UTIL_ADMIN);
  ok = allot_store_add_amendment (store, amendment, &error);
  test_util_check_refused (fx->path, &before, ok, &error, ALLOT_ERROR_CONSTRAINT,
                           "This connection cannot act as “" TEST_UTIL_ADMIN "”",
                           "each person connects with their own login", NULL);

  /* As itself the same write goes through, in its own name. */
  allot_store_set_user (store, CLERK);
  ok = allot_store_add_amendment (store, amendment, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (test_util_query_file_int (fx->path,
                     "SELECT count(*) FROM amendments WHERE entered_by = '" CLERK "'"), ==, 1);
  test_util_assert_audit_whole (store);
}

/* An administrator's store acting for someone who has no login yet makes
 * the login (a member of allot_app) and writes in that name. */
static void
test_admin_makes_login (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(AllotDb) admin = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_util_backend_is_postgres ())
    {
      g_test_skip ("PostgreSQL only: on SQLite a user is a name, not a login");
      return;
    }
  name = g_strdup_printf ("pgsess_new_%d", (int) getpid ());
  admin = test_util_open_raw (fx->path, FALSE);
  test_util_exec (admin, "SET client_min_messages = warning");
  sql = g_strdup_printf ("DROP ROLE IF EXISTS %s", name);
  test_util_exec (admin, sql);

  allot_store_set_user (fx->store, name);
  g_assert_cmpint (add_agency_in (fx->store, "ATF", &error), >, 0);
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM pg_roles WHERE rolname = '%s' AND rolcanlogin"
                         " AND pg_has_role (rolname, 'allot_app', 'MEMBER')", name);
  g_assert_cmpint (test_util_query_int (admin, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE table_name = 'agencies'"
                         " AND action = 'insert' AND \"user\" = '%s'", name);
  g_assert_cmpint (test_util_query_int (admin, sql), ==, 1);

  /* Back to the officer, and the login made for the test goes. */
  allot_store_set_user (fx->store, TEST_UTIL_OFFICER);
  g_assert_cmpint (add_agency_in (fx->store, "DEA", &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&fx->store);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DROP ROLE %s", name);
  test_util_exec (admin, sql);
}

/* ---- d. an import that does not finish ---- */

/* Just over the importer's first progress report (every 4,096 rows). */
#define N_IMPORT_LINES 4500

static char *
ledger_csv_of (guint n_lines)
{
  GString *csv = g_string_new ("kind,date,amount,document_number,source,task_force,category,"
                               "fiscal_year\n");

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (csv, "obligation,2026-01-%02u,%u.%02u,IMP-%05u,JAG,SST,OT,2026\n",
                            1 + i % 28, 1 + i % 50, i % 100, i);
  return g_string_free (csv, FALSE);
}

static char *
ledger_csv (void)
{
  return ledger_csv_of (N_IMPORT_LINES);
}

static gint64
count_import_traces (const char *location)
{
  return test_util_query_file_int (location,
      "SELECT (SELECT count(*) FROM ledger_entries WHERE document_number LIKE 'IMP-%')"
      " + (SELECT count(*) FROM audit_log WHERE action = 'import')"
      " + (SELECT count(*) FROM audit_log WHERE table_name = 'ledger_entries')");
}

typedef struct {
  guint calls;
  guint rows_at_first;
  GCancellable *cancellable;     /* cancelled at the first report, or NULL */
  const char *kill_location;     /* the database whose importing session is killed, or NULL */
  gint64 killed;
} Interruption;

static void
interrupt_cb (guint64  done,
              guint64  total,
              guint    rows,
              gpointer user_data)
{
  Interruption *it = user_data;

  if (it->calls++ > 0)
    return;
  it->rows_at_first = rows;
  if (it->cancellable != NULL)
    g_cancellable_cancel (it->cancellable);
  if (it->kill_location != NULL)
    {
      /* The importing session is the one named "allot-dropped-import"; an
       * administrator's connection ends it, as a server restart or a
       * network failure would. */
      g_autoptr(AllotDb) admin = test_util_open_raw (it->kill_location, FALSE);

      it->killed = test_util_query_int (admin,
          "SELECT count(pg_terminate_backend (pid, 5000)) FROM pg_stat_activity"
          " WHERE datname = current_database () AND pid <> pg_backend_pid ()"
          " AND application_name = 'allot-dropped-import'");
    }
}

/* Cancelled in the middle (after the first progress report, thousands of
 * rows in): nothing of it stays, on both engines. */
static void
test_import_cancelled_midway (Fixture       *fx,
                              gconstpointer  data)
{
  g_autofree char *csv = ledger_csv ();
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AllotImporter) importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  g_autoptr(GError) error = NULL;
  Interruption it = { 0, 0, cancellable, NULL, 0 };

  allot_importer_set_progress_func (importer, interrupt_cb, &it, NULL);
  g_assert_false (allot_importer_run_data (importer, "midway.csv", csv, strlen (csv),
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  test_util_assert_message_contains (error, "midway.csv", "cancelled", "nothing was written",
                                     NULL);
  g_assert_cmpuint (it.calls, >=, 1);
  g_assert_cmpuint (it.rows_at_first, >, 1000);
  g_assert_cmpuint (it.rows_at_first, <, N_IMPORT_LINES);
  test_util_assert_unchanged (fx->path, before);
  g_assert_false (allot_store_in_batch (fx->store));
  test_util_assert_audit_whole (fx->store);
}

static void
test_import_connection_dropped (Fixture       *fx,
                                gconstpointer  data)
{
  g_autofree char *csv = ledger_csv ();
  g_autofree char *before = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(AllotStore) importing = NULL;
  g_autoptr(AllotStore) fresh = NULL;
  g_autoptr(AllotImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  Interruption it = { 0, 0, NULL, NULL, 0 };

  if (!test_util_backend_is_postgres ())
    {
      g_test_skip ("PostgreSQL only: SQLite has no connection to lose (see "
                   "/sessions/import-cancelled-midway)");
      return;
    }
  g_assert_cmpint (count_import_traces (fx->path), ==, 0);
  before = test_util_dump_db (fx->path);
  conninfo = g_strconcat (fx->path, " application_name=allot-dropped-import", NULL);
  importing = open_session (conninfo, TEST_UTIL_OFFICER);
  importer = allot_importer_new (importing, ALLOT_IMPORT_LEDGER);
  it.kill_location = fx->path;
  allot_importer_set_progress_func (importer, interrupt_cb, &it, NULL);

  g_assert_false (allot_importer_run_data (importer, "dropped.csv", csv, strlen (csv), NULL,
                                           &error));
  g_assert_cmpint (it.killed, ==, 1);
  g_assert_cmpuint (it.rows_at_first, >, 1000);
  g_assert_nonnull (error);
  g_test_message ("import: %s", error->message);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  test_util_assert_message_contains (error, "dropped.csv", "nothing was written",
                                     "The connection to the database server", "was lost", NULL);
  g_assert_null (strstr (error->message, "no connection to the server"));
  g_clear_error (&error);
  g_assert_false (allot_store_in_batch (importing));
  /* The session says the same of any later write, not something about a
   * rollback it could not send. */
  g_assert_cmpint (add_agency_in (importing, "ATF", &error), ==, 0);
  g_test_message ("then: %s", error->message);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  test_util_assert_message_contains (error, "The connection to the database server", NULL);
  g_clear_error (&error);

  /* A fresh session sees the database as it was: no entry of the file, no
   * import event, no audit record of a row, and a whole audit chain. */
  fresh = open_session (fx->path, TEST_UTIL_OFFICER);
  g_assert_cmpint (count_import_traces (fx->path), ==, 0);
  test_util_assert_unchanged (fx->path, before);
  test_util_assert_audit_whole (fresh);
  /* And the start of the file imports on a working connection. */
  g_clear_pointer (&importer, allot_importer_free);
  g_free (csv);
  csv = ledger_csv_of (10);
  importer = allot_importer_new (fresh, ALLOT_IMPORT_LEDGER);
  g_assert_true (allot_importer_run_data (importer, "dropped.csv", csv, strlen (csv), NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_util_query_file_int (fx->path,
                     "SELECT count(*) FROM ledger_entries WHERE document_number LIKE 'IMP-%'"),
                   ==, 10);
  test_util_assert_audit_whole (fresh);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/sessions/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("stale-save-conflicts", test_stale_save_conflicts);
  ADD ("simultaneous-saves", test_simultaneous_saves);
  ADD ("writer-waits-then-busy", test_writer_waits_then_busy);
  ADD ("writer-waits-then-writes", test_writer_waits_then_writes);
  ADD ("forged-user-refused", test_forged_user_refused);
  ADD ("audit-rewrite-denied", test_audit_rewrite_denied);
  ADD ("store-cannot-act-as-another", test_store_cannot_act_as_another);
  ADD ("admin-makes-login", test_admin_makes_login);
  ADD ("import-cancelled-midway", test_import_cancelled_midway);
  ADD ("import-connection-dropped", test_import_connection_dropped);
#undef ADD
  return g_test_run ();
}
