/* allot-reports.c: what the reports share: details, warnings, the read
 * transaction, rounding. */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-error.h"
#include "allot-report-private.h"

const char *
allot_report_basis_to_string (AllotReportBasis basis)
{
  switch (basis)
    {
    case ALLOT_BASIS_CASH: return "cash";
    case ALLOT_BASIS_ACCRUAL: return "accrual";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
allot_report_basis_from_string (const char       *s,
                                AllotReportBasis *out)
{
  if (g_strcmp0 (s, "cash") == 0)
    *out = ALLOT_BASIS_CASH;
  else if (g_strcmp0 (s, "accrual") == 0)
    *out = ALLOT_BASIS_ACCRUAL;
  else
    return FALSE;
  return TRUE;
}

void
allot_report_detail_free (AllotReportDetail *detail)
{
  if (detail == NULL)
    return;
  g_free (detail->table_name);
  g_free (detail->reference);
  g_free (detail->description);
  g_free (detail);
}

gboolean
report_read_begin (AllotStore *store,
                   gboolean   *out_began,
                   GError    **error)
{
  *out_began = FALSE;
  if (!allot_db_get_autocommit (store->db))
    return TRUE;  /* inside a batch or a write: already one snapshot */
  if (!allot_db_begin_read (store->db, error))
    return FALSE;
  *out_began = TRUE;
  return TRUE;
}

void
report_read_end (AllotStore *store,
                 gboolean    began)
{
  if (began)
    allot_db_exec (store->db, "COMMIT", NULL);
}

void
report_add_detail (GPtrArray   *details,
                   const char  *line,
                   int          column,
                   const char  *table_name,
                   gint64       record_id,
                   const GDate *date,
                   const char  *reference,
                   const char  *description,
                   gint64       amount)
{
  AllotReportDetail *detail = g_new0 (AllotReportDetail, 1);

  detail->line = line;
  detail->column = column;
  detail->table_name = g_strdup (table_name);
  detail->record_id = record_id;
  if (date != NULL && g_date_valid (date))
    detail->date = *date;
  else
    g_date_clear (&detail->date, 1);
  detail->reference = g_strdup (reference != NULL ? reference : "");
  detail->description = g_strdup (description != NULL ? description : "");
  detail->amount = amount;
  g_ptr_array_add (details, detail);
}

void
report_warn (GPtrArray  *warnings,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

gint64
report_apply_bp (gint64 cents,
                 guint  bp)
{
  gint64 magnitude = cents < 0 ? -cents : cents;
  gint64 q = magnitude / 10000, r = magnitude % 10000;
  /* magnitude * bp / 10000 = q * bp + r * bp / 10000, r * bp < 10^8 */
  gint64 result = q * (gint64) bp + (r * (gint64) bp + 5000) / 10000;

  return cents < 0 ? -result : result;
}

guint
report_share_bp (gint64 part,
                 gint64 whole)
{
  gint64 q, r;

  if (whole <= 0 || part <= 0)
    return 0;
  /* r * 10000 below must stay in range: drop digits no share can show */
  while (whole > G_GINT64_CONSTANT (900000000000000))
    {
      whole /= 10;
      part /= 10;
    }
  if (whole == 0)
    return 0;
  /* part * 10000 / whole, rounded half up, in two steps to stay in range */
  q = part / whole;
  r = part % whole;
  if (q > 100)
    return (guint) MIN (q * 10000, (gint64) G_MAXUINT);
  return (guint) (q * 10000 + (r * 10000 + whole / 2) / whole);
}

void
report_column_date (AllotStmt *stmt,
                    int           column,
                    GDate        *out)
{
  allot_db_column_date (stmt, column, out);
}

char *
report_column_text (AllotStmt *stmt,
                    int           column)
{
  const char *text = (const char *) allot_stmt_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}
