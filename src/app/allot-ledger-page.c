/* allot-ledger-page.c: the ledger table, its search, filters and totals.
 *
 * The table is a GtkColumnView straight over AllotLedgerModel: the columns'
 * sorters only name an SQL sort key (allot-ledger-sorter.h), the search box
 * waits 300 ms after the last key, and the filters are passed to the model,
 * which counts and pages in the worker thread. */
#include "allot-config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-ledger-page.h"
#include "allot-ledger-sorter.h"
#include "allot-page.h"
#include "allot-session.h"

struct _AllotLedgerPage
{
  AdwBin parent_instance;

  GtkSearchEntry *search_entry;
  GtkDropDown *fy_filter;
  GtkDropDown *source_filter;
  GtkDropDown *task_force_filter;
  GtkDropDown *category_filter;
  GtkDropDown *kind_filter;
  GtkDropDown *status_filter;
  GtkCheckButton *voided_check;
  GtkColumnView *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *amount_column;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *task_force_column;
  GtkColumnViewColumn *category_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *document_column;
  GtkColumnViewColumn *payee_column;
  GtkColumnViewColumn *description_column;
  AdwStatusPage *empty_page;
  GtkLabel *totals_label;
  GtkSpinner *spinner;

  AllotLedgerModel *model;
  GtkSingleSelection *selection;
  AllotSession *session;
  gulong changed_id;
  gboolean filling;
  gboolean pending_only;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PENDING_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotLedgerPage, allot_ledger_page, ADW_TYPE_BIN)

static AllotLedgerItem *
get_selected_item (AllotLedgerPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL && allot_ledger_item_is_loaded (item) ? item : NULL;
}

static void
update_actions (AllotLedgerPage *self)
{
  AllotLedgerItem *item = get_selected_item (self);
  const AllotLedgerRow *row = item != NULL ? allot_ledger_item_get_row (item) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.edit", row != NULL && !row->voided);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.void", row != NULL && !row->voided);
}

static void
update_totals (AllotLedgerPage *self)
{
  const AllotLedgerTotals *totals = allot_ledger_model_get_totals (self->model);
  const char *error = allot_ledger_model_get_error (self->model);
  g_autofree char *obligated = NULL;
  g_autofree char *expended = NULL;
  g_autofree char *adjusted = NULL;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->session == NULL)
    {
      gtk_label_set_text (self->totals_label, "");
      return;
    }
  if (error != NULL)
    {
      gtk_label_set_text (self->totals_label, error);
      return;
    }
  if (!allot_ledger_model_get_counted (self->model))
    {
      /* Only the first lines are in (see allot-ledger-model.c). */
      gtk_label_set_text (self->totals_label, _("Counting the entries…"));
      gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);
      return;
    }
  obligated = allot_session_format_money (self->session, totals->obligated);
  expended = allot_session_format_money (self->session, totals->expended);
  adjusted = allot_session_format_money (self->session, totals->adjusted);
  count = g_strdup_printf (ngettext ("%'" PRIu64 " entry",
                                     "%'" PRIu64 " entries",
                                     (unsigned long) MIN (totals->count, G_MAXULONG)),
                           totals->count);
  /* Translators: the totals under the ledger table */
  text = g_strdup_printf (_("%s · obligations %s · expenditures %s · adjustments %s"),
                          count, obligated, expended, adjusted);
  gtk_label_set_text (self->totals_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                          totals->count == 0 && !allot_ledger_model_get_loading (self->model));
}

static void
loading_changed_cb (AllotLedgerPage *self)
{
  gboolean loading = allot_ledger_model_get_loading (self->model);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page),
                          !loading && g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
                          self->session != NULL);
  update_actions (self);
}

static void
model_reset_cb (AllotLedgerPage *self)
{
  /* Before the list is replaced: see allot-ledger-model.c. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
read_filter (AllotLedgerPage   *self,
             AllotLedgerFilter *filter)
{
  allot_ledger_filter_init (filter);
  filter->fiscal_year = (int) allot_choices_get_selected (self->fy_filter);
  filter->source_id = allot_choices_get_selected (self->source_filter);
  filter->task_force_id = allot_choices_get_selected (self->task_force_filter);
  filter->category_id = allot_choices_get_selected (self->category_filter);
  filter->kind = (int) allot_choices_get_selected (self->kind_filter) - 1;
  filter->status = (int) allot_choices_get_selected (self->status_filter) - 1;
  filter->include_voided = gtk_check_button_get_active (self->voided_check);
  if (self->pending_only)
    {
      filter->status = ALLOT_STATUS_SUBMITTED;
      filter->include_voided = FALSE;
    }
  filter->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

/* A new filter or sort is read from its first line. */
static void
scroll_to_top (AllotLedgerPage *self)
{
  GtkAdjustment *adjustment;

  if (self->column_view == NULL)
    return;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
filter_changed_cb (AllotLedgerPage *self)
{
  AllotLedgerFilter filter;

  if (self->filling || self->session == NULL)
    return;
  read_filter (self, &filter);
  /* The search box reports its text after a pause even when nothing was
   * typed (at start, while a million lines are being counted). */
  if (allot_ledger_model_is_filter (self->model, &filter))
    return;
  scroll_to_top (self);
  allot_ledger_model_set_filter (self->model, &filter);
}

static void
clear_clicked_cb (AllotLedgerPage *self)
{
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->fy_filter, 0);
  gtk_drop_down_set_selected (self->source_filter, 0);
  gtk_drop_down_set_selected (self->task_force_filter, 0);
  gtk_drop_down_set_selected (self->category_filter, 0);
  gtk_drop_down_set_selected (self->kind_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_check_button_set_active (self->voided_check, FALSE);
  self->filling = FALSE;
  filter_changed_cb (self);
}

static void
sorter_changed_cb (AllotLedgerPage *self)
{
  AllotLedgerSort sort = ALLOT_LEDGER_SORT_DATE;
  gboolean descending = FALSE;
  GtkSorter *sorter;

  if (self->column_view == NULL)
    return;   /* disposing */
  sorter = gtk_column_view_get_sorter (self->column_view);
  if (!allot_ledger_sorter_probe (sorter, &sort, &descending))
    {
      /* No column sorts: the ledger's natural order. */
      sort = ALLOT_LEDGER_SORT_DATE;
      descending = FALSE;
    }
  scroll_to_top (self);
  allot_ledger_model_set_sort (self->model, sort, descending);
}

static void
row_activated_cb (AllotLedgerPage *self,
                  guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "ledger.edit", NULL);
}

/* The choices of the filters, from the records that exist now. */
static void
fill_filters (AllotLedgerPage *self)
{
  AllotStore *store = allot_session_get_store (self->session);
  gint64 fy = allot_choices_get_selected (self->fy_filter);
  gint64 source = allot_choices_get_selected (self->source_filter);
  gint64 task_force = allot_choices_get_selected (self->task_force_filter);
  gint64 category = allot_choices_get_selected (self->category_filter);
  g_autoptr(GArray) years = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) task_forces = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;

  self->filling = TRUE;

  allot_choices_reset (self->fy_filter, _("All years"));
  if ((years = allot_store_list_fiscal_years (store, &error)) != NULL)
    for (guint i = years->len; i-- > 0;)
      {
        int year = g_array_index (years, int, i);
        g_autofree char *label = g_strdup_printf (_("FY%d"), year);
        allot_choices_add (self->fy_filter, year, label);
      }
  allot_choices_select (self->fy_filter, fy);

  allot_choices_reset (self->source_filter, _("All sources"));
  if ((sources = allot_store_list_sources (store, &error)) != NULL)
    for (guint i = 0; i < sources->len; i++)
      {
        AllotSource *s = sources->pdata[i];
        allot_choices_add (self->source_filter, s->id, s->code);
      }
  allot_choices_select (self->source_filter, source);

  allot_choices_reset (self->task_force_filter, _("All task forces"));
  if ((task_forces = allot_store_list_task_forces (store, &error)) != NULL)
    for (guint i = 0; i < task_forces->len; i++)
      {
        AllotTaskForce *tf = task_forces->pdata[i];
        allot_choices_add (self->task_force_filter, tf->id, tf->code);
      }
  allot_choices_select (self->task_force_filter, task_force);

  allot_choices_reset (self->category_filter, _("All categories"));
  if ((categories = allot_store_list_categories (store, &error)) != NULL)
    for (guint i = 0; i < categories->len; i++)
      {
        AllotCategory *c = categories->pdata[i];
        allot_choices_add (self->category_filter, c->id, c->name);
      }
  allot_choices_select (self->category_filter, category);

  if (error != NULL)
    g_warning ("Could not fill the ledger filters: %s", error->message);
  self->filling = FALSE;
}

/* Counts (again) when shown: a hidden ledger does not sort a million
 * lines, nor build rows nobody sees. */
static void
reload (GtkWidget *widget)
{
  AllotLedgerPage *self = ALLOT_LEDGER_PAGE (widget);
  AllotLedgerFilter filter;

  if (self->session == NULL)
    return;
  fill_filters (self);
  read_filter (self, &filter);
  allot_ledger_model_set_session (self->model, self->session);
  /* A record gone from a filter made it fall back to "All": read it again. */
  allot_ledger_model_set_filter (self->model, &filter);
}

static void
set_session (AllotLedgerPage *self,
             AllotSession    *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);

  allot_ledger_model_set_session (self->model, NULL);
  if (session != NULL)
    {
      self->changed_id = g_signal_connect_swapped (session, "changed",
                                                   G_CALLBACK (allot_page_queue_reload), self);
      allot_page_queue_reload (GTK_WIDGET (self));
    }
  update_totals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllotLedgerPage *self = ALLOT_LEDGER_PAGE (widget);
  AllotLedgerItem *item = get_selected_item (self);

  if (item != NULL)
    gtk_widget_activate_action (widget, "win.edit-entry", "x",
                                allot_ledger_item_get_row (item)->id);
}

static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllotLedgerPage *self = ALLOT_LEDGER_PAGE (widget);
  AllotLedgerItem *item = get_selected_item (self);

  if (item != NULL)
    gtk_widget_activate_action (widget, "win.void-entry", "x",
                                allot_ledger_item_get_row (item)->id);
}

static void
allot_ledger_page_dispose (GObject *object)
{
  AllotLedgerPage *self = ALLOT_LEDGER_PAGE (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  if (self->model != NULL)
    {
      /* Reads in flight keep the model alive: it must not call back here. */
      g_signal_handlers_disconnect_by_data (self->model, self);
      allot_ledger_model_set_session (self->model, NULL);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_LEDGER_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (allot_ledger_page_parent_class)->dispose (object);
}

static void
allot_ledger_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AllotLedgerPage *self = ALLOT_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PENDING_ONLY:
      g_value_set_boolean (value, self->pending_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_ledger_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AllotLedgerPage *self = ALLOT_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    case PROP_PENDING_ONLY:
      /* The review's list: what waits for a reviewer, oldest first. */
      self->pending_only = g_value_get_boolean (value);
      gtk_widget_set_visible (GTK_WIDGET (self->status_filter), !self->pending_only);
      gtk_widget_set_visible (GTK_WIDGET (self->voided_check), !self->pending_only);
      if (self->pending_only)
        gtk_column_view_sort_by_column (self->column_view, self->date_column,
                                        GTK_SORT_ASCENDING);
      filter_changed_cb (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_ledger_page_class_init (AllotLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_ledger_page_dispose;
  object_class->get_property = allot_ledger_page_get_property;
  object_class->set_property = allot_ledger_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_ONLY] =
    g_param_spec_boolean ("pending-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALLOT_TYPE_LEDGER_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, fy_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, source_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, task_force_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, category_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, voided_check);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, date_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, amount_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, source_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, task_force_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, category_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, document_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, payee_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, description_column);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, AllotLedgerPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "ledger.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "ledger.void", NULL, void_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "ledger.void", NULL);
}

/* ---- cells ----
 *
 * A label per cell, made in C: a GtkBuilderListItemFactory would parse a
 * template for every cell of every row the view creates, which costs a
 * visible pause when a new count replaces the list. */

typedef struct {
  const char *property;
  gboolean numeric;
} CellKind;

static void
cell_update (GtkLabel *label)
{
  GObject *item = g_object_get_data (G_OBJECT (label), "allot-item");
  const CellKind *kind = g_object_get_data (G_OBJECT (label), "allot-cell");
  g_autofree char *text = NULL;

  if (item != NULL)
    g_object_get (item, kind->property, &text, NULL);
  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               const CellKind           *kind)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), kind->numeric ? 1.0 : 0.0);
  if (kind->numeric)
    {
      gtk_widget_set_halign (label, GTK_ALIGN_END);
      gtk_widget_add_css_class (label, "numeric");
    }
  g_object_set_data (G_OBJECT (label), "allot-cell", (gpointer) kind);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              const CellKind           *kind)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *item = gtk_list_item_get_item (list_item);
  /* The item fills in when its page arrives: it then notifies "loaded". */
  gulong id = g_signal_connect_object (item, "notify::loaded", G_CALLBACK (cell_update), label,
                                       G_CONNECT_SWAPPED);

  g_object_set_data (G_OBJECT (label), "allot-item", item);
  g_object_set_data (G_OBJECT (label), "allot-handler", GSIZE_TO_POINTER (id));
  cell_update (GTK_LABEL (label));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                const CellKind           *kind)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *item = g_object_get_data (G_OBJECT (label), "allot-item");
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (label), "allot-handler"));

  if (item != NULL && id != 0)
    g_signal_handler_disconnect (item, id);
  g_object_set_data (G_OBJECT (label), "allot-item", NULL);
  g_object_set_data (G_OBJECT (label), "allot-handler", NULL);
}

static void
set_column_cells (GtkColumnViewColumn *column,
                  const CellKind      *kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), (gpointer) kind);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), (gpointer) kind);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), (gpointer) kind);
  gtk_column_view_column_set_factory (column, factory);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   AllotLedgerSort      sort)
{
  g_autoptr(GtkSorter) sorter = allot_ledger_sorter_new (sort);

  gtk_column_view_column_set_sorter (column, sorter);
}

static void
allot_ledger_page_init (AllotLedgerPage *self)
{
  static const char *kinds[] = { N_("Obligation"), N_("Expenditure"), N_("Adjustment") };
  static const char *statuses[] = { N_("Draft"), N_("Submitted"), N_("Approved"), N_("Returned") };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = allot_ledger_model_new ();
  /* Before the selection connects to items-changed: see model_reset_cb(). */
  g_signal_connect_swapped (self->model, "reset", G_CALLBACK (model_reset_cb), self);
  g_signal_connect_swapped (self->model, "totals-changed", G_CALLBACK (update_totals), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (loading_changed_cb), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions),
                            self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  {
    static const CellKind cells[] = {
      { "date", FALSE }, { "kind", FALSE }, { "amount", TRUE }, { "source", FALSE },
      { "task-force", FALSE }, { "category", FALSE }, { "status", FALSE },
      { "document", FALSE }, { "payee", FALSE }, { "description", FALSE },
    };
    GtkColumnViewColumn *columns[] = {
      self->date_column, self->kind_column, self->amount_column, self->source_column,
      self->task_force_column, self->category_column, self->status_column,
      self->document_column, self->payee_column, self->description_column,
    };

    for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
      set_column_cells (columns[i], &cells[i]);
  }

  set_column_sorter (self->date_column, ALLOT_LEDGER_SORT_DATE);
  set_column_sorter (self->amount_column, ALLOT_LEDGER_SORT_AMOUNT);
  set_column_sorter (self->source_column, ALLOT_LEDGER_SORT_SOURCE);
  set_column_sorter (self->task_force_column, ALLOT_LEDGER_SORT_TASK_FORCE);
  set_column_sorter (self->category_column, ALLOT_LEDGER_SORT_CATEGORY);
  set_column_sorter (self->status_column, ALLOT_LEDGER_SORT_STATUS);
  set_column_sorter (self->document_column, ALLOT_LEDGER_SORT_DOCUMENT);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
  /* Newest first, as a ledger is read. */
  gtk_column_view_sort_by_column (self->column_view, self->date_column, GTK_SORT_DESCENDING);

  self->filling = TRUE;
  allot_choices_reset (self->kind_filter, _("All kinds"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    allot_choices_add (self->kind_filter, i + 1, _(kinds[i]));
  allot_choices_select (self->kind_filter, 0);
  allot_choices_reset (self->status_filter, _("Any status"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    allot_choices_add (self->status_filter, i + 1, _(statuses[i]));
  allot_choices_select (self->status_filter, 0);
  allot_choices_reset (self->fy_filter, _("All years"));
  allot_choices_reset (self->source_filter, _("All sources"));
  allot_choices_reset (self->task_force_filter, _("All task forces"));
  allot_choices_reset (self->category_filter, _("All categories"));
  self->filling = FALSE;

  allot_page_init_reload (GTK_WIDGET (self), reload);
  update_actions (self);
}

void
allot_ledger_page_focus_search (AllotLedgerPage *self)
{
  g_return_if_fail (ALLOT_IS_LEDGER_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

AllotLedgerModel *
allot_ledger_page_get_model (AllotLedgerPage *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_PAGE (self), NULL);
  return self->model;
}

GtkColumnView *
allot_ledger_page_get_view (AllotLedgerPage *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_PAGE (self), NULL);
  return self->column_view;
}

void
allot_ledger_page_filter_source (AllotLedgerPage *self,
                                 gint64           source_id)
{
  g_return_if_fail (ALLOT_IS_LEDGER_PAGE (self));
  allot_choices_select (self->source_filter, source_id);
}

void
allot_ledger_page_set_search (AllotLedgerPage *self,
                              const char      *text)
{
  g_return_if_fail (ALLOT_IS_LEDGER_PAGE (self));
  /* Every other filter cleared, so that what is searched for shows. */
  clear_clicked_cb (self);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  self->filling = FALSE;
  filter_changed_cb (self);
}

void
allot_ledger_page_filter_fiscal_year (AllotLedgerPage *self,
                                      int              fiscal_year)
{
  g_return_if_fail (ALLOT_IS_LEDGER_PAGE (self));
  allot_choices_select (self->fy_filter, fiscal_year);
}
