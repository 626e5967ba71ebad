/* allot-import.c: the CSV importer: header matching, error collection, the
 * one transaction per file, the audit event, progress and cancellation.  The
 * record kinds themselves are in allot-import-kinds.c.
 *
 * Design decisions:
 * - All or nothing: the file is one store batch; each record is written
 *   through the store's own add functions (a savepoint each), so the same
 *   rules apply as for hand entry and a refused record leaves the others in
 *   place until the end, where any error rolls the whole batch back.  Rows
 *   after an error are still checked (and written inside the doomed batch) so
 *   that one run lists every error of the file.
 * - A dry run is the same run rolled back at the end: it checks exactly what
 *   a real import would, rules that span rows (over-allocation, liquidating
 *   an obligation of the same file) included.
 * - Duplicates are found by the record's natural key (source code, document
 *   number, ...).  One already in the database is skipped and reported; one
 *   that this same file added a few lines earlier is an error, because a file
 *   that lists a document twice is wrong in a way that skipping would hide.
 *   Ids grow within a batch, so "added by this file" is "id >= the first id
 *   this run added", with no set of keys kept in memory.
 * - Memory does not grow with the file (issue 10): the issues kept are
 *   capped, the added rows are remembered as runs of consecutive ids and
 *   lines (their summaries only when asked for), the file's digest is
 *   computed as it is read and its pages are let go behind the reader
 *   (allot-csv-reader.c), and the page cache is fixed for the import
 *   (allot_import_tune_store()).
 * - Header names are compared after normalization (lowercase, '_', '-', '.',
 *   '/' as spaces, '#' as "no", runs of spaces collapsed), so "Doc #",
 *   "doc_no" and "DOC NO." are the same column.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "allot-audit-private.h"
#include "allot-csv-reader.h"
#include "allot-date.h"
#include "allot-error.h"
#include "allot-import-private.h"
#include "allot-money.h"
#include "allot-personnel.h"
#include "allot-store-private.h"

#define DEFAULT_MAX_ERRORS 100
#define PROGRESS_EVERY     4096
#define IGNORED_FIELD      G_MAXUINT

struct _AllotImporter
{
  AllotStore *store;
  const AllotImportKindSpec *spec;
  guint n_fields;
  GHashTable *aliases;        /* normalized name -> field index + 1 */
  GHashTable *mappings;       /* normalized column -> field index + 1 (IGNORED_FIELD: ignore) */
  gboolean dry_run;
  gboolean keep_summaries;
  guint max_errors;
  guint max_rows;
  AllotImportProgressFunc progress;
  gpointer progress_data;
  GDestroyNotify progress_destroy;

  /* The run. */
  AllotCsvReader *reader;
  int *field_column;          /* per field: its column, or -1 */
  gint64 first_added_id;      /* first id this run added, 0 before */
  GError *abort_error;        /* the database failed */
  char *deferred_trigger;     /* the audit trigger dropped for the run (allot_audit_defer()) */
  gboolean defer_audit;       /* the kind's audit records written in one pass (SQLite only) */
  char **deferred_indexes;    /* SQL of the indexes set aside for the run */

  /* Results. */
  char *file_name;
  char *sha256;
  char delimiter;
  GPtrArray *columns;         /* char*, NULL-terminated */
  GPtrArray *column_fields;   /* const char*, NULL-terminated */
  guint n_rows, n_added, n_duplicates, n_errors;
  guint n_issues[3];          /* by AllotImportIssueKind, kept or not */
  GPtrArray *issues;
  GArray *added_runs;         /* AddedRun: every added row, in file order */
  GPtrArray *added;           /* AllotImportRow, with summaries when they are kept;
                               * otherwise built from added_runs when asked for */
  gboolean added_ids_void;    /* rolled back: no ids to hand out */
  gint64 event_id;            /* the audit log's "import" event, 0 when none */
};

/* Consecutive rows that got consecutive ids: a million rows of a plain file
 * are one run, so what the importer remembers of them does not grow with
 * the file. */
typedef AllotAuditRun AddedRun;

/* ---- kinds ---- */

static const char *const kind_names[] = { "sources", "allocations", "ledger", "receipts" };

const char *
allot_import_kind_to_string (AllotImportKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
allot_import_kind_from_string (const char      *s,
                               AllotImportKind *out)
{
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (s, kind_names[i]) == 0)
      {
        *out = (AllotImportKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Lowercase, separators as single spaces, "#" as "no". */
static char *
normalize_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  g_autofree char *lower = g_utf8_strdown (valid, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p++)
    {
      char c = *p;

      if (c == '#')
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, "no");
          space = TRUE;
          continue;
        }
      if (c == '_' || c == '-' || c == '.' || c == '/' || g_ascii_isspace (c))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

static gint
spec_find_field (const AllotImportKindSpec *spec,
                 const char                *field)
{
  for (guint i = 0; spec->fields[i].name != NULL; i++)
    if (g_str_equal (spec->fields[i].name, field))
      return (gint) i;
  return -1;
}

const char *const *
allot_import_kind_list_fields (AllotImportKind kind)
{
  static const char **lists[ALLOT_IMPORT_N_KINDS];
  const AllotImportKindSpec *spec;

  g_return_val_if_fail ((guint) kind < ALLOT_IMPORT_N_KINDS, NULL);
  if (g_once_init_enter (&lists[kind]))
    {
      GPtrArray *names = g_ptr_array_new ();

      spec = allot_import_kind_spec (kind);
      for (guint i = 0; spec->fields[i].name != NULL; i++)
        g_ptr_array_add (names, (gpointer) spec->fields[i].name);
      g_ptr_array_add (names, NULL);
      g_once_init_leave (&lists[kind], (const char **) g_ptr_array_free (names, FALSE));
    }
  return lists[kind];
}

gboolean
allot_import_field_is_required (AllotImportKind  kind,
                                const char      *field)
{
  const AllotImportKindSpec *spec;
  gint i;

  g_return_val_if_fail ((guint) kind < ALLOT_IMPORT_N_KINDS, FALSE);
  spec = allot_import_kind_spec (kind);
  i = spec_find_field (spec, field);
  return i >= 0 && spec->fields[i].required;
}

char **
allot_import_field_dup_aliases (AllotImportKind  kind,
                                const char      *field)
{
  const AllotImportKindSpec *spec;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) more = NULL;
  gint i;

  g_return_val_if_fail ((guint) kind < ALLOT_IMPORT_N_KINDS, NULL);
  spec = allot_import_kind_spec (kind);
  i = spec_find_field (spec, field);
  if (i < 0)
    return NULL;
  g_strv_builder_add (builder, spec->fields[i].name);
  more = g_strsplit (spec->fields[i].aliases != NULL ? spec->fields[i].aliases : "", "|", -1);
  for (guint j = 0; more[j] != NULL; j++)
    if (*more[j] != '\0')
      g_strv_builder_add (builder, more[j]);
  return g_strv_builder_end (builder);
}

/* ---- issues ---- */

static void
issue_free (AllotImportIssue *issue)
{
  g_free (issue->field);
  g_free (issue->message);
  g_free (issue->value);
  g_free (issue);
}

static void
row_free (AllotImportRow *row)
{
  g_free (row->summary);
  g_free (row);
}

char *
allot_import_issue_format (const AllotImportIssue *issue,
                           const char             *file_name)
{
  GString *out = g_string_new (file_name);

  g_return_val_if_fail (issue != NULL, NULL);
  g_string_append_printf (out, ":%u", issue->line);
  if (issue->column > 0)
    g_string_append_printf (out, ":%u", issue->column);
  g_string_append (out, ": ");
  g_string_append (out, issue->message);
  if (issue->value != NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (issue->value, -1);
      g_string_append_printf (out, " (%s)", shown);
    }
  return g_string_free (out, FALSE);
}

static void
add_issue (AllotImporter        *self,
           AllotImportIssueKind  kind,
           guint                 line,
           guint                 column,
           const char           *field,
           const char           *value,
           char                 *message)
{
  AllotImportIssue *issue;

  /* Errors are counted by the caller's n_errors, duplicates by
   * n_duplicates: only the first of each are kept. */
  if (kind == ALLOT_IMPORT_ERROR)
    self->n_errors++;
  if (++self->n_issues[kind] > self->max_errors)
    {
      g_free (message);
      return;
    }
  issue = g_new0 (AllotImportIssue, 1);
  issue->kind = kind;
  issue->line = line;
  issue->column = column;
  issue->field = g_strdup (field);
  issue->message = message;
  issue->value = value != NULL && *value != '\0' ? g_strndup (value, 200) : NULL;
  g_ptr_array_add (self->issues, issue);
}

/* ---- the importer ---- */

AllotImporter *
allot_importer_new (AllotStore      *store,
                    AllotImportKind  kind)
{
  AllotImporter *self;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) kind < ALLOT_IMPORT_N_KINDS, NULL);

  self = g_new0 (AllotImporter, 1);
  self->store = g_object_ref (store);
  self->spec = allot_import_kind_spec (kind);
  self->max_errors = DEFAULT_MAX_ERRORS;
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->mappings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; self->spec->fields[i].name != NULL; i++)
    {
      g_auto(GStrv) names = allot_import_field_dup_aliases (kind, self->spec->fields[i].name);

      self->n_fields++;
      for (guint j = 0; names[j] != NULL; j++)
        {
          char *key = normalize_name (names[j]);

          /* The first field to claim a name keeps it. */
          if (g_hash_table_contains (self->aliases, key))
            g_free (key);
          else
            g_hash_table_insert (self->aliases, key, GUINT_TO_POINTER (i + 1));
        }
    }
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  self->added = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->added_runs = g_array_new (FALSE, FALSE, sizeof (AddedRun));
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->column_fields = g_ptr_array_new ();
  g_ptr_array_add (self->columns, NULL);
  g_ptr_array_add (self->column_fields, NULL);
  return self;
}

void
allot_importer_free (AllotImporter *self)
{
  if (self == NULL)
    return;
  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  g_clear_error (&self->abort_error);
  g_hash_table_unref (self->aliases);
  g_hash_table_unref (self->mappings);
  g_ptr_array_unref (self->issues);
  g_ptr_array_unref (self->added);
  g_array_unref (self->added_runs);
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->column_fields);
  g_free (self->field_column);
  g_free (self->deferred_trigger);
  g_strfreev (self->deferred_indexes);
  g_free (self->file_name);
  g_free (self->sha256);
  g_object_unref (self->store);
  g_free (self);
}

AllotImportKind
allot_importer_get_kind (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, ALLOT_IMPORT_LEDGER);
  return self->spec->kind;
}

gboolean
allot_importer_map_column (AllotImporter *self,
                           const char    *column,
                           const char    *field,
                           GError       **error)
{
  g_autofree char *key = NULL;
  g_autofree char *wanted = NULL;
  gpointer index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (column != NULL && field != NULL, FALSE);

  key = normalize_name (column);
  wanted = normalize_name (field);
  if (*key == '\0')
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, _("The column to map has no name."));
      return FALSE;
    }
  if (g_str_equal (wanted, "ignore"))
    {
      g_hash_table_replace (self->mappings, g_steal_pointer (&key),
                            GUINT_TO_POINTER (IGNORED_FIELD));
      return TRUE;
    }
  index = g_hash_table_lookup (self->aliases, wanted);
  if (index == NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) allot_import_kind_list_fields (
                                                   self->spec->kind));
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("“%s” is not a field of %s files; the fields are: %s (or “ignore”)."),
                   field, self->spec->name, list);
      return FALSE;
    }
  g_hash_table_replace (self->mappings, g_steal_pointer (&key), index);
  return TRUE;
}

gboolean
allot_importer_parse_mapping (AllotImporter *self,
                              const char    *mapping,
                              GError       **error)
{
  const char *eq;
  g_autofree char *column = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  /* The last '=' splits, so a column name may hold one. */
  eq = strrchr (mapping, '=');
  if (eq == NULL || eq == mapping || eq[1] == '\0')
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("--map takes COLUMN=FIELD, not “%s”."), mapping);
      return FALSE;
    }
  column = g_strndup (mapping, (gsize) (eq - mapping));
  return allot_importer_map_column (self, column, eq + 1, error);
}

void
allot_importer_set_dry_run (AllotImporter *self,
                            gboolean       dry_run)
{
  g_return_if_fail (self != NULL);
  self->dry_run = dry_run;
}

void
allot_importer_set_max_errors (AllotImporter *self,
                               guint          max_errors)
{
  g_return_if_fail (self != NULL);
  self->max_errors = max_errors;
}

void
allot_importer_set_max_rows (AllotImporter *self,
                             guint          max_rows)
{
  g_return_if_fail (self != NULL);
  self->max_rows = max_rows;
}

void
allot_importer_set_keep_summaries (AllotImporter *self,
                                   gboolean       keep)
{
  g_return_if_fail (self != NULL);
  self->keep_summaries = keep;
}

void
allot_importer_set_progress_func (AllotImporter           *self,
                                  AllotImportProgressFunc  func,
                                  gpointer                 user_data,
                                  GDestroyNotify           destroy)
{
  g_return_if_fail (self != NULL);
  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

gboolean
allot_import_keeps_summaries (AllotImporter *self)
{
  return self->keep_summaries || self->dry_run || self->max_rows > 0;
}

/* ---- cells ---- */

static int
column_of (AllotImporter *self,
           guint          field)
{
  g_assert (field < self->n_fields);
  return self->field_column[field];
}

/* Line and 1-based column of @field in the current row (column 0 when the
 * file has no such column). */
static void
locate (AllotImporter *self,
        guint          field,
        guint         *out_line,
        guint         *out_column)
{
  int column = field < self->n_fields ? column_of (self, field) : -1;

  *out_line = allot_csv_reader_get_line (self->reader);
  *out_column = 0;
  if (column < 0)
    return;
  *out_column = (guint) column + 1;
  if ((guint) column < allot_csv_reader_get_n_fields (self->reader))
    *out_line = allot_csv_reader_get_field_line (self->reader, (guint) column);
}

const char *
allot_import_cell (AllotImporter *self,
                   guint          field)
{
  int column = column_of (self, field);
  const char *text;

  if (column < 0 || (guint) column >= allot_csv_reader_get_n_fields (self->reader))
    return NULL;
  text = allot_csv_reader_get_field (self->reader, (guint) column);
  return *text != '\0' ? text : NULL;
}

static void
fail_valist (AllotImporter *self,
             guint          field,
             const char    *value,
             const char    *format,
             va_list        args)
{
  guint line, column;
  g_autofree char *message = g_strdup_vprintf (format, args);

  locate (self, field, &line, &column);
  add_issue (self, ALLOT_IMPORT_ERROR, line, column, self->spec->fields[field].name, value,
             g_strdup_printf ("%s: %s", self->spec->fields[field].name, message));
}

void
allot_import_fail (AllotImporter *self,
                   guint          field,
                   const char    *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  fail_valist (self, field, allot_import_cell (self, field), format, args);
  va_end (args);
}

/* The parsers quote the input at the start of their messages; the value is
 * shown at the end of ours, so leave it out there. */
static const char *
strip_quoted_input (const char *message,
                    const char *input)
{
  gsize n = strlen (input);

  if (message[0] == '"' && strncmp (message + 1, input, n) == 0 &&
      message[n + 1] == '"' && message[n + 2] == ' ')
    return message + n + 3;
  return message;
}

static gboolean
require (AllotImporter *self,
         guint          field,
         gboolean       required,
         const char    *text)
{
  if (text != NULL)
    return TRUE;
  if (required)
    allot_import_fail (self, field, _("is required"));
  return !required;
}

static gboolean
check_text (AllotImporter *self,
            guint          field)
{
  int column = column_of (self, field);
  g_autofree char *shown = NULL;
  guint line, col;

  if (allot_csv_reader_field_is_text (self->reader, (guint) column))
    return TRUE;
  shown = g_utf8_make_valid (allot_csv_reader_get_field (self->reader, (guint) column), -1);
  locate (self, field, &line, &col);
  add_issue (self, ALLOT_IMPORT_ERROR, line, col, self->spec->fields[field].name, shown,
             g_strdup_printf (_("%s: is not UTF-8 text (save the file as CSV UTF-8)"),
                              self->spec->fields[field].name));
  return FALSE;
}

gboolean
allot_import_text (AllotImporter *self,
                   guint          field,
                   gboolean       required,
                   char         **out)
{
  const char *text = allot_import_cell (self, field);
  const char *p;

  *out = NULL;
  if (text != NULL)
    {
      for (p = text; g_ascii_isspace (*p); p++)
        ;
      if (*p == '\0' && required)
        text = NULL;
    }
  if (text == NULL)
    return require (self, field, required, NULL);
  if (!check_text (self, field))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

gboolean
allot_import_code (AllotImporter *self,
                   guint          field,
                   gboolean       required,
                   char         **out)
{
  const char *text = allot_import_cell (self, field);

  *out = NULL;
  if (text != NULL && !check_text (self, field))
    return FALSE;
  if (text != NULL)
    {
      char *code = g_strstrip (g_strdup (text));

      if (*code != '\0')
        {
          *out = code;
          return TRUE;
        }
      g_free (code);
    }
  return require (self, field, required, NULL);
}

gboolean
allot_import_money (AllotImporter *self,
                    guint          field,
                    gboolean       required,
                    gint64        *out)
{
  const char *text = allot_import_cell (self, field);
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (text == NULL)
    return require (self, field, required, NULL);
  if (!allot_money_parse (text, out, &error))
    {
      allot_import_fail (self, field, "%s", strip_quoted_input (error->message, text));
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_import_date (AllotImporter *self,
                   guint          field,
                   gboolean       required,
                   GDate         *out)
{
  const char *text = allot_import_cell (self, field);
  g_autoptr(GError) error = NULL;

  g_date_clear (out, 1);
  if (text == NULL)
    return require (self, field, required, NULL);
  if (!allot_date_parse (text, out, &error))
    {
      allot_import_fail (self, field, "%s", strip_quoted_input (error->message, text));
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_import_fiscal_year (AllotImporter *self,
                          guint          field,
                          gboolean       required,
                          int           *out)
{
  const char *text = allot_import_cell (self, field);
  const char *p;
  gboolean fy = FALSE;
  guint digits = 0;
  int year = 0;

  *out = 0;
  if (text == NULL)
    return require (self, field, required, NULL);
  for (p = text; g_ascii_isspace (*p); p++)
    ;
  if (g_ascii_strncasecmp (p, "fy", 2) == 0)
    {
      fy = TRUE;
      for (p += 2; *p == ' '; p++)
        ;
    }
  for (; g_ascii_isdigit (*p) && digits < 5; p++, digits++)
    year = year * 10 + (*p - '0');
  while (g_ascii_isspace (*p))
    p++;
  /* "FY26" is unambiguous; a bare "26" is not a year. */
  if (digits == 2 && fy)
    year += 2000;
  if (*p != '\0' || !(digits == 4 || (digits == 2 && fy)) || year < 1900 || year > 2999)
    {
      allot_import_fail (self, field, _("is not a fiscal year such as 2026 or FY2026"));
      return FALSE;
    }
  *out = year;
  return TRUE;
}

gboolean
allot_import_bool (AllotImporter *self,
                   guint          field,
                   gboolean      *out)
{
  static const char *const yes[] = { "yes", "y", "true", "t", "1", "x", NULL };
  static const char *const no[] = { "no", "n", "false", "f", "0", NULL };
  const char *text = allot_import_cell (self, field);
  g_autofree char *word = NULL;

  *out = FALSE;
  if (text == NULL)
    return TRUE;
  word = g_strstrip (g_ascii_strdown (text, -1));
  if (*word == '\0' || g_strv_contains (no, word))
    return TRUE;
  if (g_strv_contains (yes, word))
    {
      *out = TRUE;
      return TRUE;
    }
  allot_import_fail (self, field, _("is not yes or no"));
  return FALSE;
}

gboolean
allot_import_choice (AllotImporter *self,
                     guint          field,
                     gboolean       required,
                     gboolean     (*from_string) (const char *, int *),
                     const char    *aliases,
                     const char    *choices,
                     int           *out)
{
  const char *text = allot_import_cell (self, field);
  g_autofree char *word = NULL;

  if (text != NULL)
    {
      word = g_strstrip (g_ascii_strdown (text, -1));
      if (*word == '\0')
        text = NULL;
    }
  if (text == NULL)
    return require (self, field, required, NULL);
  g_strdelimit (word, " -", '_');
  /* Read in place: this runs for a few cells of every row. */
  for (const char *pair = aliases; pair != NULL && *pair != '\0';)
    {
      const char *end = strchr (pair, '|');
      const char *eq = strchr (pair, '=');

      if (end == NULL)
        end = pair + strlen (pair);
      if (eq != NULL && eq < end && strncmp (pair, word, (gsize) (eq - pair)) == 0 &&
          word[eq - pair] == '\0')
        {
          g_free (word);
          word = g_strndup (eq + 1, (gsize) (end - eq - 1));
          break;
        }
      pair = *end == '|' ? end + 1 : end;
    }
  if (!from_string (word, out))
    {
      allot_import_fail (self, field, _("is not one of: %s"), choices);
      return FALSE;
    }
  return TRUE;
}

AllotImportRowResult
allot_import_fail_store (AllotImporter *self,
                         GError        *error)
{
  /* Inside the batch this run holds the write lock, so LOCKED is a closed
   * period refusing the record, not a busy database; but once SQLite has
   * rolled the transaction back itself nothing after may be written. */
  if (error->domain != ALLOT_ERROR || error->code == ALLOT_ERROR_IO ||
      error->code == ALLOT_ERROR_CORRUPT || allot_db_get_autocommit (self->store->db))
    {
      if (self->abort_error == NULL)
        self->abort_error = g_error_copy (error);
      return ALLOT_IMPORT_ROW_ABORT;
    }
  {
    guint line, column;
    guint field = self->spec->blame;

    locate (self, field, &line, &column);
    add_issue (self, ALLOT_IMPORT_ERROR, line, column, NULL, allot_import_cell (self, field),
               g_strdup (error->message));
  }
  return ALLOT_IMPORT_ROW_FAILED;
}

/* The line of the row that added record @id, 0 when this run did not. */
static guint
added_line (AllotImporter *self,
            gint64         id)
{
  guint lo = 0, hi = self->added_runs->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const AddedRun *run = &g_array_index (self->added_runs, AddedRun, mid);

      if (id < run->first_id)
        hi = mid;
      else if (id >= run->first_id + run->count)
        lo = mid + 1;
      else
        return run->first_line + (guint) (id - run->first_id);
    }
  return 0;
}

AllotImportRowResult
allot_import_duplicate (AllotImporter *self,
                        guint          field,
                        gint64         id,
                        const char    *format,
                        ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  locate (self, field, &line, &column);

  if (self->first_added_id != 0 && id >= self->first_added_id)
    {
      guint first_line = added_line (self, id);
      add_issue (self, ALLOT_IMPORT_ERROR, line, column, self->spec->fields[field].name,
                 allot_import_cell (self, field),
                 g_strdup_printf (_("%s: %s appears twice in this file (first on line %u)"),
                                  self->spec->fields[field].name, message, first_line));
      return ALLOT_IMPORT_ROW_FAILED;
    }
  self->n_duplicates++;
  add_issue (self, ALLOT_IMPORT_DUPLICATE, line, column, self->spec->fields[field].name,
             allot_import_cell (self, field),
             g_strdup_printf (_("duplicate: %s already exists; skipped"), message));
  return ALLOT_IMPORT_ROW_DUPLICATE;
}

AllotImportRowResult
allot_import_added (AllotImporter *self,
                    gint64         id,
                    const char    *format,
                    ...)
{
  guint line = allot_csv_reader_get_line (self->reader);
  AddedRun *last = self->added_runs->len > 0
                   ? &g_array_index (self->added_runs, AddedRun, self->added_runs->len - 1)
                   : NULL;

  if (last != NULL && id == last->first_id + last->count &&
      line == last->first_line + last->count)
    last->count++;
  else
    {
      AddedRun run = { id, line, 1 };
      g_array_append_val (self->added_runs, run);
    }
  if (allot_import_keeps_summaries (self))
    {
      AllotImportRow *row = g_new0 (AllotImportRow, 1);
      va_list args;

      row->line = line;
      row->id = id;
      va_start (args, format);
      row->summary = g_strdup_vprintf (format, args);
      va_end (args);
      g_ptr_array_add (self->added, row);
    }
  if (self->first_added_id == 0)
    self->first_added_id = id;
  self->n_added++;
  return ALLOT_IMPORT_ROW_ADDED;
}

/* ---- the run ---- */

static void
reset_results (AllotImporter *self)
{
  g_ptr_array_set_size (self->issues, 0);
  g_ptr_array_set_size (self->added, 0);
  g_array_set_size (self->added_runs, 0);
  self->added_ids_void = FALSE;
  g_ptr_array_set_size (self->columns, 0);
  g_ptr_array_set_size (self->column_fields, 0);
  g_ptr_array_add (self->columns, NULL);
  g_ptr_array_add (self->column_fields, NULL);
  g_clear_pointer (&self->field_column, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_error (&self->abort_error);
  self->n_rows = self->n_added = self->n_duplicates = self->n_errors = 0;
  memset (self->n_issues, 0, sizeof self->n_issues);
  self->first_added_id = 0;
  self->delimiter = ',';
  self->event_id = 0;
}

/* Matches the header to fields; FALSE when a required column is missing or
 * two columns claim one field. */
static gboolean
read_header (AllotImporter *self)
{
  AllotCsvReader *reader = self->reader;
  guint n = allot_csv_reader_get_n_fields (reader);
  guint line = allot_csv_reader_get_line (reader);
  gboolean ok = TRUE;

  self->field_column = g_new (int, self->n_fields);
  for (guint i = 0; i < self->n_fields; i++)
    self->field_column[i] = -1;

  g_ptr_array_set_size (self->columns, 0);
  g_ptr_array_set_size (self->column_fields, 0);
  for (guint c = 0; c < n; c++)
    {
      const char *name = allot_csv_reader_get_field (reader, c);
      g_autofree char *key = normalize_name (name);
      gpointer index = NULL;
      guint field;

      g_ptr_array_add (self->columns, g_utf8_make_valid (name, -1));
      if (!g_hash_table_lookup_extended (self->mappings, key, NULL, &index))
        index = g_hash_table_lookup (self->aliases, key);
      if (GPOINTER_TO_UINT (index) == IGNORED_FIELD)
        {
          g_ptr_array_add (self->column_fields, NULL);
          continue;
        }
      if (index == NULL)
        {
          g_ptr_array_add (self->column_fields, NULL);
          if (*key == '\0')
            {
              /* Trailing delimiters often leave nameless columns: they
               * must be empty, which the rows check. */
              continue;
            }
          add_issue (self, ALLOT_IMPORT_UNKNOWN, line, c + 1, NULL, name,
                     g_strdup (_("unknown column, ignored (--map COLUMN=FIELD reads it)")));
          continue;
        }
      field = GPOINTER_TO_UINT (index) - 1;
      if (self->field_column[field] >= 0)
        {
          g_ptr_array_add (self->column_fields, NULL);
          add_issue (self, ALLOT_IMPORT_ERROR, line, c + 1, self->spec->fields[field].name, name,
                     g_strdup_printf (_("column %d is already read as %s"),
                                      self->field_column[field] + 1,
                                      self->spec->fields[field].name));
          ok = FALSE;
          continue;
        }
      self->field_column[field] = (int) c;
      g_ptr_array_add (self->column_fields, (gpointer) self->spec->fields[field].name);
    }
  g_ptr_array_add (self->columns, NULL);
  g_ptr_array_add (self->column_fields, NULL);

  for (guint i = 0; i < self->n_fields; i++)
    if (self->spec->fields[i].required && self->field_column[i] < 0)
      {
        g_auto(GStrv) names = allot_import_field_dup_aliases (self->spec->kind,
                                                              self->spec->fields[i].name);
        g_autofree char *list = g_strjoinv (", ", names);

        add_issue (self, ALLOT_IMPORT_ERROR, line, 0, self->spec->fields[i].name, NULL,
                   g_strdup_printf (_("no column for %s (a header named one of: %s; or "
                                      "--map COLUMN=%s)"),
                                    self->spec->fields[i].name, list,
                                    self->spec->fields[i].name));
        ok = FALSE;
      }
  return ok;
}

/* Cells beyond the header must be empty. */
static gboolean
check_row_width (AllotImporter *self)
{
  guint n = allot_csv_reader_get_n_fields (self->reader);
  guint width = self->columns->len - 1;
  gboolean ok = TRUE;

  for (guint c = 0; c < n; c++)
    {
      const char *text = allot_csv_reader_get_field (self->reader, c);

      if (*text == '\0' || (c < width && (self->column_fields->pdata[c] != NULL ||
                                          *(const char *) self->columns->pdata[c] != '\0')))
        continue;
      if (c >= width || *(const char *) self->columns->pdata[c] == '\0')
        {
          add_issue (self, ALLOT_IMPORT_ERROR, allot_csv_reader_get_field_line (self->reader, c),
                     c + 1, NULL, text,
                     c >= width
                     ? g_strdup_printf (_("more fields than the %u columns of the header"), width)
                     : g_strdup (_("a value in a column without a name")));
          ok = FALSE;
          if (c >= width)
            break;
        }
    }
  return ok;
}

static void
report_progress (AllotImporter *self)
{
  gsize length = 0;

  if (self->progress == NULL)
    return;
  allot_csv_reader_get_data (self->reader, &length);
  self->progress (allot_csv_reader_get_offset (self->reader), length, self->n_rows,
                  self->progress_data);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void append_added_range (AllotImporter *self, GString *json);
static gboolean remember_event_id (AllotImporter *self, GError **error);

static gboolean
log_import (AllotImporter *self,
            GError       **error)
{
  g_autoptr(GString) json = g_string_new ("{\"kind\":");
  g_autofree char *base = g_path_get_basename (self->file_name);

  append_json_string (json, self->spec->name);
  g_string_append (json, ",\"file\":");
  append_json_string (json, base);
  g_string_append (json, ",\"path\":");
  append_json_string (json, self->file_name);
  g_string_append (json, ",\"sha256\":");
  append_json_string (json, self->sha256);
  g_string_append_printf (json, ",\"rows\":%u,\"added\":%u,\"duplicates\":%u",
                          self->n_rows, self->n_added, self->n_duplicates);
  append_added_range (self, json);
  g_string_append_c (json, '}');
  if (!allot_store_log_event (self->store, "import", self->spec->table, 0, json->str, error))
    return FALSE;
  return remember_event_id (self, error);
}

static gboolean finish_batch (AllotImporter *self, gboolean cancelled, GCancellable *cancellable,
                              GError **error);

/* The file's digest is computed as the reader goes, over the bytes it has
 * consumed: one pass over the file instead of two, and the pages read can
 * be dropped behind the reader (allot-csv-reader.c). */
static void
digest_to (AllotImporter *self,
           AllotSha256   *sha,
           gsize         *hashed,
           gsize          offset)
{
  const char *data = allot_csv_reader_get_data (self->reader, NULL);

  if (offset > *hashed)
    {
      allot_sha256_update (sha, data + *hashed, offset - *hashed);
      *hashed = offset;
    }
}

static void
digest_finish (AllotImporter *self,
               AllotSha256   *sha,
               gsize         *hashed)
{
  char digest[65];
  gsize length = 0;

  /* A preview reads a few rows: hashing the rest of a large file would
   * hold up the assistant's window for nothing. */
  if (self->max_rows > 0)
    {
      g_clear_pointer (&self->sha256, g_free);
      return;
    }
  allot_csv_reader_get_data (self->reader, &length);
  digest_to (self, sha, hashed, length);
  allot_sha256_finish (sha, digest);
  g_free (self->sha256);
  self->sha256 = g_strdup (digest);
}

static gboolean
run_reader (AllotImporter  *self,
            GCancellable   *cancellable,
            GError        **error)
{
  AllotCsvReader *reader = self->reader;
  g_autoptr(GError) local = NULL;
  AllotSha256 sha;
  gsize hashed = 0;
  gpointer state = NULL;
  gboolean cancelled = FALSE;
  gint64 saved_cache_size = 0;
  gsize file_bytes = 0;
  gboolean ok;

  allot_sha256_init (&sha);
  allot_csv_reader_get_data (reader, &file_bytes);
  self->delimiter = allot_csv_reader_get_delimiter (reader);

  if (!allot_csv_reader_next (reader, &local))
    {
      if (local != NULL)
        add_issue (self, ALLOT_IMPORT_ERROR, allot_csv_reader_get_error_line (reader),
                   allot_csv_reader_get_error_column (reader), NULL, NULL,
                   g_strdup (local->message));
      else
        add_issue (self, ALLOT_IMPORT_ERROR, 1, 0, NULL, NULL,
                   g_strdup (_("the file is empty: the first line must name the columns")));
      goto refused;
    }
  if (!read_header (self))
    goto refused;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      digest_finish (self, &sha, &hashed);
      return FALSE;
    }
  if (allot_store_in_batch (self->store))
    {
      digest_finish (self, &sha, &hashed);
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED,
                   _("Another import or batch is already running on this database."));
      return FALSE;
    }
  allot_import_tune_store (self->store, TRUE, &saved_cache_size);
  if (!allot_store_begin_batch (self->store, error))
    {
      allot_import_tune_store (self->store, FALSE, &saved_cache_size);
      digest_finish (self, &sha, &hashed);
      return FALSE;
    }
  /* The kind's rows get their audit records in one pass at the end
   * (allot_audit_log_deferred(), from finish_batch()). */
  g_clear_pointer (&self->deferred_trigger, g_free);
  g_clear_pointer (&self->deferred_indexes, g_strfreev);
  /* Only a run that may commit: a dry run or preview (the assistant's, on
   * the main thread) would drop and restore indexes for nothing. */
  self->defer_audit = self->spec->defer_audit &&
                      allot_db_backend (self->store->db) == ALLOT_DB_SQLITE;
  if (!self->dry_run && self->max_rows == 0 &&
      ((self->defer_audit &&
        (self->deferred_trigger = allot_audit_defer (self->store->db, self->spec->table,
                                                     error)) == NULL) ||
       (self->deferred_indexes = allot_import_set_indexes_aside (
            self->store, self->spec, file_bytes, error)) == NULL))
    {
      allot_store_end_batch (self->store, FALSE, NULL);
      allot_import_tune_store (self->store, FALSE, &saved_cache_size);
      digest_finish (self, &sha, &hashed);
      return FALSE;
    }
  if (self->spec->state_new != NULL)
    state = self->spec->state_new ();

  for (;;)
    {
      AllotImportRowResult result;

      g_clear_error (&local);
      if (!allot_csv_reader_next (reader, &local))
        {
          if (local == NULL)
            break;
          add_issue (self, ALLOT_IMPORT_ERROR, allot_csv_reader_get_error_line (reader),
                     allot_csv_reader_get_error_column (reader), NULL, NULL,
                     g_strdup (local->message));
          continue;
        }
      self->n_rows++;
      digest_to (self, &sha, &hashed, allot_csv_reader_get_offset (reader));
      if (check_row_width (self))
        {
          result = self->spec->import_row (self, self->store, state);
          if (result == ALLOT_IMPORT_ROW_ABORT)
            {
              if (self->abort_error == NULL)
                self->abort_error = g_error_new (ALLOT_ERROR, ALLOT_ERROR_IO,
                                                 _("line %u could not be read"),
                                                 allot_csv_reader_get_line (reader));
              break;
            }
        }
      if (self->n_rows % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      if (self->n_rows % PROGRESS_EVERY == 0)
        report_progress (self);
      if (self->max_rows > 0 && self->n_rows >= self->max_rows)
        break;
    }
  if (state != NULL)
    self->spec->state_free (state);
  report_progress (self);
  g_clear_error (&local);
  digest_finish (self, &sha, &hashed);
  ok = finish_batch (self, cancelled, cancellable, &local);
  allot_import_tune_store (self->store, FALSE, &saved_cache_size);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!ok)
    goto refused;
  return TRUE;

refused:
  if (self->sha256 == NULL)
    digest_finish (self, &sha, &hashed);
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE, "%s: %u error; nothing was imported.",
                            "%s: %u errors; nothing was imported.", self->n_errors),
               self->file_name, self->n_errors);
  return FALSE;
}

/* Commits the batch, or rolls it back after errors, on a dry run or when
 * cancelled.  FALSE with @error unset when rows were refused. */
static gboolean
finish_batch (AllotImporter *self,
              gboolean       cancelled,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean ok;

  if (self->abort_error != NULL)
    {
      allot_store_end_batch (self->store, FALSE, NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&self->abort_error),
                                  _("%s: the import stopped, nothing was written: "),
                                  self->file_name);
      return FALSE;
    }
  if (cancelled || g_cancellable_is_cancelled (cancellable))
    {
      allot_store_end_batch (self->store, FALSE, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("The import of %s was cancelled; nothing was written."), self->file_name);
      return FALSE;
    }
  if (self->n_errors > 0 || self->dry_run || self->max_rows > 0)
    {
      allot_store_end_batch (self->store, FALSE, NULL);
      /* Nothing was stored: do not hand out ids of rolled-back rows. */
      for (guint i = 0; i < self->added->len; i++)
        ((AllotImportRow *) self->added->pdata[i])->id = 0;
      self->added_ids_void = TRUE;
      return self->n_errors == 0;
    }
  /* An error SQLite answered with a rollback of its own would have left
   * the rows after it committed one by one: refuse to call that an import. */
  if (allot_db_get_autocommit (self->store->db))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("%s: the database ended the import's transaction early; "
                     "check the ledger before importing again."), self->file_name);
      allot_store_end_batch (self->store, FALSE, NULL);
      return FALSE;
    }
  ok = allot_import_restore_indexes (self->store, self->deferred_indexes, error) &&
       log_import (self, error);
  if (ok && self->defer_audit)
    ok = allot_audit_log_deferred (self->store->db, self->spec->table, self->deferred_trigger,
                                   self->event_id,
                                   (const AllotAuditRun *) (gpointer) self->added_runs->data,
                                   self->added_runs->len, error);
  if (!ok)
    {
      allot_store_end_batch (self->store, FALSE, NULL);
      return FALSE;
    }
  return allot_store_end_batch (self->store, TRUE, error);
}

static gboolean
run (AllotImporter  *self,
     AllotCsvReader *reader,
     GCancellable   *cancellable,
     GError        **error)
{
  gboolean ok;

  self->reader = reader;
  g_free (self->file_name);
  self->file_name = g_strdup (allot_csv_reader_get_name (reader));
  ok = run_reader (self, cancellable, error);
  self->reader = NULL;
  return ok;
}

gboolean
allot_importer_run_path (AllotImporter *self,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(AllotCsvReader) reader = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reset_results (self);
  g_free (self->file_name);
  self->file_name = g_strdup (path);
  reader = allot_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;
  return run (self, reader, cancellable, error);
}

gboolean
allot_importer_run_data (AllotImporter *self,
                         const char    *name,
                         const char    *data,
                         gsize          length,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(AllotCsvReader) reader = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reset_results (self);
  reader = allot_csv_reader_new_for_data (name, data, length);
  return run (self, reader, cancellable, error);
}

/* ---- in a thread ---- */

/* Shared by the task and the progress calls queued on the caller's context,
 * whichever ends last frees it. */
typedef struct {
  GMainContext *context;
  AllotImportProgressFunc func;
  gpointer data;
} AsyncProgress;

typedef struct {
  AsyncProgress *async;
  guint64 done, total;
  guint rows;
} ProgressCall;

static void
async_progress_clear (gpointer data)
{
  AsyncProgress *async = data;

  g_main_context_unref (async->context);
}

static void
async_progress_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, async_progress_clear);
}

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->async->func (call->done, call->total, call->rows, call->async->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  async_progress_release (call->async);
  g_free (call);
}

static void
thread_progress_cb (guint64  done,
                    guint64  total,
                    guint    rows,
                    gpointer user_data)
{
  AsyncProgress *async = user_data;
  ProgressCall *call = g_new (ProgressCall, 1);

  call->async = g_atomic_rc_box_acquire (async);
  call->done = done;
  call->total = total;
  call->rows = rows;
  g_main_context_invoke_full (async->context, G_PRIORITY_DEFAULT, progress_call_cb, call,
                              progress_call_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AllotImporter *self = g_object_get_data (G_OBJECT (task), "allot-importer");
  const char *path = task_data;
  GError *error = NULL;

  if (allot_importer_run_path (self, path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
allot_importer_run_async (AllotImporter       *self,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, allot_importer_run_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "allot-importer", self);
  if (self->progress != NULL)
    {
      AsyncProgress *async = g_atomic_rc_box_new0 (AsyncProgress);

      async->context = g_main_context_ref_thread_default ();
      async->func = self->progress;
      async->data = self->progress_data;
      /* The thread reports to a forwarder; the caller's function comes
       * back in allot_importer_run_finish(). */
      self->progress = thread_progress_cb;
      self->progress_data = async;
      g_object_set_data_full (G_OBJECT (task), "allot-progress", async, async_progress_release);
    }
  g_task_run_in_thread (task, import_thread);
}

gboolean
allot_importer_run_finish (AllotImporter  *self,
                           GAsyncResult   *result,
                           GError        **error)
{
  AsyncProgress *async;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  async = g_object_get_data (G_OBJECT (result), "allot-progress");
  if (async != NULL && self->progress == thread_progress_cb)
    {
      self->progress = async->func;
      self->progress_data = async->data;
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- results ---- */

const char *const *
allot_importer_get_columns (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *const *) self->columns->pdata;
}

const char *const *
allot_importer_get_column_fields (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char *const *) self->column_fields->pdata;
}

char
allot_importer_get_delimiter (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

guint
allot_importer_get_n_rows (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

guint
allot_importer_get_n_added (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_added;
}

guint
allot_importer_get_n_duplicates (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_duplicates;
}

guint
allot_importer_get_n_errors (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_errors;
}

GPtrArray *
allot_importer_get_issues (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->issues;
}

GPtrArray *
allot_importer_get_added (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  /* Without summaries the rows are only runs until someone asks. */
  if (self->added->len < self->n_added)
    {
      g_ptr_array_set_size (self->added, 0);
      for (guint r = 0; r < self->added_runs->len; r++)
        {
          const AddedRun *run = &g_array_index (self->added_runs, AddedRun, r);

          for (guint i = 0; i < run->count; i++)
            {
              AllotImportRow *row = g_new0 (AllotImportRow, 1);

              row->line = run->first_line + i;
              row->id = self->added_ids_void ? 0 : run->first_id + i;
              g_ptr_array_add (self->added, row);
            }
        }
    }
  return self->added;
}

const char *
allot_importer_get_sha256 (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sha256;
}

/* ---- undoing an import ----
 *
 * The import event names the range of ids the import added to its table
 * ("first_id" .. "last_id"): the batch held the write lock, so every row of
 * that range is the import's.  Undo voids them, newest first (a liquidation
 * before its obligation), in one batch, through the same void functions as
 * hand voiding where the store has them (closed periods, dependants and a
 * forfeiture fund's authority are checked there).  Sources are neither
 * voided nor deleted anywhere in Allot (allocations and reports point at
 * them), so an import of sources is not undone: it is refused, not faked by
 * closing them. */

static void
append_added_range (AllotImporter *self,
                    GString       *json)
{
  const AddedRun *first, *last;

  if (self->added_runs->len == 0)
    return;
  first = &g_array_index (self->added_runs, AddedRun, 0);
  last = &g_array_index (self->added_runs, AddedRun, self->added_runs->len - 1);
  g_string_append_printf (json, ",\"first_id\":%" G_GINT64_FORMAT ",\"last_id\":%" G_GINT64_FORMAT,
                          first->first_id, last->first_id + (gint64) last->count - 1);
}

/* Inside the batch: the event just logged is the newest "import" row. */
static gboolean
remember_event_id (AllotImporter *self,
                   GError       **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (self->store->db,
      "SELECT COALESCE (max (id), 0) FROM audit_log WHERE action = 'import'", error);

  return stmt != NULL && allot_db_query_int64 (self->store->db, stmt, &self->event_id, error);
}

gint64
allot_importer_get_event_id (AllotImporter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->event_id;
}

typedef struct {
  AllotImportKind kind;
  char *file;
  char *sha256;
  gint64 added;
  gint64 first_id;     /* 0: not recorded */
  gint64 last_id;
  gint64 n_undone;     /* earlier undo events of it */
} ImportEvent;

static void
import_event_clear (ImportEvent *event)
{
  g_free (event->file);
  g_free (event->sha256);
}

static gboolean
read_import_event (AllotStore  *store,
                   gint64       event_id,
                   ImportEvent *event,
                   GError     **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (store->db,
      "SELECT action, json_extract (after, '$.kind'), json_extract (after, '$.file'),"
      " json_extract (after, '$.sha256'), json_extract (after, '$.added'),"
      " json_extract (after, '$.first_id'), json_extract (after, '$.last_id'),"
      " (SELECT count(*) FROM audit_log u WHERE u.action = 'import_undo'"
      "  AND u.table_name = 'audit_log' AND u.record_id = ?1)"
      " FROM audit_log WHERE id = ?1", error);
  g_autofree char *action = NULL;
  g_autofree char *kind = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, event_id);
  rc = allot_stmt_step (stmt);
  if (rc != ALLOT_DB_ROW && rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (store->db, rc, error, _("Could not read the audit log"));
      return FALSE;
    }
  if (rc == ALLOT_DB_ROW)
    {
      action = allot_db_column_dup (stmt, 0);
      kind = allot_db_column_dup (stmt, 1);
      event->file = allot_db_column_dup (stmt, 2);
      event->sha256 = allot_db_column_dup (stmt, 3);
      event->added = allot_stmt_column_int64 (stmt, 4);
      event->first_id = allot_stmt_column_int64 (stmt, 5);
      event->last_id = allot_stmt_column_int64 (stmt, 6);
      event->n_undone = allot_stmt_column_int64 (stmt, 7);
    }
  if (rc != ALLOT_DB_ROW || g_strcmp0 (action, "import") != 0 ||
      !allot_import_kind_from_string (kind, &event->kind))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                   _("Audit event %" PRId64 " is not an import."), event_id);
      return FALSE;
    }
  return TRUE;
}

/* What stops a record of the import from being voided, one line each;
 * @what names the record for people. */
static void
add_problem (GPtrArray  *problems,
             const char *what,
             const char *why)
{
  g_ptr_array_add (problems, g_strdup_printf ("%s %s", what, why));
}

/* Checks the imported rows [first, last] of the event's table; fills
 * @ids (newest first) and @problems. */
static gboolean
check_undoable (AllotStore        *store,
                const ImportEvent *event,
                GArray            *ids,
                GPtrArray         *problems,
                GError           **error)
{
  static const char *const sql[] = {
    [ALLOT_IMPORT_ALLOCATIONS] =
      "SELECT a.id, s.code || '/' || t.code || '/' || c.code || '/FY' || a.fiscal_year,"
      " a.voided, a.version,"
      " (SELECT count(*) FROM ledger_entries e WHERE e.allocation_id = a.id AND e.voided = 0)"
      " FROM allocations a JOIN sources s ON s.id = a.source_id"
      " JOIN task_forces t ON t.id = a.task_force_id JOIN categories c ON c.id = a.category_id"
      " WHERE a.id BETWEEN ?1 AND ?2 ORDER BY a.id DESC",
    [ALLOT_IMPORT_LEDGER] =
      "SELECT e.id, e.kind || ' ' || e.document_number, e.voided, e.version,"
      " (SELECT count(*) FROM ledger_entries d WHERE d.obligation_id = e.id AND d.voided = 0"
      "  AND d.id NOT BETWEEN ?1 AND ?2)"
      " FROM ledger_entries e WHERE e.id BETWEEN ?1 AND ?2 ORDER BY e.id DESC",
    [ALLOT_IMPORT_RECEIPTS] =
      "SELECT r.id, s.code || ' ' || COALESCE (r.case_number, r.kind) || ' of '"
      " || r.received_date, r.voided, 1, 0"
      " FROM receipts r JOIN sources s ON s.id = r.source_id"
      " WHERE r.id BETWEEN ?1 AND ?2 ORDER BY r.id DESC",
  };
  g_autoptr(AllotStmt) stmt = allot_db_prepare (store->db, sql[event->kind], error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, event->first_id);
  allot_stmt_bind_int64 (stmt, 2, event->last_id);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    {
      gint64 id = allot_stmt_column_int64 (stmt, 0);
      g_autofree char *what = allot_db_column_dup (stmt, 1);
      gint64 version = allot_stmt_column_int64 (stmt, 3);
      gint64 dependants = allot_stmt_column_int64 (stmt, 4);

      g_array_append_val (ids, id);
      if (allot_stmt_column_int (stmt, 2) != 0)
        add_problem (problems, what, _("was voided since the import"));
      else if (version > 1)
        add_problem (problems, what,
                     _("was changed since the import (edited, submitted or reviewed)"));
      else if (dependants > 0 && event->kind == ALLOT_IMPORT_ALLOCATIONS)
        add_problem (problems, what, _("has ledger entries charged to it"));
      else if (dependants > 0)
        add_problem (problems, what, _("has later entries against it"));
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (store->db, rc, error, _("Could not read the imported records"));
      return FALSE;
    }
  if ((gint64) ids->len != event->added)
    add_problem (problems, event->file,
                 _("no longer matches the records it added (the audit log and the "
                   "table disagree)"));
  return TRUE;
}

/* Voids allocation @id inside the batch: the store has no function for it,
 * only drafts and returned allocations are edited there. */
static gboolean
void_allocation (AllotStore *store,
                 gint64      id,
                 const char *reason,
                 GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (store->db,
      "UPDATE allocations SET voided = 1, void_reason = ?2, updated_by = ?3,"
      " version = version + 1 WHERE id = ?1 AND voided = 0", error);

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  allot_stmt_bind_text (stmt, 2, reason, -1, ALLOT_BIND_COPY);
  allot_stmt_bind_text (stmt, 3, allot_store_get_user (store), -1, ALLOT_BIND_COPY);
  return allot_db_step_done (store->db, stmt, error);
}

/* The name of record @id of the event's table, for an error message. */
static char *
record_name (AllotStore      *store,
             AllotImportKind  kind,
             gint64           id)
{
  static const char *const sql[] = {
    [ALLOT_IMPORT_ALLOCATIONS] = "SELECT 'allocation ' || id FROM allocations WHERE id = ?1",
    [ALLOT_IMPORT_LEDGER] =
      "SELECT kind || ' ' || document_number FROM ledger_entries WHERE id = ?1",
    [ALLOT_IMPORT_RECEIPTS] =
      "SELECT 'receipt ' || COALESCE (case_number, kind) || ' of ' || received_date"
      " FROM receipts WHERE id = ?1",
  };
  g_autoptr(AllotStmt) stmt = allot_db_prepare (store->db, sql[kind], NULL);
  char *name = NULL;

  if (stmt != NULL)
    {
      allot_stmt_bind_int64 (stmt, 1, id);
      if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
        name = allot_db_column_dup (stmt, 0);
    }
  return name != NULL ? name : g_strdup_printf ("%" PRId64, id);
}

static gboolean
log_undo (AllotStore        *store,
          gint64             event_id,
          const ImportEvent *event,
          guint              n_voided,
          GError           **error)
{
  g_autoptr(GString) json = g_string_new ("{\"kind\":");

  append_json_string (json, allot_import_kind_to_string (event->kind));
  g_string_append (json, ",\"file\":");
  append_json_string (json, event->file != NULL ? event->file : "");
  g_string_append (json, ",\"sha256\":");
  append_json_string (json, event->sha256 != NULL ? event->sha256 : "");
  g_string_append_printf (json, ",\"import_event\":%" G_GINT64_FORMAT ",\"voided\":%u}",
                          event_id, n_voided);
  return allot_store_log_event (store, "import_undo", "audit_log", event_id, json->str, error);
}

gboolean
allot_import_undo (AllotStore *store,
                   gint64      event_id,
                   guint      *out_n_voided,
                   GError    **error)
{
  ImportEvent event = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reason = NULL;
  GError *local = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ALLOT_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_n_voided != NULL)
    *out_n_voided = 0;
  if (!read_import_event (store, event_id, &event, error))
    goto out;
  if (event.n_undone > 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The import of %s was already undone."), event.file);
      goto out;
    }
  if (event.kind == ALLOT_IMPORT_SOURCES)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("An import of sources cannot be undone: sources are never voided or "
                     "deleted. Close or correct the sources of %s one by one."), event.file);
      goto out;
    }
  if (event.added == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The import of %s added nothing; there is nothing to undo."), event.file);
      goto out;
    }
  if (event.first_id == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The import of %s was recorded without the records it added (by an older "
                     "Allot), so it cannot be undone as a whole; void its records one by one."),
                   event.file);
      goto out;
    }
  if (allot_store_in_batch (store))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED,
                   _("Another import or batch is already running on this database."));
      goto out;
    }
  if (!allot_store_begin_batch (store, error))
    goto out;

  /* Checked inside the batch, so nobody changes them in between. */
  if (!check_undoable (store, &event, ids, problems, &local))
    goto rollback;
  if (problems->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < problems->len && i < 10; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? "; " : "",
                                (const char *) problems->pdata[i]);
      if (problems->len > 10)
        g_string_append_printf (list, g_dngettext (GETTEXT_PACKAGE, "; and %u more",
                                                   "; and %u more", problems->len - 10),
                                problems->len - 10);
      g_set_error (&local, ALLOT_ERROR, ALLOT_ERROR_CONFLICT,
                   _("The import of %s cannot be undone, nothing was changed: %s."),
                   event.file, list->str);
      goto rollback;
    }

  reason = g_strdup_printf (_("Import of %s undone"), event.file);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gboolean voided;

      switch (event.kind)
        {
        case ALLOT_IMPORT_LEDGER:
          voided = allot_store_void_entry (store, id, reason, &local);
          break;
        case ALLOT_IMPORT_RECEIPTS:
          voided = allot_store_void_record (store, ALLOT_VOIDABLE_RECEIPT, id, reason, &local);
          break;
        case ALLOT_IMPORT_ALLOCATIONS:
          voided = void_allocation (store, id, reason, &local);
          break;
        case ALLOT_IMPORT_SOURCES:
        default:
          g_assert_not_reached ();
        }
      if (!voided)
        {
          g_autofree char *name = record_name (store, event.kind, id);

          g_prefix_error (&local, _("The import of %s cannot be undone, nothing was changed: "
                                    "%s: "), event.file, name);
          goto rollback;
        }
    }
  if (!log_undo (store, event_id, &event, ids->len, &local))
    goto rollback;
  ok = allot_store_end_batch (store, TRUE, error);
  if (ok && out_n_voided != NULL)
    *out_n_voided = ids->len;
  goto out;

rollback:
  allot_store_end_batch (store, FALSE, NULL);
  g_propagate_error (error, local);
out:
  import_event_clear (&event);
  return ok;
}
