/* allot-store-private.h: shared by the allot-store*.c files only. */
#pragma once

#include "allot-db-private.h"
#include "allot-store.h"

G_BEGIN_DECLS

struct _AllotStore
{
  GObject parent_instance;

  AllotDb *db;
  char *path;
  char *user;
  char *pg_role;           /* PostgreSQL: the role the connection acts as (NULL: unknown) */
  char *login;             /* PostgreSQL: the connection's login (session_user) */
  guint fy_start_month;
  GHashTable *statements;  /* static SQL text (by address) -> prepared statement */
  gboolean in_batch;       /* inside allot_store_begin_batch(): writes are savepoints */
  gboolean file_verified;  /* allot_store_verify_file() found the file whole */
};

/* A prepared statement kept for the life of the store, reset and with its
 * bindings cleared.  @sql must be a string literal: it is the cache key. */
AllotStmt *allot_store_statement (AllotStore *self,
                                     const char *sql,
                                     GError    **error);

/* Starts one write: BEGIN IMMEDIATE, or a savepoint inside a batch. */
gboolean allot_store_begin_write (AllotStore *self,
                                  GError    **error);
gboolean allot_store_commit      (AllotStore *self,
                                  GError    **error);
void     allot_store_rollback    (AllotStore *self);

/* Finishes a write: commits when @ok, rolls back otherwise; returns @ok
 * (FALSE also when the commit itself fails). */
gboolean allot_store_end_write   (AllotStore *self,
                                  gboolean    ok,
                                  GError    **error);

/* Turns a UNIQUE violation into "What “code” already exists.", anything
 * else into the engine's message prefixed by @what. */
void allot_store_set_write_error (AllotStore *self,
                                  GError    **error,
                                  const char *what,
                                  const char *code);

/* Inside a write: NOT_FOUND when row @id is gone, CONFLICT when its version
 * is no longer @version.  @sql selects the version of row ?1. */
gboolean allot_store_check_version (AllotStore *self,
                                    const char *sql,
                                    gint64      id,
                                    gint64      version,
                                    const char *what,
                                    GError    **error);

/* Steps @stmt once and builds a record with @read; NOT_FOUND names @what and
 * @key when there is no row.  The statement is reset afterwards. */
gpointer allot_store_read_one (AllotStore   *self,
                               AllotStmt *stmt,
                               gpointer    (*read) (AllotStmt *),
                               const char   *what,
                               const char   *key,
                               GError      **error);

/* Every row of @stmt as a record, in a GPtrArray freeing them with @free_func. */
GPtrArray *allot_store_read_all (AllotStore    *self,
                                 AllotStmt  *stmt,
                                 gpointer     (*read) (AllotStmt *),
                                 GDestroyNotify free_func,
                                 GError       **error);

/* Inside a write that lowered what a source authorizes: CONSTRAINT when its
 * allocations no longer fit. */
gboolean allot_store_check_authority (AllotStore *self,
                                      gint64      source_id,
                                      const char *source_code,
                                      GError    **error);

/* LOCKED when @date (may be NULL or invalid: no check) is in a closed month. */
gboolean allot_store_check_period_open (AllotStore  *self,
                                        const GDate *date,
                                        GError     **error);

G_END_DECLS
