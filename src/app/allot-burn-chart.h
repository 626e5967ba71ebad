/* allot-burn-chart.h: cumulative share of the year's budget spent, month by
 * month, against the share of the fiscal year elapsed. */
#pragma once

#include <gtk/gtk.h>

#include "allot-records.h"

G_BEGIN_DECLS

typedef struct {
  gint64 budget;        /* the year's allocated budget */
  gint64 monthly[12];   /* expended in each month of the fiscal year */
} AllotBurnSeries;

#define ALLOT_TYPE_BURN_CHART (allot_burn_chart_get_type ())
G_DECLARE_FINAL_TYPE (AllotBurnChart, allot_burn_chart, ALLOT, BURN_CHART, GtkWidget)

GtkWidget *allot_burn_chart_new      (void);

/* One series per kind of source, indexed by AllotSourceKind; the chart adds
 * the line of all sources. */
void       allot_burn_chart_set_data (AllotBurnChart        *self,
                                      int                    fiscal_year,
                                      guint                  start_month,
                                      const GDate           *today,
                                      const AllotBurnSeries *series);

/* Cumulative percent of the budget of all sources spent at the end of
 * fiscal month @month (0..11), -1 when nothing is budgeted. */
int        allot_burn_chart_get_total_percent (AllotBurnChart *self,
                                               guint           month);

G_END_DECLS
