/* allot-recent.c: the databases opened lately, for the main menu's Recent
 * submenu and the Connect to Server dialog.
 *
 * Stored in GSettings as locations that allot_store_open() takes, with the
 * password cut out (allot_store_location_strip_password()): the settings
 * are a plain file, so a password would sit there in the clear.  Reopening
 * a server from the list works when the password comes from ~/.pgpass or
 * the server asks for none; otherwise the person types it again. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-recent.h"
#include "allot-store.h"

#define KEY "recent-databases"

/* The same database is one entry: a file by its absolute path. */
static char *
normalize (const char *location)
{
  if (allot_store_location_is_server (location))
    return allot_store_location_strip_password (location);
  return g_canonicalize_filename (location, NULL);
}

void
allot_recent_add (GSettings  *settings,
                  const char *location)
{
  g_autofree char *entry = NULL;
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 1;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (location != NULL && *location != '\0');

  entry = normalize (location);
  old = g_settings_get_strv (settings, KEY);
  g_strv_builder_add (builder, entry);
  for (guint i = 0; old[i] != NULL && n < ALLOT_RECENT_MAX; i++)
    if (!g_str_equal (old[i], entry))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  list = g_strv_builder_end (builder);
  g_settings_set_strv (settings, KEY, (const char * const *) list);
}

/* A menu label shows "_" literally only doubled (it marks a mnemonic). */
static char *
escape_underlines (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

void
allot_recent_fill_menu (GMenu     *section,
                        GSettings *settings)
{
  g_auto(GStrv) list = NULL;
  g_autoptr(GMenu) submenu = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (G_IS_MENU (section));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_menu_remove_all (section);
  list = g_settings_get_strv (settings, KEY);
  if (list[0] == NULL)
    return;

  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (labels, allot_store_location_display (list[i]));

  submenu = g_menu_new ();
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      gboolean ambiguous = FALSE;

      /* Two budget.db in two folders: show where each is. */
      for (guint j = 0; j < labels->len; j++)
        if (j != i && g_str_equal (labels->pdata[i], labels->pdata[j]))
          ambiguous = TRUE;
      label = escape_underlines (ambiguous ? list[i] : labels->pdata[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (list[i]));
      g_menu_append_item (submenu, item);
    }
  g_menu_append_submenu (section, _("_Recent Databases"), G_MENU_MODEL (submenu));
}

GStrv
allot_recent_list_servers (GSettings *settings)
{
  g_auto(GStrv) list = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  list = g_settings_get_strv (settings, KEY);
  for (guint i = 0; list[i] != NULL; i++)
    if (allot_store_location_is_server (list[i]))
      g_strv_builder_add (builder, list[i]);
  return g_strv_builder_end (builder);
}
