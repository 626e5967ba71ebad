/* allot-import-kinds.c: the four kinds of record a CSV file can bring in:
 * sources, allocations, ledger entries and forfeiture receipts.
 *
 * Each row is read cell by cell (every bad cell is reported, not only the
 * first), its codes are looked up (an unknown code is an error on that
 * cell, never a silent new record), its natural key is checked for a
 * duplicate, and the record goes to the store's own add function, so that
 * the rules of hand entry apply.  The lookups that the store's interface does
 * not offer (an allocation by its four codes, an entry by document number, a
 * receipt by its contents) are here, beside the only code that needs them.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-import-private.h"
#include "allot-money.h"
#include "allot-store-private.h"

/* ---- lookups ---- */

typedef struct {
  GHashTable *sources;       /* code -> gint64* id (0: none) */
  GHashTable *task_forces;
  GHashTable *categories;
  GHashTable *agencies;
  GHashTable *allocations;   /* AllocationKey* -> gint64* id (0: none) */
  GHashTable *open_months;   /* year * 12 + month of periods found open */
} KindState;

/* An allocation by its four codes' ids: looked up for every ledger row,
 * without formatting a string each time. */
typedef struct {
  gint64 source_id, task_force_id, category_id;
  int fiscal_year;
} AllocationKey;

static guint
allocation_key_hash (gconstpointer p)
{
  const AllocationKey *k = p;
  guint64 h = (guint64) k->source_id * 1000003u;

  h = (h ^ (guint64) k->task_force_id) * 1000003u;
  h = (h ^ (guint64) k->category_id) * 1000003u;
  h ^= (guint64) (guint) k->fiscal_year;
  return (guint) (h ^ (h >> 32));
}

static gboolean
allocation_key_equal (gconstpointer a,
                      gconstpointer b)
{
  const AllocationKey *x = a, *y = b;

  return x->source_id == y->source_id && x->task_force_id == y->task_force_id &&
         x->category_id == y->category_id && x->fiscal_year == y->fiscal_year;
}

static gpointer
state_new (void)
{
  KindState *state = g_new0 (KindState, 1);

  state->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->task_forces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->allocations = g_hash_table_new_full (allocation_key_hash, allocation_key_equal, g_free,
                                              g_free);
  state->open_months = g_hash_table_new (NULL, NULL);
  return state;
}

static void
state_free (gpointer data)
{
  KindState *state = data;

  g_hash_table_unref (state->sources);
  g_hash_table_unref (state->task_forces);
  g_hash_table_unref (state->categories);
  g_hash_table_unref (state->agencies);
  g_hash_table_unref (state->allocations);
  g_hash_table_unref (state->open_months);
  g_free (state);
}

typedef enum {
  CODE_SOURCE,
  CODE_TASK_FORCE,
  CODE_CATEGORY,
  CODE_AGENCY,
} CodeKind;

/* The id of the record with @code, 0 when there is none; -1 when the
 * database failed (@error set). */
static gint64
lookup_code (AllotStore  *store,
             KindState   *state,
             CodeKind     kind,
             const char  *code,
             GError     **error)
{
  static const char *const names[] = {
    "SELECT id FROM sources WHERE code = ?1",
    "SELECT id FROM task_forces WHERE code = ?1",
    "SELECT id FROM categories WHERE code = ?1",
    "SELECT id FROM agencies WHERE code = ?1",
  };
  GHashTable *cache = kind == CODE_SOURCE ? state->sources
                      : kind == CODE_TASK_FORCE ? state->task_forces
                      : kind == CODE_CATEGORY ? state->categories : state->agencies;
  gint64 *cached = g_hash_table_lookup (cache, code);
  AllotStmt *stmt;
  gint64 id = 0;

  if (cached != NULL)
    return *cached;
  stmt = allot_store_statement (store, names[kind], error);
  if (stmt == NULL)
    return -1;
  allot_stmt_bind_text (stmt, 1, code, -1, ALLOT_BIND_COPY);
  if (!allot_db_query_int64 (store->db, stmt, &id, error))
    return -1;
  /* Sources are added by the sources import itself: only remember those
   * that exist, so a code added earlier in the file is found. */
  if (id != 0 || kind != CODE_SOURCE)
    g_hash_table_insert (cache, g_strdup (code), g_memdup2 (&id, sizeof id));
  return id;
}

/* Looks up the code in @field; records the error on it when there is no such
 * record.  Returns the id, 0 when the cell is empty or unknown, -1 when the
 * database failed. */
static gint64
code_field (AllotImporter *importer,
            AllotStore    *store,
            KindState     *state,
            guint          field,
            CodeKind       kind,
            gboolean       required,
            gboolean      *ok)
{
  static const char *const what[] = { N_("no funding source has this code"),
                                      N_("no task force has this code"),
                                      N_("no cost category has this code"),
                                      N_("no agency has this code") };
  g_autofree char *code = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!allot_import_code (importer, field, required, &code))
    {
      *ok = FALSE;
      return 0;
    }
  if (code == NULL)
    return 0;
  id = lookup_code (store, state, kind, code, &error);
  if (id < 0)
    {
      allot_import_fail_store (importer, error);
      return -1;
    }
  if (id == 0)
    {
      allot_import_fail (importer, field, "%s", _(what[kind]));
      *ok = FALSE;
    }
  return id;
}

/* A row stopped by a failing database, or by a failed lookup. */
#define ABORT_IF_FAILED(id) G_STMT_START { if ((id) < 0) return ALLOT_IMPORT_ROW_ABORT; } G_STMT_END

static gboolean
query_id_amount (AllotStore   *store,
                 AllotStmt *stmt,
                 gint64       *out_id,
                 gint64       *out_amount,
                 GError      **error)
{
  int rc = allot_stmt_step (stmt);

  *out_id = 0;
  *out_amount = 0;
  if (rc == ALLOT_DB_ROW)
    {
      *out_id = allot_stmt_column_int64 (stmt, 0);
      *out_amount = allot_stmt_column_int64 (stmt, 1);
      rc = ALLOT_DB_DONE;
    }
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (store->db, rc, error, "Import lookup");
      return FALSE;
    }
  return TRUE;
}

static char *
differs (gint64 stored,
         gint64 read)
{
  g_autofree char *text = NULL;

  if (stored == read)
    return g_strdup ("");
  text = allot_money_format_plain (stored);
  return g_strdup_printf (_(" (stored with the amount %s)"), text);
}

#define CHOICE_FN(fn) ((gboolean (*) (const char *, int *)) (gpointer) (fn))

/* ---- sources ---- */

enum {
  S_CODE, S_KIND, S_NAME, S_AGENCY, S_NOTES, S_IMMIGRATION,
  S_AWARD_NUMBER, S_LISTING, S_AMOUNT, S_START, S_END, S_MATCH, S_INDIRECT_RATE,
  S_INDIRECT_TYPE, S_INDIRECT_BASE, S_GUIDANCE, S_FREQUENCY,
  S_FUND, S_PROGRAM, S_FISCAL_YEAR, S_LAPSE_DATE,
  S_AGREEMENT_NUMBER, S_PARTNER, S_TERMS,
};

static const AllotImportField source_fields[] = {
  { "code", "source code|source id|source|fund source", TRUE },
  { "kind", "type|source kind|source type|funding type", TRUE },
  { "name", "source name|title", TRUE },
  { "agency", "agency code|awarding agency|recipient agency", FALSE },
  { "notes", "note|comments|comment|memo", FALSE },
  { "immigration", "immigration flag|immigration enforcement|legal review", FALSE },
  { "award_number", "award no|award|award id|grant number|grant no|federal award number", FALSE },
  { "assistance_listing", "assistance listing number|listing|cfda|cfda number|cfda no|aln",
    FALSE },
  { "amount", "amt|award amount|appropriated amount|appropriation amount|total amount|total",
    FALSE },
  { "start", "start date|pop start|period start|term start|begin date|begins", FALSE },
  { "end", "end date|pop end|period end|term end|ends", FALSE },
  { "match", "match required|required match|cost share|recipient share", FALSE },
  { "indirect_rate", "indirect cost rate|idc rate|indirect", FALSE },
  { "indirect_type", "indirect rate type|idc type", FALSE },
  { "indirect_base", "indirect cost base|idc base", FALSE },
  { "guidance", "uniform guidance|ug", FALSE },
  { "frequency", "reporting frequency|reports", FALSE },
  { "fund", "fund code", FALSE },
  { "program", "program code|forfeiture program|sharing program", FALSE },
  { "fiscal_year", "fy|year|budget year", FALSE },
  { "lapse_date", "lapse|lapses|lapses on", FALSE },
  { "agreement_number", "agreement no|agreement|mou number|moa number|agreement id", FALSE },
  { "partner", "partner agency|federal partner|partner code", FALSE },
  { "terms", "reimbursement terms|reimbursement", FALSE },
  { NULL }
};

/* "15", "15%", "15.25 %" as basis points. */
static gboolean
indirect_rate (AllotImporter *importer,
               guint         *out)
{
  const char *text = allot_import_cell (importer, S_INDIRECT_RATE);
  g_autofree char *number = NULL;
  gint64 bp = 0;
  char *percent;

  *out = 0;
  if (text == NULL)
    return TRUE;
  number = g_strstrip (g_strdup (text));
  percent = strchr (number, '%');
  if (percent != NULL && percent[1] == '\0')
    *percent = '\0';
  /* Hundredths of a percent are what the money parser reads as cents. */
  if (!allot_money_parse (number, &bp, NULL) || bp < 0 || bp > 10000)
    {
      allot_import_fail (importer, S_INDIRECT_RATE, _("is not a percentage from 0 to 100"));
      return FALSE;
    }
  *out = (guint) bp;
  return TRUE;
}

static gboolean
read_grant (AllotImporter    *importer,
            AllotGrantFields *g)
{
  gboolean ok = TRUE;

  ok &= allot_import_code (importer, S_AWARD_NUMBER, TRUE, &g->award_number);
  ok &= allot_import_code (importer, S_LISTING, TRUE, &g->assistance_listing);
  ok &= allot_import_money (importer, S_AMOUNT, TRUE, &g->award_amount);
  ok &= allot_import_date (importer, S_START, TRUE, &g->pop_start);
  ok &= allot_import_date (importer, S_END, TRUE, &g->pop_end);
  ok &= allot_import_money (importer, S_MATCH, FALSE, &g->match_required);
  ok &= indirect_rate (importer, &g->indirect_rate_bp);
  ok &= allot_import_code (importer, S_INDIRECT_TYPE, FALSE, &g->indirect_rate_type);
  ok &= allot_import_text (importer, S_INDIRECT_BASE, FALSE, &g->indirect_base);
  ok &= allot_import_code (importer, S_GUIDANCE, FALSE, &g->uniform_guidance);
  ok &= allot_import_code (importer, S_FREQUENCY, FALSE, &g->reporting_frequency);
  if (g->reporting_frequency != NULL)
    {
      /* "Semi-Annual" is "semiannual". */
      char *w = g->reporting_frequency;

      for (const char *r = g->reporting_frequency; *r != '\0'; r++)
        if (*r != ' ' && *r != '-' && *r != '_')
          *w++ = g_ascii_tolower (*r);
      *w = '\0';
    }
  if (g->indirect_rate_type != NULL)
    {
      char *lower = g_ascii_strdown (g->indirect_rate_type, -1);
      g_free (g->indirect_rate_type);
      g->indirect_rate_type = g_strdelimit (lower, " -", '_');
    }
  return ok;
}

static gboolean
read_appropriation (AllotImporter            *importer,
                    AllotAppropriationFields *p)
{
  gboolean ok = TRUE;

  ok &= allot_import_code (importer, S_FUND, TRUE, &p->fund_code);
  ok &= allot_import_code (importer, S_PROGRAM, TRUE, &p->program_code);
  ok &= allot_import_fiscal_year (importer, S_FISCAL_YEAR, TRUE, &p->fiscal_year);
  ok &= allot_import_money (importer, S_AMOUNT, TRUE, &p->amount);
  ok &= allot_import_date (importer, S_LAPSE_DATE, TRUE, &p->lapse_date);
  return ok;
}

static AllotImportRowResult
import_source (AllotImporter *importer,
               AllotStore    *store,
               gpointer       data)
{
  KindState *state = data;
  g_autoptr(AllotSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  AllotSourceKind kind = ALLOT_SOURCE_GRANT;
  gboolean ok = TRUE, have_kind;
  gint64 id;

  ok &= allot_import_code (importer, S_CODE, TRUE, &code);
  have_kind = allot_import_choice (importer, S_KIND, TRUE, CHOICE_FN (allot_source_kind_from_string),
                                   "federal_grant=grant|award=grant|state_appropriation="
                                   "appropriation|local_funds=appropriation|mou=agreement|"
                                   "moa=agreement|resource_sharing=agreement|"
                                   "resource_sharing_agreement=agreement|forfeiture_fund="
                                   "forfeiture|equitable_sharing=forfeiture",
                                   "grant, appropriation, agreement, forfeiture", (int *) &kind);
  ok &= have_kind;

  if (code != NULL)
    {
      id = lookup_code (store, state, CODE_SOURCE, code, &error);
      ABORT_IF_FAILED (id);
      if (id != 0)
        return allot_import_duplicate (importer, S_CODE, id, _("source %s"), code);
    }

  source = allot_source_new (kind);
  source->code = g_steal_pointer (&code);
  ok &= allot_import_text (importer, S_NAME, TRUE, &source->name);
  ok &= allot_import_text (importer, S_NOTES, FALSE, &source->notes);
  ok &= allot_import_bool (importer, S_IMMIGRATION, &source->immigration);
  source->agency_id = code_field (importer, store, state, S_AGENCY, CODE_AGENCY, FALSE, &ok);
  ABORT_IF_FAILED (source->agency_id);
  if (!have_kind)
    return ALLOT_IMPORT_ROW_FAILED;

  switch (kind)
    {
    case ALLOT_SOURCE_GRANT:
      ok &= read_grant (importer, &source->u.grant);
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      ok &= read_appropriation (importer, &source->u.appropriation);
      break;
    case ALLOT_SOURCE_AGREEMENT:
      {
        AllotAgreementFields *a = &source->u.agreement;

        ok &= allot_import_code (importer, S_AGREEMENT_NUMBER, TRUE, &a->agreement_number);
        ok &= allot_import_date (importer, S_START, TRUE, &a->term_start);
        ok &= allot_import_date (importer, S_END, TRUE, &a->term_end);
        ok &= allot_import_text (importer, S_TERMS, FALSE, &a->reimbursement_terms);
        a->partner_agency_id = code_field (importer, store, state, S_PARTNER, CODE_AGENCY, TRUE,
                                           &ok);
        ABORT_IF_FAILED (a->partner_agency_id);
        break;
      }
    case ALLOT_SOURCE_FORFEITURE:
    default:
      ok &= allot_import_choice (importer, S_PROGRAM, TRUE,
                                 CHOICE_FN (allot_forfeiture_program_from_string),
                                 "justice=doj|department_of_justice=doj|treasury_forfeiture_fund="
                                 "treasury|tff=treasury|local=state",
                                 "doj, treasury, state", (int *) &source->u.forfeiture.program);
      break;
    }
  if (!ok)
    return ALLOT_IMPORT_ROW_FAILED;
  if (!allot_store_add_source (store, source, &error))
    return allot_import_fail_store (importer, error);
  {
    /* Later rows (and later imports) find it. */
    gint64 *cached = g_memdup2 (&source->id, sizeof source->id);
    g_hash_table_replace (state->sources, g_strdup (source->code), cached);
  }
  return allot_import_added (importer, source->id, _("%s %s “%s”"),
                             allot_source_kind_to_string (kind), source->code, source->name);
}

/* ---- allocations ---- */

enum { A_SOURCE, A_TASK_FORCE, A_CATEGORY, A_FISCAL_YEAR, A_AMOUNT, A_DESCRIPTION, A_STATUS };

#define SOURCE_ALIASES "source code|funding source|fund source|source id|grant|fund"
#define TASK_FORCE_ALIASES "task force code|taskforce|tf|tf code|task force id"
#define CATEGORY_ALIASES \
  "category code|cost category|budget category|object class|cost category code|line item"
#define FISCAL_YEAR_ALIASES "fy|year|budget year|fiscal yr"
#define STATUS_ALIASES "review status|approval status|state"

static const AllotImportField allocation_fields[] = {
  { "source", SOURCE_ALIASES, TRUE },
  { "task_force", TASK_FORCE_ALIASES, TRUE },
  { "category", CATEGORY_ALIASES, TRUE },
  { "fiscal_year", FISCAL_YEAR_ALIASES, TRUE },
  { "amount", "amt|allocation|allocated|allocation amount|allocated amount|budget|budget amount",
    TRUE },
  { "description", "desc|memo|notes|note|purpose", FALSE },
  { "status", STATUS_ALIASES, FALSE },
  { NULL }
};

static gint64
lookup_allocation (AllotStore  *store,
                   KindState   *state,
                   gint64       source_id,
                   gint64       task_force_id,
                   gint64       category_id,
                   int          fiscal_year,
                   gint64      *out_amount,
                   gboolean     use_cache,
                   GError     **error)
{
  AllocationKey key = { source_id, task_force_id, category_id, fiscal_year };
  AllotStmt *stmt;
  gint64 id = 0, amount = 0;

  if (use_cache)
    {
      gint64 *cached = g_hash_table_lookup (state->allocations, &key);

      if (cached != NULL)
        return *cached;
    }
  stmt = allot_store_statement (store,
      "SELECT id, amount FROM allocations WHERE source_id = ?1 AND task_force_id = ?2"
      " AND category_id = ?3 AND fiscal_year = ?4 AND voided = 0", error);
  if (stmt == NULL)
    return -1;
  allot_stmt_bind_int64 (stmt, 1, source_id);
  allot_stmt_bind_int64 (stmt, 2, task_force_id);
  allot_stmt_bind_int64 (stmt, 3, category_id);
  allot_stmt_bind_int (stmt, 4, fiscal_year);
  if (!query_id_amount (store, stmt, &id, &amount, error))
    return -1;
  if (out_amount != NULL)
    *out_amount = amount;
  if (use_cache)
    g_hash_table_insert (state->allocations, g_memdup2 (&key, sizeof key),
                         g_memdup2 (&id, sizeof id));
  return id;
}

static AllotImportRowResult
import_allocation (AllotImporter *importer,
                   AllotStore    *store,
                   gpointer       data)
{
  KindState *state = data;
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gint64 existing, stored_amount = 0;

  allocation->source_id = code_field (importer, store, state, A_SOURCE, CODE_SOURCE, TRUE, &ok);
  ABORT_IF_FAILED (allocation->source_id);
  allocation->task_force_id = code_field (importer, store, state, A_TASK_FORCE, CODE_TASK_FORCE,
                                          TRUE, &ok);
  ABORT_IF_FAILED (allocation->task_force_id);
  allocation->category_id = code_field (importer, store, state, A_CATEGORY, CODE_CATEGORY, TRUE,
                                        &ok);
  ABORT_IF_FAILED (allocation->category_id);
  ok &= allot_import_fiscal_year (importer, A_FISCAL_YEAR, TRUE, &allocation->fiscal_year);
  ok &= allot_import_money (importer, A_AMOUNT, TRUE, &allocation->amount);
  ok &= allot_import_text (importer, A_DESCRIPTION, FALSE, &allocation->description);
  ok &= allot_import_choice (importer, A_STATUS, FALSE, CHOICE_FN (allot_status_from_string),
                             "pending=submitted|for_review=submitted", "draft, submitted",
                             (int *) &allocation->status);
  if (!ok)
    return ALLOT_IMPORT_ROW_FAILED;

  existing = lookup_allocation (store, state, allocation->source_id, allocation->task_force_id,
                                allocation->category_id, allocation->fiscal_year, &stored_amount,
                                FALSE, &error);
  if (existing < 0)
    return allot_import_fail_store (importer, error);
  if (existing > 0)
    {
      g_autofree char *note = differs (stored_amount, allocation->amount);

      return allot_import_duplicate (importer, A_SOURCE, existing,
                                     _("the allocation of %s to %s, %s, FY%d%s"),
                                     allot_import_cell (importer, A_SOURCE),
                                     allot_import_cell (importer, A_TASK_FORCE),
                                     allot_import_cell (importer, A_CATEGORY),
                                     allocation->fiscal_year, note);
    }
  if (!allot_store_add_allocation (store, allocation, &error))
    return allot_import_fail_store (importer, error);
  if (!allot_import_keeps_summaries (importer))
    return allot_import_added (importer, allocation->id, "%s", "");
  {
    g_autofree char *amount = allot_money_format_plain (allocation->amount);
    g_autofree char *source = g_strstrip (g_strdup (allot_import_cell (importer, A_SOURCE)));
    g_autofree char *tf = g_strstrip (g_strdup (allot_import_cell (importer, A_TASK_FORCE)));
    g_autofree char *category = g_strstrip (g_strdup (allot_import_cell (importer, A_CATEGORY)));

    return allot_import_added (importer, allocation->id, _("allocation %s from %s to %s, %s, FY%d"),
                               amount, source, tf, category, allocation->fiscal_year);
  }
}

/* ---- ledger entries ---- */

enum {
  L_KIND, L_DATE, L_PAID_DATE, L_AMOUNT, L_DOCUMENT, L_PAYEE, L_DESCRIPTION,
  L_SOURCE, L_TASK_FORCE, L_CATEGORY, L_FISCAL_YEAR, L_OBLIGATION, L_STATUS, L_IMMIGRATION,
};

static const AllotImportField ledger_fields[] = {
  { "kind", "type|entry type|entry kind|transaction type|trans type|transaction kind", TRUE },
  { "date", "entry date|transaction date|trans date|posting date|post date|obligation date|"
            "date incurred|incurred date|incurred|document date|doc date", TRUE },
  { "paid_date", "date paid|payment date|paid|paid on|check date|disbursement date", FALSE },
  { "amount", "amt|transaction amount|trans amount|trans amt|net amount|value|sum", TRUE },
  { "document_number", "document|document no|doc|doc no|doc number|document id|reference|ref|"
                       "ref no|reference number|voucher|voucher number|voucher no|invoice|"
                       "invoice number|invoice no", TRUE },
  { "payee", "vendor|vendor name|payee name|supplier|paid to", FALSE },
  { "description", "desc|memo|details|narrative|purpose|notes|note", FALSE },
  { "source", SOURCE_ALIASES, TRUE },
  { "task_force", TASK_FORCE_ALIASES, TRUE },
  { "category", CATEGORY_ALIASES, TRUE },
  { "fiscal_year", FISCAL_YEAR_ALIASES, TRUE },
  { "obligation", "obligation document|obligation document number|obligation number|"
                  "obligation no|obligation doc|liquidates|po|po number|purchase order|"
                  "encumbrance|encumbrance number", FALSE },
  { "status", STATUS_ALIASES, FALSE },
  { "immigration", "immigration flag|immigration enforcement|legal review", FALSE },
  { NULL }
};

/* The id and amount of the entry of @kind with @document that is not voided. */
static gint64
lookup_entry (AllotStore      *store,
              AllotEntryKind   kind,
              const char      *document,
              gint64          *out_amount,
              GError         **error)
{
  AllotStmt *stmt;
  gint64 id = 0, amount = 0;

  stmt = allot_store_statement (store,
      "SELECT id, amount FROM ledger_entries WHERE kind = ?1 AND document_number = ?2"
      " AND voided = 0", error);
  if (stmt == NULL)
    return -1;
  allot_stmt_bind_text (stmt, 1, allot_entry_kind_to_string (kind), -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_text (stmt, 2, document, -1, ALLOT_BIND_COPY);
  if (!query_id_amount (store, stmt, &id, &amount, error))
    return -1;
  if (out_amount != NULL)
    *out_amount = amount;
  return id;
}

static AllotImportRowResult
import_entry (AllotImporter *importer,
              AllotStore    *store,
              gpointer       data)
{
  KindState *state = data;
  g_autoptr(AllotLedgerEntry) entry = allot_ledger_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *obligation = NULL;
  gboolean ok = TRUE, have_kind;
  gint64 source_id, tf_id, category_id, existing, stored_amount = 0;
  int fiscal_year = 0;

  have_kind = allot_import_choice (importer, L_KIND, TRUE, CHOICE_FN (allot_entry_kind_from_string),
                                   "encumbrance=obligation|commitment=obligation|"
                                   "purchase_order=obligation|expense=expenditure|"
                                   "payment=expenditure|outlay=expenditure|"
                                   "disbursement=expenditure|adj=adjustment|"
                                   "correction=adjustment|deobligation=adjustment",
                                   "obligation, expenditure, adjustment", (int *) &entry->kind);
  ok &= have_kind;
  ok &= allot_import_date (importer, L_DATE, TRUE, &entry->entry_date);
  ok &= allot_import_date (importer, L_PAID_DATE, FALSE, &entry->paid_date);
  ok &= allot_import_money (importer, L_AMOUNT, TRUE, &entry->amount);
  ok &= allot_import_code (importer, L_DOCUMENT, TRUE, &entry->document_number);
  ok &= allot_import_text (importer, L_PAYEE, FALSE, &entry->payee);
  ok &= allot_import_text (importer, L_DESCRIPTION, FALSE, &entry->description);
  ok &= allot_import_code (importer, L_OBLIGATION, FALSE, &obligation);
  ok &= allot_import_choice (importer, L_STATUS, FALSE, CHOICE_FN (allot_status_from_string),
                             "pending=submitted|for_review=submitted", "draft, submitted", (int *) &entry->status);
  ok &= allot_import_bool (importer, L_IMMIGRATION, &entry->immigration);
  source_id = code_field (importer, store, state, L_SOURCE, CODE_SOURCE, TRUE, &ok);
  ABORT_IF_FAILED (source_id);
  tf_id = code_field (importer, store, state, L_TASK_FORCE, CODE_TASK_FORCE, TRUE, &ok);
  ABORT_IF_FAILED (tf_id);
  category_id = code_field (importer, store, state, L_CATEGORY, CODE_CATEGORY, TRUE, &ok);
  ABORT_IF_FAILED (category_id);
  ok &= allot_import_fiscal_year (importer, L_FISCAL_YEAR, TRUE, &fiscal_year);

  if (!ok)
    return ALLOT_IMPORT_ROW_FAILED;
  existing = lookup_entry (store, entry->kind, entry->document_number, &stored_amount, &error);
      if (existing < 0)
        return allot_import_fail_store (importer, error);
      if (existing > 0)
        {
          g_autofree char *note = differs (stored_amount, entry->amount);

      return allot_import_duplicate (importer, L_DOCUMENT, existing, _("%s %s%s"),
                                     allot_entry_kind_to_string (entry->kind),
                                     entry->document_number, note);
    }

  entry->allocation_id = lookup_allocation (store, state, source_id, tf_id, category_id,
                                            fiscal_year, NULL, TRUE, &error);
  if (entry->allocation_id < 0)
    return allot_import_fail_store (importer, error);
  if (entry->allocation_id == 0)
    {
      allot_import_fail (importer, L_SOURCE,
                         _("%s has no allocation to %s, %s in FY%d"),
                         allot_import_cell (importer, L_SOURCE),
                         allot_import_cell (importer, L_TASK_FORCE),
                         allot_import_cell (importer, L_CATEGORY), fiscal_year);
      return ALLOT_IMPORT_ROW_FAILED;
    }
  if (obligation != NULL)
    {
      if (entry->kind == ALLOT_ENTRY_OBLIGATION)
        {
          allot_import_fail (importer, L_OBLIGATION,
                             _("an obligation cannot liquidate another obligation"));
          return ALLOT_IMPORT_ROW_FAILED;
        }
      entry->obligation_id = lookup_entry (store, ALLOT_ENTRY_OBLIGATION, obligation, NULL,
                                           &error);
      if (entry->obligation_id < 0)
        return allot_import_fail_store (importer, error);
      if (entry->obligation_id == 0)
        {
          allot_import_fail (importer, L_OBLIGATION,
                             _("no obligation has this document number"));
          return ALLOT_IMPORT_ROW_FAILED;
        }
    }

  if (!allot_store_import_entry (store, entry, state->open_months, &error))
    return allot_import_fail_store (importer, error);
  if (!allot_import_keeps_summaries (importer))
    return allot_import_added (importer, entry->id, "%s", "");
  {
    g_autofree char *amount = allot_money_format_plain (entry->amount);
    g_autofree char *date = allot_date_format_iso (&entry->entry_date);

    return allot_import_added (importer, entry->id, _("%s %s of %s on %s to %s/%s/%s/FY%d"),
                               allot_entry_kind_to_string (entry->kind), entry->document_number,
                               amount, date, allot_import_cell (importer, L_SOURCE),
                               allot_import_cell (importer, L_TASK_FORCE),
                               allot_import_cell (importer, L_CATEGORY), fiscal_year);
  }
}

/* ---- forfeiture receipts ---- */

enum { R_SOURCE, R_DATE, R_AMOUNT, R_CASE, R_KIND, R_DESCRIPTION };

static const AllotImportField receipt_fields[] = {
  { "source", "source code|forfeiture fund|fund|fund code|forfeiture source", TRUE },
  { "date", "received|received date|date received|receipt date|deposit date|deposited", TRUE },
  { "amount", "amt|receipt amount|amount received|transaction amount|deposit amount", TRUE },
  { "case_number", "case|case no|asset number|asset id|asset no|case asset number|"
                   "cats id|cats number", FALSE },
  { "kind", "type|receipt type|receipt kind", FALSE },
  { "description", "desc|memo|notes|note|details", FALSE },
  { NULL }
};

static gint64
lookup_receipt (AllotStore          *store,
                const AllotReceipt  *receipt,
                GError             **error)
{
  AllotStmt *stmt;
  gint64 id = 0, unused = 0;

  stmt = allot_store_statement (store,
      "SELECT id, amount FROM receipts WHERE source_id = ?1 AND kind = ?2"
      " AND received_date = ?3 AND amount = ?4 AND case_number IS NOT DISTINCT FROM ?5 AND voided = 0", error);
  if (stmt == NULL)
    return -1;
  allot_stmt_bind_int64 (stmt, 1, receipt->source_id);
  allot_stmt_bind_text (stmt, 2, allot_receipt_kind_to_string (receipt->kind), -1, ALLOT_BIND_STATIC);
  allot_db_bind_date (stmt, 3, &receipt->received_date);
  allot_stmt_bind_int64 (stmt, 4, receipt->amount);
  allot_db_bind_text_or_null (stmt, 5, receipt->case_number);
  if (!query_id_amount (store, stmt, &id, &unused, error))
    return -1;
  return id;
}

static AllotImportRowResult
import_receipt (AllotImporter *importer,
                AllotStore    *store,
                gpointer       data)
{
  KindState *state = data;
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gint64 existing;

  receipt->kind = ALLOT_RECEIPT_SHARING;
  receipt->source_id = code_field (importer, store, state, R_SOURCE, CODE_SOURCE, TRUE, &ok);
  ABORT_IF_FAILED (receipt->source_id);
  ok &= allot_import_date (importer, R_DATE, TRUE, &receipt->received_date);
  ok &= allot_import_money (importer, R_AMOUNT, TRUE, &receipt->amount);
  ok &= allot_import_choice (importer, R_KIND, FALSE, CHOICE_FN (allot_receipt_kind_from_string),
                             "equitable_sharing=sharing|share=sharing|transfer=transfer_in|"
                             "transferin=transfer_in|interest_income=interest|"
                             "other_income=other",
                             "sharing, transfer_in, other, interest", (int *) &receipt->kind);
  ok &= allot_import_code (importer, R_CASE, receipt->kind != ALLOT_RECEIPT_INTEREST,
                           &receipt->case_number);
  ok &= allot_import_text (importer, R_DESCRIPTION, FALSE, &receipt->description);
  if (!ok)
    return ALLOT_IMPORT_ROW_FAILED;

  existing = lookup_receipt (store, receipt, &error);
  if (existing < 0)
    return allot_import_fail_store (importer, error);
  if (existing > 0)
    {
      g_autofree char *amount = allot_money_format_plain (receipt->amount);
      g_autofree char *date = allot_date_format_iso (&receipt->received_date);

      return allot_import_duplicate (importer, receipt->case_number != NULL ? R_CASE : R_DATE,
                                     existing, _("the %s receipt of %s on %s"),
                                     allot_receipt_kind_to_string (receipt->kind), amount, date);
    }
  if (!allot_store_add_receipt (store, receipt, &error))
    return allot_import_fail_store (importer, error);
  {
    g_autofree char *amount = allot_money_format_plain (receipt->amount);
    g_autofree char *date = allot_date_format_iso (&receipt->received_date);

    return allot_import_added (importer, receipt->id, _("%s receipt %s of %s on %s to %s"),
                               allot_receipt_kind_to_string (receipt->kind),
                               receipt->case_number != NULL ? receipt->case_number : "-",
                               amount, date, allot_import_cell (importer, R_SOURCE));
  }
}

/* ---- the connection during an import ----
 *
 * Inside the batch every record is a savepoint, and SQLite copies each page a
 * savepoint first changes to a statement journal: that journal goes to
 * memory (it holds a record's few pages at a time).  The page cache is set
 * to a fixed 32 MB, the same for every file: a million-line import fills
 * some 1.1 GB of pages, which no cache holds anyway, and what does not fit
 * is written to the WAL as the import goes, as it would be at the commit.
 * Measured on a million lines (issue 10): 256 MB of cache took 2% less CPU
 * and 290 MB of memory; 32 MB, 53 MB of memory; 8 MB, 12% more CPU.  Then
 * both go back to what they were. */
#define IMPORT_CACHE_KB 32768

void
allot_import_tune_store (AllotStore *store,
                         gboolean    importing,
                         gint64     *saved_cache_size)
{
  if (allot_db_backend (store->db) != ALLOT_DB_SQLITE)
    return;  /* the server's memory is the server's */
  if (importing)
    {
      AllotStmt *stmt = allot_db_prepare (store->db, "PRAGMA cache_size", NULL);

      *saved_cache_size = -2000;
      if (stmt != NULL && allot_stmt_step (stmt) == ALLOT_DB_ROW)
        *saved_cache_size = allot_stmt_column_int64 (stmt, 0);
      allot_stmt_finalize (stmt);
      allot_db_exec (store->db, "PRAGMA temp_store = MEMORY;"
                                " PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KB), NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA temp_store = DEFAULT;"
                                              " PRAGMA cache_size = %" PRId64,
                                              *saved_cache_size);
      allot_db_exec (store->db, sql, NULL);
    }
}

/* ---- indexes during a big import ----
 *
 * Each ledger entry goes into nine indexes; seven of them (by date, review
 * queue, balances, counted balances, and the ledger view's sorts by amount,
 * status and document) the import never reads, and the one by
 * date takes its entries in random order, a random page of a big index for
 * every row.  Built once at the end from the table instead (a sort), they
 * cost far less when the file is large beside the table: measured with a
 * million entries into an empty ledger, 18.6 s of CPU inserting with the
 * indexes in place, 9.4 s dropping and creating them again.  Into a big
 * ledger a small file would pay for sorting the whole table, so only a file
 * that may hold more rows than the table has (at 256 bytes a line, about
 * twice the usual) does it.  The index and its SQL are unchanged; it is
 * dropped and created inside the import's transaction, which no other
 * connection sees until the commit, and a rollback restores it. */
#define BYTES_PER_LINE_AT_MOST 256

static const char *const ledger_deferred_indexes[] = {
  "ledger_date", "ledger_status", "ledger_balance", "ledger_counted",
  "ledger_amount_order", "ledger_status_order", "ledger_document_order", NULL
};

char **
allot_import_set_indexes_aside (AllotStore                *store,
                                const AllotImportKindSpec *spec,
                                gsize                      file_bytes,
                                GError                   **error)
{
  g_autoptr(GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count_sql = NULL;
  AllotStmt *stmt;
  gint64 rows = 0;

  /* On PostgreSQL the indexes stay: dropping one takes a lock every reader
   * of the table would wait on until the import ends. */
  if (spec->deferred_indexes == NULL || allot_db_backend (store->db) != ALLOT_DB_SQLITE)
    {
      g_ptr_array_add (sql, NULL);
      return (char **) g_ptr_array_free (g_steal_pointer (&sql), FALSE);
    }
  /* The largest id: what the table's indexes hold, or near it, at once. */
  count_sql = g_strdup_printf ("SELECT COALESCE (max (rowid), 0) FROM \"%s\"", spec->table);
  {
    /* Not the store's statement cache: it keeps the text's pointer. */
    g_autoptr(AllotStmt) count = allot_db_prepare (store->db, count_sql, error);

    if (count == NULL || !allot_db_query_int64 (store->db, count, &rows, error))
      return NULL;
  }
  if (file_bytes / BYTES_PER_LINE_AT_MOST > (guint64) rows)
    {
      stmt = allot_store_statement (store,
          "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1 AND tbl_name = ?2",
          error);
      if (stmt == NULL)
        return NULL;
      for (guint i = 0; spec->deferred_indexes[i] != NULL; i++)
        {
          g_autofree char *drop = NULL;
          int rc;

          allot_stmt_bind_text (stmt, 1, spec->deferred_indexes[i], -1, ALLOT_BIND_STATIC);
          allot_stmt_bind_text (stmt, 2, spec->table, -1, ALLOT_BIND_STATIC);
          rc = allot_stmt_step (stmt);
          if (rc == ALLOT_DB_ROW)
            g_ptr_array_add (sql, g_strdup ((const char *) allot_stmt_column_text (stmt, 0)));
          allot_stmt_reset (stmt);
          if (rc == ALLOT_DB_DONE)
            continue;  /* not in this database's schema */
          if (rc != ALLOT_DB_ROW)
            {
              allot_db_set_error (store->db, rc, error, "Import");
              return NULL;
            }
          /* Our own identifiers, never user data. */
          drop = g_strdup_printf ("DROP INDEX \"%s\"", spec->deferred_indexes[i]);
          if (!allot_db_exec (store->db, drop, error))
            return NULL;
        }
    }
  g_ptr_array_add (sql, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&sql), FALSE);
}

/* SQLite sorts an index's keys in memory and, with temp_store = MEMORY (the
 * import's setting, for its statement journals), never spills the sort to a
 * file: a million-line import went from 58 MB to 154 MB at its peak.  With
 * temporary files allowed, it spills once the sort reaches the page cache's
 * size; a smaller cache while the indexes are built keeps the peak near
 * where it was (measured on a million lines: 63 MB with 8 MB of cache, 57 MB
 * with 2 MB, in the same time). */
#define INDEX_BUILD_CACHE_KB 2048

gboolean
allot_import_restore_indexes (AllotStore  *store,
                              char       **sql,
                              GError     **error)
{
  gboolean ok = TRUE;

  if (sql == NULL || sql[0] == NULL)
    return TRUE;
  allot_db_exec (store->db, "PRAGMA temp_store = FILE;"
                            " PRAGMA cache_size = -" G_STRINGIFY (INDEX_BUILD_CACHE_KB), NULL);
  for (guint i = 0; ok && sql[i] != NULL; i++)
    ok = allot_db_exec (store->db, sql[i], error);
  allot_db_exec (store->db, "PRAGMA temp_store = MEMORY;"
                            " PRAGMA cache_size = -" G_STRINGIFY (IMPORT_CACHE_KB), NULL);
  return ok;
}

/* ---- the table of kinds ---- */

static const AllotImportKindSpec kind_specs[] = {
  { ALLOT_IMPORT_SOURCES, "sources", "sources", source_fields, S_CODE,
    state_new, state_free, import_source },
  { ALLOT_IMPORT_ALLOCATIONS, "allocations", "allocations", allocation_fields, A_AMOUNT,
    state_new, state_free, import_allocation },
  { ALLOT_IMPORT_LEDGER, "ledger", "ledger_entries", ledger_fields, L_AMOUNT,
    state_new, state_free, import_entry, TRUE, ledger_deferred_indexes },
  { ALLOT_IMPORT_RECEIPTS, "receipts", "receipts", receipt_fields, R_SOURCE,
    state_new, state_free, import_receipt },
};

const AllotImportKindSpec *
allot_import_kind_spec (AllotImportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_specs), NULL);
  return &kind_specs[kind];
}
