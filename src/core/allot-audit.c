/* allot-audit.c: the tamper-evident audit trail.
 *
 * Design decisions:
 * - Each audit record stores prev_hash (the previous record's hash) and
 *   hash = SHA-256 over prev_hash and every field of the record, so editing,
 *   inserting or deleting a record anywhere breaks the chain from there on.
 * - The canonical form hashed is, for each of the nine values in order
 *   (prev_hash, id, at, user, action, table_name, record_id, before, after):
 *   "N;" for NULL, "I<decimal>;" for an integer, "S<byte length>:<bytes>;" for
 *   text.  It is unambiguous and simple to compute in any language, so the
 *   same chain can be verified outside Allot (or by a PostgreSQL trigger).
 * - The chain is computed by a trigger inside the database (AFTER INSERT on
 *   audit_log), so no write path can skip it.
 * - Verification also compares every audited row with the "after" image of
 *   its latest audit record: an edit made by hand, with the triggers dropped,
 *   leaves the log intact but no longer matching the data.  Deleting the very
 *   last audit records cannot be seen from the chain alone; "audit verify"
 *   prints the count and the last hash so they can be noted elsewhere.
 */
#include "allot-config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "allot-audit-private.h"
#include "allot-db-private.h"
#include "allot-error.h"
#include "allot-store-private.h"

static void
append_value (GChecksum     *checksum,
              sqlite3_value *value)
{
  char head[32];

  switch (value != NULL ? sqlite3_value_type (value) : SQLITE_NULL)
    {
    case SQLITE_NULL:
      g_checksum_update (checksum, (const guchar *) "N;", 2);
      break;
    case SQLITE_INTEGER:
      g_snprintf (head, sizeof head, "I%" G_GINT64_FORMAT ";",
                  (gint64) sqlite3_value_int64 (value));
      g_checksum_update (checksum, (const guchar *) head, -1);
      break;
    default:
      {
        const guchar *text = sqlite3_value_text (value);
        int len = sqlite3_value_bytes (value);

        g_snprintf (head, sizeof head, "S%d:", len);
        g_checksum_update (checksum, (const guchar *) head, -1);
        g_checksum_update (checksum, text, len);
        g_checksum_update (checksum, (const guchar *) ";", 1);
        break;
      }
    }
}

static void
audit_hash_function (sqlite3_context *context,
                     int              argc,
                     sqlite3_value  **argv)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (int i = 0; i < argc; i++)
    append_value (checksum, argv[i]);
  sqlite3_result_text (context, g_checksum_get_string (checksum), -1, SQLITE_TRANSIENT);
}

void
allot_audit_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "allot_audit_hash", 9, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           audit_hash_function, NULL, NULL);
}

gboolean
allot_audit_chain_unhashed (sqlite3 *db,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  /* One row at a time, in order: each hash needs the one before it. */
  select = allot_db_prepare (db, "SELECT id FROM audit_log WHERE hash IS NULL ORDER BY id", error);
  update = select ? allot_db_prepare (db,
      "UPDATE audit_log SET"
      " prev_hash = COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < audit_log.id"
      "                        ORDER BY p.id DESC LIMIT 1), ''),"
      " hash = allot_audit_hash ("
      "   COALESCE ((SELECT p.hash FROM audit_log p WHERE p.id < audit_log.id"
      "              ORDER BY p.id DESC LIMIT 1), ''),"
      "   id, at, user, action, table_name, record_id, before, after)"
      " WHERE id = ?1", error) : NULL;
  if (update == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the audit log");
      return FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (update, 1, g_array_index (ids, gint64, i));
      if (!allot_db_step_done (db, update, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- verification ---- */

void
allot_audit_verdict_clear (AllotAuditVerdict *verdict)
{
  g_clear_pointer (&verdict->last_hash, g_free);
  g_clear_pointer (&verdict->broken_table, g_free);
  g_clear_pointer (&verdict->problem, g_free);
}

/* Walks the chain in order: each record must name the previous record's hash
 * and hash to what it stores. */
static gboolean
verify_chain (sqlite3           *db,
              AllotAuditVerdict *verdict,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = allot_db_prepare (db,
      "SELECT id, prev_hash, hash,"
      " allot_audit_hash (prev_hash, id, at, user, action, table_name, record_id, before, after)"
      " FROM audit_log ORDER BY id", error);
  g_autofree char *previous = g_strdup ("");
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 1);
      const char *hash = (const char *) sqlite3_column_text (stmt, 2);
      const char *computed = (const char *) sqlite3_column_text (stmt, 3);

      verdict->n_records++;
      if (g_strcmp0 (prev_hash, previous) != 0)
        {
          verdict->broken_id = id;
          verdict->problem = g_strdup_printf (_("Audit record %" G_GINT64_FORMAT " does not follow "
                                                "the record before it: a record was removed, "
                                                "inserted or reordered."), id);
          return TRUE;
        }
      if (g_strcmp0 (hash, computed) != 0)
        {
          verdict->broken_id = id;
          verdict->problem = g_strdup_printf (_("Audit record %" G_GINT64_FORMAT " was changed "
                                                "after it was written."), id);
          return TRUE;
        }
      g_free (previous);
      previous = g_strdup (hash);
    }
  if (rc != SQLITE_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the audit log");
      return FALSE;
    }
  verdict->last_hash = g_steal_pointer (&previous);
  return TRUE;
}

/* Each audited row must equal the "after" image of its latest audit record:
 * a change made around the triggers leaves the two apart. */
static gboolean
verify_rows (sqlite3           *db,
             AllotAuditVerdict *verdict,
             GError           **error)
{
  guint n_tables;
  const char *const *tables = allot_schema_audited_tables (&n_tables);

  for (guint t = 0; t < n_tables && verdict->problem == NULL; t++)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autoptr(GString) same = g_string_new (NULL);
      g_autoptr(sqlite3_stmt) columns = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      /* Membership rows have no id of their own; their history is by task force. */
      if (g_str_equal (tables[t], "task_force_members"))
        continue;
      columns = allot_db_prepare (db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
                                  error);
      if (columns == NULL)
        return FALSE;
      sqlite3_bind_text (columns, 1, tables[t], -1, SQLITE_STATIC);
      /* Column by column, so that a column added by a later migration (NULL
       * in rows last audited before it) compares equal to its absence. */
      while (sqlite3_step (columns) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (columns, 0);

          g_string_append (same, same->len == 0 ? "" : " AND ");
          g_string_append (same, "json_extract (audit_after, '$.");
          g_string_append (same, column);
          g_string_append (same, "') IS \"");
          g_string_append (same, column);
          g_string_append (same, "\"");
        }
      if (same->len == 0)
        continue;  /* the table does not exist at this version */

      /* Identifiers from our own schema only. */
      g_string_append (sql, "SELECT rowid FROM (SELECT r.rowid AS rowid, r.*,"
                            " (SELECT l.after FROM audit_log l WHERE l.table_name = '");
      g_string_append (sql, tables[t]);
      /* Row images only: an application event (allot_store_log_event())
       * may name a record, but its "after" is not the row. */
      g_string_append (sql, "' AND l.record_id = r.rowid AND l.after IS NOT NULL"
                            " AND l.action IN ('insert', 'update', 'void')"
                            " ORDER BY l.id DESC LIMIT 1) AS audit_after FROM \"");
      g_string_append (sql, tables[t]);
      g_string_append (sql, "\" r) WHERE audit_after IS NULL OR NOT (");
      g_string_append (sql, same->str);
      g_string_append (sql, ") ORDER BY rowid LIMIT 1");
      stmt = allot_db_prepare (db, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          verdict->broken_table = g_strdup (tables[t]);
          verdict->broken_record = sqlite3_column_int64 (stmt, 0);
          verdict->problem = g_strdup_printf (_("Row %" G_GINT64_FORMAT " of %s differs from its "
                                                "last audit record: it was changed outside "
                                                "Allot."), verdict->broken_record, tables[t]);
        }
      else if (rc != SQLITE_DONE)
        {
          allot_db_set_error (db, rc, error, "Could not compare the data with the audit log");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
allot_store_verify_audit (AllotStore        *self,
                          AllotAuditVerdict *verdict,
                          GError           **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (verdict != NULL, FALSE);

  memset (verdict, 0, sizeof *verdict);
  if (!allot_db_exec (self->db, "BEGIN", error))
    return FALSE;
  if (!verify_chain (self->db, verdict, error) ||
      (verdict->problem == NULL && !verify_rows (self->db, verdict, error)))
    {
      allot_db_exec (self->db, "ROLLBACK", NULL);
      allot_audit_verdict_clear (verdict);
      return FALSE;
    }
  allot_db_exec (self->db, "ROLLBACK", NULL);
  return TRUE;
}
