/* allot-export.c: writing the workbook and the CSV files, start to finish.
 *
 * Design decisions:
 * - The file appears whole or not at all.  A temporary file is created
 *   beside the target first (so a missing or read-only folder is refused in
 *   a millisecond, not after a million rows), written, flushed to disk, and
 *   renamed over the target only when everything succeeded; every failure
 *   path removes it, and an existing target is never opened for writing.
 * - Debian's libxlsxwriter prints numbers with the process locale ("1234,56"
 *   under de_DE), which Excel rejects.  The exporting thread switches to the
 *   C numeric locale with uselocale() for the duration, leaving every other
 *   category (the translations of headers) and every other thread alone.
 * - The whole workbook is in constant-memory mode: libxlsxwriter keeps one
 *   row in memory and streams the rest to a temporary file, so a million
 *   ledger lines cost the same memory as ten.  The price is that every sheet
 *   is written strictly in row order, and no Excel tables (autofilters do
 *   the job).  Strings are written inline, so there is no shared-string table
 *   growing with the ledger either.
 * - All sheets read one snapshot: the export runs in a read transaction, so
 *   a write committed meanwhile cannot make the Summary disagree with the
 *   Ledger.
 * - Cancellation interrupts a running query (allot_db_interrupt) as well as
 *   the row loops, so cancel takes effect within a fraction of a second.
 */
#include "allot-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-export-private.h"

/* Where the time goes, as shares of the whole, measured on generated
 * ledgers of 200,000 and a million lines: reading the balances about 5%,
 * writing the Ledger rows 45%, the other sheets 5%, and compressing the file
 * in workbook_close() the remaining 45%, of which libxlsxwriter reports no
 * progress. */
#define PROGRESS_PREPARED   0.01
#define PROGRESS_LEDGER     0.06
#define PROGRESS_LEDGER_END 0.50
#define PROGRESS_CLOSING    0.55

void
allot_export_options_init (AllotExportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  g_date_clear (&options->as_of, 1);
}

/* ---- progress and cancellation ---- */

void
export_progress (AllotExport *ex,
                 double       fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (ex->progress == NULL || fraction < ex->reported)
    return;
  if (ex->reported >= 0 && fraction - ex->reported < 0.01 && fraction < 1.0)
    return;
  if (fraction == ex->reported)
    return;
  ex->reported = fraction;
  ex->progress (fraction, ex->progress_data);
}

gboolean
export_check_cancelled (AllotExport *ex,
                        GError     **error)
{
  return !g_cancellable_set_error_if_cancelled (ex->cancellable, error);
}

gboolean
export_fail (AllotExport *ex,
             GError     **error)
{
  if (g_cancellable_is_cancelled (ex->cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (ex->cancellable, error);
    }
  return FALSE;
}

static void
interrupt_cb (GCancellable *cancellable,
              AllotStore   *store)
{
  /* Thread-safe; stops the statement running in the exporting thread. */
  allot_db_interrupt (store->db);
}

/* ---- small shared computations ---- */

/* Excel's serial day: days since 1899-12-30 (serial 1 is 1900-01-01, and
 * Excel believes 1900 was a leap year, so from March 1900 on the count
 * starts a day early).  Days from the civil date by Howard Hinnant's
 * algorithm: 719468 days separate 0000-03-01 from 1970-01-01, and 25569
 * separate 1899-12-30 from 1970-01-01.  Integer arithmetic, no state, so a
 * million dates cost nothing and any thread may call it. */
static double
serial_of (int year,
           int month,
           int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (double) (era * 146097 + doe - 719468 + 25569);
}

double
export_excel_date (const GDate *date)
{
  return serial_of (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

gboolean
export_excel_date_iso (const char *iso,
                       double     *out)
{
  int y, m, d;

  if (iso == NULL || strlen (iso) != 10 || iso[4] != '-' || iso[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (iso[i]))
      return FALSE;
  y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
  m = (iso[5] - '0') * 10 + (iso[6] - '0');
  d = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (y < 1901 || m < 1 || m > 12 || d < 1 || d > (int) g_date_get_days_in_month (m, y))
    return FALSE;
  *out = serial_of (y, m, d);
  return TRUE;
}

double
export_ratio (gint64 numerator,
              gint64 denominator)
{
  if (denominator == 0)
    return 0.0;
  /* The spreadsheet divides the two cells, which hold cents / 100. */
  return (numerator / 100.0) / (denominator / 100.0);
}

gboolean
export_source_period (AllotExport       *ex,
                      const AllotSource *source,
                      int                fiscal_year,
                      GDate             *out_first,
                      GDate             *out_last)
{
  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      *out_first = source->u.grant.pop_start;
      *out_last = source->u.grant.pop_end;
      break;
    case ALLOT_SOURCE_AGREEMENT:
      *out_first = source->u.agreement.term_start;
      *out_last = source->u.agreement.term_end;
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      allot_fiscal_year_bounds (source->u.appropriation.fiscal_year, ex->fy_start_month,
                                out_first, out_last);
      if (g_date_valid (&source->u.appropriation.lapse_date) &&
          g_date_compare (&source->u.appropriation.lapse_date, out_first) >= 0)
        *out_last = source->u.appropriation.lapse_date;
      break;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      if (fiscal_year < 1900)
        return FALSE;
      allot_fiscal_year_bounds (fiscal_year, ex->fy_start_month, out_first, out_last);
      break;
    }
  return g_date_valid (out_first) && g_date_valid (out_last) &&
         g_date_compare (out_first, out_last) <= 0;
}

gboolean
export_source_in_year (AllotExport       *ex,
                       const AllotSource *source,
                       int                fiscal_year)
{
  GDate first, last;

  if (fiscal_year == 0)
    return TRUE;
  switch (source->kind)
    {
    case ALLOT_SOURCE_APPROPRIATION:
      return source->u.appropriation.fiscal_year == fiscal_year;
    case ALLOT_SOURCE_GRANT:
    case ALLOT_SOURCE_AGREEMENT:
      if (!export_source_period (ex, source, fiscal_year, &first, &last))
        return TRUE;
      return allot_fiscal_year_of (&first, ex->fy_start_month) <= fiscal_year &&
             allot_fiscal_year_of (&last, ex->fy_start_month) >= fiscal_year;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      return TRUE;
    }
}

/* ---- balances ---- */

GPtrArray *
export_allocation_balances (AllotExport *ex,
                            GError     **error)
{
  if (ex->allocation_balances == NULL)
    {
      ex->allocation_balances = allot_store_list_balances (ex->store,
                                                           ALLOT_BALANCE_BY_ALLOCATION, 0,
                                                           error);
      if (ex->allocation_balances == NULL)
        export_fail (ex, error);
    }
  return ex->allocation_balances;
}

/* What ALLOT_BALANCE_BY_SOURCE (lifetime) returns, built the way the
 * source_balances view builds it: what each source authorizes, plus the sums
 * of its allocations' balances.  Asking the store for it would aggregate the
 * whole ledger a second time, which for a million entries costs seconds. */
GPtrArray *
export_source_balances (AllotExport *ex,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  GPtrArray *allocations;

  if (ex->source_balances != NULL)
    return ex->source_balances;
  allocations = export_allocation_balances (ex, error);
  if (allocations == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_balance_row_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ex->sources->len; i++)
    {
      const AllotSource *source = ex->sources->pdata[i];
      AllotBalanceRow *row = g_new0 (AllotBalanceRow, 1);

      row->grouping = ALLOT_BALANCE_BY_SOURCE;
      row->id = source->id;
      row->code = g_strdup (source->code);
      row->name = g_strdup (source->name);
      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_id, &row->id, row);
      if (!allot_store_source_authorized (ex->store, source->id, &row->balance.authorized, error))
        {
          export_fail (ex, error);
          return NULL;
        }
    }
  for (guint i = 0; i < allocations->len; i++)
    {
      const AllotBalanceRow *a = allocations->pdata[i];
      const AllotAllocation *allocation = export_lookup (ex->allocation_by_id, a->id);
      AllotBalanceRow *row = allocation != NULL ? export_lookup (by_id, allocation->source_id)
                                                : NULL;

      if (row == NULL)
        continue;
      row->balance.allocated += a->balance.allocated;
      row->balance.obligated += a->balance.obligated;
      row->balance.expended += a->balance.expended;
      row->balance.unliquidated += a->balance.unliquidated;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalance *b = &((AllotBalanceRow *) rows->pdata[i])->balance;

      b->available = b->authorized - (b->expended + b->unliquidated);
    }
  ex->source_balances = g_steal_pointer (&rows);
  return ex->source_balances;
}

void
export_add_balance (AllotBalance       *sum,
                    const AllotBalance *b)
{
  sum->authorized += b->authorized;
  sum->allocated += b->allocated;
  sum->obligated += b->obligated;
  sum->expended += b->expended;
  sum->unliquidated += b->unliquidated;
  sum->available += b->available;
}

/* ---- preparing ---- */

static GHashTable *
index_by_id (GPtrArray *records)
{
  /* Every record type starts with its gint64 id. */
  GHashTable *table = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < records->len; i++)
    g_hash_table_insert (table, records->pdata[i], records->pdata[i]);
  return table;
}

gboolean
export_prepare (AllotExport              *ex,
                AllotStore               *store,
                const AllotExportOptions *options,
                GCancellable             *cancellable,
                AllotExportProgressFunc   progress,
                gpointer                  progress_data,
                GError                  **error)
{
  g_autofree char *created = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  memset (ex, 0, sizeof *ex);
  ex->store = store;
  ex->cancellable = cancellable;
  ex->progress = progress;
  ex->progress_data = progress_data;
  ex->reported = -1.0;
  ex->fy_start_month = allot_store_get_fy_start_month (store);
  if (options != NULL)
    ex->options = *options;
  else
    allot_export_options_init (&ex->options);

  if (ex->options.fiscal_year != 0 &&
      (ex->options.fiscal_year < 1900 || ex->options.fiscal_year > 2999))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The fiscal year must be a year such as 2026, not %d."),
                   ex->options.fiscal_year);
      return FALSE;
    }
  if (!g_date_valid (&ex->options.as_of))
    allot_date_set_today (&ex->options.as_of);
  export_progress (ex, 0.0);

  ex->agencies = allot_store_list_agencies (store, error);
  if (ex->agencies == NULL)
    return export_fail (ex, error);
  ex->sources = allot_store_list_sources (store, error);
  if (ex->sources == NULL)
    return export_fail (ex, error);
  ex->task_forces = allot_store_list_task_forces (store, error);
  if (ex->task_forces == NULL)
    return export_fail (ex, error);
  ex->categories = allot_store_list_categories (store, error);
  if (ex->categories == NULL)
    return export_fail (ex, error);
  ex->allocations = allot_store_list_allocations (store, 0, 0, error);
  if (ex->allocations == NULL)
    return export_fail (ex, error);
  ex->agency_by_id = index_by_id (ex->agencies);
  ex->source_by_id = index_by_id (ex->sources);
  ex->task_force_by_id = index_by_id (ex->task_forces);
  ex->category_by_id = index_by_id (ex->categories);
  ex->allocation_by_id = index_by_id (ex->allocations);

  if (ex->options.fiscal_year != 0)
    {
      GDate first, last;
      g_autofree char *first_text = NULL, *last_text = NULL;

      allot_fiscal_year_bounds (ex->options.fiscal_year, ex->fy_start_month, &first, &last);
      first_text = allot_date_format_iso (&first);
      last_text = allot_date_format_iso (&last);
      ex->scope_text = g_strdup_printf (_("FY%d (%s to %s)"), ex->options.fiscal_year,
                                        first_text, last_text);
    }
  else
    ex->scope_text = g_strdup (_("All fiscal years"));
  ex->as_of_text = allot_date_format_iso (&ex->options.as_of);
  ex->db_name = allot_store_location_display (allot_store_get_path (store));
  ex->db_location = allot_store_location_strip_password (allot_store_get_path (store));
  ex->jurisdiction = allot_store_dup_setting (store, "jurisdiction");
  if (ex->jurisdiction != NULL && *g_strstrip (ex->jurisdiction) == '\0')
    g_clear_pointer (&ex->jurisdiction, g_free);
  created = g_date_time_format (now, "%Y-%m-%d %H:%M");
  /* TRANSLATORS: database path, jurisdiction, date and time, user name */
  ex->details_text = g_strdup_printf (_("Database %s · %s · exported %s by %s · amounts in "
                                        "the database at export; ages and elapsed time "
                                        "measured on the as-of date"),
                                      ex->db_location,
                                      ex->jurisdiction != NULL ? ex->jurisdiction
                                                               : _("no jurisdiction set"),
                                      created, allot_store_get_user (store));
  export_progress (ex, PROGRESS_PREPARED);
  return export_check_cancelled (ex, error);
}

void
export_clear (AllotExport *ex)
{
  g_clear_pointer (&ex->scope_text, g_free);
  g_clear_pointer (&ex->as_of_text, g_free);
  g_clear_pointer (&ex->db_name, g_free);
  g_clear_pointer (&ex->db_location, g_free);
  g_clear_pointer (&ex->details_text, g_free);
  g_clear_pointer (&ex->jurisdiction, g_free);
  g_clear_pointer (&ex->agency_by_id, g_hash_table_unref);
  g_clear_pointer (&ex->source_by_id, g_hash_table_unref);
  g_clear_pointer (&ex->task_force_by_id, g_hash_table_unref);
  g_clear_pointer (&ex->category_by_id, g_hash_table_unref);
  g_clear_pointer (&ex->allocation_by_id, g_hash_table_unref);
  g_clear_pointer (&ex->agencies, g_ptr_array_unref);
  g_clear_pointer (&ex->sources, g_ptr_array_unref);
  g_clear_pointer (&ex->task_forces, g_ptr_array_unref);
  g_clear_pointer (&ex->categories, g_ptr_array_unref);
  g_clear_pointer (&ex->allocations, g_ptr_array_unref);
  g_clear_pointer (&ex->allocation_balances, g_ptr_array_unref);
  g_clear_pointer (&ex->source_balances, g_ptr_array_unref);
  g_clear_pointer (&ex->workbook, lxw_workbook_free);
}

/* ---- the target file ---- */

typedef struct {
  char *path;
  char *tmp_path;
} ExportTarget;

static void
set_folder_error (GError    **error,
                  const char *path,
                  const char *folder,
                  int         saved_errno)
{
  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                       _("Cannot write “%s”: the folder “%s” does not exist."), path, folder);
          break;
        }
      /* A folder that exists but takes no files (/proc): like a read-only one. */
      saved_errno = EACCES;
      G_GNUC_FALLTHROUGH;
    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Cannot write “%s”: you may not write to the folder “%s” (%s)."),
                   path, folder, g_strerror (saved_errno));
      break;
    default:
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Cannot write “%s”: %s"), path, g_strerror (saved_errno));
      break;
    }
}

/* Creates the temporary file beside @path, with the permissions a new file
 * gets (0666 less the umask). */
static gboolean
target_open (ExportTarget *target,
             const char   *path,
             GError      **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  int fd;

  memset (target, 0, sizeof *target);
  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                           _("No file name was given for the export."));
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Cannot write “%s”: it is a folder."), path);
      return FALSE;
    }
  folder = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  target->path = g_strdup (path);
  target->tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", folder, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (target->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      set_folder_error (error, path, folder, saved);
      g_clear_pointer (&target->tmp_path, g_free);
      g_clear_pointer (&target->path, g_free);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
target_abort (ExportTarget *target)
{
  if (target->tmp_path != NULL)
    g_unlink (target->tmp_path);
  g_clear_pointer (&target->tmp_path, g_free);
  g_clear_pointer (&target->path, g_free);
}

/* The data reach the disk before the name does, so that a crash right after
 * the rename cannot leave an empty workbook under the user's file name. */
static gboolean
target_commit (ExportTarget *target,
               GError      **error)
{
  int fd = g_open (target->tmp_path, O_RDONLY | O_CLOEXEC, 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s"),
                   target->path, g_strerror (saved));
      target_abort (target);
      return FALSE;
    }
  close (fd);
  if (g_rename (target->tmp_path, target->path) != 0)
    {
      saved = errno;
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s"),
                   target->path, g_strerror (saved));
      target_abort (target);
      return FALSE;
    }
  g_clear_pointer (&target->tmp_path, g_free);
  g_clear_pointer (&target->path, g_free);
  return TRUE;
}

/* ---- the C numeric locale, for this thread only ---- */

typedef struct {
  locale_t previous;
  locale_t c_numeric;
} ExportLocale;

static void
locale_enter (ExportLocale *l)
{
  locale_t base = duplocale (uselocale ((locale_t) 0));

  l->previous = (locale_t) 0;
  l->c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (l->c_numeric == (locale_t) 0)
    {
      /* Without memory for a locale object the C locale itself still works:
       * messages are then untranslated, numbers still right. */
      if (base != (locale_t) 0)
        freelocale (base);
      l->c_numeric = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
    }
  if (l->c_numeric != (locale_t) 0)
    l->previous = uselocale (l->c_numeric);
}

static void
locale_leave (ExportLocale *l)
{
  if (l->c_numeric == (locale_t) 0)
    return;
  uselocale (l->previous);
  freelocale (l->c_numeric);
  l->c_numeric = (locale_t) 0;
}

/* ---- one read snapshot ---- */

static gboolean
snapshot_begin (AllotStore *store,
                gboolean   *out_owned,
                GError    **error)
{
  *out_owned = FALSE;
  /* Inside a caller's transaction the snapshot is already theirs. */
  if (!allot_db_get_autocommit (store->db))
    return TRUE;
  if (!allot_db_begin_read (store->db, error))
    return FALSE;
  *out_owned = TRUE;
  return TRUE;
}

static void
snapshot_end (AllotStore *store,
              gboolean    owned)
{
  if (owned && !allot_db_get_autocommit (store->db))
    allot_db_exec (store->db, "ROLLBACK", NULL);
}

/* ---- the workbook ---- */

static gboolean
set_properties (AllotExport *ex,
                GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *comments = NULL;
  lxw_doc_properties properties = { 0 };
  lxw_error status;

  title = ex->jurisdiction != NULL
    ? g_strdup_printf (_("Task-force funding: %s, %s"), ex->jurisdiction, ex->scope_text)
    : g_strdup_printf (_("Task-force funding: %s"), ex->scope_text);
  subject = g_strdup_printf (_("Budget vs actual, funding sources, ledger, task forces and "
                               "aging of obligations as of %s"), ex->as_of_text);
  comments = g_strdup_printf (_("Exported by Allot %s from %s"), ALLOT_VERSION,
                              ex->db_location);
  properties.title = title;
  properties.subject = subject;
  properties.author = (char *) allot_store_get_user (ex->store);
  properties.company = ex->jurisdiction;
  properties.category = (char *) _("Budget execution");
  properties.keywords = (char *) "Allot";
  properties.comments = comments;
  properties.created = time (NULL);

  status = workbook_set_properties (ex->workbook, &properties);
  if (status == LXW_NO_ERROR)
    status = workbook_set_custom_property_string (ex->workbook, _("Database"),
                                                  ex->db_location);
  if (status == LXW_NO_ERROR)
    status = workbook_set_custom_property_string (ex->workbook, _("Fiscal year"),
                                                  ex->scope_text);
  if (status == LXW_NO_ERROR)
    status = workbook_set_custom_property_string (ex->workbook, _("As of"), ex->as_of_text);
  if (status != LXW_NO_ERROR)
    {
      export_set_lxw_error (error, status, _("the workbook properties"));
      return FALSE;
    }
  return TRUE;
}

/* Data written to libxlsxwriter's temporary files go through stdio, whose
 * errors it does not check: a full temporary folder would otherwise yield a
 * truncated sheet inside a "successful" workbook. */
static gboolean
check_sheet_files (AllotExport *ex,
                   const char  *path,
                   GError     **error)
{
  lxw_worksheet *ws;

  LXW_FOREACH_WORKSHEET (ws, ex->workbook)
    {
      if (ws->optimize_tmpfile == NULL)
        continue;
      if (fflush (ws->optimize_tmpfile) != 0 || ferror (ws->optimize_tmpfile))
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                       _("Cannot write “%s”: the temporary data of sheet “%s” could not be "
                         "written to %s (is it full?)"), path, ws->name, g_get_tmp_dir ());
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_workbook (AllotExport  *ex,
                const char   *tmp_path,
                const char   *path,
                GError      **error)
{
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  lxw_workbook_options options = {
    .constant_memory = LXW_TRUE,
    .tmpdir = tmpdir,
    .use_zip64 = LXW_FALSE,
  };
  lxw_workbook *workbook;
  lxw_error status;

  ex->workbook = workbook_new_opt (tmp_path, &options);
  if (ex->workbook == NULL)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   g_strerror (ENOMEM));
      return FALSE;
    }
  export_formats_init (ex);
  if (!set_properties (ex, error) ||
      !export_summary_sheet (ex, error) ||
      !export_budget_sheet (ex, error) ||
      !export_sources_sheet (ex, error))
    return FALSE;
  export_progress (ex, PROGRESS_LEDGER);
  if (!export_ledger_sheet (ex, PROGRESS_LEDGER, PROGRESS_LEDGER_END, error) ||
      !export_task_forces_sheet (ex, error) ||
      !export_aging_sheet (ex, error) ||
      !export_report_sheets (ex, error) ||
      !check_sheet_files (ex, path, error) ||
      !export_check_cancelled (ex, error))
    return FALSE;

  export_progress (ex, PROGRESS_CLOSING);

  /* workbook_close() frees the workbook whatever happens. */
  workbook = g_steal_pointer (&ex->workbook);
  errno = 0;
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      int saved = errno;

      /* libxlsxwriter names the step that failed; the system says why when
       * the disk is full or gone. */
      if (saved == ENOSPC || saved == EFBIG || saved == EDQUOT || saved == EIO)
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s (%s)"),
                     path, g_strerror (saved), lxw_strerror (status));
      else
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s"), path,
                     lxw_strerror (status));
      return FALSE;
    }
  return TRUE;
}

void
export_set_io_error (GError    **error,
                     const char *path)
{
  int saved = errno;

  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s"), path,
               g_strerror (saved != 0 ? saved : EIO));
}

typedef enum {
  EXPORT_WORKBOOK,
  EXPORT_LEDGER_CSV,
  EXPORT_BUDGET_CSV,
} ExportWhat;

static gboolean
write_csv (AllotExport *ex,
           ExportWhat   what,
           const char  *tmp_path,
           const char  *path,
           GError     **error)
{
  static const char bom[] = "\xEF\xBB\xBF";
  FILE *out = fopen (tmp_path, "wb");
  gboolean ok;
  int saved;

  if (out == NULL)
    {
      saved = errno;
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Cannot write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  setvbuf (out, NULL, _IOFBF, 256 * 1024);
  ok = fputs (bom, out) != EOF;
  if (ok)
    ok = what == EXPORT_LEDGER_CSV ? export_ledger_csv_lines (ex, out, path, error)
                                   : export_budget_csv_lines (ex, out, path, error);
  else
    export_set_io_error (error, path);
  if (!ok)
    {
      fclose (out);
      return FALSE;
    }
  if (fflush (out) != 0 || ferror (out))
    {
      export_set_io_error (error, path);
      fclose (out);
      return FALSE;
    }
  if (fclose (out) != 0)
    {
      export_set_io_error (error, path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_export (ExportWhat                what,
            AllotStore               *store,
            const char               *path,
            const AllotExportOptions *options,
            AllotExportProgressFunc   progress,
            gpointer                  user_data,
            GCancellable             *cancellable,
            GError                  **error)
{
  AllotExport ex;
  ExportTarget target;
  ExportLocale locale;
  gboolean owned = FALSE;
  gulong handler = 0;
  gboolean ok;

  memset (&ex, 0, sizeof ex);
  ex.cancellable = cancellable;
  if (!target_open (&target, path, error))
    return FALSE;

  locale_enter (&locale);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), store, NULL);

  ok = snapshot_begin (store, &owned, error) &&
       export_prepare (&ex, store, options, cancellable, progress, user_data, error);
  if (ok)
    {
      if (what == EXPORT_WORKBOOK)
        ok = write_workbook (&ex, target.tmp_path, path, error);
      else
        ok = write_csv (&ex, what, target.tmp_path, path, error);
      if (!ok)
        export_fail (&ex, error);
    }
  snapshot_end (store, owned);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  ok = ok && export_check_cancelled (&ex, error) && target_commit (&target, error);
  if (!ok)
    target_abort (&target);
  else
    export_progress (&ex, 1.0);
  export_clear (&ex);
  locale_leave (&locale);
  return ok;
}

gboolean
allot_export_workbook (AllotStore               *store,
                       const char               *path,
                       const AllotExportOptions *options,
                       AllotExportProgressFunc   progress,
                       gpointer                  user_data,
                       GCancellable             *cancellable,
                       GError                  **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_export (EXPORT_WORKBOOK, store, path, options, progress, user_data, cancellable,
                     error);
}

gboolean
allot_export_ledger_csv (AllotStore               *store,
                         const char               *path,
                         const AllotExportOptions *options,
                         AllotExportProgressFunc   progress,
                         gpointer                  user_data,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_export (EXPORT_LEDGER_CSV, store, path, options, progress, user_data, cancellable,
                     error);
}

gboolean
allot_export_budget_csv (AllotStore               *store,
                         const char               *path,
                         const AllotExportOptions *options,
                         AllotExportProgressFunc   progress,
                         gpointer                  user_data,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_export (EXPORT_BUDGET_CSV, store, path, options, progress, user_data, cancellable,
                     error);
}

gboolean
export_csv_write_line (FILE       *out,
                       GString    *line,
                       const char *path,
                       GError    **error)
{
  g_string_append (line, "\r\n");
  if (fwrite (line->str, 1, line->len, out) != line->len)
    {
      export_set_io_error (error, path);
      return FALSE;
    }
  return TRUE;
}
