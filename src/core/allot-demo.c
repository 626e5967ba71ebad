/* allot-demo.c: the fictional demo data set.
 *
 * Design decisions:
 * - Everything goes through the public store API, never SQL: the demo meets
 *   the same rules as a person would (funds check on allocations, periods of
 *   performance, open amounts of obligations, unique document numbers), and
 *   any future storage backend gets it for free.
 * - The some five hundred writes are one store batch: one transaction, so the
 *   load is quick and all or nothing.  A caller already in a batch keeps
 *   control of it.
 * - The ledger is generated, not listed: a table of allocations says how much
 *   of each is used, and a small pseudo-random generator with a fixed seed
 *   (xorshift64*, written out here so that no library update can change the
 *   numbers) spreads it over entries.  The demo's "today" is fixed at
 *   2026-11-28, so the file is the same on every run, in any year.
 * - Money is built in whole cents with integer arithmetic only.
 * - A few things are wrong on purpose, because the reports and checks need
 *   something to show: one allocation is overspent, a few entries are voided,
 *   a few await review, a few expenditures are unpaid accruals, and some
 *   obligations are still open after FY2026 closed.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-demo.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-personnel.h"

#define DEMO_SEED     G_GUINT64_CONSTANT (0x20261128a110c0de)
#define DEMO_TODAY    "2026-11-28"
#define DEMO_LAST_FY  2026
/* The people of the demo: one of each role, so that the review workflow's
 * separation of duties holds for every approved record. */
#define DEMO_ADMIN    "a.okafor"
#define DEMO_OFFICER  "m.rivera"
#define DEMO_REVIEWER "j.chen"
#define DOLLARS(d)    ((gint64) (d) * 100)
#define PAYROLL       "MPD payroll (demo)"

/* ---- pseudo-random numbers ---- */

typedef struct {
  guint64 state;
} DemoRng;

static guint32
rng_next (DemoRng *rng)
{
  rng->state ^= rng->state >> 12;
  rng->state ^= rng->state << 25;
  rng->state ^= rng->state >> 27;
  return (guint32) ((rng->state * G_GUINT64_CONSTANT (2685821657736338717)) >> 32);
}

/* A number from @lo to @hi, both included. */
static gint64
rng_range (DemoRng *rng,
           gint64   lo,
           gint64   hi)
{
  g_assert (lo <= hi);
  return lo + (gint64) (rng_next (rng) % (guint64) (hi - lo + 1));
}

/* TRUE one time in @n. */
static gboolean
rng_one_in (DemoRng *rng,
            guint    n)
{
  return rng_next (rng) % n == 0;
}

/* Splits @total into @n parts of random weights from 100 - @spread to
 * 100 + @spread; the parts add up to @total exactly. */
static void
split_amount (DemoRng *rng,
              gint64   total,
              guint    n,
              guint    spread,
              gint64  *parts)
{
  gint64 weights[16];
  gint64 sum = 0, left = total;

  g_assert (n >= 1 && n <= G_N_ELEMENTS (weights) && spread < 100);
  for (guint i = 0; i < n; i++)
    {
      weights[i] = rng_range (rng, 100 - spread, 100 + spread);
      sum += weights[i];
    }
  for (guint i = 0; i + 1 < n; i++)
    {
      parts[i] = total * weights[i] / sum;
      left -= parts[i];
    }
  parts[n - 1] = left;
}

/* ---- the reference data ---- */

typedef struct {
  const char *code;
  const char *name;
  AllotAgencyLevel level;
  const char *ori;
} DemoAgency;

static const DemoAgency demo_agencies[] = {
  { "MPD", "Metropolitan Police Department (demo)", ALLOT_AGENCY_LOCAL, "DCMPD0000" },
  { "DOC", "Department of Corrections (demo)", ALLOT_AGENCY_LOCAL, "DCDOC0000" },
  { "HSEMA", "Homeland Security and Emergency Management Agency (demo)",
    ALLOT_AGENCY_STATE, NULL },
  { "OVSJG", "Office of Victim Services and Justice Grants (demo)", ALLOT_AGENCY_STATE, NULL },
  { "CBP", "U.S. Customs and Border Protection (demo)", ALLOT_AGENCY_FEDERAL, NULL },
  { "ICE-HSI", "ICE Homeland Security Investigations (demo)", ALLOT_AGENCY_FEDERAL, NULL },
  { "FBI", "Federal Bureau of Investigation (demo)", ALLOT_AGENCY_FEDERAL, NULL },
  { "DEA", "Drug Enforcement Administration (demo)", ALLOT_AGENCY_FEDERAL, NULL },
  { "DOJ-BJA", "DOJ Bureau of Justice Assistance (demo)", ALLOT_AGENCY_FEDERAL, NULL },
  { "DHS-FEMA", "DHS Federal Emergency Management Agency (demo)", ALLOT_AGENCY_FEDERAL, NULL },
  { "TREAS-TEOAF", "Treasury Executive Office for Asset Forfeiture (demo)",
    ALLOT_AGENCY_FEDERAL, NULL },
};

enum {
  TF_SSTF,
  TF_HIDTA,
  TF_BEST,
  TF_JTTF,
  TF_CARGO,
  N_TASK_FORCES
};

#define TF(i)  (1u << (i))
#define TF_ANY ((1u << N_TASK_FORCES) - 1)

typedef struct {
  const char *code;
  const char *name;
  const char *short_name;
  const char *lead;
  const char *start;
  const char *end;          /* NULL: open-ended */
  gboolean immigration;
  const char *members[5];   /* NULL-terminated */
} DemoTaskForce;

/* Indexed by the TF_ enumeration. */
static const DemoTaskForce demo_task_forces[N_TASK_FORCES] = {
  { "SSTF", "FBI Safe Streets Violent Gang Task Force (demo)", "Safe Streets task force",
    "FBI", "2019-03-01", NULL, FALSE, { "MPD", "DOC", "FBI", NULL } },
  { "HIDTA-DTF", "DEA HIDTA Drug Task Force (demo)", "HIDTA drug task force",
    "DEA", "2018-10-01", NULL, FALSE, { "MPD", "DEA", NULL } },
  { "HSI-BEST", "ICE HSI Border Enforcement Security Task Force (demo)", "HSI BEST",
    "ICE-HSI", "2024-10-01", NULL, TRUE, { "MPD", "ICE-HSI", "CBP", NULL } },
  { "JTTF", "FBI Joint Terrorism Task Force (demo)", "JTTF",
    "FBI", "2015-01-05", NULL, FALSE, { "MPD", "HSEMA", "FBI", "CBP", NULL } },
  { "CBP-CARGO", "CBP Air Cargo Interdiction Task Force (demo)", "cargo interdiction task force",
    "CBP", "2023-04-01", "2026-09-30", FALSE, { "MPD", "CBP", NULL } },
};

typedef struct {
  const char *code;
  const char *name;
  char line;                   /* SF-424A object class */
  char esac;                   /* ESAC spending category, for forfeiture money */
} DemoCategory;

static const DemoCategory demo_categories[] = {
  { "PERS", "Personnel (salaries)", 'a', 'n' },
  { "OT", "Overtime", 'a', 'a' },
  { "FRINGE", "Fringe benefits", 'b', 'n' },
  { "TRAVEL", "Travel and per diem", 'c', 'g' },
  { "EQUIP", "Equipment", 'd', 'd' },
  { "SUPPLY", "Supplies", 'e', 'a' },
  { "CONTRACT", "Contractual services", 'f', 'f' },
  { "TRAINING", "Training and exercises", 'h', 'b' },
  { "OTHER", "Other direct costs", 'h', 'm' },
};

typedef struct {
  const char *code;
  const char *name;
  const char *agency;          /* the awarding agency */
  const char *award_number;
  const char *listing;
  gint64 dollars;
  const char *pop_start;
  const char *pop_end;
  gint64 match_dollars;
  const char *rate_type;
  guint rate_bp;
  const char *rate_base;
  const char *frequency;
  const char *notes;
  const char *draw_prefix;     /* reference of the drawdowns */
  guint federal_share;         /* percent of each expenditure drawn down */
} DemoGrant;

static const DemoGrant demo_grants[] = {
  { "JAG-FY24", "Edward Byrne Memorial JAG, FY2024 award (demo)", "DOJ-BJA",
    "15PBJA-24-GG-DEMO1", "16.738", 850000, "2023-10-01", "2027-09-30", 0,
    "none", 0, NULL, "quarterly",
    "Fictional award for demonstration. JAG funds may not supplant local funds.",
    "ASAP-JAG24", 100 },
  { "UASI-FY24", "Homeland Security Grant Program, NCR UASI FY2024 (demo)", "DHS-FEMA",
    "EMW-2024-SS-DEMO2", "97.067", 2400000, "2024-09-01", "2027-08-31", 0,
    "de_minimis", 1000, "MTDC", "quarterly",
    "Fictional award for demonstration; passed through by the State Administrative Agency.",
    "PARS-UASI24", 100 },
  { "BVP-FY24", "Bulletproof Vest Partnership, FY2024 (demo)", "DOJ-BJA",
    "2024-BVP-DEMO3", "16.607", 48000, "2024-04-01", "2026-09-30", 48000,
    "none", 0, NULL, "annual",
    "Fictional award for demonstration. The program pays half of each vest; the District "
    "provides the other half as match.",
    "ASAP-BVP24", 50 },
};

typedef struct {
  const char *source;
  const char *date;
  gint64 dollars;
  const char *description;
} DemoAmendment;

static const DemoAmendment demo_amendments[] = {
  { "UASI-FY24", "2025-03-14", 350000,
    "Amendment 1: reallocation of unobligated regional UASI funds" },
  { "UASI-FY24", "2026-06-30", -120000,
    "Amendment 2: deobligation of the cancelled CBRNE detection project" },
};

static const struct {
  const char *source;
  const char *date;
  gint64 dollars;
  const char *description;
} demo_match[] = {
  { "BVP-FY24", "2024-11-20", 18000, "Local share of vest order 1 (demo), fund 0100" },
  { "BVP-FY24", "2025-06-10", 16500, "Local share of vest order 2 (demo), fund 0100" },
  { "BVP-FY24", "2026-03-05", 10000, "Local share of vest order 3 (demo), fund 0100" },
};

typedef struct {
  const char *code;
  const char *name;
  const char *fund;
  const char *program;
  int fiscal_year;
  gint64 dollars;
  const char *lapse;
} DemoAppropriation;

static const DemoAppropriation demo_appropriations[] = {
  { "APPROP-FY25-TFOT", "Local funds: task-force overtime and support, FY2025 (demo)",
    "0100", "TFOT-4100", 2025, 330000, "2025-09-30" },
  { "APPROP-FY26-TFOT", "Local funds: task-force overtime and support, FY2026 (demo)",
    "0100", "TFOT-4100", 2026, 350000, "2026-09-30" },
};

#define DEMO_MOU "MOU-HSI-BEST"

typedef struct {
  AllotContributionSide side;
  AllotContributionForm form;
  gint64 dollars;
  const char *description;
} DemoContribution;

static const DemoContribution demo_contributions[] = {
  { ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 84000,
    "Reimbursable overtime, federal FY2025: 4 officers at up to $21,000 each" },
  { ALLOT_SIDE_PARTNER, ALLOT_FORM_CASH, 84000,
    "Reimbursable overtime, federal FY2026: 4 officers at up to $21,000 each" },
  { ALLOT_SIDE_PARTNER, ALLOT_FORM_IN_KIND, 38400,
    "Two leased undercover vehicles with fuel and maintenance, for the term" },
  { ALLOT_SIDE_PARTNER, ALLOT_FORM_IN_KIND, 12000,
    "Workstations and access to HSI case-management systems" },
  { ALLOT_SIDE_JURISDICTION, ALLOT_FORM_IN_KIND, 297000,
    "One MPD detective detailed full time for the term (salary and benefits)" },
};

typedef struct {
  const char *code;
  const char *name;
  AllotForfeitureProgram program;
  gboolean interest;
} DemoFund;

static const DemoFund demo_funds[] = {
  { "ES-DOJ", "DOJ equitable sharing, MPD (demo)", ALLOT_FORFEITURE_DOJ, TRUE },
  { "ES-TREAS", "Treasury equitable sharing, MPD (demo)", ALLOT_FORFEITURE_TREASURY, TRUE },
  { "FF-STATE", "District forfeiture fund (demo)", ALLOT_FORFEITURE_STATE, FALSE },
};

typedef struct {
  const char *source;
  AllotReceiptKind kind;
  const char *date;
  gint64 cents;
  const char *case_number;
  const char *description;
} DemoReceipt;

static const DemoReceipt demo_receipts[] = {
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2024-11-14", 4825000, "24-DEA-702214",
    "Currency seized in a narcotics investigation (HIDTA)" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2025-01-22", 12640000, "24-FBI-004417",
    "Currency and a vehicle forfeited in a gang investigation (Safe Streets)" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2025-03-18", 2277550, "25-DEA-700918",
    "Currency seized at a stash house (HIDTA)" },
  { "ES-DOJ", ALLOT_RECEIPT_TRANSFER_IN, "2025-05-06", 988000, "25-ATF-001204",
    "Share passed on by a neighboring county task force (demo)" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2025-06-27", 8730000, "25-FBI-001876",
    "Jewelry and currency forfeited in a firearms trafficking case" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2025-08-19", 3564025, "25-DEA-703355",
    "Currency seized in a parcel interdiction (HIDTA)" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2025-11-05", 6421000, "25-FBI-003012",
    "Real property sale proceeds, gang enterprise case" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2026-02-11", 11298000, "26-DEA-700247",
    "Currency seized in a fentanyl distribution case (HIDTA)" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2026-04-23", 1845000, "26-USMS-000318",
    "Vehicle forfeited after a fugitive apprehension" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2026-07-09", 5712575, "26-FBI-000951",
    "Currency forfeited in a robbery crew investigation" },
  { "ES-DOJ", ALLOT_RECEIPT_SHARING, "2026-09-02", 2990000, "26-DEA-701602",
    "Currency seized in a money-courier stop (HIDTA)" },
  { "ES-TREAS", ALLOT_RECEIPT_SHARING, "2024-12-10", 4130000, "HSI-WAS-25-000412",
    "Currency seized in a bulk cash smuggling case (HSI BEST)" },
  { "ES-TREAS", ALLOT_RECEIPT_SHARING, "2025-04-15", 2786000, "HSI-WAS-25-001377",
    "Proceeds of counterfeit goods forfeited (HSI BEST)" },
  { "ES-TREAS", ALLOT_RECEIPT_SHARING, "2025-07-30", 1940000, "CBP-IAD-25-000233",
    "Currency forfeited at an air cargo facility" },
  { "ES-TREAS", ALLOT_RECEIPT_SHARING, "2025-12-03", 3375000, "HSI-WAS-26-000158",
    "Vehicles forfeited in a smuggling case (HSI BEST)" },
  { "ES-TREAS", ALLOT_RECEIPT_SHARING, "2026-05-20", 2218000, "HSI-WAS-26-000904",
    "Currency seized in a trade fraud investigation" },
  { "ES-TREAS", ALLOT_RECEIPT_SHARING, "2026-08-26", 1502500, "CBP-IAD-26-000417",
    "Currency forfeited at an air cargo facility" },
  { "FF-STATE", ALLOT_RECEIPT_SHARING, "2025-02-14", 1240000, "DC-CF-2025-0031",
    "Civil forfeiture judgment, Superior Court (demo)" },
  { "FF-STATE", ALLOT_RECEIPT_SHARING, "2025-09-09", 875000, "DC-CF-2025-0112",
    "Civil forfeiture judgment, Superior Court (demo)" },
  { "FF-STATE", ALLOT_RECEIPT_SHARING, "2026-03-03", 1530000, "DC-CF-2026-0047",
    "Civil forfeiture judgment, Superior Court (demo)" },
  { "FF-STATE", ALLOT_RECEIPT_SHARING, "2026-06-17", 698000, "DC-CF-2026-0090",
    "Civil forfeiture judgment, Superior Court (demo)" },
};

/* Interest credited each quarter on what a fund has received, in hundredths
 * of a percent: a money-market rate of about 1.8% a year. */
#define DEMO_INTEREST_BP_PER_QUARTER 45

typedef enum {
  DEMO_PENDING      = 1 << 0,  /* ends with entries awaiting review */
  DEMO_REFUND       = 1 << 1,  /* a vendor credit (negative adjustment) */
  DEMO_CHANGE_ORDER = 1 << 2,  /* a contract raised by a change order */
  DEMO_CANCELLED_PO = 1 << 3,  /* a purchase order entered, then voided */
  DEMO_KEYING_ERROR = 1 << 4,  /* an amount keyed wrong, voided, re-entered */
  DEMO_REJECTED     = 1 << 5,  /* an unallowable charge voided on review */
} DemoFlags;

typedef struct {
  const char *source;
  guint task_force;            /* TF_ */
  const char *category;
  int fiscal_year;
  gint64 dollars;
  guint use_pct;               /* obligated or spent by the end, percent of the allocation */
  guint flags;
} DemoAllocationSpec;

static const DemoAllocationSpec demo_allocations[] = {
  { "JAG-FY24", TF_SSTF, "OT", 2025, 96000, 97, 0 },
  { "JAG-FY24", TF_SSTF, "EQUIP", 2025, 110000, 98, 0 },
  { "JAG-FY24", TF_SSTF, "TRAVEL", 2025, 12000, 88, DEMO_KEYING_ERROR },
  { "JAG-FY24", TF_SSTF, "CONTRACT", 2025, 60000, 100, 0 },
  { "JAG-FY24", TF_HIDTA, "SUPPLY", 2025, 18000, 92, DEMO_REFUND },
  { "JAG-FY24", TF_SSTF, "OT", 2026, 100000, 93, DEMO_PENDING },
  { "JAG-FY24", TF_SSTF, "CONTRACT", 2026, 65000, 100, DEMO_CHANGE_ORDER },
  { "JAG-FY24", TF_SSTF, "SUPPLY", 2026, 15000, 85, 0 },
  { "JAG-FY24", TF_HIDTA, "EQUIP", 2026, 95000, 96, DEMO_CANCELLED_PO },
  { "JAG-FY24", TF_HIDTA, "TRAVEL", 2026, 10000, 80, 0 },

  { "UASI-FY24", TF_JTTF, "EQUIP", 2025, 420000, 97, 0 },
  { "UASI-FY24", TF_JTTF, "CONTRACT", 2025, 380000, 100, 0 },
  { "UASI-FY24", TF_JTTF, "TRAINING", 2025, 85000, 90, 0 },
  { "UASI-FY24", TF_JTTF, "OT", 2025, 90000, 96, 0 },
  { "UASI-FY24", TF_JTTF, "TRAVEL", 2025, 30000, 85, DEMO_REJECTED },
  { "UASI-FY24", TF_CARGO, "EQUIP", 2025, 260000, 95, 0 },
  { "UASI-FY24", TF_JTTF, "EQUIP", 2026, 300000, 90, DEMO_PENDING },
  { "UASI-FY24", TF_JTTF, "CONTRACT", 2026, 400000, 100, DEMO_CHANGE_ORDER },
  { "UASI-FY24", TF_JTTF, "OT", 2026, 94000, 92, 0 },
  { "UASI-FY24", TF_JTTF, "TRAINING", 2026, 70000, 85, DEMO_KEYING_ERROR },
  { "UASI-FY24", TF_CARGO, "EQUIP", 2026, 180000, 88, 0 },
  { "UASI-FY24", TF_CARGO, "SUPPLY", 2026, 25000, 80, 0 },

  { "BVP-FY24", TF_SSTF, "SUPPLY", 2025, 24000, 100, 0 },
  { "BVP-FY24", TF_HIDTA, "SUPPLY", 2026, 22000, 95, 0 },

  /* 104%: the one allocation that is overspent on purpose. */
  { "APPROP-FY25-TFOT", TF_SSTF, "OT", 2025, 70000, 104, 0 },
  { "APPROP-FY25-TFOT", TF_HIDTA, "OT", 2025, 66000, 96, 0 },
  { "APPROP-FY25-TFOT", TF_SSTF, "FRINGE", 2025, 42000, 95, 0 },
  { "APPROP-FY25-TFOT", TF_HIDTA, "TRAVEL", 2025, 15000, 90, 0 },
  { "APPROP-FY25-TFOT", TF_JTTF, "PERS", 2025, 96000, 100, 0 },
  { "APPROP-FY26-TFOT", TF_SSTF, "OT", 2026, 74000, 97, 0 },
  { "APPROP-FY26-TFOT", TF_HIDTA, "OT", 2026, 70000, 94, DEMO_PENDING },
  { "APPROP-FY26-TFOT", TF_SSTF, "FRINGE", 2026, 44000, 93, 0 },
  { "APPROP-FY26-TFOT", TF_HIDTA, "TRAVEL", 2026, 16000, 85, DEMO_KEYING_ERROR },
  { "APPROP-FY26-TFOT", TF_JTTF, "PERS", 2026, 99000, 100, 0 },

  { DEMO_MOU, TF_BEST, "OT", 2025, 80000, 96, 0 },
  { DEMO_MOU, TF_BEST, "OT", 2026, 82000, 88, DEMO_PENDING },

  { "ES-DOJ", TF_HIDTA, "EQUIP", 2025, 120000, 95, 0 },
  { "ES-DOJ", TF_HIDTA, "TRAINING", 2025, 25000, 88, 0 },
  { "ES-DOJ", TF_HIDTA, "CONTRACT", 2026, 90000, 100, 0 },
  { "ES-DOJ", TF_SSTF, "EQUIP", 2026, 75000, 90, 0 },
  { "ES-DOJ", TF_HIDTA, "TRAINING", 2026, 20000, 80, DEMO_REJECTED },
  { "ES-TREAS", TF_BEST, "EQUIP", 2025, 60000, 96, 0 },
  { "ES-TREAS", TF_BEST, "TRAVEL", 2026, 12000, 85, 0 },
  { "ES-TREAS", TF_BEST, "SUPPLY", 2026, 18000, 82, DEMO_REFUND },
  { "FF-STATE", TF_SSTF, "OTHER", 2026, 20000, 75, 0 },
};

/* What is bought: equipment units, contracts, and the things of direct
 * charges.  Prices are in dollars; @task_forces says who would buy it. */
typedef struct {
  const char *what;
  const char *vendor;
  gint64 min_dollars;
  gint64 max_dollars;
  guint max_quantity;
  guint task_forces;
} DemoItem;

static const DemoItem equipment_items[] = {
  { "Unmarked SUV, police package with emergency upfit", "Capital Fleet Upfitters LLC (demo)",
    44000, 58000, 2, TF_ANY },
  { "Covert pole-camera surveillance system", "Anacostia Surveillance Systems Inc. (demo)",
    16000, 26000, 3, TF (TF_SSTF) | TF (TF_HIDTA) | TF (TF_BEST) },
  { "Mobile license plate reader kit", "Potomac Public Safety Technology (demo)",
    14000, 19000, 3, TF (TF_SSTF) | TF (TF_BEST) | TF (TF_CARGO) },
  { "Radiation isotope identification device", "Rock Creek Detection Co. (demo)",
    21000, 29000, 4, TF (TF_JTTF) | TF (TF_CARGO) },
  { "Mobile device forensic extraction kit", "Foggy Bottom Digital Forensics LLC (demo)",
    12000, 17500, 2, TF (TF_HIDTA) | TF (TF_BEST) | TF (TF_JTTF) },
  { "Encrypted portable radios, set of 10", "Capitol Communications Supply (demo)",
    38000, 46000, 2, TF_ANY },
  { "Explosives trace detector", "Rock Creek Detection Co. (demo)",
    31000, 39000, 2, TF (TF_JTTF) | TF (TF_CARGO) },
  { "Remote-operated inspection robot", "Tidal Basin Robotics Inc. (demo)",
    62000, 78000, 1, TF (TF_JTTF) },
  { "Handheld cargo density scanner", "Rock Creek Detection Co. (demo)",
    27000, 34000, 2, TF (TF_CARGO) | TF (TF_BEST) },
};

static const DemoItem contract_items[] = {
  { "Crime analysis and case deconfliction software subscription",
    "Example Analytics Corp. (demo)", 0, 0, 1, TF (TF_SSTF) | TF (TF_HIDTA) },
  { "Digital evidence storage and review service", "Navy Yard Cloud Services LLC (demo)",
    0, 0, 1, TF_ANY },
  { "Intelligence analyst support services", "Federal Triangle Consulting Group (demo)",
    0, 0, 1, TF (TF_JTTF) },
  { "Interpretation and wiretap transcription services", "Demo Language Services Inc. (demo)",
    0, 0, 1, TF (TF_HIDTA) | TF (TF_BEST) },
  { "Threat-assessment analytics platform licence", "Example Analytics Corp. (demo)",
    0, 0, 1, TF (TF_JTTF) },
};

static const DemoItem travel_items[] = {
  { "Gang investigators training conference, Orlando FL", "Demo Travel Services LLC (demo)",
    1400, 3200, 1, TF (TF_SSTF) },
  { "Street gang enterprise investigations course, Nashville TN",
    "Demo Travel Services LLC (demo)", 1400, 3200, 1, TF (TF_SSTF) },
  { "HIDTA highway interdiction course, Denver CO", "Demo Travel Services LLC (demo)",
    1400, 3200, 1, TF (TF_HIDTA) },
  { "Narcotics investigator school, Quantico VA", "Demo Travel Services LLC (demo)",
    1400, 3200, 1, TF (TF_HIDTA) },
  { "Smuggling investigations course, Glynco GA", "Demo Travel Services LLC (demo)",
    1400, 3200, 1, TF (TF_BEST) | TF (TF_CARGO) },
  { "Counterterrorism investigators workshop, Atlanta GA", "Demo Travel Services LLC (demo)",
    1400, 3200, 1, TF (TF_JTTF) },
  { "Case coordination meeting with the lead office, New York NY",
    "Demo Travel Services LLC (demo)", 1400, 3200, 1, TF_ANY },
};

static const DemoItem supply_items[] = {
  { "Evidence collection and packaging supplies", "Evidence Supply Depot (demo)",
    900, 4500, 1, TF_ANY },
  { "Narcotics field test kits", "Lab Supply House (demo)",
    900, 4500, 1, TF (TF_SSTF) | TF (TF_HIDTA) },
  { "Batteries and storage cards for covert cameras", "Potomac Electronics (demo)",
    900, 4500, 1, TF_ANY },
  { "Tactical first-aid kits", "Safety Gear Co. (demo)", 900, 4500, 1, TF_ANY },
  { "Cargo seal verification kits", "Evidence Supply Depot (demo)",
    900, 4500, 1, TF (TF_CARGO) | TF (TF_BEST) },
  { "Toner and case-file supplies", "Office Supply Warehouse (demo)", 900, 4500, 1, TF_ANY },
};

static const DemoItem vest_items[] = {
  { "Ballistic vests, NIJ-certified", "Body Armor Outfitters (demo)", 3000, 9000, 1, TF_ANY },
};

static const DemoItem training_items[] = {
  { "Tuition: financial investigations and asset tracing course",
    "Regional Training Institute (demo)", 3000, 9000, 1, TF_ANY },
  { "Registration: regional active-threat response exercise",
    "Regional Training Institute (demo)", 3000, 9000, 1, TF (TF_JTTF) | TF (TF_CARGO) },
  { "Instructor fees: undercover operations refresher", "Blue Line Instructors LLC (demo)",
    3000, 9000, 1, TF (TF_SSTF) | TF (TF_HIDTA) | TF (TF_BEST) },
  { "Tuition: mobile device forensics course", "Regional Training Institute (demo)",
    3000, 9000, 1, TF_ANY },
  { "Tabletop exercise facilitation: cargo and critical infrastructure",
    "Blue Line Instructors LLC (demo)", 3000, 9000, 1, TF (TF_JTTF) | TF (TF_CARGO) },
};

static const DemoItem other_items[] = {
  { "Gang-awareness materials for community meetings", "Demo Print Shop (demo)",
    2000, 6000, 1, TF_ANY },
  { "Youth outreach program printing and venue", "Demo Print Shop (demo)",
    2000, 6000, 1, TF_ANY },
  { "Memorial plaque for fallen task-force officers", "Engravers of the District (demo)",
    2000, 6000, 1, TF_ANY },
};

static const char *const month_names[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

/* ---- the loader ---- */

typedef struct {
  AllotStore *store;
  DemoRng rng;
  GDate today;
  GHashTable *ids;          /* "kind:code" -> gint64 id */
  guint document_seq;
  guint n_open_contracts;
  guint n_entries;
  guint n_voided;
  guint n_submitted;
  guint n_unpaid;
} DemoLoader;

/* One allocation while its entries are generated. */
typedef struct {
  const DemoAllocationSpec *spec;
  const DemoTaskForce *tf;
  gint64 id;
  gint64 budget;            /* cents to obligate or spend */
  gboolean immigration;
  gboolean reimbursable;    /* charged to the agreement */
  GDate first;              /* the fiscal year */
  GDate last;
} DemoAlloc;

static void
parse_date (const char *iso,
            GDate      *out)
{
  if (!allot_date_parse (iso, out, NULL))
    g_assert_not_reached ();
}

static void
remember (DemoLoader *l,
          const char *kind,
          const char *code,
          gint64      id)
{
  g_hash_table_insert (l->ids, g_strconcat (kind, ":", code, NULL), g_memdup2 (&id, sizeof id));
}

static gint64
id_of (DemoLoader *l,
       const char *kind,
       const char *code)
{
  g_autofree char *key = g_strconcat (kind, ":", code, NULL);
  gint64 *id = g_hash_table_lookup (l->ids, key);

  g_assert (id != NULL);
  return *id;
}

static char *
next_document (DemoLoader *l,
               const char *prefix,
               int         fiscal_year)
{
  l->document_seq += (guint) rng_range (&l->rng, 1, 7);
  return g_strdup_printf ("%s-%02d-%05u", prefix, fiscal_year % 100, l->document_seq);
}

/* The last day of month @index (0 = October) of fiscal year @fiscal_year. */
static void
month_end (int    fiscal_year,
           guint  index,
           GDate *out)
{
  guint month = (9 + index) % 12 + 1;
  guint year = (guint) fiscal_year - 1 + (9 + index) / 12;

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year),
                  (GDateMonth) month, (GDateYear) year);
}

static void
days_after (const GDate *base,
            gint64       days,
            GDate       *out)
{
  *out = *base;
  g_date_add_days (out, (guint) days);
}

/* ---- reference data ---- */

static gboolean
load_settings (DemoLoader *l,
               GError    **error)
{
  return allot_store_set_setting (l->store, "jurisdiction", "District of Columbia (demo data)",
                                  error) &&
         allot_store_set_setting (l->store, "currency", "USD", error) &&
         allot_store_set_fy_start_month (l->store, ALLOT_FY_START_DEFAULT, error);
}

static gboolean
load_agencies (DemoLoader *l,
               GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_agencies); i++)
    {
      g_autoptr(AllotAgency) agency = allot_agency_new ();

      agency->code = g_strdup (demo_agencies[i].code);
      agency->name = g_strdup (demo_agencies[i].name);
      agency->level = demo_agencies[i].level;
      agency->ori = g_strdup (demo_agencies[i].ori);
      if (!allot_store_add_agency (l->store, agency, error))
        return FALSE;
      remember (l, "agency", agency->code, agency->id);
    }
  return TRUE;
}

static gboolean
load_task_forces (DemoLoader *l,
                  GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_task_forces); i++)
    {
      const DemoTaskForce *d = &demo_task_forces[i];
      g_autoptr(AllotTaskForce) tf = allot_task_force_new ();

      tf->code = g_strdup (d->code);
      tf->name = g_strdup (d->name);
      tf->lead_agency_id = id_of (l, "agency", d->lead);
      parse_date (d->start, &tf->start_date);
      if (d->end != NULL)
        parse_date (d->end, &tf->end_date);
      tf->immigration = d->immigration;
      for (guint m = 0; d->members[m] != NULL; m++)
        {
          gint64 member = id_of (l, "agency", d->members[m]);
          g_array_append_val (tf->member_ids, member);
        }
      if (!allot_store_add_task_force (l->store, tf, error))
        return FALSE;
      remember (l, "tf", tf->code, tf->id);
    }
  return TRUE;
}

/* Categories do not make a database "non-empty": one prepared by hand may
 * already have some, so a code that exists is reused. */
static gboolean
load_categories (DemoLoader *l,
                 GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_categories); i++)
    {
      g_autoptr(AllotCategory) category = NULL;
      g_autoptr(GError) local = NULL;

      category = allot_store_lookup_category_by_code (l->store, demo_categories[i].code, &local);
      if (category == NULL)
        {
          if (!g_error_matches (local, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          category = allot_category_new ();
          category->code = g_strdup (demo_categories[i].code);
          category->name = g_strdup (demo_categories[i].name);
          category->sf424a_line = demo_categories[i].line;
          category->esac_category = demo_categories[i].esac;
          if (!allot_store_add_category (l->store, category, error))
            return FALSE;
        }
      remember (l, "category", category->code, category->id);
    }
  return TRUE;
}

/* ---- funding sources ---- */

static gboolean
load_grants (DemoLoader *l,
             GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_grants); i++)
    {
      const DemoGrant *d = &demo_grants[i];
      g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_GRANT);
      AllotGrantFields *g = &source->u.grant;

      source->code = g_strdup (d->code);
      source->name = g_strdup (d->name);
      source->agency_id = id_of (l, "agency", d->agency);
      source->notes = g_strdup (d->notes);
      g->award_number = g_strdup (d->award_number);
      g->assistance_listing = g_strdup (d->listing);
      g->award_amount = DOLLARS (d->dollars);
      parse_date (d->pop_start, &g->pop_start);
      parse_date (d->pop_end, &g->pop_end);
      g->match_required = DOLLARS (d->match_dollars);
      g->indirect_rate_type = g_strdup (d->rate_type);
      g->indirect_rate_bp = d->rate_bp;
      g->indirect_base = g_strdup (d->rate_base);
      g->reporting_frequency = g_strdup (d->frequency);
      if (!allot_store_add_source (l->store, source, error))
        return FALSE;
      remember (l, "source", source->code, source->id);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_amendments); i++)
    {
      g_autoptr(AllotAmendment) amendment = allot_amendment_new ();

      amendment->source_id = id_of (l, "source", demo_amendments[i].source);
      parse_date (demo_amendments[i].date, &amendment->effective_date);
      amendment->amount = DOLLARS (demo_amendments[i].dollars);
      amendment->description = g_strdup (demo_amendments[i].description);
      if (!allot_store_add_amendment (l->store, amendment, error))
        return FALSE;
    }

  /* The vest program's 50% match, paid from local funds as vests were
   * bought; the last purchase's share is still missing, so the demo shows a
   * match behind schedule. */
  for (guint i = 0; i < G_N_ELEMENTS (demo_match); i++)
    {
      g_autoptr(AllotMatchEntry) match = allot_match_entry_new ();

      match->source_id = id_of (l, "source", demo_match[i].source);
      parse_date (demo_match[i].date, &match->entry_date);
      match->form = ALLOT_FORM_CASH;
      match->amount = DOLLARS (demo_match[i].dollars);
      match->description = g_strdup (demo_match[i].description);
      if (!allot_store_add_match_entry (l->store, match, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_appropriations (DemoLoader *l,
                     GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_appropriations); i++)
    {
      const DemoAppropriation *d = &demo_appropriations[i];
      g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_APPROPRIATION);
      AllotAppropriationFields *p = &source->u.appropriation;

      source->code = g_strdup (d->code);
      source->name = g_strdup (d->name);
      source->agency_id = id_of (l, "agency", "MPD");
      source->notes = g_strdup ("Fictional appropriation for demonstration.");
      p->fund_code = g_strdup (d->fund);
      p->program_code = g_strdup (d->program);
      p->fiscal_year = d->fiscal_year;
      p->amount = DOLLARS (d->dollars);
      parse_date (d->lapse, &p->lapse_date);
      if (!allot_store_add_source (l->store, source, error))
        return FALSE;
      remember (l, "source", source->code, source->id);
    }
  return TRUE;
}

static gboolean
load_agreement (DemoLoader *l,
                GError    **error)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_AGREEMENT);
  AllotAgreementFields *a = &source->u.agreement;
  gint64 best = id_of (l, "tf", demo_task_forces[TF_BEST].code);

  source->code = g_strdup (DEMO_MOU);
  source->name = g_strdup ("MOU with ICE HSI: BEST task-force participation (demo)");
  source->agency_id = id_of (l, "agency", "MPD");
  source->immigration = TRUE;
  source->notes = g_strdup ("Fictional agreement for demonstration. Flagged for legal review "
                            "under the District's limits on civil immigration enforcement.");
  a->agreement_number = g_strdup ("HSI-WAS-MOU-2025-DEMO");
  a->partner_agency_id = id_of (l, "agency", "ICE-HSI");
  parse_date ("2024-10-01", &a->term_start);
  parse_date ("2026-09-30", &a->term_end);
  a->reimbursement_terms =
    g_strdup ("Overtime of officers detailed to HSI BEST is reimbursed from the Treasury "
              "Forfeiture Fund up to $21,000 per officer per federal fiscal year, invoiced "
              "monthly. Benefits and indirect costs are not reimbursable.");
  if (!allot_store_add_source (l->store, source, error))
    return FALSE;
  remember (l, "source", source->code, source->id);

  for (guint i = 0; i < G_N_ELEMENTS (demo_contributions); i++)
    {
      g_autoptr(AllotContribution) contribution = allot_contribution_new ();

      contribution->source_id = source->id;
      contribution->side = demo_contributions[i].side;
      contribution->form = demo_contributions[i].form;
      contribution->valuation = DOLLARS (demo_contributions[i].dollars);
      contribution->description = g_strdup (demo_contributions[i].description);
      contribution->task_force_id = best;
      if (!allot_store_add_contribution (l->store, contribution, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_receipt (DemoLoader      *l,
             gint64           source_id,
             AllotReceiptKind kind,
             const GDate     *date,
             gint64           cents,
             const char      *case_number,
             const char      *description,
             GError         **error)
{
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();

  receipt->source_id = source_id;
  receipt->kind = kind;
  receipt->received_date = *date;
  receipt->amount = cents;
  receipt->case_number = g_strdup (case_number);
  receipt->description = g_strdup (description);
  return allot_store_add_receipt (l->store, receipt, error);
}

static gboolean
load_forfeiture_funds (DemoLoader *l,
                       GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_funds); i++)
    {
      const DemoFund *d = &demo_funds[i];
      g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_FORFEITURE);
      GDate quarter_end;

      source->code = g_strdup (d->code);
      source->name = g_strdup (d->name);
      source->agency_id = id_of (l, "agency", "MPD");
      source->notes = g_strdup ("Fictional fund for demonstration; accounted for separately, "
                                "never commingled with the other programs.");
      source->u.forfeiture.program = d->program;
      if (!allot_store_add_source (l->store, source, error))
        return FALSE;
      remember (l, "source", source->code, source->id);

      for (guint r = 0; r < G_N_ELEMENTS (demo_receipts); r++)
        {
          GDate date;

          if (!g_str_equal (demo_receipts[r].source, d->code))
            continue;
          parse_date (demo_receipts[r].date, &date);
          if (!add_receipt (l, source->id, demo_receipts[r].kind, &date, demo_receipts[r].cents,
                            demo_receipts[r].case_number, demo_receipts[r].description, error))
            return FALSE;
        }

      if (!d->interest)
        continue;
      /* Interest on what had been received by each quarter's end, FY2025 and FY2026. */
      parse_date ("2024-12-31", &quarter_end);
      for (guint q = 0; q < 8; q++)
        {
          g_autofree char *iso = allot_date_format_iso (&quarter_end);
          g_autofree char *description = g_strdup_printf ("Interest earned, quarter ending %s",
                                                          iso);
          gint64 received = 0, interest;

          for (guint r = 0; r < G_N_ELEMENTS (demo_receipts); r++)
            {
              GDate date;

              parse_date (demo_receipts[r].date, &date);
              if (g_str_equal (demo_receipts[r].source, d->code) &&
                  g_date_compare (&date, &quarter_end) <= 0)
                received += demo_receipts[r].cents;
            }
          interest = received * DEMO_INTEREST_BP_PER_QUARTER / 10000;
          if (interest > 0 &&
              !add_receipt (l, source->id, ALLOT_RECEIPT_INTEREST, &quarter_end, interest, NULL,
                            description, error))
            return FALSE;
          /* The next calendar quarter's last day. */
          g_date_add_days (&quarter_end, 1);
          g_date_add_months (&quarter_end, 3);
          g_date_subtract_days (&quarter_end, 1);
        }
    }
  return TRUE;
}

/* ---- the ledger ---- */

static AllotLedgerEntry *
new_entry (DemoLoader      *l,
           const DemoAlloc *a,
           AllotEntryKind   kind,
           gint64           amount,
           const GDate     *date,
           const char      *prefix)
{
  AllotLedgerEntry *entry = allot_ledger_entry_new ();

  entry->status = ALLOT_STATUS_APPROVED;  /* once reviewed; see store_entry() */
  entry->allocation_id = a->id;
  entry->kind = kind;
  entry->amount = amount;
  entry->entry_date = *date;
  entry->immigration = a->immigration;
  entry->document_number = next_document (l, prefix, a->spec->fiscal_year);
  return entry;
}

/* The reviewer approves what the officer submitted. */
static gboolean
approve (DemoLoader *l,
         gboolean    allocation,
         gint64      id,
         GError    **error)
{
  gboolean ok;

  allot_store_set_user (l->store, DEMO_REVIEWER);
  ok = allocation ? allot_store_approve_allocation (l->store, id, error)
                  : allot_store_approve_entry (l->store, id, error);
  allot_store_set_user (l->store, DEMO_OFFICER);
  return ok;
}

/* Stores @entry, submitted by the officer and approved by the reviewer unless
 * it is meant to stay pending, and returns its id, 0 on error. */
static gint64
store_entry (DemoLoader       *l,
             AllotLedgerEntry *entry,
             GError          **error)
{
  gboolean approved = entry->status == ALLOT_STATUS_APPROVED;

  entry->status = ALLOT_STATUS_SUBMITTED;
  if (!allot_store_add_entry (l->store, entry, error) ||
      (approved && !approve (l, FALSE, entry->id, error)))
    {
      g_prefix_error (error, "Demo entry %s: ", entry->document_number);
      return 0;
    }
  if (approved)
    entry->status = ALLOT_STATUS_APPROVED;
  l->n_entries++;
  if (entry->status == ALLOT_STATUS_SUBMITTED)
    l->n_submitted++;
  if (entry->kind == ALLOT_ENTRY_EXPENDITURE && !g_date_valid (&entry->paid_date))
    l->n_unpaid++;
  return entry->id;
}

static gboolean
void_entry (DemoLoader *l,
            gint64      id,
            const char *reason,
            GError    **error)
{
  if (!allot_store_void_entry (l->store, id, reason, error))
    return FALSE;
  l->n_voided++;
  return TRUE;
}

/* Pays @entry @min_days to @max_days after it was incurred, unless that is
 * after the demo's today: then it stays an unpaid accrual. */
static void
pay_after (DemoLoader       *l,
           AllotLedgerEntry *entry,
           gint64            min_days,
           gint64            max_days)
{
  GDate paid;

  days_after (&entry->entry_date, rng_range (&l->rng, min_days, max_days), &paid);
  if (g_date_compare (&paid, &l->today) < 0)
    entry->paid_date = paid;
}

/* A vendor invoice: as pay_after(), but half of those incurred in the last
 * weeks of FY2026 are still waiting to be paid (accruals). */
static void
pay_vendor (DemoLoader       *l,
            AllotLedgerEntry *entry)
{
  GDate late;

  parse_date ("2026-08-20", &late);
  if (g_date_compare (&entry->entry_date, &late) >= 0 && rng_one_in (&l->rng, 2))
    return;
  pay_after (l, entry, 12, 40);
}

static const DemoItem *
pick_item (DemoLoader     *l,
           const DemoItem *items,
           guint           n_items,
           guint           task_force,
           gint64          max_cents)
{
  const DemoItem *fits[16];
  guint n = 0;

  for (guint i = 0; i < n_items && n < G_N_ELEMENTS (fits); i++)
    if ((items[i].task_forces & TF (task_force)) && DOLLARS (items[i].min_dollars) <= max_cents)
      fits[n++] = &items[i];
  return n > 0 ? fits[rng_range (&l->rng, 0, n - 1)] : NULL;
}

/* Two entries awaiting review at the end of FY2026. */
static gboolean
add_pending (DemoLoader      *l,
             const DemoAlloc *a,
             GError         **error)
{
  gboolean overtime = g_str_equal (a->spec->category, "OT");
  g_autoptr(AllotLedgerEntry) obligation = NULL;
  g_autoptr(AllotLedgerEntry) expenditure = NULL;
  GDate date;

  days_after (&a->first, rng_range (&l->rng, 345, 355), &date);
  obligation = new_entry (l, a, ALLOT_ENTRY_OBLIGATION,
                          overtime ? rng_range (&l->rng, 300000, 600000)
                                   : rng_range (&l->rng, 1500000, 3500000),
                          &date, overtime ? "OTA" : "PO");
  obligation->status = ALLOT_STATUS_SUBMITTED;
  obligation->payee = g_strdup (overtime ? PAYROLL : "Capital Fleet Upfitters LLC (demo)");
  obligation->description =
    overtime ? g_strdup_printf ("Supplemental overtime authority, September %d (%s)",
                                a->spec->fiscal_year, a->tf->short_name)
             : g_strdup_printf ("Vehicle upfit: lights, siren and radio mounts (%s)",
                                a->tf->short_name);
  if (store_entry (l, obligation, error) == 0)
    return FALSE;

  days_after (&a->first, rng_range (&l->rng, 355, 363), &date);
  expenditure = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE,
                           overtime ? rng_range (&l->rng, 100000, 300000)
                                    : rng_range (&l->rng, 80000, 250000),
                           &date, overtime ? "PR" : "PV");
  expenditure->status = ALLOT_STATUS_SUBMITTED;
  expenditure->payee = g_strdup (overtime ? PAYROLL : "Capitol Communications Supply (demo)");
  expenditure->description =
    overtime ? g_strdup_printf ("Overtime reported late, September %d, 2 officers (%s)",
                                a->spec->fiscal_year, a->tf->short_name)
             : g_strdup_printf ("Shipping and installation of radio chargers (%s)",
                                a->tf->short_name);
  return store_entry (l, expenditure, error) != 0;
}

/* Overtime: authority approved for each half year, charged monthly by payroll. */
static gboolean
generate_overtime (DemoLoader      *l,
                   const DemoAlloc *a,
                   GError         **error)
{
  const DemoAllocationSpec *s = a->spec;

  for (guint half = 0; half < 2; half++)
    {
      g_autoptr(AllotLedgerEntry) authority = NULL;
      gint64 amount = half == 0 ? a->budget / 2 : a->budget - a->budget / 2;
      guint officers = (guint) rng_range (&l->rng, 3, 8);
      gint64 per_mille = 1000, liquidated, authority_id;
      gint64 parts[6];
      GDate date;

      date = a->first;
      g_date_add_months (&date, half * 6);
      g_date_add_days (&date, (guint) rng_range (&l->rng, 0, 6));
      authority = new_entry (l, a, ALLOT_ENTRY_OBLIGATION, amount, &date, "OTA");
      authority->payee = g_strdup (PAYROLL);
      authority->description =
        g_strdup_printf ("%s, %s FY%d: %u officers detailed to the %s",
                         a->reimbursable ? "Reimbursable overtime approved"
                                         : "Overtime approved",
                         half == 0 ? "October-March" : "April-September", s->fiscal_year,
                         officers, a->tf->short_name);
      authority_id = store_entry (l, authority, error);
      if (authority_id == 0)
        return FALSE;

      /* Not every approved hour is worked: the rest is deobligated at year
       * end, or, for FY2026, still open. */
      if (half == 1 && s->use_pct <= 100)
        per_mille = s->fiscal_year == DEMO_LAST_FY ? rng_range (&l->rng, 900, 960)
                                                   : rng_range (&l->rng, 955, 1000);
      liquidated = amount * per_mille / 1000;
      split_amount (&l->rng, liquidated, G_N_ELEMENTS (parts), 20, parts);
      for (guint m = 0; m < G_N_ELEMENTS (parts); m++)
        {
          g_autoptr(AllotLedgerEntry) payroll = NULL;
          guint month;

          month_end (s->fiscal_year, half * 6 + m, &date);
          month = g_date_get_month (&date);
          payroll = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[m], &date, "PR");
          payroll->obligation_id = authority_id;
          payroll->payee = g_strdup (PAYROLL);
          payroll->description =
            g_strdup_printf ("%s, %s %u: %u officers (%s)",
                             a->reimbursable ? "Reimbursable overtime" : "Overtime",
                             month_names[month - 1], g_date_get_year (&date),
                             officers - (guint) rng_range (&l->rng, 0, 1), a->tf->short_name);
          pay_after (l, payroll, 6, 12);
          if (store_entry (l, payroll, error) == 0)
            return FALSE;
        }

      if (liquidated < amount && s->fiscal_year < DEMO_LAST_FY)
        {
          g_autoptr(AllotLedgerEntry) release = NULL;

          release = new_entry (l, a, ALLOT_ENTRY_ADJUSTMENT, liquidated - amount, &a->last, "JV");
          release->obligation_id = authority_id;
          release->payee = g_strdup (PAYROLL);
          release->description = g_strdup ("Year-end deobligation of unused overtime authority");
          if (store_entry (l, release, error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

/* Salary of a detailed analyst, charged monthly. */
static gboolean
generate_salary (DemoLoader      *l,
                 const DemoAlloc *a,
                 GError         **error)
{
  gint64 parts[12];

  split_amount (&l->rng, a->budget, G_N_ELEMENTS (parts), 1, parts);
  for (guint m = 0; m < G_N_ELEMENTS (parts); m++)
    {
      g_autoptr(AllotLedgerEntry) payroll = NULL;
      GDate date;

      month_end (a->spec->fiscal_year, m, &date);
      payroll = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[m], &date, "PR");
      payroll->payee = g_strdup (PAYROLL);
      payroll->description =
        g_strdup_printf ("Salary, criminal intelligence analyst detailed to the %s, %s %u",
                         a->tf->short_name, month_names[g_date_get_month (&date) - 1],
                         g_date_get_year (&date));
      pay_after (l, payroll, 1, 4);
      if (store_entry (l, payroll, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* Fringe benefits on overtime, charged by quarterly journal. */
static gboolean
generate_fringe (DemoLoader      *l,
                 const DemoAlloc *a,
                 GError         **error)
{
  gint64 parts[4];

  split_amount (&l->rng, a->budget, G_N_ELEMENTS (parts), 15, parts);
  for (guint q = 0; q < G_N_ELEMENTS (parts); q++)
    {
      g_autoptr(AllotLedgerEntry) journal = NULL;
      GDate date;

      allot_fiscal_quarter_end (a->spec->fiscal_year, ALLOT_FY_START_DEFAULT, q + 1, &date);
      journal = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[q], &date, "PR");
      journal->payee = g_strdup (PAYROLL);
      journal->description =
        g_strdup_printf ("Fringe benefits (FICA and retirement) on overtime, Q%u FY%d (%s)",
                         q + 1, a->spec->fiscal_year, a->tf->short_name);
      pay_after (l, journal, 5, 15);
      if (store_entry (l, journal, error) == 0)
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  const DemoItem *item;
  gint64 unit;
  gint64 quantity;
} DemoOrder;

/* Equipment: purchase orders, paid on delivery. */
static gboolean
generate_equipment (DemoLoader      *l,
                    const DemoAlloc *a,
                    GError         **error)
{
  DemoOrder orders[4];
  guint n_orders = 0;
  gint64 remaining = a->budget;
  gboolean closed_short = FALSE;

  /* What is bought first, then when. */
  while (n_orders < G_N_ELEMENTS (orders))
    {
      const DemoItem *item = pick_item (l, equipment_items, G_N_ELEMENTS (equipment_items),
                                        a->spec->task_force, remaining);
      gint64 unit, quantity;

      if (item == NULL)
        break;
      /* Drawn before MIN (), which evaluates its arguments twice. */
      unit = DOLLARS (rng_range (&l->rng, item->min_dollars, item->max_dollars)) +
             rng_range (&l->rng, 0, 99);
      unit = MIN (unit, remaining);
      quantity = rng_range (&l->rng, 1, item->max_quantity);
      orders[n_orders].item = item;
      orders[n_orders].unit = unit;
      orders[n_orders].quantity = MIN (quantity, remaining / unit);
      remaining -= unit * orders[n_orders].quantity;
      n_orders++;
    }

  for (guint n = 0; n < n_orders; n++)
    {
      const DemoItem *item = orders[n].item;
      gint64 unit = orders[n].unit, quantity = orders[n].quantity, order_id;
      gboolean late = a->spec->fiscal_year == DEMO_LAST_FY && n > 0 && n + 1 == n_orders;
      g_autoptr(AllotLedgerEntry) order = NULL;
      GDate ordered, delivered;

      /* Orders are spread over the year; the last one of FY2026 went out in
       * the summer and may still be on back order. */
      if (late)
        days_after (&a->first, rng_range (&l->rng, 250, 330), &ordered);
      else
        days_after (&a->first, 10 + n * 240 / n_orders + rng_range (&l->rng, 0, 40), &ordered);
      order = new_entry (l, a, ALLOT_ENTRY_OBLIGATION, unit * quantity, &ordered, "PO");
      order->payee = g_strdup (item->vendor);
      order->description = g_strdup_printf ("%s, %" PRId64 " unit%s (%s)", item->what,
                                            quantity, quantity > 1 ? "s" : "",
                                            a->tf->short_name);
      order_id = store_entry (l, order, error);
      if (order_id == 0)
        return FALSE;

      days_after (&ordered, late ? rng_range (&l->rng, 90, 200) : rng_range (&l->rng, 30, 110),
                  &delivered);
      if (g_date_compare (&delivered, &l->today) >= 0)
        continue;

      if (a->spec->fiscal_year < DEMO_LAST_FY && !closed_short && rng_one_in (&l->rng, 2))
        {
          /* The final invoice came in under the order: the rest is released. */
          gint64 saving = unit * quantity * rng_range (&l->rng, 5, 30) / 1000;
          g_autoptr(AllotLedgerEntry) invoice = NULL;
          g_autoptr(AllotLedgerEntry) release = NULL;

          invoice = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, unit * quantity - saving,
                               &delivered, "PV");
          invoice->obligation_id = order_id;
          invoice->payee = g_strdup (item->vendor);
          invoice->description = g_strdup_printf ("Delivery and final invoice: %s", item->what);
          pay_vendor (l, invoice);
          if (store_entry (l, invoice, error) == 0)
            return FALSE;

          release = new_entry (l, a, ALLOT_ENTRY_ADJUSTMENT, -saving, &delivered, "JV");
          release->obligation_id = order_id;
          release->payee = g_strdup (item->vendor);
          release->description = g_strdup ("Purchase order closed: final invoice below the "
                                            "estimate, balance deobligated");
          if (store_entry (l, release, error) == 0)
            return FALSE;
          closed_short = TRUE;
        }
      else if (quantity > 1 && rng_one_in (&l->rng, 2))
        {
          /* Delivered in two lots, each invoiced. */
          gint64 first_lot = rng_range (&l->rng, 1, quantity - 1);
          g_autoptr(AllotLedgerEntry) first = NULL;
          g_autoptr(AllotLedgerEntry) second = NULL;
          GDate later;

          first = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, unit * first_lot, &delivered, "PV");
          first->obligation_id = order_id;
          first->payee = g_strdup (item->vendor);
          first->description = g_strdup_printf ("Partial delivery, %" PRId64 " of %"
                                                PRId64 ": %s", first_lot, quantity,
                                                item->what);
          pay_vendor (l, first);
          if (store_entry (l, first, error) == 0)
            return FALSE;

          days_after (&delivered, rng_range (&l->rng, 14, 45), &later);
          if (g_date_compare (&later, &l->today) >= 0)
            continue;
          second = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, unit * (quantity - first_lot),
                              &later, "PV");
          second->obligation_id = order_id;
          second->payee = g_strdup (item->vendor);
          second->description = g_strdup_printf ("Final delivery: %s", item->what);
          pay_vendor (l, second);
          if (store_entry (l, second, error) == 0)
            return FALSE;
        }
      else
        {
          g_autoptr(AllotLedgerEntry) invoice = NULL;

          invoice = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, unit * quantity, &delivered, "PV");
          invoice->obligation_id = order_id;
          invoice->payee = g_strdup (item->vendor);
          invoice->description = g_strdup_printf ("Delivery and invoice: %s", item->what);
          pay_vendor (l, invoice);
          if (store_entry (l, invoice, error) == 0)
            return FALSE;
        }
    }

  if (a->spec->flags & DEMO_CANCELLED_PO)
    {
      g_autoptr(AllotLedgerEntry) order = NULL;
      gint64 order_id;
      GDate date;

      days_after (&a->first, rng_range (&l->rng, 60, 120), &date);
      order = new_entry (l, a, ALLOT_ENTRY_OBLIGATION, DOLLARS (rng_range (&l->rng, 18000, 26000)),
                         &date, "PO");
      order->payee = g_strdup ("Anacostia Surveillance Systems Inc. (demo)");
      order->description = g_strdup_printf ("Covert pole-camera surveillance system, 1 unit (%s)",
                                            a->tf->short_name);
      order_id = store_entry (l, order, error);
      if (order_id == 0 ||
          !void_entry (l, order_id, "Order cancelled before delivery: the vendor could not "
                                    "meet the delivery date", error))
        return FALSE;
    }
  return TRUE;
}

/* Contractual services: one contract, invoiced quarterly in arrears. */
static gboolean
generate_contract (DemoLoader      *l,
                   const DemoAlloc *a,
                   GError         **error)
{
  const DemoItem *item = pick_item (l, contract_items, G_N_ELEMENTS (contract_items),
                                    a->spec->task_force, a->budget);
  gboolean change_order = (a->spec->flags & DEMO_CHANGE_ORDER) != 0;
  gint64 base = change_order ? a->budget * 88 / 100 : a->budget;
  gint64 invoiced = a->budget, contract_id;
  g_autoptr(AllotLedgerEntry) contract = NULL;
  gint64 parts[4];
  guint n_invoices = G_N_ELEMENTS (parts);
  GDate date;

  g_assert (item != NULL);
  days_after (&a->first, rng_range (&l->rng, 5, 40), &date);
  contract = new_entry (l, a, ALLOT_ENTRY_OBLIGATION, base, &date, "CW");
  contract->payee = g_strdup (item->vendor);
  contract->description = g_strdup_printf ("%s, FY%d (%s)", item->what, a->spec->fiscal_year,
                                           a->tf->short_name);
  contract_id = store_entry (l, contract, error);
  if (contract_id == 0)
    return FALSE;

  if (change_order)
    {
      g_autoptr(AllotLedgerEntry) raise = NULL;

      days_after (&a->first, rng_range (&l->rng, 150, 200), &date);
      raise = new_entry (l, a, ALLOT_ENTRY_ADJUSTMENT, a->budget - base, &date, "JV");
      raise->obligation_id = contract_id;
      raise->payee = g_strdup (item->vendor);
      raise->description = g_strdup ("Change order 1: additional user licences and storage");
      if (store_entry (l, raise, error) == 0)
        return FALSE;
    }

  /* FY2025 contracts closed a little under their amount.  Of the FY2026
   * ones, the first has not invoiced its fourth quarter yet, the others have
   * and wait to be paid. */
  if (a->spec->fiscal_year < DEMO_LAST_FY)
    invoiced = a->budget * rng_range (&l->rng, 970, 995) / 1000;
  else if (l->n_open_contracts++ == 0)
    n_invoices = 3;
  split_amount (&l->rng, invoiced, G_N_ELEMENTS (parts), 5, parts);
  for (guint q = 0; q < n_invoices; q++)
    {
      g_autoptr(AllotLedgerEntry) invoice = NULL;

      allot_fiscal_quarter_end (a->spec->fiscal_year, ALLOT_FY_START_DEFAULT, q + 1, &date);
      invoice = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[q], &date, "PV");
      invoice->obligation_id = contract_id;
      invoice->payee = g_strdup (item->vendor);
      invoice->description = g_strdup_printf ("Invoice for Q%u FY%d: %s", q + 1,
                                              a->spec->fiscal_year, item->what);
      if (a->spec->fiscal_year < DEMO_LAST_FY || q < 3)
        pay_after (l, invoice, 20, 45);
      if (store_entry (l, invoice, error) == 0)
        return FALSE;
    }

  if (invoiced < a->budget)
    {
      g_autoptr(AllotLedgerEntry) release = NULL;

      days_after (&a->last, rng_range (&l->rng, 20, 45), &date);
      release = new_entry (l, a, ALLOT_ENTRY_ADJUSTMENT, invoiced - a->budget, &date, "JV");
      release->obligation_id = contract_id;
      release->payee = g_strdup (item->vendor);
      release->description = g_strdup ("Contract closed out: unused balance deobligated");
      if (store_entry (l, release, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* Travel, supplies, training and other costs: charged as they come, some
 * supplies through a purchase order. */
static gboolean
generate_direct (DemoLoader      *l,
                 const DemoAlloc *a,
                 GError         **error)
{
  const DemoAllocationSpec *s = a->spec;
  const DemoItem *items;
  guint n_items, n;
  gboolean travel = g_str_equal (s->category, "TRAVEL");
  gboolean supplies = g_str_equal (s->category, "SUPPLY");
  gboolean vests = g_str_equal (s->source, "BVP-FY24");
  gint64 parts[6], typical;
  gint64 first_amount = 0;
  const char *first_vendor = NULL;
  GDate first_date;

  if (vests)
    {
      items = vest_items;
      n_items = G_N_ELEMENTS (vest_items);
    }
  else if (travel)
    {
      items = travel_items;
      n_items = G_N_ELEMENTS (travel_items);
    }
  else if (supplies)
    {
      items = supply_items;
      n_items = G_N_ELEMENTS (supply_items);
    }
  else if (g_str_equal (s->category, "TRAINING"))
    {
      items = training_items;
      n_items = G_N_ELEMENTS (training_items);
    }
  else
    {
      items = other_items;
      n_items = G_N_ELEMENTS (other_items);
    }

  typical = DOLLARS (items[0].min_dollars + items[0].max_dollars) / 2;
  n = (guint) CLAMP (a->budget / typical, 3, (gint64) G_N_ELEMENTS (parts) - 1);
  split_amount (&l->rng, a->budget, n, 40, parts);
  g_date_clear (&first_date, 1);

  for (guint i = 0; i < n; i++)
    {
      const DemoItem *item = pick_item (l, items, n_items, s->task_force, G_MAXINT64);
      g_autoptr(AllotLedgerEntry) charge = NULL;
      g_autofree char *what = NULL;
      gint64 order_id = 0;
      GDate date;

      g_assert (item != NULL);
      days_after (&a->first, i * 355 / n + rng_range (&l->rng, 0, 355 / n - 1), &date);
      if (vests)
        what = g_strdup_printf ("%s, %" PRId64 " units (%s)", item->what,
                                MAX (parts[i] / DOLLARS (1050), 1), a->tf->short_name);
      else if (travel)
        what = g_strdup_printf ("Travel: %s, %" PRId64 " detectives (%s)", item->what,
                                rng_range (&l->rng, 1, 4), a->tf->short_name);
      else
        what = g_strdup_printf ("%s (%s)", item->what, a->tf->short_name);

      /* Half of the supplies are ordered first, and paid on delivery. */
      if ((supplies || vests) && i % 2 == 1)
        {
          g_autoptr(AllotLedgerEntry) order = NULL;
          GDate delivered;

          order = new_entry (l, a, ALLOT_ENTRY_OBLIGATION, parts[i], &date, "PO");
          order->payee = g_strdup (item->vendor);
          order->description = g_strdup (what);
          order_id = store_entry (l, order, error);
          if (order_id == 0)
            return FALSE;
          days_after (&date, rng_range (&l->rng, 10, 40), &delivered);
          if (g_date_compare (&delivered, &l->today) >= 0)
            continue;
          date = delivered;
        }

      if ((s->flags & DEMO_KEYING_ERROR) && i == 0)
        {
          /* Keyed with an extra digit, voided, keyed again under the same voucher. */
          g_autoptr(AllotLedgerEntry) wrong = NULL;
          g_autofree char *typed = NULL;
          g_autofree char *meant = NULL;
          g_autofree char *reason = NULL;
          gint64 wrong_id;

          wrong = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[i] * 10, &date,
                             travel ? "TV" : "PV");
          wrong->payee = g_strdup (item->vendor);
          wrong->description = g_strdup (what);
          wrong_id = store_entry (l, wrong, error);
          typed = allot_money_format_plain (wrong->amount);
          meant = allot_money_format_plain (parts[i]);
          reason = g_strdup_printf ("Amount keyed as %s instead of %s; entered again", typed,
                                    meant);
          if (wrong_id == 0 || !void_entry (l, wrong_id, reason, error))
            return FALSE;
          charge = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[i], &date, "PV");
          g_free (charge->document_number);
          charge->document_number = g_strdup (wrong->document_number);
        }
      else
        charge = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, parts[i], &date,
                            travel ? "TV" : "PV");
      charge->obligation_id = order_id;
      charge->payee = g_strdup (item->vendor);
      charge->description = g_steal_pointer (&what);
      if (travel)
        pay_after (l, charge, 10, 30);
      else
        pay_vendor (l, charge);
      if (store_entry (l, charge, error) == 0)
        return FALSE;
      if (i == 0)
        {
          first_amount = charge->amount;
          first_vendor = item->vendor;
          first_date = charge->entry_date;
        }
    }

  if (s->flags & DEMO_REFUND)
    {
      g_autoptr(AllotLedgerEntry) credit = NULL;
      GDate date;

      days_after (&first_date, rng_range (&l->rng, 30, 60), &date);
      credit = new_entry (l, a, ALLOT_ENTRY_ADJUSTMENT,
                          -(first_amount * rng_range (&l->rng, 6, 15) / 100), &date, "JV");
      credit->payee = g_strdup (first_vendor);
      credit->description = g_strdup ("Vendor credit memo: items returned damaged");
      if (store_entry (l, credit, error) == 0)
        return FALSE;
    }

  if (s->flags & DEMO_REJECTED)
    {
      g_autoptr(AllotLedgerEntry) charge = NULL;
      gint64 charge_id;
      GDate date;

      days_after (&a->first, rng_range (&l->rng, 120, 200), &date);
      charge = new_entry (l, a, ALLOT_ENTRY_EXPENDITURE, DOLLARS (rng_range (&l->rng, 900, 2400)) +
                          rng_range (&l->rng, 0, 99), &date, travel ? "TV" : "PV");
      charge->payee = g_strdup (items[0].vendor);
      charge->description = g_strdup (travel ? "Travel: first-class airfare upgrade"
                                             : "Catered lunch at a local planning meeting");
      charge_id = store_entry (l, charge, error);
      if (charge_id == 0 ||
          !void_entry (l, charge_id,
                       travel ? "Not an allowable cost under the award (first-class airfare); "
                                "charged to local funds instead"
                              : "Not an allowable cost under the award (food at a local "
                                "meeting); charged to local funds instead", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_allocations (DemoLoader *l,
                  GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_allocations); i++)
    {
      const DemoAllocationSpec *s = &demo_allocations[i];
      g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
      DemoAlloc a = { 0 };
      gboolean ok;

      allocation->source_id = id_of (l, "source", s->source);
      allocation->task_force_id = id_of (l, "tf", demo_task_forces[s->task_force].code);
      allocation->category_id = id_of (l, "category", s->category);
      allocation->fiscal_year = s->fiscal_year;
      allocation->amount = DOLLARS (s->dollars);
      allocation->description = g_strdup_printf ("%s, %s, FY%d", s->category,
                                                 demo_task_forces[s->task_force].short_name,
                                                 s->fiscal_year);
      allocation->status = ALLOT_STATUS_SUBMITTED;
      if (!allot_store_add_allocation (l->store, allocation, error) ||
          !approve (l, TRUE, allocation->id, error))
        return FALSE;

      a.spec = s;
      a.tf = &demo_task_forces[s->task_force];
      a.id = allocation->id;
      a.budget = allocation->amount * s->use_pct / 100;
      a.reimbursable = g_str_equal (s->source, DEMO_MOU);
      a.immigration = a.tf->immigration || a.reimbursable;
      allot_fiscal_year_bounds (s->fiscal_year, ALLOT_FY_START_DEFAULT, &a.first, &a.last);

      if (g_str_equal (s->category, "OT"))
        ok = generate_overtime (l, &a, error);
      else if (g_str_equal (s->category, "PERS"))
        ok = generate_salary (l, &a, error);
      else if (g_str_equal (s->category, "FRINGE"))
        ok = generate_fringe (l, &a, error);
      else if (g_str_equal (s->category, "EQUIP"))
        ok = generate_equipment (l, &a, error);
      else if (g_str_equal (s->category, "CONTRACT"))
        ok = generate_contract (l, &a, error);
      else
        ok = generate_direct (l, &a, error);
      if (ok && (s->flags & DEMO_PENDING))
        ok = add_pending (l, &a, error);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* Federal cash drawn after each calendar quarter for what the grant paid in
 * it (reimbursement basis), less vendor credits. */
#define DEMO_FIRST_DRAW_YEAR 2024
#define DEMO_N_QUARTERS      12

static gboolean
load_drawdowns (DemoLoader *l,
                GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_grants); i++)
    {
      const DemoGrant *d = &demo_grants[i];
      gint64 by_quarter[DEMO_N_QUARTERS] = { 0 };
      g_autoptr(GPtrArray) entries = NULL;
      AllotLedgerFilter filter;
      guint n_draws = 0;

      allot_ledger_filter_init (&filter);
      filter.source_id = id_of (l, "source", d->code);
      filter.status = ALLOT_STATUS_APPROVED;
      entries = allot_store_list_ledger (l->store, &filter, error);
      if (entries == NULL)
        return FALSE;
      for (guint e = 0; e < entries->len; e++)
        {
          const AllotLedgerEntry *entry = entries->pdata[e];
          const GDate *when = NULL;
          int q;

          if (entry->kind == ALLOT_ENTRY_EXPENDITURE && g_date_valid (&entry->paid_date))
            when = &entry->paid_date;
          else if (entry->kind == ALLOT_ENTRY_ADJUSTMENT && entry->obligation_id == 0)
            when = &entry->entry_date;
          if (when == NULL)
            continue;
          q = ((int) g_date_get_year (when) - DEMO_FIRST_DRAW_YEAR) * 4 +
              ((int) g_date_get_month (when) - 1) / 3;
          g_assert (q >= 0 && q < DEMO_N_QUARTERS);
          by_quarter[q] += entry->amount * d->federal_share / 100;
        }

      for (guint q = 0; q < DEMO_N_QUARTERS; q++)
        {
          g_autoptr(AllotDrawdown) drawdown = NULL;
          GDate quarter_end, received;

          if (by_quarter[q] == 0)
            continue;
          g_date_clear (&quarter_end, 1);
          g_date_set_dmy (&quarter_end, 1, (GDateMonth) (q % 4 * 3 + 1),
                          (GDateYear) (DEMO_FIRST_DRAW_YEAR + q / 4));
          g_date_add_months (&quarter_end, 3);
          g_date_subtract_days (&quarter_end, 1);
          days_after (&quarter_end, rng_range (&l->rng, 10, 24), &received);
          if (g_date_compare (&received, &l->today) >= 0)
            continue;
          drawdown = allot_drawdown_new ();
          drawdown->source_id = filter.source_id;
          drawdown->received_date = received;
          drawdown->amount = by_quarter[q];
          drawdown->reference = g_strdup_printf ("%s-%02u", d->draw_prefix, ++n_draws);
          if (!allot_store_add_drawdown (l->store, drawdown, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- task-force participation and the SF-425 extras (issue 6) ----
 *
 * Officers detailed to the task forces, their overtime under the HSI BEST
 * MOU (per-officer caps of $21,000.00 a federal fiscal year, and from FY2026
 * an FBI-style monthly cap of $1,811.70), monthly claims and the partner's
 * payments.  Det. Alvarez works more overtime than the caps allow, so the
 * overtime report and the compliance checks have something to flag.  An
 * indirect rate that changes in the middle of the UASI award, and some
 * program income, give the SF-425 lines 10l-10o and 11 content.  A generator
 * of its own keeps the ledger above exactly as it was.
 */

#define DEMO_PERSONNEL_SEED G_GUINT64_CONSTANT (0x0f0c7a5c0de2026a)

typedef struct {
  const char *agency;
  const char *badge;
  const char *name;
  guint task_force;            /* TF_ */
  const char *start;
  gint64 rate_cents;           /* base rate an hour; 0 = no overtime under the MOU */
  guint entries_per_month;
} DemoOfficer;

static const DemoOfficer demo_officers[] = {
  { "MPD", "MPD-4127", "Det. A. Alvarez (demo)", TF_BEST, "2024-10-01", 5210, 3 },
  { "MPD", "MPD-3391", "Det. K. Brooks (demo)", TF_BEST, "2024-10-01", 4837, 2 },
  { "MPD", "MPD-5520", "Ofc. T. Nguyen (demo)", TF_BEST, "2025-04-01", 4485, 2 },
  { "MPD", "MPD-2874", "Sgt. R. Patel (demo)", TF_SSTF, "2024-10-01", 0, 0 },
  { "MPD", "MPD-6012", "Det. L. Okoye (demo)", TF_JTTF, "2024-10-01", 0, 0 },
  { "MPD", "MPD-1745", "Det. S. Kowalski (demo)", TF_HIDTA, "2025-01-06", 0, 0 },
  { "DOC", "DOC-1180", "Lt. M. Freeman (demo)", TF_SSTF, "2024-10-01", 0, 0 },
};

static const struct {
  int fiscal_year;
  gint64 annual;
  gint64 monthly;              /* 0 = none */
} demo_caps[] = {
  { 2025, 2100000, 0 },
  { 2026, 2100000, 181170 },
};

/* Per officer, per federal fiscal year and month, what the caps allow so
 * far: the loader bills exactly what is reimbursable. */
typedef struct {
  gint64 year_total;           /* within the caps, this fiscal year */
  gint64 month_raw;            /* everything worked this month */
  gint64 month_within;         /* within the caps, this month */
} DemoCapState;

static gboolean
load_officers (DemoLoader *l,
               GError    **error)
{
  gint64 mou = id_of (l, "source", DEMO_MOU);

  for (guint i = 0; i < G_N_ELEMENTS (demo_officers); i++)
    {
      const DemoOfficer *d = &demo_officers[i];
      g_autoptr(AllotOfficer) officer = allot_officer_new ();
      g_autoptr(AllotAssignment) assignment = allot_assignment_new ();

      officer->agency_id = id_of (l, "agency", d->agency);
      officer->badge = g_strdup (d->badge);
      officer->name = g_strdup (d->name);
      if (!allot_store_add_officer (l->store, officer, error))
        return FALSE;
      remember (l, "officer", d->badge, officer->id);

      assignment->officer_id = officer->id;
      assignment->task_force_id = id_of (l, "tf", demo_task_forces[d->task_force].code);
      assignment->agreement_id = d->task_force == TF_BEST ? mou : 0;
      parse_date (d->start, &assignment->start_date);
      /* Details under the MOU end with its term. */
      if (d->task_force == TF_BEST)
        parse_date ("2026-09-30", &assignment->end_date);
      if (!allot_store_add_assignment (l->store, assignment, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_caps); i++)
    {
      g_autoptr(AllotOvertimeCap) cap = allot_overtime_cap_new ();

      cap->agreement_id = mou;
      cap->fiscal_year = demo_caps[i].fiscal_year;
      cap->annual_cap = demo_caps[i].annual;
      cap->monthly_cap = demo_caps[i].monthly;
      if (!allot_store_add_overtime_cap (l->store, cap, error))
        return FALSE;
    }
  return TRUE;
}

/* One officer's month: overtime entered, approved (the last month's stay
 * submitted), and the month's claim for what the caps allow. */
static gboolean
officer_month (DemoLoader        *l,
               DemoRng           *rng,
               const DemoOfficer *d,
               int                fiscal_year,
               guint              index,
               DemoCapState      *state,
               gboolean           pending,
               GError           **error)
{
  gint64 officer_id = id_of (l, "officer", d->badge);
  gint64 best = id_of (l, "tf", demo_task_forces[TF_BEST].code);
  gint64 annual = 0, monthly = 0;
  GDate month_last, first, invoice;
  guint days;

  for (guint c = 0; c < G_N_ELEMENTS (demo_caps); c++)
    if (demo_caps[c].fiscal_year == fiscal_year)
      {
        annual = demo_caps[c].annual;
        monthly = demo_caps[c].monthly;
      }
  month_end (fiscal_year, index, &month_last);
  days = g_date_get_day (&month_last);
  state->month_raw = state->month_within = 0;

  for (guint e = 0; e < d->entries_per_month; e++)
    {
      g_autoptr(AllotOvertimeEntry) entry = allot_overtime_entry_new ();
      gint64 within;

      entry->officer_id = officer_id;
      entry->task_force_id = best;
      entry->case_number = g_strdup_printf ("HSI-WAS-%02d-%04u", fiscal_year % 100,
                                            (guint) rng_range (rng, 100, 999));
      month_end (fiscal_year, index, &entry->work_date);
      g_date_set_day (&entry->work_date, (GDateDay) (1 + (days - 1) * (2 * e + 1) /
                                                     (2 * d->entries_per_month)));
      /* 6.00 to 12.00 hours, in quarter hours. */
      entry->hours = 600 + 25 * rng_range (rng, 0, 24);
      entry->base_rate = d->rate_cents;
      entry->multiplier = 150;
      entry->description = g_strdup ("Surveillance and case work after shift (demo)");
      entry->status = ALLOT_STATUS_SUBMITTED;
      if (!allot_store_add_overtime (l->store, entry, error))
        return FALSE;
      if (pending)
        continue;
      allot_store_set_user (l->store, DEMO_REVIEWER);
      if (!allot_store_approve_overtime (l->store, entry->id, error))
        return FALSE;
      allot_store_set_user (l->store, DEMO_OFFICER);

      /* The caps, as the view overtime_cap_usage applies them. */
      within = monthly > 0 ? CLAMP (monthly - state->month_raw, 0, entry->amount)
                           : entry->amount;
      within = CLAMP (annual - state->year_total, 0, within);
      state->month_raw += entry->amount;
      state->month_within += within;
      state->year_total += within;
    }

  /* One claim per officer and month, invoiced ten days after it ends and
   * paid some seven weeks later; the partner short-pays one. */
  if (pending || state->month_within == 0)
    return TRUE;
  first = month_last;
  g_date_set_day (&first, 1);
  days_after (&month_last, 10, &invoice);
  {
    g_autoptr(AllotClaim) claim = allot_claim_new ();
    g_autoptr(AllotClaimPayment) payment = allot_claim_payment_new ();

    claim->agreement_id = id_of (l, "source", DEMO_MOU);
    claim->officer_id = officer_id;
    claim->task_force_id = best;
    claim->invoice_number = g_strdup_printf ("MPD-OT-%04u%02u-%s", g_date_get_year (&first),
                                             g_date_get_month (&first), d->badge + 4);
    claim->invoice_date = invoice;
    claim->period_start = first;
    claim->period_end = month_last;
    claim->billed = state->month_within;
    if (!allot_store_add_claim (l->store, claim, error))
      return FALSE;

    payment->claim_id = claim->id;
    days_after (&invoice, rng_range (rng, 35, 95), &payment->received_date);
    if (g_date_compare (&payment->received_date, &l->today) > 0)
      return TRUE;  /* not paid yet */
    payment->amount = claim->billed;
    /* One short payment: a day's hours the partner disputes. */
    if (fiscal_year == 2025 && index == 7 && g_str_equal (d->badge, "MPD-3391"))
      payment->amount -= 28450;
    payment->reference = g_strdup_printf ("TFF-EFT-%06u", (guint) rng_range (rng, 100000, 999999));
    return allot_store_add_claim_payment (l->store, payment, error);
  }
}

static gboolean
load_overtime (DemoLoader *l,
               GError    **error)
{
  DemoRng rng = { DEMO_PERSONNEL_SEED };

  for (guint i = 0; i < G_N_ELEMENTS (demo_officers); i++)
    {
      const DemoOfficer *d = &demo_officers[i];

      if (d->rate_cents == 0)
        continue;
      for (int fy = 2025; fy <= DEMO_LAST_FY; fy++)
        {
          DemoCapState state = { 0 };

          for (guint m = 0; m < 12; m++)
            {
              GDate month_last, start;

              month_end (fy, m, &month_last);
              parse_date (d->start, &start);
              if (g_date_compare (&month_last, &start) < 0)
                continue;
              /* September 2026 still awaits review. */
              if (!officer_month (l, &rng, d, fy, m, &state, fy == DEMO_LAST_FY && m == 11,
                                  error))
                return FALSE;
            }
        }
    }

  /* A keying error: 21.00 hours instead of 2.10, voided on review. */
  {
    g_autoptr(AllotOvertimeEntry) entry = allot_overtime_entry_new ();

    entry->officer_id = id_of (l, "officer", "MPD-3391");
    entry->task_force_id = id_of (l, "tf", demo_task_forces[TF_BEST].code);
    entry->case_number = g_strdup ("HSI-WAS-26-0412");
    parse_date ("2026-09-14", &entry->work_date);
    entry->hours = 2100;
    entry->base_rate = 4837;
    entry->description = g_strdup ("Keyed as 21.00 hours instead of 2.10 (demo)");
    if (!allot_store_add_overtime (l->store, entry, error) ||
        !allot_store_void_record (l->store, ALLOT_VOIDABLE_OVERTIME, entry->id,
                                  "Hours keyed wrong; re-entered", error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
load_award_extras (DemoLoader *l,
                   GError    **error)
{
  static const struct {
    const char *source;
    const char *type;
    guint bp;
    const char *start;
    const char *end;
  } rates[] = {
    /* The de minimis rate until the District's first negotiated rate. */
    { "UASI-FY24", "de_minimis", 1000, "2024-09-01", "2025-09-30" },
    { "UASI-FY24", "provisional", 1240, "2025-10-01", "2027-08-31" },
  };
  static const struct {
    const char *source;
    AllotProgramIncomeKind kind;
    const char *date;
    gint64 cents;
    const char *description;
  } income[] = {
    { "JAG-FY24", ALLOT_PROGRAM_INCOME_EARNED, "2025-03-20", 420000,
      "Tuition from neighboring agencies for a gang-investigations course (demo)" },
    { "JAG-FY24", ALLOT_PROGRAM_INCOME_ADDITION, "2025-06-12", 315000,
      "Course materials and range time for the next session (demo)" },
    { "JAG-FY24", ALLOT_PROGRAM_INCOME_EARNED, "2026-02-18", 275000,
      "Tuition, second course (demo)" },
    { "UASI-FY24", ALLOT_PROGRAM_INCOME_EARNED, "2025-11-04", 180000,
      "Registration fees, regional active-threat exercise (demo)" },
    { "UASI-FY24", ALLOT_PROGRAM_INCOME_DEDUCTION, "2026-01-15", 180000,
      "Applied to exercise costs, reducing the federal share (demo)" },
  };

  if (!allot_store_set_setting (l->store, "recipient_uei", "DEMO0UEI0001", error) ||
      !allot_store_set_setting (l->store, "recipient_ein", "00-0000000 (demo)", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      g_autoptr(AllotRatePeriod) rate = allot_rate_period_new ();

      rate->source_id = id_of (l, "source", rates[i].source);
      rate->rate_type = g_strdup (rates[i].type);
      rate->rate_bp = rates[i].bp;
      rate->base_type = g_strdup ("MTDC");
      rate->base_exclusions = g_strdup ("d");  /* equipment is not in MTDC */
      parse_date (rates[i].start, &rate->start_date);
      parse_date (rates[i].end, &rate->end_date);
      if (!allot_store_add_rate_period (l->store, rate, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (income); i++)
    {
      g_autoptr(AllotProgramIncome) entry = allot_program_income_new ();

      entry->source_id = id_of (l, "source", income[i].source);
      entry->kind = income[i].kind;
      parse_date (income[i].date, &entry->entry_date);
      entry->amount = income[i].cents;
      entry->description = g_strdup (income[i].description);
      if (!allot_store_add_program_income (l->store, entry, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
allot_demo_load (AllotStore *store,
                 GError    **error)
{
  g_autoptr(GError) local = NULL;
  DemoLoader l = { 0 };
  g_autofree char *previous_user = NULL;
  gboolean own_batch, ok;

  g_return_val_if_fail (ALLOT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!allot_store_is_empty (store, &local))
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                     _("The demo data can only be loaded into an empty database; this one "
                       "already holds agencies, task forces, funding sources or ledger "
                       "entries. Create a new database for the demo."));
      return FALSE;
    }

  /* The administrator sets the database up and names the others' roles;
   * the batch's first write registers whoever is the user then. */
  previous_user = g_strdup (allot_store_get_user (store));
  allot_store_set_user (store, DEMO_ADMIN);
  own_batch = !allot_store_in_batch (store);
  if (own_batch && !allot_store_begin_batch (store, error))
    {
      allot_store_set_user (store, previous_user);
      return FALSE;
    }

  l.store = store;
  l.rng.state = DEMO_SEED;
  l.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  l.document_seq = 1000;
  parse_date (DEMO_TODAY, &l.today);

  ok = load_settings (&l, error) &&
       allot_store_set_user_role (store, DEMO_OFFICER, ALLOT_ROLE_OFFICER, error) &&
       allot_store_set_user_role (store, DEMO_REVIEWER, ALLOT_ROLE_REVIEWER, error);
  allot_store_set_user (store, DEMO_OFFICER);
  ok = ok &&
       load_agencies (&l, error) &&
       load_task_forces (&l, error) &&
       load_categories (&l, error) &&
       load_grants (&l, error) &&
       load_appropriations (&l, error) &&
       load_agreement (&l, error) &&
       load_forfeiture_funds (&l, error) &&
       load_allocations (&l, error) &&
       load_drawdowns (&l, error) &&
       load_officers (&l, error) &&
       load_overtime (&l, error) &&
       load_award_extras (&l, error);
  allot_store_set_user (store, previous_user);
  if (own_batch)
    {
      if (ok)
        ok = allot_store_end_batch (store, TRUE, error);
      else
        allot_store_end_batch (store, FALSE, NULL);
    }

  if (ok)
    g_debug ("Demo data loaded: %u ledger entries (%u voided, %u submitted, %u unpaid)",
             l.n_entries, l.n_voided, l.n_submitted, l.n_unpaid);
  else
    g_prefix_error (error, _("Could not load the demo data: "));
  g_hash_table_unref (l.ids);
  return ok;
}
