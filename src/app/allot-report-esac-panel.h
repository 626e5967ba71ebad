/* allot-report-esac-panel.h: the Equitable Sharing Agreement and
 * Certification of the window's fiscal year, Justice and Treasury side by
 * side. */
#pragma once

#include "allot-report-panel.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_REPORT_ESAC_PANEL (allot_report_esac_panel_get_type ())
G_DECLARE_FINAL_TYPE (AllotReportEsacPanel, allot_report_esac_panel, ALLOT, REPORT_ESAC_PANEL,
                      AllotReportPanel)

G_END_DECLS
