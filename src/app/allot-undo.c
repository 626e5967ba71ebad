/* allot-undo.c: the write behind a toast's Undo button. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-personnel.h"
#include "allot-undo.h"

struct _AllotUndo
{
  char *message;
  AllotUndoFunc func;
  gpointer data;
  GDestroyNotify destroy;
};

AllotUndo *
allot_undo_new (const char    *message,
                AllotUndoFunc  func,
                gpointer       data,
                GDestroyNotify destroy)
{
  AllotUndo *undo = g_new0 (AllotUndo, 1);

  undo->message = g_strdup (message);
  undo->func = func;
  undo->data = data;
  undo->destroy = destroy;
  return undo;
}

void
allot_undo_free (AllotUndo *undo)
{
  if (undo == NULL)
    return;
  if (undo->destroy != NULL && undo->data != NULL)
    undo->destroy (undo->data);
  g_free (undo->message);
  g_free (undo);
}

const char *
allot_undo_get_message (AllotUndo *undo)
{
  g_return_val_if_fail (undo != NULL, NULL);
  return undo->message;
}

gboolean
allot_undo_can_undo (AllotUndo *undo)
{
  g_return_val_if_fail (undo != NULL, FALSE);
  return undo->func != NULL;
}

gboolean
allot_undo_run (AllotUndo  *undo,
                AllotStore *store,
                GError    **error)
{
  g_return_val_if_fail (undo != NULL, FALSE);
  g_return_val_if_fail (undo->func != NULL, FALSE);
  return undo->func (store, undo->data, error);
}

typedef struct {
  AllotUndoTarget target;
  gint64 id;
} TakeBack;

static gboolean
take_back (AllotStore *store,
           gpointer    data,
           GError    **error)
{
  TakeBack *t = data;
  /* The reason recorded with the void, as for an undone ledger entry. */
  const char *reason = _("Undone");

  switch (t->target)
    {
    case ALLOT_UNDO_RECEIPT:
      return allot_store_void_record (store, ALLOT_VOIDABLE_RECEIPT, t->id, reason, error);
    case ALLOT_UNDO_DRAWDOWN:
      return allot_store_void_record (store, ALLOT_VOIDABLE_DRAWDOWN, t->id, reason, error);
    case ALLOT_UNDO_MATCH_ENTRY:
      return allot_store_void_record (store, ALLOT_VOIDABLE_MATCH, t->id, reason, error);
    case ALLOT_UNDO_CONTRIBUTION:
      return allot_store_void_contribution (store, t->id, reason, error);
    case ALLOT_UNDO_AGENCY:
      return allot_store_remove_agency (store, t->id, error);
    case ALLOT_UNDO_TASK_FORCE:
      return allot_store_remove_task_force (store, t->id, error);
    case ALLOT_UNDO_CATEGORY:
      return allot_store_remove_category (store, t->id, error);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

AllotUndo *
allot_undo_new_take_back (const char     *message,
                          AllotUndoTarget target,
                          gint64          id)
{
  TakeBack *t = g_new0 (TakeBack, 1);

  g_return_val_if_fail (id > 0, NULL);
  t->target = target;
  t->id = id;
  return allot_undo_new (message, take_back, t, g_free);
}
