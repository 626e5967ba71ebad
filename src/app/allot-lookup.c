/* allot-lookup.c: see allot-lookup.h. */
#include "allot-config.h"

#include "allot-lookup.h"

#define FIND(Type, records, id, field, missing)                        \
  G_STMT_START {                                                      \
    for (guint i_ = 0; (records) != NULL && i_ < (records)->len; i_++) \
      if (((Type *) (records)->pdata[i_])->id == (id))                 \
        return ((Type *) (records)->pdata[i_])->field;                 \
    return (missing);                                                 \
  } G_STMT_END

const char *
allot_lookup_source_code (GPtrArray  *sources,
                          gint64      id,
                          const char *missing)
{
  FIND (AllotSource, sources, id, code, missing);
}

const char *
allot_lookup_task_force_code (GPtrArray  *task_forces,
                              gint64      id,
                              const char *missing)
{
  FIND (AllotTaskForce, task_forces, id, code, missing);
}

const char *
allot_lookup_category_name (GPtrArray  *categories,
                            gint64      id,
                            const char *missing)
{
  FIND (AllotCategory, categories, id, name, missing);
}

const AllotBalance *
allot_lookup_balance (GPtrArray *rows,
                      gint64     id)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (((AllotBalanceRow *) rows->pdata[i])->id == id)
      return &((AllotBalanceRow *) rows->pdata[i])->balance;
  return NULL;
}
