/* allot-form.c: the form interface and its helpers. */
#include "allot-config.h"

#include "allot-field.h"
#include "allot-form.h"

G_DEFINE_INTERFACE (AllotForm, allot_form, GTK_TYPE_WIDGET)

static guint changed_signal;

static void
allot_form_default_init (AllotFormInterface *iface)
{
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

const char *
allot_form_get_title (AllotForm *self)
{
  g_return_val_if_fail (ALLOT_IS_FORM (self), NULL);
  return ALLOT_FORM_GET_IFACE (self)->get_title (self);
}

gboolean
allot_form_is_valid (AllotForm *self)
{
  AllotFormInterface *iface;

  g_return_val_if_fail (ALLOT_IS_FORM (self), FALSE);
  iface = ALLOT_FORM_GET_IFACE (self);
  return iface->is_valid != NULL ? iface->is_valid (self) : allot_form_fields_valid (self);
}

gboolean
allot_form_save (AllotForm  *self,
                 AllotUndo **out_undo,
                 GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_FORM (self), FALSE);
  g_return_val_if_fail (out_undo != NULL && *out_undo == NULL, FALSE);
  return ALLOT_FORM_GET_IFACE (self)->save (self, out_undo, error);
}

void
allot_form_changed (AllotForm *self)
{
  g_return_if_fail (ALLOT_IS_FORM (self));
  g_signal_emit (self, changed_signal, 0);
}

void
allot_form_watch (AllotForm *self,
                  GtkWidget *widget)
{
  const char *signal;

  g_return_if_fail (ALLOT_IS_FORM (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ALLOT_IS_FIELD (widget))
    signal = "notify::text";
  else if (GTK_IS_DROP_DOWN (widget))
    signal = "notify::selected";
  else if (GTK_IS_CHECK_BUTTON (widget))
    signal = "toggled";
  else if (GTK_IS_EDITABLE (widget))
    signal = "changed";
  else
    g_return_if_reached ();
  g_signal_connect_object (widget, signal, G_CALLBACK (allot_form_changed), self,
                           G_CONNECT_SWAPPED);
}

static gboolean
fields_valid_under (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ALLOT_IS_FIELD (child))
        {
          /* Hidden fields do not apply to the current choice. */
          if (gtk_widget_get_visible (child) && !allot_field_is_valid (ALLOT_FIELD (child)))
            return FALSE;
        }
      else if (gtk_widget_get_visible (child) && !fields_valid_under (child))
        return FALSE;
    }
  return TRUE;
}

gboolean
allot_form_fields_valid (AllotForm *self)
{
  g_return_val_if_fail (ALLOT_IS_FORM (self), FALSE);
  return fields_valid_under (GTK_WIDGET (self));
}
