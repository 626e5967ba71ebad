/* allot-csv-writer.c: RFC 4180 fields, with formula neutralisation for text. */
#include "allot-csv-writer.h"

#include <string.h>

void
allot_csv_append_field (GString    *line,
                        const char *text)
{
  gsize len;
  gboolean quote;

  g_return_if_fail (line != NULL);
  if (text == NULL)
    return;
  len = strlen (text);
  quote = strpbrk (text, ",\"\r\n") != NULL ||
          (len > 0 && (text[0] == ' ' || text[len - 1] == ' '));
  if (!quote)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

void
allot_csv_append_text (GString    *line,
                       const char *text)
{
  g_autofree char *safe = NULL;

  g_return_if_fail (line != NULL);
  if (text != NULL && strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0')
    {
      safe = g_strconcat ("'", text, NULL);
      text = safe;
    }
  allot_csv_append_field (line, text);
}
