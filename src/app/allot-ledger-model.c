/* allot-ledger-model.c: a GListModel over the ledger, paged by key.
 *
 * Design decisions:
 * - Ordering (the sorted ids of the filter, with count and totals) runs in
 *   the worker thread; until it is done the table keeps showing the previous
 *   result, so typing in the search box never blanks the table.
 * - Before the whole order, the worker reads its first page whole (the
 *   "head": allot_ledger_query_head(), an index scan that stops after a
 *   page for the indexed sorts) and the table shows it at once; the whole
 *   order follows, extends the list and brings the count and totals.  On
 *   a million lines the head takes milliseconds and the order seconds.
 * - A page is read by its ids (allot_ledger_query_rows()): primary-key
 *   lookups, whatever the sort.
 * - get_item() never blocks: it hands out empty items at once and queues
 *   the page; a page that scrolled out of the cache before its turn is
 *   cancelled, so a fast scroll does not leave a queue of stale reads.
 * - Items stand for positions: after a new order the same item objects get
 *   new lines (see count_read_cb()).  ::reset is emitted first, so the view
 *   can drop its selection, which no longer means the same line.
 */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-ledger-model.h"

#define MAX_PAGES 32

typedef struct {
  AllotLedgerFilter filter;   /* .search points to search */
  char *search;
  AllotLedgerSort sort;
  gboolean descending;
} Spec;

typedef struct {
  guint index;
  GPtrArray *items;           /* AllotLedgerItem */
  GCancellable *cancellable;  /* of the pending read; NULL once filled */
  GList *link;                /* in lru */
} Page;

struct _AllotLedgerModel
{
  GObject parent_instance;

  AllotSession *session;
  char *currency;

  Spec wanted;                /* what was last asked for */
  Spec applied;               /* what the order and its pages are of */
  guint n_items;
  GArray *order;              /* gint64 ids of the lines, in order */
  AllotLedgerTotals totals;
  char *error;

  GHashTable *pages;          /* index -> Page */
  GQueue lru;                 /* most recently used first */
  guint generation;
  GCancellable *count_cancellable;
  guint n_page_reads;
  gboolean current;           /* the lines are of wanted (its first page, at least) */
  gboolean counted;           /* totals and n_items are of the whole order */
  gboolean head_shown;        /* the lines shown are the head of the count running */
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

enum {
  RESET,
  TOTALS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotLedgerModel, allot_ledger_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- specs ---- */

static void
spec_clear (Spec *spec)
{
  g_clear_pointer (&spec->search, g_free);
  spec->filter.search = NULL;
}

static void
spec_copy (Spec       *dest,
           const Spec *src)
{
  spec_clear (dest);
  *dest = *src;
  dest->search = g_strdup (src->search);
  dest->filter.search = dest->search;
}

static Spec *
spec_dup (const Spec *src)
{
  Spec *spec = g_new0 (Spec, 1);

  spec_copy (spec, src);
  return spec;
}

static void
spec_free (Spec *spec)
{
  spec_clear (spec);
  g_free (spec);
}

/* ---- pages ---- */

static void
page_free (Page *page)
{
  if (page->cancellable != NULL)
    {
      g_cancellable_cancel (page->cancellable);
      g_clear_object (&page->cancellable);
    }
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (AllotLedgerModel *self)
{
  g_queue_clear (&self->lru);
  g_hash_table_remove_all (self->pages);
}

static gboolean
get_loading (AllotLedgerModel *self)
{
  return self->count_cancellable != NULL || self->n_page_reads > 0;
}

static void
update_loading (AllotLedgerModel *self,
                gboolean          was_loading)
{
  if (was_loading != get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

typedef struct {
  gint64 *ids;
  guint n_ids;
} PageRequest;

typedef struct {
  AllotLedgerModel *model;
  guint generation;
  guint index;
} PageRead;

static void
page_request_free (PageRequest *request)
{
  g_free (request->ids);
  g_free (request);
}

static gpointer
read_page (AllotStore   *reader,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  PageRequest *request = data;

  return allot_ledger_query_rows (reader, request->ids, request->n_ids, error);
}

static void
page_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PageRead *read = user_data;
  AllotLedgerModel *self = read->model;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gboolean was_loading = get_loading (self);
  Page *page;

  rows = allot_session_read_finish (ALLOT_SESSION (source), result, &error);
  self->n_page_reads--;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (read->index));
  if (read->generation == self->generation && page != NULL)
    {
      g_clear_object (&page->cancellable);
      if (rows == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_free (self->error);
              self->error = g_strdup (error->message);
            }
        }
      else
        for (guint i = 0, r = 0; i < page->items->len && r < rows->len; i++)
          {
            guint first = read->index * ALLOT_LEDGER_MODEL_PAGE_SIZE;
            AllotLedgerRow *row = rows->pdata[r];

            /* Rows come in the order asked; one that is gone leaves a gap. */
            if (row->id != g_array_index (self->order, gint64, first + i))
              continue;
            allot_ledger_item_set_row (page->items->pdata[i], row, self->currency);
            rows->pdata[r++] = NULL;
          }
    }
  update_loading (self, was_loading);
  g_object_unref (self);
  g_free (read);
}

/* (Re)reads the lines of @page for the current order. */
static void
request_page (AllotLedgerModel *self,
              Page             *page)
{
  guint first = page->index * ALLOT_LEDGER_MODEL_PAGE_SIZE;
  PageRequest *request;
  PageRead *read;
  gboolean was_loading = get_loading (self);

  if (page->cancellable != NULL)
    {
      g_cancellable_cancel (page->cancellable);
      g_clear_object (&page->cancellable);
    }
  page->cancellable = g_cancellable_new ();

  request = g_new0 (PageRequest, 1);
  request->n_ids = page->items->len;
  request->ids = g_memdup2 (&g_array_index (self->order, gint64, first),
                            request->n_ids * sizeof (gint64));

  read = g_new0 (PageRead, 1);
  read->model = g_object_ref (self);
  read->generation = self->generation;
  read->index = page->index;

  self->n_page_reads++;
  allot_session_read_async (self->session, read_page, request,
                            (GDestroyNotify) page_request_free,
                            (GDestroyNotify) g_ptr_array_unref,
                            page->cancellable, page_read_cb, read);
  update_loading (self, was_loading);
}

static guint
page_length (AllotLedgerModel *self,
             guint             index)
{
  return MIN (ALLOT_LEDGER_MODEL_PAGE_SIZE, self->n_items - index * ALLOT_LEDGER_MODEL_PAGE_SIZE);
}

static Page *
load_page (AllotLedgerModel *self,
           guint             index)
{
  Page *page = g_new0 (Page, 1);
  guint n = page_length (self, index);

  page->index = index;
  page->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->items, allot_ledger_item_new ());
  request_page (self, page);
  return page;
}

/* After a new order: the pages the view shows keep their items (the rows
 * stay bound to them) and read their new lines; a page whose length
 * changed, or that is past the end, goes. */
static void
reload_pages (AllotLedgerModel *self)
{
  GHashTableIter iter;
  Page *page;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
    {
      if (page->index * ALLOT_LEDGER_MODEL_PAGE_SIZE >= self->n_items ||
          page->items->len != page_length (self, page->index))
        {
          g_queue_delete_link (&self->lru, page->link);
          g_hash_table_iter_remove (&iter);
          continue;
        }
      for (guint i = 0; i < page->items->len; i++)
        allot_ledger_item_clear (page->items->pdata[i]);
      request_page (self, page);
    }
}

/* ---- GListModel ---- */

static GType
allot_ledger_model_get_item_type (GListModel *model)
{
  return ALLOT_TYPE_LEDGER_ITEM;
}

static guint
allot_ledger_model_get_n_items (GListModel *model)
{
  return ALLOT_LEDGER_MODEL (model)->n_items;
}

static gpointer
allot_ledger_model_get_item (GListModel *model,
                             guint       position)
{
  AllotLedgerModel *self = ALLOT_LEDGER_MODEL (model);
  guint index = position / ALLOT_LEDGER_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items || self->session == NULL)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page == NULL)
    {
      page = load_page (self, index);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      g_queue_push_head (&self->lru, page);
      page->link = self->lru.head;
      while (self->lru.length > MAX_PAGES)
        {
          Page *oldest = g_queue_pop_tail (&self->lru);
          g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
        }
    }
  else if (page->link != self->lru.head)
    {
      g_queue_unlink (&self->lru, page->link);
      g_queue_push_head_link (&self->lru, page->link);
    }

  return g_object_ref (page->items->pdata[position % ALLOT_LEDGER_MODEL_PAGE_SIZE]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = allot_ledger_model_get_item_type;
  iface->get_n_items = allot_ledger_model_get_n_items;
  iface->get_item = allot_ledger_model_get_item;
}

/* ---- counting ---- */

typedef struct {
  AllotLedgerTotals totals;
  GArray *order;
  GPtrArray *head;            /* AllotLedgerRow of the first page; NULL: whole order */
  gboolean complete;          /* order is every matching line */
} CountResult;

static void
count_result_free (CountResult *result)
{
  g_clear_pointer (&result->order, g_array_unref);
  g_clear_pointer (&result->head, g_ptr_array_unref);
  g_free (result);
}

/* What the two jobs of one count share (they run in turn on the one
 * worker thread): a head shorter than a page is every matching line, and
 * then the whole order need not scan the ledger again (a search that
 * matches a few lines would otherwise cost two passes). */
typedef struct {
  gboolean complete;
  GArray *order;
  AllotLedgerTotals totals;
} HeadShare;

static void
head_share_clear (HeadShare *share)
{
  g_clear_pointer (&share->order, g_array_unref);
}

typedef struct {
  Spec *spec;
  HeadShare *share;           /* g_rc_box */
} CountJob;

static void
count_job_free (CountJob *job)
{
  spec_free (job->spec);
  g_rc_box_release_full (job->share, (GDestroyNotify) head_share_clear);
  g_free (job);
}

/* The worker thread: the first page of the order, whole. */
static gpointer
read_head (AllotStore   *reader,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  CountJob *job = data;
  Spec *spec = job->spec;
  CountResult *result = g_new0 (CountResult, 1);

  result->head = allot_ledger_query_head (reader, &spec->filter, spec->sort, spec->descending,
                                          ALLOT_LEDGER_MODEL_PAGE_SIZE, error);
  if (result->head == NULL)
    {
      count_result_free (result);
      return NULL;
    }
  result->order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), result->head->len);
  for (guint i = 0; i < result->head->len; i++)
    {
      AllotLedgerRow *row = result->head->pdata[i];

      g_array_append_val (result->order, row->id);
      switch (row->kind)
        {
        case ALLOT_ENTRY_OBLIGATION:
          result->totals.obligated += row->amount;
          break;
        case ALLOT_ENTRY_EXPENDITURE:
          result->totals.expended += row->amount;
          break;
        default:
          result->totals.adjusted += row->amount;
          break;
        }
    }
  result->totals.count = result->head->len;
  /* Fewer lines than asked for: that is all of them. */
  result->complete = result->head->len < ALLOT_LEDGER_MODEL_PAGE_SIZE;
  if (result->complete)
    {
      job->share->complete = TRUE;
      job->share->order = g_array_copy (result->order);
      job->share->totals = result->totals;
    }
  return result;
}

static gpointer
count_lines (AllotStore   *reader,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  CountJob *job = data;
  Spec *spec = job->spec;
  CountResult *result = g_new0 (CountResult, 1);

  if (job->share->complete)
    {
      result->order = g_array_ref (job->share->order);
      result->totals = job->share->totals;
      result->complete = TRUE;
      return result;
    }
  result->order = allot_ledger_query_order (reader, &spec->filter, spec->sort, spec->descending,
                                            &result->totals, error);
  if (result->order == NULL)
    {
      count_result_free (result);
      return NULL;
    }
  result->complete = TRUE;
  return result;
}

typedef struct {
  AllotLedgerModel *model;
  GCancellable *cancellable;
  Spec *spec;
  gboolean head;
} CountRead;

static void
count_read_free (CountRead *read)
{
  g_object_unref (read->cancellable);
  spec_free (read->spec);
  g_object_unref (read->model);
  g_free (read);
}

/* TRUE when @order begins with the lines the model shows now. */
static gboolean
extends_shown (AllotLedgerModel *self,
               GArray           *order)
{
  if (self->order == NULL || order->len < self->order->len)
    return FALSE;
  return memcmp (order->data, self->order->data, self->order->len * sizeof (gint64)) == 0;
}

/* The head is in: page 0 gets its lines at once, every other page goes
 * (there are none past the head's length yet). */
static void
apply_head (AllotLedgerModel *self,
            CountResult      *result)
{
  guint old_n = self->n_items;
  guint new_n = result->order->len;
  Page *page;

  g_clear_pointer (&self->order, g_array_unref);
  self->order = g_steal_pointer (&result->order);
  self->generation++;
  g_signal_emit (self, signals[RESET], 0);
  self->n_items = new_n;

  /* Page 0 keeps its items when it keeps its length (the rows the view
   * has bound stay bound); any read of it in flight is of the old order. */
  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (0));
  if (page != NULL)
    g_hash_table_steal (self->pages, GUINT_TO_POINTER (0));
  clear_pages (self);
  if (page != NULL && page->items->len != new_n)
    {
      page_free (page);
      page = NULL;
    }
  if (new_n > 0)
    {
      if (page == NULL)
        {
          page = g_new0 (Page, 1);
          page->items = g_ptr_array_new_full (new_n, g_object_unref);
          for (guint i = 0; i < new_n; i++)
            g_ptr_array_add (page->items, allot_ledger_item_new ());
        }
      else if (page->cancellable != NULL)
        {
          g_cancellable_cancel (page->cancellable);
          g_clear_object (&page->cancellable);
        }
      page->index = 0;
      for (guint i = 0; i < new_n; i++)
        {
          allot_ledger_item_set_row (page->items->pdata[i], result->head->pdata[i],
                                     self->currency);
          result->head->pdata[i] = NULL;
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), page);
      g_queue_push_head (&self->lru, page);
      page->link = self->lru.head;
    }
  else if (page != NULL)
    page_free (page);

  if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  else if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
}

static void
count_read_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  CountRead *read = user_data;
  AllotLedgerModel *self = read->model;
  CountResult *result;
  g_autoptr(GError) error = NULL;
  gboolean was_loading = get_loading (self);
  guint old_n = self->n_items;
  guint new_n;

  result = allot_session_read_finish (ALLOT_SESSION (source), res, &error);
  if (read->cancellable != self->count_cancellable)
    {
      /* A newer count replaced this one. */
      if (result != NULL)
        count_result_free (result);
      count_read_free (read);
      return;
    }

  if (result == NULL)
    {
      /* The whole order's job reports the error (it runs after the head). */
      if (read->head)
        {
          count_read_free (read);
          return;
        }
      g_clear_object (&self->count_cancellable);
      g_free (self->error);
      self->error = g_strdup (error->message);
      update_loading (self, was_loading);
      g_signal_emit (self, signals[TOTALS_CHANGED], 0);
      count_read_free (read);
      return;
    }
  g_clear_pointer (&self->error, g_free);

  if (read->head)
    {
      /* The first page of the new order: shown now, counted later. */
      spec_copy (&self->applied, read->spec);
      self->current = TRUE;
      self->head_shown = TRUE;
      apply_head (self, result);
      if (result->complete)
        {
          self->totals = result->totals;
          self->counted = TRUE;
        }
      else
        self->counted = FALSE;
      count_result_free (result);
      g_signal_emit (self, signals[TOTALS_CHANGED], 0);
      update_loading (self, was_loading);
      count_read_free (read);
      return;
    }

  g_clear_object (&self->count_cancellable);
  spec_copy (&self->applied, read->spec);
  self->current = TRUE;
  self->counted = TRUE;
  self->totals = result->totals;
  new_n = result->order->len;

  /* A head shorter than a page was the whole answer: a longer order means
   * the ledger changed in between, and page 0 has the wrong length. */
  if (self->head_shown && extends_shown (self, result->order) &&
      (old_n == new_n || old_n % ALLOT_LEDGER_MODEL_PAGE_SIZE == 0))
    {
      self->head_shown = FALSE;
      /* The head shown is the start of this order (the usual case): the
       * lines shown stay, the rest is appended. */
      g_clear_pointer (&self->order, g_array_unref);
      self->order = g_steal_pointer (&result->order);
      count_result_free (result);
      self->n_items = new_n;
      if (new_n > old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
      g_signal_emit (self, signals[TOTALS_CHANGED], 0);
      update_loading (self, was_loading);
      count_read_free (read);
      return;
    }

  self->head_shown = FALSE;
  g_clear_pointer (&self->order, g_array_unref);
  self->order = g_steal_pointer (&result->order);
  count_result_free (result);

  /* The items stand for positions, not for lines: a new order or filter
   * refills those the view holds, and only the change in length is
   * announced.  Announcing "every line replaced" instead would make the
   * view drop and rebuild every row widget, or, with a row tracked (focus,
   * selection), look for it among a million new items. */
  self->generation++;
  g_signal_emit (self, signals[RESET], 0);
  self->n_items = new_n;
  reload_pages (self);
  if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  else if (new_n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  g_signal_emit (self, signals[TOTALS_CHANGED], 0);
  update_loading (self, was_loading);
  count_read_free (read);
}

static void
queue_count (AllotLedgerModel *self,
             gboolean          head,
             HeadShare        *share)
{
  CountRead *read = g_new0 (CountRead, 1);
  CountJob *job = g_new0 (CountJob, 1);

  read->model = g_object_ref (self);
  read->cancellable = g_object_ref (self->count_cancellable);
  read->spec = spec_dup (&self->wanted);
  read->head = head;
  job->spec = spec_dup (&self->wanted);
  job->share = g_rc_box_acquire (share);
  allot_session_read_async (self->session, head ? read_head : count_lines, job,
                            (GDestroyNotify) count_job_free,
                            (GDestroyNotify) count_result_free, self->count_cancellable,
                            count_read_cb, read);
}

void
allot_ledger_model_refresh (AllotLedgerModel *self)
{
  gboolean was_loading;
  HeadShare *share;

  g_return_if_fail (ALLOT_IS_LEDGER_MODEL (self));

  if (self->session == NULL)
    return;
  was_loading = get_loading (self);
  if (self->count_cancellable != NULL)
    {
      g_cancellable_cancel (self->count_cancellable);
      g_clear_object (&self->count_cancellable);
    }
  g_free (self->currency);
  self->currency = g_strdup (allot_session_get_currency (self->session));
  self->count_cancellable = g_cancellable_new ();
  self->current = FALSE;
  self->head_shown = FALSE;

  /* Two jobs, in this order on the one worker: the first page, then the
   * whole order with its count and totals. */
  share = g_rc_box_new0 (HeadShare);
  queue_count (self, TRUE, share);
  queue_count (self, FALSE, share);
  g_rc_box_release_full (share, (GDestroyNotify) head_share_clear);
  update_loading (self, was_loading);
}

/* ---- the object ---- */

static void
allot_ledger_model_dispose (GObject *object)
{
  AllotLedgerModel *self = ALLOT_LEDGER_MODEL (object);

  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  clear_pages (self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (allot_ledger_model_parent_class)->dispose (object);
}

static void
allot_ledger_model_finalize (GObject *object)
{
  AllotLedgerModel *self = ALLOT_LEDGER_MODEL (object);

  g_hash_table_unref (self->pages);
  g_clear_pointer (&self->order, g_array_unref);
  spec_clear (&self->wanted);
  spec_clear (&self->applied);
  g_free (self->currency);
  g_free (self->error);
  G_OBJECT_CLASS (allot_ledger_model_parent_class)->finalize (object);
}

static void
allot_ledger_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AllotLedgerModel *self = ALLOT_LEDGER_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_ledger_model_class_init (AllotLedgerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = allot_ledger_model_dispose;
  object_class->finalize = allot_ledger_model_finalize;
  object_class->get_property = allot_ledger_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TOTALS_CHANGED] = g_signal_new ("totals-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
allot_ledger_model_init (AllotLedgerModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->lru);
  allot_ledger_filter_init (&self->wanted.filter);
  allot_ledger_filter_init (&self->applied.filter);
  self->wanted.sort = self->applied.sort = ALLOT_LEDGER_SORT_DATE;
}

AllotLedgerModel *
allot_ledger_model_new (void)
{
  return g_object_new (ALLOT_TYPE_LEDGER_MODEL, NULL);
}

void
allot_ledger_model_set_session (AllotLedgerModel *self,
                                AllotSession     *session)
{
  guint old_n;

  g_return_if_fail (ALLOT_IS_LEDGER_MODEL (self));

  if (self->session == session)
    return;
  if (self->count_cancellable != NULL)
    {
      g_cancellable_cancel (self->count_cancellable);
      g_clear_object (&self->count_cancellable);
    }
  g_set_object (&self->session, session);

  old_n = self->n_items;
  self->n_items = 0;
  memset (&self->totals, 0, sizeof self->totals);
  g_clear_pointer (&self->order, g_array_unref);
  self->generation++;
  clear_pages (self);
  g_signal_emit (self, signals[RESET], 0);
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  g_signal_emit (self, signals[TOTALS_CHANGED], 0);

  /* No count yet: the view asks for one (set_filter(), set_sort() or
   * refresh()) when it is shown, and again after each write. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
allot_ledger_model_set_filter (AllotLedgerModel        *self,
                               const AllotLedgerFilter *filter)
{
  Spec spec = { 0, };

  g_return_if_fail (ALLOT_IS_LEDGER_MODEL (self));
  g_return_if_fail (filter != NULL);

  spec.filter = *filter;
  spec.search = filter->search != NULL && *filter->search != '\0' ? g_strdup (filter->search)
                                                                 : NULL;
  spec.filter.search = spec.search;
  spec.sort = self->wanted.sort;
  spec.descending = self->wanted.descending;
  spec_copy (&self->wanted, &spec);
  spec_clear (&spec);
  allot_ledger_model_refresh (self);
}

void
allot_ledger_model_set_sort (AllotLedgerModel *self,
                             AllotLedgerSort   sort,
                             gboolean          descending)
{
  g_return_if_fail (ALLOT_IS_LEDGER_MODEL (self));
  g_return_if_fail (sort < ALLOT_LEDGER_N_SORTS);

  if (self->wanted.sort == sort && self->wanted.descending == descending)
    return;
  self->wanted.sort = sort;
  self->wanted.descending = descending;
  allot_ledger_model_refresh (self);
}

void
allot_ledger_model_get_sort (AllotLedgerModel *self,
                             AllotLedgerSort  *out_sort,
                             gboolean         *out_descending)
{
  g_return_if_fail (ALLOT_IS_LEDGER_MODEL (self));
  if (out_sort != NULL)
    *out_sort = self->wanted.sort;
  if (out_descending != NULL)
    *out_descending = self->wanted.descending;
}

gboolean
allot_ledger_model_get_loading (AllotLedgerModel *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), FALSE);
  return get_loading (self);
}

const AllotLedgerTotals *
allot_ledger_model_get_totals (AllotLedgerModel *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), NULL);
  return &self->totals;
}

const char *
allot_ledger_model_get_error (AllotLedgerModel *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), NULL);
  return self->error;
}

guint
allot_ledger_model_get_n_cached_pages (AllotLedgerModel *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

gboolean
allot_ledger_model_get_current (AllotLedgerModel *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), FALSE);
  return self->current;
}

gboolean
allot_ledger_model_get_counted (AllotLedgerModel *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), FALSE);
  return self->counted;
}

gboolean
allot_ledger_model_is_filter (AllotLedgerModel        *self,
                              const AllotLedgerFilter *filter)
{
  const AllotLedgerFilter *wanted;
  const char *search;

  g_return_val_if_fail (ALLOT_IS_LEDGER_MODEL (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  wanted = &self->wanted.filter;
  search = filter->search != NULL && *filter->search != '\0' ? filter->search : NULL;
  return self->count_cancellable != NULL || self->current
         ? wanted->fiscal_year == filter->fiscal_year && wanted->source_id == filter->source_id &&
           wanted->task_force_id == filter->task_force_id &&
           wanted->category_id == filter->category_id && wanted->kind == filter->kind &&
           wanted->status == filter->status &&
           wanted->include_voided == filter->include_voided &&
           g_strcmp0 (self->wanted.search, search) == 0
         : FALSE;
}
