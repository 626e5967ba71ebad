/* allot-timings.h: the app timing itself (ALLOT_TIMINGS), for issue 10.
 *
 * ALLOT_TIMINGS=1 opens on the saved view, switches to the Ledger once the
 * database is open (the saved view has started loading by then, as for a
 * person who clicks Ledger at once) and prints, on stderr, how long the
 * first database took to open and its first ledger lines to be painted
 * (both from the start of main()) and the peak memory so far:
 *   open_ms=… first_rows_ms=… peak_kb=…
 * ALLOT_TIMINGS=script opens straight on the Ledger (as when it was the
 * last view), then plays, without anyone at the keyboard, a fiscal-year
 * filter and a sort by amount, and quits:
 *   open_ms=… first_rows_ms=… filter_ms=… filter_all_ms=… sort_ms=…
 *   sort_all_ms=… peak_kb=…
 * (tests/bench/bench-app.sh reads it).  A step's "_ms" runs from the click
 * until its first lines were painted, "_all_ms" until its count and totals
 * were in as well; peak_kb is getrusage()'s maximum resident set size. */
#pragma once

#include "allot-window.h"

G_BEGIN_DECLS

/* Called first thing in main(): the origin of every time. */
void     allot_timings_init          (void);
gboolean allot_timings_enabled       (void);
/* Watches @window, the first one, once. */
void     allot_timings_watch_window  (AllotWindow *window);

G_END_DECLS
