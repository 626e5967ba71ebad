/* allot-date.c: calendar dates, fiscal years and reporting periods.
 *
 * Design decisions
 *
 * - Two spellings only, both strict about their shape: ISO "YYYY-MM-DD" with
 *   exactly 4-2-2 digits (so "2026-1-5" is refused: a machine wrote ISO, and a
 *   machine that drops the zeros probably wrote something else too), and US
 *   "M/D/YYYY" with one or two digits for month and day and exactly four for the
 *   year (no two-digit years: "3/31/26" could be 1926 or 2026).  D/M/YYYY is
 *   never guessed: "13/1/2026" is refused, not read as 13 January.  Surrounding
 *   ASCII white space is ignored, as for money.
 *
 * - All period arithmetic is on Julian day numbers, in integers.  A period is
 *   inclusive at both ends; a period whose last day precedes its first is
 *   empty (0 days) rather than a programming error, since it can come from
 *   data.  The elapsed share is rounded half up in basis points as
 *   floor ((2 * elapsed * 10000 + days) / (2 * days)).
 *
 * - A fiscal year is named by the calendar year in which it ends, so with a
 *   January start it is the calendar year and with any later start month the
 *   months from the start month onwards belong to the next year's number.
 */

#include "allot-date.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-error.h"

#define QUOTE_MAX_CHARS 40

static char *
quote_input (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *prefix = NULL;

  if (g_utf8_strlen (valid, -1) <= QUOTE_MAX_CHARS)
    return g_steal_pointer (&valid);

  prefix = g_utf8_substring (valid, 0, QUOTE_MAX_CHARS);
  return g_strconcat (prefix, "…", NULL);
}

/* Reads between @min_digits and @max_digits ASCII digits at *@p. */
static gboolean
read_number (const char **p,
             const char  *end,
             guint        min_digits,
             guint        max_digits,
             guint       *out)
{
  guint n = 0;
  guint value = 0;

  while (*p < end && g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }

  /* A further digit means the field is too long, not that it ends here. */
  if (n < min_digits || (*p < end && g_ascii_isdigit (**p)))
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
read_char (const char **p,
           const char  *end,
           char         c)
{
  if (*p < end && **p == c)
    {
      (*p)++;
      return TRUE;
    }
  return FALSE;
}

gboolean
allot_date_parse (const char  *text,
                  GDate       *out,
                  GError     **error)
{
  g_autofree char *shown = NULL;
  const char *p;
  const char *end;
  guint year = 0;
  guint month = 0;
  guint day = 0;
  gboolean shaped;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = text;
  end = text + strlen (text);
  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  if (p < end && memchr (p, '/', (gsize) (end - p)) != NULL)
    shaped = read_number (&p, end, 1, 2, &month)
             && read_char (&p, end, '/')
             && read_number (&p, end, 1, 2, &day)
             && read_char (&p, end, '/')
             && read_number (&p, end, 4, 4, &year)
             && p == end;
  else
    shaped = read_number (&p, end, 4, 4, &year)
             && read_char (&p, end, '-')
             && read_number (&p, end, 2, 2, &month)
             && read_char (&p, end, '-')
             && read_number (&p, end, 2, 2, &day)
             && p == end;

  if (!shaped)
    {
      shown = quote_input (text);
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("\"%s\" is not a date: write YYYY-MM-DD or M/D/YYYY"), shown);
      return FALSE;
    }

  if (month < 1 || month > 12 || year < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      shown = quote_input (text);
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("\"%s\" is not a valid date"), shown);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
allot_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

void
allot_date_set_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (out != NULL);

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

int
allot_fiscal_year_of (const GDate *date,
                      guint        start_month)
{
  int year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  g_return_val_if_fail (start_month >= 1 && start_month <= 12, 0);

  year = g_date_get_year (date);
  if (start_month > 1 && (guint) g_date_get_month (date) >= start_month)
    year++;

  return year;
}

void
allot_fiscal_year_bounds (int    fiscal_year,
                          guint  start_month,
                          GDate *out_first,
                          GDate *out_last)
{
  int first_year;

  g_return_if_fail (start_month >= 1 && start_month <= 12);
  /* GDate years run from 1 to 65535; a fiscal year starting the year before
   * must still be representable. */
  g_return_if_fail (fiscal_year >= 2 && fiscal_year < G_MAXUINT16);

  first_year = start_month == 1 ? fiscal_year : fiscal_year - 1;

  if (out_first != NULL)
    {
      g_date_clear (out_first, 1);
      g_date_set_dmy (out_first, 1, (GDateMonth) start_month, (GDateYear) first_year);
    }

  if (out_last != NULL)
    {
      /* The day before the next fiscal year starts. */
      g_date_clear (out_last, 1);
      g_date_set_dmy (out_last, 1, (GDateMonth) start_month, (GDateYear) first_year);
      g_date_add_months (out_last, 12);
      g_date_subtract_days (out_last, 1);
    }
}

guint
allot_fiscal_quarter_of (const GDate *date,
                         guint        start_month)
{
  guint months_in;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  g_return_val_if_fail (start_month >= 1 && start_month <= 12, 0);

  months_in = ((guint) g_date_get_month (date) + 12 - start_month) % 12;
  return months_in / 3 + 1;
}

void
allot_fiscal_quarter_end (int    fiscal_year,
                          guint  start_month,
                          guint  quarter,
                          GDate *out_last)
{
  g_return_if_fail (start_month >= 1 && start_month <= 12);
  g_return_if_fail (quarter >= 1 && quarter <= 4);
  g_return_if_fail (out_last != NULL);

  g_date_clear (out_last, 1);
  allot_fiscal_year_bounds (fiscal_year, start_month, out_last, NULL);
  if (!g_date_valid (out_last))
    return;

  g_date_add_months (out_last, 3 * quarter);
  g_date_subtract_days (out_last, 1);
}

void
allot_calendar_quarter_end_on_or_after (const GDate *date,
                                        GDate       *out_end)
{
  guint quarter_month;
  GDateYear year;

  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (out_end != NULL);

  year = g_date_get_year (date);
  quarter_month = (((guint) g_date_get_month (date) - 1) / 3 + 1) * 3;

  g_date_clear (out_end, 1);
  g_date_set_dmy (out_end,
                  g_date_get_days_in_month ((GDateMonth) quarter_month, year),
                  (GDateMonth) quarter_month,
                  year);
}

guint
allot_period_days (const GDate *first,
                   const GDate *last)
{
  guint32 j_first;
  guint32 j_last;

  g_return_val_if_fail (first != NULL && g_date_valid (first), 0);
  g_return_val_if_fail (last != NULL && g_date_valid (last), 0);

  j_first = g_date_get_julian (first);
  j_last = g_date_get_julian (last);

  if (j_last < j_first)
    return 0;

  return j_last - j_first + 1;
}

guint
allot_period_days_elapsed (const GDate *first,
                           const GDate *last,
                           const GDate *as_of)
{
  guint32 j_first;
  guint32 j_last;
  guint32 j_as_of;

  g_return_val_if_fail (first != NULL && g_date_valid (first), 0);
  g_return_val_if_fail (last != NULL && g_date_valid (last), 0);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), 0);

  j_first = g_date_get_julian (first);
  j_last = g_date_get_julian (last);
  j_as_of = g_date_get_julian (as_of);

  if (j_last < j_first || j_as_of < j_first)
    return 0;
  if (j_as_of >= j_last)
    return j_last - j_first + 1;

  return j_as_of - j_first + 1;
}

guint
allot_period_elapsed_bp (const GDate *first,
                         const GDate *last,
                         const GDate *as_of)
{
  guint64 days;
  guint64 elapsed;

  g_return_val_if_fail (first != NULL && g_date_valid (first), 0);
  g_return_val_if_fail (last != NULL && g_date_valid (last), 0);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), 0);

  days = allot_period_days (first, last);
  if (days == 0)
    return 0;

  elapsed = allot_period_days_elapsed (first, last, as_of);

  return (guint) ((2 * elapsed * 10000 + days) / (2 * days));
}
