/* allot-application.h: the Allot GTK application. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_APPLICATION (allot_application_get_type ())
G_DECLARE_FINAL_TYPE (AllotApplication, allot_application, ALLOT, APPLICATION, AdwApplication)

AllotApplication *allot_application_new (void);

/* Preferences and window state (schema org.allot.Allot). */
GSettings *allot_application_get_settings (AllotApplication *self);

G_END_DECLS
