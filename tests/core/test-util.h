/* test-util.h: helpers shared by the core storage tests.
 *
 * The helpers that build records abort the test on any error: they set up a
 * scenario, they are not what is being tested.  The raw helpers open the
 * database on a connection of their own (through the storage interface,
 * AllotDb), the way another program would, so that what they observe does
 * not depend on the store under test.
 */
#pragma once

#include <glib.h>
#include "allot-db-private.h"
#include "allot-error.h"
#include "allot-records.h"
#include "allot-store.h"

G_BEGIN_DECLS

/* A new private temporary directory; remove it with test_util_remove_tree(). */
char *test_util_make_tmpdir (void);
/* Removes @dir and everything below it (files and one level of folders are
 * all the tests create, but it recurses anyway). */
void test_util_remove_tree (const char *dir);

/* The end of a test on a database of its own: closes *@store, drops the
 * database at *@path on PostgreSQL, removes the folder *@dir with
 * everything in it, and frees *@dir and *@path. */
void test_util_close_store (AllotStore **store, char **dir, char **path);

/* ---- the backend under test ----
 *
 * With the environment variable ALLOT_TEST_PG_CONNINFO set to the libpq
 * conninfo ("key=value ...") of a throwaway cluster's superuser, every store
 * the tests make is a fresh PostgreSQL database on that cluster; without it,
 * an SQLite file.  A "location" below is either: a file path or a conninfo. */

/* TRUE when the tests run against PostgreSQL. */
gboolean test_util_backend_is_postgres (void);

/* For a test about the SQLite file itself (its bytes, its permissions, its
 * pragmas, backups, old files): on PostgreSQL marks the test skipped with
 * @reason and returns TRUE (the caller returns); on SQLite returns FALSE. */
gboolean test_util_skip_unless_sqlite (const char *reason);

/* Where a new database named @name goes: @dir/@name on SQLite (nothing is
 * created); on PostgreSQL a new empty database is created on the cluster
 * (and the logins the tests use exist) and its conninfo is returned.  Free
 * with g_free(); drop with test_util_drop_location(). */
char *test_util_new_location (const char *dir, const char *name);

/* On PostgreSQL drops the database test_util_new_location() made (after
 * its stores are closed); on SQLite does nothing (the folder goes with
 * test_util_remove_tree()). */
void test_util_drop_location (const char *location);

/* @sqlite or @postgres, for the backend under test: the few queries of the
 * tests that the two dialects spell differently (json_extract(), ...). */
const char *test_util_sql (const char *sqlite, const char *postgres);

/* Every row of every table of the database at @location, values tagged with
 * their type, plus what identifies the schema.  SQLite: sqlite_schema order,
 * each table ORDER BY rowid, the schema itself and PRAGMA user_version /
 * application_id.  PostgreSQL: the tables of schema public by name, each
 * ordered by its primary key (or all its columns), the columns, indexes and
 * triggers (with whether they are enabled).  Read through a separate
 * connection; only comparable with a dump of the same backend. */
char *test_util_dump_db (const char *location);

/* Asserts that the dump of @path is still @before. */
#define test_util_assert_unchanged(path, before)                        \
  G_STMT_START {                                                        \
    g_autofree char *test_util_after_ = test_util_dump_db (path);      \
    g_assert_cmpstr (test_util_after_, ==, (before));                   \
  } G_STMT_END

/* A raw connection to @location of its own, the way another program (or an
 * attacker with file access) would open it.  SQLite: read-write, no
 * create; when @with_user is TRUE stand-ins for the SQL functions only Allot
 * registers (allot_user() returning "raw", and the audit chain's hash
 * function) are registered, so that only the refusing triggers, not a
 * missing function, can stop a statement.  PostgreSQL: the cluster's
 * superuser (ALLOT_TEST_PG_CONNINFO) on that database; @with_user changes
 * nothing (the server knows who is connected).  Close with allot_db_close(). */
AllotDb *test_util_open_raw (const char *location, gboolean with_user);

/* Runs @sql on @db and expects it to fail; returns the engine's message. */
char *test_util_exec_expect_failure (AllotDb *db, const char *sql);

/* Runs @sql on @db and aborts the test when it fails. */
void test_util_exec (AllotDb *db, const char *sql);

/* A single integer of a query run on @db (0 when there is no row). */
gint64 test_util_query_int (AllotDb *db, const char *sql);
/* A single text of a query run on @db (NULL when there is no row or it is NULL). */
char *test_util_query_text (AllotDb *db, const char *sql);
/* The same, on a raw connection of its own to @location (no stand-in functions). */
gint64 test_util_query_file_int (const char *location, const char *sql);
char *test_util_query_file_text (const char *location, const char *sql);

/* Asserts that @error's message contains every string of the NULL-terminated list. */
void test_util_assert_message_contains (const GError *error, ...) G_GNUC_NULL_TERMINATED;

/* Checks a refusal: @ok is FALSE, *@error has @code (ALLOT_ERROR) and a
 * message holding every string of the NULL-terminated list, and the database
 * at @path is unchanged since *@before (a test_util_dump_db()).  Frees
 * *@before and clears *@error. */
void test_util_check_refused (const char *path, char **before, gboolean ok, GError **error,
                              int code, ...) G_GNUC_NULL_TERMINATED;

/* The audit chain of @store is whole and every row matches its last audit
 * image (allot_store_verify_audit() finds no problem). */
void test_util_assert_audit_whole (AllotStore *store);

/* @sql, run on a raw connection of its own to @path (test_util_open_raw()
 * with the stand-in functions), is refused with a message containing @part:
 * a trigger, not the store, stops it. */
void test_util_assert_sql_refused (const char *path, const char *sql, const char *part);

/* A valid date. */
void test_util_date (GDate *date, int year, int month, int day);

/* The users test_util_create_store() sets up: the administrator (the
 * first writer), a reviewer, and the officer the store is left writing as. */
#define TEST_UTIL_ADMIN    "admin"
#define TEST_UTIL_REVIEWER "reviewer"
#define TEST_UTIL_OFFICER  "officer"

/* A new database at @dir/@name (test_util_new_location()), created (and
 * migrated) by the store, with the three users above
 * (test_util_set_up_users()); the store writes as TEST_UTIL_OFFICER.
 * *@out_path gets the location. */
AllotStore *test_util_create_store (const char *dir, const char *name, char **out_path);

/* On a database nobody has written to yet: makes TEST_UTIL_ADMIN its
 * administrator, TEST_UTIL_REVIEWER a reviewer, and leaves @store writing as
 * TEST_UTIL_OFFICER. */
void test_util_set_up_users (AllotStore *store);

/* Approves a draft or submitted allocation or entry: submits it as the
 * store's current user if it is a draft, then approves it as
 * TEST_UTIL_REVIEWER (separation of duties), and restores the user. */
void test_util_approve_allocation (AllotStore *store, gint64 id);
void test_util_approve_entry (AllotStore *store, gint64 id);

/* Builders: each stores the record and returns its id.  An allocation or an
 * entry asked for with ALLOT_STATUS_APPROVED is entered as submitted and
 * approved by the reviewer (test_util_approve_*()). */
gint64 test_util_add_agency (AllotStore *store, const char *code, const char *name,
                             AllotAgencyLevel level);
gint64 test_util_add_task_force (AllotStore *store, const char *code, const char *name,
                                 gint64 lead_agency_id);
gint64 test_util_add_category (AllotStore *store, const char *code, const char *name,
                               char sf424a_line);
/* A grant with period of performance [@pop_start, @pop_end] (ISO text). */
gint64 test_util_add_grant (AllotStore *store, const char *code, const char *award_number,
                            gint64 award_amount, const char *pop_start, const char *pop_end);
gint64 test_util_add_appropriation (AllotStore *store, const char *code, int fiscal_year,
                                    gint64 amount);
gint64 test_util_add_agreement (AllotStore *store, const char *code, const char *number,
                                gint64 partner_agency_id, const char *term_start,
                                const char *term_end);
gint64 test_util_add_forfeiture (AllotStore *store, const char *code,
                                 AllotForfeitureProgram program);
gint64 test_util_add_amendment (AllotStore *store, gint64 source_id, const char *date,
                                gint64 amount, const char *description);
gint64 test_util_add_receipt (AllotStore *store, gint64 source_id, AllotReceiptKind kind,
                              const char *date, gint64 amount, const char *case_number);
gint64 test_util_add_contribution (AllotStore *store, gint64 source_id,
                                   AllotContributionSide side, AllotContributionForm form,
                                   gint64 valuation, const char *description);
gint64 test_util_add_allocation (AllotStore *store, gint64 source_id, gint64 task_force_id,
                                 gint64 category_id, int fiscal_year, gint64 amount,
                                 AllotStatus status);
/* @obligation_id 0 = none; @status is the entry's review status. */
gint64 test_util_add_entry (AllotStore *store, gint64 allocation_id, AllotEntryKind kind,
                            gint64 amount, const char *date, gint64 obligation_id,
                            const char *document_number, AllotStatus status);

/* A fresh ledger entry record filled like test_util_add_entry() would, not stored. */
AllotLedgerEntry *test_util_new_entry (gint64 allocation_id, AllotEntryKind kind, gint64 amount,
                                       const char *date, gint64 obligation_id,
                                       const char *document_number);

G_END_DECLS
