/* allot-csv-reader.c: CSV records with their line numbers, on libcsv.
 *
 * Design decisions:
 * - libcsv is a push parser that does not say where it is.  We feed it one
 *   physical line at a time (up to and including its LF, CRLF or lone CR), so
 *   every callback it makes belongs to the line being fed: a field starts on
 *   the line where the previous one ended, a record on the first line that is
 *   not blank after the previous record.  Lines inside a quoted field are
 *   counted like any other, so line numbers match what an editor shows.
 * - Strict RFC 4180 (CSV_STRICT): a quote inside an unquoted field or text
 *   after a closing quote is an error at that field, not a silent guess; the
 *   parser is then restarted on the next line so that the rest of the file is
 *   still checked.  An unclosed quote at the end of the file is an error too
 *   (CSV_STRICT_FINI) rather than a last field that swallowed the file.
 * - Space and tab around unquoted fields are trimmed (libcsv's default), never
 *   inside quotes; a tab is never trimmed when it is the delimiter.
 * - The UTF-8 byte-order mark that spreadsheet programs write is skipped;
 *   UTF-16 files are refused with a message saying how to save them.
 */
#include "allot-config.h"

#include "allot-csv-reader.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "allot-error.h"

/* A mapped file's pages are let go this far behind the reader. */
#define RELEASE_CHUNK ((gsize) 4 << 20)

struct _AllotCsvReader
{
  char *name;
  GMappedFile *mapped;
  const char *data;
  gsize length;
  gsize pos;              /* next byte to feed */
  gsize released;         /* mapped bytes before this were let go */
  guint line;             /* line number of the next line to feed */
  guint feeding_line;     /* line being fed (callbacks belong to it) */
  char delimiter;
  gboolean bom;
  gboolean utf16;
  gboolean finished;
  gboolean parser_live;
  struct csv_parser parser;

  /* The record being read, then the current one. */
  GString *buf;           /* fields, each followed by a NUL */
  GArray *offsets;        /* gsize: where each field starts in buf */
  GArray *lengths;        /* gsize */
  GArray *lines;          /* guint: line each field starts on */
  gboolean row_pending;   /* a record has started and not ended */
  gboolean row_done;
  guint row_line;
  guint field_line;       /* where the next field starts */

  guint error_line;
  guint error_column;
};

static int
is_space_cb (unsigned char c)
{
  return c == ' ' || c == '\t';
}

static void
start_parser (AllotCsvReader *self)
{
  csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim (&self->parser, (unsigned char) self->delimiter);
  csv_set_space_func (&self->parser, is_space_cb);
  self->parser_live = TRUE;
}

static void
stop_parser (AllotCsvReader *self)
{
  if (self->parser_live)
    csv_free (&self->parser);
  self->parser_live = FALSE;
}

/* Counts delimiters on the first line, outside quotes. */
static char
detect_delimiter (const char *p,
                  const char *end)
{
  gsize commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

static AllotCsvReader *
reader_new (const char *name,
            const char *data,
            gsize       length)
{
  AllotCsvReader *self = g_new0 (AllotCsvReader, 1);

  self->name = g_strdup (name != NULL ? name : "-");
  self->data = data != NULL ? data : "";
  self->length = data != NULL ? length : 0;
  self->line = 1;
  self->buf = g_string_sized_new (256);
  self->offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 32);
  self->lengths = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 32);
  self->lines = g_array_sized_new (FALSE, FALSE, sizeof (guint), 32);

  if (self->length >= 3 && memcmp (self->data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->bom = TRUE;
      self->pos = 3;
    }
  else if (self->length >= 2 && (memcmp (self->data, "\xFF\xFE", 2) == 0 ||
                                 memcmp (self->data, "\xFE\xFF", 2) == 0))
    self->utf16 = TRUE;

  self->delimiter = detect_delimiter (self->data + self->pos, self->data + self->length);
  start_parser (self);
  return self;
}

AllotCsvReader *
allot_csv_reader_new_for_data (const char *name,
                               const char *data,
                               gsize       length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  return reader_new (name, data, length);
}

AllotCsvReader *
allot_csv_reader_new_for_path (const char  *path,
                               GError     **error)
{
  g_autoptr(GError) local = NULL;
  GMappedFile *mapped;
  AllotCsvReader *self;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("%s: is a folder, not a CSV file"),
                   path);
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, "%s", local->message);
      return NULL;
    }
  self = reader_new (path, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));
  self->mapped = mapped;
  return self;
}

void
allot_csv_reader_free (AllotCsvReader *self)
{
  if (self == NULL)
    return;
  stop_parser (self);
  g_string_free (self->buf, TRUE);
  g_array_unref (self->offsets);
  g_array_unref (self->lengths);
  g_array_unref (self->lines);
  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  g_free (self->name);
  g_free (self);
}

const char *
allot_csv_reader_get_data (AllotCsvReader *self,
                           gsize          *out_length)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (out_length != NULL)
    *out_length = self->length;
  return self->data;
}

const char *
allot_csv_reader_get_name (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

char
allot_csv_reader_get_delimiter (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

gboolean
allot_csv_reader_had_bom (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->bom;
}

gsize
allot_csv_reader_get_offset (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->pos;
}

guint
allot_csv_reader_get_error_line (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->error_line;
}

guint
allot_csv_reader_get_error_column (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->error_column;
}

/* ---- libcsv callbacks ---- */

static void
field_cb (void  *text,
          gsize  length,
          void  *data)
{
  AllotCsvReader *self = data;
  gsize offset = self->buf->len;

  if (!self->row_pending)
    {
      /* A record whose first line was all blank until a delimiter. */
      self->row_pending = TRUE;
      self->row_line = self->feeding_line;
      self->field_line = self->feeding_line;
    }
  if (text != NULL && length > 0)
    g_string_append_len (self->buf, text, (gssize) length);
  g_string_append_c (self->buf, '\0');
  g_array_append_val (self->offsets, offset);
  g_array_append_val (self->lengths, length);
  g_array_append_val (self->lines, self->field_line);
  /* The delimiter that ended this field is on the line being fed. */
  self->field_line = self->feeding_line;
}

static void
row_cb (int   terminator,
        void *data)
{
  AllotCsvReader *self = data;

  self->row_done = TRUE;
  self->row_pending = FALSE;
}

static void
clear_record (AllotCsvReader *self)
{
  g_string_truncate (self->buf, 0);
  g_array_set_size (self->offsets, 0);
  g_array_set_size (self->lengths, 0);
  g_array_set_size (self->lines, 0);
  self->row_done = FALSE;
}

/* A mapped file counts in the process's resident memory as it is read: let
 * go of what lies well behind the reader, so that reading a file of any size
 * takes the same memory.  The pages come back from the file (most likely
 * from the page cache) if anyone reads them again through
 * allot_csv_reader_get_data(); only a read-only mapping of a file can be
 * dropped like this, never memory given by the caller. */
static void
release_behind (AllotCsvReader *self)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr base = (guintptr) self->data;
  guintptr from = (base + self->released + page - 1) / page * page;
  guintptr to = (base + self->pos - RELEASE_CHUNK) / page * page;

  if (to > from)
    madvise ((void *) from, to - from, MADV_DONTNEED);
  self->released = self->pos - RELEASE_CHUNK;
}

/* TRUE when the line [p, end) holds nothing libcsv would read as a record. */
static gboolean
is_blank (const AllotCsvReader *self,
          const char           *p,
          const char           *end)
{
  for (; p < end; p++)
    {
      if (*p == '\r' || *p == '\n' || *p == ' ')
        continue;
      if (*p == '\t' && self->delimiter != '\t')
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_syntax_error (AllotCsvReader *self,
                  guint           line,
                  GError        **error,
                  const char     *message)
{
  self->error_line = line;
  self->error_column = self->offsets->len + 1;
  g_set_error_literal (error, ALLOT_ERROR, ALLOT_ERROR_INVALID, message);
  /* Drop the broken record and start afresh on the next line. */
  stop_parser (self);
  start_parser (self);
  clear_record (self);
  self->row_pending = FALSE;
  return FALSE;
}

gboolean
allot_csv_reader_next (AllotCsvReader  *self,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  clear_record (self);
  if (self->finished)
    return FALSE;

  if (self->utf16)
    {
      self->finished = TRUE;
      self->error_line = 1;
      self->error_column = 1;
      g_set_error_literal (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                           _("the file is UTF-16 text; save it as CSV in UTF-8"));
      return FALSE;
    }

  while (self->pos < self->length)
    {
      const char *start = self->data + self->pos;
      const char *end = self->data + self->length;
      const char *p = start;
      gsize fed;

      /* One physical line: up to LF, CRLF or a lone CR. */
      while (p < end && *p != '\n' && *p != '\r')
        p++;
      if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
        p += 2;
      else if (p < end)
        p++;

      self->feeding_line = self->line;
      if (!self->row_pending && !is_blank (self, start, p))
        {
          self->row_pending = TRUE;
          self->row_line = self->line;
          self->field_line = self->line;
        }
      fed = csv_parse (&self->parser, start, (gsize) (p - start), field_cb, row_cb, self);
      self->pos += (gsize) (p - start);
      self->line++;
      if (self->mapped != NULL && self->pos - self->released >= 2 * RELEASE_CHUNK)
        release_behind (self);

      if (fed < (gsize) (p - start))
        {
          if (csv_error (&self->parser) == CSV_EPARSE)
            return set_syntax_error (self, self->feeding_line, error,
                                     _("stray quote: a field with a quote in it must be "
                                       "quoted as a whole, the quote doubled (\"\")"));
          return set_syntax_error (self, self->feeding_line, error,
                                   csv_strerror (csv_error (&self->parser)));
        }
      if (self->row_done)
        return TRUE;
    }

  /* The end: a last record without a line break, or an unclosed quote. */
  self->finished = TRUE;
  self->feeding_line = self->line > 1 ? self->line - 1 : 1;
  if (csv_fini (&self->parser, field_cb, row_cb, self) != 0)
    {
      /* The unclosed field starts where the last complete one ended. */
      return set_syntax_error (self, self->field_line, error,
                               _("a quoted field is not closed before the end of the file"));
    }
  return self->row_done;
}

guint
allot_csv_reader_get_line (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row_line;
}

guint
allot_csv_reader_get_n_fields (AllotCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offsets->len;
}

const char *
allot_csv_reader_get_field (AllotCsvReader *self,
                            guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->offsets->len, NULL);
  return self->buf->str + g_array_index (self->offsets, gsize, index);
}

gsize
allot_csv_reader_get_field_length (AllotCsvReader *self,
                                   guint           index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->offsets->len, 0);
  return g_array_index (self->lengths, gsize, index);
}

guint
allot_csv_reader_get_field_line (AllotCsvReader *self,
                                 guint           index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < self->offsets->len, 0);
  return g_array_index (self->lines, guint, index);
}

gboolean
allot_csv_reader_field_is_text (AllotCsvReader *self,
                                guint           index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->offsets->len, FALSE);
  return g_utf8_validate_len (allot_csv_reader_get_field (self, index),
                              allot_csv_reader_get_field_length (self, index), NULL);
}
