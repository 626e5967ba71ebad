/* allot-import-assistant-preview.c: the import assistant's preview table.
 *
 * The importer keeps no rows, so the cells are read again with the CSV
 * reader; the verdicts are the importer's dry run over the same rows: errors
 * on their cell (icon and value, the message as tooltip) and on their row
 * (icon and words), duplicates and the rows that would be added on their
 * row.  Problems of the header, or of lines that are not in the table, are
 * returned as text for above it.
 */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-csv-reader.h"
#include "allot-import-assistant-preview.h"

void
allot_preview_row_free (AllotPreviewRow *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

GPtrArray *
allot_import_preview_read (const char *path,
                           guint       max_rows,
                           GError    **error)
{
  g_autoptr(AllotCsvReader) reader = allot_csv_reader_new_for_path (path, error);
  g_autoptr(GPtrArray) rows = NULL;
  guint n_read = 0;

  if (reader == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_preview_row_free);
  if (!allot_csv_reader_next (reader, NULL))
    return g_steal_pointer (&rows);    /* no header: the importer says so */
  while (n_read < max_rows)
    {
      g_autoptr(GError) local = NULL;
      AllotPreviewRow *row = g_new0 (AllotPreviewRow, 1);

      if (!allot_csv_reader_next (reader, &local))
        {
          if (local == NULL)
            {
              g_free (row);
              break;
            }
          row->line = allot_csv_reader_get_error_line (reader);
        }
      else
        {
          guint n = allot_csv_reader_get_n_fields (reader);

          row->line = allot_csv_reader_get_line (reader);
          row->cells = g_new0 (char *, n + 1);
          for (guint i = 0; i < n; i++)
            row->cells[i] = g_utf8_make_valid (allot_csv_reader_get_field (reader, i), -1);
          n_read++;
        }
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/* The preview row holding @line (a row spans the lines up to the next
 * one), or -1 for the header. */
static int
row_of_line (GPtrArray *rows,
             guint      line)
{
  for (guint i = rows->len; i > 0; i--)
    if (((const AllotPreviewRow *) rows->pdata[i - 1])->line <= line)
      return (int) i - 1;
  return -1;
}

/* Cells show at most this many characters (the tooltip has the rest), so
 * that one long description does not push the other columns away. */
#define CELL_CHARS 32

static char *
shorten (const char *text)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (text, -1) <= CELL_CHARS)
    return g_strdup (text);
  head = g_utf8_substring (text, 0, CELL_CHARS - 1);
  return g_strconcat (head, "…", NULL);
}

/* An icon and words: the state is never told by color alone.  @wrap for
 * messages (the Result column), not for cell values. */
static GtkWidget *
icon_label (const char *icon,
            const char *text,
            const char *style,
            gboolean    wrap)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  g_autofree char *shown = wrap ? g_strdup (text) : shorten (text);
  GtkWidget *label = gtk_label_new (shown);

  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
    }
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  if (style != NULL)
    gtk_widget_add_css_class (box, style);
  return box;
}

static GtkWidget *
cell_label (const char *text)
{
  g_autofree char *shown = shorten (text);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (g_strcmp0 (shown, text) != 0)
    gtk_widget_set_tooltip_text (label, text);
  return label;
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

char *
allot_import_preview_fill (GtkGrid       *grid,
                           GPtrArray     *rows,
                           AllotImporter *importer)
{
  const char *const *columns = allot_importer_get_columns (importer);
  GPtrArray *issues = allot_importer_get_issues (importer);
  GPtrArray *added = allot_importer_get_added (importer);
  GString *outside = g_string_new (NULL);
  g_autofree const AllotImportIssue **row_issue = NULL;
  g_autofree guint *row_n_errors = NULL;
  g_autofree gboolean *row_added = NULL;
  g_autofree gboolean *row_duplicate = NULL;
  guint n_columns = columns != NULL ? g_strv_length ((char **) columns) : 0;
  GtkWidget *label;

  clear_grid (grid);
  row_issue = g_new0 (const AllotImportIssue *, rows->len + 1);
  row_n_errors = g_new0 (guint, rows->len + 1);
  row_added = g_new0 (gboolean, rows->len + 1);
  row_duplicate = g_new0 (gboolean, rows->len + 1);

  label = cell_label (_("Line"));
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, 0, 0, 1, 1);
  label = cell_label (_("Result"));
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, 1, 0, 1, 1);
  for (guint c = 0; c < n_columns; c++)
    {
      label = cell_label (columns[c]);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (grid, label, (int) c + 2, 0, 1, 1);
    }

  for (guint i = 0; i < added->len; i++)
    {
      int r = row_of_line (rows, ((AllotImportRow *) added->pdata[i])->line);

      if (r >= 0)
        row_added[r] = TRUE;
    }
  /* Errors and duplicates on their row; an error with a column also on its
   * cell.  Header problems and rows past the preview are listed above. */
  for (guint i = 0; i < issues->len; i++)
    {
      const AllotImportIssue *issue = issues->pdata[i];
      int r = issue->line > 1 ? row_of_line (rows, issue->line) : -1;

      if (issue->kind == ALLOT_IMPORT_UNKNOWN)
        continue;
      if (r < 0)
        {
          if (issue->kind == ALLOT_IMPORT_ERROR)
            {
              g_autofree char *text = g_strdup_printf (_("Line %u: %s"), issue->line,
                                                       issue->message);

              g_string_append_printf (outside, "%s%s", outside->len > 0 ? "\n" : "", text);
            }
          continue;
        }
      if (issue->kind == ALLOT_IMPORT_DUPLICATE)
        {
          row_duplicate[r] = TRUE;
          if (row_issue[r] == NULL)
            row_issue[r] = issue;
          continue;
        }
      if (row_n_errors[r]++ == 0)
        row_issue[r] = issue;
      if (issue->column > 0 && issue->column <= n_columns)
        {
          GtkWidget *old = gtk_grid_get_child_at (grid, (int) issue->column + 1,
                                                  r + 1);
          const AllotPreviewRow *row = rows->pdata[r];
          const char *value = row->cells != NULL &&
                              issue->column <= g_strv_length (row->cells)
                              ? row->cells[issue->column - 1] : "";
          GtkWidget *cell;

          if (old != NULL)
            gtk_grid_remove (grid, old);
          cell = icon_label ("dialog-error-symbolic", *value != '\0' ? value : _("(empty)"),
                             "error", FALSE);
          gtk_widget_set_tooltip_text (cell, issue->message);
          gtk_grid_attach (grid, cell, (int) issue->column + 1, r + 1, 1, 1);
        }
    }

  for (guint r = 0; r < rows->len; r++)
    {
      const AllotPreviewRow *row = rows->pdata[r];
      g_autofree char *line = g_strdup_printf ("%u", row->line);
      g_autofree char *text = NULL;
      GtkWidget *result;

      label = cell_label (line);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_grid_attach (grid, label, 0, (int) r + 1, 1, 1);

      if (row_n_errors[r] > 0)
        {
          if (row_n_errors[r] > 1)
            text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Error: %s (and %u more)",
                                                 "Error: %s (and %u more)",
                                                 row_n_errors[r] - 1),
                                    row_issue[r]->message, row_n_errors[r] - 1);
          else
            text = g_strdup_printf (_("Error: %s"), row_issue[r]->message);
          result = icon_label ("dialog-error-symbolic", text, "error", TRUE);
        }
      else if (row_duplicate[r])
        {
          text = g_strdup_printf (_("Duplicate, skipped: %s"), row_issue[r]->message);
          result = icon_label ("edit-copy-symbolic", text, "warning", TRUE);
        }
      else if (row_added[r])
        result = icon_label ("list-add-symbolic", _("Will be added"), "success", TRUE);
      else
        result = icon_label ("dialog-question-symbolic", _("Not checked"), "dim-label", TRUE);
      gtk_grid_attach (grid, result, 1, (int) r + 1, 1, 1);

      for (guint c = 0; row->cells != NULL && row->cells[c] != NULL && c < n_columns; c++)
        if (gtk_grid_get_child_at (grid, (int) c + 2, (int) r + 1) == NULL)
          {
            label = cell_label (row->cells[c]);
            gtk_grid_attach (grid, label, (int) c + 2, (int) r + 1, 1, 1);
          }
    }

  return g_string_free (outside, FALSE);
}
