/* allot-task-forces-page.c: task forces, agencies and cost categories: the
 * reference data allocations and the ledger point at. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-format.h"
#include "allot-page.h"
#include "allot-session.h"
#include "allot-table.h"
#include "allot-task-forces-page.h"

enum {
  TF_CODE,
  TF_NAME,
  TF_LEAD,
  TF_START,
  TF_END,
  TF_MEMBERS,
  TF_FLAG,
  TF_ALLOCATED,
  TF_EXPENDED,
  TF_AVAILABLE,
};

enum {
  AG_CODE,
  AG_NAME,
  AG_LEVEL,
  AG_ORI,
};

enum {
  CAT_CODE,
  CAT_NAME,
  CAT_LINE,
  CAT_ESAC,
};

struct _AllotTaskForcesPage
{
  AdwBin parent_instance;

  GtkLabel *heading_label;
  GtkColumnView *task_forces_view;
  GtkColumnView *agencies_view;
  GtkColumnView *categories_view;

  GListStore *task_force_rows;
  GListStore *agency_rows;
  GListStore *category_rows;
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

G_DEFINE_FINAL_TYPE (AllotTaskForcesPage, allot_task_forces_page, ADW_TYPE_BIN)

typedef struct {
  GPtrArray *task_forces;
  GPtrArray *agencies;
  GPtrArray *categories;
  GPtrArray *balances;
} TaskForcesData;

static void
task_forces_data_free (TaskForcesData *data)
{
  g_clear_pointer (&data->task_forces, g_ptr_array_unref);
  g_clear_pointer (&data->agencies, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->balances, g_ptr_array_unref);
  g_free (data);
}

static gpointer
load_task_forces (AllotStore   *reader,
                  gpointer      user_data,
                  GCancellable *cancellable,
                  GError      **error)
{
  TaskForcesData *data = g_new0 (TaskForcesData, 1);

  if ((data->task_forces = allot_store_list_task_forces (reader, error)) == NULL ||
      (data->agencies = allot_store_list_agencies (reader, error)) == NULL ||
      (data->categories = allot_store_list_categories (reader, error)) == NULL ||
      (data->balances = allot_store_list_balances (reader, ALLOT_BALANCE_BY_TASK_FORCE,
                                                   GPOINTER_TO_INT (user_data), error)) == NULL)
    {
      task_forces_data_free (data);
      return NULL;
    }
  return data;
}

static const char *
agency_code (GPtrArray *agencies,
             gint64     id)
{
  for (guint i = 0; i < agencies->len; i++)
    if (((AllotAgency *) agencies->pdata[i])->id == id)
      return ((AllotAgency *) agencies->pdata[i])->code;
  return "—";
}

static const char *
level_label (AllotAgencyLevel level)
{
  switch (level)
    {
    case ALLOT_AGENCY_STATE: return _("State");
    case ALLOT_AGENCY_LOCAL: return _("Local");
    case ALLOT_AGENCY_FEDERAL: return _("Federal");
    default: return "?";
    }
}

static void
task_forces_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(AllotTaskForcesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tf_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) agency_rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) category_rows = g_ptr_array_new_with_free_func (g_object_unref);
  TaskForcesData *data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->heading_label, error->message);
      return;
    }
  if (self->session == NULL)
    {
      task_forces_data_free (data);
      return;
    }

  for (guint i = 0; i < data->task_forces->len; i++)
    {
      AllotTaskForce *tf = data->task_forces->pdata[i];
      AllotTableRow *row = allot_table_row_new (tf->id);
      g_autofree char *start = allot_format_date (&tf->start_date);
      g_autofree char *end = g_date_valid (&tf->end_date) ? allot_format_date (&tf->end_date)
                                                          : g_strdup (_("Open-ended"));
      g_autofree char *members = g_strdup_printf ("%u", tf->member_ids->len);
      const AllotBalance *b = NULL;

      for (guint j = 0; j < data->balances->len; j++)
        if (((AllotBalanceRow *) data->balances->pdata[j])->id == tf->id)
          b = &((AllotBalanceRow *) data->balances->pdata[j])->balance;

      allot_table_row_set_text (row, TF_CODE, tf->code);
      allot_table_row_set_text (row, TF_NAME, tf->name);
      allot_table_row_set_text (row, TF_LEAD, agency_code (data->agencies, tf->lead_agency_id));
      allot_table_row_set_text (row, TF_START, start);
      allot_table_row_set_text (row, TF_END, end);
      allot_table_row_set_number (row, TF_MEMBERS, tf->member_ids->len, members);
      allot_table_row_set_text (row, TF_FLAG, tf->immigration ? _("Legal review") : "");
      allot_table_row_set_money (row, TF_ALLOCATED, self->session, b != NULL ? b->allocated : 0);
      allot_table_row_set_money (row, TF_EXPENDED, self->session, b != NULL ? b->expended : 0);
      allot_table_row_set_money (row, TF_AVAILABLE, self->session, b != NULL ? b->available : 0);
      g_ptr_array_add (tf_rows, row);
    }
  for (guint i = 0; i < data->agencies->len; i++)
    {
      AllotAgency *agency = data->agencies->pdata[i];
      AllotTableRow *row = allot_table_row_new (agency->id);

      allot_table_row_set_text (row, AG_CODE, agency->code);
      allot_table_row_set_text (row, AG_NAME, agency->name);
      allot_table_row_set_text (row, AG_LEVEL, level_label (agency->level));
      allot_table_row_set_text (row, AG_ORI, agency->ori);
      g_ptr_array_add (agency_rows, row);
    }
  for (guint i = 0; i < data->categories->len; i++)
    {
      AllotCategory *category = data->categories->pdata[i];
      AllotTableRow *row = allot_table_row_new (category->id);
      char line[2] = { category->sf424a_line, '\0' };
      char esac[2] = { category->esac_category, '\0' };

      allot_table_row_set_text (row, CAT_CODE, category->code);
      allot_table_row_set_text (row, CAT_NAME, category->name);
      allot_table_row_set_text (row, CAT_LINE, line);
      allot_table_row_set_text (row, CAT_ESAC, esac[0] != '\0' ? esac : "—");
      g_ptr_array_add (category_rows, row);
    }
  allot_table_replace (self->task_force_rows, tf_rows);
  allot_table_replace (self->agency_rows, agency_rows);
  allot_table_replace (self->category_rows, category_rows);
  task_forces_data_free (data);
  if (self->select_id != 0 && allot_table_select_id (self->task_forces_view, self->select_id))
    self->select_id = 0;
}

static void
reload (GtkWidget *widget)
{
  AllotTaskForcesPage *self = ALLOT_TASK_FORCES_PAGE (widget);
  g_autofree char *heading = NULL;

  if (self->session == NULL)
    return;
  heading = g_strdup_printf (_("Task Forces, with their FY%d budget"), self->fiscal_year);
  gtk_label_set_text (self->heading_label, heading);
  allot_session_read_async (self->session, load_task_forces,
                            GINT_TO_POINTER (self->fiscal_year), NULL,
                            (GDestroyNotify) task_forces_data_free,
                            allot_page_restart_load (&self->cancellable),
                            task_forces_loaded_cb, g_object_ref (self));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllotTaskForcesPage *self = ALLOT_TASK_FORCES_PAGE (widget);
  GtkColumnView *view = self->task_forces_view;
  const char *window_action = "win.edit-task-force";
  AllotTableRow *row;

  if (g_str_equal (action_name, "task-forces.edit-agency"))
    {
      view = self->agencies_view;
      window_action = "win.edit-agency";
    }
  else if (g_str_equal (action_name, "task-forces.edit-category"))
    {
      view = self->categories_view;
      window_action = "win.edit-category";
    }
  row = allot_table_get_selected (view);
  if (row != NULL)
    gtk_widget_activate_action (widget, window_action, "x", allot_table_row_get_id (row));
}

static void
task_force_activated_cb (AllotTaskForcesPage *self,
                         guint                position)
{
  gtk_selection_model_select_item (gtk_column_view_get_model (self->task_forces_view), position,
                                   TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "task-forces.edit", NULL);
}

static void
agency_activated_cb (AllotTaskForcesPage *self,
                     guint                position)
{
  gtk_selection_model_select_item (gtk_column_view_get_model (self->agencies_view), position,
                                   TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "task-forces.edit-agency", NULL);
}

static void
category_activated_cb (AllotTaskForcesPage *self,
                       guint                position)
{
  gtk_selection_model_select_item (gtk_column_view_get_model (self->categories_view), position,
                                   TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self), "task-forces.edit-category", NULL);
}

static void
set_session (AllotTaskForcesPage *self,
             AllotSession        *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  allot_table_replace (self->task_force_rows, NULL);
  allot_table_replace (self->agency_rows, NULL);
  allot_table_replace (self->category_rows, NULL);
  if (session != NULL)
    self->changed_id = g_signal_connect_swapped (session, "changed",
                                                 G_CALLBACK (allot_page_queue_reload), self);
  allot_page_queue_reload (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_task_forces_page_dispose (GObject *object)
{
  AllotTaskForcesPage *self = ALLOT_TASK_FORCES_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_TASK_FORCES_PAGE);
  G_OBJECT_CLASS (allot_task_forces_page_parent_class)->dispose (object);
}

static void
allot_task_forces_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AllotTaskForcesPage *self = ALLOT_TASK_FORCES_PAGE (object);

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
allot_task_forces_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AllotTaskForcesPage *self = ALLOT_TASK_FORCES_PAGE (object);

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
allot_task_forces_page_class_init (AllotTaskForcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_task_forces_page_dispose;
  object_class->get_property = allot_task_forces_page_get_property;
  object_class->set_property = allot_task_forces_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-task-forces-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForcesPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForcesPage, task_forces_view);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForcesPage, agencies_view);
  gtk_widget_class_bind_template_child (widget_class, AllotTaskForcesPage, categories_view);
  gtk_widget_class_bind_template_callback (widget_class, task_force_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, agency_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_activated_cb);
  gtk_widget_class_install_action (widget_class, "task-forces.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "task-forces.edit-agency", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "task-forces.edit-category", NULL, edit_action);
}

static void
allot_task_forces_page_init (AllotTaskForcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->task_force_rows = allot_table_setup (self->task_forces_view);
  allot_table_add_column (self->task_forces_view, _("Code"), TF_CODE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->task_forces_view, _("Name"), TF_NAME, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->task_forces_view, _("Lead"), TF_LEAD, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->task_forces_view, _("Since"), TF_START, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->task_forces_view, _("Until"), TF_END, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->task_forces_view, _("Members"), TF_MEMBERS, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->task_forces_view, _("Flag"), TF_FLAG, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->task_forces_view, _("Allocated"), TF_ALLOCATED,
                          ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->task_forces_view, _("Spent"), TF_EXPENDED, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->task_forces_view, _("Available"), TF_AVAILABLE,
                          ALLOT_TABLE_NUMBER, FALSE);

  self->agency_rows = allot_table_setup (self->agencies_view);
  allot_table_add_column (self->agencies_view, _("Code"), AG_CODE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->agencies_view, _("Name"), AG_NAME, ALLOT_TABLE_TEXT, TRUE);
  allot_table_add_column (self->agencies_view, _("Level"), AG_LEVEL, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->agencies_view, _("ORI"), AG_ORI, ALLOT_TABLE_TEXT, FALSE);

  self->category_rows = allot_table_setup (self->categories_view);
  allot_table_add_column (self->categories_view, _("Code"), CAT_CODE, ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->categories_view, _("Name"), CAT_NAME, ALLOT_TABLE_TEXT, TRUE);
  /* Translators: the SF-424A object class line (a..h) of a cost category */
  allot_table_add_column (self->categories_view, _("SF-424A"), CAT_LINE, ALLOT_TABLE_TEXT,
                          FALSE);
  /* Translators: the ESAC spending category (a..n) of a cost category */
  allot_table_add_column (self->categories_view, _("ESAC"), CAT_ESAC, ALLOT_TABLE_TEXT, FALSE);

  allot_page_init_reload (GTK_WIDGET (self), reload);
}

void
allot_task_forces_page_select (AllotTaskForcesPage *self,
                               gint64               task_force_id)
{
  g_return_if_fail (ALLOT_IS_TASK_FORCES_PAGE (self));
  self->select_id = task_force_id;
  if (allot_table_select_id (self->task_forces_view, task_force_id))
    self->select_id = 0;
}
