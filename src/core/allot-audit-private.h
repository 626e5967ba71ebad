/* allot-audit-private.h: the audit log's hash chain, shared by the schema
 * (which installs it) and the verifier. */
#pragma once


#include <glib.h>

#include "allot-db-private.h"

G_BEGIN_DECLS

/* Registers allot_audit_hash(prev, id, at, user, action, table_name,
 * record_id, before, after) on @db: SHA-256, in lowercase hex, of the
 * canonical form of its arguments (see allot-audit.c). */
void allot_audit_register_functions (AllotDb *db);

/* SHA-256, on the processor's SHA instructions when it has them (see
 * allot-audit.c); the audit chain and the importer's file digest use it. */
typedef void (*Sha256BlocksFunc) (guint32 state[8], const guint8 *data, gsize n_blocks);

typedef struct {
  guint32 state[8];
  guint8 buffer[64];
  gsize used;
  guint64 length;
  Sha256BlocksFunc blocks;
} AllotSha256;

void allot_sha256_init   (AllotSha256 *sha);
void allot_sha256_update (AllotSha256 *sha, const void *data, gsize length);
/* The digest in lowercase hex; @sha is spent. */
void allot_sha256_finish (AllotSha256 *sha, char out[65]);

/* Consecutive rows of a table: ids first_id .. first_id + count - 1, read
 * from lines first_line .. of a file. */
typedef struct {
  gint64 first_id;
  guint first_line;
  guint count;
} AllotAuditRun;

/* Inside a transaction: drops the insert audit trigger of @table and
 * returns its SQL, which allot_audit_log_deferred() must get back before
 * the commit (allot-audit.c says why this is safe).  NULL on error. */
char *allot_audit_defer (AllotDb    *db,
                         const char *table,
                         GError    **error);

/* Creates the trigger again from @trigger_sql, then writes one compact
 * "insert" record for each row of @runs of @table, in one pass with the
 * chain computed here: its "after" is
 * {"import":@event_id,"line":N,"sha256":ROW_HASH}, ROW_HASH being
 * allot_row_hash() of the row's columns, which verification recomputes.
 * On failure the caller must roll the transaction back (a trigger may be
 * missing until it does). */
gboolean allot_audit_log_deferred (AllotDb             *db,
                                   const char          *table,
                                   const char          *trigger_sql,
                                   gint64               event_id,
                                   const AllotAuditRun *runs,
                                   guint                n_runs,
                                   GError             **error);

/* Fills in the chain for rows written before the chain existed (schema 1). */
gboolean allot_audit_chain_unhashed (AllotDb *db,
                                     GError **error);

G_END_DECLS
