/* allot-entry-form.c: an obligation, an expenditure (with the obligation it
 * liquidates) or an adjustment, charged to an allocation.
 *
 * Undo of a new entry voids it with the reason "Undone" (entries are never
 * deleted); undo of an edit writes the previous values back. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-date.h"
#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"
#include "allot-lookup.h"

/* More open obligations than this on one allocation: offer the newest. */
#define MAX_OBLIGATIONS 500

struct _AllotEntryForm
{
  GtkWidget parent_instance;

  GtkDropDown *kind_dropdown;
  GtkLabel *kind_note;
  GtkDropDown *allocation_dropdown;
  GtkDropDown *obligation_dropdown;
  AllotField *date_field;
  AllotField *paid_field;
  AllotField *amount_field;
  AllotField *document_field;
  AllotField *payee_field;
  AllotField *description_field;
  GtkCheckButton *immigration_check;
  GtkCheckButton *submit_check;
  GtkBox *box;

  AllotSession *session;
  AllotLedgerEntry *editing;
  GPtrArray *allocations;     /* AllotAllocation, parallel to the dropdown after "Choose" */
};

static void form_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotEntryForm, allot_entry_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, form_iface_init))

static AllotEntryKind
selected_kind (AllotEntryForm *self)
{
  return (AllotEntryKind) MIN (gtk_drop_down_get_selected (self->kind_dropdown), 2);
}

static const char *
get_title (AllotForm *form)
{
  return ALLOT_ENTRY_FORM (form)->editing != NULL ? _("Edit Ledger Entry")
                                                  : _("New Ledger Entry");
}

static gboolean
is_valid (AllotForm *form)
{
  AllotEntryForm *self = ALLOT_ENTRY_FORM (form);

  return allot_form_fields_valid (form) &&
         allot_choices_get_selected (self->allocation_dropdown) != 0;
}

static const AllotAllocation *
find_allocation (AllotEntryForm *self,
                 gint64          id)
{
  for (guint i = 0; self->allocations != NULL && i < self->allocations->len; i++)
    if (((AllotAllocation *) self->allocations->pdata[i])->id == id)
      return self->allocations->pdata[i];
  return NULL;
}

/* The open obligations of the chosen allocation. */
static void
fill_obligations (AllotEntryForm *self,
                  gint64          selected)
{
  const AllotAllocation *allocation =
    find_allocation (self, allot_choices_get_selected (self->allocation_dropdown));
  g_autoptr(GPtrArray) entries = NULL;
  AllotLedgerFilter filter;

  allot_choices_reset (self->obligation_dropdown, _("None"));
  if (allocation != NULL)
    {
      allot_ledger_filter_init (&filter);
      filter.fiscal_year = allocation->fiscal_year;
      filter.source_id = allocation->source_id;
      filter.task_force_id = allocation->task_force_id;
      filter.category_id = allocation->category_id;
      filter.kind = ALLOT_ENTRY_OBLIGATION;
      entries = allot_store_list_ledger (allot_session_get_store (self->session), &filter, NULL);
    }
  for (guint i = entries != NULL && entries->len > MAX_OBLIGATIONS ? entries->len - MAX_OBLIGATIONS
                                                                   : 0;
       entries != NULL && i < entries->len; i++)
    {
      AllotLedgerEntry *e = entries->pdata[i];
      g_autofree char *amount = allot_session_format_money (self->session, e->amount);
      g_autofree char *date = allot_date_format_iso (&e->entry_date);
      g_autofree char *label = g_strdup_printf ("%s — %s, %s", e->document_number, amount, date);

      allot_choices_add (self->obligation_dropdown, e->id, label);
    }
  allot_choices_select (self->obligation_dropdown, selected);
}

static void
allocation_changed_cb (AllotEntryForm *self)
{
  fill_obligations (self, 0);
}

static void
kind_changed_cb (AllotEntryForm *self)
{
  AllotEntryKind kind = selected_kind (self);

  g_object_set (self->amount_field, "kind",
                kind == ALLOT_ENTRY_ADJUSTMENT ? ALLOT_FIELD_MONEY_SIGNED
                                               : ALLOT_FIELD_MONEY_POSITIVE,
                NULL);
  g_object_set (self->date_field, "label",
                kind == ALLOT_ENTRY_EXPENDITURE ? _("_Date incurred") : _("_Date"), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->paid_field), kind == ALLOT_ENTRY_EXPENDITURE);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->obligation_dropdown)),
                          kind != ALLOT_ENTRY_OBLIGATION);
  switch (kind)
    {
    case ALLOT_ENTRY_OBLIGATION:
      allot_form_set_note (self->kind_note, _("A commitment to pay: a purchase order, contract, "
                                              "subaward or approved overtime."));
      break;
    case ALLOT_ENTRY_EXPENDITURE:
      allot_form_set_note (self->kind_note, _("A charge incurred or paid. Choose the obligation "
                                              "it liquidates, if any."));
      break;
    case ALLOT_ENTRY_ADJUSTMENT:
    default:
      allot_form_set_note (self->kind_note, _("Negative to reduce. With an obligation it changes "
                                              "that obligation (a deobligation when negative); "
                                              "without one it corrects expenditures."));
      break;
    }
  allot_form_changed (ALLOT_FORM (self));
}

static void
read_fields (AllotEntryForm   *self,
             AllotLedgerEntry *entry)
{
  AllotEntryKind kind = selected_kind (self);

  entry->kind = kind;
  entry->allocation_id = allot_choices_get_selected (self->allocation_dropdown);
  entry->obligation_id = kind != ALLOT_ENTRY_OBLIGATION
                         ? allot_choices_get_selected (self->obligation_dropdown) : 0;
  allot_field_get_date (self->date_field, &entry->entry_date);
  if (kind == ALLOT_ENTRY_EXPENDITURE)
    allot_field_get_date (self->paid_field, &entry->paid_date);
  else
    g_date_clear (&entry->paid_date, 1);
  entry->amount = allot_field_get_cents (self->amount_field);
  g_free (entry->document_number);
  entry->document_number = allot_field_dup_text (self->document_field);
  g_free (entry->payee);
  entry->payee = allot_field_dup_text (self->payee_field);
  g_free (entry->description);
  entry->description = allot_field_dup_text (self->description_field);
  entry->immigration = gtk_check_button_get_active (self->immigration_check);
}

typedef struct {
  gint64 id;
} VoidUndo;

static gboolean
void_entry (AllotStore *store,
            gpointer    data,
            GError    **error)
{
  return allot_store_void_entry (store, ((VoidUndo *) data)->id, _("Undone"), error);
}

static gboolean
restore_entry (AllotStore *store,
               gpointer    data,
               GError    **error)
{
  return allot_store_update_entry (store, data, error);
}

static gboolean
save (AllotForm  *form,
      AllotUndo **out_undo,
      GError    **error)
{
  AllotEntryForm *self = ALLOT_ENTRY_FORM (form);
  AllotStore *store = allot_session_get_store (self->session);
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  if (self->editing == NULL)
    {
      VoidUndo *undo;

      entry = allot_ledger_entry_new ();
      read_fields (self, entry);
      entry->status = gtk_check_button_get_active (self->submit_check) ? ALLOT_STATUS_SUBMITTED
                                                                       : ALLOT_STATUS_DRAFT;
      if (!allot_store_add_entry (store, entry, error))
        return FALSE;
      amount = allot_session_format_money (self->session, entry->amount);
      undo = g_new0 (VoidUndo, 1);
      undo->id = entry->id;
      /* Translators: "Obligation PO-26-001 of $1,200.00 entered" */
      message = g_strdup_printf (_("%s %s of %s entered"), allot_entry_kind_label (entry->kind),
                                 entry->document_number, amount);
      *out_undo = allot_undo_new (message, void_entry, undo, g_free);
      return TRUE;
    }

  entry = allot_store_lookup_entry (store, self->editing->id, error);
  if (entry == NULL)
    return FALSE;
  entry->version = self->editing->version;
  read_fields (self, entry);
  if (!allot_store_update_entry (store, entry, error))
    return FALSE;
  self->editing->version = entry->version;
  message = g_strdup_printf (_("Saved %s"), entry->document_number);
  *out_undo = allot_undo_new (message, restore_entry, g_steal_pointer (&self->editing),
                              (GDestroyNotify) allot_ledger_entry_free);
  return TRUE;
}

static void
form_iface_init (AllotFormInterface *iface)
{
  iface->get_title = get_title;
  iface->is_valid = is_valid;
  iface->save = save;
}

static void
allot_entry_form_dispose (GObject *object)
{
  AllotEntryForm *self = ALLOT_ENTRY_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->editing, allot_ledger_entry_free);
  g_clear_pointer (&self->allocations, g_ptr_array_unref);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_ENTRY_FORM);
  G_OBJECT_CLASS (allot_entry_form_parent_class)->dispose (object);
}

static void
allot_entry_form_class_init (AllotEntryFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_entry_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-entry-form.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, AllotEntryForm, name)
  BIND (kind_dropdown);
  BIND (kind_note);
  BIND (allocation_dropdown);
  BIND (obligation_dropdown);
  BIND (date_field);
  BIND (paid_field);
  BIND (amount_field);
  BIND (document_field);
  BIND (payee_field);
  BIND (description_field);
  BIND (immigration_check);
  BIND (submit_check);
  BIND (box);
#undef BIND
}

static void
allot_entry_form_init (AllotEntryForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->allocation_dropdown));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->date_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->paid_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->amount_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->document_field));
}

static const char *
name_of (GPtrArray *records,
         gint64     id,
         gboolean   category)
{
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      if (category && ((AllotCategory *) records->pdata[i])->id == id)
        return ((AllotCategory *) records->pdata[i])->name;
      if (!category && ((AllotTaskForce *) records->pdata[i])->id == id)
        return ((AllotTaskForce *) records->pdata[i])->code;
    }
  return "?";
}

/* The entry's history from the audit log, below the fields: who, when, what. */
static void
add_history (AllotEntryForm *self,
             AllotStore     *store,
             gint64          entry_id)
{
  g_autoptr(GPtrArray) audit = allot_store_list_audit (store, "ledger_entries", entry_id, NULL);
  GtkWidget *section;
  GtkWidget *title;

  if (audit == NULL || audit->len == 0)
    return;
  section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  title = gtk_label_new (_("History"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "field-title");
  gtk_box_append (GTK_BOX (section), title);
  for (guint i = audit->len; i-- > 0;)
    {
      AllotAuditRecord *r = audit->pdata[i];
      /* An imported row's record is compact: the import event and line. */
      gboolean imported = g_str_equal (r->action, "insert") && r->after != NULL &&
                          g_str_has_prefix (r->after, "{\"import\":");
      const char *action = imported ? C_("record history", "Imported")
                         : g_str_equal (r->action, "insert") ? _("Created")
                         : g_str_equal (r->action, "update") ? _("Changed")
                         : g_str_equal (r->action, "void") ? _("Voided")
                         : r->action;
      /* Translators: "Changed · j.chen · 2026-11-28T15:00:00Z" */
      g_autofree char *text = g_strdup_printf (_("%s · %s · %s"), action,
                                               r->user != NULL ? r->user : "?",
                                               r->at != NULL ? r->at : "?");
      GtkWidget *line = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      gtk_widget_add_css_class (line, "dim-label");
      gtk_box_append (GTK_BOX (section), line);
    }
  gtk_box_append (self->box, section);
}

GtkWidget *
allot_entry_form_new (AllotSession *session,
                      gint64        entry_id)
{
  AllotEntryForm *self = g_object_new (ALLOT_TYPE_ENTRY_FORM, NULL);
  AllotStore *store = allot_session_get_store (session);
  g_autoptr(AllotLedgerEntry) entry = NULL;
  g_autoptr(GPtrArray) sources = allot_store_list_sources (store, NULL);
  g_autoptr(GPtrArray) task_forces = allot_store_list_task_forces (store, NULL);
  g_autoptr(GPtrArray) categories = allot_store_list_categories (store, NULL);
  GDate today;

  self->session = g_object_ref (session);
  if (entry_id != 0)
    {
      entry = allot_store_lookup_entry (store, entry_id, NULL);
      self->editing = allot_store_lookup_entry (store, entry_id, NULL);
    }

  /* Newest years first: that is where entries go. */
  self->allocations = allot_store_list_allocations (store, 0, 0, NULL);
  allot_choices_reset (self->allocation_dropdown, _("Choose an allocation"));
  for (guint i = self->allocations != NULL ? self->allocations->len : 0; i-- > 0;)
    {
      AllotAllocation *a = self->allocations->pdata[i];
      g_autofree char *label = NULL;

      if (a->voided && (entry == NULL || entry->allocation_id != a->id))
        continue;
      label = g_strdup_printf ("FY%d · %s · %s · %s", a->fiscal_year,
                               allot_lookup_source_code (sources, a->source_id, "?"),
                               name_of (task_forces, a->task_force_id, FALSE),
                               name_of (categories, a->category_id, TRUE));
      allot_choices_add (self->allocation_dropdown, a->id, label);
    }

  if (entry != NULL)
    {
      gtk_drop_down_set_selected (self->kind_dropdown, entry->kind);
      gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), FALSE);
      allot_choices_select (self->allocation_dropdown, entry->allocation_id);
      fill_obligations (self, entry->obligation_id);
      allot_field_set_date (self->date_field, &entry->entry_date);
      allot_field_set_date (self->paid_field, &entry->paid_date);
      allot_field_set_cents (self->amount_field, entry->amount);
      allot_field_set_text (self->document_field, entry->document_number);
      allot_field_set_text (self->payee_field, entry->payee);
      allot_field_set_text (self->description_field, entry->description);
      gtk_check_button_set_active (self->immigration_check, entry->immigration);
      gtk_widget_set_visible (GTK_WIDGET (self->submit_check), FALSE);
      add_history (self, store, entry_id);
    }
  else
    {
      allot_date_set_today (&today);
      allot_field_set_date (self->date_field, &today);
      fill_obligations (self, 0);
    }
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->allocation_dropdown, "notify::selected",
                            G_CALLBACK (allocation_changed_cb), self);
  kind_changed_cb (self);
  return GTK_WIDGET (self);
}
