/* allot-lookup.h: finding a record of a list the views already hold by its
 * id, for the code or name a table shows (a few hundred records at most:
 * a linear search, no index to keep in step). */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

/* The code or name of the record with @id in a list of AllotSource,
 * AllotTaskForce or AllotCategory; @missing when there is none. */
const char *allot_lookup_source_code     (GPtrArray *sources,     gint64 id, const char *missing);
const char *allot_lookup_task_force_code (GPtrArray *task_forces, gint64 id, const char *missing);
const char *allot_lookup_category_name   (GPtrArray *categories,  gint64 id, const char *missing);
/* The balance of the AllotBalanceRow whose id is @id, or NULL. */
const AllotBalance *allot_lookup_balance (GPtrArray *rows, gint64 id);

G_END_DECLS
