/* allot-rules.h: the compliance checks auditors run, as findings. */
#pragma once

#include <glib.h>

#include "allot-store.h"

G_BEGIN_DECLS

typedef enum {
  ALLOT_SEVERITY_INFO,
  ALLOT_SEVERITY_WARNING,
  ALLOT_SEVERITY_ERROR,
} AllotSeverity;

const char *allot_severity_to_string (AllotSeverity severity);

typedef struct {
  const char *id;            /* stable, e.g. "allocation-overspent" */
  AllotSeverity severity;
  const char *title;         /* what it checks, for people */
} AllotRule;

/* Every rule, in the order they run. */
const AllotRule *allot_rules_list (guint *n_rules);

typedef struct {
  const AllotRule *rule;
  char *message;             /* names the records involved */
  char *table_name;          /* the record to open: "sources", "allocations", ... */
  gint64 record_id;
} AllotFinding;

void allot_finding_free (AllotFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotFinding, allot_finding_free)

/* Runs every rule as of @as_of (NULL: today).  Thresholds are database
 * settings: rule_ending_days (90), rule_ending_unspent_pct (25),
 * liquidation_days (120).  Findings come most severe first. */
GPtrArray *allot_store_check (AllotStore  *store,
                              const GDate *as_of,
                              GError     **error);

G_END_DECLS
