/* allot-agency-form.c: an agency: its code, name, level and ORI. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"

struct _AllotAgencyForm
{
  GtkWidget parent_instance;

  AllotField *code_field;
  AllotField *name_field;
  GtkDropDown *level_dropdown;
  AllotField *ori_field;

  AllotSession *session;
  AllotAgency *editing;     /* NULL for a new agency */
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotAgencyForm, allot_agency_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static const char *
get_title (AllotForm *form)
{
  return ALLOT_AGENCY_FORM (form)->editing != NULL ? _("Edit Agency") : _("New Agency");
}

/* Undo of an edit: the values from before, over the version just written. */
static gboolean
restore_agency (AllotStore *store,
                gpointer    data,
                GError    **error)
{
  return allot_store_update_agency (store, data, error);
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotAgencyForm *self = ALLOT_AGENCY_FORM (form);
  AllotStore *store = allot_session_get_store (self->session);
  g_autoptr(AllotAgency) agency = allot_agency_new ();
  g_autofree char *message = NULL;

  agency->code = allot_field_dup_text (self->code_field);
  agency->name = allot_field_dup_text (self->name_field);
  agency->level = (AllotAgencyLevel) gtk_drop_down_get_selected (self->level_dropdown);
  agency->ori = allot_field_dup_text (self->ori_field);

  if (self->editing == NULL)
    {
      if (!allot_store_add_agency (store, agency, error))
        return FALSE;
      /* Undo removes it while nothing refers to it yet. */
      message = g_strdup_printf (_("Added agency %s"), agency->code);
      *out_undo = allot_undo_new_take_back (message, ALLOT_UNDO_AGENCY, agency->id);
      return TRUE;
    }

  agency->id = self->editing->id;
  agency->version = self->editing->version;
  if (!allot_store_update_agency (store, agency, error))
    return FALSE;
  self->editing->version = agency->version;
  message = g_strdup_printf (_("Saved agency %s"), agency->code);
  *out_undo = allot_undo_new (message, restore_agency, g_steal_pointer (&self->editing),
                              (GDestroyNotify) allot_agency_free);
  return TRUE;
}

static void
form_iface_init (AllotFormInterface *iface)
{
  iface->get_title = get_title;
  iface->save = save;
}

static void
allot_agency_form_dispose (GObject *object)
{
  AllotAgencyForm *self = ALLOT_AGENCY_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->editing, allot_agency_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_AGENCY_FORM);
  G_OBJECT_CLASS (allot_agency_form_parent_class)->dispose (object);
}

static void
allot_agency_form_class_init (AllotAgencyFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_agency_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-agency-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotAgencyForm, code_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAgencyForm, name_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAgencyForm, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotAgencyForm, ori_field);
}

static void
allot_agency_form_init (AllotAgencyForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->code_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->name_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->ori_field));
}

GtkWidget *
allot_agency_form_new (AllotSession *session,
                       gint64        agency_id)
{
  AllotAgencyForm *self = g_object_new (ALLOT_TYPE_AGENCY_FORM, NULL);

  self->session = g_object_ref (session);
  if (agency_id != 0)
    {
      g_autoptr(AllotAgency) agency = NULL;

      agency = allot_store_lookup_agency (allot_session_get_store (session), agency_id, NULL);
      self->editing = allot_store_lookup_agency (allot_session_get_store (session), agency_id,
                                                 NULL);
      if (agency != NULL)
        {
          allot_field_set_text (self->code_field, agency->code);
          allot_field_set_text (self->name_field, agency->name);
          gtk_drop_down_set_selected (self->level_dropdown, agency->level);
          allot_field_set_text (self->ori_field, agency->ori);
        }
    }
  else
    gtk_drop_down_set_selected (self->level_dropdown, ALLOT_AGENCY_LOCAL);
  return GTK_WIDGET (self);
}
