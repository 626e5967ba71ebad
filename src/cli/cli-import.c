/* cli-import.c: "allot-cli import KIND FILE.csv [--dry-run] [--map COLUMN=FIELD ...]",
 * and "allot-cli import --undo EVENT" to void what an import added.
 *
 * Diagnostics go to stderr as FILE:LINE:COLUMN: message (value), the way
 * compilers print them, so editors can jump to them; what was (or would be)
 * added goes to stdout. */
#include "allot-config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <unistd.h>

#include "allot-error.h"
#include "allot-import.h"
#include "cli.h"

static void
progress_cb (guint64  done,
             guint64  total,
             guint    rows,
             gpointer user_data)
{
  guint percent = total > 0 ? (guint) (done * 100 / total) : 100;

  /* The carriage return rewrites the line in place; it is no translator's. */
  g_printerr ("\r");
  g_printerr (_("%u rows read (%u%%)…"), rows, percent);
}

static char *
kind_list (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kinds = NULL;

  for (guint i = 0; i < ALLOT_IMPORT_N_KINDS; i++)
    g_strv_builder_add (builder, allot_import_kind_to_string ((AllotImportKind) i));
  kinds = g_strv_builder_end (builder);
  return g_strjoinv (", ", kinds);
}

static void
print_issues (AllotImporter *importer,
              const char    *file)
{
  GPtrArray *issues = allot_importer_get_issues (importer);
  guint n_errors = allot_importer_get_n_errors (importer);
  guint n_duplicates = allot_importer_get_n_duplicates (importer);
  guint kept_errors = 0, kept_duplicates = 0;

  for (guint i = 0; i < issues->len; i++)
    {
      const AllotImportIssue *issue = issues->pdata[i];
      g_autofree char *line = allot_import_issue_format (issue, file);

      if (issue->kind == ALLOT_IMPORT_ERROR)
        kept_errors++;
      else if (issue->kind == ALLOT_IMPORT_DUPLICATE)
        kept_duplicates++;
      g_printerr ("%s\n", line);
    }
  if (n_duplicates > kept_duplicates)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: … and %u more duplicate, skipped\n",
                             "%s: … and %u more duplicates, skipped\n",
                             n_duplicates - kept_duplicates),
                file, n_duplicates - kept_duplicates);
  if (n_errors > kept_errors)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%s: … and %u more error\n",
                             "%s: … and %u more errors\n", n_errors - kept_errors),
                file, n_errors - kept_errors);
}

/* "--undo EVENT": the event id is printed by the import itself. */
static int
undo_import (const CliGlobals *globals,
             const char       *event_text)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint64 event_id = 0;
  guint n_voided = 0;

  if (!g_ascii_string_to_unsigned (event_text, 10, 1, G_MAXINT64, &event_id, NULL))
    return cli_usage ("import", _("--undo takes the number of the import’s audit event, "
                                  "not “%s”"), event_text);
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!allot_import_undo (store, (gint64) event_id, &n_voided, &error))
    return cli_refuse (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Import undone: %u record voided.\n",
                        "Import undone: %u records voided.\n", n_voided), n_voided);
  return CLI_OK;
}

int
cli_import (const CliGlobals *globals,
            int               argc,
            char            **argv)
{
  gboolean dry_run = FALSE;
  g_auto(GStrv) maps = NULL;
  g_autofree char *undo = NULL;
  GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_STRING, &undo,
      N_("Void everything the import recorded as audit event EVENT added (printed by the "
         "import); no KIND or FILE then"), N_("EVENT") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and list what would be added, without writing"), NULL },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read column COLUMN as FIELD (or “ignore” it); repeat for more"), N_("COLUMN=FIELD") },
    { NULL }
  };
  g_autofree char *kinds = kind_list ();
  g_autofree char *summary = g_strdup_printf (
      _("Import a CSV file of %s. All or nothing: any error and nothing is written. Rows "
        "already in the database (same code or document number) are skipped. Dates are "
        "YYYY-MM-DD or M/D/YYYY; amounts like 1234.56, $1,234.56 or (12.00)."), kinds);
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  AllotImportKind kind;
  const char *file;
  gboolean ok;

  if (!cli_parse_options (_("KIND FILE.csv"), summary, entries, &argc, &argv))
    return CLI_USAGE;
  if (undo != NULL && argc == 1)
    return undo_import (globals, undo);
  if (undo != NULL)
    return cli_usage ("import", _("--undo takes no KIND or FILE"));
  if (argc != 3)
    return cli_usage ("import", _("say what to import (%s) and from which file"), kinds);
  if (!allot_import_kind_from_string (argv[1], &kind))
    return cli_usage ("import", _("“%s” is not something to import; choose one of: %s"),
                      argv[1], kinds);
  file = argv[2];

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  importer = allot_importer_new (store, kind);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!allot_importer_parse_mapping (importer, maps[i], &error))
      return cli_usage ("import", "%s", error->message);
  allot_importer_set_dry_run (importer, dry_run);
  if (isatty (STDERR_FILENO))
    allot_importer_set_progress_func (importer, progress_cb, NULL, NULL);

  ok = allot_importer_run_path (importer, file, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r\033[K");
  print_issues (importer, file);
  if (!ok)
    return cli_refuse (error);

  if (dry_run)
    {
      GPtrArray *added = allot_importer_get_added (importer);

      for (guint i = 0; i < added->len; i++)
        {
          const AllotImportRow *row = added->pdata[i];
          g_print (_("%s:%u: would add %s\n"), file, row->line, row->summary);
        }
      g_print (_("Dry run: %u rows read, %u would be added, %u duplicates skipped; nothing was "
                 "written.\n"),
               allot_importer_get_n_rows (importer), allot_importer_get_n_added (importer),
               allot_importer_get_n_duplicates (importer));
      return CLI_OK;
    }
  g_print (_("Imported %s: %u rows read, %u added, %u duplicates skipped (SHA-256 %s).\n"),
           file, allot_importer_get_n_rows (importer), allot_importer_get_n_added (importer),
           allot_importer_get_n_duplicates (importer), allot_importer_get_sha256 (importer));
  if (allot_importer_get_event_id (importer) > 0 && allot_importer_get_n_added (importer) > 0 &&
      kind != ALLOT_IMPORT_SOURCES)
    g_print (_("Recorded as audit event %" PRId64 "; to undo the whole import: "
               "allot-cli import --undo %" PRId64 "\n"),
             allot_importer_get_event_id (importer), allot_importer_get_event_id (importer));
  return CLI_OK;
}
