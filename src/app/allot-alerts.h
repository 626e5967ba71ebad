/* allot-alerts.h: what the Overview warns about, from the derived balances.
 *
 * Until the core's compliance checks exist, the app flags the three things a
 * budget officer must never miss: an allocation spent beyond its budget, a
 * source with more allocated than it authorizes, and a grant whose period of
 * performance ends within 90 days with more than a quarter unspent.
 */
#pragma once

#include "allot-store.h"

G_BEGIN_DECLS

typedef enum {
  ALLOT_ALERT_OVERSPENT,
  ALLOT_ALERT_OVER_ALLOCATED,
  ALLOT_ALERT_ENDING_UNSPENT,
} AllotAlertKind;

typedef struct {
  AllotAlertKind kind;
  gboolean severe;          /* an error rather than a warning */
  char *title;
  char *detail;
  gint64 source_id;         /* 0 when not about one source */
} AllotAlert;

void allot_alert_free (AllotAlert *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AllotAlert, allot_alert_free)

#define ALLOT_ALERT_ENDING_DAYS 90
#define ALLOT_ALERT_UNSPENT_PERCENT 25

/* Alerts for @fiscal_year (allocations) and for every open source, as of
 * @today, money in @currency: a GPtrArray of AllotAlert, worst first. */
GPtrArray *allot_alerts_compute (AllotStore  *store,
                                 int          fiscal_year,
                                 const GDate *today,
                                 const char  *currency,
                                 GError     **error);

G_END_DECLS
