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
#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "allot-error.h"
#include "allot-schema-pg.h"
#include "allot-store-pg.h"
#include "allot-store-private.h"

/* The advisory lock keys: "ALOT" and 1 for writers, 2 for migrations. */
#define PG_LOCK_CLASS 1095520084  /* 0x414C4F54; PostgreSQL 15 reads no hex literals */
#define PG_LOCK_WRITE 1
#define PG_LOCK_MIGRATE 2

#define VERSION_SQL "SELECT COALESCE (max (version), 0) FROM schema_migrations"

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

      /* Waiting as long as another program's migration takes (no lock
       * timeout for this one). */
      if (!allot_db_exec (db, "BEGIN; SET LOCAL lock_timeout = 0;"
                              " SELECT pg_advisory_xact_lock ("
                              G_STRINGIFY (PG_LOCK_CLASS) ", " G_STRINGIFY (PG_LOCK_MIGRATE) ")",
                          error))
        goto fail;
      /* Someone else may have migrated while this one waited. */
      if (v > 1)
        {
          gint64 current = 0;

          if (!allot_db_query_sql_int64 (db, VERSION_SQL, &current, error))
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
      record = allot_db_prepare (db, allot_pg_record_migration_sql, error);
      if (record == NULL)
        goto fail;
      allot_stmt_bind_int64 (record, 1, v);
      if (!allot_db_step_done (db, record, error) || !allot_db_exec (db, "COMMIT", error))
        goto fail;
      continue;
fail:
      allot_db_exec (db, "ROLLBACK", NULL);
      g_prefix_error (error, _("Could not bring the database to schema %" PRId64 ": "),
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
  gint64 n_tables = 0, ours = 0, not_allowed = 0, version = 0;
  /* Messages name the database without its password. */
  g_autofree char *shown = allot_store_location_strip_password (conninfo);

  self->db = allot_db_open_postgres (conninfo, error);
  if (self->db == NULL)
    return FALSE;
  /* pg_class, not information_schema: the latter shows a login only the
   * tables it may use. */
  if (!allot_db_exec (self->db, "SET lock_timeout = '5s'", error) ||
      !allot_db_query_sql_int64 (self->db,
                                 "SELECT count(*) FROM pg_class"
                                 " WHERE relnamespace = current_schema ()::regnamespace"
                                 " AND relkind = 'r'", &n_tables, error) ||
      !allot_db_query_sql_int64 (self->db,
                                 "SELECT (to_regclass ('schema_migrations') IS NOT NULL)::int",
                                 &ours, error))
    return FALSE;
  if (ours &&
      !allot_db_query_sql_int64 (self->db,
                                 "SELECT (NOT has_table_privilege ('schema_migrations',"
                                 " 'SELECT'))::int", &not_allowed, error))
    return FALSE;
  if (not_allowed)
    {
      g_autofree char *login = query_text (self->db, "SELECT session_user", NULL);

      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("The login “%s” may not use this Allot database. An administrator "
                     "adds people with “allot-cli users add NAME ROLE”."),
                   login != NULL ? login : "?");
      return FALSE;
    }
  if (n_tables > 0 && !ours)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The PostgreSQL database “%s” holds tables of another program, not an "
                     "Allot database."), shown);
      return FALSE;
    }
  if (ours && !allot_db_query_sql_int64 (self->db, VERSION_SQL, &version, error))
    return FALSE;
  if (n_tables == 0 && !create)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The PostgreSQL database “%s” is empty, not an Allot database. Create "
                     "one with “allot-cli init”."), shown);
      return FALSE;
    }
  if (version > (gint64) allot_pg_n_migrations)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” was written by a newer version of Allot (schema %" PRId64
                     ", this version reads up to %u). Update Allot to open it; the database "
                     "was not changed."),
                   shown, version, allot_pg_n_migrations);
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

/* PostgreSQL cuts role names at 63 bytes, without a word: two longer
 * names with the same start would be one login, and the audit log could
 * not tell them apart.  Refused instead. */
#define PG_NAME_MAX 63

static gboolean
check_login_name (const char *name,
                  GError    **error)
{
  if (strlen (name) <= PG_NAME_MAX)
    return TRUE;
  g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
               _("The name “%s” is longer than the %d bytes a PostgreSQL login can have."),
               name, PG_NAME_MAX);
  return FALSE;
}

/* The statements that make @name a login (@create), a member of allot_app,
 * and (@act_as) one this connection may act as.  Role names in DDL take
 * no parameters: the name is bound here and the server quotes it (%I). */
static char *
login_ddl (AllotDb    *db,
           const char *name,
           gboolean    create,
           gboolean    act_as,
           GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db,
      "SELECT concat_ws ('; ',"
      " CASE WHEN ?2 <> 0 THEN format ('CREATE ROLE %I LOGIN', ?1::text) END,"
      " format ('GRANT allot_app TO %I', ?1::text),"
      " CASE WHEN ?3 <> 0 THEN format ('GRANT %I TO session_user', ?1::text) END)", error);
  char *ddl = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, name, -1, ALLOT_BIND_STATIC);
  allot_stmt_bind_int64 (stmt, 2, create);
  allot_stmt_bind_int64 (stmt, 3, act_as);
  rc = allot_stmt_step (stmt);
  if (rc == ALLOT_DB_ROW)
    ddl = allot_db_column_dup (stmt, 0);
  else
    allot_db_set_error (db, rc, error, "Could not read the logins");
  return ddl;
}

/* A connection that may create roles (an administrator's) makes @name a
 * login if there is none and a member of allot_app if it is not (a login
 * made by hand); with @act_as, it also lets itself act as them (SET
 * ROLE).  That is how an administrator, the demo and the tests set people
 * up; anyone else gets the server's refusal. */
gboolean
allot_store_pg_ensure_login (AllotStore *self,
                             const char *name,
                             gboolean    act_as,
                             GError    **error)
{
  /* Logins are the cluster's: another program may make the same one at
   * the same moment, and then this one's attempt fails as a duplicate;
   * looking again finds it done. */
  g_autoptr(GError) local = NULL;

  if (!check_login_name (name, error))
    return FALSE;
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(AllotStmt) state = allot_db_prepare (self->db,
          "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = current_user"
          "        AND (rolsuper OR rolcreaterole)),"
          " (SELECT count(*) FROM pg_roles WHERE rolname = ?1),"
          /* By the row's oid: pg_has_role() of a name that is no role
           * raises an error. */
          " (SELECT count(*) FROM pg_roles r WHERE r.rolname = ?1"
          "        AND pg_has_role (r.oid, 'allot_app', 'MEMBER')"
          "        AND (?2 = 0 OR pg_has_role (session_user, r.oid, 'MEMBER')))", error);
      g_autofree char *ddl = NULL;
      gboolean in_transaction, ok;
      int rc;

      if (state == NULL)
        return FALSE;
      allot_stmt_bind_text (state, 1, name, -1, ALLOT_BIND_STATIC);
      allot_stmt_bind_int64 (state, 2, act_as);
      rc = allot_stmt_step (state);
      if (rc != ALLOT_DB_ROW)
        {
          allot_db_set_error (self->db, rc, error, "Could not read the logins");
          return FALSE;
        }
      if (allot_stmt_column_int64 (state, 0) == 0 || allot_stmt_column_int64 (state, 2) != 0)
        return TRUE;  /* may not make logins, or nothing to do */
      ddl = login_ddl (self->db, name, allot_stmt_column_int64 (state, 1) == 0, act_as, error);
      if (ddl == NULL)
        return FALSE;

      in_transaction = !allot_db_get_autocommit (self->db);
      if (in_transaction && !allot_db_exec (self->db, "SAVEPOINT allot_login", error))
        return FALSE;
      g_clear_error (&local);
      ok = allot_db_exec (self->db, ddl, &local);
      if (in_transaction)
        {
          if (!ok)
            allot_db_exec (self->db, "ROLLBACK TO allot_login", NULL);
          allot_db_exec (self->db, "RELEASE allot_login", NULL);
        }
      if (ok)
        return TRUE;
      if (attempt > 0 || local->code != ALLOT_ERROR_CONSTRAINT)
        break;
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* SET ROLE to the store's user when the connection acts as someone else.
 * Outside a transaction it lasts for the session; inside one a rollback
 * undoes it, so allot_store_pg_forget_role() is called on every rollback. */
static gboolean
apply_role (AllotStore *self,
            GError    **error)
{
  g_autoptr(AllotStmt) set_role = NULL;

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
  if (!check_login_name (self->user, error))
    return FALSE;
  /* Back to the login first: the login, not the role it last acted as,
   * decides who it may act as and whether it may create logins. */
  g_clear_pointer (&self->pg_role, g_free);
  if (!allot_db_exec (self->db, "RESET ROLE", error) ||
      !allot_store_pg_ensure_login (self, self->user, TRUE, error))
    return FALSE;
  /* SET ROLE with the name bound: set_config ('role', …) is the same. */
  set_role = allot_db_prepare (self->db, "SELECT set_config ('role', ?1, false)", error);
  if (set_role == NULL)
    return FALSE;
  allot_stmt_bind_text (set_role, 1, self->user, -1, ALLOT_BIND_STATIC);
  if (allot_stmt_step (set_role) != ALLOT_DB_ROW)
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
