/* allot-choices.h: a GtkDropDown of records, chosen by id.
 *
 * The dropdown shows labels from a GtkStringList; the ids ride along on the
 * dropdown.  An optional first choice ("All sources") has id 0. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Empties @dropdown; @any_label (may be NULL) becomes a first choice of id 0. */
void   allot_choices_reset        (GtkDropDown *dropdown,
                                   const char  *any_label);
void   allot_choices_add          (GtkDropDown *dropdown,
                                   gint64       id,
                                   const char  *label);
/* Selects @id if present, else the first choice.  Returns TRUE if found. */
gboolean allot_choices_select     (GtkDropDown *dropdown,
                                   gint64       id);
/* The id of the selected choice; 0 for the "any" choice or none. */
gint64 allot_choices_get_selected (GtkDropDown *dropdown);
guint  allot_choices_get_n        (GtkDropDown *dropdown);

G_END_DECLS
