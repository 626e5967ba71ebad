/* allot-field.c: a labelled entry that checks what is typed into it.
 *
 * An empty required field keeps Save disabled but only says "Required"
 * once someone has typed into it: a new form does not open covered in red. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-date.h"
#include "allot-error.h"
#include "allot-field.h"
#include "allot-money.h"

struct _AllotField
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkEntry *entry;
  GtkMenuButton *calendar_button;
  GtkPopover *calendar_popover;
  GtkCalendar *calendar;
  GtkLabel *message_label;

  AllotFieldKind kind;
  char *hint;
  char *message;          /* why the text is refused, NULL when valid */
  char *external_error;   /* from the core, until the text changes */
  gboolean touched;
  gboolean valid;
  gint64 cents;           /* money, year or basis points, when valid */
  GDate date;
};

enum {
  PROP_0,
  PROP_LABEL,
  PROP_KIND,
  PROP_TEXT,
  PROP_HINT,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (AllotFieldKind, allot_field_kind,
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_TEXT, "text"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_REQUIRED, "required"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_MONEY, "money"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_MONEY_POSITIVE, "money-positive"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_MONEY_SIGNED, "money-signed"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_DATE, "date"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_OPTIONAL_DATE, "optional-date"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_YEAR, "year"),
                    G_DEFINE_ENUM_VALUE (ALLOT_FIELD_PERCENT, "percent"))

G_DEFINE_FINAL_TYPE (AllotField, allot_field, GTK_TYPE_WIDGET)

static gboolean
is_money (AllotFieldKind kind)
{
  return kind == ALLOT_FIELD_MONEY || kind == ALLOT_FIELD_MONEY_POSITIVE ||
         kind == ALLOT_FIELD_MONEY_SIGNED;
}

static gboolean
is_date (AllotFieldKind kind)
{
  return kind == ALLOT_FIELD_DATE || kind == ALLOT_FIELD_OPTIONAL_DATE;
}

static gboolean
is_required (AllotFieldKind kind)
{
  return kind != ALLOT_FIELD_TEXT && kind != ALLOT_FIELD_OPTIONAL_DATE;
}

/* Returns the reason @text is refused, or NULL (and the value is stored). */
static char *
check_text (AllotField *self,
            const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  if (*trimmed == '\0')
    {
      g_date_clear (&self->date, 1);
      self->cents = 0;
      return is_required (self->kind) ? g_strdup (_("Required.")) : NULL;
    }

  switch (self->kind)
    {
    case ALLOT_FIELD_TEXT:
    case ALLOT_FIELD_REQUIRED:
      return NULL;

    case ALLOT_FIELD_MONEY:
    case ALLOT_FIELD_MONEY_POSITIVE:
    case ALLOT_FIELD_MONEY_SIGNED:
      if (!allot_money_parse (trimmed, &self->cents, &error))
        return g_strdup (error->message);
      if (self->kind == ALLOT_FIELD_MONEY && self->cents < 0)
        return g_strdup (_("The amount cannot be negative."));
      if (self->kind == ALLOT_FIELD_MONEY_POSITIVE && self->cents <= 0)
        return g_strdup (_("The amount must be more than zero."));
      if (self->kind == ALLOT_FIELD_MONEY_SIGNED && self->cents == 0)
        return g_strdup (_("The amount cannot be zero."));
      return NULL;

    case ALLOT_FIELD_DATE:
    case ALLOT_FIELD_OPTIONAL_DATE:
      if (!allot_date_parse (trimmed, &self->date, &error))
        return g_strdup (error->message);
      return NULL;

    case ALLOT_FIELD_YEAR:
      {
        guint64 year = 0;

        if (!g_ascii_string_to_unsigned (trimmed, 10, 1900, 2999, &year, NULL))
          return g_strdup_printf (_("“%s” is not a fiscal year such as 2026."), trimmed);
        self->cents = (gint64) year;
        return NULL;
      }

    case ALLOT_FIELD_PERCENT:
      {
        gsize len = strlen (trimmed);

        if (len > 0 && trimmed[len - 1] == '%')
          trimmed[len - 1] = '\0';
        if (!allot_money_parse (trimmed, &self->cents, NULL) || self->cents < 0 ||
            self->cents > 10000)
          return g_strdup_printf (_("“%s” is not a percentage from 0 to 100 with at most two "
                                    "decimals."), text);
        return NULL;
      }

    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
show_state (AllotField *self)
{
  GtkWidget *entry = GTK_WIDGET (self->entry);
  const char *shown = self->external_error != NULL ? self->external_error : self->message;
  gboolean show_error = shown != NULL && (self->touched || self->external_error != NULL ||
                                          self->message != NULL);

  /* An untouched empty required field is invalid but not flagged. */
  if (shown == self->message && !self->touched &&
      *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0')
    show_error = FALSE;

  if (show_error)
    {
      gtk_label_set_text (self->message_label, shown);
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      if (self->hint != NULL)
        {
          gtk_label_set_text (self->message_label, self->hint);
          gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
        }
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->hint != NULL);
    }
}

static void
revalidate (AllotField *self)
{
  gboolean was_valid = self->valid;

  g_free (self->message);
  self->message = check_text (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  self->valid = self->message == NULL && self->external_error == NULL;
  show_state (self);
  if (was_valid != self->valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
entry_changed_cb (AllotField *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self->entry)) ||
      gtk_widget_is_focus (GTK_WIDGET (self->entry)) ||
      gtk_widget_get_realized (GTK_WIDGET (self->entry)))
    self->touched = TRUE;
  g_clear_pointer (&self->external_error, g_free);
  revalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
day_selected_cb (AllotField *self)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (when, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_popover_popdown (self->calendar_popover);
}

static void
set_kind (AllotField     *self,
          AllotFieldKind  kind)
{
  const char *placeholder = NULL;

  self->kind = kind;
  if (is_money (kind))
    placeholder = "0.00";
  else if (is_date (kind))
    placeholder = _("YYYY-MM-DD");
  else if (kind == ALLOT_FIELD_YEAR)
    placeholder = "2026";
  else if (kind == ALLOT_FIELD_PERCENT)
    placeholder = "0.00%";
  gtk_entry_set_placeholder_text (self->entry, placeholder);
  gtk_entry_set_alignment (self->entry, is_money (kind) || kind == ALLOT_FIELD_PERCENT ? 1.0 : 0.0);
  if (is_money (kind))
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "numeric");
  gtk_entry_set_input_purpose (self->entry,
                               is_money (kind) || kind == ALLOT_FIELD_PERCENT
                               ? GTK_INPUT_PURPOSE_NUMBER
                               : kind == ALLOT_FIELD_YEAR ? GTK_INPUT_PURPOSE_DIGITS
                                                          : GTK_INPUT_PURPOSE_FREE_FORM);
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_button), is_date (kind));
  revalidate (self);
}

static void
allot_field_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_FIELD);
  /* The template's unnamed box is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (allot_field_parent_class)->dispose (object);
}

static void
allot_field_finalize (GObject *object)
{
  AllotField *self = ALLOT_FIELD (object);

  g_free (self->hint);
  g_free (self->message);
  g_free (self->external_error);
  G_OBJECT_CLASS (allot_field_parent_class)->finalize (object);
}

static void
allot_field_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AllotField *self = ALLOT_FIELD (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      break;
    case PROP_HINT:
      g_value_set_string (value, self->hint);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_field_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AllotField *self = ALLOT_FIELD (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      gtk_label_set_label (self->title_label, g_value_get_string (value));
      break;
    case PROP_KIND:
      set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TEXT:
      allot_field_set_text (self, g_value_get_string (value));
      break;
    case PROP_HINT:
      g_free (self->hint);
      self->hint = g_value_dup_string (value);
      show_state (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
allot_field_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ALLOT_FIELD (widget)->entry));
}

static void
allot_field_class_init (AllotFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = allot_field_dispose;
  object_class->finalize = allot_field_finalize;
  object_class->get_property = allot_field_get_property;
  object_class->set_property = allot_field_set_property;
  widget_class->grab_focus = allot_field_grab_focus;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ALLOT_TYPE_FIELD_KIND, ALLOT_FIELD_TEXT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/allot/Allot/ui/allot-field.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotField, title_label);
  gtk_widget_class_bind_template_child (widget_class, AllotField, entry);
  gtk_widget_class_bind_template_child (widget_class, AllotField, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, AllotField, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, AllotField, calendar);
  gtk_widget_class_bind_template_child (widget_class, AllotField, message_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
}

static void
allot_field_init (AllotField *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_date_clear (&self->date, 1);
  self->valid = TRUE;
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->message_label, NULL,
                                  -1);
  revalidate (self);
}

GtkWidget *
allot_field_new (const char     *label,
                 AllotFieldKind  kind)
{
  return g_object_new (ALLOT_TYPE_FIELD, "label", label, "kind", kind, NULL);
}

gboolean
allot_field_is_valid (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), FALSE);
  return self->valid;
}

const char *
allot_field_get_message (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), NULL);
  return self->external_error != NULL ? self->external_error : self->message;
}

void
allot_field_set_error (AllotField *self,
                       const char *message)
{
  g_return_if_fail (ALLOT_IS_FIELD (self));

  g_free (self->external_error);
  self->external_error = g_strdup (message);
  revalidate (self);
}

const char *
allot_field_get_text (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

char *
allot_field_dup_text (AllotField *self)
{
  char *text;

  g_return_val_if_fail (ALLOT_IS_FIELD (self), NULL);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

void
allot_field_set_text (AllotField *self,
                      const char *text)
{
  g_return_if_fail (ALLOT_IS_FIELD (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
}

gint64
allot_field_get_cents (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), 0);
  return self->valid ? self->cents : 0;
}

void
allot_field_set_cents (AllotField *self,
                       gint64      cents)
{
  g_autofree char *text = allot_money_format_plain (cents);

  g_return_if_fail (ALLOT_IS_FIELD (self));
  allot_field_set_text (self, text);
}

void
allot_field_get_date (AllotField *self,
                      GDate      *out)
{
  g_return_if_fail (ALLOT_IS_FIELD (self));
  g_return_if_fail (out != NULL);

  if (self->valid && g_date_valid (&self->date))
    *out = self->date;
  else
    g_date_clear (out, 1);
}

void
allot_field_set_date (AllotField  *self,
                      const GDate *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ALLOT_IS_FIELD (self));

  if (date != NULL && g_date_valid (date))
    {
      g_autoptr(GDateTime) when = NULL;

      text = allot_date_format_iso (date);
      when = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                    g_date_get_day (date), 12, 0, 0);
      g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
      gtk_calendar_select_day (self->calendar, when);
      g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
    }
  allot_field_set_text (self, text);
}

int
allot_field_get_year (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), 0);
  return self->valid && self->kind == ALLOT_FIELD_YEAR ? (int) self->cents : 0;
}

void
allot_field_set_year (AllotField *self,
                      int         year)
{
  g_autofree char *text = g_strdup_printf ("%d", year);

  g_return_if_fail (ALLOT_IS_FIELD (self));
  allot_field_set_text (self, text);
}

guint
allot_field_get_basis_points (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), 0);
  return self->valid && self->kind == ALLOT_FIELD_PERCENT ? (guint) self->cents : 0;
}

void
allot_field_set_basis_points (AllotField *self,
                              guint       basis_points)
{
  g_autofree char *text = g_strdup_printf ("%u.%02u", basis_points / 100, basis_points % 100);

  g_return_if_fail (ALLOT_IS_FIELD (self));
  allot_field_set_text (self, text);
}

GtkEntry *
allot_field_get_entry (AllotField *self)
{
  g_return_val_if_fail (ALLOT_IS_FIELD (self), NULL);
  return self->entry;
}
