/* allot-report-overtime-panel.h: task-force overtime by officer and
 * agreement against the caps, with what was billed and received. */
#pragma once

#include "allot-report-panel.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORT_OVERTIME_PANEL (allot_report_overtime_panel_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportOvertimePanel, allot_report_overtime_panel, ALLOT,
                      REPORT_OVERTIME_PANEL, AllotReportPanel)

/* Every federal fiscal year rather than the window's. */
void allot_report_overtime_panel_set_all_years (AllotReportOvertimePanel *self,
                                                gboolean                  all_years);

G_END_DECLS
