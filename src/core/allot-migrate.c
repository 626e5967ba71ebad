/* allot-migrate.c: copying a whole database to an empty one, on either
 * engine, and checking the copy (issue 9; see allot-migrate.h).
 *
 * Design decisions:
 * - The target is made by opening it with ALLOT_STORE_OPEN_CREATE, so it has
 *   exactly this build's schema; the source, opened by the same build, was
 *   migrated to the same version on open.  What the new schema wrote
 *   (default settings and their audit records) is deleted, and every table
 *   is copied verbatim, ids included: the copy is the source, row for row.
 * - One transaction on the target with its triggers set aside, so copying
 *   writes no audit records and trips no "who" checks: on SQLite the
 *   triggers are dropped and created again from their stored SQL before the
 *   commit (as allot_audit_defer() does), with the foreign keys checked at
 *   the commit (defer_foreign_keys); on PostgreSQL the session is a replica
 *   (session_replication_role, superusers only), which skips triggers and
 *   foreign-key checks, or, for an owner who is not a superuser, every
 *   enabled user trigger is disabled and enabled again before the commit.
 *   Tables are copied parents first (from the target's foreign keys), and
 *   from SQLite in rowid order, so foreign keys hold row by row too.
 * - The source is read in one snapshot, each table by a streaming
 *   statement (a cursor on PostgreSQL): memory does not grow with it.
 * - PostgreSQL's tables without an integer key (settings, periods) have a
 *   rowid column, their audit records' record id: it is filled from
 *   SQLite's rowid and copied back into it, so record ids stay right.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "allot-error.h"
#include "allot-migrate.h"
#include "allot-money.h"
#include "allot-store-pg.h"
#include "allot-store-private.h"

/* Rows between two progress calls. */
#define PROGRESS_EVERY 5000

static void
migrate_table_free (gpointer p)
{
  AllotMigrateTable *t = p;

  g_free (t->table);
  g_free (t);
}

void
allot_migrate_summary_clear (AllotMigrateSummary *summary)
{
  g_clear_pointer (&summary->tables, g_ptr_array_unref);
  g_clear_pointer (&summary->last_hash, g_free);
  g_clear_pointer (&summary->target, g_free);
  summary->n_rows = 0;
  summary->n_audit_records = 0;
}

static gboolean
is_pg (AllotDb *db)
{
  return allot_db_backend (db) == ALLOT_DB_POSTGRES;
}

/* Every text of column 0 of @sql (with ?1 = @arg when not NULL). */
static GPtrArray *
query_texts (AllotDb    *db,
             const char *sql,
             const char *arg,
             GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db, sql, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (arg != NULL)
    allot_stmt_bind_text (stmt, 1, arg, -1, ALLOT_BIND_STATIC);
  while ((rc = allot_stmt_step (stmt)) == ALLOT_DB_ROW)
    g_ptr_array_add (out, allot_db_column_dup (stmt, 0));
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the schema");
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
query_int (AllotDb    *db,
           const char *sql,
           gint64     *out,
           GError    **error)
{
  g_autoptr(AllotStmt) stmt = allot_db_prepare (db, sql, error);

  return stmt != NULL && allot_db_query_int64 (db, stmt, out, error);
}

/* The tables of the database (PostgreSQL's schema_migrations is not data).
 * PostgreSQL's catalogue, not information_schema, which shows only what
 * the current role has privileges on. */
static GPtrArray *
list_tables (AllotDb *db,
             GError **error)
{
  return query_texts (db, is_pg (db)
      ? "SELECT c.relname::text FROM pg_class c"
        " WHERE c.relnamespace = current_schema ()::regnamespace AND c.relkind IN ('r', 'p')"
        " AND c.relname <> 'schema_migrations' ORDER BY c.relname::text COLLATE \"C\""
      : "SELECT name FROM sqlite_schema WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", NULL, error);
}

static GPtrArray *
list_columns (AllotDb    *db,
              const char *table,
              GError    **error)
{
  return query_texts (db, is_pg (db)
      ? "SELECT a.attname::text FROM pg_attribute a"
        " WHERE a.attrelid = to_regclass (?1) AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY a.attnum"
      : "SELECT name FROM pragma_table_info (?1) ORDER BY cid", table, error);
}

static gboolean
schema_version (AllotDb *db,
                gint64  *out,
                GError **error)
{
  return query_int (db, is_pg (db)
      ? "SELECT COALESCE (max (version), 0) FROM schema_migrations"
      : "PRAGMA user_version", out, error);
}

static gboolean
contains (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return TRUE;
  return FALSE;
}

/* @tables ordered parents first, from the foreign keys of @db; tables in a
 * cycle (none in Allot's schema) keep their name order at the end. */
static GPtrArray *
order_by_dependencies (AllotDb   *db,
                       GPtrArray *tables,
                       GError   **error)
{
  g_autoptr(AllotStmt) keys = allot_db_prepare (db, is_pg (db)
      ? "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c"
        " WHERE c.contype = 'f' AND c.connamespace = current_schema ()::regnamespace"
      : "SELECT m.name, f.\"table\" FROM sqlite_schema m, pragma_foreign_key_list (m.name) f"
        " WHERE m.type = 'table'", error);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  gboolean progress = TRUE;
  int rc;

  if (keys == NULL)
    return NULL;
  while ((rc = allot_stmt_step (keys)) == ALLOT_DB_ROW)
    {
      const char *child = (const char *) allot_stmt_column_text (keys, 0);
      const char *parent = (const char *) allot_stmt_column_text (keys, 1);
      GPtrArray *list = g_hash_table_lookup (parents, child);

      if (g_strcmp0 (child, parent) == 0)
        continue;  /* a table referring to itself: rows in id order */
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (parents, g_strdup (child), list);
        }
      g_ptr_array_add (list, g_strdup (parent));
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the foreign keys");
      return NULL;
    }

  while (progress && order->len < tables->len)
    {
      progress = FALSE;
      for (guint i = 0; i < tables->len; i++)
        {
          const char *table = tables->pdata[i];
          GPtrArray *list = g_hash_table_lookup (parents, table);
          gboolean ready = TRUE;

          if (g_hash_table_contains (placed, table))
            continue;
          for (guint p = 0; list != NULL && p < list->len && ready; p++)
            ready = g_hash_table_contains (placed, list->pdata[p]) ||
                    !contains (tables, list->pdata[p]);
          if (!ready)
            continue;
          g_hash_table_add (placed, (gpointer) table);
          g_ptr_array_add (order, (gpointer) table);
          progress = TRUE;
        }
    }
  for (guint i = 0; i < tables->len; i++)
    if (!g_hash_table_contains (placed, tables->pdata[i]))
      g_ptr_array_add (order, tables->pdata[i]);
  return g_steal_pointer (&order);
}

/* ---- the target ---- */

/* Refuses a target that holds anything; never writes to it.  *@out_label
 * names it for people: the file, or the PostgreSQL database's name (a
 * conninfo may hold a password). */
static gboolean
check_target_empty (const char *target,
                    gboolean   *out_created_file,
                    char      **out_label,
                    GError    **error)
{
  *out_created_file = FALSE;
  if (allot_db_uri_is_postgres (target))
    {
      g_autoptr(AllotDb) db = allot_db_open_postgres (target, error);
      g_autoptr(GPtrArray) name = NULL;
      gint64 n = 0;

      if (db == NULL ||
          (name = query_texts (db, "SELECT current_database ()::text", NULL, error)) == NULL)
        return FALSE;
      if (name->len != 1)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO,
                       _("The server did not name the database it connected to."));
          return FALSE;
        }
      *out_label = g_strdup (name->pdata[0]);
      if (!query_int (db, "SELECT count(*) FROM pg_class c"
                          " WHERE c.relnamespace = current_schema ()::regnamespace"
                          " AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", &n, error))
        return FALSE;
      if (n > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("The PostgreSQL database “%s” already holds tables (%" PRId64
                         "): a database is copied only into an empty one. It was not "
                         "changed."), *out_label, n);
          return FALSE;
        }
      return TRUE;
    }

  *out_label = g_strdup (target);
  if (g_file_test (target, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                   _("“%s” is a folder: give the name of a new database file."), target);
      return FALSE;
    }
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      GStatBuf st;

      if (g_stat (target, &st) != 0)
        {
          int saved = errno;
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_IO, _("Could not read “%s”: %s"),
                       target, g_strerror (saved));
          return FALSE;
        }
      if (st.st_size > 0)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CONSTRAINT,
                       _("“%s” already exists and is not empty: a database is copied only "
                         "into a new file. It was not changed."), target);
          return FALSE;
        }
      return TRUE;
    }
  *out_created_file = TRUE;
  return TRUE;
}

/* Removes a database file this copy created, with its journals. */
static void
remove_created_file (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

typedef struct {
  AllotDb *db;
  GPtrArray *sqlite_triggers;    /* CREATE TRIGGER texts dropped, to create again */
  GPtrArray *pg_disabled;        /* "table"\0"trigger" pairs disabled (fallback) */
} TriggersAside;

static void
triggers_aside_clear (TriggersAside *aside)
{
  g_clear_pointer (&aside->sqlite_triggers, g_ptr_array_unref);
  g_clear_pointer (&aside->pg_disabled, g_ptr_array_unref);
}

/* Inside the target's transaction: no trigger fires until
 * triggers_restore(). */
static gboolean
triggers_set_aside (TriggersAside *aside,
                    GError       **error)
{
  AllotDb *db = aside->db;

  if (!is_pg (db))
    {
      g_autoptr(GPtrArray) names = query_texts (db,
          "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name", NULL, error);

      if (names == NULL || !allot_db_exec (db, "PRAGMA defer_foreign_keys = ON", error))
        return FALSE;
      aside->sqlite_triggers = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GPtrArray) sql = query_texts (db,
              "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
              names->pdata[i], error);
          g_autofree char *drop = NULL;

          if (sql == NULL || sql->len != 1)
            return FALSE;
          /* Our own schema's identifiers, never user data. */
          drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (const char *) names->pdata[i]);
          if (!allot_db_exec (db, drop, error))
            return FALSE;
          g_ptr_array_add (aside->sqlite_triggers, g_steal_pointer (&sql->pdata[0]));
        }
      return TRUE;
    }

  /* A replica session fires no ordinary trigger and checks no foreign key;
   * only a superuser may become one.  The savepoint keeps the transaction
   * usable when the server says no. */
  if (!allot_db_exec (db, "SAVEPOINT allot_migrate", error))
    return FALSE;
  if (allot_db_exec (db, "SET LOCAL session_replication_role = replica", NULL))
    return allot_db_exec (db, "RELEASE SAVEPOINT allot_migrate", error);
  if (!allot_db_exec (db, "ROLLBACK TO SAVEPOINT allot_migrate;"
                          " RELEASE SAVEPOINT allot_migrate", error))
    return FALSE;

  {
    g_autoptr(AllotStmt) triggers = allot_db_prepare (db,
        "SELECT c.relname::text, t.tgname::text FROM pg_trigger t"
        " JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE NOT t.tgisinternal AND t.tgenabled = 'O'"
        " AND c.relnamespace = current_schema ()::regnamespace ORDER BY 1, 2", error);
    int rc;

    if (triggers == NULL)
      return FALSE;
    aside->pg_disabled = g_ptr_array_new_with_free_func (g_free);
    while ((rc = allot_stmt_step (triggers)) == ALLOT_DB_ROW)
      {
        g_ptr_array_add (aside->pg_disabled, allot_db_column_dup (triggers, 0));
        g_ptr_array_add (aside->pg_disabled, allot_db_column_dup (triggers, 1));
      }
    if (rc != ALLOT_DB_DONE)
      {
        allot_db_set_error (db, rc, error, "Could not read the triggers");
        return FALSE;
      }
  }
  for (guint i = 0; i < aside->pg_disabled->len; i += 2)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE \"%s\" DISABLE TRIGGER \"%s\"",
                                              (const char *) aside->pg_disabled->pdata[i],
                                              (const char *) aside->pg_disabled->pdata[i + 1]);
      if (!allot_db_exec (db, sql, error))
        {
          g_prefix_error (error, _("Could not set the triggers of the copy aside (copying into "
                                   "PostgreSQL needs a superuser or the owner of the new "
                                   "tables): "));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
triggers_restore (TriggersAside *aside,
                  GError       **error)
{
  AllotDb *db = aside->db;

  for (guint i = 0; aside->sqlite_triggers != NULL && i < aside->sqlite_triggers->len; i++)
    if (!allot_db_exec (db, aside->sqlite_triggers->pdata[i], error))
      return FALSE;
  for (guint i = 0; aside->pg_disabled != NULL && i < aside->pg_disabled->len; i += 2)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE \"%s\" ENABLE TRIGGER \"%s\"",
                                              (const char *) aside->pg_disabled->pdata[i],
                                              (const char *) aside->pg_disabled->pdata[i + 1]);
      if (!allot_db_exec (db, sql, error))
        return FALSE;
    }
  return TRUE;
}

/* The identity sequences of a PostgreSQL copy continue after its ids. */
static gboolean
advance_sequences (AllotDb *db,
                   GError **error)
{
  g_autoptr(AllotStmt) columns = allot_db_prepare (db,
      "SELECT c.relname::text, a.attname::text FROM pg_attribute a"
      " JOIN pg_class c ON c.oid = a.attrelid"
      " WHERE c.relnamespace = current_schema ()::regnamespace AND a.attidentity <> ''"
      " AND NOT a.attisdropped ORDER BY 1, 2", error);
  int rc;

  if (columns == NULL)
    return FALSE;
  while ((rc = allot_stmt_step (columns)) == ALLOT_DB_ROW)
    {
      const char *table = (const char *) allot_stmt_column_text (columns, 0);
      const char *column = (const char *) allot_stmt_column_text (columns, 1);
      /* Identifiers of our own schema, never user data. */
      g_autofree char *sql = g_strdup_printf (
          "SELECT setval (pg_get_serial_sequence ('\"%s\"', '%s'),"
          " COALESCE ((SELECT max (\"%s\") FROM \"%s\"), 0) + 1, false)",
          table, column, column, table);

      if (!allot_db_exec (db, sql, error))
        return FALSE;
    }
  if (rc != ALLOT_DB_DONE)
    {
      allot_db_set_error (db, rc, error, "Could not read the identity columns");
      return FALSE;
    }
  return TRUE;
}

/* ---- copying ---- */

/* The columns copied from @table: the source's, with SQLite's implicit
 * rowid where the PostgreSQL target has a rowid column; every one must be a
 * column of the target (a rowid copied into SQLite is its rowid). */
static GPtrArray *
copy_columns (AllotDb    *src,
              AllotDb    *dst,
              const char *table,
              GError    **error)
{
  g_autoptr(GPtrArray) from = list_columns (src, table, error);
  g_autoptr(GPtrArray) to = NULL;

  if (from == NULL || (to = list_columns (dst, table, error)) == NULL)
    return NULL;
  if (!is_pg (src) && is_pg (dst) && contains (to, "rowid") && !contains (from, "rowid"))
    g_ptr_array_add (from, g_strdup ("rowid"));
  for (guint i = 0; i < from->len; i++)
    if (!contains (to, from->pdata[i]) &&
        !(g_str_equal (from->pdata[i], "rowid") && !is_pg (dst)))
      {
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                     _("The column %s of the table %s of the source is not in the copy's "
                       "schema."), (const char *) from->pdata[i], table);
        return NULL;
      }
  for (guint i = 0; i < to->len; i++)
    if (!contains (from, to->pdata[i]))
      {
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                     _("The column %s of the table %s of the copy is not in the source."),
                     (const char *) to->pdata[i], table);
        return NULL;
      }
  return g_steal_pointer (&from);
}

/* "INSERT INTO table (names) VALUES (?1, …), (…)" of @n_rows rows. */
static char *
insert_sql (const char *table,
            const char *names,
            guint       n_columns,
            guint       n_rows)
{
  GString *sql = g_string_new (NULL);

  /* Identifiers of our own schema, never user data. */
  g_string_append_printf (sql, "INSERT INTO \"%s\" (%s) VALUES ", table, names);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (sql, "%s?%u", c > 0 ? ", " : "", r * n_columns + c + 1);
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

/* One value read from the source, kept until its batch is written. */
typedef struct {
  AllotDbType type;
  gint64 i;
  double d;
  char *text;
  int bytes;
} Cell;

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->text, g_free);
}

/* Keeps the current row of @read in @cells (@n_columns of them). */
static void
keep_row (AllotStmt *read,
          Cell      *cells,
          guint      n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      Cell *cell = &cells[i];
      int col = (int) i;

      cell_clear (cell);
      cell->type = allot_stmt_column_type (read, col);
      switch (cell->type)
        {
        case ALLOT_DB_TYPE_NULL:
          break;
        case ALLOT_DB_TYPE_INTEGER:
          cell->i = allot_stmt_column_int64 (read, col);
          break;
        case ALLOT_DB_TYPE_FLOAT:
          cell->d = allot_stmt_column_double (read, col);
          break;
        case ALLOT_DB_TYPE_TEXT:
        case ALLOT_DB_TYPE_BLOB:
        default:
          cell->bytes = allot_stmt_column_bytes (read, col);
          cell->text = g_memdup2 (allot_stmt_column_text (read, col), (gsize) cell->bytes + 1);
          break;
        }
    }
}

/* Binds @n_cells kept values to parameters 1 … @n_cells of @write and runs it. */
static gboolean
write_cells (AllotDb    *dst,
             AllotStmt  *write,
             const Cell *cells,
             guint       n_cells,
             const char *table,
             gint64      first_row,
             GError    **error)
{
  int rc;

  for (guint i = 0; i < n_cells; i++)
    {
      const Cell *cell = &cells[i];
      int param = (int) i + 1;

      switch (cell->type)
        {
        case ALLOT_DB_TYPE_NULL:
          allot_stmt_bind_null (write, param);
          break;
        case ALLOT_DB_TYPE_INTEGER:
          allot_stmt_bind_int64 (write, param, cell->i);
          break;
        case ALLOT_DB_TYPE_FLOAT:
          allot_stmt_bind_double (write, param, cell->d);
          break;
        case ALLOT_DB_TYPE_TEXT:
        case ALLOT_DB_TYPE_BLOB:
        default:
          allot_stmt_bind_text (write, param, cell->text, cell->bytes, ALLOT_BIND_STATIC);
          break;
        }
    }
  rc = allot_stmt_step (write);
  if (rc != ALLOT_DB_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Could not copy the rows of the table %s from "
                                                 "row %" PRId64), table, first_row);

      allot_db_set_error (dst, rc, error, what);
      return FALSE;
    }
  allot_stmt_reset (write);
  return TRUE;
}

static gboolean
copy_table (AllotDb             *src,
            AllotDb             *dst,
            const char          *table,
            AllotMigrateProgress cb,
            gpointer             data,
            gint64              *out_rows,
            GError             **error)
{
  g_autoptr(GPtrArray) columns = copy_columns (src, dst, table, error);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *select_sql = NULL;
  g_autofree char *batch_sql = NULL;
  g_autoptr(AllotStmt) read = NULL;
  g_autoptr(AllotStmt) batch = NULL;
  g_autofree Cell *cells = NULL;
  guint n_columns, batch_rows, pending = 0;
  gint64 rows = 0;
  gboolean ok = TRUE;
  int rc;

  if (columns == NULL)
    return FALSE;
  n_columns = columns->len;
  for (guint i = 0; i < n_columns; i++)
    g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "",
                            (const char *) columns->pdata[i]);
  /* Identifiers of our own schema; in SQLite's rowid order, parents before
   * the rows of the same table that refer to them. */
  select_sql = g_strdup_printf ("/* stream */ SELECT %s FROM \"%s\"%s", names->str, table,
                                is_pg (src) ? "" : " ORDER BY rowid");
  read = allot_db_prepare (src, select_sql, error);
  if (read == NULL)
    return FALSE;
  /* A PostgreSQL statement is a round trip to the server: rows go in
   * batches of about 1000 values.  SQLite's one-row insert is as fast. */
  batch_rows = is_pg (dst) ? MAX (1, 1000 / n_columns) : 1;
  batch_sql = insert_sql (table, names->str, n_columns, batch_rows);
  batch = allot_db_prepare_full (dst, batch_sql, TRUE, error);
  if (batch == NULL)
    return FALSE;
  cells = g_new0 (Cell, (gsize) batch_rows * n_columns);

  while (ok && (rc = allot_stmt_step (read)) == ALLOT_DB_ROW)
    {
      keep_row (read, &cells[pending * n_columns], n_columns);
      pending++;
      rows++;
      if (pending == batch_rows)
        {
          ok = write_cells (dst, batch, cells, pending * n_columns, table,
                            rows - pending + 1, error);
          pending = 0;
        }
      if (ok && cb != NULL && rows % PROGRESS_EVERY == 0)
        cb (table, rows, data);
    }
  if (ok && rc != ALLOT_DB_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Could not read the table %s of the source"),
                                               table);

      allot_db_set_error (src, rc, error, what);
      ok = FALSE;
    }
  /* The last, partial batch. */
  if (ok && pending > 0)
    {
      g_autofree char *rest_sql = insert_sql (table, names->str, n_columns, pending);
      g_autoptr(AllotStmt) rest = allot_db_prepare (dst, rest_sql, error);

      ok = rest != NULL && write_cells (dst, rest, cells, pending * n_columns, table,
                                        rows - pending + 1, error);
    }
  for (guint i = 0; i < batch_rows * n_columns; i++)
    cell_clear (&cells[i]);
  if (!ok)
    return FALSE;
  if (cb != NULL)
    cb (table, rows, data);
  *out_rows = rows;
  return TRUE;
}

/* Begins the target's one transaction. */
static gboolean
begin_target (AllotStore *target,
              GError    **error)
{
  if (is_pg (target->db))
    return allot_store_pg_begin_write (target, error);
  return allot_db_exec (target->db, "BEGIN IMMEDIATE", error);
}

/* Copies every table inside one transaction of the target, committed at
 * the end.  On failure nothing of it stays. */
static gboolean
copy_all (AllotStore          *source,
          AllotStore          *target,
          GPtrArray           *order,
          AllotMigrateProgress cb,
          gpointer             data,
          AllotMigrateSummary *summary,
          GError             **error)
{
  AllotDb *src = source->db, *dst = target->db;
  TriggersAside aside = { dst, NULL, NULL };
  gboolean ok;

  if (!allot_db_begin_read (src, error))
    return FALSE;
  ok = begin_target (target, error);
  if (!ok)
    {
      allot_db_exec (src, "ROLLBACK", NULL);
      return FALSE;
    }
  ok = triggers_set_aside (&aside, error);
  /* What the new schema wrote itself (default settings, their audit
   * records) goes: the copy holds the source's rows only.  Children first. */
  for (guint i = order->len; ok && i > 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\"",
                                              (const char *) order->pdata[i - 1]);
      ok = allot_db_exec (dst, sql, error);
    }
  for (guint i = 0; ok && i < order->len; i++)
    {
      AllotMigrateTable *t = g_new0 (AllotMigrateTable, 1);

      t->table = g_strdup (order->pdata[i]);
      g_ptr_array_add (summary->tables, t);
      ok = copy_table (src, dst, t->table, cb, data, &t->rows, error);
      summary->n_rows += t->rows;
    }
  ok = ok && triggers_restore (&aside, error);
  ok = ok && (!is_pg (dst) || advance_sequences (dst, error));
  if (ok && !allot_db_exec (dst, "COMMIT", error))
    {
      g_prefix_error (error, _("Could not commit the copy: "));
      ok = FALSE;
    }
  if (!ok && !allot_db_get_autocommit (dst))
    allot_db_exec (dst, "ROLLBACK", NULL);
  if (is_pg (dst))
    allot_store_pg_forget_role (target);
  allot_db_exec (src, "ROLLBACK", NULL);
  triggers_aside_clear (&aside);
  return ok;
}

/* ---- verification ---- */

static gboolean
count_rows (AllotDb    *db,
            const char *table,
            gint64     *out,
            GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);

  return query_int (db, sql, out, error);
}

static const char *
grouping_label (AllotBalanceGrouping grouping)
{
  return grouping == ALLOT_BALANCE_BY_SOURCE ? _("by source") : _("by allocation");
}

static gboolean
compare_balances (AllotStore          *source,
                  AllotStore          *target,
                  AllotBalanceGrouping grouping,
                  GError             **error)
{
  g_autoptr(GPtrArray) a = allot_store_list_balances (source, grouping, 0, error);
  g_autoptr(GPtrArray) b = NULL;

  if (a == NULL || (b = allot_store_list_balances (target, grouping, 0, error)) == NULL)
    return FALSE;
  if (a->len != b->len)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The balances %s have %u rows in the copy but %u in the source."),
                   grouping_label (grouping), b->len, a->len);
      return FALSE;
    }
  for (guint i = 0; i < a->len; i++)
    {
      const AllotBalanceRow *x = a->pdata[i], *y = b->pdata[i];
      const struct { const char *what; gint64 from, to; } figures[] = {
        { N_("authorized"), x->balance.authorized, y->balance.authorized },
        { N_("allocated"), x->balance.allocated, y->balance.allocated },
        { N_("obligated"), x->balance.obligated, y->balance.obligated },
        { N_("expended"), x->balance.expended, y->balance.expended },
        { N_("unliquidated"), x->balance.unliquidated, y->balance.unliquidated },
        { N_("available"), x->balance.available, y->balance.available },
      };

      if (x->id != y->id || g_strcmp0 (x->code, y->code) != 0 ||
          g_strcmp0 (x->name, y->name) != 0 || x->fiscal_year != y->fiscal_year)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                       _("The balances %s differ: row %u is %s in the source but %s in the "
                         "copy."), grouping_label (grouping), i + 1, x->code, y->code);
          return FALSE;
        }
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        if (figures[f].from != figures[f].to)
          {
            g_autofree char *from = allot_money_format_plain (figures[f].from);
            g_autofree char *to = allot_money_format_plain (figures[f].to);

            g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                         _("The balances %s differ: %s of %s is %s in the copy but %s in "
                           "the source."), grouping_label (grouping), _(figures[f].what),
                         x->code, to, from);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
verify_copy (AllotStore          *source,
             AllotStore          *target,
             AllotMigrateSummary *summary,
             GError             **error)
{
  AllotAuditVerdict from = { 0 }, to = { 0 };
  gboolean ok = TRUE;

  for (guint i = 0; i < summary->tables->len; i++)
    {
      const AllotMigrateTable *t = summary->tables->pdata[i];
      gint64 n_source = 0, n_copy = 0;

      if (!count_rows (source->db, t->table, &n_source, error) ||
          !count_rows (target->db, t->table, &n_copy, error))
        return FALSE;
      if (n_source != n_copy)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                       _("The table %s has %" PRId64 " rows in the copy but %"
                         PRId64 " in the source."), t->table, n_copy, n_source);
          return FALSE;
        }
    }
  if (!compare_balances (source, target, ALLOT_BALANCE_BY_SOURCE, error) ||
      !compare_balances (source, target, ALLOT_BALANCE_BY_ALLOCATION, error))
    return FALSE;

  if (!allot_store_verify_audit (source, &from, error))
    return FALSE;
  if (!allot_store_verify_audit (target, &to, error))
    {
      allot_audit_verdict_clear (&from);
      return FALSE;
    }
  if (to.problem != NULL)
    {
      if (from.problem != NULL)
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                     _("The audit log of the copy is not intact: %s (nor is the source's: %s)"),
                     to.problem, from.problem);
      else
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                     _("The audit log of the copy is not intact: %s"), to.problem);
      ok = FALSE;
    }
  else if (to.n_records != from.n_records || g_strcmp0 (to.last_hash, from.last_hash) != 0)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The audit log of the copy has %" PRId64 " records ending in "
                     "hash %s, the source's %" PRId64 " ending in %s."),
                   to.n_records, to.last_hash != NULL ? to.last_hash : "-",
                   from.n_records, from.last_hash != NULL ? from.last_hash : "-");
      ok = FALSE;
    }
  else
    {
      summary->n_audit_records = to.n_records;
      summary->last_hash = g_strdup (to.last_hash != NULL ? to.last_hash : "");
    }
  allot_audit_verdict_clear (&from);
  allot_audit_verdict_clear (&to);
  return ok;
}

/* ---- the whole ---- */

gboolean
allot_store_migrate_to_full (AllotStore          *source,
                             const char          *target,
                             AllotMigrateProgress cb,
                             gpointer             data,
                             AllotMigrateSummary *summary,
                             GError             **error)
{
  g_autoptr(AllotStore) copy = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) target_tables = NULL;
  g_autoptr(GPtrArray) order = NULL;
  AllotMigrateSummary local = { 0 };
  gboolean created_file = FALSE;
  g_autofree char *label = NULL;
  gint64 v_source = 0, v_copy = 0;
  gboolean ok;

  g_return_val_if_fail (ALLOT_IS_STORE (source), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (summary == NULL)
    summary = &local;
  memset (summary, 0, sizeof *summary);
  summary->tables = g_ptr_array_new_with_free_func (migrate_table_free);

  if (!check_target_empty (target, &created_file, &label, error))
    goto fail;
  copy = allot_store_open (target, ALLOT_STORE_OPEN_CREATE, error);
  if (copy == NULL)
    {
      g_prefix_error (error, _("Could not create the copy: "));
      goto fail_remove;
    }

  if (!schema_version (source->db, &v_source, error) ||
      !schema_version (copy->db, &v_copy, error))
    goto fail_remove;
  if (v_source != v_copy)
    {
      g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                   _("The source is at schema %" PRId64 " but the copy at %"
                     PRId64 ": both must be this version of Allot's."),
                   v_source, v_copy);
      goto fail_remove;
    }

  tables = list_tables (source->db, error);
  if (tables == NULL || (target_tables = list_tables (copy->db, error)) == NULL)
    goto fail_remove;
  for (guint i = 0; i < tables->len; i++)
    if (!contains (target_tables, tables->pdata[i]))
      {
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                     _("The table %s of the source is not in the copy's schema."),
                     (const char *) tables->pdata[i]);
        goto fail_remove;
      }
  for (guint i = 0; i < target_tables->len; i++)
    if (!contains (tables, target_tables->pdata[i]))
      {
        g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_CORRUPT,
                     _("The table %s of the copy is not in the source."),
                     (const char *) target_tables->pdata[i]);
        goto fail_remove;
      }
  order = order_by_dependencies (copy->db, tables, error);
  if (order == NULL)
    goto fail_remove;

  if (!copy_all (source, copy, order, cb, data, summary, error))
    goto fail_remove;

  /* Committed: from here on the copy stays as written. */
  ok = verify_copy (source, copy, summary, error);
  if (!ok)
    g_prefix_error (error, _("The copy in “%s” was written but does not match the source: "),
                    label);
  if (ok)
    summary->target = g_steal_pointer (&label);
  if (!ok || summary == &local)
    allot_migrate_summary_clear (summary);
  return ok;

fail_remove:
  /* A PostgreSQL database cannot be taken back like a file. */
  if (copy != NULL && is_pg (copy->db) && error != NULL && *error != NULL)
    {
      char *message = g_strdup_printf (_("%s The PostgreSQL database “%s” now holds Allot's "
                                         "tables, empty: drop it and create it again before "
                                         "copying into it."), (*error)->message, label);

      g_free ((*error)->message);
      (*error)->message = message;
    }
  g_clear_object (&copy);
  if (created_file)
    remove_created_file (target);
fail:
  allot_migrate_summary_clear (summary);
  return FALSE;
}

gboolean
allot_store_migrate_to (AllotStore          *source,
                        const char          *target,
                        AllotMigrateProgress cb,
                        gpointer             data,
                        GError             **error)
{
  return allot_store_migrate_to_full (source, target, cb, data, NULL, error);
}
