/* allot-date.h: calendar dates, fiscal years and reporting periods.
 *
 * Dates are GDate values (no time, no zone).  In storage and CSV they are ISO
 * "YYYY-MM-DD".  A fiscal year is named by the calendar year in which it ends:
 * with the default October start, FY2026 = 2025-10-01 .. 2026-09-30.  With a
 * January start the fiscal year equals the calendar year.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ALLOT_FY_START_DEFAULT 10

/* Parses ISO "2026-03-31" and US "3/31/2026" (also "03/31/2026").  Refuses
 * anything else, and impossible dates such as 2026-02-30, with
 * ALLOT_ERROR_INVALID and a message quoting the text.  @out is set on success. */
gboolean allot_date_parse (const char  *text,
                           GDate       *out,
                           GError     **error);

/* "YYYY-MM-DD", newly allocated. */
char *allot_date_format_iso (const GDate *date);

/* Today's date in local time. */
void allot_date_set_today (GDate *out);

/* The fiscal year containing @date for a year starting on the first of
 * @start_month (1..12). */
int allot_fiscal_year_of (const GDate *date,
                          guint        start_month);

/* First and last day of fiscal year @fiscal_year. */
void allot_fiscal_year_bounds (int    fiscal_year,
                               guint  start_month,
                               GDate *out_first,
                               GDate *out_last);

/* Fiscal quarter (1..4) containing @date. */
guint allot_fiscal_quarter_of (const GDate *date,
                               guint        start_month);

/* Last day of fiscal quarter @quarter (1..4) of @fiscal_year. */
void allot_fiscal_quarter_end (int    fiscal_year,
                               guint  start_month,
                               guint  quarter,
                               GDate *out_last);

/* The calendar-quarter end (31 Mar, 30 Jun, 30 Sep, 31 Dec) on or after @date:
 * the interim reporting period ends of federal reports. */
void allot_calendar_quarter_end_on_or_after (const GDate *date,
                                             GDate       *out_end);

/* Days of the inclusive period [@first, @last] that have elapsed on @as_of,
 * counting @as_of itself: 0 before the period, the whole length after it. */
guint allot_period_days_elapsed (const GDate *first,
                                 const GDate *last,
                                 const GDate *as_of);

/* Length in days of the inclusive period [@first, @last]. */
guint allot_period_days (const GDate *first,
                         const GDate *last);

/* Share of the period elapsed on @as_of in basis points (0..10000), rounded
 * half up; integer arithmetic so reports agree to the digit. */
guint allot_period_elapsed_bp (const GDate *first,
                               const GDate *last,
                               const GDate *as_of);

G_END_DECLS
