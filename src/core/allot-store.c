/* allot-store.c: opening, identifying and migrating an Allot database;
 * settings and backup.  The record operations live in allot-store-*.c. */
#include "allot-config.h"
#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "allot-audit-private.h"
#include "allot-db-sqlite.h"
#include "allot-store-pg.h"
#include "allot-date.h"
#include "allot-error.h"
#include "allot-store-private.h"

G_DEFINE_TYPE (AllotStore, allot_store, G_TYPE_OBJECT)

static void
allot_store_finalize (GObject *object)
{
  AllotStore *self = ALLOT_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, allot_db_close);
  g_free (self->path);
  g_free (self->user);
  g_free (self->pg_role);
  g_free (self->login);
  G_OBJECT_CLASS (allot_store_parent_class)->finalize (object);
}

static void
allot_store_class_init (AllotStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = allot_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  allot_stmt_finalize (stmt);
}

static void
allot_store_init (AllotStore *self)
{
  self->user = g_strdup (g_get_user_name ());
  self->fy_start_month = ALLOT_FY_START_DEFAULT;
  self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                            finalize_statement);
}

/* allot_user(): who the audit triggers record. */
static void
user_function (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  AllotStore *self = sqlite3_user_data (context);

  sqlite3_result_text (context, self->user, -1, SQLITE_TRANSIENT);
}

char *
allot_store_default_path (void)
{
  const char *env = g_getenv ("ALLOT_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "allot", "allot.db", NULL);
}

/* Creates an empty file readable by its owner only; SQLite fills it.  The
 * folder is created too when @make_folder (the default database's). */
static gboolean
create_private_file (const char *path,
                     gboolean    make_folder,
                     GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (make_folder && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                   _("Could not create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* The full check of the file on open (see check_on_open()). */
#define OPEN_CHECK_MAX_BYTES ((gint64) 64 * 1024 * 1024)

/* Whether opening @path runs PRAGMA quick_check over the whole file.
 *
 * Design decision (issue 10): quick_check reads every page, 2 s on a
 * million-entry file (1.2 GB), which every allot-cli command and every
 * open of the app would pay before any work.  Files up to 64 MiB (some
 * 50,000 entries; a check well under 0.1 s) are still checked on every
 * open.  Larger ones are identified cheaply on open (header, application
 * id, schema version, schema readable) and checked in full by "allot-cli
 * check", "allot-cli audit verify" and the app's Overview, in its
 * background worker (allot_store_check() and allot_store_verify_audit()
 * begin with allot_store_verify_file(), which reads the file once per
 * connection: once per command, once per app session and worker, not on
 * every reload of the Overview).  SQLite still refuses, with
 * ALLOT_DB_CORRUPT, any damaged page a command reads or writes; what the
 * open no longer sees in a large file is damage in pages the command does
 * not touch.  ALLOT_OPEN_CHECK_MAX_BYTES sets the limit (bytes; a huge
 * value checks every file on every open, 0 none). */
static gboolean
check_on_open (const char *path)
{
  const char *env = g_getenv ("ALLOT_OPEN_CHECK_MAX_BYTES");
  gint64 limit = OPEN_CHECK_MAX_BYTES;
  GStatBuf st;

  if (env != NULL && *env != '\0')
    limit = g_ascii_strtoll (env, NULL, 10);
  if (g_stat (path, &st) != 0)
    return TRUE;
  return (gint64) st.st_size <= limit;
}

gboolean
allot_store_verify_file (AllotStore *self,
                         GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(AllotStmt) check = NULL;
  const char *verdict;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);

  /* A PostgreSQL server checks its own files. */
  if (self->file_verified || allot_db_backend (self->db) == ALLOT_DB_POSTGRES)
    return TRUE;
  check = allot_db_prepare (self->db, "PRAGMA quick_check", &local);
  if (check == NULL || allot_stmt_step (check) != ALLOT_DB_ROW)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), self->path,
                   local != NULL ? local->message : allot_db_errmsg (self->db));
      return FALSE;
    }
  verdict = (const char *) allot_stmt_column_text (check, 0);
  if (g_strcmp0 (verdict, "ok") != 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), self->path, verdict);
      return FALSE;
    }
  self->file_verified = TRUE;
  return TRUE;
}

/* Refuses files that are not ours, damaged or too new, without writing. */
static gboolean
identify (AllotStore *self,
          gboolean   *out_fresh,
          gint64     *out_version,
          GError    **error)
{
  gint64 app_id = 0, version = 0, n_objects = 0;
  g_autoptr(GError) local = NULL;

  if (!allot_db_query_sql_int64 (self->db, "PRAGMA application_id", &app_id, &local) ||
      !allot_db_query_sql_int64 (self->db, "PRAGMA user_version", &version, &local) ||
      !allot_db_query_sql_int64 (self->db, "SELECT count(*) FROM sqlite_schema", &n_objects, &local))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” is not an Allot database, or it is damaged (%s)."),
                   self->path, local->message);
      return FALSE;
    }

  *out_fresh = app_id == 0 && version == 0 && n_objects == 0;
  *out_version = version;
  if (*out_fresh)
    return TRUE;

  if (app_id != ALLOT_APPLICATION_ID)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” is a database of another program, not an Allot database."),
                   self->path);
      return FALSE;
    }
  if (version > allot_store_schema_version ())
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” was written by a newer version of Allot (schema %" PRId64
                     ", this version reads up to %d). Update Allot to open it; the file "
                     "was not changed."),
                   self->path, version, allot_store_schema_version ());
      return FALSE;
    }

  if (!check_on_open (self->path))
    return TRUE;
  return allot_store_verify_file (self, error);
}

static gboolean
load_settings (AllotStore *self,
               GError    **error)
{
  g_autofree char *month = allot_store_dup_setting (self, "fy_start_month");

  if (month != NULL)
    {
      guint64 m = g_ascii_strtoull (month, NULL, 10);
      if (m >= 1 && m <= 12)
        self->fy_start_month = (guint) m;
    }
  return TRUE;
}

AllotStore *
allot_store_open (const char          *path,
                  AllotStoreOpenFlags  flags,
                  GError             **error)
{
  g_autoptr(AllotStore) self = NULL;
  gboolean fresh = FALSE;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (allot_db_uri_is_postgres (path))
    {
      self = g_object_new (ALLOT_TYPE_STORE, NULL);
      self->path = g_strdup (path);
      if (!allot_store_open_pg (self, path, (flags & ALLOT_STORE_OPEN_CREATE) != 0, error) ||
          !load_settings (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & ALLOT_STORE_OPEN_CREATE))
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND,
                       _("There is no database at “%s”. Create one with “allot-cli init”."),
                       path);
          return NULL;
        }
      if (!create_private_file (path, TRUE, error))
        return NULL;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” is a folder, not an Allot database."), path);
      return NULL;
    }

  self = g_object_new (ALLOT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  self->db = allot_db_open_sqlite (path, FALSE, error);
  if (self->db == NULL)
    return NULL;
  sqlite3_create_function (allot_db_sqlite_handle (self->db), "allot_user", 0, SQLITE_UTF8, self,
                           user_function, NULL, NULL);
  allot_audit_register_functions (self->db);

  if (!identify (self, &fresh, &version, error))
    return NULL;
  if (fresh && !(flags & ALLOT_STORE_OPEN_CREATE))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("“%s” is empty, not an Allot database."), path);
      return NULL;
    }

  if (!allot_db_exec (self->db,
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;", error))
    return NULL;

  if (version < allot_store_schema_version () &&
      !allot_schema_migrate (self->db, (int) version, error))
    return NULL;

  if (!load_settings (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
allot_store_get_path (AllotStore *self)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  return self->path;
}

void
allot_store_set_user (AllotStore *self,
                      const char *user)
{
  g_return_if_fail (ALLOT_IS_STORE (self));
  g_return_if_fail (user != NULL && *user != '\0');
  g_free (self->user);
  self->user = g_strdup (user);
}

const char *
allot_store_get_user (AllotStore *self)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  return self->user;
}

AllotStmt *
allot_store_statement (AllotStore *self,
                       const char *sql,
                       GError    **error)
{
  AllotStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      allot_stmt_reset (stmt);
      allot_stmt_clear_bindings (stmt);
      return stmt;
    }
  stmt = allot_db_prepare_full (self->db, sql, TRUE, error);
  if (stmt == NULL)
    return NULL;
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* Registers whoever writes: the first person to write administers the
 * database, anyone else becomes an officer until an administrator says
 * otherwise. */
static gboolean
register_writer (AllotStore *self,
                 GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self,
      "INSERT INTO users (name, role, created_at) "
      "SELECT ?1, CASE WHEN EXISTS (SELECT 1 FROM users) THEN 'officer' ELSE 'administrator' END,"
      " strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
      "WHERE NOT EXISTS (SELECT 1 FROM users WHERE name = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_text (stmt, 1, self->user, -1, ALLOT_BIND_COPY);
  return allot_db_step_done (self->db, stmt, error);
}

/* Runs one of the batch's savepoint statements, prepared once: a batch of a
 * million records would otherwise parse them two million times. */
static gboolean
exec_cached (AllotStore *self,
             const char *sql,
             GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self, sql, error);

  return stmt != NULL && allot_db_step_done (self->db, stmt, error);
}

/* Inside a batch the writer is registered once per user rather than on
 * every record.  A record refused in the batch rolls back its savepoint, and
 * with it perhaps the registration: then the next write registers again. */
static G_DEFINE_QUARK (allot-store-batch-writer, batch_writer)

static gboolean
register_batch_writer (AllotStore *self,
                       GError    **error)
{
  const char *registered = g_object_get_qdata (G_OBJECT (self), batch_writer_quark ());

  if (g_strcmp0 (registered, self->user) == 0)
    return TRUE;
  if (!register_writer (self, error))
    return FALSE;
  g_object_set_qdata_full (G_OBJECT (self), batch_writer_quark (), g_strdup (self->user),
                           g_free);
  return TRUE;
}

/* A write transaction, holding the one writer's lock from its start.  When
 * another session holds it longer than the engine waits (SQLite's busy
 * timeout, PostgreSQL's lock_timeout: 5 s), the engine's own words ("database
 * is locked", "canceling statement due to lock timeout") would not tell
 * anyone what to do. */
static gboolean
begin_immediate (AllotStore *self,
                 GError    **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  if (allot_db_backend (self->db) == ALLOT_DB_POSTGRES)
    ok = allot_store_pg_begin_write (self, &local);
  else
    ok = allot_db_exec (self->db, "BEGIN IMMEDIATE", &local);
  if (ok)
    return TRUE;
  if (g_error_matches (local, ALLOT_ERROR, ALLOT_ERROR_LOCKED))
    g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_LOCKED,
                 _("The database is busy: someone else has been saving a change for several "
                   "seconds. Nothing was changed; try again in a moment. (%s)"),
                 local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

/* Starts one write: BEGIN IMMEDIATE, or inside a batch a savepoint, so a
 * refused record leaves the batch's earlier records in place and the batch
 * decides at its end. */
gboolean
allot_store_begin_write (AllotStore *self,
                         GError    **error)
{
  if (self->in_batch)
    {
      if (!exec_cached (self, "SAVEPOINT allot_write", error))
        return FALSE;
      if (allot_db_backend (self->db) == ALLOT_DB_POSTGRES &&
          !allot_store_pg_begin_write (self, error))
        {
          allot_store_end_write (self, FALSE, NULL);
          return FALSE;
        }
      if (!register_batch_writer (self, error))
        {
          allot_store_end_write (self, FALSE, NULL);
          return FALSE;
        }
      return TRUE;
    }
  if (!begin_immediate (self, error))
    return FALSE;
  if (!register_writer (self, error))
    {
      allot_store_end_write (self, FALSE, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
allot_store_commit (AllotStore *self,
                    GError    **error)
{
  if (!allot_db_exec (self->db, "COMMIT", error))
    {
      allot_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
allot_store_rollback (AllotStore *self)
{
  if (!allot_db_get_autocommit (self->db))
    allot_db_exec (self->db, "ROLLBACK", NULL);
  if (allot_db_backend (self->db) == ALLOT_DB_POSTGRES)
    allot_store_pg_forget_role (self);
}

gboolean
allot_store_end_write (AllotStore *self,
                       gboolean    ok,
                       GError    **error)
{
  if (self->in_batch)
    {
      if (ok)
        return exec_cached (self, "RELEASE allot_write", error);
      g_object_set_qdata (G_OBJECT (self), batch_writer_quark (), NULL);
      if (exec_cached (self, "ROLLBACK TO allot_write", NULL))
        exec_cached (self, "RELEASE allot_write", NULL);
      if (allot_db_backend (self->db) == ALLOT_DB_POSTGRES)
        allot_store_pg_forget_role (self);
      return FALSE;
    }
  if (!ok)
    {
      allot_store_rollback (self);
      return FALSE;
    }
  return allot_store_commit (self, error);
}

gboolean
allot_store_begin_batch (AllotStore *self,
                         GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!begin_immediate (self, error))
    return FALSE;
  g_object_set_qdata (G_OBJECT (self), batch_writer_quark (), NULL);
  self->in_batch = TRUE;
  return TRUE;
}

gboolean
allot_store_end_batch (AllotStore *self,
                       gboolean    commit,
                       GError    **error)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  if (!commit)
    {
      allot_store_rollback (self);
      return TRUE;
    }
  return allot_store_commit (self, error);
}

gboolean
allot_store_in_batch (AllotStore *self)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  return self->in_batch;
}

gboolean
allot_store_log_event (AllotStore *self,
                       const char *action,
                       const char *table_name,
                       gint64      record_id,
                       const char *details_json,
                       GError    **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && table_name != NULL, FALSE);

  if (!allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO audit_log (at, \"user\", action, table_name, record_id, before, after)"
      " VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2, ?3, ?4, NULL, json(?5))", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_text (stmt, 1, self->user, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 2, action, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 3, table_name, -1, ALLOT_BIND_COPY);
      allot_db_bind_id_or_null (stmt, 4, record_id);
      allot_db_bind_text_or_null (stmt, 5, details_json);
      ok = allot_db_step_done (self->db, stmt, error);
    }
  return allot_store_end_write (self, ok, error);
}

/* ---- helpers of the record operations ---- */

/* Turns a UNIQUE violation into a message naming the duplicate. */
void
allot_store_set_write_error (AllotStore *self,
                 GError    **error,
                 const char *what,
                 const char *code)
{
  int rc = allot_db_errcode (self->db);

  if (rc == ALLOT_DB_CONSTRAINT_UNIQUE || rc == ALLOT_DB_CONSTRAINT_PRIMARYKEY)
    g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                 _("%s “%s” already exists."), what, code);
  else
    allot_db_set_error (self->db, rc, error, what);
}

/* Checks the version of an update and bumps it; CONFLICT when someone else
 * changed the row since it was read. */
gboolean
allot_store_check_version (AllotStore *self,
               const char *sql,
               gint64      id,
               gint64      version,
               const char *what,
               GError    **error)
{
  AllotStmt *stmt = allot_store_statement (self, sql, error);
  gint64 current = 0;

  if (stmt == NULL)
    return FALSE;
  allot_stmt_bind_int64 (stmt, 1, id);
  if (!allot_db_query_int64 (self->db, stmt, &current, error))
    return FALSE;
  if (current == 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND, _("%s %" PRId64
                   " does not exist."), what, id);
      return FALSE;
    }
  if (current != version)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONFLICT,
                   _("%s %" PRId64 " was changed by someone else since you opened "
                     "it. Reload it and make your change again."), what, id);
      return FALSE;
    }
  return TRUE;
}

/* Steps @stmt once for a single record, NOT_FOUND naming @what and @key. */
gpointer
allot_store_read_one (AllotStore   *self,
          AllotStmt *stmt,
          gpointer    (*read) (AllotStmt *),
          const char   *what,
          const char   *key,
          GError      **error)
{
  int rc = allot_stmt_step (stmt);

  if (rc == ALLOT_DB_ROW)
    {
      gpointer record = read (stmt);
      /* Do not hold the read snapshot open until the statement's next use. */
      allot_stmt_reset (stmt);
      return record;
    }
  if (rc == ALLOT_DB_DONE)
    g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND, _("There is no %s “%s”."), what, key);
  else
    allot_db_set_error (self->db, rc, error, what);
  return NULL;
}

GPtrArray *
allot_store_read_all (AllotStore    *self,
          AllotStmt  *stmt,
          gpointer     (*read) (AllotStmt *),
          GDestroyNotify free_func,
          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    g_ptr_array_add (list, read (stmt));
  allot_stmt_reset (stmt);
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (self->db, rc, error, "Could not read the database");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- settings ---- */

char *
allot_store_dup_setting (AllotStore *self,
                         const char *key)
{
  AllotStmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (ALLOT_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = allot_store_statement (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  allot_stmt_bind_text (stmt, 1, key, -1, ALLOT_BIND_COPY);
  if (allot_stmt_step (stmt) == ALLOT_DB_ROW)
    value = allot_db_column_dup (stmt, 0);
  /* A statement left on a row keeps its read snapshot open: the store would
   * not see other connections' writes, and its next BEGIN IMMEDIATE after
   * one would fail with ALLOT_DB_BUSY_SNAPSHOT. */
  allot_stmt_reset (stmt);
  return value;
}

gboolean
allot_store_set_setting (AllotStore *self,
                         const char *key,
                         const char *value,
                         GError    **error)
{
  AllotStmt *stmt;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!allot_store_begin_write (self, error))
    return FALSE;
  stmt = allot_store_statement (self,
      "INSERT INTO settings (key, value) VALUES (?1, ?2) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
      "WHERE settings.value IS DISTINCT FROM excluded.value", error);
  ok = stmt != NULL;
  if (ok)
    {
      allot_stmt_bind_text (stmt, 1, key, -1, ALLOT_BIND_COPY);
      allot_stmt_bind_text (stmt, 2, value, -1, ALLOT_BIND_COPY);
      ok = allot_db_step_done (self->db, stmt, error);
    }
  return allot_store_end_write (self, ok, error);
}

guint
allot_store_get_fy_start_month (AllotStore *self)
{
  g_return_val_if_fail (ALLOT_IS_STORE (self), ALLOT_FY_START_DEFAULT);
  return self->fy_start_month;
}

gboolean
allot_store_set_fy_start_month (AllotStore *self,
                                guint       month,
                                GError    **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  if (month < 1 || month > 12)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("The fiscal year must start in a month from 1 to 12, not %u."), month);
      return FALSE;
    }
  if (month != self->fy_start_month)
    {
      g_autoptr(GArray) years = allot_store_list_fiscal_years (self, error);

      if (years == NULL)
        return FALSE;
      /* Allocations are named by fiscal year: moving the year's start would
       * silently move the money of every one of them. */
      if (years->len > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("The fiscal year's first month cannot change once there are "
                         "allocations; this database has allocations from FY%d to FY%d."),
                       g_array_index (years, int, 0), g_array_index (years, int, years->len - 1));
          return FALSE;
        }
    }
  text = g_strdup_printf ("%u", month);
  if (!allot_store_set_setting (self, "fy_start_month", text, error))
    return FALSE;
  self->fy_start_month = month;
  return TRUE;
}

int
allot_store_current_fiscal_year (AllotStore *self)
{
  GDate today;

  allot_date_set_today (&today);
  return allot_fiscal_year_of (&today, allot_store_get_fy_start_month (self));
}

gboolean
allot_store_is_empty (AllotStore *self,
                      GError    **error)
{
  AllotStmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  stmt = allot_store_statement (self,
      "SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM task_forces)"
      " + (SELECT count(*) FROM ledger_entries) + (SELECT count(*) FROM agencies)", error);
  if (stmt == NULL || !allot_db_query_int64 (self->db, stmt, &n, error))
    return FALSE;
  return n == 0;
}

gint64
allot_store_change_marker (AllotStore *self,
                           GError    **error)
{
  AllotStmt *stmt;
  gint64 marker = 0;

  g_return_val_if_fail (ALLOT_IS_STORE (self), -1);
  stmt = allot_store_statement (self, "SELECT COALESCE (max (id), 0) FROM audit_log", error);
  if (stmt == NULL || !allot_db_query_int64 (self->db, stmt, &marker, error))
    return -1;
  return marker;
}

/* ---- backup ---- */

gboolean
allot_store_backup (AllotStore *self,
                    const char *dest_path,
                    GError    **error)
{
  g_autofree char *tmp_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (ALLOT_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  if (allot_db_backend (self->db) != ALLOT_DB_SQLITE)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                   _("A PostgreSQL database is backed up on its server (pg_dump), or copied "
                     "to a file with “allot-cli migrate-to FILE”."));
      return FALSE;
    }

  tmp_path = g_strconcat (dest_path, ".part", NULL);
  g_unlink (tmp_path);
  if (!create_private_file (tmp_path, FALSE, error))
    return FALSE;

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", allot_db_sqlite_handle (self->db), "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          /* -1: copy everything in one step, a consistent snapshot. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_errcode (dest);
        }
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Could not back up to “%s”: %s"),
                   dest_path, dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp_path);
      return FALSE;
    }
  sqlite3_close (dest);
  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Could not back up to “%s”: %s"),
                   dest_path, g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}
