/* test-screenshots.c: a PNG of each main view, on the demo data, in the
 * build folder (screenshot-overview.png, ...): what the README shows and
 * what a reviewer looks at after a change to the UI. */
#include "allot-config.h"

#include "allot-overview-page.h"
#include "app-test-util.h"

static const char *views[] = {
  "overview", "sources", "allocations", "ledger", "task-forces", "review", "reports",
};

static void
test_views (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  AllotWindow *window = app_test_window (app, store);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("screenshot-%s.png", views[i]);
      g_autofree char *png = NULL;

      app_test_show_view (window, views[i]);
      /* Let the transition finish and the last rows paint. */
      app_test_spin (400);
      app_test_wait_idle (window);
      png = app_test_save_png (GTK_WIDGET (window), name);
      g_test_message ("%s", png);
      g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
    }

  /* The chart alone, at the size it has in the window. */
  {
    g_autofree char *png = NULL;
    GtkWidget *overview;

    app_test_show_view (window, "overview");
    app_test_spin (400);
    overview = allot_window_get_view (window, "overview");
    png = app_test_save_png (GTK_WIDGET (allot_overview_page_get_burn_chart (
                                          ALLOT_OVERVIEW_PAGE (overview))),
                             "screenshot-burn-chart.png");
    g_test_message ("%s", png);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/screenshots/views", test_views);
  return g_test_run ();
}
