/* cli-admin.c: init, demo, void and backup. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-demo.h"
#include "allot-error.h"
#include "allot-personnel.h"
#include "cli.h"

/* Commands without options still answer --help and refuse stray words. */
static gboolean
parse_no_options (const char *parameters,
                  const char *summary,
                  int        *argc,
                  char     ***argv)
{
  GOptionEntry none[] = { { NULL } };

  return cli_parse_options (parameters, summary, none, argc, argv);
}

int
cli_init (const CliGlobals *globals,
          int               argc,
          char            **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autofree char *shown = NULL;

  if (!parse_no_options (NULL, _("Create a new, empty Allot database (mode 0600). An existing "
                                 "Allot database is opened and upgraded, never emptied."),
                         &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("init", _("unexpected argument “%s”"), argv[1]);
  store = cli_open_store (globals, TRUE);
  if (store == NULL)
    return CLI_REFUSED;
  /* A server's address is printed without its password. */
  shown = allot_store_location_strip_password (allot_store_get_path (store));
  g_print (_("Database ready: %s\n"), shown);
  return CLI_OK;
}

int
cli_demo (const CliGlobals *globals,
          int               argc,
          char            **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  if (!parse_no_options (NULL, _("Load the fictional demo data set (a DC-like jurisdiction, two "
                                 "fiscal years) into an empty database, creating it if needed."),
                         &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("demo", _("unexpected argument “%s”"), argv[1]);
  store = cli_open_store (globals, TRUE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!allot_demo_load (store, &error))
    return cli_refuse (error);
  shown = allot_store_location_strip_password (allot_store_get_path (store));
  g_print (_("Demo data loaded into %s\n"), shown);
  return CLI_OK;
}

int
cli_void (const CliGlobals *globals,
          int               argc,
          char            **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the entry is voided (required)"),
      N_("TEXT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("What the id is: entry (default), assignment, overtime, cap, claim, claim-payment, "
         "rate-period, program-income, match, drawdown, receipt or contribution"), N_("KIND") },
    { NULL }
  };
  static const char *const kinds[] = {
    "assignment", "overtime", "cap", "claim", "claim-payment", "rate-period",
    "program-income", "match", "drawdown", "receipt", NULL
  };
  gint64 id;
  char *end = NULL;

  if (!cli_parse_options (_("ENTRY-ID"), _("Void a ledger entry. It stays in the ledger, "
                                           "flagged, with the reason, who and when."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2)
    return cli_usage ("void", _("give exactly one entry id"));
  id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || id <= 0)
    return cli_usage ("void", _("“%s” is not an entry id"), argv[1]);
  if (reason == NULL)
    return cli_usage ("void", _("--reason is required"));

  if (kind != NULL && !g_str_equal (kind, "entry") && !g_str_equal (kind, "contribution") &&
      !g_strv_contains (kinds, kind))
    return cli_usage ("void", _("--kind takes entry, assignment, overtime, cap, claim, "
                                "claim-payment, rate-period, program-income, match, drawdown, "
                                "receipt or contribution, not “%s”"), kind);

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (kind != NULL && g_str_equal (kind, "contribution"))
    {
      /* Not an AllotVoidable: an agreement's contribution has its own check
       * (the agreement must still cover its allocations). */
      if (!allot_store_void_contribution (store, id, reason, &error))
        return cli_refuse (error);
      g_print (_("%s %" PRId64 " voided.\n"), kind, id);
      return CLI_OK;
    }
  if (kind != NULL && !g_str_equal (kind, "entry"))
    {
      /* The order of kinds[] is that of AllotVoidable. */
      AllotVoidable what = ALLOT_VOIDABLE_ASSIGNMENT;

      while (!g_str_equal (kinds[what], kind))
        what++;
      if (!allot_store_void_record (store, what, id, reason, &error))
        return cli_refuse (error);
      g_print (_("%s %" PRId64 " voided.\n"), kind, id);
      return CLI_OK;
    }
  if (!allot_store_void_entry (store, id, reason, &error))
    return cli_refuse (error);
  g_print (_("Entry %" PRId64 " voided.\n"), id);
  return CLI_OK;
}

int
cli_backup (const CliGlobals *globals,
            int               argc,
            char            **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse_no_options (_("FILE"), _("Write a consistent copy of the whole database to FILE "
                                      "(replaced only when the copy is complete)."),
                         &argc, &argv))
    return CLI_USAGE;
  if (argc != 2)
    return cli_usage ("backup", _("give exactly one file to write"));
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!allot_store_backup (store, argv[1], &error))
    return cli_refuse (error);
  g_print (_("Backup written to %s\n"), argv[1]);
  return CLI_OK;
}
