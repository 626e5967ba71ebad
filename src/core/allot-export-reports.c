/* allot-export-reports.c: the federal-report sheets of the workbook.
 *
 * - "SF-425 CODE", one per grant: the Federal Financial Report of the
 *   latest interim reporting period that ended on or before the export's
 *   as-of date (the calendar quarter end on or before it when the grant has
 *   no such period), cash basis.  Lines 10a-10o with the computed lines
 *   (10c, 10g, 10h, 10k, 10o) as live formulas whose cached results are the
 *   report's own cents, and the rows of line 11.
 * - "SF-425 detail": the records behind every line of those reports.
 * - "ESAC FYyyyy": the fiscal year exported, or with every year the last
 *   one that ended by the as-of date; Justice and Treasury side by side,
 *   lines 1-8 (6 and 8 as formulas) and the spending categories a-n.
 * - "Overtime": one row per officer, agreement and federal fiscal year (the
 *   fiscal year exported, or every year).
 *
 * The figures come from allot_report_ffr(), allot_report_esac() and
 * allot_report_overtime(), the structs the CLI prints, so the workbook and
 * "allot-cli report ... --csv" cannot differ.  Every sheet is written in
 * row order (constant-memory mode).
 *
 * Memory does not grow with the ledger: the SF-425 details, as many as a
 * grant's entries, are written to the detail sheet as the report finds them
 * (report_ffr_streamed()), and the ESAC's, which the workbook does not show,
 * are not gathered at all (report_esac_build()).
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-export-private.h"
#include "allot-report-private.h"
#include "allot-reports.h"

#define SHEET_NAME_MAX 31

/* ---- shared ---- */

/* @base made a valid, unused sheet name: no []:*?/\, at most 31
 * characters, " (2)" and so on when taken. */
static char *
unique_sheet_name (AllotExport *ex,
                   const char  *base)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autofree char *cut = NULL;

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 128)
        g_string_append_c (clean, '_');
      else
        g_string_append_unichar (clean, c);
    }
  cut = g_utf8_substring (clean->str, 0, MIN (g_utf8_strlen (clean->str, -1), SHEET_NAME_MAX));
  if (workbook_validate_sheet_name (ex->workbook, cut) == LXW_NO_ERROR)
    return g_steal_pointer (&cut);
  for (guint n = 2; n < 1000; n++)
    {
      g_autofree char *suffix = g_strdup_printf (" (%u)", n);
      glong room = SHEET_NAME_MAX - (glong) strlen (suffix);
      g_autofree char *head = g_utf8_substring (cut, 0, MIN (g_utf8_strlen (cut, -1), room));
      char *name = g_strconcat (head, suffix, NULL);

      if (workbook_validate_sheet_name (ex->workbook, name) == LXW_NO_ERROR)
        return name;
      g_free (name);
    }
  return g_steal_pointer (&cut);
}

typedef lxw_row_t (*RowOfToken) (const char *token,
                                 gpointer    data);

/* "=C5-C6" from "10a - 10b": each operand names a row, @col is the column. */
static char *
formula_of (const char *arithmetic,
            lxw_col_t   col,
            RowOfToken  row_of,
            gpointer    data)
{
  g_auto(GStrv) tokens = g_strsplit (arithmetic, " ", -1);
  GString *formula = g_string_new ("=");

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (*tokens[i] == '\0')
        continue;
      if (strcmp (tokens[i], "+") == 0 || strcmp (tokens[i], "-") == 0)
        g_string_append (formula, tokens[i]);
      else
        {
          g_autofree char *cell = export_cell (row_of (tokens[i], data), col);

          g_string_append (formula, cell);
        }
    }
  return g_string_free (formula, FALSE);
}

/* ---- SF-425 ---- */

enum {
  FFR_COL_LINE,
  FFR_COL_LABEL,
  FFR_COL_VALUE,
  FFR_N_COLUMNS
};

static const ExportColumn ffr_columns[FFR_N_COLUMNS] = {
  { N_("Line"), EXPORT_TEXT, 8, 12 },
  { N_("Item"), EXPORT_TEXT, 30, 70 },
  { N_("Amount"), EXPORT_MONEY, 14, 20 },
};

static lxw_row_t
ffr_row_of (const char *token,
            gpointer    data)
{
  lxw_row_t first = *(const lxw_row_t *) data;

  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    if (strcmp (allot_ffr_line_id (l), token) == 0)
      return first + l;
  g_return_val_if_reached (first);
}

/* The last interim period end on or before @as_of, else the calendar
 * quarter end on or before it. */
static gboolean
ffr_period_end (AllotExport       *ex,
                const AllotSource *grant,
                GDate             *out,
                GError           **error)
{
  g_autoptr(GPtrArray) periods = allot_report_periods (ex->store, grant->id, &ex->options.as_of,
                                                       error);
  gboolean found = FALSE;

  if (periods == NULL)
    return FALSE;
  for (guint i = 0; i < periods->len; i++)
    {
      const AllotReportingPeriod *p = periods->pdata[i];

      if (strcmp (p->report_type, "final") == 0 || !g_date_valid (&p->period_end) ||
          g_date_compare (&p->period_end, &ex->options.as_of) > 0)
        continue;
      if (!found || g_date_compare (&p->period_end, out) > 0)
        *out = p->period_end;
      found = TRUE;
    }
  if (!found)
    {
      GDate end;

      allot_calendar_quarter_end_on_or_after (&ex->options.as_of, &end);
      if (g_date_compare (&end, &ex->options.as_of) > 0)
        {
          /* back to the previous quarter end: the last day of the month
           * three months before */
          g_date_set_day (&end, 1);
          g_date_subtract_months (&end, 3);
          g_date_set_day (&end, g_date_get_days_in_month (g_date_get_month (&end),
                                                          g_date_get_year (&end)));
        }
      *out = end;
    }
  return TRUE;
}

static void
write_money_sum (ExportSheet *sheet,
                 GArray      *rows,
                 gint64       cents)
{
  g_autoptr(GString) formula = g_string_new ("=");

  for (guint r = 0; r < rows->len; r++)
    {
      g_autofree char *cell = export_cell (g_array_index (rows, lxw_row_t, r), FFR_COL_VALUE);

      g_string_append_printf (formula, r > 0 ? "+%s" : "%s", cell);
    }
  if (rows->len == 0)
    g_string_append (formula, "0");
  export_formula_money (sheet, FFR_COL_VALUE, formula->str, cents, EXPORT_TOTAL);
}

static gboolean
ffr_sheet (AllotExport *ex,
           AllotFfr    *ffr,
           GError     **error)
{
  ExportSheet sheet;
  g_autofree char *base = g_strdup_printf ("SF-425 %s", ffr->source_code);
  g_autofree char *name = unique_sheet_name (ex, base);
  g_autofree char *what = g_strdup_printf (_("SF-425 Federal Financial Report, %s"),
                                           ffr->source_code);
  g_autofree char *ps = allot_date_format_iso (&ffr->project_start);
  g_autofree char *pe = allot_date_format_iso (&ffr->project_end);
  g_autofree char *re = allot_date_format_iso (&ffr->period_end);
  g_autofree char *due = g_date_valid (&ffr->due_date) ? allot_date_format_iso (&ffr->due_date)
                                                        : g_strdup ("");
  g_autofree char *note = NULL;
  g_autoptr(GArray) base_rows = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  g_autoptr(GArray) charged_rows = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  g_autoptr(GArray) federal_rows = g_array_new (FALSE, FALSE, sizeof (lxw_row_t));
  lxw_row_t first;

  if (!export_sheet_begin (ex, &sheet, name, what, ffr_columns, FFR_N_COLUMNS, error))
    return FALSE;
  /* TRANSLATORS: award number, agency, project period, period end, due date, report type, basis */
  note = g_strdup_printf (_("Award %s (%s). Project period %s to %s. Cumulative to %s, due %s. "
                            "Report type: %s. Basis: %s. Computed lines are formulas."),
                          ffr->award_number, ffr->awarding_agency, ps, pe, re, due,
                          ffr->report_type, allot_report_basis_to_string (ffr->basis));
  export_sheet_note (&sheet, 0, note);
  if (!export_sheet_header (&sheet, error))
    goto fail;

  first = sheet.row;
  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    {
      const char *arithmetic = allot_ffr_line_formula (l);

      export_text (&sheet, FFR_COL_LINE, allot_ffr_line_id (l), EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, allot_ffr_line_label (l), EXPORT_PLAIN);
      if (arithmetic != NULL)
        {
          g_autofree char *formula = formula_of (arithmetic, FFR_COL_VALUE, ffr_row_of, &first);

          export_formula_money (&sheet, FFR_COL_VALUE, formula, ffr->lines[l], EXPORT_TOTAL);
        }
      else
        export_money (&sheet, FFR_COL_VALUE, ffr->lines[l], EXPORT_PLAIN);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }

  for (guint i = 0; i < ffr->indirect->len; i++)
    {
      const AllotFfrIndirect *r = ffr->indirect->pdata[i];
      guint n = i + 1;
      g_autofree char *l11a = g_strdup_printf ("11a.%u", n);
      g_autofree char *l11b = g_strdup_printf ("11b.%u", n);
      g_autofree char *l11cf = g_strdup_printf ("11c.%u.from", n);
      g_autofree char *l11ct = g_strdup_printf ("11c.%u.to", n);
      g_autofree char *l11d = g_strdup_printf ("11d.%u", n);
      g_autofree char *l11e = g_strdup_printf ("11e.%u", n);
      g_autofree char *l11f = g_strdup_printf ("11f.%u", n);
      g_autofree char *base_label = g_strdup_printf (_("Base (%s%s%s)"), r->base_type,
                                                     *r->base_exclusions != '\0'
                                                       ? _(", less lines ") : "",
                                                     r->base_exclusions);

      export_text (&sheet, FFR_COL_LINE, l11a, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, _("Type of rate"), EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_VALUE, r->rate_type, EXPORT_PLAIN);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, l11b, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, _("Rate"), EXPORT_PLAIN);
      export_percent (&sheet, FFR_COL_VALUE, r->rate_bp / 10000.0, EXPORT_PLAIN);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, l11cf, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, _("Period from"), EXPORT_PLAIN);
      export_date (&sheet, FFR_COL_VALUE, &r->start);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, l11ct, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, _("Period to"), EXPORT_PLAIN);
      export_date (&sheet, FFR_COL_VALUE, &r->end);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, l11d, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, base_label, EXPORT_PLAIN);
      export_money (&sheet, FFR_COL_VALUE, r->base, EXPORT_PLAIN);
      g_array_append_val (base_rows, sheet.row);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, l11e, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, _("Amount charged"), EXPORT_PLAIN);
      export_money (&sheet, FFR_COL_VALUE, r->amount_charged, EXPORT_PLAIN);
      g_array_append_val (charged_rows, sheet.row);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, l11f, EXPORT_PLAIN);
      export_text (&sheet, FFR_COL_LABEL, _("Federal share"), EXPORT_PLAIN);
      export_money (&sheet, FFR_COL_VALUE, r->federal_share, EXPORT_PLAIN);
      g_array_append_val (federal_rows, sheet.row);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  if (ffr->indirect->len > 0)
    {
      export_text (&sheet, FFR_COL_LINE, "11g.d", EXPORT_TOTAL);
      export_text (&sheet, FFR_COL_LABEL, _("Total base"), EXPORT_TOTAL);
      write_money_sum (&sheet, base_rows, ffr->indirect_base);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, "11g.e", EXPORT_TOTAL);
      export_text (&sheet, FFR_COL_LABEL, _("Total amount charged"), EXPORT_TOTAL);
      write_money_sum (&sheet, charged_rows, ffr->indirect_charged);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
      export_text (&sheet, FFR_COL_LINE, "11g.f", EXPORT_TOTAL);
      export_text (&sheet, FFR_COL_LABEL, _("Total federal share"), EXPORT_TOTAL);
      write_money_sum (&sheet, federal_rows, ffr->indirect_federal);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}

enum {
  DETAIL_COL_SOURCE,
  DETAIL_COL_LINE,
  DETAIL_COL_DATE,
  DETAIL_COL_REFERENCE,
  DETAIL_COL_DESCRIPTION,
  DETAIL_COL_AMOUNT,
  DETAIL_COL_TABLE,
  DETAIL_COL_RECORD,
  DETAIL_N_COLUMNS
};

static const ExportColumn detail_columns[DETAIL_N_COLUMNS] = {
  { N_("Source"), EXPORT_TEXT, 10, 20 },
  { N_("Line"), EXPORT_TEXT, 6, 10 },
  { N_("Date"), EXPORT_DATE, 11, 12 },
  { N_("Reference"), EXPORT_TEXT, 10, 30 },
  { N_("Description"), EXPORT_TEXT, 16, 50 },
  { N_("Amount"), EXPORT_MONEY, 12, 20 },
  { N_("Table"), EXPORT_TEXT, 10, 24 },
  { N_("Record"), EXPORT_INT, 6, 10 },
};

/* The grants with an SF-425 sheet and the period end of each. */
typedef struct {
  gint64 source_id;
  GDate period_end;
} FfrPlan;

/* The report of @plan, its details passed to @detail_func: none is kept,
 * for a grant's can be as many as its ledger's entries. */
static AllotFfr *
ffr_report (AllotExport      *ex,
            const FfrPlan    *plan,
            ReportDetailFunc  detail_func,
            gpointer          detail_data,
            GError          **error)
{
  AllotFfr *ffr = report_ffr_streamed (ex->store, plan->source_id, &plan->period_end, FALSE,
                                       ALLOT_BASIS_CASH, &ex->options.as_of, detail_func,
                                       detail_data, error);

  if (ffr == NULL)
    export_fail (ex, error);
  return ffr;
}

static gboolean
skip_detail (const AllotReportDetail *detail,
             gpointer                 data,
             GError                 **error)
{
  return TRUE;
}

typedef struct {
  ExportSheet *sheet;
  const char *source_code;
} DetailWriter;

static gboolean
write_detail (const AllotReportDetail *detail,
              gpointer                 data,
              GError                 **error)
{
  DetailWriter *w = data;
  ExportSheet *sheet = w->sheet;

  export_text (sheet, DETAIL_COL_SOURCE, w->source_code, EXPORT_PLAIN);
  export_text (sheet, DETAIL_COL_LINE, detail->line, EXPORT_PLAIN);
  if (g_date_valid (&detail->date))
    export_date (sheet, DETAIL_COL_DATE, &detail->date);
  export_text (sheet, DETAIL_COL_REFERENCE, detail->reference, EXPORT_PLAIN);
  export_text (sheet, DETAIL_COL_DESCRIPTION, detail->description, EXPORT_PLAIN);
  export_money (sheet, DETAIL_COL_AMOUNT, detail->amount, EXPORT_PLAIN);
  export_text (sheet, DETAIL_COL_TABLE, detail->table_name, EXPORT_PLAIN);
  export_int (sheet, DETAIL_COL_RECORD, detail->record_id, EXPORT_PLAIN);
  return export_sheet_next_row (sheet, error);
}

/* Each report is computed again for the detail sheet (in the export's
 * snapshot, so it is the same report), its details written as they come. */
static gboolean
ffr_detail_sheet (AllotExport *ex,
                  GArray      *plans,
                  GError     **error)
{
  ExportSheet sheet;
  g_autofree char *name = unique_sheet_name (ex, "SF-425 detail");

  if (!export_sheet_begin (ex, &sheet, name, _("SF-425 detail"), detail_columns,
                           DETAIL_N_COLUMNS, error))
    return FALSE;
  export_sheet_note (&sheet, 0, _("The records behind each line of the SF-425 sheets, as they "
                                  "count on the line."));
  if (!export_sheet_header (&sheet, error))
    goto fail;
  for (guint i = 0; i < plans->len; i++)
    {
      const FfrPlan *plan = &g_array_index (plans, FfrPlan, i);
      const AllotSource *source = export_lookup (ex->source_by_id, plan->source_id);
      DetailWriter w = { &sheet, source->code };
      g_autoptr(AllotFfr) ffr = ffr_report (ex, plan, write_detail, &w, error);

      if (ffr == NULL)
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}

static gboolean
ffr_sheets (AllotExport *ex,
            GError     **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (FfrPlan));

  for (guint i = 0; i < ex->sources->len; i++)
    {
      const AllotSource *source = ex->sources->pdata[i];
      g_autoptr(AllotFfr) ffr = NULL;
      FfrPlan plan = { source->id };

      if (source->kind != ALLOT_SOURCE_GRANT)
        continue;
      if (!ffr_period_end (ex, source, &plan.period_end, error))
        return export_fail (ex, error);
      if (!g_date_valid (&source->u.grant.pop_start) ||
          g_date_compare (&plan.period_end, &source->u.grant.pop_start) < 0)
        continue;  /* no period of the award has ended yet */
      ffr = ffr_report (ex, &plan, skip_detail, NULL, error);
      if (ffr == NULL || !ffr_sheet (ex, ffr, error))
        return FALSE;
      g_array_append_val (plans, plan);
    }
  if (plans->len == 0)
    return TRUE;
  return ffr_detail_sheet (ex, plans, error);
}

/* ---- ESAC ---- */

enum {
  ESAC_COL_LINE,
  ESAC_COL_LABEL,
  ESAC_COL_JUSTICE,
  ESAC_COL_TREASURY,
  ESAC_N_COLUMNS
};

static const ExportColumn esac_columns[ESAC_N_COLUMNS] = {
  { N_("Line"), EXPORT_TEXT, 6, 10 },
  { N_("Item"), EXPORT_TEXT, 30, 70 },
  { N_("Justice"), EXPORT_MONEY, 14, 20 },
  { N_("Treasury"), EXPORT_MONEY, 14, 20 },
};

static lxw_row_t
esac_row_of (const char *token,
             gpointer    data)
{
  lxw_row_t first = *(const lxw_row_t *) data;
  guint64 line = g_ascii_strtoull (token, NULL, 10);

  g_return_val_if_fail (line >= 1 && line <= ALLOT_ESAC_N_LINES, first);
  return first + (lxw_row_t) (line - 1);
}

static gboolean
esac_sheet (AllotExport *ex,
            GError     **error)
{
  static const lxw_col_t money_columns[ALLOT_ESAC_N_COLUMNS] = {
    ESAC_COL_JUSTICE, ESAC_COL_TREASURY
  };
  /* The year chosen, else the last one that ended by the as-of date (the
   * certification that is due next). */
  int fiscal_year = ex->options.fiscal_year != 0
                      ? ex->options.fiscal_year
                      : allot_fiscal_year_of (&ex->options.as_of, ex->fy_start_month) - 1;
  g_autoptr(AllotEsac) esac = report_esac_build (ex->store, fiscal_year, FALSE, error);
  ExportSheet sheet;
  g_autofree char *base = NULL, *name = NULL, *what = NULL, *note = NULL;
  g_autofree char *s = NULL, *e = NULL, *due = NULL;
  lxw_row_t first;

  if (esac == NULL)
    return export_fail (ex, error);
  base = g_strdup_printf ("ESAC FY%d", fiscal_year);
  name = unique_sheet_name (ex, base);
  what = g_strdup_printf (_("Equitable Sharing Agreement and Certification, FY%d"), fiscal_year);
  s = allot_date_format_iso (&esac->fy_start);
  e = allot_date_format_iso (&esac->fy_end);
  due = allot_date_format_iso (&esac->due_date);
  if (!export_sheet_begin (ex, &sheet, name, what, esac_columns, ESAC_N_COLUMNS, error))
    return FALSE;
  /* TRANSLATORS: agency, fiscal year start and end, due date */
  note = g_strdup_printf (_("Agency: %s. Fiscal year %s to %s, due %s. Lines 6 and 8 are "
                            "formulas."), esac->agency, s, e, due);
  export_sheet_note (&sheet, 0, note);
  if (!export_sheet_header (&sheet, error))
    goto fail;

  first = sheet.row;
  for (guint l = 0; l < ALLOT_ESAC_N_LINES; l++)
    {
      g_autofree char *id = g_strdup_printf ("%u", l + 1);
      const char *arithmetic = allot_esac_line_formula (l);
      gboolean live = arithmetic != NULL &&
                      (l == ALLOT_ESAC_TOTAL_RECEIVED || l == ALLOT_ESAC_ENDING);

      export_text (&sheet, ESAC_COL_LINE, id, EXPORT_PLAIN);
      export_text (&sheet, ESAC_COL_LABEL, allot_esac_line_label (l), EXPORT_PLAIN);
      for (guint c = 0; c < ALLOT_ESAC_N_COLUMNS; c++)
        {
          if (live)
            {
              g_autofree char *formula = formula_of (arithmetic, money_columns[c], esac_row_of,
                                                     &first);

              export_formula_money (&sheet, money_columns[c], formula, esac->lines[c][l],
                                    EXPORT_TOTAL);
            }
          else
            export_money (&sheet, money_columns[c], esac->lines[c][l], EXPORT_PLAIN);
        }
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  for (char letter = 'a'; letter <= 'n'; letter++)
    {
      char id[2] = { letter, '\0' };

      export_text (&sheet, ESAC_COL_LINE, id, EXPORT_PLAIN);
      export_text (&sheet, ESAC_COL_LABEL, allot_esac_category_label (letter), EXPORT_PLAIN);
      for (guint c = 0; c < ALLOT_ESAC_N_COLUMNS; c++)
        export_money (&sheet, money_columns[c], esac->spent[c][letter - 'a'], EXPORT_PLAIN);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}

/* ---- overtime ---- */

enum {
  OT_COL_AGREEMENT,
  OT_COL_NUMBER,
  OT_COL_BADGE,
  OT_COL_OFFICER,
  OT_COL_AGENCY,
  OT_COL_YEAR,
  OT_COL_ENTRIES,
  OT_COL_HOURS,
  OT_COL_AMOUNT,
  OT_COL_ANNUAL_CAP,
  OT_COL_MONTHLY_CAP,
  OT_COL_REIMBURSABLE,
  OT_COL_OVER_CAP,
  OT_COL_REMAINING,
  OT_COL_BILLED,
  OT_COL_RECEIVED,
  OT_COL_OUTSTANDING,
  OT_COL_UNBILLED,
  OT_COL_FLAGGED,
  OT_N_COLUMNS
};

static const ExportColumn ot_columns[OT_N_COLUMNS] = {
  { N_("Agreement"), EXPORT_TEXT, 10, 20 },
  { N_("Agreement number"), EXPORT_TEXT, 10, 24 },
  { N_("Badge"), EXPORT_TEXT, 8, 14 },
  { N_("Officer"), EXPORT_TEXT, 14, 30 },
  { N_("Home agency"), EXPORT_TEXT, 8, 14 },
  { N_("Federal fiscal year"), EXPORT_INT, 8, 10 },
  { N_("Entries"), EXPORT_INT, 7, 10 },
  { N_("Hours"), EXPORT_MONEY, 8, 14 },
  { N_("Amount"), EXPORT_MONEY, 12, 20 },
  { N_("Annual cap"), EXPORT_MONEY, 12, 20 },
  { N_("Monthly cap"), EXPORT_MONEY, 12, 20 },
  { N_("Reimbursable"), EXPORT_MONEY, 12, 20 },
  { N_("Over cap"), EXPORT_MONEY, 12, 20 },
  { N_("Remaining"), EXPORT_MONEY, 12, 20 },
  { N_("Billed"), EXPORT_MONEY, 12, 20 },
  { N_("Received"), EXPORT_MONEY, 12, 20 },
  { N_("Outstanding"), EXPORT_MONEY, 12, 20 },
  { N_("Unbilled"), EXPORT_MONEY, 12, 20 },
  { N_("Entries over a cap"), EXPORT_INT, 7, 10 },
};

static void
ot_difference (ExportSheet *sheet,
               lxw_col_t    col,
               lxw_col_t    plus,
               lxw_col_t    minus,
               gint64       cents,
               ExportStyle  style)
{
  g_autofree char *a = export_cell (sheet->row, plus);
  g_autofree char *b = export_cell (sheet->row, minus);
  g_autofree char *formula = g_strdup_printf ("=%s-%s", a, b);

  export_formula_money (sheet, col, formula, cents, style);
}

static gboolean
overtime_sheet (AllotExport *ex,
                GError     **error)
{
  static const lxw_col_t summed[] = {
    OT_COL_HOURS, OT_COL_AMOUNT, OT_COL_REIMBURSABLE, OT_COL_BILLED, OT_COL_RECEIVED,
    OT_COL_UNBILLED
  };
  g_autoptr(AllotOvertimeReport) report = allot_report_overtime (ex->store,
                                                                 ex->options.fiscal_year, error);
  ExportSheet sheet;
  g_autofree char *name = NULL;
  lxw_row_t first, last;

  if (report == NULL)
    return export_fail (ex, error);
  name = unique_sheet_name (ex, "Overtime");
  if (!export_sheet_begin (ex, &sheet, name, _("Overtime by officer and agreement"), ot_columns,
                           OT_N_COLUMNS, error))
    return FALSE;
  export_sheet_note (&sheet, 0, _("Approved, unvoided overtime per officer, agreement and federal "
                                  "fiscal year against the caps. Over cap = amount - "
                                  "reimbursable; outstanding = billed - received."));
  if (!export_sheet_header (&sheet, error))
    goto fail;
  first = sheet.row;
  for (guint i = 0; i < report->rows->len; i++)
    {
      const AllotOvertimeRow *r = report->rows->pdata[i];

      export_text (&sheet, OT_COL_AGREEMENT, r->agreement_code, EXPORT_PLAIN);
      export_text (&sheet, OT_COL_NUMBER, r->agreement_number, EXPORT_PLAIN);
      export_text (&sheet, OT_COL_BADGE, r->badge, EXPORT_PLAIN);
      export_text (&sheet, OT_COL_OFFICER, r->officer_name, EXPORT_PLAIN);
      export_text (&sheet, OT_COL_AGENCY, r->agency_code, EXPORT_PLAIN);
      export_int (&sheet, OT_COL_YEAR, r->fiscal_year, EXPORT_PLAIN);
      export_int (&sheet, OT_COL_ENTRIES, r->n_entries, EXPORT_PLAIN);
      export_money (&sheet, OT_COL_HOURS, r->hours, EXPORT_PLAIN);
      export_money (&sheet, OT_COL_AMOUNT, r->amount, EXPORT_PLAIN);
      if (r->annual_cap != 0)
        export_money (&sheet, OT_COL_ANNUAL_CAP, r->annual_cap, EXPORT_PLAIN);
      if (r->monthly_cap != 0)
        export_money (&sheet, OT_COL_MONTHLY_CAP, r->monthly_cap, EXPORT_PLAIN);
      export_money (&sheet, OT_COL_REIMBURSABLE, r->reimbursable, EXPORT_PLAIN);
      ot_difference (&sheet, OT_COL_OVER_CAP, OT_COL_AMOUNT, OT_COL_REIMBURSABLE, r->over_cap,
                     EXPORT_PLAIN);
      export_money (&sheet, OT_COL_REMAINING, r->remaining, EXPORT_PLAIN);
      export_money (&sheet, OT_COL_BILLED, r->billed, EXPORT_PLAIN);
      export_money (&sheet, OT_COL_RECEIVED, r->received, EXPORT_PLAIN);
      ot_difference (&sheet, OT_COL_OUTSTANDING, OT_COL_BILLED, OT_COL_RECEIVED, r->outstanding,
                     EXPORT_PLAIN);
      export_money (&sheet, OT_COL_UNBILLED, r->unbilled, EXPORT_PLAIN);
      export_int (&sheet, OT_COL_FLAGGED, r->n_flagged, EXPORT_PLAIN);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  last = sheet.row - 1;
  export_sheet_end_data (&sheet);
  if (report->rows->len > 0)
    {
      const AllotOvertimeRow *t = &report->totals;
      const gint64 values[] = {
        t->hours, t->amount, t->reimbursable, t->billed, t->received, t->unbilled
      };

      export_text (&sheet, OT_COL_AGREEMENT, _("Total"), EXPORT_TOTAL);
      for (guint i = 0; i < G_N_ELEMENTS (summed); i++)
        {
          g_autofree char *range = export_range (first, last, summed[i]);
          g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);

          export_formula_money (&sheet, summed[i], formula, values[i], EXPORT_TOTAL);
        }
      ot_difference (&sheet, OT_COL_OVER_CAP, OT_COL_AMOUNT, OT_COL_REIMBURSABLE,
                     t->amount - t->reimbursable, EXPORT_TOTAL);
      ot_difference (&sheet, OT_COL_OUTSTANDING, OT_COL_BILLED, OT_COL_RECEIVED,
                     t->billed - t->received, EXPORT_TOTAL);
      if (!export_sheet_next_row (&sheet, error))
        goto fail;
    }
  return export_sheet_finish (&sheet, error);

fail:
  export_sheet_clear (&sheet);
  return FALSE;
}

gboolean
export_report_sheets (AllotExport *ex,
                      GError     **error)
{
  return ffr_sheets (ex, error) &&
         esac_sheet (ex, error) &&
         overtime_sheet (ex, error);
}
