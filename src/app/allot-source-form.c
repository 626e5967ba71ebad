/* allot-source-form.c: a funding source of each kind, with the fields its
 * kind requires (DOMAIN.md, "The four kinds of funding source").
 *
 * Undo: nothing is deleted, so undoing an added source closes it (nothing
 * can be allocated from a closed source); undoing an edit writes the
 * previous values back. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"

struct _AllotSourceForm
{
  GtkWidget parent_instance;

  GtkLabel *refusal_note;
  AllotField *code_field;
  AllotField *name_field;
  GtkDropDown *agency_dropdown;
  GtkWidget *grant_box;
  AllotField *award_number_field;
  AllotField *listing_field;
  AllotField *award_amount_field;
  AllotField *match_field;
  AllotField *pop_start_field;
  AllotField *pop_end_field;
  GtkDropDown *rate_type_dropdown;
  AllotField *rate_field;
  AllotField *base_field;
  GtkDropDown *guidance_dropdown;
  GtkDropDown *frequency_dropdown;
  GtkWidget *appropriation_box;
  AllotField *fund_field;
  AllotField *program_field;
  AllotField *fiscal_year_field;
  AllotField *amount_field;
  AllotField *lapse_field;
  GtkWidget *agreement_box;
  AllotField *agreement_number_field;
  GtkDropDown *partner_dropdown;
  AllotField *term_start_field;
  AllotField *term_end_field;
  AllotField *terms_field;
  GtkWidget *forfeiture_box;
  GtkDropDown *program_dropdown;
  GtkLabel *program_note;
  AllotField *notes_field;
  GtkCheckButton *immigration_check;
  GtkCheckButton *closed_check;

  AllotSession *session;
  AllotSourceKind kind;
  AllotSource *editing;
  char *title;
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotSourceForm, allot_source_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static const char *const rate_types[] = {
  "none", "de_minimis", "provisional", "predetermined", "final", "fixed",
};
static const char *const guidance_versions[] = { "2024", "2014" };
static const char *const frequencies[] = { "quarterly", "semiannual", "annual" };

static guint
index_of (const char *const *values,
          guint              n_values,
          const char        *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return 0;
}

static const char *
get_title (AllotForm *form)
{
  return ALLOT_SOURCE_FORM (form)->title;
}

/* "16.738": two digits, a dot, three digits. */
static gboolean
listing_ok (const char *text)
{
  if (text == NULL || strlen (text) != 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (i == 2 ? text[i] != '.' : !g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static void
listing_changed_cb (AllotSourceForm *self)
{
  g_autofree char *text = allot_field_dup_text (self->listing_field);

  if (text != NULL && !listing_ok (text))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not an Assistance Listing number such as 16.738."), text);

      g_signal_handlers_block_by_func (self->listing_field, listing_changed_cb, self);
      allot_field_set_error (self->listing_field, message);
      g_signal_handlers_unblock_by_func (self->listing_field, listing_changed_cb, self);
    }
}

static void
program_changed_cb (AllotSourceForm *self)
{
  allot_form_set_note (self->program_note,
                       _("Each program is its own fund: DOJ, Treasury and state money are never "
                         "commingled, and interest stays with the program that earned it."));
}

static gboolean
is_valid (AllotForm *form)
{
  AllotSourceForm *self = ALLOT_SOURCE_FORM (form);

  if (!allot_form_fields_valid (form))
    return FALSE;
  if (self->kind == ALLOT_SOURCE_AGREEMENT &&
      allot_choices_get_selected (self->partner_dropdown) == 0)
    return FALSE;
  return TRUE;
}

static void
read_fields (AllotSourceForm *self,
             AllotSource     *s)
{
  g_free (s->code);
  s->code = allot_field_dup_text (self->code_field);
  g_free (s->name);
  s->name = allot_field_dup_text (self->name_field);
  s->agency_id = allot_choices_get_selected (self->agency_dropdown);
  g_free (s->notes);
  s->notes = allot_field_dup_text (self->notes_field);
  s->immigration = gtk_check_button_get_active (self->immigration_check);
  s->closed = gtk_check_button_get_active (self->closed_check);

  switch (s->kind)
    {
    case ALLOT_SOURCE_GRANT:
      {
        AllotGrantFields *g = &s->u.grant;

        g_free (g->award_number);
        g->award_number = allot_field_dup_text (self->award_number_field);
        g_free (g->assistance_listing);
        g->assistance_listing = allot_field_dup_text (self->listing_field);
        g->award_amount = allot_field_get_cents (self->award_amount_field);
        g->match_required = allot_field_get_cents (self->match_field);
        allot_field_get_date (self->pop_start_field, &g->pop_start);
        allot_field_get_date (self->pop_end_field, &g->pop_end);
        g_free (g->indirect_rate_type);
        g->indirect_rate_type =
          g_strdup (rate_types[MIN (gtk_drop_down_get_selected (self->rate_type_dropdown),
                                    G_N_ELEMENTS (rate_types) - 1)]);
        g->indirect_rate_bp = allot_field_get_basis_points (self->rate_field);
        g_free (g->indirect_base);
        g->indirect_base = allot_field_dup_text (self->base_field);
        g_free (g->uniform_guidance);
        g->uniform_guidance =
          g_strdup (guidance_versions[MIN (gtk_drop_down_get_selected (self->guidance_dropdown),
                                           1)]);
        g_free (g->reporting_frequency);
        g->reporting_frequency =
          g_strdup (frequencies[MIN (gtk_drop_down_get_selected (self->frequency_dropdown), 2)]);
        break;
      }
    case ALLOT_SOURCE_APPROPRIATION:
      {
        AllotAppropriationFields *p = &s->u.appropriation;

        g_free (p->fund_code);
        p->fund_code = allot_field_dup_text (self->fund_field);
        g_free (p->program_code);
        p->program_code = allot_field_dup_text (self->program_field);
        p->fiscal_year = allot_field_get_year (self->fiscal_year_field);
        p->amount = allot_field_get_cents (self->amount_field);
        allot_field_get_date (self->lapse_field, &p->lapse_date);
        break;
      }
    case ALLOT_SOURCE_AGREEMENT:
      {
        AllotAgreementFields *a = &s->u.agreement;

        g_free (a->agreement_number);
        a->agreement_number = allot_field_dup_text (self->agreement_number_field);
        a->partner_agency_id = allot_choices_get_selected (self->partner_dropdown);
        allot_field_get_date (self->term_start_field, &a->term_start);
        allot_field_get_date (self->term_end_field, &a->term_end);
        g_free (a->reimbursement_terms);
        a->reimbursement_terms = allot_field_dup_text (self->terms_field);
        break;
      }
    case ALLOT_SOURCE_FORFEITURE:
      s->u.forfeiture.program =
        (AllotForfeitureProgram) MIN (gtk_drop_down_get_selected (self->program_dropdown), 2);
      break;
    default:
      break;
    }
}

static void
write_fields (AllotSourceForm   *self,
              const AllotSource *s)
{
  allot_field_set_text (self->code_field, s->code);
  allot_field_set_text (self->name_field, s->name);
  allot_field_set_text (self->notes_field, s->notes);
  gtk_check_button_set_active (self->immigration_check, s->immigration);
  gtk_check_button_set_active (self->closed_check, s->closed);

  switch (s->kind)
    {
    case ALLOT_SOURCE_GRANT:
      {
        const AllotGrantFields *g = &s->u.grant;

        allot_field_set_text (self->award_number_field, g->award_number);
        allot_field_set_text (self->listing_field, g->assistance_listing);
        allot_field_set_cents (self->award_amount_field, g->award_amount);
        allot_field_set_cents (self->match_field, g->match_required);
        allot_field_set_date (self->pop_start_field, &g->pop_start);
        allot_field_set_date (self->pop_end_field, &g->pop_end);
        gtk_drop_down_set_selected (self->rate_type_dropdown,
                                    index_of (rate_types, G_N_ELEMENTS (rate_types),
                                              g->indirect_rate_type));
        allot_field_set_basis_points (self->rate_field, g->indirect_rate_bp);
        allot_field_set_text (self->base_field, g->indirect_base);
        gtk_drop_down_set_selected (self->guidance_dropdown,
                                    index_of (guidance_versions, 2, g->uniform_guidance));
        gtk_drop_down_set_selected (self->frequency_dropdown,
                                    index_of (frequencies, 3, g->reporting_frequency));
        break;
      }
    case ALLOT_SOURCE_APPROPRIATION:
      allot_field_set_text (self->fund_field, s->u.appropriation.fund_code);
      allot_field_set_text (self->program_field, s->u.appropriation.program_code);
      allot_field_set_year (self->fiscal_year_field, s->u.appropriation.fiscal_year);
      allot_field_set_cents (self->amount_field, s->u.appropriation.amount);
      allot_field_set_date (self->lapse_field, &s->u.appropriation.lapse_date);
      break;
    case ALLOT_SOURCE_AGREEMENT:
      allot_field_set_text (self->agreement_number_field, s->u.agreement.agreement_number);
      allot_field_set_date (self->term_start_field, &s->u.agreement.term_start);
      allot_field_set_date (self->term_end_field, &s->u.agreement.term_end);
      allot_field_set_text (self->terms_field, s->u.agreement.reimbursement_terms);
      break;
    case ALLOT_SOURCE_FORFEITURE:
      gtk_drop_down_set_selected (self->program_dropdown, s->u.forfeiture.program);
      break;
    default:
      break;
    }
}

typedef struct {
  gint64 id;
} CloseUndo;

static gboolean
close_source (AllotStore *store,
              gpointer    data,
              GError    **error)
{
  g_autoptr(AllotSource) source = allot_store_lookup_source (store, ((CloseUndo *) data)->id,
                                                             error);

  if (source == NULL)
    return FALSE;
  source->closed = TRUE;
  return allot_store_update_source (store, source, error);
}

static gboolean
restore_source (AllotStore *store,
                gpointer    data,
                GError    **error)
{
  return allot_store_update_source (store, data, error);
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotSourceForm *self = ALLOT_SOURCE_FORM (form);
  AllotStore *store = allot_session_get_store (self->session);
  g_autoptr(AllotSource) source = NULL;
  g_autofree char *message = NULL;

  if (self->editing == NULL)
    {
      CloseUndo *undo;

      source = allot_source_new (self->kind);
      read_fields (self, source);
      if (!allot_store_add_source (store, source, error))
        return FALSE;
      undo = g_new0 (CloseUndo, 1);
      undo->id = source->id;
      /* Translators: "Added Federal grant JAG-FY26" */
      message = g_strdup_printf (_("Added %s %s"), allot_source_kind_label (source->kind),
                                 source->code);
      *out_undo = allot_undo_new (message, close_source, undo, g_free);
      return TRUE;
    }

  /* Edit a fresh copy, so the one kept for Undo keeps the old values. */
  source = allot_store_lookup_source (store, self->editing->id, error);
  if (source == NULL)
    return FALSE;
  source->version = self->editing->version;
  read_fields (self, source);
  if (!allot_store_update_source (store, source, error))
    return FALSE;
  self->editing->version = source->version;
  message = g_strdup_printf (_("Saved %s"), source->code);
  *out_undo = allot_undo_new (message, restore_source, g_steal_pointer (&self->editing),
                              (GDestroyNotify) allot_source_free);
  return TRUE;
}

static void
form_iface_init (AllotFormInterface *iface)
{
  iface->get_title = get_title;
  iface->is_valid = is_valid;
  iface->save = save;
}

static void
allot_source_form_dispose (GObject *object)
{
  AllotSourceForm *self = ALLOT_SOURCE_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->editing, allot_source_free);
  g_clear_pointer (&self->title, g_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_SOURCE_FORM);
  G_OBJECT_CLASS (allot_source_form_parent_class)->dispose (object);
}

static void
allot_source_form_class_init (AllotSourceFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_source_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-source-form.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AllotSourceForm, name)
  BIND (refusal_note);
  BIND (code_field);
  BIND (name_field);
  BIND (agency_dropdown);
  BIND (grant_box);
  BIND (award_number_field);
  BIND (listing_field);
  BIND (award_amount_field);
  BIND (match_field);
  BIND (pop_start_field);
  BIND (pop_end_field);
  BIND (rate_type_dropdown);
  BIND (rate_field);
  BIND (base_field);
  BIND (guidance_dropdown);
  BIND (frequency_dropdown);
  BIND (appropriation_box);
  BIND (fund_field);
  BIND (program_field);
  BIND (fiscal_year_field);
  BIND (amount_field);
  BIND (lapse_field);
  BIND (agreement_box);
  BIND (agreement_number_field);
  BIND (partner_dropdown);
  BIND (term_start_field);
  BIND (term_end_field);
  BIND (terms_field);
  BIND (forfeiture_box);
  BIND (program_dropdown);
  BIND (program_note);
  BIND (notes_field);
  BIND (immigration_check);
  BIND (closed_check);
#undef BIND
}

static void
watch_fields (AllotSourceForm *self,
              GtkWidget       *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ALLOT_IS_FIELD (child) || GTK_IS_DROP_DOWN (child))
        allot_form_watch (ALLOT_FORM (self), child);
      else
        watch_fields (self, child);
    }
}

static void
allot_source_form_init (AllotSourceForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the form watches it: the check must be done when Save is judged. */
  g_signal_connect_swapped (self->listing_field, "notify::text", G_CALLBACK (listing_changed_cb),
                            self);
  watch_fields (self, GTK_WIDGET (self));
  g_signal_connect_swapped (self->program_dropdown, "notify::selected",
                            G_CALLBACK (program_changed_cb), self);
}

GtkWidget *
allot_source_form_new (AllotSession   *session,
                       AllotSourceKind kind,
                       gint64          source_id)
{
  AllotSourceForm *self = g_object_new (ALLOT_TYPE_SOURCE_FORM, NULL);
  AllotStore *store = allot_session_get_store (session);
  g_autoptr(AllotSource) source = NULL;
  g_autoptr(GError) error = NULL;

  self->session = g_object_ref (session);
  if (source_id != 0)
    {
      source = allot_store_lookup_source (store, source_id, &error);
      self->editing = allot_store_lookup_source (store, source_id, NULL);
      if (source != NULL)
        kind = source->kind;
      else
        allot_form_set_note (self->refusal_note, error->message);
    }
  self->kind = kind;
  /* Translators: "New Federal grant", "Edit State appropriation" */
  self->title = g_strdup_printf (source != NULL ? _("Edit %s") : _("New %s"),
                                 allot_source_kind_label (kind));

  gtk_widget_set_visible (self->grant_box, kind == ALLOT_SOURCE_GRANT);
  gtk_widget_set_visible (self->appropriation_box, kind == ALLOT_SOURCE_APPROPRIATION);
  gtk_widget_set_visible (self->agreement_box, kind == ALLOT_SOURCE_AGREEMENT);
  gtk_widget_set_visible (self->forfeiture_box, kind == ALLOT_SOURCE_FORFEITURE);
  gtk_widget_set_visible (GTK_WIDGET (self->closed_check), source != NULL);

  allot_form_fill_agencies (self->agency_dropdown, store, _("None"),
                            kind == ALLOT_SOURCE_GRANT ? ALLOT_AGENCY_FEDERAL : -1,
                            source != NULL ? source->agency_id : 0);
  if (kind == ALLOT_SOURCE_AGREEMENT)
    allot_form_fill_agencies (self->partner_dropdown, store, _("Choose the federal partner"),
                              ALLOT_AGENCY_FEDERAL,
                              source != NULL ? source->u.agreement.partner_agency_id : 0);

  if (source != NULL)
    write_fields (self, source);
  else
    {
      /* The defaults of a new award under the revised Uniform Guidance. */
      allot_field_set_cents (self->match_field, 0);
      allot_field_set_basis_points (self->rate_field, 0);
      allot_field_set_year (self->fiscal_year_field,
                            allot_store_current_fiscal_year (store));
      program_changed_cb (self);
    }
  return GTK_WIDGET (self);
}
