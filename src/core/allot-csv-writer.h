/* allot-csv-writer.h: writing CSV for machines and spreadsheets (RFC 4180). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text as one RFC 4180 field: quoted when it holds a comma, a quote,
 * CR or LF, or leading/trailing spaces; quotes doubled. */
void allot_csv_append_field (GString    *line,
                             const char *text);

/* The same for text typed by people: a field starting with '=', '+', '-', '@',
 * tab or CR gets a leading apostrophe so spreadsheet programs show it as text
 * instead of running it as a formula. */
void allot_csv_append_text (GString    *line,
                            const char *text);

G_END_DECLS
