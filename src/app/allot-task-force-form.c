/* allot-task-force-form.c: a task force, its lead agency, dates and members. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"

struct _AllotTaskForceForm
{
  GtkWidget parent_instance;

  AllotField *code_field;
  AllotField *name_field;
  GtkDropDown *lead_dropdown;
  AllotField *start_field;
  AllotField *end_field;
  GtkCheckButton *immigration_check;
  GtkListBox *members_list;

  AllotSession *session;
  AllotTaskForce *editing;
  GArray *member_checks;    /* GtkCheckButton * per agency, with its id as data */
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotTaskForceForm, allot_task_force_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static const char *
get_title (AllotForm *form)
{
  return ALLOT_TASK_FORCE_FORM (form)->editing != NULL ? _("Edit Task Force")
                                                       : _("New Task Force");
}

static gboolean
is_valid (AllotForm *form)
{
  AllotTaskForceForm *self = ALLOT_TASK_FORCE_FORM (form);

  return allot_form_fields_valid (form) && allot_choices_get_selected (self->lead_dropdown) != 0;
}

static gboolean
restore_task_force (AllotStore *store,
                    gpointer    data,
                    GError    **error)
{
  return allot_store_update_task_force (store, data, error);
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotTaskForceForm *self = ALLOT_TASK_FORCE_FORM (form);
  AllotStore *store = allot_session_get_store (self->session);
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  g_autofree char *message = NULL;

  tf->code = allot_field_dup_text (self->code_field);
  tf->name = allot_field_dup_text (self->name_field);
  tf->lead_agency_id = allot_choices_get_selected (self->lead_dropdown);
  allot_field_get_date (self->start_field, &tf->start_date);
  allot_field_get_date (self->end_field, &tf->end_date);
  tf->immigration = gtk_check_button_get_active (self->immigration_check);
  for (guint i = 0; i < self->member_checks->len; i++)
    {
      GtkCheckButton *check = g_array_index (self->member_checks, GtkCheckButton *, i);

      if (gtk_check_button_get_active (check))
        {
          gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "allot-id");
          g_array_append_val (tf->member_ids, id);
        }
    }

  if (self->editing == NULL)
    {
      if (!allot_store_add_task_force (store, tf, error))
        return FALSE;
      message = g_strdup_printf (_("Added task force %s"), tf->code);
      *out_undo = allot_undo_new_take_back (message, ALLOT_UNDO_TASK_FORCE, tf->id);
      return TRUE;
    }
  tf->id = self->editing->id;
  tf->version = self->editing->version;
  if (!allot_store_update_task_force (store, tf, error))
    return FALSE;
  self->editing->version = tf->version;
  message = g_strdup_printf (_("Saved task force %s"), tf->code);
  *out_undo = allot_undo_new (message, restore_task_force, g_steal_pointer (&self->editing),
                              (GDestroyNotify) allot_task_force_free);
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
allot_task_force_form_dispose (GObject *object)
{
  AllotTaskForceForm *self = ALLOT_TASK_FORCE_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->editing, allot_task_force_free);
  g_clear_pointer (&self->member_checks, g_array_unref);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_TASK_FORCE_FORM);
  G_OBJECT_CLASS (allot_task_force_form_parent_class)->dispose (object);
}

static void
allot_task_force_form_class_init (AllotTaskForceFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_task_force_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-task-force-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, code_field);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, name_field);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, lead_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, start_field);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, end_field);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, immigration_check);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForceForm, members_list);
}

static void
allot_task_force_form_init (AllotTaskForceForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->member_checks = g_array_new (FALSE, FALSE, sizeof (GtkCheckButton *));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->code_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->name_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->lead_dropdown));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->start_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->end_field));
}

static gboolean
is_member (const AllotTaskForce *tf,
           gint64                agency_id)
{
  for (guint i = 0; tf != NULL && i < tf->member_ids->len; i++)
    if (g_array_index (tf->member_ids, gint64, i) == agency_id)
      return TRUE;
  return FALSE;
}

GtkWidget *
allot_task_force_form_new (AllotSession *session,
                           gint64        task_force_id)
{
  AllotTaskForceForm *self = g_object_new (ALLOT_TYPE_TASK_FORCE_FORM, NULL);
  AllotStore *store = allot_session_get_store (session);
  g_autoptr(AllotTaskForce) tf = NULL;
  g_autoptr(GPtrArray) agencies = NULL;

  self->session = g_object_ref (session);
  if (task_force_id != 0)
    {
      tf = allot_store_lookup_task_force (store, task_force_id, NULL);
      self->editing = allot_store_lookup_task_force (store, task_force_id, NULL);
    }
  allot_form_fill_agencies (self->lead_dropdown, store, _("Choose the lead agency"),
                            ALLOT_AGENCY_FEDERAL, tf != NULL ? tf->lead_agency_id : 0);

  agencies = allot_store_list_agencies (store, NULL);
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      AllotAgency *agency = agencies->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", agency->code, agency->name);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      gint64 *id = g_new (gint64, 1);

      *id = agency->id;
      g_object_set_data_full (G_OBJECT (check), "allot-id", id, g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), is_member (tf, agency->id));
      gtk_widget_set_margin_start (check, 8);
      gtk_widget_set_margin_top (check, 4);
      gtk_widget_set_margin_bottom (check, 4);
      gtk_list_box_append (self->members_list, check);
      g_array_append_val (self->member_checks, check);
    }

  if (tf != NULL)
    {
      allot_field_set_text (self->code_field, tf->code);
      allot_field_set_text (self->name_field, tf->name);
      allot_field_set_date (self->start_field, &tf->start_date);
      allot_field_set_date (self->end_field, &tf->end_date);
      gtk_check_button_set_active (self->immigration_check, tf->immigration);
    }
  return GTK_WIDGET (self);
}
