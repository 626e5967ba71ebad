/* cli-review.c: the review workflow, periods and users:
 * submit, approve, return, close-period, reopen-period, users. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-error.h"
#include "allot-personnel.h"
#include "cli.h"

typedef gboolean (*StepFunc) (AllotStore *store, gint64 id, GError **error);
typedef gboolean (*ReturnFunc) (AllotStore *store, gint64 id, const char *comment,
                                GError **error);

static gboolean
parse_id (const char *text,
          gint64     *out)
{
  char *end = NULL;

  *out = g_ascii_strtoll (text, &end, 10);
  return end != text && *end == '\0' && *out > 0;
}

/* submit / approve / return ID...: each id is its own transaction; all are
 * tried, and the command fails if any was refused. */
static int
review_command (const CliGlobals *globals,
                int               argc,
                char            **argv,
                const char       *name,
                const char       *summary,
                StepFunc          entry_step,
                StepFunc          allocation_step,
                ReturnFunc        entry_return,
                ReturnFunc        allocation_return)
{
  g_autoptr(AllotStore) store = NULL;
  g_autofree char *comment = NULL;
  gboolean allocations = FALSE, overtime = FALSE;
  int status = CLI_OK;
  GOptionEntry with_comment[] = {
    { "allocations", 0, 0, G_OPTION_ARG_NONE, &allocations,
      N_("The ids are allocations, not ledger entries"), NULL },
    { "overtime", 0, 0, G_OPTION_ARG_NONE, &overtime,
      N_("The ids are overtime entries, not ledger entries"), NULL },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment,
      N_("Why it is returned (required)"), N_("TEXT") },
    { NULL }
  };

  if (entry_return == NULL)
    with_comment[2].long_name = NULL;  /* only "return" takes a comment */
  if (!cli_parse_options (_("ID…"), summary, with_comment, &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    return cli_usage (name, _("give at least one id"));
  if (entry_return != NULL && comment == NULL)
    return cli_usage (name, _("--comment is required: say what must be fixed"));
  for (int i = 1; i < argc; i++)
    {
      gint64 id;
      if (!parse_id (argv[i], &id))
        return cli_usage (name, _("“%s” is not an id"), argv[i]);
    }

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id;
      gboolean ok;

      parse_id (argv[i], &id);
      if (overtime)
        ok = entry_return != NULL ? allot_store_return_overtime (store, id, comment, &error)
           : entry_step == allot_store_approve_entry ? allot_store_approve_overtime (store, id,
                                                                                     &error)
           : allot_store_submit_overtime (store, id, &error);
      else if (entry_return != NULL)
        ok = allocations ? allocation_return (store, id, comment, &error)
                         : entry_return (store, id, comment, &error);
      else
        ok = allocations ? allocation_step (store, id, &error) : entry_step (store, id, &error);
      if (!ok)
        status = cli_refuse (error);
      else
        g_print ("%s %s %" PRId64 "\n", name,
                 overtime ? "overtime" : allocations ? "allocation" : "entry", id);
    }
  return status;
}

int
cli_submit (const CliGlobals *globals, int argc, char **argv)
{
  return review_command (globals, argc, argv, "submit",
                         _("Submit draft or returned ledger entries (or --allocations) for "
                           "review."), allot_store_submit_entry, allot_store_submit_allocation,
                         NULL, NULL);
}

int
cli_approve (const CliGlobals *globals, int argc, char **argv)
{
  return review_command (globals, argc, argv, "approve",
                         _("Approve submitted ledger entries (or --allocations). Needs a "
                           "reviewer or administrator who neither entered nor last changed "
                           "them; only approved records count as spent."),
                         allot_store_approve_entry, allot_store_approve_allocation, NULL, NULL);
}

int
cli_return (const CliGlobals *globals, int argc, char **argv)
{
  return review_command (globals, argc, argv, "return",
                         _("Return submitted ledger entries (or --allocations) to whoever "
                           "entered them, with a comment saying what to fix."), NULL, NULL,
                         allot_store_return_entry, allot_store_return_allocation);
}

/* "YYYY-MM" -> year and month. */
static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  char *end = NULL;

  if (strlen (text) != 7 || text[4] != '-')
    return FALSE;
  *year = (int) g_ascii_strtoll (text, &end, 10);
  if (end != text + 4)
    return FALSE;
  *month = (int) g_ascii_strtoll (text + 5, &end, 10);
  return *end == '\0' && *month >= 1 && *month <= 12;
}

int
cli_close_period (const CliGlobals *globals, int argc, char **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry none[] = { { NULL } };
  int year, month;

  if (!cli_parse_options (_("YYYY-MM"), _("Close a month: nothing dated in it can then be "
                                          "added, changed or voided. Administrators only."),
                          none, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2 || !parse_month (argv[1], &year, &month))
    return cli_usage ("close-period", _("give one month as YYYY-MM"));
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!allot_store_close_period (store, year, month, &error))
    return cli_refuse (error);
  g_print (_("%s is closed.\n"), argv[1]);
  return CLI_OK;
}

int
cli_reopen_period (const CliGlobals *globals, int argc, char **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why it is reopened (required)"),
      N_("TEXT") },
    { NULL }
  };
  int year, month;

  if (!cli_parse_options (_("YYYY-MM"), _("Reopen a closed month, with a reason that goes into "
                                          "the audit log. Administrators only."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2 || !parse_month (argv[1], &year, &month))
    return cli_usage ("reopen-period", _("give one month as YYYY-MM"));
  if (reason == NULL)
    return cli_usage ("reopen-period", _("--reason is required"));
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!allot_store_reopen_period (store, year, month, reason, &error))
    return cli_refuse (error);
  g_print (_("%s is open again.\n"), argv[1]);
  return CLI_OK;
}

int
cli_users (const CliGlobals *globals, int argc, char **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean csv = FALSE;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };
  AllotRole role;

  if (!cli_parse_options (_("[list | add NAME ROLE | set-role NAME ROLE]"),
                          _("List users, or add one or change a role (officer, reviewer, "
                            "administrator). Changing roles needs an administrator; the first "
                            "person to write to a database is its administrator."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc == 1 || (argc == 2 && g_str_equal (argv[1], "list")))
    {
      static const char *const headers[] = { "name", "role", NULL };
      g_autoptr(CliTable) table = cli_table_new (csv, headers);
      g_autoptr(GPtrArray) users = NULL;

      store = cli_open_store (globals, FALSE);
      if (store == NULL)
        return CLI_REFUSED;
      users = allot_store_list_users (store, &error);
      if (users == NULL)
        return cli_refuse (error);
      for (guint i = 0; i < users->len; i++)
        {
          AllotUser *user = users->pdata[i];
          cli_table_add (table, g_strdup (user->name),
                         g_strdup (allot_role_to_string (user->role)));
        }
      cli_table_print (table);
      return CLI_OK;
    }
  if (argc != 4 || !(g_str_equal (argv[1], "add") || g_str_equal (argv[1], "set-role")))
    return cli_usage ("users", _("say list, add NAME ROLE or set-role NAME ROLE"));
  if (!allot_role_from_string (argv[3], &role))
    {
      g_printerr (_("allot-cli: a role is officer, reviewer or administrator, not “%s”.\n"),
                  argv[3]);
      return CLI_REFUSED;
    }
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (g_str_equal (argv[1], "add"))
    {
      AllotRole existing;
      if (allot_store_lookup_role (store, argv[2], &existing, NULL))
        {
          g_printerr (_("allot-cli: %s is already a user (%s); use set-role.\n"), argv[2],
                      allot_role_to_string (existing));
          return CLI_REFUSED;
        }
    }
  if (!allot_store_set_user_role (store, argv[2], role, &error))
    return cli_refuse (error);
  g_print ("%s: %s\n", argv[2], allot_role_to_string (role));
  return CLI_OK;
}
