/* allot-report-periods.c: the SF-425 reporting periods of each grant and
 * their due dates.
 *
 * Design decisions:
 * - Interim periods end on the standard dates of the SF-425 instructions
 *   (3/31, 6/30, 9/30, 12/31): every calendar quarter end for quarterly
 *   reports, 30 June and 31 December for semiannual ones, 31 December for
 *   annual ones.  Agencies may pick other standard ends (annual on 9/30);
 *   the frequency stored on the award is all Allot knows, so it uses these.
 * - Interim reports are due 30 days after the period ends (annual: 90);
 *   FEMA's fixed dates (30 Jan/Apr/Jul/Oct) are the same days for quarter
 *   ends.  The final report covers the award to the end of its period of
 *   performance and is due 120 days after it (2 CFR 200.344); no interim
 *   report is listed for a period the final report closes.
 * - Nothing records whether a report was filed, so a period only says how
 *   many days are left to its due date (negative once it has passed).
 */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-report-private.h"

#define INTERIM_DAYS 30
#define ANNUAL_DAYS  90
#define FINAL_DAYS   120

void
allot_reporting_period_free (AllotReportingPeriod *period)
{
  if (period == NULL)
    return;
  g_free (period->source_code);
  g_free (period->award_number);
  g_free (period->report_type);
  g_free (period);
}

static gboolean
is_interim_end_month (const char *frequency,
                      guint       month)
{
  if (g_strcmp0 (frequency, "annual") == 0)
    return month == 12;
  if (g_strcmp0 (frequency, "semiannual") == 0)
    return month == 6 || month == 12;
  return month % 3 == 0;  /* quarterly */
}

static void
add_period (GPtrArray         *out,
            const AllotSource *grant,
            const char        *type,
            const GDate       *first,
            const GDate       *last,
            guint              due_days,
            const GDate       *as_of)
{
  AllotReportingPeriod *period = g_new0 (AllotReportingPeriod, 1);

  period->source_id = grant->id;
  period->source_code = g_strdup (grant->code);
  period->award_number = g_strdup (grant->u.grant.award_number);
  period->report_type = g_strdup (type);
  period->number = out->len + 1;
  period->period_start = *first;
  period->period_end = *last;
  period->due_date = *last;
  g_date_add_days (&period->due_date, due_days);
  period->days_to_due = (int) g_date_get_julian (&period->due_date) -
                        (int) g_date_get_julian (as_of);
  g_ptr_array_add (out, period);
}

void
report_grant_periods (const AllotSource *grant,
               const GDate       *as_of,
               GPtrArray         *out)
{
  const AllotGrantFields *g = &grant->u.grant;
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  GDate first = g->pop_start;
  guint due_days = g_strcmp0 (g->reporting_frequency, "annual") == 0 ? ANNUAL_DAYS
                                                                      : INTERIM_DAYS;

  for (guint year = g_date_get_year (&g->pop_start); year <= g_date_get_year (&g->pop_end);
       year++)
    for (guint month = 1; month <= 12; month++)
      {
        GDate end;

        if (!is_interim_end_month (g->reporting_frequency, month))
          continue;
        g_date_clear (&end, 1);
        g_date_set_dmy (&end, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year),
                        (GDateMonth) month, (GDateYear) year);
        if (g_date_compare (&end, &g->pop_start) < 0 || g_date_compare (&end, &g->pop_end) >= 0)
          continue;
        add_period (mine, grant, g->reporting_frequency, &first, &end, due_days, as_of);
        first = end;
        g_date_add_days (&first, 1);
      }
  add_period (mine, grant, "final", &first, &g->pop_end, FINAL_DAYS, as_of);
  for (guint i = 0; i < mine->len; i++)
    g_ptr_array_add (out, mine->pdata[i]);
}

GPtrArray *
allot_report_periods (AllotStore  *store,
                      gint64       source_id,
                      const GDate *as_of,
                      GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_reporting_period_free);
  g_autoptr(GPtrArray) sources = NULL;
  GDate today;

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  if (as_of == NULL || !g_date_valid (as_of))
    {
      allot_date_set_today (&today);
      as_of = &today;
    }
  if (source_id != 0)
    {
      AllotSource *source = allot_store_lookup_source (store, source_id, error);

      if (source == NULL)
        return NULL;
      sources = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_source_free);
      g_ptr_array_add (sources, source);
      if (source->kind != ALLOT_SOURCE_GRANT)
        {
          g_set_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID,
                       _("%s is a %s; only grants file federal financial reports."),
                       source->code, allot_source_kind_to_string (source->kind));
          return NULL;
        }
    }
  else
    {
      sources = allot_store_list_sources (store, error);
      if (sources == NULL)
        return NULL;
    }
  for (guint i = 0; i < sources->len; i++)
    {
      const AllotSource *source = sources->pdata[i];

      if (source->kind == ALLOT_SOURCE_GRANT)
        report_grant_periods (source, as_of, out);
    }
  return g_steal_pointer (&out);
}
