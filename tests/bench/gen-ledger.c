/* gen-ledger.c: creates a database holding a generated ledger of N entries.
 *
 *   gen-ledger DB N
 *
 * The same DB and N always give the same data (bench-data.c).  Reference
 * data (agencies, task forces, categories, sources, allocations) go through
 * the store's public API and its rules, allocations submitted by an officer
 * and approved by a reviewer.  The ledger itself takes a fast path: one
 * transaction of prepared INSERTs on the store's own connection, so that
 * the database's triggers (the audit log) still run but the per-entry checks
 * of allot_store_add_entry() do not; a million entries take about two
 * minutes (most of it the hash-chained audit log) instead of hours.  DB must not exist yet.
 */
#include "allot-config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-store-private.h"
#include "bench-data.h"

#define GEN_ADMIN    "gen.admin"
#define GEN_OFFICER  "gen.officer"
#define GEN_REVIEWER "gen.reviewer"

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("gen-ledger: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gint64
add_source (AllotStore        *store,
            const BenchSource *spec,
            gint64             agency_id,
            gint64             partner_id)
{
  g_autoptr(AllotSource) source = allot_source_new (spec->kind);
  g_autoptr(GError) error = NULL;

  source->code = g_strdup (spec->code);
  source->name = g_strdup_printf ("Generated %s", spec->code);
  source->agency_id = agency_id;
  switch (spec->kind)
    {
    case ALLOT_SOURCE_GRANT:
      source->u.grant.award_number = g_strdup_printf ("GEN-%s", spec->code);
      source->u.grant.assistance_listing = g_strdup ("16.738");
      source->u.grant.award_amount = G_GINT64_CONSTANT (500000000000);
      set_date (&source->u.grant.pop_start, BENCH_FIRST_FY - 1, 10, 1);
      set_date (&source->u.grant.pop_end, BENCH_LAST_FY, 9, 30);
      source->u.grant.indirect_rate_type = g_strdup ("none");
      source->u.grant.uniform_guidance = g_strdup ("2014");
      source->u.grant.reporting_frequency = g_strdup ("quarterly");
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      source->u.appropriation.fund_code = g_strdup ("0100");
      source->u.appropriation.program_code = g_strdup ("GEN-TF");
      source->u.appropriation.fiscal_year = spec->fiscal_year;
      source->u.appropriation.amount = G_GINT64_CONSTANT (50000000000);
      set_date (&source->u.appropriation.lapse_date, spec->fiscal_year, 9, 30);
      break;
    case ALLOT_SOURCE_AGREEMENT:
      source->u.agreement.agreement_number = g_strdup_printf ("GEN-%s", spec->code);
      source->u.agreement.partner_agency_id = partner_id;
      set_date (&source->u.agreement.term_start, BENCH_FIRST_FY - 1, 10, 1);
      set_date (&source->u.agreement.term_end, BENCH_LAST_FY, 9, 30);
      break;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      source->u.forfeiture.program = g_str_has_prefix (spec->code, "ES-DOJ")
                                     ? ALLOT_FORFEITURE_DOJ : ALLOT_FORFEITURE_TREASURY;
      break;
    }
  if (!allot_store_add_source (store, source, &error))
    die (spec->code, error);

  /* What makes agreements and forfeiture funds authorize money. */
  if (spec->kind == ALLOT_SOURCE_AGREEMENT)
    {
      g_autoptr(AllotContribution) c = allot_contribution_new ();

      c->source_id = source->id;
      c->side = ALLOT_SIDE_PARTNER;
      c->form = ALLOT_FORM_CASH;
      c->valuation = G_GINT64_CONSTANT (500000000000);
      c->description = g_strdup ("Reimbursable overtime (generated)");
      if (!allot_store_add_contribution (store, c, &error))
        die ("contribution", error);
    }
  else if (spec->kind == ALLOT_SOURCE_FORFEITURE)
    {
      g_autoptr(AllotReceipt) r = allot_receipt_new ();

      r->source_id = source->id;
      r->kind = ALLOT_RECEIPT_SHARING;
      set_date (&r->received_date, BENCH_FIRST_FY - 1, 10, 1);
      r->amount = G_GINT64_CONSTANT (500000000000);
      r->case_number = g_strdup_printf ("GEN-%s-1", spec->code);
      r->description = g_strdup ("Equitable sharing (generated)");
      if (!allot_store_add_receipt (store, r, &error))
        die ("receipt", error);
    }
  return source->id;
}

static void
add_reference_data (AllotStore  *store,
                    BenchLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) agency_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            g_free);
  g_autoptr(GArray) task_force_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const BenchAgency *agencies;
  const BenchTaskForce *tfs;
  const BenchCategory *categories;
  const BenchSource *sources;
  const BenchAllocation *allocations;
  guint n;

  allot_store_set_user (store, GEN_ADMIN);
  if (!allot_store_begin_batch (store, &error) ||
      !allot_store_set_setting (store, "jurisdiction", "Generated jurisdiction", &error) ||
      !allot_store_set_user_role (store, GEN_OFFICER, ALLOT_ROLE_OFFICER, &error) ||
      !allot_store_set_user_role (store, GEN_REVIEWER, ALLOT_ROLE_REVIEWER, &error))
    die ("settings", error);
  allot_store_set_user (store, GEN_OFFICER);

  agencies = bench_ledger_agencies (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AllotAgency) agency = allot_agency_new ();

      agency->code = g_strdup (agencies[i].code);
      agency->name = g_strdup (agencies[i].name);
      agency->level = agencies[i].level;
      if (!allot_store_add_agency (store, agency, &error))
        die (agencies[i].code, error);
      g_hash_table_insert (agency_ids, (gpointer) agencies[i].code,
                           g_memdup2 (&agency->id, sizeof agency->id));
    }

  tfs = bench_ledger_task_forces (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AllotTaskForce) tf = allot_task_force_new ();

      tf->code = g_strdup (tfs[i].code);
      tf->name = g_strdup (tfs[i].name);
      tf->lead_agency_id = *(gint64 *) g_hash_table_lookup (agency_ids, tfs[i].lead);
      set_date (&tf->start_date, BENCH_FIRST_FY - 2, 10, 1);
      if (!allot_store_add_task_force (store, tf, &error))
        die (tfs[i].code, error);
      g_array_append_val (task_force_ids, tf->id);
    }

  categories = bench_ledger_categories (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AllotCategory) category = allot_category_new ();

      category->code = g_strdup (categories[i].code);
      category->name = g_strdup (categories[i].name);
      category->sf424a_line = categories[i].line;
      if (!allot_store_add_category (store, category, &error))
        die (categories[i].code, error);
      g_array_append_val (category_ids, category->id);
    }

  sources = bench_ledger_sources (ledger, &n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = add_source (store, &sources[i],
                              *(gint64 *) g_hash_table_lookup (agency_ids,
                                  sources[i].kind == ALLOT_SOURCE_GRANT ? "DOJ-BJA" : "MPD"),
                              *(gint64 *) g_hash_table_lookup (agency_ids, "FBI"));
      g_array_append_val (source_ids, id);
    }

  allocations = bench_ledger_allocations (ledger, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AllotAllocation) allocation = allot_allocation_new ();

      allocation->source_id = g_array_index (source_ids, gint64, allocations[i].source);
      allocation->task_force_id = g_array_index (task_force_ids, gint64,
                                                 allocations[i].task_force);
      allocation->category_id = g_array_index (category_ids, gint64, allocations[i].category);
      allocation->fiscal_year = allocations[i].fiscal_year;
      allocation->amount = G_GINT64_CONSTANT (1000000000);
      allocation->status = ALLOT_STATUS_SUBMITTED;
      if (!allot_store_add_allocation (store, allocation, &error))
        die ("allocation", error);
      /* The ledger model numbers allocations 1, 2, ... */
      if (allocation->id != (gint64) i + 1)
        die ("allocation ids are not 1, 2, ...: the database was not empty", NULL);
      allot_store_set_user (store, GEN_REVIEWER);
      if (!allot_store_approve_allocation (store, allocation->id, &error))
        die ("approving an allocation", error);
      allot_store_set_user (store, GEN_OFFICER);
    }
  if (!allot_store_end_batch (store, TRUE, &error))
    die ("committing the reference data", error);
}

static void
add_entries (AllotStore  *store,
             BenchLedger *ledger,
             guint64      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStmt) stmt = NULL;
  BenchEntry e;
  guint64 done = 0;

  if (!allot_db_exec (store->db, "PRAGMA synchronous = OFF", &error) ||
      !allot_db_exec (store->db, "PRAGMA cache_size = -65536", &error) ||
      !allot_db_exec (store->db, "BEGIN IMMEDIATE", &error))
    die ("starting the ledger", error);
  stmt = allot_db_prepare (store->db,
      "INSERT INTO ledger_entries (id, allocation_id, kind, amount, entry_date, paid_date,"
      " obligation_id, document_number, payee, description, status, immigration, entered_by,"
      " entered_at, voided, voided_by, voided_at, void_reason, reviewed_by, reviewed_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13, ?14, ?15, ?16, ?17,"
      " ?18, ?19)",
      &error);
  if (stmt == NULL)
    die ("preparing the ledger insert", error);

  while (bench_ledger_next (ledger, &e))
    {
      g_autofree char *entered_at = g_strdup_printf ("%sT12:00:00.000Z", e.entry_date);

      allot_stmt_bind_int64 (stmt, 1, e.id);
      allot_stmt_bind_int64 (stmt, 2, e.allocation_id);
      allot_stmt_bind_text (stmt, 3, allot_entry_kind_to_string (e.kind), -1, ALLOT_BIND_STATIC);
      allot_stmt_bind_int64 (stmt, 4, e.amount);
      allot_stmt_bind_text (stmt, 5, e.entry_date, -1, ALLOT_BIND_COPY);
      if (e.paid_date[0] != '\0')
        allot_stmt_bind_text (stmt, 6, e.paid_date, -1, ALLOT_BIND_COPY);
      else
        allot_stmt_bind_null (stmt, 6);
      if (e.obligation_id != 0)
        allot_stmt_bind_int64 (stmt, 7, e.obligation_id);
      else
        allot_stmt_bind_null (stmt, 7);
      allot_stmt_bind_text (stmt, 8, e.document, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 9, e.payee, -1, ALLOT_BIND_STATIC);
      allot_stmt_bind_text (stmt, 10, e.description, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 11, allot_status_to_string (e.status), -1, ALLOT_BIND_STATIC);
      allot_stmt_bind_text (stmt, 12, e.entered_by, -1, ALLOT_BIND_STATIC);
      allot_stmt_bind_text (stmt, 13, entered_at, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_int (stmt, 14, e.voided ? 1 : 0);
      if (e.voided)
        {
          allot_stmt_bind_text (stmt, 15, GEN_REVIEWER, -1, ALLOT_BIND_STATIC);
          allot_stmt_bind_text (stmt, 16, entered_at, -1, ALLOT_BIND_COPY);
          allot_stmt_bind_text (stmt, 17, "Entered twice (generated)", -1, ALLOT_BIND_STATIC);
        }
      else
        {
          allot_stmt_bind_null (stmt, 15);
          allot_stmt_bind_null (stmt, 16);
          allot_stmt_bind_null (stmt, 17);
        }
      /* Approved entries were approved by someone other than who entered
       * them (the generated users never include the reviewer), as the
       * four-eyes rule wants; otherwise every row is a self-approval
       * finding and "allot-cli check" measures only its reporting. */
      if (e.status == ALLOT_STATUS_APPROVED)
        {
          allot_stmt_bind_text (stmt, 18, GEN_REVIEWER, -1, ALLOT_BIND_STATIC);
          allot_stmt_bind_text (stmt, 19, entered_at, -1, ALLOT_BIND_COPY);
        }
      else
        {
          allot_stmt_bind_null (stmt, 18);
          allot_stmt_bind_null (stmt, 19);
        }
      if (!allot_db_step_done (store->db, stmt, &error))
        die (e.document, error);
      allot_stmt_reset (stmt);
      if (++done % 100000 == 0)
        g_printerr ("gen-ledger: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " entries\n", done,
                    n);
    }
  if (!allot_db_exec (store->db, "COMMIT", &error) ||
      !allot_db_exec (store->db, "PRAGMA synchronous = FULL", &error))
    die ("committing the ledger", error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  BenchLedger *ledger;
  guint64 n;
  char *end = NULL;
  gint64 start = g_get_monotonic_time ();

  if (argc != 3)
    {
      g_printerr ("usage: gen-ledger DB N\n");
      return 2;
    }
  n = g_ascii_strtoull (argv[2], &end, 10);
  if (end == argv[2] || *end != '\0' || n == 0)
    {
      g_printerr ("gen-ledger: N must be a positive number, not “%s”\n", argv[2]);
      return 2;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("gen-ledger: %s exists; give the name of a new database\n", argv[1]);
      return 1;
    }
  store = allot_store_open (argv[1], ALLOT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    die (argv[1], error);

  ledger = bench_ledger_new (n);
  add_reference_data (store, ledger);
  add_entries (store, ledger, n);
  bench_ledger_free (ledger);
  g_print ("gen-ledger: %" G_GUINT64_FORMAT " entries written to %s in %.1f s\n", n, argv[1],
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
