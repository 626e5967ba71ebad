/* allot-window.h: the main window: a sidebar of views over one database. */
#pragma once

#include <adwaita.h>

#include "allot-application.h"
#include "allot-session.h"
#include "allot-undo.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_WINDOW (allot_window_get_type ())
G_DECLARE_FINAL_TYPE (AllotWindow, allot_window, ALLOT, WINDOW, AdwApplicationWindow)

AllotWindow  *allot_window_new             (AllotApplication *app);

/* Opens @path (a file, or a PostgreSQL URI or conninfo: see
 * allot_store_open()) in a worker thread, with progress and a Cancel
 * button.  A refused file or connection is reported in a dialog; the window
 * keeps what it showed.  An opened database goes first in the recent list. */
void          allot_window_open_database   (AllotWindow  *self,
                                            const char   *path,
                                            gboolean      create);

void          allot_window_set_session     (AllotWindow  *self,
                                            AllotSession *session);
AllotSession *allot_window_get_session     (AllotWindow  *self);

/* Reloads the views when anyone wrote to the database since they last
 * loaded (allot_store_change_marker() moved): what the window does when it
 * becomes active, so that another person's approval shows.  Returns TRUE
 * when it reloaded. */
gboolean      allot_window_refresh_if_changed (AllotWindow *self);

/* Views: "overview", "sources", "allocations", "ledger", "task-forces",
 * "review", "reports". */
void          allot_window_show_view       (AllotWindow  *self,
                                            const char   *name);
const char   *allot_window_get_view_name   (AllotWindow  *self);
GtkWidget    *allot_window_get_view        (AllotWindow  *self,
                                            const char   *name);

int           allot_window_get_fiscal_year (AllotWindow  *self);
void          allot_window_set_fiscal_year (AllotWindow  *self,
                                            int           fiscal_year);

/* Shows the toast of a save; takes @undo. */
void          allot_window_show_undo       (AllotWindow  *self,
                                            AllotUndo    *undo);
void          allot_window_show_toast      (AllotWindow  *self,
                                            const char   *message);
void          allot_window_show_error      (AllotWindow  *self,
                                            const char   *heading,
                                            const char   *message);

/* Presents @form (an AllotForm) in a modal form window and returns it. */
GtkWindow    *allot_window_open_form       (AllotWindow  *self,
                                            GtkWidget    *form);

/* Writes "workbook", "budget-csv" or "ledger-csv" of @fiscal_year (0: all)
 * to @path in a worker thread, with progress and Cancel (the menu asks for
 * the file first). */
void          allot_window_export          (AllotWindow  *self,
                                            const char   *what,
                                            int           fiscal_year,
                                            const char   *path);
/* TRUE while a long operation runs. */
gboolean      allot_window_is_busy         (AllotWindow  *self);
/* The Cancel button of the long operation. */
void          allot_window_cancel_busy     (AllotWindow  *self);

/* A long operation: progress bar and Cancel button above the views. */
void          allot_window_begin_busy      (AllotWindow  *self,
                                            const char   *label,
                                            GCancellable *cancellable);
/* Replaces the pulsing with a share done, 0..1. */
void          allot_window_set_busy_fraction (AllotWindow *self,
                                              double       fraction);
void          allot_window_end_busy        (AllotWindow  *self);

G_END_DECLS
