/* allot-export-sheet.c: what every sheet of the workbook has in common.
 *
 * Layout of every sheet: row 1 the title (what, which fiscal year, as of
 * which date, from which database), row 2 the details, row 3 an optional
 * note, row 4 the header, frozen and repeated on every printed page, with an
 * autofilter over the data below it.  Money is #,##0.00 with negatives red
 * and signed; dates are real dates in Excel's short-date format, which Excel
 * shows the way the reader's own settings say.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-error.h"
#include "allot-export-private.h"

/* Excel's limit on the characters of one cell. */
#define EXPORT_MAX_TEXT 32767
/* Rows between two looks at the cancellable. */
#define CANCEL_CHECK_ROWS 1024

#define HEADER_ROW 3

static const char money_format[] = "#,##0.00;[Red]-#,##0.00";
/* Excel's built-in short date: shown as the reader's locale wants it. */
#define DATE_FORMAT_INDEX 14

static lxw_format *
new_format (AllotExport *ex)
{
  lxw_format *format = workbook_add_format (ex->workbook);

  /* It fails only when memory runs out, where GLib aborts anyway. */
  g_assert (format != NULL);
  return format;
}

void
export_formats_init (AllotExport *ex)
{
  ExportFormats *f = &ex->formats;

  for (guint style = 0; style < EXPORT_N_STYLES; style++)
    {
      for (guint type = 0; type < EXPORT_N_TYPES; type++)
        {
          lxw_format *format;

          if (style == EXPORT_PLAIN && (type == EXPORT_TEXT || type == EXPORT_INT))
            {
              f->cell[type][style] = NULL;  /* the default, General */
              continue;
            }
          format = new_format (ex);
          switch (type)
            {
            case EXPORT_MONEY:
              format_set_num_format (format, money_format);
              break;
            case EXPORT_DATE:
              format_set_num_format_index (format, DATE_FORMAT_INDEX);
              break;
            case EXPORT_PERCENT:
              format_set_num_format (format, "0.0%");
              break;
            case EXPORT_INT:
            case EXPORT_TEXT:
            default:
              break;
            }
          if (style == EXPORT_TOTAL)
            {
              format_set_bold (format);
              format_set_top (format, LXW_BORDER_THIN);
            }
          f->cell[type][style] = format;
        }
    }

  f->title = new_format (ex);
  format_set_bold (f->title);
  format_set_font_size (f->title, 14);
  f->details = new_format (ex);
  format_set_font_color (f->details, 0x595959);
  format_set_font_size (f->details, 9);
  f->section = new_format (ex);
  format_set_bold (f->section);
  format_set_font_size (f->section, 12);
  f->header = new_format (ex);
  format_set_bold (f->header);
  format_set_text_wrap (f->header);
  format_set_align (f->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (f->header, 0xDCE6F1);
  format_set_bottom (f->header, LXW_BORDER_THIN);
  f->header_number = new_format (ex);
  format_set_bold (f->header_number);
  format_set_text_wrap (f->header_number);
  format_set_align (f->header_number, LXW_ALIGN_VERTICAL_TOP);
  format_set_align (f->header_number, LXW_ALIGN_RIGHT);
  format_set_bg_color (f->header_number, 0xDCE6F1);
  format_set_bottom (f->header_number, LXW_BORDER_THIN);
  f->percent_input = new_format (ex);
  format_set_num_format (f->percent_input, "0%");
  format_set_bold (f->percent_input);
  format_set_bg_color (f->percent_input, 0xFFF2CC);
  format_set_border (f->percent_input, LXW_BORDER_THIN);
  /* Excel's own "light red fill with dark red text" and "yellow fill with
   * dark yellow text", which reviewers recognise. */
  f->highlight_red = new_format (ex);
  format_set_bg_color (f->highlight_red, 0xFFC7CE);
  format_set_font_color (f->highlight_red, 0x9C0006);
  f->highlight_amber = new_format (ex);
  format_set_bg_color (f->highlight_amber, 0xFFEB9C);
  format_set_font_color (f->highlight_amber, 0x9C5700);
  f->voided = new_format (ex);
  format_set_font_color (f->voided, 0x808080);
  format_set_font_strikeout (f->voided);
}

void
export_set_lxw_error (GError    **error,
                      lxw_error   status,
                      const char *what)
{
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Could not write %s: %s"), what,
               lxw_strerror (status));
}

void
export_sheet_check (ExportSheet *sheet,
                    lxw_error    status)
{
  if (status != LXW_NO_ERROR && sheet->status == LXW_NO_ERROR)
    sheet->status = status;
}

static gboolean
sheet_status (ExportSheet *sheet,
              GError     **error)
{
  g_autofree char *what = NULL;

  if (sheet->status == LXW_NO_ERROR)
    return TRUE;
  what = g_strdup_printf (_("sheet “%s”, row %u"), sheet->name, (guint) sheet->row + 1);
  export_set_lxw_error (error, sheet->status, what);
  return FALSE;
}

/* A translated sheet name when the translation is one Excel accepts. */
static const char *
sheet_name (AllotExport *ex,
            const char  *name)
{
  const char *translated = _(name);

  if (translated != name &&
      workbook_validate_sheet_name (ex->workbook, translated) == LXW_NO_ERROR)
    return translated;
  return name;
}

gboolean
export_sheet_begin (AllotExport        *ex,
                    ExportSheet        *sheet,
                    const char         *name,
                    const char         *what,
                    const ExportColumn *columns,
                    guint               n_columns,
                    GError            **error)
{
  g_autofree char *title = NULL;
  const char *real_name;
  lxw_error status;

  memset (sheet, 0, sizeof *sheet);
  sheet->ex = ex;
  sheet->columns = columns;
  sheet->n_columns = n_columns;
  sheet->widths = g_new0 (guint, n_columns);
  sheet->header_row = HEADER_ROW;

  real_name = sheet_name (ex, name);
  status = workbook_validate_sheet_name (ex->workbook, real_name);
  if (status != LXW_NO_ERROR)
    {
      export_set_lxw_error (error, status, real_name);
      return FALSE;
    }
  sheet->name = g_strdup (real_name);
  sheet->ws = workbook_add_worksheet (ex->workbook, real_name);
  if (sheet->ws == NULL)
    {
      export_set_lxw_error (error, LXW_ERROR_MEMORY_MALLOC_FAILED, real_name);
      return FALSE;
    }

  /* TRANSLATORS: what the sheet is, the fiscal year, the as-of date, the database file */
  title = g_strdup_printf (_("%s — %s — as of %s — %s"), what, ex->scope_text, ex->as_of_text,
                           ex->db_name);
  export_sheet_check (sheet, worksheet_set_row (sheet->ws, 0, 21, NULL));
  export_sheet_check (sheet, worksheet_write_string (sheet->ws, 0, 0, title, ex->formats.title));
  sheet->row = 1;
  export_sheet_check (sheet, worksheet_write_string (sheet->ws, 1, 0, ex->details_text,
                                                     ex->formats.details));
  sheet->row = 2;
  return sheet_status (sheet, error);
}

void
export_sheet_note (ExportSheet *sheet,
                   lxw_col_t    col,
                   const char  *text)
{
  g_assert (sheet->row == 2);
  export_sheet_check (sheet, worksheet_write_string (sheet->ws, 2, col, text,
                                                     sheet->ex->formats.details));
}

gboolean
export_sheet_header (ExportSheet *sheet,
                     GError     **error)
{
  ExportFormats *f = &sheet->ex->formats;

  sheet->row = sheet->header_row;
  /* Room for headers that wrap onto a second line. */
  export_sheet_check (sheet, worksheet_set_row (sheet->ws, sheet->row, 30, NULL));
  for (guint c = 0; c < sheet->n_columns; c++)
    {
      const char *header = _(sheet->columns[c].header);
      gboolean number = sheet->columns[c].type == EXPORT_MONEY ||
                        sheet->columns[c].type == EXPORT_PERCENT ||
                        sheet->columns[c].type == EXPORT_INT;

      export_sheet_check (sheet, worksheet_write_string (sheet->ws, sheet->row, (lxw_col_t) c,
                                                         header,
                                                         number ? f->header_number : f->header));
    }
  sheet->row++;
  sheet->first_data_row = sheet->row;
  return sheet_status (sheet, error);
}

void
export_sheet_end_data (ExportSheet *sheet)
{
  lxw_row_t last = sheet->row > sheet->first_data_row ? sheet->row - 1 : sheet->header_row;

  g_assert (!sheet->filtered);
  sheet->filtered = TRUE;
  export_sheet_check (sheet, worksheet_autofilter (sheet->ws, sheet->header_row, 0, last,
                                                   (lxw_col_t) (sheet->n_columns - 1)));
}

gboolean
export_sheet_next_row (ExportSheet *sheet,
                       GError     **error)
{
  if (!sheet_status (sheet, error))
    return FALSE;
  sheet->row++;
  if (++sheet->ex->tick >= CANCEL_CHECK_ROWS)
    {
      sheet->ex->tick = 0;
      return export_check_cancelled (sheet->ex, error);
    }
  return TRUE;
}

void
export_sheet_clear (ExportSheet *sheet)
{
  g_clear_pointer (&sheet->widths, g_free);
  g_clear_pointer (&sheet->name, g_free);
}

gboolean
export_sheet_finish (ExportSheet *sheet,
                     GError     **error)
{
  lxw_worksheet *ws = sheet->ws;
  g_autofree char *footer = NULL;
  gboolean ok;

  for (guint c = 0; c < sheet->n_columns; c++)
    {
      const ExportColumn *column = &sheet->columns[c];
      guint header = (guint) g_utf8_strlen (_(column->header), -1);
      guint content = sheet->widths[c];
      guint width;

      /* Long headers wrap; content sets the width up to the column's cap,
       * with room for bold totals and fonts wider than Excel's Calibri. */
      width = MAX (content + content / 8, MIN (header, 12u)) + 3;
      if (column->type == EXPORT_MONEY)
        width += 2;  /* bold totals, and room to grow */
      width = CLAMP (width, column->min_width, column->max_width);
      export_sheet_check (sheet, worksheet_set_column (ws, (lxw_col_t) c, (lxw_col_t) c,
                                                       width, NULL));
    }
  if (!sheet->filtered)
    export_sheet_end_data (sheet);
  worksheet_freeze_panes (ws, sheet->first_data_row, 0);

  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.4, 0.4, 0.6, 0.6);
  export_sheet_check (sheet, worksheet_repeat_rows (ws, 0, sheet->header_row));
  /* TRANSLATORS: printed footer; keep &A (sheet), &P (page) and &N (pages) */
  footer = g_strdup_printf ("&L&A&R%s", _("Page &P of &N"));
  export_sheet_check (sheet, worksheet_set_footer (ws, footer));

  ok = sheet_status (sheet, error);
  export_sheet_clear (sheet);
  return ok;
}

/* ---- cells ---- */

static inline void
measure (ExportSheet *sheet,
         lxw_col_t    col,
         guint        chars)
{
  if (col < sheet->n_columns && chars > sheet->widths[col])
    sheet->widths[col] = chars;
}

/* Text as Excel can hold it: valid UTF-8, no control characters other than
 * tab and line feed (they are not allowed in XML), at most 32,767
 * characters.  NULL when @text needs no change, which one pass over the
 * bytes tells for the plain ASCII that nearly all cells hold. */
static char *
clean_text (const char *text,
            gsize      *inout_len)
{
  const guchar *p = (const guchar *) text;
  gboolean high = FALSE, controls = FALSE;
  gsize len;
  char *copy;

  for (len = 0; p[len] != '\0'; len++)
    {
      if (p[len] >= 0x80)
        high = TRUE;
      else if (p[len] < 0x20 && p[len] != '\t' && p[len] != '\n')
        controls = TRUE;
    }
  *inout_len = len;
  if (!controls && len <= EXPORT_MAX_TEXT && (!high || g_utf8_validate (text, (gssize) len, NULL)))
    return NULL;

  copy = g_utf8_make_valid (text, (gssize) len);
  for (char *c = copy; *c != '\0'; c++)
    if ((guchar) *c < 0x20 && *c != '\t' && *c != '\n')
      *c = ' ';
  if (g_utf8_strlen (copy, -1) > EXPORT_MAX_TEXT)
    {
      char *end = g_utf8_offset_to_pointer (copy, EXPORT_MAX_TEXT - 1);

      *end = '\0';
      copy = g_realloc (copy, (gsize) (end - copy) + sizeof "…");
      strcat (copy, "…");
    }
  *inout_len = strlen (copy);
  return copy;
}

void
export_text (ExportSheet *sheet,
             lxw_col_t    col,
             const char  *text,
             ExportStyle  style)
{
  g_autofree char *clean = NULL;
  gsize len = 0;

  if (text == NULL || *text == '\0')
    {
      if (style == EXPORT_TOTAL)
        export_sheet_check (sheet, worksheet_write_blank (sheet->ws, sheet->row, col,
                                                          sheet->ex->formats.cell[EXPORT_TEXT][style]));
      return;
    }
  clean = clean_text (text, &len);
  if (clean != NULL)
    text = clean;
  if (col < sheet->n_columns && len > sheet->widths[col])
    measure (sheet, col, (guint) g_utf8_strlen (text, (gssize) len));
  /* worksheet_write_string() always writes a string cell: "=1+1" stays text. */
  export_sheet_check (sheet, worksheet_write_string (sheet->ws, sheet->row, col, text,
                                                     sheet->ex->formats.cell[EXPORT_TEXT][style]));
}

static guint
money_chars (gint64 cents)
{
  guint64 units = (guint64) (cents < 0 ? -cents : cents) / 100;
  guint digits = 1;

  while (units >= 10)
    {
      units /= 10;
      digits++;
    }
  /* digits, group separators, ".00", sign */
  return digits + (digits - 1) / 3 + 3 + (cents < 0 ? 1 : 0);
}

void
export_money (ExportSheet *sheet,
              lxw_col_t    col,
              gint64       cents,
              ExportStyle  style)
{
  measure (sheet, col, money_chars (cents));
  /* The one conversion from cents to floating point (DESIGN.md). */
  export_sheet_check (sheet, worksheet_write_number (sheet->ws, sheet->row, col, cents / 100.0,
                                                     sheet->ex->formats.cell[EXPORT_MONEY][style]));
}

void
export_int (ExportSheet *sheet,
            lxw_col_t    col,
            gint64       value,
            ExportStyle  style)
{
  guint64 rest = (guint64) (value < 0 ? -value : value);
  guint digits = value < 0 ? 2 : 1;

  while (rest >= 10)
    {
      rest /= 10;
      digits++;
    }
  measure (sheet, col, digits);
  export_sheet_check (sheet, worksheet_write_number (sheet->ws, sheet->row, col, (double) value,
                                                     sheet->ex->formats.cell[EXPORT_INT][style]));
}

void
export_date (ExportSheet *sheet,
             lxw_col_t    col,
             const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return;
  measure (sheet, col, 10);
  export_sheet_check (sheet, worksheet_write_number (sheet->ws, sheet->row, col,
                                                     export_excel_date (date),
                                                     sheet->ex->formats.cell[EXPORT_DATE][EXPORT_PLAIN]));
}

void
export_date_iso (ExportSheet *sheet,
                 lxw_col_t    col,
                 const char  *iso)
{
  double serial;

  if (iso == NULL || *iso == '\0')
    return;
  if (!export_excel_date_iso (iso, &serial))
    {
      /* Not a date the schema allows; show what is there rather than guess. */
      export_text (sheet, col, iso, EXPORT_PLAIN);
      return;
    }
  measure (sheet, col, 10);
  export_sheet_check (sheet, worksheet_write_number (sheet->ws, sheet->row, col, serial,
                                                     sheet->ex->formats.cell[EXPORT_DATE][EXPORT_PLAIN]));
}

void
export_percent (ExportSheet *sheet,
                lxw_col_t    col,
                double       value,
                ExportStyle  style)
{
  measure (sheet, col, 6);
  export_sheet_check (sheet, worksheet_write_number (sheet->ws, sheet->row, col, value,
                                                     sheet->ex->formats.cell[EXPORT_PERCENT][style]));
}

void
export_formula_money (ExportSheet *sheet,
                      lxw_col_t    col,
                      const char  *formula,
                      gint64       cents,
                      ExportStyle  style)
{
  measure (sheet, col, money_chars (cents));
  export_sheet_check (sheet, worksheet_write_formula_num (sheet->ws, sheet->row, col, formula,
                                                          sheet->ex->formats.cell[EXPORT_MONEY][style],
                                                          cents / 100.0));
}

void
export_formula_percent (ExportSheet *sheet,
                        lxw_col_t    col,
                        const char  *formula,
                        double       value,
                        ExportStyle  style)
{
  measure (sheet, col, 6);
  export_sheet_check (sheet, worksheet_write_formula_num (sheet->ws, sheet->row, col, formula,
                                                          sheet->ex->formats.cell[EXPORT_PERCENT][style],
                                                          value));
}

char *
export_cell (lxw_row_t row,
             lxw_col_t col)
{
  char name[LXW_MAX_CELL_NAME_LENGTH];

  lxw_rowcol_to_cell (name, row, col);
  return g_strdup (name);
}

char *
export_range (lxw_row_t first,
              lxw_row_t last,
              lxw_col_t col)
{
  char range[LXW_MAX_CELL_RANGE_LENGTH];

  lxw_rowcol_to_range (range, first, col, last, col);
  return g_strdup (range);
}

void
export_sheet_highlight (ExportSheet *sheet,
                        lxw_row_t    first,
                        lxw_row_t    last,
                        const char  *formula,
                        lxw_format  *format)
{
  lxw_conditional_format rule = { 0 };

  if (last < first)
    return;
  rule.type = LXW_CONDITIONAL_TYPE_FORMULA;
  rule.value_string = (char *) formula;
  rule.format = format;
  export_sheet_check (sheet, worksheet_conditional_format_range (sheet->ws, first, 0, last,
                                                                 (lxw_col_t) (sheet->n_columns - 1),
                                                                 &rule));
}
