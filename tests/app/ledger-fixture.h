/* ledger-fixture.h: a generated ledger of any size, written through the
 * store's API in one batch, with what the model must return computed on
 * the side. */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  gint64 amount;
  AllotEntryKind kind;
  int fiscal_year;
  gint64 task_force_id;
  char date[11];          /* ISO */
  char document[16];
  gboolean needle;        /* "needle" in the description */
} LedgerFixtureRow;

/* Fills an empty @store with one grant, 3 task forces, 4 categories,
 * allocations in FY2025 and FY2026, and @n_entries entries; returns the
 * entries (GArray of LedgerFixtureRow) and the task force ids. */
GArray *ledger_fixture_fill (AllotStore *store,
                             guint       n_entries,
                             gint64      task_force_ids[3]);

G_END_DECLS
