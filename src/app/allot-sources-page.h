#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_SOURCES_PAGE (allot_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotSourcesPage, allot_sources_page, ALLOT, SOURCES_PAGE, AdwBin)

G_END_DECLS
