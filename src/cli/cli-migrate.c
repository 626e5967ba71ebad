/* cli-migrate.c: "allot-cli migrate-to TARGET", copying the whole database
 * into a new SQLite file or an empty PostgreSQL database and checking the
 * copy (allot-migrate.h). */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>
#include <unistd.h>

#include "allot-migrate.h"
#include "cli.h"

/* On a terminal, the table being copied and its rows so far, on one line
 * rewritten in place; nothing when stderr is a file or a pipe. */
static void
show_progress (const char *table,
               gint64      rows,
               gpointer    data)
{
  gboolean *shown = data;

  g_printerr ("\r%-28s %12" PRId64, table, rows);
  *shown = TRUE;
}

int
cli_migrate_to (const CliGlobals *globals,
                int               argc,
                char            **argv)
{
  GOptionEntry none[] = { { NULL } };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AllotMigrateSummary summary = { 0 };
  gboolean shown = FALSE;
  gboolean ok;

  if (!cli_parse_options (_("TARGET"),
                          _("Copy the whole database into TARGET: a new database file, or an "
                            "empty PostgreSQL database (postgresql://host/dbname or a libpq "
                            "conninfo). A target that already holds tables is refused and left "
                            "as it was. The copy is checked afterwards: the rows of every "
                            "table, the balances by source and by allocation, and the audit "
                            "chain."),
                          none, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2)
    return cli_usage ("migrate-to", _("give exactly one target database"));
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;

  ok = allot_store_migrate_to_full (store, argv[1],
                                    isatty (STDERR_FILENO) ? show_progress : NULL, &shown,
                                    &summary, &error);
  if (shown)
    g_printerr ("\r%-41s\r", "");
  if (!ok)
    return cli_refuse (error);

  g_print (_("Copied into %s:\n"), summary.target);
  for (guint i = 0; i < summary.tables->len; i++)
    {
      const AllotMigrateTable *t = summary.tables->pdata[i];

      g_print ("  %-28s %12" PRId64 "\n", t->table, t->rows);
    }
  g_print (_("verified: %" PRId64 " rows, balances equal, audit chain intact (%"
             PRId64 " records, last hash %s)\n"),
           summary.n_rows, summary.n_audit_records,
           *summary.last_hash != '\0' ? summary.last_hash : _("none"));
  allot_migrate_summary_clear (&summary);
  return CLI_OK;
}
