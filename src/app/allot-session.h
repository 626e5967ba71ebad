/* allot-session.h: one open database as the window sees it.
 *
 * The session owns the store (used on the main thread for every write and
 * for small lookups) and a read-only second connection that a single worker
 * thread uses for everything that scans the ledger: balances, counts, pages.
 * After each write the window calls allot_session_changed() and every view
 * that shows data reloads.
 */
#pragma once

#include <gio/gio.h>

#include "allot-store.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_SESSION (allot_session_get_type ())
G_DECLARE_FINAL_TYPE (AllotSession, allot_session, ALLOT, SESSION, GObject)

/* Runs in the worker thread with the reader connection; returns a result
 * (or NULL with @error set). */
typedef gpointer (*AllotSessionReadFunc) (AllotStore   *reader,
                                          gpointer      data,
                                          GCancellable *cancellable,
                                          GError      **error);

AllotSession *allot_session_new (AllotStore *store,
                                 GError    **error);

AllotStore *allot_session_get_store (AllotSession *self);

/* ISO 4217 code from the database setting "currency" (USD when unset). */
const char *allot_session_get_currency (AllotSession *self);
gboolean    allot_session_set_currency (AllotSession *self,
                                        const char   *currency,
                                        GError      **error);

/* Money for people, in the session's currency. */
char *allot_session_format_money (AllotSession *self,
                                  gint64        cents);

/* Who is recorded in the audit log and in "entered by" columns. */
void allot_session_set_user (AllotSession *self,
                             const char   *user);

/* Emits ::changed: the data may differ from what the views show. */
void allot_session_changed (AllotSession *self);

/* Queues @func for the worker thread; jobs run one at a time, in order.  A
 * job whose @cancellable is cancelled is skipped, or interrupted when it is
 * already running. */
void     allot_session_read_async  (AllotSession        *self,
                                    AllotSessionReadFunc func,
                                    gpointer             data,
                                    GDestroyNotify       data_destroy,
                                    GDestroyNotify       result_destroy,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The same on a second worker thread, with its own connection, for jobs
 * that read the whole database for a summary (seconds on a large one): they
 * run in parallel with, and never delay, the jobs above.  Finish with
 * allot_session_read_finish(). */
void     allot_session_read_background_async (AllotSession        *self,
                                              AllotSessionReadFunc func,
                                              gpointer             data,
                                              GDestroyNotify       data_destroy,
                                              GDestroyNotify       result_destroy,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gpointer allot_session_read_finish (AllotSession        *self,
                                    GAsyncResult        *result,
                                    GError             **error);

/* Jobs queued or running (the "busy" property is TRUE while > 0). */
guint allot_session_get_n_pending (AllotSession *self);

G_END_DECLS
