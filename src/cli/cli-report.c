/* cli-report.c: "allot-cli report KIND ...": the federal reports and the
 * task-force participation reports of the core (allot-reports.h).
 *
 *   report ffr SOURCE --period-end DATE [--final] [--basis cash|accrual] [--as-of DATE] [--csv]
 *   report periods [SOURCE] [--as-of DATE] [--csv]
 *   report esac --fy YEAR [--csv]
 *   report overtime [--fy YEAR] [--csv]
 *   report participation [--fy YEAR] [--csv]
 *   report burn SOURCE [--as-of DATE] [--csv]
 *
 * Warnings go to stdout after the report for people, and to stderr with
 * --csv so that the CSV stays machine-readable; they never change the exit
 * status.  Hours and percentages are printed with two decimals and '.'.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-reports.h"
#include "cli.h"

static char *
hundredths (gint64 value)
{
  gint64 magnitude = value < 0 ? -value : value;

  return g_strdup_printf ("%s%" PRId64 ".%02d", value < 0 ? "-" : "",
                          magnitude / 100, (int) (magnitude % 100));
}

static char *
percent (guint bp)
{
  return g_strdup_printf ("%u.%02u", bp / 100, bp % 100);
}

static char *
date_text (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? allot_date_format_iso (date) : g_strdup ("");
}

static void
print_warnings (GPtrArray *warnings,
                gboolean   csv)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      if (csv)
        g_printerr (_("allot-cli: warning: %s\n"), (const char *) warnings->pdata[i]);
      else
        g_print (_("Warning: %s\n"), (const char *) warnings->pdata[i]);
    }
}

static gboolean
lookup_source (AllotStore *store,
               const char *code,
               gint64     *out,
               GError    **error)
{
  g_autoptr(AllotSource) source = allot_store_lookup_source_by_code (store, code, error);

  if (source == NULL)
    return FALSE;
  *out = source->id;
  return TRUE;
}

static int
optional_date (const char *option,
               const char *text,
               GDate      *out)
{
  g_date_clear (out, 1);
  return text == NULL ? CLI_OK : cli_date_option (option, text, out);
}

/* ---- ffr ---- */

static int
report_ffr (const CliGlobals *globals,
            int               argc,
            char            **argv)
{
  static const char *const headers[] = { "line", "label", "value", NULL };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotFfr) ffr = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *period_end_text = NULL, *basis_text = NULL, *as_of_text = NULL;
  g_autofree char *currency = NULL;
  gboolean final = FALSE, csv = FALSE;
  AllotReportBasis basis = ALLOT_BASIS_CASH;
  GDate period_end, as_of;
  gint64 source_id = 0;
  GOptionEntry entries[] = {
    { "period-end", 0, 0, G_OPTION_ARG_STRING, &period_end_text,
      N_("Last day of the reporting period (required)"), N_("DATE") },
    { "final", 0, 0, G_OPTION_ARG_NONE, &final, N_("The final report of the award"), NULL },
    { "basis", 0, 0, G_OPTION_ARG_STRING, &basis_text,
      N_("cash (default) or accrual"), N_("BASIS") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Check the due date against this day instead of today"), N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("line,label,value rows for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (_("SOURCE"), _("The SF-425 Federal Financial Report of a grant, "
                                         "cumulative from the start of the award to the period "
                                         "end."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2)
    return cli_usage ("report ffr", _("name the grant (its source code)"));
  CLI_TRY (cli_date_option ("--period-end", period_end_text, &period_end));
  CLI_TRY (optional_date ("--as-of", as_of_text, &as_of));
  if (basis_text != NULL && !allot_report_basis_from_string (basis_text, &basis))
    return cli_usage ("report ffr", _("--basis takes cash or accrual, not “%s”"), basis_text);

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!lookup_source (store, argv[1], &source_id, &error))
    return cli_refuse (error);
  ffr = allot_report_ffr (store, source_id, &period_end, final, basis, &as_of, &error);
  if (ffr == NULL)
    return cli_refuse (error);

  currency = allot_store_dup_setting (store, "currency");
  table = cli_table_new (csv, headers);
  cli_table_set_currency (table, currency);
  cli_table_set_numeric (table, 2);
  if (!csv)
    {
      g_autofree char *ps = date_text (&ffr->project_start), *pe = date_text (&ffr->project_end);
      g_autofree char *rs = date_text (&ffr->period_start), *re = date_text (&ffr->period_end);
      g_autofree char *due = date_text (&ffr->due_date);

      g_print (_("Federal Financial Report (SF-425)\n"));
      g_print (_("Federal agency: %s\n"), ffr->awarding_agency);
      g_print (_("Award number: %s (%s, Assistance Listing %s)\n"), ffr->award_number,
               ffr->source_code, ffr->assistance_listing);
      g_print (_("Recipient: %s  UEI: %s  EIN: %s\n"), ffr->recipient, ffr->recipient_uei,
               ffr->recipient_ein);
      g_print (_("Report type: %s  Basis: %s\n"), ffr->report_type,
               allot_report_basis_to_string (ffr->basis));
      g_print (_("Project period: %s to %s\n"), ps, pe);
      g_print (_("Reporting period: %s to %s, due %s\n\n"), *rs != '\0' ? rs : ps, re, due);
    }
  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    cli_table_add (table, g_strdup (allot_ffr_line_id (l)), g_strdup (allot_ffr_line_label (l)),
                   cli_table_money (table, ffr->lines[l]));
  for (guint i = 0; i < ffr->indirect->len; i++)
    {
      const AllotFfrIndirect *r = ffr->indirect->pdata[i];
      guint n = i + 1;

      cli_table_add (table, g_strdup_printf ("11a.%u", n), g_strdup (_("Type of rate")),
                     g_strdup (r->rate_type));
      cli_table_add (table, g_strdup_printf ("11b.%u", n), g_strdup (_("Rate (percent)")),
                     percent (r->rate_bp));
      cli_table_add (table, g_strdup_printf ("11c.%u.from", n), g_strdup (_("Period from")),
                     date_text (&r->start));
      cli_table_add (table, g_strdup_printf ("11c.%u.to", n), g_strdup (_("Period to")),
                     date_text (&r->end));
      cli_table_add (table, g_strdup_printf ("11d.%u", n),
                     g_strdup_printf (_("Base (%s%s%s)"), r->base_type,
                                      *r->base_exclusions != '\0' ? _(", less lines ") : "",
                                      r->base_exclusions),
                     cli_table_money (table, r->base));
      cli_table_add (table, g_strdup_printf ("11e.%u", n), g_strdup (_("Amount charged")),
                     cli_table_money (table, r->amount_charged));
      cli_table_add (table, g_strdup_printf ("11f.%u", n), g_strdup (_("Federal share")),
                     cli_table_money (table, r->federal_share));
    }
  if (ffr->indirect->len > 0)
    {
      cli_table_add (table, g_strdup ("11g.d"), g_strdup (_("Total base")),
                     cli_table_money (table, ffr->indirect_base));
      cli_table_add (table, g_strdup ("11g.e"), g_strdup (_("Total amount charged")),
                     cli_table_money (table, ffr->indirect_charged));
      cli_table_add (table, g_strdup ("11g.f"), g_strdup (_("Total federal share")),
                     cli_table_money (table, ffr->indirect_federal));
    }
  cli_table_print (table);
  if (!csv && ffr->warnings->len > 0)
    g_print ("\n");
  print_warnings (ffr->warnings, csv);
  return CLI_OK;
}

/* ---- periods ---- */

static int
report_periods (const CliGlobals *globals,
                int               argc,
                char            **argv)
{
  static const char *const headers[] = {
    "source", "award_number", "number", "type", "period_start", "period_end", "due_date",
    "days_to_due", NULL
  };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GPtrArray) periods = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *as_of_text = NULL;
  gboolean csv = FALSE;
  gint64 source_id = 0;
  GDate as_of;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text,
      N_("Count the days to each due date from this day instead of today"), N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (_("[SOURCE]"), _("The SF-425 reporting periods and due dates of a "
                                           "grant, or of every grant."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc > 2)
    return cli_usage ("report periods", _("unexpected argument “%s”"), argv[2]);
  CLI_TRY (optional_date ("--as-of", as_of_text, &as_of));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (argc == 2 && !lookup_source (store, argv[1], &source_id, &error))
    return cli_refuse (error);
  periods = allot_report_periods (store, source_id, &as_of, &error);
  if (periods == NULL)
    return cli_refuse (error);
  table = cli_table_new (csv, headers);
  cli_table_set_numeric (table, 2);
  cli_table_set_numeric (table, 7);
  for (guint i = 0; i < periods->len; i++)
    {
      const AllotReportingPeriod *p = periods->pdata[i];

      cli_table_add (table, g_strdup (p->source_code), g_strdup (p->award_number),
                     g_strdup_printf ("%u", p->number), g_strdup (p->report_type),
                     date_text (&p->period_start), date_text (&p->period_end),
                     date_text (&p->due_date), g_strdup_printf ("%d", p->days_to_due));
    }
  cli_table_print (table);
  return CLI_OK;
}

/* ---- esac ---- */

static int
report_esac (const CliGlobals *globals,
             int               argc,
             char            **argv)
{
  static const char *const headers[] = { "line", "label", "justice", "treasury", NULL };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotEsac) esac = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *currency = NULL;
  gboolean csv = FALSE;
  int fiscal_year = 0;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_INT, &fiscal_year, N_("The agency's fiscal year (required)"),
      N_("YEAR") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("line,label,justice,treasury rows"), NULL },
    { NULL }
  };

  if (!cli_parse_options (NULL, _("The Equitable Sharing Agreement and Certification: Justice "
                                  "and Treasury funds side by side."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("report esac", _("unexpected argument “%s”"), argv[1]);
  CLI_TRY (cli_fiscal_year_option ("--fy", fiscal_year));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  esac = allot_report_esac (store, fiscal_year, &error);
  if (esac == NULL)
    return cli_refuse (error);

  currency = allot_store_dup_setting (store, "currency");
  table = cli_table_new (csv, headers);
  cli_table_set_currency (table, currency);
  cli_table_set_numeric (table, 2);
  cli_table_set_numeric (table, 3);
  if (!csv)
    {
      g_autofree char *s = date_text (&esac->fy_start), *e = date_text (&esac->fy_end);
      g_autofree char *due = date_text (&esac->due_date);
      g_autofree char *justice = allot_esac_sources_text (esac, ALLOT_ESAC_JUSTICE);
      g_autofree char *treasury = allot_esac_sources_text (esac, ALLOT_ESAC_TREASURY);

      g_print (_("Equitable Sharing Agreement and Certification, FY%d (%s to %s)\n"),
               esac->fiscal_year, s, e);
      g_print (_("Agency: %s\n"), esac->agency);
      g_print (_("Justice funds: %s\nTreasury funds: %s\n"), justice, treasury);
      g_print (_("Due: %s\n\n"), due);
    }
  for (guint l = 0; l < ALLOT_ESAC_N_LINES; l++)
    cli_table_add (table, g_strdup_printf ("%u", l + 1), g_strdup (allot_esac_line_label (l)),
                   cli_table_money (table, esac->lines[ALLOT_ESAC_JUSTICE][l]),
                   cli_table_money (table, esac->lines[ALLOT_ESAC_TREASURY][l]));
  for (char c = 'a'; c <= 'n'; c++)
    cli_table_add (table, g_strdup_printf ("%c", c), g_strdup (allot_esac_category_label (c)),
                   cli_table_money (table, esac->spent[ALLOT_ESAC_JUSTICE][c - 'a']),
                   cli_table_money (table, esac->spent[ALLOT_ESAC_TREASURY][c - 'a']));
  cli_table_print (table);
  if (!csv && esac->warnings->len > 0)
    g_print ("\n");
  print_warnings (esac->warnings, csv);
  return CLI_OK;
}

/* ---- overtime ---- */

static int
report_overtime (const CliGlobals *globals,
                 int               argc,
                 char            **argv)
{
  static const char *const headers[] = {
    "agreement", "officer", "name", "agency", "fiscal_year", "entries", "hours", "amount",
    "annual_cap", "monthly_cap", "reimbursable", "over_cap", "remaining", "billed", "received",
    "outstanding", "flagged", NULL
  };
  static const char *const flag_headers[] = {
    "entry", "date", "officer", "agreement", "case", "hours", "amount", "reimbursable",
    "over_cap", "cap", NULL
  };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotOvertimeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *currency = NULL;
  gboolean csv = FALSE;
  int fiscal_year = 0;
  const AllotOvertimeRow *t;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_INT, &fiscal_year,
      N_("Only this federal fiscal year (default: every year)"), N_("YEAR") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (NULL, _("Approved overtime by officer and agreement: hours, amount, "
                                  "cap, remaining, billed, received, outstanding; entries over "
                                  "a cap are flagged."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("report overtime", _("unexpected argument “%s”"), argv[1]);
  if (fiscal_year != 0)
    CLI_TRY (cli_fiscal_year_option ("--fy", fiscal_year));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  report = allot_report_overtime (store, fiscal_year, &error);
  if (report == NULL)
    return cli_refuse (error);

  currency = allot_store_dup_setting (store, "currency");
  table = cli_table_new (csv, headers);
  cli_table_set_currency (table, currency);
  for (guint c = 5; c <= 16; c++)
    cli_table_set_numeric (table, c);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const AllotOvertimeRow *r = report->rows->pdata[i];

      cli_table_add (table, g_strdup (r->agreement_code), g_strdup (r->badge),
                     g_strdup (r->officer_name), g_strdup (r->agency_code),
                     g_strdup_printf ("%d", r->fiscal_year), g_strdup_printf ("%u", r->n_entries),
                     hundredths (r->hours), cli_table_money (table, r->amount),
                     r->annual_cap > 0 ? cli_table_money (table, r->annual_cap) : NULL,
                     r->monthly_cap > 0 ? cli_table_money (table, r->monthly_cap) : NULL,
                     cli_table_money (table, r->reimbursable),
                     cli_table_money (table, r->over_cap),
                     r->annual_cap > 0 ? cli_table_money (table, r->remaining) : NULL,
                     cli_table_money (table, r->billed), cli_table_money (table, r->received),
                     cli_table_money (table, r->outstanding),
                     g_strdup_printf ("%u", r->n_flagged));
    }
  t = &report->totals;
  if (!csv)
    cli_table_add (table, g_strdup (_("total")), NULL, NULL, NULL, NULL,
                   g_strdup_printf ("%u", t->n_entries), hundredths (t->hours),
                   cli_table_money (table, t->amount), NULL, NULL,
                   cli_table_money (table, t->reimbursable), cli_table_money (table, t->over_cap),
                   cli_table_money (table, t->remaining), cli_table_money (table, t->billed),
                   cli_table_money (table, t->received), cli_table_money (table, t->outstanding),
                   g_strdup_printf ("%u", t->n_flagged));
  cli_table_print (table);

  if (!csv && report->flagged->len > 0)
    {
      g_autoptr(CliTable) flags = cli_table_new (FALSE, flag_headers);

      cli_table_set_currency (flags, currency);
      for (guint c = 5; c <= 8; c++)
        cli_table_set_numeric (flags, c);
      for (guint i = 0; i < report->flagged->len; i++)
        {
          const AllotOvertimeFlag *f = report->flagged->pdata[i];

          cli_table_add (flags, g_strdup_printf ("%" PRId64, f->entry_id),
                         date_text (&f->work_date), g_strdup (f->badge),
                         g_strdup (f->agreement_code), g_strdup (f->case_number),
                         hundredths (f->hours), cli_table_money (flags, f->amount),
                         cli_table_money (flags, f->reimbursable),
                         cli_table_money (flags, f->over_cap),
                         g_strdup (f->over_monthly && f->over_annual ? _("monthly, annual")
                                   : f->over_monthly ? _("monthly") : _("annual")));
        }
      g_print (_("\nEntries over a cap:\n"));
      cli_table_print (flags);
    }
  if (!csv && report->warnings->len > 0)
    g_print ("\n");
  print_warnings (report->warnings, csv);
  return CLI_OK;
}

/* ---- participation ---- */

static int
report_participation (const CliGlobals *globals,
                      int               argc,
                      char            **argv)
{
  static const char *const headers[] = {
    "fiscal_year", "task_force", "name", "grant", "appropriation", "agreement", "forfeiture",
    "cash_total", "in_kind", "contributed", "officers", "overtime_hours", "overtime_amount",
    "billed", "reimbursed", "partner_in_kind", NULL
  };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotParticipation) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *currency = NULL;
  gboolean csv = FALSE;
  int fiscal_year = 0;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_INT, &fiscal_year,
      N_("Only this fiscal year (default: every year)"), N_("YEAR") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (NULL, _("Per task force and fiscal year: what the jurisdiction "
                                  "contributed by kind of source (cash and in kind), officers "
                                  "and overtime hours, and what partners reimbursed."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 1)
    return cli_usage ("report participation", _("unexpected argument “%s”"), argv[1]);
  if (fiscal_year != 0)
    CLI_TRY (cli_fiscal_year_option ("--fy", fiscal_year));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  report = allot_report_participation (store, fiscal_year, &error);
  if (report == NULL)
    return cli_refuse (error);

  currency = allot_store_dup_setting (store, "currency");
  table = cli_table_new (csv, headers);
  cli_table_set_currency (table, currency);
  for (guint c = 3; c <= 15; c++)
    cli_table_set_numeric (table, c);
  for (guint i = 0; i <= report->rows->len; i++)
    {
      const AllotParticipationRow *r = i < report->rows->len ? report->rows->pdata[i]
                                                             : &report->totals;

      if (i == report->rows->len && csv)
        break;
      cli_table_add (table,
                     i < report->rows->len ? g_strdup_printf ("%d", r->fiscal_year)
                                           : g_strdup (_("total")),
                     g_strdup (r->code), g_strdup (r->name),
                     cli_table_money (table, r->cash[ALLOT_SOURCE_GRANT]),
                     cli_table_money (table, r->cash[ALLOT_SOURCE_APPROPRIATION]),
                     cli_table_money (table, r->cash[ALLOT_SOURCE_AGREEMENT]),
                     cli_table_money (table, r->cash[ALLOT_SOURCE_FORFEITURE]),
                     cli_table_money (table, r->cash_total), cli_table_money (table, r->in_kind),
                     cli_table_money (table, r->contributed), g_strdup_printf ("%u", r->officers),
                     hundredths (r->overtime_hours), cli_table_money (table, r->overtime_amount),
                     cli_table_money (table, r->billed), cli_table_money (table, r->reimbursed),
                     cli_table_money (table, r->partner_in_kind));
    }
  cli_table_print (table);
  print_warnings (report->warnings, csv);
  return CLI_OK;
}

/* ---- burn ---- */

static int
report_burn (const CliGlobals *globals,
             int               argc,
             char            **argv)
{
  static const char *const headers[] = {
    "month", "spent", "cumulative", "spent_pct", "elapsed_pct", NULL
  };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotBurnReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliTable) table = NULL;
  g_autofree char *currency = NULL, *as_of_text = NULL;
  gboolean csv = FALSE;
  gint64 source_id = 0;
  GDate as_of;
  GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("Measure on this day (default today)"),
      N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("The months as comma-separated values"), NULL },
    { NULL }
  };

  /* xgettext:no-c-format */
  if (!cli_parse_options (_("SOURCE"), _("Monthly spending of a source, cumulative % spent "
                                         "against % of its period elapsed, and the projected "
                                         "day its money runs out or lapses."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2)
    return cli_usage ("report burn", _("name the source (its code)"));
  CLI_TRY (optional_date ("--as-of", as_of_text, &as_of));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!lookup_source (store, argv[1], &source_id, &error))
    return cli_refuse (error);
  report = allot_report_burn (store, source_id, &as_of, &error);
  if (report == NULL)
    return cli_refuse (error);

  currency = allot_store_dup_setting (store, "currency");
  table = cli_table_new (csv, headers);
  cli_table_set_currency (table, currency);
  for (guint c = 1; c <= 4; c++)
    cli_table_set_numeric (table, c);
  if (!csv)
    {
      g_autofree char *a = date_text (&report->as_of);
      g_autofree char *s = date_text (&report->period_start);
      g_autofree char *e = date_text (&report->period_end);
      g_autofree char *authorized = allot_money_format (report->authorized, currency);
      g_autofree char *spent = allot_money_format (report->spent, currency);
      g_autofree char *unspent = allot_money_format (report->unspent, currency);
      g_autofree char *open = allot_money_format (report->unliquidated, currency);
      g_autofree char *sp = percent (report->spent_bp), *el = percent (report->elapsed_bp);

      g_print (_("Burn rate of %s (%s), as of %s\n"), report->source_code, report->source_name, a);
      if (report->has_period)
        g_print (_("Period: %s to %s\n"), s, *e != '\0' ? e : _("no lapse date"));
      g_print (_("Authorized %s, spent %s (%s%%), unspent %s, open obligations %s\n"),
               authorized, spent, sp, unspent, open);
      if (*e != '\0')
        g_print (_("Time elapsed: %s%% (%u of %u days)\n"), el, report->days_elapsed,
                 report->days_total);
      if (report->has_projection)
        {
          g_autofree char *x = date_text (&report->exhaustion);

          if (report->lapses_first)
            {
              g_autofree char *left = allot_money_format (report->projected_unspent, currency);

              g_print (_("Projection: at this pace the money would last until %s, after the "
                         "period ends on %s; %s would lapse unspent.\n"), x, e, left);
            }
          else
            g_print (_("Projection: at this pace the money runs out on %s.\n"), x);
        }
      else
        g_print (_("Projection: none (nothing spent yet, all spent, or the period is over).\n"));
      g_print ("\n");
    }
  for (guint i = 0; i < report->months->len; i++)
    {
      const AllotBurnMonth *m = &g_array_index (report->months, AllotBurnMonth, i);

      cli_table_add (table, g_strdup_printf ("%04d-%02d", m->year, m->month),
                     cli_table_money (table, m->spent), cli_table_money (table, m->cumulative),
                     percent (m->spent_bp), percent (m->elapsed_bp));
    }
  cli_table_print (table);
  if (!csv && report->warnings->len > 0)
    g_print ("\n");
  print_warnings (report->warnings, csv);
  return CLI_OK;
}

/* ---- dispatch ---- */

static const struct {
  const char *name;
  CliCommandFunc func;
  const char *summary;
} reports[] = {
  { "ffr", report_ffr, N_("SF-425 Federal Financial Report of a grant") },
  { "periods", report_periods, N_("SF-425 reporting periods and due dates") },
  { "esac", report_esac, N_("Equitable Sharing Agreement and Certification") },
  { "overtime", report_overtime, N_("Task-force overtime by officer and agreement") },
  { "participation", report_participation, N_("Task-force participation by fiscal year") },
  { "burn", report_burn, N_("Burn rate and projection of a source") },
};

int
cli_report (const CliGlobals *globals,
            int               argc,
            char            **argv)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n\n", _("Usage: allot-cli report KIND [OPTIONS…]"));
      for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
        g_print ("  %-14s %s\n", reports[i].name, _(reports[i].summary));
      g_print ("\n%s\n", _("“allot-cli report KIND --help” describes a report's options."));
      return CLI_OK;
    }
  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (reports); i++)
    if (g_str_equal (argv[1], reports[i].name))
      {
        g_autofree char *prgname = g_strconcat ("allot-cli report ", reports[i].name, NULL);

        g_set_prgname (prgname);
        return reports[i].func (globals, argc - 1, argv + 1);
      }
  if (argc < 2)
    return cli_usage ("report", _("say which report: ffr, periods, esac, overtime, "
                                  "participation or burn"));
  return cli_usage ("report", _("unknown report “%s”; say ffr, periods, esac, overtime, "
                                "participation or burn"), argv[1]);
}
