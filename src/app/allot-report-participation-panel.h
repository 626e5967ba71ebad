/* allot-report-participation-panel.h: per task force and fiscal year, what
 * the jurisdiction contributed by kind of source, officers, hours and what
 * the partners reimbursed. */
#pragma once

#include "allot-report-panel.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORT_PARTICIPATION_PANEL (allot_report_participation_panel_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportParticipationPanel, allot_report_participation_panel, ALLOT,
                      REPORT_PARTICIPATION_PANEL, AllotReportPanel)

/* Every fiscal year rather than the window's. */
void allot_report_participation_panel_set_all_years (AllotReportParticipationPanel *self,
                                                     gboolean                       all_years);

G_END_DECLS
