/* make-ledger-db.c: writes a database with a generated ledger of N entries,
 * to try the app (or time it) on a ledger of realistic size:
 *   make-ledger-db FILE [N=1000000] */
#include "allot-config.h"

#include "ledger-fixture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 task_forces[3];
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 1000000;
  gint64 start = g_get_monotonic_time ();

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE [N]\n", argv[0]);
      return 2;
    }
  store = allot_store_open (argv[1], ALLOT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  rows = ledger_fixture_fill (store, n, task_forces);
  g_print ("%u entries written to %s in %.1f s\n", rows->len, argv[1],
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
