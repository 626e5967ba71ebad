/* allot-report-panel.c: what the report panels of the Reports view share. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-page.h"
#include "allot-report-panel.h"
#include "allot-table.h"

typedef struct
{
  AllotSession *session;
  gulong changed_id;
  int fiscal_year;
  GCancellable *cancellable;
} AllotReportPanelPrivate;

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FISCAL_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (AllotReportPanel, allot_report_panel, ADW_TYPE_BIN)

static void
reload (GtkWidget *widget)
{
  AllotReportPanel *self = ALLOT_REPORT_PANEL (widget);
  AllotReportPanelPrivate *priv = allot_report_panel_get_instance_private (self);

  if (priv->session != NULL)
    ALLOT_REPORT_PANEL_GET_CLASS (self)->reload (self);
}

static void
set_session (AllotReportPanel *self,
             AllotSession     *session)
{
  AllotReportPanelPrivate *priv = allot_report_panel_get_instance_private (self);

  if (priv->session == session)
    return;
  if (priv->session != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->session);
  g_set_object (&priv->session, session);
  if (session != NULL)
    priv->changed_id = g_signal_connect_swapped (session, "changed",
                                                 G_CALLBACK (allot_page_queue_reload), self);
  allot_page_queue_reload (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_report_panel_dispose (GObject *object)
{
  AllotReportPanel *self = ALLOT_REPORT_PANEL (object);
  AllotReportPanelPrivate *priv = allot_report_panel_get_instance_private (self);

  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  if (priv->session != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->session);
  g_clear_object (&priv->session);
  G_OBJECT_CLASS (allot_report_panel_parent_class)->dispose (object);
}

static void
allot_report_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AllotReportPanel *self = ALLOT_REPORT_PANEL (object);
  AllotReportPanelPrivate *priv = allot_report_panel_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_FISCAL_YEAR:
      g_value_set_int (value, priv->fiscal_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_report_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AllotReportPanel *self = ALLOT_REPORT_PANEL (object);
  AllotReportPanelPrivate *priv = allot_report_panel_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_FISCAL_YEAR:
      if (priv->fiscal_year != g_value_get_int (value))
        {
          priv->fiscal_year = g_value_get_int (value);
          if (ALLOT_REPORT_PANEL_GET_CLASS (self)->follows_fiscal_year)
            allot_page_queue_reload (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_report_panel_class_init (AllotReportPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = allot_report_panel_dispose;
  object_class->get_property = allot_report_panel_get_property;
  object_class->set_property = allot_report_panel_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
allot_report_panel_init (AllotReportPanel *self)
{
  allot_page_init_reload (GTK_WIDGET (self), reload);
}

AllotSession *
allot_report_panel_get_session (AllotReportPanel *self)
{
  AllotReportPanelPrivate *priv;

  g_return_val_if_fail (ALLOT_IS_REPORT_PANEL (self), NULL);
  priv = allot_report_panel_get_instance_private (self);
  return priv->session;
}

int
allot_report_panel_get_fiscal_year (AllotReportPanel *self)
{
  AllotReportPanelPrivate *priv;

  g_return_val_if_fail (ALLOT_IS_REPORT_PANEL (self), 0);
  priv = allot_report_panel_get_instance_private (self);
  return priv->fiscal_year;
}

void
allot_report_panel_queue_reload (AllotReportPanel *self)
{
  g_return_if_fail (ALLOT_IS_REPORT_PANEL (self));
  allot_page_queue_reload (GTK_WIDGET (self));
}

void
allot_report_panel_read (AllotReportPanel    *self,
                         AllotSessionReadFunc func,
                         gpointer             data,
                         GDestroyNotify       data_destroy,
                         GDestroyNotify       result_destroy,
                         GAsyncReadyCallback  callback)
{
  AllotReportPanelPrivate *priv;

  g_return_if_fail (ALLOT_IS_REPORT_PANEL (self));
  priv = allot_report_panel_get_instance_private (self);
  g_return_if_fail (priv->session != NULL);
  allot_session_read_async (priv->session, func, data, data_destroy, result_destroy,
                            allot_page_restart_load (&priv->cancellable), callback,
                            g_object_ref (self));
}

/* A failed load: says why in @warnings and empties @rows (when not NULL).
 * A cancelled one says nothing: a newer load replaced it. */
static void
show_load_error (GtkWidget    *warnings,
                 GListStore   *rows,
                 const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  allot_report_warnings_set_error (warnings, error->message);
  if (rows != NULL)
    allot_table_replace (rows, NULL);
}

gpointer
allot_report_panel_read_finish (AllotReportPanel *self,
                                GObject          *source,
                                GAsyncResult     *res,
                                GDestroyNotify    result_destroy,
                                GtkWidget        *warnings,
                                GListStore       *rows)
{
  g_autoptr(GError) error = NULL;
  gpointer result = allot_session_read_finish (ALLOT_SESSION (source), res, &error);

  if (result == NULL)
    {
      show_load_error (warnings, rows, error);
      return NULL;
    }
  if (allot_report_panel_get_session (self) == NULL)
    {
      result_destroy (result);
      return NULL;
    }
  return result;
}

gboolean
allot_report_panel_get_scope_year (AllotReportPanel *self,
                                   GtkCheckButton   *all_years,
                                   int              *year)
{
  g_return_val_if_fail (ALLOT_IS_REPORT_PANEL (self), FALSE);
  if (gtk_check_button_get_active (all_years))
    {
      *year = 0;
      return TRUE;
    }
  *year = allot_report_panel_get_fiscal_year (self);
  return *year != 0;
}

/* ---- shared widgets ---- */

/* The inner margins of a row of a report list: 12 pixels on the sides. */
static void
set_row_margins (GtkWidget *row,
                 int        vertical)
{
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, vertical);
  gtk_widget_set_margin_bottom (row, vertical);
}

static void
add_message (GtkWidget  *warnings,
             const char *icon,
             const char *message)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *label = gtk_label_new (message);

  set_row_margins (row, 5);
  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  gtk_widget_add_css_class (image, "warning");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), image);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (warnings), row);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

GtkWidget *
allot_report_warnings_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_visible (box, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warnings"), -1);
  return box;
}

void
allot_report_warnings_set (GtkWidget *warnings,
                           GPtrArray *messages)
{
  g_return_if_fail (GTK_IS_BOX (warnings));
  clear_box (warnings);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    add_message (warnings, "dialog-warning-symbolic", messages->pdata[i]);
  gtk_widget_set_visible (warnings, messages != NULL && messages->len > 0);
}

void
allot_report_warnings_set_error (GtkWidget  *warnings,
                                 const char *message)
{
  g_return_if_fail (GTK_IS_BOX (warnings));
  clear_box (warnings);
  add_message (warnings, "dialog-error-symbolic", message);
  gtk_widget_set_visible (warnings, TRUE);
}

GtkWidget *
allot_report_header_new (const char  *heading,
                         GtkWidget   *content,
                         GtkWidget  **warnings)
{
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 4);
  gtk_box_append (GTK_BOX (top), allot_report_heading_new (heading));
  gtk_box_append (GTK_BOX (top), content);
  *warnings = allot_report_warnings_new ();
  gtk_box_append (GTK_BOX (top), *warnings);
  return top;
}

GtkWidget *
allot_report_scope_row_new (AllotReportPanel *panel,
                            const char       *tooltip,
                            GtkLabel        **scope,
                            GtkCheckButton  **all_years)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_("_All years"));

  gtk_widget_set_tooltip_text (check, tooltip);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (allot_report_panel_queue_reload),
                            panel);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), check);
  *scope = GTK_LABEL (label);
  *all_years = GTK_CHECK_BUTTON (check);
  return row;
}

GtkWidget *
allot_report_text_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  return label;
}

GtkWidget *
allot_report_totals_new (void)
{
  GtkWidget *totals = allot_report_text_new ();

  gtk_widget_set_margin_start (totals, 12);
  gtk_widget_set_margin_end (totals, 12);
  gtk_widget_set_margin_bottom (totals, 6);
  gtk_widget_add_css_class (totals, "totals");
  return totals;
}

GtkWidget *
allot_report_value_row_new (const char *id,
                            const char *title,
                            GtkLabel  **value)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *id_label = gtk_label_new (id);
  GtkWidget *title_label = gtk_label_new (title);
  GtkWidget *value_label = gtk_label_new (NULL);

  set_row_margins (row, 7);

  gtk_label_set_xalign (GTK_LABEL (id_label), 0);
  gtk_label_set_width_chars (GTK_LABEL (id_label), 4);
  gtk_widget_add_css_class (id_label, "dim-label");
  gtk_widget_add_css_class (id_label, "numeric");
  gtk_widget_set_visible (id_label, id != NULL);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_widget_set_hexpand (title_label, TRUE);

  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_justify (GTK_LABEL (value_label), GTK_JUSTIFY_RIGHT);
  /* Long names wrap rather than widen the view; amounts are one word. */
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_widget_set_valign (value_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (value_label, "numeric");
  /* Screen readers read the value with what it is. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title_label, NULL, -1);

  gtk_box_append (GTK_BOX (row), id_label);
  gtk_box_append (GTK_BOX (row), title_label);
  gtk_box_append (GTK_BOX (row), value_label);
  *value = GTK_LABEL (value_label);
  return row;
}

GtkWidget *
allot_report_control_label_new (const char *text,
                                GtkWidget  *control)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);
  g_autofree char *plain = NULL;

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), control);
  /* The name without its underscore, for the screen reader. */
  plain = g_strdup (text);
  for (char *s = plain, *d = plain;; s++)
    if (*s != '_' && (*d++ = *s) == '\0')
      break;
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL, plain,
                                  -1);
  return label;
}

GtkWidget *
allot_report_controls_new (void)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 16);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 8);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  return flow;
}

void
allot_report_controls_add (GtkWidget  *controls,
                           const char *label,
                           GtkWidget  *control)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkFlowBoxChild *child;

  g_return_if_fail (GTK_IS_FLOW_BOX (controls));
  if (label != NULL)
    gtk_box_append (GTK_BOX (box), allot_report_control_label_new (label, control));
  gtk_box_append (GTK_BOX (box), control);
  gtk_flow_box_append (GTK_FLOW_BOX (controls), box);
  /* The flow box's own children are not controls: focus goes straight in. */
  child = GTK_FLOW_BOX_CHILD (gtk_widget_get_parent (box));
  gtk_widget_set_focusable (GTK_WIDGET (child), FALSE);
}

GtkWidget *
allot_report_list_new (const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return list;
}

GtkWidget *
allot_report_heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  return label;
}

GtkWidget *
allot_report_table_new (const char     *accessible_label,
                        GtkColumnView **view,
                        GListStore    **rows)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *column_view = gtk_column_view_new (NULL);

  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (column_view), TRUE);
  gtk_widget_add_css_class (column_view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), column_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  *view = GTK_COLUMN_VIEW (column_view);
  *rows = allot_table_setup (*view);
  return scrolled;
}

void
allot_report_table_set_widths (GtkColumnView *view,
                               const int     *widths,
                               guint          n_widths)
{
  GListModel *columns;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < n_widths && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (widths[i] > 0)
        gtk_column_view_column_set_fixed_width (column, widths[i]);
    }
}

char *
allot_report_format_hundredths (gint64 value)
{
  gint64 magnitude = value < 0 ? -value : value;

  return g_strdup_printf ("%s%" PRId64 ".%02d", value < 0 ? "−" : "", magnitude / 100,
                          (int) (magnitude % 100));
}

void
allot_report_list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}
