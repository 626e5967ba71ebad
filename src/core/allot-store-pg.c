/* allot-store-pg.c: a store on a PostgreSQL server.
 *
 * Design decisions (issue 9):
 * - The schema is versioned in schema_migrations; each migration runs in its
 *   own transaction, under an advisory lock so that two programs opening a
 *   new database at once do not both migrate it.
 * - Writers are serialized, as SQLite serializes them: every write
 *   transaction takes one transaction-level advisory lock before anything
 *   else (allot_store_pg_begin_write()).  Allot's checks read, then write
 *   (an allocation must fit what its source still has); serialized, they
 *   never act on a stale read and never meet a serialization failure, and
 *   readers are never blocked.  A writer waits for the lock at most
 *   lock_timeout (5 s, SQLite's busy timeout) and then gets "busy".
 * - Who writes is the server's current_user, not a name the client sends:
 *   the triggers fill and check every "by" column and the audit log's user
 *   from it.  It is the login (session_user) unless the login may act as
 *   another role (SET ROLE): only an administrator's login that was granted
 *   other people's roles can, which the tests use to act as several people
 *   on one connection.  allot_store_set_user() therefore becomes SET ROLE,
 *   refused by the server for a role the login is not a member of.
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-error.h"
#include "allot-schema-pg.h"
#include "allot-store-pg.h"
#include "allot-store-private.h"

/* The advisory lock keys: "ALOT" and 1 for writers, 2 for migrations. */
#define PG_LOCK_CLASS 1095520084  /* 0x414C4F54; PostgreSQL 15 reads no hex literals */
#define PG_LOCK_WRITE 1
#define PG_LOCK_MIGRATE 2

static gboolean
query_int (AllotDb    *db,
           const char *sql,
           gint64     *out,
           GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db, sql, error);

  return stmt != NULL && allot_db_query_int64 (db, stmt, out, error);
}

static char *
query_text (AllotDb    *db,
            const char *sql,
            GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db, sql, error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    text = allot_db_column_dup (stmt, 0);
  else
    allot_db_set_error (db, rc, error, "Could not read the database");
  return text;
}

/* Applies migrations @from + 1 … the last, each in its own transaction. */
static gboolean
migrate (AllotDb *db,
         gint64   from,
         GError **error)
{
  for (gint64 v = from + 1; v <= (gint64) allot_pg_n_migrations; v++)
    {
      g_autoptr(AllotStmt) record = NULL;
      g_autofree char *now = allot_db_now ();

      if (!allot_db_exec (db, "BEGIN; SELECT pg_advisory_xact_lock ("
                              G_STRINGIFY (PG_LOCK_CLASS) ", " G_STRINGIFY (PG_LOCK_MIGRATE) ")",
                          error))
        return FALSE;
      /* Someone else may have migrated while this one waited. */
      if (v > 1)
        {
          gint64 current = 0;

          if (!query_int (db, "SELECT COALESCE (max (version), 0) FROM schema_migrations",
                          &current, error))
            goto fail;
          if (current >= v)
            {
              if (!allot_db_exec (db, "COMMIT", error))
                return FALSE;
              continue;
            }
        }
      if (!allot_db_exec (db, allot_pg_migrations[v - 1], error))
        goto fail;
      record = allot_db_prepare (db, "INSERT INTO schema_migrations (version, applied_at)"
                                     " VALUES (?1, ?2)", error);
      if (record == NULL)
        goto fail;
      allot_stmt_bind_int64 (record, 1, v);
      allot_stmt_bind_text (record, 2, now, -1, ALLOT_BIND_STATIC);
      if (!allot_db_step_done (db, record, error) || !allot_db_exec (db, "COMMIT", error))
        goto fail;
      continue;
fail:
      allot_db_exec (db, "ROLLBACK", NULL);
      g_prefix_error (error, _("Could not bring the database to schema %" G_GINT64_FORMAT ": "),
                      v);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_store_open_pg (AllotStore *self,
                     const char *conninfo,
                     gboolean    create,
                     GError    **error)
{
  gint64 n_tables = 0, ours = 0, version = 0;

  self->db = allot_db_open_postgres (conninfo, error);
  if (self->db == NULL)
    return FALSE;
  if (!allot_db_exec (self->db, "SET lock_timeout = '5s'", error) ||
      !query_int (self->db,
                  "SELECT count(*) FROM information_schema.tables"
                  " WHERE table_schema = current_schema ()", &n_tables, error) ||
      !query_int (self->db, "SELECT (to_regclass ('schema_migrations') IS NOT NULL)::int",
                  &ours, error))
    return FALSE;
  if (n_tables > 0 && !ours)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The PostgreSQL database “%s” holds tables of another program, not an "
                     "Allot database."), allot_store_get_path (self));
      return FALSE;
    }
  if (ours && !query_int (self->db, "SELECT COALESCE (max (version), 0) FROM schema_migrations",
                          &version, error))
    return FALSE;
  if (n_tables == 0 && !create)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The PostgreSQL database “%s” is empty, not an Allot database. Create "
                     "one with “allot-cli init”."), allot_store_get_path (self));
      return FALSE;
    }
  if (version > (gint64) allot_pg_n_migrations)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” was written by a newer version of Allot (schema %" G_GINT64_FORMAT
                     ", this version reads up to %u). Update Allot to open it; the database "
                     "was not changed."),
                   allot_store_get_path (self), version, allot_pg_n_migrations);
      return FALSE;
    }
  if (version < (gint64) allot_pg_n_migrations && !migrate (self->db, version, error))
    return FALSE;

  g_free (self->user);
  self->user = query_text (self->db, "SELECT session_user", error);
  if (self->user == NULL)
    return FALSE;
  self->pg_role = g_strdup (self->user);
  self->login = g_strdup (self->user);
  return TRUE;
}

/* @name as an SQL identifier, quoted (identifiers take no parameters). */
static char *
quote_identifier (const char *name)
{
  GString *sql = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
  return g_string_free (sql, FALSE);
}

/* An administrator's connection (one that may create roles) acting as
 * someone makes them a login if they have none, a member of allot_app if
 * they are not (a login made by hand), and lets itself act as them.  That
 * is how an administrator (and the demo, and the tests) sets people up;
 * anyone else gets the server's refusal when acting as another. */
static gboolean
ensure_login (AllotStore *self,
              const char *quoted,
              GError    **error)
{
  g_autoptr(AllotStmt) state = allot_db_prepare (self->db,
      "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = session_user"
      "        AND (rolsuper OR rolcreaterole)),"
      " (SELECT count(*) FROM pg_roles WHERE rolname = ?1),"
      /* By the row's oid: pg_has_role() of a name that is no role raises
       * an error, and the server may call it before the name's test. */
      " (SELECT count(*) FROM pg_roles r WHERE r.rolname = ?1"
      "        AND pg_has_role (r.oid, 'allot_app'::name, 'MEMBER')"
      "        AND pg_has_role (session_user, r.oid, 'MEMBER'))", error);
  g_autoptr(GString) sql = g_string_new (NULL);
  int rc;

  if (state == NULL)
    return FALSE;
  allot_stmt_bind_text (state, 1, self->user, -1, ALLOT_BIND_STATIC);
  rc = allot_stmt_step (state);
  if (rc != ALLOT_DB_ROW)
    {
      allot_db_set_error (self->db, rc, error, "Could not read the logins");
      return FALSE;
    }
  if (allot_stmt_column_int64 (state, 0) == 0 || allot_stmt_column_int64 (state, 2) != 0)
    return TRUE;  /* may not make logins, or nothing to do */
  if (allot_stmt_column_int64 (state, 1) == 0)
    g_string_append_printf (sql, "CREATE ROLE %s LOGIN; ", quoted);
  g_string_append_printf (sql, "GRANT allot_app TO %s; GRANT %s TO session_user", quoted, quoted);
  allot_stmt_reset (state);
  return allot_db_exec (self->db, sql->str, error);
}

/* SET ROLE to the store's user when the connection acts as someone else.
 * Outside a transaction it lasts for the session; inside one a rollback
 * undoes it, so allot_store_pg_forget_role() is called on every rollback. */
static gboolean
apply_role (AllotStore *self,
            GError    **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;

  if (g_strcmp0 (self->pg_role, self->user) == 0)
    return TRUE;
  if (g_strcmp0 (self->user, self->login) == 0)
    {
      /* Back to the login itself. */
      if (!allot_db_exec (self->db, "RESET ROLE", error))
        return FALSE;
      g_free (self->pg_role);
      self->pg_role = g_strdup (self->user);
      return TRUE;
    }
  quoted = quote_identifier (self->user);
  /* Back to the login first: the login, not the role it last acted as,
   * decides who it may act as and whether it may create logins. */
  sql = g_strdup_printf ("SET ROLE %s", quoted);
  g_clear_pointer (&self->pg_role, g_free);
  if (!allot_db_exec (self->db, "RESET ROLE", error) || !ensure_login (self, quoted, error))
    return FALSE;
  if (!allot_db_exec (self->db, sql, NULL))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("This connection cannot act as “%s”: %s. On PostgreSQL each person "
                     "connects with their own login."),
                   self->user, allot_db_errmsg (self->db));
      return FALSE;
    }
  g_free (self->pg_role);
  self->pg_role = g_strdup (self->user);
  return TRUE;
}

gboolean
allot_store_pg_begin_write (AllotStore *self,
                            GError    **error)
{
  if (allot_db_get_autocommit (self->db))
    {
      if (!apply_role (self, error))
        return FALSE;
      if (allot_db_exec (self->db, "BEGIN; SELECT pg_advisory_xact_lock ("
                                   G_STRINGIFY (PG_LOCK_CLASS) ", "
                                   G_STRINGIFY (PG_LOCK_WRITE) ")", error))
        return TRUE;
      /* A lock wait that timed out leaves the transaction aborted: every
       * later statement of the session would fail until a ROLLBACK. */
      allot_store_rollback (self);
      return FALSE;
    }
  return apply_role (self, error);
}

void
allot_store_pg_forget_role (AllotStore *self)
{
  g_clear_pointer (&self->pg_role, g_free);
}
