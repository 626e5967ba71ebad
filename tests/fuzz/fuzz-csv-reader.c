/* fuzz-csv-reader.c: libFuzzer target over the CSV reader.  Any input must
 * give records or located errors, never a crash, a leak or a line number
 * that goes backwards. */
#include <glib.h>
#include <stdint.h>

#include "allot-csv-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AllotCsvReader *reader = allot_csv_reader_new_for_data ("fuzz.csv", (const char *) data, size);
  guint last_line = 0;
  char delimiter = allot_csv_reader_get_delimiter (reader);

  g_assert (delimiter == ',' || delimiter == ';' || delimiter == '\t');
  for (guint guard = 0; guard <= size + 1; guard++)
    {
      GError *error = NULL;

      if (!allot_csv_reader_next (reader, &error))
        {
          if (error == NULL)
            break;
          g_assert (allot_csv_reader_get_error_line (reader) >= 1);
          g_assert (allot_csv_reader_get_error_column (reader) >= 1);
          g_error_free (error);
          continue;
        }
      g_assert (allot_csv_reader_get_line (reader) > last_line);
      last_line = allot_csv_reader_get_line (reader);
      g_assert (allot_csv_reader_get_n_fields (reader) >= 1);
      for (guint i = 0; i < allot_csv_reader_get_n_fields (reader); i++)
        {
          const char *field = allot_csv_reader_get_field (reader, i);
          gsize length = allot_csv_reader_get_field_length (reader, i);

          g_assert (field[length] == '\0');
          g_assert (allot_csv_reader_get_field_line (reader, i) >= last_line);
          (void) allot_csv_reader_field_is_text (reader, i);
        }
      g_assert (allot_csv_reader_get_offset (reader) <= size);
      /* Never more records than bytes: the guard above proves progress. */
      g_assert (guard <= size);
    }
  allot_csv_reader_free (reader);
  return 0;
}
