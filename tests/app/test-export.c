/* test-export.c: the exports run off the main loop, with progress and
 * Cancel, and a cancelled export leaves no file behind. */
#include "allot-config.h"

#include "app-test-util.h"

static gboolean
not_busy (gpointer data)
{
  return !allot_window_is_busy (ALLOT_WINDOW (data));
}

static void
test_exports (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *workbook = g_build_filename (dir, "FY2026.xlsx", NULL);
  g_autofree char *ledger = g_build_filename (dir, "ledger.csv", NULL);
  g_autofree char *cancelled = g_build_filename (dir, "cancelled.xlsx", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autofree char *contents = NULL;
  gsize length = 0;
  AllotWindow *window = app_test_window (app, store);

  allot_window_export (window, "workbook", 2026, workbook);
  g_assert_true (allot_window_is_busy (window));
  app_test_wait (not_busy, window);
  g_assert_true (g_file_get_contents (workbook, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 2, "PK", 2);   /* a zip: what .xlsx files are */
  g_clear_pointer (&contents, g_free);

  allot_window_export (window, "ledger-csv", 0, ledger);
  app_test_wait (not_busy, window);
  g_assert_true (g_file_get_contents (ledger, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_nonnull (strchr (contents, '\n'));

  /* Cancel at once: the export stops and writes nothing. */
  allot_window_export (window, "workbook", 0, cancelled);
  allot_window_cancel_busy (window);
  g_assert_false (allot_window_is_busy (window));
  app_test_spin (2000);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/export/workbook-csv-cancel", test_exports);
  return g_test_run ();
}
