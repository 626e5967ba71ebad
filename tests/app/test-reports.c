/* test-reports.c: the report panels of the Reports view.
 *
 * On the demo database, each report is chosen in the view and the figures
 * it shows are compared with the core's report for the same parameters,
 * formatted as the app formats money; on a small fixture, ESAC figures
 * computed by hand.  A PNG of each report is saved in the build folder
 * (screenshot-report-NAME.png). */
#include "allot-config.h"

#include "allot-choices.h"
#include "allot-date.h"
#include "allot-page.h"
#include "allot-report-burn-panel.h"
#include "allot-report-ffr-panel.h"
#include "allot-report-overtime-panel.h"
#include "allot-report-participation-panel.h"
#include "allot-reports-page.h"
#include "allot-reports.h"
#include "allot-table.h"
#include "app-test-util.h"

typedef struct {
  char *dir;
  AllotStore *store;
  AllotApplication *app;
  AllotWindow *window;
  AllotSession *session;
  AllotReportsPage *page;
} Fixture;

static void
fixture_open (Fixture  *fx,
              gboolean  demo)
{
  g_autofree char *path = NULL;

  fx->dir = app_test_make_dir ();
  path = g_build_filename (fx->dir, "reports.db", NULL);
  fx->store = app_test_create_store (path, demo);
  fx->app = app_test_application ();
  fx->window = app_test_window (fx->app, fx->store);
  fx->session = allot_window_get_session (fx->window);
  app_test_show_view (fx->window, "reports");
  fx->page = ALLOT_REPORTS_PAGE (allot_window_get_view (fx->window, "reports"));
}

static void
fixture_close (Fixture *fx)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_clear_object (&fx->app);
  g_clear_object (&fx->store);
  app_test_remove_dir (fx->dir);
  g_free (fx->dir);
}

typedef struct {
  AllotWindow *window;
  GtkWidget *panel;
} PanelWait;

static gboolean
panel_idle (gpointer data)
{
  PanelWait *w = data;

  return allot_session_get_n_pending (allot_window_get_session (w->window)) == 0 &&
         !allot_page_reload_pending (w->panel);
}

/* Until the panel has loaded what its controls ask for. */
static void
wait_panel (AllotWindow *window,
            GtkWidget   *panel)
{
  PanelWait w = { window, panel };

  app_test_wait (panel_idle, &w);
  app_test_spin (150);
  app_test_wait (panel_idle, &w);
}

static GtkWidget *
show_report (Fixture    *fx,
             const char *name)
{
  GtkWidget *panel;

  allot_reports_page_show_report (fx->page, name);
  g_assert_cmpstr (allot_reports_page_get_report (fx->page), ==, name);
  panel = allot_reports_page_get_panel (fx->page, name);
  g_assert_nonnull (panel);
  wait_panel (fx->window, panel);
  return panel;
}

static void
save_png (Fixture    *fx,
          const char *name)
{
  g_autofree char *file = g_strdup_printf ("screenshot-report-%s.png", name);

  /* Let the crossfade finish and the rows paint. */
  g_free (app_test_screenshot (GTK_WIDGET (fx->window), file, 400));
}

/* The rows of the panel's table, in the order shown. */
static GListModel *
table_rows (GtkWidget *panel)
{
  GtkWidget *view = app_test_find (panel, GTK_TYPE_COLUMN_VIEW);

  g_assert_nonnull (view);
  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
}

static char *
cell (GListModel *rows,
      guint       row,
      guint       column)
{
  g_autoptr(AllotTableRow) item = g_list_model_get_item (rows, row);

  g_assert_nonnull (item);
  return g_strdup (allot_table_row_get_text (item, column));
}

static void
assert_cell_money (Fixture    *fx,
                   GListModel *rows,
                   guint       row,
                   guint       column,
                   gint64      cents)
{
  g_autofree char *shown = cell (rows, row, column);
  g_autofree char *expected = allot_session_format_money (fx->session, cents);

  g_assert_cmpstr (shown, ==, expected);
}

static gint64
source_id (Fixture    *fx,
           const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotSource) source = allot_store_lookup_source_by_code (fx->store, code, &error);

  g_assert_no_error (error);
  return source->id;
}

static void
assert_shows (const char *text,
              const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("the panel does not show “%s”; it shows:\n%s", expected, text);
}

/* The @n-th GtkDropDown under @root, depth first. */
static GtkDropDown *
find_dropdown (GtkWidget *root,
               guint     *n)
{
  if (GTK_IS_DROP_DOWN (root) && (*n)-- == 0)
    return GTK_DROP_DOWN (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found = find_dropdown (child, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkDropDown *
nth_dropdown (GtkWidget *root,
              guint      n)
{
  GtkDropDown *dropdown = find_dropdown (root, &n);

  g_assert_nonnull (dropdown);
  return dropdown;
}

/* ---- SF-425 ---- */

static void
check_ffr (Fixture          *fx,
           GtkWidget        *panel,
           gint64            grant,
           const char       *period_end,
           gboolean          final,
           AllotReportBasis  basis)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotFfr) ffr = NULL;
  g_autofree char *text = NULL;
  GDate end, today;

  g_assert_true (allot_date_parse (period_end, &end, NULL));
  allot_date_set_today (&today);
  allot_report_ffr_panel_choose (ALLOT_REPORT_FFR_PANEL (panel), grant, &end, final, basis);
  wait_panel (fx->window, panel);
  ffr = allot_report_ffr (fx->store, grant, &end, final, basis, &today, &error);
  g_assert_no_error (error);

  text = app_test_collect_text (panel);
  /* Each line as "ID, label, amount", one label after the other. */
  for (guint l = 0; l < ALLOT_FFR_N_LINES; l++)
    {
      g_autofree char *money = allot_session_format_money (fx->session, ffr->lines[l]);
      g_autofree char *row = g_strdup_printf ("%s\n%s\n%s\n", allot_ffr_line_id (l),
                                              allot_ffr_line_label (l), money);

      assert_shows (text, row);
    }
  for (guint i = 0; i < ffr->warnings->len; i++)
    assert_shows (text, ffr->warnings->pdata[i]);
  assert_shows (text, ffr->award_number);
  assert_shows (text, ffr->awarding_agency);
  {
    g_autofree char *due = allot_date_format_iso (&ffr->due_date);
    g_autofree char *charged = allot_session_format_money (fx->session, ffr->indirect_charged);

    assert_shows (text, due);
    if (ffr->indirect->len > 0)
      assert_shows (text, charged);
  }
  g_assert_cmpint (allot_report_ffr_panel_get_report (ALLOT_REPORT_FFR_PANEL (panel))->lines[
                     ALLOT_FFR_10E], ==, ffr->lines[ALLOT_FFR_10E]);
}

static void
test_ffr (void)
{
  Fixture fx = { 0 };
  GtkWidget *panel;
  g_autofree char *text = NULL;
  gint64 jag, uasi;

  fixture_open (&fx, TRUE);
  jag = source_id (&fx, "JAG-FY24");
  uasi = source_id (&fx, "UASI-FY24");
  panel = show_report (&fx, "ffr");

  check_ffr (&fx, panel, jag, "2026-09-30", FALSE, ALLOT_BASIS_CASH);
  /* The demo's three grants are offered, and no other source; the
   * periods offered are the grant's reporting periods. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) periods = allot_report_periods (fx.store, jag, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (allot_choices_get_n (nth_dropdown (panel, 0)), ==, 3);
    g_assert_cmpint (allot_choices_get_selected (nth_dropdown (panel, 0)), ==, jag);
    g_assert_cmpuint (allot_choices_get_n (nth_dropdown (panel, 1)), ==, periods->len);
  }
  g_free (text);
  text = app_test_collect_text (panel);
  /* The period chosen, with its due date, and a past-due warning (the
   * demo's 2026-09-30 report was due 2026-10-30). */
  assert_shows (text, "2026-09-30 (quarterly, due 2026-10-30)");
  save_png (&fx, "ffr");

  check_ffr (&fx, panel, jag, "2026-09-30", FALSE, ALLOT_BASIS_ACCRUAL);

  /* As a person would: the last period in the dropdown is the final
   * report, and picking it ticks "Final report"; the basis dropdown's
   * second choice is accrual. */
  {
    GtkDropDown *periods = nth_dropdown (panel, 1);
    GtkDropDown *basis = nth_dropdown (panel, 2);
    GtkWidget *final_check = app_test_find (panel, GTK_TYPE_CHECK_BUTTON);
    const AllotFfr *shown;

    gtk_drop_down_set_selected (basis, 0);
    wait_panel (fx.window, panel);
    gtk_drop_down_set_selected (periods, allot_choices_get_n (periods) - 1);
    wait_panel (fx.window, panel);
    shown = allot_report_ffr_panel_get_report (ALLOT_REPORT_FFR_PANEL (panel));
    g_assert_true (shown->final);
    g_assert_cmpstr (shown->report_type, ==, "final");
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (final_check)));
    g_assert_cmpint (shown->basis, ==, ALLOT_BASIS_CASH);
    gtk_drop_down_set_selected (basis, 1);
    wait_panel (fx.window, panel);
    shown = allot_report_ffr_panel_get_report (ALLOT_REPORT_FFR_PANEL (panel));
    g_assert_cmpint (shown->basis, ==, ALLOT_BASIS_ACCRUAL);
    g_assert_true (shown->final);
    /* Unticking it files the same period as an interim report. */
    gtk_check_button_set_active (GTK_CHECK_BUTTON (final_check), FALSE);
    wait_panel (fx.window, panel);
    shown = allot_report_ffr_panel_get_report (ALLOT_REPORT_FFR_PANEL (panel));
    g_assert_false (shown->final);
  }
  /* The final report with obligations still open warns (the core says so). */
  check_ffr (&fx, panel, jag, "2027-09-30", TRUE, ALLOT_BASIS_CASH);
  g_free (text);
  text = app_test_collect_text (panel);
  assert_shows (text, "unliquidated obligations");
  assert_shows (text, "2027-09-30 (final, due 2028-01-28)");
  /* A grant with two indirect rate periods shows both on line 11. */
  check_ffr (&fx, panel, uasi, "2026-09-30", FALSE, ALLOT_BASIS_CASH);
  g_free (text);
  text = app_test_collect_text (panel);
  assert_shows (text, "11a\nType of rate\nprovisional\n");
  save_png (&fx, "ffr-line-11");
  fixture_close (&fx);
}

/* ---- ESAC ---- */

enum { ESAC_LINE, ESAC_LABEL, ESAC_JUSTICE, ESAC_TREASURY };

static void
test_esac (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotEsac) esac = NULL;
  GtkWidget *panel;
  GListModel *rows;
  g_autofree char *text = NULL;

  fixture_open (&fx, TRUE);
  allot_window_set_fiscal_year (fx.window, 2026);
  panel = show_report (&fx, "esac");
  esac = allot_report_esac (fx.store, 2026, &error);
  g_assert_no_error (error);
  rows = table_rows (panel);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                    ALLOT_ESAC_N_LINES + ALLOT_ESAC_N_CATEGORIES);
  for (guint l = 0; l < ALLOT_ESAC_N_LINES; l++)
    {
      g_autofree char *line = cell (rows, l, ESAC_LINE);
      g_autofree char *label = cell (rows, l, ESAC_LABEL);
      g_autofree char *id = g_strdup_printf ("%u", l + 1);

      g_assert_cmpstr (line, ==, id);
      g_assert_cmpstr (label, ==, allot_esac_line_label (l));
      assert_cell_money (&fx, rows, l, ESAC_JUSTICE, esac->lines[ALLOT_ESAC_JUSTICE][l]);
      assert_cell_money (&fx, rows, l, ESAC_TREASURY, esac->lines[ALLOT_ESAC_TREASURY][l]);
    }
  for (guint c = 0; c < ALLOT_ESAC_N_CATEGORIES; c++)
    {
      guint row = ALLOT_ESAC_N_LINES + c;
      g_autofree char *label = cell (rows, row, ESAC_LABEL);

      g_assert_cmpstr (label, ==, allot_esac_category_label ('a' + c));
      assert_cell_money (&fx, rows, row, ESAC_JUSTICE, esac->spent[ALLOT_ESAC_JUSTICE][c]);
      assert_cell_money (&fx, rows, row, ESAC_TREASURY, esac->spent[ALLOT_ESAC_TREASURY][c]);
    }
  text = app_test_collect_text (panel);
  assert_shows (text, "Due 2026-11-29");
  save_png (&fx, "esac");

  /* Another year in the header bar: the panel follows it. */
  allot_window_set_fiscal_year (fx.window, 2025);
  wait_panel (fx.window, panel);
  g_clear_pointer (&esac, allot_esac_free);
  esac = allot_report_esac (fx.store, 2025, &error);
  g_assert_no_error (error);
  assert_cell_money (&fx, rows, ALLOT_ESAC_ENDING, ESAC_JUSTICE,
                     esac->lines[ALLOT_ESAC_JUSTICE][ALLOT_ESAC_ENDING]);
  fixture_close (&fx);
}

static void
add_receipt (AllotStore       *store,
             gint64            fund,
             AllotReceiptKind  kind,
             const char       *date,
             gint64            amount,
             const char       *case_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();

  receipt->source_id = fund;
  receipt->kind = kind;
  g_assert_true (allot_date_parse (date, &receipt->received_date, NULL));
  receipt->amount = amount;
  receipt->case_number = g_strdup (case_number);
  receipt->description = g_strdup ("test receipt");
  g_assert_true (allot_store_add_receipt (store, receipt, &error));
  g_assert_no_error (error);
}

static gint64
add_fund (AllotStore             *store,
          const char             *code,
          AllotForfeitureProgram  program)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotSource) source = allot_source_new (ALLOT_SOURCE_FORFEITURE);

  source->code = g_strdup (code);
  source->name = g_strdup_printf ("Fund %s", code);
  source->u.forfeiture.program = program;
  g_assert_true (allot_store_add_source (store, source, &error));
  g_assert_no_error (error);
  return source->id;
}

/* Figures computed by hand: a Justice fund that received 12,000.00 on
 * 2025-11-15 and 35.50 of interest on 2025-12-31, and a Treasury fund that
 * received 2,000.00 on 2024-12-01 (FY2025).  FY2026: Justice line 1 0.00,
 * 2 12,000.00, 5 35.50, 6 12,035.50, 8 12,035.50; Treasury line 1 (last
 * year's ending balance) 2,000.00, 6 0.00, 8 2,000.00. */
static void
test_esac_by_hand (void)
{
  Fixture fx = { 0 };
  GtkWidget *panel;
  GListModel *rows;
  gint64 doj, treasury;
  static const struct { guint line; const char *justice, *treasury; } expected[] = {
    { ALLOT_ESAC_BEGINNING, "$0.00", "$2,000.00" },
    { ALLOT_ESAC_RECEIVED, "$12,000.00", "$0.00" },
    { ALLOT_ESAC_INTEREST, "$35.50", "$0.00" },
    { ALLOT_ESAC_TOTAL_RECEIVED, "$12,035.50", "$0.00" },
    { ALLOT_ESAC_SPENT, "$0.00", "$0.00" },
    { ALLOT_ESAC_ENDING, "$12,035.50", "$2,000.00" },
  };

  fixture_open (&fx, FALSE);
  doj = add_fund (fx.store, "DOJ", ALLOT_FORFEITURE_DOJ);
  treasury = add_fund (fx.store, "TRE", ALLOT_FORFEITURE_TREASURY);
  add_receipt (fx.store, treasury, ALLOT_RECEIPT_SHARING, "2024-12-01", 200000, "T-1");
  add_receipt (fx.store, doj, ALLOT_RECEIPT_SHARING, "2025-11-15", 1200000, "D-1");
  add_receipt (fx.store, doj, ALLOT_RECEIPT_INTEREST, "2025-12-31", 3550, NULL);
  allot_session_changed (fx.session);
  allot_window_set_fiscal_year (fx.window, 2026);
  panel = show_report (&fx, "esac");
  rows = table_rows (panel);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *justice = cell (rows, expected[i].line, ESAC_JUSTICE);
      g_autofree char *treasury_text = cell (rows, expected[i].line, ESAC_TREASURY);

      g_assert_cmpstr (justice, ==, expected[i].justice);
      g_assert_cmpstr (treasury_text, ==, expected[i].treasury);
    }
  fixture_close (&fx);
}

/* ---- overtime ---- */

/* The columns of the overtime table, and the status cell's tooltip. */
enum {
  OT_AGREEMENT, OT_OFFICER, OT_YEAR, OT_HOURS, OT_AMOUNT, OT_CAP, OT_REMAINING,
  OT_BILLED, OT_RECEIVED, OT_OUTSTANDING, OT_STATUS, OT_STATUS_DETAIL,
};

static void
check_overtime (Fixture   *fx,
                GtkWidget *panel,
                int        fiscal_year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotOvertimeReport) report = allot_report_overtime (fx->store, fiscal_year, &error);
  GListModel *rows = table_rows (panel);
  guint n_over = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, report->rows->len);
  g_assert_cmpuint (report->rows->len, >, 0);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const AllotOvertimeRow *r = report->rows->pdata[i];
      g_autofree char *officer = cell (rows, i, OT_OFFICER);
      g_autofree char *hours = cell (rows, i, OT_HOURS);
      g_autofree char *status = cell (rows, i, OT_STATUS);
      g_autofree char *detail = cell (rows, i, OT_STATUS_DETAIL);
      g_autofree char *reimbursable = allot_session_format_money (fx->session, r->reimbursable);
      g_autofree char *expected_hours = g_strdup_printf ("%d.%02d", (int) (r->hours / 100),
                                                         (int) (r->hours % 100));

      g_assert_nonnull (strstr (officer, r->badge));
      g_assert_cmpstr (hours, ==, expected_hours);
      assert_cell_money (fx, rows, i, OT_AMOUNT, r->amount);
      assert_cell_money (fx, rows, i, OT_CAP, r->annual_cap);
      assert_cell_money (fx, rows, i, OT_REMAINING, r->remaining);
      assert_shows (detail, reimbursable);
      assert_cell_money (fx, rows, i, OT_BILLED, r->billed);
      assert_cell_money (fx, rows, i, OT_RECEIVED, r->received);
      assert_cell_money (fx, rows, i, OT_OUTSTANDING, r->outstanding);
      /* Over-cap rows say so in words (the icon is beside them), and by
       * how much in the tooltip. */
      if (r->over_cap > 0)
        {
          g_autofree char *over = allot_session_format_money (fx->session, r->over_cap);

          g_assert_cmpstr (status, ==, "Over cap");
          assert_shows (detail, over);
          n_over++;
        }
      else
        g_assert_cmpstr (status, ==, "Within cap");
    }
  /* The demo's Det. Alvarez goes over his cap every year. */
  g_assert_cmpuint (n_over, >, 0);
}

static void
test_overtime (void)
{
  Fixture fx = { 0 };
  GtkWidget *panel;
  g_autofree char *text = NULL;

  fixture_open (&fx, TRUE);
  allot_window_set_fiscal_year (fx.window, 2026);
  panel = show_report (&fx, "overtime");
  check_overtime (&fx, panel, 2026);
  allot_report_overtime_panel_set_all_years (ALLOT_REPORT_OVERTIME_PANEL (panel), TRUE);
  wait_panel (fx.window, panel);
  check_overtime (&fx, panel, 0);
  text = app_test_collect_text (panel);
  /* The core's warnings, e.g. the entries still awaiting review. */
  assert_shows (text, "await review");
  save_png (&fx, "overtime");
  fixture_close (&fx);
}

/* ---- participation ---- */

enum {
  P_YEAR, P_TASK_FORCE, P_GRANT, P_APPROPRIATION, P_AGREEMENT, P_FORFEITURE, P_CASH,
  P_IN_KIND, P_OFFICERS, P_HOURS, P_REIMBURSED,
};

static void
check_participation (Fixture   *fx,
                     GtkWidget *panel,
                     int        fiscal_year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotParticipation) report = allot_report_participation (fx->store, fiscal_year,
                                                                     &error);
  GListModel *rows = table_rows (panel);
  g_autofree char *text = app_test_collect_text (panel);
  g_autofree char *contributed = allot_session_format_money (fx->session,
                                                             report->totals.contributed);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, report->rows->len);
  g_assert_cmpuint (report->rows->len, >, 0);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const AllotParticipationRow *r = report->rows->pdata[i];
      g_autofree char *code = cell (rows, i, P_TASK_FORCE);
      g_autofree char *officers = cell (rows, i, P_OFFICERS);
      g_autofree char *expected_officers = g_strdup_printf ("%u", r->officers);
      g_autofree char *hours = cell (rows, i, P_HOURS);
      g_autofree char *expected_hours = g_strdup_printf ("%d.%02d",
                                                         (int) (r->overtime_hours / 100),
                                                         (int) (r->overtime_hours % 100));

      g_assert_cmpstr (code, ==, r->code);
      assert_cell_money (fx, rows, i, P_GRANT, r->cash[ALLOT_SOURCE_GRANT]);
      assert_cell_money (fx, rows, i, P_APPROPRIATION, r->cash[ALLOT_SOURCE_APPROPRIATION]);
      assert_cell_money (fx, rows, i, P_AGREEMENT, r->cash[ALLOT_SOURCE_AGREEMENT]);
      assert_cell_money (fx, rows, i, P_FORFEITURE, r->cash[ALLOT_SOURCE_FORFEITURE]);
      assert_cell_money (fx, rows, i, P_CASH, r->cash_total);
      assert_cell_money (fx, rows, i, P_IN_KIND, r->in_kind);
      g_assert_cmpstr (officers, ==, expected_officers);
      g_assert_cmpstr (hours, ==, expected_hours);
      assert_cell_money (fx, rows, i, P_REIMBURSED, r->reimbursed);
    }
  assert_shows (text, contributed);
}

static void
test_participation (void)
{
  Fixture fx = { 0 };
  GtkWidget *panel;

  fixture_open (&fx, TRUE);
  allot_window_set_fiscal_year (fx.window, 2026);
  panel = show_report (&fx, "participation");
  check_participation (&fx, panel, 2026);
  save_png (&fx, "participation");
  allot_report_participation_panel_set_all_years (ALLOT_REPORT_PARTICIPATION_PANEL (panel), TRUE);
  wait_panel (fx.window, panel);
  check_participation (&fx, panel, 0);
  fixture_close (&fx);
}

/* ---- burn rate ---- */

enum { B_MONTH, B_SPENT, B_CUMULATIVE, B_SPENT_PCT, B_ELAPSED_PCT };

static void
test_burn (void)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotBurnReport) report = NULL;
  g_autofree char *text = NULL;
  g_autofree char *exhaustion = NULL;
  g_autofree char *authorized = NULL;
  GtkWidget *panel;
  GListModel *rows;
  gint64 jag;
  GDate today;

  fixture_open (&fx, TRUE);
  jag = source_id (&fx, "JAG-FY24");
  panel = show_report (&fx, "burn");
  allot_report_burn_panel_choose_source (ALLOT_REPORT_BURN_PANEL (panel), jag);
  wait_panel (fx.window, panel);
  allot_date_set_today (&today);
  report = allot_report_burn (fx.store, jag, &today, &error);
  g_assert_no_error (error);

  rows = table_rows (panel);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, report->months->len);
  for (guint i = 0; i < report->months->len; i++)
    {
      const AllotBurnMonth *m = &g_array_index (report->months, AllotBurnMonth, i);
      g_autofree char *month = cell (rows, i, B_MONTH);
      g_autofree char *expected_month = g_strdup_printf ("%04d-%02d", m->year, m->month);
      g_autofree char *spent_pct = cell (rows, i, B_SPENT_PCT);
      g_autofree char *expected_pct = g_strdup_printf ("%u.%02u%%", m->spent_bp / 100,
                                                       m->spent_bp % 100);

      g_assert_cmpstr (month, ==, expected_month);
      assert_cell_money (&fx, rows, i, B_SPENT, m->spent);
      assert_cell_money (&fx, rows, i, B_CUMULATIVE, m->cumulative);
      g_assert_cmpstr (spent_pct, ==, expected_pct);
    }
  text = app_test_collect_text (panel);
  authorized = allot_session_format_money (fx.session, report->authorized);
  assert_shows (text, authorized);
  /* The projection is measured from today: on the demo's dates the JAG
   * money outlasts its period, but a later run may find the period over. */
  if (report->has_projection)
    {
      exhaustion = allot_date_format_iso (&report->exhaustion);
      assert_shows (text, exhaustion);
    }
  else
    assert_shows (text, "No projection");
  save_png (&fx, "burn");
  fixture_close (&fx);
}

/* The balances stay the first report, and the export follows them. */
static void
test_balances (void)
{
  Fixture fx = { 0 };

  fixture_open (&fx, TRUE);
  g_assert_cmpstr (allot_reports_page_get_report (fx.page), ==, "balances");
  show_report (&fx, "ffr");
  show_report (&fx, "balances");
  app_test_wait_idle (fx.window);
  g_assert_cmpint (allot_reports_page_get_export_year (fx.page), ==,
                   allot_window_get_fiscal_year (fx.window));
  save_png (&fx, "balances");
  fixture_close (&fx);
}

/* A database with nothing in it: every report says so instead of failing,
 * and the ESAC is all zeros. */
static void
test_empty (void)
{
  Fixture fx = { 0 };
  GtkWidget *panel;
  GListModel *rows;
  g_autofree char *text = NULL;

  fixture_open (&fx, FALSE);
  panel = show_report (&fx, "ffr");
  text = app_test_collect_text (panel);
  assert_shows (text, "No federal grant is recorded");
  g_assert_null (allot_report_ffr_panel_get_report (ALLOT_REPORT_FFR_PANEL (panel)));
  panel = show_report (&fx, "burn");
  g_free (text);
  text = app_test_collect_text (panel);
  assert_shows (text, "No funding source is recorded yet.");
  panel = show_report (&fx, "overtime");
  g_assert_cmpuint (g_list_model_get_n_items (table_rows (panel)), ==, 0);
  g_free (text);
  text = app_test_collect_text (panel);
  assert_shows (text, "Total: 0.00 hours, $0.00 of overtime");
  panel = show_report (&fx, "participation");
  g_assert_cmpuint (g_list_model_get_n_items (table_rows (panel)), ==, 0);
  panel = show_report (&fx, "esac");
  rows = table_rows (panel);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 22);
  for (guint i = 0; i < 22; i++)
    {
      g_autofree char *justice = cell (rows, i, ESAC_JUSTICE);

      g_assert_cmpstr (justice, ==, "$0.00");
    }
  fixture_close (&fx);
}

/* Every report fits a narrow window: its controls and figures wrap or
 * scroll instead of widening the view (a wide view folds the window's
 * sidebar away). */
static void
test_narrow (void)
{
  static const char *reports[] = {
    "balances", "ffr", "esac", "overtime", "participation", "burn",
  };
  Fixture fx = { 0 };

  fixture_open (&fx, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      GtkWidget *panel = show_report (&fx, reports[i]);
      int minimum = 0, natural = 0;

      gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
      g_test_message ("%s: minimum width %d, natural %d", reports[i], minimum, natural);
      g_assert_cmpint (minimum, <=, 640);
    }
  {
    int minimum = 0;

    /* The row of report buttons and Export as well. */
    gtk_widget_measure (GTK_WIDGET (fx.page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("the view: minimum width %d", minimum);
    g_assert_cmpint (minimum, <=, 640);
  }
  /* What the SF-425 looks like when the controls wrap (narrower still,
   * the window folds its sidebar for the Funding Sources view's sake). */
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1060, 760);
  show_report (&fx, "ffr");
  app_test_spin (500);
  save_png (&fx, "ffr-narrow");
  fixture_close (&fx);
}

int
main (int   argc,
      char *argv[])
{
  app_test_init (&argc, &argv);
  g_test_add_func ("/reports/balances", test_balances);
  g_test_add_func ("/reports/ffr", test_ffr);
  g_test_add_func ("/reports/esac", test_esac);
  g_test_add_func ("/reports/esac-by-hand", test_esac_by_hand);
  g_test_add_func ("/reports/overtime", test_overtime);
  g_test_add_func ("/reports/participation", test_participation);
  g_test_add_func ("/reports/burn", test_burn);
  g_test_add_func ("/reports/empty", test_empty);
  g_test_add_func ("/reports/narrow", test_narrow);
  return g_test_run ();
}
