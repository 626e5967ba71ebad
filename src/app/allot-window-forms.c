/* allot-window-forms.c: opening record forms and the fiscal periods dialog;
 * voiding ledger entries. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-forms.h"
#include "allot-periods-dialog.h"
#include "allot-window-forms.h"
#include "allot-window-private.h"

/* ---- voiding ---- */

typedef struct {
  AllotLedgerEntry *entry;   /* as it was before voiding */
} VoidUndo;

static void
void_undo_free (VoidUndo *undo)
{
  allot_ledger_entry_free (undo->entry);
  g_free (undo);
}

/* A voided entry stays voided: undoing the void enters it again. */
static gboolean
undo_void (AllotStore *store,
           gpointer    data,
           GError    **error)
{
  VoidUndo *undo = data;
  g_autoptr(AllotLedgerEntry) copy = allot_ledger_entry_new ();
  const AllotLedgerEntry *e = undo->entry;

  copy->allocation_id = e->allocation_id;
  copy->kind = e->kind;
  copy->amount = e->amount;
  copy->entry_date = e->entry_date;
  copy->paid_date = e->paid_date;
  copy->obligation_id = e->obligation_id;
  copy->document_number = g_strdup (e->document_number);
  copy->payee = g_strdup (e->payee);
  copy->description = g_strdup (e->description);
  copy->status = e->status;
  copy->immigration = e->immigration;
  return allot_store_add_entry (store, copy, error);
}

typedef struct {
  AllotWindow *window;
  gint64 entry_id;
  GtkEntry *reason_entry;
} VoidRequest;

static void
void_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  VoidRequest      *request)
{
  AllotWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  AllotStore *store;
  VoidUndo *undo;

  if (g_strcmp0 (response, "void") != 0 || self->session == NULL)
    goto out;

  store = allot_session_get_store (self->session);
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (request->reason_entry))));
  entry = allot_store_lookup_entry (store, request->entry_id, &error);
  if (entry == NULL || !allot_store_void_entry (store, request->entry_id, reason, &error))
    {
      allot_window_show_error (self, _("Could Not Void the Entry"), error->message);
      goto out;
    }
  allot_session_changed (self->session);
  message = g_strdup_printf (_("Voided %s"), entry->document_number);
  undo = g_new0 (VoidUndo, 1);
  undo->entry = g_steal_pointer (&entry);
  allot_window_show_undo (self, allot_undo_new (message, undo_void, undo,
                                                (GDestroyNotify) void_undo_free));
out:
  g_object_unref (request->window);
  g_free (request);
}

static void
reason_changed_cb (GtkEditable      *editable,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  adw_message_dialog_set_response_enabled (dialog, "void", *reason != '\0');
}

static void
void_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  gint64 entry_id = g_variant_get_int64 (parameter);
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *amount = NULL;
  GtkWidget *dialog;
  GtkWidget *reason;
  VoidRequest *request;

  if (self->session == NULL)
    return;
  entry = allot_store_lookup_entry (allot_session_get_store (self->session), entry_id, &error);
  if (entry == NULL)
    {
      allot_window_show_error (self, _("Could Not Void the Entry"), error->message);
      return;
    }
  amount = allot_session_format_money (self->session, entry->amount);
  body = g_strdup_printf (_("%s %s of %s stays in the ledger, marked void, with the reason. "
                            "It no longer counts in any balance."),
                          allot_entry_kind_label (entry->kind), entry->document_number, amount);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Void This Entry?"), body);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason for voiding"));
  gtk_entry_set_activates_default (GTK_ENTRY (reason), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for voiding"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), reason);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "void", _("_Void"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "void",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "void", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "void");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (reason_changed_cb), dialog);

  request = g_new0 (VoidRequest, 1);
  request->window = g_object_ref (self);
  request->entry_id = entry_id;
  request->reason_entry = GTK_ENTRY (reason);
  g_signal_connect (dialog, "response", G_CALLBACK (void_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

/* ---- opening forms ---- */

static void
open_form (AllotWindow *self,
           GtkWidget   *form)
{
  if (self->session == NULL)
    {
      g_object_ref_sink (form);
      g_object_unref (form);
      return;
    }
  allot_window_open_form (self, form);
}

static void
new_entry_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_entry_form_new (self->session, 0));
}

static void
edit_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_entry_form_new (self->session, g_variant_get_int64 (parameter)));
}

static void
new_allocation_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  gint64 source_id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;

  if (self->session != NULL)
    open_form (self, allot_allocation_form_new (self->session, 0, source_id, self->fiscal_year));
}

static void
edit_allocation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_allocation_form_new (self->session, g_variant_get_int64 (parameter),
                                                0, 0));
}

static void
new_source_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  AllotSourceKind kind = ALLOT_SOURCE_GRANT;

  if (self->session == NULL ||
      !allot_source_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    return;
  open_form (self, allot_source_form_new (self->session, kind, 0));
}

static void
edit_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_source_form_new (self->session, ALLOT_SOURCE_GRANT,
                                            g_variant_get_int64 (parameter)));
}

static void
source_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (self->session == NULL)
    return;
  if (g_str_equal (action_name, "win.add-amendment"))
    open_form (self, allot_amendment_form_new (self->session, id));
  else if (g_str_equal (action_name, "win.add-receipt"))
    open_form (self, allot_receipt_form_new (self->session, id));
  else if (g_str_equal (action_name, "win.add-contribution"))
    open_form (self, allot_contribution_record_form_new (self->session, id));
  else if (g_str_equal (action_name, "win.add-drawdown"))
    open_form (self, allot_drawdown_form_new (self->session, id));
}

static void
task_force_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_task_force_form_new (self->session,
                                                parameter != NULL ? g_variant_get_int64 (parameter)
                                                                  : 0));
}

static void
agency_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_agency_form_new (self->session,
                                            parameter != NULL ? g_variant_get_int64 (parameter)
                                                              : 0));
}

static void
category_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    open_form (self, allot_category_form_new (self->session,
                                              parameter != NULL ? g_variant_get_int64 (parameter)
                                                                : 0));
}

/* Everyone may look at which months are closed; the dialog lets only
 * administrators change that. */
static void
periods_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AllotWindow *self = ALLOT_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (allot_periods_dialog_new (GTK_WINDOW (self), self->session,
                                                              self->fiscal_year)));
}

static const char *const form_actions[] = {
  "win.new-entry", "win.edit-entry", "win.void-entry", "win.new-allocation",
  "win.allocate-source", "win.edit-allocation", "win.new-source", "win.edit-source",
  "win.add-amendment", "win.add-receipt", "win.add-contribution", "win.add-drawdown",
  "win.new-task-force", "win.edit-task-force", "win.new-agency", "win.edit-agency",
  "win.new-category", "win.edit-category", "win.periods",
};

void
allot_window_update_form_actions (AllotWindow *self,
                                  gboolean     have_session)
{
  for (guint i = 0; i < G_N_ELEMENTS (form_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), form_actions[i], have_session);
}

void
allot_window_class_init_form_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-entry", NULL, new_entry_action);
  gtk_widget_class_install_action (widget_class, "win.edit-entry", "x", edit_entry_action);
  gtk_widget_class_install_action (widget_class, "win.void-entry", "x", void_entry_action);
  gtk_widget_class_install_action (widget_class, "win.new-allocation", NULL,
                                   new_allocation_action);
  gtk_widget_class_install_action (widget_class, "win.allocate-source", "x",
                                   new_allocation_action);
  gtk_widget_class_install_action (widget_class, "win.edit-allocation", "x",
                                   edit_allocation_action);
  gtk_widget_class_install_action (widget_class, "win.new-source", "s", new_source_action);
  gtk_widget_class_install_action (widget_class, "win.edit-source", "x", edit_source_action);
  gtk_widget_class_install_action (widget_class, "win.add-amendment", "x", source_record_action);
  gtk_widget_class_install_action (widget_class, "win.add-receipt", "x", source_record_action);
  gtk_widget_class_install_action (widget_class, "win.add-contribution", "x",
                                   source_record_action);
  gtk_widget_class_install_action (widget_class, "win.add-drawdown", "x", source_record_action);
  gtk_widget_class_install_action (widget_class, "win.new-task-force", NULL, task_force_action);
  gtk_widget_class_install_action (widget_class, "win.edit-task-force", "x", task_force_action);
  gtk_widget_class_install_action (widget_class, "win.new-agency", NULL, agency_action);
  gtk_widget_class_install_action (widget_class, "win.edit-agency", "x", agency_action);
  gtk_widget_class_install_action (widget_class, "win.new-category", NULL, category_action);
  gtk_widget_class_install_action (widget_class, "win.edit-category", "x", category_action);
  gtk_widget_class_install_action (widget_class, "win.periods", NULL, periods_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-entry", NULL);
}
