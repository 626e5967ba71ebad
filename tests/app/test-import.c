/* test-import.c: the import assistant on a demo database: the columns are
 * matched to the right fields and a missing one is flagged, a bad row is
 * marked in the preview and Import stays disabled, a good file imports and
 * the ledger shows it, Undo brings the totals back, Cancel rolls back.  Saves
 * screenshot-import-preview.png and screenshot-import-summary.png. */
#include "allot-config.h"

#include "allot-import-assistant.h"
#include "allot-ledger-page.h"
#include "app-test-util.h"

/* Columns named the way a finance system might: aliases, one unknown. */
#define HEADER "Type,Date,Amt,Doc #,Vendor,Grant Code,Task Force,Category,FY,Obligation\n"

static const char good_csv[] =
  HEADER
  "obligation,2025-03-03,\"1,000.00\",PO-T1,Acme Radio,JAG-FY24,SSTF,OT,2025,\n"
  "expenditure,2025-03-10,250.00,INV-T1,Acme Radio,JAG-FY24,SSTF,OT,2025,PO-T1\n"
  "expenditure,2025-03-12,$99.99,INV-T2,Fuel Co,JAG-FY24,SSTF,OT,2025,\n";

static const char bad_csv[] =
  HEADER
  "obligation,2025-03-03,1000.00,PO-B1,Acme Radio,JAG-FY24,SSTF,OT,2025,\n"
  "expenditure,2025-03-10,25O.00,INV-B1,Acme Radio,JAG-FY24,SSTF,OT,2025,\n"
  "expenditure,2025-03-12,99.99,INV-B2,Fuel Co,NOPE,SSTF,OT,2025,\n";

typedef struct {
  AllotImportAssistant *assistant;
  const char *step;
} StepWait;

static gboolean
at_step (gpointer data)
{
  StepWait *wait = data;

  return g_str_equal (allot_import_assistant_get_step (wait->assistant), wait->step);
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static AllotLedgerTotals
ledger_totals (AllotWindow *window)
{
  AllotLedgerPage *page = ALLOT_LEDGER_PAGE (allot_window_get_view (window, "ledger"));

  app_test_wait_idle (window);
  return *allot_ledger_model_get_totals (allot_ledger_page_get_model (page));
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *png = app_test_screenshot (widget, name, 300);

  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_assistant (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *good = g_build_filename (dir, "march.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  AllotWindow *window = app_test_window (app, store);
  AllotImportAssistant *assistant;
  AllotImporter *importer;
  AllotLedgerTotals before, imported, undone;
  StepWait wait;
  g_autofree char *text = NULL;
  GtkWidget *import_button;

  write_file (good, good_csv);
  write_file (bad, bad_csv);
  app_test_show_view (window, "ledger");
  before = ledger_totals (window);

  /* The window's action opens the assistant (Ctrl+I, or the main menu). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  app_test_spin (100);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    assistant = NULL;
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (ALLOT_IS_IMPORT_ASSISTANT (w))
          assistant = ALLOT_IMPORT_ASSISTANT (w);
      }
  }
  g_assert_nonnull (assistant);
  g_assert_cmpstr (allot_import_assistant_get_step (assistant), ==, "choose");
  allot_import_assistant_set_kind (assistant, ALLOT_IMPORT_LEDGER);

  /* The columns: aliases matched, the unknown one ignored, and the
   * required field it should give flagged; nothing can be imported. */
  allot_import_assistant_set_file (assistant, bad);
  g_assert_cmpstr (allot_import_assistant_get_step (assistant), ==, "check");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "Type"), ==, "kind");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "Amt"), ==, "amount");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "Doc #"), ==,
                   "document_number");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "Vendor"), ==, "payee");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "FY"), ==,
                   "fiscal_year");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "Grant Code"), ==,
                   "ignore");
  g_assert_false (allot_import_assistant_can_import (assistant));
  text = app_test_collect_text (GTK_WIDGET (assistant));
  g_assert_nonnull (strstr (text, "Required fields not read from any column: source. Choose"));
  g_clear_pointer (&text, g_free);
  gtk_window_present (GTK_WINDOW (assistant));
  save_png (GTK_WIDGET (assistant), "screenshot-import-missing.png");

  /* Read as the source, the column makes the header whole; the rows'
   * own errors remain: on their cells and rows, and Import stays off. */
  allot_import_assistant_map_column (assistant, "Grant Code", "source");
  g_assert_cmpstr (allot_import_assistant_get_column_choice (assistant, "Grant Code"), ==,
                   "source");
  importer = allot_import_assistant_get_importer (assistant);
  g_assert_cmpuint (allot_importer_get_n_rows (importer), ==, 3);
  g_assert_cmpuint (allot_importer_get_n_errors (importer), ==, 2);
  g_assert_cmpuint (allot_importer_get_n_added (importer), ==, 1);
  g_assert_false (allot_import_assistant_can_import (assistant));
  import_button = app_test_find_button (GTK_WIDGET (assistant), "_Import", FALSE);
  g_assert_nonnull (import_button);
  g_assert_false (gtk_widget_is_sensitive (import_button));
  text = app_test_collect_text (GTK_WIDGET (assistant));
  g_assert_null (strstr (text, "Required fields not read"));
  g_assert_nonnull (strstr (text, "Error: amount: is not an amount"));
  g_assert_nonnull (strstr (text, "Error: source: no funding source has this code"));
  g_assert_nonnull (strstr (text, "Will be added"));
  g_assert_nonnull (strstr (text, "25O.00"));       /* the bad cell, shown in place */
  g_clear_pointer (&text, g_free);
  save_png (GTK_WIDGET (assistant), "screenshot-import-preview.png");

  /* Back, the good file: clean, Import on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.back", NULL));
  allot_import_assistant_set_file (assistant, good);
  allot_import_assistant_map_column (assistant, "Grant Code", "source");
  g_assert_true (allot_import_assistant_can_import (assistant));
  g_assert_true (gtk_widget_is_sensitive (import_button));
  importer = allot_import_assistant_get_importer (assistant);
  g_assert_cmpuint (allot_importer_get_n_added (importer), ==, 3);
  /* The preview wrote nothing. */
  imported = ledger_totals (window);
  g_assert_cmpuint (imported.count, ==, before.count);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import", NULL));
  wait.assistant = assistant;
  wait.step = "summary";
  app_test_wait (at_step, &wait);
  /* The import ran on an importer (and connection) of its own. */
  importer = allot_import_assistant_get_importer (assistant);
  g_assert_cmpuint (allot_importer_get_n_added (importer), ==, 3);
  g_assert_cmpuint (allot_importer_get_n_errors (importer), ==, 0);
  text = app_test_collect_text (GTK_WIDGET (assistant));
  g_assert_nonnull (strstr (text, "3 added, 0 duplicates skipped, 0 errors."));
  g_clear_pointer (&text, g_free);
  save_png (GTK_WIDGET (assistant), "screenshot-import-summary.png");

  /* The ledger reloaded: three more lines, with their amounts. */
  imported = ledger_totals (window);
  g_assert_cmpuint (imported.count, ==, before.count + 3);
  g_assert_cmpint (imported.obligated, ==, before.obligated + 100000);
  g_assert_cmpint (imported.expended, ==, before.expended + 25000 + 9999);

  /* The same file again: every row a duplicate, marked, and importable
   * (duplicates are skipped, not errors). */
  {
    AllotImportAssistant *again = allot_import_assistant_new (window,
                                                              allot_window_get_session (window));

    allot_import_assistant_set_kind (again, ALLOT_IMPORT_LEDGER);
    allot_import_assistant_set_file (again, good);
    allot_import_assistant_map_column (again, "Grant Code", "source");
    g_assert_cmpuint (allot_importer_get_n_duplicates (allot_import_assistant_get_importer (again)),
                      ==, 3);
    g_assert_cmpuint (allot_importer_get_n_added (allot_import_assistant_get_importer (again)),
                      ==, 0);
    g_assert_true (allot_import_assistant_can_import (again));
    text = app_test_collect_text (GTK_WIDGET (again));
    g_assert_nonnull (strstr (text, "Duplicate, skipped: duplicate: obligation PO-T1 already "
                                    "exists; skipped"));
    g_clear_pointer (&text, g_free);
    gtk_window_destroy (GTK_WINDOW (again));
  }

  /* Undo: the totals are as before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.undo", NULL));
  g_assert_cmpstr (allot_import_assistant_get_step (assistant), ==, "progress");
  app_test_wait (at_step, &wait);
  text = app_test_collect_text (GTK_WIDGET (assistant));
  g_assert_nonnull (strstr (text, "Import Undone"));
  g_assert_nonnull (strstr (text, "3 records voided"));
  g_clear_pointer (&text, g_free);
  undone = ledger_totals (window);
  g_assert_cmpuint (undone.count, ==, before.count);
  g_assert_cmpint (undone.obligated, ==, before.obligated);
  g_assert_cmpint (undone.expended, ==, before.expended);
  g_assert_cmpint (undone.adjusted, ==, before.adjusted);

  gtk_window_destroy (GTK_WINDOW (assistant));

  /* Cancelled at once, a long file is rolled back, and the summary says so. */
  {
    g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
    g_autoptr(GString) csv = g_string_new (HEADER);
    AllotLedgerTotals cancelled;

    for (guint i = 0; i < 4000; i++)
      g_string_append_printf (csv, "expenditure,2025-03-14,1.00,BIG-%u,Fuel Co,JAG-FY24,SSTF,OT,"
                                   "2025,\n", i);
    write_file (big, csv->str);
    assistant = allot_import_assistant_new (window, allot_window_get_session (window));
    gtk_window_present (GTK_WINDOW (assistant));
    allot_import_assistant_set_kind (assistant, ALLOT_IMPORT_LEDGER);
    allot_import_assistant_set_file (assistant, big);
    allot_import_assistant_map_column (assistant, "Grant Code", "source");
    g_assert_true (allot_import_assistant_can_import (assistant));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.import",
                                               NULL));
    g_assert_cmpstr (allot_import_assistant_get_step (assistant), ==, "progress");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.cancel",
                                               NULL));
    wait.assistant = assistant;
    wait.step = "summary";
    app_test_wait (at_step, &wait);
    text = app_test_collect_text (GTK_WIDGET (assistant));
    g_assert_nonnull (strstr (text, "Import Cancelled"));
    g_assert_nonnull (strstr (text, "rolled back: nothing was written"));
    g_clear_pointer (&text, g_free);
    cancelled = ledger_totals (window);
    g_assert_cmpuint (cancelled.count, ==, before.count);
    g_assert_cmpint (cancelled.expended, ==, before.expended);
    gtk_window_destroy (GTK_WINDOW (assistant));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/import/assistant", test_assistant);
  return g_test_run ();
}
