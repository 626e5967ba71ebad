/* allot-balance-card.h: the figures of one kind of source for one year. */
#pragma once

#include <gtk/gtk.h>

#include "allot-session.h"

G_BEGIN_DECLS

typedef enum {
  ALLOT_CARD_AUTHORIZED,    /* what the sources authorize, all years */
  ALLOT_CARD_UNALLOCATED,   /* authorized - allocated, all years */
  ALLOT_CARD_ALLOCATED,     /* the year's budget */
  ALLOT_CARD_OBLIGATED,
  ALLOT_CARD_EXPENDED,
  ALLOT_CARD_UNLIQUIDATED,
  ALLOT_CARD_AVAILABLE,     /* allocated - expended - unliquidated */
} AllotCardField;
#define ALLOT_CARD_N_FIELDS 7

#define ALLOT_TYPE_BALANCE_CARD (allot_balance_card_get_type ())
G_DECLARE_FINAL_TYPE (AllotBalanceCard, allot_balance_card, ALLOT, BALANCE_CARD, GtkWidget)

GtkWidget  *allot_balance_card_new            (void);
void        allot_balance_card_set_title      (AllotBalanceCard   *self,
                                               const char         *title);
/* @year: the year's row (NULL: nothing allocated); @lifetime: the row over
 * all years (NULL: no such sources). */
void        allot_balance_card_set_balances   (AllotBalanceCard   *self,
                                               AllotSession       *session,
                                               int                 fiscal_year,
                                               const AllotBalance *year,
                                               const AllotBalance *lifetime);
/* Money of the year entered but not yet approved (NULL: none), shown under
 * the totals it would join. */
void        allot_balance_card_set_pending    (AllotBalanceCard   *self,
                                               AllotSession       *session,
                                               const AllotPending *pending);
/* "" when nothing of @field awaits approval. */
const char *allot_balance_card_get_pending_text (AllotBalanceCard *self,
                                                 AllotCardField    field);
const char *allot_balance_card_get_value_text (AllotBalanceCard   *self,
                                               AllotCardField      field);

G_END_DECLS
