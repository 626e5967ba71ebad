/* allot-review-page.c: submitted allocations and entries.
 *
 * The entries are an AllotLedgerPage limited to submitted ones, so a
 * reviewer gets the same search, filters and paging as the ledger, however
 * many wait.  The count is kept up to date (for the sidebar's badge) even
 * while another view is shown. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-ledger-page.h"
#include "allot-ledger-query.h"
#include "allot-page.h"
#include "allot-review-page.h"
#include "allot-session.h"
#include "allot-table.h"

enum {
  COL_FY,
  COL_SOURCE,
  COL_TASK_FORCE,
  COL_CATEGORY,
  COL_AMOUNT,
  COL_DESCRIPTION,
};

struct _AllotReviewPage
{
  AdwBin parent_instance;

  GtkLabel *summary_label;
  GtkRevealer *allocations_revealer;
  GtkColumnView *allocations_view;
  AllotLedgerPage *entries_page;

  GListStore *allocation_rows;
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
  GPtrArray *allocations;
  GPtrArray *sources;
  GPtrArray *task_forces;
  GPtrArray *categories;
  AllotLedgerTotals entries;  /* submitted, for the count */
} ReviewData;

static void
review_data_free (ReviewData *data)
{
  g_clear_pointer (&data->allocations, g_ptr_array_unref);
  g_clear_pointer (&data->sources, g_ptr_array_unref);
  g_clear_pointer (&data->task_forces, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_ptr_array_unref);
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
  if (!allot_ledger_query_totals (reader, &submitted, &data->entries, error) ||
      (data->allocations = allot_store_list_allocations (reader, 0, 0, error)) == NULL ||
      (data->sources = allot_store_list_sources (reader, error)) == NULL ||
      (data->task_forces = allot_store_list_task_forces (reader, error)) == NULL ||
      (data->categories = allot_store_list_categories (reader, error)) == NULL)
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
      entries = g_strdup_printf (ngettext ("%" G_GUINT64_FORMAT " entry",
                                           "%" G_GUINT64_FORMAT " entries",
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

static const char *
name_in (GPtrArray *records,
         gint64     id,
         int        which)
{
  for (guint i = 0; i < records->len; i++)
    {
      if (which == 0 && ((AllotSource *) records->pdata[i])->id == id)
        return ((AllotSource *) records->pdata[i])->code;
      if (which == 1 && ((AllotTaskForce *) records->pdata[i])->id == id)
        return ((AllotTaskForce *) records->pdata[i])->code;
      if (which == 2 && ((AllotCategory *) records->pdata[i])->id == id)
        return ((AllotCategory *) records->pdata[i])->name;
    }
  return "?";
}

static void
review_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AllotReviewPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  ReviewData *data = allot_session_read_finish (ALLOT_SESSION (source), result, &error);

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
  for (guint i = 0; i < data->allocations->len; i++)
    {
      AllotAllocation *a = data->allocations->pdata[i];
      g_autofree char *year = NULL;
      AllotTableRow *row;

      if (a->voided || a->status != ALLOT_STATUS_SUBMITTED)
        continue;
      year = g_strdup_printf ("FY%d", a->fiscal_year);
      row = allot_table_row_new (a->id);
      allot_table_row_set_number (row, COL_FY, a->fiscal_year, year);
      allot_table_row_set_text (row, COL_SOURCE, name_in (data->sources, a->source_id, 0));
      allot_table_row_set_text (row, COL_TASK_FORCE,
                                name_in (data->task_forces, a->task_force_id, 1));
      allot_table_row_set_text (row, COL_CATEGORY, name_in (data->categories, a->category_id, 2));
      allot_table_row_set_money (row, COL_AMOUNT, self->session, a->amount);
      allot_table_row_set_text (row, COL_DESCRIPTION, a->description);
      g_ptr_array_add (rows, row);
    }
  self->n_allocations = rows->len;
  self->n_entries = data->entries.count;
  allot_table_replace (self->allocation_rows, rows);
  gtk_revealer_set_reveal_child (self->allocations_revealer, rows->len > 0);
  review_data_free (data);
  update_summary (self);
}

static void
reload (GtkWidget *widget)
{
  AllotReviewPage *self = ALLOT_REVIEW_PAGE (widget);

  if (self->session == NULL)
    return;
  allot_session_read_async (self->session, load_review, NULL, NULL,
                            (GDestroyNotify) review_data_free,
                            allot_page_restart_load (&self->cancellable),
                            review_loaded_cb, g_object_ref (self));
}

static void
session_changed_cb (AllotReviewPage *self)
{
  /* Not only when shown: the sidebar's badge counts what waits. */
  reload (GTK_WIDGET (self));
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
  allot_table_replace (self->allocation_rows, NULL);
  g_object_set (self->entries_page, "session", session, NULL);
  if (session != NULL)
    {
      self->changed_id = g_signal_connect_swapped (session, "changed",
                                                   G_CALLBACK (session_changed_cb), self);
      reload (GTK_WIDGET (self));
    }
  update_summary (self);
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

  g_type_ensure (ALLOT_TYPE_LEDGER_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, allocations_revealer);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, allocations_view);
  gtk_widget_class_bind_template_child (widget_class, AllotReviewPage, entries_page);
}

static void
allot_review_page_init (AllotReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->allocation_rows = allot_table_setup (self->allocations_view);
  allot_table_add_column (self->allocations_view, _("Year"), COL_FY, ALLOT_TABLE_NUMBER, FALSE);
  allot_table_add_column (self->allocations_view, _("Source"), COL_SOURCE, ALLOT_TABLE_TEXT,
                          FALSE);
  allot_table_add_column (self->allocations_view, _("Task Force"), COL_TASK_FORCE,
                          ALLOT_TABLE_TEXT, FALSE);
  allot_table_add_column (self->allocations_view, _("Category"), COL_CATEGORY, ALLOT_TABLE_TEXT,
                          FALSE);
  allot_table_add_column (self->allocations_view, _("Amount"), COL_AMOUNT, ALLOT_TABLE_NUMBER,
                          FALSE);
  allot_table_add_column (self->allocations_view, _("Description"), COL_DESCRIPTION,
                          ALLOT_TABLE_TEXT, TRUE);
  allot_page_init_reload (GTK_WIDGET (self), reload);
}

guint
allot_review_page_get_n_pending (AllotReviewPage *self)
{
  g_return_val_if_fail (ALLOT_IS_REVIEW_PAGE (self), 0);
  return n_pending (self);
}
