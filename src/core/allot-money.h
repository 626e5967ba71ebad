/* allot-money.h: money as gint64 cents, parsed and formatted without floating point. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest absolute amount Allot accepts: 10^15 - 1 cents (just under ten
 * trillion dollars).  Far above any budget, and far enough below G_MAXINT64
 * that sums of a few million such values cannot overflow in SQLite or C. */
#define ALLOT_MONEY_MAX G_GINT64_CONSTANT (999999999999999)

/* Parses "1234.56", "1,234.56", "$1,234.56", "-12.00", "(12.00)", "-$5", "12.5",
 * " 12 " (surrounding spaces).  Refuses, with ALLOT_ERROR_INVALID and a message
 * that quotes the input: empty text, more than two decimals, misplaced group
 * separators ("1,23.00", "12,34"), two signs, stray characters, and amounts
 * beyond ALLOT_MONEY_MAX. */
gboolean allot_money_parse (const char  *text,
                            gint64      *out_cents,
                            GError     **error);

/* "1234.56" / "-1234.56": always '.' and no grouping, for CSV and machines. */
char *allot_money_format_plain (gint64 cents);

/* For people: grouping and decimal point of the current LC_NUMERIC/LC_MONETARY
 * locale and the symbol of @currency (an ISO 4217 code such as "USD"; NULL
 * means USD).  Negative amounts carry a leading minus: "-$1,234.56". */
char *allot_money_format (gint64      cents,
                          const char *currency);

/* The symbol shown for a currency code: "$" for USD, "€" for EUR, ... or the
 * code itself followed by a space when unknown. */
const char *allot_money_currency_symbol (const char *currency);

/* a + b, refusing overflow beyond ALLOT_MONEY_MAX in either direction. */
gboolean allot_money_add (gint64   a,
                          gint64   b,
                          gint64  *out_sum,
                          GError **error);

G_END_DECLS
