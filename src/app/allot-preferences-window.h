/* allot-preferences-window.h: fiscal-year start and currency (database
 * settings), display name (GSettings). */
#pragma once

#include <adwaita.h>

#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_PREFERENCES_WINDOW (allot_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AllotPreferencesWindow, allot_preferences_window, ALLOT,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @session may be NULL: the database settings are then unavailable. */
GtkWidget *allot_preferences_window_new (GtkWindow    *parent,
                                         AllotSession *session,
                                         GSettings    *settings);

G_END_DECLS
