/* bench-data.h: a deterministic, generated ledger of any size.
 *
 * gen-ledger stores it (and bench-app.sh builds gen-ledger); the export's
 * baseline no longer regenerates it: it writes the cells the export itself
 * wrote (bench-cells.h).
 *
 * The jurisdiction: 5 agencies, 6 task forces, 8 cost categories, 2 grants
 * and 2 forfeiture funds running FY2020..FY2026, one appropriation per year
 * and one agreement; an allocation for every (year, source in play, task
 * force, category).  Entry i is dated so that dates never decrease with i
 * (ids follow dates, the order of the Ledger sheet), spread evenly over
 * 2019-10-01 .. 2026-09-30; 30% obligations, 60% expenditures (half of them
 * liquidating the last obligation of their allocation), 10% adjustments;
 * 95% approved, 1% voided.
 */
#pragma once

#include <glib.h>

#include "allot-records.h"

G_BEGIN_DECLS

#define BENCH_FIRST_FY 2020
#define BENCH_LAST_FY  2026
#define BENCH_N_YEARS  (BENCH_LAST_FY - BENCH_FIRST_FY + 1)

typedef struct {
  const char *code;
  const char *name;
  AllotAgencyLevel level;
} BenchAgency;

typedef struct {
  const char *code;
  const char *name;
  const char *lead;          /* agency code */
} BenchTaskForce;

typedef struct {
  const char *code;
  const char *name;
  char line;
} BenchCategory;

typedef struct {
  int fiscal_year;
  guint source;              /* index into bench_ledger_sources() */
  guint task_force;
  guint category;
} BenchAllocation;

typedef struct {
  char code[24];
  AllotSourceKind kind;
  int fiscal_year;           /* appropriations; 0 for the others */
} BenchSource;

/* One ledger line, as gen-ledger stores it. */
typedef struct {
  gint64 id;
  char entry_date[11];
  char paid_date[11];        /* "" when unpaid */
  AllotEntryKind kind;
  AllotStatus status;
  gint64 amount;
  char document[24];
  const char *payee;
  gint64 allocation_id;
  gint64 obligation_id;      /* 0 = none */
  gboolean voided;
  const char *entered_by;
  char description[160];
} BenchEntry;

typedef struct _BenchLedger BenchLedger;

const BenchAgency    *bench_ledger_agencies (guint *n);
const BenchTaskForce *bench_ledger_task_forces (guint *n);
const BenchCategory  *bench_ledger_categories (guint *n);

BenchLedger *bench_ledger_new (guint64 n_entries);
void         bench_ledger_free (BenchLedger *ledger);

/* Sources and allocations, in the order they are stored (ids 1, 2, ...). */
const BenchSource     *bench_ledger_sources (BenchLedger *ledger, guint *n);
const BenchAllocation *bench_ledger_allocations (BenchLedger *ledger, guint *n);

/* The next entry (ids 1, 2, ...); FALSE after the last. */
gboolean bench_ledger_next (BenchLedger *ledger,
                            BenchEntry  *entry);

G_END_DECLS
