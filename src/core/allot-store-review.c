/* allot-store-review.c: users and roles, the review workflow, closed periods.
 *
 * Design decisions:
 * - A record moves draft -> submitted -> approved, or back to returned (with a
 *   comment) from where it can be edited and submitted again.  Only approved
 *   records count in balances; approved ones can only be voided.
 * - Separation of duties: whoever entered a record or last changed it cannot
 *   approve or return it, and only reviewers and administrators review.
 * - People are users by name.  The first person to write to a new database is
 *   its administrator; anyone else who writes is registered as an officer and
 *   can be promoted by an administrator.  Roles live in the database.
 * - A closed month locks everything dated in it: nothing can be added,
 *   changed, voided or approved there until an administrator reopens it
 *   with a reason.  Both are audited.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-store-private.h"
#include "allot-store-pg.h"
#include "allot-validate-private.h"

/* ---- users ---- */

void
allot_user_free (AllotUser *user)
{
  if (user == NULL)
    return;
  g_free (user->name);
  g_free (user);
}

static AllotUser *
read_user (AllotStmt *stmt)
{
  AllotUser *user = g_new0 (AllotUser, 1);

  user->id = allot_stmt_column_int64 (stmt, 0);
  user->name = allot_db_column_dup (stmt, 1);
  allot_role_from_string ((const char *) allot_stmt_column_text (stmt, 2), &user->role);
  return user;
}

GPtrArray *
allot_store_list_users (AllotStore *self,
                        GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self, "SELECT id, name, role FROM users ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  return allot_store_read_all (self, stmt, (gpointer) read_user,
                               (GDestroyNotify) allot_user_free, error);
}

/* The role of @name; FALSE with NOT_FOUND for someone who never wrote. */
static gboolean
lookup_role (AllotStore *self,
             const char *name,
             AllotRole  *out,
             GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self, "SELECT id, name, role FROM users"
                                                    " WHERE name = ?1", error);
  g_autoptr(AllotUser) user = NULL;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_text (stmt, 1, name, -1, ALLOT_BIND_COPY);
  user = allot_store_read_one (self, stmt, (gpointer) read_user, _("user"), name, error);
  if (user == NULL)
    return FALSE;
  *out = user->role;
  return TRUE;
}

gboolean
allot_store_lookup_role (AllotStore *self,
                         const char *name,
                         AllotRole  *out_role,
                         GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && out_role != NULL, FALSE);
  return lookup_role (self, name, out_role, error);
}

/* Inside a write: the current user must have one of the roles allowed. */
static gboolean
require_role (AllotStore *self,
              gboolean    reviewer_ok,
              const char *what,
              GError    **error)
{
  AllotRole role = ALLOT_ROLE_OFFICER;
  g_autoptr(GError) local = NULL;

  if (!lookup_role (self, self->user, &role, &local) &&
      !g_error_matches (local, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (role == ALLOT_ROLE_ADMINISTRATOR || (reviewer_ok && role == ALLOT_ROLE_REVIEWER))
    return TRUE;
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
               reviewer_ok ? _("%s needs a reviewer or an administrator; %s is an officer.")
                           : _("%s needs an administrator; %s is not one."),
               what, self->user);
  return FALSE;
}

gboolean
allot_store_set_user_role (AllotStore *self,
                           const char *name,
                           AllotRole   role,
                           GError    **error)
{
  AllotStmt *stmt;
  gint64 admins = 0;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  if (!allot_require_text (_("User name"), name, 100, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  ok = require_role (self, FALSE, _("Setting roles"), error);
  if (ok && role != ALLOT_ROLE_ADMINISTRATOR)
    {
      /* Someone must always be able to manage the database. */
      stmt = allot_store_statement (self,
          "SELECT count(*) FROM users WHERE role = 'administrator' AND name <> ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_text (stmt, 1, name, -1, ALLOT_BIND_COPY);
          ok = allot_db_query_int64 (self->db, stmt, &admins, error);
        }
      if (ok && admins == 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("%s is the last administrator; make someone else administrator "
                         "first."), name);
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO users (name, role, created_at)"
          " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"
          " ON CONFLICT (name) DO UPDATE SET role = excluded.role"
          " WHERE users.role IS DISTINCT FROM excluded.role", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_text (stmt, 1, name, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 2, allot_role_to_string (role), -1, ALLOT_BIND_STATIC);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  /* On PostgreSQL a person is a login: the administrator's connection
   * makes it (in this transaction: refused, it is not made either). */
  if (ok && allot_db_backend (self->db) == ALLOT_DB_POSTGRES)
    ok = allot_store_pg_ensure_login (self, name, FALSE, error);
  return allot_store_end_write (self, ok, error);
}

/* ---- periods ---- */

static char *
month_key (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u", g_date_get_year (date), g_date_get_month (date));
}

gboolean
allot_store_check_period_open (AllotStore  *self,
                               const GDate *date,
                               GError     **error)
{
  g_autofree char *month = NULL;
  AllotStmt *stmt;
  int rc;

  if (date == NULL || !g_date_valid (date))
    return TRUE;
  month = month_key (date);
  stmt = allot_store_statement (self,
      "SELECT changed_by, substr (changed_at, 1, 10) FROM periods"
      " WHERE month = ?1 AND closed = 1", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_text (stmt, 1, month, -1, ALLOT_BIND_COPY);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    {
      g_autofree char *iso = allot_date_format_iso (date);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED,
                   _("%s is in %s, a period closed by %s on %s. An administrator must reopen "
                     "it first."), iso, month, allot_stmt_column_text (stmt, 0),
                   allot_stmt_column_text (stmt, 1));
    }
  else if (rc != ALLOT_DB_DONE)
    allot_db_set_error (self->db, rc, error, "Could not read the periods");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

static gboolean
set_period (AllotStore *self,
            int         year,
            int         month,
            gboolean    closed,
            const char *reason,
            GError    **error)
{
  g_autofree char *key = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  if (year < 1900 || year > 2999 || month < 1 || month > 12)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("%04d-%02d is not a month."), year, month);
      return FALSE;
    }
  if (!closed && !allot_require_text (_("Reason for reopening"), reason, 500, error))
    return FALSE;
  key = g_strdup_printf ("%04d-%02d", year, month);
  if (!allot_store_begin_write (self, error))
    return FALSE;
  ok = require_role (self, FALSE, closed ? _("Closing a period") : _("Reopening a period"),
                     error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO periods (month, closed, changed_by, changed_at, reason)"
          " VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?4)"
          " ON CONFLICT (month) DO UPDATE SET closed = excluded.closed,"
          " changed_by = excluded.changed_by, changed_at = excluded.changed_at,"
          " reason = excluded.reason", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_text (stmt, 1, key, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_int (stmt, 2, closed ? 1 : 0);
          allot_stmt_bind_text (stmt, 3, self->user, -1, ALLOT_BIND_COPY);
          allot_db_bind_text_or_null (stmt, 4, reason);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  return allot_store_end_write (self, ok, error);
}

gboolean
allot_store_close_period (AllotStore *self,
                          int         year,
                          int         month,
                          GError    **error)
{
  gboolean closed = FALSE;

  if (year < 1900 || year > 2999 || month < 1 || month > 12)
    return set_period (self, year, month, TRUE, NULL, error);  /* refuses it */
  if (!allot_store_is_period_closed (self, year, month, &closed, error))
    return FALSE;
  if (closed)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%04d-%02d is already closed."), year, month);
      return FALSE;
    }
  return set_period (self, year, month, TRUE, NULL, error);
}

gboolean
allot_store_reopen_period (AllotStore *self,
                           int         year,
                           int         month,
                           const char *reason,
                           GError    **error)
{
  gboolean closed = FALSE;

  if (year < 1900 || year > 2999 || month < 1 || month > 12)
    return set_period (self, year, month, FALSE, reason, error);  /* refuses it */
  if (!allot_store_is_period_closed (self, year, month, &closed, error))
    return FALSE;
  if (!closed)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%04d-%02d is not closed."), year, month);
      return FALSE;
    }
  return set_period (self, year, month, FALSE, reason, error);
}

gboolean
allot_store_is_period_closed (AllotStore *self,
                              int         year,
                              int         month,
                              gboolean   *out_closed,
                              GError    **error)
{
  g_autofree char *key = g_strdup_printf ("%04d-%02d", year, month);
  AllotStmt *stmt;
  gint64 closed = 0;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  stmt = allot_store_statement (self, "SELECT closed FROM periods WHERE month = ?1", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_text (stmt, 1, key, -1, ALLOT_BIND_COPY);
  if (!allot_db_query_int64 (self->db, stmt, &closed, error))
    return FALSE;
  *out_closed = closed != 0;
  return TRUE;
}

/* ---- the workflow ---- */

typedef enum {
  STEP_SUBMIT,
  STEP_APPROVE,
  STEP_RETURN,
} Step;

/* What a workflow step needs to know of a ledger entry or an allocation. */
typedef struct {
  const char *what;          /* "Entry", "Allocation" */
  char *label;               /* document number or id, for messages */
  AllotStatus status;
  gboolean voided;
  char *entered_by;
  char *updated_by;
  GDate date;                /* the entry's date, for closed periods */
  GDate paid_date;
} Reviewed;

static void
reviewed_clear (Reviewed *r)
{
  g_free (r->label);
  g_free (r->entered_by);
  g_free (r->updated_by);
}

static gboolean
check_step (AllotStore     *self,
            const Reviewed *r,
            Step            step,
            GError        **error)
{
  if (r->voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT, _("%s %s is voided."), r->what,
                   r->label);
      return FALSE;
    }
  if (!allot_store_check_period_open (self, &r->date, error) ||
      !allot_store_check_period_open (self, &r->paid_date, error))
    return FALSE;

  switch (step)
    {
    case STEP_SUBMIT:
      if (r->status == ALLOT_STATUS_DRAFT || r->status == ALLOT_STATUS_RETURNED)
        return TRUE;
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s %s is %s; only drafts and returned records can be submitted."),
                   r->what, r->label, allot_status_to_string (r->status));
      return FALSE;
    case STEP_APPROVE:
    case STEP_RETURN:
    default:
      if (r->status != ALLOT_STATUS_SUBMITTED)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("%s %s is %s; only submitted records can be reviewed."),
                       r->what, r->label, allot_status_to_string (r->status));
          return FALSE;
        }
      if (!require_role (self, TRUE, step == STEP_APPROVE ? _("Approving") : _("Returning"),
                         error))
        return FALSE;
      if (g_strcmp0 (r->entered_by, self->user) == 0 ||
          g_strcmp0 (r->updated_by, self->user) == 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("%s %s was entered or last changed by %s, who cannot also review "
                         "it (separation of duties)."), r->what, r->label, self->user);
          return FALSE;
        }
      return TRUE;
    }
}

static gboolean
load_entry (AllotStore *self,
            gint64      id,
            Reviewed   *r,
            GError    **error)
{
  g_autoptr(AllotLedgerEntry) entry = allot_store_lookup_entry (self, id, error);
  AllotStmt *stmt;

  if (entry == NULL)
    return FALSE;
  r->what = _("Entry");
  r->label = g_strdup_printf ("%" PRId64 " (%s)", entry->id, entry->document_number);
  r->status = entry->status;
  r->voided = entry->voided;
  r->entered_by = g_strdup (entry->entered_by);
  r->date = entry->entry_date;
  r->paid_date = entry->paid_date;
  stmt = allot_store_statement (self, "SELECT updated_by FROM ledger_entries WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
    r->updated_by = allot_db_column_dup (stmt, 0);
  allot_stmt_reset (stmt);
  return TRUE;
}

static gboolean
load_allocation (AllotStore *self,
                 gint64      id,
                 Reviewed   *r,
                 GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT status, voided, entered_by, updated_by FROM allocations WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  rc = allot_stmt_step (stmt);
  if (rc != ALLOT_DB_ROW)
    {
      allot_stmt_reset (stmt);
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                   _("There is no allocation %" PRId64 "."), id);
      return FALSE;
    }
  r->what = _("Allocation");
  r->label = g_strdup_printf ("%" PRId64, id);
  allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 0), &r->status);
  r->voided = allot_stmt_column_int (stmt, 1) != 0;
  r->entered_by = allot_db_column_dup (stmt, 2);
  r->updated_by = allot_db_column_dup (stmt, 3);
  g_date_clear (&r->date, 1);
  g_date_clear (&r->paid_date, 1);
  allot_stmt_reset (stmt);
  return TRUE;
}

/* An entry can be approved only once what it depends on is approved: its
 * allocation, and the obligation it liquidates or adjusts. */
static gboolean
check_entry_dependencies (AllotStore *self,
                          gint64      id,
                          GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT a.status, a.id, o.status, o.document_number FROM ledger_entries e"
      " JOIN allocations a ON a.id = e.allocation_id"
      " LEFT JOIN ledger_entries o ON o.id = e.obligation_id WHERE e.id = ?1", error);
  gboolean ok = TRUE;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
    {
      if (g_strcmp0 ((const char *) allot_stmt_column_text (stmt, 0), "approved") != 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Allocation %" PRId64 " is not approved yet; approve it "
                         "before the entries charged to it."), (gint64) allot_stmt_column_int64 (stmt, 1));
          ok = FALSE;
        }
      else if (allot_stmt_column_type (stmt, 2) != ALLOT_DB_TYPE_NULL &&
               g_strcmp0 ((const char *) allot_stmt_column_text (stmt, 2), "approved") != 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Obligation %s is not approved yet; approve it first."),
                       allot_stmt_column_text (stmt, 3));
          ok = FALSE;
        }
    }
  allot_stmt_reset (stmt);
  return ok;
}

static gboolean
review (AllotStore *self,
        gboolean    allocation,
        gint64      id,
        Step        step,
        const char *comment,
        GError    **error)
{
  static const char *const new_status[] = { "submitted", "approved", "returned" };
  Reviewed r = { 0 };
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  if (step == STEP_RETURN && !allot_require_text (_("Comment"), comment, 1000, error))
    return FALSE;
  if (!allot_store_begin_write (self, error))
    return FALSE;
  ok = allocation ? load_allocation (self, id, &r, error) : load_entry (self, id, &r, error);
  ok = ok && check_step (self, &r, step, error);
  if (ok && step == STEP_APPROVE && !allocation)
    ok = check_entry_dependencies (self, id, error);
  if (ok)
    {
      stmt = allocation
        ? allot_store_statement (self,
            "UPDATE allocations SET status = ?2, review_comment = ?3,"
            " reviewed_by = CASE WHEN ?2 = 'submitted' THEN NULL ELSE ?4 END,"
            " reviewed_at = CASE WHEN ?2 = 'submitted' THEN NULL"
            "   ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,"
            " version = version + 1 WHERE id = ?1", error)
        : allot_store_statement (self,
            "UPDATE ledger_entries SET status = ?2, review_comment = ?3,"
            " reviewed_by = CASE WHEN ?2 = 'submitted' THEN NULL ELSE ?4 END,"
            " reviewed_at = CASE WHEN ?2 = 'submitted' THEN NULL"
            "   ELSE strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,"
            " version = version + 1 WHERE id = ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, id);
          allot_stmt_bind_text (stmt, 2, new_status[step], -1, ALLOT_BIND_STATIC);
          allot_db_bind_text_or_null (stmt, 3, comment);
          allot_stmt_bind_text (stmt, 4, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  reviewed_clear (&r);
  return allot_store_end_write (self, ok, error);
}

gboolean
allot_store_submit_entry (AllotStore *self, gint64 id, GError **error)
{
  return review (self, FALSE, id, STEP_SUBMIT, NULL, error);
}

gboolean
allot_store_approve_entry (AllotStore *self, gint64 id, GError **error)
{
  return review (self, FALSE, id, STEP_APPROVE, NULL, error);
}

gboolean
allot_store_return_entry (AllotStore *self, gint64 id, const char *comment, GError **error)
{
  return review (self, FALSE, id, STEP_RETURN, comment, error);
}

gboolean
allot_store_submit_allocation (AllotStore *self, gint64 id, GError **error)
{
  return review (self, TRUE, id, STEP_SUBMIT, NULL, error);
}

gboolean
allot_store_approve_allocation (AllotStore *self, gint64 id, GError **error)
{
  return review (self, TRUE, id, STEP_APPROVE, NULL, error);
}

gboolean
allot_store_return_allocation (AllotStore *self, gint64 id, const char *comment,
                               GError **error)
{
  return review (self, TRUE, id, STEP_RETURN, comment, error);
}
