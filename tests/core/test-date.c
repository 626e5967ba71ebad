/* test-date.c: date parsing, fiscal years, quarters and elapsed periods.
 *
 * Every expected value is worked out by hand in the comments, never computed by
 * the code under test.  Month lengths used below:
 *   Jan 31  Feb 28 (29 in 2024)  Mar 31  Apr 30  May 31  Jun 30
 *   Jul 31  Aug 31  Sep 30  Oct 31  Nov 30  Dec 31
 */

#include <locale.h>
#include <string.h>

#include "allot-date.h"
#include "allot-error.h"

static void
set_ymd (GDate *date,
         guint  year,
         guint  month,
         guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_assert_true (g_date_valid (date));
}

static void
assert_ymd (const GDate *date,
            guint        year,
            guint        month,
            guint        day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_year (date), ==, year);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_day (date), ==, day);
}

/* --- parsing --- */

typedef struct {
  const char *text;
  guint       year;
  guint       month;
  guint       day;
} AcceptCase;

static const AcceptCase accept_cases[] = {
  { "2026-03-31",     2026, 3, 31 },
  { "3/31/2026",      2026, 3, 31 },
  { "03/31/2026",     2026, 3, 31 },
  { "3/1/2026",       2026, 3, 1 },
  { "12/31/2025",     2025, 12, 31 },
  { "2024-02-29",     2024, 2, 29 },   /* 2024 is a leap year */
  { "2/29/2024",      2024, 2, 29 },
  { "2000-02-29",     2000, 2, 29 },   /* divisible by 400: leap */
  { " 2026-01-05 ",   2026, 1, 5 },
  { "\t1/5/2026\n",   2026, 1, 5 },
  { "0001-01-01",     1, 1, 1 },
  { "9999-12-31",     9999, 12, 31 },
};

typedef struct {
  const char *text;
  const char *reason;
} RefuseCase;

static const RefuseCase refuse_cases[] = {
  { "2026-02-30",     "not a valid date" },
  { "2/29/2025",      "not a valid date" },   /* 2025 is not a leap year */
  { "2025-02-29",     "not a valid date" },
  { "1900-02-29",     "not a valid date" },   /* divisible by 100, not 400 */
  { "13/1/2026",      "not a valid date" },   /* never read as D/M/YYYY */
  { "2026-13-01",     "not a valid date" },
  { "2026-00-10",     "not a valid date" },
  { "2026-04-31",     "not a valid date" },
  { "2026-03-00",     "not a valid date" },
  { "0/1/2026",       "not a valid date" },
  { "0000-01-01",     "not a valid date" },
  { "2026-1-5",       "not a date" },   /* decided: ISO requires 4-2-2 digits */
  { "2026-01-5",      "not a date" },
  { "26-01-05",       "not a date" },
  { "12026-01-05",    "not a date" },
  { "2026-001-05",    "not a date" },
  { "3/31/26",        "not a date" },   /* no two-digit years */
  { "3/31/02026",     "not a date" },
  { "003/31/2026",    "not a date" },
  { "2026/03/31",     "not a date" },
  { "20260331",       "not a date" },
  { "3//2026",        "not a date" },
  { "1/2/3/2026",     "not a date" },
  { "2026-03-31x",    "not a date" },
  { "2026-03-31T00:00", "not a date" },
  { "2026 - 03 - 31", "not a date" },
  { "-2026-03-31",    "not a date" },
  { "",               "not a date" },
  { "   ",            "not a date" },
  { "garbage",        "not a date" },
  { "31.03.2026",     "not a date" },
};

static void
test_parse_accept (gconstpointer data)
{
  const AcceptCase *c = data;
  g_autoptr(GError) error = NULL;
  GDate date;

  g_test_message ("parsing \"%s\"", c->text);
  g_date_clear (&date, 1);
  g_assert_true (allot_date_parse (c->text, &date, &error));
  g_assert_no_error (error);
  assert_ymd (&date, c->year, c->month, c->day);
}

static void
test_parse_refuse (gconstpointer data)
{
  const RefuseCase *c = data;
  g_autoptr(GError) error = NULL;
  GDate date;

  g_test_message ("parsing \"%s\"", c->text);
  g_date_clear (&date, 1);
  g_assert_false (allot_date_parse (c->text, &date, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_test_message ("message: %s", error->message);
  g_assert_nonnull (strstr (error->message, c->text));
  g_assert_nonnull (strstr (error->message, c->reason));
  g_assert_false (g_date_valid (&date));
}

static void
test_parse_null_text (void)
{
  if (g_test_subprocess ())
    {
      GDate date;

      allot_date_parse (NULL, &date, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*text != NULL*");
}

static void
test_format_iso (void)
{
  GDate date;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  set_ymd (&date, 2026, 3, 5);
  a = allot_date_format_iso (&date);
  g_assert_cmpstr (a, ==, "2026-03-05");

  set_ymd (&date, 2024, 12, 31);
  b = allot_date_format_iso (&date);
  g_assert_cmpstr (b, ==, "2024-12-31");

  set_ymd (&date, 999, 1, 1);
  c = allot_date_format_iso (&date);
  g_assert_cmpstr (c, ==, "0999-01-01");
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  GDate today;
  GDate first;
  GDate last;

  allot_date_set_today (&today);
  after = g_date_time_new_now_local ();

  set_ymd (&first, g_date_time_get_year (before), g_date_time_get_month (before),
           g_date_time_get_day_of_month (before));
  set_ymd (&last, g_date_time_get_year (after), g_date_time_get_month (after),
           g_date_time_get_day_of_month (after));

  /* Either side of midnight, today is one of the two. */
  g_assert_true (g_date_valid (&today));
  g_assert_cmpint (g_date_compare (&first, &today), <=, 0);
  g_assert_cmpint (g_date_compare (&today, &last), <=, 0);
}

/* --- fiscal years --- */

typedef struct {
  guint year, month, day;
  guint start_month;
  int   fiscal_year;
} FiscalYearCase;

static void
test_fiscal_year_of (void)
{
  static const FiscalYearCase cases[] = {
    /* Default October start: FY2026 = 2025-10-01 .. 2026-09-30. */
    { 2025, 9, 30,   10, 2025 },
    { 2025, 10, 1,   10, 2026 },
    { 2025, 12, 31,  10, 2026 },
    { 2026, 1, 1,    10, 2026 },
    { 2026, 9, 30,   10, 2026 },
    { 2026, 10, 1,   10, 2027 },
    { 2024, 2, 29,   10, 2024 },   /* leap day, inside FY2024 (2023-10-01..2024-09-30) */
    { 2023, 10, 1,   10, 2024 },
    { 2024, 9, 30,   10, 2024 },
    { 2024, 10, 1,   10, 2025 },
    /* July start: FY2027 = 2026-07-01 .. 2027-06-30. */
    { 2026, 6, 30,   7, 2026 },
    { 2026, 7, 1,    7, 2027 },
    { 2026, 12, 31,  7, 2027 },
    { 2027, 6, 30,   7, 2027 },
    { 2024, 2, 29,   7, 2024 },    /* FY2024 = 2023-07-01 .. 2024-06-30 */
    /* January start: the fiscal year is the calendar year. */
    { 2026, 1, 1,    1, 2026 },
    { 2026, 12, 31,  1, 2026 },
    { 2025, 12, 31,  1, 2025 },
    { 2024, 2, 29,   1, 2024 },
    /* December start: FY2026 = 2025-12-01 .. 2026-11-30. */
    { 2025, 11, 30,  12, 2025 },
    { 2025, 12, 1,   12, 2026 },
    { 2026, 11, 30,  12, 2026 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      set_ymd (&date, cases[i].year, cases[i].month, cases[i].day);
      g_test_message ("%04u-%02u-%02u start %u", cases[i].year, cases[i].month,
                      cases[i].day, cases[i].start_month);
      g_assert_cmpint (allot_fiscal_year_of (&date, cases[i].start_month), ==,
                       cases[i].fiscal_year);
    }

  /* The default macro is October. */
  g_assert_cmpint (ALLOT_FY_START_DEFAULT, ==, 10);
}

static void
test_fiscal_year_bounds (void)
{
  static const struct {
    int   fiscal_year;
    guint start_month;
    guint y1, m1, d1;
    guint y2, m2, d2;
  } cases[] = {
    { 2026, 10,  2025, 10, 1,  2026, 9, 30 },
    /* FY2024 with October start: 2023-10-01 .. 2024-09-30 (366 days, leap Feb). */
    { 2024, 10,  2023, 10, 1,  2024, 9, 30 },
    { 2027, 7,   2026, 7, 1,   2027, 6, 30 },
    { 2026, 1,   2026, 1, 1,   2026, 12, 31 },
    /* March start: the last day is the end of February, 29th in a leap year. */
    { 2024, 3,   2023, 3, 1,   2024, 2, 29 },
    { 2025, 3,   2024, 3, 1,   2025, 2, 28 },
    { 2026, 12,  2025, 12, 1,  2026, 11, 30 },
    { 2026, 2,   2025, 2, 1,   2026, 1, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate first;
      GDate last;

      g_date_clear (&first, 1);
      g_date_clear (&last, 1);
      allot_fiscal_year_bounds (cases[i].fiscal_year, cases[i].start_month, &first, &last);
      assert_ymd (&first, cases[i].y1, cases[i].m1, cases[i].d1);
      assert_ymd (&last, cases[i].y2, cases[i].m2, cases[i].d2);
    }
}

static void
test_fiscal_quarter_of (void)
{
  static const struct {
    guint year, month, day;
    guint start_month;
    guint quarter;
  } cases[] = {
    /* October start: Q1 Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep. */
    { 2025, 10, 1,   10, 1 },
    { 2025, 12, 31,  10, 1 },
    { 2026, 1, 1,    10, 2 },
    { 2026, 3, 31,   10, 2 },
    { 2026, 4, 1,    10, 3 },
    { 2026, 6, 30,   10, 3 },
    { 2026, 7, 1,    10, 4 },
    { 2026, 9, 30,   10, 4 },
    /* July start: Q1 Jul-Sep, ..., Q4 Apr-Jun. */
    { 2026, 7, 1,    7, 1 },
    { 2026, 10, 1,   7, 2 },
    { 2027, 1, 31,   7, 3 },
    { 2026, 6, 30,   7, 4 },
    /* January start: calendar quarters. */
    { 2026, 1, 1,    1, 1 },
    { 2026, 3, 31,   1, 1 },
    { 2026, 4, 1,    1, 2 },
    { 2026, 9, 30,   1, 3 },
    { 2026, 12, 31,  1, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;

      set_ymd (&date, cases[i].year, cases[i].month, cases[i].day);
      g_assert_cmpuint (allot_fiscal_quarter_of (&date, cases[i].start_month), ==,
                        cases[i].quarter);
    }
}

static void
test_fiscal_quarter_end (void)
{
  static const struct {
    int   fiscal_year;
    guint start_month;
    guint quarter;
    guint year, month, day;
  } cases[] = {
    /* FY2026, October start: 2025-12-31, 2026-03-31, 2026-06-30, 2026-09-30. */
    { 2026, 10, 1,  2025, 12, 31 },
    { 2026, 10, 2,  2026, 3, 31 },
    { 2026, 10, 3,  2026, 6, 30 },
    { 2026, 10, 4,  2026, 9, 30 },
    /* FY2027, July start: 2026-09-30, 2026-12-31, 2027-03-31, 2027-06-30. */
    { 2027, 7, 1,   2026, 9, 30 },
    { 2027, 7, 2,   2026, 12, 31 },
    { 2027, 7, 3,   2027, 3, 31 },
    { 2027, 7, 4,   2027, 6, 30 },
    /* January start. */
    { 2026, 1, 1,   2026, 3, 31 },
    { 2026, 1, 4,   2026, 12, 31 },
    /* March start, FY2024 = 2023-03-01 .. 2024-02-29: Q1 ends 2023-05-31,
     * Q4 on the leap day. */
    { 2024, 3, 1,   2023, 5, 31 },
    { 2024, 3, 4,   2024, 2, 29 },
    /* December start, FY2026 = 2025-12-01 .. 2026-11-30: Q1 = Dec, Jan, Feb. */
    { 2026, 12, 1,  2026, 2, 28 },
    { 2026, 12, 4,  2026, 11, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate last;

      g_date_clear (&last, 1);
      allot_fiscal_quarter_end (cases[i].fiscal_year, cases[i].start_month,
                                cases[i].quarter, &last);
      assert_ymd (&last, cases[i].year, cases[i].month, cases[i].day);
    }
}

static void
test_calendar_quarter_end (void)
{
  static const struct {
    guint y, m, d;
    guint ey, em, ed;
  } cases[] = {
    { 2026, 1, 1,    2026, 3, 31 },
    { 2026, 2, 14,   2026, 3, 31 },
    { 2026, 3, 31,   2026, 3, 31 },   /* on the end itself */
    { 2026, 4, 1,    2026, 6, 30 },
    { 2026, 6, 30,   2026, 6, 30 },
    { 2026, 7, 1,    2026, 9, 30 },
    { 2026, 9, 30,   2026, 9, 30 },
    { 2026, 10, 1,   2026, 12, 31 },
    { 2026, 11, 15,  2026, 12, 31 },
    { 2026, 12, 31,  2026, 12, 31 },
    { 2024, 2, 29,   2024, 3, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      GDate end;

      set_ymd (&date, cases[i].y, cases[i].m, cases[i].d);
      g_date_clear (&end, 1);
      allot_calendar_quarter_end_on_or_after (&date, &end);
      assert_ymd (&end, cases[i].ey, cases[i].em, cases[i].ed);
    }
}

/* --- elapsed periods --- */

typedef struct {
  guint y, m, d;
  guint elapsed;
  guint bp;
} ElapsedCase;

static void
check_elapsed (const GDate       *first,
               const GDate       *last,
               const ElapsedCase *cases,
               guint              n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      GDate as_of;

      set_ymd (&as_of, cases[i].y, cases[i].m, cases[i].d);
      g_test_message ("as of %04u-%02u-%02u", cases[i].y, cases[i].m, cases[i].d);
      g_assert_cmpuint (allot_period_days_elapsed (first, last, &as_of), ==, cases[i].elapsed);
      g_assert_cmpuint (allot_period_elapsed_bp (first, last, &as_of), ==, cases[i].bp);
    }
}

static void
test_period_fy2024_leap (void)
{
  /* FY2024, October start: 2023-10-01 .. 2024-09-30.
   *   Oct 31 + Nov 30 + Dec 31           = 92
   *   Jan 31 + Feb 29 + Mar 31           = 91
   *   Apr 30 + May 31 + Jun 30           = 91
   *   Jul 31 + Aug 31 + Sep 30           = 92   total 366 */
  static const ElapsedCase cases[] = {
    { 2023, 9, 30,   0,   0 },        /* before the period */
    { 2020, 1, 1,    0,   0 },
    { 2023, 10, 1,   1,   27 },       /* 10000/366 = 27.32 -> 27 */
    { 2023, 12, 31,  92,  2514 },     /* 920000/366 = 2513.66 -> 2514 */
    { 2024, 2, 29,   152, 4153 },     /* 92+31+29; 1520000/366 = 4153.01 -> 4153 */
    { 2024, 3, 1,    153, 4180 },     /* 1530000/366 = 4180.33 -> 4180 */
    { 2024, 3, 31,   183, 5000 },     /* 152+31; exactly half */
    { 2024, 9, 29,   365, 9973 },     /* 3650000/366 = 9972.68 -> 9973 */
    { 2024, 9, 30,   366, 10000 },    /* the last day counts */
    { 2024, 10, 1,   366, 10000 },    /* after the period */
    { 2030, 1, 1,    366, 10000 },
  };
  GDate first;
  GDate last;

  set_ymd (&first, 2023, 10, 1);
  set_ymd (&last, 2024, 9, 30);
  g_assert_cmpuint (allot_period_days (&first, &last), ==, 366);
  check_elapsed (&first, &last, cases, G_N_ELEMENTS (cases));
}

static void
test_period_fy2025 (void)
{
  /* FY2025, October start: 2024-10-01 .. 2025-09-30 = 92 + (31+28+31) + 91 + 92 = 365. */
  static const ElapsedCase cases[] = {
    { 2024, 9, 30,   0,   0 },
    { 2024, 10, 1,   1,   27 },       /* 10000/365 = 27.40 -> 27 */
    { 2025, 3, 31,   182, 4986 },     /* 92+90; 1820000/365 = 4986.30 -> 4986 */
    { 2025, 9, 30,   365, 10000 },
  };
  GDate first;
  GDate last;

  set_ymd (&first, 2024, 10, 1);
  set_ymd (&last, 2025, 9, 30);
  g_assert_cmpuint (allot_period_days (&first, &last), ==, 365);
  check_elapsed (&first, &last, cases, G_N_ELEMENTS (cases));
}

static void
test_period_half_up (void)
{
  /* 2026-01-01 .. 2026-02-01 = 31 + 1 = 32 days; 10000/32 = 312.5 per day, so
   * odd day counts land exactly on a half and must round up (banker's rounding
   * would give 312 and 1562 for the first and fifth). */
  static const ElapsedCase cases[] = {
    { 2026, 1, 1,    1,  313 },       /* 312.5 -> 313 */
    { 2026, 1, 2,    2,  625 },
    { 2026, 1, 3,    3,  938 },       /* 937.5 -> 938 */
    { 2026, 1, 5,    5,  1563 },      /* 1562.5 -> 1563 */
    { 2026, 1, 16,   16, 5000 },
    { 2026, 2, 1,    32, 10000 },
  };
  GDate first;
  GDate last;

  set_ymd (&first, 2026, 1, 1);
  set_ymd (&last, 2026, 2, 1);
  g_assert_cmpuint (allot_period_days (&first, &last), ==, 32);
  check_elapsed (&first, &last, cases, G_N_ELEMENTS (cases));
}

static void
test_period_thirds (void)
{
  /* 2026-01-01 .. 2026-01-03 = 3 days: 3333.33 -> 3333 (down), 6666.67 -> 6667 (up). */
  static const ElapsedCase cases[] = {
    { 2026, 1, 1,  1, 3333 },
    { 2026, 1, 2,  2, 6667 },
    { 2026, 1, 3,  3, 10000 },
  };
  GDate first;
  GDate last;

  set_ymd (&first, 2026, 1, 1);
  set_ymd (&last, 2026, 1, 3);
  check_elapsed (&first, &last, cases, G_N_ELEMENTS (cases));
}

static void
test_period_single_day_and_empty (void)
{
  GDate day;
  GDate before;
  GDate after;

  set_ymd (&day, 2026, 5, 15);
  set_ymd (&before, 2026, 5, 14);
  set_ymd (&after, 2026, 5, 16);

  /* One-day period. */
  g_assert_cmpuint (allot_period_days (&day, &day), ==, 1);
  g_assert_cmpuint (allot_period_days_elapsed (&day, &day, &before), ==, 0);
  g_assert_cmpuint (allot_period_days_elapsed (&day, &day, &day), ==, 1);
  g_assert_cmpuint (allot_period_elapsed_bp (&day, &day, &before), ==, 0);
  g_assert_cmpuint (allot_period_elapsed_bp (&day, &day, &day), ==, 10000);
  g_assert_cmpuint (allot_period_elapsed_bp (&day, &day, &after), ==, 10000);

  /* Last day before the first: an empty period, never a division by zero. */
  g_assert_cmpuint (allot_period_days (&after, &before), ==, 0);
  g_assert_cmpuint (allot_period_days_elapsed (&after, &before, &day), ==, 0);
  g_assert_cmpuint (allot_period_elapsed_bp (&after, &before, &day), ==, 0);
}

static void
test_period_long (void)
{
  /* 2000-01-01 .. 2099-12-31: 100 years, 25 of them leap (2000 included, as it
   * is divisible by 400) = 100 * 365 + 25 = 36525 days.  As of 2049-12-31,
   * 2000..2049 have elapsed: 50 * 365 + 13 leap years (2000, 2004, ..., 2048)
   * = 18263 days; 182630000/36525 = 5000.14 -> 5000. */
  GDate first;
  GDate last;
  GDate as_of;

  set_ymd (&first, 2000, 1, 1);
  set_ymd (&last, 2099, 12, 31);
  set_ymd (&as_of, 2049, 12, 31);
  g_assert_cmpuint (allot_period_days (&first, &last), ==, 36525);
  g_assert_cmpuint (allot_period_days_elapsed (&first, &last, &as_of), ==, 18263);
  g_assert_cmpuint (allot_period_elapsed_bp (&first, &last, &as_of), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accept_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/date/parse/accept/%u", i);

      g_test_add_data_func (path, &accept_cases[i], test_parse_accept);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/date/parse/refuse/%u", i);

      g_test_add_data_func (path, &refuse_cases[i], test_parse_refuse);
    }

  g_test_add_func ("/date/parse/null-text", test_parse_null_text);
  g_test_add_func ("/date/format-iso", test_format_iso);
  g_test_add_func ("/date/today", test_today);
  g_test_add_func ("/date/fiscal-year/of", test_fiscal_year_of);
  g_test_add_func ("/date/fiscal-year/bounds", test_fiscal_year_bounds);
  g_test_add_func ("/date/fiscal-quarter/of", test_fiscal_quarter_of);
  g_test_add_func ("/date/fiscal-quarter/end", test_fiscal_quarter_end);
  g_test_add_func ("/date/calendar-quarter-end", test_calendar_quarter_end);
  g_test_add_func ("/date/period/fy2024-leap", test_period_fy2024_leap);
  g_test_add_func ("/date/period/fy2025", test_period_fy2025);
  g_test_add_func ("/date/period/half-up", test_period_half_up);
  g_test_add_func ("/date/period/thirds", test_period_thirds);
  g_test_add_func ("/date/period/single-day-and-empty", test_period_single_day_and_empty);
  g_test_add_func ("/date/period/long", test_period_long);

  return g_test_run ();
}
