/* allot-db-driver.h: what a storage driver provides (allot-db-sqlite.c,
 * allot-db-pg.c).  allot-db.c dispatches the calls of allot-db-private.h
 * through this table; only drivers include this file. */
#pragma once

#include "allot-db-private.h"

G_BEGIN_DECLS

typedef struct
{
  void        (*close)          (AllotDb *db);
  int         (*errcode)        (AllotDb *db);
  const char *(*errmsg)         (AllotDb *db);
  /* Runs @sql (one or more statements, no parameters); a result code. */
  int         (*exec)           (AllotDb *db, const char *sql);
  gboolean    (*get_autocommit) (AllotDb *db);
  gint64      (*last_insert_id) (AllotDb *db);
  gint64      (*changes)        (AllotDb *db);
  void        (*interrupt)      (AllotDb *db);

  /* NULL and a result code in *rc when @sql does not prepare. */
  AllotStmt  *(*prepare)        (AllotDb *db, const char *sql, gboolean persistent, int *rc);
  void        (*finalize)       (AllotStmt *stmt);
  int         (*param_count)    (AllotStmt *stmt);
  void        (*bind_int64)     (AllotStmt *stmt, int index, gint64 value);
  void        (*bind_double)    (AllotStmt *stmt, int index, double value);
  void        (*bind_text)      (AllotStmt *stmt, int index, const char *text, int length,
                                 AllotBindLifetime lifetime);
  void        (*bind_null)      (AllotStmt *stmt, int index);
  void        (*clear_bindings) (AllotStmt *stmt);
  int         (*step)           (AllotStmt *stmt);
  void        (*reset)          (AllotStmt *stmt);
  int         (*column_count)   (AllotStmt *stmt);
  const char *(*column_name)    (AllotStmt *stmt, int column);
  AllotDbType (*column_type)    (AllotStmt *stmt, int column);
  gint64      (*column_int64)   (AllotStmt *stmt, int column);
  double      (*column_double)  (AllotStmt *stmt, int column);
  const char *(*column_text)    (AllotStmt *stmt, int column);
  int         (*column_bytes)   (AllotStmt *stmt, int column);
} AllotDbDriver;

/* The first member of every driver's connection. */
struct _AllotDb
{
  const AllotDbDriver *driver;
  AllotDbBackend backend;
};

/* The first member of every driver's statement. */
struct _AllotStmt
{
  AllotDb *db;
};

G_END_DECLS
