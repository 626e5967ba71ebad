/* test-periods.c: the Fiscal Periods dialog (issue 5).
 *
 * - an administrator closes March 2026: an entry dated in it is refused in
 *   the entry form with the core's words; reopening asks for a reason
 *   (Reopen stays disabled without one), and then the same form saves;
 * - a refusal of the core (the month closed meanwhile elsewhere) appears in
 *   the dialog in words;
 * - for an officer the Close and Reopen buttons are insensitive, say why,
 *   and their actions change nothing.
 * The dialog's screenshot is saved as screenshot-periods.png. */
#include "allot-config.h"
#include <string.h>

#include "allot-choices.h"
#include "allot-field.h"
#include "allot-form-window.h"
#include "allot-forms.h"
#include "allot-periods-dialog.h"
#include "app-test-util.h"

#define DEMO_ADMIN "a.okafor"

typedef struct {
  char *dir;
  AllotStore *store;
  AllotApplication *app;
  AllotWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->dir = app_test_make_dir ();
  path = g_build_filename (f->dir, "demo.db", NULL);
  f->store = app_test_create_store (path, TRUE);
  f->app = app_test_application ();
  f->window = app_test_window (f->app, f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_clear_object (&f->store);
  app_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
periods_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ALLOT_IS_PERIODS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AllotPeriodsDialog **) data = ALLOT_PERIODS_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
form_window_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ALLOT_IS_FORM_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AllotFormWindow **) data = ALLOT_FORM_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Opens the dialog from the window's menu action, on FY2026. */
static AllotPeriodsDialog *
open_periods (Fixture *f)
{
  AllotPeriodsDialog *dialog = NULL;
  GtkSpinButton *spin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.periods", NULL));
  app_test_wait (periods_dialog_shown, &dialog);
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                         ALLOT_TYPE_PERIODS_DIALOG, "fy_spin"));
  gtk_spin_button_set_value (spin, 2026);
  return dialog;
}

static gboolean
is_closed (AllotStore *store,
           int         year,
           int         month)
{
  g_autoptr(GError) error = NULL;
  gboolean closed = FALSE;

  g_assert_true (allot_store_is_period_closed (store, year, month, &closed, &error));
  g_assert_no_error (error);
  return closed;
}

static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

/* An approved allocation of FY2026, to enter against. */
static gint64
allocation_2026 (AllotStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allocations = allot_store_list_allocations (store, 2026, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < allocations->len; i++)
    {
      AllotAllocation *a = allocations->pdata[i];

      if (!a->voided && a->status == ALLOT_STATUS_APPROVED)
        return a->id;
    }
  g_assert_not_reached ();
  return 0;
}

static void
set_field (GtkWidget  *form,
           const char *name,
           const char *text)
{
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_ENTRY_FORM,
                                                                   name)), text);
}

static void
test_close_and_reopen (Fixture       *f,
                       gconstpointer  data)
{
  AllotPeriodsDialog *dialog;
  AdwMessageDialog *message = NULL;
  AllotFormWindow *w = NULL;
  GtkWidget *form;
  GtkWidget *reason;
  g_autofree char *png = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const AllotAuditRecord *last;

  allot_store_set_user (f->store, DEMO_ADMIN);
  dialog = open_periods (f);
  g_assert_false (is_closed (f->store, 2026, 3));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (allot_periods_dialog_get_button (
                                           dialog, 2026, 3))), ==, "_Close");
  g_assert_true (gtk_widget_is_sensitive (allot_periods_dialog_get_button (dialog, 2026, 3)));
  /* FY2026 runs October 2025 to September 2026. */
  g_assert_nonnull (allot_periods_dialog_get_button (dialog, 2025, 10));
  g_assert_nonnull (allot_periods_dialog_get_button (dialog, 2026, 9));
  g_assert_null (allot_periods_dialog_get_button (dialog, 2026, 10));
  /* Another year from the spin button: FY2027 starts in October 2026. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (
                               GTK_WIDGET (dialog), ALLOT_TYPE_PERIODS_DIALOG, "fy_spin")), 2027);
  g_assert_nonnull (allot_periods_dialog_get_button (dialog, 2026, 10));
  g_assert_null (allot_periods_dialog_get_button (dialog, 2026, 3));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (
                               GTK_WIDGET (dialog), ALLOT_TYPE_PERIODS_DIALOG, "fy_spin")), 2026);

  click (allot_periods_dialog_get_button (dialog, 2026, 3));
  g_assert_true (is_closed (f->store, 2026, 3));
  g_assert_null (allot_periods_dialog_get_error_text (dialog));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (allot_periods_dialog_get_button (
                                           dialog, 2026, 3))), ==, "_Reopen…");

  /* The month closed elsewhere meanwhile (allot-cli): the dialog says so. */
  g_assert_true (allot_store_close_period (f->store, 2026, 4, &error));
  g_assert_no_error (error);
  click (allot_periods_dialog_get_button (dialog, 2026, 4));
  g_assert_nonnull (allot_periods_dialog_get_error_text (dialog));
  g_assert_nonnull (strstr (allot_periods_dialog_get_error_text (dialog), "2026-04 is already "
                                                                          "closed"));
  /* ... and shows it as it is now. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (allot_periods_dialog_get_button (
                                           dialog, 2026, 4))), ==, "_Reopen…");

  app_test_spin (400);
  png = app_test_save_png (GTK_WIDGET (dialog), "screenshot-periods.png");
  g_test_message ("%s", png);

  /* An entry dated in March is refused in the form, in the core's words. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-entry", NULL));
  app_test_wait (form_window_shown, &w);
  form = GTK_WIDGET (allot_form_window_get_form (w));
  g_assert_true (allot_choices_select (GTK_DROP_DOWN (gtk_widget_get_template_child (
                   form, ALLOT_TYPE_ENTRY_FORM, "allocation_dropdown")), allocation_2026 (f->store)));
  set_field (form, "amount_field", "480.00");
  set_field (form, "document_field", "PO-TEST-CLOSED");
  set_field (form, "date_field", "2026-03-16");
  g_assert_true (allot_form_window_can_save (w));
  g_assert_false (allot_form_window_save (w));
  g_assert_nonnull (allot_form_window_get_error_text (w));
  g_test_message ("refused: %s", allot_form_window_get_error_text (w));
  g_assert_nonnull (strstr (allot_form_window_get_error_text (w), "2026-03-16 is in 2026-03, a "
                                                                  "period closed by a.okafor"));

  /* Reopening needs a reason. */
  click (allot_periods_dialog_get_button (dialog, 2026, 3));
  app_test_wait (message_dialog_shown, &message);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "reopen"));
  reason = app_test_find (GTK_WIDGET (message), GTK_TYPE_ENTRY);
  g_assert_nonnull (reason);
  gtk_editable_set_text (GTK_EDITABLE (reason), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "reopen"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "Late DEA invoice for March");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "reopen"));
  adw_message_dialog_response (message, "reopen");
  app_test_wait_idle (f->window);
  g_assert_false (is_closed (f->store, 2026, 3));
  g_assert_null (allot_periods_dialog_get_error_text (dialog));
  audit = allot_store_list_audit (f->store, "periods", 0, &error);
  g_assert_no_error (error);
  last = NULL;
  for (guint i = 0; i < audit->len; i++)
    if (g_strcmp0 (((AllotAuditRecord *) audit->pdata[i])->table_name, "periods") == 0)
      last = audit->pdata[i];
  g_assert_nonnull (last);
  g_assert_nonnull (strstr (last->after, "\"reason\":\"Late DEA invoice for March\""));
  g_assert_nonnull (strstr (last->after, "\"changed_by\":\"a.okafor\""));

  /* The same form now saves. */
  g_assert_true (allot_form_window_save (w));
  g_assert_true (is_closed (f->store, 2026, 4));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_officer (Fixture       *f,
              gconstpointer  data)
{
  AllotPeriodsDialog *dialog;
  GtkWidget *button;
  g_autofree char *text = NULL;

  /* The test's own user wrote nothing to the demo database: an officer. */
  allot_store_set_user (f->store, "tester");
  dialog = open_periods (f);
  button = allot_periods_dialog_get_button (dialog, 2026, 5);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "administrator"));
  text = app_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "tester is not one"));
  {
    g_autofree char *png = NULL;

    app_test_spin (400);
    png = app_test_save_png (GTK_WIDGET (dialog), "screenshot-periods-officer.png");
    g_test_message ("%s", png);
  }

  /* Neither the button nor its action closes anything. */
  g_signal_emit_by_name (button, "clicked");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "periods.close", "(ii)", 2026, 5);
  app_test_wait_idle (f->window);
  g_assert_false (is_closed (f->store, 2026, 5));

  /* A reviewer is told the same. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  allot_store_set_user (f->store, "j.chen");
  dialog = open_periods (f);
  g_assert_false (gtk_widget_is_sensitive (allot_periods_dialog_get_button (dialog, 2026, 5)));
  g_clear_pointer (&text, g_free);
  text = app_test_collect_text (GTK_WIDGET (dialog));
  g_assert_nonnull (strstr (text, "j.chen is a reviewer"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add ("/periods/close-and-reopen", Fixture, NULL, fixture_set_up, test_close_and_reopen,
              fixture_tear_down);
  g_test_add ("/periods/officer", Fixture, NULL, fixture_set_up, test_officer,
              fixture_tear_down);
  return g_test_run ();
}
