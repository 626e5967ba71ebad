/* bench-export.c: time and peak memory of the workbook export, beside a
 * baseline, in one run.
 *
 *   bench-export DB [OUT_DIR]
 *
 * Two child processes, one after the other: each times its own work (wall
 * and CPU; the export child not counting the opening of the database, whose
 * quick_check reads the whole file once), the parent takes the peak
 * resident memory of the whole child from wait4()'s ru_maxrss; for
 * BENCH_ROUNDS rounds (default 3); the best time of each is compared, since
 * other processes on the machine can only ever add to it:
 *   baseline  a minimal program writing the Ledger sheet's cells (the same
 *             values, formats, title, header, autofilter and print set-up,
 *             regenerated from the model in bench-data.c) with libxlsxwriter
 *             directly in constant-memory mode, without a database;
 *   export    allot_export_workbook() on DB: all six sheets.
 * DB must come from gen-ledger (the baseline regenerates its ledger).  Exits
 * 1 when the export takes more than 1.5 times the baseline's time or peaks
 * at 40 MB or more: the peak does not grow with the ledger (about 16 MB at
 * 100,000 and at 1,000,000 entries), so more means something holds rows.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "allot-export.h"
#include "bench-data.h"

#define MAX_RATIO 1.5
#define MAX_PEAK_MB 40.0

static const char money_format[] = "#,##0.00;[Red]-#,##0.00";

/* ---- measuring inside a child ---- */

static double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* What the child reports on stdout: the wall and CPU seconds of its work
 * alone (for the export: not opening the database, whose quick_check reads
 * the whole file, as the app's already open database does not). */
static void
report (gint64 start,
        double cpu_start)
{
  g_print ("%.3f %.3f\n", (g_get_monotonic_time () - start) / 1e6, cpu_now () - cpu_start);
}

/* ---- the baseline ---- */

/* Days since 1899-12-30 of ISO "YYYY-MM-DD" (days from civil, as the export
 * computes them). */
static double
excel_date (const char *iso)
{
  int y = (int) g_ascii_strtoll (iso, NULL, 10);
  int m = (iso[5] - '0') * 10 + (iso[6] - '0');
  int d = (iso[8] - '0') * 10 + (iso[9] - '0');
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (double) (era * 146097 + doe - 719468 + 25569);
}

static const char *const headers[] = {
  "Entry", "Date", "Paid", "Kind", "Status", "Amount", "Document", "Payee", "Source",
  "Task force", "Cost category", "Fiscal year", "Allocation", "Obligation", "Voided",
  "Entered by", "Description",
};

static const char *
kind_label (AllotEntryKind kind)
{
  return kind == ALLOT_ENTRY_OBLIGATION ? "Obligation"
         : kind == ALLOT_ENTRY_EXPENDITURE ? "Expenditure" : "Adjustment";
}

static const char *
status_label (AllotStatus status)
{
  static const char *const labels[] = { "Draft", "Submitted", "Approved", "Returned" };

  return labels[status];
}

#define CHECK(expr) \
  G_STMT_START { lxw_error e_ = (expr); \
    if (e_ != LXW_NO_ERROR) { g_printerr ("baseline: %s: %s\n", #expr, lxw_strerror (e_)); \
                              return 1; } } G_STMT_END

static int
run_baseline (guint64     n,
              const char *path)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_now ();
  lxw_workbook_options options = { .constant_memory = LXW_TRUE,
                                   .tmpdir = (char *) g_get_tmp_dir () };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Ledger");
  lxw_format *money = workbook_add_format (wb);
  lxw_format *date = workbook_add_format (wb);
  lxw_format *title = workbook_add_format (wb);
  lxw_format *header = workbook_add_format (wb);
  lxw_format *grey = workbook_add_format (wb);
  lxw_conditional_format voided = { .type = LXW_CONDITIONAL_TYPE_FORMULA,
                                    .value_string = (char *) "=$O5=\"Yes\"", .format = grey };
  BenchLedger *ledger = bench_ledger_new (n);
  BenchEntry e;
  lxw_row_t row = 4;

  if (wb == NULL || ws == NULL)
    return 1;

  format_set_num_format (money, money_format);
  format_set_num_format_index (date, 14);
  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_bold (header);
  format_set_text_wrap (header);
  format_set_bg_color (header, 0xDCE6F1);
  format_set_font_strikeout (grey);

  CHECK (worksheet_write_string (ws, 0, 0, "Ledger — All fiscal years — as of 2026-11-28", title));
  CHECK (worksheet_write_string (ws, 1, 0, "Database bench.db", NULL));
  CHECK (worksheet_write_string (ws, 2, 0, "Every entry of the selection", NULL));
  CHECK (worksheet_set_row (ws, 3, 30, NULL));
  for (lxw_col_t c = 0; c < G_N_ELEMENTS (headers); c++)
    CHECK (worksheet_write_string (ws, 3, c, headers[c], header));

  while (bench_ledger_next (ledger, &e))
    {
      CHECK (worksheet_write_number (ws, row, 0, (double) e.id, NULL));
      CHECK (worksheet_write_number (ws, row, 1, excel_date (e.entry_date), date));
      if (e.paid_date[0] != '\0')
        CHECK (worksheet_write_number (ws, row, 2, excel_date (e.paid_date), date));
      CHECK (worksheet_write_string (ws, row, 3, kind_label (e.kind), NULL));
      CHECK (worksheet_write_string (ws, row, 4, status_label (e.status), NULL));
      CHECK (worksheet_write_number (ws, row, 5, e.amount / 100.0, money));
      CHECK (worksheet_write_string (ws, row, 6, e.document, NULL));
      CHECK (worksheet_write_string (ws, row, 7, e.payee, NULL));
      CHECK (worksheet_write_string (ws, row, 8, e.source, NULL));
      CHECK (worksheet_write_string (ws, row, 9, e.task_force, NULL));
      CHECK (worksheet_write_string (ws, row, 10, e.category, NULL));
      CHECK (worksheet_write_number (ws, row, 11, e.fiscal_year, NULL));
      CHECK (worksheet_write_number (ws, row, 12, (double) e.allocation_id, NULL));
      if (e.obligation_id != 0)
        CHECK (worksheet_write_number (ws, row, 13, (double) e.obligation_id, NULL));
      CHECK (worksheet_write_string (ws, row, 14, e.voided ? "Yes" : "No", NULL));
      CHECK (worksheet_write_string (ws, row, 15, e.entered_by, NULL));
      CHECK (worksheet_write_string (ws, row, 16, e.description, NULL));
      row++;
    }
  CHECK (worksheet_conditional_format_range (ws, 4, 0, row - 1, 16, &voided));
  CHECK (worksheet_autofilter (ws, 3, 0, row - 1, 16));
  for (lxw_col_t c = 0; c < G_N_ELEMENTS (headers); c++)
    CHECK (worksheet_set_column (ws, c, c, c == 16 ? 70 : 14, NULL));
  worksheet_freeze_panes (ws, 4, 0);
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  CHECK (worksheet_repeat_rows (ws, 0, 3));
  bench_ledger_free (ledger);
  CHECK (workbook_close (wb));
  report (start, cpu_start);
  return 0;
}

/* ---- the export ---- */

/* BENCH_TRACE=1: when each phase ends (see PROGRESS_* in allot-export.c). */
static void
trace_progress (double   fraction,
                gpointer user_data)
{
  static double last = -1;
  gint64 *start = user_data;

  if (fraction == 0.0 || fraction == 1.0 || fraction - last >= 0.05 ||
      fraction == 0.06 || fraction == 0.5 || fraction == 0.55)
    {
      g_printerr ("  %.2f at %.2f s\n", fraction, (g_get_monotonic_time () - *start) / 1e6);
      last = fraction;
    }
}

static int
run_export (const char *db,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotStore) store = allot_store_open (db, ALLOT_STORE_OPEN_EXISTING, &error);
  AllotExportOptions options;
  gint64 start;
  double cpu_start;
  gboolean trace = g_getenv ("BENCH_TRACE") != NULL;

  if (store == NULL)
    {
      g_printerr ("export: %s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  cpu_start = cpu_now ();
  allot_export_options_init (&options);
  g_date_set_dmy (&options.as_of, 28, G_DATE_NOVEMBER, 2026);
  if (!allot_export_workbook (store, path, &options, trace ? trace_progress : NULL, &start,
                              NULL, &error))
    {
      g_printerr ("export: %s\n", error->message);
      return 1;
    }
  report (start, cpu_start);
  return 0;
}

/* ---- the parent ---- */

typedef struct {
  double seconds;
  double cpu_seconds;
  double peak_mb;
  goffset bytes;
} Measure;

static gboolean
measure_child (char       **argv,
               const char  *output,
               Measure     *out)
{
  struct rusage usage;
  char buffer[128] = "";
  gsize filled = 0;
  GStatBuf st;
  int fds[2];
  int status;
  pid_t pid;

  fflush (NULL);
  if (pipe (fds) != 0)
    return FALSE;
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      execv ("/proc/self/exe", argv);
      _exit (127);
    }
  close (fds[1]);
  for (;;)
    {
      ssize_t got = read (fds[0], buffer + filled, sizeof buffer - 1 - filled);

      if (got > 0)
        filled += (gsize) got;
      else if (got == 0 || errno != EINTR || filled >= sizeof buffer - 1)
        break;
    }
  close (fds[0]);
  buffer[filled] = '\0';
  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  out->seconds = g_ascii_strtod (buffer, NULL);
  out->cpu_seconds = g_ascii_strtod (strchr (buffer, ' ') != NULL ? strchr (buffer, ' ') : "0",
                                     NULL);
  out->peak_mb = usage.ru_maxrss / 1024.0;  /* kilobytes on Linux */
  out->bytes = g_stat (output, &st) == 0 ? st.st_size : -1;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0 && out->seconds > 0;
}

static gint64
count_entries (const char *db)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (handle, "SELECT count (*) FROM ledger_entries", -1, &stmt, NULL)
        == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return n;
}

/* The best of @rounds runs: the least time (other processes only ever add
 * to it), the largest peak. */
static void
keep_best (Measure       *best,
           const Measure *m,
           guint          round)
{
  if (round == 0 || m->seconds < best->seconds)
    best->seconds = m->seconds;
  if (round == 0 || m->cpu_seconds < best->cpu_seconds)
    best->cpu_seconds = m->cpu_seconds;
  best->peak_mb = MAX (best->peak_mb, m->peak_mb);
  best->bytes = m->bytes;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out_dir = NULL;
  g_autofree char *baseline_path = NULL, *export_path = NULL, *n_text = NULL;
  Measure baseline = { 0 }, exported = { 0 };
  const char *rounds_env = g_getenv ("BENCH_ROUNDS");
  guint rounds = rounds_env != NULL ? (guint) g_ascii_strtoull (rounds_env, NULL, 10) : 3;
  gint64 n;
  double ratio;
  gboolean ok;

  if (argc == 4 && g_str_equal (argv[1], "--baseline"))
    return run_baseline (g_ascii_strtoull (argv[2], NULL, 10), argv[3]);
  if (argc == 4 && g_str_equal (argv[1], "--export"))
    return run_export (argv[2], argv[3]);
  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: bench-export DB [OUT_DIR]\n");
      return 2;
    }

  n = count_entries (argv[1]);
  if (n < 0)
    {
      g_printerr ("bench-export: cannot read %s\n", argv[1]);
      return 1;
    }
  out_dir = g_strdup (argc == 3 ? argv[2] : g_get_tmp_dir ());
  baseline_path = g_build_filename (out_dir, "bench-baseline.xlsx", NULL);
  export_path = g_build_filename (out_dir, "bench-export.xlsx", NULL);
  n_text = g_strdup_printf ("%" PRId64, n);
  rounds = MAX (rounds, 1);

  g_print ("Ledger of %" PRId64 " entries (%s), best of %u rounds\n", n, argv[1],
           rounds);
  for (guint round = 0; round < rounds; round++)
    {
      char *baseline_argv[] = { argv[0], (char *) "--baseline", n_text, baseline_path, NULL };
      char *export_argv[] = { argv[0], (char *) "--export", argv[1], export_path, NULL };
      Measure m = { 0 };

      if (!measure_child (baseline_argv, baseline_path, &m))
        {
          g_printerr ("bench-export: the baseline failed\n");
          return 1;
        }
      keep_best (&baseline, &m, round);
      g_print ("  round %u: baseline %.2f s (cpu %.2f s)", round + 1, m.seconds, m.cpu_seconds);
      if (!measure_child (export_argv, export_path, &m))
        {
          g_printerr ("\nbench-export: the export failed\n");
          return 1;
        }
      keep_best (&exported, &m, round);
      g_print (", export %.2f s (cpu %.2f s, peak %.1f MB)\n", m.seconds, m.cpu_seconds,
               m.peak_mb);
    }

  ratio = exported.seconds / baseline.seconds;
  ok = ratio <= MAX_RATIO && exported.peak_mb < MAX_PEAK_MB;
  g_print ("%-44s %8s %8s %10s %9s\n", "", "wall s", "cpu s", "peak MB", "file MB");
  g_print ("%-44s %8.2f %8.2f %10.1f %9.1f\n",
           "baseline: Ledger cells, libxlsxwriter only", baseline.seconds, baseline.cpu_seconds,
           baseline.peak_mb, baseline.bytes / 1048576.0);
  g_print ("%-44s %8.2f %8.2f %10.1f %9.1f\n",
           "allot_export_workbook(): six sheets", exported.seconds, exported.cpu_seconds,
           exported.peak_mb, exported.bytes / 1048576.0);
  g_print ("export / baseline: wall %.2f, cpu %.2f (target <= %.1f); export peak %.1f MB "
           "(target < %.0f MB): %s\n", ratio, exported.cpu_seconds / baseline.cpu_seconds,
           MAX_RATIO, exported.peak_mb, MAX_PEAK_MB, ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
