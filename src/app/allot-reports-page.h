/* allot-reports-page.h: the Reports view: the balances grouped by kind,
 * source, task force, fiscal year or allocation; the SF-425, the ESAC, the
 * overtime, participation and burn-rate reports; and the exports. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORTS_PAGE (allot_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportsPage, allot_reports_page, ALLOT, REPORTS_PAGE, AdwBin)

/* The fiscal year the exports cover: 0 with "All years". */
int allot_reports_page_get_export_year (AllotReportsPage *self);

/* Reports: "balances", "ffr", "esac", "overtime", "participation", "burn". */
void        allot_reports_page_show_report (AllotReportsPage *self,
                                            const char       *name);
const char *allot_reports_page_get_report  (AllotReportsPage *self);
/* The panel of report @name (an AllotReportPanel, or the balances box). */
GtkWidget  *allot_reports_page_get_panel   (AllotReportsPage *self,
                                            const char       *name);

G_END_DECLS
