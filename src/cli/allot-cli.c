/* allot-cli.c: the headless command line of Allot.
 *
 *   allot-cli [--db FILE] [--user NAME] COMMAND [OPTIONS...]
 *
 * Exit status: 0 success, 1 refused (reason on stderr, nothing written),
 * 2 usage error.
 */
#include "allot-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli.h"

typedef struct {
  const char *name;
  CliCommandFunc func;
  const char *summary;
} CliCommand;

static const CliCommand commands[] = {
  { "init", cli_init, N_("Create a new, empty database") },
  { "demo", cli_demo, N_("Load the demo data set into an empty database") },
  { "list", cli_list, N_("List sources, allocations, ledger, task-forces, agencies or categories") },
  { "add", cli_add, N_("Add a record (agency, task-force, category, grant, appropriation, "
                       "agreement, forfeiture, amendment, receipt, contribution, drawdown, "
                       "allocation, obligation, expenditure, adjustment)") },
  { "void", cli_void, N_("Void a ledger entry, with a reason") },
  { "balances", cli_balances, N_("Show authorized, allocated, obligated, expended, "
                                 "unliquidated and available amounts") },
  { "backup", cli_backup, N_("Write a consistent copy of the database to a file") },
  { "migrate-to", cli_migrate_to, N_("Copy the whole database into a new file or an empty "
                                     "PostgreSQL database, and check the copy") },
  { "export", cli_export, N_("Write the Excel workbook, or the ledger or budget as CSV") },
  { "import", cli_import, N_("Import sources, allocations, ledger or receipts from a CSV file") },
  { "submit", cli_submit, N_("Submit ledger entries or allocations for review") },
  { "approve", cli_approve, N_("Approve submitted ledger entries or allocations") },
  { "return", cli_return, N_("Return submitted records with a comment") },
  { "close-period", cli_close_period, N_("Close a month to changes") },
  { "reopen-period", cli_reopen_period, N_("Reopen a closed month, with a reason") },
  { "users", cli_users, N_("List users, add one or change a role") },
  { "audit", cli_audit, N_("Verify the audit log or list the history of a record") },
  { "check", cli_check, N_("Run the compliance checks") },
  { "report", cli_report, N_("Federal and task-force reports: ffr, periods, esac, overtime, "
                             "participation, burn") },
};

static void
print_commands (void)
{
  g_print ("%s\n\n", _("Usage: allot-cli [--db FILE] [--user NAME] COMMAND [OPTIONS…]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("“allot-cli COMMAND --help” describes a command's options. The database is "
                      "--db FILE, else $ALLOT_DB, else allot/allot.db in your data folder."));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *user = NULL;
  g_autofree char *default_path = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Who is recorded as making the change"),
      N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CliGlobals globals = { 0 };
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ALLOT_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [OPTIONS…]"));
  g_option_context_set_summary (context, _("Track the money behind task-force participation."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_strict_posix (context, TRUE);  /* stop at the command */
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_ignore_unknown_options (context, FALSE);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
                    g_str_equal (argv[1], "help")))
    {
      print_commands ();
      return CLI_OK;
    }
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("allot-cli: %s\n", error->message);
      g_printerr ("%s\n", _("Try “allot-cli --help”."));
      return CLI_USAGE;
    }
  if (version)
    {
      g_print ("allot-cli %s\n", ALLOT_VERSION);
      return CLI_OK;
    }
  if (argc < 2)
    {
      print_commands ();
      return CLI_USAGE;
    }

  default_path = allot_store_default_path ();
  globals.db_path = db_path != NULL ? db_path : default_path;
  globals.user = user;
  if (user != NULL && *g_strstrip (user) == '\0')
    {
      g_printerr ("%s\n", _("allot-cli: --user must name someone."));
      return CLI_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        prgname = g_strconcat ("allot-cli ", commands[i].name, NULL);
        g_set_prgname (prgname);
        return commands[i].func (&globals, argc - 1, argv + 1);
      }

  g_printerr (_("allot-cli: unknown command “%s”.\n"), argv[1]);
  g_printerr ("%s\n", _("Try “allot-cli --help”."));
  return CLI_USAGE;
}
