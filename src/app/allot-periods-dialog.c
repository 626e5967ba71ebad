/* allot-periods-dialog.c: closing and reopening fiscal months (issue 5).
 *
 * Everyone sees which months of a fiscal year are closed; only an
 * administrator can close or reopen one.  For anyone else the buttons stay
 * in place, insensitive, with a tooltip and a line saying why: hiding them
 * would leave an officer wondering where month-end close went.  The store
 * checks the role again on every write, so the dialog's view of the role
 * is a courtesy, not the guard.  Reopening asks for a reason, which the
 * store requires and the audit log keeps.  Refusals appear in the dialog in
 * the store's words. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-error.h"
#include "allot-periods-dialog.h"

struct _AllotPeriodsDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkSpinButton *fy_spin;
  GtkLabel *role_label;
  GtkLabel *error_label;
  GtkListBox *months_list;

  AllotSession *session;
  int fiscal_year;
  gboolean is_admin;
  GHashTable *buttons;      /* year * 100 + month -> GtkButton (owned by the list) */
  char *error_text;
};

G_DEFINE_FINAL_TYPE (AllotPeriodsDialog, allot_periods_dialog, ADW_TYPE_WINDOW)

static void
show_error (AllotPeriodsDialog *self,
            const char         *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* "October 2025", in the user's language. */
static char *
month_title (int year,
             int month)
{
  GDate date;
  char text[64];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, (GDateMonth) month, (GDateYear) year);
  /* Translators: a month and its year, as in "October 2025" (strftime format) */
  if (g_date_strftime (text, sizeof text, _("%B %Y"), &date) == 0)
    return g_strdup_printf ("%04d-%02d", year, month);
  return g_strdup (text);
}

static void
fill (AllotPeriodsDialog *self)
{
  AllotStore *store = allot_session_get_store (self->session);
  guint start_month = allot_store_get_fy_start_month (store);
  g_autofree char *subtitle = g_strdup_printf (_("FY%d"), self->fiscal_year);
  int year = start_month == 1 ? self->fiscal_year : self->fiscal_year - 1;
  int month = (int) start_month;
  GtkWidget *child;

  adw_window_title_set_subtitle (self->window_title, subtitle);
  g_hash_table_remove_all (self->buttons);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->months_list))) != NULL)
    gtk_list_box_remove (self->months_list, child);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = month_title (year, month);
      g_autofree char *label = NULL;
      gboolean closed = FALSE;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      GtkWidget *icon;

      if (!allot_store_is_period_closed (store, year, month, &closed, &error))
        show_error (self, error->message);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   closed ? _("Closed: nothing dated in it can change")
                                          : _("Open"));
      /* A lock on closed months; the same room left empty on open ones, so
       * that the months line up. */
      icon = closed ? gtk_image_new_from_icon_name ("changes-prevent-symbolic")
                    : gtk_image_new ();
      gtk_image_set_pixel_size (GTK_IMAGE (icon), 16);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      button = gtk_button_new_with_mnemonic (closed ? _("_Reopen…") : _("_Close"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                      closed ? "periods.reopen" : "periods.close");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(ii)", year, month);
      /* Translators: what a button does, for screen readers: "Close October 2025" */
      label = g_strdup_printf (closed ? _("Reopen %s") : _("Close %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      if (!self->is_admin)
        gtk_widget_set_tooltip_text (button, _("Only an administrator can close or reopen a "
                                               "month."));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->months_list, row);
      g_hash_table_insert (self->buttons, GINT_TO_POINTER (year * 100 + month), button);

      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }
}

static void
fiscal_year_changed_cb (AllotPeriodsDialog *self)
{
  int fiscal_year = gtk_spin_button_get_value_as_int (self->fy_spin);

  if (fiscal_year == self->fiscal_year || self->session == NULL)
    return;
  self->fiscal_year = fiscal_year;
  show_error (self, NULL);
  fill (self);
}

/* After a write: the dialog and every view show the new state. */
static void
changed (AllotPeriodsDialog *self)
{
  show_error (self, NULL);
  fill (self);
  allot_session_changed (self->session);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AllotPeriodsDialog *self = ALLOT_PERIODS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  int year, month;

  g_variant_get (parameter, "(ii)", &year, &month);
  if (!allot_store_close_period (allot_session_get_store (self->session), year, month, &error))
    {
      /* e.g. someone closed it meanwhile, or the role changed: show the state now. */
      fill (self);
      show_error (self, error->message);
      return;
    }
  changed (self);
}

typedef struct {
  AllotPeriodsDialog *dialog;
  int year;
  int month;
  GtkEditable *reason;
} ReopenRequest;

static void
reopen_response_cb (AdwMessageDialog *message,
                    const char       *response,
                    ReopenRequest    *request)
{
  AllotPeriodsDialog *self = request->dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "reopen") == 0 && self->session != NULL)
    {
      reason = g_strstrip (g_strdup (gtk_editable_get_text (request->reason)));
      if (!allot_store_reopen_period (allot_session_get_store (self->session), request->year,
                                      request->month, reason, &error))
        {
          fill (self);
          show_error (self, error->message);
        }
      else
        changed (self);
    }
  g_object_unref (request->dialog);
  g_free (request);
}

static void
reason_changed_cb (GtkEditable      *editable,
                   AdwMessageDialog *message)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (message, "reopen", *reason != '\0');
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotPeriodsDialog *self = ALLOT_PERIODS_DIALOG (widget);
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  ReopenRequest *request;
  GtkWidget *message;
  GtkWidget *reason;
  int year, month;

  g_variant_get (parameter, "(ii)", &year, &month);
  title = month_title (year, month);
  heading = g_strdup_printf (_("Reopen %s?"), title);
  message = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                    _("Records dated in it can be added, changed, voided and "
                                      "approved again until it is closed once more. The reason "
                                      "is kept in the audit log."));
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason for reopening (required)"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for reopening"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                    "cancel", _("_Cancel"),
                                    "reopen", _("_Reopen"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "reopen",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (message), "reopen", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "reopen");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), message);

  request = g_new0 (ReopenRequest, 1);
  request->dialog = g_object_ref (self);
  request->year = year;
  request->month = month;
  request->reason = GTK_EDITABLE (reason);
  g_signal_connect (message, "response", G_CALLBACK (reopen_response_cb), request);
  gtk_window_present (GTK_WINDOW (message));
  gtk_widget_grab_focus (reason);
}

/* Whether the store's current user may close periods: an administrator, or
 * the first person to write to a database nobody has written to (who
 * becomes its administrator). */
static gboolean
user_is_admin (AllotStore  *store,
               char       **out_why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  const char *user = allot_store_get_user (store);
  AllotRole role = ALLOT_ROLE_OFFICER;

  *out_why = NULL;
  if (allot_store_lookup_role (store, user, &role, &error))
    {
      if (role == ALLOT_ROLE_ADMINISTRATOR)
        return TRUE;
      *out_why = g_strdup_printf (role == ALLOT_ROLE_REVIEWER
                                  ? _("Only an administrator can close or reopen a month; %s "
                                      "is a reviewer.")
                                  : _("Only an administrator can close or reopen a month; %s "
                                      "is an officer."), user);
      return FALSE;
    }
  users = allot_store_list_users (store, NULL);
  if (g_error_matches (error, ALLOT_ERROR, ALLOT_ERROR_NOT_FOUND) && users != NULL &&
      users->len == 0)
    return TRUE;
  *out_why = g_strdup_printf (_("Only an administrator can close or reopen a month; %s is "
                                "not one."), user);
  return FALSE;
}

static void
allot_periods_dialog_dispose (GObject *object)
{
  AllotPeriodsDialog *self = ALLOT_PERIODS_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  g_clear_pointer (&self->error_text, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), ALLOT_TYPE_PERIODS_DIALOG);
  G_OBJECT_CLASS (allot_periods_dialog_parent_class)->dispose (object);
}

static void
allot_periods_dialog_class_init (AllotPeriodsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_periods_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-periods-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotPeriodsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AllotPeriodsDialog, fy_spin);
  gtk_widget_class_bind_template_child (widget_class, AllotPeriodsDialog, role_label);
  gtk_widget_class_bind_template_child (widget_class, AllotPeriodsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AllotPeriodsDialog, months_list);
  gtk_widget_class_bind_template_callback (widget_class, fiscal_year_changed_cb);
  gtk_widget_class_install_action (widget_class, "periods.close", "(ii)", close_action);
  gtk_widget_class_install_action (widget_class, "periods.reopen", "(ii)", reopen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
allot_periods_dialog_init (AllotPeriodsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->buttons = g_hash_table_new (NULL, NULL);
}

GtkWidget *
allot_periods_dialog_new (GtkWindow    *parent,
                          AllotSession *session,
                          int           fiscal_year)
{
  AllotPeriodsDialog *self;
  g_autofree char *why = NULL;

  g_return_val_if_fail (ALLOT_IS_SESSION (session), NULL);

  self = g_object_new (ALLOT_TYPE_PERIODS_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->is_admin = user_is_admin (allot_session_get_store (session), &why);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "periods.close", self->is_admin);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "periods.reopen", self->is_admin);
  if (why != NULL)
    {
      gtk_label_set_text (self->role_label, why);
      gtk_widget_set_visible (GTK_WIDGET (self->role_label), TRUE);
    }
  if (fiscal_year <= 1900)
    fiscal_year = allot_store_current_fiscal_year (allot_session_get_store (session));
  self->fiscal_year = fiscal_year;
  gtk_spin_button_set_value (self->fy_spin, fiscal_year);
  fill (self);
  return GTK_WIDGET (self);
}

GtkWidget *
allot_periods_dialog_get_button (AllotPeriodsDialog *self,
                                 int                 year,
                                 int                 month)
{
  g_return_val_if_fail (ALLOT_IS_PERIODS_DIALOG (self), NULL);
  return g_hash_table_lookup (self->buttons, GINT_TO_POINTER (year * 100 + month));
}

const char *
allot_periods_dialog_get_error_text (AllotPeriodsDialog *self)
{
  g_return_val_if_fail (ALLOT_IS_PERIODS_DIALOG (self), NULL);
  return self->error_text;
}
