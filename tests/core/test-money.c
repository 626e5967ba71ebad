/* test-money.c: parsing and formatting of money as gint64 cents.
 *
 * Every expected value below is written out by hand, never computed by the code
 * under test.
 */

#include <locale.h>
#include <string.h>

#include "allot-error.h"
#include "allot-money.h"

typedef struct {
  const char *text;
  gint64      cents;
} AcceptCase;

static const AcceptCase accept_cases[] = {
  { "1234.56",                 123456 },
  { "1,234.56",                123456 },
  { "$1,234.56",               123456 },
  { "-12.00",                  -1200 },
  { "(12.00)",                 -1200 },
  { "-$5",                     -500 },
  { "$-5",                     -500 },   /* decided: one sign, either side of "$" */
  { "($5)",                    -500 },
  { "$(5)",                    -500 },
  { "+5",                      500 },
  { "12.5",                    1250 },   /* one decimal means tens of cents */
  { "0",                       0 },
  { "-0",                      0 },
  { "0.05",                    5 },
  { ".5",                      50 },
  { ".05",                     5 },
  { "$0.99",                   99 },
  { " 12 ",                    1200 },
  { "\t$1,234.56\n",           123456 },
  { "999",                     99900 },
  { "007",                     700 },
  { "1,000",                   100000 },
  { "123,456",                 12345600 },
  { "1,234,567.89",            123456789 },
  /* ALLOT_MONEY_MAX = 999 999 999 999 999 cents = 9 999 999 999 999.99 dollars */
  { "9999999999999.99",        G_GINT64_CONSTANT (999999999999999) },
  { "9,999,999,999,999.99",    G_GINT64_CONSTANT (999999999999999) },
  { "-9999999999999.99",       G_GINT64_CONSTANT (-999999999999999) },
  { "(9,999,999,999,999.99)",  G_GINT64_CONSTANT (-999999999999999) },
  { "9999999999999",           G_GINT64_CONSTANT (999999999999900) },
};

typedef struct {
  const char *text;
  const char *reason;   /* a part of the message that says why */
} RefuseCase;

static const RefuseCase refuse_cases[] = {
  { "",                         "empty" },
  { "   ",                      "empty" },
  { "12.345",                   "more than two decimals" },
  { "12.340",                   "more than two decimals" },
  { "0.001",                    "more than two decimals" },
  { "1,23.00",                  "thousands separator" },
  { "12,34",                    "thousands separator" },
  { "1.234,56",                 "thousands separator" },
  { "1,,000",                   "thousands separator" },
  { ",123",                     "thousands separator" },
  { "1234,567.00",              "thousands separator" },
  { "1,000,",                   "thousands separator" },
  { "1,0000",                   "thousands separator" },
  { "--5",                      "more than one sign" },
  { "-(5)",                     "more than one sign" },
  { "(-5)",                     "more than one sign" },
  { "+-5",                      "more than one sign" },
  { "-$-5",                     "more than one sign" },
  { "(5",                       "unbalanced parenthesis" },
  { "5)",                       "unbalanced parenthesis" },
  { "((5))",                    "unbalanced parenthesis" },
  { "(5)(",                     "unbalanced parenthesis" },
  { "12a",                      "unexpected \"a\"" },
  { "abc",                      "unexpected \"a\"" },
  { "1e5",                      "unexpected \"e\"" },
  { "USD 5",                    "unexpected \"U\"" },
  { "1 234",                    "unexpected \" \"" },
  { "$$5",                      "unexpected \"$\"" },
  { "5€",                       "not an amount" },
  { ".",                        "not an amount" },
  { "-",                        "not an amount" },
  { "$",                        "not an amount" },
  { "()",                       "not an amount" },
  { "5.",                       "no cents" },
  { "5-",                       "sign after the digits" },
  { "99999999999999999999",     "beyond the largest amount" },
  /* ALLOT_MONEY_MAX + 1 cent = 1 000 000 000 000 000 cents = 10 000 000 000 000.00 */
  { "10000000000000.00",        "beyond the largest amount" },
  { "-10,000,000,000,000",      "beyond the largest amount" },
  /* 2^64 / 100 rounded up: would wrap a guint64 accumulating cents */
  { "184467440737095516.16",    "beyond the largest amount" },
};

static void
test_parse_accept (gconstpointer data)
{
  const AcceptCase *c = data;
  g_autoptr(GError) error = NULL;
  gint64 cents = 42;
  gboolean ok;

  g_test_message ("parsing \"%s\"", c->text);
  ok = allot_money_parse (c->text, &cents, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (cents, ==, c->cents);
}

static void
test_parse_refuse (gconstpointer data)
{
  const RefuseCase *c = data;
  g_autoptr(GError) error = NULL;
  gint64 cents = 42;
  gboolean ok;

  g_test_message ("parsing \"%s\"", c->text);
  ok = allot_money_parse (c->text, &cents, &error);
  g_assert_false (ok);
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_test_message ("message: %s", error->message);
  g_assert_nonnull (strstr (error->message, c->text));
  g_assert_nonnull (strstr (error->message, c->reason));
  /* Nothing is written on failure. */
  g_assert_cmpint (cents, ==, 42);
}

static void
test_parse_no_error_pointer (void)
{
  gint64 cents = 42;

  /* A NULL GError** and a NULL out pointer are both allowed. */
  g_assert_false (allot_money_parse ("12.345", &cents, NULL));
  g_assert_cmpint (cents, ==, 42);
  g_assert_true (allot_money_parse ("12.34", NULL, NULL));
}

static void
test_parse_long_input_quoted_short (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (200, 'x');
  g_autofree char *first_40 = g_strnfill (40, 'x');
  g_autofree char *first_41 = g_strnfill (41, 'x');

  g_assert_false (allot_money_parse (text, NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, first_40));
  g_assert_null (strstr (error->message, first_41));
  g_assert_nonnull (strstr (error->message, "…"));
}

static void
test_parse_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (allot_money_parse ("12\xff", NULL, &error));
  g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_parse_null_text (void)
{
  if (g_test_subprocess ())
    {
      allot_money_parse (NULL, NULL, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, 0);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*text != NULL*");
}

static void
test_format_plain (void)
{
  static const struct {
    gint64      cents;
    const char *text;
  } cases[] = {
    { 0,                                      "0.00" },
    { 5,                                      "0.05" },
    { -5,                                     "-0.05" },
    { 50,                                     "0.50" },
    { 100,                                    "1.00" },
    { -100,                                   "-1.00" },
    { 123456,                                 "1234.56" },
    { -123456,                                "-1234.56" },
    { 123456789,                              "1234567.89" },
    { G_GINT64_CONSTANT (999999999999999),    "9999999999999.99" },
    { G_GINT64_CONSTANT (-999999999999999),   "-9999999999999.99" },
    /* G_MAXINT64 = 9223372036854775807, G_MININT64 = -9223372036854775808 */
    { G_MAXINT64,                             "92233720368547758.07" },
    { G_MININT64,                             "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = allot_money_format_plain (cases[i].cents);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

typedef struct {
  gint64      cents;
  const char *currency;
  const char *text;
} FormatCase;

static void
check_format_cases (const FormatCase *cases,
                    guint             n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *text = allot_money_format (cases[i].cents, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Runs under the C locale: localeconv () has no thousands separator there, and
 * Allot groups with ',' anyway. */
static void
test_format_c_locale (void)
{
  static const FormatCase cases[] = {
    { 0,                                     NULL,  "$0.00" },
    { 5,                                     "USD", "$0.05" },
    { -5,                                    "USD", "-$0.05" },
    { 99999,                                 "USD", "$999.99" },
    { 100000,                                "USD", "$1,000.00" },
    { 123456,                                NULL,  "$1,234.56" },
    { -123456,                               "USD", "-$1,234.56" },
    { 12345600,                              "USD", "$123,456.00" },
    { 123456789,                             "USD", "$1,234,567.89" },
    { 123456,                                "EUR", "€1,234.56" },
    { 123456,                                "GBP", "£1,234.56" },
    { -123456,                               "CAD", "-CA$1,234.56" },
    { 123456,                                "XYZ", "XYZ 1,234.56" },
    { G_GINT64_CONSTANT (999999999999999),   "USD", "$9,999,999,999,999.99" },
    { G_GINT64_CONSTANT (-999999999999999),  "USD", "-$9,999,999,999,999.99" },
    { G_MININT64,                            "USD", "-$92,233,720,368,547,758.08" },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  check_format_cases (cases, G_N_ELEMENTS (cases));
  setlocale (LC_ALL, saved);
}

#define COMMA_LOCALE "de_DE.UTF-8"

/* de_DE: mon_decimal_point ",", mon_thousands_sep ".", mon_grouping 3;3. */
static void
test_format_comma_locale (void)
{
  static const FormatCase cases[] = {
    { 0,          "EUR", "€0,00" },
    { 5,          "EUR", "€0,05" },
    { 99999,      "EUR", "€999,99" },
    { 100000,     "EUR", "€1.000,00" },
    { 123456,     "EUR", "€1.234,56" },
    { -123456789, "USD", "-$1.234.567,89" },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *plain = NULL;
  gint64 cents = 0;

  if (setlocale (LC_ALL, COMMA_LOCALE) == NULL)
    {
      g_test_skip ("locale " COMMA_LOCALE " is not installed "
                   "(localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return;
    }

  check_format_cases (cases, G_N_ELEMENTS (cases));

  /* Plain output and parsing do not follow the locale. */
  plain = allot_money_format_plain (-123456);
  g_assert_cmpstr (plain, ==, "-1234.56");
  g_assert_true (allot_money_parse ("1,234.56", &cents, NULL));
  g_assert_cmpint (cents, ==, 123456);
  g_assert_false (allot_money_parse ("1.234,56", &cents, NULL));

  setlocale (LC_ALL, saved);
}

static void
test_currency_symbol (void)
{
  const char *unknown;

  g_assert_cmpstr (allot_money_currency_symbol (NULL), ==, "$");
  g_assert_cmpstr (allot_money_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (allot_money_currency_symbol ("usd"), ==, "$");
  g_assert_cmpstr (allot_money_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (allot_money_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (allot_money_currency_symbol ("CAD"), ==, "CA$");

  unknown = allot_money_currency_symbol ("XYZ");
  g_assert_cmpstr (unknown, ==, "XYZ ");
  /* The string stays valid and is the same one next time. */
  g_assert_true (allot_money_currency_symbol ("XYZ") == unknown);
  g_assert_cmpstr (allot_money_currency_symbol ("MXN"), ==, "MXN ");
}

static void
test_round_trip (void)
{
  static const gint64 values[] = {
    0, 1, -1, 5, -5, 10, 99, 100, -100, 101, 123456, -123456, 100000000,
    G_GINT64_CONSTANT (123456789012345),
    G_GINT64_CONSTANT (999999999999900),
    G_GINT64_CONSTANT (999999999999998),
    ALLOT_MONEY_MAX,
    -ALLOT_MONEY_MAX,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = allot_money_format_plain (values[i]);
      gint64 cents = 42;

      g_assert_true (allot_money_parse (text, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, values[i]);
    }
}

static void
test_round_trip_formatted (void)
{
  /* In the C locale the grouped form for people parses back too. */
  static const gint64 values[] = { 0, -5, 123456789, ALLOT_MONEY_MAX, -ALLOT_MONEY_MAX };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = allot_money_format (values[i], "USD");
      gint64 cents = 42;

      g_assert_true (allot_money_parse (text, &cents, NULL));
      g_assert_cmpint (cents, ==, values[i]);
    }
  setlocale (LC_ALL, saved);
}

static void
test_add (void)
{
  static const struct {
    gint64 a;
    gint64 b;
    gint64 sum;
  } ok_cases[] = {
    { 1,                        2,                  3 },
    { -150,                     100,                -50 },
    { ALLOT_MONEY_MAX,          0,                  ALLOT_MONEY_MAX },
    { ALLOT_MONEY_MAX - 1,      1,                  ALLOT_MONEY_MAX },
    { -ALLOT_MONEY_MAX + 1,     -1,                 -ALLOT_MONEY_MAX },
    { ALLOT_MONEY_MAX,          -ALLOT_MONEY_MAX,   0 },
  };
  static const struct {
    gint64 a;
    gint64 b;
  } refused[] = {
    { ALLOT_MONEY_MAX,          1 },
    { -ALLOT_MONEY_MAX,         -1 },
    { ALLOT_MONEY_MAX,          ALLOT_MONEY_MAX },
    { -ALLOT_MONEY_MAX,         -ALLOT_MONEY_MAX },
    /* Out-of-range operands are refused even when the sum would be small,
     * and without overflowing gint64 on the way. */
    { ALLOT_MONEY_MAX + 1,      -1 },
    { G_MAXINT64,               1 },
    { G_MININT64,               -1 },
    { G_MAXINT64,               G_MININT64 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 sum = 42;

      g_assert_true (allot_money_add (ok_cases[i].a, ok_cases[i].b, &sum, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sum, ==, ok_cases[i].sum);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 sum = 42;

      g_assert_false (allot_money_add (refused[i].a, refused[i].b, &sum, &error));
      g_assert_error (error, ALLOT_ERROR, ALLOT_ERROR_INVALID);
      g_assert_cmpint (sum, ==, 42);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (accept_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/parse/accept/%u", i);

      g_test_add_data_func (path, &accept_cases[i], test_parse_accept);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refuse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/parse/refuse/%u", i);

      g_test_add_data_func (path, &refuse_cases[i], test_parse_refuse);
    }

  g_test_add_func ("/money/parse/no-error-pointer", test_parse_no_error_pointer);
  g_test_add_func ("/money/parse/long-input", test_parse_long_input_quoted_short);
  g_test_add_func ("/money/parse/invalid-utf8", test_parse_invalid_utf8);
  g_test_add_func ("/money/parse/null-text", test_parse_null_text);
  g_test_add_func ("/money/format/plain", test_format_plain);
  g_test_add_func ("/money/format/c-locale", test_format_c_locale);
  g_test_add_func ("/money/format/comma-locale", test_format_comma_locale);
  g_test_add_func ("/money/currency-symbol", test_currency_symbol);
  g_test_add_func ("/money/round-trip/plain", test_round_trip);
  g_test_add_func ("/money/round-trip/formatted", test_round_trip_formatted);
  g_test_add_func ("/money/add", test_add);

  return g_test_run ();
}
