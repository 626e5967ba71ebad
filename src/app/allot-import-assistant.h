/* allot-import-assistant.h: the window that imports a CSV file: what and
 * which file, the field each column is read as, a preview of the first rows
 * with their errors in place, the import with progress and Cancel, and a
 * summary with an Undo of the whole import. */
#pragma once

#include <adwaita.h>

#include "allot-import.h"
#include "allot-window.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_IMPORT_ASSISTANT (allot_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (AllotImportAssistant, allot_import_assistant, ALLOT, IMPORT_ASSISTANT,
                      AdwWindow)

/* Modal over @window, importing into @session's database. */
AllotImportAssistant *allot_import_assistant_new (AllotWindow  *window,
                                                  AllotSession *session);

void allot_import_assistant_set_kind (AllotImportAssistant *self,
                                      AllotImportKind       kind);
/* What choosing a file does: reads its first rows and shows the columns
 * and the preview. */
void allot_import_assistant_set_file (AllotImportAssistant *self,
                                      const char           *path);
/* Reads @column as @field (or "ignore") and previews again, as choosing in
 * the column's list does. */
void allot_import_assistant_map_column (AllotImportAssistant *self,
                                        const char           *column,
                                        const char           *field);

/* "choose", "check", "progress" or "summary". */
const char    *allot_import_assistant_get_step     (AllotImportAssistant *self);
/* The results of the last preview or import. */
AllotImporter *allot_import_assistant_get_importer (AllotImportAssistant *self);
/* The field the list of @column shows ("ignore" for none); NULL for no
 * such column. */
const char    *allot_import_assistant_get_column_choice (AllotImportAssistant *self,
                                                         const char           *column);
/* TRUE when the preview is clean and Import is enabled. */
gboolean       allot_import_assistant_can_import   (AllotImportAssistant *self);

G_END_DECLS
