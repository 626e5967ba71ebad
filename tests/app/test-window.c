/* test-window.c: the window opens on the demo data, the Overview shows the
 * totals of allot_store_list_balances(), and a refused file is reported
 * without being changed. */
#include "allot-config.h"

#include <glib/gstdio.h>

#include "allot-balance-card.h"
#include "allot-money.h"
#include "allot-overview-page.h"
#include "app-test-util.h"

static const AllotBalance *
kind_row (GPtrArray       *rows,
          AllotSourceKind  kind)
{
  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];

      if (g_strcmp0 (row->code, allot_source_kind_to_string (kind)) == 0)
        return &row->balance;
    }
  return NULL;
}

static void
assert_money (AllotBalanceCard *card,
              AllotCardField    field,
              gint64            cents)
{
  g_autofree char *expected = allot_money_format (cents, "USD");

  g_assert_cmpstr (allot_balance_card_get_value_text (card, field), ==, expected);
}

static void
test_overview_totals (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autoptr(GPtrArray) year_rows = NULL;
  g_autoptr(GPtrArray) lifetime_rows = NULL;
  g_autoptr(GError) error = NULL;
  AllotWindow *window;
  AllotOverviewPage *overview;
  int fiscal_year;
  guint checked = 0;

  window = app_test_window (app, store);
  g_assert_cmpstr (allot_window_get_view_name (window), ==, "overview");
  overview = ALLOT_OVERVIEW_PAGE (allot_window_get_view (window, "overview"));
  g_assert_false (allot_overview_page_get_loading (overview));

  fiscal_year = allot_window_get_fiscal_year (window);
  g_assert_cmpint (fiscal_year, >=, 2025);
  year_rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_KIND, fiscal_year, &error);
  g_assert_no_error (error);
  lifetime_rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_KIND, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year_rows->len, >, 0);

  for (guint kind = 0; kind < ALLOT_SOURCE_N_KINDS; kind++)
    {
      AllotBalanceCard *card = allot_overview_page_get_card (overview, kind);
      const AllotBalance *year = kind_row (year_rows, kind);
      const AllotBalance *lifetime = kind_row (lifetime_rows, kind);
      AllotBalance zero = { 0, };

      if (year == NULL)
        year = &zero;
      else
        checked++;
      if (lifetime == NULL)
        lifetime = &zero;
      assert_money (card, ALLOT_CARD_AUTHORIZED, lifetime->authorized);
      assert_money (card, ALLOT_CARD_UNALLOCATED, lifetime->authorized - lifetime->allocated);
      assert_money (card, ALLOT_CARD_ALLOCATED, year->allocated);
      assert_money (card, ALLOT_CARD_OBLIGATED, year->obligated);
      assert_money (card, ALLOT_CARD_EXPENDED, year->expended);
      assert_money (card, ALLOT_CARD_UNLIQUIDATED, year->unliquidated);
      assert_money (card, ALLOT_CARD_AVAILABLE, year->available);
    }
  g_assert_cmpuint (checked, ==, year_rows->len);

  /* Another year: the cards follow. */
  allot_window_set_fiscal_year (window, 2025);
  app_test_wait_idle (window);
  g_clear_pointer (&year_rows, g_ptr_array_unref);
  year_rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_KIND, 2025, &error);
  g_assert_no_error (error);
  for (guint kind = 0; kind < ALLOT_SOURCE_N_KINDS; kind++)
    {
      const AllotBalance *year = kind_row (year_rows, kind);

      if (year != NULL)
        assert_money (allot_overview_page_get_card (overview, kind), ALLOT_CARD_EXPENDED,
                      year->expended);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

static void
check_refused (const char *path,
               const char *expected_words)
{
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  AdwMessageDialog *dialog;
  AllotWindow *window;

  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
  window = allot_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  allot_window_open_database (window, path, TRUE);
  dialog = app_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected_words));
  g_assert_null (allot_window_get_session (window));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_refused_files (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *bump = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_file_set_contents (text, "These are my notes, not a database.\n", -1, NULL));
  check_refused (text, "not an Allot database");

  /* An SQLite database of another program. */
  sql = g_strdup_printf ("sqlite3 '%s' 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'", foreign);
  g_spawn_command_line_sync (sql, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  if (status == 0)
    check_refused (foreign, "another program");

  /* An Allot database from a newer Allot. */
  g_object_unref (app_test_create_store (newer, FALSE));
  bump = g_strdup_printf ("sqlite3 '%s' 'PRAGMA user_version = 999;'", newer);
  g_spawn_command_line_sync (bump, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  if (status == 0)
    check_refused (newer, "newer version");

  app_test_remove_dir (dir);
}

/* Size and last view are remembered (GSettings), data is not. */
static void
test_window_state (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  GSettings *settings = allot_application_get_settings (app);
  g_autofree char *view = NULL;
  AllotWindow *window = app_test_window (app, store);
  AllotWindow *second;

  app_test_show_view (window, "allocations");
  view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (view, ==, "allocations");

  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1111);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);

  second = allot_window_new (app);
  g_assert_cmpstr (allot_window_get_view_name (second), ==, "allocations");
  gtk_window_destroy (GTK_WINDOW (second));

  /* The memory backend outlives this test. */
  g_settings_reset (settings, "last-view");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  app_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/window/state", test_window_state);
  g_test_add_func ("/window/overview-totals", test_overview_totals);
  g_test_add_func ("/window/refused-files", test_refused_files);
  return g_test_run ();
}
