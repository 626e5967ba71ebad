/* allot-import-assistant-preview.h: the import assistant's preview table
 * (the first rows of the file, with the importer's verdict on each). */
#pragma once

#include <gtk/gtk.h>

#include "allot-import.h"

G_BEGIN_DECLS

/* One data row of the file as read. */
typedef struct {
  guint line;                   /* where it starts */
  char **cells;                 /* NULL: the row could not be read */
} AllotPreviewRow;

void allot_preview_row_free (AllotPreviewRow *row);

/* The first @max_rows data rows of the file at @path (AllotPreviewRow), or
 * NULL with ALLOT_ERROR_IO when it cannot be read. */
GPtrArray *allot_import_preview_read (const char *path,
                                      guint       max_rows,
                                      GError    **error);

/* Fills @grid with "Line", "Result" and the file's columns for @rows, as
 * @importer's last (dry) run judged them.  Returns the errors that belong
 * to no row of the table ("Line 1: ..."), one a line, or "". */
char *allot_import_preview_fill (GtkGrid       *grid,
                                 GPtrArray     *rows,
                                 AllotImporter *importer);

G_END_DECLS
