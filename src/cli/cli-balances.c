/* cli-balances.c: "allot-cli balances [--fy YEAR] [--by GROUPING] [--csv]". */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-error.h"
#include "allot-money.h"
#include "cli.h"

static const struct {
  const char *name;
  AllotBalanceGrouping grouping;
} groupings[] = {
  { "source", ALLOT_BALANCE_BY_SOURCE },
  { "allocation", ALLOT_BALANCE_BY_ALLOCATION },
  { "task-force", ALLOT_BALANCE_BY_TASK_FORCE },
  { "fiscal-year", ALLOT_BALANCE_BY_FISCAL_YEAR },
  { "kind", ALLOT_BALANCE_BY_KIND },
};

int
cli_balances (const CliGlobals *globals,
              int               argc,
              char            **argv)
{
  static const char *const headers[] = {
    "level", "id", "code", "name", "fiscal_year", "authorized", "allocated", "obligated",
    "expended", "unliquidated", "available", NULL
  };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *by = NULL;
  g_autofree char *currency = NULL;
  gboolean csv = FALSE;
  int fiscal_year = 0;
  int g = -1;
  AllotBalance total = { 0 };
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_INT, &fiscal_year,
      N_("Only the allocations of this fiscal year; \"authorized\" is then their budget"),
      N_("YEAR") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by,
      N_("One row per source (default), allocation, task-force, fiscal-year or kind"),
      N_("GROUPING") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (NULL, _("Balances derived from the ledger: only approved, unvoided "
                                  "entries count. available = authorized - expended - "
                                  "unliquidated on every row."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("balances", _("unexpected argument “%s”"), argv[1]);
  if (fiscal_year != 0)
    CLI_TRY (cli_fiscal_year_option ("--fy", fiscal_year));
  for (guint i = 0; i < G_N_ELEMENTS (groupings); i++)
    if (by == NULL ? i == 0 : g_str_equal (by, groupings[i].name))
      g = (int) i;
  if (g < 0)
    return cli_usage ("balances", _("--by takes source, allocation, task-force, fiscal-year or "
                                    "kind, not “%s”"), by);

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  rows = allot_store_list_balances (store, groupings[g].grouping, fiscal_year, &error);
  if (rows == NULL)
    return cli_refuse (error);

  currency = allot_store_dup_setting (store, "currency");
  table = cli_table_new (csv, headers);
  cli_table_set_currency (table, currency);
  for (guint c = 5; c <= 10; c++)
    cli_table_set_numeric (table, c);
  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];
      const AllotBalance *b = &row->balance;

      cli_table_add (table, g_strdup (groupings[g].name),
                     row->id != 0 ? g_strdup_printf ("%" PRId64, row->id) : NULL,
                     g_strdup (row->code), g_strdup (row->name),
                     row->fiscal_year != 0 ? g_strdup_printf ("%d", row->fiscal_year) : NULL,
                     cli_table_money (table, b->authorized), cli_table_money (table, b->allocated),
                     cli_table_money (table, b->obligated), cli_table_money (table, b->expended),
                     cli_table_money (table, b->unliquidated),
                     cli_table_money (table, b->available));
      total.authorized += b->authorized;
      total.allocated += b->allocated;
      total.obligated += b->obligated;
      total.expended += b->expended;
      total.unliquidated += b->unliquidated;
      total.available += b->available;
    }
  /* People want the total; machines sum the rows themselves. */
  if (!csv)
    cli_table_add (table, g_strdup (_("total")), NULL, NULL, NULL,
                   fiscal_year != 0 ? g_strdup_printf ("%d", fiscal_year) : NULL,
                   cli_table_money (table, total.authorized),
                   cli_table_money (table, total.allocated),
                   cli_table_money (table, total.obligated),
                   cli_table_money (table, total.expended),
                   cli_table_money (table, total.unliquidated),
                   cli_table_money (table, total.available));
  cli_table_print (table);
  return CLI_OK;
}
