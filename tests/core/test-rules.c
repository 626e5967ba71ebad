/* test-rules.c: the compliance rule engine (allot_store_check()).
 *
 * For every rule of allot_rules_list() there is a case that trips it and one
 * that does not, as close to the edge as the rule allows (spending exactly
 * equal to the allocation does not trip allocation-overspent, one cent more
 * does).  Each finding is checked for its rule id, severity, the record to
 * open and a message naming the records and amounts involved.
 *
 * Every expected figure was worked out by hand in the comments, never by
 * calling the code under test.  Amounts are cents; "1,234.56" in a comment
 * is 123456 in the code.
 *
 * People: "ada" writes first and so administers every database; "rita" is a
 * reviewer; "otto" is the officer who enters allocations and entries.  A
 * record only counts once rita has approved it, as in real use.
 *
 * Two rules check conditions the store itself refuses to create
 * (allocation-exceeds-authority, self-approval).  Their cases edit the file
 * on a raw SQLite connection of their own, the way another program would,
 * and then reopen it with the store.
 */
#include <locale.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "allot-date.h"
#include "allot-rules.h"
#include "test-util.h"

#define ADMIN "ada"
#define REVIEWER "rita"
#define OFFICER "otto"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 fbi;
  gint64 sstf, hidta;          /* task forces */
  gint64 ot, eq, comm, sal;    /* categories: no ESAC, ESAC d, ESAC l, ESAC n */
} Fixture;

/* ---- building the scenarios ---- */

static gint64
add_category (Fixture    *fx,
              const char *code,
              const char *name,
              char        line,
              char        esac)
{
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(GError) error = NULL;

  category->code = g_strdup (code);
  category->name = g_strdup (name);
  category->sf424a_line = line;
  category->esac_category = esac;
  g_assert_true (allot_store_add_category (fx->store, category, &error));
  g_assert_no_error (error);
  return category->id;
}

static void
set_role (Fixture    *fx,
          const char *name,
          AllotRole   role)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (allot_store_set_user_role (fx->store, name, role, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = test_util_make_tmpdir ();
  fx->path = test_util_new_location (fx->dir, "allot.db");
  /* Opened here rather than with test_util_create_store(): who writes first
   * is part of the scenario. */
  fx->store = allot_store_open (fx->path, ALLOT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->store);
  /* The first to write administers the database. */
  allot_store_set_user (fx->store, ADMIN);
  fx->fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                                  ALLOT_AGENCY_FEDERAL);
  set_role (fx, REVIEWER, ALLOT_ROLE_REVIEWER);
  fx->sstf = test_util_add_task_force (fx->store, "SSTF", "Safe Streets Task Force", fx->fbi);
  fx->hidta = test_util_add_task_force (fx->store, "HIDTA", "HIDTA Task Force", fx->fbi);
  fx->ot = add_category (fx, "OT", "Overtime", 'a', 0);
  fx->eq = add_category (fx, "EQ", "Equipment", 'd', 'd');
  fx->comm = add_category (fx, "COMM", "Community programs", 'h', 'l');
  fx->sal = add_category (fx, "SAL", "Salaries", 'a', 'n');
  allot_store_set_user (fx->store, OFFICER);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  test_util_drop_location (fx->path);
  test_util_remove_tree (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static void
parse_iso (GDate      *date,
           const char *iso)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (date, 1);
  g_assert_true (allot_date_parse (iso, date, &error));
  g_assert_no_error (error);
}

/* A grant with the fields the rules read. */
static gint64
add_grant (Fixture    *fx,
           const char *code,
           const char *award_number,
           gint64      award_amount,
           const char *pop_start,
           const char *pop_end,
           gint64      match_required,
           gboolean    immigration)
{
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_GRANT);
  g_autoptr(GError) error = NULL;

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Grant %s", code);
  source->immigration = immigration;
  source->u.grant.award_number = g_strdup (award_number);
  source->u.grant.assistance_listing = g_strdup ("16.738");
  source->u.grant.award_amount = award_amount;
  source->u.grant.match_required = match_required;
  parse_iso (&source->u.grant.pop_start, pop_start);
  parse_iso (&source->u.grant.pop_end, pop_end);
  g_assert_true (allot_store_add_source (fx->store, source, &error));
  g_assert_no_error (error);
  return source->id;
}

/* The usual grant: JAG, 100,000.00, 2024-10-01 .. 2026-09-30 (FY2025-FY2026). */
static gint64
add_jag (Fixture *fx)
{
  return add_grant (fx, "JAG", "15PBJA-24-GG-00001", 10000000, "2024-10-01", "2026-09-30", 0,
                    FALSE);
}

/* A forfeiture fund of @program holding one receipt of @receipts. */
static gint64
add_forfeiture (Fixture                *fx,
                const char             *code,
                AllotForfeitureProgram  program,
                gint64                  receipts)
{
  gint64 id = test_util_add_forfeiture (fx->store, code, program);
  g_autofree char *case_number = g_strdup_printf ("CASE-%s", code);

  test_util_add_receipt (fx->store, id, ALLOT_RECEIPT_SHARING, "2025-10-15", receipts,
                         case_number);
  return id;
}

static void
approve_allocation (Fixture *fx,
                    gint64   id)
{
  g_autoptr(GError) error = NULL;

  allot_store_set_user (fx->store, REVIEWER);
  g_assert_true (allot_store_approve_allocation (fx->store, id, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, OFFICER);
}

static void
approve_entry (Fixture *fx,
               gint64   id)
{
  g_autoptr(GError) error = NULL;

  allot_store_set_user (fx->store, REVIEWER);
  g_assert_true (allot_store_approve_entry (fx->store, id, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, OFFICER);
}

/* Entered by the officer, approved by the reviewer. */
static gint64
approved_allocation (Fixture *fx,
                     gint64   source_id,
                     gint64   task_force_id,
                     gint64   category_id,
                     int      fiscal_year,
                     gint64   amount)
{
  gint64 id = test_util_add_allocation (fx->store, source_id, task_force_id, category_id,
                                        fiscal_year, amount, ALLOT_STATUS_SUBMITTED);

  approve_allocation (fx, id);
  return id;
}

static gint64
approved_entry (Fixture        *fx,
                gint64          allocation_id,
                AllotEntryKind  kind,
                gint64          amount,
                const char     *date,
                gint64          obligation_id,
                const char     *document_number)
{
  gint64 id = test_util_add_entry (fx->store, allocation_id, kind, amount, date, obligation_id,
                                   document_number, ALLOT_STATUS_SUBMITTED);

  approve_entry (fx, id);
  return id;
}

static gint64
flagged_entry (Fixture    *fx,
               gint64      allocation_id,
               const char *document_number)
{
  g_autoptr(AllotLedgerEntry) entry = test_util_new_entry (allocation_id,
                                                           ALLOT_ENTRY_EXPENDITURE, 10000,
                                                           "2026-01-15", 0, document_number);
  g_autoptr(GError) error = NULL;

  entry->immigration = TRUE;
  entry->status = ALLOT_STATUS_SUBMITTED;
  g_assert_true (allot_store_add_entry (fx->store, entry, &error));
  g_assert_no_error (error);
  return entry->id;
}

static void
set_setting (Fixture    *fx,
             const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (allot_store_set_setting (fx->store, key, value, &error));
  g_assert_no_error (error);
}

/* Closes the store and opens the file again, as the officer. */
static void
reopen (Fixture *fx)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fx->store);
  fx->store = allot_store_open (fx->path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->store);
  allot_store_set_user (fx->store, OFFICER);
}

/* ---- reading the findings ---- */

static GPtrArray *
check (Fixture    *fx,
       const char *as_of)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;
  GDate date;

  parse_iso (&date, as_of);
  findings = allot_store_check (fx->store, &date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (findings);
  /* Most severe first, whatever else is found. */
  for (guint i = 1; i < findings->len; i++)
    g_assert_cmpint (((AllotFinding *) findings->pdata[i - 1])->rule->severity, >=,
                     ((AllotFinding *) findings->pdata[i])->rule->severity);
  return findings;
}

static guint
count_rule (GPtrArray  *findings,
            const char *rule_id)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (((AllotFinding *) findings->pdata[i])->rule->id, rule_id))
      n++;
  return n;
}

/* Asserts that exactly one finding of @rule_id names @table_name/@record_id,
 * with @severity, and that its message contains every string of the
 * NULL-terminated list. */
G_GNUC_NULL_TERMINATED static void
assert_finding (GPtrArray     *findings,
                const char    *rule_id,
                AllotSeverity  severity,
                const char    *table_name,
                gint64         record_id,
                ...)
{
  const AllotFinding *found = NULL;
  va_list args;
  const char *part;

  for (guint i = 0; i < findings->len; i++)
    {
      const AllotFinding *f = findings->pdata[i];

      if (g_str_equal (f->rule->id, rule_id) && g_strcmp0 (f->table_name, table_name) == 0 &&
          f->record_id == record_id)
        {
          if (found != NULL)
            g_error ("two %s findings for %s %" PRId64, rule_id, table_name, record_id);
          found = f;
        }
    }
  if (found == NULL)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < findings->len; i++)
        {
          const AllotFinding *f = findings->pdata[i];

          g_string_append_printf (all, "\n  %s %s %" PRId64 ": %s", f->rule->id,
                                  f->table_name, f->record_id, f->message);
        }
      g_error ("no %s finding for %s %" PRId64 "; found:%s", rule_id, table_name,
               record_id, all->str);
    }
  g_assert_cmpint (found->rule->severity, ==, severity);
  g_assert_nonnull (found->rule->title);
  va_start (args, record_id);
  while ((part = va_arg (args, const char *)) != NULL)
    {
      if (strstr (found->message, part) == NULL)
        g_error ("the %s message “%s” does not contain “%s”", rule_id, found->message, part);
    }
  va_end (args);
}

/* Asserts that @as_of finds nothing at all. */
static void
assert_clean (Fixture    *fx,
              const char *as_of)
{
  g_autoptr(GPtrArray) findings = check (fx, as_of);

  for (guint i = 0; i < findings->len; i++)
    {
      const AllotFinding *f = findings->pdata[i];

      g_test_message ("unexpected: %s %s %" PRId64 ": %s", f->rule->id, f->table_name,
                      f->record_id, f->message);
    }
  g_assert_cmpuint (findings->len, ==, 0);
}

/* ---- the list of rules ---- */

static const struct {
  const char *id;
  AllotSeverity severity;
} expected_rules[] = {
  { "allocation-exceeds-authority", ALLOT_SEVERITY_ERROR },
  { "allocation-overspent", ALLOT_SEVERITY_ERROR },
  { "expenditure-outside-period", ALLOT_SEVERITY_ERROR },
  { "obligation-past-liquidation", ALLOT_SEVERITY_ERROR },
  { "grant-ending-unspent", ALLOT_SEVERITY_WARNING },
  { "forfeiture-no-esac-category", ALLOT_SEVERITY_ERROR },
  { "forfeiture-category-not-allowed", ALLOT_SEVERITY_ERROR },
  { "forfeiture-salaries", ALLOT_SEVERITY_WARNING },
  { "forfeiture-commingled", ALLOT_SEVERITY_ERROR },
  { "match-behind-schedule", ALLOT_SEVERITY_WARNING },
  { "possible-supplanting", ALLOT_SEVERITY_WARNING },
  { "immigration-legal-review", ALLOT_SEVERITY_WARNING },
  { "self-approval", ALLOT_SEVERITY_ERROR },
};

/* Rules whose cases belong with a feature that has no public store API yet
 * (overtime entries and caps come with migration 3): the guard below lets
 * them through, and /rules/pending reports them as skipped. */
static const char *const rules_tested_elsewhere[] = {
  "overtime-over-cap",
};

static gboolean
tested_elsewhere (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules_tested_elsewhere); i++)
    if (g_str_equal (rules_tested_elsewhere[i], id))
      return TRUE;
  return FALSE;
}

/* Every rule is one this file tests (a new rule fails here until it has its
 * cases), with a stable id, its severity and a title. */
static void
test_rule_list (void)
{
  guint n = 0, found = 0;
  const AllotRule *rules = allot_rules_list (&n);

  for (guint i = 0; i < n; i++)
    {
      gboolean known = FALSE;

      g_assert_nonnull (rules[i].id);
      g_assert_nonnull (rules[i].title);
      g_assert_cmpuint (strlen (rules[i].title), >, 0);
      for (guint j = 0; j < G_N_ELEMENTS (expected_rules); j++)
        if (g_str_equal (rules[i].id, expected_rules[j].id))
          {
            g_assert_cmpint (rules[i].severity, ==, expected_rules[j].severity);
            known = TRUE;
            found++;
          }
      if (!known && !tested_elsewhere (rules[i].id))
        g_error ("rule %s has no cases in test-rules.c", rules[i].id);
    }
  /* ... and every rule tested here still exists, once. */
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected_rules));
  g_assert_cmpstr (allot_severity_to_string (ALLOT_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (allot_severity_to_string (ALLOT_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (allot_severity_to_string (ALLOT_SEVERITY_INFO), ==, "info");
}

/* Says which rules of allot_rules_list() have no cases here yet. */
static void
test_rules_pending (void)
{
  guint n = 0;
  const AllotRule *rules = allot_rules_list (&n);
  g_autoptr(GString) pending = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (tested_elsewhere (rules[i].id))
      g_string_append_printf (pending, "%s%s", pending->len > 0 ? ", " : "", rules[i].id);
  if (pending->len > 0)
    g_test_skip_printf ("no cases here yet for: %s", pending->str);
}

/* A database with people, task forces and categories but no money finds
 * nothing; nor does a tidy grant. */
static void
test_clean (Fixture       *fx,
            gconstpointer  data)
{
  gint64 jag, a, po;

  assert_clean (fx, "2026-01-01");
  jag = add_jag (fx);
  a = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 5000000);
  po = approved_entry (fx, a, ALLOT_ENTRY_OBLIGATION, 100000, "2025-11-01", 0, "PO-1");
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 100000, "2025-11-20", po, "INV-1");
  /* Authorized 100,000.00, nothing ends within 90 days of 2026-01-01. */
  assert_clean (fx, "2026-01-01");
}

/* ---- allocation-exceeds-authority ---- */

static void
test_exceeds_authority (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) more = allot_allocation_new ();
  gint64 jag;
  AllotDb *raw;

  jag = add_jag (fx);
  /* 60,000.00 + 40,000.00 = 100,000.00, exactly the award: equal is not over. */
  approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 6000000);
  approved_allocation (fx, jag, fx->hidta, fx->ot, 2025, 4000000);
  assert_clean (fx, "2025-12-31");

  /* The store refuses one cent more ... */
  more->source_id = jag;
  more->task_force_id = fx->sstf;
  more->category_id = fx->eq;
  more->fiscal_year = 2026;
  more->amount = 1;
  g_assert_false (allot_store_add_allocation (fx->store, more, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);

  /* ... so another program lowers the award by one cent:
   * authorized 99,999.99 < allocated 100,000.00. */
  g_clear_object (&fx->store);
  raw = test_util_open_raw (fx->path, TRUE);
  test_util_exec (raw, "UPDATE grants SET award_amount = 9999999");
  allot_db_close (raw);
  reopen (fx);

  findings = check (fx, "2025-12-31");
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, "allocation-exceeds-authority", ALLOT_SEVERITY_ERROR, "sources", jag,
                  "JAG", "100000.00", "99999.99", NULL);
}

/* ---- allocation-overspent ---- */

static void
test_overspent (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  gint64 jag, a, po, inv3;

  /* Allocation JAG/SSTF/OT FY2026: 10,000.00.
   *   PO-1  obligation            6,000.00
   *   INV-1 expenditure on PO-1   2,500.00
   *   INV-2 direct expenditure    4,000.00
   * expended 2,500 + 4,000 = 6,500.00; open obligations 6,000 - 2,500 = 3,500.00;
   * used 6,500 + 3,500 = 10,000.00 = the allocation: not over. */
  jag = add_jag (fx);
  a = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 1000000);
  po = approved_entry (fx, a, ALLOT_ENTRY_OBLIGATION, 600000, "2025-11-01", 0, "PO-1");
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 250000, "2025-11-15", po, "INV-1");
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 400000, "2025-12-01", 0, "INV-2");
  assert_clean (fx, "2025-12-31");

  /* One cent more, submitted: not approved, does not count yet. */
  inv3 = test_util_add_entry (fx->store, a, ALLOT_ENTRY_EXPENDITURE, 1, "2025-12-02", 0, "INV-3",
                              ALLOT_STATUS_SUBMITTED);
  assert_clean (fx, "2025-12-31");

  /* Approved: used 10,000.01 > 10,000.00. */
  approve_entry (fx, inv3);
  findings = check (fx, "2025-12-31");
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, "allocation-overspent", ALLOT_SEVERITY_ERROR, "allocations", a,
                  "JAG/SSTF/OT FY2026", "10000.01", "10000.00", NULL);
}

/* ---- expenditure-outside-period ---- */

static void
test_outside_period (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  gint64 jag, a, before, after;

  /* JAG runs 2024-10-01 .. 2026-09-30.  As of 2026-10-05 the liquidation
   * deadline (2027-01-28) is still ahead and the grant has ended, so only
   * this rule can speak. */
  jag = add_jag (fx);
  a = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 5000000);
  /* The first and the last day are inside. */
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2024-10-01", 0, "INV-FIRST");
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-09-30", 0, "INV-LAST");
  /* An obligation is not an expenditure; a submitted expenditure does not count. */
  approved_entry (fx, a, ALLOT_ENTRY_OBLIGATION, 10000, "2026-10-01", 0, "PO-AFTER");
  test_util_add_entry (fx->store, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-10-01", 0,
                       "INV-PENDING", ALLOT_STATUS_SUBMITTED);
  assert_clean (fx, "2026-10-05");

  /* One day before the start and one day after the end. */
  before = approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2024-09-30", 0, "INV-EARLY");
  after = approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-10-01", 0, "INV-LATE");
  findings = check (fx, "2026-10-05");
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, "expenditure-outside-period", ALLOT_SEVERITY_ERROR, "ledger_entries",
                  before, "INV-EARLY", "2024-09-30", "JAG", "2024-10-01", "2026-09-30", NULL);
  assert_finding (findings, "expenditure-outside-period", ALLOT_SEVERITY_ERROR, "ledger_entries",
                  after, "INV-LATE", "2026-10-01", "JAG", "2024-10-01", "2026-09-30", NULL);
}

/* ---- obligation-past-liquidation ---- */

static void
test_liquidation (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 jag, a, po1, po2;

  /* JAG ends 2026-09-30.  Allocation 50,000.00.
   *   PO-1   obligation            5,000.00
   *   INV-1  expenditure on PO-1   3,000.00
   *   DEOB-1 adjustment on PO-1     -500.00
   *   INV-3  expenditure on PO-1     200.00  submitted only: does not liquidate
   *   -> open on PO-1: 5,000 - 500 - 3,000 = 1,500.00
   *   PO-2   obligation            1,000.00, fully paid by INV-2 1,000.00 -> open 0
   *   PO-3   obligation            2,000.00  submitted only: not an obligation yet */
  jag = add_jag (fx);
  a = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 5000000);
  po1 = approved_entry (fx, a, ALLOT_ENTRY_OBLIGATION, 500000, "2026-03-01", 0, "PO-1");
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 300000, "2026-06-01", po1, "INV-1");
  approved_entry (fx, a, ALLOT_ENTRY_ADJUSTMENT, -50000, "2026-09-01", po1, "DEOB-1");
  test_util_add_entry (fx->store, a, ALLOT_ENTRY_EXPENDITURE, 20000, "2026-09-10", po1, "INV-3",
                       ALLOT_STATUS_SUBMITTED);
  po2 = approved_entry (fx, a, ALLOT_ENTRY_OBLIGATION, 100000, "2026-03-01", 0, "PO-2");
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 100000, "2026-07-01", po2, "INV-2");
  test_util_add_entry (fx->store, a, ALLOT_ENTRY_OBLIGATION, 200000, "2026-04-01", 0, "PO-3",
                       ALLOT_STATUS_SUBMITTED);

  /* Deadline 2026-09-30 + 120 days: +31 -> 2026-10-31, +61 -> 2026-11-30,
   * +92 -> 2026-12-31, +120 -> 2027-01-28.  On the deadline itself: fine. */
  assert_clean (fx, "2027-01-28");
  {
    g_autoptr(GPtrArray) findings = check (fx, "2027-01-29");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "obligation-past-liquidation", ALLOT_SEVERITY_ERROR,
                    "ledger_entries", po1, "PO-1", "JAG", "1500.00", "2027-01-28", NULL);
  }

  /* liquidation_days 90 (subrecipients): 2026-09-30 + 90 = 2026-12-29. */
  set_setting (fx, "liquidation_days", "90");
  assert_clean (fx, "2026-12-29");
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-12-30");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "obligation-past-liquidation", ALLOT_SEVERITY_ERROR,
                    "ledger_entries", po1, "PO-1", "1500.00", "2026-12-29", NULL);
  }

  /* 150 days: +123 -> 2027-01-31, +150 -> 2027-02-27. */
  set_setting (fx, "liquidation_days", "150");
  assert_clean (fx, "2027-02-27");
  {
    g_autoptr(GPtrArray) findings = check (fx, "2027-02-28");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "obligation-past-liquidation", ALLOT_SEVERITY_ERROR,
                    "ledger_entries", po1, "2027-02-27", NULL);
  }

  /* A value that is not a number falls back to 120 days. */
  set_setting (fx, "liquidation_days", "ninety");
  assert_clean (fx, "2027-01-28");
  {
    g_autoptr(GPtrArray) findings = check (fx, "2027-01-29");

    g_assert_cmpuint (count_rule (findings, "obligation-past-liquidation"), ==, 1);
  }
}

/* ---- grant-ending-unspent ---- */

static void
test_ending_unspent (Fixture       *fx,
                     gconstpointer  data)
{
  gint64 jag, a, ref;

  /* JAG: authorized 100,000.00, ends 2026-09-30.  Allocation 100,000.00.
   * INV-1 75,000.00 spent -> unspent 25,000.00 = exactly 25%: not "more
   * than 25%". */
  jag = add_jag (fx);
  a = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 10000000);
  approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 7500000, "2026-05-01", 0, "INV-1");
  /* 2026-07-02 + 90 days: +30 -> 08-01, +61 -> 09-01, +90 -> 09-30, the end. */
  assert_clean (fx, "2026-07-02");

  /* A refund of 0.01 (adjustment without obligation) -> expended 74,999.99,
   * unspent 25,000.01 = 25.00001% > 25%; shown rounded as 25.00%. */
  ref = test_util_add_entry (fx->store, a, ALLOT_ENTRY_ADJUSTMENT, -1, "2026-05-02", 0, "REF-1",
                             ALLOT_STATUS_SUBMITTED);
  assert_clean (fx, "2026-07-02");  /* not approved yet */
  approve_entry (fx, ref);
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-07-02");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "grant-ending-unspent", ALLOT_SEVERITY_WARNING, "sources", jag,
                    "JAG", "2026-09-30", "25000.01", "100000.00", "25.00%", NULL);
  }
  {
    /* The last day is still "ending". */
    g_autoptr(GPtrArray) findings = check (fx, "2026-09-30");

    g_assert_cmpuint (count_rule (findings, "grant-ending-unspent"), ==, 1);
  }
  /* 91 days ahead, and after the end: nothing. */
  assert_clean (fx, "2026-07-01");
  assert_clean (fx, "2026-10-01");

  /* rule_ending_days 91 reaches 2026-07-01 too. */
  set_setting (fx, "rule_ending_days", "91");
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-07-01");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "grant-ending-unspent", ALLOT_SEVERITY_WARNING, "sources", jag,
                    "25000.01", NULL);
  }
  assert_clean (fx, "2026-06-30");

  /* rule_ending_unspent_pct 26: 25.00001% is not more than 26%. */
  set_setting (fx, "rule_ending_unspent_pct", "26");
  assert_clean (fx, "2026-07-02");
  /* ... and 25 again trips it. */
  set_setting (fx, "rule_ending_unspent_pct", "25");
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-07-02");

    g_assert_cmpuint (count_rule (findings, "grant-ending-unspent"), ==, 1);
  }

  /* A grant closed out is no longer watched. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllotSource) source = allot_store_lookup_source (fx->store, jag, &error);

    g_assert_no_error (error);
    source->closed = TRUE;
    g_assert_true (allot_store_update_source (fx->store, source, &error));
    g_assert_no_error (error);
  }
  assert_clean (fx, "2026-07-02");
}

/* ---- forfeiture-no-esac-category ---- */

static void
test_no_esac (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotCategory) ot = NULL;
  gint64 jag, doj, a1;

  /* DOJ-ES holds 50,000.00.  OT has no ESAC category, EQ is ESAC d. */
  jag = add_jag (fx);
  doj = add_forfeiture (fx, "DOJ-ES", ALLOT_FORFEITURE_DOJ, 5000000);
  approved_allocation (fx, doj, fx->sstf, fx->eq, 2026, 1000000);
  approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 1000000);  /* grant money: no ESAC */
  assert_clean (fx, "2026-01-01");

  a1 = approved_allocation (fx, doj, fx->sstf, fx->ot, 2026, 1000000);
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-01-01");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "forfeiture-no-esac-category", ALLOT_SEVERITY_ERROR,
                    "allocations", a1, "DOJ-ES/SSTF/OT FY2026", "doj", "category OT", NULL);
  }

  /* Mapping OT onto ESAC a (operations and investigations) settles it. */
  allot_store_set_user (fx->store, ADMIN);
  ot = allot_store_lookup_category_by_code (fx->store, "OT", &error);
  g_assert_no_error (error);
  ot->esac_category = 'a';
  g_assert_true (allot_store_update_category (fx->store, ot, &error));
  g_assert_no_error (error);
  assert_clean (fx, "2026-01-01");
}

/* ---- forfeiture-category-not-allowed ---- */

static void
test_category_not_allowed (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  gint64 doj, treas, t1;

  /* ESAC l (community-based programs) is for Justice funds only. */
  doj = add_forfeiture (fx, "DOJ-ES", ALLOT_FORFEITURE_DOJ, 2000000);
  treas = add_forfeiture (fx, "TREAS-ES", ALLOT_FORFEITURE_TREASURY, 2000000);
  approved_allocation (fx, doj, fx->sstf, fx->comm, 2026, 500000);
  approved_allocation (fx, treas, fx->sstf, fx->eq, 2026, 500000);
  assert_clean (fx, "2026-01-01");

  t1 = approved_allocation (fx, treas, fx->sstf, fx->comm, 2026, 500000);
  findings = check (fx, "2026-01-01");
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, "forfeiture-category-not-allowed", ALLOT_SEVERITY_ERROR,
                  "allocations", t1, "TREAS-ES/SSTF/COMM FY2026", "Treasury", "category l",
                  NULL);
}

/* ---- forfeiture-salaries ---- */

static void
test_salaries (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  gint64 jag, doj, treas, d, t, g, e, pay1;

  jag = add_jag (fx);
  doj = add_forfeiture (fx, "DOJ-ES", ALLOT_FORFEITURE_DOJ, 2000000);
  treas = add_forfeiture (fx, "TREAS-ES", ALLOT_FORFEITURE_TREASURY, 2000000);
  /* Allocated to salaries (ESAC n) but nothing spent yet: no warning. */
  d = approved_allocation (fx, doj, fx->sstf, fx->sal, 2026, 800000);
  /* Salaries paid from a grant, and forfeiture money spent on equipment: no warning. */
  g = approved_allocation (fx, jag, fx->sstf, fx->sal, 2026, 800000);
  approved_entry (fx, g, ALLOT_ENTRY_EXPENDITURE, 50000, "2025-12-15", 0, "PAY-G");
  e = approved_allocation (fx, doj, fx->sstf, fx->eq, 2026, 800000);
  approved_entry (fx, e, ALLOT_ENTRY_EXPENDITURE, 50000, "2025-12-15", 0, "INV-E");
  /* A payroll charge still under review does not count. */
  pay1 = test_util_add_entry (fx->store, d, ALLOT_ENTRY_EXPENDITURE, 123456, "2025-12-15", 0,
                              "PAY-1", ALLOT_STATUS_SUBMITTED);
  assert_clean (fx, "2026-01-01");

  /* Approved: 1,234.56 of DOJ money on salaries; and 100.00 of Treasury money. */
  approve_entry (fx, pay1);
  t = approved_allocation (fx, treas, fx->hidta, fx->sal, 2026, 800000);
  approved_entry (fx, t, ALLOT_ENTRY_EXPENDITURE, 10000, "2025-12-16", 0, "PAY-2");
  findings = check (fx, "2026-01-01");
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, "forfeiture-salaries", ALLOT_SEVERITY_WARNING, "allocations", d,
                  "DOJ-ES/SSTF/SAL FY2026", "1234.56", "doj", NULL);
  assert_finding (findings, "forfeiture-salaries", ALLOT_SEVERITY_WARNING, "allocations", t,
                  "TREAS-ES/HIDTA/SAL FY2026", "100.00", "treasury", NULL);
}

/* ---- forfeiture-commingled ---- */

static void
test_commingled (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 jag, doj, doj2, treas, ad, ad2, at, ag, e1, e2;

  jag = add_jag (fx);
  doj = add_forfeiture (fx, "DOJ-ES", ALLOT_FORFEITURE_DOJ, 2000000);
  doj2 = add_forfeiture (fx, "DOJ-2", ALLOT_FORFEITURE_DOJ, 1000000);
  treas = add_forfeiture (fx, "TREAS-ES", ALLOT_FORFEITURE_TREASURY, 2000000);
  ad = approved_allocation (fx, doj, fx->sstf, fx->eq, 2026, 500000);
  ad2 = approved_allocation (fx, doj2, fx->sstf, fx->eq, 2026, 500000);
  at = approved_allocation (fx, treas, fx->sstf, fx->eq, 2026, 500000);
  ag = approved_allocation (fx, jag, fx->sstf, fx->eq, 2026, 500000);

  /* DOC-8 on two DOJ funds: one program, not commingled.  DOC-9 on DOJ and a
   * grant: only one forfeiture program. */
  approved_entry (fx, ad, ALLOT_ENTRY_OBLIGATION, 50000, "2025-12-01", 0, "DOC-8");
  approved_entry (fx, ad2, ALLOT_ENTRY_EXPENDITURE, 50000, "2025-12-01", 0, "DOC-8");
  approved_entry (fx, ad, ALLOT_ENTRY_OBLIGATION, 50000, "2025-12-01", 0, "DOC-9");
  approved_entry (fx, ag, ALLOT_ENTRY_EXPENDITURE, 50000, "2025-12-01", 0, "DOC-9");
  assert_clean (fx, "2026-01-01");

  /* DOC-7 charged to DOJ and to Treasury money: the finding opens the first entry. */
  e1 = approved_entry (fx, ad, ALLOT_ENTRY_OBLIGATION, 100000, "2025-12-05", 0, "DOC-7");
  e2 = approved_entry (fx, at, ALLOT_ENTRY_EXPENDITURE, 100000, "2025-12-05", 0, "DOC-7");
  g_assert_cmpint (e1, <, e2);
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-01-01");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "forfeiture-commingled", ALLOT_SEVERITY_ERROR, "ledger_entries",
                    e1, "DOC-7", "doj", "treasury", NULL);
  }

  /* Voiding the Treasury charge undoes it. */
  g_assert_true (allot_store_void_entry (fx->store, e2, "Charged to the wrong fund", &error));
  g_assert_no_error (error);
  assert_clean (fx, "2026-01-01");
}

/* ---- match-behind-schedule ---- */

static void
add_match (Fixture               *fx,
           gint64                 source_id,
           const char            *date,
           AllotContributionForm  form,
           gint64                 amount)
{
  g_autoptr(AllotMatchEntry) match = allot_match_entry_new ();
  g_autoptr(GError) error = NULL;

  match->source_id = source_id;
  parse_iso (&match->entry_date, date);
  match->form = form;
  match->amount = amount;
  match->description = g_strdup ("Recipient share");
  g_assert_true (allot_store_add_match_entry (fx->store, match, &error));
  g_assert_no_error (error);
  g_assert_cmpint (match->id, >, 0);
}

static void
test_match_behind (Fixture       *fx,
                   gconstpointer  data)
{
  gint64 grant;

  /* Award 40,000.00 with 10,000.00 match required, 2025-10-01 .. 2026-09-30
   * (365 days).  A grant without required match never trips the rule. */
  grant = add_grant (fx, "MATCH", "15PBJA-25-GG-00077", 4000000, "2025-10-01", "2026-09-30",
                     1000000, FALSE);
  add_grant (fx, "NOMATCH", "15PBJA-25-GG-00078", 4000000, "2025-10-01", "2026-09-30", 0, FALSE);

  /* Not started yet. */
  assert_clean (fx, "2025-09-30");

  /* First day: 1 of 365 days -> (2*1*10000 + 365) / 730 = 27 bp (0.27%);
   * due 10,000.00 * 0.27% = 27.00, provided 0.00. */
  {
    g_autoptr(GPtrArray) findings = check (fx, "2025-10-01");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "match-behind-schedule", ALLOT_SEVERITY_WARNING, "sources", grant,
                    "MATCH", "0.00 of match provided", "27.00 expected", "0.27%", "10000.00",
                    NULL);
  }

  /* As of 2026-03-31: 31+30+31+31+28+31 = 182 days elapsed ->
   * (2*182*10000 + 365) / 730 = 3,640,365 / 730 = 4986 bp (49.86%);
   * due 10,000.00 * 49.86% = 4,986.00.
   * Provided 3,000.00 cash + 1,985.99 in kind = 4,985.99: one cent short.
   * A further 500.00 dated after the as-of date does not count. */
  add_match (fx, grant, "2025-12-15", ALLOT_FORM_CASH, 300000);
  add_match (fx, grant, "2026-02-10", ALLOT_FORM_IN_KIND, 198599);
  add_match (fx, grant, "2026-04-01", ALLOT_FORM_CASH, 50000);
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-03-31");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "match-behind-schedule", ALLOT_SEVERITY_WARNING, "sources", grant,
                    "MATCH", "4985.99 of match provided", "4986.00 expected", "49.86%",
                    "10000.00 required", NULL);
  }

  /* 0.01 more on 2026-03-31: 4,986.00 = due, on schedule. */
  add_match (fx, grant, "2026-03-31", ALLOT_FORM_CASH, 1);
  assert_clean (fx, "2026-03-31");

  /* As of 2026-04-02: 184 days -> (3,680,000 + 365) / 730 = 5041 bp; due
   * 5,041.00; provided 4,986.00 + 500.00 = 5,486.00: ahead. */
  assert_clean (fx, "2026-04-02");

  /* After the end everything is due: 10,000.00 against 5,486.00. */
  {
    g_autoptr(GPtrArray) findings = check (fx, "2026-10-01");

    g_assert_cmpuint (findings->len, ==, 1);
    assert_finding (findings, "match-behind-schedule", ALLOT_SEVERITY_WARNING, "sources", grant,
                    "5486.00 of match provided", "10000.00 expected", "100.00%", NULL);
  }
}

/* ---- possible-supplanting ---- */

static void
cut_allocation (Fixture *fx,
                gint64   id,
                gint64   amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAllocation) allocation = allot_store_lookup_allocation (fx->store, id, &error);

  g_assert_no_error (error);
  allocation->amount = amount;
  g_assert_true (allot_store_update_allocation (fx->store, allocation, &error));
  g_assert_no_error (error);
}

static void
test_supplanting (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 jag, local, l1, l2, l3, f2;

  /* Federal money in EQ for FY2026 (JAG/SSTF/EQ 20,000.00) and in OT for
   * FY2025 only (JAG/HIDTA/OT, a draft of 5,000.00 cut to 4,000.00: a cut of
   * federal money is no supplanting). */
  jag = add_jag (fx);
  local = test_util_add_appropriation (fx->store, "LOCAL", 2026, 10000000);
  approved_allocation (fx, jag, fx->sstf, fx->eq, 2026, 2000000);
  f2 = test_util_add_allocation (fx->store, jag, fx->hidta, fx->ot, 2025, 500000,
                                 ALLOT_STATUS_DRAFT);
  cut_allocation (fx, f2, 400000);

  /* Local OT FY2026 cut 30,000.00 -> 25,000.00: no federal OT money in FY2026. */
  l2 = test_util_add_allocation (fx->store, local, fx->sstf, fx->ot, 2026, 3000000,
                                 ALLOT_STATUS_DRAFT);
  cut_allocation (fx, l2, 2500000);
  /* Local EQ FY2026 raised 10,000.00 -> 12,000.00: not a cut. */
  l3 = test_util_add_allocation (fx->store, local, fx->hidta, fx->eq, 2026, 1000000,
                                 ALLOT_STATUS_DRAFT);
  cut_allocation (fx, l3, 1200000);
  /* Local EQ FY2026 50,000.00, submitted and returned by the reviewer: a
   * review step leaves the amount alone. */
  l1 = test_util_add_allocation (fx->store, local, fx->sstf, fx->eq, 2026, 5000000,
                                 ALLOT_STATUS_SUBMITTED);
  allot_store_set_user (fx->store, REVIEWER);
  g_assert_true (allot_store_return_allocation (fx->store, l1, "Budget office asks for a cut",
                                                &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, OFFICER);
  assert_clean (fx, "2026-01-01");

  /* Cut 50,000.00 -> 40,000.00 while JAG is allocated to EQ in FY2026. */
  cut_allocation (fx, l1, 4000000);
  findings = check (fx, "2026-01-01");
  g_assert_cmpuint (findings->len, ==, 1);
  assert_finding (findings, "possible-supplanting", ALLOT_SEVERITY_WARNING, "allocations", l1,
                  "LOCAL/SSTF/EQ FY2026", "50000.00", "40000.00", "JAG", NULL);
}

/* ---- immigration-legal-review ---- */

static void
test_immigration (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotTaskForce) tf = NULL;
  gint64 jag, ice, ice_tf, plain, on_ice, on_tf, det1, voided;

  jag = add_jag (fx);
  plain = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 1000000);
  test_util_add_entry (fx->store, plain, ALLOT_ENTRY_EXPENDITURE, 10000, "2026-01-10", 0,
                       "INV-1", ALLOT_STATUS_SUBMITTED);
  /* A flagged entry that was voided no longer needs review. */
  voided = flagged_entry (fx, plain, "DET-0");
  g_assert_true (allot_store_void_entry (fx->store, voided, "Entered twice", &error));
  g_assert_no_error (error);
  assert_clean (fx, "2026-01-01");

  /* A source, a task force and an entry of an otherwise plain allocation. */
  allot_store_set_user (fx->store, ADMIN);
  ice = add_grant (fx, "ICE-287G", "287G-26-0001", 2000000, "2025-10-01", "2026-09-30", 0, TRUE);
  ice_tf = test_util_add_task_force (fx->store, "ICE-TF", "Removal task force", fx->fbi);
  tf = allot_store_lookup_task_force (fx->store, ice_tf, &error);
  g_assert_no_error (error);
  tf->immigration = TRUE;
  g_assert_true (allot_store_update_task_force (fx->store, tf, &error));
  g_assert_no_error (error);
  allot_store_set_user (fx->store, OFFICER);
  det1 = flagged_entry (fx, plain, "DET-1");
  /* Entries under a flagged source or task force are covered by that finding. */
  on_ice = approved_allocation (fx, ice, fx->sstf, fx->ot, 2026, 1000000);
  flagged_entry (fx, on_ice, "DET-2");
  on_tf = approved_allocation (fx, jag, ice_tf, fx->ot, 2026, 1000000);
  flagged_entry (fx, on_tf, "DET-3");

  findings = check (fx, "2026-01-01");
  g_assert_cmpuint (findings->len, ==, 3);
  assert_finding (findings, "immigration-legal-review", ALLOT_SEVERITY_WARNING, "sources", ice,
                  "Funding source ICE-287G", "legal review", NULL);
  assert_finding (findings, "immigration-legal-review", ALLOT_SEVERITY_WARNING, "task_forces",
                  ice_tf, "Task force ICE-TF", "legal review", NULL);
  assert_finding (findings, "immigration-legal-review", ALLOT_SEVERITY_WARNING, "ledger_entries",
                  det1, "Entry DET-1", "legal review", NULL);
}

/* ---- self-approval ---- */

static void
test_self_approval (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  gint64 jag, a, e;
  AllotDb *raw;
  char *sql;

  /* Entered by otto, approved by rita: as it should be. */
  jag = add_jag (fx);
  a = approved_allocation (fx, jag, fx->sstf, fx->ot, 2026, 1000000);
  e = approved_entry (fx, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2025-12-01", 0, "INV-1");
  assert_clean (fx, "2026-01-01");

  /* The store never lets a reviewer approve her own entry ... */
  allot_store_set_user (fx->store, REVIEWER);
  {
    gint64 own = test_util_add_entry (fx->store, a, ALLOT_ENTRY_EXPENDITURE, 10000, "2025-12-02",
                                      0, "INV-2", ALLOT_STATUS_SUBMITTED);

    g_assert_false (allot_store_approve_entry (fx->store, own, &error));
    g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT);
    test_util_assert_message_contains (error, "separation of duties", NULL);
  }
  allot_store_set_user (fx->store, OFFICER);

  /* ... so another program writes it: the entry's reviewer becomes the
   * person who entered it, and rita becomes the last to change the
   * allocation she approved.  (On PostgreSQL the triggers refuse a write
   * naming anyone but the session's login, so the cluster's superuser
   * disables the two tables' own triggers around it.) */
  g_clear_object (&fx->store);
  raw = test_util_open_raw (fx->path, TRUE);
  if (test_util_backend_is_postgres ())
    sql = g_strdup_printf ("ALTER TABLE ledger_entries DISABLE TRIGGER USER;"
                           "ALTER TABLE allocations DISABLE TRIGGER USER;"
                           "UPDATE ledger_entries SET reviewed_by = entered_by WHERE id = %"
                           PRId64 ";"
                           "UPDATE allocations SET updated_by = 'rita' WHERE id = %" PRId64 ";"
                           "ALTER TABLE ledger_entries ENABLE TRIGGER USER;"
                           "ALTER TABLE allocations ENABLE TRIGGER USER", e, a);
  else
    sql = g_strdup_printf ("UPDATE ledger_entries SET reviewed_by = entered_by WHERE id = %"
                           PRId64 ";"
                           "UPDATE allocations SET updated_by = 'rita' WHERE id = %"
                           PRId64, e, a);
  test_util_exec (raw, sql);
  g_free (sql);
  allot_db_close (raw);
  reopen (fx);

  findings = check (fx, "2026-01-01");
  g_assert_cmpuint (findings->len, ==, 2);
  assert_finding (findings, "self-approval", ALLOT_SEVERITY_ERROR, "ledger_entries", e,
                  "Entry INV-1", "approved by otto", NULL);
  {
    g_autofree char *label = g_strdup_printf ("Allocation %" PRId64, a);

    assert_finding (findings, "self-approval", ALLOT_SEVERITY_ERROR, "allocations", a, label,
                    "approved by rita", NULL);
  }
}

/* Errors come before warnings, whatever order the rules ran in. */
static void
test_order (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) findings = NULL;
  gint64 doj, a;

  /* immigration-legal-review (warning) on the source, and
   * forfeiture-no-esac-category (error) on its allocation. */
  doj = add_forfeiture (fx, "DOJ-ES", ALLOT_FORFEITURE_DOJ, 2000000);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AllotSource) source = allot_store_lookup_source (fx->store, doj, &error);

    g_assert_no_error (error);
    source->immigration = TRUE;
    g_assert_true (allot_store_update_source (fx->store, source, &error));
    g_assert_no_error (error);
  }
  a = approved_allocation (fx, doj, fx->sstf, fx->ot, 2026, 100000);
  findings = check (fx, "2026-01-01");
  g_assert_cmpuint (findings->len, ==, 2);
  g_assert_cmpstr (((AllotFinding *) findings->pdata[0])->rule->id, ==,
                   "forfeiture-no-esac-category");
  g_assert_cmpint (((AllotFinding *) findings->pdata[0])->record_id, ==, a);
  g_assert_cmpstr (((AllotFinding *) findings->pdata[1])->rule->id, ==,
                   "immigration-legal-review");
  g_assert_cmpint (((AllotFinding *) findings->pdata[1])->record_id, ==, doj);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/list", test_rule_list);
  g_test_add_func ("/rules/pending", test_rules_pending);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rules/clean", test_clean);
  ADD ("/rules/allocation-exceeds-authority", test_exceeds_authority);
  ADD ("/rules/allocation-overspent", test_overspent);
  ADD ("/rules/expenditure-outside-period", test_outside_period);
  ADD ("/rules/obligation-past-liquidation", test_liquidation);
  ADD ("/rules/grant-ending-unspent", test_ending_unspent);
  ADD ("/rules/forfeiture-no-esac-category", test_no_esac);
  ADD ("/rules/forfeiture-category-not-allowed", test_category_not_allowed);
  ADD ("/rules/forfeiture-salaries", test_salaries);
  ADD ("/rules/forfeiture-commingled", test_commingled);
  ADD ("/rules/match-behind-schedule", test_match_behind);
  ADD ("/rules/possible-supplanting", test_supplanting);
  ADD ("/rules/immigration-legal-review", test_immigration);
  ADD ("/rules/self-approval", test_self_approval);
  ADD ("/rules/order", test_order);
#undef ADD

  return g_test_run ();
}
