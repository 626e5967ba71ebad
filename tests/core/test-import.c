/* test-import.c: CSV import through the core: each quirk of the files, each
 * kind of error at its exact FILE:LINE:COLUMN, all or nothing, re-import,
 * dry run, the audit event, cancellation and the threaded run. */
#include <glib.h>
#include <string.h>

#include "allot-import.h"
#include "test-util.h"

typedef struct {
  char *dir;
  char *path;
  AllotStore *store;
  gint64 fbi, mpd, sst, ot, eq, jag, forfeiture;
  AllotImporter *importer;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->dir = test_util_make_tmpdir ();
  fx->store = test_util_create_store (fx->dir, "allot.db", &fx->path);
  fx->fbi = test_util_add_agency (fx->store, "FBI", "Federal Bureau of Investigation",
                                  ALLOT_AGENCY_FEDERAL);
  fx->mpd = test_util_add_agency (fx->store, "MPD", "Metropolitan Police", ALLOT_AGENCY_LOCAL);
  fx->sst = test_util_add_task_force (fx->store, "SST", "Safe Streets", fx->fbi);
  fx->ot = test_util_add_category (fx->store, "OT", "Overtime", 'a');
  fx->eq = test_util_add_category (fx->store, "EQ", "Equipment", 'd');
  fx->jag = test_util_add_grant (fx->store, "JAG", "15PBJA-25-GG-1", 10000000, "2025-10-01",
                                 "2027-09-30");
  fx->forfeiture = test_util_add_forfeiture (fx->store, "DOJ-ES", ALLOT_FORFEITURE_DOJ);
  test_util_add_allocation (fx->store, fx->jag, fx->sst, fx->ot, 2026, 5000000,
                            ALLOT_STATUS_DRAFT);
  test_util_add_allocation (fx->store, fx->jag, fx->sst, fx->eq, 2026, 2000000,
                            ALLOT_STATUS_DRAFT);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_pointer (&fx->importer, allot_importer_free);
  test_util_close_store (&fx->store, &fx->dir, &fx->path);
}

/* Imports @text as "t.csv" with a fresh importer of @kind (kept in fx). */
static gboolean
import_text (Fixture         *fx,
             AllotImportKind  kind,
             const char      *text,
             GError         **error)
{
  g_clear_pointer (&fx->importer, allot_importer_free);
  fx->importer = allot_importer_new (fx->store, kind);
  return allot_importer_run_data (fx->importer, "t.csv", text, strlen (text), NULL, error);
}

static void
import_ok (Fixture         *fx,
           AllotImportKind  kind,
           const char      *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = import_text (fx, kind, text, &error);

  if (!ok)
    {
      GPtrArray *issues = allot_importer_get_issues (fx->importer);
      for (guint i = 0; i < issues->len; i++)
        {
          g_autofree char *line = allot_import_issue_format (issues->pdata[i], "t.csv");
          g_test_message ("%s", line);
        }
    }
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* Every issue of the last run of @kind, one formatted line each. */
static char *
issues_text (Fixture             *fx,
             AllotImportIssueKind kind)
{
  GPtrArray *issues = allot_importer_get_issues (fx->importer);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const AllotImportIssue *issue = issues->pdata[i];
      g_autofree char *line = NULL;

      if (issue->kind != kind)
        continue;
      line = allot_import_issue_format (issue, "t.csv");
      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (out, FALSE);
}

static void
import_refused (Fixture         *fx,
                AllotImportKind  kind,
                const char      *text,
                const char      *expected_errors)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autofree char *got = NULL;

  g_assert_false (import_text (fx, kind, text, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  got = issues_text (fx, ALLOT_IMPORT_ERROR);
  g_assert_cmpstr (got, ==, expected_errors);
  /* All or nothing. */
  test_util_assert_unchanged (fx->path, before);
}

static gint64
count (Fixture    *fx,
       const char *sql)
{
  return test_util_query_file_int (fx->path, sql);
}

static char *
query_text (Fixture    *fx,
            const char *sql)
{
  return test_util_query_file_text (fx->path, sql);
}

#define LEDGER_HEADER "kind,date,amount,document_number,source,task_force,category,fiscal_year\n"

/* ---- quirks ---- */

static void
test_bom_semicolon_crlf (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *payee = NULL;
  g_autofree char *description = NULL;
  g_autofree char *date = NULL;

  import_ok (fx, ALLOT_IMPORT_LEDGER,
             "\xEF\xBB\xBF" "Kind;Date;Amount;Document Number;Payee;Description;Source;"
             "Task Force;Category;FY\r\n"
             "obligation;11/3/2025;1,234.56;PO-1;\"  Acme  Corp  \";\"line one\r\nline two\";"
             "JAG;SST;OT;FY2026\r\n");
  g_assert_cmpint (allot_importer_get_delimiter (fx->importer), ==, ';');
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 1);
  payee = query_text (fx, "SELECT payee FROM ledger_entries WHERE document_number = 'PO-1'");
  description = query_text (fx, "SELECT description FROM ledger_entries"
                                " WHERE document_number = 'PO-1'");
  date = query_text (fx, "SELECT entry_date || ' ' || amount FROM ledger_entries"
                         " WHERE document_number = 'PO-1'");
  g_assert_cmpstr (payee, ==, "  Acme  Corp  ");
  g_assert_cmpstr (description, ==, "line one\r\nline two");
  g_assert_cmpstr (date, ==, "2025-11-03 123456");
}

static void
test_tab_and_us_dates (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *dates = NULL;

  import_ok (fx, ALLOT_IMPORT_LEDGER,
             "kind\tdate\tpaid date\tamount\tdocument_number\tsource\ttask_force\tcategory\t"
             "fiscal_year\n"
             "expenditure\t1/5/2026\t01/31/2026\t10.00\tINV-1\tJAG\tSST\tOT\t2026\n"
             "expenditure\t2026-02-28\t\t20.00\tINV-2\tJAG\tSST\tOT\t2026\n");
  g_assert_cmpint (allot_importer_get_delimiter (fx->importer), ==, '\t');
  dates = query_text (fx, test_util_sql (
      "SELECT group_concat(entry_date || '/' || coalesce(paid_date, '-'), ' ')"
      " FROM (SELECT * FROM ledger_entries ORDER BY id)",
      "SELECT string_agg(entry_date || '/' || coalesce(paid_date::text, '-'), ' ' ORDER BY id)"
      " FROM ledger_entries"));
  g_assert_cmpstr (dates, ==, "2026-01-05/2026-01-31 2026-02-28/-");
}

static void
test_money_forms (Fixture       *fx,
                  gconstpointer  data)
{
  static const struct { const char *text; const char *cents; } forms[] = {
    { "1234.56", "123456" }, { "\"1,234.56\"", "123456" }, { "\"$1,234.56\"", "123456" },
    { "-12.00", "-1200" }, { "(12.00)", "-1200" }, { "-$5", "-500" }, { "$-5", "-500" },
    { "($5)", "-500" }, { "$(5)", "-500" }, { "+5", "500" }, { "12.5", "1250" },
    { ".5", "50" }, { "\" 12 \"", "1200" }, { "\"1,000,000\"", "100000000" },
  };
  g_autoptr(GString) csv = g_string_new (LEDGER_HEADER);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *got = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_string_append_printf (csv, "adjustment,2026-01-01,%s,ADJ-%u,JAG,SST,OT,2026\n",
                              forms[i].text, i);
      g_string_append_printf (expected, "%s%s", i > 0 ? " " : "", forms[i].cents);
    }
  import_ok (fx, ALLOT_IMPORT_LEDGER, csv->str);
  got = query_text (fx, test_util_sql ("SELECT group_concat(amount, ' ') FROM"
                                      " (SELECT amount FROM ledger_entries ORDER BY id)",
                                      "SELECT string_agg(amount::text, ' ' ORDER BY id)"
                                      " FROM ledger_entries"));
  g_assert_cmpstr (got, ==, expected->str);
}

static void
test_aliases_and_map (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unknown = NULL;
  const char *const *fields;
  const char *text =
    "TYPE,Transaction Date,AMT,Vendor Ref,Vendor,Fund Source,TF,Cost Category,FY,Batch,Extra\n"
    "Expense,2026-01-02,5.00,V-77,Acme,JAG,SST,EQ,FY26,b1,z\n";

  /* Without a mapping "Vendor Ref" is unknown and a document number is missing. */
  g_assert_false (import_text (fx, ALLOT_IMPORT_LEDGER, text, &error));
  g_clear_error (&error);

  g_clear_pointer (&fx->importer, allot_importer_free);
  fx->importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  g_assert_true (allot_importer_parse_mapping (fx->importer, "vendor ref=Document Number", NULL));
  g_assert_true (allot_importer_map_column (fx->importer, "BATCH", "ignore", NULL));
  g_assert_false (allot_importer_parse_mapping (fx->importer, "Batch", &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (allot_importer_map_column (fx->importer, "Batch", "colour", &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (allot_importer_run_data (fx->importer, "t.csv", text, strlen (text), NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries WHERE kind = 'expenditure'"
                              " AND document_number = 'V-77' AND payee = 'Acme'"), ==, 1);
  /* The unknown column is reported, the ignored one is not. */
  unknown = issues_text (fx, ALLOT_IMPORT_UNKNOWN);
  g_assert_cmpstr (unknown, ==,
                   "t.csv:1:11: unknown column, ignored (--map COLUMN=FIELD reads it) (Extra)\n");
  fields = allot_importer_get_column_fields (fx->importer);
  g_assert_cmpstr (fields[0], ==, "kind");
  g_assert_cmpstr (fields[3], ==, "document_number");
  g_assert_null (fields[9]);
  g_assert_cmpstr (allot_importer_get_columns (fx->importer)[3], ==, "Vendor Ref");
}

/* ---- errors, located ---- */

static void
test_ledger_errors (Fixture       *fx,
                    gconstpointer  data)
{
  import_refused (fx, ALLOT_IMPORT_LEDGER,
    "kind,date,amount,document_number,source,task_force,category,fiscal_year,obligation,payee\n"
    "expenditure,2026-13-01,10.00,E-1,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,12.345,E-2,JAG,SST,OT,2026,,\n"
    "spend,2026-01-01,1.00,E-3,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-4,NOPE,SST,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-5,JAG,XX,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-6,JAG,SST,ZZ,2026,,\n"
    "expenditure,2026-01-01,1.00,E-7,JAG,SST,OT,2027,,\n"
    "expenditure,2026-01-01,1.00,E-8,JAG,SST,OT,2026,PO-404,\n"
    "expenditure,2026-01-01,1.00,,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-9,JAG,SST,OT,FY20X6,,\n"
    "expenditure,2026-01-01,1.00,E-10,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-10,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,\"1,00\",E-11,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-12,JAG,SST,OT,2026,,x,extra\n"
    "expenditure,\"2026-01-01\"x,1.00,E-13,JAG,SST,OT,2026,,\n"
    "obligation,2026-01-01,1.00,O-1,JAG,SST,OT,2026,O-0,\n"
    "expenditure,2026-01-01,0.00,E-14,JAG,SST,OT,2026,,\n"
    "expenditure,2026-01-01,1.00,E-15,JAG,SST,OT,2026,,\"Acme\n"
    "\xff Corp\"\n"
    "expenditure,2026-01-01,,E-16,JAG,SST,OT,2026,,\n",
    "t.csv:2:2: date: is not a valid date (2026-13-01)\n"
    "t.csv:3:3: amount: has more than two decimals (12.345)\n"
    "t.csv:4:1: kind: is not one of: obligation, expenditure, adjustment (spend)\n"
    "t.csv:5:5: source: no funding source has this code (NOPE)\n"
    "t.csv:6:6: task_force: no task force has this code (XX)\n"
    "t.csv:7:7: category: no cost category has this code (ZZ)\n"
    "t.csv:8:5: source: JAG has no allocation to SST, OT in FY2027 (JAG)\n"
    "t.csv:9:9: obligation: no obligation has this document number (PO-404)\n"
    "t.csv:10:4: document_number: is required\n"
    "t.csv:11:8: fiscal_year: is not a fiscal year such as 2026 or FY2026 (FY20X6)\n"
    "t.csv:13:4: document_number: expenditure E-10 appears twice in this file (first on line 12)"
    " (E-10)\n"
    "t.csv:14:3: amount: has a misplaced thousands separator (1,00)\n"
    "t.csv:15:11: more fields than the 10 columns of the header (extra)\n"
    "t.csv:16:2: stray quote: a field with a quote in it must be quoted as a whole, the quote "
    "doubled (\"\")\n"
    "t.csv:17:9: obligation: an obligation cannot liquidate another obligation (O-0)\n"
    "t.csv:18:3: Amount must be more than zero, not 0.00. (0.00)\n"
    "t.csv:19:10: payee: is not UTF-8 text (save the file as CSV UTF-8) (Acme\n\xef\xbf\xbd Corp)\n"
    "t.csv:21:3: amount: is required\n");
  g_assert_cmpuint (allot_importer_get_n_errors (fx->importer), ==, 18);
  g_assert_cmpuint (allot_importer_get_n_rows (fx->importer), ==, 18);
}

static void
test_multiline_location (Fixture       *fx,
                         gconstpointer  data)
{
  /* The record starts on line 2; its amount is on line 4. */
  import_refused (fx, ALLOT_IMPORT_LEDGER,
                  "kind,date,payee,amount,document_number,source,task_force,category,fiscal_year\n"
                  "expenditure,2026-01-01,\"Acme\nCorp\nInc\",ten,E-1,JAG,SST,OT,2026\n",
                  "t.csv:4:4: amount: is not an amount: unexpected \"t\" (ten)\n");
}

static void
test_header_errors (Fixture       *fx,
                    gconstpointer  data)
{
  import_refused (fx, ALLOT_IMPORT_LEDGER,
                  "kind,date,document_number,source,task_force,category,fiscal_year\n"
                  "expenditure,2026-01-01,E-1,JAG,SST,OT,2026\n",
                  "t.csv:1: no column for amount (a header named one of: amount, amt, "
                  "transaction amount, trans amount, trans amt, net amount, value, sum; or "
                  "--map COLUMN=amount)\n");
  import_refused (fx, ALLOT_IMPORT_LEDGER,
                  "kind,Amount,AMT,date,document_number,source,task_force,category,fiscal_year\n",
                  "t.csv:1:3: column 2 is already read as amount (AMT)\n");
  import_refused (fx, ALLOT_IMPORT_LEDGER, "",
                  "t.csv:1: the file is empty: the first line must name the columns\n");
  import_refused (fx, ALLOT_IMPORT_LEDGER, "kind,\"amount\n",
                  "t.csv:1:2: a quoted field is not closed before the end of the file\n");
}

static void
test_rules_of_hand_entry (Fixture       *fx,
                          gconstpointer  data)
{
  /* The grant authorizes 100,000.00 and 70,000.00 is allocated: 30,000.00
   * is free, and the second row asks for more than what the first left. */
  import_refused (fx, ALLOT_IMPORT_ALLOCATIONS,
                  "source,task_force,category,fiscal_year,amount\n"
                  "JAG,SST,OT,2027,\"20,000.00\"\n"
                  "JAG,SST,EQ,2027,\"10,000.01\"\n",
                  "t.csv:3:5: Over-allocation: JAG has 10000.00 still free to allocate, and "
                  "10000.01 was asked. (10,000.01)\n");
}

static void
test_sources_and_receipts (Fixture       *fx,
                           gconstpointer  data)
{
  import_ok (fx, ALLOT_IMPORT_SOURCES,
             "code,kind,name,agency,award_number,assistance_listing,amount,start,end,"
             "indirect_rate,fund,program,fiscal_year,lapse_date,agreement_number,partner,"
             "frequency\n"
             "HIDTA-26,Federal Grant,HIDTA 2026,FBI,G26-1,95.001,\"$500,000\",10/1/2025,"
             "9/30/2027,15%,,,,,,,Semi-Annual\n"
             "LOC-26,appropriation,Local FY26,MPD,,,\"1,000.00\",,,,100,OPS,FY2026,2026-09-30,,,\n"
             "SS-MOU,MOU,Safe Streets MOU,,,,,2025-10-01,2027-09-30,,,,,,FBI-17,FBI,\n"
             "TFF,forfeiture,Treasury sharing,,,,,,,,,Treasury,,,,,\n");
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 4);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM grants WHERE award_number = 'G26-1'"
                              " AND indirect_rate_bp = 1500 AND award_amount = 50000000"
                              " AND reporting_frequency = 'semiannual'"), ==, 1);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM forfeiture_funds WHERE program = 'treasury'"),
                   ==, 1);

  import_refused (fx, ALLOT_IMPORT_SOURCES,
                  "code,kind,name,award_number,assistance_listing,amount,start,end\n"
                  "G2,grant,Second,,16.738,100,2025-10-01,2026-09-30\n"
                  "G3,grant,Third,N-3,16.7,100,2025-10-01,2026-09-30\n"
                  "A1,agreement,No partner,,,,2025-10-01,2026-09-30\n",
                  "t.csv:2:4: award_number: is required\n"
                  "t.csv:3:1: Assistance Listing “16.7” is not of the form 16.738. (G3)\n"
                  "t.csv:4: agreement_number: is required\n"
                  "t.csv:4: partner: is required\n");

  import_ok (fx, ALLOT_IMPORT_RECEIPTS,
             "source,date,amount,case_number,kind\n"
             "DOJ-ES,2026-01-02,100.00,CATS-1,sharing\n"
             "DOJ-ES,1/31/2026,0.42,,Interest\n"
             "DOJ-ES,2026-02-02,50.00,CATS-2,Transfer In\n");
  g_assert_cmpint (count (fx, "SELECT sum(amount) FROM receipts"), ==, 15042);
  import_refused (fx, ALLOT_IMPORT_RECEIPTS,
                  "source,date,amount,case_number,kind\n"
                  "DOJ-ES,2026-01-03,100.00,,sharing\n"
                  "JAG,2026-01-03,100.00,C-9,sharing\n",
                  "t.csv:2:4: case_number: is required\n"
                  "t.csv:3:1: A receipt can only be recorded against a Forfeiture fund; JAG is "
                  "a Federal grant. (JAG)\n");
}

/* ---- all or nothing, re-import, dry run, audit ---- */

static void
test_last_line_bad (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (LEDGER_HEADER);

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (csv, "expenditure,2026-01-01,1.00,E-%u,JAG,SST,OT,2026\n", i);
  g_string_append (csv, "expenditure,2026-01-01,1.00,E-last,JAG,SST,OT,2099\n");
  import_refused (fx, ALLOT_IMPORT_LEDGER, csv->str,
                  "t.csv:502:5: source: JAG has no allocation to SST, OT in FY2099 (JAG)\n");
  g_assert_cmpuint (allot_importer_get_n_rows (fx->importer), ==, 501);
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 500);
  /* Rolled back: no id of those rows is handed out. */
  g_assert_cmpint (((AllotImportRow *) allot_importer_get_added (fx->importer)->pdata[0])->id,
                   ==, 0);
}

static void
test_reimport (Fixture       *fx,
               gconstpointer  data)
{
  const char *text =
    LEDGER_HEADER
    "obligation,2026-01-01,100.00,PO-1,JAG,SST,EQ,2026\n"
    "expenditure,2026-01-02,40.00,INV-1,JAG,SST,EQ,2026\n";
  g_autofree char *dups = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *details = NULL;
  g_autofree char *expected = NULL;

  import_ok (fx, ALLOT_IMPORT_LEDGER, text);
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 2);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_assert_cmpstr (allot_importer_get_sha256 (fx->importer), ==, sha);
  {
    /* A preview of the first row does not hash the whole file. */
    g_autoptr(AllotImporter) preview = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
    g_autoptr(GError) error = NULL;

    allot_importer_set_max_rows (preview, 1);
    g_assert_true (allot_importer_run_data (preview, "t.csv", text, strlen (text), NULL,
                                            &error));
    g_assert_no_error (error);
    g_assert_cmpuint (allot_importer_get_n_rows (preview), ==, 1);
    g_assert_null (allot_importer_get_sha256 (preview));
  }

  import_ok (fx, ALLOT_IMPORT_LEDGER, text);
  g_assert_cmpuint (allot_importer_get_n_added (fx->importer), ==, 0);
  g_assert_cmpuint (allot_importer_get_n_duplicates (fx->importer), ==, 2);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries"), ==, 2);
  dups = issues_text (fx, ALLOT_IMPORT_DUPLICATE);
  g_assert_cmpstr (dups, ==,
                   "t.csv:2:4: duplicate: obligation PO-1 already exists; skipped (PO-1)\n"
                   "t.csv:3:4: duplicate: expenditure INV-1 already exists; skipped (INV-1)\n");

  /* The same document with another amount is still a duplicate, and says so. */
  import_ok (fx, ALLOT_IMPORT_LEDGER, LEDGER_HEADER
             "obligation,2026-01-01,150.00,PO-1,JAG,SST,EQ,2026\n");
  g_clear_pointer (&dups, g_free);
  dups = issues_text (fx, ALLOT_IMPORT_DUPLICATE);
  g_assert_cmpstr (dups, ==, "t.csv:2:4: duplicate: obligation PO-1 (stored with the amount "
                             "100.00) already exists; skipped (PO-1)\n");

  /* One audit event per import, with the file's checksum and row count. */
  g_assert_cmpint (count (fx, "SELECT count(*) FROM audit_log WHERE action = 'import'"), ==, 3);
  details = query_text (fx, test_util_sql (
      "SELECT json_extract(after, '$.file') || ' ' ||"
      " json_extract(after, '$.sha256') || ' ' || json_extract(after, '$.rows')"
      " || ' ' || table_name FROM audit_log WHERE action = 'import'"
      " ORDER BY id LIMIT 1",
      "SELECT (after::json ->> 'file') || ' ' ||"
      " (after::json ->> 'sha256') || ' ' || (after::json ->> 'rows')"
      " || ' ' || table_name FROM audit_log WHERE action = 'import'"
      " ORDER BY id LIMIT 1"));
  expected = g_strdup_printf ("t.csv %s 2 ledger_entries", sha);
  g_assert_cmpstr (details, ==, expected);
}

static void
test_dry_run (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(GError) error = NULL;
  const char *text = LEDGER_HEADER
    "obligation,2026-01-01,100.00,PO-1,JAG,SST,EQ,2026\n"
    "expenditure,2026-01-02,40.00,INV-1,JAG,SST,EQ,2026\n";
  GPtrArray *added;

  fx->importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  allot_importer_set_dry_run (fx->importer, TRUE);
  g_assert_true (allot_importer_run_data (fx->importer, "t.csv", text, strlen (text), NULL,
                                          &error));
  g_assert_no_error (error);
  added = allot_importer_get_added (fx->importer);
  g_assert_cmpuint (added->len, ==, 2);
  g_assert_cmpstr (((AllotImportRow *) added->pdata[1])->summary, ==,
                   "expenditure INV-1 of 40.00 on 2026-01-02 to JAG/SST/EQ/FY2026");
  g_assert_cmpuint (((AllotImportRow *) added->pdata[1])->line, ==, 3);
  test_util_assert_unchanged (fx->path, before);
}

static void
test_max_errors (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (LEDGER_HEADER);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (csv, "expenditure,2026-01-01,x,E-%u,JAG,SST,OT,2026\n", i);
  g_assert_false (import_text (fx, ALLOT_IMPORT_LEDGER, csv->str, &error));
  g_assert_cmpuint (allot_importer_get_n_errors (fx->importer), ==, 150);
  g_assert_cmpuint (allot_importer_get_issues (fx->importer)->len, ==, 100);
  g_assert_nonnull (strstr (error->message, "150 errors"));
}

/* ---- cancellation and threads ---- */

static void
test_cancelled (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *before = test_util_dump_db (fx->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const char *text = LEDGER_HEADER "obligation,2026-01-01,100.00,PO-1,JAG,SST,EQ,2026\n";

  fx->importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  g_cancellable_cancel (cancellable);
  g_assert_false (allot_importer_run_data (fx->importer, "t.csv", text, strlen (text),
                                           cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  test_util_assert_unchanged (fx->path, before);
  g_assert_false (allot_store_in_batch (fx->store));
}

typedef struct {
  GMainLoop *loop;
  guint calls;
  guint last_rows;
  gboolean ok;
  GError *error;
  GThread *main_thread;
  Fixture *fx;
} AsyncRun;

static void
async_progress_cb (guint64  done,
                   guint64  total,
                   guint    rows,
                   gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  g_assert_cmpuint (done, <=, total);
  run->calls++;
  run->last_rows = rows;
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;
  run->ok = allot_importer_run_finish (run->fx->importer, result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new (LEDGER_HEADER);
  g_autofree char *file = g_build_filename (fx->dir, "big.csv", NULL);
  AsyncRun run = { 0 };

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "expenditure,2026-01-01,1.00,E-%u,JAG,SST,OT,2026\n", i);
  g_assert_true (g_file_set_contents (file, csv->str, (gssize) csv->len, NULL));

  run.loop = g_main_loop_new (NULL, FALSE);
  run.main_thread = g_thread_self ();
  run.fx = fx;
  fx->importer = allot_importer_new (fx->store, ALLOT_IMPORT_LEDGER);
  allot_importer_set_progress_func (fx->importer, async_progress_cb, &run, NULL);
  allot_importer_run_async (fx->importer, file, NULL, async_done_cb, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.calls, >=, 2);
  g_assert_cmpuint (run.last_rows, ==, 5000);
  g_assert_cmpint (count (fx, "SELECT count(*) FROM ledger_entries"), ==, 5000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/import/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("bom-semicolon-crlf", test_bom_semicolon_crlf);
  ADD ("tab-and-us-dates", test_tab_and_us_dates);
  ADD ("money-forms", test_money_forms);
  ADD ("aliases-and-map", test_aliases_and_map);
  ADD ("ledger-errors", test_ledger_errors);
  ADD ("multiline-location", test_multiline_location);
  ADD ("header-errors", test_header_errors);
  ADD ("rules-of-hand-entry", test_rules_of_hand_entry);
  ADD ("sources-and-receipts", test_sources_and_receipts);
  ADD ("last-line-bad", test_last_line_bad);
  ADD ("reimport", test_reimport);
  ADD ("dry-run", test_dry_run);
  ADD ("max-errors", test_max_errors);
  ADD ("cancelled", test_cancelled);
  ADD ("async", test_async);
#undef ADD
  return g_test_run ();
}
