#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORTS_PAGE (allot_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportsPage, allot_reports_page, ALLOT, REPORTS_PAGE, AdwBin)

G_END_DECLS
