/* allot-money.c: money as gint64 cents, parsed and formatted without floating point.
 *
 * Design decisions
 *
 * - Parsing is strict and locale-independent: '.' is the only decimal point and
 *   ',' the only group separator, whatever the locale, because the same text
 *   comes from CSV files, the CLI and the GUI and must mean the same amount
 *   everywhere.  Anything that could be read two ways is refused rather than
 *   guessed: "12,34" (twelve thirty-four in Europe, 1234 with a bad group in the
 *   US), "1.234,56", "1,23.00".  No strtod, no doubles: digits are accumulated
 *   into an integer with an explicit bound, so "99999999999999999999" is refused
 *   instead of wrapping.
 *
 * - Accepted grammar, after trimming ASCII white space at both ends:
 *
 *     amount  := prefix* number [ ")" ]
 *     prefix  := "(" | "-" | "+" | "$"    ("(" and "$" at most once each)
 *     number  := int [ "." d [ d ] ] | "." d [ d ]
 *     int     := d+ | d{1,3} ( "," d{3} )+
 *
 *   with at most one sign in total, where "(" ... ")" counts as a sign.  So
 *   "-$5", "$-5" (what some spreadsheets export), "($5)" and "$(5)" are all -500;
 *   "--5", "-(5)", "(-5)" are refused as two signs.  "+" is accepted because
 *   bank exports mark credits with it.  ".5" is 50 cents; "5." is refused (a
 *   decimal point with no cents is more likely a typing slip than an amount).
 *   More than two decimals is refused even when the extra digits are zeros:
 *   Allot never rounds an amount it was given.
 *
 * - Formatting for people follows localeconv(): the monetary decimal point and
 *   thousands separator when the locale defines them, else the numeric ones.
 *   The C/POSIX locale defines no thousands separator at all; there we still
 *   group by three with ',' because budgets run into the millions and
 *   "$1234567.89" is hard to read.  If a locale's separator would be the same
 *   as its decimal point (or it has a decimal comma and no separator) we group
 *   with '.' instead, so the output can never be ambiguous.  Locale strings that
 *   are not UTF-8 (a legacy 8-bit locale) are converted, or replaced by the
 *   defaults when that fails, so the result is always valid UTF-8.
 *
 * - The currency symbol always precedes the digits and the minus sign precedes
 *   the symbol ("-$1,234.56", "-€1.234,56"), whatever the locale's own
 *   p_cs_precedes says about its own currency: one predictable form across the
 *   application and its reports.
 *
 * - Out-of-range values (an overflowing sum) are ALLOT_ERROR_INVALID like any
 *   other amount Allot cannot take; no output argument is written on failure.
 */

#include "allot-money.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "allot-error.h"

/* Longest part of the input quoted in an error message, in characters. */
#define QUOTE_MAX_CHARS 40

static gboolean refuse (GError     **error,
                        const char  *format,
                        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  *error = g_error_new_valist (ALLOT_ERROR, ALLOT_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}

/* The input as it may appear in a message: valid UTF-8 and not absurdly long. */
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

gboolean
allot_money_parse (const char  *text,
                   gint64      *out_cents,
                   GError     **error)
{
  g_autofree char *shown = NULL;
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  gboolean open_paren = FALSE;
  gboolean close_paren = FALSE;
  gboolean dollar = FALSE;
  guint n_signs = 0;
  guint n_int_digits = 0;
  guint n_frac_digits = 0;
  guint group_len = 0;
  gboolean grouped = FALSE;
  gboolean decimal_point = FALSE;
  gboolean too_large = FALSE;
  guint64 units = 0;
  guint64 frac = 0;
  guint64 magnitude;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  shown = quote_input (text);

  p = text;
  end = text + strlen (text);
  while (p < end && g_ascii_isspace (*p))
    p++;
  while (end > p && g_ascii_isspace (end[-1]))
    end--;

  if (p == end)
    return refuse (error, _("\"%s\" is not an amount: it is empty"), shown);

  if (end[-1] == ')')
    {
      close_paren = TRUE;
      end--;
    }

  for (; p < end; p++)
    {
      if (*p == '(' && !open_paren)
        {
          open_paren = TRUE;
          negative = TRUE;
          n_signs++;
        }
      else if (*p == '(')
        {
          return refuse (error, _("\"%s\" has an unbalanced parenthesis"), shown);
        }
      else if (*p == '-')
        {
          negative = TRUE;
          n_signs++;
        }
      else if (*p == '+')
        {
          n_signs++;
        }
      else if (*p == '$' && !dollar)
        {
          dollar = TRUE;
        }
      else
        {
          break;
        }
    }

  if (n_signs > 1)
    return refuse (error, _("\"%s\" has more than one sign"), shown);

  /* Integer part, checking the groups as they close. */
  for (; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          n_int_digits++;
          group_len++;
          if (units > ALLOT_MONEY_MAX / 100)
            too_large = TRUE;
          else
            units = units * 10 + (guint64) (*p - '0');
        }
      else if (*p == ',')
        {
          /* The first group holds 1..3 digits, every later one exactly 3. */
          if (group_len == 0 || group_len > 3 || (grouped && group_len != 3))
            return refuse (error, _("\"%s\" has a misplaced thousands separator"), shown);
          grouped = TRUE;
          group_len = 0;
        }
      else
        {
          break;
        }
    }

  if (grouped && group_len != 3)
    return refuse (error, _("\"%s\" has a misplaced thousands separator"), shown);

  if (p < end && *p == '.')
    {
      decimal_point = TRUE;
      for (p++; p < end && g_ascii_isdigit (*p); p++)
        {
          n_frac_digits++;
          if (n_frac_digits <= 2)
            frac = frac * 10 + (guint64) (*p - '0');
        }
    }

  if (n_int_digits == 0 && n_frac_digits == 0)
    {
      if (p < end && g_ascii_isprint (*p) && *p != '"')
        return refuse (error, _("\"%s\" is not an amount: unexpected \"%c\""), shown, *p);
      return refuse (error, _("\"%s\" is not an amount"), shown);
    }

  /* "1.234,56": a group separator after the decimal point is the European form. */
  if (decimal_point && p < end && *p == ',')
    return refuse (error,
                   _("\"%s\" has a misplaced thousands separator (write cents after a point: 1,234.56)"),
                   shown);

  if (n_frac_digits > 2)
    return refuse (error, _("\"%s\" has more than two decimals"), shown);

  if (decimal_point && n_frac_digits == 0)
    return refuse (error, _("\"%s\" has a decimal point but no cents"), shown);

  if (p < end)
    {
      if (*p == '(' || *p == ')')
        return refuse (error, _("\"%s\" has an unbalanced parenthesis"), shown);
      if (*p == '-' || *p == '+')
        return refuse (error, _("\"%s\" has a sign after the digits"), shown);
      if (g_ascii_isprint (*p) && *p != '"')
        return refuse (error, _("\"%s\" is not an amount: unexpected \"%c\""), shown, *p);
      return refuse (error, _("\"%s\" is not an amount"), shown);
    }

  if (open_paren != close_paren)
    return refuse (error, _("\"%s\" has an unbalanced parenthesis"), shown);

  if (n_frac_digits == 1)
    frac *= 10;

  /* units <= ALLOT_MONEY_MAX / 100 here unless too_large, so this cannot wrap. */
  if (too_large || units > ((guint64) ALLOT_MONEY_MAX - frac) / 100)
    return refuse (error, _("\"%s\" is beyond the largest amount Allot accepts"), shown);

  magnitude = units * 100 + frac;
  g_assert (magnitude <= (guint64) ALLOT_MONEY_MAX);

  if (out_cents != NULL)
    *out_cents = negative ? -(gint64) magnitude : (gint64) magnitude;

  return TRUE;
}

/* |cents| without overflow, also for G_MININT64. */
static guint64
magnitude_of (gint64 cents)
{
  if (cents >= 0)
    return (guint64) cents;
  return (guint64) (-(cents + 1)) + 1;
}

char *
allot_money_format_plain (gint64 cents)
{
  guint64 magnitude = magnitude_of (cents);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          cents < 0 ? "-" : "",
                          magnitude / 100,
                          (guint) (magnitude % 100));
}

/* A localeconv() string as UTF-8, or NULL when it is empty or unusable. */
static char *
dup_locale_string (const char *s)
{
  if (s == NULL || *s == '\0')
    return NULL;
  if (g_utf8_validate (s, -1, NULL))
    return g_strdup (s);
  return g_locale_to_utf8 (s, -1, NULL, NULL, NULL);
}

/* Appends @digits to @out with @sep between groups sized as @grouping says
 * (a localeconv() grouping string: sizes from the right, the last one repeats,
 * CHAR_MAX stops grouping). */
static void
append_grouped (GString    *out,
                const char *digits,
                const char *sep,
                const char *grouping)
{
  gsize n = strlen (digits);
  gsize cuts[64];
  guint n_cuts = 0;
  gsize remaining = n;
  gsize pos = 0;
  guint gi = 0;

  /* Collect the group boundaries counted from the right; at most 20 digits,
   * so at most 19 boundaries even with groups of one. */
  while (remaining > 0 && n_cuts < G_N_ELEMENTS (cuts))
    {
      int size = (unsigned char) grouping[gi];

      if (size <= 0 || size == CHAR_MAX || (gsize) size >= remaining)
        break;

      remaining -= (gsize) size;
      cuts[n_cuts++] = remaining;

      if (grouping[gi + 1] != '\0')
        gi++;
    }

  /* cuts[] is in decreasing order; emit left to right. */
  while (n_cuts > 0)
    {
      gsize cut = cuts[--n_cuts];

      g_string_append_len (out, digits + pos, (gssize) (cut - pos));
      g_string_append (out, sep);
      pos = cut;
    }
  g_string_append (out, digits + pos);
}

char *
allot_money_format (gint64      cents,
                    const char *currency)
{
  const struct lconv *lc = localeconv ();
  g_autofree char *decimal = NULL;
  g_autofree char *sep = NULL;
  g_autofree char *units_text = NULL;
  const char *grouping = NULL;
  guint64 magnitude = magnitude_of (cents);
  GString *out;

  decimal = dup_locale_string (lc->mon_decimal_point);
  if (decimal == NULL)
    decimal = dup_locale_string (lc->decimal_point);
  if (decimal == NULL)
    decimal = g_strdup (".");

  sep = dup_locale_string (lc->mon_thousands_sep);
  if (sep != NULL)
    {
      grouping = lc->mon_grouping;
    }
  else
    {
      sep = dup_locale_string (lc->thousands_sep);
      grouping = lc->grouping;
    }

  /* No separator (the C locale) or one that clashes with the decimal point:
   * group anyway, with whichever of ',' and '.' is not the decimal point. */
  if (sep == NULL || strcmp (sep, decimal) == 0)
    {
      g_free (sep);
      sep = g_strdup (strcmp (decimal, ",") == 0 ? "." : ",");
      grouping = NULL;
    }
  if (grouping == NULL || *grouping == '\0')
    grouping = "\3";

  units_text = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);

  out = g_string_new (NULL);
  if (cents < 0)
    g_string_append_c (out, '-');
  g_string_append (out, allot_money_currency_symbol (currency));
  append_grouped (out, units_text, sep, grouping);
  g_string_append (out, decimal);
  g_string_append_printf (out, "%02u", (guint) (magnitude % 100));

  return g_string_free (out, FALSE);
}

const char *
allot_money_currency_symbol (const char *currency)
{
  static const struct {
    const char *code;
    const char *symbol;
  } symbols[] = {
    { "USD", "$" },
    { "EUR", "€" },
    { "GBP", "£" },
    { "CAD", "CA$" },
  };
  g_autofree char *valid = NULL;
  g_autofree char *shown = NULL;

  if (currency == NULL || *currency == '\0')
    return "$";

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      if (g_ascii_strcasecmp (currency, symbols[i].code) == 0)
        return symbols[i].symbol;
    }

  /* Interned so the caller gets a string that lives as long as the process;
   * there are only ever a handful of distinct codes. */
  valid = g_utf8_make_valid (currency, -1);
  shown = g_strconcat (valid, " ", NULL);
  return g_intern_string (shown);
}

gboolean
allot_money_add (gint64   a,
                 gint64   b,
                 gint64  *out_sum,
                 GError **error)
{
  gint64 sum = 0;
  gboolean in_range;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Both within ±ALLOT_MONEY_MAX means the C addition itself cannot overflow. */
  in_range = a <= ALLOT_MONEY_MAX && a >= -ALLOT_MONEY_MAX
             && b <= ALLOT_MONEY_MAX && b >= -ALLOT_MONEY_MAX;
  if (in_range)
    {
      sum = a + b;
      in_range = sum <= ALLOT_MONEY_MAX && sum >= -ALLOT_MONEY_MAX;
    }

  if (!in_range)
    {
      g_autofree char *a_text = allot_money_format_plain (a);
      g_autofree char *b_text = allot_money_format_plain (b);

      return refuse (error,
                     _("The sum of %s and %s is beyond the largest amount Allot accepts"),
                     a_text, b_text);
    }

  if (out_sum != NULL)
    *out_sum = sum;

  return TRUE;
}
