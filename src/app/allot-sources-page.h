/* allot-sources-page.h: the funding sources, filterable by kind and status,
 * with the terms, history, allocations and balances of the selected one. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_SOURCES_PAGE (allot_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotSourcesPage, allot_sources_page, ALLOT, SOURCES_PAGE, AdwBin)

/* Selects @source_id once the list has it (for tests and after a save). */
void       allot_sources_page_select      (AllotSourcesPage *self,
                                           gint64            source_id);
gint64     allot_sources_page_get_selected (AllotSourcesPage *self);
/* The sources listed now, codes in order. */
GPtrArray *allot_sources_page_list_codes  (AllotSourcesPage *self);

G_END_DECLS
