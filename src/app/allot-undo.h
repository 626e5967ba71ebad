/* allot-undo.h: what a toast's Undo button does after a save.
 *
 * Nothing in an Allot database is deleted, so undo is itself a write: the
 * entry just added is voided ("Undone"), the values just replaced are
 * written back.  An AllotUndo carries the toast's words and that write.
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
void        allot_undo_free        (AllotUndo     *undo);
const char *allot_undo_get_message (AllotUndo     *undo);
gboolean    allot_undo_can_undo    (AllotUndo     *undo);
gboolean    allot_undo_run         (AllotUndo     *undo,
                                    AllotStore    *store,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotUndo, allot_undo_free)

G_END_DECLS
