/* allot-store.h: the one door to an Allot database.
 *
 * Every write is one transaction (BEGIN IMMEDIATE); a refused write leaves the
 * database exactly as it was.  Every write is recorded in the audit log by
 * triggers inside the database, with the store's current user.  No SQL is
 * visible above this interface.
 *
 * Lists are returned as GPtrArray of records that own their contents (the
 * array frees them).  The app wraps them in list items of its own; the large
 * ledger list is paged by key (allot_store_list_ledger_page()).
 */
#pragma once

#include <gio/gio.h>

#include "allot-records.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_STORE (allot_store_get_type ())
G_DECLARE_FINAL_TYPE (AllotStore, allot_store, ALLOT, STORE, GObject)

typedef enum {
  ALLOT_STORE_OPEN_EXISTING = 0,
  ALLOT_STORE_OPEN_CREATE   = 1 << 0,  /* create (mode 0600) and initialize if missing */
} AllotStoreOpenFlags;

/* The schema version this build writes (PRAGMA user_version). */
#define ALLOT_SCHEMA_VERSION allot_store_schema_version ()
int allot_store_schema_version (void);

/* Opens @path.  A file that is not an Allot database, fails quick_check, or
 * comes from a newer Allot is refused with ALLOT_ERROR_CORRUPT and left
 * untouched.  Older schemas are migrated, one transaction per step.  The
 * quick_check runs on files up to 64 MiB only (ALLOT_OPEN_CHECK_MAX_BYTES;
 * see allot-store.c): larger ones are checked by allot_store_verify_file(). */
AllotStore *allot_store_open (const char          *path,
                              AllotStoreOpenFlags  flags,
                              GError             **error);

/* PRAGMA quick_check of the whole file: ALLOT_ERROR_CORRUPT when damaged.
 * allot_store_check() and allot_store_verify_audit() begin with it. */
gboolean allot_store_verify_file (AllotStore *self,
                                  GError    **error);

/* The default database: $ALLOT_DB, else $XDG_DATA_HOME/allot/allot.db. */
char *allot_store_default_path (void);

const char *allot_store_get_path (AllotStore *self);

/* Locations: what allot_store_open() takes, a file path or a PostgreSQL
 * server's libpq URI ("postgresql://user@host/dbname") or conninfo
 * ("host=h dbname=d").  TRUE for a server. */
gboolean allot_store_location_is_server      (const char *location);
/* @location without its password (a URI's "user:password@" and "password"
 * parameter, a conninfo's "password=..."), otherwise as written: what may be
 * shown in full or remembered, and still connects when the password comes
 * from ~/.pgpass or the server needs none.  A file path is returned as is. */
char    *allot_store_location_strip_password (const char *location);
/* A short name for people: a file's base name, or "dbname on host" (with
 * ":port" when it is not 5432) for a server.  Never holds the password. */
char    *allot_store_location_display        (const char *location);

/* A number that moves whenever anyone commits a write to the database (the
 * last audit record's id: every write is audited, on both engines), for a
 * window to notice another person's changes cheaply (one indexed max()). */
gint64 allot_store_change_marker (AllotStore *self,
                                  GError    **error);

/* Who is recorded in the audit log and in "entered by" columns.  Defaults
 * to the login name. */
void        allot_store_set_user (AllotStore *self,
                                  const char *user);
const char *allot_store_get_user (AllotStore *self);

/* Settings (jurisdiction data, not preferences). */
guint  allot_store_get_fy_start_month (AllotStore *self);
/* Refused once the database has allocations. */
gboolean allot_store_set_fy_start_month (AllotStore *self, guint month, GError **error);
char  *allot_store_dup_setting (AllotStore *self, const char *key);
gboolean allot_store_set_setting (AllotStore *self, const char *key, const char *value,
                                  GError **error);

/* The fiscal year containing today. */
int allot_store_current_fiscal_year (AllotStore *self);

/* A consistent copy of the whole database into @dest_path (SQLite online
 * backup), written to a temporary name and renamed into place. */
gboolean allot_store_backup (AllotStore *self,
                             const char *dest_path,
                             GError    **error);

/* A batch makes many writes one transaction (an import is all or nothing):
 * inside it each write is a savepoint, so a refused record leaves the earlier
 * ones in place until allot_store_end_batch() commits or rolls back all. */
gboolean allot_store_begin_batch (AllotStore *self, GError **error);
gboolean allot_store_end_batch   (AllotStore *self, gboolean commit, GError **error);
gboolean allot_store_in_batch    (AllotStore *self);

/* Appends an event of the application (an import, a period close ...) to the
 * audit log: @details_json is a JSON object or NULL. */
gboolean allot_store_log_event (AllotStore *self,
                                const char *action,
                                const char *table_name,
                                gint64      record_id,
                                const char *details_json,
                                GError    **error);

/* TRUE when the database holds no agencies, sources, task forces or ledger
 * entries (settings, users and categories do not count). */
gboolean allot_store_is_empty (AllotStore *self, GError **error);

/* ---- agencies, task forces, categories ---- */

gboolean allot_store_add_agency     (AllotStore *self, AllotAgency *agency, GError **error);
gboolean allot_store_update_agency  (AllotStore *self, AllotAgency *agency, GError **error);
AllotAgency *allot_store_lookup_agency (AllotStore *self, gint64 id, GError **error);
AllotAgency *allot_store_lookup_agency_by_code (AllotStore *self, const char *code,
                                                GError **error);
GPtrArray   *allot_store_list_agencies (AllotStore *self, GError **error);

gboolean allot_store_add_task_force    (AllotStore *self, AllotTaskForce *tf, GError **error);
gboolean allot_store_update_task_force (AllotStore *self, AllotTaskForce *tf, GError **error);
AllotTaskForce *allot_store_lookup_task_force (AllotStore *self, gint64 id, GError **error);
AllotTaskForce *allot_store_lookup_task_force_by_code (AllotStore *self, const char *code,
                                                       GError **error);
GPtrArray *allot_store_list_task_forces (AllotStore *self, GError **error);

gboolean allot_store_add_category    (AllotStore *self, AllotCategory *category, GError **error);
gboolean allot_store_update_category (AllotStore *self, AllotCategory *category, GError **error);
AllotCategory *allot_store_lookup_category (AllotStore *self, gint64 id, GError **error);
AllotCategory *allot_store_lookup_category_by_code (AllotStore *self, const char *code,
                                                    GError **error);
GPtrArray *allot_store_list_categories (AllotStore *self, GError **error);

/* Removes an agency, task force (with its member list) or category that no
 * record refers to: how the app undoes creating one.  Refused with
 * ALLOT_ERROR_CONSTRAINT, naming what refers to it, once anything does.  The
 * audit log keeps the removed row's last image (action "delete"). */
gboolean allot_store_remove_agency     (AllotStore *self, gint64 agency_id, GError **error);
gboolean allot_store_remove_task_force (AllotStore *self, gint64 task_force_id, GError **error);
gboolean allot_store_remove_category   (AllotStore *self, gint64 category_id, GError **error);

/* ---- funding sources ---- */

/* On success sets source->id and source->version.  Kind-specific fields are
 * validated here (dates in order, Assistance Listing "NN.NNN", ...). */
gboolean allot_store_add_source    (AllotStore *self, AllotSource *source, GError **error);
gboolean allot_store_update_source (AllotStore *self, AllotSource *source, GError **error);
AllotSource *allot_store_lookup_source (AllotStore *self, gint64 id, GError **error);
AllotSource *allot_store_lookup_source_by_code (AllotStore *self, const char *code,
                                                GError **error);
/* All sources, by kind then code. */
GPtrArray *allot_store_list_sources (AllotStore *self, GError **error);

gboolean   allot_store_add_amendment (AllotStore *self, AllotAmendment *amendment, GError **error);
GPtrArray *allot_store_list_amendments (AllotStore *self, gint64 source_id, GError **error);

gboolean   allot_store_add_receipt (AllotStore *self, AllotReceipt *receipt, GError **error);
GPtrArray *allot_store_list_receipts (AllotStore *self, gint64 source_id, GError **error);

gboolean   allot_store_add_contribution (AllotStore *self, AllotContribution *contribution,
                                         GError **error);
GPtrArray *allot_store_list_contributions (AllotStore *self, gint64 source_id, GError **error);
/* Voids a contribution with a reason (required); refused when the
 * agreement's allocations would no longer fit what it authorizes.  Receipts,
 * drawdowns and match entries are voided with allot_store_void_record()
 * (allot-personnel.h), which also refuses a closed month. */
gboolean   allot_store_void_contribution (AllotStore *self, gint64 contribution_id,
                                          const char *reason, GError **error);

gboolean   allot_store_add_drawdown (AllotStore *self, AllotDrawdown *drawdown, GError **error);
GPtrArray *allot_store_list_drawdowns (AllotStore *self, gint64 source_id, GError **error);

/* The recipient's share of a grant, cash or in kind. */
gboolean   allot_store_add_match_entry (AllotStore *self, AllotMatchEntry *match, GError **error);
GPtrArray *allot_store_list_match_entries (AllotStore *self, gint64 source_id, GError **error);

/* What the source makes available now: award + amendments (grant), the
 * appropriated amount, the partner's cash contributions (agreement), or
 * receipts + interest (forfeiture). */
gboolean allot_store_source_authorized (AllotStore *self, gint64 source_id, gint64 *out_cents,
                                        GError **error);

/* ---- allocations and the ledger ---- */

/* Refused with ALLOT_ERROR_CONSTRAINT when the source's allocations would
 * exceed what it authorizes; the message names the source, the amount asked
 * and the amount still free.  New allocations and entries are drafts or
 * submitted; see allot_store_approve_entry().  Only drafts and returned
 * records can be updated. */
gboolean allot_store_add_allocation    (AllotStore *self, AllotAllocation *allocation,
                                        GError **error);
gboolean allot_store_update_allocation (AllotStore *self, AllotAllocation *allocation,
                                        GError **error);
AllotAllocation *allot_store_lookup_allocation (AllotStore *self, gint64 id, GError **error);
/* @fiscal_year 0 = every year; @source_id 0 = every source. */
GPtrArray *allot_store_list_allocations (AllotStore *self, int fiscal_year, gint64 source_id,
                                         GError **error);

gboolean allot_store_add_entry    (AllotStore *self, AllotLedgerEntry *entry, GError **error);
gboolean allot_store_update_entry (AllotStore *self, AllotLedgerEntry *entry, GError **error);
AllotLedgerEntry *allot_store_lookup_entry (AllotStore *self, gint64 id, GError **error);
/* Records when an approved (or pending) expenditure incurred earlier was paid:
 * the one change allowed after approval, since cash and accrual reports both
 * need it. */
gboolean allot_store_record_payment (AllotStore *self, gint64 entry_id, const GDate *paid_date,
                                     GError **error);
/* Voids an entry (kept, flagged, with the reason, who and when). */
gboolean allot_store_void_entry (AllotStore *self, gint64 entry_id, const char *reason,
                                 GError **error);

typedef struct {
  int fiscal_year;          /* 0 = any (of the allocation) */
  gint64 source_id;         /* 0 = any */
  gint64 task_force_id;     /* 0 = any */
  gint64 category_id;       /* 0 = any */
  int kind;                 /* AllotEntryKind, or -1 = any */
  int status;               /* AllotStatus, or -1 = any */
  gboolean include_voided;
  const char *search;       /* substring of document, payee or description; NULL = any */
} AllotLedgerFilter;

void allot_ledger_filter_init (AllotLedgerFilter *filter);

/* Every entry matching @filter, oldest first (date, then id). */
GPtrArray *allot_store_list_ledger (AllotStore *self, const AllotLedgerFilter *filter,
                                    GError **error);

/* ---- balances, derived in SQL ---- */

typedef struct {
  gint64 authorized;   /* source: what it makes available; others: the allocated budget */
  gint64 allocated;
  gint64 obligated;    /* obligations less deobligations */
  gint64 expended;     /* expenditures and adjustments */
  gint64 unliquidated; /* obligated - the expenditures that liquidated them */
  gint64 available;    /* authorized - (expended + unliquidated) */
} AllotBalance;

typedef enum {
  ALLOT_BALANCE_BY_SOURCE,
  ALLOT_BALANCE_BY_ALLOCATION,
  ALLOT_BALANCE_BY_TASK_FORCE,
  ALLOT_BALANCE_BY_FISCAL_YEAR,
  ALLOT_BALANCE_BY_KIND,
} AllotBalanceGrouping;

typedef struct {
  AllotBalanceGrouping grouping;
  gint64 id;           /* source, allocation or task force id; kind as int; 0 for FY rows */
  char *code;          /* source / task force code, kind name, or "FY2026" */
  char *name;
  int fiscal_year;     /* 0 where the row spans years */
  AllotBalance balance;
} AllotBalanceRow;

void allot_balance_row_free (AllotBalanceRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotBalanceRow, allot_balance_row_free)

/* Rows of one grouping.  @fiscal_year 0 = all years.  For the source and kind
 * groupings without a fiscal year, "authorized" is what the sources
 * authorize; in every other case it is the allocated budget in scope, so that
 * available = authorized - expended - unliquidated holds on every row. */
GPtrArray *allot_store_list_balances (AllotStore          *self,
                                      AllotBalanceGrouping grouping,
                                      int                  fiscal_year,
                                      GError             **error);

/* Records of one fiscal year entered but not yet approved (draft, submitted
 * or returned, unvoided), by kind of source; they are not in any balance. */
typedef struct {
  guint n_allocations;
  gint64 allocated;
  guint n_entries;
  gint64 obligated;    /* obligations */
  gint64 expended;     /* expenditures */
} AllotPending;

/* Fills @pending, indexed by AllotSourceKind. */
gboolean allot_store_pending_by_kind (AllotStore   *self,
                                      int           fiscal_year,
                                      AllotPending  pending[ALLOT_SOURCE_N_KINDS],
                                      GError      **error);

/* The fiscal years that have allocations, ascending (GArray of int). */
GArray *allot_store_list_fiscal_years (AllotStore *self, GError **error);

/* ---- users, review, periods ---- */

typedef struct {
  gint64 id;
  char *name;
  AllotRole role;
} AllotUser;

void allot_user_free (AllotUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotUser, allot_user_free)

GPtrArray *allot_store_list_users (AllotStore *self, GError **error);
/* NOT_FOUND for a name that never wrote to the database. */
gboolean allot_store_lookup_role (AllotStore *self, const char *name, AllotRole *out_role,
                                  GError **error);
/* Adds @name or changes its role; administrators only.  The last
 * administrator cannot be demoted. */
gboolean allot_store_set_user_role (AllotStore *self, const char *name, AllotRole role,
                                    GError **error);

/* draft/returned -> submitted -> approved, or -> returned with a comment.
 * Approving and returning need a reviewer or administrator who neither entered
 * nor last changed the record.  An entry is approved only after its allocation
 * and the obligation it liquidates. */
gboolean allot_store_submit_entry      (AllotStore *self, gint64 id, GError **error);
gboolean allot_store_approve_entry     (AllotStore *self, gint64 id, GError **error);
gboolean allot_store_return_entry      (AllotStore *self, gint64 id, const char *comment,
                                        GError **error);
gboolean allot_store_submit_allocation (AllotStore *self, gint64 id, GError **error);
gboolean allot_store_approve_allocation (AllotStore *self, gint64 id, GError **error);
gboolean allot_store_return_allocation (AllotStore *self, gint64 id, const char *comment,
                                        GError **error);

/* Closing a month locks everything dated in it (ALLOT_ERROR_LOCKED) until an
 * administrator reopens it with a reason. */
gboolean allot_store_close_period  (AllotStore *self, int year, int month, GError **error);
gboolean allot_store_reopen_period (AllotStore *self, int year, int month, const char *reason,
                                    GError **error);
gboolean allot_store_is_period_closed (AllotStore *self, int year, int month,
                                       gboolean *out_closed, GError **error);

/* ---- audit ---- */

typedef struct {
  gint64 id;
  char *at;            /* UTC ISO 8601 */
  char *user;
  char *action;        /* insert, update, void, delete; or an application event */
  char *table_name;
  gint64 record_id;
  char *before;        /* JSON, NULL for inserts */
  char *after;         /* JSON */
} AllotAuditRecord;

void allot_audit_record_free (AllotAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotAuditRecord, allot_audit_record_free)

/* What allot_store_verify_audit() found.  problem is NULL when the chain is
 * whole and every audited row matches its last audit record. */
typedef struct {
  gint64 n_records;
  char *last_hash;          /* of the last record, to note elsewhere */
  gint64 broken_id;         /* first audit record whose link is broken, or 0 */
  char *broken_table;       /* or the first row that differs from its audit trail */
  gint64 broken_record;
  char *problem;            /* for people */
} AllotAuditVerdict;

void allot_audit_verdict_clear (AllotAuditVerdict *verdict);

/* Checks the hash chain of the audit log from its first record, then that
 * every audited row equals the "after" image of its latest audit record.
 * Returns FALSE only when the check itself could not run. */
gboolean allot_store_verify_audit (AllotStore *self, AllotAuditVerdict *verdict,
                                   GError **error);

/* The history of one record (@table_name NULL and @record_id 0 = everything). */
GPtrArray *allot_store_list_audit (AllotStore *self, const char *table_name, gint64 record_id,
                                   GError **error);

G_END_DECLS
