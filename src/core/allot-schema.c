/* allot-schema.c: the SQLite schema and its migrations.
 *
 * Design decisions:
 * - Each migration is one transaction that moves PRAGMA user_version from
 *   N-1 to N; a failure rolls back to the previous version intact.
 * - Money is INTEGER cents, dates are ISO TEXT that must equal date(itself),
 *   which refuses impossible days such as 2026-02-30.
 * - Nothing a reviewer or auditor may need is deleted: deletes of ledger
 *   rows are refused by triggers, entries are voided instead.
 * - The audit log is written by triggers inside the database, so no code
 *   path (and no future backend) can forget it; the user comes from the
 *   connection's allot_user() function.  The log refuses UPDATE and DELETE.
 * - Balances are views over the ledger: derived, never stored.
 */
#include "allot-config.h"

#include "allot-audit-private.h"
#include "allot-db-private.h"
#include "allot-error.h"
#include "allot-store.h"

/* The tables whose every insert and update is audited (and the deletes
 * there can be: see create_audit_triggers()). */
static const char *const audited_tables[] = {
  "settings", "users", "agencies", "task_forces", "task_force_members", "categories",
  "sources", "grants", "amendments", "appropriations", "agreements", "contributions",
  "forfeiture_funds", "receipts", "drawdowns", "allocations", "ledger_entries",
  "periods", "match_entries",
  /* migration 3 (allot-schema-reports.c) */
  "indirect_rates", "program_income", "officers", "assignments", "overtime_caps",
  "overtime_entries", "reimbursement_claims", "claim_payments",
};

const char *const *
allot_schema_audited_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (audited_tables);
  return audited_tables;
}

static const char migration_1[] =
  "CREATE TABLE settings (\n"
  "  key TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ") STRICT;\n"


  "CREATE TABLE users (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),\n"
  "  role TEXT NOT NULL CHECK (role IN ('officer', 'reviewer', 'administrator')),\n"
  "  created_at TEXT NOT NULL\n"
  ") STRICT;\n"

  "CREATE TABLE agencies (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  level TEXT NOT NULL CHECK (level IN ('state', 'local', 'federal')),\n"
  "  ori TEXT CHECK (ori IS NULL OR length(ori) BETWEEN 1 AND 16),\n"
  "  version INTEGER NOT NULL DEFAULT 1\n"
  ") STRICT;\n"

  "CREATE TABLE task_forces (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  lead_agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
  "  start_date TEXT NOT NULL CHECK (start_date IS date(start_date)),\n"
  "  end_date TEXT CHECK (end_date IS NULL\n"
  "                       OR (end_date IS date(end_date) AND end_date >= start_date)),\n"
  "  immigration INTEGER NOT NULL DEFAULT 0 CHECK (immigration IN (0, 1)),\n"
  "  version INTEGER NOT NULL DEFAULT 1\n"
  ") STRICT;\n"

  "CREATE TABLE task_force_members (\n"
  "  task_force_id INTEGER NOT NULL REFERENCES task_forces (id),\n"
  "  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
  "  PRIMARY KEY (task_force_id, agency_id)\n"
  ") STRICT;\n"

  "CREATE TABLE categories (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  sf424a_line TEXT NOT NULL CHECK (sf424a_line IN ('a','b','c','d','e','f','g','h')),\n"
  "  version INTEGER NOT NULL DEFAULT 1\n"
  ") STRICT;\n"

  "CREATE TABLE sources (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),\n"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),\n"
  "  kind TEXT NOT NULL\n"
  "    CHECK (kind IN ('grant', 'appropriation', 'agreement', 'forfeiture')),\n"
  "  agency_id INTEGER REFERENCES agencies (id),\n"
  "  closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),\n"
  "  immigration INTEGER NOT NULL DEFAULT 0 CHECK (immigration IN (0, 1)),\n"
  "  notes TEXT,\n"
  "  version INTEGER NOT NULL DEFAULT 1\n"
  ") STRICT;\n"

  "CREATE TABLE grants (\n"
  "  source_id INTEGER PRIMARY KEY REFERENCES sources (id),\n"
  "  award_number TEXT NOT NULL UNIQUE CHECK (length(trim(award_number)) > 0),\n"
  "  assistance_listing TEXT NOT NULL\n"
  "    CHECK (assistance_listing GLOB '[0-9][0-9].[0-9][0-9][0-9]'),\n"
  "  award_amount INTEGER NOT NULL CHECK (award_amount BETWEEN 0 AND 999999999999999),\n"
  "  pop_start TEXT NOT NULL CHECK (pop_start IS date(pop_start)),\n"
  "  pop_end TEXT NOT NULL CHECK (pop_end IS date(pop_end) AND pop_end >= pop_start),\n"
  "  match_required INTEGER NOT NULL DEFAULT 0\n"
  "    CHECK (match_required BETWEEN 0 AND 999999999999999),\n"
  "  indirect_rate_type TEXT NOT NULL DEFAULT 'none',\n"
  "  indirect_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (indirect_rate_bp BETWEEN 0 AND 10000),\n"
  "  indirect_base TEXT,\n"
  "  uniform_guidance TEXT NOT NULL CHECK (uniform_guidance IN ('2014', '2024')),\n"
  "  reporting_frequency TEXT NOT NULL\n"
  "    CHECK (reporting_frequency IN ('quarterly', 'semiannual', 'annual'))\n"
  ") STRICT;\n"

  "CREATE TABLE amendments (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES grants (source_id),\n"
  "  effective_date TEXT NOT NULL CHECK (effective_date IS date(effective_date)),\n"
  "  amount INTEGER NOT NULL\n"
  "    CHECK (amount <> 0 AND amount BETWEEN -999999999999999 AND 999999999999999),\n"
  "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL\n"
  ") STRICT;\n"

  "CREATE TABLE appropriations (\n"
  "  source_id INTEGER PRIMARY KEY REFERENCES sources (id),\n"
  "  fund_code TEXT NOT NULL CHECK (length(trim(fund_code)) > 0),\n"
  "  program_code TEXT NOT NULL CHECK (length(trim(program_code)) > 0),\n"
  "  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2999),\n"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 999999999999999),\n"
  "  lapse_date TEXT NOT NULL CHECK (lapse_date IS date(lapse_date))\n"
  ") STRICT;\n"

  "CREATE TABLE agreements (\n"
  "  source_id INTEGER PRIMARY KEY REFERENCES sources (id),\n"
  "  agreement_number TEXT NOT NULL UNIQUE CHECK (length(trim(agreement_number)) > 0),\n"
  "  partner_agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
  "  term_start TEXT NOT NULL CHECK (term_start IS date(term_start)),\n"
  "  term_end TEXT NOT NULL CHECK (term_end IS date(term_end) AND term_end >= term_start),\n"
  "  reimbursement_terms TEXT\n"
  ") STRICT;\n"

  "CREATE TABLE contributions (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES agreements (source_id),\n"
  "  side TEXT NOT NULL CHECK (side IN ('partner', 'jurisdiction')),\n"
  "  form TEXT NOT NULL CHECK (form IN ('cash', 'in_kind')),\n"
  "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),\n"
  "  valuation INTEGER NOT NULL CHECK (valuation BETWEEN 1 AND 999999999999999),\n"
  "  task_force_id INTEGER REFERENCES task_forces (id),\n"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))\n"
  ") STRICT;\n"

  "CREATE TABLE forfeiture_funds (\n"
  "  source_id INTEGER PRIMARY KEY REFERENCES sources (id),\n"
  "  program TEXT NOT NULL CHECK (program IN ('doj', 'treasury', 'state'))\n"
  ") STRICT;\n"

  "CREATE TABLE receipts (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES forfeiture_funds (source_id),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('sharing', 'transfer_in', 'other', 'interest')),\n"
  "  received_date TEXT NOT NULL CHECK (received_date IS date(received_date)),\n"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 999999999999999),\n"
  "  case_number TEXT,\n"
  "  description TEXT NOT NULL DEFAULT '',\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),\n"
  "  CHECK (kind = 'interest' OR length(trim(case_number)) > 0)\n"
  ") STRICT;\n"

  "CREATE TABLE drawdowns (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES grants (source_id),\n"
  "  received_date TEXT NOT NULL CHECK (received_date IS date(received_date)),\n"
  "  amount INTEGER NOT NULL\n"
  "    CHECK (amount <> 0 AND amount BETWEEN -999999999999999 AND 999999999999999),\n"
  "  reference TEXT NOT NULL CHECK (length(trim(reference)) > 0),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))\n"
  ") STRICT;\n"

  "CREATE TABLE allocations (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES sources (id),\n"
  "  task_force_id INTEGER NOT NULL REFERENCES task_forces (id),\n"
  "  category_id INTEGER NOT NULL REFERENCES categories (id),\n"
  "  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 1900 AND 2999),\n"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN 0 AND 999999999999999),\n"
  "  description TEXT,\n"
  "  status TEXT NOT NULL DEFAULT 'approved'\n"
  "    CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),\n"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  version INTEGER NOT NULL DEFAULT 1\n"
  ") STRICT;\n"
  "CREATE UNIQUE INDEX allocations_unique ON allocations\n"
  "  (source_id, task_force_id, category_id, fiscal_year) WHERE voided = 0;\n"
  "CREATE INDEX allocations_fy ON allocations (fiscal_year);\n"

  "CREATE TABLE ledger_entries (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  allocation_id INTEGER NOT NULL REFERENCES allocations (id),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('obligation', 'expenditure', 'adjustment')),\n"
  "  amount INTEGER NOT NULL\n"
  "    CHECK (amount <> 0 AND amount BETWEEN -999999999999999 AND 999999999999999),\n"
  "  entry_date TEXT NOT NULL CHECK (entry_date IS date(entry_date)),\n"
  "  paid_date TEXT CHECK (paid_date IS NULL\n"
  "    OR (kind = 'expenditure' AND paid_date IS date(paid_date) AND paid_date >= entry_date)),\n"
  "  obligation_id INTEGER REFERENCES ledger_entries (id)\n"
  "    CHECK (obligation_id IS NULL OR kind <> 'obligation'),\n"
  "  document_number TEXT NOT NULL CHECK (length(trim(document_number)) > 0),\n"
  "  payee TEXT NOT NULL DEFAULT '',\n"
  "  description TEXT NOT NULL DEFAULT '',\n"
  "  status TEXT NOT NULL DEFAULT 'approved'\n"
  "    CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),\n"
  "  immigration INTEGER NOT NULL DEFAULT 0 CHECK (immigration IN (0, 1)),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),\n"
  "  voided_by TEXT,\n"
  "  voided_at TEXT,\n"
  "  void_reason TEXT,\n"
  "  version INTEGER NOT NULL DEFAULT 1,\n"
  "  CHECK (kind = 'adjustment' OR amount > 0),\n"
  "  CHECK (voided = 0 OR length(trim(void_reason)) > 0)\n"
  ") STRICT;\n"
  "CREATE UNIQUE INDEX ledger_document ON ledger_entries (kind, document_number)\n"
  "  WHERE voided = 0;\n"
  "CREATE INDEX ledger_allocation ON ledger_entries (allocation_id, kind);\n"
  "CREATE INDEX ledger_date ON ledger_entries (entry_date, id);\n"
  "CREATE INDEX ledger_obligation ON ledger_entries (obligation_id) WHERE obligation_id IS NOT NULL;\n"

  "CREATE TABLE audit_log (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  at TEXT NOT NULL,\n"
  "  user TEXT NOT NULL,\n"
  "  action TEXT NOT NULL,\n"
  "  table_name TEXT NOT NULL,\n"
  "  record_id INTEGER,\n"
  "  before TEXT,\n"
  "  after TEXT\n"
  ") STRICT;\n"
  "CREATE INDEX audit_record ON audit_log (table_name, record_id);\n"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
  "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;\n"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
  "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;\n"

  /* Append-only and void-only tables. */
  "CREATE TRIGGER amendments_no_update BEFORE UPDATE ON amendments\n"
  "BEGIN SELECT RAISE (ABORT, 'amendments are append-only'); END;\n"
  "CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments\n"
  "BEGIN SELECT RAISE (ABORT, 'amendments are append-only'); END;\n"
  "CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger_entries\n"
  "BEGIN SELECT RAISE (ABORT, 'ledger entries are voided, never deleted'); END;\n"
  "CREATE TRIGGER allocations_no_delete BEFORE DELETE ON allocations\n"
  "BEGIN SELECT RAISE (ABORT, 'allocations are voided, never deleted'); END;\n"
  "CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts\n"
  "BEGIN SELECT RAISE (ABORT, 'receipts are voided, never deleted'); END;\n"
  "CREATE TRIGGER drawdowns_no_delete BEFORE DELETE ON drawdowns\n"
  "BEGIN SELECT RAISE (ABORT, 'drawdowns are voided, never deleted'); END;\n"
  "CREATE TRIGGER ledger_unvoid BEFORE UPDATE OF voided ON ledger_entries\n"
  "  WHEN OLD.voided = 1 AND NEW.voided = 0\n"
  "BEGIN SELECT RAISE (ABORT, 'a voided entry stays voided'); END;\n"

  /* Derived balances.  One row per allocation, then everything else sums
   * these rows, so every grouping ties out to the same figures. */
  "CREATE VIEW allocation_balances AS\n"
  "SELECT a.id AS allocation_id, a.source_id, a.task_force_id, a.category_id,\n"
  "       a.fiscal_year, a.amount AS allocated,\n"
  "       COALESCE (SUM (CASE WHEN e.kind = 'obligation' THEN e.amount\n"
  "                           WHEN e.kind = 'adjustment' AND e.obligation_id IS NOT NULL\n"
  "                           THEN e.amount END), 0) AS obligated,\n"
  "       COALESCE (SUM (CASE WHEN e.kind = 'expenditure' THEN e.amount\n"
  "                           WHEN e.kind = 'adjustment' AND e.obligation_id IS NULL\n"
  "                           THEN e.amount END), 0) AS expended,\n"
  "       COALESCE (SUM (CASE WHEN e.kind = 'expenditure' AND e.obligation_id IS NOT NULL\n"
  "                           THEN e.amount END), 0) AS liquidated\n"
  "FROM allocations a\n"
  "LEFT JOIN ledger_entries e\n"
  "  ON e.allocation_id = a.id AND e.voided = 0 AND e.status = 'approved'\n"
  "WHERE a.voided = 0 AND a.status = 'approved'\n"
  "GROUP BY a.id;\n"

  "CREATE VIEW source_authorized AS\n"
  "SELECT s.id AS source_id,\n"
  "  CASE s.kind\n"
  "    WHEN 'grant' THEN (SELECT g.award_amount FROM grants g WHERE g.source_id = s.id)\n"
  "       + (SELECT COALESCE (SUM (m.amount), 0) FROM amendments m WHERE m.source_id = s.id)\n"
  "    WHEN 'appropriation' THEN\n"
  "       (SELECT p.amount FROM appropriations p WHERE p.source_id = s.id)\n"
  "    WHEN 'agreement' THEN\n"
  "       (SELECT COALESCE (SUM (c.valuation), 0) FROM contributions c\n"
  "        WHERE c.source_id = s.id AND c.side = 'partner' AND c.form = 'cash'\n"
  "          AND c.voided = 0)\n"
  "    WHEN 'forfeiture' THEN\n"
  "       (SELECT COALESCE (SUM (r.amount), 0) FROM receipts r\n"
  "        WHERE r.source_id = s.id AND r.voided = 0)\n"
  "  END AS authorized\n"
  "FROM sources s;\n"

  "CREATE VIEW source_balances AS\n"
  "SELECT s.id AS source_id, s.kind,\n"
  "       COALESCE (sa.authorized, 0) AS authorized,\n"
  "       COALESCE (SUM (b.allocated), 0) AS allocated,\n"
  "       COALESCE (SUM (b.obligated), 0) AS obligated,\n"
  "       COALESCE (SUM (b.expended), 0) AS expended,\n"
  "       COALESCE (SUM (b.obligated - b.liquidated), 0) AS unliquidated\n"
  "FROM sources s\n"
  "JOIN source_authorized sa ON sa.source_id = s.id\n"
  "LEFT JOIN allocation_balances b ON b.source_id = s.id\n"
  "GROUP BY s.id;\n";

/* Review workflow, closed periods, ESAC categories, match, hash chain. */
static const char migration_2[] =
  "ALTER TABLE ledger_entries ADD COLUMN updated_by TEXT;\n"
  "ALTER TABLE ledger_entries ADD COLUMN review_comment TEXT;\n"
  "ALTER TABLE ledger_entries ADD COLUMN reviewed_by TEXT;\n"
  "ALTER TABLE ledger_entries ADD COLUMN reviewed_at TEXT;\n"
  "ALTER TABLE allocations ADD COLUMN updated_by TEXT;\n"
  "ALTER TABLE allocations ADD COLUMN review_comment TEXT;\n"
  "ALTER TABLE allocations ADD COLUMN reviewed_by TEXT;\n"
  "ALTER TABLE allocations ADD COLUMN reviewed_at TEXT;\n"
  "ALTER TABLE allocations ADD COLUMN void_reason TEXT;\n"
  "CREATE INDEX ledger_status ON ledger_entries (status) WHERE status = 'submitted';\n"

  /* ESAC spending category (a..n) of a cost category, for forfeiture money. */
  "ALTER TABLE categories ADD COLUMN esac_category TEXT\n"
  "  CHECK (esac_category IS NULL OR esac_category IN\n"
  "    ('a','b','c','d','e','f','g','h','i','j','k','l','m','n'));\n"

  /* A month is closed while its row says so; reopening keeps the row. */
  "CREATE TABLE periods (\n"
  "  month TEXT PRIMARY KEY CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'\n"
  "                                AND substr (month, 6, 2) BETWEEN '01' AND '12'),\n"
  "  closed INTEGER NOT NULL CHECK (closed IN (0, 1)),\n"
  "  changed_by TEXT NOT NULL,\n"
  "  changed_at TEXT NOT NULL,\n"
  "  reason TEXT,\n"
  "  CHECK (closed = 1 OR length (trim (reason)) > 0)\n"
  ") STRICT;\n"

  /* The recipient's share of a grant (match), cash or in kind. */
  "CREATE TABLE match_entries (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  source_id INTEGER NOT NULL REFERENCES grants (source_id),\n"
  "  entry_date TEXT NOT NULL CHECK (entry_date IS date (entry_date)),\n"
  "  form TEXT NOT NULL CHECK (form IN ('cash', 'in_kind')),\n"
  "  amount INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 999999999999999),\n"
  "  description TEXT NOT NULL CHECK (length (trim (description)) > 0),\n"
  "  entered_by TEXT NOT NULL,\n"
  "  entered_at TEXT NOT NULL,\n"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1))\n"
  ") STRICT;\n"
  "CREATE TRIGGER match_entries_no_delete BEFORE DELETE ON match_entries\n"
  "BEGIN SELECT RAISE (ABORT, 'match entries are voided, never deleted'); END;\n"
  "CREATE TRIGGER periods_no_delete BEFORE DELETE ON periods\n"
  "BEGIN SELECT RAISE (ABORT, 'periods are reopened, never deleted'); END;\n"

  "INSERT OR IGNORE INTO settings (key, value) VALUES\n"
  "  ('rule_ending_days', '90'), ('rule_ending_unspent_pct', '25'),\n"
  "  ('liquidation_days', '120');\n"

  /* The hash chain: filled in by a trigger, the only update ever allowed. */
  "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;\n"
  "ALTER TABLE audit_log ADD COLUMN hash TEXT;\n"
  "DROP TRIGGER audit_log_no_update;\n"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
  "  WHEN OLD.hash IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at\n"
  "    OR NEW.user IS NOT OLD.user OR NEW.action IS NOT OLD.action\n"
  "    OR NEW.table_name IS NOT OLD.table_name OR NEW.record_id IS NOT OLD.record_id\n"
  "    OR NEW.before IS NOT OLD.before OR NEW.after IS NOT OLD.after\n"
  "BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;\n"
  "CREATE TRIGGER audit_log_chain AFTER INSERT ON audit_log\n"
  "BEGIN\n"
  "  UPDATE audit_log SET\n"
  "    prev_hash = COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id\n"
  "                           ORDER BY p.id DESC LIMIT 1), ''),\n"
  "    hash = allot_audit_hash (\n"
  "      COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id\n"
  "                 ORDER BY p.id DESC LIMIT 1), ''),\n"
  "      NEW.id, NEW.at, NEW.user, NEW.action, NEW.table_name, NEW.record_id,\n"
  "      NEW.before, NEW.after)\n"
  "  WHERE id = NEW.id;\n"
  "END;\n"

  /* A liquidation counts only against an approved, unvoided obligation, so
   * unliquidated can never go below zero. */
  "DROP VIEW source_balances;\n"
  "DROP VIEW allocation_balances;\n"
  "CREATE VIEW allocation_balances AS\n"
  "SELECT a.id AS allocation_id, a.source_id, a.task_force_id, a.category_id,\n"
  "       a.fiscal_year, a.amount AS allocated,\n"
  "       COALESCE (SUM (CASE WHEN e.kind = 'obligation' THEN e.amount\n"
  "                           WHEN e.kind = 'adjustment' AND o.id IS NOT NULL\n"
  "                           THEN e.amount END), 0) AS obligated,\n"
  "       COALESCE (SUM (CASE WHEN e.kind = 'expenditure' THEN e.amount\n"
  "                           WHEN e.kind = 'adjustment' AND e.obligation_id IS NULL\n"
  "                           THEN e.amount END), 0) AS expended,\n"
  "       COALESCE (SUM (CASE WHEN e.kind = 'expenditure' AND o.id IS NOT NULL\n"
  "                           THEN e.amount END), 0) AS liquidated\n"
  "FROM allocations a\n"
  "LEFT JOIN ledger_entries e\n"
  "  ON e.allocation_id = a.id AND e.voided = 0 AND e.status = 'approved'\n"
  "LEFT JOIN ledger_entries o\n"
  "  ON o.id = e.obligation_id AND o.voided = 0 AND o.status = 'approved'\n"
  "WHERE a.voided = 0 AND a.status = 'approved'\n"
  "GROUP BY a.id;\n"
  "CREATE VIEW source_balances AS\n"
  "SELECT s.id AS source_id, s.kind,\n"
  "       COALESCE (sa.authorized, 0) AS authorized,\n"
  "       COALESCE (SUM (b.allocated), 0) AS allocated,\n"
  "       COALESCE (SUM (b.obligated), 0) AS obligated,\n"
  "       COALESCE (SUM (b.expended), 0) AS expended,\n"
  "       COALESCE (SUM (b.obligated - b.liquidated), 0) AS unliquidated\n"
  "FROM sources s\n"
  "JOIN source_authorized sa ON sa.source_id = s.id\n"
  "LEFT JOIN allocation_balances b ON b.source_id = s.id\n"
  "GROUP BY s.id;\n";

/* Speed for a million-line ledger (issue 10).
 *
 * Each audited write used to be an INSERT into audit_log and then an UPDATE
 * of that same row by the chain trigger (a second write of the row, its own
 * lookups of the previous hash and the append-only check on top).  The audit
 * triggers now compute the chain in their INSERT (create_audit_triggers()
 * writes that form from this version on); the chain trigger stays only for
 * rows inserted without a hash (application events,
 * allot_store_log_event()).  The canonical form hashed is unchanged, so old
 * and new records verify alike.
 *
 * A CHECK of the form "column IN (three or more constants)" is evaluated by
 * SQLite 3.40 by building a scratch table of the constants for every row
 * written (its once-per-statement cache is not used for CHECK constraints):
 * a fifth of the instructions of inserting a ledger entry.  The same checks
 * written with "=" and "OR" cost a few comparisons.  They are changed in the
 * stored CREATE TABLE text, the way SQLite documents for changing CHECK
 * constraints without rebuilding a table ("PRAGMA writable_schema",
 * lang_altertable.html section 7), which is safe here because the new checks
 * accept exactly the values the old ones did, so every stored row still
 * satisfies them.  A text that does not match (a table written otherwise) is
 * left as it is; RESET makes this connection read the schema again, and the
 * schema changes that follow tell every other connection to. */
#define CHECK_IN_TO_OR(table, from, to) \
  "UPDATE sqlite_schema SET sql = replace (sql, '" from "', '" to "')\n" \
  "  WHERE type = 'table' AND name = '" table "';\n"

static const char migration_4[] =
  "PRAGMA writable_schema = ON;\n"
  CHECK_IN_TO_OR ("ledger_entries",
                  "kind IN (''obligation'', ''expenditure'', ''adjustment'')",
                  "kind = ''obligation'' OR kind = ''expenditure'' OR kind = ''adjustment''")
  CHECK_IN_TO_OR ("ledger_entries",
                  "status IN (''draft'', ''submitted'', ''approved'', ''returned'')",
                  "status = ''draft'' OR status = ''submitted'' OR status = ''approved''"
                  " OR status = ''returned''")
  CHECK_IN_TO_OR ("allocations",
                  "status IN (''draft'', ''submitted'', ''approved'', ''returned'')",
                  "status = ''draft'' OR status = ''submitted'' OR status = ''approved''"
                  " OR status = ''returned''")
  CHECK_IN_TO_OR ("receipts",
                  "kind IN (''sharing'', ''transfer_in'', ''other'', ''interest'')",
                  "kind = ''sharing'' OR kind = ''transfer_in'' OR kind = ''other''"
                  " OR kind = ''interest''")
  "PRAGMA writable_schema = RESET;\n"
  /* Balances (the allocation_balances view, so every total and most
   * compliance rules) read each allocation's approved, unvoided entries and
   * the obligation each liquidates: from these two indexes alone, without
   * visiting the table's rows (a third of the time on a million entries).
   * The first one also serves every lookup by allocation, so it replaces
   * ledger_allocation.  Its entries of one allocation and state go in id
   * order, so that new entries are appended, not scattered over the index
   * (which would make a big import visit a random page for each). */
  "DROP INDEX IF EXISTS ledger_allocation;\n"
  "CREATE INDEX IF NOT EXISTS ledger_balance ON ledger_entries\n"
  "  (allocation_id, voided, status, id, kind, amount, obligation_id);\n"
  "CREATE INDEX IF NOT EXISTS ledger_counted ON ledger_entries (id, voided, status);\n"
  "DROP TRIGGER IF EXISTS audit_log_chain;\n"
  "CREATE TRIGGER IF NOT EXISTS audit_log_chain_unhashed AFTER INSERT ON audit_log\n"
  "  WHEN NEW.hash IS NULL\n"
  "BEGIN\n"
  "  UPDATE audit_log SET\n"
  "    prev_hash = COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id\n"
  "                           ORDER BY p.id DESC LIMIT 1), ''),\n"
  "    hash = allot_audit_hash (\n"
  "      COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < NEW.id\n"
  "                 ORDER BY p.id DESC LIMIT 1), ''),\n"
  "      NEW.id, NEW.at, NEW.user, NEW.action, NEW.table_name, NEW.record_id,\n"
  "      NEW.before, NEW.after)\n"
  "  WHERE id = NEW.id;\n"
  "END;\n";

/* Undo in the app (issues 3 and 5).
 *
 * Contributions could be voided without a reason, who or when: they get the
 * columns the other voidable records have (the store requires the reason,
 * as for receipts since migration 3), and like receipts, drawdowns and match
 * entries they can no longer be deleted or unvoided.  The audit triggers of
 * agencies, task forces and categories gain a delete trigger
 * (create_audit_triggers()), since one that nothing refers to yet may now be
 * removed (undoing its creation): the log keeps its last image. */
#define NO_UNVOID(table) \
  "CREATE TRIGGER IF NOT EXISTS " table "_unvoid BEFORE UPDATE OF voided ON " table "\n" \
  "  WHEN OLD.voided = 1 AND NEW.voided = 0\n" \
  "BEGIN SELECT RAISE (ABORT, 'a voided record stays voided'); END;\n"

static const char migration_5[] =
  "ALTER TABLE contributions ADD COLUMN voided_by TEXT;\n"
  "ALTER TABLE contributions ADD COLUMN voided_at TEXT;\n"
  "ALTER TABLE contributions ADD COLUMN void_reason TEXT;\n"
  "CREATE TRIGGER IF NOT EXISTS contributions_no_delete BEFORE DELETE ON contributions\n"
  "BEGIN SELECT RAISE (ABORT, 'contributions are voided, never deleted'); END;\n"
  NO_UNVOID ("contributions")
  NO_UNVOID ("receipts")
  NO_UNVOID ("drawdowns")
  NO_UNVOID ("match_entries");

/* The ledger table's sorts (issue 10; migration 6: migrations are numbered by their place in this list): an
 * index in each sort's order, the id breaking ties as the table does, so
 * that the first page of a million lines sorted by amount, status or
 * document number is read from the index's end instead of sorting them
 * all (allot-ledger-query.c).  Date has one (ledger_date); source, task
 * force and category are names in other tables, which no index of the
 * ledger can order. */
static const char migration_ledger_sorts[] =
  "CREATE INDEX IF NOT EXISTS ledger_amount_order ON ledger_entries (amount, id);\n"
  "CREATE INDEX IF NOT EXISTS ledger_status_order ON ledger_entries (status, id);\n"
  "CREATE INDEX IF NOT EXISTS ledger_document_order ON ledger_entries (document_number, id);\n";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  allot_migration_reports,
  migration_4,
  migration_5,
  migration_ledger_sorts,
};

/* Data a migration writes once its tables' audit triggers exist, so that
 * the audit log holds every row from the start. */
static const char *const migration_data[G_N_ELEMENTS (migrations)] = {
  "INSERT INTO settings (key, value) VALUES\n"
  "  ('fy_start_month', '10'), ('currency', 'USD'), ('jurisdiction', '');\n",
  /* Records approved before review existed were never reviewed by anyone;
   * say so rather than leave them looking self-approved. */
  "UPDATE ledger_entries SET reviewed_by = '(before review)' WHERE status = 'approved';\n"
  "UPDATE allocations SET reviewed_by = '(before review)' WHERE status = 'approved';\n",
  NULL,
  NULL,
  NULL,
  NULL,
};

int
allot_store_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* TRUE when the audit triggers write the hash chain themselves (schema 4
 * on): audit_log has the chain's columns and the chain trigger of schemas
 * 2 and 3, which would rewrite every row, is gone. */
static gboolean
audit_chain_in_insert (AllotDb  *db,
                       gboolean *out,
                       GError  **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db,
      "SELECT EXISTS (SELECT 1 FROM pragma_table_info ('audit_log') WHERE name = 'hash')"
      " AND NOT EXISTS (SELECT 1 FROM sqlite_schema"
      "                 WHERE type = 'trigger' AND name = 'audit_log_chain')", error);
  gint64 yes = 0;

  if (stmt == NULL || !allot_db_query_int64 (db, stmt, &yes, error))
    return FALSE;
  *out = yes != 0;
  return TRUE;
}

/* The id the next audit record gets, and the hash of the one before it. */
#define AUDIT_NEXT_ID   "(SELECT COALESCE (max (id), 0) + 1 FROM audit_log)"
#define AUDIT_PREV_HASH "COALESCE ((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')"
#define AUDIT_NOW       "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/* Appends "INSERT INTO audit_log ... ;" of one audit record.  Chained, the
 * record carries its id, prev_hash and hash from the start, in one write:
 * the values are computed twice, once stored and once hashed, and are the
 * same both times ('now' is fixed for the whole statement, json_object()
 * is deterministic). */
static void
append_audit_insert (GString    *sql,
                     gboolean    chained,
                     const char *action,
                     const char *table,
                     const char *record_id,
                     const char *before,
                     const char *after)
{
  g_autoptr(GString) values = g_string_new (NULL);

  g_string_append (values, AUDIT_NOW);
  g_string_append_printf (values, ", allot_user(), %s, '%s', %s, %s, %s",
                          action, table, record_id, before, after);
  if (!chained)
    {
      g_string_append_printf (sql, "INSERT INTO audit_log (at, user, action, table_name,"
                                   " record_id, before, after) VALUES (%s);", values->str);
      return;
    }
  g_string_append_printf (sql, "INSERT INTO audit_log (id, at, user, action, table_name,"
                               " record_id, before, after, prev_hash, hash) VALUES ("
                               AUDIT_NEXT_ID ", %s, " AUDIT_PREV_HASH ", allot_audit_hash ("
                               AUDIT_PREV_HASH ", " AUDIT_NEXT_ID ", %s));",
                          values->str, values->str);
}

/* Builds the two audit triggers of @table from its current columns:
 * identifiers only, from our own schema, never user data. */
static gboolean
create_audit_triggers (AllotDb    *db,
                       const char *table,
                       GError    **error)
{
  g_autoptr(GString) new_json = g_string_new ("json_object(");
  g_autoptr(GString) old_json = g_string_new ("json_object(");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(AllotStmt) stmt = NULL;
  gboolean first = TRUE;
  gboolean has_id = FALSE;
  gboolean has_voided = FALSE;
  gboolean chained = FALSE;

  if (!audit_chain_in_insert (db, &chained, error))
    return FALSE;
  stmt = allot_db_prepare (db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", error);
  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_text (stmt, 1, table, -1, ALLOT_BIND_COPY);
  while (allot_stmt_step (stmt) == ALLOT_DB_ROW)
    {
      const char *column = (const char *) allot_stmt_column_text (stmt, 0);

      if (!first)
        {
          g_string_append (new_json, ", ");
          g_string_append (old_json, ", ");
        }
      first = FALSE;
      g_string_append (new_json, "'");
      g_string_append (new_json, column);
      g_string_append (new_json, "', NEW.\"");
      g_string_append (new_json, column);
      g_string_append (new_json, "\"");
      g_string_append (old_json, "'");
      g_string_append (old_json, column);
      g_string_append (old_json, "', OLD.\"");
      g_string_append (old_json, column);
      g_string_append (old_json, "\"");
      if (g_str_equal (column, "id"))
        has_id = TRUE;
      if (g_str_equal (column, "voided"))
        has_voided = TRUE;
    }
  g_string_append (new_json, ")");
  g_string_append (old_json, ")");

  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean insert = pass == 0;
      const char *record_id = has_id ? (insert ? "NEW.id" : "OLD.id")
                                     : (g_str_equal (table, "task_force_members")
                                        ? (insert ? "NEW.task_force_id" : "OLD.task_force_id")
                                        : "NEW.rowid");
      const char *action = insert ? "'insert'"
                           : has_voided ? "CASE WHEN OLD.voided = 0 AND NEW.voided = 1 "
                                          "THEN 'void' ELSE 'update' END"
                           : "'update'";

      g_string_truncate (sql, 0);
      g_string_append (sql, "DROP TRIGGER IF EXISTS \"audit_");
      g_string_append (sql, table);
      g_string_append (sql, insert ? "_insert\";" : "_update\";");
      g_string_append (sql, "CREATE TRIGGER \"audit_");
      g_string_append (sql, table);
      g_string_append (sql, insert ? "_insert\" AFTER INSERT ON \"" : "_update\" AFTER UPDATE ON \"");
      g_string_append (sql, table);
      g_string_append (sql, "\" BEGIN ");
      append_audit_insert (sql, chained, action, table, record_id,
                           insert ? "NULL" : old_json->str, new_json->str);
      g_string_append (sql, " END;");
      if (!allot_db_exec (db, sql->str, error))
        return FALSE;
    }

  /* Rows that are deleted (membership lists; agencies, task forces and
   * categories nothing refers to, when their creation is undone) are
   * audited too, with their last image. */
  if (g_str_equal (table, "agencies") || g_str_equal (table, "task_forces") ||
      g_str_equal (table, "categories"))
    {
      g_string_truncate (sql, 0);
      g_string_append_printf (sql, "DROP TRIGGER IF EXISTS \"audit_%s_delete\";"
                                   "CREATE TRIGGER \"audit_%s_delete\" AFTER DELETE ON \"%s\""
                                   " BEGIN ", table, table, table);
      append_audit_insert (sql, chained, "'delete'", table, "OLD.id", old_json->str, "NULL");
      g_string_append (sql, " END;");
      if (!allot_db_exec (db, sql->str, error))
        return FALSE;
    }
  if (g_str_equal (table, "task_force_members"))
    {
      g_string_truncate (sql, 0);
      g_string_append (sql, "DROP TRIGGER IF EXISTS audit_task_force_members_delete;"
                            "CREATE TRIGGER audit_task_force_members_delete "
                            "AFTER DELETE ON task_force_members BEGIN ");
      append_audit_insert (sql, chained, "'delete'", "task_force_members", "OLD.task_force_id",
                           old_json->str, "NULL");
      g_string_append (sql, " END;");
      if (!allot_db_exec (db, sql->str, error))
        return FALSE;
    }
  return TRUE;
}

/* Audited tables that exist at schema version @version. */
static gboolean
create_all_audit_triggers (AllotDb *db,
                           GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (audited_tables); i++)
    {
      g_autoptr(AllotStmt) exists = allot_db_prepare (db,
          "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", error);
      gint64 n = 0;

      if (exists == NULL)
        return FALSE;
      allot_stmt_bind_text (exists, 1, audited_tables[i], -1, ALLOT_BIND_STATIC);
      if (!allot_db_query_int64 (db, exists, &n, error))
        return FALSE;
      if (n > 0 && !create_audit_triggers (db, audited_tables[i], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
allot_schema_migrate (AllotDb *db,
                      int      from_version,
                      GError **error)
{
  return allot_schema_migrate_to (db, from_version, G_N_ELEMENTS (migrations), error);
}

gboolean
allot_schema_migrate_to (AllotDb *db,
                         int      from_version,
                         int      to_version,
                         GError **error)
{
  g_assert (from_version >= 0 && from_version <= to_version &&
            to_version <= (int) G_N_ELEMENTS (migrations));

  for (int v = from_version; v < to_version; v++)
    {
      g_autoptr(AllotStmt) stmt = NULL;
      g_autofree char *set_version = NULL;

      if (!allot_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (v == 0 && !allot_db_exec (db, "PRAGMA application_id = " G_STRINGIFY (ALLOT_APPLICATION_ID), error))
        goto fail;
      if (!allot_db_exec (db, migrations[v], error))
        goto fail;
      /* Columns may have changed: audit triggers follow the schema. */
      if (!create_all_audit_triggers (db, error))
        goto fail;
      /* Records logged before the chain existed join it now, before any
       * new record links to them. */
      if (v + 1 == 2 && !allot_audit_chain_unhashed (db, error))
        goto fail;
      if (migration_data[v] != NULL && !allot_db_exec (db, migration_data[v], error))
        goto fail;
      /* PRAGMA takes no bound parameters; the value is our own integer. */
      set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!allot_db_exec (db, set_version, error))
        goto fail;
      if (!allot_db_exec (db, "COMMIT", error))
        goto fail;
      continue;

    fail:
      allot_db_exec (db, "ROLLBACK", NULL);
      g_prefix_error (error, "Could not upgrade the database to version %d: ", v + 1);
      return FALSE;
    }
  return TRUE;
}
