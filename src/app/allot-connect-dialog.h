/* allot-connect-dialog.h: Connect to Server: the address of an Allot
 * database on a PostgreSQL server, typed or picked from the recent ones. */
#pragma once

#include <adwaita.h>

#include "allot-window.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_CONNECT_DIALOG (allot_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AllotConnectDialog, allot_connect_dialog, ALLOT, CONNECT_DIALOG, AdwWindow)

/* A dialog over @window; Connect opens the database in @window
 * (allot_window_open_database()), whose errors it reports.  The recent
 * servers come from @settings. */
GtkWidget  *allot_connect_dialog_new (AllotWindow *window,
                                      GSettings   *settings);

/* What the address entry holds, and putting text there (for tests). */
const char *allot_connect_dialog_get_text (AllotConnectDialog *self);
void        allot_connect_dialog_set_text (AllotConnectDialog *self,
                                           const char         *text);
/* Presses Connect: TRUE when the address was a server's and the dialog
 * handed it to the window (and closed); FALSE when it was refused in the
 * dialog (allot_connect_dialog_get_error_text()). */
gboolean    allot_connect_dialog_connect (AllotConnectDialog *self);
/* The refusal shown under the entry, or NULL. */
const char *allot_connect_dialog_get_error_text (AllotConnectDialog *self);
/* The number of recent servers listed. */
guint       allot_connect_dialog_get_n_recent (AllotConnectDialog *self);

G_END_DECLS
