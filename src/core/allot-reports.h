/* allot-reports.h: the federal reports and the task-force participation
 * reports, computed from the ledger and the records behind it.
 *
 * Every report is a plain struct of cents (gint64), dates (GDate; an unset
 * one is invalid) and strings it owns, returned by one call and freed by one
 * call.  The CLI prints these structs, the app shows them and the workbook
 * writes them: a figure cannot differ between the three.  Only approved,
 * unvoided ledger entries and overtime count, and nothing voided counts, as
 * in the balances; a report shows the records as they are now (an entry
 * voided after a report was filed drops out of it when run again).
 *
 * Each report reads in one transaction, so its figures are consistent with
 * each other even while someone writes.  A report runs on a reader
 * connection (allot_store_open_reader()) as well.
 */
#pragma once

#include "allot-personnel.h"
#include "allot-store.h"

G_BEGIN_DECLS

typedef enum {
  ALLOT_BASIS_CASH,      /* expenditures when paid (paid date) */
  ALLOT_BASIS_ACCRUAL,   /* expenditures when incurred (date incurred) */
} AllotReportBasis;

const char *allot_report_basis_to_string (AllotReportBasis basis);
gboolean    allot_report_basis_from_string (const char *s, AllotReportBasis *out);

/* One record behind a figure of a report (the "detail" tab of a sheet). */
typedef struct {
  const char *line;     /* the line it counts on: "10b", "11", "2", "a" ...; static */
  int column;           /* ESAC: AllotEsacColumn; otherwise -1 */
  char *table_name;     /* "ledger_entries", "drawdowns", "receipts", ... */
  gint64 record_id;
  GDate date;           /* the date that put it on the line */
  char *reference;      /* document number, drawdown reference, case number ... */
  char *description;
  gint64 amount;        /* as it counts on the line (signed) */
} AllotReportDetail;

void allot_report_detail_free (AllotReportDetail *detail);

/* ==== SF-425 Federal Financial Report ==== */

typedef enum {
  ALLOT_FFR_10A,   /* cash receipts */
  ALLOT_FFR_10B,   /* cash disbursements */
  ALLOT_FFR_10C,   /* cash on hand = a - b */
  ALLOT_FFR_10D,   /* total federal funds authorized */
  ALLOT_FFR_10E,   /* federal share of expenditures */
  ALLOT_FFR_10F,   /* federal share of unliquidated obligations */
  ALLOT_FFR_10G,   /* total federal share = e + f */
  ALLOT_FFR_10H,   /* unobligated balance = d - g */
  ALLOT_FFR_10I,   /* total recipient share required */
  ALLOT_FFR_10J,   /* recipient share of expenditures */
  ALLOT_FFR_10K,   /* remaining recipient share = i - j */
  ALLOT_FFR_10L,   /* total program income earned */
  ALLOT_FFR_10M,   /* program income expended, deduction alternative */
  ALLOT_FFR_10N,   /* program income expended, addition alternative */
  ALLOT_FFR_10O,   /* unexpended program income = l - m - n */
} AllotFfrLine;
#define ALLOT_FFR_N_LINES 15

/* "10a" ... "10o" */
const char *allot_ffr_line_id (AllotFfrLine line);
/* The form's wording (translated). */
const char *allot_ffr_line_label (AllotFfrLine line);
/* The arithmetic of a computed line over the other lines: "10a - 10b",
 * "10e + 10f", "10d - 10g", "10i - 10j", "10l - 10m - 10n"; NULL for lines
 * that come from the records.  A sheet writes these as live formulas. */
const char *allot_ffr_line_formula (AllotFfrLine line);

/* One row of line 11, one per indirect rate period that began by the
 * period end. */
typedef struct {
  gint64 rate_id;
  char *rate_type;      /* 11a */
  guint rate_bp;        /* 11b */
  GDate start;          /* 11c period from */
  GDate end;            /* 11c period to */
  char *base_type;      /* "MTDC" ... */
  char *base_exclusions;/* SF-424A lines left out of the base ("" = none) */
  gint64 base;          /* 11d */
  gint64 amount_charged;/* 11e = base x rate, rounded half away from zero to the cent */
  gint64 federal_share; /* 11f */
} AllotFfrIndirect;

typedef struct {
  /* header */
  gint64 source_id;
  char *source_code;
  char *source_name;
  char *awarding_agency;     /* name; "" when the grant names none */
  char *award_number;
  char *assistance_listing;
  char *recipient;           /* setting "jurisdiction" */
  char *recipient_uei;       /* setting "recipient_uei", "" when unset */
  char *recipient_ein;       /* setting "recipient_ein", "" when unset */
  char *report_type;         /* "quarterly", "semiannual", "annual" or "final" */
  gboolean final;
  AllotReportBasis basis;
  GDate project_start;       /* period of performance */
  GDate project_end;
  GDate period_start;        /* of the reporting period (after the previous one's end) */
  GDate period_end;
  GDate due_date;
  GDate as_of;               /* the day the due date was checked against */

  gint64 lines[ALLOT_FFR_N_LINES];   /* indexed by AllotFfrLine */
  GPtrArray *indirect;       /* AllotFfrIndirect, by start date */
  gint64 indirect_base;      /* 11g totals */
  gint64 indirect_charged;
  gint64 indirect_federal;

  GPtrArray *details;        /* AllotReportDetail of lines 10a-10o and 11 */
  GPtrArray *warnings;       /* char *, for people */
} AllotFfr;

void allot_ffr_free (AllotFfr *ffr);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotFfr, allot_ffr_free)

/* The SF-425 of grant @source_id, cumulative from the start of the award to
 * @period_end.  @as_of (NULL or invalid: today) is the day the due date is
 * checked against.  Warnings: a final report with unliquidated obligations,
 * a report past its due date, a period end that is not a reporting period
 * end, a final report whose period does not end with the award.  Errors:
 * NOT_FOUND, INVALID (not a grant, period end before the award starts). */
AllotFfr *allot_report_ffr (AllotStore       *store,
                            gint64            source_id,
                            const GDate      *period_end,
                            gboolean          final,
                            AllotReportBasis  basis,
                            const GDate      *as_of,
                            GError          **error);

/* ==== reporting periods and due dates ==== */

typedef struct {
  gint64 source_id;
  char *source_code;
  char *award_number;
  char *report_type;         /* "quarterly", "semiannual", "annual" or "final" */
  guint number;              /* 1, 2, ... within the grant */
  GDate period_start;
  GDate period_end;
  GDate due_date;
  int days_to_due;           /* from as_of; negative once the due date has passed */
} AllotReportingPeriod;

void allot_reporting_period_free (AllotReportingPeriod *period);

/* Every reporting period of grant @source_id (0 = every grant, by code):
 * interim periods end on the calendar quarter ends (quarterly), 30 June and
 * 31 December (semiannual) or 31 December (annual) that fall within the
 * period of performance before its last day; interim reports are due 30 days
 * after the period ends (annual: 90).  The final report covers the award to
 * its end and is due 120 days after it.  A GPtrArray of AllotReportingPeriod. */
GPtrArray *allot_report_periods (AllotStore  *store,
                                 gint64       source_id,
                                 const GDate *as_of,
                                 GError     **error);

/* ==== Equitable Sharing Agreement and Certification ==== */

typedef enum {
  ALLOT_ESAC_JUSTICE,
  ALLOT_ESAC_TREASURY,
} AllotEsacColumn;
#define ALLOT_ESAC_N_COLUMNS 2

typedef enum {
  ALLOT_ESAC_BEGINNING,      /* 1 */
  ALLOT_ESAC_RECEIVED,       /* 2 equitable-sharing funds received */
  ALLOT_ESAC_TRANSFERS_IN,   /* 3 from other agencies and task forces */
  ALLOT_ESAC_OTHER_INCOME,   /* 4 */
  ALLOT_ESAC_INTEREST,       /* 5 */
  ALLOT_ESAC_TOTAL_RECEIVED, /* 6 = 2 + 3 + 4 + 5 */
  ALLOT_ESAC_SPENT,          /* 7 = a + ... + n */
  ALLOT_ESAC_ENDING,         /* 8 = 1 + 6 - 7 */
} AllotEsacLine;
#define ALLOT_ESAC_N_LINES 8
#define ALLOT_ESAC_N_CATEGORIES 14   /* 'a' .. 'n' */

const char *allot_esac_line_label (AllotEsacLine line);
/* "2 + 3 + 4 + 5" for line 6 and so on; NULL for lines from the records. */
const char *allot_esac_line_formula (AllotEsacLine line);
/* Category @letter ('a'..'n'), translated. */
const char *allot_esac_category_label (char letter);

typedef struct {
  int fiscal_year;
  GDate fy_start;
  GDate fy_end;
  GDate due_date;            /* fy_end + 60 days */
  char *agency;              /* setting "jurisdiction" */
  GPtrArray *sources[ALLOT_ESAC_N_COLUMNS];   /* codes (char *) of the funds of each column */
  gint64 lines[ALLOT_ESAC_N_COLUMNS][ALLOT_ESAC_N_LINES];
  gint64 spent[ALLOT_ESAC_N_COLUMNS][ALLOT_ESAC_N_CATEGORIES];  /* [col][letter - 'a'] */
  GPtrArray *details;        /* AllotReportDetail (column set) of lines 2-5 and a-n */
  GPtrArray *warnings;
} AllotEsac;

void allot_esac_free (AllotEsac *esac);
/* The codes of the funds of @column, comma-separated ("none", translated,
 * when there are none): how the report names them. */
char *allot_esac_sources_text (const AllotEsac *esac,
                               AllotEsacColumn  column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotEsac, allot_esac_free)

/* The ESAC of the agency's fiscal year @fiscal_year (the store's start
 * month), DOJ funds in the Justice column, Treasury funds in the Treasury
 * column; state forfeiture funds are not on it.  Received: unvoided
 * receipts by the date received.  Spent (cash basis: the account's money
 * leaves it when paid): approved, unvoided expenditures by the date paid and
 * corrections (adjustments naming no obligation) by their date, in the ESAC
 * category of their allocation's cost category (m, non-categorized, when it
 * has none, with a warning).  Line 1 is computed from every earlier year, so
 * it always equals the previous year's line 8. */
AllotEsac *allot_report_esac (AllotStore *store,
                              int         fiscal_year,
                              GError    **error);

/* ==== overtime by officer and agreement ==== */

typedef struct {
  gint64 officer_id;
  char *badge;
  char *officer_name;
  char *agency_code;         /* home agency */
  gint64 agreement_id;
  char *agreement_code;      /* source code */
  char *agreement_number;
  int fiscal_year;           /* federal */
  guint n_entries;
  gint64 hours;              /* hundredths */
  gint64 amount;             /* approved overtime */
  gint64 annual_cap;         /* 0 = no cap recorded */
  gint64 monthly_cap;        /* 0 = none */
  gint64 reimbursable;       /* within the caps */
  gint64 over_cap;           /* amount - reimbursable */
  gint64 remaining;          /* annual_cap - reimbursable (0 without a cap) */
  gint64 billed;             /* unvoided claims of the year */
  gint64 received;           /* their unvoided payments */
  gint64 outstanding;        /* billed - received */
  gint64 unbilled;           /* reimbursable - billed */
  guint n_flagged;           /* entries with a part over a cap */
} AllotOvertimeRow;

/* An entry with a part over a cap. */
typedef struct {
  gint64 entry_id;
  gint64 officer_id;
  char *badge;
  char *agreement_code;
  int fiscal_year;
  GDate work_date;
  char *case_number;
  gint64 hours;
  gint64 amount;
  gint64 reimbursable;
  gint64 over_cap;
  gboolean over_monthly;     /* the monthly cap cut it */
  gboolean over_annual;      /* the annual cap cut it */
} AllotOvertimeFlag;

typedef struct {
  int fiscal_year;           /* 0 = every year */
  GPtrArray *rows;           /* AllotOvertimeRow by agreement, officer badge, year */
  AllotOvertimeRow totals;   /* sums of the rows (caps and strings unset) */
  GPtrArray *flagged;        /* AllotOvertimeFlag by date */
  GPtrArray *warnings;
} AllotOvertimeReport;

void allot_overtime_report_free (AllotOvertimeReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotOvertimeReport, allot_overtime_report_free)

/* Approved, unvoided overtime of federal fiscal year @fiscal_year (0 =
 * every year) per officer and agreement, against the caps (see
 * allot-schema-reports.c for how the caps apply), with what was billed and
 * received on the year's claims. */
AllotOvertimeReport *allot_report_overtime (AllotStore *store,
                                            int         fiscal_year,
                                            GError    **error);

/* ==== task-force participation ==== */

typedef struct {
  gint64 task_force_id;
  char *code;
  char *name;
  int fiscal_year;                          /* the jurisdiction's */
  gint64 cash[ALLOT_SOURCE_N_KINDS];        /* expended, by AllotSourceKind */
  gint64 cash_total;
  gint64 in_kind;            /* the jurisdiction's in-kind contributions, spread over the term */
  gint64 contributed;        /* cash_total + in_kind */
  guint officers;            /* officers assigned at some time in the year */
  gint64 overtime_hours;     /* hundredths, approved */
  gint64 overtime_amount;
  gint64 billed;             /* claims invoiced in the year */
  gint64 reimbursed;         /* claim payments received in the year */
  gint64 partner_in_kind;    /* the partners' in-kind contributions, spread over the term */
} AllotParticipationRow;

typedef struct {
  int fiscal_year;           /* 0 = every year */
  GPtrArray *rows;           /* AllotParticipationRow by fiscal year, task force code */
  AllotParticipationRow totals;
  GPtrArray *warnings;
} AllotParticipation;

void allot_participation_free (AllotParticipation *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotParticipation, allot_participation_free)

/* Per task force and fiscal year of the jurisdiction (@fiscal_year 0 =
 * every year with activity): cash the jurisdiction spent on it by kind of
 * source (approved, unvoided expended of the allocations of that year),
 * in-kind contributions, officers, overtime and what the partners billed and
 * reimbursed.  Agreement contributions carry no dates: each is spread over
 * the agreement's term by day, cumulatively rounded so the years add up to
 * the valuation exactly. */
AllotParticipation *allot_report_participation (AllotStore *store,
                                                int         fiscal_year,
                                                GError    **error);

/* ==== burn rate ==== */

typedef struct {
  int year;
  int month;                 /* 1..12 */
  gint64 spent;              /* expended in the month (date incurred) */
  gint64 cumulative;
  guint spent_bp;            /* cumulative / authorized, basis points */
  guint elapsed_bp;          /* of the period, at the month's end (or as of, in its month) */
} AllotBurnMonth;

typedef struct {
  gint64 source_id;
  char *source_code;
  char *source_name;
  AllotSourceKind kind;
  GDate as_of;
  gboolean has_period;       /* FALSE for forfeiture funds without receipts */
  GDate period_start;
  GDate period_end;          /* lapse: end of performance / term, lapse date; invalid for forfeiture */
  gint64 authorized;         /* as of as_of */
  gint64 spent;              /* expended to as_of */
  gint64 unliquidated;       /* open obligations as of as_of */
  gint64 unspent;            /* authorized - spent */
  guint spent_bp;
  guint elapsed_bp;          /* 0 without an end */
  guint days_elapsed;
  guint days_total;          /* 0 without an end */
  GArray *months;            /* AllotBurnMonth, from the period's first month to as_of's */
  gboolean has_projection;   /* FALSE when nothing was spent yet, or it is all spent */
  GDate exhaustion;          /* projected day the money runs out */
  gboolean lapses_first;     /* the period ends before that day */
  gint64 projected_unspent;  /* left when the period ends, at the same pace; 0 if none */
  GPtrArray *warnings;
} AllotBurnReport;

void allot_burn_report_free (AllotBurnReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotBurnReport, allot_burn_report_free)

/* Monthly spending of source @source_id up to @as_of (NULL: today), the
 * share spent against the share of its period elapsed, and a projection:
 * straight-line at the average daily pace since the period began
 * (spent / days elapsed), the money runs out after
 * ceil (unspent * days_elapsed / spent) more days; when that is after the
 * period ends the money lapses first with
 * unspent - floor (spent * days_left / days_elapsed) left unspent. */
AllotBurnReport *allot_report_burn (AllotStore  *store,
                                    gint64       source_id,
                                    const GDate *as_of,
                                    GError     **error);

G_END_DECLS
