/* allot-personnel.h: officers detailed to task forces, their overtime and
 * what the federal partners reimburse; and the award data the SF-425 needs
 * beyond the ledger (indirect cost rate periods, program income).
 *
 * Records are plain structs like those of allot-records.h.  Money is gint64
 * cents; hours and multipliers are hundredths (7.50 hours = 750, time and a
 * half = 150); rates are basis points (15.00% = 1500).
 *
 * Every write is one transaction, refused in a closed month (ALLOT_ERROR_LOCKED)
 * and recorded in the audit log by the database's triggers.  Nothing is
 * deleted: records are voided with a reason (allot_store_void_record()).
 */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  gint64 agency_id;         /* home agency */
  char *badge;              /* badge or employee ID, unique within the agency */
  char *name;
  gboolean active;
  gint64 version;
} AllotOfficer;

/* An officer's detail to a task force, and the agreement that covers it. */
typedef struct {
  gint64 id;
  gint64 officer_id;
  gint64 task_force_id;
  gint64 agreement_id;      /* agreement source; 0 = none (not reimbursable) */
  GDate start_date;
  GDate end_date;           /* invalid while open-ended */
  gboolean voided;
} AllotAssignment;

/* Per-officer caps of one agreement in one federal fiscal year. */
typedef struct {
  gint64 id;
  gint64 agreement_id;
  int fiscal_year;          /* federal */
  gint64 annual_cap;
  gint64 monthly_cap;       /* 0 = none */
  gboolean voided;
} AllotOvertimeCap;

/* One day's overtime of one officer on one task force.  The store computes
 * @fiscal_year (federal, from @work_date) and @amount:
 *   amount = round_half_up (hours/100 * base_rate * multiplier/100)
 * New entries are drafts or submitted; a reviewer approves them
 * (allot_store_approve_overtime()); only approved entries count. */
typedef struct {
  gint64 id;
  gint64 officer_id;
  gint64 task_force_id;
  gint64 agreement_id;      /* 0 = the agreement of the officer's assignment */
  int fiscal_year;
  char *case_number;
  GDate work_date;
  gint64 hours;             /* hundredths of an hour, 1 .. 2400 */
  gint64 base_rate;         /* cents an hour */
  gint64 multiplier;        /* hundredths, 100 .. 300 */
  gint64 amount;            /* cents, computed */
  char *description;        /* may be NULL */
  AllotStatus status;
  char *entered_by;
  gboolean voided;
  gint64 version;
} AllotOvertimeEntry;

/* An invoice to the partner for one officer's overtime on one task force in
 * a period within one federal fiscal year; @received is what the claim's
 * unvoided payments add up to (read only). */
typedef struct {
  gint64 id;
  gint64 agreement_id;
  gint64 officer_id;
  gint64 task_force_id;
  char *invoice_number;
  GDate invoice_date;
  GDate period_start;
  GDate period_end;
  int fiscal_year;          /* federal, computed */
  gint64 billed;
  gint64 received;
  gboolean voided;
} AllotClaim;

typedef struct {
  gint64 id;
  gint64 claim_id;
  GDate received_date;
  gint64 amount;
  char *reference;          /* may be NULL */
  gboolean voided;
} AllotClaimPayment;

/* An indirect cost rate of a grant for a period (SF-425 line 11). */
typedef struct {
  gint64 id;
  gint64 source_id;
  char *rate_type;          /* de_minimis, provisional, predetermined, final, fixed */
  guint rate_bp;
  char *base_type;          /* "MTDC", "salaries and wages", ... */
  char *base_exclusions;    /* SF-424A lines (a..h) left out of the base, e.g. "d"; may be NULL */
  GDate start_date;
  GDate end_date;
  gboolean voided;
} AllotRatePeriod;

typedef enum {
  ALLOT_PROGRAM_INCOME_EARNED,
  ALLOT_PROGRAM_INCOME_DEDUCTION,  /* expended under the deduction alternative (10m) */
  ALLOT_PROGRAM_INCOME_ADDITION,   /* expended under the addition alternative (10n) */
} AllotProgramIncomeKind;

const char *allot_program_income_kind_to_string (AllotProgramIncomeKind kind);
gboolean    allot_program_income_kind_from_string (const char *s, AllotProgramIncomeKind *out);

typedef struct {
  gint64 id;
  gint64 source_id;
  GDate entry_date;
  AllotProgramIncomeKind kind;
  gint64 amount;
  char *description;
  gboolean voided;
} AllotProgramIncome;

AllotOfficer       *allot_officer_new        (void);
AllotAssignment    *allot_assignment_new     (void);
AllotOvertimeCap   *allot_overtime_cap_new   (void);
AllotOvertimeEntry *allot_overtime_entry_new (void);
AllotClaim         *allot_claim_new          (void);
AllotClaimPayment  *allot_claim_payment_new  (void);
AllotRatePeriod    *allot_rate_period_new    (void);
AllotProgramIncome *allot_program_income_new (void);

void allot_officer_free        (AllotOfficer *officer);
void allot_assignment_free     (AllotAssignment *assignment);
void allot_overtime_cap_free   (AllotOvertimeCap *cap);
void allot_overtime_entry_free (AllotOvertimeEntry *entry);
void allot_claim_free          (AllotClaim *claim);
void allot_claim_payment_free  (AllotClaimPayment *payment);
void allot_rate_period_free    (AllotRatePeriod *rate);
void allot_program_income_free (AllotProgramIncome *income);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotOfficer, allot_officer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotAssignment, allot_assignment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotOvertimeCap, allot_overtime_cap_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotOvertimeEntry, allot_overtime_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotClaim, allot_claim_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotClaimPayment, allot_claim_payment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotRatePeriod, allot_rate_period_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotProgramIncome, allot_program_income_free)

/* amount = round_half_up (hours/100 * base_rate * multiplier/100), in cents;
 * -1 when an input is out of range (see AllotOvertimeEntry). */
gint64 allot_overtime_amount (gint64 hours,
                              gint64 base_rate,
                              gint64 multiplier);

/* The federal fiscal year of @date (1 October start). */
int allot_federal_fiscal_year_of (const GDate *date);

/* ---- officers and assignments ---- */

gboolean      allot_store_add_officer (AllotStore *self, AllotOfficer *officer, GError **error);
/* Changes name and active (badge and agency stay: they identify the person). */
gboolean      allot_store_update_officer (AllotStore *self, AllotOfficer *officer,
                                          GError **error);
AllotOfficer *allot_store_lookup_officer (AllotStore *self, gint64 id, GError **error);
/* @agency_id 0: the only officer with that badge, NOT_FOUND or INVALID when
 * there is none or more than one. */
AllotOfficer *allot_store_lookup_officer_by_badge (AllotStore *self, gint64 agency_id,
                                                   const char *badge, GError **error);
/* By agency code then badge. */
GPtrArray    *allot_store_list_officers (AllotStore *self, GError **error);

/* Refused when the officer already has an unvoided assignment to the same
 * task force overlapping these dates, when the dates fall outside the task
 * force's, or when the agreement's term does not cover the start. */
gboolean   allot_store_add_assignment (AllotStore *self, AllotAssignment *assignment,
                                       GError **error);
/* @officer_id 0 = everyone; by start date. */
GPtrArray *allot_store_list_assignments (AllotStore *self, gint64 officer_id, GError **error);

/* ---- overtime ---- */

/* One unvoided cap per agreement and federal fiscal year. */
gboolean   allot_store_add_overtime_cap (AllotStore *self, AllotOvertimeCap *cap,
                                         GError **error);
/* @agreement_id 0 = every agreement. */
GPtrArray *allot_store_list_overtime_caps (AllotStore *self, gint64 agreement_id,
                                           GError **error);

/* The officer must be assigned to the task force on @work_date, under the
 * entry's agreement (which defaults to the assignment's).  An entry that
 * goes over a cap is stored all the same: the part over the cap is not
 * reimbursable, and the overtime report and the compliance checks flag it. */
gboolean allot_store_add_overtime (AllotStore *self, AllotOvertimeEntry *entry, GError **error);
AllotOvertimeEntry *allot_store_lookup_overtime (AllotStore *self, gint64 id, GError **error);
/* @officer_id 0 = everyone, @fiscal_year 0 = every year; by date. */
GPtrArray *allot_store_list_overtime (AllotStore *self, gint64 officer_id, int fiscal_year,
                                      GError **error);

/* The review workflow of allot_store_approve_entry(), for overtime. */
gboolean allot_store_submit_overtime  (AllotStore *self, gint64 id, GError **error);
gboolean allot_store_approve_overtime (AllotStore *self, gint64 id, GError **error);
gboolean allot_store_return_overtime  (AllotStore *self, gint64 id, const char *comment,
                                       GError **error);

/* A claim may not bill more than the reimbursable (approved, within caps)
 * overtime of its officer, agreement and task force in its period, less what
 * other claims with overlapping periods already billed. */
gboolean   allot_store_add_claim (AllotStore *self, AllotClaim *claim, GError **error);
/* @agreement_id 0 = every agreement; by invoice date. */
GPtrArray *allot_store_list_claims (AllotStore *self, gint64 agreement_id, GError **error);
/* Payments of a claim may not add up to more than it billed. */
gboolean   allot_store_add_claim_payment (AllotStore *self, AllotClaimPayment *payment,
                                          GError **error);
GPtrArray *allot_store_list_claim_payments (AllotStore *self, gint64 claim_id, GError **error);

/* ---- award data of the SF-425 ---- */

/* Within the grant's period of performance; rate periods of one grant may
 * not overlap. */
gboolean   allot_store_add_rate_period (AllotStore *self, AllotRatePeriod *rate,
                                        GError **error);
GPtrArray *allot_store_list_rate_periods (AllotStore *self, gint64 source_id, GError **error);

/* Program income expended may not exceed what was earned by its date. */
gboolean   allot_store_add_program_income (AllotStore *self, AllotProgramIncome *income,
                                           GError **error);
GPtrArray *allot_store_list_program_income (AllotStore *self, gint64 source_id,
                                            GError **error);

/* ---- voiding ---- */

typedef enum {
  ALLOT_VOIDABLE_ASSIGNMENT,
  ALLOT_VOIDABLE_OVERTIME,
  ALLOT_VOIDABLE_OVERTIME_CAP,
  ALLOT_VOIDABLE_CLAIM,
  ALLOT_VOIDABLE_CLAIM_PAYMENT,
  ALLOT_VOIDABLE_RATE_PERIOD,
  ALLOT_VOIDABLE_PROGRAM_INCOME,
  ALLOT_VOIDABLE_MATCH,
  ALLOT_VOIDABLE_DRAWDOWN,
  ALLOT_VOIDABLE_RECEIPT,        /* forfeiture receipt */
} AllotVoidable;

/* Voids record @id of @what, keeping it with the reason, who and when.
 * Refused in a closed month, for a record already voided, for a claim
 * with unvoided payments, an assignment with overtime under it, earned
 * program income that was spent, and a receipt whose fund's allocations
 * would then exceed what it authorizes. */
gboolean allot_store_void_record (AllotStore   *self,
                                  AllotVoidable what,
                                  gint64        id,
                                  const char   *reason,
                                  GError      **error);

G_END_DECLS
