/* allot-store-personnel.c: officers, their assignments to task forces,
 * overtime and its caps, reimbursement claims and their payments; and the
 * voiding of every record migration 3 added.
 *
 * Design decisions:
 * - Overtime goes through the review workflow of the ledger: entered as a
 *   draft or submitted, approved by a reviewer or administrator who neither
 *   entered nor changed it; only approved entries count.  An approved entry
 *   can only be voided (and entered again).
 * - An overtime entry over a cap is recorded anyway: the officer worked the
 *   hours.  What is within the caps is derived by the view
 *   overtime_cap_usage (allot-schema-reports.c); the report and the
 *   compliance rule flag the rest.
 * - The amount is computed here (allot_overtime_amount()) and checked again
 *   by the table, so it cannot disagree with hours, rate and multiplier.
 * - Claims are per officer, task force and period because that is how the
 *   federal partners' overtime invoices are made (one officer, one month).
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-personnel.h"
#include "allot-store-private.h"
#include "allot-validate-private.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* ---- records ---- */

AllotOfficer *
allot_officer_new (void)
{
  AllotOfficer *officer = g_new0 (AllotOfficer, 1);

  officer->active = TRUE;
  return officer;
}

void
allot_officer_free (AllotOfficer *officer)
{
  if (officer == NULL)
    return;
  g_free (officer->badge);
  g_free (officer->name);
  g_free (officer);
}

AllotAssignment *
allot_assignment_new (void)
{
  AllotAssignment *assignment = g_new0 (AllotAssignment, 1);

  g_date_clear (&assignment->start_date, 1);
  g_date_clear (&assignment->end_date, 1);
  return assignment;
}

void
allot_assignment_free (AllotAssignment *assignment)
{
  g_free (assignment);
}

AllotOvertimeCap *
allot_overtime_cap_new (void)
{
  return g_new0 (AllotOvertimeCap, 1);
}

void
allot_overtime_cap_free (AllotOvertimeCap *cap)
{
  g_free (cap);
}

AllotOvertimeEntry *
allot_overtime_entry_new (void)
{
  AllotOvertimeEntry *entry = g_new0 (AllotOvertimeEntry, 1);

  g_date_clear (&entry->work_date, 1);
  entry->multiplier = 150;
  entry->status = ALLOT_STATUS_SUBMITTED;
  return entry;
}

void
allot_overtime_entry_free (AllotOvertimeEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->case_number);
  g_free (entry->description);
  g_free (entry->entered_by);
  g_free (entry);
}

AllotClaim *
allot_claim_new (void)
{
  AllotClaim *claim = g_new0 (AllotClaim, 1);

  g_date_clear (&claim->invoice_date, 1);
  g_date_clear (&claim->period_start, 1);
  g_date_clear (&claim->period_end, 1);
  return claim;
}

void
allot_claim_free (AllotClaim *claim)
{
  if (claim == NULL)
    return;
  g_free (claim->invoice_number);
  g_free (claim);
}

AllotClaimPayment *
allot_claim_payment_new (void)
{
  AllotClaimPayment *payment = g_new0 (AllotClaimPayment, 1);

  g_date_clear (&payment->received_date, 1);
  return payment;
}

void
allot_claim_payment_free (AllotClaimPayment *payment)
{
  if (payment == NULL)
    return;
  g_free (payment->reference);
  g_free (payment);
}

gint64
allot_overtime_amount (gint64 hours,
                       gint64 base_rate,
                       gint64 multiplier)
{
  if (hours < 1 || hours > 2400 || base_rate < 1 || base_rate > 100000 ||
      multiplier < 100 || multiplier > 300)
    return -1;
  /* All factors are positive: integer division after adding half the
   * divisor rounds half up.  At most 2400 * 100000 * 300 = 7.2e10. */
  return (hours * base_rate * multiplier + 5000) / 10000;
}

int
allot_federal_fiscal_year_of (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  return allot_fiscal_year_of (date, 10);
}

/* ---- shared checks ---- */

/* An agreement source, or NOT_FOUND / INVALID naming @option. */
static AllotSource *
lookup_agreement (AllotStore *self,
                  gint64      id,
                  GError    **error)
{
  g_autoptr(AllotSource) source = allot_store_lookup_source (self, id, error);

  if (source == NULL)
    return NULL;
  if (source->kind != ALLOT_SOURCE_AGREEMENT)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("%s is a %s, not a resource-sharing agreement."), source->code,
                   allot_source_kind_to_string (source->kind));
      return NULL;
    }
  return g_steal_pointer (&source);
}

static gboolean
date_in (const GDate *date,
         const GDate *first,
         const GDate *last)
{
  return g_date_compare (date, first) >= 0 &&
         (last == NULL || !g_date_valid (last) || g_date_compare (date, last) <= 0);
}

static char *
iso (const GDate *date)
{
  return g_date_valid (date) ? allot_date_format_iso (date) : g_strdup ("");
}

static gboolean
require_new_status (AllotStatus status,
                    GError    **error)
{
  if (status == ALLOT_STATUS_DRAFT || status == ALLOT_STATUS_SUBMITTED)
    return TRUE;
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
               _("A new record is a draft or submitted for review, not %s: a reviewer "
                 "approves it."), allot_status_to_string (status));
  return FALSE;
}

/* ---- officers ---- */

static gboolean
validate_officer (AllotStore   *self,
                  AllotOfficer *officer,
                  GError      **error)
{
  g_autoptr(AllotAgency) agency = NULL;

  if (!allot_require_text (_("Badge or ID"), officer->badge, 32, error) ||
      !allot_require_text (_("Officer name"), officer->name, 200, error))
    return FALSE;
  if (officer->agency_id == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("Home agency is required."));
      return FALSE;
    }
  agency = allot_store_lookup_agency (self, officer->agency_id, error);
  return agency != NULL;
}

gboolean
allot_store_add_officer (AllotStore   *self,
                         AllotOfficer *officer,
                         GError      **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (officer != NULL, FALSE);

  officer->id = 0;
  if (!validate_officer (self, officer, error) || !allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO officers (agency_id, badge, name, active, entered_by, entered_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, " NOW_SQL ")", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, officer->agency_id);
      allot_stmt_bind_text (stmt, 2, officer->badge, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 3, officer->name, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_int (stmt, 4, officer->active ? 1 : 0);
      allot_stmt_bind_text (stmt, 5, self->user, -1, ALLOT_BIND_COPY);
      ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
      if (!ok)
        allot_store_set_write_error (self, error, _("Badge"), officer->badge);
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  officer->id = allot_db_last_insert_id (self->db);
  officer->version = 1;
  return TRUE;
}

gboolean
allot_store_update_officer (AllotStore   *self,
                            AllotOfficer *officer,
                            GError      **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (officer != NULL && officer->id > 0, FALSE);

  if (!allot_require_text (_("Officer name"), officer->name, 200, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_version (self, "SELECT version FROM officers WHERE id = ?1",
                                  officer->id, officer->version, _("Officer"), error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE officers SET name = ?2, active = ?3, version = version + 1 WHERE id = ?1",
          error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, officer->id);
          allot_stmt_bind_text (stmt, 2, officer->name, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_int (stmt, 3, officer->active ? 1 : 0);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  officer->version++;
  return TRUE;
}

#define OFFICER_COLUMNS "o.id, o.agency_id, o.badge, o.name, o.active, o.version"

static AllotOfficer *
read_officer (AllotStmt *stmt)
{
  AllotOfficer *officer = allot_officer_new ();

  officer->id = allot_stmt_column_int64 (stmt, 0);
  officer->agency_id = allot_stmt_column_int64 (stmt, 1);
  officer->badge = allot_db_column_dup (stmt, 2);
  officer->name = allot_db_column_dup (stmt, 3);
  officer->active = allot_stmt_column_int (stmt, 4) != 0;
  officer->version = allot_stmt_column_int64 (stmt, 5);
  return officer;
}

AllotOfficer *
allot_store_lookup_officer (AllotStore *self,
                            gint64      id,
                            GError    **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " OFFICER_COLUMNS " FROM officers o WHERE o.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_officer, _("officer"), key, error);
}

AllotOfficer *
allot_store_lookup_officer_by_badge (AllotStore *self,
                                     gint64      agency_id,
                                     const char *badge,
                                     GError    **error)
{
  g_autoptr(GPtrArray) found = NULL;
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (badge != NULL, NULL);
  stmt = allot_store_statement (self,
      "SELECT " OFFICER_COLUMNS " FROM officers o"
      " WHERE o.badge = ?1 AND (?2 = 0 OR o.agency_id = ?2) ORDER BY o.id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, badge, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_int64 (stmt, 2, agency_id);
  found = allot_store_read_all (self, stmt, (gpointer) read_officer,
                                (GDestroyNotify) allot_officer_free, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                   _("There is no officer with badge “%s”."), badge);
      return NULL;
    }
  if (found->len > 1)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Badge “%s” is used in more than one agency; name the agency too."), badge);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

GPtrArray *
allot_store_list_officers (AllotStore *self,
                           GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " OFFICER_COLUMNS " FROM officers o JOIN agencies a ON a.id = o.agency_id"
      " ORDER BY a.code, o.badge", error);
  if (stmt == NULL)
    return NULL;
  return allot_store_read_all (self, stmt, (gpointer) read_officer,
                               (GDestroyNotify) allot_officer_free, error);
}

/* ---- assignments ---- */

static gboolean
validate_assignment (AllotStore      *self,
                     AllotAssignment *assignment,
                     GError         **error)
{
  g_autoptr(AllotOfficer) officer = NULL;
  g_autoptr(AllotTaskForce) tf = NULL;

  if (!allot_require_date (_("Assignment start"), &assignment->start_date, error))
    return FALSE;
  if (g_date_valid (&assignment->end_date) &&
      !allot_require_order (_("Assignment start"), &assignment->start_date,
                            _("Assignment end"), &assignment->end_date, error))
    return FALSE;
  officer = allot_store_lookup_officer (self, assignment->officer_id, error);
  if (officer == NULL)
    return FALSE;
  tf = allot_store_lookup_task_force (self, assignment->task_force_id, error);
  if (tf == NULL)
    return FALSE;
  if (!date_in (&assignment->start_date, &tf->start_date, &tf->end_date) ||
      (g_date_valid (&tf->end_date) &&
       (!g_date_valid (&assignment->end_date) ||
        g_date_compare (&assignment->end_date, &tf->end_date) > 0)))
    {
      g_autofree char *s = iso (&tf->start_date), *e = iso (&tf->end_date);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The assignment must fall within the dates of %s (%s to %s)."), tf->code,
                   s, *e != '\0' ? e : _("open-ended"));
      return FALSE;
    }
  if (assignment->agreement_id != 0)
    {
      g_autoptr(AllotSource) agreement = lookup_agreement (self, assignment->agreement_id,
                                                           error);

      if (agreement == NULL)
        return FALSE;
      if (!date_in (&assignment->start_date, &agreement->u.agreement.term_start,
                    &agreement->u.agreement.term_end))
        {
          g_autofree char *s = iso (&agreement->u.agreement.term_start);
          g_autofree char *e = iso (&agreement->u.agreement.term_end);

          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Agreement %s runs from %s to %s and does not cover an assignment "
                         "starting then."), agreement->code, s, e);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
allot_store_add_assignment (AllotStore      *self,
                            AllotAssignment *assignment,
                            GError         **error)
{
  AllotStmt *stmt;
  gint64 overlapping = 0;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (assignment != NULL, FALSE);

  assignment->id = 0;
  if (!validate_assignment (self, assignment, error) || !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_period_open (self, &assignment->start_date, error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "SELECT count(*) FROM assignments WHERE officer_id = ?1 AND task_force_id = ?2"
          " AND voided = 0 AND (start_date <= ?4 OR ?4 IS NULL)"
          " AND COALESCE (end_date, '9999-12-31') >= ?3", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, assignment->officer_id);
          allot_stmt_bind_int64 (stmt, 2, assignment->task_force_id);
          allot_db_bind_date (stmt, 3, &assignment->start_date);
          allot_db_bind_date (stmt, 4, &assignment->end_date);
          ok = allot_db_query_int64 (self->db, stmt, &overlapping, error);
        }
      if (ok && overlapping > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("The officer is already assigned to that task force for some of "
                         "these dates; end or void that assignment first."));
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO assignments (officer_id, task_force_id, agreement_id, start_date,"
          " end_date, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " NOW_SQL ")",
          error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, assignment->officer_id);
          allot_stmt_bind_int64 (stmt, 2, assignment->task_force_id);
          allot_db_bind_id_or_null (stmt, 3, assignment->agreement_id);
          allot_db_bind_date (stmt, 4, &assignment->start_date);
          allot_db_bind_date (stmt, 5, &assignment->end_date);
          allot_stmt_bind_text (stmt, 6, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  assignment->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotAssignment *
read_assignment (AllotStmt *stmt)
{
  AllotAssignment *assignment = allot_assignment_new ();

  assignment->id = allot_stmt_column_int64 (stmt, 0);
  assignment->officer_id = allot_stmt_column_int64 (stmt, 1);
  assignment->task_force_id = allot_stmt_column_int64 (stmt, 2);
  assignment->agreement_id = allot_stmt_column_int64 (stmt, 3);
  allot_db_column_date (stmt, 4, &assignment->start_date);
  allot_db_column_date (stmt, 5, &assignment->end_date);
  assignment->voided = allot_stmt_column_int (stmt, 6) != 0;
  return assignment;
}

GPtrArray *
allot_store_list_assignments (AllotStore *self,
                              gint64      officer_id,
                              GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, officer_id, task_force_id, agreement_id, start_date, end_date, voided"
      " FROM assignments WHERE ?1 = 0 OR officer_id = ?1 ORDER BY start_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, officer_id);
  return allot_store_read_all (self, stmt, (gpointer) read_assignment,
                               (GDestroyNotify) allot_assignment_free, error);
}

/* ---- caps ---- */

gboolean
allot_store_add_overtime_cap (AllotStore       *self,
                              AllotOvertimeCap *cap,
                              GError          **error)
{
  g_autoptr(AllotSource) agreement = NULL;
  g_autofree char *key = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (cap != NULL, FALSE);

  cap->id = 0;
  if (!allot_require_fiscal_year (cap->fiscal_year, error) ||
      !allot_require_amount (_("Annual cap"), cap->annual_cap, 1, error) ||
      !allot_require_amount (_("Monthly cap"), cap->monthly_cap, 0, error))
    return FALSE;
  if (cap->monthly_cap > cap->annual_cap)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The monthly cap cannot be more than the annual cap."));
      return FALSE;
    }
  agreement = lookup_agreement (self, cap->agreement_id, error);
  if (agreement == NULL || !allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO overtime_caps (agreement_id, fiscal_year, annual_cap, monthly_cap,"
      " entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW_SQL ")", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, cap->agreement_id);
      allot_stmt_bind_int (stmt, 2, cap->fiscal_year);
      allot_stmt_bind_int64 (stmt, 3, cap->annual_cap);
      allot_db_bind_id_or_null (stmt, 4, cap->monthly_cap);
      allot_stmt_bind_text (stmt, 5, self->user, -1, ALLOT_BIND_COPY);
      ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
      if (!ok)
        {
          key = g_strdup_printf ("%s FY%d", agreement->code, cap->fiscal_year);
          allot_store_set_write_error (self, error, _("The cap of"), key);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  cap->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotOvertimeCap *
read_cap (AllotStmt *stmt)
{
  AllotOvertimeCap *cap = allot_overtime_cap_new ();

  cap->id = allot_stmt_column_int64 (stmt, 0);
  cap->agreement_id = allot_stmt_column_int64 (stmt, 1);
  cap->fiscal_year = allot_stmt_column_int (stmt, 2);
  cap->annual_cap = allot_stmt_column_int64 (stmt, 3);
  cap->monthly_cap = allot_stmt_column_int64 (stmt, 4);
  cap->voided = allot_stmt_column_int (stmt, 5) != 0;
  return cap;
}

GPtrArray *
allot_store_list_overtime_caps (AllotStore *self,
                                gint64      agreement_id,
                                GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, agreement_id, fiscal_year, annual_cap, monthly_cap, voided FROM overtime_caps"
      " WHERE ?1 = 0 OR agreement_id = ?1 ORDER BY agreement_id, fiscal_year, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, agreement_id);
  return allot_store_read_all (self, stmt, (gpointer) read_cap,
                               (GDestroyNotify) allot_overtime_cap_free, error);
}

/* ---- overtime ---- */

/* The agreement of the officer's assignment to @tf on @date: TRUE with
 * *out_agreement (0 = none) when there is one, CONSTRAINT otherwise. */
static gboolean
covering_assignment (AllotStore  *self,
                     gint64       officer_id,
                     gint64       task_force_id,
                     const GDate *date,
                     gint64      *out_agreement,
                     GError     **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT COALESCE (agreement_id, 0) FROM assignments WHERE officer_id = ?1"
      " AND task_force_id = ?2 AND voided = 0 AND start_date <= ?3"
      " AND (end_date IS NULL OR end_date >= ?3) ORDER BY start_date DESC LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, officer_id);
  allot_stmt_bind_int64 (stmt, 2, task_force_id);
  allot_db_bind_date (stmt, 3, date);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    *out_agreement = allot_stmt_column_int64 (stmt, 0);
  else if (rc != ALLOT_DB_DONE)
    allot_db_set_error (self->db, rc, error, "Could not read the assignments");
  allot_stmt_reset (stmt);
  if (rc == ALLOT_DB_DONE)
    {
      g_autofree char *d = iso (date);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The officer was not assigned to that task force on %s."), d);
    }
  return rc == ALLOT_DB_ROW;
}

static gboolean
validate_overtime (AllotStore         *self,
                   AllotOvertimeEntry *entry,
                   GError            **error)
{
  g_autoptr(AllotOfficer) officer = NULL;
  g_autoptr(AllotTaskForce) tf = NULL;
  g_autoptr(AllotSource) agreement = NULL;
  gint64 assigned_agreement = 0;

  if (!require_new_status (entry->status, error) ||
      !allot_require_text (_("Case number"), entry->case_number, 64, error) ||
      !allot_require_date (_("Date worked"), &entry->work_date, error))
    return FALSE;
  if (entry->hours < 1 || entry->hours > 2400)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Hours must be from 0.01 to 24.00 a day."));
      return FALSE;
    }
  if (entry->base_rate < 1 || entry->base_rate > 100000)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The base rate must be from 0.01 to 1,000.00 an hour."));
      return FALSE;
    }
  if (entry->multiplier < 100 || entry->multiplier > 300)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The multiplier must be from 1.00 to 3.00."));
      return FALSE;
    }
  officer = allot_store_lookup_officer (self, entry->officer_id, error);
  if (officer == NULL)
    return FALSE;
  tf = allot_store_lookup_task_force (self, entry->task_force_id, error);
  if (tf == NULL)
    return FALSE;
  if (!covering_assignment (self, entry->officer_id, entry->task_force_id, &entry->work_date,
                            &assigned_agreement, error))
    {
      g_prefix_error (error, "%s (%s), %s: ", officer->name, officer->badge, tf->code);
      return FALSE;
    }
  if (entry->agreement_id == 0)
    entry->agreement_id = assigned_agreement;
  if (entry->agreement_id == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("No agreement covers the assignment of %s to %s: overtime needs one."),
                   officer->badge, tf->code);
      return FALSE;
    }
  if (assigned_agreement != 0 && assigned_agreement != entry->agreement_id)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The assignment of %s to %s is covered by another agreement."),
                   officer->badge, tf->code);
      return FALSE;
    }
  agreement = lookup_agreement (self, entry->agreement_id, error);
  if (agreement == NULL)
    return FALSE;
  if (!date_in (&entry->work_date, &agreement->u.agreement.term_start,
                &agreement->u.agreement.term_end))
    {
      g_autofree char *d = iso (&entry->work_date);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s is outside the term of agreement %s."), d, agreement->code);
      return FALSE;
    }
  entry->fiscal_year = allot_federal_fiscal_year_of (&entry->work_date);
  entry->amount = allot_overtime_amount (entry->hours, entry->base_rate, entry->multiplier);
  return TRUE;
}

gboolean
allot_store_add_overtime (AllotStore         *self,
                          AllotOvertimeEntry *entry,
                          GError            **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  entry->id = 0;
  if (!allot_store_begin_write (self, error))
    return FALSE;
  ok = validate_overtime (self, entry, error) &&
       allot_store_check_period_open (self, &entry->work_date, error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO overtime_entries (officer_id, task_force_id, agreement_id, fiscal_year,"
          " case_number, work_date, hours, base_rate, multiplier, amount, description, status,"
          " entered_by, entered_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, " NOW_SQL ")", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, entry->officer_id);
          allot_stmt_bind_int64 (stmt, 2, entry->task_force_id);
          allot_stmt_bind_int64 (stmt, 3, entry->agreement_id);
          allot_stmt_bind_int (stmt, 4, entry->fiscal_year);
          allot_stmt_bind_text (stmt, 5, entry->case_number, -1, ALLOT_BIND_COPY);
          allot_db_bind_date (stmt, 6, &entry->work_date);
          allot_stmt_bind_int64 (stmt, 7, entry->hours);
          allot_stmt_bind_int64 (stmt, 8, entry->base_rate);
          allot_stmt_bind_int64 (stmt, 9, entry->multiplier);
          allot_stmt_bind_int64 (stmt, 10, entry->amount);
          allot_stmt_bind_text (stmt, 11, entry->description != NULL ? entry->description : "", -1,
                             ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 12, allot_status_to_string (entry->status), -1,
                             ALLOT_BIND_STATIC);
          allot_stmt_bind_text (stmt, 13, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  entry->id = allot_db_last_insert_id (self->db);
  entry->version = 1;
  g_free (entry->entered_by);
  entry->entered_by = g_strdup (self->user);
  return TRUE;
}

#define OVERTIME_COLUMNS \
  "id, officer_id, task_force_id, agreement_id, fiscal_year, case_number, work_date, hours," \
  " base_rate, multiplier, amount, description, status, entered_by, voided, version"

static AllotOvertimeEntry *
read_overtime (AllotStmt *stmt)
{
  AllotOvertimeEntry *entry = allot_overtime_entry_new ();

  entry->id = allot_stmt_column_int64 (stmt, 0);
  entry->officer_id = allot_stmt_column_int64 (stmt, 1);
  entry->task_force_id = allot_stmt_column_int64 (stmt, 2);
  entry->agreement_id = allot_stmt_column_int64 (stmt, 3);
  entry->fiscal_year = allot_stmt_column_int (stmt, 4);
  entry->case_number = allot_db_column_dup (stmt, 5);
  allot_db_column_date (stmt, 6, &entry->work_date);
  entry->hours = allot_stmt_column_int64 (stmt, 7);
  entry->base_rate = allot_stmt_column_int64 (stmt, 8);
  entry->multiplier = allot_stmt_column_int64 (stmt, 9);
  entry->amount = allot_stmt_column_int64 (stmt, 10);
  entry->description = allot_db_column_dup (stmt, 11);
  allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 12), &entry->status);
  entry->entered_by = allot_db_column_dup (stmt, 13);
  entry->voided = allot_stmt_column_int (stmt, 14) != 0;
  entry->version = allot_stmt_column_int64 (stmt, 15);
  return entry;
}

AllotOvertimeEntry *
allot_store_lookup_overtime (AllotStore *self,
                             gint64      id,
                             GError    **error)
{
  g_autofree char *key = g_strdup_printf ("%" PRId64, id);
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " OVERTIME_COLUMNS " FROM overtime_entries WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, id);
  return allot_store_read_one (self, stmt, (gpointer) read_overtime, _("overtime entry"), key,
                               error);
}

GPtrArray *
allot_store_list_overtime (AllotStore *self,
                           gint64      officer_id,
                           int         fiscal_year,
                           GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT " OVERTIME_COLUMNS " FROM overtime_entries"
      " WHERE (?1 = 0 OR officer_id = ?1) AND (?2 = 0 OR fiscal_year = ?2)"
      " ORDER BY work_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, officer_id);
  allot_stmt_bind_int (stmt, 2, fiscal_year);
  return allot_store_read_all (self, stmt, (gpointer) read_overtime,
                               (GDestroyNotify) allot_overtime_entry_free, error);
}

typedef enum {
  STEP_SUBMIT,
  STEP_APPROVE,
  STEP_RETURN,
} Step;

/* Inside a write: the current user reviews (reviewer or administrator). */
static gboolean
require_reviewer (AllotStore *self,
                  const char *what,
                  GError    **error)
{
  g_autoptr(GError) local = NULL;
  AllotRole role = ALLOT_ROLE_OFFICER;

  if (!allot_store_lookup_role (self, self->user, &role, &local) &&
      !g_error_matches (local, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (role == ALLOT_ROLE_REVIEWER || role == ALLOT_ROLE_ADMINISTRATOR)
    return TRUE;
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
               _("%s needs a reviewer or an administrator; %s is an officer."), what,
               self->user);
  return FALSE;
}

static gboolean
review_overtime (AllotStore *self,
                 gint64      id,
                 Step        step,
                 const char *comment,
                 GError    **error)
{
  static const char *const new_status[] = { "submitted", "approved", "returned" };
  g_autofree char *entered_by = NULL, *updated_by = NULL;
  AllotStatus status = ALLOT_STATUS_DRAFT;
  gboolean voided = FALSE;
  AllotStmt *stmt;
  GDate date;
  gboolean ok;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  if (step == STEP_RETURN && !allot_require_text (_("Comment"), comment, 1000, error))
    return FALSE;
  if (!allot_store_begin_write (self, error))
    return FALSE;
  g_date_clear (&date, 1);
  stmt = allot_store_statement (self,
      "SELECT status, voided, entered_by, updated_by, work_date FROM overtime_entries"
      " WHERE id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, id);
      rc = allot_stmt_step (stmt);
      if (rc == ALLOT_DB_ROW)
        {
          allot_status_from_string ((const char *) allot_stmt_column_text (stmt, 0), &status);
          voided = allot_stmt_column_int (stmt, 1) != 0;
          entered_by = allot_db_column_dup (stmt, 2);
          updated_by = allot_db_column_dup (stmt, 3);
          allot_db_column_date (stmt, 4, &date);
        }
      allot_stmt_reset (stmt);
      if (rc != ALLOT_DB_ROW)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                       _("There is no overtime entry %" PRId64 "."), id);
          ok = FALSE;
        }
    }
  if (ok && voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Overtime entry %" PRId64 " is voided."), id);
      ok = FALSE;
    }
  ok = ok && allot_store_check_period_open (self, &date, error);
  if (ok && step == STEP_SUBMIT && status != ALLOT_STATUS_DRAFT &&
      status != ALLOT_STATUS_RETURNED)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Overtime entry %" PRId64 " is %s; only drafts and returned "
                     "records can be submitted."), id, allot_status_to_string (status));
      ok = FALSE;
    }
  if (ok && step != STEP_SUBMIT)
    {
      if (status != ALLOT_STATUS_SUBMITTED)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Overtime entry %" PRId64 " is %s; only submitted records "
                         "can be reviewed."), id, allot_status_to_string (status));
          ok = FALSE;
        }
      else if (!require_reviewer (self, step == STEP_APPROVE ? _("Approving")
                                                             : _("Returning"), error))
        ok = FALSE;
      else if (g_strcmp0 (entered_by, self->user) == 0 ||
               g_strcmp0 (updated_by, self->user) == 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Overtime entry %" PRId64 " was entered or last changed by "
                         "%s, who cannot also review it (separation of duties)."), id,
                       self->user);
          ok = FALSE;
        }
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "UPDATE overtime_entries SET status = ?2, review_comment = ?3,"
          " reviewed_by = CASE WHEN ?2 = 'submitted' THEN NULL ELSE ?4 END,"
          " reviewed_at = CASE WHEN ?2 = 'submitted' THEN NULL ELSE " NOW_SQL " END,"
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
  return allot_store_end_write (self, ok, error);
}

gboolean
allot_store_submit_overtime (AllotStore *self, gint64 id, GError **error)
{
  return review_overtime (self, id, STEP_SUBMIT, NULL, error);
}

gboolean
allot_store_approve_overtime (AllotStore *self, gint64 id, GError **error)
{
  return review_overtime (self, id, STEP_APPROVE, NULL, error);
}

gboolean
allot_store_return_overtime (AllotStore *self, gint64 id, const char *comment, GError **error)
{
  return review_overtime (self, id, STEP_RETURN, comment, error);
}

/* ---- claims ---- */

static gboolean
validate_claim (AllotStore *self,
                AllotClaim *claim,
                GError    **error)
{
  g_autoptr(AllotSource) agreement = NULL;
  g_autoptr(AllotOfficer) officer = NULL;
  g_autoptr(AllotTaskForce) tf = NULL;

  if (!allot_require_text (_("Invoice number"), claim->invoice_number, 64, error) ||
      !allot_require_date (_("Invoice date"), &claim->invoice_date, error) ||
      !allot_require_date (_("Period start"), &claim->period_start, error) ||
      !allot_require_date (_("Period end"), &claim->period_end, error) ||
      !allot_require_order (_("Period start"), &claim->period_start, _("Period end"),
                            &claim->period_end, error) ||
      !allot_require_order (_("Period end"), &claim->period_end, _("Invoice date"),
                            &claim->invoice_date, error) ||
      !allot_require_amount (_("Amount billed"), claim->billed, 1, error))
    return FALSE;
  if (allot_federal_fiscal_year_of (&claim->period_start) !=
      allot_federal_fiscal_year_of (&claim->period_end))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("A claim covers one federal fiscal year; split it at 30 September."));
      return FALSE;
    }
  agreement = lookup_agreement (self, claim->agreement_id, error);
  if (agreement == NULL)
    return FALSE;
  officer = allot_store_lookup_officer (self, claim->officer_id, error);
  if (officer == NULL)
    return FALSE;
  tf = allot_store_lookup_task_force (self, claim->task_force_id, error);
  if (tf == NULL)
    return FALSE;
  claim->fiscal_year = allot_federal_fiscal_year_of (&claim->period_start);
  return TRUE;
}

/* Inside the write: what the claim may still bill (see the header). */
static gboolean
check_claim_fits (AllotStore       *self,
                  const AllotClaim *claim,
                  GError          **error)
{
  AllotStmt *stmt;
  gint64 reimbursable = 0, billed = 0;

  stmt = allot_store_statement (self,
      "SELECT COALESCE (SUM (reimbursable), 0) FROM overtime_cap_usage"
      " WHERE officer_id = ?1 AND agreement_id = ?2 AND task_force_id = ?3"
      " AND work_date BETWEEN ?4 AND ?5", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, claim->officer_id);
  allot_stmt_bind_int64 (stmt, 2, claim->agreement_id);
  allot_stmt_bind_int64 (stmt, 3, claim->task_force_id);
  allot_db_bind_date (stmt, 4, &claim->period_start);
  allot_db_bind_date (stmt, 5, &claim->period_end);
  if (!allot_db_query_int64 (self->db, stmt, &reimbursable, error))
    return FALSE;

  stmt = allot_store_statement (self,
      "SELECT COALESCE (SUM (billed), 0) FROM reimbursement_claims"
      " WHERE voided = 0 AND officer_id = ?1 AND agreement_id = ?2 AND task_force_id = ?3"
      " AND period_start <= ?5 AND period_end >= ?4", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, claim->officer_id);
  allot_stmt_bind_int64 (stmt, 2, claim->agreement_id);
  allot_stmt_bind_int64 (stmt, 3, claim->task_force_id);
  allot_db_bind_date (stmt, 4, &claim->period_start);
  allot_db_bind_date (stmt, 5, &claim->period_end);
  if (!allot_db_query_int64 (self->db, stmt, &billed, error))
    return FALSE;

  if (claim->billed > reimbursable - billed)
    {
      g_autofree char *asked = allot_money_format_plain (claim->billed);
      g_autofree char *r = allot_money_format_plain (reimbursable);
      g_autofree char *b = allot_money_format_plain (billed);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Claim %s bills %s, but the approved overtime within the caps in its "
                     "period is %s and other claims already billed %s of it."),
                   claim->invoice_number, asked, r, b);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_store_add_claim (AllotStore *self,
                       AllotClaim *claim,
                       GError    **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (claim != NULL, FALSE);

  claim->id = 0;
  if (!validate_claim (self, claim, error) || !allot_store_begin_write (self, error))
    return FALSE;
  ok = allot_store_check_period_open (self, &claim->invoice_date, error) &&
       check_claim_fits (self, claim, error);
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO reimbursement_claims (agreement_id, officer_id, task_force_id,"
          " invoice_number, invoice_date, period_start, period_end, fiscal_year, billed,"
          " entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, " NOW_SQL ")",
          error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, claim->agreement_id);
          allot_stmt_bind_int64 (stmt, 2, claim->officer_id);
          allot_stmt_bind_int64 (stmt, 3, claim->task_force_id);
          allot_stmt_bind_text (stmt, 4, claim->invoice_number, -1, ALLOT_BIND_COPY);
          allot_db_bind_date (stmt, 5, &claim->invoice_date);
          allot_db_bind_date (stmt, 6, &claim->period_start);
          allot_db_bind_date (stmt, 7, &claim->period_end);
          allot_stmt_bind_int (stmt, 8, claim->fiscal_year);
          allot_stmt_bind_int64 (stmt, 9, claim->billed);
          allot_stmt_bind_text (stmt, 10, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_stmt_step (stmt) == ALLOT_DB_DONE;
          if (!ok)
            allot_store_set_write_error (self, error, _("Invoice"), claim->invoice_number);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  claim->id = allot_db_last_insert_id (self->db);
  claim->received = 0;
  return TRUE;
}

static AllotClaim *
read_claim (AllotStmt *stmt)
{
  AllotClaim *claim = allot_claim_new ();

  claim->id = allot_stmt_column_int64 (stmt, 0);
  claim->agreement_id = allot_stmt_column_int64 (stmt, 1);
  claim->officer_id = allot_stmt_column_int64 (stmt, 2);
  claim->task_force_id = allot_stmt_column_int64 (stmt, 3);
  claim->invoice_number = allot_db_column_dup (stmt, 4);
  allot_db_column_date (stmt, 5, &claim->invoice_date);
  allot_db_column_date (stmt, 6, &claim->period_start);
  allot_db_column_date (stmt, 7, &claim->period_end);
  claim->fiscal_year = allot_stmt_column_int (stmt, 8);
  claim->billed = allot_stmt_column_int64 (stmt, 9);
  claim->received = allot_stmt_column_int64 (stmt, 10);
  claim->voided = allot_stmt_column_int (stmt, 11) != 0;
  return claim;
}

#define CLAIM_SELECT \
  "SELECT c.id, c.agreement_id, c.officer_id, c.task_force_id, c.invoice_number," \
  " c.invoice_date, c.period_start, c.period_end, c.fiscal_year, c.billed," \
  " COALESCE ((SELECT SUM (p.amount) FROM claim_payments p WHERE p.claim_id = c.id" \
  "   AND p.voided = 0), 0), c.voided FROM reimbursement_claims c"

GPtrArray *
allot_store_list_claims (AllotStore *self,
                         gint64      agreement_id,
                         GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      CLAIM_SELECT " WHERE ?1 = 0 OR c.agreement_id = ?1 ORDER BY c.invoice_date, c.id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, agreement_id);
  return allot_store_read_all (self, stmt, (gpointer) read_claim,
                               (GDestroyNotify) allot_claim_free, error);
}

gboolean
allot_store_add_claim_payment (AllotStore        *self,
                               AllotClaimPayment *payment,
                               GError           **error)
{
  g_autoptr(AllotClaim) claim = NULL;
  g_autofree char *key = NULL;
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (payment != NULL, FALSE);

  payment->id = 0;
  if (!allot_require_date (_("Date received"), &payment->received_date, error) ||
      !allot_require_amount (_("Amount received"), payment->amount, 1, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  key = g_strdup_printf ("%" PRId64, payment->claim_id);
  stmt = allot_store_statement (self, CLAIM_SELECT " WHERE c.id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, payment->claim_id);
      claim = allot_store_read_one (self, stmt, (gpointer) read_claim, _("claim"), key, error);
      ok = claim != NULL;
    }
  if (ok && claim->voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Claim %s is voided."), claim->invoice_number);
      ok = FALSE;
    }
  ok = ok && allot_require_order (_("Invoice date"), &claim->invoice_date, _("Date received"),
                                  &payment->received_date, error) &&
       allot_store_check_period_open (self, &payment->received_date, error);
  if (ok && claim->received + payment->amount > claim->billed)
    {
      g_autofree char *b = allot_money_format_plain (claim->billed);
      g_autofree char *r = allot_money_format_plain (claim->received);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("Claim %s billed %s and %s was already received on it; this payment "
                     "would be more than billed."), claim->invoice_number, b, r);
      ok = FALSE;
    }
  if (ok)
    {
      stmt = allot_store_statement (self,
          "INSERT INTO claim_payments (claim_id, received_date, amount, reference, entered_by,"
          " entered_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW_SQL ")", error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, payment->claim_id);
          allot_db_bind_date (stmt, 2, &payment->received_date);
          allot_stmt_bind_int64 (stmt, 3, payment->amount);
          allot_stmt_bind_text (stmt, 4, payment->reference != NULL ? payment->reference : "", -1,
                             ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 5, self->user, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (!allot_store_end_write (self, ok, error))
    return FALSE;
  payment->id = allot_db_last_insert_id (self->db);
  return TRUE;
}

static AllotClaimPayment *
read_payment (AllotStmt *stmt)
{
  AllotClaimPayment *payment = allot_claim_payment_new ();

  payment->id = allot_stmt_column_int64 (stmt, 0);
  payment->claim_id = allot_stmt_column_int64 (stmt, 1);
  allot_db_column_date (stmt, 2, &payment->received_date);
  payment->amount = allot_stmt_column_int64 (stmt, 3);
  payment->reference = allot_db_column_dup (stmt, 4);
  payment->voided = allot_stmt_column_int (stmt, 5) != 0;
  return payment;
}

GPtrArray *
allot_store_list_claim_payments (AllotStore *self,
                                 gint64      claim_id,
                                 GError    **error)
{
  AllotStmt *stmt;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  stmt = allot_store_statement (self,
      "SELECT id, claim_id, received_date, amount, reference, voided FROM claim_payments"
      " WHERE ?1 = 0 OR claim_id = ?1 ORDER BY received_date, id", error);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_int64 (stmt, 1, claim_id);
  return allot_store_read_all (self, stmt, (gpointer) read_payment,
                               (GDestroyNotify) allot_claim_payment_free, error);
}

/* ---- voiding ---- */

typedef struct {
  const char *what;
  const char *select_sql;   /* voided, the date that locks it, for row ?1 */
  const char *update_sql;   /* ?1 id, ?2 who, ?3 reason */
} Voidable;

#define VOID_SET " SET voided = 1, voided_by = ?2, voided_at = " NOW_SQL ", void_reason = ?3"

static const Voidable voidables[] = {
  [ALLOT_VOIDABLE_ASSIGNMENT] = { N_("Assignment"),
    "SELECT voided, start_date FROM assignments WHERE id = ?1",
    "UPDATE assignments" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_OVERTIME] = { N_("Overtime entry"),
    "SELECT voided, work_date FROM overtime_entries WHERE id = ?1",
    "UPDATE overtime_entries" VOID_SET ", version = version + 1 WHERE id = ?1" },
  [ALLOT_VOIDABLE_OVERTIME_CAP] = { N_("Overtime cap"),
    "SELECT voided, NULL FROM overtime_caps WHERE id = ?1",
    "UPDATE overtime_caps" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_CLAIM] = { N_("Claim"),
    "SELECT voided, invoice_date FROM reimbursement_claims WHERE id = ?1",
    "UPDATE reimbursement_claims" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_CLAIM_PAYMENT] = { N_("Claim payment"),
    "SELECT voided, received_date FROM claim_payments WHERE id = ?1",
    "UPDATE claim_payments" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_RATE_PERIOD] = { N_("Indirect rate period"),
    "SELECT voided, NULL FROM indirect_rates WHERE id = ?1",
    "UPDATE indirect_rates" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_PROGRAM_INCOME] = { N_("Program income entry"),
    "SELECT voided, entry_date FROM program_income WHERE id = ?1",
    "UPDATE program_income" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_MATCH] = { N_("Match entry"),
    "SELECT voided, entry_date FROM match_entries WHERE id = ?1",
    "UPDATE match_entries" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_DRAWDOWN] = { N_("Drawdown"),
    "SELECT voided, received_date FROM drawdowns WHERE id = ?1",
    "UPDATE drawdowns" VOID_SET " WHERE id = ?1" },
  [ALLOT_VOIDABLE_RECEIPT] = { N_("Receipt"),
    "SELECT voided, received_date FROM receipts WHERE id = ?1",
    "UPDATE receipts" VOID_SET " WHERE id = ?1" },
};

/* After voiding receipt @id: its fund must still cover its allocations. */
static gboolean
check_receipt_authority (AllotStore *self,
                         gint64      id,
                         GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "SELECT s.id, s.code FROM receipts r JOIN sources s ON s.id = r.source_id"
      " WHERE r.id = ?1", error);
  g_autofree char *code = NULL;
  gint64 source_id = 0;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
    {
      source_id = allot_stmt_column_int64 (stmt, 0);
      code = allot_db_column_dup (stmt, 1);
    }
  allot_stmt_reset (stmt);
  return allot_store_check_authority (self, source_id, code, error);
}

/* Record-specific reasons not to void (see the header). */
static gboolean
check_voidable (AllotStore   *self,
                AllotVoidable what,
                gint64        id,
                GError      **error)
{
  AllotStmt *stmt;
  gint64 n = 0;

  switch (what)
    {
    case ALLOT_VOIDABLE_CLAIM:
      stmt = allot_store_statement (self,
          "SELECT count(*) FROM claim_payments WHERE claim_id = ?1 AND voided = 0", error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_int64 (stmt, 1, id);
      if (!allot_db_query_int64 (self->db, stmt, &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Claim %" PRId64 " has %" PRId64 " payment(s); "
                         "void those first."), id, n);
          return FALSE;
        }
      return TRUE;
    case ALLOT_VOIDABLE_ASSIGNMENT:
      stmt = allot_store_statement (self,
          "SELECT count(*) FROM overtime_entries o JOIN assignments a ON a.id = ?1"
          " WHERE o.officer_id = a.officer_id AND o.task_force_id = a.task_force_id"
          " AND o.voided = 0 AND o.work_date >= a.start_date"
          " AND (a.end_date IS NULL OR o.work_date <= a.end_date)", error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_int64 (stmt, 1, id);
      if (!allot_db_query_int64 (self->db, stmt, &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Assignment %" PRId64 " has %" PRId64 " overtime entry "
                                    "under it; void it first.",
                                    "Assignment %" PRId64 " has %" PRId64 " overtime entries "
                                    "under it; void those first.", (gulong) n),
                       id, n);
          return FALSE;
        }
      return TRUE;
    case ALLOT_VOIDABLE_PROGRAM_INCOME:
      /* Earned income may not be voided below what was spent of it. */
      stmt = allot_store_statement (self,
          "SELECT COALESCE (SUM (CASE WHEN kind = 'earned' THEN amount ELSE -amount END), 0)"
          " - (SELECT CASE WHEN x.kind = 'earned' THEN x.amount ELSE 0 END"
          "    FROM program_income x WHERE x.id = ?1)"
          " FROM program_income WHERE voided = 0"
          " AND source_id = (SELECT source_id FROM program_income WHERE id = ?1)", error);
      if (stmt == NULL)
        return FALSE;
      allot_stmt_bind_int64 (stmt, 1, id);
      if (!allot_db_query_int64 (self->db, stmt, &n, error))
        return FALSE;
      if (n < 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("Voiding it would leave more program income expended than earned; "
                         "void the expenditures first."));
          return FALSE;
        }
      return TRUE;
    case ALLOT_VOIDABLE_OVERTIME:
    case ALLOT_VOIDABLE_OVERTIME_CAP:
    case ALLOT_VOIDABLE_CLAIM_PAYMENT:
    case ALLOT_VOIDABLE_RATE_PERIOD:
    case ALLOT_VOIDABLE_MATCH:
    case ALLOT_VOIDABLE_DRAWDOWN:
    case ALLOT_VOIDABLE_RECEIPT:
    default:
      return TRUE;
    }
}

gboolean
allot_store_void_record (AllotStore   *self,
                         AllotVoidable what,
                         gint64        id,
                         const char   *reason,
                         GError      **error)
{
  const Voidable *v;
  AllotStmt *stmt;
  gboolean voided = FALSE, ok;
  GDate date;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) what < G_N_ELEMENTS (voidables), FALSE);

  v = &voidables[what];
  if (!allot_require_text (_("Reason for voiding"), reason, 500, error) ||
      !allot_store_begin_write (self, error))
    return FALSE;
  g_date_clear (&date, 1);
  stmt = allot_store_statement (self, v->select_sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_int64 (stmt, 1, id);
      rc = allot_stmt_step (stmt);
      if (rc == ALLOT_DB_ROW)
        {
          voided = allot_stmt_column_int (stmt, 0) != 0;
          allot_db_column_date (stmt, 1, &date);
        }
      allot_stmt_reset (stmt);
      if (rc != ALLOT_DB_ROW)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                       _("%s %" PRId64 " does not exist."), _(v->what), id);
          ok = FALSE;
        }
    }
  if (ok && voided)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("%s %" PRId64 " is already voided."), _(v->what), id);
      ok = FALSE;
    }
  ok = ok && allot_store_check_period_open (self, &date, error) &&
       check_voidable (self, what, id, error);
  if (ok)
    {
      stmt = allot_store_statement (self, v->update_sql, error);
      ok = stmt != NULL;
      if (ok)
        {
          allot_stmt_bind_int64 (stmt, 1, id);
          allot_stmt_bind_text (stmt, 2, self->user, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 3, reason, -1, ALLOT_BIND_COPY);
          ok = allot_db_step_done (self->db, stmt, error);
        }
    }
  if (ok && what == ALLOT_VOIDABLE_RECEIPT)
    ok = check_receipt_authority (self, id, error);
  return allot_store_end_write (self, ok, error);
}
