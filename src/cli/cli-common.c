/* cli-common.c: opening the database, refusals, option parsing and tables. */
#include "allot-config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-csv-writer.h"
#include "cli.h"

AllotStore *
cli_open_store (const CliGlobals *globals,
                gboolean          create)
{
  g_autoptr(GError) error = NULL;
  AllotStore *store;

  store = allot_store_open (globals->db_path,
                            create ? ALLOT_STORE_OPEN_CREATE : ALLOT_STORE_OPEN_EXISTING,
                            &error);
  if (store == NULL)
    {
      cli_refuse (error);
      return NULL;
    }
  if (globals->user != NULL)
    allot_store_set_user (store, globals->user);
  return store;
}

int
cli_refuse (const GError *error)
{
  g_printerr ("allot-cli: %s\n", error->message);
  return CLI_REFUSED;
}

int
cli_usage (const char *command,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("allot-cli %s: %s\n", command, message);
  g_printerr (_("Try “allot-cli %s --help”.\n"), command);
  return CLI_USAGE;
}

gboolean
cli_parse_options (const char   *parameter_string,
                   const char   *summary,
                   GOptionEntry *entries,
                   int          *argc,
                   char       ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("allot-cli: %s\n", error->message);
      g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

int
cli_require_option (const char *option,
                    const char *text)
{
  if (text == NULL || *text == '\0')
    {
      g_printerr (_("allot-cli: %s is required.\n"), option);
      g_printerr (_("Try “%s --help”.\n"), g_get_prgname ());
      return CLI_USAGE;
    }
  return CLI_OK;
}

int
cli_money_option (const char *option,
                  const char *text,
                  gint64     *out)
{
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option (option, text));
  if (!allot_money_parse (text, out, &error))
    {
      g_printerr ("allot-cli: %s: %s\n", option, error->message);
      return CLI_REFUSED;
    }
  return CLI_OK;
}

int
cli_date_option (const char *option,
                 const char *text,
                 GDate      *out)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (out, 1);
  CLI_TRY (cli_require_option (option, text));
  if (!allot_date_parse (text, out, &error))
    {
      g_printerr ("allot-cli: %s: %s\n", option, error->message);
      return CLI_REFUSED;
    }
  return CLI_OK;
}

int
cli_fiscal_year_option (const char *option,
                        int         year)
{
  if (year == 0)
    return cli_require_option (option, NULL);
  if (year < 1900 || year > 2999)
    {
      g_printerr (_("allot-cli: %s must be a year such as 2026, not %d.\n"), option, year);
      return CLI_REFUSED;
    }
  return CLI_OK;
}

/* ---- tables ---- */

struct _CliTable
{
  gboolean csv;
  guint n_columns;
  char **headers;
  gboolean *numeric;
  GPtrArray *rows;        /* of char** */
  char *currency;
};

CliTable *
cli_table_new (gboolean           csv,
               const char *const *headers)
{
  CliTable *table = g_new0 (CliTable, 1);

  table->csv = csv;
  table->headers = g_strdupv ((char **) headers);
  table->n_columns = g_strv_length (table->headers);
  table->numeric = g_new0 (gboolean, table->n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
cli_table_set_numeric (CliTable *table,
                       guint     column)
{
  g_return_if_fail (column < table->n_columns);
  table->numeric[column] = TRUE;
}

void
cli_table_add (CliTable *table,
               ...)
{
  char **cells = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint i = 0; i < table->n_columns; i++)
    {
      char *cell = va_arg (args, char *);
      cells[i] = cell != NULL ? cell : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (table->rows, cells);
}

void
cli_table_set_currency (CliTable   *table,
                        const char *currency)
{
  g_free (table->currency);
  table->currency = g_strdup (currency);
}

char *
cli_table_money (CliTable *table,
                 gint64    cents)
{
  if (table->csv)
    return allot_money_format_plain (cents);
  return allot_money_format (cents, table->currency);
}

static void
print_csv_line (char **cells,
                guint  n)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      allot_csv_append_field (line, cells[i]);
    }
  g_string_append (line, "\r\n");
  fputs (line->str, stdout);
}

static void
print_padded (const char *text,
              guint       width,
              gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);
  guint pad = len < (glong) width ? width - (guint) len : 0;

  if (right)
    g_print ("%*s%s", (int) pad, "", text);
  else
    g_print ("%s%*s", text, (int) pad, "");
}

void
cli_table_print (CliTable *table)
{
  g_autofree guint *widths = NULL;

  if (table->csv)
    {
      print_csv_line (table->headers, table->n_columns);
      for (guint r = 0; r < table->rows->len; r++)
        print_csv_line (table->rows->pdata[r], table->n_columns);
      return;
    }

  widths = g_new0 (guint, table->n_columns);
  for (guint c = 0; c < table->n_columns; c++)
    widths[c] = (guint) g_utf8_strlen (table->headers[c], -1);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = table->rows->pdata[r];
      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (cells[c], -1));
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      print_padded (table->headers[c], widths[c], table->numeric[c]);
      g_print (c + 1 < table->n_columns ? "  " : "\n");
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = table->rows->pdata[r];
      for (guint c = 0; c < table->n_columns; c++)
        {
          print_padded (cells[c], widths[c], table->numeric[c]);
          g_print (c + 1 < table->n_columns ? "  " : "\n");
        }
    }
}

void
cli_table_free (CliTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->headers);
  g_free (table->numeric);
  g_ptr_array_unref (table->rows);
  g_free (table->currency);
  g_free (table);
}
