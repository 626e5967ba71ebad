/* cli-export.c: "allot-cli export [--fy YEAR] [--as-of DATE] [--csv ledger|budget] FILE".
 *
 * The export runs in a worker thread (the same GTask path the app takes)
 * while the main loop waits, so that Ctrl+C or SIGTERM cancel it cleanly:
 * the temporary file is removed and an existing FILE stays as it was.
 * Progress goes to stderr when it is a terminal.
 */
#include "allot-config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <unistd.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-export.h"
#include "cli.h"

typedef enum {
  WRITE_WORKBOOK,
  WRITE_LEDGER_CSV,
  WRITE_BUDGET_CSV,
} WhatToWrite;

typedef struct {
  AllotStore *store;
  char *path;
  WhatToWrite what;
  AllotExportOptions options;
  gboolean show_progress;
  int shown_percent;
  GMainLoop *loop;
  GCancellable *cancellable;
  GError *error;
  gboolean ok;
} ExportJob;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ExportJob *job = user_data;
  int percent = (int) (fraction * 100.0);

  /* Called in the worker thread; stderr is safe to write from it. */
  if (!job->show_progress || percent == job->shown_percent)
    return;
  job->shown_percent = percent;
  g_printerr ("\r%s %3d%%", _("Exporting…"), percent);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;
  gboolean ok;

  switch (job->what)
    {
    case WRITE_LEDGER_CSV:
      ok = allot_export_ledger_csv (job->store, job->path, &job->options, progress_cb, job,
                                    cancellable, &error);
      break;
    case WRITE_BUDGET_CSV:
      ok = allot_export_budget_csv (job->store, job->path, &job->options, progress_cb, job,
                                    cancellable, &error);
      break;
    case WRITE_WORKBOOK:
    default:
      ok = allot_export_workbook (job->store, job->path, &job->options, progress_cb, job,
                                  cancellable, &error);
      break;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
finished_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExportJob *job = user_data;

  job->ok = g_task_propagate_boolean (G_TASK (result), &job->error);
  g_main_loop_quit (job->loop);
}

static gboolean
signal_cb (gpointer user_data)
{
  ExportJob *job = user_data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

int
cli_export (const CliGlobals *globals,
            int               argc,
            char            **argv)
{
  g_autoptr(AllotStore) store = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *as_of = NULL;
  g_autofree char *csv = NULL;
  int fiscal_year = 0;
  ExportJob job = { 0 };
  guint sigint, sigterm;
  GOptionEntry entries[] = {
    { "fy", 0, 0, G_OPTION_ARG_INT, &fiscal_year,
      N_("Only this fiscal year (named by the year it ends); default every year"), N_("YEAR") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
      N_("Measure ages, days left and time elapsed on this date (YYYY-MM-DD); default today"),
      N_("DATE") },
    { "csv", 0, 0, G_OPTION_ARG_STRING, &csv,
      N_("Write the ledger or Budget vs Actual as CSV instead of the workbook"),
      N_("ledger|budget") },
    { NULL }
  };

  if (!cli_parse_options (_("FILE"),
                          _("Write the Excel workbook (Summary, Budget vs Actual, Funding "
                            "Sources, Ledger, Task Forces, Obligations Aging) to FILE, or with "
                            "--csv the ledger or Budget vs Actual as CSV. FILE is replaced only "
                            "when the export succeeds."),
                          entries, &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    return cli_usage ("export", "%s", _("say which file to write"));
  if (argc > 2)
    return cli_usage ("export", _("unexpected argument “%s”"), argv[2]);

  allot_export_options_init (&job.options);
  if (csv == NULL)
    job.what = WRITE_WORKBOOK;
  else if (g_str_equal (csv, "ledger"))
    job.what = WRITE_LEDGER_CSV;
  else if (g_str_equal (csv, "budget"))
    job.what = WRITE_BUDGET_CSV;
  else
    return cli_usage ("export", _("--csv takes ledger or budget, not “%s”"), csv);
  if (fiscal_year != 0)
    CLI_TRY (cli_fiscal_year_option ("--fy", fiscal_year));
  job.options.fiscal_year = fiscal_year;
  if (as_of != NULL)
    CLI_TRY (cli_date_option ("--as-of", as_of, &job.options.as_of));

  store = cli_open_store (globals, FALSE);
  if (store == NULL)
    return CLI_REFUSED;

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  job.store = store;
  job.path = argv[1];
  job.loop = loop;
  job.cancellable = cancellable;
  job.show_progress = isatty (STDERR_FILENO);
  job.shown_percent = -1;

  sigint = g_unix_signal_add (SIGINT, signal_cb, &job);
  sigterm = g_unix_signal_add (SIGTERM, signal_cb, &job);
  task = g_task_new (NULL, cancellable, finished_cb, &job);
  g_task_set_task_data (task, &job, NULL);
  g_task_run_in_thread (task, run_in_thread);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (job.show_progress && job.shown_percent >= 0)
    g_printerr ("\n");

  if (!job.ok)
    {
      g_autoptr(GError) error = g_steal_pointer (&job.error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_printerr ("allot-cli: %s\n", _("Export cancelled; nothing was written."));
          return CLI_REFUSED;
        }
      return cli_refuse (error);
    }
  g_print (_("Exported %s\n"), job.path);
  return CLI_OK;
}
