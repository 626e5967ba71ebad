/* allot-format.c: numbers and dates for people. */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-format.h"

char *
allot_format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");
  return allot_date_format_iso (date);
}

char *
allot_format_share (gint64 part,
                    gint64 whole)
{
  gint64 percent;

  if (whole == 0)
    return g_strdup ("—");
  /* Integer arithmetic, rounded half away from zero, like the reports. */
  percent = (part * 200 / whole + (part * whole >= 0 ? 1 : -1)) / 2;
  return g_strdup_printf ("%" PRId64 "%%", percent);
}

char *
allot_format_basis_points (guint basis_points)
{
  return g_strdup_printf ("%u.%02u%%", basis_points / 100, basis_points % 100);
}

char *
allot_format_fiscal_year (int fiscal_year)
{
  return g_strdup_printf (_("FY%d"), fiscal_year);
}
