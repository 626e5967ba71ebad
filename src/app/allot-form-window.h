/* allot-form-window.h: the modal window around a record form: Cancel,
 * Save (enabled while the form is valid), and the core's refusal in words. */
#pragma once

#include <adwaita.h>

#include "allot-form.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_FORM_WINDOW (allot_form_window_get_type ())
G_DECLARE_FINAL_TYPE (AllotFormWindow, allot_form_window, ALLOT, FORM_WINDOW, AdwWindow)

/* ::saved (AllotUndo *undo) is emitted after a save, before the window
 * closes; the handler takes @undo (which may be NULL). */
AllotFormWindow *allot_form_window_new            (GtkWindow       *parent,
                                                   GtkWidget       *form);
AllotForm       *allot_form_window_get_form       (AllotFormWindow *self);
gboolean         allot_form_window_can_save       (AllotFormWindow *self);
/* What Save does; returns FALSE when the form is invalid or the core refused. */
gboolean         allot_form_window_save           (AllotFormWindow *self);
/* The refusal shown, or NULL. */
const char      *allot_form_window_get_error_text (AllotFormWindow *self);

G_END_DECLS
