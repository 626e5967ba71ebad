/* allot-audit-private.h: the audit log's hash chain, shared by the schema
 * (which installs it) and the verifier. */
#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

/* Registers allot_audit_hash(prev, id, at, user, action, table_name,
 * record_id, before, after) on @db: SHA-256, in lowercase hex, of the
 * canonical form of its arguments (see allot-audit.c). */
void allot_audit_register_functions (sqlite3 *db);

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

/* Fills in the chain for rows written before the chain existed (schema 1). */
gboolean allot_audit_chain_unhashed (sqlite3 *db,
                                     GError **error);

G_END_DECLS
