/* allot-connect-dialog.c: Connect to Server (issue 9).
 *
 * A window of its own rather than an AdwMessageDialog: a message dialog
 * closes on every response, and a mistyped address must stay in front of
 * the person with the reason under it.  Only the form of the address is
 * checked here (a PostgreSQL URI or conninfo, not a file name); connecting
 * happens in the main window's worker (allot_window_open_database()), which
 * shows the server's refusal in its words, as it does for a file. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-connect-dialog.h"
#include "allot-recent.h"
#include "allot-store.h"

struct _AllotConnectDialog
{
  AdwWindow parent_instance;

  GtkEntry *entry;
  GtkLabel *error_label;
  GtkWidget *recent_box;
  GtkListBox *recent_list;

  AllotWindow *window;    /* weak */
  char *error_text;
  guint n_recent;
};

G_DEFINE_FINAL_TYPE (AllotConnectDialog, allot_connect_dialog, ADW_TYPE_WINDOW)

static void
show_error (AllotConnectDialog *self,
            const char         *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
entry_changed_cb (AllotConnectDialog *self)
{
  if (self->error_text != NULL)
    show_error (self, NULL);
}

static void
connect_clicked_cb (AllotConnectDialog *self)
{
  allot_connect_dialog_connect (self);
}

static void
cancel_clicked_cb (AllotConnectDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
recent_activated_cb (AllotConnectDialog *self,
                     GtkListBoxRow      *row)
{
  const char *location = g_object_get_data (G_OBJECT (row), "allot-location");

  /* Into the entry, not straight to the server: the person may add the
   * password the list does not keep. */
  allot_connect_dialog_set_text (self, location);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
}

static void
fill_recent (AllotConnectDialog *self,
             GSettings          *settings)
{
  g_auto(GStrv) servers = allot_recent_list_servers (settings);

  for (guint i = 0; servers[i] != NULL; i++)
    {
      g_autofree char *display = allot_store_location_display (servers[i]);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), servers[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "allot-location", g_strdup (servers[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      self->n_recent++;
    }
  gtk_widget_set_visible (self->recent_box, self->n_recent > 0);
}

static void
allot_connect_dialog_dispose (GObject *object)
{
  AllotConnectDialog *self = ALLOT_CONNECT_DIALOG (object);

  g_clear_weak_pointer (&self->window);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_CONNECT_DIALOG);
  G_OBJECT_CLASS (allot_connect_dialog_parent_class)->dispose (object);
}

static void
allot_connect_dialog_finalize (GObject *object)
{
  AllotConnectDialog *self = ALLOT_CONNECT_DIALOG (object);

  g_free (self->error_text);
  G_OBJECT_CLASS (allot_connect_dialog_parent_class)->finalize (object);
}

static void
allot_connect_dialog_class_init (AllotConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_connect_dialog_dispose;
  object_class->finalize = allot_connect_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotConnectDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, AllotConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AllotConnectDialog, recent_box);
  gtk_widget_class_bind_template_child (widget_class, AllotConnectDialog, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
allot_connect_dialog_init (AllotConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
allot_connect_dialog_new (AllotWindow *window,
                          GSettings   *settings)
{
  AllotConnectDialog *self;

  g_return_val_if_fail (ALLOT_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ALLOT_TYPE_CONNECT_DIALOG, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  fill_recent (self, settings);
  return GTK_WIDGET (self);
}

const char *
allot_connect_dialog_get_text (AllotConnectDialog *self)
{
  g_return_val_if_fail (ALLOT_IS_CONNECT_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
allot_connect_dialog_set_text (AllotConnectDialog *self,
                               const char         *text)
{
  g_return_if_fail (ALLOT_IS_CONNECT_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

gboolean
allot_connect_dialog_connect (AllotConnectDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr(AllotWindow) window = NULL;

  g_return_val_if_fail (ALLOT_IS_CONNECT_DIALOG (self), FALSE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (*text == '\0')
    {
      show_error (self, _("Enter the address of the database, such as "
                          "postgresql://host/dbname."));
      return FALSE;
    }
  if (!allot_store_location_is_server (text))
    {
      g_autofree char *message =
        g_strdup_printf (_("This is not a PostgreSQL address: “%s”. Write it as "
                           "postgresql://host/dbname or as host=… dbname=…; a database "
                           "file opens with Open Database."), text);

      show_error (self, message);
      return FALSE;
    }
  if (self->window == NULL)
    return FALSE;

  window = g_object_ref (self->window);
  gtk_window_destroy (GTK_WINDOW (self));
  allot_window_open_database (window, text, FALSE);
  return TRUE;
}

const char *
allot_connect_dialog_get_error_text (AllotConnectDialog *self)
{
  g_return_val_if_fail (ALLOT_IS_CONNECT_DIALOG (self), NULL);
  return self->error_text;
}

guint
allot_connect_dialog_get_n_recent (AllotConnectDialog *self)
{
  g_return_val_if_fail (ALLOT_IS_CONNECT_DIALOG (self), 0);
  return self->n_recent;
}
