/* allot-validate-private.h: field checks shared by the store's write paths.
 * Each names the field and quotes the value it refuses. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Non-empty after trimming, at most @max_len characters. */
gboolean allot_require_text (const char *field, const char *value, guint max_len,
                             GError **error);
gboolean allot_require_date (const char *field, const GDate *date, GError **error);
/* @last not before @first (both valid). */
gboolean allot_require_order (const char *first_field, const GDate *first,
                              const char *last_field, const GDate *last, GError **error);
gboolean allot_require_amount (const char *field, gint64 cents, gint64 min, GError **error);
gboolean allot_require_fiscal_year (int fiscal_year, GError **error);

G_END_DECLS
