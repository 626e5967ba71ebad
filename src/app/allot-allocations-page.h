#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_ALLOCATIONS_PAGE (allot_allocations_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotAllocationsPage, allot_allocations_page, ALLOT, ALLOCATIONS_PAGE, AdwBin)

G_END_DECLS
