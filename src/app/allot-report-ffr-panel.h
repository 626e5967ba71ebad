/* allot-report-ffr-panel.h: the SF-425 Federal Financial Report of a grant,
 * with its grant, reporting period, final flag and basis as controls. */
#pragma once

#include "allot-report-panel.h"
#include "allot-reports.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORT_FFR_PANEL (allot_report_ffr_panel_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportFfrPanel, allot_report_ffr_panel, ALLOT, REPORT_FFR_PANEL,
                      AllotReportPanel)

/* Sets the controls as a person would and reloads: grant @source_id, the
 * period ending on @period_end (NULL: the latest one ended by today), the
 * final flag and the basis. */
void allot_report_ffr_panel_choose (AllotReportFfrPanel *self,
                                    gint64               source_id,
                                    const GDate         *period_end,
                                    gboolean             final,
                                    AllotReportBasis     basis);

/* The report shown, or NULL (for tests and the export of what is seen). */
const AllotFfr *allot_report_ffr_panel_get_report (AllotReportFfrPanel *self);

G_END_DECLS
