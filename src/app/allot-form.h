/* allot-form.h: what a record form offers the window that shows it.
 *
 * A form is a widget with fields; it says whether it can be saved, saves
 * in one store call, and describes what its toast's Undo does. */
#pragma once

#include <gtk/gtk.h>

#include "allot-undo.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_FORM (allot_form_get_type ())
G_DECLARE_INTERFACE (AllotForm, allot_form, ALLOT, FORM, GtkWidget)

struct _AllotFormInterface
{
  GTypeInterface parent_iface;

  const char *(*get_title) (AllotForm *self);
  gboolean    (*is_valid)  (AllotForm *self);
  /* Writes the record; on success sets *out_undo (may be NULL). */
  gboolean    (*save)      (AllotForm  *self,
                            AllotUndo **out_undo,
                            GError    **error);
};

const char *allot_form_get_title (AllotForm  *self);
gboolean    allot_form_is_valid  (AllotForm  *self);
gboolean    allot_form_save      (AllotForm  *self,
                                  AllotUndo **out_undo,
                                  GError    **error);

/* Emits ::changed: validity may differ.  Forms call it, or let
 * allot_form_watch() call it when a field changes. */
void        allot_form_changed   (AllotForm  *self);
/* Calls allot_form_changed() whenever @widget (an AllotField, GtkDropDown,
 * GtkCheckButton or GtkEditable) changes. */
void        allot_form_watch     (AllotForm  *self,
                                  GtkWidget  *widget);

/* TRUE when every AllotField under @self is valid. */
gboolean    allot_form_fields_valid (AllotForm *self);

G_END_DECLS
