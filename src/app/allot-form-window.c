/* allot-form-window.c: the modal window around a record form. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-form-window.h"

struct _AllotFormWindow
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  AdwBin *form_bin;

  AllotForm *form;
  gboolean refused;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllotFormWindow, allot_form_window, ADW_TYPE_WINDOW)

static void
form_changed_cb (AllotFormWindow *self)
{
  /* The refusal was about the values before this change. */
  if (self->refused)
    {
      self->refused = FALSE;
      gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save",
                                 self->form != NULL && allot_form_is_valid (self->form));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  allot_form_window_save (ALLOT_FORM_WINDOW (widget));
}

static void
allot_form_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_FORM_WINDOW);
  G_OBJECT_CLASS (allot_form_window_parent_class)->dispose (object);
}

static void
allot_form_window_class_init (AllotFormWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_form_window_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-form-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotFormWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllotFormWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, AllotFormWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AllotFormWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, AllotFormWindow, form_bin);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "form.save", NULL);
}

static void
allot_form_window_init (AllotFormWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

AllotFormWindow *
allot_form_window_new (GtkWindow *parent,
                       GtkWidget *form)
{
  AllotFormWindow *self;

  g_return_val_if_fail (ALLOT_IS_FORM (form), NULL);

  self = g_object_new (ALLOT_TYPE_FORM_WINDOW, "transient-for", parent, NULL);
  self->form = ALLOT_FORM (form);
  adw_bin_set_child (self->form_bin, form);
  adw_window_title_set_title (self->window_title, allot_form_get_title (self->form));
  gtk_window_set_title (GTK_WINDOW (self), allot_form_get_title (self->form));
  g_signal_connect_object (form, "changed", G_CALLBACK (form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  form_changed_cb (self);
  gtk_widget_child_focus (form, GTK_DIR_TAB_FORWARD);
  return self;
}

AllotForm *
allot_form_window_get_form (AllotFormWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_FORM_WINDOW (self), NULL);
  return self->form;
}

gboolean
allot_form_window_can_save (AllotFormWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_FORM_WINDOW (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)) &&
         allot_form_is_valid (self->form);
}

gboolean
allot_form_window_save (AllotFormWindow *self)
{
  g_autoptr(GError) error = NULL;
  AllotUndo *undo = NULL;

  g_return_val_if_fail (ALLOT_IS_FORM_WINDOW (self), FALSE);

  if (!allot_form_is_valid (self->form))
    return FALSE;
  if (!allot_form_save (self->form, &undo, &error))
    {
      /* Nothing was written: the core refuses in one transaction. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      self->refused = TRUE;
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, undo);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

const char *
allot_form_window_get_error_text (AllotFormWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_FORM_WINDOW (self), NULL);
  return self->refused ? gtk_label_get_text (self->error_label) : NULL;
}
