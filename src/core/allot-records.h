/* allot-records.h: the plain records the core reads and writes.
 *
 * Records are plain C structs, not GObjects: the CLI, the tests and the export
 * only read fields, and the app wraps them in its own list items.  Every
 * record has an id (0 before it is stored) and a version that the store bumps
 * on each update; an update carrying a stale version is refused with
 * ALLOT_ERROR_CONFLICT instead of silently overwriting someone else's change.
 *
 * Money is gint64 cents.  Dates are GDate; an unset optional date is a GDate
 * for which g_date_valid() is FALSE (use g_date_clear()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  ALLOT_AGENCY_STATE,
  ALLOT_AGENCY_LOCAL,
  ALLOT_AGENCY_FEDERAL,
} AllotAgencyLevel;

typedef enum {
  ALLOT_SOURCE_GRANT,
  ALLOT_SOURCE_APPROPRIATION,
  ALLOT_SOURCE_AGREEMENT,
  ALLOT_SOURCE_FORFEITURE,
} AllotSourceKind;
#define ALLOT_SOURCE_N_KINDS 4

typedef enum {
  ALLOT_FORFEITURE_DOJ,
  ALLOT_FORFEITURE_TREASURY,
  ALLOT_FORFEITURE_STATE,
} AllotForfeitureProgram;

typedef enum {
  ALLOT_RECEIPT_SHARING,      /* ESAC line 2: equitable-sharing funds received */
  ALLOT_RECEIPT_TRANSFER_IN,  /* ESAC line 3: from other agencies and task forces */
  ALLOT_RECEIPT_OTHER,        /* ESAC line 4: other income */
  ALLOT_RECEIPT_INTEREST,     /* ESAC line 5: interest, credited to the same program */
} AllotReceiptKind;

typedef enum {
  ALLOT_ENTRY_OBLIGATION,
  ALLOT_ENTRY_EXPENDITURE,
  ALLOT_ENTRY_ADJUSTMENT,
} AllotEntryKind;

typedef enum {
  ALLOT_STATUS_DRAFT,
  ALLOT_STATUS_SUBMITTED,
  ALLOT_STATUS_APPROVED,
  ALLOT_STATUS_RETURNED,
} AllotStatus;

typedef enum {
  ALLOT_SIDE_PARTNER,       /* the federal partner contributes */
  ALLOT_SIDE_JURISDICTION,  /* we contribute */
} AllotContributionSide;

typedef enum {
  ALLOT_FORM_CASH,
  ALLOT_FORM_IN_KIND,
} AllotContributionForm;

typedef enum {
  ALLOT_ROLE_OFFICER,
  ALLOT_ROLE_REVIEWER,
  ALLOT_ROLE_ADMINISTRATOR,
} AllotRole;

/* Stable machine names, used in the database, the CLI and CSV files. */
const char *allot_agency_level_to_string   (AllotAgencyLevel level);
const char *allot_source_kind_to_string    (AllotSourceKind kind);
const char *allot_forfeiture_program_to_string (AllotForfeitureProgram program);
const char *allot_receipt_kind_to_string   (AllotReceiptKind kind);
const char *allot_entry_kind_to_string     (AllotEntryKind kind);
const char *allot_status_to_string         (AllotStatus status);
const char *allot_contribution_side_to_string (AllotContributionSide side);
const char *allot_contribution_form_to_string (AllotContributionForm form);
const char *allot_role_to_string           (AllotRole role);

/* The reverse; FALSE (and *out untouched) for an unknown name. */
gboolean allot_agency_level_from_string   (const char *s, AllotAgencyLevel *out);
gboolean allot_source_kind_from_string    (const char *s, AllotSourceKind *out);
gboolean allot_forfeiture_program_from_string (const char *s, AllotForfeitureProgram *out);
gboolean allot_receipt_kind_from_string   (const char *s, AllotReceiptKind *out);
gboolean allot_entry_kind_from_string     (const char *s, AllotEntryKind *out);
gboolean allot_status_from_string         (const char *s, AllotStatus *out);
gboolean allot_contribution_side_from_string (const char *s, AllotContributionSide *out);
gboolean allot_contribution_form_from_string (const char *s, AllotContributionForm *out);
gboolean allot_role_from_string           (const char *s, AllotRole *out);

/* Names for people (translatable). */
const char *allot_source_kind_label (AllotSourceKind kind);
const char *allot_entry_kind_label  (AllotEntryKind kind);
const char *allot_status_label      (AllotStatus status);

typedef struct {
  gint64 id;
  char *code;               /* short unique code, e.g. "MPD" */
  char *name;
  AllotAgencyLevel level;
  char *ori;                /* NCIC Originating Agency Identifier, may be NULL */
  gint64 version;
} AllotAgency;

typedef struct {
  gint64 id;
  char *code;
  char *name;
  gint64 lead_agency_id;    /* the federal partner leading it */
  GDate start_date;
  GDate end_date;           /* invalid while open-ended */
  gboolean immigration;     /* civil immigration enforcement: routed to legal review */
  GArray *member_ids;       /* gint64 agency ids of participating agencies */
  gint64 version;
} AllotTaskForce;

/* Cost categories are data mapped onto SF-424A section B line 6 (a..h). */
typedef struct {
  gint64 id;
  char *code;
  char *name;
  char sf424a_line;         /* 'a'..'h' */
  char esac_category;       /* ESAC spending category 'a'..'n' for forfeiture money; 0 = none */
  gint64 version;
} AllotCategory;

typedef struct {
  char *award_number;
  char *assistance_listing; /* "16.738" */
  gint64 award_amount;      /* original award; amendments add to it */
  GDate pop_start;          /* period of performance */
  GDate pop_end;
  gint64 match_required;    /* recipient share, cents */
  char *indirect_rate_type; /* none, de_minimis, provisional, predetermined, final, fixed */
  guint indirect_rate_bp;   /* hundredths of a percent: 1500 = 15.00% */
  char *indirect_base;      /* "MTDC", "salaries", ... may be NULL */
  char *uniform_guidance;   /* "2024" (awards from 2024-10-01) or "2014" */
  char *reporting_frequency;/* "quarterly", "semiannual", "annual" */
} AllotGrantFields;

typedef struct {
  char *fund_code;
  char *program_code;
  int fiscal_year;
  gint64 amount;
  GDate lapse_date;
} AllotAppropriationFields;

typedef struct {
  char *agreement_number;
  gint64 partner_agency_id;
  GDate term_start;
  GDate term_end;
  char *reimbursement_terms; /* may be NULL */
} AllotAgreementFields;

typedef struct {
  AllotForfeitureProgram program;
} AllotForfeitureFields;

typedef struct {
  gint64 id;
  char *code;               /* short unique code, e.g. "JAG-FY25" */
  char *name;
  AllotSourceKind kind;
  gint64 agency_id;         /* awarding agency (grant), recipient (others); 0 = none */
  gboolean closed;
  gboolean immigration;
  char *notes;              /* may be NULL */
  union {
    AllotGrantFields grant;
    AllotAppropriationFields appropriation;
    AllotAgreementFields agreement;
    AllotForfeitureFields forfeiture;
  } u;
  gint64 version;
} AllotSource;

/* Award amendments: append-only, never changed or removed. */
typedef struct {
  gint64 id;
  gint64 source_id;
  GDate effective_date;
  gint64 amount;            /* signed change to the award */
  char *description;
  char *entered_by;
} AllotAmendment;

typedef struct {
  gint64 id;
  gint64 source_id;
  AllotReceiptKind kind;
  GDate received_date;
  gint64 amount;
  char *case_number;        /* may be NULL for interest */
  char *description;
  gboolean voided;
} AllotReceipt;

typedef struct {
  gint64 id;
  gint64 source_id;
  AllotContributionSide side;
  AllotContributionForm form;
  char *description;
  gint64 valuation;         /* cash amount, or the valuation of in-kind help */
  gint64 task_force_id;     /* 0 = the agreement as a whole */
  gboolean voided;
} AllotContribution;

/* Federal cash requested and received against a grant. */
typedef struct {
  gint64 id;
  gint64 source_id;
  GDate received_date;
  gint64 amount;            /* negative: cash returned */
  char *reference;
  gboolean voided;
} AllotDrawdown;

/* The recipient's share (match) of a grant, provided in cash or in kind. */
typedef struct {
  gint64 id;
  gint64 source_id;         /* the grant */
  GDate entry_date;
  AllotContributionForm form;
  gint64 amount;
  char *description;
  gboolean voided;
} AllotMatchEntry;

typedef struct {
  gint64 id;
  gint64 source_id;
  gint64 task_force_id;
  gint64 category_id;
  int fiscal_year;
  gint64 amount;
  char *description;        /* may be NULL */
  AllotStatus status;
  gboolean voided;
  gint64 version;
} AllotAllocation;

typedef struct {
  gint64 id;
  gint64 allocation_id;
  AllotEntryKind kind;
  gint64 amount;            /* > 0, except adjustments which are signed */
  GDate entry_date;         /* obligation date / date incurred */
  GDate paid_date;          /* expenditures: date paid; invalid while unpaid */
  gint64 obligation_id;     /* expenditure liquidating, or adjustment changing, this obligation; 0 = none */
  char *document_number;
  char *payee;
  char *description;
  AllotStatus status;
  gboolean immigration;
  char *entered_by;
  char *entered_at;         /* UTC, ISO 8601 */
  gboolean voided;
  char *void_reason;
  gint64 version;
} AllotLedgerEntry;

AllotAgency      *allot_agency_new       (void);
AllotTaskForce   *allot_task_force_new   (void);
AllotCategory    *allot_category_new     (void);
AllotSource      *allot_source_new       (AllotSourceKind kind);
AllotAmendment   *allot_amendment_new    (void);
AllotReceipt     *allot_receipt_new      (void);
AllotContribution *allot_contribution_new (void);
AllotDrawdown    *allot_drawdown_new     (void);
AllotMatchEntry  *allot_match_entry_new  (void);
AllotAllocation  *allot_allocation_new   (void);
AllotLedgerEntry *allot_ledger_entry_new (void);

void allot_agency_free       (AllotAgency *agency);
void allot_task_force_free   (AllotTaskForce *task_force);
void allot_category_free     (AllotCategory *category);
void allot_source_free       (AllotSource *source);
void allot_amendment_free    (AllotAmendment *amendment);
void allot_receipt_free      (AllotReceipt *receipt);
void allot_contribution_free (AllotContribution *contribution);
void allot_drawdown_free     (AllotDrawdown *drawdown);
void allot_match_entry_free  (AllotMatchEntry *match);
void allot_allocation_free   (AllotAllocation *allocation);
void allot_ledger_entry_free (AllotLedgerEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotAgency, allot_agency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotTaskForce, allot_task_force_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotCategory, allot_category_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotSource, allot_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotAmendment, allot_amendment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotReceipt, allot_receipt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotContribution, allot_contribution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotDrawdown, allot_drawdown_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotMatchEntry, allot_match_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotAllocation, allot_allocation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotLedgerEntry, allot_ledger_entry_free)

G_END_DECLS
