/* cli-add.c: "allot-cli add KIND --option VALUE ...", one kind of record at a
 * time, through the same core calls the app uses. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "cli.h"

/* Every option any kind takes; each kind lists the ones it uses. */
typedef struct {
  char *code, *name, *description, *notes, *level, *ori, *lead, *start, *end, *line;
  char **members;
  gboolean immigration;
  char *award_number, *listing, *amount, *agency, *match, *indirect_rate, *indirect_type;
  char *indirect_base, *guidance, *frequency;
  char *fund, *program, *lapse, *number, *partner, *terms;
  int fy;
  char *source, *date, *case_number, *kind, *side, *form, *value, *task_force, *reference;
  char *category, *status, *document, *payee, *paid;
  gint64 allocation, obligation;
} Opts;

static void
opts_clear (Opts *o)
{
  char **strings[] = {
    &o->code, &o->name, &o->description, &o->notes, &o->level, &o->ori, &o->lead, &o->start,
    &o->end, &o->line, &o->award_number, &o->listing, &o->amount, &o->agency, &o->match,
    &o->indirect_rate, &o->indirect_type, &o->indirect_base, &o->guidance, &o->frequency,
    &o->fund, &o->program, &o->lapse, &o->number, &o->partner, &o->terms, &o->source, &o->date,
    &o->case_number, &o->kind, &o->side, &o->form, &o->value, &o->task_force, &o->reference,
    &o->category, &o->status, &o->document, &o->payee, &o->paid,
  };
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
  g_clear_pointer (&o->members, g_strfreev);
}

#define OPT_S(long_name, field, help, arg) \
  { long_name, 0, 0, G_OPTION_ARG_STRING, &o->field, help, arg }

/* ---- helpers turning option text into record fields ---- */

static int
optional_money (const char *option,
                const char *text,
                gint64     *out)
{
  return text == NULL ? CLI_OK : cli_money_option (option, text, out);
}

/* An optional choice among names; @text NULL leaves *out as it is. */
static int
choice (const char *option,
        const char *text,
        gboolean  (*from_string) (const char *, int *),
        int        *out,
        const char *choices)
{
  if (text != NULL && !from_string (text, out))
    {
      g_printerr (_("allot-cli: %s takes %s, not “%s”.\n"), option, choices, text);
      return CLI_REFUSED;
    }
  return CLI_OK;
}

/* ---- the kinds ---- */

#define CHOICE(option, text, from_string, out, choices) \
  choice (option, text, (gboolean (*) (const char *, int *)) (gpointer) from_string, \
          (int *) (out), choices)

static int
add_agency (AllotStore *store, Opts *o)
{
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--code", o->code));
  CLI_TRY (cli_require_option ("--name", o->name));
  CLI_TRY (cli_require_option ("--level", o->level));
  CLI_TRY (CHOICE ("--level", o->level, allot_agency_level_from_string, &agency->level,
                   "state, local or federal"));
  agency->code = g_strdup (o->code);
  agency->name = g_strdup (o->name);
  agency->ori = g_strdup (o->ori);
  if (!allot_store_add_agency (store, agency, &error))
    return cli_refuse (error);
  return cli_added (_("agency"), agency->id, agency->code);
}

static int
add_task_force (AllotStore *store, Opts *o)
{
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--code", o->code));
  CLI_TRY (cli_require_option ("--name", o->name));
  CLI_TRY (cli_require_option ("--lead", o->lead));
  CLI_TRY (cli_date_option ("--start", o->start, &tf->start_date));
  CLI_TRY (cli_optional_date ("--end", o->end, &tf->end_date));
  tf->code = g_strdup (o->code);
  tf->name = g_strdup (o->name);
  tf->immigration = o->immigration;
  if (!cli_lookup_agency (store, "--lead", o->lead, &tf->lead_agency_id, &error))
    return cli_refuse (error);
  for (guint i = 0; o->members != NULL && o->members[i] != NULL; i++)
    {
      gint64 id;
      if (!cli_lookup_agency (store, "--member", o->members[i], &id, &error))
        return cli_refuse (error);
      g_array_append_val (tf->member_ids, id);
    }
  if (!allot_store_add_task_force (store, tf, &error))
    return cli_refuse (error);
  return cli_added (_("task force"), tf->id, tf->code);
}

static int
add_category (AllotStore *store, Opts *o)
{
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--code", o->code));
  CLI_TRY (cli_require_option ("--name", o->name));
  CLI_TRY (cli_require_option ("--line", o->line));
  if (strlen (o->line) != 1)
    {
      g_printerr (_("allot-cli: --line takes one SF-424A letter from a to h, not “%s”.\n"),
                  o->line);
      return CLI_REFUSED;
    }
  category->code = g_strdup (o->code);
  category->name = g_strdup (o->name);
  category->sf424a_line = g_ascii_tolower (o->line[0]);
  if (!allot_store_add_category (store, category, &error))
    return cli_refuse (error);
  return cli_added (_("category"), category->id, category->code);
}

static int
fill_grant (AllotGrantFields *g, Opts *o)
{
  gint64 rate = 0;

  CLI_TRY (cli_require_option ("--award-number", o->award_number));
  CLI_TRY (cli_require_option ("--listing", o->listing));
  CLI_TRY (cli_money_option ("--amount", o->amount, &g->award_amount));
  CLI_TRY (cli_date_option ("--start", o->start, &g->pop_start));
  CLI_TRY (cli_date_option ("--end", o->end, &g->pop_end));
  CLI_TRY (optional_money ("--match", o->match, &g->match_required));
  /* A percentage with up to two decimals is hundredths of a percent,
   * exactly what the money parser reads as cents. */
  CLI_TRY (optional_money ("--indirect-rate", o->indirect_rate, &rate));
  if (rate < 0 || rate > 10000)
    {
      g_printerr (_("allot-cli: --indirect-rate is a percentage from 0 to 100, not %s.\n"),
                  o->indirect_rate);
      return CLI_REFUSED;
    }
  g->indirect_rate_bp = (guint) rate;
  g->award_number = g_strdup (o->award_number);
  g->assistance_listing = g_strdup (o->listing);
  g->indirect_rate_type = g_strdup (o->indirect_type);
  g->indirect_base = g_strdup (o->indirect_base);
  g->uniform_guidance = g_strdup (o->guidance);
  g->reporting_frequency = g_strdup (o->frequency);
  return CLI_OK;
}

static int
fill_appropriation (AllotAppropriationFields *p, Opts *o)
{
  CLI_TRY (cli_require_option ("--fund", o->fund));
  CLI_TRY (cli_require_option ("--program", o->program));
  CLI_TRY (cli_fiscal_year_option ("--fy", o->fy));
  CLI_TRY (cli_money_option ("--amount", o->amount, &p->amount));
  CLI_TRY (cli_date_option ("--lapse", o->lapse, &p->lapse_date));
  p->fund_code = g_strdup (o->fund);
  p->program_code = g_strdup (o->program);
  p->fiscal_year = o->fy;
  return CLI_OK;
}

static int
fill_agreement (AllotStore *store, AllotAgreementFields *a, Opts *o)
{
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--number", o->number));
  CLI_TRY (cli_require_option ("--partner", o->partner));
  CLI_TRY (cli_date_option ("--start", o->start, &a->term_start));
  CLI_TRY (cli_date_option ("--end", o->end, &a->term_end));
  a->agreement_number = g_strdup (o->number);
  a->reimbursement_terms = g_strdup (o->terms);
  if (!cli_lookup_agency (store, "--partner", o->partner, &a->partner_agency_id, &error))
    return cli_refuse (error);
  return CLI_OK;
}

static int
add_source (AllotStore     *store,
            Opts           *o,
            AllotSourceKind kind)
{
  g_autoptr(AllotSource) source = allot_source_new (kind);
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--code", o->code));
  CLI_TRY (cli_require_option ("--name", o->name));
  switch (kind)
    {
    case ALLOT_SOURCE_GRANT:
      CLI_TRY (fill_grant (&source->u.grant, o));
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      CLI_TRY (fill_appropriation (&source->u.appropriation, o));
      break;
    case ALLOT_SOURCE_AGREEMENT:
      CLI_TRY (fill_agreement (store, &source->u.agreement, o));
      break;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      CLI_TRY (cli_require_option ("--program", o->program));
      CLI_TRY (CHOICE ("--program", o->program, allot_forfeiture_program_from_string,
                       &source->u.forfeiture.program, "doj, treasury or state"));
      break;
    }
  source->code = g_strdup (o->code);
  source->name = g_strdup (o->name);
  source->notes = g_strdup (o->notes);
  source->immigration = o->immigration;
  if (!cli_lookup_agency (store, "--agency", o->agency, &source->agency_id, &error) ||
      !allot_store_add_source (store, source, &error))
    return cli_refuse (error);
  return cli_added (allot_source_kind_to_string (kind), source->id, source->code);
}

static int
add_amendment (AllotStore *store, Opts *o)
{
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_date_option ("--date", o->date, &amendment->effective_date));
  CLI_TRY (cli_money_option ("--amount", o->amount, &amendment->amount));
  CLI_TRY (cli_require_option ("--description", o->description));
  amendment->description = g_strdup (o->description);
  if (!cli_lookup_source (store, "--source", o->source, &amendment->source_id, &error) ||
      !allot_store_add_amendment (store, amendment, &error))
    return cli_refuse (error);
  return cli_added (_("amendment"), amendment->id, NULL);
}

static int
add_receipt (AllotStore *store, Opts *o)
{
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_date_option ("--date", o->date, &receipt->received_date));
  CLI_TRY (cli_money_option ("--amount", o->amount, &receipt->amount));
  CLI_TRY (CHOICE ("--kind", o->kind, allot_receipt_kind_from_string, &receipt->kind,
                   "sharing, transfer_in, other or interest"));
  receipt->case_number = g_strdup (o->case_number);
  receipt->description = g_strdup (o->description);
  if (!cli_lookup_source (store, "--source", o->source, &receipt->source_id, &error) ||
      !allot_store_add_receipt (store, receipt, &error))
    return cli_refuse (error);
  return cli_added (_("receipt"), receipt->id, NULL);
}

static int
add_contribution (AllotStore *store, Opts *o)
{
  g_autoptr(AllotContribution) contribution = allot_contribution_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_require_option ("--side", o->side));
  CLI_TRY (cli_require_option ("--form", o->form));
  CLI_TRY (cli_require_option ("--description", o->description));
  CLI_TRY (CHOICE ("--side", o->side, allot_contribution_side_from_string, &contribution->side,
                   "partner or jurisdiction"));
  CLI_TRY (CHOICE ("--form", o->form, allot_contribution_form_from_string, &contribution->form,
                   "cash or in_kind"));
  CLI_TRY (cli_money_option ("--value", o->value, &contribution->valuation));
  contribution->description = g_strdup (o->description);
  if (!cli_lookup_source (store, "--source", o->source, &contribution->source_id, &error) ||
      !cli_lookup_task_force (store, "--task-force", o->task_force, &contribution->task_force_id, &error) ||
      !allot_store_add_contribution (store, contribution, &error))
    return cli_refuse (error);
  return cli_added (_("contribution"), contribution->id, NULL);
}

static int
add_drawdown (AllotStore *store, Opts *o)
{
  g_autoptr(AllotDrawdown) drawdown = allot_drawdown_new ();
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_date_option ("--date", o->date, &drawdown->received_date));
  CLI_TRY (cli_money_option ("--amount", o->amount, &drawdown->amount));
  CLI_TRY (cli_require_option ("--reference", o->reference));
  drawdown->reference = g_strdup (o->reference);
  if (!cli_lookup_source (store, "--source", o->source, &drawdown->source_id, &error) ||
      !allot_store_add_drawdown (store, drawdown, &error))
    return cli_refuse (error);
  return cli_added (_("drawdown"), drawdown->id, NULL);
}

static int
add_allocation (AllotStore *store, Opts *o)
{
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autoptr(AllotCategory) category = NULL;
  g_autoptr(GError) error = NULL;

  CLI_TRY (cli_require_option ("--source", o->source));
  CLI_TRY (cli_require_option ("--task-force", o->task_force));
  CLI_TRY (cli_require_option ("--category", o->category));
  CLI_TRY (cli_fiscal_year_option ("--fy", o->fy));
  CLI_TRY (cli_money_option ("--amount", o->amount, &allocation->amount));
  CLI_TRY (CHOICE ("--status", o->status, allot_status_from_string, &allocation->status,
                   "draft, submitted or approved"));
  allocation->fiscal_year = o->fy;
  allocation->description = g_strdup (o->description);
  if (!cli_lookup_source (store, "--source", o->source, &allocation->source_id, &error) ||
      !cli_lookup_task_force (store, "--task-force", o->task_force, &allocation->task_force_id, &error))
    return cli_refuse (error);
  category = allot_store_lookup_category_by_code (store, o->category, &error);
  if (category == NULL)
    {
      g_prefix_error (&error, "--category: ");
      return cli_refuse (error);
    }
  allocation->category_id = category->id;
  if (!allot_store_add_allocation (store, allocation, &error))
    return cli_refuse (error);
  return cli_added (_("allocation"), allocation->id, NULL);
}

static int
add_entry (AllotStore     *store,
           Opts           *o,
           AllotEntryKind  kind)
{
  g_autoptr(AllotLedgerEntry) entry = allot_ledger_entry_new ();
  g_autoptr(GError) error = NULL;

  entry->kind = kind;
  if (o->allocation <= 0)
    return cli_require_option ("--allocation", NULL);
  CLI_TRY (cli_money_option ("--amount", o->amount, &entry->amount));
  CLI_TRY (cli_date_option ("--date", o->date, &entry->entry_date));
  CLI_TRY (cli_optional_date ("--paid", o->paid, &entry->paid_date));
  CLI_TRY (cli_require_option ("--document", o->document));
  CLI_TRY (CHOICE ("--status", o->status, allot_status_from_string, &entry->status,
                   "draft, submitted or approved"));
  entry->allocation_id = o->allocation;
  entry->obligation_id = o->obligation;
  entry->document_number = g_strdup (o->document);
  entry->payee = g_strdup (o->payee);
  entry->description = g_strdup (o->description);
  entry->immigration = o->immigration;
  if (!allot_store_add_entry (store, entry, &error))
    return cli_refuse (error);
  return cli_added (allot_entry_kind_to_string (kind), entry->id, entry->document_number);
}

/* ---- dispatch ---- */

static const char *const kinds[] = {
  "agency", "task-force", "category", "grant", "appropriation", "agreement", "forfeiture",
  "amendment", "receipt", "contribution", "drawdown", "allocation", "obligation",
  "expenditure", "adjustment",
  /* cli-add-personnel.c */
  "officer", "assignment", "overtime", "cap", "claim", "claim-payment", "rate-period",
  "program-income", "match", NULL
};

int
cli_add (const CliGlobals *globals,
         int               argc,
         char            **argv)
{
  Opts opts = { 0 }, *o = &opts;
  g_autoptr(AllotStore) store = NULL;
  GOptionEntry entries[] = {
    OPT_S ("code", code, N_("Short unique code (all but amendments and ledger entries)"),
           N_("CODE")),
    OPT_S ("name", name, N_("Name"), N_("TEXT")),
    OPT_S ("description", description, N_("Description"), N_("TEXT")),
    OPT_S ("notes", notes, N_("Notes on a source"), N_("TEXT")),
    OPT_S ("level", level, N_("agency: state, local or federal"), N_("LEVEL")),
    OPT_S ("ori", ori, N_("agency: NCIC Originating Agency Identifier"), N_("ORI")),
    OPT_S ("lead", lead, N_("task-force: lead federal agency code"), N_("AGENCY")),
    { "member", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->members,
      N_("task-force: a participating agency code (repeat for each)"), N_("AGENCY") },
    OPT_S ("start", start, N_("Start date (period of performance, term, task force)"),
           N_("DATE")),
    OPT_S ("end", end, N_("End date"), N_("DATE")),
    OPT_S ("line", line, N_("category: SF-424A object class line a..h"), N_("LETTER")),
    { "immigration", 0, 0, G_OPTION_ARG_NONE, &o->immigration,
      N_("Tied to civil immigration enforcement: routed to legal review"), NULL },
    OPT_S ("award-number", award_number, N_("grant: federal award number"), N_("NUMBER")),
    OPT_S ("listing", listing, N_("grant: Assistance Listing, e.g. 16.738"), N_("NN.NNN")),
    OPT_S ("amount", amount, N_("Amount, e.g. 1,234.56 or (12.00)"), N_("MONEY")),
    OPT_S ("agency", agency, N_("Awarding (grant) or receiving agency code"), N_("AGENCY")),
    OPT_S ("match", match, N_("grant: required recipient share"), N_("MONEY")),
    OPT_S ("indirect-rate", indirect_rate, N_("grant: indirect cost rate in percent"),
           N_("PERCENT")),
    OPT_S ("indirect-type", indirect_type,
           N_("grant: none, de_minimis, provisional, predetermined, final or fixed"), N_("TYPE")),
    OPT_S ("indirect-base", indirect_base, N_("grant: base of the indirect rate, e.g. MTDC"),
           N_("BASE")),
    OPT_S ("guidance", guidance, N_("grant: Uniform Guidance version 2014 or 2024"), N_("YEAR")),
    OPT_S ("frequency", frequency, N_("grant: quarterly, semiannual or annual reports"),
           N_("FREQUENCY")),
    OPT_S ("fund", fund, N_("appropriation: fund code"), N_("CODE")),
    OPT_S ("program", program,
           N_("appropriation: program code; forfeiture: doj, treasury or state"), N_("CODE")),
    { "fy", 0, 0, G_OPTION_ARG_INT, &o->fy, N_("Fiscal year (named by the year it ends)"),
      N_("YEAR") },
    OPT_S ("lapse", lapse, N_("appropriation: lapse date"), N_("DATE")),
    OPT_S ("number", number, N_("agreement: agreement number"), N_("NUMBER")),
    OPT_S ("partner", partner, N_("agreement: federal partner agency code"), N_("AGENCY")),
    OPT_S ("terms", terms, N_("agreement: reimbursement terms and caps"), N_("TEXT")),
    OPT_S ("source", source, N_("Funding source code"), N_("CODE")),
    OPT_S ("date", date, N_("Date (effective, received, obligated or incurred)"), N_("DATE")),
    OPT_S ("case", case_number, N_("receipt: case or asset number"), N_("NUMBER")),
    OPT_S ("kind", kind, N_("receipt: sharing, transfer_in, other or interest"), N_("KIND")),
    OPT_S ("side", side, N_("contribution: partner or jurisdiction"), N_("SIDE")),
    OPT_S ("form", form, N_("contribution: cash or in_kind"), N_("FORM")),
    OPT_S ("value", value, N_("contribution: cash amount or in-kind valuation"), N_("MONEY")),
    OPT_S ("task-force", task_force, N_("Task force code"), N_("CODE")),
    OPT_S ("reference", reference, N_("drawdown: payment reference"), N_("TEXT")),
    OPT_S ("category", category, N_("allocation: cost category code"), N_("CODE")),
    OPT_S ("status", status, N_("draft, submitted or approved (default approved)"),
           N_("STATUS")),
    { "allocation", 0, 0, G_OPTION_ARG_INT64, &o->allocation,
      N_("ledger entry: the allocation it is charged to"), N_("ID") },
    OPT_S ("document", document, N_("ledger entry: document number (PO, invoice, voucher)"),
           N_("NUMBER")),
    OPT_S ("payee", payee, N_("ledger entry: who is paid"), N_("TEXT")),
    OPT_S ("paid", paid, N_("expenditure: date paid (leave out while unpaid)"), N_("DATE")),
    { "obligation", 0, 0, G_OPTION_ARG_INT64, &o->obligation,
      N_("expenditure: the obligation it liquidates; adjustment: the obligation it changes"),
      N_("ID") },
    { NULL }
  };
  g_autofree char *kind_list = g_strjoinv (", ", (char **) kinds);
  g_autofree char *summary = g_strdup_printf (_("Add one record. KIND is one of: %s. Dates are "
                                                "YYYY-MM-DD or M/D/YYYY."), kind_list);
  const char *kind;
  int status;

  if (argc >= 2 && cli_add_personnel_handles (argv[1]))
    {
      opts_clear (o);
      return cli_add_personnel (globals, argc, argv);
    }
  if (!cli_parse_options (_("KIND"), summary, entries, &argc, &argv))
    {
      opts_clear (o);
      return CLI_USAGE;
    }
  if (argc != 2 || !g_strv_contains (kinds, argv[1]))
    {
      opts_clear (o);
      return cli_usage ("add", _("say what to add: %s"), kind_list);
    }
  kind = argv[1];
  if (o->fy != 0 && (status = cli_fiscal_year_option ("--fy", o->fy)) != CLI_OK)
    {
      opts_clear (o);
      return status;
    }

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    status = CLI_REFUSED;
  else if (g_str_equal (kind, "agency"))
    status = add_agency (store, o);
  else if (g_str_equal (kind, "task-force"))
    status = add_task_force (store, o);
  else if (g_str_equal (kind, "category"))
    status = add_category (store, o);
  else if (g_str_equal (kind, "grant"))
    status = add_source (store, o, ALLOT_SOURCE_GRANT);
  else if (g_str_equal (kind, "appropriation"))
    status = add_source (store, o, ALLOT_SOURCE_APPROPRIATION);
  else if (g_str_equal (kind, "agreement"))
    status = add_source (store, o, ALLOT_SOURCE_AGREEMENT);
  else if (g_str_equal (kind, "forfeiture"))
    status = add_source (store, o, ALLOT_SOURCE_FORFEITURE);
  else if (g_str_equal (kind, "amendment"))
    status = add_amendment (store, o);
  else if (g_str_equal (kind, "receipt"))
    status = add_receipt (store, o);
  else if (g_str_equal (kind, "contribution"))
    status = add_contribution (store, o);
  else if (g_str_equal (kind, "drawdown"))
    status = add_drawdown (store, o);
  else if (g_str_equal (kind, "allocation"))
    status = add_allocation (store, o);
  else if (g_str_equal (kind, "obligation"))
    status = add_entry (store, o, ALLOT_ENTRY_OBLIGATION);
  else if (g_str_equal (kind, "expenditure"))
    status = add_entry (store, o, ALLOT_ENTRY_EXPENDITURE);
  else
    status = add_entry (store, o, ALLOT_ENTRY_ADJUSTMENT);
  opts_clear (o);
  return status;
}
