/* allot-reports-page.h: the balances grouped by kind, source, task force,
 * fiscal year or allocation, and the exports. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORTS_PAGE (allot_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportsPage, allot_reports_page, ALLOT, REPORTS_PAGE, AdwBin)

/* The fiscal year the exports cover: 0 with "All years". */
int allot_reports_page_get_export_year (AllotReportsPage *self);

G_END_DECLS
