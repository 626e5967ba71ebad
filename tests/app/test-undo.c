/* test-undo.c: the toast's Undo after adding source records and reference
 * data, pressed the way a person does (the toast's own button):
 *
 * - a receipt added through its form, undone: the fund's authority is back
 *   to what it was, and the receipt stays listed, voided "Undone";
 * - an amendment, undone: the opposite amendment, same effective date;
 * - an agency added through its form, undone: gone from the Task Forces
 *   view's agency list and from the database; undo refused in words once a
 *   task force refers to it;
 * - a cost category edited from the Task Forces view's Categories list,
 *   undone: the old name is back. */
#include "allot-config.h"
#include <inttypes.h>
#include <string.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-field.h"
#include "allot-form-window.h"
#include "allot-forms.h"
#include "allot-table.h"
#include "allot-task-forces-page.h"
#include "app-test-util.h"

typedef AppTestFixture Fixture;

static gint64
first_source_of_kind (AllotStore      *store,
                      AllotSourceKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = allot_store_list_sources (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    if (((AllotSource *) sources->pdata[i])->kind == kind)
      return ((AllotSource *) sources->pdata[i])->id;
  g_assert_not_reached ();
  return 0;
}

static void
test_receipt_undo (Fixture       *f,
                   gconstpointer  data)
{
  gint64 fund = first_source_of_kind (f->store, ALLOT_SOURCE_FORFEITURE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before_list = NULL;
  g_autoptr(GPtrArray) after_list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const AllotReceipt *added;
  const AllotAuditRecord *last;
  gint64 before = 0, during = 0, after = 0;
  AllotFormWindow *w;

  g_assert_true (allot_store_source_authorized (f->store, fund, &before, &error));
  before_list = allot_store_list_receipts (f->store, fund, &error);
  g_assert_no_error (error);

  w = app_test_open_form (f->window, "win.add-receipt", g_variant_new_int64 (fund));
  app_test_set_field (w, ALLOT_TYPE_RECEIPT_FORM, "date_field", "2026-11-02");
  app_test_set_field (w, ALLOT_TYPE_RECEIPT_FORM, "amount_field", "1,234.56");
  app_test_set_field (w, ALLOT_TYPE_RECEIPT_FORM, "case_field", "CASE-UNDO-1");
  g_assert_true (allot_form_window_can_save (w));
  g_assert_true (allot_form_window_save (w));
  app_test_wait_idle (f->window);
  g_assert_true (allot_store_source_authorized (f->store, fund, &during, &error));
  g_assert_cmpint (during, ==, before + 123456);

  app_test_press_undo (f->window);
  g_assert_true (allot_store_source_authorized (f->store, fund, &after, &error));
  g_assert_cmpint (after, ==, before);

  /* Kept, flagged, with the reason; audited as a void. */
  after_list = allot_store_list_receipts (f->store, fund, &error);
  g_assert_cmpuint (after_list->len, ==, before_list->len + 1);
  added = NULL;
  for (guint i = 0; i < after_list->len; i++)
    if (g_strcmp0 (((AllotReceipt *) after_list->pdata[i])->case_number, "CASE-UNDO-1") == 0)
      added = after_list->pdata[i];
  g_assert_nonnull (added);
  g_assert_true (added->voided);
  g_assert_cmpint (added->amount, ==, 123456);
  audit = allot_store_list_audit (f->store, "receipts", added->id, &error);
  g_assert_no_error (error);
  last = audit->pdata[audit->len - 1];
  g_assert_cmpstr (last->action, ==, "void");
  g_assert_nonnull (strstr (last->after, "\"void_reason\":\"Undone\""));
}

/* Amendments are append-only: Undo enters the opposite amendment with the
 * same effective date, so the award as of any date is what it was. */
static void
test_amendment_undo (Fixture       *f,
                     gconstpointer  data)
{
  gint64 grant = first_source_of_kind (f->store, ALLOT_SOURCE_GRANT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  const AllotAmendment *added, *reverse;
  gint64 before = 0, after = 0;
  g_autofree char *date = NULL;
  AllotFormWindow *w;
  guint n_before;

  g_assert_true (allot_store_source_authorized (f->store, grant, &before, &error));
  amendments = allot_store_list_amendments (f->store, grant, &error);
  g_assert_no_error (error);
  n_before = amendments->len;
  g_clear_pointer (&amendments, g_ptr_array_unref);

  w = app_test_open_form (f->window, "win.add-amendment", g_variant_new_int64 (grant));
  app_test_set_field (w, ALLOT_TYPE_AMENDMENT_FORM, "date_field", "2026-02-10");
  app_test_set_field (w, ALLOT_TYPE_AMENDMENT_FORM, "amount_field", "5,000.00");
  app_test_set_field (w, ALLOT_TYPE_AMENDMENT_FORM, "description_field", "Supplemental award");
  g_assert_true (allot_form_window_save (w));
  app_test_wait_idle (f->window);
  app_test_press_undo (f->window);

  g_assert_true (allot_store_source_authorized (f->store, grant, &after, &error));
  g_assert_cmpint (after, ==, before);
  amendments = allot_store_list_amendments (f->store, grant, &error);
  g_assert_cmpuint (amendments->len, ==, n_before + 2);
  added = NULL;
  reverse = NULL;
  for (guint i = 0; i < amendments->len; i++)
    {
      const AllotAmendment *a = amendments->pdata[i];

      if (g_strcmp0 (a->description, "Supplemental award") == 0)
        added = a;
      else if (g_strcmp0 (a->description, "Undone: Supplemental award") == 0)
        reverse = a;
    }
  g_assert_nonnull (added);
  g_assert_nonnull (reverse);
  g_assert_cmpint (added->amount, ==, 500000);
  g_assert_cmpint (reverse->amount, ==, -500000);
  date = allot_date_format_iso (&reverse->effective_date);
  g_assert_cmpstr (date, ==, "2026-02-10");
}

/* The agency codes the Task Forces view lists now. */
static gboolean
agency_listed (Fixture    *f,
               const char *code)
{
  GtkWidget *page = allot_window_get_view (f->window, "task-forces");
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (
                                           page, ALLOT_TYPE_TASK_FORCES_PAGE, "agencies_view"));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(AllotTableRow) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (allot_table_row_get_text (row, 0), code) == 0)
        return TRUE;
    }
  return FALSE;
}

static AllotFormWindow *
add_agency (Fixture    *f,
            const char *code)
{
  AllotFormWindow *w = app_test_open_form (f->window, "win.new-agency", NULL);

  app_test_set_field (w, ALLOT_TYPE_AGENCY_FORM, "code_field", code);
  app_test_set_field (w, ALLOT_TYPE_AGENCY_FORM, "name_field", "Agency entered by a test");
  gtk_drop_down_set_selected (app_test_form_dropdown (w, ALLOT_TYPE_AGENCY_FORM, "level_dropdown"),
                              ALLOT_AGENCY_FEDERAL);
  g_assert_true (allot_form_window_save (w));
  app_test_wait_idle (f->window);
  return w;
}

static void
test_agency_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotAgency) gone = NULL;
  g_autoptr(AllotAgency) kept = NULL;
  g_autoptr(AllotTaskForce) tf = allot_task_force_new ();
  AdwMessageDialog *message = NULL;
  g_autofree char *text = NULL;

  app_test_show_view (f->window, "task-forces");
  add_agency (f, "TEST-AG");
  g_assert_true (agency_listed (f, "TEST-AG"));

  app_test_press_undo (f->window);
  g_assert_false (agency_listed (f, "TEST-AG"));
  gone = allot_store_lookup_agency_by_code (f->store, "TEST-AG", &error);
  g_assert_null (gone);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Once a task force is led by it, Undo says why it cannot. */
  add_agency (f, "TEST-AG2");
  kept = allot_store_lookup_agency_by_code (f->store, "TEST-AG2", &error);
  g_assert_no_error (error);
  tf->code = g_strdup ("TEST-TF");
  tf->name = g_strdup ("Task force entered by a test");
  tf->lead_agency_id = kept->id;
  g_date_set_dmy (&tf->start_date, 1, 10, 2025);
  g_assert_true (allot_store_add_task_force (f->store, tf, &error));
  g_assert_no_error (error);
  app_test_press_undo (f->window);
  message = app_test_wait_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  text = app_test_collect_text (GTK_WIDGET (message));
  g_assert_nonnull (strstr (text, "Could Not Undo"));
  g_assert_nonnull (strstr (text, "TEST-AG2"));
  g_assert_nonnull (strstr (text, "task forces: 1"));
  gtk_window_destroy (GTK_WINDOW (message));
  g_clear_pointer (&kept, allot_agency_free);
  kept = allot_store_lookup_agency_by_code (f->store, "TEST-AG2", &error);
  g_assert_no_error (error);
  g_assert_true (agency_listed (f, "TEST-AG2"));
}

static void
test_category_edit_undo (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = allot_store_list_categories (f->store, &error);
  g_autoptr(AllotCategory) edited = NULL;
  g_autoptr(AllotCategory) restored = NULL;
  const AllotCategory *first;
  GtkWidget *page;
  GtkColumnView *view;
  AllotFormWindow *w;
  g_autofree char *old_name = NULL;

  g_assert_no_error (error);
  first = categories->pdata[0];
  old_name = g_strdup (first->name);

  /* Listed in the Task Forces view; Edit there opens the category form. */
  app_test_show_view (f->window, "task-forces");
  page = allot_window_get_view (f->window, "task-forces");
  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (page, ALLOT_TYPE_TASK_FORCES_PAGE,
                                                         "categories_view"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))),
                    ==, categories->len);
  g_assert_true (allot_table_select_id (view, first->id));
  g_assert_true (gtk_widget_activate_action (page, "task-forces.edit-category", NULL));
  w = app_test_wait_toplevel (ALLOT_TYPE_FORM_WINDOW);
  g_assert_true (ALLOT_IS_CATEGORY_FORM (allot_form_window_get_form (w)));
  app_test_set_field (w, ALLOT_TYPE_CATEGORY_FORM, "name_field", "Renamed by a test");
  g_assert_true (allot_form_window_save (w));
  app_test_wait_idle (f->window);
  edited = allot_store_lookup_category (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (edited->name, ==, "Renamed by a test");
  g_assert_cmpint (edited->sf424a_line, ==, first->sf424a_line);
  g_assert_cmpint (edited->esac_category, ==, first->esac_category);

  app_test_press_undo (f->window);
  restored = allot_store_lookup_category (f->store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->name, ==, old_name);
  g_assert_cmpstr (restored->code, ==, first->code);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  app_test_add ("/undo/receipt", test_receipt_undo);
  app_test_add ("/undo/amendment", test_amendment_undo);
  app_test_add ("/undo/agency", test_agency_undo);
  app_test_add ("/undo/category-edit", test_category_edit_undo);
  return g_test_run ();
}
