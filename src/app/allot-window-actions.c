/* allot-window-actions.c: the window's actions and keyboard shortcuts:
 * databases (open, connect, recent, new, back up), views, search,
 * preferences, new records. */
#include "allot-config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "allot-error.h"
#include "allot-allocations-page.h"
#include "allot-connect-dialog.h"
#include "allot-import-assistant.h"
#include "allot-ledger-page.h"
#include "allot-ledger-query.h"
#include "allot-preferences-window.h"
#include "allot-recent.h"
#include "allot-sources-page.h"
#include "allot-task-forces-page.h"
#include "allot-window-forms.h"
#include "allot-window-private.h"

/* ---- opening a database ---- */

typedef struct {
  char *path;
  char *shown;      /* without the password, for messages */
  gboolean create;
} OpenRequest;

static void
open_request_free (OpenRequest *request)
{
  g_free (request->path);
  g_free (request->shown);
  g_free (request);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenRequest *request = task_data;
  GError *error = NULL;
  AllotStore *store;

  /* quick_check reads the whole file: seconds for a large ledger. */
  store = allot_store_open (request->path,
                            request->create ? ALLOT_STORE_OPEN_CREATE : ALLOT_STORE_OPEN_EXISTING,
                            &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AllotWindow *self = ALLOT_WINDOW (source);
  OpenRequest *request = g_task_get_task_data (G_TASK (result));
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(AllotSession) session = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_cancellable_is_cancelled (cancellable))
    return;   /* the person gave up waiting; the window kept what it showed */
  allot_window_end_busy (self);

  if (store != NULL)
    session = allot_session_new (store, &error);
  if (session == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT) &&
          strstr (error->message, _("not changed")) == NULL)
        message = g_strdup_printf ("%s\n\n%s", error->message,
                                   _("Allot did not change the file."));
      else
        message = g_strdup (error->message);
      g_debug ("Refused %s: %s", request->shown, error->message);
      allot_window_show_error (self, _("Could Not Open the Database"), message);
      return;
    }
  allot_window_set_session (self, session);
  if (self->settings != NULL)
    allot_recent_add (self->settings, request->path);
}

static void
busy_cancelled_cb (GCancellable *cancellable,
                   AllotWindow  *self)
{
  /* Runs where cancel was called: the main thread. */
  allot_window_end_busy (self);
}

void
allot_window_open_database (AllotWindow *self,
                            const char  *path,
                            gboolean     create)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *label = NULL;
  g_autofree char *display = NULL;
  OpenRequest *request;

  g_return_if_fail (ALLOT_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  request = g_new0 (OpenRequest, 1);
  request->path = g_strdup (path);
  request->shown = allot_store_location_strip_password (path);
  request->create = create;

  display = allot_store_location_display (path);
  label = g_strdup_printf (_("Opening %s…"), display);
  allot_window_begin_busy (self, label, cancellable);
  g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (busy_cancelled_cb), self, 0);

  task = g_task_new (self, cancellable, open_done_cb, NULL);
  g_task_set_source_tag (task, allot_window_open_database);
  g_task_set_task_data (task, request, (GDestroyNotify) open_request_free);
  g_task_run_in_thread (task, open_thread);
}

static GtkFileChooserNative *
database_chooser_new (AllotWindow         *self,
                      const char          *title,
                      GtkFileChooserAction action,
                      const char          *accept)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (databases, _("Allot databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_pattern (databases, "*.allot");
  gtk_file_filter_add_pattern (databases, "*.sqlite");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  return chooser;
}

static char *
chosen_path (GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
open_chooser_response_cb (GtkFileChooserNative *chooser,
                          int                   response,
                          AllotWindow          *self)
{
  gboolean create = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "allot-create"));
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = chosen_path (chooser);
  if (path != NULL)
    allot_window_open_database (self, path, create);
  g_object_unref (chooser);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = database_chooser_new (self, _("Open Database"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                  _("_Open"));
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = database_chooser_new (self, _("New Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                  _("_Create"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("budget.db"));
  g_object_set_data (G_OBJECT (chooser), "allot-create", GINT_TO_POINTER (TRUE));
  g_signal_connect (chooser, "response", G_CALLBACK (open_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
connect_server_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (allot_connect_dialog_new (self, self->settings)));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  allot_window_open_database (self, g_variant_get_string (parameter, NULL), FALSE);
}

/* ---- backup ---- */

typedef struct {
  AllotStore *reader;
  char *dest;
} BackupRequest;

static void
backup_request_free (BackupRequest *request)
{
  g_clear_object (&request->reader);
  g_free (request->dest);
  g_free (request);
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupRequest *request = task_data;
  g_autofree char *tmp = g_strconcat (request->dest, ".backup", NULL);
  GError *error = NULL;

  /* Into a name of our own first: a cancelled backup leaves no file, and
   * an earlier backup under the chosen name survives a failed one. */
  if (!allot_store_backup (request->reader, tmp, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_unlink (tmp);
      g_task_return_error (task, error);
      return;
    }
  if (g_rename (tmp, request->dest) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not write “%s”: %s"), request->dest,
                               g_strerror (saved));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AllotWindow *self = ALLOT_WINDOW (source);
  BackupRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *basename = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          allot_window_end_busy (self);
          allot_window_show_error (self, _("Backup Failed"), error->message);
        }
      return;
    }
  allot_window_end_busy (self);
  basename = g_path_get_basename (request->dest);
  message = g_strdup_printf (_("Backed up to %s"), basename);
  allot_window_show_toast (self, message);
}

static void
backup_chooser_response_cb (GtkFileChooserNative *chooser,
                            int                   response,
                            AllotWindow          *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  BackupRequest *request;

  if (response == GTK_RESPONSE_ACCEPT)
    path = chosen_path (chooser);
  g_object_unref (chooser);
  if (path == NULL || self->session == NULL)
    return;
  if (g_strcmp0 (path, allot_store_get_path (allot_session_get_store (self->session))) == 0)
    {
      allot_window_show_error (self, _("Backup Failed"),
                               _("A backup cannot replace the database it copies."));
      return;
    }

  request = g_new0 (BackupRequest, 1);
  request->dest = g_steal_pointer (&path);
  request->reader = allot_store_open_reader (allot_session_get_store (self->session), &error);
  if (request->reader == NULL)
    {
      allot_window_show_error (self, _("Backup Failed"), error->message);
      backup_request_free (request);
      return;
    }

  cancellable = g_cancellable_new ();
  allot_window_begin_busy (self, _("Backing up…"), cancellable);
  g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (busy_cancelled_cb), self, 0);
  task = g_task_new (self, cancellable, backup_done_cb, NULL);
  g_task_set_source_tag (task, backup_chooser_response_cb);
  g_task_set_task_data (task, request, (GDestroyNotify) backup_request_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf (_("allot-backup-%s.db"), date);

  chooser = database_chooser_new (self, _("Back Up Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                  _("_Back Up"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (backup_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- views, search, preferences ---- */

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  allot_window_show_view (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  allot_window_show_view (self, "ledger");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  allot_ledger_page_focus_search (ALLOT_LEDGER_PAGE (self->ledger_page));
}

static void
show_source_ledger_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  allot_ledger_page_filter_source (ALLOT_LEDGER_PAGE (self->ledger_page),
                                   g_variant_get_int64 (parameter));
  allot_window_show_view (self, "ledger");
}

/* Opens the record a finding names: ("sources" | "allocations" |
 * "ledger_entries" | "task_forces", id). */
static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  AllotStore *store;
  const char *table;
  gint64 id;

  if (self->session == NULL)
    return;
  store = allot_session_get_store (self->session);
  g_variant_get (parameter, "(&sx)", &table, &id);
  if (g_str_equal (table, "sources"))
    {
      allot_window_show_view (self, "sources");
      allot_sources_page_select (ALLOT_SOURCES_PAGE (self->sources_page), id);
    }
  else if (g_str_equal (table, "allocations"))
    {
      g_autoptr(AllotAllocation) allocation = allot_store_lookup_allocation (store, id, NULL);

      if (allocation != NULL)
        allot_window_set_fiscal_year (self, allocation->fiscal_year);
      allot_window_show_view (self, "allocations");
      allot_allocations_page_select (ALLOT_ALLOCATIONS_PAGE (self->allocations_page), id);
    }
  else if (g_str_equal (table, "ledger_entries"))
    {
      g_autoptr(AllotLedgerEntry) entry = allot_store_lookup_entry (store, id, NULL);

      allot_ledger_page_set_search (ALLOT_LEDGER_PAGE (self->ledger_page),
                                    entry != NULL ? entry->document_number : NULL);
      allot_window_show_view (self, "ledger");
    }
  else if (g_str_equal (table, "task_forces"))
    {
      allot_window_show_view (self, "task-forces");
      allot_task_forces_page_select (ALLOT_TASK_FORCES_PAGE (self->task_forces_page), id);
    }
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session == NULL || self->busy)
    return;
  gtk_window_present (GTK_WINDOW (allot_import_assistant_new (self, self->session)));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  GtkWidget *preferences;

  preferences = allot_preferences_window_new (GTK_WINDOW (self), self->session, self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

void
allot_window_update_actions (AllotWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean have_session = self->session != NULL;

  gtk_widget_action_set_enabled (widget, "win.open-database", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.new-database", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.connect-server",
                                 !self->busy && self->settings != NULL);
  gtk_widget_action_set_enabled (widget, "win.open-recent", !self->busy);
  gtk_widget_action_set_enabled (widget, "win.backup", have_session && !self->busy);
  gtk_widget_action_set_enabled (widget, "win.import", have_session && !self->busy);
  /* The display name is a preference even without a database. */
  gtk_widget_action_set_enabled (widget, "win.preferences", TRUE);
  gtk_widget_action_set_enabled (widget, "win.show-view", have_session);
  gtk_widget_action_set_enabled (widget, "win.search", have_session);
  gtk_widget_action_set_enabled (widget, "win.show-source-ledger", have_session);
  gtk_widget_action_set_enabled (widget, "win.open-record", have_session);
  gtk_widget_action_set_enabled (widget, "win.export", have_session && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), have_session);
  allot_window_update_form_actions (self, have_session);
}

void
allot_window_class_init_actions (GtkWidgetClass *widget_class)
{
  static const char *views[] = {
    "overview", "sources", "allocations", "ledger", "task-forces", "review", "reports",
  };

  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.connect-server", NULL,
                                   connect_server_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-source-ledger", "x",
                                   show_source_ledger_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "(sx)", open_record_action);
  allot_window_class_init_export (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.connect-server", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);

  allot_window_class_init_form_actions (widget_class);
}
