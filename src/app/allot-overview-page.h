/* allot-overview-page.h: the year at a glance: a card per kind of source,
 * the burn rate and the alerts. */
#pragma once

#include <adwaita.h>

#include "allot-balance-card.h"
#include "allot-burn-chart.h"
#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_OVERVIEW_PAGE (allot_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotOverviewPage, allot_overview_page, ALLOT, OVERVIEW_PAGE, AdwBin)

gboolean          allot_overview_page_get_loading    (AllotOverviewPage *self);
AllotBalanceCard *allot_overview_page_get_card       (AllotOverviewPage *self,
                                                      AllotSourceKind    kind);
AllotBurnChart   *allot_overview_page_get_burn_chart (AllotOverviewPage *self);
guint             allot_overview_page_get_n_alerts   (AllotOverviewPage *self);

G_END_DECLS
