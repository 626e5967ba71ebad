/* allot-rules.c: the rule engine of the compliance checks.
 *
 * Design decisions:
 * - Each rule is one SQL query over the same derived figures the reports use
 *   (views allocation_balances, source_authorized) plus a sentence built here;
 *   a finding names the records involved and carries the one to open.
 * - Rules about money spent read only approved, unvoided records, like every
 *   balance.  Rules about what is committed or planned read every unvoided
 *   record, pending ones included, so a problem is seen before approval:
 *   allocations beyond authority (the store's funds check counts pending
 *   allocations too), categories and programs of forfeiture allocations,
 *   commingled documents and immigration tags.  Self-approval is about the
 *   workflow itself.
 * - Thresholds a jurisdiction may change are settings, not constants.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-rules.h"
#include "allot-store-private.h"

enum {
  RULE_OVER_ALLOCATED,
  RULE_OVERSPENT,
  RULE_OUTSIDE_PERIOD,
  RULE_LIQUIDATION,
  RULE_ENDING_UNSPENT,
  RULE_NO_ESAC,
  RULE_ESAC_NOT_ALLOWED,
  RULE_ESAC_SALARIES,
  RULE_COMMINGLED,
  RULE_MATCH_BEHIND,
  RULE_SUPPLANTING,
  RULE_IMMIGRATION,
  RULE_SELF_APPROVAL,
  RULE_OVERTIME_CAP,
  N_RULES
};

static const AllotRule rules[N_RULES] = {
  [RULE_OVER_ALLOCATED] = { "allocation-exceeds-authority", ALLOT_SEVERITY_ERROR,
                            N_("Allocations exceed what the source authorizes") },
  [RULE_OVERSPENT] = { "allocation-overspent", ALLOT_SEVERITY_ERROR,
                       N_("Spending and open obligations exceed the allocation") },
  [RULE_OUTSIDE_PERIOD] = { "expenditure-outside-period", ALLOT_SEVERITY_ERROR,
                            N_("Expenditure dated outside the grant's period of performance") },
  [RULE_LIQUIDATION] = { "obligation-past-liquidation", ALLOT_SEVERITY_ERROR,
                         N_("Obligation still open after the liquidation deadline") },
  [RULE_ENDING_UNSPENT] = { "grant-ending-unspent", ALLOT_SEVERITY_WARNING,
                            N_("Grant ending soon with much of it unspent") },
  [RULE_NO_ESAC] = { "forfeiture-no-esac-category", ALLOT_SEVERITY_ERROR,
                     N_("Forfeiture money allocated to a category with no ESAC category") },
  [RULE_ESAC_NOT_ALLOWED] = { "forfeiture-category-not-allowed", ALLOT_SEVERITY_ERROR,
                              N_("Forfeiture money in an ESAC category its program does not "
                                 "allow") },
  [RULE_ESAC_SALARIES] = { "forfeiture-salaries", ALLOT_SEVERITY_WARNING,
                           N_("Forfeiture money spent on salaries: review against the "
                              "exceptions") },
  [RULE_COMMINGLED] = { "forfeiture-commingled", ALLOT_SEVERITY_ERROR,
                        N_("DOJ, Treasury and state forfeiture money mixed in one transaction") },
  [RULE_MATCH_BEHIND] = { "match-behind-schedule", ALLOT_SEVERITY_WARNING,
                          N_("Recipient share (match) behind schedule") },
  [RULE_SUPPLANTING] = { "possible-supplanting", ALLOT_SEVERITY_WARNING,
                         N_("Local funds cut where federal or forfeiture money was allocated") },
  [RULE_IMMIGRATION] = { "immigration-legal-review", ALLOT_SEVERITY_WARNING,
                         N_("Tied to civil immigration enforcement: route to legal review") },
  [RULE_SELF_APPROVAL] = { "self-approval", ALLOT_SEVERITY_ERROR,
                           N_("Approved by the person who entered or last changed it") },
  [RULE_OVERTIME_CAP] = { "overtime-over-cap", ALLOT_SEVERITY_WARNING,
                          N_("Task-force overtime over the partner's per-officer cap") },
};

const AllotRule *
allot_rules_list (guint *n_rules)
{
  *n_rules = N_RULES;
  return rules;
}

const char *
allot_severity_to_string (AllotSeverity severity)
{
  switch (severity)
    {
    case ALLOT_SEVERITY_INFO: return "info";
    case ALLOT_SEVERITY_WARNING: return "warning";
    case ALLOT_SEVERITY_ERROR: return "error";
    default: g_return_val_if_reached (NULL);
    }
}

void
allot_finding_free (AllotFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->message);
  g_free (finding->table_name);
  g_free (finding);
}

typedef struct {
  AllotStore *store;
  char *as_of;             /* ISO date */
  gint64 ending_days;
  gint64 ending_unspent_pct;
  gint64 liquidation_days;
  GPtrArray *findings;
} Checker;

static void
add_finding (Checker    *c,
             guint       rule,
             const char *table_name,
             gint64      record_id,
             char       *message)
{
  AllotFinding *finding = g_new0 (AllotFinding, 1);

  finding->rule = &rules[rule];
  finding->message = message;
  finding->table_name = g_strdup (table_name);
  finding->record_id = record_id;
  g_ptr_array_add (c->findings, finding);
}

static char *
money (AllotStmt *stmt,
       int           column)
{
  return allot_money_format_plain (allot_stmt_column_int64 (stmt, column));
}

static const char *
text (AllotStmt *stmt,
      int           column)
{
  const char *t = (const char *) allot_stmt_column_text (stmt, column);

  return t != NULL ? t : "";
}

/* Prepares @sql (a literal), binds ?1 = as of, ?2 = ending days,
 * ?3 = liquidation days, and calls @row for each row. */
static gboolean
each_row (Checker      *c,
          const char   *sql,
          void        (*row) (Checker *, AllotStmt *),
          GError      **error)
{
  AllotStmt *stmt = allot_store_statement (c->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (allot_stmt_param_count (stmt) >= 1)
    allot_stmt_bind_text (stmt, 1, c->as_of, -1, ALLOT_BIND_COPY);
  if (allot_stmt_param_count (stmt) >= 2)
    allot_stmt_bind_int64 (stmt, 2, c->ending_days);
  if (allot_stmt_param_count (stmt) >= 3)
    allot_stmt_bind_int64 (stmt, 3, c->liquidation_days);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    row (c, stmt);
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (allot_stmt_db (stmt), rc, error, "Could not run the checks");
      return FALSE;
    }
  return TRUE;
}

/* An allocation as people name it: "JAG/SST/OT FY2026". */
#define ALLOCATION_LABEL \
  "s.code || '/' || t.code || '/' || c.code || ' FY' || a.fiscal_year"

/* ---- the rules ---- */

static void
over_allocated_row (Checker *c, AllotStmt *s)
{
  g_autofree char *allocated = money (s, 2), *authorized = money (s, 3);

  add_finding (c, RULE_OVER_ALLOCATED, "sources", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("%s: allocations of %s exceed the %s it authorizes."),
                                text (s, 1), allocated, authorized));
}

static void
overspent_row (Checker *c, AllotStmt *s)
{
  g_autofree char *used = money (s, 2), *allocated = money (s, 3);

  add_finding (c, RULE_OVERSPENT, "allocations", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Allocation %s: %s spent or obligated against a budget of "
                                  "%s."), text (s, 1), used, allocated));
}

static void
outside_period_row (Checker *c, AllotStmt *s)
{
  add_finding (c, RULE_OUTSIDE_PERIOD, "ledger_entries", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Expenditure %s dated %s is outside the period of "
                                  "performance of %s (%s to %s)."), text (s, 1), text (s, 2),
                                text (s, 3), text (s, 4), text (s, 5)));
}

static void
liquidation_row (Checker *c, AllotStmt *s)
{
  g_autofree char *open_amount = money (s, 2);

  add_finding (c, RULE_LIQUIDATION, "ledger_entries", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Obligation %s on %s still has %s open; obligations had to "
                                  "be liquidated by %s."), text (s, 1), text (s, 3),
                                open_amount, text (s, 4)));
}

static void
ending_row (Checker *c, AllotStmt *s)
{
  g_autofree char *unspent = money (s, 2), *authorized = money (s, 3);
  gint64 unspent_cents = allot_stmt_column_int64 (s, 2);
  gint64 authorized_cents = allot_stmt_column_int64 (s, 3);
  gint64 pct_bp = allot_stmt_column_int64 (s, 5);

  /* "More than N% unspent", compared exactly: the rounded percentage would
   * count exactly 25% (or 24.996%) as 25.00% and trip the rule. */
  if (authorized_cents <= 0 ||
      unspent_cents * 100 <= MIN (c->ending_unspent_pct, 100) * authorized_cents)
    return;
  add_finding (c, RULE_ENDING_UNSPENT, "sources", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("%s ends on %s with %s of %s unspent (%" PRId64
                                  ".%02" PRId64 "%%)."), text (s, 1), text (s, 4),
                                unspent, authorized, pct_bp / 100, pct_bp % 100));
}

static void
no_esac_row (Checker *c, AllotStmt *s)
{
  add_finding (c, RULE_NO_ESAC, "allocations", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Allocation %s spends %s forfeiture money in category %s, "
                                  "which has no ESAC spending category."), text (s, 1),
                                text (s, 2), text (s, 3)));
}

static void
not_allowed_row (Checker *c, AllotStmt *s)
{
  add_finding (c, RULE_ESAC_NOT_ALLOWED, "allocations", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Allocation %s puts Treasury money in ESAC category l "
                                  "(support of community-based programs), which only Justice "
                                  "funds may pay for."), text (s, 1)));
}

static void
salaries_row (Checker *c, AllotStmt *s)
{
  g_autofree char *spent = money (s, 2);

  add_finding (c, RULE_ESAC_SALARIES, "allocations", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Allocation %s pays %s of salaries from %s forfeiture money; "
                                  "salaries of existing positions are allowed only under narrow "
                                  "exceptions."), text (s, 1), spent, text (s, 3)));
}

static void
commingled_row (Checker *c, AllotStmt *s)
{
  add_finding (c, RULE_COMMINGLED, "ledger_entries", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Document %s is charged to forfeiture funds of more than one "
                                  "program (%s); DOJ, Treasury and state money must never be "
                                  "mixed."), text (s, 1), text (s, 2)));
}

static void
match_row (Checker *c, AllotStmt *s)
{
  gint64 required = allot_stmt_column_int64 (s, 2);
  gint64 provided = allot_stmt_column_int64 (s, 3);
  guint elapsed_bp;
  gint64 due;
  GDate start, end, as_of;
  g_autofree char *p = NULL, *d = NULL, *r = NULL;

  allot_db_column_date (s, 4, &start);
  allot_db_column_date (s, 5, &end);
  allot_date_parse (c->as_of, &as_of, NULL);
  elapsed_bp = allot_period_elapsed_bp (&start, &end, &as_of);
  /* What should be in by now, pro rata to the period elapsed, rounded down. */
  due = required / 10000 * elapsed_bp + (required % 10000) * elapsed_bp / 10000;
  if (provided >= due)
    return;
  p = allot_money_format_plain (provided);
  d = allot_money_format_plain (due);
  r = allot_money_format_plain (required);
  add_finding (c, RULE_MATCH_BEHIND, "sources", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("%s: %s of match provided, %s expected by now (%u.%02u%% of "
                                  "the period elapsed, %s required in all)."), text (s, 1), p, d,
                                elapsed_bp / 100, elapsed_bp % 100, r));
}

static void
supplanting_row (Checker *c, AllotStmt *s)
{
  g_autofree char *before = money (s, 3), *after = money (s, 4);

  add_finding (c, RULE_SUPPLANTING, "allocations", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Local allocation %s was cut from %s to %s while %s was "
                                  "allocated to the same category and fiscal year: check that "
                                  "federal or forfeiture money does not replace local money."),
                                text (s, 1), before, after, text (s, 2)));
}

static void
immigration_row (Checker *c, AllotStmt *s)
{
  const char *table = text (s, 0);
  const char *what = g_str_equal (table, "sources") ? _("Funding source")
                   : g_str_equal (table, "task_forces") ? _("Task force") : _("Entry");

  add_finding (c, RULE_IMMIGRATION, table, allot_stmt_column_int64 (s, 1),
               g_strdup_printf (_("%s %s is tagged as civil immigration enforcement: route it to "
                                  "legal review under the jurisdiction's law."), what,
                                text (s, 2)));
}

static void
self_approval_row (Checker *c, AllotStmt *s)
{
  add_finding (c, RULE_SELF_APPROVAL, text (s, 0), allot_stmt_column_int64 (s, 1),
               g_strdup_printf (_("%s was approved by %s, who entered or last changed it."),
                                text (s, 2), text (s, 3)));
}

/* What is within the caps comes from the view overtime_cap_usage, the one
 * the overtime report reads (allot-schema-reports.c). */
static void
overtime_cap_row (Checker *c, AllotStmt *s)
{
  g_autofree char *over = money (s, 4), *amount = money (s, 5);

  add_finding (c, RULE_OVERTIME_CAP, "overtime_entries", allot_stmt_column_int64 (s, 0),
               g_strdup_printf (_("Overtime of %s (%s) on %s under %s: %s of %s is over the "
                                  "%s cap and cannot be billed to the partner."), text (s, 1),
                                text (s, 2), text (s, 3), text (s, 6), over, amount,
                                allot_stmt_column_int64 (s, 7) < allot_stmt_column_int64 (s, 5)
                                ? _("monthly") : _("annual")));
}

static gboolean
run_rules (Checker *c,
           GError **error)
{
  return
    each_row (c,
      "SELECT s.id, s.code, SUM (a.amount), sa.authorized FROM sources s"
      " JOIN source_authorized sa ON sa.source_id = s.id"
      " JOIN allocations a ON a.source_id = s.id AND a.voided = 0"
      " GROUP BY s.id, sa.authorized HAVING SUM (a.amount) > sa.authorized ORDER BY s.code",
      over_allocated_row, error) &&
    each_row (c,
      "SELECT a.id, " ALLOCATION_LABEL ", b.expended + b.obligated - b.liquidated, b.allocated"
      " FROM allocation_balances b JOIN allocations a ON a.id = b.allocation_id"
      " JOIN sources s ON s.id = a.source_id JOIN task_forces t ON t.id = a.task_force_id"
      " JOIN categories c ON c.id = a.category_id"
      " WHERE b.expended + b.obligated - b.liquidated > b.allocated ORDER BY a.id",
      overspent_row, error) &&
    each_row (c,
      "SELECT e.id, e.document_number, e.entry_date, s.code, g.pop_start, g.pop_end"
      " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
      " JOIN sources s ON s.id = a.source_id JOIN grants g ON g.source_id = s.id"
      " WHERE e.kind = 'expenditure' AND e.voided = 0 AND e.status = 'approved'"
      " AND (e.entry_date < g.pop_start OR e.entry_date > g.pop_end) ORDER BY e.id",
      outside_period_row, error) &&
    each_row (c,
      "SELECT * FROM (SELECT o.id, o.document_number,"
      " o.amount + COALESCE ((SELECT SUM (x.amount) FROM ledger_entries x"
      "   WHERE x.obligation_id = o.id AND x.voided = 0 AND x.status = 'approved'"
      "   AND x.kind = 'adjustment'), 0)"
      " - COALESCE ((SELECT SUM (x.amount) FROM ledger_entries x"
      "   WHERE x.obligation_id = o.id AND x.voided = 0 AND x.status = 'approved'"
      "   AND x.kind = 'expenditure'), 0) AS open_amount,"
      " s.code, date (g.pop_end, '+' || ?3 || ' days') AS deadline"
      " FROM ledger_entries o JOIN allocations a ON a.id = o.allocation_id"
      " JOIN sources s ON s.id = a.source_id JOIN grants g ON g.source_id = s.id"
      " WHERE o.kind = 'obligation' AND o.voided = 0 AND o.status = 'approved'"
      " AND ?1 > date (g.pop_end, '+' || ?3 || ' days')) q"
      " WHERE q.open_amount > 0 ORDER BY q.id",
      liquidation_row, error) &&
    each_row (c,
      "SELECT s.id, s.code, sb.authorized - sb.expended, sb.authorized, g.pop_end,"
      " CASE WHEN sb.authorized > 0"
      "   THEN ((sb.authorized - sb.expended) * 10000 + sb.authorized / 2) / sb.authorized"
      "   ELSE 0 END"
      " FROM sources s JOIN grants g ON g.source_id = s.id"
      " JOIN source_balances sb ON sb.source_id = s.id"
      " WHERE s.closed = 0 AND g.pop_end >= ?1 AND g.pop_end <= date (?1, '+' || ?2 || ' days')"
      " ORDER BY g.pop_end",
      ending_row, error) &&
    each_row (c,
      "SELECT a.id, " ALLOCATION_LABEL ", f.program, c.code FROM allocations a"
      " JOIN sources s ON s.id = a.source_id JOIN forfeiture_funds f ON f.source_id = s.id"
      " JOIN task_forces t ON t.id = a.task_force_id JOIN categories c ON c.id = a.category_id"
      " WHERE a.voided = 0 AND c.esac_category IS NULL ORDER BY a.id",
      no_esac_row, error) &&
    each_row (c,
      "SELECT a.id, " ALLOCATION_LABEL " FROM allocations a"
      " JOIN sources s ON s.id = a.source_id JOIN forfeiture_funds f ON f.source_id = s.id"
      " JOIN task_forces t ON t.id = a.task_force_id JOIN categories c ON c.id = a.category_id"
      " WHERE a.voided = 0 AND f.program = 'treasury' AND c.esac_category = 'l' ORDER BY a.id",
      not_allowed_row, error) &&
    each_row (c,
      "SELECT a.id, " ALLOCATION_LABEL ", b.expended, f.program FROM allocation_balances b"
      " JOIN allocations a ON a.id = b.allocation_id"
      " JOIN sources s ON s.id = a.source_id JOIN forfeiture_funds f ON f.source_id = s.id"
      " JOIN task_forces t ON t.id = a.task_force_id JOIN categories c ON c.id = a.category_id"
      " WHERE c.esac_category = 'n' AND b.expended > 0 ORDER BY a.id",
      salaries_row, error) &&
    each_row (c,
      "SELECT MIN (e.id), e.document_number, group_concat (DISTINCT f.program)"
      " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
      " JOIN forfeiture_funds f ON f.source_id = a.source_id"
      " WHERE e.voided = 0 GROUP BY e.document_number"
      " HAVING COUNT (DISTINCT f.program) > 1 ORDER BY 1",
      commingled_row, error) &&
    each_row (c,
      "SELECT s.id, s.code, g.match_required,"
      " COALESCE ((SELECT SUM (m.amount) FROM match_entries m WHERE m.source_id = s.id"
      "   AND m.voided = 0 AND m.entry_date <= ?1), 0), g.pop_start, g.pop_end"
      " FROM sources s JOIN grants g ON g.source_id = s.id"
      " WHERE g.match_required > 0 AND g.pop_start <= ?1 ORDER BY s.code",
      match_row, error) &&
    each_row (c,
      "SELECT a.id, " ALLOCATION_LABEL ","
      " (SELECT group_concat (fs.code, ', ') FROM allocations fa"
      "  JOIN sources fs ON fs.id = fa.source_id"
      "  WHERE fa.voided = 0 AND fa.fiscal_year = a.fiscal_year AND fa.category_id = a.category_id"
      "  AND fs.kind IN ('grant', 'forfeiture')),"
      " CAST (json_extract (l.before, '$.amount') AS INTEGER),"
      " CASE WHEN a.voided <> 0 THEN 0"
      "   ELSE CAST (json_extract (l.after, '$.amount') AS INTEGER) END"
      " FROM audit_log l JOIN allocations a ON a.id = l.record_id"
      " JOIN sources s ON s.id = a.source_id AND s.kind = 'appropriation'"
      " JOIN task_forces t ON t.id = a.task_force_id JOIN categories c ON c.id = a.category_id"
      /* The allocation's latest cut or void. */
      " WHERE l.id = (SELECT max (m.id) FROM audit_log m"
      "  WHERE m.table_name = 'allocations' AND m.record_id = a.id"
      "  AND m.action IN ('update', 'void')"
      "  AND (CAST (json_extract (m.after, '$.amount') AS INTEGER)"
      "       < CAST (json_extract (m.before, '$.amount') AS INTEGER)"
      "       OR CAST (json_extract (m.after, '$.voided') AS INTEGER)"
      "          > CAST (json_extract (m.before, '$.voided') AS INTEGER)))"
      " AND EXISTS (SELECT 1 FROM allocations fa JOIN sources fs ON fs.id = fa.source_id"
      "  WHERE fa.voided = 0 AND fa.fiscal_year = a.fiscal_year AND fa.category_id = a.category_id"
      "  AND fs.kind IN ('grant', 'forfeiture'))"
      " ORDER BY a.id",
      supplanting_row, error) &&
    each_row (c,
      "SELECT 'sources', id, code FROM sources WHERE immigration = 1"
      " UNION ALL SELECT 'task_forces', id, code FROM task_forces WHERE immigration = 1"
      " UNION ALL SELECT 'ledger_entries', e.id, e.document_number FROM ledger_entries e"
      "  JOIN allocations a ON a.id = e.allocation_id JOIN sources s ON s.id = a.source_id"
      "  JOIN task_forces t ON t.id = a.task_force_id"
      "  WHERE e.immigration = 1 AND e.voided = 0 AND s.immigration = 0 AND t.immigration = 0",
      immigration_row, error) &&
    each_row (c,
      "SELECT 'ledger_entries', id, 'Entry ' || document_number, reviewed_by FROM ledger_entries"
      " WHERE status = 'approved' AND (reviewed_by IS NULL OR reviewed_by = entered_by"
      "   OR reviewed_by = updated_by)"
      " UNION ALL SELECT 'allocations', id, 'Allocation ' || id, reviewed_by FROM allocations"
      " WHERE status = 'approved' AND (reviewed_by IS NULL OR reviewed_by = entered_by"
      "   OR reviewed_by = updated_by)",
      self_approval_row, error) &&
    each_row (c,
      "SELECT u.entry_id, o.name, o.badge, u.work_date, u.amount - u.reimbursable, u.amount,"
      " s.code, u.within_month FROM overtime_cap_usage u"
      " JOIN officers o ON o.id = u.officer_id JOIN sources s ON s.id = u.agreement_id"
      " WHERE u.reimbursable < u.amount AND u.work_date <= ?1 ORDER BY u.work_date, u.entry_id",
      overtime_cap_row, error);
}

static gint64
setting_int (AllotStore *store,
             const char *key,
             gint64      fallback)
{
  g_autofree char *value = allot_store_dup_setting (store, key);
  char *end = NULL;
  gint64 n;

  if (value == NULL)
    return fallback;
  n = g_ascii_strtoll (value, &end, 10);
  return end != value && *end == '\0' && n >= 0 ? n : fallback;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const AllotFinding *fa = *(const AllotFinding *const *) a;
  const AllotFinding *fb = *(const AllotFinding *const *) b;

  return (int) fb->rule->severity - (int) fa->rule->severity;
}

GPtrArray *
allot_store_check (AllotStore  *store,
                   const GDate *as_of,
                   GError     **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_finding_free);
  Checker c = { 0 };
  GDate today;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  if (as_of == NULL || !g_date_valid (as_of))
    {
      allot_date_set_today (&today);
      as_of = &today;
    }
  /* A damaged file first: opening a large one does not check it all
   * (allot-store.c, check_on_open()). */
  if (!allot_store_verify_file (store, error))
    return NULL;
  c.store = store;
  c.as_of = allot_date_format_iso (as_of);
  c.ending_days = setting_int (store, "rule_ending_days", 90);
  c.ending_unspent_pct = setting_int (store, "rule_ending_unspent_pct", 25);
  c.liquidation_days = setting_int (store, "liquidation_days", 120);
  c.findings = findings;
  ok = run_rules (&c, error);
  g_free (c.as_of);
  if (!ok)
    return NULL;
  /* Stable: the order of the rules and their records within a severity. */
  g_ptr_array_sort (findings, compare_findings);
  return g_steal_pointer (&findings);
}
