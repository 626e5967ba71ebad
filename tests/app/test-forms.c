/* test-forms.c: the record forms against the demo data.
 *
 * - a grant created through its dialog is in the sources list and the database;
 * - an invalid amount (or date) keeps Save disabled and says why;
 * - an over-allocation is refused in the dialog, with the core's words, and
 *   nothing is written;
 * - undoing a new ledger entry voids it with the reason "Undone". */
#include "allot-config.h"
#include <inttypes.h>

#include "allot-choices.h"
#include "allot-date.h"
#include "allot-field.h"
#include "allot-form-window.h"
#include "allot-forms.h"
#include "allot-sources-page.h"
#include "app-test-util.h"

typedef AppTestFixture Fixture;

static void
set (AllotFormWindow *w,
     const char      *name,
     const char      *text)
{
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, name, text);
}

static void
fill_grant (AllotFormWindow *w)
{
  set (w, "code_field", "TEST-JAG-FY27");
  set (w, "name_field", "Byrne JAG FY2027, entered by a test");
  set (w, "award_number_field", "15PBJA-27-GG-99999-TEST");
  set (w, "listing_field", "16.738");
  set (w, "award_amount_field", "$250,000.00");
  set (w, "match_field", "0");
  set (w, "pop_start_field", "2026-10-01");
  set (w, "pop_end_field", "9/30/2029");
}

static void
test_create_grant (Fixture       *f,
                   gconstpointer  data)
{
  AllotFormWindow *w = app_test_open_form (f->window, "win.new-source",
                                           g_variant_new_string ("grant"));
  g_autoptr(AllotSource) stored = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  AllotSourcesPage *page;
  gboolean listed = FALSE;

  g_assert_false (allot_form_window_can_save (w));
  fill_grant (w);
  g_assert_true (allot_form_window_can_save (w));
  g_assert_true (allot_form_window_save (w));
  app_test_wait_idle (f->window);

  stored = allot_store_lookup_source_by_code (f->store, "TEST-JAG-FY27", &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->kind, ==, ALLOT_SOURCE_GRANT);
  g_assert_cmpint (stored->u.grant.award_amount, ==, 25000000);
  g_assert_cmpstr (stored->u.grant.assistance_listing, ==, "16.738");
  g_assert_cmpint (g_date_get_year (&stored->u.grant.pop_end), ==, 2029);

  app_test_show_view (f->window, "sources");
  page = ALLOT_SOURCES_PAGE (allot_window_get_view (f->window, "sources"));
  codes = allot_sources_page_list_codes (page);
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (codes->pdata[i], "TEST-JAG-FY27") == 0)
      listed = TRUE;
  g_assert_true (listed);
}

static void
assert_refused (AllotField *amount,
                const char *text)
{
  allot_field_set_text (amount, text);
  g_assert_false (allot_field_is_valid (amount));
  g_assert_nonnull (allot_field_get_message (amount));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (allot_field_get_entry (amount)), "error"));
}

static void
test_invalid_amount (Fixture       *f,
                     gconstpointer  data)
{
  AllotFormWindow *w = app_test_open_form (f->window, "win.new-source",
                                           g_variant_new_string ("grant"));
  AllotField *amount = app_test_form_field (w, ALLOT_TYPE_SOURCE_FORM, "award_amount_field");
  AllotField *end = app_test_form_field (w, ALLOT_TYPE_SOURCE_FORM, "pop_end_field");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;

  before = allot_store_list_sources (f->store, &error);
  g_assert_no_error (error);
  fill_grant (w);
  g_assert_true (allot_form_window_can_save (w));

  /* Each refused as it is typed, the reason shown next to the field. */
  assert_refused (amount, "12.345");
  g_assert_false (allot_form_window_can_save (w));
  g_assert_true (strstr (allot_field_get_message (amount), "12.345") != NULL);
  assert_refused (amount, "1,23.00");
  g_assert_false (allot_form_window_can_save (w));
  assert_refused (amount, "12 dollars");
  assert_refused (amount, "-5.00");
  g_assert_false (allot_form_window_can_save (w));
  /* Save does nothing while the form is invalid. */
  g_assert_false (allot_form_window_save (w));

  allot_field_set_text (amount, "1,234.56");
  g_assert_true (allot_field_is_valid (amount));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (allot_field_get_entry (amount)),
                                            "error"));
  g_assert_true (allot_form_window_can_save (w));

  assert_refused (end, "2026-02-30");
  g_assert_false (allot_form_window_can_save (w));
  allot_field_set_text (end, "2029-09-30");
  g_assert_true (allot_form_window_can_save (w));

  /* A malformed Assistance Listing is caught as typed, too. */
  set (w, "listing_field", "16738");
  g_assert_false (allot_form_window_can_save (w));

  gtk_window_close (GTK_WINDOW (w));
  after = allot_store_list_sources (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
}

static guint
audit_length (AllotStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = allot_store_list_audit (store, NULL, 0, &error);

  g_assert_no_error (error);
  return audit->len;
}

static void
test_over_allocation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotSource) source = allot_store_lookup_source_by_code (f->store,
                                                                     "APPROP-FY26-TFOT", &error);
  g_autoptr(GPtrArray) allocations = NULL;
  g_autoptr(GPtrArray) task_forces = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) after = NULL;
  AllotFormWindow *w;
  gint64 authorized = 0, allocated = 0, tf_id = 0, category_id = 0;
  g_autofree char *amount = NULL;
  guint audit_before;

  g_assert_no_error (error);
  g_assert_true (allot_store_source_authorized (f->store, source->id, &authorized, &error));
  allocations = allot_store_list_allocations (f->store, 0, source->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocations->len; i++)
    if (!((AllotAllocation *) allocations->pdata[i])->voided)
      allocated += ((AllotAllocation *) allocations->pdata[i])->amount;

  /* A task force and category this source has no allocation to yet. */
  task_forces = allot_store_list_task_forces (f->store, &error);
  categories = allot_store_list_categories (f->store, &error);
  for (guint t = 0; t < task_forces->len && tf_id == 0; t++)
    for (guint c = 0; c < categories->len && tf_id == 0; c++)
      {
        gboolean taken = FALSE;
        gint64 tf = ((AllotTaskForce *) task_forces->pdata[t])->id;
        gint64 category = ((AllotCategory *) categories->pdata[c])->id;

        for (guint i = 0; i < allocations->len; i++)
          {
            AllotAllocation *a = allocations->pdata[i];
            if (a->task_force_id == tf && a->category_id == category && !a->voided)
              taken = TRUE;
          }
        if (!taken)
          {
            tf_id = tf;
            category_id = category;
          }
      }
  g_assert_cmpint (tf_id, !=, 0);

  audit_before = audit_length (f->store);
  w = app_test_open_form (f->window, "win.allocate-source", g_variant_new_int64 (source->id));
  g_assert_true (allot_choices_select (app_test_form_dropdown (w, ALLOT_TYPE_ALLOCATION_FORM,
                                                 "task_force_dropdown"), tf_id));
  g_assert_true (allot_choices_select (app_test_form_dropdown (w, ALLOT_TYPE_ALLOCATION_FORM,
                                                 "category_dropdown"), category_id));
  allot_field_set_year (app_test_form_field (w, ALLOT_TYPE_ALLOCATION_FORM, "fiscal_year_field"),
                        2026);
  /* One cent more than is still free. */
  amount = g_strdup_printf ("%" PRId64 ".%02d", (authorized - allocated + 1) / 100,
                            (int) ((authorized - allocated + 1) % 100));
  app_test_set_field (w, ALLOT_TYPE_ALLOCATION_FORM, "amount_field", amount);
  g_assert_true (allot_form_window_can_save (w));

  g_assert_false (allot_form_window_save (w));
  g_assert_nonnull (allot_form_window_get_error_text (w));
  g_assert_nonnull (strstr (allot_form_window_get_error_text (w), "Over-allocation"));
  g_assert_nonnull (strstr (allot_form_window_get_error_text (w), "APPROP-FY26-TFOT"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (w)));

  /* Nothing written: no allocation, no audit record. */
  after = allot_store_list_allocations (f->store, 0, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, allocations->len);
  g_assert_cmpuint (audit_length (f->store), ==, audit_before);

  /* What fits is accepted from the same dialog. */
  g_free (amount);
  amount = g_strdup_printf ("%" PRId64 ".%02d", (authorized - allocated) / 100,
                            (int) ((authorized - allocated) % 100));
  app_test_set_field (w, ALLOT_TYPE_ALLOCATION_FORM, "amount_field", amount);
  g_assert_null (allot_form_window_get_error_text (w));
  g_assert_true (allot_form_window_save (w));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = allot_store_list_allocations (f->store, 0, source->id, &error);
  g_assert_cmpuint (after->len, ==, allocations->len + 1);
}

static void
test_entry_undo (Fixture       *f,
                 gconstpointer  data)
{
  AllotSession *session = allot_window_get_session (f->window);
  g_autoptr(GtkWidget) form = g_object_ref_sink (allot_entry_form_new (session, 0));
  g_autoptr(AllotUndo) undo = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  g_autoptr(GError) error = NULL;
  AllotLedgerFilter filter;
  g_autoptr(GPtrArray) found = NULL;
  gint64 allocation_id = 0;

  allocations = allot_store_list_allocations (f->store, 2026, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocations->len && allocation_id == 0; i++)
    if (!((AllotAllocation *) allocations->pdata[i])->voided)
      allocation_id = ((AllotAllocation *) allocations->pdata[i])->id;

  g_assert_true (allot_choices_select (GTK_DROP_DOWN (gtk_widget_get_template_child (
                   form, ALLOT_TYPE_ENTRY_FORM, "allocation_dropdown")), allocation_id));
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_ENTRY_FORM,
                                                                   "amount_field")), "125.50");
  allot_field_set_text (ALLOT_FIELD (gtk_widget_get_template_child (form, ALLOT_TYPE_ENTRY_FORM,
                                                                   "document_field")),
                        "PO-TEST-UNDO");
  g_assert_true (allot_form_is_valid (ALLOT_FORM (form)));
  g_assert_true (allot_form_save (ALLOT_FORM (form), &undo, &error));
  g_assert_no_error (error);
  g_assert_true (allot_undo_can_undo (undo));

  allot_ledger_filter_init (&filter);
  filter.search = "PO-TEST-UNDO";
  found = allot_store_list_ledger (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  g_assert_true (allot_undo_run (undo, f->store, &error));
  g_assert_no_error (error);
  entry = allot_store_lookup_entry (f->store, ((AllotLedgerEntry *) found->pdata[0])->id,
                                    &error);
  g_assert_no_error (error);
  g_assert_true (entry->voided);
  g_assert_cmpstr (entry->void_reason, ==, "Undone");
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add ("/forms/create-grant", test_create_grant);
  app_test_add ("/forms/invalid-amount", test_invalid_amount);
  app_test_add ("/forms/over-allocation", test_over_allocation);
  app_test_add ("/forms/entry-undo", test_entry_undo);
  return g_test_run ();
}
