/* allot-demo.h: a fictional data set to try Allot with.
 *
 * The demo describes an imaginary "District of Columbia (demo data)": its
 * police, corrections and emergency agencies, five federal task forces, and
 * the grants, appropriations, agreement and forfeiture funds behind them,
 * with allocations and a ledger over FY2025 and FY2026.  Every name, award,
 * case and document number in it is made up and marked as such.
 */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

/* Loads the demo into @store through the store's public API, so every rule
 * a person would meet applies to it too.  Refused with
 * ALLOT_ERROR_CONSTRAINT, and nothing written, unless allot_store_is_empty().
 * The data are the same on every run (a fixed seed and a fixed "today" of
 * 2026-11-28).  Each record is its own transaction: should a write fail
 * halfway, the database keeps what was loaded so far, so load the demo into
 * a new database and discard it on failure. */
gboolean allot_demo_load (AllotStore *store,
                          GError    **error);

G_END_DECLS
