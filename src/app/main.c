/* main.c: the entry point of the Allot desktop application. */
#include "allot-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "allot-application.h"
#include "allot-timings.h"

/* Run from the build folder, Allot uses the schema compiled there; the
 * default schema source is created once, so this must come first. */
static void
use_build_schema (void)
{
#ifdef ALLOT_BUILD_ROOT
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  const char *dirs = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *value = NULL;

  if (exe == NULL || !g_str_has_prefix (exe, ALLOT_BUILD_ROOT "/"))
    return;
  if (dirs != NULL && *dirs != '\0')
    value = g_strconcat (ALLOT_BUILD_SCHEMA_DIR, G_SEARCHPATH_SEPARATOR_S, dirs, NULL);
  else
    value = g_strdup (ALLOT_BUILD_SCHEMA_DIR);
  g_setenv ("GSETTINGS_SCHEMA_DIR", value, TRUE);
#endif
}

static gboolean
have_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, ALLOT_APP_ID, TRUE);
  return schema != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AllotApplication) app = NULL;

  allot_timings_init ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ALLOT_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  use_build_schema ();
  if (!have_schema ())
    {
      g_printerr (_("The settings schema %s is not installed: install Allot, or set "
                    "GSETTINGS_SCHEMA_DIR to the folder of its compiled schema.\n"),
                  ALLOT_APP_ID);
      return 1;
    }
  app = allot_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
