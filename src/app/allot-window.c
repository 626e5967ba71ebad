/* allot-window.c: the main window, its views, its fiscal year and its state.
 * The actions (database, new records) are in allot-window-actions.c. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-allocations-page.h"
#include "allot-form-window.h"
#include "allot-ledger-page.h"
#include "allot-overview-page.h"
#include "allot-recent.h"
#include "allot-reports-page.h"
#include "allot-review-page.h"
#include "allot-sources-page.h"
#include "allot-task-forces-page.h"
#include "allot-window-private.h"

G_DEFINE_FINAL_TYPE (AllotWindow, allot_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_FISCAL_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
allot_window_dispose (GObject *object)
{
  AllotWindow *self = ALLOT_WINDOW (object);

  if (self->busy_cancellable != NULL)
    g_cancellable_cancel (self->busy_cancellable);
  g_clear_object (&self->busy_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->session != NULL)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_WINDOW);
  G_OBJECT_CLASS (allot_window_parent_class)->dispose (object);
}

static void
allot_window_finalize (GObject *object)
{
  AllotWindow *self = ALLOT_WINDOW (object);

  g_clear_pointer (&self->fiscal_years, g_array_unref);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (allot_window_parent_class)->finalize (object);
}

static void
allot_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AllotWindow *self = ALLOT_WINDOW (object);

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
allot_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AllotWindow *self = ALLOT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      allot_window_set_session (self, g_value_get_object (value));
      break;
    case PROP_FISCAL_YEAR:
      allot_window_set_fiscal_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
allot_window_close_request (GtkWindow *window)
{
  AllotWindow *self = ALLOT_WINDOW (window);
  int width, height;

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (allot_window_parent_class)->close_request (window);
}

static void
sidebar_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          AllotWindow   *self)
{
  allot_window_show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (AllotWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
select_sidebar_row (AllotWindow *self,
                    const char  *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      {
        gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
view_changed_cb (AllotWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->view_stack);
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);
  GtkStackPage *page;

  if (child == NULL)
    return;
  page = gtk_stack_get_page (self->view_stack, child);
  adw_window_title_set_title (self->view_title, gtk_stack_page_get_title (page));
  /* The fiscal year applies to the views that show one year. */
  gtk_widget_set_visible (GTK_WIDGET (self->fy_dropdown),
                          g_object_class_find_property (G_OBJECT_GET_CLASS (child),
                                                        "fiscal-year") != NULL);
  select_sidebar_row (self, name);
  if (self->settings != NULL && self->session != NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

static void
fy_selected_cb (AllotWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->fy_dropdown);

  if (self->fiscal_years != NULL && selected < self->fiscal_years->len)
    allot_window_set_fiscal_year (self, g_array_index (self->fiscal_years, int, selected));
}

static void
busy_cancel_clicked_cb (AllotWindow *self)
{
  g_autoptr(GCancellable) cancellable = NULL;

  /* The window is free at once; the worker notices soon and cleans up. */
  cancellable = self->busy_cancellable != NULL ? g_object_ref (self->busy_cancellable) : NULL;
  allot_window_end_busy (self);
  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

static void
allot_window_class_init (AllotWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = allot_window_dispose;
  object_class->finalize = allot_window_finalize;
  object_class->get_property = allot_window_get_property;
  object_class->set_property = allot_window_set_property;
  window_class->close_request = allot_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ALLOT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (ALLOT_TYPE_SOURCES_PAGE);
  g_type_ensure (ALLOT_TYPE_ALLOCATIONS_PAGE);
  g_type_ensure (ALLOT_TYPE_LEDGER_PAGE);
  g_type_ensure (ALLOT_TYPE_TASK_FORCES_PAGE);
  g_type_ensure (ALLOT_TYPE_REVIEW_PAGE);
  g_type_ensure (ALLOT_TYPE_REPORTS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/allot/Allot/ui/allot-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, review_badge);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, view_title);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, fy_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, fy_list);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, busy_cancel);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, session_stack);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, sources_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, allocations_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, ledger_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, task_forces_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, AllotWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fy_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, busy_cancel_clicked_cb);

  allot_window_class_init_actions (widget_class);
}

static void
bind_fiscal_year (AllotWindow *self,
                  GtkWidget   *page)
{
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "fiscal-year") != NULL)
    g_object_bind_property (self, "fiscal-year", page, "fiscal-year", G_BINDING_SYNC_CREATE);
}

static void
review_pending_cb (AllotWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  guint n;

  if (self->review_page == NULL || self->review_badge == NULL)
    return;   /* disposing */
  n = allot_review_page_get_n_pending (ALLOT_REVIEW_PAGE (self->review_page));
  text = g_strdup_printf ("%u", n);
  description = g_strdup_printf (_("%u waiting for review"), n);

  gtk_label_set_text (self->review_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->review_badge), n > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->review_badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

/* Someone else's approval shows when the person comes back to the window:
 * cheaper than listening to the server, and the same on both engines. */
static void
is_active_cb (AllotWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    allot_window_refresh_if_changed (self);
}

static void
allot_window_init (AllotWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fiscal_years = g_array_new (FALSE, FALSE, sizeof (int));
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    bind_fiscal_year (self, page);

  g_signal_connect_object (self->review_page, "notify::n-pending",
                           G_CALLBACK (review_pending_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  gtk_stack_set_visible_child_name (self->session_stack, "none");
  view_changed_cb (self);
  allot_window_update_actions (self);
}

static void
recent_changed_cb (AllotWindow *self)
{
  allot_recent_fill_menu (self->recent_section, self->settings);
}

AllotWindow *
allot_window_new (AllotApplication *app)
{
  AllotWindow *self = g_object_new (ALLOT_TYPE_WINDOW, "application", app, NULL);
  GSettings *settings = allot_application_get_settings (app);
  g_autofree char *view = NULL;

  self->settings = g_object_ref (settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  view = g_settings_get_string (settings, "last-view");
  allot_window_show_view (self, view);
  /* Every window's menu follows what any window opened. */
  g_signal_connect_object (settings, "changed::recent-databases",
                           G_CALLBACK (recent_changed_cb), self, G_CONNECT_SWAPPED);
  recent_changed_cb (self);
  return self;
}

/* The years that have allocations, and the current one. */
static void
update_fiscal_years (AllotWindow *self)
{
  g_autoptr(GArray) years = NULL;
  g_autoptr(GError) error = NULL;
  AllotStore *store = allot_session_get_store (self->session);
  int current = allot_store_current_fiscal_year (store);
  int wanted = self->fiscal_year;
  guint selected = 0;
  gboolean have_current = FALSE;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->fy_list));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  years = allot_store_list_fiscal_years (store, &error);
  if (years == NULL)
    {
      g_warning ("Could not list the fiscal years: %s", error->message);
      years = g_array_new (FALSE, FALSE, sizeof (int));
    }
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == current)
      have_current = TRUE;
  /* Open on the current year, or on the latest year that has a budget when
   * the current one has none yet (the first weeks of a fiscal year). */
  if (wanted == 0)
    {
      wanted = current;
      if (!have_current)
        for (guint i = 0; i < years->len; i++)
          if (g_array_index (years, int, i) < current)
            wanted = g_array_index (years, int, i);
    }
  if (!have_current)
    {
      guint at = 0;

      while (at < years->len && g_array_index (years, int, at) < current)
        at++;
      g_array_insert_val (years, at, current);
    }

  g_array_set_size (self->fiscal_years, 0);
  for (guint i = 0; i < years->len; i++)
    {
      int year = g_array_index (years, int, i);

      g_array_append_val (self->fiscal_years, year);
      g_ptr_array_add (labels, g_strdup_printf (_("FY%d"), year));
      if (year == wanted)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);

  g_signal_handlers_block_by_func (self->fy_dropdown, fy_selected_cb, self);
  gtk_string_list_splice (self->fy_list, 0, n_old, (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->fy_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->fy_dropdown, fy_selected_cb, self);
  allot_window_set_fiscal_year (self, g_array_index (self->fiscal_years, int, selected));
}

/* Before the views' reads are queued: a write committed after this is
 * noticed on the next focus, one before it is in what the views read. */
static void
remember_change_marker (AllotWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 marker = allot_store_change_marker (allot_session_get_store (self->session), &error);

  if (marker < 0)
    g_debug ("Could not read the change marker: %s", error->message);
  self->change_marker = marker;
}

static void
session_changed_cb (AllotWindow *self)
{
  remember_change_marker (self);
  update_fiscal_years (self);
}

gboolean
allot_window_refresh_if_changed (AllotWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 marker;

  g_return_val_if_fail (ALLOT_IS_WINDOW (self), FALSE);

  /* While an import or export runs, the store is theirs. */
  if (self->session == NULL || self->busy)
    return FALSE;
  marker = allot_store_change_marker (allot_session_get_store (self->session), &error);
  if (marker < 0)
    {
      /* A dropped connection says so at the next read or write. */
      g_debug ("Could not read the change marker: %s", error->message);
      return FALSE;
    }
  if (marker == self->change_marker)
    return FALSE;
  allot_session_changed (self->session);
  return TRUE;
}

void
allot_window_set_session (AllotWindow  *self,
                          AllotSession *session)
{
  g_autofree char *shown = NULL;
  g_autofree char *location = NULL;
  g_autofree char *display_name = NULL;

  g_return_if_fail (ALLOT_IS_WINDOW (self));
  g_return_if_fail (session == NULL || ALLOT_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->session_changed_id, self->session);
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      AllotStore *store = allot_session_get_store (session);

      if (self->settings != NULL)
        {
          display_name = g_settings_get_string (self->settings, "display-name");
          allot_session_set_user (session, display_name);
        }
      self->session_changed_id = g_signal_connect_swapped (session, "changed",
                                                           G_CALLBACK (session_changed_cb),
                                                           self);
      /* Never the password of a server's address. */
      shown = allot_store_location_display (allot_store_get_path (store));
      location = allot_store_location_strip_password (allot_store_get_path (store));
      adw_window_title_set_subtitle (self->view_title, shown);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_title), location);
      remember_change_marker (self);
      /* Another database has other years: start from its default. */
      self->fiscal_year = 0;
      update_fiscal_years (self);
    }
  else
    {
      adw_window_title_set_subtitle (self->view_title, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->view_title), NULL);
    }

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    g_object_set (page, "session", session, NULL);

  gtk_stack_set_visible_child_name (self->session_stack, session != NULL ? "views" : "none");
  allot_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

AllotSession *
allot_window_get_session (AllotWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_WINDOW (self), NULL);
  return self->session;
}

void
allot_window_show_view (AllotWindow *self,
                        const char  *name)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (gtk_stack_get_child_by_name (self->view_stack, name) == NULL)
    name = "overview";
  gtk_stack_set_visible_child_name (self->view_stack, name);
}

const char *
allot_window_get_view_name (AllotWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
allot_window_get_view (AllotWindow *self,
                       const char  *name)
{
  g_return_val_if_fail (ALLOT_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->view_stack, name);
}

int
allot_window_get_fiscal_year (AllotWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_WINDOW (self), 0);
  return self->fiscal_year;
}

void
allot_window_set_fiscal_year (AllotWindow *self,
                              int          fiscal_year)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));

  if (self->fiscal_year == fiscal_year)
    return;
  self->fiscal_year = fiscal_year;
  for (guint i = 0; i < self->fiscal_years->len; i++)
    if (g_array_index (self->fiscal_years, int, i) == fiscal_year &&
        gtk_drop_down_get_selected (self->fy_dropdown) != i)
      gtk_drop_down_set_selected (self->fy_dropdown, i);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FISCAL_YEAR]);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 AllotWindow *self)
{
  AllotUndo *undo = g_object_get_data (G_OBJECT (toast), "allot-undo");
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || undo == NULL)
    return;
  if (!allot_undo_run (undo, allot_session_get_store (self->session), &error))
    {
      allot_window_show_error (self, _("Could Not Undo"), error->message);
      return;
    }
  allot_session_changed (self->session);
  allot_window_show_toast (self, _("Undone"));
}

void
allot_window_show_undo (AllotWindow *self,
                        AllotUndo   *undo)
{
  AdwToast *toast;

  g_return_if_fail (ALLOT_IS_WINDOW (self));
  g_return_if_fail (undo != NULL);

  toast = adw_toast_new (allot_undo_get_message (undo));
  adw_toast_set_timeout (toast, 8);
  if (allot_undo_can_undo (undo))
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
    }
  g_object_set_data_full (G_OBJECT (toast), "allot-undo", undo, (GDestroyNotify) allot_undo_free);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
allot_window_show_toast (AllotWindow *self,
                         const char  *message)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
allot_window_show_error (AllotWindow *self,
                         const char  *heading,
                         const char  *message)
{
  GtkWidget *dialog;

  g_return_if_fail (ALLOT_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
form_saved_cb (AllotFormWindow *window,
               AllotUndo       *undo,
               AllotWindow     *self)
{
  if (self->session != NULL)
    allot_session_changed (self->session);
  if (undo != NULL)
    allot_window_show_undo (self, undo);
}

GtkWindow *
allot_window_open_form (AllotWindow *self,
                        GtkWidget   *form)
{
  AllotFormWindow *window;

  g_return_val_if_fail (ALLOT_IS_WINDOW (self), NULL);

  window = allot_form_window_new (GTK_WINDOW (self), form);
  g_signal_connect_object (window, "saved", G_CALLBACK (form_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static gboolean
pulse_cb (gpointer user_data)
{
  AllotWindow *self = user_data;

  gtk_progress_bar_pulse (self->busy_progress);
  return G_SOURCE_CONTINUE;
}

void
allot_window_begin_busy (AllotWindow  *self,
                         const char   *label,
                         GCancellable *cancellable)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));

  self->busy = TRUE;
  g_set_object (&self->busy_cancellable, cancellable);
  gtk_label_set_text (self->busy_label, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->busy_cancel), cancellable != NULL);
  gtk_revealer_set_reveal_child (self->busy_revealer, TRUE);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (120, pulse_cb, self);
  allot_window_update_actions (self);
}

void
allot_window_set_busy_fraction (AllotWindow *self,
                                double       fraction)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_progress_bar_set_fraction (self->busy_progress, CLAMP (fraction, 0.0, 1.0));
}

gboolean
allot_window_is_busy (AllotWindow *self)
{
  g_return_val_if_fail (ALLOT_IS_WINDOW (self), FALSE);
  return self->busy;
}

void
allot_window_cancel_busy (AllotWindow *self)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));
  busy_cancel_clicked_cb (self);
}

void
allot_window_end_busy (AllotWindow *self)
{
  g_return_if_fail (ALLOT_IS_WINDOW (self));

  self->busy = FALSE;
  g_clear_object (&self->busy_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->busy_revealer, FALSE);
  allot_window_update_actions (self);
}
