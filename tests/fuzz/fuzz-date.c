/* fuzz-date.c: libFuzzer target over allot_date_parse().  An accepted date
 * is valid and reads back the same from its ISO form; a refusal has a
 * message that is valid UTF-8 whatever the input. */
#include <glib.h>
#include <stdint.h>

#include "allot-date.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text = g_strndup ((const char *) data, size);
  GError *error = NULL;
  GDate date, again;

  if (allot_date_parse (text, &date, &error))
    {
      char *iso = allot_date_format_iso (&date);

      g_assert (g_date_valid (&date));
      g_assert (allot_date_parse (iso, &again, NULL));
      g_assert (g_date_compare (&date, &again) == 0);
      g_free (iso);
    }
  else
    {
      g_assert (error != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
    }
  g_free (text);
  return 0;
}
