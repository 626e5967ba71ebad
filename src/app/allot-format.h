/* allot-format.h: numbers and dates for people. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-03-31", or an em dash for an unset date. */
char *allot_format_date (const GDate *date);

/* @part of @whole as a whole percentage, "42%"; an em dash when @whole is 0. */
char *allot_format_share (gint64 part,
                          gint64 whole);

/* Basis points as a percentage: 1500 -> "15.00%". */
char *allot_format_basis_points (guint basis_points);

/* The fiscal-year label used everywhere: "FY2026". */
char *allot_format_fiscal_year (int fiscal_year);

G_END_DECLS
