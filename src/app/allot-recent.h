/* allot-recent.h: the databases opened lately (GSettings "recent-databases"):
 * files and PostgreSQL servers, most recent first, never with a password. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ALLOT_RECENT_MAX 8

/* Puts @location first in the list (without its password, a file by its
 * absolute path), drops an earlier mention of it and keeps
 * ALLOT_RECENT_MAX. */
void allot_recent_add (GSettings  *settings,
                       const char *location);

/* Fills @section with a "Recent Databases" submenu of the list (items
 * activating win.open-recent with the location as target), or leaves it
 * empty when the list is. */
void allot_recent_fill_menu (GMenu     *section,
                             GSettings *settings);

/* The servers of the list, most recent first. */
GStrv allot_recent_list_servers (GSettings *settings);

G_END_DECLS
