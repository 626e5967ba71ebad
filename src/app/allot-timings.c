/* allot-timings.c: the app timing itself (ALLOT_TIMINGS), for issue 10.
 *
 * Design decisions:
 * - "Drawn" means painted: the conditions are checked in the frame clock's
 *   after-paint, so a time includes the frame that showed the lines, not
 *   only the query that read them.  A tick callback keeps frames coming
 *   while a step waits, so a step that ends without anything new to paint
 *   (the totals of a count that changed nothing visible) is still seen.
 * - The script goes through the same widgets a person uses (the ledger's
 *   fiscal-year filter, a column header's sort), so what is timed is what
 *   a click costs, without the search box's typing delay.
 * - The output is English key=value on stderr, for scripts, not users: it is
 *   not translated.
 */
#include "allot-config.h"

#include <sys/resource.h>

#include "allot-ledger-page.h"
#include "allot-ledger-sorter.h"
#include "allot-timings.h"

typedef enum {
  STEP_OPEN,
  STEP_FIRST_ROWS,
  STEP_FILTER,
  STEP_FILTER_ALL,
  STEP_SORT,
  STEP_SORT_ALL,
  STEP_DONE,
} Step;

static struct {
  gboolean enabled;
  gboolean script;
  gboolean watching;
  gint64 origin;         /* µs, monotonic, at main() */
  gint64 step_start;     /* µs, when the filter or sort was applied */
  Step step;
  AllotWindow *window;
  AllotLedgerModel *model;
  GString *line;
} timings;

void
allot_timings_init (void)
{
  const char *env = g_getenv ("ALLOT_TIMINGS");

  timings.origin = g_get_monotonic_time ();
  timings.enabled = env != NULL && *env != '\0' && g_strcmp0 (env, "0") != 0;
  timings.script = g_strcmp0 (env, "script") == 0;
}

gboolean
allot_timings_enabled (void)
{
  return timings.enabled;
}

static void
record (const char *name,
        gint64      since)
{
  if (timings.line->len > 0)
    g_string_append_c (timings.line, ' ');
  g_string_append_printf (timings.line, "%s=%" G_GINT64_FORMAT, name,
                          (g_get_monotonic_time () - since + 500) / 1000);
}

static AllotLedgerPage *
ledger_page (void)
{
  return ALLOT_LEDGER_PAGE (allot_window_get_view (timings.window, "ledger"));
}

/* The first lines of what was last asked for are in the model (so, checked
 * after a paint, on screen). */
static gboolean
first_rows_shown (void)
{
  g_autoptr(AllotLedgerItem) first = NULL;

  if (!allot_ledger_model_get_current (timings.model))
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (timings.model)) == 0)
    return !allot_ledger_model_get_loading (timings.model);
  first = g_list_model_get_item (G_LIST_MODEL (timings.model), 0);
  return first != NULL && allot_ledger_item_is_loaded (first);
}

static gboolean
all_in (void)
{
  return first_rows_shown () && !allot_ledger_model_get_loading (timings.model);
}

static void
apply_filter (void)
{
  AllotStore *store = allot_session_get_store (allot_window_get_session (timings.window));
  g_autoptr(GArray) years = allot_store_list_fiscal_years (store, NULL);

  /* The latest year with a budget: the filter a person uses most. */
  timings.step_start = g_get_monotonic_time ();
  allot_ledger_page_filter_fiscal_year (ledger_page (),
                                        years != NULL && years->len > 0
                                        ? g_array_index (years, int, years->len - 1) : 0);
}

static void
apply_sort (void)
{
  GtkColumnView *view = allot_ledger_page_get_view (ledger_page ());
  GListModel *columns = gtk_column_view_get_columns (view);

  timings.step_start = g_get_monotonic_time ();
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (ALLOT_IS_LEDGER_SORTER (sorter) &&
          allot_ledger_sorter_get_key (ALLOT_LEDGER_SORTER (sorter)) == ALLOT_LEDGER_SORT_AMOUNT)
        {
          /* Largest amounts first: what a person looking for big lines does. */
          gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
          return;
        }
    }
  g_warning ("ALLOT_TIMINGS: the ledger has no amount column to sort by");
}

static void
finish (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_string_append_printf (timings.line, " peak_kb=%ld", usage.ru_maxrss);
  g_printerr ("%s\n", timings.line->str);
  timings.step = STEP_DONE;
  if (timings.script)
    g_application_quit (g_application_get_default ());
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  switch (timings.step)
    {
    case STEP_FIRST_ROWS:
      if (!first_rows_shown ())
        return;
      record ("first_rows_ms", timings.origin);
      if (!timings.script)
        {
          finish ();
          return;
        }
      timings.step = STEP_FILTER;
      apply_filter ();
      return;
    case STEP_FILTER:
      if (!first_rows_shown ())
        return;
      record ("filter_ms", timings.step_start);
      timings.step = STEP_FILTER_ALL;
      G_GNUC_FALLTHROUGH;
    case STEP_FILTER_ALL:
      if (!all_in ())
        return;
      record ("filter_all_ms", timings.step_start);
      timings.step = STEP_SORT;
      apply_sort ();
      return;
    case STEP_SORT:
      if (!first_rows_shown ())
        return;
      record ("sort_ms", timings.step_start);
      timings.step = STEP_SORT_ALL;
      G_GNUC_FALLTHROUGH;
    case STEP_SORT_ALL:
      if (!all_in ())
        return;
      record ("sort_all_ms", timings.step_start);
      finish ();
      return;
    case STEP_OPEN:
    case STEP_DONE:
    default:
      return;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  return timings.step == STEP_DONE ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
session_cb (AllotWindow *window)
{
  GdkFrameClock *clock;

  if (timings.step != STEP_OPEN || allot_window_get_session (window) == NULL)
    return;
  record ("open_ms", timings.origin);
  timings.step = STEP_FIRST_ROWS;
  allot_window_show_view (window, "ledger");
  timings.model = allot_ledger_page_get_model (ledger_page ());

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, NULL, NULL);
}

void
allot_timings_watch_window (AllotWindow *window)
{
  if (!timings.enabled || timings.watching)
    return;
  timings.watching = TRUE;
  timings.window = window;
  timings.line = g_string_new (NULL);
  /* The script opens straight on the Ledger, as for someone whose last
   * view was the Ledger; otherwise the saved view comes first and loads. */
  if (timings.script)
    allot_window_show_view (window, "ledger");
  g_signal_connect (window, "notify::session", G_CALLBACK (session_cb), NULL);
}
