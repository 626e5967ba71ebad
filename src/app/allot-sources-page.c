/* allot-sources-page.c: the funding sources and the selected one's detail.
 *
 * Both the list (with each source's balance) and the detail are read in the
 * worker thread: the balances sum the ledger.  "Free to allocate" counts
 * every allocation not voided, pending ones included, as the funds check of
 * allot_store_add_allocation() does; the balances count approved ones only. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-format.h"
#include "allot-lookup.h"
#include "allot-page.h"
#include "allot-session.h"
#include "allot-sources-page.h"
#include "allot-table.h"

enum {
  COL_CODE,
  COL_NAME,
  COL_KIND,
  COL_AUTHORIZED,
  COL_AVAILABLE,
  COL_STATUS,
};

struct _AllotSourcesPage
{
  AdwBin parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown *kind_filter;
  GtkDropDown *status_filter;
  GtkColumnView *sources_view;
  GtkStack *detail_stack;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkButton *allocate_button;
  GtkButton *history_button;
  GtkButton *drawdown_button;
  GtkGrid *balance_grid;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *audit_group;
  AdwPreferencesGroup *drawdowns_group;
  AdwPreferencesGroup *allocations_group;

  GListStore *rows;
  GPtrArray *detail_rows;      /* rows added to the groups, to remove them */

  AllotSession *session;
  gulong changed_id;
  GCancellable *list_cancellable;
  GCancellable *detail_cancellable;
  GPtrArray *sources;          /* AllotSource, from the last load */
  GPtrArray *balances;         /* AllotBalanceRow by source, all years */
  gint64 selected_id;
  AllotSourceKind selected_kind;
  gboolean filling;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotSourcesPage, allot_sources_page, ADW_TYPE_BIN)

/* ---- the list ---- */

typedef struct {
  GPtrArray *sources;
  GPtrArray *balances;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_pointer (&data->sources, g_ptr_array_unref);
  g_clear_pointer (&data->balances, g_ptr_array_unref);
  g_free (data);
}

static gpointer
load_list (AllotStore   *reader,
           gpointer      user_data,
           GCancellable *cancellable,
           GError      **error)
{
  ListData *data = g_new0 (ListData, 1);

  if ((data->sources = allot_store_list_sources (reader, error)) == NULL ||
      (data->balances = allot_store_list_balances (reader, ALLOT_BALANCE_BY_SOURCE, 0,
                                                   error)) == NULL)
    {
      list_data_free (data);
      return NULL;
    }
  return data;
}

static const AllotBalanceRow *
find_balance (GPtrArray *balances,
              gint64     id)
{
  for (guint i = 0; balances != NULL && i < balances->len; i++)
    if (((AllotBalanceRow *) balances->pdata[i])->id == id)
      return balances->pdata[i];
  return NULL;
}

static gboolean
matches_filter (AllotSourcesPage  *self,
                const AllotSource *source)
{
  gint64 kind = allot_choices_get_selected (self->kind_filter);
  gint64 status = allot_choices_get_selected (self->status_filter);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (kind != 0 && (gint64) source->kind != kind - 1)
    return FALSE;
  if ((status == 1 && source->closed) || (status == 2 && !source->closed))
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *code = g_utf8_casefold (source->code, -1);
      g_autofree char *name = g_utf8_casefold (source->name, -1);

      if (strstr (code, needle) == NULL && strstr (name, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
select_row_by_id (AllotSourcesPage *self,
                  gint64            id)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->sources_view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AllotTableRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (allot_table_row_get_id (row) == id)
        {
          gtk_selection_model_select_item (model, i, TRUE);
          return;
        }
    }
}

static void
fill_list (AllotSourcesPage *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 keep = self->selected_id;

  if (self->sources == NULL || self->session == NULL)
    return;
  for (guint i = 0; i < self->sources->len; i++)
    {
      AllotSource *source = self->sources->pdata[i];
      const AllotBalanceRow *balance = find_balance (self->balances, source->id);
      AllotTableRow *row;

      if (!matches_filter (self, source))
        continue;
      row = allot_table_row_new (source->id);
      allot_table_row_set_text (row, COL_CODE, source->code);
      allot_table_row_set_text (row, COL_NAME, source->name);
      allot_table_row_set_text (row, COL_KIND, allot_source_kind_label (source->kind));
      allot_table_row_set_money (row, COL_AUTHORIZED, self->session,
                                 balance != NULL ? balance->balance.authorized : 0);
      allot_table_row_set_money (row, COL_AVAILABLE, self->session,
                                 balance != NULL ? balance->balance.available : 0);
      allot_table_row_set_text (row, COL_STATUS, source->closed ? _("Closed") : _("Open"));
      g_ptr_array_add (rows, row);
    }
  self->filling = TRUE;
  allot_table_replace (self->rows, rows);
  self->filling = FALSE;
  /* Something to read from the start: the first source, if none was chosen. */
  if (keep == 0 && rows->len > 0)
    {
      g_autoptr(AllotTableRow) first =
        g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (self->sources_view)), 0);

      keep = allot_table_row_get_id (first);
    }
  if (keep != 0)
    select_row_by_id (self, keep);
}

static void
filter_changed_cb (AllotSourcesPage *self)
{
  fill_list (self);
}

static void load_detail (AllotSourcesPage *self);

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AllotSourcesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ListData *data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the sources: %s", error->message);
      return;
    }
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->balances, g_ptr_array_unref);
  self->sources = g_steal_pointer (&data->sources);
  self->balances = g_steal_pointer (&data->balances);
  list_data_free (data);
  fill_list (self);
  load_detail (self);
}

static void
reload (GtkWidget *widget)
{
  AllotSourcesPage *self = ALLOT_SOURCES_PAGE (widget);

  if (self->session == NULL)
    return;
  allot_session_read_async (self->session, load_list, NULL, NULL,
                            (GDestroyNotify) list_data_free,
                            allot_page_restart_load (&self->list_cancellable),
                            list_loaded_cb, g_object_ref (self));
}

/* ---- the detail ---- */

typedef struct {
  AllotSource *source;
  GPtrArray *history;       /* amendments, receipts or contributions */
  GPtrArray *drawdowns;
  GPtrArray *allocations;
  GPtrArray *allocation_balances;
  GPtrArray *task_forces;
  GPtrArray *categories;
  GPtrArray *agencies;
  GPtrArray *audit;         /* the source's record history, oldest first */
  gint64 committed_allocations;  /* every allocation not voided */
} DetailData;

static void
detail_data_free (DetailData *data)
{
  g_clear_pointer (&data->source, allot_source_free);
  g_clear_pointer (&data->history, g_ptr_array_unref);
  g_clear_pointer (&data->drawdowns, g_ptr_array_unref);
  g_clear_pointer (&data->allocations, g_ptr_array_unref);
  g_clear_pointer (&data->allocation_balances, g_ptr_array_unref);
  g_clear_pointer (&data->task_forces, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->agencies, g_ptr_array_unref);
  g_clear_pointer (&data->audit, g_ptr_array_unref);
  g_free (data);
}

static gpointer
read_detail (AllotStore   *reader,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  gint64 id = *(gint64 *) user_data;
  DetailData *data = g_new0 (DetailData, 1);
  gboolean ok;

  data->source = allot_store_lookup_source (reader, id, error);
  ok = data->source != NULL;
  if (ok)
    {
      switch (data->source->kind)
        {
        case ALLOT_SOURCE_GRANT:
          ok = (data->history = allot_store_list_amendments (reader, id, error)) != NULL &&
               (data->drawdowns = allot_store_list_drawdowns (reader, id, error)) != NULL;
          break;
        case ALLOT_SOURCE_FORFEITURE:
          ok = (data->history = allot_store_list_receipts (reader, id, error)) != NULL;
          break;
        case ALLOT_SOURCE_AGREEMENT:
          ok = (data->history = allot_store_list_contributions (reader, id, error)) != NULL;
          break;
        case ALLOT_SOURCE_APPROPRIATION:
        default:
          break;
        }
    }
  ok = ok &&
       (data->allocations = allot_store_list_allocations (reader, 0, id, error)) != NULL &&
       (data->allocation_balances = allot_store_list_balances (reader,
                                                               ALLOT_BALANCE_BY_ALLOCATION, 0,
                                                               error)) != NULL &&
       (data->task_forces = allot_store_list_task_forces (reader, error)) != NULL &&
       (data->categories = allot_store_list_categories (reader, error)) != NULL &&
       (data->agencies = allot_store_list_agencies (reader, error)) != NULL &&
       (data->audit = allot_store_list_audit (reader, "sources", id, error)) != NULL;
  if (!ok)
    {
      detail_data_free (data);
      return NULL;
    }
  for (guint i = 0; i < data->allocations->len; i++)
    {
      AllotAllocation *allocation = data->allocations->pdata[i];

      if (!allocation->voided)
        data->committed_allocations += allocation->amount;
    }
  return data;
}

static void
clear_detail_rows (AllotSourcesPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    {
      GtkWidget *row = self->detail_rows->pdata[i];
      AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "allot-group");

      adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->detail_rows, 0);
}

static GtkWidget *
add_row (AllotSourcesPage    *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      /* Codes and amounts stay on one line; only prose wraps. */
      if (g_utf8_strlen (value, -1) > 40)
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_width_chars (GTK_LABEL (label), 30);
        }
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  g_object_set_data (G_OBJECT (row), "allot-group", group);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->detail_rows, row);
  return row;
}

static GtkWidget *
add_entry_row (AllotSourcesPage    *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle,
               const char          *value)
{
  GtkWidget *row = add_row (self, group, title, value);

  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  return row;
}

static const char *
agency_name (DetailData *data,
             gint64      id)
{
  for (guint i = 0; id != 0 && i < data->agencies->len; i++)
    {
      AllotAgency *agency = data->agencies->pdata[i];

      if (agency->id == id)
        return agency->name;
    }
  return id != 0 ? "?" : "—";
}

static void
add_money_row (AllotSourcesPage    *self,
               AdwPreferencesGroup *group,
               const char          *title,
               gint64               cents)
{
  g_autofree char *text = allot_session_format_money (self->session, cents);

  add_row (self, group, title, text);
}

static void
add_period_row (AllotSourcesPage    *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const GDate         *first,
                const GDate         *last)
{
  g_autofree char *a = allot_format_date (first);
  g_autofree char *b = allot_format_date (last);
  g_autofree char *text = g_strdup_printf ("%s – %s", a, b);

  add_row (self, group, title, text);
}

static void
show_terms (AllotSourcesPage *self,
            DetailData       *data)
{
  AllotSource *s = data->source;

  switch (s->kind)
    {
    case ALLOT_SOURCE_GRANT:
      {
        const AllotGrantFields *g = &s->u.grant;
        GDate deadline = g->pop_end;
        g_autofree char *deadline_text = NULL;
        g_autofree char *rate = allot_format_basis_points (g->indirect_rate_bp);
        g_autofree char *indirect = NULL;

        add_row (self, self->fields_group, _("Award number"), g->award_number);
        add_row (self, self->fields_group, _("Assistance Listing"), g->assistance_listing);
        add_row (self, self->fields_group, _("Awarding agency"), agency_name (data, s->agency_id));
        add_money_row (self, self->fields_group, _("Original award"), g->award_amount);
        add_period_row (self, self->fields_group, _("Period of performance"), &g->pop_start,
                        &g->pop_end);
        if (g_date_valid (&deadline))
          {
            /* 2 CFR 200.344: liquidate and report within 120 days. */
            g_date_add_days (&deadline, 120);
            deadline_text = allot_format_date (&deadline);
            add_row (self, self->fields_group, _("Liquidation and final report due"),
                     deadline_text);
          }
        add_money_row (self, self->fields_group, _("Required match"), g->match_required);
        indirect = g_strcmp0 (g->indirect_rate_type, "none") == 0 || g->indirect_rate_type == NULL
          ? g_strdup (_("None"))
          : g_strdup_printf ("%s, %s%s%s", g->indirect_rate_type, rate,
                             g->indirect_base != NULL ? _(" of ") : "",
                             g->indirect_base != NULL ? g->indirect_base : "");
        add_row (self, self->fields_group, _("Indirect cost rate"), indirect);
        add_row (self, self->fields_group, _("Uniform Guidance"),
                 g_strcmp0 (g->uniform_guidance, "2024") == 0
                 ? _("2 CFR 200 as revised in 2024") : _("2 CFR 200 before the 2024 revision"));
        add_row (self, self->fields_group, _("Financial reports"), g->reporting_frequency);
        break;
      }
    case ALLOT_SOURCE_APPROPRIATION:
      {
        const AllotAppropriationFields *p = &s->u.appropriation;
        g_autofree char *year = allot_format_fiscal_year (p->fiscal_year);
        g_autofree char *lapse = allot_format_date (&p->lapse_date);

        add_row (self, self->fields_group, _("Fund code"), p->fund_code);
        add_row (self, self->fields_group, _("Program / cost center"), p->program_code);
        add_row (self, self->fields_group, _("Fiscal year"), year);
        add_money_row (self, self->fields_group, _("Appropriated"), p->amount);
        add_row (self, self->fields_group, _("Lapses on"), lapse);
        add_row (self, self->fields_group, _("Agency"), agency_name (data, s->agency_id));
        break;
      }
    case ALLOT_SOURCE_AGREEMENT:
      {
        const AllotAgreementFields *a = &s->u.agreement;

        add_row (self, self->fields_group, _("Agreement number"), a->agreement_number);
        add_row (self, self->fields_group, _("Federal partner"),
                 agency_name (data, a->partner_agency_id));
        add_period_row (self, self->fields_group, _("Term"), &a->term_start, &a->term_end);
        add_row (self, self->fields_group, _("Reimbursement terms"),
                 a->reimbursement_terms != NULL ? a->reimbursement_terms : "—");
        add_row (self, self->fields_group, _("Agency"), agency_name (data, s->agency_id));
        break;
      }
    case ALLOT_SOURCE_FORFEITURE:
      {
        static const char *programs[] = {
          N_("DOJ equitable sharing (16.922)"), N_("Treasury equitable sharing (21.016)"),
          N_("State forfeiture fund"),
        };

        add_row (self, self->fields_group, _("Program"),
                 _(programs[CLAMP (s->u.forfeiture.program, 0, 2)]));
        add_row (self, self->fields_group, _("Accounted for"),
                 _("Separately: never commingled with the other programs"));
        add_row (self, self->fields_group, _("Agency"), agency_name (data, s->agency_id));
        break;
      }
    default:
      break;
    }
  if (s->immigration)
    add_row (self, self->fields_group, _("Civil immigration enforcement"),
             _("Yes: routed to legal review"));
  if (s->notes != NULL && *s->notes != '\0')
    add_row (self, self->fields_group, _("Notes"), s->notes);
}

static void
show_history (AllotSourcesPage *self,
              DetailData       *data)
{
  AllotSourceKind kind = data->source->kind;
  static const char *receipt_kinds[] = {
    N_("Equitable sharing received"), N_("Received from other agencies"), N_("Other income"),
    N_("Interest"),
  };

  gtk_widget_set_visible (GTK_WIDGET (self->history_group), data->history != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_button), data->history != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->drawdowns_group), data->drawdowns != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->drawdown_button), kind == ALLOT_SOURCE_GRANT);
  if (kind == ALLOT_SOURCE_GRANT)
    {
      adw_preferences_group_set_title (self->history_group, _("Amendments"));
      gtk_button_set_label (self->history_button, _("A_mendment…"));
    }
  else if (kind == ALLOT_SOURCE_FORFEITURE)
    {
      adw_preferences_group_set_title (self->history_group, _("Receipts and Interest"));
      gtk_button_set_label (self->history_button, _("_Receipt…"));
    }
  else if (kind == ALLOT_SOURCE_AGREEMENT)
    {
      adw_preferences_group_set_title (self->history_group, _("Contributions"));
      gtk_button_set_label (self->history_button, _("_Contribution…"));
    }

  for (guint i = 0; data->history != NULL && i < data->history->len; i++)
    {
      g_autofree char *amount = NULL;
      g_autofree char *date = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (kind == ALLOT_SOURCE_GRANT)
        {
          AllotAmendment *m = data->history->pdata[i];

          amount = allot_session_format_money (self->session, m->amount);
          date = allot_format_date (&m->effective_date);
          title = g_strdup_printf ("%s · %s", date, m->description);
          subtitle = g_strdup_printf (_("Entered by %s"), m->entered_by);
        }
      else if (kind == ALLOT_SOURCE_FORFEITURE)
        {
          AllotReceipt *r = data->history->pdata[i];

          amount = allot_session_format_money (self->session, r->amount);
          date = allot_format_date (&r->received_date);
          title = g_strdup_printf ("%s · %s%s", date, _(receipt_kinds[CLAMP (r->kind, 0, 3)]),
                                   r->voided ? _(" (voided)") : "");
          subtitle = g_strdup_printf ("%s%s%s", r->case_number != NULL ? r->case_number : "",
                                      r->case_number != NULL && r->description != NULL &&
                                      *r->description != '\0' ? " · " : "",
                                      r->description != NULL ? r->description : "");
        }
      else
        {
          AllotContribution *c = data->history->pdata[i];
          const char *tf = allot_lookup_task_force_code (data->task_forces, c->task_force_id, NULL);

          amount = allot_session_format_money (self->session, c->valuation);
          title = g_strdup_printf ("%s%s", c->description, c->voided ? _(" (voided)") : "");
          subtitle = g_strdup_printf ("%s · %s%s%s",
                                      c->side == ALLOT_SIDE_PARTNER ? _("Partner contributes")
                                                                    : _("We contribute"),
                                      c->form == ALLOT_FORM_CASH ? _("cash") : _("in kind"),
                                      tf != NULL ? " · " : "", tf != NULL ? tf : "");
        }
      add_entry_row (self, self->history_group, title, subtitle, amount);
    }
  if (data->history != NULL && data->history->len == 0)
    add_row (self, self->history_group, _("None yet"), NULL);

  for (guint i = 0; data->drawdowns != NULL && i < data->drawdowns->len; i++)
    {
      AllotDrawdown *d = data->drawdowns->pdata[i];
      g_autofree char *amount = allot_session_format_money (self->session, d->amount);
      g_autofree char *date = allot_format_date (&d->received_date);
      g_autofree char *title = g_strdup_printf ("%s · %s%s", date, d->reference,
                                                d->voided ? _(" (voided)") : "");

      add_row (self, self->drawdowns_group, title, amount);
    }
  if (data->drawdowns != NULL && data->drawdowns->len == 0)
    add_row (self, self->drawdowns_group, _("No federal cash drawn yet"), NULL);
}

static void
show_allocations (AllotSourcesPage *self,
                  DetailData       *data)
{
  for (guint i = 0; i < data->allocations->len; i++)
    {
      AllotAllocation *a = data->allocations->pdata[i];
      const AllotBalanceRow *b = find_balance (data->allocation_balances, a->id);
      const char *tf = allot_lookup_task_force_code (data->task_forces, a->task_force_id, NULL);
      g_autofree char *allocated = allot_session_format_money (self->session, a->amount);
      g_autofree char *spent = allot_session_format_money (self->session,
                                                           b != NULL ? b->balance.expended : 0);
      g_autofree char *available = allot_session_format_money (self->session,
                                                               b != NULL ? b->balance.available
                                                                         : a->amount);
      g_autofree char *title = g_strdup_printf ("FY%d · %s · %s", a->fiscal_year,
                                                tf != NULL ? tf : "?",
                                                allot_lookup_category_name (data->categories, a->category_id, "?"));
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (a->voided)
        subtitle = g_strdup (_("Voided"));
      else
        /* Translators: spent and available of an allocation, then its status */
        subtitle = g_strdup_printf (_("Spent %s · available %s · %s"), spent, available,
                                    allot_status_label (a->status));
      row = add_entry_row (self, self->allocations_group, title, subtitle, allocated);
      if (!a->voided)
        {
          /* The target first: an action without its parameter is refused. */
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", a->id);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.edit-allocation");
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Edit this allocation"));
        }
    }
  if (data->allocations->len == 0)
    add_row (self, self->allocations_group, _("Nothing allocated yet"), NULL);
}

static void
grid_pair (AllotSourcesPage *self,
           int               column,
           int               row,
           const char       *name,
           gint64            cents,
           gboolean          strong)
{
  g_autofree char *text = allot_session_format_money (self->session, cents);
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_add_css_class (value_label, "numeric");
  if (strong)
    {
      gtk_widget_add_css_class (name_label, "heading");
      gtk_widget_add_css_class (value_label, "heading");
    }
  if (cents < 0)
    gtk_widget_add_css_class (value_label, "error");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL, -1);
  gtk_grid_attach (self->balance_grid, name_label, column * 2, row, 1, 1);
  gtk_grid_attach (self->balance_grid, value_label, column * 2 + 1, row, 1, 1);
}

static void
show_balances (AllotSourcesPage *self,
               DetailData       *data)
{
  const AllotBalanceRow *row = find_balance (self->balances, data->source->id);
  AllotBalance b = { 0, };
  GtkWidget *child;

  if (row != NULL)
    b = row->balance;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->balance_grid))) != NULL)
    gtk_grid_remove (self->balance_grid, child);

  grid_pair (self, 0, 0, _("Authorized"), b.authorized, FALSE);
  grid_pair (self, 0, 1, _("Allocated (approved)"), b.allocated, FALSE);
  grid_pair (self, 0, 2, _("Free to allocate"), b.authorized - data->committed_allocations,
             FALSE);
  grid_pair (self, 1, 0, _("Obligated"), b.obligated, FALSE);
  grid_pair (self, 1, 1, _("Expended"), b.expended, FALSE);
  grid_pair (self, 1, 2, _("Unliquidated"), b.unliquidated, FALSE);
  grid_pair (self, 1, 3, _("Available"), b.available, TRUE);
}

/* Who changed the source, when and how, newest first. */
static void
show_audit (AllotSourcesPage *self,
            DetailData       *data)
{
  const guint max_rows = 50;

  for (guint n = 0; n < MIN (data->audit->len, max_rows); n++)
    {
      AllotAuditRecord *r = data->audit->pdata[data->audit->len - 1 - n];
      const char *action = g_str_equal (r->action, "insert") ? _("Created")
                         : g_str_equal (r->action, "update") ? _("Changed")
                         : g_str_equal (r->action, "void") ? _("Voided")
                         : r->action;
      g_autofree char *subtitle = NULL;

      /* Translators: "<user> · <UTC date and time>" */
      subtitle = g_strdup_printf (_("%s · %s"), r->user != NULL ? r->user : "?",
                                  r->at != NULL ? r->at : "?");
      add_entry_row (self, self->audit_group, action, subtitle, NULL);
    }
  if (data->audit->len > max_rows)
    add_row (self, self->audit_group, _("Older changes: allot-cli audit list --record"), NULL);
  if (data->audit->len == 0)
    add_row (self, self->audit_group, _("No recorded changes"), NULL);
}

static void
detail_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AllotSourcesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  DetailData *data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  if (self->session == NULL)
    {
      detail_data_free (data);
      return;
    }

  clear_detail_rows (self);
  self->selected_kind = data->source->kind;
  title = g_strdup_printf ("%s — %s", data->source->code, data->source->name);
  gtk_label_set_text (self->title_label, title);
  subtitle = g_strdup_printf ("%s · %s", allot_source_kind_label (data->source->kind),
                              data->source->closed ? _("Closed") : _("Open"));
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->allocate_button), !data->source->closed);

  show_balances (self, data);
  show_terms (self, data);
  show_history (self, data);
  show_allocations (self, data);
  show_audit (self, data);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  detail_data_free (data);
}

static void
load_detail (AllotSourcesPage *self)
{
  gint64 *id;

  if (self->session == NULL || self->selected_id == 0)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  id = g_new (gint64, 1);
  *id = self->selected_id;
  allot_session_read_async (self->session, read_detail, id, g_free,
                            (GDestroyNotify) detail_data_free,
                            allot_page_restart_load (&self->detail_cancellable),
                            detail_loaded_cb, g_object_ref (self));
}

static void
selection_changed_cb (AllotSourcesPage *self)
{
  AllotTableRow *row = allot_table_get_selected (self->sources_view);
  gint64 id = row != NULL ? allot_table_row_get_id (row) : 0;

  if (self->filling || id == self->selected_id)
    return;
  self->selected_id = id;
  load_detail (self);
}

/* ---- buttons ---- */

static void
edit_clicked_cb (AllotSourcesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-source", "x", self->selected_id);
}

static void
allocate_clicked_cb (AllotSourcesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.allocate-source", "x", self->selected_id);
}

static void
history_clicked_cb (AllotSourcesPage *self)
{
  const char *action = self->selected_kind == ALLOT_SOURCE_GRANT ? "win.add-amendment"
                       : self->selected_kind == ALLOT_SOURCE_FORFEITURE ? "win.add-receipt"
                                                                        : "win.add-contribution";

  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", self->selected_id);
}

static void
drawdown_clicked_cb (AllotSourcesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.add-drawdown", "x", self->selected_id);
}

static void
ledger_clicked_cb (AllotSourcesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-source-ledger", "x",
                              self->selected_id);
}

/* ---- the object ---- */

static void
set_session (AllotSourcesPage *self,
             AllotSession     *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  self->selected_id = 0;
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->balances, g_ptr_array_unref);
  allot_table_replace (self->rows, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  if (session != NULL)
    self->changed_id = g_signal_connect_swapped (session, "changed",
                                                 G_CALLBACK (allot_page_queue_reload), self);
  allot_page_queue_reload (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_sources_page_dispose (GObject *object)
{
  AllotSourcesPage *self = ALLOT_SOURCES_PAGE (object);

  if (self->list_cancellable != NULL)
    g_cancellable_cancel (self->list_cancellable);
  if (self->detail_cancellable != NULL)
    g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->detail_cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->balances, g_ptr_array_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_SOURCES_PAGE);
  G_OBJECT_CLASS (allot_sources_page_parent_class)->dispose (object);
}

static void
allot_sources_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AllotSourcesPage *self = ALLOT_SOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_sources_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AllotSourcesPage *self = ALLOT_SOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_sources_page_class_init (AllotSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_sources_page_dispose;
  object_class->get_property = allot_sources_page_get_property;
  object_class->set_property = allot_sources_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, sources_view);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, allocate_button);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, history_button);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, drawdown_button);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, balance_grid);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, audit_group);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, drawdowns_group);
  gtk_widget_class_bind_template_child (widget_class, AllotSourcesPage, allocations_group);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, allocate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, drawdown_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, ledger_clicked_cb);
}

static void
allot_sources_page_init (AllotSourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->detail_rows = g_ptr_array_new ();
  self->rows = allot_table_setup (self->sources_view);
  allot_table_add_column (self->sources_view, _("Code"), COL_CODE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->sources_view, _("Name"), COL_NAME, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->sources_view, _("Authorized"), COL_AUTHORIZED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->sources_view, _("Available"), COL_AVAILABLE,
                          ALLOT_TABLE_NUMBER, FALSE);
  g_signal_connect_swapped (gtk_column_view_get_model (self->sources_view), "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);

  self->filling = TRUE;
  allot_choices_reset (self->kind_filter, _("All kinds"));
  for (guint kind = 0; kind < ALLOT_SOURCE_N_KINDS; kind++)
    allot_choices_add (self->kind_filter, kind + 1, allot_source_kind_label (kind));
  allot_choices_select (self->kind_filter, 0);
  allot_choices_reset (self->status_filter, NULL);
  allot_choices_add (self->status_filter, 1, _("Open"));
  allot_choices_add (self->status_filter, 2, _("Closed"));
  allot_choices_add (self->status_filter, 3, _("Open and closed"));
  allot_choices_select (self->status_filter, 3);
  self->filling = FALSE;

  allot_page_init_reload (GTK_WIDGET (self), reload);
}

void
allot_sources_page_select (AllotSourcesPage *self,
                           gint64            source_id)
{
  g_return_if_fail (ALLOT_IS_SOURCES_PAGE (self));
  self->selected_id = source_id;
  select_row_by_id (self, source_id);
  load_detail (self);
}

gint64
allot_sources_page_get_selected (AllotSourcesPage *self)
{
  g_return_val_if_fail (ALLOT_IS_SOURCES_PAGE (self), 0);
  return self->selected_id;
}

GPtrArray *
allot_sources_page_list_codes (AllotSourcesPage *self)
{
  GListModel *model;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ALLOT_IS_SOURCES_PAGE (self), codes);
  model = G_LIST_MODEL (gtk_column_view_get_model (self->sources_view));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AllotTableRow) row = g_list_model_get_item (model, i);
      g_ptr_array_add (codes, g_strdup (allot_table_row_get_text (row, COL_CODE)));
    }
  return codes;
}
