/* allot-page.h: how the views load their data.
 *
 * A view loads when it is shown, and again when its inputs change while it
 * is shown; a hidden view only remembers that it is stale.  Several changes
 * in a row (a new session, then a new fiscal year) cause one load.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*AllotPageReloadFunc) (GtkWidget *page);

/* Call once, from the view's init. */
void allot_page_init_reload  (GtkWidget          *page,
                              AllotPageReloadFunc reload);
void allot_page_queue_reload (GtkWidget          *page);

/* TRUE while a load is queued but has not started (for tests). */
gboolean allot_page_reload_pending (GtkWidget *page);

/* A cancellable for the view's next load; the previous one is cancelled. */
GCancellable *allot_page_restart_load (GCancellable **slot);

G_END_DECLS
