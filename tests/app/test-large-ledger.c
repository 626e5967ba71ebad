/* test-large-ledger.c: the window on a large ledger never stalls.
 *
 * Runs only when ALLOT_TEST_LARGE_DB names a database (make one with
 * make-ledger-db FILE 1000000): it opens the file the way the menu does,
 * shows the ledger, sorts it by amount, searches it and jumps to its
 * middle, and measures the longest time the main loop went without running
 * (a 10 ms heartbeat).  A frozen window is a failure: the main thread may
 * not work more than ALLOT_TEST_MAX_STALL_MS (default 400) between two
 * beats.  (Wall time is reported too; on a loaded machine it includes time
 * the main thread merely waited for a CPU or for the X server.) */
#include "allot-config.h"

#include <time.h>

#include "allot-ledger-page.h"
#include "allot-overview-page.h"
#include "app-test-util.h"

static gint64 last_beat;
static gint64 last_cpu;
static gint64 worst_stall;
static gint64 worst_stall_cpu;   /* main-thread CPU time during the worst stall */

/* CPU time of the calling thread: a stall during which the main thread
 * hardly ran was the machine's load, not work done in the main loop. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
heartbeat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (last_beat != 0 && now - last_beat > worst_stall)
    {
      worst_stall = now - last_beat;
      worst_stall_cpu = cpu - last_cpu;
    }
  last_beat = now;
  last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
reset_stall (void)
{
  last_beat = 0;
  worst_stall = 0;
  worst_stall_cpu = 0;
}

static gint64
max_stall_us (void)
{
  const char *text = g_getenv ("ALLOT_TEST_MAX_STALL_MS");

  return (text != NULL ? g_ascii_strtoll (text, NULL, 10) : 400) * 1000;
}

static void
report (const char *what,
        gint64      start)
{
  g_test_message ("%s: %.0f ms; longest stall %.0f ms, of which the main thread ran %.0f ms",
                  what, (g_get_monotonic_time () - start) / 1000.0, worst_stall / 1000.0,
                  worst_stall_cpu / 1000.0);
  /* Judged by the work the main loop did, not by how busy the machine is. */
  g_assert_cmpint (worst_stall_cpu, <=, max_stall_us ());
}

static gboolean
session_open (gpointer data)
{
  return allot_window_get_session (ALLOT_WINDOW (data)) != NULL;
}

static gboolean
model_ready (gpointer data)
{
  return !allot_ledger_model_get_loading (ALLOT_LEDGER_MODEL (data)) &&
         g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

static gboolean
visible_rows_loaded (gpointer data)
{
  AllotLedgerModel *model = data;

  return !allot_ledger_model_get_loading (model);
}

static void
test_large_ledger (void)
{
  const char *path = g_getenv ("ALLOT_TEST_LARGE_DB");
  g_autoptr(AllotApplication) app = NULL;
  AllotWindow *window;
  AllotLedgerPage *ledger;
  AllotLedgerModel *model;
  GtkColumnView *view;
  GtkAdjustment *adjustment;
  GListModel *columns;
  g_autofree char *png = NULL;
  gint64 start;
  guint heartbeat;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("set ALLOT_TEST_LARGE_DB to a database made by make-ledger-db");
      return;
    }

  app = app_test_application ();
  window = allot_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1360, 860);
  gtk_window_present (GTK_WINDOW (window));
  heartbeat = g_timeout_add (10, heartbeat_cb, NULL);

  reset_stall ();
  start = g_get_monotonic_time ();
  allot_window_open_database (window, path, FALSE);
  /* An older file is migrated first: minutes, for a million lines. */
  app_test_wait_for (session_open, window, 900);
  app_test_wait_idle (window);
  report ("open and show the overview", start);

  ledger = ALLOT_LEDGER_PAGE (allot_window_get_view (window, "ledger"));
  model = allot_ledger_page_get_model (ledger);
  view = allot_ledger_page_get_view (ledger);

  reset_stall ();
  start = g_get_monotonic_time ();
  allot_window_show_view (window, "ledger");
  app_test_wait (model_ready, model);
  app_test_spin (200);
  app_test_wait (visible_rows_loaded, model);
  report ("count and show the ledger", start);
  g_test_message ("%u lines, %u pages held", g_list_model_get_n_items (G_LIST_MODEL (model)),
                  allot_ledger_model_get_n_cached_pages (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 100000);

  /* Sort by amount, the column without an index: click its header twice. */
  reset_stall ();
  start = g_get_monotonic_time ();
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Amount") == 0)
        gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
    }
  app_test_spin (50);
  app_test_wait (model_ready, model);
  app_test_spin (200);
  app_test_wait (visible_rows_loaded, model);
  report ("sort by amount", start);

  /* Jump to the middle, like a dragged scroll bar. */
  reset_stall ();
  start = g_get_monotonic_time ();
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) -
                                         gtk_adjustment_get_page_size (adjustment)) / 2);
  app_test_spin (200);
  app_test_wait (visible_rows_loaded, model);
  report ("jump to the middle", start);
  png = app_test_save_png (GTK_WIDGET (window), "large-ledger.png");
  g_test_message ("%s", png);

  /* Search a word in the descriptions of the whole ledger. */
  reset_stall ();
  start = g_get_monotonic_time ();
  allot_ledger_page_focus_search (ledger);
  {
    GtkWidget *entry = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_true (GTK_IS_EDITABLE (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "needle");
  }
  app_test_spin (500);   /* the search waits for typing to pause */
  app_test_wait (model_ready, model);
  app_test_spin (200);
  app_test_wait (visible_rows_loaded, model);
  report ("search", start);
  g_test_message ("%u lines match", g_list_model_get_n_items (G_LIST_MODEL (model)));

  g_source_remove (heartbeat);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/large-ledger/no-stalls", test_large_ledger);
  return g_test_run ();
}
