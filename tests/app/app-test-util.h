/* app-test-util.h: helpers shared by the GUI tests.
 *
 * Each test runs against a database of its own in a temporary folder; the
 * helpers that set a scenario up abort the test on any error. */
#pragma once

#include <adwaita.h>

#include "allot-application.h"
#include "allot-field.h"
#include "allot-form-window.h"
#include "allot-session.h"
#include "allot-store.h"
#include "allot-window.h"

G_BEGIN_DECLS

/* The fixture of the tests that work on the demo data in one window: a
 * database of its own in a temporary folder.  For g_test_add(). */
typedef struct {
  char *dir;
  AllotStore *store;
  AllotApplication *app;
  AllotWindow *window;
} AppTestFixture;

void app_test_fixture_set_up (AppTestFixture *f,
                              gconstpointer   data);
void app_test_fixture_tear_down (AppTestFixture *f,
                                 gconstpointer   data);
/* Adds @test, a function of (AppTestFixture *, gconstpointer), at @path. */
#define app_test_add(path, test)                                         \
  g_test_add ((path), AppTestFixture, NULL, app_test_fixture_set_up,     \
              (test), app_test_fixture_tear_down)

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

/* Spins @settle_ms (animations, rows to paint), saves what @widget shows
 * as @name (app_test_save_png()) and logs where; returns the path. */
char *app_test_screenshot (GtkWidget  *widget,
                           const char *name,
                           guint       settle_ms);

/* The first button under @root labelled @label (only a mapped one, when
 * @mapped_only: a toast on its way out is still in the tree), or NULL. */
GtkWidget *app_test_find_button (GtkWidget  *root,
                                 const char *label,
                                 gboolean    mapped_only);

/* The visible toplevel window of @type (a form window, a message
 * dialog…), or NULL. */
gpointer app_test_find_toplevel (GType type);
/* Waits until a toplevel window of @type is visible, and returns it. */
gpointer app_test_wait_toplevel (GType type);

/* Activates @action on @window the way the menu does, and returns the form
 * window it opens. */
AllotFormWindow *app_test_open_form (AllotWindow *window,
                                     const char  *action,
                                     GVariant    *parameter);
/* The template child @name of the form of @w (an instance of @form_type);
 * aborts unless it is a field, or a drop-down. */
AllotField  *app_test_form_field (AllotFormWindow *w,
                                  GType            form_type,
                                  const char      *name);
GtkDropDown *app_test_form_dropdown (AllotFormWindow *w,
                                     GType            form_type,
                                     const char      *name);
/* Types @text into the field @name, as a person would. */
void app_test_set_field (AllotFormWindow *w,
                         GType            form_type,
                         const char      *name,
                         const char      *text);

/* Presses Undo on the toast the last save showed (waiting for it), then
 * waits until @window is idle. */
void app_test_press_undo (AllotWindow *window);

G_END_DECLS
