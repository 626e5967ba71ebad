/* allot-window-export.c: the exports (allot-export.h) from the window: a
 * file chooser, then the export in a worker thread on a reader connection,
 * with its progress in the busy bar and a Cancel button.  The core writes
 * to a temporary file and renames it, so a cancelled export leaves nothing. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-export.h"
#include "allot-ledger-query.h"
#include "allot-window-private.h"

typedef enum {
  EXPORT_WORKBOOK,
  EXPORT_BUDGET_CSV,
  EXPORT_LEDGER_CSV,
} ExportKind;

typedef struct {
  ExportKind kind;
  AllotStore *reader;
  char *path;
  AllotExportOptions options;
  int permille;               /* progress, written by the worker (atomic) */
  guint poll_id;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_handle_id (&job->poll_id, g_source_remove);
  g_clear_object (&job->reader);
  g_free (job->path);
  g_free (job);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  switch (job->kind)
    {
    case EXPORT_WORKBOOK:
      ok = allot_export_workbook (job->reader, job->path, &job->options, progress_cb, job,
                                  cancellable, &error);
      break;
    case EXPORT_BUDGET_CSV:
      ok = allot_export_budget_csv (job->reader, job->path, &job->options, progress_cb, job,
                                    cancellable, &error);
      break;
    case EXPORT_LEDGER_CSV:
    default:
      ok = allot_export_ledger_csv (job->reader, job->path, &job->options, progress_cb, job,
                                    cancellable, &error);
      break;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
poll_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  AllotWindow *self = g_task_get_source_object (task);
  ExportJob *job = g_task_get_task_data (task);

  allot_window_set_busy_fraction (self, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AllotWindow *self = ALLOT_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (job->path);
  g_autofree char *message = NULL;

  g_clear_handle_id (&job->poll_id, g_source_remove);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      allot_window_end_busy (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        allot_window_show_toast (self, _("Export cancelled; no file was written"));
      else
        allot_window_show_error (self, _("Export Failed"), error->message);
      return;
    }
  allot_window_end_busy (self);
  message = g_strdup_printf (_("Exported %s"), basename);
  allot_window_show_toast (self, message);
}

static gboolean
parse_kind (const char *what,
            ExportKind *out)
{
  if (g_strcmp0 (what, "workbook") == 0)
    *out = EXPORT_WORKBOOK;
  else if (g_strcmp0 (what, "budget-csv") == 0)
    *out = EXPORT_BUDGET_CSV;
  else if (g_strcmp0 (what, "ledger-csv") == 0)
    *out = EXPORT_LEDGER_CSV;
  else
    return FALSE;
  return TRUE;
}

/* Takes @job. */
static void
start_export (AllotWindow *self,
              ExportJob   *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = NULL;

  if (self->session == NULL || self->busy)
    {
      export_job_free (job);
      return;
    }
  job->reader = allot_store_open_reader (allot_session_get_store (self->session), &error);
  if (job->reader == NULL)
    {
      allot_window_show_error (self, _("Export Failed"), error->message);
      export_job_free (job);
      return;
    }

  cancellable = g_cancellable_new ();
  allot_window_begin_busy (self, _("Exporting…"), cancellable);
  task = g_task_new (self, cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  job->poll_id = g_timeout_add (100, poll_progress_cb, task);
  g_task_run_in_thread (task, export_thread);
}

void
allot_window_export (AllotWindow *self,
                     const char  *what,
                     int          fiscal_year,
                     const char  *path)
{
  ExportJob *job;
  ExportKind kind;

  g_return_if_fail (ALLOT_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (!parse_kind (what, &kind))
    g_return_if_reached ();
  job = g_new0 (ExportJob, 1);
  job->kind = kind;
  allot_export_options_init (&job->options);
  job->options.fiscal_year = fiscal_year;
  job->path = g_strdup (path);
  start_export (self, job);
}

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     AllotWindow          *self)
{
  ExportJob *job = g_object_steal_data (G_OBJECT (chooser), "allot-export-job");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    {
      export_job_free (job);
      return;
    }
  job->path = g_file_get_path (file);
  start_export (self, job);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  const char *what = NULL;
  int fiscal_year = 0;
  ExportJob *job;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *scope = NULL;

  if (self->session == NULL || self->busy)
    return;
  g_variant_get (parameter, "(&si)", &what, &fiscal_year);

  job = g_new0 (ExportJob, 1);
  allot_export_options_init (&job->options);
  job->options.fiscal_year = fiscal_year;
  if (!parse_kind (what, &job->kind))
    job->kind = EXPORT_WORKBOOK;
  scope = fiscal_year != 0 ? g_strdup_printf ("FY%d", fiscal_year) : g_strdup (_("all-years"));
  if (job->kind == EXPORT_BUDGET_CSV)
    {
      name = g_strdup_printf (_("budget-vs-actual-%s.csv"), scope);
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  else if (job->kind == EXPORT_LEDGER_CSV)
    {
      name = g_strdup_printf (_("ledger-%s.csv"), scope);
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  else
    {
      name = g_strdup_printf (_("allot-%s.xlsx"), scope);
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_pattern (filter, "*.xlsx");
    }

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "allot-export-job", job);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
allot_window_class_init_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", "(si)", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "(si)", "workbook", 0);
}
