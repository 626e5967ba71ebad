/* allot-category-form.c: a cost category, mapped onto an SF-424A line.
 * Categories are data (DOMAIN.md): programs overlay their own schemes. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"

struct _AllotCategoryForm
{
  GtkWidget parent_instance;

  AllotField *code_field;
  AllotField *name_field;
  GtkDropDown *line_dropdown;
  GtkLabel *existing_label;

  AllotSession *session;
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotCategoryForm, allot_category_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static const char *
get_title (AllotForm *form)
{
  return _("New Cost Category");
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotCategoryForm *self = ALLOT_CATEGORY_FORM (form);
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autofree char *message = NULL;

  category->code = allot_field_dup_text (self->code_field);
  category->name = allot_field_dup_text (self->name_field);
  category->sf424a_line = (char) ('a' + MIN (gtk_drop_down_get_selected (self->line_dropdown), 7));
  if (!allot_store_add_category (allot_session_get_store (self->session), category, error))
    return FALSE;
  message = g_strdup_printf (_("Added cost category %s"), category->name);
  *out_undo = allot_undo_new (message, NULL, NULL, NULL);
  return TRUE;
}

static void
form_iface_init (AllotFormInterface *iface)
{
  iface->get_title = get_title;
  iface->save = save;
}

static void
allot_category_form_dispose (GObject *object)
{
  AllotCategoryForm *self = ALLOT_CATEGORY_FORM (object);

  g_clear_object (&self->session);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_CATEGORY_FORM);
  G_OBJECT_CLASS (allot_category_form_parent_class)->dispose (object);
}

static void
allot_category_form_class_init (AllotCategoryFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_category_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-category-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotCategoryForm, code_field);
  gtk_widget_class_bind_template_child (widget_class, AllotCategoryForm, name_field);
  gtk_widget_class_bind_template_child (widget_class, AllotCategoryForm, line_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotCategoryForm, existing_label);
}

static void
allot_category_form_init (AllotCategoryForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->code_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->name_field));
}

GtkWidget *
allot_category_form_new (AllotSession *session)
{
  AllotCategoryForm *self = g_object_new (ALLOT_TYPE_CATEGORY_FORM, NULL);
  g_autoptr(GPtrArray) categories = allot_store_list_categories (allot_session_get_store (session),
                                                                 NULL);
  g_autoptr(GString) existing = g_string_new (NULL);

  self->session = g_object_ref (session);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      AllotCategory *c = categories->pdata[i];

      g_string_append_printf (existing, "%s%s (%c)", existing->len > 0 ? ", " : "", c->name,
                              c->sf424a_line);
    }
  if (existing->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Already defined: %s."), existing->str);
      allot_form_set_note (self->existing_label, text);
    }
  return GTK_WIDGET (self);
}
