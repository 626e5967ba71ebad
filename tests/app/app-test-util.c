/* app-test-util.c: helpers shared by the GUI tests. */
#include "allot-config.h"

#include <glib/gstdio.h>

#include "allot-demo.h"
#include "allot-page.h"
#include "app-test-util.h"

/* Warnings fail the test, except the one Xvfb causes: it has no session
 * bus, and GtkApplication says so before carrying on without one. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if (log_level & G_LOG_LEVEL_WARNING)
    {
      const char *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
          message = fields[i].value;
      if (message != NULL && strstr (message, "session bus") != NULL)
        return G_LOG_WRITER_HANDLED;
      g_test_fail ();
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

void
app_test_init (int    *argc,
               char ***argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display: run the app suite under xvfb-run\n");
      exit (0);
    }
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_log_set_writer_func (log_writer, NULL, NULL);
  gtk_test_init (argc, argv, NULL);
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  adw_init ();
}

char *
app_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("allot-app-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
app_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        app_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

AllotStore *
app_test_create_store (const char *path,
                       gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  AllotStore *store = allot_store_open (path, ALLOT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  allot_store_set_user (store, "tester");
  if (demo)
    {
      allot_demo_load (store, &error);
      g_assert_no_error (error);
    }
  return store;
}

AllotApplication *
app_test_application (void)
{
  g_autoptr(GError) error = NULL;
  AllotApplication *app = allot_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
app_test_wait (gboolean (*done) (gpointer data),
               gpointer   data)
{
  app_test_wait_for (done, data, 60);
}

void
app_test_wait_for (gboolean (*done) (gpointer data),
                   gpointer   data,
                   guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
spin_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

void
app_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, spin_done_cb, &done);
  app_test_wait (flag_set, &done);
}

static gboolean
window_idle (gpointer data)
{
  AllotWindow *window = data;
  AllotSession *session = allot_window_get_session (window);
  const char *name = allot_window_get_view_name (window);
  GtkWidget *view = name != NULL ? allot_window_get_view (window, name) : NULL;

  return session != NULL && allot_session_get_n_pending (session) == 0 &&
         (view == NULL || !allot_page_reload_pending (view));
}

void
app_test_wait_idle (AllotWindow *window)
{
  /* A finished read can lead to more (a count, then the visible pages):
   * idle twice, a frame apart. */
  app_test_wait (window_idle, window);
  app_test_spin (150);
  app_test_wait (window_idle, window);
}

AllotWindow *
app_test_window (AllotApplication *app,
                 AllotStore       *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotSession) session = allot_session_new (store, &error);
  AllotWindow *window;

  g_assert_no_error (error);
  window = allot_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1360, 860);
  allot_window_set_session (window, session);
  gtk_window_present (GTK_WINDOW (window));
  app_test_wait_idle (window);
  return window;
}

void
app_test_show_view (AllotWindow *window,
                    const char  *name)
{
  allot_window_show_view (window, name);
  app_test_wait_idle (window);
}

char *
app_test_save_png (GtkWidget  *widget,
                   const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  char *path;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

GtkWidget *
app_test_find (GtkWidget *root,
               GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

char *
app_test_collect_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

void
app_test_fixture_set_up (AppTestFixture *f,
                         gconstpointer   data)
{
  g_autofree char *path = NULL;

  f->dir = app_test_make_dir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = app_test_create_store (path, TRUE);
  f->app = app_test_application ();
  f->window = app_test_window (f->app, f->store);
}

void
app_test_fixture_tear_down (AppTestFixture *f,
                            gconstpointer   data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_clear_object (&f->store);
  app_test_remove_dir (f->dir);
  g_free (f->dir);
}

char *
app_test_screenshot (GtkWidget  *widget,
                     const char *name,
                     guint       settle_ms)
{
  char *png;

  app_test_spin (settle_ms);
  png = app_test_save_png (widget, name);
  g_test_message ("%s", png);
  return png;
}

GtkWidget *
app_test_find_button (GtkWidget  *root,
                      const char *label,
                      gboolean    mapped_only)
{
  if (GTK_IS_BUTTON (root) && (!mapped_only || gtk_widget_get_mapped (root)) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_button (child, label, mapped_only);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gpointer
app_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      /* The list holds its own reference: the window outlives this one. */
      if (g_type_is_a (G_OBJECT_TYPE (window), type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef struct {
  GType type;
  gpointer found;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer data)
{
  ToplevelWait *wait = data;

  wait->found = app_test_find_toplevel (wait->type);
  return wait->found != NULL;
}

gpointer
app_test_wait_toplevel (GType type)
{
  ToplevelWait wait = { type, NULL };

  app_test_wait (toplevel_shown, &wait);
  return wait.found;
}

AllotFormWindow *
app_test_open_form (AllotWindow *window,
                    const char  *action,
                    GVariant    *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
  return app_test_wait_toplevel (ALLOT_TYPE_FORM_WINDOW);
}

static GObject *
form_child (AllotFormWindow *w,
            GType            form_type,
            const char      *name,
            GType            child_type)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (allot_form_window_get_form (w)),
                                                  form_type, name);

  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (child, child_type));
  return child;
}

AllotField *
app_test_form_field (AllotFormWindow *w,
                     GType            form_type,
                     const char      *name)
{
  return ALLOT_FIELD (form_child (w, form_type, name, ALLOT_TYPE_FIELD));
}

GtkDropDown *
app_test_form_dropdown (AllotFormWindow *w,
                        GType            form_type,
                        const char      *name)
{
  return GTK_DROP_DOWN (form_child (w, form_type, name, GTK_TYPE_DROP_DOWN));
}

void
app_test_set_field (AllotFormWindow *w,
                    GType            form_type,
                    const char      *name,
                    const char      *text)
{
  allot_field_set_text (app_test_form_field (w, form_type, name), text);
}

typedef struct {
  AllotWindow *window;
  GtkWidget *button;
} ButtonWait;

static gboolean
undo_button_shown (gpointer data)
{
  ButtonWait *wait = data;

  wait->button = app_test_find_button (GTK_WIDGET (wait->window), "_Undo", TRUE);
  return wait->button != NULL;
}

void
app_test_press_undo (AllotWindow *window)
{
  ButtonWait wait = { window, NULL };

  app_test_wait (undo_button_shown, &wait);
  g_signal_emit_by_name (wait.button, "clicked");
  app_test_wait_idle (window);
}
