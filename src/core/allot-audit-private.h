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

/* Fills in the chain for rows written before the chain existed (schema 1). */
gboolean allot_audit_chain_unhashed (sqlite3 *db,
                                     GError **error);

G_END_DECLS
