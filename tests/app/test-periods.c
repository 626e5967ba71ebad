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

typedef AppTestFixture Fixture;

/* Opens the dialog from the window's menu action, on FY2026. */
static AllotPeriodsDialog *
open_periods (Fixture *f)
{
  AllotPeriodsDialog *dialog;
  GtkSpinButton *spin;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.periods", NULL));
  dialog = app_test_wait_toplevel (ALLOT_TYPE_PERIODS_DIALOG);
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
test_close_and_reopen (Fixture       *f,
                       gconstpointer  data)
{
  AllotPeriodsDialog *dialog;
  AdwMessageDialog *message;
  AllotFormWindow *w;
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

  png = app_test_screenshot (GTK_WIDGET (dialog), "screenshot-periods.png", 400);

  /* An entry dated in March is refused in the form, in the core's words. */
  w = app_test_open_form (f->window, "win.new-entry", NULL);
  g_assert_true (allot_choices_select (app_test_form_dropdown (w, ALLOT_TYPE_ENTRY_FORM,
                                                               "allocation_dropdown"),
                                       allocation_2026 (f->store)));
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "amount_field", "480.00");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "document_field", "PO-TEST-CLOSED");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "date_field", "2026-03-16");
  g_assert_true (allot_form_window_can_save (w));
  g_assert_false (allot_form_window_save (w));
  g_assert_nonnull (allot_form_window_get_error_text (w));
  g_test_message ("refused: %s", allot_form_window_get_error_text (w));
  g_assert_nonnull (strstr (allot_form_window_get_error_text (w), "2026-03-16 is in 2026-03, a "
                                                                  "period closed by a.okafor"));

  /* Reopening needs a reason. */
  click (allot_periods_dialog_get_button (dialog, 2026, 3));
  message = app_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
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

    png = app_test_screenshot (GTK_WIDGET (dialog), "screenshot-periods-officer.png", 400);
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
  app_test_add ("/periods/close-and-reopen", test_close_and_reopen);
  app_test_add ("/periods/officer", test_officer);
  return g_test_run ();
}
