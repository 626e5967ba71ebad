/* cli-audit.c: "audit verify", "audit list" and "check". */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-rules.h"
#include "cli.h"

static int
audit_verify (AllotStore *store)
{
  g_autoptr(GError) error = NULL;
  AllotAuditVerdict verdict;

  if (!allot_store_verify_audit (store, &verdict, &error))
    return cli_refuse (error);
  if (verdict.problem != NULL)
    {
      g_printerr ("allot-cli: %s\n", verdict.problem);
      allot_audit_verdict_clear (&verdict);
      return CLI_REFUSED;
    }
  g_print (_("The audit log is intact: %" PRId64 " records, last hash %s.\n"),
           verdict.n_records, verdict.last_hash != NULL ? verdict.last_hash : "-");
  g_print (_("Every audited record matches its history.\n"));
  allot_audit_verdict_clear (&verdict);
  return CLI_OK;
}

/* --record ID, or TABLE:ID ("ledger_entries:12"); a bare id is a ledger entry. */
static gboolean
parse_record (const char  *text,
              char       **table,
              gint64      *id)
{
  const char *colon = strchr (text, ':');
  const char *number = colon != NULL ? colon + 1 : text;
  char *end = NULL;

  *id = g_ascii_strtoll (number, &end, 10);
  if (end == number || *end != '\0' || *id <= 0)
    return FALSE;
  *table = colon != NULL ? g_strndup (text, colon - text) : g_strdup ("ledger_entries");
  return TRUE;
}

static int
audit_list (AllotStore *store,
            const char *record,
            gboolean    csv)
{
  static const char *const headers[] = {
    "id", "at", "user", "action", "table", "record_id", "before", "after", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *table_name = NULL;
  gint64 record_id = 0;

  if (record != NULL && !parse_record (record, &table_name, &record_id))
    return cli_usage ("audit", _("--record takes ID or TABLE:ID, not “%s”"), record);
  records = allot_store_list_audit (store, table_name, record_id, &error);
  if (records == NULL)
    return cli_refuse (error);
  for (guint i = 0; i < records->len; i++)
    {
      AllotAuditRecord *r = records->pdata[i];

      cli_table_add (table, g_strdup_printf ("%" PRId64, r->id), g_strdup (r->at),
                     g_strdup (r->user), g_strdup (r->action), g_strdup (r->table_name),
                     g_strdup_printf ("%" PRId64, r->record_id), g_strdup (r->before),
                     g_strdup (r->after));
    }
  cli_table_print (table);
  return CLI_OK;
}

int
cli_audit (const CliGlobals *globals,
           int               argc,
           char            **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autofree char *record = NULL;
  gboolean csv = FALSE;
  GOptionEntry entries[] = {
    { "record", 0, 0, G_OPTION_ARG_STRING, &record,
      N_("list: the history of one record, ID (a ledger entry) or TABLE:ID"), N_("RECORD") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (_("verify | list"),
                          _("verify: check the audit log's hash chain and that every record "
                            "matches its history (exit 1 at the first break). list: show the "
                            "history of changes."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2 || !(g_str_equal (argv[1], "verify") || g_str_equal (argv[1], "list")))
    return cli_usage ("audit", _("say verify or list"));
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (g_str_equal (argv[1], "verify"))
    return audit_verify (store);
  return audit_list (store, record, csv);
}

int
cli_check (const CliGlobals *globals,
           int               argc,
           char            **argv)
{
  static const char *const headers[] = { "severity", "rule", "table", "record_id", "message",
                                         NULL };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean csv = FALSE;
  gboolean any_error = FALSE;
  GDate as_of;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Check as of this date (default "
                                                          "today)"), N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (NULL, _("Run the compliance checks. Exit status 1 when any finding "
                                  "has severity error."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("check", _("unexpected argument “%s”"), argv[1]);
  g_date_clear (&as_of, 1);
  if (as_of_text != NULL)
    CLI_TRY (cli_date_option ("--as-of", as_of_text, &as_of));
  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  findings = allot_store_check (store, &as_of, &error);
  if (findings == NULL)
    return cli_refuse (error);

  table = cli_table_new (csv, headers);
  for (guint i = 0; i < findings->len; i++)
    {
      AllotFinding *f = findings->pdata[i];

      any_error |= f->rule->severity == ALLOT_SEVERITY_ERROR;
      cli_table_add (table, g_strdup (allot_severity_to_string (f->rule->severity)),
                     g_strdup (f->rule->id), g_strdup (f->table_name),
                     g_strdup_printf ("%" PRId64, f->record_id), g_strdup (f->message));
    }
  if (findings->len == 0 && !csv)
    g_print ("%s\n", _("No findings."));
  else
    cli_table_print (table);
  return any_error ? CLI_REFUSED : CLI_OK;
}
