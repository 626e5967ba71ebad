/* allot-allocations-page.h: sources against task forces and categories for
 * a fiscal year, and what each source still has free to allocate. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_ALLOCATIONS_PAGE (allot_allocations_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotAllocationsPage, allot_allocations_page, ALLOT, ALLOCATIONS_PAGE,
                      AdwBin)

guint allot_allocations_page_get_n_rows (AllotAllocationsPage *self);
/* Selects the allocation (of the year shown), now or once loaded. */
void  allot_allocations_page_select     (AllotAllocationsPage *self,
                                         gint64                allocation_id);

G_END_DECLS
