/* allot-store-pg.h: the PostgreSQL side of the store (allot-store-pg.c). */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

/* Connects @self to @conninfo, refuses a database that is not Allot's (or
 * empty, unless @create), brings its schema up to date and takes the
 * login as the store's user. */
gboolean allot_store_open_pg (AllotStore *self,
                              const char *conninfo,
                              gboolean    create,
                              GError    **error);

/* BEGIN, as the store's user, holding the writers' lock; inside a
 * transaction only the user. */
gboolean allot_store_pg_begin_write (AllotStore *self,
                                     GError    **error);

/* Makes @name a login that may use Allot, when this connection may create
 * roles (else nothing); @act_as: and one this connection may act as. */
gboolean allot_store_pg_ensure_login (AllotStore *self,
                                      const char *name,
                                      gboolean    act_as,
                                      GError    **error);

/* After a rollback: the role may have been undone with it. */
void allot_store_pg_forget_role (AllotStore *self);

G_END_DECLS
