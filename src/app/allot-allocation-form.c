/* allot-allocation-form.c: part of a source set aside for a task force and
 * cost category in a fiscal year.
 *
 * The form says how much the chosen source still has free, but the funds
 * check itself is the core's: an over-allocation is refused on Save with
 * the core's words, and nothing is written.  Undo of a new allocation sets
 * it to zero (allocations are voided, never deleted, and only drafts can be
 * changed); undo of an edit writes the previous values back. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"

struct _AllotAllocationForm
{
  GtkWidget parent_instance;

  GtkDropDown *source_dropdown;
  GtkLabel *free_label;
  GtkDropDown *task_force_dropdown;
  GtkDropDown *category_dropdown;
  AllotField *fiscal_year_field;
  AllotField *amount_field;
  AllotField *description_field;
  GtkCheckButton *submit_check;

  AllotSession *session;
  AllotAllocation *editing;
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotAllocationForm, allot_allocation_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static const char *
get_title (AllotForm *form)
{
  return ALLOT_ALLOCATION_FORM (form)->editing != NULL ? _("Edit Allocation")
                                                       : _("New Allocation");
}

static gboolean
is_valid (AllotForm *form)
{
  AllotAllocationForm *self = ALLOT_ALLOCATION_FORM (form);

  return allot_form_fields_valid (form) &&
         allot_choices_get_selected (self->source_dropdown) != 0 &&
         allot_choices_get_selected (self->task_force_dropdown) != 0 &&
         allot_choices_get_selected (self->category_dropdown) != 0;
}

static void
source_changed_cb (AllotAllocationForm *self)
{
  gint64 source_id = allot_choices_get_selected (self->source_dropdown);
  g_autofree char *text = NULL;
  gint64 free_amount = 0;

  if (source_id != 0)
    text = allot_form_describe_free (self->session, source_id,
                                     self->editing != NULL ? self->editing->id : 0,
                                     &free_amount);
  allot_form_set_note (self->free_label, text);
}

typedef struct {
  gint64 id;
} ZeroUndo;

static gboolean
zero_allocation (AllotStore *store,
                 gpointer    data,
                 GError    **error)
{
  g_autoptr(AllotAllocation) allocation =
    allot_store_lookup_allocation (store, ((ZeroUndo *) data)->id, error);

  if (allocation == NULL)
    return FALSE;
  allocation->amount = 0;
  g_free (allocation->description);
  allocation->description = g_strdup (_("Undone"));
  return allot_store_update_allocation (store, allocation, error);
}

static gboolean
restore_allocation (AllotStore *store,
                    gpointer    data,
                    GError    **error)
{
  return allot_store_update_allocation (store, data, error);
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotAllocationForm *self = ALLOT_ALLOCATION_FORM (form);
  AllotStore *store = allot_session_get_store (self->session);
  g_autoptr(AllotAllocation) allocation = allot_allocation_new ();
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  allocation->source_id = allot_choices_get_selected (self->source_dropdown);
  allocation->task_force_id = allot_choices_get_selected (self->task_force_dropdown);
  allocation->category_id = allot_choices_get_selected (self->category_dropdown);
  allocation->fiscal_year = allot_field_get_year (self->fiscal_year_field);
  allocation->amount = allot_field_get_cents (self->amount_field);
  allocation->description = allot_field_dup_text (self->description_field);
  allocation->status = gtk_check_button_get_active (self->submit_check) ? ALLOT_STATUS_SUBMITTED
                                                                        : ALLOT_STATUS_DRAFT;
  amount = allot_session_format_money (self->session, allocation->amount);

  if (self->editing == NULL)
    {
      ZeroUndo *undo;

      if (!allot_store_add_allocation (store, allocation, error))
        return FALSE;
      undo = g_new0 (ZeroUndo, 1);
      undo->id = allocation->id;
      message = g_strdup_printf (_("Allocated %s for FY%d"), amount, allocation->fiscal_year);
      *out_undo = allot_undo_new (message, zero_allocation, undo, g_free);
      return TRUE;
    }

  allocation->id = self->editing->id;
  allocation->version = self->editing->version;
  if (!allot_store_update_allocation (store, allocation, error))
    return FALSE;
  self->editing->version = allocation->version;
  message = g_strdup_printf (_("Saved the allocation of %s"), amount);
  *out_undo = allot_undo_new (message, restore_allocation, g_steal_pointer (&self->editing),
                              (GDestroyNotify) allot_allocation_free);
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
allot_allocation_form_dispose (GObject *object)
{
  AllotAllocationForm *self = ALLOT_ALLOCATION_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->editing, allot_allocation_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_ALLOCATION_FORM);
  G_OBJECT_CLASS (allot_allocation_form_parent_class)->dispose (object);
}

static void
allot_allocation_form_class_init (AllotAllocationFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_allocation_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-allocation-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, free_label);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, task_force_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, fiscal_year_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, amount_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, description_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationForm, submit_check);
}

static void
allot_allocation_form_init (AllotAllocationForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->source_dropdown));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->task_force_dropdown));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->category_dropdown));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->fiscal_year_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->amount_field));
}

GtkWidget *
allot_allocation_form_new (AllotSession *session,
                           gint64        allocation_id,
                           gint64        source_id,
                           int           fiscal_year)
{
  AllotAllocationForm *self = g_object_new (ALLOT_TYPE_ALLOCATION_FORM, NULL);
  AllotStore *store = allot_session_get_store (session);
  g_autoptr(AllotAllocation) allocation = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  self->session = g_object_ref (session);
  if (allocation_id != 0)
    {
      allocation = allot_store_lookup_allocation (store, allocation_id, NULL);
      self->editing = allot_store_lookup_allocation (store, allocation_id, NULL);
    }
  if (allocation != NULL)
    {
      source_id = allocation->source_id;
      fiscal_year = allocation->fiscal_year;
    }

  allot_choices_reset (self->source_dropdown, _("Choose a source"));
  sources = allot_store_list_sources (store, NULL);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      AllotSource *s = sources->pdata[i];
      g_autofree char *label = NULL;

      if (s->closed && s->id != source_id)
        continue;
      label = g_strdup_printf ("%s — %s", s->code, s->name);
      allot_choices_add (self->source_dropdown, s->id, label);
    }
  allot_choices_select (self->source_dropdown, source_id);
  allot_form_fill_task_forces (self->task_force_dropdown, store, _("Choose a task force"),
                               allocation != NULL ? allocation->task_force_id : 0);
  allot_form_fill_categories (self->category_dropdown, store,
                              allocation != NULL ? allocation->category_id : 0);
  allot_field_set_year (self->fiscal_year_field,
                        fiscal_year != 0 ? fiscal_year : allot_store_current_fiscal_year (store));
  if (allocation != NULL)
    {
      allot_field_set_cents (self->amount_field, allocation->amount);
      allot_field_set_text (self->description_field, allocation->description);
      gtk_check_button_set_active (self->submit_check,
                                   allocation->status == ALLOT_STATUS_SUBMITTED);
    }
  g_signal_connect_swapped (self->source_dropdown, "notify::selected",
                            G_CALLBACK (source_changed_cb), self);
  source_changed_cb (self);
  return GTK_WIDGET (self);
}
