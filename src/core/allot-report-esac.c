/* allot-report-esac.c: the Equitable Sharing Agreement and Certification.
 *
 * Design decisions:
 * - Justice (DOJ) and Treasury funds are summed in their own columns and
 *   never meet; state forfeiture funds are not on the form at all.
 * - The ESAC accounts for the money in the sharing account, so it is on the
 *   cash basis: receipts count on the day received, expenditures on the day
 *   paid, corrections (refunds) on their date.  An expenditure not yet paid
 *   is still in the account.
 * - Line 1 is not stored: it is everything received before the fiscal year
 *   less everything spent before it, which is by construction the previous
 *   year's line 8 (1 + 6 - 7).
 * - Spending goes to the ESAC category (a..n) of the allocation's cost
 *   category; one without is reported under m (non-categorized) and named
 *   in a warning, as the compliance checks do.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-report-private.h"

static const char *const line_labels[ALLOT_ESAC_N_LINES] = {
  N_("Beginning equitable sharing fund balance"),
  N_("Equitable sharing funds received"),
  N_("Equitable sharing funds received from other law enforcement agencies and task forces"),
  N_("Other income"),
  N_("Interest income"),
  N_("Total equitable sharing funds received (lines 2 through 5)"),
  N_("Equitable sharing funds spent (total of categories a through n)"),
  N_("Ending equitable sharing fund balance (line 1 plus 6 minus 7)"),
};

static const char *const line_formulas[ALLOT_ESAC_N_LINES] = {
  NULL, NULL, NULL, NULL, NULL, "2 + 3 + 4 + 5", "a + b + … + n", "1 + 6 - 7",
};

static const char *const category_labels[ALLOT_ESAC_N_CATEGORIES] = {
  N_("Law enforcement operations and investigations"),
  N_("Training and education"),
  N_("Law enforcement, public safety, and detention facilities"),
  N_("Law enforcement equipment"),
  N_("Joint law enforcement/public safety equipment and operations"),
  N_("Contracts for services"),
  N_("Law enforcement travel and per diem"),
  N_("Law enforcement awards and memorials"),
  N_("Drug, gang, and other education or awareness programs"),
  N_("Matching grants"),
  N_("Transfers to other participating law enforcement agencies"),
  N_("Support of community-based programs (Justice funds only)"),
  N_("Non-categorized expenditures"),
  N_("Salaries"),
};

/* Line ids of the details. */
static const char *const line_ids[ALLOT_ESAC_N_LINES] = { "1", "2", "3", "4", "5", "6", "7", "8" };
static const char *const category_ids[ALLOT_ESAC_N_CATEGORIES] = {
  "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n",
};

const char *
allot_esac_line_label (AllotEsacLine line)
{
  g_return_val_if_fail ((guint) line < ALLOT_ESAC_N_LINES, NULL);
  return _(line_labels[line]);
}

const char *
allot_esac_line_formula (AllotEsacLine line)
{
  g_return_val_if_fail ((guint) line < ALLOT_ESAC_N_LINES, NULL);
  return line_formulas[line];
}

const char *
allot_esac_category_label (char letter)
{
  g_return_val_if_fail (letter >= 'a' && letter <= 'n', NULL);
  return _(category_labels[letter - 'a']);
}

char *
allot_esac_sources_text (const AllotEsac *esac,
                         AllotEsacColumn  column)
{
  GPtrArray *codes;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (column < ALLOT_ESAC_N_COLUMNS, NULL);
  codes = esac->sources[column];
  for (guint i = 0; i < codes->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) codes->pdata[i]);
  if (codes->len == 0)
    g_string_append (text, _("none"));
  return g_string_free (text, FALSE);
}

void
allot_esac_free (AllotEsac *esac)
{
  if (esac == NULL)
    return;
  g_free (esac->agency);
  for (guint c = 0; c < ALLOT_ESAC_N_COLUMNS; c++)
    g_clear_pointer (&esac->sources[c], g_ptr_array_unref);
  g_clear_pointer (&esac->details, g_ptr_array_unref);
  g_clear_pointer (&esac->warnings, g_ptr_array_unref);
  g_free (esac);
}

static int
column_of (const char *program)
{
  if (g_strcmp0 (program, "doj") == 0)
    return ALLOT_ESAC_JUSTICE;
  if (g_strcmp0 (program, "treasury") == 0)
    return ALLOT_ESAC_TREASURY;
  return -1;
}

static const char sql_funds[] =
  "SELECT s.code, f.program FROM sources s JOIN forfeiture_funds f ON f.source_id = s.id"
  " WHERE f.program IN ('doj', 'treasury') ORDER BY s.code";

static const char sql_receipts[] =
  "SELECT r.id, f.program, r.kind, r.received_date, r.amount, COALESCE (r.case_number, ''),"
  " s.code || CASE WHEN r.description <> '' THEN ': ' || r.description ELSE '' END"
  " FROM receipts r JOIN forfeiture_funds f ON f.source_id = r.source_id"
  " JOIN sources s ON s.id = r.source_id"
  " WHERE r.voided = 0 AND f.program IN ('doj', 'treasury') AND r.received_date <= ?1"
  " ORDER BY r.received_date, r.id";

/* Spent from the account: paid expenditures by the day paid, corrections by
 * their date (column 3). */
static const char sql_spent[] =
  "SELECT e.id, f.program, COALESCE (c.esac_category, ''),"
  " CASE WHEN e.kind = 'expenditure' THEN e.paid_date ELSE e.entry_date END AS spent_date,"
  " e.amount, e.document_number,"
  " s.code || ': ' || CASE WHEN e.description <> '' THEN e.description ELSE e.payee END,"
  " c.code"
  " FROM ledger_entries e JOIN allocations a ON a.id = e.allocation_id"
  " JOIN sources s ON s.id = a.source_id"
  " JOIN forfeiture_funds f ON f.source_id = a.source_id"
  " JOIN categories c ON c.id = a.category_id"
  " WHERE e.voided = 0 AND e.status = 'approved' AND a.voided = 0 AND a.status = 'approved'"
  " AND f.program IN ('doj', 'treasury')"
  " AND ((e.kind = 'expenditure' AND e.paid_date IS NOT NULL AND e.paid_date <= ?1)"
  "   OR (e.kind = 'adjustment' AND e.obligation_id IS NULL AND e.entry_date <= ?1))"
  " ORDER BY spent_date, e.id";

static gboolean
read_funds (AllotStore *store,
            AllotEsac  *esac,
            GError    **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql_funds, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      int col = column_of ((const char *) allot_stmt_column_text (stmt, 1));

      if (col >= 0)
        g_ptr_array_add (esac->sources[col], report_column_text (stmt, 0));
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the forfeiture funds");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

static gboolean
read_receipts (AllotStore *store,
               AllotEsac  *esac,
               GPtrArray  *details,
               GError    **error)
{
  AllotStmt *stmt = allot_store_statement (store, sql_receipts, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_db_bind_date (stmt, 1, &esac->fy_end);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      int col = column_of ((const char *) allot_stmt_column_text (stmt, 1));
      AllotReceiptKind kind = ALLOT_RECEIPT_SHARING;
      gint64 amount = allot_stmt_column_int64 (stmt, 4);
      g_autofree char *reference = report_column_text (stmt, 5);
      g_autofree char *description = report_column_text (stmt, 6);
      AllotEsacLine line;
      GDate date;

      report_column_date (stmt, 3, &date);
      if (col < 0)
        continue;
      if (g_date_compare (&date, &esac->fy_start) < 0)
        {
          esac->lines[col][ALLOT_ESAC_BEGINNING] += amount;
          continue;
        }
      allot_receipt_kind_from_string ((const char *) allot_stmt_column_text (stmt, 2), &kind);
      switch (kind)
        {
        case ALLOT_RECEIPT_TRANSFER_IN: line = ALLOT_ESAC_TRANSFERS_IN; break;
        case ALLOT_RECEIPT_OTHER: line = ALLOT_ESAC_OTHER_INCOME; break;
        case ALLOT_RECEIPT_INTEREST: line = ALLOT_ESAC_INTEREST; break;
        case ALLOT_RECEIPT_SHARING:
        default: line = ALLOT_ESAC_RECEIVED; break;
        }
      esac->lines[col][line] += amount;
      if (details != NULL)
        report_add_detail (details, line_ids[line], col, "receipts",
                           allot_stmt_column_int64 (stmt, 0), &date, reference, description, amount);
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the receipts");
  allot_stmt_reset (stmt);
  return rc == ALLOT_DB_DONE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
read_spent (AllotStore *store,
            AllotEsac  *esac,
            GPtrArray  *details,
            GError    **error)
{
  g_autoptr(GHashTable) uncategorized = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
  AllotStmt *stmt = allot_store_statement (store, sql_spent, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_db_bind_date (stmt, 1, &esac->fy_end);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      int col = column_of ((const char *) allot_stmt_column_text (stmt, 1));
      const char *category = (const char *) allot_stmt_column_text (stmt, 2);
      gint64 amount = allot_stmt_column_int64 (stmt, 4);
      g_autofree char *reference = report_column_text (stmt, 5);
      g_autofree char *description = report_column_text (stmt, 6);
      char letter = category != NULL && category[0] >= 'a' && category[0] <= 'n'
                    ? category[0] : 'm';
      GDate date;

      report_column_date (stmt, 3, &date);
      if (col < 0)
        continue;
      if (g_date_compare (&date, &esac->fy_start) < 0)
        {
          esac->lines[col][ALLOT_ESAC_BEGINNING] -= amount;
          continue;
        }
      if (category == NULL || category[0] == '\0')
        g_hash_table_add (uncategorized, report_column_text (stmt, 7));
      esac->spent[col][letter - 'a'] += amount;
      esac->lines[col][ALLOT_ESAC_SPENT] += amount;
      if (details != NULL)
        report_add_detail (details, category_ids[letter - 'a'], col, "ledger_entries",
                           allot_stmt_column_int64 (stmt, 0), &date, reference, description, amount);
    }
  if (rc != ALLOT_DB_DONE)
    allot_db_set_error (store->db, rc, error, "Could not read the spending");
  allot_stmt_reset (stmt);
  if (rc == ALLOT_DB_DONE && g_hash_table_size (uncategorized) > 0)
    {
      g_autofree const char **codes = (const char **) g_hash_table_get_keys_as_array (uncategorized,
                                                                                      NULL);
      g_autofree char *list = NULL;

      g_qsort_with_data (codes, (gint) g_hash_table_size (uncategorized), sizeof (char *),
                         compare_strings, NULL);
      list = g_strjoinv (", ", (char **) codes);
      report_warn (esac->warnings, _("Cost categories without an ESAC category were reported "
                                     "under m (non-categorized): %s."), list);
    }
  return rc == ALLOT_DB_DONE;
}

AllotEsac *
allot_report_esac (AllotStore *store,
                   int         fiscal_year,
                   GError    **error)
{
  return report_esac_build (store, fiscal_year, TRUE, error);
}

AllotEsac *
report_esac_build (AllotStore *store,
                   int         fiscal_year,
                   gboolean    keep_details,
                   GError    **error)
{
  g_autoptr(AllotEsac) esac = NULL;
  gboolean began = FALSE, ok;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  if (fiscal_year < 1900 || fiscal_year > 2999)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Fiscal year %d is not one Allot can report on."), fiscal_year);
      return NULL;
    }

  esac = g_new0 (AllotEsac, 1);
  esac->fiscal_year = fiscal_year;
  allot_fiscal_year_bounds (fiscal_year, allot_store_get_fy_start_month (store), &esac->fy_start,
                            &esac->fy_end);
  esac->due_date = esac->fy_end;
  g_date_add_days (&esac->due_date, 60);
  esac->agency = allot_store_dup_setting (store, "jurisdiction");
  if (esac->agency == NULL)
    esac->agency = g_strdup ("");
  for (guint c = 0; c < ALLOT_ESAC_N_COLUMNS; c++)
    esac->sources[c] = g_ptr_array_new_with_free_func (g_free);
  esac->details = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_report_detail_free);
  esac->warnings = g_ptr_array_new_with_free_func (g_free);

  if (!report_read_begin (store, &began, error))
    return NULL;
  ok = read_funds (store, esac, error) && read_receipts (store, esac, keep_details ? esac->details : NULL, error) &&
       read_spent (store, esac, keep_details ? esac->details : NULL, error);
  report_read_end (store, began);
  if (!ok)
    return NULL;

  for (guint c = 0; c < ALLOT_ESAC_N_COLUMNS; c++)
    {
      gint64 *l = esac->lines[c];
      const char *column = c == ALLOT_ESAC_JUSTICE ? _("Justice") : _("Treasury");

      l[ALLOT_ESAC_TOTAL_RECEIVED] = l[ALLOT_ESAC_RECEIVED] + l[ALLOT_ESAC_TRANSFERS_IN] +
                                     l[ALLOT_ESAC_OTHER_INCOME] + l[ALLOT_ESAC_INTEREST];
      l[ALLOT_ESAC_ENDING] = l[ALLOT_ESAC_BEGINNING] + l[ALLOT_ESAC_TOTAL_RECEIVED] -
                             l[ALLOT_ESAC_SPENT];
      if (l[ALLOT_ESAC_ENDING] < 0)
        {
          g_autofree char *e = allot_money_format_plain (l[ALLOT_ESAC_ENDING]);

          report_warn (esac->warnings, _("The %s ending balance is negative (%s): more was "
                                         "spent than the account held."), column, e);
        }
      if (l[ALLOT_ESAC_BEGINNING] < 0)
        {
          g_autofree char *b = allot_money_format_plain (l[ALLOT_ESAC_BEGINNING]);

          report_warn (esac->warnings, _("The %s beginning balance is negative (%s)."), column,
                       b);
        }
    }
  if (esac->spent[ALLOT_ESAC_TREASURY]['l' - 'a'] != 0)
    report_warn (esac->warnings, _("Treasury funds were spent in category l (support of "
                                   "community-based programs), which only Justice funds may "
                                   "pay for."));
  return g_steal_pointer (&esac);
}
