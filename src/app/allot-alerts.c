/* allot-alerts.c: alerts computed from the balances the core derives. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-alerts.h"
#include "allot-format.h"
#include "allot-money.h"

void
allot_alert_free (AllotAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->title);
  g_free (alert->detail);
  g_free (alert);
}

static AllotAlert *
alert_new (AllotAlertKind kind,
           gboolean       severe,
           gint64         source_id)
{
  AllotAlert *alert = g_new0 (AllotAlert, 1);

  alert->kind = kind;
  alert->severe = severe;
  alert->source_id = source_id;
  return alert;
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const AllotAlert *x = *(const AllotAlert **) a;
  const AllotAlert *y = *(const AllotAlert **) b;

  if (x->severe != y->severe)
    return x->severe ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static gboolean
add_overspent (GPtrArray   *alerts,
               AllotStore  *store,
               int          fiscal_year,
               const char  *currency,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_ALLOCATION, fiscal_year, error);
  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];
      g_autofree char *over = NULL;
      g_autofree char *budget = NULL;
      g_autofree char *committed = NULL;
      AllotAlert *alert;

      if (row->balance.available >= 0)
        continue;
      over = allot_money_format (-row->balance.available, currency);
      budget = allot_money_format (row->balance.allocated, currency);
      committed = allot_money_format (row->balance.expended + row->balance.unliquidated,
                                      currency);
      alert = alert_new (ALLOT_ALERT_OVERSPENT, TRUE, 0);
      /* Translators: "JAG-FY25/JTTF/personnel is overspent by $1,200.00" */
      alert->title = g_strdup_printf (_("%s is overspent by %s"), row->code, over);
      alert->detail = g_strdup_printf (_("FY%d budget %s; spent and committed %s."),
                                       row->fiscal_year, budget, committed);
      g_ptr_array_add (alerts, alert);
    }
  return TRUE;
}

static gboolean
add_source_alerts (GPtrArray   *alerts,
                   AllotStore  *store,
                   const GDate *today,
                   const char  *currency,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  rows = allot_store_list_balances (store, ALLOT_BALANCE_BY_SOURCE, 0, error);
  if (rows == NULL)
    return FALSE;
  sources = allot_store_list_sources (store, error);
  if (sources == NULL)
    return FALSE;
  for (guint i = 0; i < sources->len; i++)
    {
      AllotSource *source = sources->pdata[i];
      g_hash_table_insert (by_id, &source->id, source);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      AllotBalanceRow *row = rows->pdata[i];
      AllotSource *source = g_hash_table_lookup (by_id, &row->id);
      const AllotBalance *b = &row->balance;

      if (source == NULL || source->closed)
        continue;

      if (b->allocated > b->authorized)
        {
          g_autofree char *allocated = allot_money_format (b->allocated, currency);
          g_autofree char *authorized = allot_money_format (b->authorized, currency);
          AllotAlert *alert = alert_new (ALLOT_ALERT_OVER_ALLOCATED, TRUE, source->id);

          alert->title = g_strdup_printf (_("%s is over-allocated"), source->code);
          alert->detail = g_strdup_printf (_("%s allocated, but it authorizes only %s."),
                                           allocated, authorized);
          g_ptr_array_add (alerts, alert);
        }

      if (source->kind == ALLOT_SOURCE_GRANT && g_date_valid (&source->u.grant.pop_end) &&
          b->authorized > 0)
        {
          int days = g_date_days_between (today, &source->u.grant.pop_end);
          gint64 unspent = b->authorized - b->expended;

          if (days >= 0 && days <= ALLOT_ALERT_ENDING_DAYS &&
              unspent * 100 > b->authorized * ALLOT_ALERT_UNSPENT_PERCENT)
            {
              g_autofree char *end = allot_format_date (&source->u.grant.pop_end);
              g_autofree char *share = allot_format_share (unspent, b->authorized);
              g_autofree char *left = allot_money_format (unspent, currency);
              AllotAlert *alert = alert_new (ALLOT_ALERT_ENDING_UNSPENT, FALSE, source->id);

              alert->title = g_strdup_printf (ngettext ("%s ends in %d day with %s unspent",
                                                        "%s ends in %d days with %s unspent",
                                                        days),
                                              source->code, days, share);
              alert->detail = g_strdup_printf (_("Period of performance ends %s; %s not yet "
                                                 "spent. Obligations must be liquidated within "
                                                 "120 days after the end."), end, left);
              g_ptr_array_add (alerts, alert);
            }
        }
    }
  return TRUE;
}

GPtrArray *
allot_alerts_compute (AllotStore  *store,
                      int          fiscal_year,
                      const GDate *today,
                      const char  *currency,
                      GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) allot_alert_free);

  g_return_val_if_fail (ALLOT_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (!add_overspent (alerts, store, fiscal_year, currency, error) ||
      !add_source_alerts (alerts, store, today, currency, error))
    return NULL;
  g_ptr_array_sort (alerts, compare_alerts);
  return g_steal_pointer (&alerts);
}
