/* test-review.c: the Review view's queue.  On the demo data an officer
 * submits three obligations; a reviewer approves two of them on a
 * multi-selection, the person who entered one cannot approve it (the core
 * refuses; the item stays submitted and the refusal is shown), and a
 * reviewer returns one with a comment through the dialog.  The Overview
 * shows as many alerts as the core's checks find. */
#include "allot-config.h"

#include "allot-date.h"
#include "allot-forms.h"
#include "allot-overview-page.h"
#include "allot-review-page.h"
#include "allot-rules.h"
#include "allot-sources-page.h"
#include "app-test-util.h"

#define OFFICER  "m.rivera"
#define REVIEWER "j.chen"

/* An approved allocation of the latest year, and a day in that year no later
 * than today (so in an open period). */
static gint64
approved_allocation (AllotStore *store,
                     GDate      *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
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
  return best->id;
}

/* The officer, on a connection of their own, submits an obligation. */
static gint64
submit_obligation (const char  *path,
                   gint64       allocation_id,
                   const GDate *day,
                   const char  *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) officer = allot_store_open (path, ALLOT_STORE_OPEN_EXISTING, &error);
  g_autoptr(AllotLedgerEntry) entry = allot_ledger_entry_new ();

  g_assert_no_error (error);
  allot_store_set_user (officer, OFFICER);
  entry->allocation_id = allocation_id;
  entry->kind = ALLOT_ENTRY_OBLIGATION;
  entry->amount = 12345;
  entry->entry_date = *day;
  entry->document_number = g_strdup (document);
  entry->payee = g_strdup ("Review test vendor");
  entry->status = ALLOT_STATUS_SUBMITTED;
  /* One trips a rule, so that the queue has a finding to show. */
  entry->immigration = g_str_equal (document, "REVIEW-A");
  allot_store_add_entry (officer, entry, &error);
  g_assert_no_error (error);
  return entry->id;
}

static AllotStatus
status_of (AllotStore *store,
           gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = allot_store_lookup_entry (store, id, &error);

  g_assert_no_error (error);
  return entry->status;
}

static void
test_queue (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *text = NULL;
  AllotWindow *window;
  AllotSession *session;
  AllotReviewPage *review;
  GtkWidget *dialog;
  GtkWidget *entry;
  gint64 allocation, a, b, c;
  guint pending;
  AllotAuditRecord *last;
  GDate day;

  allocation = approved_allocation (store, &day);
  a = submit_obligation (path, allocation, &day, "REVIEW-A");
  b = submit_obligation (path, allocation, &day, "REVIEW-B");
  c = submit_obligation (path, allocation, &day, "REVIEW-C");

  window = app_test_window (app, store);
  session = allot_window_get_session (window);
  review = ALLOT_REVIEW_PAGE (allot_window_get_view (window, "review"));
  app_test_show_view (window, "review");
  pending = allot_review_page_get_n_pending (review);
  g_assert_cmpuint (pending, >=, 3);

  /* Each queued item shows its context: source balance before and after. */
  text = app_test_collect_text (GTK_WIDGET (review));
  g_assert_nonnull (strstr (text, "REVIEW-A"));
  g_assert_nonnull (strstr (text, "after approval"));
  /* ... and the rule findings that name it. */
  g_assert_nonnull (strstr (text, "REVIEW-A is tagged as civil immigration enforcement"));

  /* Whoever entered an item cannot approve it, even as a reviewer. */
  allot_session_set_user (session, "a.okafor");
  allot_store_set_user_role (allot_session_get_store (session), OFFICER, ALLOT_ROLE_REVIEWER,
                             &error);
  g_assert_no_error (error);
  allot_session_set_user (session, OFFICER);
  g_assert_true (allot_review_page_select (review, "ledger_entries", c));
  g_assert_cmpuint (allot_review_page_approve_selected (review), ==, 0);
  g_assert_nonnull (strstr (allot_review_page_get_feedback (review), "REVIEW-C"));
  g_assert_nonnull (strstr (allot_review_page_get_feedback (review), OFFICER));
  g_assert_cmpint (status_of (store, c), ==, ALLOT_STATUS_SUBMITTED);
  app_test_wait_idle (window);
  g_assert_cmpuint (allot_review_page_get_n_pending (review), ==, pending);
  g_free (app_test_save_png (GTK_WIDGET (window), "screenshot-review-refused.png"));

  /* A reviewer approves two at once. */
  allot_session_set_user (session, REVIEWER);
  allot_review_page_unselect_all (review);
  g_assert_true (allot_review_page_select (review, "ledger_entries", a));
  g_assert_true (allot_review_page_select (review, "ledger_entries", b));
  g_assert_cmpuint (allot_review_page_approve_selected (review), ==, 2);
  g_assert_cmpstr (allot_review_page_get_feedback (review), ==, "");
  g_assert_cmpint (status_of (store, a), ==, ALLOT_STATUS_APPROVED);
  g_assert_cmpint (status_of (store, b), ==, ALLOT_STATUS_APPROVED);
  app_test_wait_idle (window);
  g_assert_cmpuint (allot_review_page_get_n_pending (review), ==, pending - 2);
  g_assert_false (allot_review_page_select (review, "ledger_entries", a));

  /* And returns the third, with the comment the dialog requires. */
  allot_review_page_unselect_all (review);
  g_assert_true (allot_review_page_select (review, "ledger_entries", c));
  dialog = allot_review_page_ask_return (review);
  app_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "return"));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Wrong vendor");
  app_test_spin (300);
  if (gtk_widget_get_width (dialog) > 0)
    g_free (app_test_save_png (dialog, "screenshot-review-return.png"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "return"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "return");
  g_assert_cmpint (status_of (store, c), ==, ALLOT_STATUS_RETURNED);
  history = allot_store_list_audit (store, "ledger_entries", c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 2);
  last = history->pdata[history->len - 1];
  g_assert_cmpstr (last->user, ==, REVIEWER);
  g_assert_nonnull (strstr (last->after, "Wrong vendor"));
  app_test_wait_idle (window);
  g_assert_cmpuint (allot_review_page_get_n_pending (review), ==, pending - 3);

  /* The entry's edit form shows its history: the officer created it, the
   * reviewer returned it. */
  {
    GtkWidget *form = g_object_ref_sink (allot_entry_form_new (session, c));
    g_autofree char *form_text = app_test_collect_text (form);

    g_assert_nonnull (strstr (form_text, "History"));
    g_assert_nonnull (strstr (form_text, "Created · " OFFICER));
    g_assert_nonnull (strstr (form_text, "Changed · " REVIEWER));
    g_object_unref (form);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

/* The Overview's alerts are the core's findings as of today, and an alert
 * opens the record it names. */
static void
test_overview_alerts (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autoptr(AllotStore) store = app_test_create_store (path, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  AllotOverviewPage *overview;
  AllotWindow *window;
  AllotFinding *source_finding = NULL;
  GDate today;

  window = app_test_window (app, store);
  app_test_show_view (window, "overview");
  overview = ALLOT_OVERVIEW_PAGE (allot_window_get_view (window, "overview"));
  allot_date_set_today (&today);
  findings = allot_store_check (store, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpuint (allot_overview_page_get_n_alerts (overview), ==, findings->len);

  for (guint i = 0; i < findings->len && source_finding == NULL; i++)
    if (g_strcmp0 (((AllotFinding *) findings->pdata[i])->table_name, "sources") == 0)
      source_finding = findings->pdata[i];
  g_assert_nonnull (source_finding);
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "win.open-record",
                                                 "(sx)", "sources",
                                                 source_finding->record_id));
      app_test_wait_idle (window);
      g_assert_cmpstr (allot_window_get_view_name (window), ==, "sources");
      g_assert_cmpint (allot_sources_page_get_selected (
                         ALLOT_SOURCES_PAGE (allot_window_get_view (window, "sources"))),
                       ==, source_finding->record_id);

      /* Its detail pane shows its history from the audit log. */
      {
        g_autoptr(GPtrArray) history = allot_store_list_audit (store, "sources",
                                                               source_finding->record_id,
                                                               &error);
        AllotAuditRecord *first;
        g_autofree char *text = NULL;

        g_assert_no_error (error);
        g_assert_cmpuint (history->len, >, 0);
        first = history->pdata[0];
        text = app_test_collect_text (allot_window_get_view (window, "sources"));
        g_assert_nonnull (strstr (text, "Record History"));
        g_assert_nonnull (strstr (text, "Created"));
        g_assert_nonnull (strstr (text, first->user));
        g_assert_nonnull (strstr (text, first->at));
      }
    }

  /* Every other kind of record opens its view. */
  for (guint i = 0; i < findings->len; i++)
    {
      AllotFinding *f = findings->pdata[i];
      const char *view = g_str_equal (f->table_name, "allocations") ? "allocations"
                       : g_str_equal (f->table_name, "ledger_entries") ? "ledger"
                       : g_str_equal (f->table_name, "task_forces") ? "task-forces" : NULL;

      if (view == NULL)
        continue;
      app_test_show_view (window, "overview");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (overview), "win.open-record",
                                                 "(sx)", f->table_name, f->record_id));
      app_test_wait_idle (window);
      g_assert_cmpstr (allot_window_get_view_name (window), ==, view);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  app_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/review/queue", test_queue);
  g_test_add_func ("/review/overview-alerts-and-history", test_overview_alerts);
  return g_test_run ();
}
