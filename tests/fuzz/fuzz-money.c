/* fuzz-money.c: libFuzzer target over allot_money_parse().  Whatever it
 * accepts is within ALLOT_MONEY_MAX and reads back the same from the plain
 * form; whatever it refuses comes with a message. */
#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "allot-money.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  char *text = g_strndup ((const char *) data, size);
  GError *error = NULL;
  gint64 cents = 0;

  if (allot_money_parse (text, &cents, &error))
    {
      char *plain = allot_money_format_plain (cents);
      char *people = allot_money_format (cents, "USD");
      gint64 again = 0;

      g_assert (cents <= ALLOT_MONEY_MAX && cents >= -ALLOT_MONEY_MAX);
      g_assert (allot_money_parse (plain, &again, NULL));
      g_assert (again == cents);
      g_assert (g_utf8_validate (people, -1, NULL));
      g_free (plain);
      g_free (people);
    }
  else
    {
      g_assert (error != NULL && error->message != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_error_free (error);
    }
  g_free (text);
  return 0;
}
