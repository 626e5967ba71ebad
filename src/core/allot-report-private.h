/* allot-report-private.h: shared by the allot-report*.c files only. */
#pragma once

#include "allot-reports.h"
#include "allot-store-private.h"

G_BEGIN_DECLS

/* Starts a read transaction when none is open, so that the queries of one
 * report see one state of the database; *out_began says whether to end it. */
gboolean report_read_begin (AllotStore *store,
                            gboolean   *out_began,
                            GError    **error);
void     report_read_end   (AllotStore *store,
                            gboolean    began);

/* A detail row for @details; takes nothing, copies the strings. */
void report_add_detail (GPtrArray   *details,
                        const char  *line,
                        int          column,
                        const char  *table_name,
                        gint64       record_id,
                        const GDate *date,
                        const char  *reference,
                        const char  *description,
                        gint64       amount);

/* Takes one detail of a report as it is found; FALSE with @error stops
 * the report. */
typedef gboolean (*ReportDetailFunc) (const AllotReportDetail *detail,
                                      gpointer                 data,
                                      GError                 **error);

/* allot_report_ffr() passing each detail to @detail_func (when not NULL)
 * in the order allot_report_ffr() lists them, instead of keeping them:
 * ffr->details stays empty and the memory used does not grow with the
 * grant's ledger (the workbook export).  Details may have been passed
 * when it fails. */
AllotFfr *report_ffr_streamed (AllotStore       *store,
                               gint64            source_id,
                               const GDate      *period_end,
                               gboolean          final,
                               AllotReportBasis  basis,
                               const GDate      *as_of,
                               ReportDetailFunc  detail_func,
                               gpointer          detail_data,
                               GError          **error);

/* allot_report_esac(), and with @keep_details FALSE esac->details left
 * empty: the workbook export shows the lines only, and a year's details
 * are as many as its forfeiture spending. */
AllotEsac *report_esac_build (AllotStore *store,
                              int         fiscal_year,
                              gboolean    keep_details,
                              GError    **error);

/* A warning for people (printf-style). */
void report_warn (GPtrArray  *warnings,
                  const char *format,
                  ...) G_GNUC_PRINTF (2, 3);

/* @cents * @bp / 10000, rounded half away from zero, without overflow for
 * any amount Allot accepts. */
gint64 report_apply_bp (gint64 cents,
                        guint  bp);

/* @part / @whole in basis points, rounded half up; 0 when @whole <= 0.
 * Negative parts give 0; parts above the whole go above 10000. */
guint report_share_bp (gint64 part,
                       gint64 whole);

/* Reads the ISO date in @column of @stmt ("" or NULL leaves it invalid). */
void report_column_date (AllotStmt *stmt,
                         int           column,
                         GDate        *out);

/* A string column, "" for NULL. */
char *report_column_text (AllotStmt *stmt,
                          int           column);

/* The reporting periods (AllotReportingPeriod) of @grant, appended to @out
 * and numbered within the grant (allot-report-periods.c). */
void report_grant_periods (const AllotSource *grant,
                           const GDate       *as_of,
                           GPtrArray         *out);

G_END_DECLS
