/* allot-field.h: a labelled entry that checks what is typed into it.
 *
 * Money is parsed with allot_money_parse(), dates with allot_date_parse(),
 * as each key is typed; what is wrong is said under the entry, which is
 * marked with the "error" style class. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  ALLOT_FIELD_TEXT,            /* anything, may be empty */
  ALLOT_FIELD_REQUIRED,        /* text that must not be empty */
  ALLOT_FIELD_MONEY,           /* an amount, zero or more */
  ALLOT_FIELD_MONEY_POSITIVE,  /* an amount above zero */
  ALLOT_FIELD_MONEY_SIGNED,    /* a non-zero amount, negative allowed */
  ALLOT_FIELD_DATE,            /* a date */
  ALLOT_FIELD_OPTIONAL_DATE,   /* a date or nothing */
  ALLOT_FIELD_YEAR,            /* a fiscal year, 1900..2999 */
  ALLOT_FIELD_PERCENT,         /* 0..100 with up to two decimals */
} AllotFieldKind;

#define ALLOT_TYPE_FIELD_KIND (allot_field_kind_get_type ())
GType allot_field_kind_get_type (void);

#define ALLOT_TYPE_FIELD (allot_field_get_type ())
G_DECLARE_FINAL_TYPE (AllotField, allot_field, ALLOT, FIELD, GtkWidget)

GtkWidget  *allot_field_new        (const char     *label,
                                    AllotFieldKind  kind);

gboolean    allot_field_is_valid   (AllotField     *self);
/* The reason shown, or NULL. */
const char *allot_field_get_message (AllotField    *self);
/* Shows @message until the text changes (a refusal from the core). */
void        allot_field_set_error  (AllotField     *self,
                                    const char     *message);

const char *allot_field_get_text   (AllotField     *self);
/* Trimmed; NULL when empty. */
char       *allot_field_dup_text   (AllotField     *self);
void        allot_field_set_text   (AllotField     *self,
                                    const char     *text);

/* Valid fields only. */
gint64      allot_field_get_cents  (AllotField     *self);
void        allot_field_set_cents  (AllotField     *self,
                                    gint64          cents);
/* An invalid GDate when empty. */
void        allot_field_get_date   (AllotField     *self,
                                    GDate          *out);
void        allot_field_set_date   (AllotField     *self,
                                    const GDate    *date);
int         allot_field_get_year   (AllotField     *self);
void        allot_field_set_year   (AllotField     *self,
                                    int             year);
guint       allot_field_get_basis_points (AllotField *self);
void        allot_field_set_basis_points (AllotField *self,
                                          guint       basis_points);

GtkEntry   *allot_field_get_entry  (AllotField     *self);

G_END_DECLS
