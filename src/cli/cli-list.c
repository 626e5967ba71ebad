/* cli-list.c: "allot-cli list WHAT [--fy YEAR] [--csv]". */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-money.h"
#include "allot-personnel.h"
#include "cli.h"

/* id -> code of agencies, sources, task forces and categories, so that lists
 * show the codes people know instead of numbers. */
typedef struct {
  GHashTable *agencies;
  GHashTable *sources;
  GHashTable *task_forces;
  GHashTable *categories;
} Codes;

static void
add_code (GHashTable *map,
          gint64      id,
          const char *code)
{
  g_hash_table_insert (map, g_memdup2 (&id, sizeof id), g_strdup (code));
}

static char *
dup_code (GHashTable *map,
          gint64      id)
{
  return g_strdup (g_hash_table_lookup (map, &id));
}

static GHashTable *
load_map (GPtrArray *records,
          gsize      id_offset,
          gsize      code_offset)
{
  GHashTable *map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < records->len; i++)
    {
      const guint8 *record = records->pdata[i];
      add_code (map, *(const gint64 *) (record + id_offset),
                *(char *const *) (record + code_offset));
    }
  return map;
}

static gboolean
load_codes (AllotStore *store,
            Codes      *codes,
            GError    **error)
{
  g_autoptr(GPtrArray) agencies = allot_store_list_agencies (store, error);
  g_autoptr(GPtrArray) sources = agencies ? allot_store_list_sources (store, error) : NULL;
  g_autoptr(GPtrArray) tfs = sources ? allot_store_list_task_forces (store, error) : NULL;
  g_autoptr(GPtrArray) categories = tfs ? allot_store_list_categories (store, error) : NULL;

  if (categories == NULL)
    return FALSE;
  codes->agencies = load_map (agencies, G_STRUCT_OFFSET (AllotAgency, id),
                              G_STRUCT_OFFSET (AllotAgency, code));
  codes->sources = load_map (sources, G_STRUCT_OFFSET (AllotSource, id),
                             G_STRUCT_OFFSET (AllotSource, code));
  codes->task_forces = load_map (tfs, G_STRUCT_OFFSET (AllotTaskForce, id),
                                 G_STRUCT_OFFSET (AllotTaskForce, code));
  codes->categories = load_map (categories, G_STRUCT_OFFSET (AllotCategory, id),
                                G_STRUCT_OFFSET (AllotCategory, code));
  return TRUE;
}

static void
clear_codes (Codes *codes)
{
  g_clear_pointer (&codes->agencies, g_hash_table_unref);
  g_clear_pointer (&codes->sources, g_hash_table_unref);
  g_clear_pointer (&codes->task_forces, g_hash_table_unref);
  g_clear_pointer (&codes->categories, g_hash_table_unref);
}

static char *
date_text (const GDate *date)
{
  return g_date_valid (date) ? allot_date_format_iso (date) : NULL;
}

static char *
id_text (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" PRId64, id) : NULL;
}

static char *
yes_no (gboolean value)
{
  return g_strdup (value ? "yes" : "no");
}

/* Does a source have money in play during @fiscal_year? */
static gboolean
source_in_year (const AllotSource *source,
                int                fiscal_year,
                guint              start_month)
{
  const GDate *start, *end;

  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      start = &source->u.grant.pop_start;
      end = &source->u.grant.pop_end;
      break;
    case ALLOT_SOURCE_AGREEMENT:
      start = &source->u.agreement.term_start;
      end = &source->u.agreement.term_end;
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      return source->u.appropriation.fiscal_year == fiscal_year;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      return TRUE;
    }
  return allot_fiscal_year_of (start, start_month) <= fiscal_year &&
         allot_fiscal_year_of (end, start_month) >= fiscal_year;
}

static int
list_sources (AllotStore *store,
              gboolean    csv,
              int         fiscal_year,
              Codes      *codes)
{
  static const char *const headers[] = {
    "id", "code", "kind", "name", "agency", "authorized", "reference", "start", "end",
    "fiscal_year", "detail", "closed", "immigration", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = allot_store_list_sources (store, &error);
  g_autofree char *currency = allot_store_dup_setting (store, "currency");
  guint start_month = allot_store_get_fy_start_month (store);

  if (sources == NULL)
    return cli_refuse (error);
  cli_table_set_currency (table, currency);
  cli_table_set_numeric (table, 0);
  cli_table_set_numeric (table, 5);
  for (guint i = 0; i < sources->len; i++)
    {
      AllotSource *s = sources->pdata[i];
      gint64 authorized = 0;
      char *reference = NULL, *start = NULL, *end = NULL, *fy = NULL, *detail = NULL;

      if (fiscal_year != 0 && !source_in_year (s, fiscal_year, start_month))
        continue;
      if (!allot_store_source_authorized (store, s->id, &authorized, &error))
        return cli_refuse (error);
      switch (s->kind)
        {
        case ALLOT_SOURCE_GRANT:
          {
            g_autofree char *match = allot_money_format_plain (s->u.grant.match_required);

            reference = g_strdup (s->u.grant.award_number);
            start = date_text (&s->u.grant.pop_start);
            end = date_text (&s->u.grant.pop_end);
            detail = g_strdup_printf ("AL %s, match %s, UG %s, %s", s->u.grant.assistance_listing,
                                      match, s->u.grant.uniform_guidance,
                                      s->u.grant.reporting_frequency);
            break;
          }
        case ALLOT_SOURCE_APPROPRIATION:
          reference = g_strdup_printf ("%s/%s", s->u.appropriation.fund_code,
                                       s->u.appropriation.program_code);
          end = date_text (&s->u.appropriation.lapse_date);
          fy = g_strdup_printf ("%d", s->u.appropriation.fiscal_year);
          detail = g_strdup ("lapses at end");
          break;
        case ALLOT_SOURCE_AGREEMENT:
          {
            g_autofree char *partner = dup_code (codes->agencies,
                                                 s->u.agreement.partner_agency_id);

            reference = g_strdup (s->u.agreement.agreement_number);
            start = date_text (&s->u.agreement.term_start);
            end = date_text (&s->u.agreement.term_end);
            detail = g_strdup_printf ("partner %s", partner != NULL ? partner : "?");
            break;
          }
        case ALLOT_SOURCE_FORFEITURE:
        default:
          reference = g_strdup (allot_forfeiture_program_to_string (s->u.forfeiture.program));
          break;
        }
      cli_table_add (table, id_text (s->id), g_strdup (s->code),
                     g_strdup (allot_source_kind_to_string (s->kind)), g_strdup (s->name),
                     dup_code (codes->agencies, s->agency_id), cli_table_money (table, authorized),
                     reference, start, end, fy, detail, yes_no (s->closed),
                     yes_no (s->immigration));
    }
  cli_table_print (table);
  return CLI_OK;
}

static int
list_allocations (AllotStore *store,
                  gboolean    csv,
                  int         fiscal_year,
                  Codes      *codes)
{
  static const char *const headers[] = {
    "id", "fiscal_year", "source", "task_force", "category", "amount", "status", "voided",
    "description", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allocations = allot_store_list_allocations (store, fiscal_year, 0, &error);
  g_autofree char *currency = allot_store_dup_setting (store, "currency");

  if (allocations == NULL)
    return cli_refuse (error);
  cli_table_set_currency (table, currency);
  cli_table_set_numeric (table, 0);
  cli_table_set_numeric (table, 5);
  for (guint i = 0; i < allocations->len; i++)
    {
      AllotAllocation *a = allocations->pdata[i];

      cli_table_add (table, id_text (a->id), g_strdup_printf ("%d", a->fiscal_year),
                     dup_code (codes->sources, a->source_id),
                     dup_code (codes->task_forces, a->task_force_id),
                     dup_code (codes->categories, a->category_id),
                     cli_table_money (table, a->amount),
                     g_strdup (allot_status_to_string (a->status)), yes_no (a->voided),
                     g_strdup (a->description));
    }
  cli_table_print (table);
  return CLI_OK;
}

static int
list_ledger (AllotStore *store,
             gboolean    csv,
             int         fiscal_year,
             Codes      *codes)
{
  static const char *const headers[] = {
    "id", "date", "paid_date", "kind", "status", "amount", "document", "payee", "source",
    "task_force", "category", "fiscal_year", "allocation_id", "obligation_id", "voided",
    "entered_by", "description", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allocations = allot_store_list_allocations (store, fiscal_year, 0, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *currency = allot_store_dup_setting (store, "currency");
  AllotLedgerFilter filter;

  if (allocations == NULL)
    return cli_refuse (error);
  for (guint i = 0; i < allocations->len; i++)
    g_hash_table_insert (by_id, &((AllotAllocation *) allocations->pdata[i])->id,
                         allocations->pdata[i]);

  allot_ledger_filter_init (&filter);
  filter.fiscal_year = fiscal_year;
  filter.include_voided = TRUE;
  entries = allot_store_list_ledger (store, &filter, &error);
  if (entries == NULL)
    return cli_refuse (error);

  cli_table_set_currency (table, currency);
  cli_table_set_numeric (table, 0);
  cli_table_set_numeric (table, 5);
  for (guint i = 0; i < entries->len; i++)
    {
      AllotLedgerEntry *e = entries->pdata[i];
      AllotAllocation *a = g_hash_table_lookup (by_id, &e->allocation_id);

      g_assert (a != NULL);
      cli_table_add (table, id_text (e->id), date_text (&e->entry_date),
                     date_text (&e->paid_date), g_strdup (allot_entry_kind_to_string (e->kind)),
                     g_strdup (allot_status_to_string (e->status)),
                     cli_table_money (table, e->amount), g_strdup (e->document_number),
                     g_strdup (e->payee), dup_code (codes->sources, a->source_id),
                     dup_code (codes->task_forces, a->task_force_id),
                     dup_code (codes->categories, a->category_id),
                     g_strdup_printf ("%d", a->fiscal_year), id_text (e->allocation_id),
                     id_text (e->obligation_id), yes_no (e->voided), g_strdup (e->entered_by),
                     g_strdup (e->description));
    }
  cli_table_print (table);
  return CLI_OK;
}

static int
list_task_forces (AllotStore *store,
                  gboolean    csv,
                  Codes      *codes)
{
  static const char *const headers[] = {
    "id", "code", "name", "lead", "start", "end", "members", "immigration", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tfs = allot_store_list_task_forces (store, &error);

  if (tfs == NULL)
    return cli_refuse (error);
  cli_table_set_numeric (table, 0);
  for (guint i = 0; i < tfs->len; i++)
    {
      AllotTaskForce *tf = tfs->pdata[i];
      g_autoptr(GString) members = g_string_new (NULL);

      for (guint m = 0; m < tf->member_ids->len; m++)
        {
          g_autofree char *code = dup_code (codes->agencies,
                                            g_array_index (tf->member_ids, gint64, m));
          if (m > 0)
            g_string_append_c (members, ' ');
          g_string_append (members, code != NULL ? code : "?");
        }
      cli_table_add (table, id_text (tf->id), g_strdup (tf->code), g_strdup (tf->name),
                     dup_code (codes->agencies, tf->lead_agency_id), date_text (&tf->start_date),
                     date_text (&tf->end_date), g_strdup (members->str),
                     yes_no (tf->immigration));
    }
  cli_table_print (table);
  return CLI_OK;
}

static int
list_agencies (AllotStore *store,
               gboolean    csv)
{
  static const char *const headers[] = { "id", "code", "name", "level", "ori", NULL };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = allot_store_list_agencies (store, &error);

  if (agencies == NULL)
    return cli_refuse (error);
  cli_table_set_numeric (table, 0);
  for (guint i = 0; i < agencies->len; i++)
    {
      AllotAgency *a = agencies->pdata[i];

      cli_table_add (table, id_text (a->id), g_strdup (a->code), g_strdup (a->name),
                     g_strdup (allot_agency_level_to_string (a->level)), g_strdup (a->ori));
    }
  cli_table_print (table);
  return CLI_OK;
}

static int
list_categories (AllotStore *store,
                 gboolean    csv)
{
  static const char *const headers[] = { "id", "code", "name", "sf424a_line", NULL };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = allot_store_list_categories (store, &error);

  if (categories == NULL)
    return cli_refuse (error);
  cli_table_set_numeric (table, 0);
  for (guint i = 0; i < categories->len; i++)
    {
      AllotCategory *c = categories->pdata[i];

      cli_table_add (table, id_text (c->id), g_strdup (c->code), g_strdup (c->name),
                     g_strdup_printf ("%c", c->sf424a_line));
    }
  cli_table_print (table);
  return CLI_OK;
}

/* Hours and multipliers are stored in hundredths: 750 -> "7.50". */
static char *
hundredths_text (gint64 value)
{
  return g_strdup_printf ("%" PRId64 ".%02d", value / 100, (int) (value % 100));
}

static int
list_officers (AllotStore *store,
               gboolean    csv,
               Codes      *codes)
{
  static const char *const headers[] = {
    "id", "agency", "badge", "name", "active", "assignments", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) officers = allot_store_list_officers (store, &error);
  g_autoptr(GPtrArray) assignments = officers ? allot_store_list_assignments (store, 0, &error)
                                              : NULL;

  if (assignments == NULL)
    return cli_refuse (error);
  cli_table_set_numeric (table, 0);
  for (guint i = 0; i < officers->len; i++)
    {
      AllotOfficer *o = officers->pdata[i];
      g_autoptr(GString) details = g_string_new (NULL);

      /* Each detail as TASK-FORCE[/AGREEMENT] START..END, so that one line
       * says where the officer served and under which agreement. */
      for (guint a = 0; a < assignments->len; a++)
        {
          AllotAssignment *as = assignments->pdata[a];
          g_autofree char *tf = NULL, *agreement = NULL, *start = NULL, *end = NULL;

          if (as->officer_id != o->id || as->voided)
            continue;
          tf = dup_code (codes->task_forces, as->task_force_id);
          agreement = as->agreement_id != 0 ? dup_code (codes->sources, as->agreement_id) : NULL;
          start = date_text (&as->start_date);
          end = date_text (&as->end_date);
          g_string_append_printf (details, "%s%s%s%s %s..%s", details->len > 0 ? "; " : "",
                                  tf != NULL ? tf : "?", agreement != NULL ? "/" : "",
                                  agreement != NULL ? agreement : "", start,
                                  end != NULL ? end : "");
        }
      cli_table_add (table, id_text (o->id), dup_code (codes->agencies, o->agency_id),
                     g_strdup (o->badge), g_strdup (o->name), yes_no (o->active),
                     g_strdup (details->str));
    }
  cli_table_print (table);
  return CLI_OK;
}

static int
list_overtime (AllotStore *store,
               gboolean    csv,
               int         fiscal_year,
               Codes      *codes)
{
  static const char *const headers[] = {
    "id", "date", "fiscal_year", "officer", "name", "task_force", "agreement", "case", "hours",
    "rate", "multiplier", "amount", "status", "voided", "entered_by", "description", NULL
  };
  g_autoptr(CliTable) table = cli_table_new (csv, headers);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) officers = allot_store_list_officers (store, &error);
  g_autoptr(GPtrArray) entries = officers ? allot_store_list_overtime (store, 0, fiscal_year,
                                                                       &error)
                                          : NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *currency = allot_store_dup_setting (store, "currency");

  if (entries == NULL)
    return cli_refuse (error);
  for (guint i = 0; i < officers->len; i++)
    g_hash_table_insert (by_id, &((AllotOfficer *) officers->pdata[i])->id, officers->pdata[i]);

  cli_table_set_currency (table, currency);
  cli_table_set_numeric (table, 0);
  for (guint c = 8; c <= 11; c++)
    cli_table_set_numeric (table, c);
  for (guint i = 0; i < entries->len; i++)
    {
      AllotOvertimeEntry *e = entries->pdata[i];
      AllotOfficer *o = g_hash_table_lookup (by_id, &e->officer_id);

      g_assert (o != NULL);
      cli_table_add (table, id_text (e->id), date_text (&e->work_date),
                     g_strdup_printf ("%d", e->fiscal_year), g_strdup (o->badge),
                     g_strdup (o->name), dup_code (codes->task_forces, e->task_force_id),
                     dup_code (codes->sources, e->agreement_id), g_strdup (e->case_number),
                     hundredths_text (e->hours), cli_table_money (table, e->base_rate),
                     hundredths_text (e->multiplier), cli_table_money (table, e->amount),
                     g_strdup (allot_status_to_string (e->status)), yes_no (e->voided),
                     g_strdup (e->entered_by), g_strdup (e->description));
    }
  cli_table_print (table);
  return CLI_OK;
}

int
cli_list (const CliGlobals *globals,
          int               argc,
          char            **argv)
{
  static const char *const what[] = {
    "sources", "allocations", "ledger", "task-forces", "agencies", "categories", "officers",
    "overtime", NULL
  };
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Codes codes = { 0 };
  gboolean csv = FALSE;
  int fiscal_year = 0;
  int status;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_INT, &fiscal_year,
      N_("Only this fiscal year (named by the year it ends; for overtime, the federal one)"),
      N_("YEAR") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Comma-separated values for machines"), NULL },
    { NULL }
  };

  if (!cli_parse_options (_("sources|allocations|ledger|task-forces|agencies|categories|"
                            "officers|overtime"),
                          _("List records. Amounts in --csv use '.' as the decimal point in "
                            "every locale."), entries, &argc, &argv))
    return CLI_USAGE;
  if (argc != 2 || !g_strv_contains (what, argv[1]))
    return cli_usage ("list", _("say what to list: %s"),
                      "sources, allocations, ledger, task-forces, agencies, categories, officers, "
                      "overtime");
  if (fiscal_year != 0)
    CLI_TRY (cli_fiscal_year_option ("--fy", fiscal_year));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;
  if (!load_codes (store, &codes, &error))
    return cli_refuse (error);

  if (g_str_equal (argv[1], "sources"))
    status = list_sources (store, csv, fiscal_year, &codes);
  else if (g_str_equal (argv[1], "allocations"))
    status = list_allocations (store, csv, fiscal_year, &codes);
  else if (g_str_equal (argv[1], "ledger"))
    status = list_ledger (store, csv, fiscal_year, &codes);
  else if (g_str_equal (argv[1], "task-forces"))
    status = list_task_forces (store, csv, &codes);
  else if (g_str_equal (argv[1], "agencies"))
    status = list_agencies (store, csv);
  else if (g_str_equal (argv[1], "officers"))
    status = list_officers (store, csv, &codes);
  else if (g_str_equal (argv[1], "overtime"))
    status = list_overtime (store, csv, fiscal_year, &codes);
  else
    status = list_categories (store, csv);
  clear_codes (&codes);
  return status;
}
