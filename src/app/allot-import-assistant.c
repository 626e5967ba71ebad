/* allot-import-assistant.c: importing a CSV file from the app (issue 7).
 *
 * Steps, as pages of one stack: choose (kind and file), check (the field
 * each column is read as, and a preview), progress, summary.  The preview is
 * the importer's own dry run over the first PREVIEW_ROWS rows, so it shows
 * exactly what the import would refuse: errors are marked on their cell
 * (icon and message) and on their row; duplicates and the rows that would be
 * added are marked on their row.  The cells themselves are read again with
 * the CSV reader, since the importer keeps no rows.
 *
 * The import runs in a worker thread on the session's store; the assistant
 * is modal, so nothing else writes meanwhile, and it cannot be closed until
 * the run ends (closing cancels it).  A cancelled import is rolled back by
 * the core.  Undo voids everything the import added (allot_import_undo()).
 */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-error.h"
#include "allot-import-assistant.h"
#include "allot-import-assistant-preview.h"

#define PREVIEW_ROWS 50

struct _AllotImportAssistant
{
  AdwWindow parent_instance;

  /* template */
  AdwWindowTitle *window_title;
  GtkWidget *back_button;
  GtkWidget *close_button;
  GtkWidget *next_button;
  GtkWidget *import_button;
  GtkStack *stack;
  AdwComboRow *kind_row;
  GtkStringList *kind_list;
  AdwActionRow *file_row;
  GtkLabel *delimiter_label;
  GtkWidget *missing_box;
  GtkLabel *missing_label;
  AdwPreferencesGroup *columns_group;
  GtkLabel *preview_summary;
  GtkLabel *file_issues;
  GtkGrid *preview_grid;
  AdwStatusPage *progress_page;
  GtkProgressBar *progress_bar;
  AdwStatusPage *summary_page;
  GtkLabel *summary_issues;
  GtkWidget *undo_button;

  AllotWindow *window;          /* weak */
  AllotSession *session;
  AllotImportKind kind;
  char *path;
  AllotImporter *importer;
  GPtrArray *column_rows;       /* AdwComboRow, one per column of the file */
  GPtrArray *rows;              /* AllotPreviewRow */
  gboolean preview_clean;
  GCancellable *cancellable;
  gboolean running;
  gboolean close_after_run;
  gint64 event_id;
  gboolean undone;
  guint pulse_id;
};

G_DEFINE_FINAL_TYPE (AllotImportAssistant, allot_import_assistant, ADW_TYPE_WINDOW)

static const char *
kind_title (AllotImportKind kind)
{
  switch (kind)
    {
    case ALLOT_IMPORT_SOURCES:
      return _("Funding sources");
    case ALLOT_IMPORT_ALLOCATIONS:
      return _("Allocations");
    case ALLOT_IMPORT_LEDGER:
      return _("Ledger entries");
    case ALLOT_IMPORT_RECEIPTS:
      return _("Forfeiture receipts");
    default:
      return "";
    }
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    default:
      return _("commas");
    }
}

static void
update_buttons (AllotImportAssistant *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  gboolean choose = g_str_equal (step, "choose");
  gboolean check = g_str_equal (step, "check");
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_visible (self->back_button, check);
  gtk_widget_set_visible (self->close_button, choose || check);
  gtk_widget_set_visible (self->next_button, choose);
  gtk_widget_set_visible (self->import_button, check);
  gtk_widget_action_set_enabled (widget, "assistant.next", choose && self->path != NULL);
  gtk_widget_action_set_enabled (widget, "assistant.back", check);
  gtk_widget_action_set_enabled (widget, "assistant.choose-file", choose);
  gtk_widget_action_set_enabled (widget, "assistant.import",
                                 check && allot_import_assistant_can_import (self));
  /* Undo runs without a cancellable: it is short and all or nothing. */
  gtk_widget_action_set_enabled (widget, "assistant.cancel",
                                 self->running && self->cancellable != NULL);
  gtk_widget_action_set_enabled (widget, "assistant.undo",
                                 g_str_equal (step, "summary") && self->event_id > 0 &&
                                 !self->undone);
}

static void
show_step (AllotImportAssistant *self,
           const char           *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  if (g_str_equal (step, "choose"))
    adw_window_title_set_subtitle (self->window_title, NULL);
  update_buttons (self);
}

/* ---- the preview ---- */

static gboolean
read_rows (AllotImportAssistant *self,
           GError              **error)
{
  GPtrArray *rows = allot_import_preview_read (self->path, PREVIEW_ROWS, error);

  if (rows == NULL)
    return FALSE;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  return TRUE;
}

static void
fill_preview (AllotImportAssistant *self)
{
  g_autofree char *outside = allot_import_preview_fill (self->preview_grid, self->rows,
                                                        self->importer);

  gtk_label_set_text (self->file_issues, outside);
  gtk_widget_set_visible (GTK_WIDGET (self->file_issues), *outside != '\0');
}

/* The required fields no column is read as, comma-separated, or NULL. */
static char *
missing_fields (AllotImportAssistant *self)
{
  const char *const *fields = allot_import_kind_list_fields (self->kind);
  const char *const *columns = allot_importer_get_columns (self->importer);
  const char *const *mapped = allot_importer_get_column_fields (self->importer);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      gboolean found = FALSE;

      /* Ignored columns are NULL among the fields: go by the columns. */
      for (guint c = 0; columns[c] != NULL && !found; c++)
        found = mapped[c] != NULL && g_str_equal (mapped[c], fields[i]);
      if (!found && allot_import_field_is_required (self->kind, fields[i]))
        g_ptr_array_add (missing, (gpointer) fields[i]);
    }
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  return g_strjoinv (", ", (char **) missing->pdata);
}

static void
run_preview (AllotImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *delimiter = NULL;
  gboolean ok;
  guint n_errors, n_rows, n_added, n_duplicates;

  allot_importer_set_max_rows (self->importer, PREVIEW_ROWS);
  allot_importer_set_dry_run (self->importer, TRUE);
  ok = allot_importer_run_path (self->importer, self->path, NULL, &error);
  n_errors = allot_importer_get_n_errors (self->importer);
  self->preview_clean = ok && n_errors == 0;
  if (!read_rows (self, &read_error))
    self->preview_clean = FALSE;

  delimiter = g_strdup_printf (_("Columns separated by %s."),
                               delimiter_name (allot_importer_get_delimiter (self->importer)));
  gtk_label_set_text (self->delimiter_label, delimiter);

  missing = missing_fields (self);
  if (missing != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Required fields not read from any column: "
                                                 "%s. Choose the column for each."), missing);
      gtk_label_set_text (self->missing_label, text);
      self->preview_clean = FALSE;
    }
  else
    gtk_label_set_text (self->missing_label, "");
  gtk_widget_set_visible (self->missing_box, missing != NULL);

  n_rows = allot_importer_get_n_rows (self->importer);
  n_added = allot_importer_get_n_added (self->importer);
  n_duplicates = allot_importer_get_n_duplicates (self->importer);
  if (error != NULL && !g_error_matches (error, ALLOT_ERROR, ALLOT_ERROR_INVALID))
    summary = g_strdup (error->message);
  else if (n_errors > 0 && n_rows == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The header line has %u error, so no row was "
                                            "checked: choose the column for each required field.",
                                            "The header line has %u errors, so no row was "
                                            "checked: choose the column for each required field.",
                                            n_errors), n_errors);
  else if (n_errors > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The first %u rows have %u error: fix the file "
                                            "(or the columns) before importing.",
                                            "The first %u rows have %u errors: fix the file "
                                            "(or the columns) before importing.", n_errors),
                               n_rows, n_errors);
  else
    summary = g_strdup_printf (_("The first %u rows: %u would be added, %u are already in the "
                                 "database and would be skipped. The whole file is checked "
                                 "again when it is imported."),
                               n_rows, n_added, n_duplicates);
  gtk_label_set_text (self->preview_summary, summary);
  if (n_errors > 0 || error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_summary), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_summary), "error");
  fill_preview (self);
  update_buttons (self);
}

/* ---- the columns ---- */

static void
column_selected_cb (AdwComboRow          *row,
                    GParamSpec           *pspec,
                    AllotImportAssistant *self)
{
  const char *const *fields = allot_import_kind_list_fields (self->kind);
  const char *column = g_object_get_data (G_OBJECT (row), "allot-column");
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!allot_importer_map_column (self->importer, column,
                                  selected == 0 ? "ignore" : fields[selected - 1], &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  run_preview (self);
}

/* One list per column of the file, showing what the importer matched. */
static void
build_columns (AllotImportAssistant *self)
{
  const char *const *columns = allot_importer_get_columns (self->importer);
  const char *const *mapped = allot_importer_get_column_fields (self->importer);
  const char *const *fields = allot_import_kind_list_fields (self->kind);
  const AllotPreviewRow *first = self->rows->len > 0 ? self->rows->pdata[0] : NULL;

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
  g_ptr_array_set_size (self->column_rows, 0);

  for (guint c = 0; columns != NULL && columns[c] != NULL; c++)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint selected = 0;
      g_autofree char *sample = NULL;

      gtk_string_list_append (choices, _("Ignore"));
      for (guint f = 0; fields[f] != NULL; f++)
        {
          g_autofree char *label = allot_import_field_is_required (self->kind, fields[f])
                                   ? g_strdup_printf ("%s *", fields[f]) : g_strdup (fields[f]);

          gtk_string_list_append (choices, label);
          if (mapped[c] != NULL && g_str_equal (mapped[c], fields[f]))
            selected = f + 1;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *columns[c] != '\0' ? columns[c] : _("(no name)"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (first != NULL && first->cells != NULL && c < g_strv_length (first->cells))
        {
          sample = g_strdup_printf (_("e.g. %s"), first->cells[c]);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
        }
      adw_combo_row_set_model (row, G_LIST_MODEL (choices));
      adw_combo_row_set_selected (row, selected);
      g_object_set_data_full (G_OBJECT (row), "allot-column", g_strdup (columns[c]), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (column_selected_cb), self);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
}

static void
start_check (AllotImportAssistant *self)
{
  g_autofree char *base = g_path_get_basename (self->path);

  g_clear_pointer (&self->importer, allot_importer_free);
  self->importer = allot_importer_new (allot_session_get_store (self->session), self->kind);
  self->event_id = 0;
  self->undone = FALSE;
  run_preview (self);
  build_columns (self);
  adw_window_title_set_subtitle (self->window_title, base);
  show_step (self, "check");
}

/* ---- importing ---- */

static void
progress_cb (guint64  done,
             guint64  total,
             guint    rows,
             gpointer user_data)
{
  AllotImportAssistant *self = user_data;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row read",
                                                        "%u rows read", rows), rows);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static char *
issues_text (AllotImportAssistant *self,
             guint                 max)
{
  GPtrArray *issues = allot_importer_get_issues (self->importer);
  g_autofree char *base = g_path_get_basename (self->path);
  GString *out = g_string_new (NULL);
  guint shown = 0;

  for (guint i = 0; i < issues->len && shown < max; i++)
    {
      const AllotImportIssue *issue = issues->pdata[i];
      g_autofree char *line = NULL;

      if (issue->kind != ALLOT_IMPORT_ERROR)
        continue;
      line = allot_import_issue_format (issue, base);
      g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", line);
      shown++;
    }
  if (allot_importer_get_n_errors (self->importer) > shown)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "\n… and %u more error",
                                              "\n… and %u more errors",
                                              allot_importer_get_n_errors (self->importer) - shown),
                            allot_importer_get_n_errors (self->importer) - shown);
  return g_string_free (out, FALSE);
}

static void
show_summary (AllotImportAssistant *self,
              const char           *icon,
              const char           *title,
              const char           *description,
              const char           *issues)
{
  adw_status_page_set_icon_name (self->summary_page, icon);
  adw_status_page_set_title (self->summary_page, title);
  adw_status_page_set_description (self->summary_page, description);
  gtk_label_set_text (self->summary_issues, issues != NULL ? issues : "");
  gtk_widget_set_visible (GTK_WIDGET (self->summary_issues), issues != NULL && *issues != '\0');
  gtk_widget_set_visible (self->undo_button, self->event_id > 0 && !self->undone);
  show_step (self, "summary");
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AllotImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *issues = NULL;
  gboolean ok;

  ok = allot_importer_run_finish (self->importer, result, &error);
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (self->close_after_run)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (ok)
    {
      guint added = allot_importer_get_n_added (self->importer);

      /* Sources are never voided, so their import has no undo. */
      if (added > 0 && self->kind != ALLOT_IMPORT_SOURCES)
        self->event_id = allot_importer_get_event_id (self->importer);
      description = g_strdup_printf (_("%u added, %u duplicates skipped, 0 errors."), added,
                                     allot_importer_get_n_duplicates (self->importer));
      if (added > 0 && self->kind == ALLOT_IMPORT_SOURCES)
        {
          g_autofree char *more = g_strconcat (description, " ",
                                               _("An import of sources cannot be undone."), NULL);
          g_free (description);
          description = g_steal_pointer (&more);
        }
      allot_session_changed (self->session);
      show_summary (self, "emblem-ok-symbolic", _("Imported"), description, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_summary (self, "process-stop-symbolic", _("Import Cancelled"),
                  _("The import was rolled back: nothing was written."), NULL);
  else if (g_error_matches (error, ALLOT_ERROR, ALLOT_ERROR_INVALID))
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u error in the file, so nothing was "
                                                  "imported. Fix the file and import it again.",
                                                  "%u errors in the file, so nothing was "
                                                  "imported. Fix the file and import it again.",
                                                  allot_importer_get_n_errors (self->importer)),
                                     allot_importer_get_n_errors (self->importer));
      issues = issues_text (self, 20);
      show_summary (self, "dialog-error-symbolic", _("Nothing Imported"), description, issues);
    }
  else
    show_summary (self, "dialog-error-symbolic", _("Nothing Imported"), error->message, NULL);
}

/* The import and its undo write from a worker thread, on a connection of
 * their own: the session's store (its statement cache, its batch state)
 * belongs to the main thread, which keeps reading while they run.  WAL
 * lets both work on the file; the write lock keeps the batch whole. */
static AllotStore *
open_writer (AllotImportAssistant *self,
             GError              **error)
{
  AllotStore *main_store = allot_session_get_store (self->session);
  AllotStore *writer = allot_store_open (allot_store_get_path (main_store),
                                         ALLOT_STORE_OPEN_EXISTING, error);

  if (writer != NULL)
    allot_store_set_user (writer, allot_store_get_user (main_store));
  return writer;
}

/* The previewed importer's mapping, on a new importer for @writer. */
static AllotImporter *
importer_for (AllotImportAssistant *self,
              AllotStore           *writer)
{
  AllotImporter *importer = allot_importer_new (writer, self->kind);
  const char *const *columns = allot_importer_get_columns (self->importer);
  const char *const *fields = allot_importer_get_column_fields (self->importer);

  for (guint c = 0; columns != NULL && columns[c] != NULL; c++)
    {
      g_autoptr(GError) error = NULL;

      /* The fields came from this kind's own list: a refusal is a bug. */
      if (!allot_importer_map_column (importer, columns[c],
                                      fields[c] != NULL ? fields[c] : "ignore", &error))
        g_critical ("%s", error->message);
    }
  return importer;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (widget);
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;
  g_autoptr(AllotStore) writer = NULL;
  g_autoptr(GError) error = NULL;
  AllotImporter *importer;

  if (!allot_import_assistant_can_import (self) || self->running)
    return;
  base = g_path_get_basename (self->path);
  title = g_strdup_printf (_("Importing %s…"), base);
  adw_status_page_set_title (self->progress_page, title);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);

  writer = open_writer (self, &error);
  if (writer == NULL)
    {
      show_summary (self, "dialog-error-symbolic", _("Nothing Imported"), error->message, NULL);
      return;
    }
  importer = importer_for (self, writer);
  g_clear_pointer (&self->importer, allot_importer_free);
  self->importer = importer;
  allot_importer_set_progress_func (self->importer, progress_cb, self, NULL);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  show_step (self, "progress");
  allot_importer_run_async (self->importer, self->path, self->cancellable, import_done_cb,
                            g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_action_set_enabled (widget, "assistant.cancel", FALSE);
}

/* Undo voids every record of the import: seconds for a large file, so in
 * a worker thread, like the import itself. */
typedef struct {
  AllotStore *store;
  gint64 event_id;
} UndoRequest;

static void
undo_request_free (UndoRequest *request)
{
  g_object_unref (request->store);
  g_free (request);
}

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UndoRequest *request = task_data;
  GError *error = NULL;
  guint n_voided = 0;

  if (allot_import_undo (request->store, request->event_id, &n_voided, &error))
    g_task_return_int (task, n_voided);
  else
    g_task_return_error (task, error);
}

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *base = NULL;
  gssize n_voided;

  n_voided = g_task_propagate_int (G_TASK (result), &error);
  self->running = FALSE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->close_after_run)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (n_voided < 0)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Could Not Undo the Import"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      show_step (self, "summary");
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  self->undone = TRUE;
  allot_session_changed (self->session);
  base = g_path_get_basename (self->path);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u record voided, with the reason “Import of %s "
                                              "undone”. The totals are as before the import.",
                                              "%u records voided, with the reason “Import of %s "
                                              "undone”. The totals are as before the import.",
                                              (gulong) n_voided),
                                 (guint) n_voided, base);
  show_summary (self, "edit-undo-symbolic", _("Import Undone"), description, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  UndoRequest *request;

  if (self->event_id == 0 || self->undone || self->running)
    return;
  request = g_new0 (UndoRequest, 1);
  request->store = open_writer (self, &error);
  if (request->store == NULL)
    {
      g_free (request);
      show_summary (self, "dialog-error-symbolic", _("Could Not Undo the Import"),
                    error->message, NULL);
      return;
    }
  request->event_id = self->event_id;

  adw_status_page_set_title (self->progress_page, _("Undoing the import…"));
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  self->pulse_id = g_timeout_add (120, pulse_cb, self->progress_bar);
  self->running = TRUE;
  show_step (self, "progress");
  task = g_task_new (self, NULL, undo_done_cb, NULL);
  g_task_set_source_tag (task, undo_action);
  g_task_set_task_data (task, request, (GDestroyNotify) undo_request_free);
  g_task_run_in_thread (task, undo_thread);
}

/* ---- choosing ---- */

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     AllotImportAssistant *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_object_unref (chooser);
  if (path != NULL)
    allot_import_assistant_set_file (self, path);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  /* Not called once the assistant is gone (closed while the chooser is open). */
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (widget);

  if (self->path != NULL)
    start_check (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_step (ALLOT_IMPORT_ASSISTANT (widget), "choose");
}

static void
kind_changed_cb (AllotImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected < ALLOT_IMPORT_N_KINDS)
    self->kind = (AllotImportKind) selected;
}

static gboolean
close_request_cb (GtkWindow *window)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (window);

  /* The worker still uses the importer: cancel, and close when it ends. */
  if (self->running)
    {
      self->close_after_run = TRUE;
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  return FALSE;
}

/* ---- the object ---- */

static void
allot_import_assistant_dispose (GObject *object)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (object);

  g_clear_weak_pointer (&self->window);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_IMPORT_ASSISTANT);
  G_OBJECT_CLASS (allot_import_assistant_parent_class)->dispose (object);
}

static void
allot_import_assistant_finalize (GObject *object)
{
  AllotImportAssistant *self = ALLOT_IMPORT_ASSISTANT (object);

  g_clear_pointer (&self->importer, allot_importer_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_free (self->path);
  G_OBJECT_CLASS (allot_import_assistant_parent_class)->finalize (object);
}

static void
allot_import_assistant_class_init (AllotImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = allot_import_assistant_dispose;
  object_class->finalize = allot_import_assistant_finalize;
  window_class->close_request = close_request_cb;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, close_button);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, kind_list);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, delimiter_label);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, missing_box);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, missing_label);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, columns_group);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, preview_summary);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, file_issues);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, progress_page);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, summary_page);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, summary_issues);
  gtk_widget_class_bind_template_child (widget_class, AllotImportAssistant, undo_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);

  gtk_widget_class_install_action (widget_class, "assistant.choose-file", NULL,
                                   choose_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "assistant.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
allot_import_assistant_init (AllotImportAssistant *self)
{
  self->column_rows = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_preview_row_free);
  self->kind = ALLOT_IMPORT_LEDGER;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < ALLOT_IMPORT_N_KINDS; i++)
    gtk_string_list_append (self->kind_list, kind_title ((AllotImportKind) i));
  adw_combo_row_set_selected (self->kind_row, self->kind);
  show_step (self, "choose");
}

AllotImportAssistant *
allot_import_assistant_new (AllotWindow  *window,
                            AllotSession *session)
{
  AllotImportAssistant *self;

  g_return_val_if_fail (ALLOT_IS_WINDOW (window), NULL);
  g_return_val_if_fail (ALLOT_IS_SESSION (session), NULL);

  self = g_object_new (ALLOT_TYPE_IMPORT_ASSISTANT, "transient-for", window, NULL);
  g_set_weak_pointer (&self->window, window);
  self->session = g_object_ref (session);
  return self;
}

void
allot_import_assistant_set_kind (AllotImportAssistant *self,
                                 AllotImportKind       kind)
{
  g_return_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail ((guint) kind < ALLOT_IMPORT_N_KINDS);
  adw_combo_row_set_selected (self->kind_row, kind);
}

void
allot_import_assistant_set_file (AllotImportAssistant *self,
                                 const char           *path)
{
  g_autofree char *base = NULL;

  g_return_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (path != NULL);
  if (self->running)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  base = g_path_get_basename (path);
  adw_action_row_set_subtitle (self->file_row, base);
  start_check (self);
}

void
allot_import_assistant_map_column (AllotImportAssistant *self,
                                   const char           *column,
                                   const char           *field)
{
  const char *const *fields;

  g_return_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self));
  fields = allot_import_kind_list_fields (self->kind);
  for (guint i = 0; i < self->column_rows->len; i++)
    {
      AdwComboRow *row = self->column_rows->pdata[i];

      if (!g_str_equal (g_object_get_data (G_OBJECT (row), "allot-column"), column))
        continue;
      if (g_str_equal (field, "ignore"))
        adw_combo_row_set_selected (row, 0);
      for (guint f = 0; fields[f] != NULL; f++)
        if (g_str_equal (fields[f], field))
          adw_combo_row_set_selected (row, f + 1);
    }
}

const char *
allot_import_assistant_get_step (AllotImportAssistant *self)
{
  g_return_val_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

AllotImporter *
allot_import_assistant_get_importer (AllotImportAssistant *self)
{
  g_return_val_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self), NULL);
  return self->importer;
}

const char *
allot_import_assistant_get_column_choice (AllotImportAssistant *self,
                                          const char           *column)
{
  g_return_val_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self), NULL);
  for (guint i = 0; i < self->column_rows->len; i++)
    {
      AdwComboRow *row = self->column_rows->pdata[i];
      guint selected;

      if (!g_str_equal (g_object_get_data (G_OBJECT (row), "allot-column"), column))
        continue;
      selected = adw_combo_row_get_selected (row);
      return selected == 0 ? "ignore" : allot_import_kind_list_fields (self->kind)[selected - 1];
    }
  return NULL;
}

gboolean
allot_import_assistant_can_import (AllotImportAssistant *self)
{
  g_return_val_if_fail (ALLOT_IS_IMPORT_ASSISTANT (self), FALSE);
  return self->importer != NULL && self->preview_clean && !self->running &&
         g_str_equal (gtk_stack_get_visible_child_name (self->stack), "check");
}
