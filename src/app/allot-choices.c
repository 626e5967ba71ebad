/* allot-choices.c: a GtkDropDown of records, chosen by id. */
#include "allot-config.h"

#include "allot-choices.h"

#define IDS_KEY "allot-choice-ids"

static GArray *
get_ids (GtkDropDown *dropdown)
{
  GArray *ids = g_object_get_data (G_OBJECT (dropdown), IDS_KEY);

  if (ids == NULL)
    {
      g_autoptr(GtkExpression) expression = NULL;

      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_object_set_data_full (G_OBJECT (dropdown), IDS_KEY, ids, (GDestroyNotify) g_array_unref);
      if (!GTK_IS_STRING_LIST (gtk_drop_down_get_model (dropdown)))
        {
          g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
          gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
        }
      /* Type to find a source among dozens. */
      expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      gtk_drop_down_set_expression (dropdown, expression);
      gtk_drop_down_set_enable_search (dropdown, TRUE);
    }
  return ids;
}

void
allot_choices_reset (GtkDropDown *dropdown,
                     const char  *any_label)
{
  GArray *ids;
  GtkStringList *list;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  ids = get_ids (dropdown);
  list = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  g_array_set_size (ids, 0);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), NULL);
  if (any_label != NULL)
    allot_choices_add (dropdown, 0, any_label);
}

void
allot_choices_add (GtkDropDown *dropdown,
                   gint64       id,
                   const char  *label)
{
  GArray *ids;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  ids = get_ids (dropdown);
  g_array_append_val (ids, id);
  gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)), label);
}

gboolean
allot_choices_select (GtkDropDown *dropdown,
                      gint64       id)
{
  GArray *ids;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), FALSE);

  ids = get_ids (dropdown);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  gtk_drop_down_set_selected (dropdown, ids->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  return FALSE;
}

gint64
allot_choices_get_selected (GtkDropDown *dropdown)
{
  GArray *ids;
  guint selected;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), 0);

  ids = get_ids (dropdown);
  selected = gtk_drop_down_get_selected (dropdown);
  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

guint
allot_choices_get_n (GtkDropDown *dropdown)
{
  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), 0);
  return get_ids (dropdown)->len;
}
