/* allot-report-burn-panel.h: the burn rate of one funding source: monthly
 * spending, cumulative share spent against time elapsed, and when the
 * money runs out or lapses. */
#pragma once

#include "allot-report-panel.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORT_BURN_PANEL (allot_report_burn_panel_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportBurnPanel, allot_report_burn_panel, ALLOT, REPORT_BURN_PANEL,
                      AllotReportPanel)

/* Chooses source @source_id as a person would, and reloads. */
void allot_report_burn_panel_choose_source (AllotReportBurnPanel *self,
                                            gint64                source_id);

G_END_DECLS
