/* test-screenshots.c: a PNG of each main view, on the demo data, in the
 * build folder (screenshot-overview.png, ...): what the README shows and
 * what a reviewer looks at after a change to the UI. */
#include "allot-config.h"

#include "allot-field.h"
#include "allot-form-window.h"
#include "allot-forms.h"
#include "allot-overview-page.h"
#include "allot-preferences-window.h"
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

static void
save_form_png (AllotFormWindow *w,
               const char      *name)
{
  g_free (app_test_screenshot (GTK_WIDGET (w), name, 400));
}

/* The dialogs as people meet them: a grant with a mistyped amount, and an
 * allocation the core refuses. */
static void
test_forms (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autoptr(AllotSource) source = NULL;
  AllotWindow *window = app_test_window (app, store);
  AllotFormWindow *w = NULL;
  GtkWidget *form;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-source", "s", "grant");
  w = app_test_wait_toplevel (ALLOT_TYPE_FORM_WINDOW);
  form = GTK_WIDGET (allot_form_window_get_form (w));
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_SOURCE_FORM,
                                                                   "code_field")), "JAG-FY27");
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_SOURCE_FORM,
                                                                   "name_field")),
                        "Edward Byrne Memorial JAG, FY2027");
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_SOURCE_FORM,
                                                                   "award_amount_field")),
                        "1,25.00");
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_SOURCE_FORM,
                                                                   "pop_start_field")),
                        "2026-02-30");
  save_form_png (w, "screenshot-form-grant.png");
  gtk_window_destroy (GTK_WINDOW (w));

  source = allot_store_lookup_source_by_code (store, "BVP-FY24", NULL);
  g_assert_nonnull (source);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.allocate-source", "x", source->id);
  w = app_test_wait_toplevel (ALLOT_TYPE_FORM_WINDOW);
  form = GTK_WIDGET (allot_form_window_get_form (w));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                                form, ALLOT_TYPE_ALLOCATION_FORM, "task_force_dropdown")), 1);
  allot_field_set_year (ALLOT_FIELD (gtk_widget_get_template_child (form,
                                                                    ALLOT_TYPE_ALLOCATION_FORM,
                                                                    "fiscal_year_field")), 2025);
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form,
                                                                    ALLOT_TYPE_ALLOCATION_FORM,
                                                                    "amount_field")),
                        "50,000.00");
  allot_form_window_save (w);
  save_form_png (w, "screenshot-form-over-allocation.png");
  gtk_window_destroy (GTK_WINDOW (w));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-entry", NULL);
  w = app_test_wait_toplevel (ALLOT_TYPE_FORM_WINDOW);
  form = GTK_WIDGET (allot_form_window_get_form (w));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                                form, ALLOT_TYPE_ENTRY_FORM, "kind_dropdown")),
                              ALLOT_ENTRY_EXPENDITURE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                                form, ALLOT_TYPE_ENTRY_FORM, "allocation_dropdown")), 1);
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_ENTRY_FORM,
                                                                   "amount_field")), "2,450.00");
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_ENTRY_FORM,
                                                                   "document_field")),
                        "PV-26-09999");
  save_form_png (w, "screenshot-form-entry.png");
  gtk_window_destroy (GTK_WINDOW (w));

  /* Preferences, and the keyboard shortcuts. */
  {
    g_autofree char *png = NULL;
    GtkWidget *preferences = allot_preferences_window_new (GTK_WINDOW (window),
                                                           allot_window_get_session (window),
                                                           allot_application_get_settings (app));
    GtkWindow *overlay;

    gtk_window_present (GTK_WINDOW (preferences));
    app_test_spin (500);
    png = app_test_save_png (preferences, "screenshot-preferences.png");
    g_test_message ("%s", png);
    gtk_window_destroy (GTK_WINDOW (preferences));

    overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (
                            GTK_APPLICATION_WINDOW (window)));
    g_assert_nonnull (overlay);
    gtk_window_present (overlay);
    app_test_spin (500);
    g_free (png);
    png = app_test_save_png (GTK_WIDGET (overlay), "screenshot-shortcuts.png");
    g_test_message ("%s", png);
    gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
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
  g_test_add_func ("/screenshots/forms", test_forms);
  return g_test_run ();
}
