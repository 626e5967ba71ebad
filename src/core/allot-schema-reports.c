/* allot-schema-reports.c: migration 3, what the federal reports and the
 * task-force participation records need (issue 6).
 *
 * Design decisions:
 * - Same rules as the rest of the schema: STRICT tables, money INTEGER
 *   cents, ISO dates that must equal date(itself), nothing deleted (rows are
 *   voided with a reason), every table audited (allot-schema.c lists them).
 * - Figures a report derives are never stored: federal cash disbursements,
 *   unliquidated obligations, ESAC balances and what overtime stays under a
 *   cap are computed from the ledger and these tables.  The one computed
 *   column, an overtime entry's amount, is checked here against its inputs
 *   so that no code path can store a different figure:
 *     amount = round_half_up (hours/100 * base_rate * multiplier/100)
 *            = (hours * base_rate * multiplier + 5000) / 10000   (integers)
 *   hours and the multiplier are in hundredths, the rate in cents an hour;
 *   every factor is positive, so integer division rounds half up.  The
 *   bounds (24.00 hours, $1,000.00 an hour, 3.00) keep the product far below
 *   2^63.
 * - Overtime fiscal years are federal ones (1 October start, whatever the
 *   jurisdiction's own start month), checked from the date.
 * - The view overtime_cap_usage is the one place that says how much of each
 *   approved overtime entry is within its caps, for the overtime report and
 *   the compliance rule alike: entries of one officer under one agreement
 *   in one federal fiscal year are taken in date order (then id); within a
 *   calendar month the monthly cap (when set) limits the month's entries,
 *   and what passes the monthly cap counts against the annual cap.
 */
#include "allot-config.h"

#include "allot-db-private.h"

/* Federal fiscal year of ISO date column @d, in SQL. */
#define FEDERAL_FY(d) \
  "(CAST (strftime ('%Y', " d ") AS INTEGER) + (CAST (strftime ('%m', " d ") AS INTEGER) >= 10))"

/* Columns first (each ends with a comma), then the table constraint. */
#define VOID_COLS \
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),\n" \
  "  voided_by TEXT,\n" \
  "  voided_at TEXT,\n" \
  "  void_reason TEXT,\n"
#define VOID_CHECK \
  "  CHECK (voided = 0 OR length (trim (void_reason)) > 0)\n"
#define VOID_COLUMNS VOID_COLS VOID_CHECK

#define NO_DELETE(table, what) \
  "CREATE TRIGGER " table "_no_delete BEFORE DELETE ON " table "\n" \
  "BEGIN SELECT RAISE (ABORT, '" what " are voided, never deleted'); END;\n" \
  "CREATE TRIGGER " table "_unvoid BEFORE UPDATE OF voided ON " table "\n" \
  "  WHEN OLD.voided = 1 AND NEW.voided = 0\n" \
  "BEGIN SELECT RAISE (ABORT, 'a voided record stays voided'); END;\n"

const char allot_migration_reports[] =
  /* Indirect cost rate periods of a grant (SF-425 line 11).  The base is
   * derived from the ledger; base_exclusions lists the SF-424A lines (a..h)
   * left out of it, e.g. "d" (equipment) for modified total direct costs. */
  "CREATE TABLE indirect_rates (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES grants (source_id),\n"
  "  rate_type TEXT NOT NULL CHECK (rate_type IN\n"
  "    ('de_minimis', 'provisional', 'predetermined', 'final', 'fixed')),\n"
  "  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),\n"
  "  base_type TEXT NOT NULL CHECK (length (trim (base_type)) BETWEEN 1 AND 32),\n"
  "  base_exclusions TEXT NOT NULL DEFAULT '' CHECK (base_exclusions NOT GLOB '*[^a-h]*'),\n"
  "  start_date TEXT NOT NULL CHECK (start_date IS date (start_date)),\n"
  "  end_date TEXT NOT NULL CHECK (end_date IS date (end_date) AND end_date >= start_date),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  VOID_COLUMNS
  ") STRICT;\n"
  "CREATE INDEX indirect_rates_source ON indirect_rates (source_id, start_date);\n"
  NO_DELETE ("indirect_rates", "indirect rate periods")

  /* Program income of a grant: earned, or expended under the deduction or
   * the addition alternative (SF-425 lines 10l-10o). */
  "CREATE TABLE program_income (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES grants (source_id),\n"
  "  entry_date TEXT NOT NULL CHECK (entry_date IS date (entry_date)),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('earned', 'expended')),\n"
  "  alternative TEXT CHECK ((kind = 'earned' AND alternative IS NULL)\n"
  "    OR (kind = 'expended' AND alternative IN ('deduction', 'addition'))),\n"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 999999999999999),\n"
  "  description TEXT NOT NULL CHECK (length (trim (description)) > 0),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  VOID_COLUMNS
  ") STRICT;\n"
  "CREATE INDEX program_income_source ON program_income (source_id, entry_date);\n"
  NO_DELETE ("program_income", "program income entries")

  /* Match entries, drawdowns and receipts could be voided without a reason
   * so far. */
  "ALTER TABLE match_entries ADD COLUMN voided_by TEXT;\n"
  "ALTER TABLE match_entries ADD COLUMN voided_at TEXT;\n"
  "ALTER TABLE match_entries ADD COLUMN void_reason TEXT;\n"
  "ALTER TABLE drawdowns ADD COLUMN voided_by TEXT;\n"
  "ALTER TABLE drawdowns ADD COLUMN voided_at TEXT;\n"
  "ALTER TABLE drawdowns ADD COLUMN void_reason TEXT;\n"
  "ALTER TABLE receipts ADD COLUMN voided_by TEXT;\n"
  "ALTER TABLE receipts ADD COLUMN voided_at TEXT;\n"
  "ALTER TABLE receipts ADD COLUMN void_reason TEXT;\n"

  /* Officers of the member agencies. */
  "CREATE TABLE officers (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
  "  badge TEXT NOT NULL CHECK (length (trim (badge)) BETWEEN 1 AND 32),\n"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),\n"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  version INTEGER NOT NULL DEFAULT 1,\n"
  "  UNIQUE (agency_id, badge)\n"
  ") STRICT;\n"
  "CREATE TRIGGER officers_no_delete BEFORE DELETE ON officers\n"
  "BEGIN SELECT RAISE (ABORT, 'officers are made inactive, never deleted'); END;\n"

  /* An officer's detail to a task force, and the agreement covering it. */
  "CREATE TABLE assignments (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  officer_id INTEGER NOT NULL REFERENCES officers (id),\n"
  "  task_force_id INTEGER NOT NULL REFERENCES task_forces (id),\n"
  "  agreement_id INTEGER REFERENCES agreements (source_id),\n"
  "  start_date TEXT NOT NULL CHECK (start_date IS date (start_date)),\n"
  "  end_date TEXT CHECK (end_date IS NULL\n"
  "                       OR (end_date IS date (end_date) AND end_date >= start_date)),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  VOID_COLUMNS
  ") STRICT;\n"
  "CREATE INDEX assignments_officer ON assignments (officer_id, task_force_id);\n"
  NO_DELETE ("assignments", "assignments")

  /* Per-officer overtime caps a federal partner sets for an agreement and a
   * federal fiscal year: annual, and monthly where set. */
  "CREATE TABLE overtime_caps (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  agreement_id INTEGER NOT NULL REFERENCES agreements (source_id),\n"
  "  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2999),\n"
  "  annual_cap INTEGER NOT NULL CHECK (annual_cap BETWEEN 1 AND 999999999999999),\n"
  "  monthly_cap INTEGER CHECK (monthly_cap IS NULL OR monthly_cap BETWEEN 1 AND annual_cap),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  VOID_COLUMNS
  ") STRICT;\n"
  "CREATE UNIQUE INDEX overtime_caps_unique ON overtime_caps (agreement_id, fiscal_year)\n"
  "  WHERE voided = 0;\n"
  NO_DELETE ("overtime_caps", "overtime caps")

  "CREATE TABLE overtime_entries (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  officer_id INTEGER NOT NULL REFERENCES officers (id),\n"
  "  task_force_id INTEGER NOT NULL REFERENCES task_forces (id),\n"
  "  agreement_id INTEGER NOT NULL REFERENCES agreements (source_id),\n"
  "  fiscal_year INTEGER NOT NULL,\n"
  "  case_number TEXT NOT NULL CHECK (length (trim (case_number)) BETWEEN 1 AND 64),\n"
  "  work_date TEXT NOT NULL CHECK (work_date IS date (work_date)),\n"
  "  hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 2400),\n"
  "  base_rate INTEGER NOT NULL CHECK (base_rate BETWEEN 1 AND 100000),\n"
  "  multiplier INTEGER NOT NULL CHECK (multiplier BETWEEN 100 AND 300),\n"
  "  amount INTEGER NOT NULL,\n"
  "  description TEXT NOT NULL DEFAULT '',\n"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  updated_by TEXT,\n"
  "  review_comment TEXT,\n"
  "  reviewed_by TEXT,\n"
  "  reviewed_at TEXT,\n"
  "  version INTEGER NOT NULL DEFAULT 1,\n"
  VOID_COLS
  "  CHECK (fiscal_year = " FEDERAL_FY ("work_date") "),\n"
  "  CHECK (amount = (hours * base_rate * multiplier + 5000) / 10000),\n"
  VOID_CHECK
  ") STRICT;\n"
  "CREATE INDEX overtime_officer ON overtime_entries (officer_id, agreement_id, fiscal_year,\n"
  "  work_date);\n"
  "CREATE INDEX overtime_task_force ON overtime_entries (task_force_id, work_date);\n"
  NO_DELETE ("overtime_entries", "overtime entries")

  /* An invoice to the federal partner for one officer's overtime on one
   * task force in a period within one federal fiscal year. */
  "CREATE TABLE reimbursement_claims (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  agreement_id INTEGER NOT NULL REFERENCES agreements (source_id),\n"
  "  officer_id INTEGER NOT NULL REFERENCES officers (id),\n"
  "  task_force_id INTEGER NOT NULL REFERENCES task_forces (id),\n"
  "  invoice_number TEXT NOT NULL CHECK (length (trim (invoice_number)) BETWEEN 1 AND 64),\n"
  "  invoice_date TEXT NOT NULL CHECK (invoice_date IS date (invoice_date)),\n"
  "  period_start TEXT NOT NULL CHECK (period_start IS date (period_start)),\n"
  "  period_end TEXT NOT NULL CHECK (period_end IS date (period_end)\n"
  "                                  AND period_end >= period_start),\n"
  "  fiscal_year INTEGER NOT NULL,\n"
  "  billed INTEGER NOT NULL CHECK (billed BETWEEN 1 AND 999999999999999),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  VOID_COLS
  "  CHECK (fiscal_year = " FEDERAL_FY ("period_start") "\n"
  "         AND fiscal_year = " FEDERAL_FY ("period_end") "),\n"
  VOID_CHECK
  ") STRICT;\n"
  "CREATE UNIQUE INDEX claims_invoice ON reimbursement_claims (agreement_id, invoice_number)\n"
  "  WHERE voided = 0;\n"
  "CREATE INDEX claims_officer ON reimbursement_claims (officer_id, agreement_id, fiscal_year);\n"
  NO_DELETE ("reimbursement_claims", "reimbursement claims")

  /* What the partner paid on a claim, possibly in parts. */
  "CREATE TABLE claim_payments (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  claim_id INTEGER NOT NULL REFERENCES reimbursement_claims (id),\n"
  "  received_date TEXT NOT NULL CHECK (received_date IS date (received_date)),\n"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 999999999999999),\n"
  "  reference TEXT NOT NULL DEFAULT '',\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  VOID_COLUMNS
  ") STRICT;\n"
  "CREATE INDEX claim_payments_claim ON claim_payments (claim_id);\n"
  NO_DELETE ("claim_payments", "claim payments")

  /* How much of each approved, unvoided overtime entry its caps allow; see
   * the design notes above.  No cap row: everything is within. */
  "CREATE VIEW overtime_cap_usage AS\n"
  "WITH e AS (\n"
  "  SELECT o.id, o.officer_id, o.agreement_id, o.task_force_id, o.fiscal_year, o.work_date,\n"
  "         o.hours, o.amount, c.annual_cap, c.monthly_cap,\n"
  "         COALESCE (SUM (o.amount) OVER (\n"
  "           PARTITION BY o.officer_id, o.agreement_id, substr (o.work_date, 1, 7)\n"
  "           ORDER BY o.work_date, o.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),\n"
  "           0) AS month_before\n"
  "  FROM overtime_entries o\n"
  "  LEFT JOIN overtime_caps c ON c.agreement_id = o.agreement_id\n"
  "    AND c.fiscal_year = o.fiscal_year AND c.voided = 0\n"
  "  WHERE o.voided = 0 AND o.status = 'approved'),\n"
  "m AS (\n"
  "  SELECT e.*, CASE WHEN e.monthly_cap IS NULL THEN e.amount\n"
  "    ELSE MAX (0, MIN (e.amount, e.monthly_cap - e.month_before)) END AS within_month\n"
  "  FROM e),\n"
  "y AS (\n"
  "  SELECT m.*, COALESCE (SUM (m.within_month) OVER (\n"
  "           PARTITION BY m.officer_id, m.agreement_id, m.fiscal_year\n"
  "           ORDER BY m.work_date, m.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),\n"
  "           0) AS year_before\n"
  "  FROM m)\n"
  "SELECT y.id AS entry_id, y.officer_id, y.agreement_id, y.task_force_id, y.fiscal_year,\n"
  "       y.work_date, y.hours, y.amount, y.annual_cap, y.monthly_cap,\n"
  "       y.month_before, y.within_month, y.year_before,\n"
  "       CASE WHEN y.annual_cap IS NULL THEN y.within_month\n"
  "         ELSE MAX (0, MIN (y.within_month, y.annual_cap - y.year_before)) END AS reimbursable\n"
  "FROM y;\n";
