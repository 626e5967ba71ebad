/* allot-csv-reader.h: reading CSV files from finance systems, on libcsv.
 *
 * RFC 4180 quoting (doubled quotes, delimiters and line breaks inside quoted
 * fields), a UTF-8 byte-order mark, CRLF / LF / CR line ends, and comma,
 * semicolon or tab delimiters, detected from the first (header) line.  Spaces
 * inside quoted fields are kept; spaces around unquoted fields are trimmed.
 *
 * Every record knows the line it starts on and the line each of its fields
 * starts on, so that errors can be reported as FILE:LINE:COLUMN, where
 * COLUMN is the field's position in the record (1 = first field), the way a
 * spreadsheet numbers columns.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AllotCsvReader AllotCsvReader;

/* Reads @length bytes at @data (not copied: it must outlive the reader).
 * @name is the file name used in error messages. */
AllotCsvReader *allot_csv_reader_new_for_data (const char *name,
                                               const char *data,
                                               gsize       length);

/* Maps the file at @path; ALLOT_ERROR_IO when it cannot be read. */
AllotCsvReader *allot_csv_reader_new_for_path (const char  *path,
                                               GError     **error);

void allot_csv_reader_free (AllotCsvReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotCsvReader, allot_csv_reader_free)

/* The whole input, BOM included (for checksums). */
const char *allot_csv_reader_get_data   (AllotCsvReader *reader,
                                         gsize          *out_length);
const char *allot_csv_reader_get_name   (AllotCsvReader *reader);
/* ',' ';' or '\t': what the header line uses most, outside quotes. */
char        allot_csv_reader_get_delimiter (AllotCsvReader *reader);
gboolean    allot_csv_reader_had_bom    (AllotCsvReader *reader);
/* Bytes consumed so far, for progress. */
gsize       allot_csv_reader_get_offset (AllotCsvReader *reader);

/* Reads the next record.  Returns TRUE with the record available through the
 * accessors below; FALSE at the end of the input (@error unset) or on a
 * syntax error (@error set, ALLOT_ERROR_INVALID; where it is is told by
 * allot_csv_reader_get_error_line() and _column()).  After a syntax error
 * reading may go on: the reader drops the record and starts again on the next
 * line, so that every error of a file can be listed. */
gboolean allot_csv_reader_next (AllotCsvReader  *reader,
                                GError         **error);

/* Where the last syntax error was: line, and field (1-based). */
guint allot_csv_reader_get_error_line   (AllotCsvReader *reader);
guint allot_csv_reader_get_error_column (AllotCsvReader *reader);

/* The current record. */
guint       allot_csv_reader_get_line       (AllotCsvReader *reader);
guint       allot_csv_reader_get_n_fields   (AllotCsvReader *reader);
/* NUL-terminated; a field holding a NUL byte is cut there (it is not valid
 * text, allot_csv_reader_field_is_text() says so). */
const char *allot_csv_reader_get_field      (AllotCsvReader *reader,
                                             guint           index);
gsize       allot_csv_reader_get_field_length (AllotCsvReader *reader,
                                               guint           index);
guint       allot_csv_reader_get_field_line (AllotCsvReader *reader,
                                             guint           index);
/* TRUE when the field is valid UTF-8 without NUL bytes. */
gboolean    allot_csv_reader_field_is_text  (AllotCsvReader *reader,
                                             guint           index);

G_END_DECLS
