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
 * 2026-11-28).  The load is one batch (allot_store_begin_batch()), all or
 * nothing; inside a batch of the caller's, the caller commits or rolls back. */
gboolean allot_demo_load (AllotStore *store,
                          GError    **error);

G_END_DECLS
