/* allot-application.c: command line, application actions, the about window.
 *
 * `allot [--db LOCATION]` opens LOCATION, else $ALLOT_DB, else the default
 * database in the user's data folder (allot_store_default_path()).  A
 * location is a file or a PostgreSQL server (postgresql://host/dbname or
 * "host=… dbname=…").  Each invocation with --db opens a window of its own;
 * without, the open window is raised.
 */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-application.h"
#include "allot-store.h"
#include "allot-timings.h"
#include "allot-window.h"

struct _AllotApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (AllotApplication, allot_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The database to open: a file, or a PostgreSQL server as postgresql://host/dbname "
       "(default: $ALLOT_DB, else the file in your data folder)"),
    N_("FILE|URI") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

static int
allot_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("allot %s\n", ALLOT_VERSION);
      return 0;
    }
  return -1;
}

/* A server's address as it was given; a file relative to the folder the
 * command ran in (which, for a second invocation, is not ours). */
static char *
location_from_arg (GApplicationCommandLine *command_line,
                   const char              *arg)
{
  g_autoptr(GFile) file = NULL;

  if (allot_store_location_is_server (arg))
    return g_strdup (arg);
  file = g_application_command_line_create_file_for_arg (command_line, arg);
  return g_file_get_path (file);
}

static int
allot_application_command_line (GApplication            *app,
                                GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (g_variant_dict_lookup (options, "db", "^ay", &db) && *db != '\0')
    path = location_from_arg (command_line, db);

  if (path == NULL && window != NULL)
    {
      gtk_window_present (window);
      return 0;
    }
  if (path == NULL)
    {
      const char *env = g_application_command_line_getenv (command_line, "ALLOT_DB");

      path = env != NULL && *env != '\0' ? location_from_arg (command_line, env)
                                          : allot_store_default_path ();
    }

  window = GTK_WINDOW (allot_window_new (ALLOT_APPLICATION (app)));
  allot_timings_watch_window (ALLOT_WINDOW (window));
  gtk_window_present (window);
  allot_window_open_database (ALLOT_WINDOW (window), path, TRUE);
  return 0;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Allot authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Allot"),
                        "application-icon", ALLOT_APP_ID,
                        "version", ALLOT_VERSION,
                        "developer-name", _("The Allot authors"),
                        "developers", developers,
                        "comments", _("Track the money behind your participation in federal task "
                                      "forces: grants, appropriations, resource-sharing "
                                      "agreements and forfeiture funds."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© The Allot authors",
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "website", ALLOT_WEBSITE,
                        "support-url", ALLOT_WEBSITE "/issues",
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_User Guide"),
                             ALLOT_WEBSITE "#using-allot");
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Command Line"),
                             ALLOT_WEBSITE "#allot-cli");
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing each window saves its state; quitting outright would not. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
};

static void
allot_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (allot_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
allot_application_finalize (GObject *object)
{
  AllotApplication *self = ALLOT_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (allot_application_parent_class)->finalize (object);
}

static void
allot_application_class_init (AllotApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = allot_application_finalize;
  app_class->startup = allot_application_startup;
  app_class->command_line = allot_application_command_line;
  app_class->handle_local_options = allot_application_handle_local_options;
}

static void
allot_application_init (AllotApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  self->settings = g_settings_new (ALLOT_APP_ID);
}

AllotApplication *
allot_application_new (void)
{
  return g_object_new (ALLOT_TYPE_APPLICATION,
                       "application-id", ALLOT_APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/org/allot/Allot",
                       NULL);
}

GSettings *
allot_application_get_settings (AllotApplication *self)
{
  g_return_val_if_fail (ALLOT_IS_APPLICATION (self), NULL);
  return self->settings;
}
