/* bench-ledger-page.c: what the app's Ledger waits for before it can draw,
 * on either engine (bench-pg.sh).
 *
 *   bench-ledger-page DB [LIMIT]
 *
 * DB is a file (SQLite) or a conninfo (PostgreSQL).  Prints one line of
 * seconds, each measured here around the core call alone:
 *
 *   open head order rows count
 *
 * open   allot_store_open() (on SQLite it includes the quick_check of a
 *        file up to 64 MiB)
 * head   allot_ledger_query_head(): the first LIMIT (default 50) lines,
 *        newest first, read whole: what the table shows first
 * order  allot_ledger_query_order(): the ids of every unvoided line in that
 *        order, with the count and totals, in one pass
 * rows   allot_ledger_query_rows() of the first LIMIT ids of that order: a
 *        page read by key, as the table reads every later page
 * count  how many lines the order holds (a check, not a time)
 */
#include <stdio.h>
#include <stdlib.h>

#include "allot-ledger-query.h"

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static void
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-ledger-page: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;
  AllotLedgerTotals totals = { 0 };
  guint limit = 50;
  double open_s, head_s, order_s, rows_s;
  gint64 start;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "usage: bench-ledger-page DB [LIMIT]\n");
      return 2;
    }
  if (argc == 3)
    limit = (guint) strtoul (argv[2], NULL, 10);

  start = g_get_monotonic_time ();
  store = allot_store_open (argv[1], ALLOT_STORE_OPEN_EXISTING, &error);
  open_s = seconds_since (start);
  if (store == NULL)
    die ("open", error);

  start = g_get_monotonic_time ();
  head = allot_ledger_query_head (store, NULL, ALLOT_LEDGER_SORT_DATE, TRUE, limit, &error);
  head_s = seconds_since (start);
  if (head == NULL)
    die ("first page", error);

  start = g_get_monotonic_time ();
  order = allot_ledger_query_order (store, NULL, ALLOT_LEDGER_SORT_DATE, TRUE, &totals, &error);
  order_s = seconds_since (start);
  if (order == NULL)
    die ("order", error);

  start = g_get_monotonic_time ();
  rows = allot_ledger_query_rows (store, (const gint64 *) (gpointer) order->data,
                                  MIN (limit, order->len), &error);
  rows_s = seconds_since (start);
  if (rows == NULL)
    die ("rows", error);

  /* The two ways to the first page must agree. */
  if (head->len != rows->len)
    {
      fprintf (stderr, "bench-ledger-page: the head has %u lines, the page by key %u\n",
               head->len, rows->len);
      return 1;
    }
  for (guint i = 0; i < head->len; i++)
    {
      const AllotLedgerRow *a = head->pdata[i], *b = rows->pdata[i];

      if (a->id != b->id || a->amount != b->amount)
        {
          fprintf (stderr, "bench-ledger-page: line %u differs: id %" G_GINT64_FORMAT
                   " against %" G_GINT64_FORMAT "\n", i, a->id, b->id);
          return 1;
        }
    }
  printf ("%.4f %.4f %.4f %.4f %u\n", open_s, head_s, order_s, rows_s, order->len);
  return 0;
}
