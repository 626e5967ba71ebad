/* allot-page.c: loading views when shown and when their inputs change. */
#include "allot-config.h"

#include "allot-page.h"

typedef struct {
  AllotPageReloadFunc reload;
  gboolean stale;
  guint idle_id;
} PageState;

static PageState *
get_state (GtkWidget *page)
{
  return g_object_get_data (G_OBJECT (page), "allot-page-state");
}

static void
page_state_free (PageState *state)
{
  g_clear_handle_id (&state->idle_id, g_source_remove);
  g_free (state);
}

static void
page_mapped_cb (GtkWidget *page)
{
  PageState *state = get_state (page);

  if (state->stale)
    {
      /* The queued idle would load it a second time: on a large ledger, a
       * second count of a million lines. */
      g_clear_handle_id (&state->idle_id, g_source_remove);
      state->stale = FALSE;
      state->reload (page);
    }
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  GtkWidget *page = user_data;
  PageState *state = get_state (page);

  state->idle_id = 0;
  if (gtk_widget_get_mapped (page))
    {
      state->stale = FALSE;
      state->reload (page);
    }
  else
    state->stale = TRUE;
  return G_SOURCE_REMOVE;
}

void
allot_page_init_reload (GtkWidget          *page,
                        AllotPageReloadFunc reload)
{
  PageState *state = g_new0 (PageState, 1);

  state->reload = reload;
  g_object_set_data_full (G_OBJECT (page), "allot-page-state", state,
                          (GDestroyNotify) page_state_free);
  g_signal_connect (page, "map", G_CALLBACK (page_mapped_cb), NULL);
}

void
allot_page_queue_reload (GtkWidget *page)
{
  PageState *state = get_state (page);

  g_return_if_fail (state != NULL);
  state->stale = TRUE;
  if (state->idle_id == 0)
    state->idle_id = g_idle_add (reload_idle_cb, page);
}

gboolean
allot_page_reload_pending (GtkWidget *page)
{
  PageState *state = get_state (page);

  return state != NULL && (state->idle_id != 0 || (state->stale && gtk_widget_get_mapped (page)));
}

GCancellable *
allot_page_restart_load (GCancellable **slot)
{
  if (*slot != NULL)
    {
      g_cancellable_cancel (*slot);
      g_object_unref (*slot);
    }
  *slot = g_cancellable_new ();
  return *slot;
}
