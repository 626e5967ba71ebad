/* test-workflow.c: the first hour of a budget officer, on an empty database,
 * through the dialogs only: an agency, a cost category, a task force, a
 * grant, an allocation, an obligation and an expenditure that liquidates it.
 * Until a reviewer (another person: the core will not let anyone approve
 * their own entries) approves them, each shows under the total it will join
 * as "awaiting approval"; once approved, every total on the Overview moves. */
#include "allot-config.h"

#include "allot-balance-card.h"
#include "allot-choices.h"
#include "allot-field.h"
#include "allot-form-window.h"
#include "allot-forms.h"
#include "allot-money.h"
#include "allot-overview-page.h"
#include "app-test-util.h"

static AllotWindow *window;
static AllotStore *store;

static void
choose (AllotFormWindow *w,
        GType            form_type,
        const char      *dropdown,
        gint64           id)
{
  g_assert_true (allot_choices_select (app_test_form_dropdown (w, form_type, dropdown), id));
}

static void
pick (AllotFormWindow *w,
      GType            form_type,
      const char      *dropdown,
      guint            position)
{
  gtk_drop_down_set_selected (app_test_form_dropdown (w, form_type, dropdown), position);
}

static void
tick (AllotFormWindow *w,
      GType            form_type,
      const char      *check)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (allot_form_window_get_form (w)),
                                                  form_type, check);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child), TRUE);
}

static void
save (AllotFormWindow *w)
{
  g_assert_true (allot_form_window_can_save (w));
  if (!allot_form_window_save (w))
    g_error ("Refused: %s", allot_form_window_get_error_text (w));
  app_test_wait_idle (window);
}

static void
assert_card (AllotCardField field,
             gint64         cents)
{
  AllotOverviewPage *overview = ALLOT_OVERVIEW_PAGE (allot_window_get_view (window, "overview"));
  AllotBalanceCard *card = allot_overview_page_get_card (overview, ALLOT_SOURCE_GRANT);
  g_autofree char *expected = allot_money_format (cents, "USD");

  g_assert_cmpstr (allot_balance_card_get_value_text (card, field), ==, expected);
}

/* What the officer sees before review: the money under the total it will
 * join, "awaiting approval" (0: nothing shown). */
static void
assert_pending (AllotCardField field,
                gint64         cents)
{
  AllotOverviewPage *overview = ALLOT_OVERVIEW_PAGE (allot_window_get_view (window, "overview"));
  AllotBalanceCard *card = allot_overview_page_get_card (overview, ALLOT_SOURCE_GRANT);
  g_autofree char *money = allot_money_format (cents, "USD");
  g_autofree char *expected = cents != 0 ? g_strdup_printf ("+ %s awaiting approval", money)
                                         : g_strdup ("");

  g_assert_cmpstr (allot_balance_card_get_pending_text (card, field), ==, expected);
}

/* Another person, on a connection of their own, approves what was submitted. */
static void
approve_all (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) reviewer = NULL;
  g_autoptr(GPtrArray) allocations = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AllotLedgerFilter submitted;

  reviewer = allot_store_open (allot_store_get_path (store), ALLOT_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  allot_store_set_user (reviewer, "reviewer");
  allocations = allot_store_list_allocations (reviewer, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocations->len; i++)
    if (((AllotAllocation *) allocations->pdata[i])->status == ALLOT_STATUS_SUBMITTED)
      {
        allot_store_approve_allocation (reviewer, ((AllotAllocation *) allocations->pdata[i])->id,
                                        &error);
        g_assert_no_error (error);
      }
  allot_ledger_filter_init (&submitted);
  submitted.status = ALLOT_STATUS_SUBMITTED;
  entries = allot_store_list_ledger (reviewer, &submitted, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      allot_store_approve_entry (reviewer, ((AllotLedgerEntry *) entries->pdata[i])->id, &error);
      g_assert_no_error (error);
    }
  /* What the window does after its own writes. */
  allot_session_changed (allot_window_get_session (window));
  app_test_wait_idle (window);
}

static gint64
id_of_obligation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  AllotLedgerFilter filter;

  allot_ledger_filter_init (&filter);
  filter.kind = ALLOT_ENTRY_OBLIGATION;
  entries = allot_store_list_ledger (store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  return ((AllotLedgerEntry *) entries->pdata[0])->id;
}

static void
test_first_hour (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "office.db", NULL);
  g_autoptr(AllotApplication) app = app_test_application ();
  g_autoptr(AllotAgency) fbi = NULL;
  g_autoptr(AllotTaskForce) jttf = NULL;
  g_autoptr(AllotSource) grant = NULL;
  g_autoptr(AllotCategory) overtime = NULL;
  g_autoptr(GError) error = NULL;
  AllotFormWindow *w;

  store = app_test_create_store (path, FALSE);
  window = app_test_window (app, store);

  w = app_test_open_form (window, "win.new-agency", NULL);
  app_test_set_field (w, ALLOT_TYPE_AGENCY_FORM, "code_field", "FBI");
  app_test_set_field (w, ALLOT_TYPE_AGENCY_FORM, "name_field", "Federal Bureau of Investigation");
  pick (w, ALLOT_TYPE_AGENCY_FORM, "level_dropdown", ALLOT_AGENCY_FEDERAL);
  save (w);
  fbi = allot_store_lookup_agency_by_code (store, "FBI", &error);
  g_assert_no_error (error);

  /* The first to write administers the database, and names a reviewer. */
  allot_store_set_user_role (allot_session_get_store (allot_window_get_session (window)),
                             "reviewer", ALLOT_ROLE_REVIEWER, &error);
  g_assert_no_error (error);

  w = app_test_open_form (window, "win.new-category", NULL);
  app_test_set_field (w, ALLOT_TYPE_CATEGORY_FORM, "code_field", "overtime");
  app_test_set_field (w, ALLOT_TYPE_CATEGORY_FORM, "name_field", "Overtime");
  pick (w, ALLOT_TYPE_CATEGORY_FORM, "line_dropdown", 7);
  save (w);
  overtime = allot_store_lookup_category_by_code (store, "overtime", &error);
  g_assert_no_error (error);

  w = app_test_open_form (window, "win.new-task-force", NULL);
  app_test_set_field (w, ALLOT_TYPE_TASK_FORCE_FORM, "code_field", "JTTF");
  app_test_set_field (w, ALLOT_TYPE_TASK_FORCE_FORM, "name_field", "Joint Terrorism Task Force");
  choose (w, ALLOT_TYPE_TASK_FORCE_FORM, "lead_dropdown", fbi->id);
  app_test_set_field (w, ALLOT_TYPE_TASK_FORCE_FORM, "start_field", "2020-01-01");
  save (w);
  jttf = allot_store_lookup_task_force_by_code (store, "JTTF", &error);
  g_assert_no_error (error);

  w = app_test_open_form (window, "win.new-source", g_variant_new_string ("grant"));
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "code_field", "JTTF-OT-26");
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "name_field", "JTTF overtime award");
  choose (w, ALLOT_TYPE_SOURCE_FORM, "agency_dropdown", fbi->id);
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "award_number_field", "15JTTF-26-0001");
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "listing_field", "16.738");
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "award_amount_field", "100,000");
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "pop_start_field", "2025-10-01");
  app_test_set_field (w, ALLOT_TYPE_SOURCE_FORM, "pop_end_field", "2027-09-30");
  save (w);
  grant = allot_store_lookup_source_by_code (store, "JTTF-OT-26", &error);
  g_assert_no_error (error);

  allot_window_set_fiscal_year (window, 2026);
  app_test_wait_idle (window);
  assert_card (ALLOT_CARD_AUTHORIZED, 10000000);
  assert_card (ALLOT_CARD_UNALLOCATED, 10000000);

  w = app_test_open_form (window, "win.allocate-source", g_variant_new_int64 (grant->id));
  choose (w, ALLOT_TYPE_ALLOCATION_FORM, "task_force_dropdown", jttf->id);
  choose (w, ALLOT_TYPE_ALLOCATION_FORM, "category_dropdown", overtime->id);
  app_test_set_field (w, ALLOT_TYPE_ALLOCATION_FORM, "fiscal_year_field", "2026");
  app_test_set_field (w, ALLOT_TYPE_ALLOCATION_FORM, "amount_field", "40,000.00");
  tick (w, ALLOT_TYPE_ALLOCATION_FORM, "submit_check");
  save (w);
  assert_card (ALLOT_CARD_ALLOCATED, 0);
  assert_pending (ALLOT_CARD_ALLOCATED, 4000000);
  approve_all ();
  assert_pending (ALLOT_CARD_ALLOCATED, 0);
  assert_card (ALLOT_CARD_ALLOCATED, 4000000);
  assert_card (ALLOT_CARD_UNALLOCATED, 6000000);
  assert_card (ALLOT_CARD_AVAILABLE, 4000000);

  w = app_test_open_form (window, "win.new-entry", NULL);
  pick (w, ALLOT_TYPE_ENTRY_FORM, "kind_dropdown", ALLOT_ENTRY_OBLIGATION);
  pick (w, ALLOT_TYPE_ENTRY_FORM, "allocation_dropdown", 1);
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "date_field", "2025-11-03");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "amount_field", "10,000.00");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "document_field", "OTA-26-001");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "payee_field", "MPD payroll");
  tick (w, ALLOT_TYPE_ENTRY_FORM, "submit_check");
  save (w);
  assert_card (ALLOT_CARD_OBLIGATED, 0);
  assert_pending (ALLOT_CARD_OBLIGATED, 1000000);
  approve_all ();
  assert_pending (ALLOT_CARD_OBLIGATED, 0);
  assert_card (ALLOT_CARD_OBLIGATED, 1000000);
  assert_card (ALLOT_CARD_UNLIQUIDATED, 1000000);
  assert_card (ALLOT_CARD_AVAILABLE, 3000000);

  w = app_test_open_form (window, "win.new-entry", NULL);
  pick (w, ALLOT_TYPE_ENTRY_FORM, "kind_dropdown", ALLOT_ENTRY_EXPENDITURE);
  pick (w, ALLOT_TYPE_ENTRY_FORM, "allocation_dropdown", 1);
  choose (w, ALLOT_TYPE_ENTRY_FORM, "obligation_dropdown", id_of_obligation ());
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "date_field", "2025-11-30");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "amount_field", "4,000.00");
  app_test_set_field (w, ALLOT_TYPE_ENTRY_FORM, "document_field", "PR-26-001");
  tick (w, ALLOT_TYPE_ENTRY_FORM, "submit_check");
  save (w);
  assert_pending (ALLOT_CARD_EXPENDED, 400000);
  assert_pending (ALLOT_CARD_OBLIGATED, 0);
  approve_all ();
  assert_pending (ALLOT_CARD_EXPENDED, 0);
  assert_card (ALLOT_CARD_OBLIGATED, 1000000);
  assert_card (ALLOT_CARD_EXPENDED, 400000);
  assert_card (ALLOT_CARD_UNLIQUIDATED, 600000);
  assert_card (ALLOT_CARD_AVAILABLE, 3000000);

  /* The reviewer's badge counted down to nothing. */
  app_test_show_view (window, "review");
  app_test_show_view (window, "ledger");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  app_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/workflow/first-hour", test_first_hour);
  return g_test_run ();
}
