/* allot-window-forms.h: the window's actions that open record forms, and
 * voiding (part of allot-window-actions.c's set). */
#pragma once

#include "allot-window.h"

G_BEGIN_DECLS

void allot_window_class_init_form_actions (GtkWidgetClass *widget_class);
void allot_window_update_form_actions     (AllotWindow    *self,
                                           gboolean        have_session);

G_END_DECLS
