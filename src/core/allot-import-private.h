/* allot-import-private.h: what the importer (allot-import.c) and the record
 * kinds it imports (allot-import-kinds.c) share. */
#pragma once

#include "allot-import.h"
#include "allot-records.h"

G_BEGIN_DECLS

typedef struct {
  const char *name;        /* canonical, e.g. "document_number" */
  const char *aliases;     /* more header names, '|'-separated, in normalized form */
  gboolean required;       /* the header must have this column */
} AllotImportField;

typedef enum {
  ALLOT_IMPORT_ROW_ADDED,
  ALLOT_IMPORT_ROW_DUPLICATE,
  ALLOT_IMPORT_ROW_FAILED,
  ALLOT_IMPORT_ROW_ABORT,  /* the database failed: the whole import stops */
} AllotImportRowResult;

typedef struct {
  AllotImportKind kind;
  const char *name;                  /* "ledger" */
  const char *table;                 /* the table its records go to */
  const AllotImportField *fields;    /* ends with { NULL } */
  guint blame;                       /* field a refusal by the store is reported on */
  gpointer (*state_new) (void);      /* per-run caches */
  void (*state_free) (gpointer state);
  AllotImportRowResult (*import_row) (AllotImporter *importer,
                                      AllotStore    *store,
                                      gpointer       state);
  /* Only the rows of @table are written (no other audited table): their
   * audit records are written in one pass before the commit
   * (allot_audit_defer()). */
  gboolean defer_audit;
  /* Indexes of @table that the import itself never reads: set aside for a
   * file large beside the table (allot_import_set_indexes_aside()). */
  const char *const *deferred_indexes;
} AllotImportKindSpec;

const AllotImportKindSpec *allot_import_kind_spec (AllotImportKind kind);

/* Sets the connection up for one big batch of savepoints (@importing), and
 * back as it was (*@saved_cache_size). */
void allot_import_tune_store (AllotStore *store, gboolean importing, gint64 *saved_cache_size);

/* Inside the import's batch, when a file of @file_bytes may hold more rows
 * than @spec's table has: drops the kind's deferred indexes and returns
 * their SQL (NULL-terminated; empty when nothing was dropped), to be run
 * again by allot_import_restore_indexes() before the commit.  NULL on error
 * (the batch must then be rolled back). */
char **allot_import_set_indexes_aside (AllotStore *store, const AllotImportKindSpec *spec,
                                       gsize file_bytes, GError **error);
gboolean allot_import_restore_indexes (AllotStore *store, char **sql, GError **error);

/* ---- reading the current row, for the kinds ----
 * @field is the index of the field in the kind's table.  Every reader records
 * its own error (at the cell's line and column, with its value) and returns
 * FALSE; a missing optional cell leaves *out cleared (NULL, 0, invalid date). */

/* The cell as read, or NULL when the column is absent or the cell empty. */
const char *allot_import_cell (AllotImporter *importer, guint field);
gboolean allot_import_text  (AllotImporter *importer, guint field, gboolean required,
                             char **out);
/* Text with surrounding white space removed: codes and numbers. */
gboolean allot_import_code  (AllotImporter *importer, guint field, gboolean required,
                             char **out);
gboolean allot_import_money (AllotImporter *importer, guint field, gboolean required,
                             gint64 *out);
gboolean allot_import_date  (AllotImporter *importer, guint field, gboolean required,
                             GDate *out);
/* "2026", "FY2026", "FY 2026" or "FY26". */
gboolean allot_import_fiscal_year (AllotImporter *importer, guint field, gboolean required,
                                   int *out);
/* yes/no, true/false, y/n, x, 1/0; empty = no. */
gboolean allot_import_bool  (AllotImporter *importer, guint field, gboolean *out);
/* A name read by @from_string after lowering case and turning spaces and
 * hyphens into underscores; @aliases maps other words ("expense=expenditure|
 * encumbrance=obligation"), may be NULL.  *out untouched when the cell is empty. */
gboolean allot_import_choice (AllotImporter *importer, guint field, gboolean required,
                              gboolean (*from_string) (const char *, int *),
                              const char *aliases, const char *choices, int *out);

/* Records an error on @field of the current row (its cell is the value). */
void allot_import_fail (AllotImporter *importer, guint field, const char *format, ...)
  G_GNUC_PRINTF (3, 4);
/* Records a refusal of the store: on the kind's blame field.  Returns
 * ALLOT_IMPORT_ROW_ABORT for failures of the database itself (after keeping
 * @error for the caller), ALLOT_IMPORT_ROW_FAILED otherwise. */
AllotImportRowResult allot_import_fail_store (AllotImporter *importer, GError *error);
/* Records the row as a duplicate of the stored record @id of the kind's
 * table.  When that record was added by this very import the row is an
 * error instead ("appears twice in this file"). */
AllotImportRowResult allot_import_duplicate (AllotImporter *importer, guint field, gint64 id,
                                             const char *format, ...) G_GNUC_PRINTF (4, 5);
/* Records the record @id added from the current row; the summary is built
 * (printf-style) only when summaries are kept. */
AllotImportRowResult allot_import_added (AllotImporter *importer, gint64 id,
                                         const char *format, ...) G_GNUC_PRINTF (3, 4);
gboolean allot_import_keeps_summaries (AllotImporter *importer);

/* allot_store_add_entry() for the importer, inside its batch, without a
 * savepoint per entry (allot-store-ledger.c says what it takes). */
gboolean allot_store_import_entry (AllotStore       *self,
                                   AllotLedgerEntry *entry,
                                   GHashTable       *open_months,
                                   GError          **error);

G_END_DECLS
