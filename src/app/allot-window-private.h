/* allot-window-private.h: shared by allot-window.c and allot-window-actions.c. */
#pragma once

#include "allot-window.h"

G_BEGIN_DECLS

struct _AllotWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkListBox *sidebar_list;
  GtkLabel *review_badge;
  AdwWindowTitle *view_title;
  GtkMenuButton *new_button;
  GtkDropDown *fy_dropdown;
  GtkStringList *fy_list;
  GtkRevealer *busy_revealer;
  GtkLabel *busy_label;
  GtkProgressBar *busy_progress;
  GtkButton *busy_cancel;
  GtkStack *session_stack;
  GtkStack *view_stack;
  GtkWidget *overview_page;
  GtkWidget *sources_page;
  GtkWidget *allocations_page;
  GtkWidget *ledger_page;
  GtkWidget *task_forces_page;
  GtkWidget *review_page;
  GtkWidget *reports_page;
  GMenu *recent_section;

  AllotSession *session;
  gulong session_changed_id;
  /* allot_store_change_marker() when the views last loaded: focusing the
   * window reloads them when it moved (another person wrote). */
  gint64 change_marker;
  int fiscal_year;
  GArray *fiscal_years;       /* int, parallel to fy_list */
  GSettings *settings;

  gboolean busy;
  GCancellable *busy_cancellable;
  guint pulse_id;
};

/* allot-window-actions.c */
void allot_window_class_init_actions (GtkWidgetClass *widget_class);
void allot_window_update_actions     (AllotWindow    *self);

/* allot-window-export.c */
void allot_window_class_init_export  (GtkWidgetClass *widget_class);

G_END_DECLS
