/* allot-form-util.c: what the record forms share. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-field.h"
#include "allot-form-util.h"

void
allot_form_class_set_template (GtkWidgetClass *widget_class,
                               const char     *resource)
{
  g_type_ensure (ALLOT_TYPE_FIELD);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, resource);
}

void
allot_form_dispose_template (GtkWidget *form,
                             GType      type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (form, type);
  while ((child = gtk_widget_get_first_child (form)) != NULL)
    gtk_widget_unparent (child);
}

void
allot_form_fill_agencies (GtkDropDown *dropdown,
                          AllotStore  *store,
                          const char  *none_label,
                          int          level,
                          gint64       selected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = allot_store_list_agencies (store, &error);

  allot_choices_reset (dropdown, none_label);
  for (guint i = 0; agencies != NULL && i < agencies->len; i++)
    {
      AllotAgency *agency = agencies->pdata[i];
      g_autofree char *label = NULL;

      if (level >= 0 && (int) agency->level != level && agency->id != selected)
        continue;
      label = g_strdup_printf ("%s — %s", agency->code, agency->name);
      allot_choices_add (dropdown, agency->id, label);
    }
  allot_choices_select (dropdown, selected);
}

void
allot_form_fill_task_forces (GtkDropDown *dropdown,
                             AllotStore  *store,
                             const char  *none_label,
                             gint64       selected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) task_forces = allot_store_list_task_forces (store, &error);

  allot_choices_reset (dropdown, none_label);
  for (guint i = 0; task_forces != NULL && i < task_forces->len; i++)
    {
      AllotTaskForce *tf = task_forces->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", tf->code, tf->name);

      allot_choices_add (dropdown, tf->id, label);
    }
  allot_choices_select (dropdown, selected);
}

void
allot_form_fill_categories (GtkDropDown *dropdown,
                            AllotStore  *store,
                            gint64       selected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = allot_store_list_categories (store, &error);

  allot_choices_reset (dropdown, NULL);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      AllotCategory *c = categories->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s (SF-424A line 6%c)", c->name,
                                                c->sf424a_line);

      allot_choices_add (dropdown, c->id, label);
    }
  allot_choices_select (dropdown, selected);
}

char *
allot_form_describe_free (AllotSession *session,
                          gint64        source_id,
                          gint64        except_id,
                          gint64       *out_free)
{
  AllotStore *store = allot_session_get_store (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotSource) source = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  g_autofree char *free_text = NULL;
  gint64 authorized = 0, allocated = 0;

  *out_free = 0;
  source = allot_store_lookup_source (store, source_id, &error);
  if (source == NULL || !allot_store_source_authorized (store, source_id, &authorized, &error))
    return NULL;
  allocations = allot_store_list_allocations (store, 0, source_id, &error);
  for (guint i = 0; allocations != NULL && i < allocations->len; i++)
    {
      AllotAllocation *a = allocations->pdata[i];

      if (!a->voided && a->id != except_id)
        allocated += a->amount;
    }
  *out_free = authorized - allocated;
  free_text = allot_session_format_money (session, *out_free);
  /* Translators: "JAG-FY24: $120,000.00 still free to allocate" */
  return g_strdup_printf (_("%s: %s still free to allocate"), source->code, free_text);
}

void
allot_form_set_note (GtkLabel   *label,
                     const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}
