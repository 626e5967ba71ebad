/* allot-review-page.c: the queue of submitted allocations and entries.
 *
 * One list, several rows selectable at once, each with its context: what the
 * source has available before and after approval, and the compliance
 * findings that name the record.  Approve and Return go through the core one
 * item at a time; the core enforces separation of duties, and what it refuses
 * is reported per item (inline and in a toast) while the rest proceeds.  The
 * count is kept up to date (for the sidebar's badge) even while another view
 * is shown. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-ledger-query.h"
#include "allot-lookup.h"
#include "allot-page.h"
#include "allot-review-page.h"
#include "allot-rules.h"
#include "allot-session.h"
#include "allot-window.h"

struct _AllotReviewPage
{
  AdwBin parent_instance;

  GtkLabel *summary_label;
  GtkLabel *feedback_label;
  GtkListBox *queue_list;
  GtkButton *approve_button;
  GtkButton *return_button;
  GtkButton *select_all_button;

  AllotSession *session;
  gulong changed_id;
  GCancellable *cancellable;
  guint n_allocations;
  guint64 n_entries;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotReviewPage, allot_review_page, ADW_TYPE_BIN)

typedef struct {
  GPtrArray *allocations;   /* every allocation (entries need their source) */
  GPtrArray *entries;       /* submitted */
  GPtrArray *sources;
  GPtrArray *task_forces;
  GPtrArray *categories;
  GPtrArray *balances;      /* by source, all years */
  GPtrArray *findings;
} ReviewData;

static void
review_data_free (ReviewData *data)
{
  g_clear_pointer (&data->allocations, g_ptr_array_unref);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_pointer (&data->sources, g_ptr_array_unref);
  g_clear_pointer (&data->task_forces, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
  g_clear_pointer (&data->balances, g_ptr_array_unref);
  g_clear_pointer (&data->findings, g_ptr_array_unref);
  g_free (data);
}

static gpointer
load_review (AllotStore   *reader,
             gpointer      user_data,
             GCancellable *cancellable,
             GError      **error)
{
  ReviewData *data = g_new0 (ReviewData, 1);
  AllotLedgerFilter submitted;

  allot_ledger_filter_init (&submitted);
  submitted.status = ALLOT_STATUS_SUBMITTED;
  if ((data->entries = allot_store_list_ledger (reader, &submitted, error)) == NULL ||
      (data->allocations = allot_store_list_allocations (reader, 0, 0, error)) == NULL ||
      (data->sources = allot_store_list_sources (reader, error)) == NULL ||
      (data->task_forces = allot_store_list_task_forces (reader, error)) == NULL ||
      (data->categories = allot_store_list_categories (reader, error)) == NULL ||
      (data->balances = allot_store_list_balances (reader, ALLOT_BALANCE_BY_SOURCE, 0,
                                                   error)) == NULL ||
      (data->findings = allot_store_check (reader, NULL, error)) == NULL)
    {
      review_data_free (data);
      return NULL;
    }
  return data;
}

static guint
n_pending (AllotReviewPage *self)
{
  return self->n_allocations + (guint) MIN (self->n_entries, G_MAXUINT / 2);
}

static void
update_summary (AllotReviewPage *self)
{
  g_autofree char *entries = NULL;
  g_autofree char *text = NULL;

  if (self->n_allocations == 0 && self->n_entries == 0)
    text = g_strdup (_("Nothing waits for review."));
  else
    {
      entries = g_strdup_printf (ngettext ("%" PRIu64 " entry",
                                           "%" PRIu64 " entries",
                                           (unsigned long) MIN (self->n_entries, G_MAXULONG)),
                                 self->n_entries);
      if (self->n_allocations == 0)
        /* Translators: "8 entries wait for review." */
        text = g_strdup_printf (_("%s wait for review."), entries);
      else
        /* Translators: "2 allocations and 8 entries wait for review." */
        text = g_strdup_printf (ngettext ("%u allocation and %s wait for review.",
                                          "%u allocations and %s wait for review.",
                                          self->n_allocations),
                                self->n_allocations, entries);
    }
  gtk_label_set_text (self->summary_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

static AllotSource *
find_source (GPtrArray *sources,
             gint64     id)
{
  for (guint i = 0; i < sources->len; i++)
    if (((AllotSource *) sources->pdata[i])->id == id)
      return sources->pdata[i];
  return NULL;
}

static AllotAllocation *
find_allocation (GPtrArray *allocations,
                 gint64     id)
{
  for (guint i = 0; i < allocations->len; i++)
    if (((AllotAllocation *) allocations->pdata[i])->id == id)
      return allocations->pdata[i];
  return NULL;
}

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One queued record: its title, the balance line and the findings naming it. */
static GtkWidget *
queue_row_new (AllotReviewPage *self,
               const char      *table_name,
               gint64           id,
               const char      *title,
               const char      *balance_line,
               GPtrArray       *findings)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  guint n_findings = 0;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), label_new (title, "heading"));
  if (balance_line != NULL)
    gtk_box_append (GTK_BOX (box), label_new (balance_line, "dim-label"));
  for (guint i = 0; i < findings->len; i++)
    {
      AllotFinding *f = findings->pdata[i];
      GtkWidget *line;
      GtkWidget *icon;
      GtkWidget *button;

      if (f->record_id != id || g_strcmp0 (f->table_name, table_name) != 0)
        continue;
      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      icon = gtk_image_new_from_icon_name (f->rule->severity == ALLOT_SEVERITY_ERROR
                                           ? "dialog-error-symbolic"
                                           : f->rule->severity == ALLOT_SEVERITY_WARNING
                                           ? "dialog-warning-symbolic"
                                           : "dialog-information-symbolic");
      gtk_widget_add_css_class (icon, f->rule->severity == ALLOT_SEVERITY_ERROR ? "error"
                                      : f->rule->severity == ALLOT_SEVERITY_WARNING ? "warning"
                                      : "accent");
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), label_new (f->message, NULL));
      /* A finding opens its record, as on the Overview. */
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), line);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (button, _("Open the record"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-record");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sx)", f->table_name,
                                        f->record_id);
      gtk_box_append (GTK_BOX (box), button);
      n_findings++;
    }
  if (n_findings == 0)
    gtk_box_append (GTK_BOX (box), label_new (_("No rule findings."), "dim-label"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "allot-table", g_strdup (table_name), g_free);
  g_object_set_data_full (G_OBJECT (row), "allot-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data_full (G_OBJECT (row), "allot-title", g_strdup (title), g_free);
  g_object_set_data (G_OBJECT (row), "allot-findings", GUINT_TO_POINTER (n_findings));
  (void) self;
  return row;
}

static char *
balance_line (AllotReviewPage   *self,
              const char        *source_code,
              const char        *what,
              gint64             before,
              gint64             after)
{
  g_autofree char *b = allot_session_format_money (self->session, before);
  g_autofree char *a = allot_session_format_money (self->session, after);

  /* Translators: "JAG-FY25 available: $10,000.00 now, $9,000.00 after approval" */
  return g_strdup_printf (_("%s %s: %s now, %s after approval"), source_code, what, b, a);
}

static void
update_buttons (AllotReviewPage *self)
{
  g_autoptr(GList) selected = gtk_list_box_get_selected_rows (self->queue_list);

  gtk_widget_set_sensitive (GTK_WIDGET (self->approve_button), selected != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->return_button), selected != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_all_button), n_pending (self) > 0);
}

static void
clear_queue (AllotReviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list))) != NULL)
    gtk_list_box_remove (self->queue_list, child);
}

static void
review_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AllotReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) was_selected = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  ReviewData *data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);
  GList *selected;
  guint n_allocations = 0;

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  if (self->session == NULL)
    {
      review_data_free (data);
      return;
    }

  /* Keep what stays queued selected across reloads. */
  selected = gtk_list_box_get_selected_rows (self->queue_list);
  for (GList *l = selected; l != NULL; l = l->next)
    g_hash_table_add (was_selected,
                      g_strdup_printf ("%s:%" PRId64,
                                       (char *) g_object_get_data (l->data, "allot-table"),
                                       *(gint64 *) g_object_get_data (l->data, "allot-id")));
  g_list_free (selected);
  clear_queue (self);

  for (guint i = 0; i < data->allocations->len; i++)
    {
      AllotAllocation *a = data->allocations->pdata[i];
      AllotSource *s = find_source (data->sources, a->source_id);
      const AllotBalance *balance = allot_lookup_balance (data->balances, a->source_id);
      g_autofree char *money = NULL;
      g_autofree char *title = NULL;
      g_autofree char *line = NULL;
      gint64 unallocated;

      if (a->voided || a->status != ALLOT_STATUS_SUBMITTED)
        continue;
      money = allot_session_format_money (self->session, a->amount);
      /* Translators: "Allocation FY2026 · JAG-FY25 → MPD · Overtime · $1,000.00" */
      title = g_strdup_printf (_("Allocation FY%d · %s → %s · %s · %s"), a->fiscal_year,
                               s != NULL ? s->code : "?",
                               allot_lookup_task_force_code (data->task_forces, a->task_force_id, "?"),
                               allot_lookup_category_name (data->categories, a->category_id, "?"), money);
      if (balance != NULL)
        {
          unallocated = balance->authorized - balance->allocated;
          line = balance_line (self, s != NULL ? s->code : "?", _("unallocated"),
                               unallocated, unallocated - a->amount);
        }
      gtk_list_box_append (self->queue_list,
                           queue_row_new (self, "allocations", a->id, title, line,
                                          data->findings));
      n_allocations++;
    }
  for (guint i = 0; i < data->entries->len; i++)
    {
      AllotLedgerEntry *e = data->entries->pdata[i];
      AllotAllocation *a = find_allocation (data->allocations, e->allocation_id);
      AllotSource *s = a != NULL ? find_source (data->sources, a->source_id) : NULL;
      const AllotBalance *balance = a != NULL ? allot_lookup_balance (data->balances, a->source_id)
                                              : NULL;
      g_autofree char *money = allot_session_format_money (self->session, e->amount);
      g_autofree char *date = g_strdup_printf ("%04d-%02d-%02d",
                                               g_date_get_year (&e->entry_date),
                                               g_date_get_month (&e->entry_date),
                                               g_date_get_day (&e->entry_date));
      g_autofree char *title = NULL;
      g_autofree char *line = NULL;

      if (e->voided)
        continue;
      /* Translators: "Entry 2026-10-01 · PO-1234 · obligation · Acme · $1,000.00 · by ann" */
      title = g_strdup_printf (_("Entry %s · %s · %s · %s · %s · by %s"), date,
                               e->document_number != NULL ? e->document_number : "—",
                               allot_entry_kind_to_string (e->kind),
                               e->payee != NULL ? e->payee : "—", money,
                               e->entered_by != NULL ? e->entered_by : "?");
      if (balance != NULL)
        line = balance_line (self, s != NULL ? s->code : "?", _("available"),
                             balance->available, balance->available - e->amount);
      gtk_list_box_append (self->queue_list,
                           queue_row_new (self, "ledger_entries", e->id, title, line,
                                          data->findings));
    }
  self->n_allocations = n_allocations;
  self->n_entries = data->entries->len;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *key = g_strdup_printf ("%s:%" PRId64,
                                              (char *) g_object_get_data (G_OBJECT (row),
                                                                          "allot-table"),
                                              *(gint64 *) g_object_get_data (G_OBJECT (row),
                                                                             "allot-id"));
      if (g_hash_table_contains (was_selected, key))
        gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (row));
    }
  review_data_free (data);
  update_summary (self);
  update_buttons (self);
}

static void
reload (GtkWidget *widget)
{
  AllotReviewPage *self = ALLOT_REVIEW_PAGE (widget);

  if (self->session == NULL)
    return;
  /* On the background worker: its compliance checks take seconds on a
   * large ledger and must not hold up the Ledger's page reads. */
  allot_session_read_background_async (self->session, load_review, NULL, NULL,
                                       (GDestroyNotify) review_data_free,
                                       allot_page_restart_load (&self->cancellable),
                                       review_loaded_cb, g_object_ref (self));
}

typedef struct {
  guint n_allocations;
  guint64 n_entries;
} PendingCount;

/* The worker thread: only how many wait, for the sidebar's badge. */
static gpointer
count_pending (AllotStore   *reader,
               gpointer      user_data,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr(GPtrArray) allocations = NULL;
  AllotLedgerFilter submitted;
  AllotLedgerTotals totals;
  PendingCount *count;

  allot_ledger_filter_init (&submitted);
  submitted.status = ALLOT_STATUS_SUBMITTED;
  if (!allot_ledger_query_totals (reader, &submitted, &totals, error) ||
      (allocations = allot_store_list_allocations (reader, 0, 0, error)) == NULL)
    return NULL;
  count = g_new0 (PendingCount, 1);
  count->n_entries = totals.count;
  for (guint i = 0; i < allocations->len; i++)
    {
      AllotAllocation *a = allocations->pdata[i];

      if (!a->voided && a->status == ALLOT_STATUS_SUBMITTED)
        count->n_allocations++;
    }
  return count;
}

static void
pending_counted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AllotReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree PendingCount *count = allot_session_read_finish (ALLOT_SESSION (source), result,
                                                              &error);

  if (count == NULL || self->session == NULL)
    return;
  self->n_allocations = count->n_allocations;
  self->n_entries = count->n_entries;
  update_summary (self);
}

/* Hidden, the page does not build its queue (thousands of rows on a large
 * ledger, with the compliance checks of every record: seconds that would
 * hold up the view shown); the badge's count comes from one count on the
 * background worker, and the queue is built when the page is shown. */
static void
session_changed_cb (AllotReviewPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      reload (GTK_WIDGET (self));
      return;
    }
  allot_page_queue_reload (GTK_WIDGET (self));
  allot_session_read_background_async (self->session, count_pending, NULL, NULL, g_free,
                                       allot_page_restart_load (&self->cancellable),
                                       pending_counted_cb, g_object_ref (self));
}

/* Approves (@comment NULL) or returns every selected item through the core.
 * What the core refuses stays queued; its message is shown per item. */
static guint
act_on_selected (AllotReviewPage *self,
                 const char      *comment)
{
  g_autoptr(GList) selected = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *first_refusal = NULL;
  AllotStore *store;
  guint n_done = 0;
  guint n_refused = 0;
  GtkWidget *window;

  if (self->session == NULL)
    return 0;
  store = allot_session_get_store (self->session);
  selected = gtk_list_box_get_selected_rows (self->queue_list);
  for (GList *l = selected; l != NULL; l = l->next)
    {
      const char *table = g_object_get_data (l->data, "allot-table");
      gint64 id = *(gint64 *) g_object_get_data (l->data, "allot-id");
      const char *title = g_object_get_data (l->data, "allot-title");
      gboolean entry = g_str_equal (table, "ledger_entries");
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (comment == NULL)
        ok = entry ? allot_store_approve_entry (store, id, &error)
                   : allot_store_approve_allocation (store, id, &error);
      else
        ok = entry ? allot_store_return_entry (store, id, comment, &error)
                   : allot_store_return_allocation (store, id, comment, &error);
      if (ok)
        n_done++;
      else
        {
          n_refused++;
          if (first_refusal == NULL)
            first_refusal = g_strdup (error->message);
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          /* Translators: "<item>: <why the core refused it>" */
          g_string_append_printf (problems, _("%s: %s"), title, error->message);
        }
    }
  gtk_label_set_text (self->feedback_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), problems->len > 0);
  window = gtk_widget_get_ancestor (GTK_WIDGET (self), ALLOT_TYPE_WINDOW);
  if (window != NULL)
    {
      g_autofree char *message = NULL;

      if (n_refused == 1)
        message = g_strdup (first_refusal);
      else if (n_refused > 1)
        message = g_strdup_printf (ngettext ("%u item refused; see the list above the queue",
                                             "%u items refused; see the list above the queue",
                                             n_refused),
                                   n_refused);
      else if (comment == NULL)
        message = g_strdup_printf (ngettext ("%u item approved", "%u items approved", n_done),
                                   n_done);
      else
        message = g_strdup_printf (ngettext ("%u item returned", "%u items returned", n_done),
                                   n_done);
      allot_window_show_toast (ALLOT_WINDOW (window), message);
    }
  if (n_done > 0)
    allot_session_changed (self->session);
  return n_done;
}

static void
approve_clicked_cb (AllotReviewPage *self)
{
  act_on_selected (self, NULL);
}

static void
comment_changed_cb (GtkEditable      *editable,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "return", text[0] != '\0');
}

static void
return_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AllotReviewPage  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "allot-comment");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "return") && text[0] != '\0')
    act_on_selected (self, text);
}

static void
return_clicked_cb (AllotReviewPage *self)
{
  allot_review_page_ask_return (self);
}

GtkWidget *
allot_review_page_ask_return (AllotReviewPage *self)
{
  GtkWidget *dialog;
  GtkWidget *entry;
  GtkRoot *root;

  g_return_val_if_fail (ALLOT_IS_REVIEW_PAGE (self), NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Return for Changes?"),
                                   _("The selected items go back to whoever entered them, "
                                     "with your comment. A comment is required."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What needs to change"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comment"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "return", _("_Return"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "return",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "return", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "return");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "allot-comment", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (comment_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (return_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

static void
set_session (AllotReviewPage *self,
             AllotSession    *session)
{
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_set_object (&self->session, session);
  self->n_allocations = 0;
  self->n_entries = 0;
  clear_queue (self);
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_label), FALSE);
  if (session != NULL)
    {
      self->changed_id = g_signal_connect_swapped (session, "changed",
                                                   G_CALLBACK (session_changed_cb), self);
      session_changed_cb (self);
    }
  update_summary (self);
  update_buttons (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
allot_review_page_dispose (GObject *object)
{
  AllotReviewPage *self = ALLOT_REVIEW_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_id, self->session);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_REVIEW_PAGE);
  G_OBJECT_CLASS (allot_review_page_parent_class)->dispose (object);
}

static void
allot_review_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AllotReviewPage *self = ALLOT_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, n_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_review_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AllotReviewPage *self = ALLOT_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_review_page_class_init (AllotReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_review_page_dispose;
  object_class->get_property = allot_review_page_get_property;
  object_class->set_property = allot_review_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ALLOT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, feedback_label);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, queue_list);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, approve_button);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, return_button);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, select_all_button);
  gtk_widget_class_bind_template_callback (widget_class, approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, return_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_buttons);
  gtk_widget_class_bind_template_callback (widget_class, gtk_list_box_select_all);
}

static void
allot_review_page_init (AllotReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_buttons (self);
  allot_page_init_reload (GTK_WIDGET (self), reload);
}

guint
allot_review_page_get_n_pending (AllotReviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_REVIEW_PAGE (self), 0);
  return n_pending (self);
}

gboolean
allot_review_page_select (AllotReviewPage *self,
                          const char      *table_name,
                          gint64           id)
{
  g_return_val_if_fail (ALLOT_IS_REVIEW_PAGE (self), FALSE);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "allot-table"), table_name) == 0 &&
        *(gint64 *) g_object_get_data (G_OBJECT (row), "allot-id") == id)
      {
        gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (row));
        return TRUE;
      }
  return FALSE;
}

void
allot_review_page_unselect_all (AllotReviewPage *self)
{
  g_return_if_fail (ALLOT_IS_REVIEW_PAGE (self));
  gtk_list_box_unselect_all (self->queue_list);
}

guint
allot_review_page_approve_selected (AllotReviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_REVIEW_PAGE (self), 0);
  return act_on_selected (self, NULL);
}

const char *
allot_review_page_get_feedback (AllotReviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_REVIEW_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->feedback_label))
         ? gtk_label_get_text (self->feedback_label) : "";
}
