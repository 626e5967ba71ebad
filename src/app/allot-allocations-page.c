/* allot-allocations-page.c: the allocations of a fiscal year.
 *
 * Every allocation of the year is listed, pending ones too (with their
 * status), next to its balance; balances count approved allocations and
 * entries only.  "Free" is what allot_store_add_allocation() would still
 * accept: authorized less every allocation not voided, in any year. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-allocations-page.h"
#include "allot-lookup.h"
#include "allot-page.h"
#include "allot-session.h"
#include "allot-table.h"

enum {
  COL_SOURCE,
  COL_TASK_FORCE,
  COL_CATEGORY,
  COL_STATUS,
  COL_ALLOCATED,
  COL_OBLIGATED,
  COL_EXPENDED,
  COL_UNLIQUIDATED,
  COL_AVAILABLE,
};

enum {
  FREE_SOURCE,
  FREE_KIND,
  FREE_AUTHORIZED,
  FREE_ALLOCATED,
  FREE_FREE,
};

struct _AllotAllocationsPage
{
  AdwBin parent_instance;

  GtkLabel *heading_label;
  GtkColumnView *allocations_view;
  GtkColumnView *free_view;
  GtkLabel *totals_label;

  GListStore *allocation_rows;
  GListStore *free_rows;
  AllotSession *session;
  gulong changed_id;
  int fiscal_year;
  GCancellable *cancellable;
  gint64 select_id;         /* to select once loaded (0: none) */
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FISCAL_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotAllocationsPage, allot_allocations_page, ADW_TYPE_BIN)

typedef struct {
  GPtrArray *allocations;     /* of the year */
  GPtrArray *all_allocations; /* every year, for what is free */
  GPtrArray *balances;        /* by allocation, of the year */
  GPtrArray *sources;
  GPtrArray *task_forces;
  GPtrArray *categories;
  GArray *authorized;         /* gint64 per source, parallel to sources */
} AllocationsData;

static void
allocations_data_free (AllocationsData *data)
{
  g_clear_pointer (&data->allocations, g_ptr_array_unref);
  g_clear_pointer (&data->all_allocations, g_ptr_array_unref);
  g_clear_pointer (&data->balances, g_ptr_array_unref);
  g_clear_pointer (&data->sources, g_ptr_array_unref);
  g_clear_pointer (&data->task_forces, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->authorized, g_array_unref);
  g_free (data);
}

static gpointer
load_allocations (AllotStore   *reader,
                  gpointer      user_data,
                  GCancellable *cancellable,
                  GError      **error)
{
  int fiscal_year = GPOINTER_TO_INT (user_data);
  AllocationsData *data = g_new0 (AllocationsData, 1);

  if ((data->allocations = allot_store_list_allocations (reader, fiscal_year, 0, error)) == NULL ||
      (data->all_allocations = allot_store_list_allocations (reader, 0, 0, error)) == NULL ||
      (data->balances = allot_store_list_balances (reader, ALLOT_BALANCE_BY_ALLOCATION,
                                                   fiscal_year, error)) == NULL ||
      (data->sources = allot_store_list_sources (reader, error)) == NULL ||
      (data->task_forces = allot_store_list_task_forces (reader, error)) == NULL ||
      (data->categories = allot_store_list_categories (reader, error)) == NULL)
    {
      allocations_data_free (data);
      return NULL;
    }
  data->authorized = g_array_sized_new (FALSE, TRUE, sizeof (gint64), data->sources->len);
  for (guint i = 0; i < data->sources->len; i++)
    {
      gint64 authorized = 0;

      if (!allot_store_source_authorized (reader, ((AllotSource *) data->sources->pdata[i])->id,
                                          &authorized, error))
        {
          allocations_data_free (data);
          return NULL;
        }
      g_array_append_val (data->authorized, authorized);
    }
  return data;
}

static void
allocations_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AllotAllocationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) free_rows = g_ptr_array_new_with_free_func (g_object_unref);
  AllocationsData *data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);
  AllotBalance total = { 0, };
  g_autofree char *allocated = NULL;
  g_autofree char *expended = NULL;
  g_autofree char *available = NULL;
  g_autofree char *totals = NULL;
  guint n_pending = 0;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->totals_label, error->message);
      return;
    }
  if (self->session == NULL)
    {
      allocations_data_free (data);
      return;
    }

  for (guint i = 0; i < data->allocations->len; i++)
    {
      AllotAllocation *a = data->allocations->pdata[i];
      const AllotBalance *b = allot_lookup_balance (data->balances, a->id);
      AllotTableRow *row;

      if (a->voided)
        continue;
      row = allot_table_row_new (a->id);
      allot_table_row_set_text (row, COL_SOURCE, allot_lookup_source_code (data->sources, a->source_id, "?"));
      allot_table_row_set_text (row, COL_TASK_FORCE,
                                allot_lookup_task_force_code (data->task_forces, a->task_force_id, "?"));
      allot_table_row_set_text (row, COL_CATEGORY,
                                allot_lookup_category_name (data->categories, a->category_id, "?"));
      allot_table_row_set_text (row, COL_STATUS, allot_status_label (a->status));
      allot_table_row_set_money (row, COL_ALLOCATED, self->session, a->amount);
      allot_table_row_set_money (row, COL_OBLIGATED, self->session, b != NULL ? b->obligated : 0);
      allot_table_row_set_money (row, COL_EXPENDED, self->session, b != NULL ? b->expended : 0);
      allot_table_row_set_money (row, COL_UNLIQUIDATED, self->session,
                                 b != NULL ? b->unliquidated : 0);
      allot_table_row_set_money (row, COL_AVAILABLE, self->session,
                                 b != NULL ? b->available : a->amount);
      g_ptr_array_add (rows, row);
      if (b != NULL)
        {
          total.allocated += b->allocated;
          total.expended += b->expended;
          total.available += b->available;
        }
      else
        n_pending++;
    }

  for (guint i = 0; i < data->sources->len; i++)
    {
      AllotSource *s = data->sources->pdata[i];
      gint64 authorized = g_array_index (data->authorized, gint64, i);
      gint64 committed = 0;
      AllotTableRow *row;

      for (guint j = 0; j < data->all_allocations->len; j++)
        {
          AllotAllocation *a = data->all_allocations->pdata[j];

          if (a->source_id == s->id && !a->voided)
            committed += a->amount;
        }
      if (s->closed && committed == 0)
        continue;
      row = allot_table_row_new (s->id);
      allot_table_row_set_text (row, FREE_SOURCE, s->code);
      allot_table_row_set_text (row, FREE_KIND, allot_source_kind_label (s->kind));
      allot_table_row_set_money (row, FREE_AUTHORIZED, self->session, authorized);
      allot_table_row_set_money (row, FREE_ALLOCATED, self->session, committed);
      allot_table_row_set_money (row, FREE_FREE, self->session, authorized - committed);
      g_ptr_array_add (free_rows, row);
    }

  allot_table_replace (self->allocation_rows, rows);
  allot_table_replace (self->free_rows, free_rows);

  allocated = allot_session_format_money (self->session, total.allocated);
  expended = allot_session_format_money (self->session, total.expended);
  available = allot_session_format_money (self->session, total.available);
  totals = g_strdup_printf (ngettext ("Approved allocations of FY%d: %s allocated, %s expended, "
                                       "%s available. %u allocation waits for approval.",
                                       "Approved allocations of FY%d: %s allocated, %s expended, "
                                       "%s available. %u allocations wait for approval.",
                                       n_pending),
                            self->fiscal_year, allocated, expended, available, n_pending);
  gtk_label_set_text (self->totals_label, totals);
  allocations_data_free (data);
  if (self->select_id != 0 && allot_table_select_id (self->allocations_view, self->select_id))
    self->select_id = 0;
}

static void
reload (GtkWidget *widget)
{
  AllotAllocationsPage *self = ALLOT_ALLOCATIONS_PAGE (widget);
  g_autofree char *heading = NULL;

  if (self->session == NULL || self->fiscal_year == 0)
    return;
  heading = g_strdup_printf (_("Allocations of FY%d"), self->fiscal_year);
  gtk_label_set_text (self->heading_label, heading);
  allot_session_read_async (self->session, load_allocations,
                            GINT_TO_POINTER (self->fiscal_year), NULL,
                            (GDestroyNotify) allocations_data_free,
                            allot_page_restart_load (&self->cancellable),
                            allocations_loaded_cb, g_object_ref (self));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllotAllocationsPage *self = ALLOT_ALLOCATIONS_PAGE (widget);
  AllotTableRow *row = allot_table_get_selected (self->allocations_view);

  if (row != NULL)
    gtk_widget_activate_action (widget, "win.edit-allocation", "x",
                                allot_table_row_get_id (row));
}

static void
row_activated_cb (AllotAllocationsPage *self,
                  guint                 position)
{
  gtk_selection_model_select_item (gtk_column_view_get_model (self->allocations_view), position,
                                   TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "allocations.edit", NULL);
}

static void
set_session (AllotAllocationsPage *self,
             AllotSession         *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  allot_table_replace (self->allocation_rows, NULL);
  allot_table_replace (self->free_rows, NULL);
  if (session != NULL)
    self->changed_id = g_signal_connect_swapped (session, "changed",
                                                 G_CALLBACK (allot_page_queue_reload), self);
  allot_page_queue_reload (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_allocations_page_dispose (GObject *object)
{
  AllotAllocationsPage *self = ALLOT_ALLOCATIONS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_ALLOCATIONS_PAGE);
  G_OBJECT_CLASS (allot_allocations_page_parent_class)->dispose (object);
}

static void
allot_allocations_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AllotAllocationsPage *self = ALLOT_ALLOCATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_FISCAL_YEAR:
      g_value_set_int (value, self->fiscal_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_allocations_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AllotAllocationsPage *self = ALLOT_ALLOCATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_FISCAL_YEAR:
      if (self->fiscal_year != g_value_get_int (value))
        {
          self->fiscal_year = g_value_get_int (value);
          allot_page_queue_reload (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_allocations_page_class_init (AllotAllocationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_allocations_page_dispose;
  object_class->get_property = allot_allocations_page_get_property;
  object_class->set_property = allot_allocations_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-allocations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationsPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationsPage, allocations_view);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationsPage, free_view);
  gtk_widget_class_bind_template_child (widget_class, AllotAllocationsPage, totals_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "allocations.edit", NULL, edit_action);
}

static void
allot_allocations_page_init (AllotAllocationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->allocation_rows = allot_table_setup (self->allocations_view);
  allot_table_add_column (self->allocations_view, _("Source"), COL_SOURCE, ALLOT_TABLE_TEXT,
                          FALSE);
  allot_table_add_column (self->allocations_view, _("Task Force"), COL_TASK_FORCE,
                          ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->allocations_view, _("Category"), COL_CATEGORY, ALLOT_TABLE_TEXT,
                          TRUE);
  allot_table_add_column (self->allocations_view, _("Status"), COL_STATUS, ALLOT_TABLE_TEXT,
                          FALSE);
  allot_table_add_column (self->allocations_view, _("Allocated"), COL_ALLOCATED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->allocations_view, _("Obligated"), COL_OBLIGATED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->allocations_view, _("Spent"), COL_EXPENDED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->allocations_view, _("Unliquidated"), COL_UNLIQUIDATED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->allocations_view, _("Available"), COL_AVAILABLE,
                          ALLOT_TABLE_NUMBER, FALSE);

  self->free_rows = allot_table_setup (self->free_view);
  allot_table_add_column (self->free_view, _("Source"), FREE_SOURCE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->free_view, _("Kind"), FREE_KIND, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->free_view, _("Authorized"), FREE_AUTHORIZED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->free_view, _("Allocated, all years"), FREE_ALLOCATED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->free_view, _("Free"), FREE_FREE, ALLOT_TABLE_NUMBER, FALSE);

  allot_page_init_reload (GTK_WIDGET (self), reload);
}

guint
allot_allocations_page_get_n_rows (AllotAllocationsPage *self)
{
  g_return_val_if_fail (ALLOT_IS_ALLOCATIONS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->allocation_rows));
}

void
allot_allocations_page_select (AllotAllocationsPage *self,
                               gint64                allocation_id)
{
  g_return_if_fail (ALLOT_IS_ALLOCATIONS_PAGE (self));
  self->select_id = allocation_id;
  if (allot_table_select_id (self->allocations_view, allocation_id))
    self->select_id = 0;
}
