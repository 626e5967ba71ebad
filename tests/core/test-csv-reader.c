/* test-csv-reader.c: the quirks of CSV files from finance systems, and the
 * line and column of every record, field and syntax error. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "allot-csv-reader.h"
#include "allot-error.h"

/* Reads every record of @text into "LINE:field|field|..." lines, fields
 * shown with their own line when it differs ("field@LINE"); syntax errors
 * as "error LINE:COLUMN". */
static char *
read_all (const char *text,
          gsize       length,
          char       *out_delimiter)
{
  g_autoptr(AllotCsvReader) reader = allot_csv_reader_new_for_data ("t.csv", text, length);
  GString *out = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      if (!allot_csv_reader_next (reader, &error))
        {
          if (error == NULL)
            break;
          g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
          g_string_append_printf (out, "error %u:%u\n", allot_csv_reader_get_error_line (reader),
                                  allot_csv_reader_get_error_column (reader));
          continue;
        }
      g_string_append_printf (out, "%u:", allot_csv_reader_get_line (reader));
      for (guint i = 0; i < allot_csv_reader_get_n_fields (reader); i++)
        {
          g_string_append (out, i > 0 ? "|" : "");
          g_string_append (out, allot_csv_reader_get_field (reader, i));
          if (allot_csv_reader_get_field_line (reader, i) != allot_csv_reader_get_line (reader))
            g_string_append_printf (out, "@%u", allot_csv_reader_get_field_line (reader, i));
        }
      g_string_append_c (out, '\n');
    }
  if (out_delimiter != NULL)
    *out_delimiter = allot_csv_reader_get_delimiter (reader);
  return g_string_free (out, FALSE);
}

static void
check (const char *text,
       const char *expected,
       char        expected_delimiter)
{
  char delimiter = 0;
  g_autofree char *got = read_all (text, strlen (text), &delimiter);

  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (delimiter, ==, expected_delimiter);
}

static void
test_plain (void)
{
  check ("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n", ',');
  /* No line break after the last record. */
  check ("a,b\n1,2", "1:a|b\n2:1|2\n", ',');
  /* Empty fields, also at the end. */
  check ("a,b,c\n,,\n1,,\n", "1:a|b|c\n2:||\n3:1||\n", ',');
  check ("", "", ',');
}

static void
test_bom (void)
{
  g_autoptr(AllotCsvReader) reader = NULL;

  check ("\xEF\xBB\xBF" "Amount,Date\n1,2\n", "1:Amount|Date\n2:1|2\n", ',');
  reader = allot_csv_reader_new_for_data ("t.csv", "\xEF\xBB\xBFx\n", 4);
  g_assert_true (allot_csv_reader_next (reader, NULL));
  g_assert_true (allot_csv_reader_had_bom (reader));
  g_assert_cmpstr (allot_csv_reader_get_field (reader, 0), ==, "x");
}

static void
test_utf16_refused (void)
{
  g_autoptr(AllotCsvReader) reader = allot_csv_reader_new_for_data ("t.csv", "\xFF\xFE" "a\0", 4);
  g_autoptr(GError) error = NULL;

  g_assert_false (allot_csv_reader_next (reader, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_assert_cmpuint (allot_csv_reader_get_error_line (reader), ==, 1);
}

static void
test_delimiters (void)
{
  check ("a;b;c\n1,5;2;3\n", "1:a|b|c\n2:1,5|2|3\n", ';');
  check ("a\tb\tc\n1\t\t3\n", "1:a|b|c\n2:1||3\n", '\t');
  /* Delimiters inside quotes of the header do not count. */
  check ("\"a,b,c\";d\n1;2\n", "1:a,b,c|d\n2:1|2\n", ';');
  /* A tie goes to the comma; one column is comma. */
  check ("a,b;c\n", "1:a|b;c\n", ',');
  check ("amount\n5\n", "1:amount\n2:5\n", ',');
}

static void
test_line_ends (void)
{
  check ("a,b\r\n1,2\r\n3,4\r\n", "1:a|b\n2:1|2\n3:3|4\n", ',');
  /* Old Mac line ends, and a mix. */
  check ("a,b\r1,2\r3,4\n5,6\r\n", "1:a|b\n2:1|2\n3:3|4\n4:5|6\n", ',');
  /* Blank lines are skipped but counted. */
  check ("a,b\n\n1,2\n   \n\r\n3,4\n", "1:a|b\n3:1|2\n6:3|4\n", ',');
}

static void
test_quotes (void)
{
  /* Doubled quotes, delimiters inside quotes. */
  check ("a,b\n\"say \"\"hi\"\"\",\"1,234.56\"\n", "1:a|b\n2:say \"hi\"|1,234.56\n", ',');
  /* Embedded line breaks: the record starts on line 2, its second field
   * on line 2 and its third on line 4. */
  check ("a,b,c\n1,\"two\nlines\nhere\",3\n4,5,6\n",
         "1:a|b|c\n2:1|two\nlines\nhere|3@4\n5:4|5|6\n", ',');
  check ("a,b\r\n\"x\r\ny\",z\r\n", "1:a|b\n2:x\r\ny|z@3\n", ',');
  /* A record starting with a multi-line field. */
  check ("a,b\n\"p\nq\",r\n", "1:a|b\n2:p\nq|r@3\n", ',');
}

static void
test_spaces (void)
{
  /* Kept inside quotes, trimmed around unquoted fields and quotes. */
  check ("a,b,c\n  x  ,\"  y  \" ,  \" z \"\n", "1:a|b|c\n2:x|  y  | z \n", ',');
  /* A tab delimiter is never trimmed away. */
  check ("a\tb\tc\n\t\" y \"\t\n", "1:a|b|c\n2:| y |\n", '\t');
  /* Semicolon files keep spaces in quotes too. */
  check ("a;b\n\" 1 \";2\n", "1:a|b\n2: 1 |2\n", ';');
}

static void
test_errors (void)
{
  /* Text after a closing quote: an error at that field; reading goes on
   * with the next line. */
  check ("a,b,c\n1,\"x\"y,3\n4,5,6\n", "1:a|b|c\nerror 2:2\n3:4|5|6\n", ',');
  /* A quote inside an unquoted field. */
  check ("a,b\n1,2\n12\" pipe,3\n", "1:a|b\n2:1|2\nerror 3:1\n", ',');
  /* A quote never closed: at the field that opened it. */
  check ("a,b\n1,2\n3,\"open\nstill open\n", "1:a|b\n2:1|2\nerror 3:2\n", ',');
  check ("a,b\n\"", "1:a|b\nerror 2:1\n", ',');
}

static void
test_not_text (void)
{
  static const char data[] = "a,b\n\xff\xfe,x\0y\n";
  g_autoptr(AllotCsvReader) reader = allot_csv_reader_new_for_data ("t.csv", data,
                                                                    sizeof data - 1);

  g_assert_true (allot_csv_reader_next (reader, NULL));
  g_assert_true (allot_csv_reader_field_is_text (reader, 0));
  g_assert_true (allot_csv_reader_next (reader, NULL));
  g_assert_false (allot_csv_reader_field_is_text (reader, 0));
  /* A NUL byte is not text either, though the field's length counts it. */
  g_assert_false (allot_csv_reader_field_is_text (reader, 1));
  g_assert_cmpuint (allot_csv_reader_get_field_length (reader, 1), ==, 3);
  g_assert_false (allot_csv_reader_next (reader, NULL));
}

static void
test_offset_and_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("allot-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "in.csv", NULL);
  g_autoptr(AllotCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "a,b\n1,2\n", -1, NULL));
  reader = allot_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (allot_csv_reader_get_name (reader), ==, path);
  g_assert_true (allot_csv_reader_next (reader, NULL));
  g_assert_cmpuint (allot_csv_reader_get_offset (reader), ==, 4);
  g_assert_true (allot_csv_reader_next (reader, NULL));
  g_assert_false (allot_csv_reader_next (reader, NULL));
  g_assert_cmpuint (allot_csv_reader_get_offset (reader), ==, 8);
  allot_csv_reader_get_data (reader, &length);
  g_assert_cmpuint (length, ==, 8);
  g_clear_pointer (&reader, allot_csv_reader_free);
  g_remove (path);

  reader = allot_csv_reader_new_for_path (path, &error);
  g_assert_null (reader);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_clear_error (&error);
  reader = allot_csv_reader_new_for_path (dir, &error);
  g_assert_null (reader);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_IO);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-reader/plain", test_plain);
  g_test_add_func ("/csv-reader/bom", test_bom);
  g_test_add_func ("/csv-reader/utf16-refused", test_utf16_refused);
  g_test_add_func ("/csv-reader/delimiters", test_delimiters);
  g_test_add_func ("/csv-reader/line-ends", test_line_ends);
  g_test_add_func ("/csv-reader/quotes", test_quotes);
  g_test_add_func ("/csv-reader/spaces", test_spaces);
  g_test_add_func ("/csv-reader/errors", test_errors);
  g_test_add_func ("/csv-reader/not-text", test_not_text);
  g_test_add_func ("/csv-reader/offset-and-file", test_offset_and_file);
  return g_test_run ();
}
