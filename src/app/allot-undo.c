/* allot-undo.c: the write behind a toast's Undo button. */
#include "allot-config.h"

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
