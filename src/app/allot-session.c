/* allot-session.c: the store, its reader connection and the worker thread.
 *
 * Design decisions:
 * - One worker thread (a GThreadPool of size one) runs the read jobs in
 *   order on a connection of its own, so SQLite never sees two threads on
 *   one connection and a slow count cannot reorder with the page reads that
 *   follow it.  Cancelling a running job interrupts its query.
 * - A second such worker, with its own connection, runs the jobs that read
 *   the whole database for a summary (the Overview's balances and
 *   compliance checks: seconds on a million entries), so that they never
 *   queue in front of the ledger's pages.  Its thread is its own and runs
 *   at a lower priority (nice 10): on a two-core machine the window and
 *   the ledger's reads would otherwise get a third of the CPU each while a
 *   summary reads a million lines (measured: first lines painted 1.3 s
 *   after open instead of 0.3 s).
 */
#include "allot-config.h"

#include <glib/gi18n.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "allot-ledger-query.h"
#include "allot-money.h"
#include "allot-session.h"

typedef enum {
  WORKER_LEDGER,
  WORKER_BACKGROUND,
  N_WORKERS
} WorkerId;

typedef struct {
  AllotSession *session;
  AllotStore *reader;      /* this worker thread's only */
  GThreadPool *pool;
  int nice;                /* of its thread; 0: left as it is */
  gboolean niced;
} Worker;

struct _AllotSession
{
  GObject parent_instance;

  AllotStore *store;
  Worker workers[N_WORKERS];
  char *currency;
  guint n_pending;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CURRENCY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AllotSession, allot_session, G_TYPE_OBJECT)

typedef struct {
  AllotSessionReadFunc func;
  gpointer data;
  GDestroyNotify data_destroy;
  GDestroyNotify result_destroy;
  GAsyncReadyCallback callback;
  gpointer user_data;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  if (job->data_destroy != NULL && job->data != NULL)
    job->data_destroy (job->data);
  g_free (job);
}

static void
allot_session_finalize (GObject *object)
{
  AllotSession *self = ALLOT_SESSION (object);

  /* Every job holds a reference to the session: the pools are idle here. */
  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_thread_pool_free (self->workers[i].pool, FALSE, TRUE);
      g_clear_object (&self->workers[i].reader);
    }
  g_clear_object (&self->store);
  g_free (self->currency);
  G_OBJECT_CLASS (allot_session_parent_class)->finalize (object);
}

static void
allot_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AllotSession *self = ALLOT_SESSION (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_pending > 0);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_session_class_init (AllotSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = allot_session_finalize;
  object_class->get_property = allot_session_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, "USD",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
interrupt_cb (GCancellable *cancellable,
              AllotStore   *reader)
{
  allot_ledger_query_interrupt (reader);
}

/* The worker thread. */
static void
run_job (gpointer data,
         gpointer user_data)
{
  GTask *task = data;
  Worker *worker = user_data;
  ReadJob *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  gpointer result;
  gulong handler = 0;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
#ifdef __linux__
  /* On Linux a nice value is a thread's own; the pool's thread is exclusive
   * (see allot_session_init()), so this stays with the background jobs. */
  if (worker->nice != 0 && !worker->niced)
    {
      worker->niced = TRUE;
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), worker->nice);
    }
#endif
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), worker->reader,
                                     NULL);
  result = job->func (worker->reader, job->data, cancellable, &error);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  if (result == NULL && error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Nothing was read."));
  if (error != NULL)
    {
      if (result != NULL && job->result_destroy != NULL)
        job->result_destroy (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, job->result_destroy);
  g_object_unref (task);
}

static void
allot_session_init (AllotSession *self)
{
  for (guint i = 0; i < N_WORKERS; i++)
    {
      gboolean background = i == WORKER_BACKGROUND;

      self->workers[i].session = self;
      self->workers[i].nice = background ? 10 : 0;
      /* Exclusive for the background worker: a shared pool thread would
       * carry its nice value to other jobs. */
      self->workers[i].pool = g_thread_pool_new (run_job, &self->workers[i], 1, background,
                                                 NULL);
    }
  self->currency = g_strdup ("USD");
}

AllotSession *
allot_session_new (AllotStore *store,
                   GError    **error)
{
  g_autoptr(AllotSession) self = NULL;
  g_autofree char *currency = NULL;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);

  self = g_object_new (ALLOT_TYPE_SESSION, NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; i < N_WORKERS; i++)
    if ((self->workers[i].reader = allot_store_open_reader (store, error)) == NULL)
      return NULL;
  currency = allot_store_dup_setting (store, "currency");
  if (currency != NULL && *currency != '\0')
    {
      g_free (self->currency);
      self->currency = g_steal_pointer (&currency);
    }
  return g_steal_pointer (&self);
}

AllotStore *
allot_session_get_store (AllotSession *self)
{
  g_return_val_if_fail (ALLOT_IS_SESSION (self), NULL);
  return self->store;
}

const char *
allot_session_get_currency (AllotSession *self)
{
  g_return_val_if_fail (ALLOT_IS_SESSION (self), NULL);
  return self->currency;
}

gboolean
allot_session_set_currency (AllotSession *self,
                            const char   *currency,
                            GError      **error)
{
  g_return_val_if_fail (ALLOT_IS_SESSION (self), FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);

  if (g_strcmp0 (currency, self->currency) == 0)
    return TRUE;
  if (!allot_store_set_setting (self->store, "currency", currency, error))
    return FALSE;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
  allot_session_changed (self);
  return TRUE;
}

char *
allot_session_format_money (AllotSession *self,
                            gint64        cents)
{
  g_return_val_if_fail (ALLOT_IS_SESSION (self), NULL);
  return allot_money_format (cents, self->currency);
}

void
allot_session_set_user (AllotSession *self,
                        const char   *user)
{
  g_return_if_fail (ALLOT_IS_SESSION (self));
  if (user == NULL || *user == '\0')
    user = g_get_user_name ();
  allot_store_set_user (self->store, user);
}

void
allot_session_changed (AllotSession *self)
{
  g_return_if_fail (ALLOT_IS_SESSION (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_n_pending (AllotSession *self,
               guint         n_pending)
{
  gboolean was_busy = self->n_pending > 0;

  self->n_pending = n_pending;
  if (was_busy != (n_pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Back on the main thread. */
static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AllotSession *self = ALLOT_SESSION (source);
  ReadJob *job = g_task_get_task_data (G_TASK (result));

  set_n_pending (self, self->n_pending - 1);
  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

static void
read_async (AllotSession        *self,
            WorkerId             worker,
            AllotSessionReadFunc func,
            gpointer             data,
            GDestroyNotify       data_destroy,
            GDestroyNotify       result_destroy,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task;
  ReadJob *job;

  g_return_if_fail (ALLOT_IS_SESSION (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (ReadJob, 1);
  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->result_destroy = result_destroy;
  job->callback = callback;
  job->user_data = user_data;

  task = g_task_new (self, cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, allot_session_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  set_n_pending (self, self->n_pending + 1);
  /* The pool owns this reference until the job has returned. */
  g_thread_pool_push (self->workers[worker].pool, task, NULL);
}

void
allot_session_read_async (AllotSession        *self,
                          AllotSessionReadFunc func,
                          gpointer             data,
                          GDestroyNotify       data_destroy,
                          GDestroyNotify       result_destroy,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  read_async (self, WORKER_LEDGER, func, data, data_destroy, result_destroy, cancellable,
              callback, user_data);
}

void
allot_session_read_background_async (AllotSession        *self,
                                     AllotSessionReadFunc func,
                                     gpointer             data,
                                     GDestroyNotify       data_destroy,
                                     GDestroyNotify       result_destroy,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  read_async (self, WORKER_BACKGROUND, func, data, data_destroy, result_destroy, cancellable,
              callback, user_data);
}

gpointer
allot_session_read_finish (AllotSession *self,
                           GAsyncResult *result,
                           GError      **error)
{
  g_return_val_if_fail (ALLOT_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
allot_session_get_n_pending (AllotSession *self)
{
  g_return_val_if_fail (ALLOT_IS_SESSION (self), 0);
  return self->n_pending;
}
