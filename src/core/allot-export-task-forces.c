/* allot-export-task-forces.c: the Task Forces sheet.
 *
 * What each task force receives: in cash, the budget allocated to it from
 * each kind of source (approved allocations of the selected year, the
 * figures of "allot-cli balances --by task-force"); in kind, the valuations
 * recorded on resource-sharing agreements (equipment, vehicles, facilities,
 * personnel details), from the partner and from the jurisdiction.  In-kind
 * help recorded for an agreement as a whole gets a row of its own.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-error.h"
#include "allot-export-private.h"

enum {
  COL_CODE,
  COL_NAME,
  COL_LEAD,
  COL_MEMBERS,
  COL_START,
  COL_END,
  COL_IMMIGRATION,
  COL_GRANTS,        /* one column per AllotSourceKind, in its order */
  COL_APPROPRIATIONS,
  COL_AGREEMENTS,
  COL_FORFEITURE,
  COL_CASH,
  COL_OBLIGATED,
  COL_EXPENDED,
  COL_UNLIQUIDATED,
  COL_AVAILABLE,
  COL_IN_KIND_PARTNER,
  COL_IN_KIND_OURS,
  COL_SUPPORT,
  N_COLUMNS
};

G_STATIC_ASSERT (COL_FORFEITURE - COL_GRANTS + 1 == ALLOT_SOURCE_N_KINDS);

static const ExportColumn columns[N_COLUMNS] = {
  { N_("Code"), EXPORT_TEXT, 8, 16 },
  { N_("Name"), EXPORT_TEXT, 20, 50 },
  { N_("Lead agency"), EXPORT_TEXT, 8, 12 },
  { N_("Member agencies"), EXPORT_TEXT, 12, 40 },
  { N_("Start"), EXPORT_DATE, 11, 12 },
  { N_("End"), EXPORT_DATE, 11, 12 },
  { N_("Immigration enforcement (legal review)"), EXPORT_TEXT, 9, 12 },
  { N_("Federal grants"), EXPORT_MONEY, 12, 18 },
  { N_("State appropriations"), EXPORT_MONEY, 12, 18 },
  { N_("Agreements"), EXPORT_MONEY, 12, 18 },
  { N_("Forfeiture funds"), EXPORT_MONEY, 12, 18 },
  { N_("Cash budget"), EXPORT_MONEY, 12, 18 },
  { N_("Obligated"), EXPORT_MONEY, 12, 18 },
  { N_("Expended"), EXPORT_MONEY, 12, 18 },
  { N_("Unliquidated"), EXPORT_MONEY, 12, 18 },
  { N_("Available"), EXPORT_MONEY, 12, 18 },
  { N_("In kind from partners"), EXPORT_MONEY, 12, 18 },
  { N_("In kind from the jurisdiction"), EXPORT_MONEY, 12, 18 },
  { N_("Total support"), EXPORT_MONEY, 12, 18 },
};

typedef struct {
  gint64 cash[ALLOT_SOURCE_N_KINDS];
  AllotBalance balance;
  gint64 in_kind_partner;
  gint64 in_kind_ours;
} Support;

static const guint money_columns[] = {
  COL_GRANTS, COL_APPROPRIATIONS, COL_AGREEMENTS, COL_FORFEITURE, COL_CASH, COL_OBLIGATED,
  COL_EXPENDED, COL_UNLIQUIDATED, COL_AVAILABLE, COL_IN_KIND_PARTNER, COL_IN_KIND_OURS,
  COL_SUPPORT,
};

static gint64
cash_total (const Support *s)
{
  gint64 sum = 0;

  for (guint k = 0; k < ALLOT_SOURCE_N_KINDS; k++)
    sum += s->cash[k];
  return sum;
}

static gint64
money_value (const Support *s,
             guint          col)
{
  gint64 cash = cash_total (s);

  switch (col)
    {
    case COL_CASH: return cash;
    case COL_OBLIGATED: return s->balance.obligated;
    case COL_EXPENDED: return s->balance.expended;
    case COL_UNLIQUIDATED: return s->balance.unliquidated;
    case COL_AVAILABLE: return cash - (s->balance.expended + s->balance.unliquidated);
    case COL_IN_KIND_PARTNER: return s->in_kind_partner;
    case COL_IN_KIND_OURS: return s->in_kind_ours;
    case COL_SUPPORT: return cash + s->in_kind_partner + s->in_kind_ours;
    default: return s->cash[col - COL_GRANTS];
    }
}

/* Cash budget, available and total support as formulas over the row. */
static void
write_money (ExportSheet   *sheet,
             const Support *s,
             ExportStyle    style)
{
  g_autofree char *first_kind = export_cell (sheet->row, COL_GRANTS);
  g_autofree char *last_kind = export_cell (sheet->row, COL_FORFEITURE);
  g_autofree char *cash = export_cell (sheet->row, COL_CASH);
  g_autofree char *expended = export_cell (sheet->row, COL_EXPENDED);
  g_autofree char *unliquidated = export_cell (sheet->row, COL_UNLIQUIDATED);
  g_autofree char *partner = export_cell (sheet->row, COL_IN_KIND_PARTNER);
  g_autofree char *ours = export_cell (sheet->row, COL_IN_KIND_OURS);
  g_autofree char *cash_formula = g_strdup_printf ("=SUM(%s:%s)", first_kind, last_kind);
  g_autofree char *available_formula = g_strdup_printf ("=%s-(%s+%s)", cash, expended,
                                                        unliquidated);
  g_autofree char *support_formula = g_strdup_printf ("=%s+%s+%s", cash, partner, ours);

  for (guint i = 0; i < G_N_ELEMENTS (money_columns); i++)
    {
      guint col = money_columns[i];

      if (col == COL_CASH)
        export_formula_money (sheet, COL_CASH, cash_formula, money_value (s, col), style);
      else if (col == COL_AVAILABLE)
        export_formula_money (sheet, COL_AVAILABLE, available_formula, money_value (s, col),
                              style);
      else if (col == COL_SUPPORT)
        export_formula_money (sheet, COL_SUPPORT, support_formula, money_value (s, col), style);
      else
        export_money (sheet, (lxw_col_t) col, money_value (s, col), style);
    }
}

static char *
member_codes (AllotExport          *ex,
              const AllotTaskForce *tf)
{
  GString *members = g_string_new (NULL);

  for (guint m = 0; tf->member_ids != NULL && m < tf->member_ids->len; m++)
    {
      AllotAgency *agency = export_lookup (ex->agency_by_id,
                                           g_array_index (tf->member_ids, gint64, m));

      if (members->len > 0)
        g_string_append (members, ", ");
      g_string_append (members, agency != NULL ? agency->code : "?");
    }
  return g_string_free (members, FALSE);
}

static void
add_support (Support       *sum,
             const Support *s)
{
  for (guint k = 0; k < ALLOT_SOURCE_N_KINDS; k++)
    sum->cash[k] += s->cash[k];
  sum->balance.obligated += s->balance.obligated;
  sum->balance.expended += s->balance.expended;
  sum->balance.unliquidated += s->balance.unliquidated;
  sum->in_kind_partner += s->in_kind_partner;
  sum->in_kind_ours += s->in_kind_ours;
}

/* Cash by task force and kind, from the allocation balances of the year. */
static gboolean
load_cash (AllotExport *ex,
           GHashTable  *support,
           GError     **error)
{
  g_autoptr(GArray) lines = export_budget_lines (ex, error);

  if (lines == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const ExportBudgetLine *line = &g_array_index (lines, ExportBudgetLine, i);
      const AllotBalance *b = &line->balance->balance;
      Support *s = export_lookup (support, line->task_force->id);

      g_assert (s != NULL);
      s->cash[line->source->kind] += b->authorized;
      s->balance.obligated += b->obligated;
      s->balance.expended += b->expended;
      s->balance.unliquidated += b->unliquidated;
    }
  return TRUE;
}

/* In-kind valuations of the agreements in play during the year. */
static gboolean
load_in_kind (AllotExport *ex,
              GHashTable  *support,
              Support     *unassigned,
              GError     **error)
{
  for (guint i = 0; i < ex->sources->len; i++)
    {
      const AllotSource *source = ex->sources->pdata[i];
      g_autoptr(GPtrArray) contributions = NULL;

      if (source->kind != ALLOT_SOURCE_AGREEMENT ||
          !export_source_in_year (ex, source, ex->options.fiscal_year))
        continue;
      contributions = allot_store_list_contributions (ex->store, source->id, error);
      if (contributions == NULL)
        return export_fail (ex, error);
      for (guint c = 0; c < contributions->len; c++)
        {
          const AllotContribution *contribution = contributions->pdata[c];
          Support *s = NULL;

          if (contribution->voided || contribution->form != ALLOT_FORM_IN_KIND)
            continue;
          if (contribution->task_force_id != 0)
            s = export_lookup (support, contribution->task_force_id);
          if (s == NULL)
            s = unassigned;
          if (contribution->side == ALLOT_SIDE_PARTNER)
            s->in_kind_partner += contribution->valuation;
          else
            s->in_kind_ours += contribution->valuation;
        }
    }
  return TRUE;
}

gboolean
export_task_forces_sheet (AllotExport *ex,
                          GError     **error)
{
  g_autoptr(GHashTable) support = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  Support unassigned = { 0 }, total = { 0 };
  ExportSheet sheet;
  lxw_row_t first;

  for (guint i = 0; i < ex->task_forces->len; i++)
    {
      const AllotTaskForce *tf = ex->task_forces->pdata[i];

      g_hash_table_insert (support, g_memdup2 (&tf->id, sizeof tf->id), g_new0 (Support, 1));
    }
  if (!load_cash (ex, support, error) || !load_in_kind (ex, support, &unassigned, error))
    return FALSE;

  if (!export_sheet_begin (ex, &sheet, N_("Task Forces"), _("Task Forces"), columns, N_COLUMNS,
                           error))
    return FALSE;
  export_sheet_note (&sheet, 0, _("Cash: the budget allocated to each task force from each "
                                  "kind of source (approved allocations). In kind: valuations "
                                  "recorded on resource-sharing agreements in play."));
  if (!export_sheet_header (&sheet, error))
    goto fail;

  first = sheet.row;
  for (guint i = 0; i < ex->task_forces->len; i++)
    {
      const AllotTaskForce *tf = ex->task_forces->pdata[i];
      const Support *s = export_lookup (support, tf->id);
      AllotAgency *lead = export_lookup (ex->agency_by_id, tf->lead_agency_id);
      g_autofree char *members = member_codes (ex, tf);

      export_text (&sheet, COL_CODE, tf->code, EXPORT_PLAIN);
      export_text (&sheet, COL_NAME, tf->name, EXPORT_PLAIN);
      export_text (&sheet, COL_LEAD, lead != NULL ? lead->code : NULL, EXPORT_PLAIN);
      export_text (&sheet, COL_MEMBERS, members, EXPORT_PLAIN);
      export_date (&sheet, COL_START, &tf->start_date);
      export_date (&sheet, COL_END, &tf->end_date);
      export_text (&sheet, COL_IMMIGRATION, tf->immigration ? _("Yes") : _("No"), EXPORT_PLAIN);
      write_money (&sheet, s, EXPORT_PLAIN);
      add_support (&total, s);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  if (unassigned.in_kind_partner != 0 || unassigned.in_kind_ours != 0)
    {
      export_text (&sheet, COL_NAME, _("Agreements as a whole (no task force named)"),
                   EXPORT_PLAIN);
      write_money (&sheet, &unassigned, EXPORT_PLAIN);
      add_support (&total, &unassigned);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  export_sheet_end_data (&sheet);
  if (sheet.row > first)
    {
      for (guint c = 0; c < COL_GRANTS; c++)
        export_text (&sheet, (lxw_col_t) c, c == COL_CODE ? _("Total") : NULL, EXPORT_TOTAL);
      for (guint i = 0; i < G_N_ELEMENTS (money_columns); i++)
        {
          g_autofree char *range = export_range (first, sheet.row - 1,
                                                 (lxw_col_t) money_columns[i]);
          g_autofree char *formula = g_strdup_printf ("=SUBTOTAL(9,%s)", range);

          export_formula_money (&sheet, (lxw_col_t) money_columns[i], formula,
                                money_value (&total, money_columns[i]), EXPORT_TOTAL);
        }
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}
