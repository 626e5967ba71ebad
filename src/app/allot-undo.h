/* allot-undo.h: what a toast's Undo button does after a save.
 *
 * Undo is itself a write, audited like any other: the entry or source
 * record just added is voided ("Undone"), an agency, task force or category
 * just added is removed while nothing refers to it, the values just
 * replaced are written back.  An AllotUndo carries the toast's words and
 * that write.
 */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

typedef gboolean (*AllotUndoFunc) (AllotStore *store,
                                   gpointer    data,
                                   GError    **error);

typedef struct _AllotUndo AllotUndo;

/* @func NULL: the toast has no Undo button. */
AllotUndo  *allot_undo_new         (const char    *message,
                                    AllotUndoFunc  func,
                                    gpointer       data,
                                    GDestroyNotify destroy);
/* What allot_undo_new_take_back() takes back: the dated source records are
 * voided ("Undone"), the reference records nothing refers to yet are
 * removed (allot_store_remove_agency() ...). */
typedef enum {
  ALLOT_UNDO_RECEIPT,
  ALLOT_UNDO_DRAWDOWN,
  ALLOT_UNDO_MATCH_ENTRY,
  ALLOT_UNDO_CONTRIBUTION,
  ALLOT_UNDO_AGENCY,
  ALLOT_UNDO_TASK_FORCE,
  ALLOT_UNDO_CATEGORY,
} AllotUndoTarget;

/* The Undo of adding record @id of @target. */
AllotUndo  *allot_undo_new_take_back (const char     *message,
                                      AllotUndoTarget target,
                                      gint64          id);
void        allot_undo_free        (AllotUndo     *undo);
const char *allot_undo_get_message (AllotUndo     *undo);
gboolean    allot_undo_can_undo    (AllotUndo     *undo);
gboolean    allot_undo_run         (AllotUndo     *undo,
                                    AllotStore    *store,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotUndo, allot_undo_free)

G_END_DECLS
