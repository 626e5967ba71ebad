/* allot-category-form.c: a cost category, mapped onto an SF-424A line.
 * Categories are data (DOMAIN.md): programs overlay their own schemes.
 *
 * Undo: a new category is removed while nothing refers to it yet; an edit
 * is undone by writing the previous values back.  The ESAC spending
 * category has no field here (the CLI sets it) and is kept as it was. */
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
  AllotCategory *editing;   /* NULL for a new category */
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotCategoryForm, allot_category_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static const char *
get_title (AllotForm *form)
{
  return ALLOT_CATEGORY_FORM (form)->editing != NULL ? _("Edit Cost Category")
                                                     : _("New Cost Category");
}

/* Undo of an edit: the values from before, over the version just written. */
static gboolean
restore_category (AllotStore *store,
                  gpointer    data,
                  GError    **error)
{
  return allot_store_update_category (store, data, error);
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotCategoryForm *self = ALLOT_CATEGORY_FORM (form);
  AllotStore *store = allot_session_get_store (self->session);
  g_autoptr(AllotCategory) category = allot_category_new ();
  g_autofree char *message = NULL;

  category->code = allot_field_dup_text (self->code_field);
  category->name = allot_field_dup_text (self->name_field);
  category->sf424a_line = (char) ('a' + MIN (gtk_drop_down_get_selected (self->line_dropdown), 7));
  if (self->editing == NULL)
    {
      if (!allot_store_add_category (store, category, error))
        return FALSE;
      message = g_strdup_printf (_("Added cost category %s"), category->name);
      *out_undo = allot_undo_new_take_back (message, ALLOT_UNDO_CATEGORY, category->id);
      return TRUE;
    }
  category->id = self->editing->id;
  category->version = self->editing->version;
  category->esac_category = self->editing->esac_category;
  if (!allot_store_update_category (store, category, error))
    return FALSE;
  self->editing->version = category->version;
  message = g_strdup_printf (_("Saved cost category %s"), category->name);
  *out_undo = allot_undo_new (message, restore_category, g_steal_pointer (&self->editing),
                              (GDestroyNotify) allot_category_free);
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
  g_clear_pointer (&self->editing, allot_category_free);
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
allot_category_form_new (AllotSession *session,
                         gint64        category_id)
{
  AllotCategoryForm *self = g_object_new (ALLOT_TYPE_CATEGORY_FORM, NULL);
  AllotStore *store = allot_session_get_store (session);
  g_autoptr(GPtrArray) categories = allot_store_list_categories (store, NULL);
  g_autoptr(GString) existing = g_string_new (NULL);

  self->session = g_object_ref (session);
  if (category_id > 0)
    {
      g_autoptr(GError) error = NULL;

      self->editing = allot_store_lookup_category (store, category_id, &error);
      if (self->editing == NULL)
        allot_form_set_note (self->existing_label, error->message);
      else
        {
          allot_field_set_text (self->code_field, self->editing->code);
          allot_field_set_text (self->name_field, self->editing->name);
          gtk_drop_down_set_selected (self->line_dropdown,
                                      (guint) CLAMP (self->editing->sf424a_line - 'a', 0, 7));
          return GTK_WIDGET (self);
        }
    }
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
