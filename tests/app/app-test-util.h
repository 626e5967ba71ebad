/* app-test-util.h: helpers shared by the GUI tests.
 *
 * Each test runs against a database of its own in a temporary folder; the
 * helpers that set a scenario up abort the test on any error. */
#pragma once

#include <adwaita.h>

#include "allot-application.h"
#include "allot-session.h"
#include "allot-store.h"
#include "allot-window.h"

G_BEGIN_DECLS

/* gtk_test_init() and libadwaita, or a TAP skip when there is no display. */
void app_test_init (int    *argc,
                    char ***argv);

/* A temporary folder; removed (with its files) by app_test_remove_dir(). */
char *app_test_make_dir (void);
void  app_test_remove_dir (const char *dir);

/* A new database at @path, filled by allot_demo_load() when @demo. */
AllotStore *app_test_create_store (const char *path,
                                   gboolean    demo);

/* A registered application (non-unique: tests need no session bus). */
AllotApplication *app_test_application (void);

/* A window showing @store, presented, with its first view loaded. */
AllotWindow *app_test_window (AllotApplication *app,
                              AllotStore       *store);

/* Runs the main loop until @done returns TRUE (aborts after a minute). */
void app_test_wait (gboolean (*done) (gpointer data),
                    gpointer   data);
/* The same, aborting after @seconds. */
void app_test_wait_for (gboolean (*done) (gpointer data),
                        gpointer   data,
                        guint      seconds);
/* Until the session has no read queued or running and no view waits to load. */
void app_test_wait_idle (AllotWindow *window);
/* Runs the main loop for @ms milliseconds. */
void app_test_spin (guint ms);

/* Shows @name and waits until it has loaded. */
void app_test_show_view (AllotWindow *window,
                         const char  *name);

/* Saves what @widget shows as a PNG in the build folder (G_TEST_BUILDDIR). */
char *app_test_save_png (GtkWidget  *widget,
                         const char *name);

/* The first descendant of @root of type @type (depth first), or NULL. */
GtkWidget *app_test_find (GtkWidget *root,
                          GType      type);

/* Every label text under @root, joined by newlines. */
char *app_test_collect_text (GtkWidget *root);

G_END_DECLS
