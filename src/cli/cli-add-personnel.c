/* cli-add-personnel.c: "allot-cli add KIND" for the records of task-force
 * participation and the SF-425 (allot-personnel.h): officer, assignment,
 * overtime, cap, claim, claim-payment, rate-period, program-income, match.
 * cli-add.c hands these kinds over before parsing its own options.
 *
 * Hours, multipliers and rates are read with the money parser: two
 * decimals at most, so "7.5" hours is 750 hundredths and "1.5" is a
 * multiplier of 150, exactly.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-personnel.h"
#include "cli.h"

static const char *const personnel_kinds[] = {
  "officer", "assignment", "overtime", "cap", "claim", "claim-payment", "rate-period",
  "program-income", "match", NULL
};

gboolean
cli_add_personnel_handles (const char *kind)
{
  return kind != NULL && g_strv_contains (personnel_kinds, kind);
}

typedef struct {
  char *agency, *badge, *name, *officer, *task_force, *agreement, *start, *end, *date;
  char *case_number, *hours, *rate, *multiplier, *description, *status, *annual, *monthly;
  char *invoice, *amount, *reference, *source, *type, *base, *exclude, *kind, *form;
  int fy;
  gint64 claim;
} Opts;

static void
opts_clear (Opts *o)
{
  char **strings[] = {
    &o->agency, &o->badge, &o->name, &o->officer, &o->task_force, &o->agreement, &o->start,
    &o->end, &o->date, &o->case_number, &o->hours, &o->rate, &o->multiplier, &o->description,
    &o->status, &o->annual, &o->monthly, &o->invoice, &o->amount, &o->reference, &o->source,
    &o->type, &o->base, &o->exclude, &o->kind, &o->form,
  };
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
}

#define OPT_S(long_name, field, help, arg) \
  { long_name, 0, 0, G_OPTION_ARG_STRING, &o->field, help, arg }

/* A number with up to two decimals, as hundredths. */
static int
hundredths_option (const char *option,
                   const char *text,
                   gint64     *out)
{
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option (option, text));
  if (!allot_money_parse (text, out, &error) || *out < 0)
    {
      g_printerr (_("allot-cli: %s takes a number with up to two decimals, not “%s”.\n"),
                  option, text);
      return CLI_REFUSED;
    }
  return CLI_OK;
}

/* --officer BADGE, with --agency CODE when badges repeat across agencies. */
static gboolean
officer_id (AllotStore *store,
            Opts       *o,
            gint64     *out,
            GError    **error)
{
  g_autoptr(AllotOfficer) officer = NULL;
  gint64 agency = 0;

  if (!cli_lookup_agency (store, "--agency", o->agency, &agency, error))
    return FALSE;
  officer = allot_store_lookup_officer_by_badge (store, agency, o->officer, error);
  if (officer == NULL)
    {
      g_prefix_error (error, "--officer: ");
      return FALSE;
    }
  *out = officer->id;
  return TRUE;
}

/* ---- the kinds ---- */

static int
add_officer (AllotStore *store, Opts *o)
{
  g_autoptr(AllotOfficer) officer = allot_officer_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--agency", o->agency));
  CLI_TRY (cli_require_option ("--badge", o->badge));
  CLI_TRY (cli_require_option ("--name", o->name));
  officer->badge = g_strdup (o->badge);
  officer->name = g_strdup (o->name);
  if (!cli_lookup_agency (store, "--agency", o->agency, &officer->agency_id, &error) ||
      !allot_store_add_officer (store, officer, &error))
    return cli_refuse (error);
  return cli_added (_("officer"), officer->id, officer->badge);
}

static int
add_assignment (AllotStore *store, Opts *o)
{
  g_autoptr(AllotAssignment) assignment = allot_assignment_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--officer", o->officer));
  CLI_TRY (cli_require_option ("--task-force", o->task_force));
  CLI_TRY (cli_date_option ("--start", o->start, &assignment->start_date));
  CLI_TRY (cli_optional_date ("--end", o->end, &assignment->end_date));
  if (!officer_id (store, o, &assignment->officer_id, &error) ||
      !cli_lookup_task_force (store, "--task-force", o->task_force, &assignment->task_force_id, &error) ||
      !cli_lookup_source (store, "--agreement", o->agreement, &assignment->agreement_id, &error) ||
      !allot_store_add_assignment (store, assignment, &error))
    return cli_refuse (error);
  return cli_added (_("assignment"), assignment->id, NULL);
}

static int
add_overtime (AllotStore *store, Opts *o)
{
  g_autoptr(AllotOvertimeEntry) entry = allot_overtime_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;

  CLI_TRY (cli_require_option ("--officer", o->officer));
  CLI_TRY (cli_require_option ("--task-force", o->task_force));
  CLI_TRY (cli_date_option ("--date", o->date, &entry->work_date));
  CLI_TRY (cli_require_option ("--case", o->case_number));
  CLI_TRY (hundredths_option ("--hours", o->hours, &entry->hours));
  CLI_TRY (cli_money_option ("--rate", o->rate, &entry->base_rate));
  if (o->multiplier != NULL)
    CLI_TRY (hundredths_option ("--multiplier", o->multiplier, &entry->multiplier));
  if (o->status != NULL && !allot_status_from_string (o->status, &entry->status))
    {
      g_printerr (_("allot-cli: --status takes draft or submitted, not “%s”.\n"), o->status);
      return CLI_REFUSED;
    }
  entry->case_number = g_strdup (o->case_number);
  entry->description = g_strdup (o->description);
  if (!officer_id (store, o, &entry->officer_id, &error) ||
      !cli_lookup_task_force (store, "--task-force", o->task_force, &entry->task_force_id, &error) ||
      !cli_lookup_source (store, "--agreement", o->agreement, &entry->agreement_id, &error) ||
      !allot_store_add_overtime (store, entry, &error))
    return cli_refuse (error);
  amount = allot_money_format_plain (entry->amount);
  return cli_added (_("overtime entry"), entry->id, amount);
}

static int
add_cap (AllotStore *store, Opts *o)
{
  g_autoptr(AllotOvertimeCap) cap = allot_overtime_cap_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--agreement", o->agreement));
  CLI_TRY (cli_fiscal_year_option ("--fy", o->fy));
  CLI_TRY (cli_money_option ("--annual", o->annual, &cap->annual_cap));
  if (o->monthly != NULL)
    CLI_TRY (cli_money_option ("--monthly", o->monthly, &cap->monthly_cap));
  cap->fiscal_year = o->fy;
  if (!cli_lookup_source (store, "--agreement", o->agreement, &cap->agreement_id, &error) ||
      !allot_store_add_overtime_cap (store, cap, &error))
    return cli_refuse (error);
  return cli_added (_("overtime cap"), cap->id, NULL);
}

static int
add_claim (AllotStore *store, Opts *o)
{
  g_autoptr(AllotClaim) claim = allot_claim_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--agreement", o->agreement));
  CLI_TRY (cli_require_option ("--officer", o->officer));
  CLI_TRY (cli_require_option ("--task-force", o->task_force));
  CLI_TRY (cli_require_option ("--invoice", o->invoice));
  CLI_TRY (cli_date_option ("--date", o->date, &claim->invoice_date));
  CLI_TRY (cli_date_option ("--start", o->start, &claim->period_start));
  CLI_TRY (cli_date_option ("--end", o->end, &claim->period_end));
  CLI_TRY (cli_money_option ("--amount", o->amount, &claim->billed));
  claim->invoice_number = g_strdup (o->invoice);
  if (!cli_lookup_source (store, "--agreement", o->agreement, &claim->agreement_id, &error) ||
      !officer_id (store, o, &claim->officer_id, &error) ||
      !cli_lookup_task_force (store, "--task-force", o->task_force, &claim->task_force_id, &error) ||
      !allot_store_add_claim (store, claim, &error))
    return cli_refuse (error);
  return cli_added (_("claim"), claim->id, claim->invoice_number);
}

static int
add_claim_payment (AllotStore *store, Opts *o)
{
  g_autoptr(AllotClaimPayment) payment = allot_claim_payment_new ();
  g_autoptr(GError) error = NULL;

  if (o->claim <= 0)
    return cli_require_option ("--claim", NULL);
  CLI_TRY (cli_date_option ("--date", o->date, &payment->received_date));
  CLI_TRY (cli_money_option ("--amount", o->amount, &payment->amount));
  payment->claim_id = o->claim;
  payment->reference = g_strdup (o->reference);
  if (!allot_store_add_claim_payment (store, payment, &error))
    return cli_refuse (error);
  return cli_added (_("claim payment"), payment->id, NULL);
}

static int
add_rate_period (AllotStore *store, Opts *o)
{
  g_autoptr(AllotRatePeriod) rate = allot_rate_period_new ();
  g_autoptr(GError) error = NULL;
  gint64 bp = 0;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_require_option ("--type", o->type));
  CLI_TRY (hundredths_option ("--rate", o->rate, &bp));
  CLI_TRY (cli_require_option ("--base", o->base));
  CLI_TRY (cli_date_option ("--start", o->start, &rate->start_date));
  CLI_TRY (cli_date_option ("--end", o->end, &rate->end_date));
  if (bp > 10000)
    {
      g_printerr (_("allot-cli: --rate is a percentage from 0 to 100, not %s.\n"), o->rate);
      return CLI_REFUSED;
    }
  rate->rate_bp = (guint) bp;
  rate->rate_type = g_strdup (o->type);
  rate->base_type = g_strdup (o->base);
  rate->base_exclusions = g_strdup (o->exclude);
  if (!cli_lookup_source (store, "--source", o->source, &rate->source_id, &error) ||
      !allot_store_add_rate_period (store, rate, &error))
    return cli_refuse (error);
  return cli_added (_("indirect rate period"), rate->id, NULL);
}

static int
add_program_income (AllotStore *store, Opts *o)
{
  g_autoptr(AllotProgramIncome) income = allot_program_income_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_require_option ("--kind", o->kind));
  CLI_TRY (cli_date_option ("--date", o->date, &income->entry_date));
  CLI_TRY (cli_money_option ("--amount", o->amount, &income->amount));
  CLI_TRY (cli_require_option ("--description", o->description));
  if (!allot_program_income_kind_from_string (o->kind, &income->kind))
    {
      g_printerr (_("allot-cli: --kind takes earned, deduction or addition, not “%s”.\n"),
                  o->kind);
      return CLI_REFUSED;
    }
  income->description = g_strdup (o->description);
  if (!cli_lookup_source (store, "--source", o->source, &income->source_id, &error) ||
      !allot_store_add_program_income (store, income, &error))
    return cli_refuse (error);
  return cli_added (_("program income entry"), income->id, NULL);
}

static int
add_match (AllotStore *store, Opts *o)
{
  g_autoptr(AllotMatchEntry) match = allot_match_entry_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_date_option ("--date", o->date, &match->entry_date));
  CLI_TRY (cli_require_option ("--form", o->form));
  CLI_TRY (cli_money_option ("--amount", o->amount, &match->amount));
  CLI_TRY (cli_require_option ("--description", o->description));
  if (!allot_contribution_form_from_string (o->form, &match->form))
    {
      g_printerr (_("allot-cli: --form takes cash or in_kind, not “%s”.\n"), o->form);
      return CLI_REFUSED;
    }
  match->description = g_strdup (o->description);
  if (!cli_lookup_source (store, "--source", o->source, &match->source_id, &error) ||
      !allot_store_add_match_entry (store, match, &error))
    return cli_refuse (error);
  return cli_added (_("match entry"), match->id, NULL);
}

/* ---- dispatch ---- */

int
cli_add_personnel (const CliGlobals *globals,
                   int               argc,
                   char            **argv)
{
  Opts opts = { 0 }, *o = &opts;
  g_autoptr(AllotStore) store = NULL;
  GOptionEntry entries[] = {
    OPT_S ("agency", agency, N_("officer: home agency code; elsewhere: the officer's agency "
                                "when badges repeat"), N_("AGENCY")),
    OPT_S ("badge", badge, N_("officer: badge or employee ID"), N_("ID")),
    OPT_S ("name", name, N_("officer: name"), N_("TEXT")),
    OPT_S ("officer", officer, N_("The officer's badge"), N_("ID")),
    OPT_S ("task-force", task_force, N_("Task force code"), N_("CODE")),
    OPT_S ("agreement", agreement, N_("Agreement (source code) covering the work"), N_("CODE")),
    OPT_S ("start", start, N_("Start date (assignment, claim period, rate period)"), N_("DATE")),
    OPT_S ("end", end, N_("End date"), N_("DATE")),
    OPT_S ("date", date, N_("Date worked, invoiced, received or entered"), N_("DATE")),
    OPT_S ("case", case_number, N_("overtime: case number"), N_("NUMBER")),
    OPT_S ("hours", hours, N_("overtime: hours worked, e.g. 7.5"), N_("HOURS")),
    OPT_S ("rate", rate, N_("overtime: base rate an hour; rate-period: the rate in percent"),
           N_("AMOUNT")),
    OPT_S ("multiplier", multiplier, N_("overtime: 1.5 (default) for time and a half"),
           N_("FACTOR")),
    OPT_S ("description", description, N_("Description"), N_("TEXT")),
    OPT_S ("status", status, N_("overtime: draft or submitted (default)"), N_("STATUS")),
    { "fy", 0, 0, G_OPTION_ARG_INT, &o->fy, N_("cap: federal fiscal year"), N_("YEAR") },
    OPT_S ("annual", annual, N_("cap: annual cap per officer"), N_("MONEY")),
    OPT_S ("monthly", monthly, N_("cap: monthly cap per officer (optional)"), N_("MONEY")),
    OPT_S ("invoice", invoice, N_("claim: invoice number"), N_("NUMBER")),
    OPT_S ("amount", amount, N_("Amount billed, received or entered"), N_("MONEY")),
    { "claim", 0, 0, G_OPTION_ARG_INT64, &o->claim, N_("claim-payment: the claim paid"),
      N_("ID") },
    OPT_S ("reference", reference, N_("claim-payment: payment reference"), N_("TEXT")),
    OPT_S ("source", source, N_("rate-period, program-income, match: the grant"), N_("CODE")),
    OPT_S ("type", type, N_("rate-period: de_minimis, provisional, predetermined, final or fixed"),
           N_("TYPE")),
    OPT_S ("base", base, N_("rate-period: the base, e.g. MTDC"), N_("TEXT")),
    OPT_S ("exclude", exclude, N_("rate-period: SF-424A lines left out of the base, e.g. d"),
           N_("LINES")),
    OPT_S ("kind", kind, N_("program-income: earned, deduction or addition"), N_("KIND")),
    OPT_S ("form", form, N_("match: cash or in_kind"), N_("FORM")),
    { NULL }
  };
  g_autofree char *kind_list = g_strjoinv (", ", (char **) personnel_kinds);
  g_autofree char *summary = g_strdup_printf (_("Add one record. KIND is one of: %s."),
                                              kind_list);
  const char *kind;
  int status;

  if (!cli_parse_options (_("KIND"), summary, entries, &argc, &argv))
    {
      opts_clear (o);
      return CLI_USAGE;
    }
  if (argc != 2 || !cli_add_personnel_handles (argv[1]))
    {
      opts_clear (o);
      return cli_usage ("add", _("say what to add: %s"), kind_list);
    }
  kind = argv[1];

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    status = CLI_REFUSED;
  else if (g_str_equal (kind, "officer"))
    status = add_officer (store, o);
  else if (g_str_equal (kind, "assignment"))
    status = add_assignment (store, o);
  else if (g_str_equal (kind, "overtime"))
    status = add_overtime (store, o);
  else if (g_str_equal (kind, "cap"))
    status = add_cap (store, o);
  else if (g_str_equal (kind, "claim"))
    status = add_claim (store, o);
  else if (g_str_equal (kind, "claim-payment"))
    status = add_claim_payment (store, o);
  else if (g_str_equal (kind, "rate-period"))
    status = add_rate_period (store, o);
  else if (g_str_equal (kind, "program-income"))
    status = add_program_income (store, o);
  else
    status = add_match (store, o);
  opts_clear (o);
  return status;
}
