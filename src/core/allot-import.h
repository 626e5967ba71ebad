/* allot-import.h: importing CSV files of sources, allocations, ledger entries
 * and forfeiture receipts.
 *
 * An import is all or nothing: the whole file is one transaction (a store
 * batch), every record goes through the same store calls and rules as hand
 * entry, and any error rolls everything back.  Rows whose record already
 * exists (same code, document number ...) are reported as duplicates and
 * skipped, so importing a file twice adds nothing the second time.  A
 * successful import is recorded in the audit log as one "import" event with
 * the file name, its SHA-256 and the row count.
 *
 * Columns are matched by header name, case-insensitively and with common
 * aliases; allot_importer_map_column() covers the rest.  Errors are collected
 * with their line and column (the field's position, 1 = first) and the
 * offending value, the first allot_importer_set_max_errors() of them kept.
 *
 * Long imports run in a thread: allot_importer_run_async() wraps the
 * synchronous run in a GTask, reports progress on the caller's main context
 * and stops (rolling back) when the GCancellable is cancelled.  The store must
 * not be used by anyone else until it finishes.
 */
#pragma once

#include <gio/gio.h>

#include "allot-store.h"

G_BEGIN_DECLS

typedef enum {
  ALLOT_IMPORT_SOURCES,
  ALLOT_IMPORT_ALLOCATIONS,
  ALLOT_IMPORT_LEDGER,
  ALLOT_IMPORT_RECEIPTS,
} AllotImportKind;
#define ALLOT_IMPORT_N_KINDS 4

/* "sources", "allocations", "ledger", "receipts". */
const char *allot_import_kind_to_string   (AllotImportKind kind);
gboolean    allot_import_kind_from_string (const char *s, AllotImportKind *out);

/* The fields a kind reads, by canonical name, NULL-terminated; and for one
 * field whether its column is required and its accepted header aliases
 * (canonical name first), also NULL-terminated. */
const char *const *allot_import_kind_list_fields (AllotImportKind kind);
gboolean           allot_import_field_is_required (AllotImportKind kind, const char *field);
char             **allot_import_field_dup_aliases (AllotImportKind kind, const char *field);

typedef enum {
  ALLOT_IMPORT_ERROR,      /* refuses the import */
  ALLOT_IMPORT_DUPLICATE,  /* row skipped: its record already exists */
  ALLOT_IMPORT_UNKNOWN,    /* column not understood, ignored */
} AllotImportIssueKind;

typedef struct {
  AllotImportIssueKind kind;
  guint line;              /* 1 = the header line */
  guint column;            /* 1-based field position; 0 = the line as a whole */
  char *field;             /* canonical field name, or NULL */
  char *message;
  char *value;             /* the cell as read, or NULL */
} AllotImportIssue;

/* "FILE:LINE:COLUMN: message (value)"; without ":COLUMN" when it is 0 and
 * without " (value)" when there is none. */
char *allot_import_issue_format (const AllotImportIssue *issue,
                                 const char             *file_name);

/* A record the import added (or would add, on a dry run). */
typedef struct {
  guint line;
  gint64 id;               /* 0 on a dry run */
  char *summary;           /* one line for people, e.g. "expenditure INV-7 1234.56 …" */
} AllotImportRow;

/* @done_bytes of @total_bytes read, @rows data rows so far.  Called from the
 * thread that runs the import (see allot_importer_run_async()). */
typedef void (*AllotImportProgressFunc) (guint64  done_bytes,
                                         guint64  total_bytes,
                                         guint    rows,
                                         gpointer user_data);

typedef struct _AllotImporter AllotImporter;

AllotImporter *allot_importer_new  (AllotStore      *store,
                                    AllotImportKind  kind);
void           allot_importer_free (AllotImporter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotImporter, allot_importer_free)

AllotImportKind allot_importer_get_kind (AllotImporter *self);

/* Reads column @column (header text, any case) as @field (a field name or
 * alias of the kind; "ignore" drops the column quietly).  ALLOT_ERROR_INVALID
 * when @field is not one of the kind's fields. */
gboolean allot_importer_map_column (AllotImporter *self,
                                    const char    *column,
                                    const char    *field,
                                    GError       **error);
/* "COLUMN=FIELD", as the CLI's --map takes it. */
gboolean allot_importer_parse_mapping (AllotImporter *self,
                                       const char    *mapping,
                                       GError       **error);

/* Checks everything, then rolls back instead of committing; the rows that
 * would be added are listed with summaries. */
void allot_importer_set_dry_run    (AllotImporter *self, gboolean dry_run);
/* How many errors are kept (default 100); all are counted. */
void allot_importer_set_max_errors (AllotImporter *self, guint max_errors);
/* Stops after @max_rows data rows (0 = all): a preview, always a dry run. */
void allot_importer_set_max_rows   (AllotImporter *self, guint max_rows);
/* Keep a summary of every added row also on a real import (the dry run
 * always keeps them). */
void allot_importer_set_keep_summaries (AllotImporter *self, gboolean keep);
void allot_importer_set_progress_func (AllotImporter           *self,
                                       AllotImportProgressFunc  func,
                                       gpointer                 user_data,
                                       GDestroyNotify           destroy);

/* Imports the file at @path.  FALSE with ALLOT_ERROR_INVALID when rows were
 * refused (allot_importer_get_issues() lists them; nothing was written),
 * ALLOT_ERROR_IO when the file cannot be read, G_IO_ERROR_CANCELLED when
 * @cancellable was cancelled (nothing was written). */
gboolean allot_importer_run_path (AllotImporter *self,
                                  const char    *path,
                                  GCancellable  *cancellable,
                                  GError       **error);
/* The same for text in memory; @name stands for the file in messages. */
gboolean allot_importer_run_data (AllotImporter *self,
                                  const char    *name,
                                  const char    *data,
                                  gsize          length,
                                  GCancellable  *cancellable,
                                  GError       **error);

/* allot_importer_run_path() in a worker thread.  The progress function is
 * called on the thread-default main context of the caller. */
void     allot_importer_run_async  (AllotImporter       *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean allot_importer_run_finish (AllotImporter  *self,
                                    GAsyncResult   *result,
                                    GError        **error);

/* ---- results of the last run ---- */

/* The header as read, and the field each column was read as (NULL when
 * ignored), both NULL-terminated and as long as the header. */
const char *const *allot_importer_get_columns (AllotImporter *self);
const char *const *allot_importer_get_column_fields (AllotImporter *self);
char allot_importer_get_delimiter (AllotImporter *self);

guint allot_importer_get_n_rows       (AllotImporter *self);  /* data rows read */
guint allot_importer_get_n_added      (AllotImporter *self);
guint allot_importer_get_n_duplicates (AllotImporter *self);
guint allot_importer_get_n_errors     (AllotImporter *self);  /* all, also those not kept */

/* AllotImportIssue, in file order: errors, duplicates and unknown columns,
 * the first allot_importer_set_max_errors() of each kind (the counts above
 * count them all). */
GPtrArray *allot_importer_get_issues (AllotImporter *self);
/* AllotImportRow, in file order. */
GPtrArray *allot_importer_get_added  (AllotImporter *self);
/* Lowercase hex SHA-256 of the file; NULL after a preview
 * (allot_importer_set_max_rows()), which does not read it all. */
const char *allot_importer_get_sha256 (AllotImporter *self);
/* The audit log id of the "import" event the last run recorded (what
 * allot_import_undo() takes); 0 when it committed nothing. */
gint64 allot_importer_get_event_id (AllotImporter *self);

/* ---- undo ---- */

/* Undoes the whole import recorded as audit event @event_id: voids every
 * record it added (reason "Import of FILE undone"), in one batch, and logs
 * one "import_undo" event naming the file and its SHA-256.  Refused, with
 * nothing changed, when any of those records was voided, edited, submitted
 * or reviewed since, has later entries or ledger entries against it, or
 * lies in a closed period (the message names them); when the import was of
 * sources (they are never voided or deleted), added nothing, or was undone
 * already.  *@out_n_voided (may be NULL) is how many records were voided. */
gboolean allot_import_undo (AllotStore *store,
                            gint64      event_id,
                            guint      *out_n_voided,
                            GError    **error);

G_END_DECLS
