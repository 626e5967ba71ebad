/* allot-form-util.h: what the record forms share. */
#pragma once

#include <gtk/gtk.h>

#include "allot-session.h"

G_BEGIN_DECLS

/* A form's class: a bin around its template's box. */
void allot_form_class_set_template (GtkWidgetClass *widget_class,
                                    const char     *resource);
/* From dispose: the template's children are gone after this. */
void allot_form_dispose_template   (GtkWidget      *form,
                                    GType           type);

/* Fills @dropdown with the agencies (all, or of @level when >= 0); @none_label
 * (may be NULL) is a first choice of id 0.  Selects @selected. */
void allot_form_fill_agencies      (GtkDropDown    *dropdown,
                                    AllotStore     *store,
                                    const char     *none_label,
                                    int             level,
                                    gint64          selected);
void allot_form_fill_task_forces   (GtkDropDown    *dropdown,
                                    AllotStore     *store,
                                    const char     *none_label,
                                    gint64          selected);
void allot_form_fill_categories    (GtkDropDown    *dropdown,
                                    AllotStore     *store,
                                    gint64          selected);

/* "JAG-FY24: $120,000.00 still free to allocate" and the amount, leaving
 * out allocation @except_id (the one being edited). */
char *allot_form_describe_free     (AllotSession   *session,
                                    gint64          source_id,
                                    gint64          except_id,
                                    gint64         *out_free);

/* Shows @text in @label, or hides it when NULL. */
void allot_form_set_note           (GtkLabel       *label,
                                    const char     *text);

G_END_DECLS
