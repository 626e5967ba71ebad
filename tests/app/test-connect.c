/* test-connect.c: databases on a server and the window's view of other
 * people's work (issue 9).
 *
 * - Another connection approves an obligation; the window shows it once it
 *   is focused again, and does not reload when nothing changed.
 * - Connect to Server refuses what is not a PostgreSQL address in the
 *   dialog, opens nothing, and reports a server that cannot be reached in
 *   the core's words, without the password.
 * - --db and ALLOT_DB pass a server's address through untouched.
 * - The recent list: most recent first, no duplicates, at most eight, no
 *   passwords, and the main menu's Recent Databases submenu.
 * - With ALLOT_TEST_PG_CONNINFO, a real database on the server: the title
 *   says "dbname on host", and focus notices another login's write.
 */
#include "allot-config.h"

#include <libpq-fe.h>

#include "allot-balance-card.h"
#include "allot-connect-dialog.h"
#include "allot-date.h"
#include "allot-money.h"
#include "allot-overview-page.h"
#include "allot-recent.h"
#include "app-test-util.h"

#define OFFICER  "m.rivera"
#define REVIEWER "j.chen"

static void
reset_recent (GSettings *settings)
{
  /* The memory backend outlives each test. */
  g_settings_reset (settings, "recent-databases");
}

/* An approved allocation of the latest year and a day of that year no
 * later than today (an open period); *@kind is its source's kind. */
static AllotAllocation *
approved_allocation (AllotStore      *store,
                     GDate           *day,
                     AllotSourceKind *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(AllotSource) source = NULL;
  AllotAllocation *best = NULL;
  GDate first, last;

  allocations = allot_store_list_allocations (store, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocations->len; i++)
    {
      AllotAllocation *a = allocations->pdata[i];

      if (a->status == ALLOT_STATUS_APPROVED && !a->voided &&
          (best == NULL || a->fiscal_year > best->fiscal_year))
        best = a;
    }
  g_assert_nonnull (best);
  allot_fiscal_year_bounds (best->fiscal_year, allot_store_get_fy_start_month (store),
                            &first, &last);
  g_date_set_dmy (day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (g_date_compare (day, &last) > 0)
    *day = last;
  if (g_date_compare (day, &first) < 0)
    *day = first;
  source = allot_store_lookup_source (store, best->source_id, &error);
  g_assert_no_error (error);
  *kind = source->kind;
  return allot_store_lookup_allocation (store, best->id, NULL);
}

static gint64
obligated (AllotStore      *store,
           AllotSourceKind  kind,
           int              fiscal_year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_KIND,
                                                         fiscal_year, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];

      if (g_strcmp0 (row->code, allot_source_kind_to_string (kind)) == 0)
        return row->balance.obligated;
    }
  return 0;
}

static void
assert_card (AllotWindow     *window,
             AllotSourceKind  kind,
             gint64           cents)
{
  AllotOverviewPage *overview = ALLOT_OVERVIEW_PAGE (allot_window_get_view (window, "overview"));
  g_autofree char *expected = allot_money_format (cents, "USD");

  g_assert_cmpstr (allot_balance_card_get_value_text (allot_overview_page_get_card (overview, kind),
                                                      ALLOT_CARD_OBLIGATED), ==, expected);
}

/* Another person, on a connection of their own: the officer submits an
 * obligation of @amount cents and the reviewer approves it. */
static void
approve_elsewhere (const char  *path,
                   gint64       allocation_id,
                   const GDate *day,
                   const char  *document,
                   gint64       amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) officer = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_autoptr(AllotStore) reviewer = NULL;
  g_autoptr(AllotLedgerEntry) entry = allot_ledger_entry_new ();

  g_assert_no_error (error);
  allot_store_set_user (officer, OFFICER);
  entry->allocation_id = allocation_id;
  entry->kind = ALLOT_ENTRY_OBLIGATION;
  entry->amount = amount;
  entry->entry_date = *day;
  entry->document_number = g_strdup (document);
  entry->payee = g_strdup ("Focus test vendor");
  entry->status = ALLOT_STATUS_SUBMITTED;
  allot_store_add_entry (officer, entry, &error);
  g_assert_no_error (error);

  reviewer = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  allot_store_set_user (reviewer, REVIEWER);
  allot_store_approve_entry (reviewer, entry->id, &error);
  g_assert_no_error (error);
}

/* On the demo data at @path, open in @store. */
static void
check_refresh_on_focus (AllotApplication *app,
                        AllotStore       *store,
                        const char       *path)
{
  g_autoptr(AllotAllocation) allocation = NULL;
  AllotSourceKind kind;
  AllotWindow *window;
  gint64 before;
  GDate day;

  allocation = approved_allocation (store, &day, &kind);
  window = app_test_window (app, store);
  allot_window_set_fiscal_year (window, allocation->fiscal_year);
  app_test_wait_idle (window);
  before = obligated (store, kind, allocation->fiscal_year);
  assert_card (window, kind, before);

  /* Nothing written: focusing the window reads nothing again. */
  g_assert_false (allot_window_refresh_if_changed (window));

  approve_elsewhere (path, allocation->id, &day, "FOCUS-1", 12345);
  /* $123.45 more is obligated in the database ... */
  g_assert_cmpint (obligated (store, kind, allocation->fiscal_year), ==, before + 12345);
  /* ... and the window still shows what it loaded. */
  app_test_spin (200);
  assert_card (window, kind, before);

  /* Focus: it notices and shows the approval. */
  g_assert_true (allot_window_refresh_if_changed (window));
  app_test_wait_idle (window);
  assert_card (window, kind, before + 12345);
  /* Once is enough. */
  g_assert_false (allot_window_refresh_if_changed (window));

  /* The same through the window's focus signal (when the X server gave the
   * window the focus: Xvfb has no window manager to insist). */
  approve_elsewhere (path, allocation->id, &day, "FOCUS-2", 500);
  if (gtk_window_is_active (GTK_WINDOW (window)))
    {
      g_object_notify (G_OBJECT (window), "is-active");
      app_test_wait_idle (window);
      assert_card (window, kind, before + 12845);
      g_assert_false (allot_window_refresh_if_changed (window));
    }
  else
    {
      g_test_message ("the window is not active under this X server: refreshed by hand");
      g_assert_true (allot_window_refresh_if_changed (window));
      app_test_wait_idle (window);
      assert_card (window, kind, before + 12845);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_refresh_on_focus (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();

  check_refresh_on_focus (app, store, path);
  app_test_remove_dir (dir);
}

static gboolean
not_busy (gpointer data)
{
  return !allot_window_is_busy (data);
}

static void
test_connect_dialog (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  GSettings *settings = allot_application_get_settings (app);
  const char *recent[] = {
    "postgresql://ana@db.example.org/budget",
    path,
    "host=/var/run/postgresql port=5433 dbname=ledger2026",
    NULL,
  };
  g_auto(GStrv) recent_after = NULL;
  AllotWindow *window;
  AllotSession *session;
  AllotConnectDialog *dialog;
  AdwMessageDialog *refusal;
  g_autofree char *png = NULL;
  const char *body;

  reset_recent (settings);
  g_settings_set_strv (settings, "recent-databases", recent);
  window = app_test_window (app, store);
  session = allot_window_get_session (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-server", NULL));
  dialog = app_test_wait_toplevel (ALLOT_TYPE_CONNECT_DIALOG);
  /* The servers of the recent list, not the file. */
  g_assert_cmpuint (allot_connect_dialog_get_n_recent (dialog), ==, 2);

  /* A file name is not a server's address: said in the dialog, which stays. */
  allot_connect_dialog_set_text (dialog, "/home/ana/budget.db");
  g_assert_false (allot_connect_dialog_connect (dialog));
  g_assert_cmpstr (allot_connect_dialog_get_error_text (dialog), ==,
                   "This is not a PostgreSQL address: “/home/ana/budget.db”. Write it as "
                   "postgresql://host/dbname or as host=… dbname=…; a database file opens "
                   "with Open Database.");
  g_assert_true (app_test_find_toplevel (ALLOT_TYPE_CONNECT_DIALOG) == dialog);
  g_assert_false (allot_window_is_busy (window));
  g_assert_true (allot_window_get_session (window) == session);
  png = app_test_screenshot (GTK_WIDGET (dialog), "screenshot-connect-dialog.png", 400);

  /* Typing clears it; a word is refused too, and nothing at all. */
  allot_connect_dialog_set_text (dialog, "budget");
  g_assert_null (allot_connect_dialog_get_error_text (dialog));
  g_assert_false (allot_connect_dialog_connect (dialog));
  g_assert_nonnull (strstr (allot_connect_dialog_get_error_text (dialog), "“budget”"));
  allot_connect_dialog_set_text (dialog, "   ");
  g_assert_false (allot_connect_dialog_connect (dialog));
  g_assert_cmpstr (allot_connect_dialog_get_error_text (dialog), ==,
                   "Enter the address of the database, such as postgresql://host/dbname.");
  g_assert_false (allot_window_is_busy (window));
  g_assert_true (allot_window_get_session (window) == session);

  /* A server's address that leads nowhere: the dialog hands it over and
   * closes; the window reports the core's message, without the password,
   * and keeps its database. */
  allot_connect_dialog_set_text (dialog, "host=/nonexistent-allot-socket port=5999 "
                                         "dbname=budget user=ana password=secret");
  g_assert_true (allot_connect_dialog_connect (dialog));
  g_assert_null (app_test_find_toplevel (ALLOT_TYPE_CONNECT_DIALOG));
  refusal = app_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  app_test_wait (not_busy, window);
  body = adw_message_dialog_get_body (refusal);
  g_assert_cmpstr (adw_message_dialog_get_heading (refusal), ==, "Could Not Open the Database");
  g_assert_true (g_str_has_prefix (body, "Could not connect to the PostgreSQL database “budget” "
                                         "on /nonexistent-allot-socket (port 5999) as “ana”: "));
  g_assert_null (strstr (body, "secret"));
  g_assert_true (allot_window_get_session (window) == session);
  /* A failed open is not a recent one. */
  recent_after = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpstrv (recent_after, recent);
  gtk_window_destroy (GTK_WINDOW (refusal));

  reset_recent (settings);
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

/* ---- --db and ALLOT_DB ---- */

typedef struct {
  AllotApplication *app;
  char *body;
  char *subtitle_text;
} RunCheck;

static gboolean
refusal_shown_cb (gpointer data)
{
  RunCheck *check = data;
  AdwMessageDialog *dialog = app_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  GList *windows;

  if (dialog == NULL)
    return G_SOURCE_CONTINUE;
  check->body = g_strdup (adw_message_dialog_get_body (dialog));
  windows = gtk_application_get_windows (GTK_APPLICATION (check->app));
  check->subtitle_text = app_test_collect_text (GTK_WIDGET (windows->data));
  gtk_window_destroy (GTK_WINDOW (dialog));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (check->app))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  return G_SOURCE_REMOVE;
}

/* Runs `allot @args…` and returns the refusal the window shows. */
static void
run_command_line (const char *db_arg,
                  RunCheck   *check)
{
  g_autoptr(AllotApplication) app = app_test_application ();
  char *argv[] = { (char *) "allot", (char *) "--db", (char *) db_arg, NULL };
  int argc = db_arg != NULL ? 3 : 1;

  check->app = app;
  g_timeout_add (50, refusal_shown_cb, check);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), argc, argv), ==, 0);
  check->app = NULL;
}

static void
test_command_line (void)
{
  const char *conninfo = "host=/nonexistent-allot-socket port=5998 dbname=books user=ana "
                         "password=secret";
  const char *expected = "Could not connect to the PostgreSQL database “books” on "
                         "/nonexistent-allot-socket (port 5998) as “ana”: ";
  g_autofree char *saved = g_strdup (g_getenv ("ALLOT_DB"));
  RunCheck check = { 0 };

  /* --db: a conninfo is not a file in the current folder. */
  run_command_line (conninfo, &check);
  g_assert_true (g_str_has_prefix (check.body, expected));
  g_assert_null (strstr (check.body, "secret"));
  g_clear_pointer (&check.body, g_free);
  g_clear_pointer (&check.subtitle_text, g_free);

  run_command_line ("postgresql://ana:secret@/books?host=/nonexistent-allot-socket&port=5998",
                    &check);
  g_assert_true (g_str_has_prefix (check.body, expected));
  g_assert_null (strstr (check.body, "secret"));
  g_clear_pointer (&check.body, g_free);
  g_clear_pointer (&check.subtitle_text, g_free);

  /* ALLOT_DB, without --db. */
  g_setenv ("ALLOT_DB", conninfo, TRUE);
  run_command_line (NULL, &check);
  g_assert_true (g_str_has_prefix (check.body, expected));
  g_clear_pointer (&check.body, g_free);
  g_clear_pointer (&check.subtitle_text, g_free);
  if (saved != NULL)
    g_setenv ("ALLOT_DB", saved, TRUE);
  else
    g_unsetenv ("ALLOT_DB");
}

/* ---- the recent list ---- */

static gboolean
opened (gpointer data)
{
  AllotWindow *window = data;

  return !allot_window_is_busy (window) && allot_window_get_session (window) != NULL;
}

static void
open_and_wait (AllotWindow *window,
               const char  *path)
{
  allot_window_open_database (window, path, FALSE);
  app_test_wait (opened, window);
  g_assert_cmpstr (allot_store_get_path (allot_session_get_store (
                     allot_window_get_session (window))), ==, path);
  app_test_wait_idle (window);
}

/* The Recent Databases submenu of the main menu: its items' targets. */
static GMenuModel *
find_recent_submenu (GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      if (submenu != NULL && g_strcmp0 (label, "_Recent Databases") == 0)
        return g_steal_pointer (&submenu);
      if (section != NULL)
        {
          GMenuModel *found = find_recent_submenu (section);

          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

static GtkMenuButton *
primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return GTK_MENU_BUTTON (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The menu row showing @text (a GtkModelButton, private to GTK). */
static GtkWidget *
menu_row_with_label (GtkWidget  *root,
                     const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    {
      GtkWidget *row = root;

      while (row != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkModelButton"))
        row = gtk_widget_get_parent (row);
      return row;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = menu_row_with_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_recent (GSettings  *settings,
               const char *first,
               ...)
{
  g_auto(GStrv) list = g_settings_get_strv (settings, "recent-databases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  expected = g_strv_builder_end (builder);
  g_assert_cmpstrv (list, expected);
}

static void
test_recent (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *a = g_build_filename (dir, "north_office.db", NULL);
  g_autofree char *b = g_build_filename (dir, "south.db", NULL);
  g_autoptr(AllotApplication) app = app_test_application ();
  GSettings *settings = allot_application_get_settings (app);
  g_autoptr(GMenuModel) submenu = NULL;
  g_autofree char *target = NULL;
  g_autofree char *label = NULL;
  g_autofree char *png = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkWidget *row;
  AllotWindow *window;

  reset_recent (settings);
  g_object_unref (app_test_create_store (a, TRUE));
  g_object_unref (app_test_create_store (b, FALSE));
  window = allot_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1360, 860);
  gtk_window_present (GTK_WINDOW (window));
  button = primary_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  /* Nothing opened yet: no Recent submenu at all. */
  g_assert_null (find_recent_submenu (gtk_menu_button_get_menu_model (button)));

  open_and_wait (window, a);
  assert_recent (settings, a, NULL);
  open_and_wait (window, b);
  assert_recent (settings, b, a, NULL);
  /* Again: moves to the front, once. */
  open_and_wait (window, a);
  assert_recent (settings, a, b, NULL);

  /* A server with a password is remembered without it. */
  allot_recent_add (settings, "postgresql://u:secret@h:5432/db");
  allot_recent_add (settings, "host=h password=secret dbname=d");
  assert_recent (settings, "host=h dbname=d", "postgresql://u@h:5432/db", a, b, NULL);
  /* Remembered again with another password: still one entry. */
  allot_recent_add (settings, "postgresql://u:other@h:5432/db");
  assert_recent (settings, "postgresql://u@h:5432/db", "host=h dbname=d", a, b, NULL);

  /* The menu follows the list: display names, the location as target. */
  submenu = find_recent_submenu (gtk_menu_button_get_menu_model (button));
  g_assert_nonnull (submenu);
  g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, 4);
  g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_assert_cmpstr (label, ==, "db on h");
  g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_TARGET, "s", &target);
  g_assert_cmpstr (target, ==, "postgresql://u@h:5432/db");
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&target, g_free);
  /* A file by its name, "_" shown as such (not a mnemonic). */
  g_menu_model_get_item_attribute (submenu, 2, G_MENU_ATTRIBUTE_LABEL, "s", &label);
  g_assert_cmpstr (label, ==, "north__office.db");
  g_menu_model_get_item_attribute (submenu, 2, G_MENU_ATTRIBUTE_TARGET, "s", &target);
  g_assert_cmpstr (target, ==, a);

  /* Picking one opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", b));
  app_test_wait (opened, window);
  app_test_wait_idle (window);
  g_assert_cmpstr (allot_store_get_path (allot_session_get_store (
                     allot_window_get_session (window))), ==, b);
  assert_recent (settings, b, "postgresql://u@h:5432/db", "host=h dbname=d", a, NULL);

  /* At most eight. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *uri = g_strdup_printf ("postgresql://h/db%d", i);

      allot_recent_add (settings, uri);
    }
  {
    g_auto(GStrv) list = g_settings_get_strv (settings, "recent-databases");

    g_assert_cmpuint (g_strv_length (list), ==, ALLOT_RECENT_MAX);
    g_assert_cmpstr (list[0], ==, "postgresql://h/db9");
    g_assert_cmpstr (list[7], ==, "postgresql://h/db2");
  }

  /* The main menu, and its Recent Databases submenu, as people see them. */
  g_settings_set_strv (settings, "recent-databases",
                       (const char *[]) { b, "postgresql://ana@db.example.org/budget", a,
                                          "host=/var/run/postgresql port=5433 dbname=ledger",
                                          NULL });
  gtk_menu_button_popup (button);
  app_test_spin (400);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  png = app_test_screenshot (GTK_WIDGET (popover), "screenshot-main-menu.png", 200);
  row = menu_row_with_label (GTK_WIDGET (popover), "Recent Databases");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_free (app_test_screenshot (GTK_WIDGET (popover), "screenshot-main-menu-recent.png", 600));
  {
    g_autofree char *text = app_test_collect_text (GTK_WIDGET (popover));

    g_assert_nonnull (strstr (text, "budget on db.example.org"));
    g_assert_nonnull (strstr (text, "ledger on localhost:5433"));
    g_assert_nonnull (strstr (text, "north_office.db"));
  }
  gtk_menu_button_popdown (button);

  reset_recent (settings);
  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

/* ---- a real server (ALLOT_TEST_PG_CONNINFO) ---- */

static void
pg_exec (const char *conninfo,
         const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
}

/* "dbname on host[:port]" as the title should say it, from the conninfo. */
static char *
expected_title (const char *conninfo,
                const char *dbname)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  const char *host = "localhost";
  const char *port = NULL;
  char *title;

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "host") && o->val != NULL && o->val[0] != '/' && o->val[0] != '\0')
      host = o->val;
    else if (g_str_equal (o->keyword, "port") && o->val != NULL && *o->val != '\0')
      port = o->val;
  title = port != NULL && !g_str_equal (port, "5432")
          ? g_strdup_printf ("%s on %s:%s", dbname, host, port)
          : g_strdup_printf ("%s on %s", dbname, host);
  PQconninfoFree (options);
  return title;
}

static void
test_server (void)
{
  const char *conninfo = g_getenv ("ALLOT_TEST_PG_CONNINFO");
  g_autofree char *dbname = NULL;
  g_autofree char *location = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autoptr(AllotApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  AllotWindow *window;

  if (conninfo == NULL || *conninfo == '\0')
    {
      g_test_skip ("ALLOT_TEST_PG_CONNINFO is not set");
      return;
    }
  dbname = g_strdup_printf ("allot_app_connect_%d", (int) getpid ());
  sql = g_strdup_printf ("CREATE DATABASE %s", dbname);
  pg_exec (conninfo, sql);
  location = g_strdup_printf ("%s dbname=%s", conninfo, dbname);

  app = app_test_application ();
  settings = allot_application_get_settings (app);
  reset_recent (settings);
  window = allot_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1360, 860);
  gtk_window_present (GTK_WINDOW (window));
  /* New, so created and migrated by the store. */
  allot_window_open_database (window, location, TRUE);
  app_test_wait (opened, window);
  app_test_wait_idle (window);

  title = expected_title (conninfo, dbname);
  text = app_test_collect_text (GTK_WIDGET (window));
  g_assert_nonnull (strstr (text, title));
  {
    g_auto(GStrv) list = g_settings_get_strv (settings, "recent-databases");

    g_assert_cmpstr (list[0], ==, location);
  }
  g_free (app_test_screenshot (GTK_WIDGET (window), "screenshot-server-window.png", 300));

  /* Another login's write is noticed on focus. */
  g_assert_false (allot_window_refresh_if_changed (window));
  {
    g_autoptr(AllotStore) other = allot_store_open (location, ALLOT_STORE_OPEN_EXISTING, &error);
    g_autoptr(AllotAgency) agency = allot_agency_new ();

    g_assert_no_error (error);
    agency->code = g_strdup ("MPD");
    agency->name = g_strdup ("Metropolitan Police Department");
    agency->level = ALLOT_AGENCY_LOCAL;
    allot_store_add_agency (other, agency, &error);
    g_assert_no_error (error);
  }
  g_assert_true (allot_window_refresh_if_changed (window));
  app_test_wait_idle (window);
  g_assert_false (allot_window_refresh_if_changed (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The demo data on the server, and a reviewer's approval on another
   * login's connection: the same figures as on a file. */
  {
    g_autofree char *demo = g_strdup_printf ("%s_demo", dbname);
    g_autofree char *demo_location = g_strdup_printf ("%s dbname=%s", conninfo, demo);
    g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", demo);
    g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", demo);
    AllotStore *store;

    pg_exec (conninfo, create);
    store = app_test_create_store (demo_location, TRUE);
    check_refresh_on_focus (app, store, demo_location);
    g_object_unref (store);
    app_test_spin (200);
    pg_exec (conninfo, drop);
  }
  reset_recent (settings);
  g_clear_object (&app);
  app_test_spin (200);
  g_free (sql);
  sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", dbname);
  pg_exec (conninfo, sql);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/connect/refresh-on-focus", test_refresh_on_focus);
  g_test_add_func ("/connect/dialog", test_connect_dialog);
  g_test_add_func ("/connect/command-line", test_command_line);
  g_test_add_func ("/connect/recent", test_recent);
  g_test_add_func ("/connect/server", test_server);
  return g_test_run ();
}
