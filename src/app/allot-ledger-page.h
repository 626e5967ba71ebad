/* allot-ledger-page.h: every ledger line, searchable, filterable, sortable. */
#pragma once

#include <adwaita.h>

#include "allot-ledger-model.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_LEDGER_PAGE (allot_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotLedgerPage, allot_ledger_page, ALLOT, LEDGER_PAGE, AdwBin)

void              allot_ledger_page_focus_search (AllotLedgerPage *self);
AllotLedgerModel *allot_ledger_page_get_model    (AllotLedgerPage *self);
GtkColumnView    *allot_ledger_page_get_view     (AllotLedgerPage *self);
/* Clears the filters and puts @text in the search box (the list follows). */
void              allot_ledger_page_set_search (AllotLedgerPage *self,
                                                const char      *text);
/* Shows only the lines of @source_id (0: all). */
void              allot_ledger_page_filter_source (AllotLedgerPage *self,
                                                   gint64           source_id);
/* Shows only the lines of @fiscal_year (0: all). */
void              allot_ledger_page_filter_fiscal_year (AllotLedgerPage *self,
                                                        int              fiscal_year);

G_END_DECLS
