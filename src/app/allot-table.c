/* allot-table.c: small sortable tables. */
#include "allot-config.h"

#include "allot-table.h"

struct _AllotTableRow
{
  GObject parent_instance;

  gint64 id;
  char *texts[ALLOT_TABLE_MAX_COLUMNS];
  gint64 numbers[ALLOT_TABLE_MAX_COLUMNS];
  guint negative;           /* bit per column */
  gpointer data;
  GDestroyNotify destroy;
};

G_DEFINE_FINAL_TYPE (AllotTableRow, allot_table_row, G_TYPE_OBJECT)

static void
allot_table_row_finalize (GObject *object)
{
  AllotTableRow *self = ALLOT_TABLE_ROW (object);

  for (guint i = 0; i < ALLOT_TABLE_MAX_COLUMNS; i++)
    g_free (self->texts[i]);
  if (self->destroy != NULL && self->data != NULL)
    self->destroy (self->data);
  G_OBJECT_CLASS (allot_table_row_parent_class)->finalize (object);
}

static void
allot_table_row_class_init (AllotTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = allot_table_row_finalize;
}

static void
allot_table_row_init (AllotTableRow *self)
{
}

AllotTableRow *
allot_table_row_new (gint64 id)
{
  AllotTableRow *self = g_object_new (ALLOT_TYPE_TABLE_ROW, NULL);

  self->id = id;
  return self;
}

gint64
allot_table_row_get_id (AllotTableRow *self)
{
  g_return_val_if_fail (ALLOT_IS_TABLE_ROW (self), 0);
  return self->id;
}

void
allot_table_row_set_text (AllotTableRow *self,
                          guint          column,
                          const char    *text)
{
  g_return_if_fail (ALLOT_IS_TABLE_ROW (self));
  g_return_if_fail (column < ALLOT_TABLE_MAX_COLUMNS);
  g_free (self->texts[column]);
  self->texts[column] = g_strdup (text);
}

const char *
allot_table_row_get_text (AllotTableRow *self,
                          guint          column)
{
  g_return_val_if_fail (ALLOT_IS_TABLE_ROW (self), NULL);
  g_return_val_if_fail (column < ALLOT_TABLE_MAX_COLUMNS, NULL);
  return self->texts[column] != NULL ? self->texts[column] : "";
}

void
allot_table_row_set_number (AllotTableRow *self,
                            guint          column,
                            gint64         number,
                            const char    *text)
{
  g_return_if_fail (ALLOT_IS_TABLE_ROW (self));
  g_return_if_fail (column < ALLOT_TABLE_MAX_COLUMNS);
  self->numbers[column] = number;
  if (number < 0)
    self->negative |= 1u << column;
  else
    self->negative &= ~(1u << column);
  allot_table_row_set_text (self, column, text);
}

void
allot_table_row_set_money (AllotTableRow *self,
                           guint          column,
                           AllotSession  *session,
                           gint64         cents)
{
  g_autofree char *text = allot_session_format_money (session, cents);

  allot_table_row_set_number (self, column, cents, text);
}

void
allot_table_row_set_data (AllotTableRow *self,
                          gpointer       data,
                          GDestroyNotify destroy)
{
  g_return_if_fail (ALLOT_IS_TABLE_ROW (self));
  if (self->destroy != NULL && self->data != NULL)
    self->destroy (self->data);
  self->data = data;
  self->destroy = destroy;
}

gpointer
allot_table_row_get_data (AllotTableRow *self)
{
  g_return_val_if_fail (ALLOT_IS_TABLE_ROW (self), NULL);
  return self->data;
}

/* ---- columns ---- */

typedef struct {
  guint column;
  AllotTableColumnKind kind;
} ColumnInfo;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnInfo               *info)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (info->kind == ALLOT_TABLE_NUMBER)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnInfo               *info)
{
  AllotTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = allot_table_row_get_text (row, info->column);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, strlen (text) > 24 ? text : NULL);
  if (row->negative & (1u << info->column))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const AllotTableRow *x = a;
  const AllotTableRow *y = b;
  ColumnInfo *info = user_data;

  if (info->kind == ALLOT_TABLE_NUMBER)
    return (x->numbers[info->column] > y->numbers[info->column]) -
           (x->numbers[info->column] < y->numbers[info->column]);
  return g_utf8_collate (x->texts[info->column] != NULL ? x->texts[info->column] : "",
                         y->texts[info->column] != NULL ? y->texts[info->column] : "");
}

void
allot_table_add_column (GtkColumnView       *view,
                        const char          *title,
                        guint                column,
                        AllotTableColumnKind kind,
                        gboolean             expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnInfo *info = g_new0 (ColumnInfo, 1);

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (column < ALLOT_TABLE_MAX_COLUMNS);

  info->column = column;
  info->kind = kind;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), info);
  g_object_set_data_full (G_OBJECT (factory), "allot-column", info, g_free);

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, info, NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_append_column (view, view_column);
}

GListStore *
allot_table_setup (GtkColumnView *view)
{
  GListStore *store = g_list_store_new (ALLOT_TYPE_TABLE_ROW);
  GtkSortListModel *sorted;
  GtkSingleSelection *selection;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);

  sorted = gtk_sort_list_model_new (G_LIST_MODEL (store),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  return store;
}

AllotTableRow *
allot_table_get_selected (GtkColumnView *view)
{
  GtkSelectionModel *model;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  model = gtk_column_view_get_model (view);
  if (!GTK_IS_SINGLE_SELECTION (model))
    return NULL;
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));
}

gboolean
allot_table_select_id (GtkColumnView *view,
                       gint64         id)
{
  GListModel *model;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), FALSE);
  model = G_LIST_MODEL (gtk_column_view_get_model (view));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(AllotTableRow) row = g_list_model_get_item (model, i);

      if (allot_table_row_get_id (row) == id)
        return gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), i, TRUE);
    }
  return FALSE;
}

void
allot_table_replace (GListStore *store,
                     GPtrArray  *rows)
{
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       rows != NULL ? rows->pdata : NULL, rows != NULL ? rows->len : 0);
}
