/* allot-validate.c: field checks that turn bad input into messages a person
 * can act on, before anything reaches the database. */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-validate-private.h"

gboolean
allot_require_text (const char *field,
                    const char *value,
                    guint       max_len,
                    GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("%s is required."), field);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("%s is not valid UTF-8 text."),
                   field);
      return FALSE;
    }
  if (max_len > 0 && g_utf8_strlen (value, -1) > max_len)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("%s “%s” is longer than %u characters."), field, value, max_len);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_require_date (const char  *field,
                    const GDate *date,
                    GError     **error)
{
  if (date == NULL || !g_date_valid (date))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("%s is required."), field);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_require_order (const char  *first_field,
                     const GDate *first,
                     const char  *last_field,
                     const GDate *last,
                     GError     **error)
{
  if (g_date_compare (last, first) < 0)
    {
      g_autofree char *a = allot_date_format_iso (first);
      g_autofree char *b = allot_date_format_iso (last);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("%s (%s) is before %s (%s)."), last_field, b, first_field, a);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_require_amount (const char *field,
                      gint64      cents,
                      gint64      min,
                      GError    **error)
{
  if (cents < min || cents > ALLOT_MONEY_MAX || cents < -ALLOT_MONEY_MAX)
    {
      g_autofree char *shown = allot_money_format_plain (cents);

      if (cents > ALLOT_MONEY_MAX || cents < -ALLOT_MONEY_MAX)
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                     _("%s %s is beyond the largest amount Allot accepts."), field, shown);
      else if (min == 1)
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                     _("%s must be more than zero, not %s."), field, shown);
      else
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                     _("%s cannot be negative (%s)."), field, shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_require_fiscal_year (int      fiscal_year,
                           GError **error)
{
  if (fiscal_year < 1900 || fiscal_year > 2999)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("Fiscal year %d is not a year from 1900 to 2999."), fiscal_year);
      return FALSE;
    }
  return TRUE;
}
