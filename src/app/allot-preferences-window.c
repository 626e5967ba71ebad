/* allot-preferences-window.c: the few preferences Allot has.
 *
 * The fiscal-year start and the currency belong to the jurisdiction, so
 * they live in the database (allot_store_set_fy_start_month(), setting
 * "currency"); only the display name is personal and lives in GSettings. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-preferences-window.h"

struct _AllotPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwPreferencesGroup *database_group;
  AdwComboRow *fy_start_row;
  AdwComboRow *currency_row;
  GtkStringList *months;
  GtkStringList *currencies;
  AdwEntryRow *display_name_row;

  AllotSession *session;
  GSettings *settings;
  gboolean filling;
};

G_DEFINE_FINAL_TYPE (AllotPreferencesWindow, allot_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static const char *const currency_codes[] = {
  "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "MXN", NULL
};

static void
show_refusal (AllotPreferencesWindow *self,
              const char             *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
fy_start_changed_cb (AllotPreferencesWindow *self)
{
  guint month = adw_combo_row_get_selected (self->fy_start_row) + 1;
  g_autoptr(GError) error = NULL;
  AllotStore *store;

  if (self->filling || self->session == NULL)
    return;
  store = allot_session_get_store (self->session);
  if (month == allot_store_get_fy_start_month (store))
    return;
  if (!allot_store_set_fy_start_month (store, month, &error))
    {
      show_refusal (self, error->message);
      self->filling = TRUE;
      adw_combo_row_set_selected (self->fy_start_row, allot_store_get_fy_start_month (store) - 1);
      self->filling = FALSE;
      return;
    }
  allot_session_changed (self->session);
}

static void
currency_changed_cb (AllotPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);
  g_autoptr(GError) error = NULL;
  const char *code;

  if (self->filling || self->session == NULL)
    return;
  code = gtk_string_list_get_string (self->currencies, selected);
  if (code != NULL && !allot_session_set_currency (self->session, code, &error))
    show_refusal (self, error->message);
}

static void
display_name_applied_cb (AllotPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                  self->display_name_row))));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "display-name", name);
  if (self->session != NULL)
    allot_session_set_user (self->session, name);
}

static void
allot_preferences_window_dispose (GObject *object)
{
  AllotPreferencesWindow *self = ALLOT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (allot_preferences_window_parent_class)->dispose (object);
}

static void
allot_preferences_window_class_init (AllotPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotPreferencesWindow, database_group);
  gtk_widget_class_bind_template_child (widget_class, AllotPreferencesWindow, fy_start_row);
  gtk_widget_class_bind_template_child (widget_class, AllotPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, AllotPreferencesWindow, months);
  gtk_widget_class_bind_template_child (widget_class, AllotPreferencesWindow, currencies);
  gtk_widget_class_bind_template_child (widget_class, AllotPreferencesWindow, display_name_row);
  gtk_widget_class_bind_template_callback (widget_class, fy_start_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, display_name_applied_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
allot_preferences_window_init (AllotPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filling = TRUE;
  for (guint month = 1; month <= 12; month++)
    {
      GDate date;
      char name[64];

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, month, 2000);
      g_date_strftime (name, sizeof name, "%B", &date);
      gtk_string_list_append (self->months, name);
    }
  for (guint i = 0; currency_codes[i] != NULL; i++)
    gtk_string_list_append (self->currencies, currency_codes[i]);
  self->filling = FALSE;
}

GtkWidget *
allot_preferences_window_new (GtkWindow    *parent,
                              AllotSession *session,
                              GSettings    *settings)
{
  AllotPreferencesWindow *self;
  g_autofree char *name = NULL;

  self = g_object_new (ALLOT_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  g_set_object (&self->session, session);
  g_set_object (&self->settings, settings);

  self->filling = TRUE;
  if (session != NULL)
    {
      AllotStore *store = allot_session_get_store (session);
      const char *currency = allot_session_get_currency (session);

      gboolean listed = FALSE;

      adw_combo_row_set_selected (self->fy_start_row, allot_store_get_fy_start_month (store) - 1);
      for (guint i = 0; currency_codes[i] != NULL; i++)
        if (g_strcmp0 (currency_codes[i], currency) == 0)
          {
            adw_combo_row_set_selected (self->currency_row, i);
            listed = TRUE;
          }
      /* A code set elsewhere (the CLI) is shown as it is, and kept. */
      if (!listed)
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (self->currencies));

          gtk_string_list_append (self->currencies, currency);
          adw_combo_row_set_selected (self->currency_row, n);
        }
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_group), session != NULL);
  if (settings != NULL)
    {
      name = g_settings_get_string (settings, "display-name");
      gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), name);
    }
  self->filling = FALSE;
  return GTK_WIDGET (self);
}
