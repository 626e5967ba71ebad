/* allot-source-history-forms.c: the records that add to a source's history:
 * award amendments, forfeiture receipts, agreement contributions and grant
 * drawdowns.  All four are append-only in the core.
 *
 * Undo: amendments are append-only, so an amendment is undone by the
 * opposite amendment ("Undone: ...") with the same effective date: what a
 * budget officer reads in the amendment history, and the award as of any
 * date (SF-425 line 10d, the burn report) is what it was before.
 * Receipts, contributions and drawdowns are voided with the reason
 * "Undone" (allot_undo_new_take_back()). */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-choices.h"
#include "allot-date.h"
#include "allot-field.h"
#include "allot-form.h"
#include "allot-form-util.h"
#include "allot-forms.h"

/* The line naming the source a record is added to. */
static AllotSource *
describe_source (AllotSession *session,
                 gint64        source_id,
                 GtkLabel     *label)
{
  g_autoptr(GError) error = NULL;
  AllotSource *source = allot_store_lookup_source (allot_session_get_store (session), source_id,
                                                   &error);
  g_autofree char *text = NULL;

  if (source != NULL)
    text = g_strdup_printf ("%s — %s", source->code, source->name);
  allot_form_set_note (label, source != NULL ? text : error->message);
  return source;
}

static void
set_today (AllotField *field)
{
  GDate today;

  allot_date_set_today (&today);
  allot_field_set_date (field, &today);
}

/* ---- amendments ---- */

struct _AllotAmendmentForm
{
  GtkWidget parent_instance;

  GtkLabel *source_label;
  AllotField *date_field;
  AllotField *amount_field;
  AllotField *description_field;

  AllotSession *session;
  AllotSource *grant;
};

static void amendment_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotAmendmentForm, allot_amendment_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, amendment_iface_init))

static const char *
amendment_title (AllotForm *form)
{
  return _("New Award Amendment");
}

static gboolean
amendment_valid (AllotForm *form)
{
  return ALLOT_AMENDMENT_FORM (form)->grant != NULL && allot_form_fields_valid (form);
}

static gboolean
reverse_amendment (AllotStore *store,
                   gpointer    data,
                   GError    **error)
{
  AllotAmendment *done = data;
  g_autoptr(AllotAmendment) reverse = allot_amendment_new ();

  reverse->source_id = done->source_id;
  reverse->effective_date = done->effective_date;
  reverse->amount = -done->amount;
  reverse->description = g_strdup_printf (_("Undone: %s"), done->description);
  return allot_store_add_amendment (store, reverse, error);
}

static gboolean
amendment_save (AllotForm  *form,
                AllotUndo **out_undo,
                GError    **error)
{
  AllotAmendmentForm *self = ALLOT_AMENDMENT_FORM (form);
  g_autoptr(AllotAmendment) amendment = allot_amendment_new ();
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  amendment->source_id = self->grant->id;
  allot_field_get_date (self->date_field, &amendment->effective_date);
  amendment->amount = allot_field_get_cents (self->amount_field);
  amendment->description = allot_field_dup_text (self->description_field);
  if (!allot_store_add_amendment (allot_session_get_store (self->session), amendment, error))
    return FALSE;
  amount = allot_session_format_money (self->session, amendment->amount);
  message = g_strdup_printf (_("Amended %s by %s"), self->grant->code, amount);
  *out_undo = allot_undo_new (message, reverse_amendment, g_steal_pointer (&amendment),
                              (GDestroyNotify) allot_amendment_free);
  return TRUE;
}

static void
amendment_iface_init (AllotFormInterface *iface)
{
  iface->get_title = amendment_title;
  iface->is_valid = amendment_valid;
  iface->save = amendment_save;
}

static void
allot_amendment_form_dispose (GObject *object)
{
  AllotAmendmentForm *self = ALLOT_AMENDMENT_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->grant, allot_source_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_AMENDMENT_FORM);
  G_OBJECT_CLASS (allot_amendment_form_parent_class)->dispose (object);
}

static void
allot_amendment_form_class_init (AllotAmendmentFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_amendment_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-amendment-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotAmendmentForm, source_label);
  gtk_widget_class_bind_template_child (widget_class, AllotAmendmentForm, date_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAmendmentForm, amount_field);
  gtk_widget_class_bind_template_child (widget_class, AllotAmendmentForm, description_field);
}

static void
allot_amendment_form_init (AllotAmendmentForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->date_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->amount_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->description_field));
}

GtkWidget *
allot_amendment_form_new (AllotSession *session,
                          gint64        grant_id)
{
  AllotAmendmentForm *self = g_object_new (ALLOT_TYPE_AMENDMENT_FORM, NULL);

  self->session = g_object_ref (session);
  self->grant = describe_source (session, grant_id, self->source_label);
  set_today (self->date_field);
  return GTK_WIDGET (self);
}

/* ---- receipts ---- */

struct _AllotReceiptForm
{
  GtkWidget parent_instance;

  GtkLabel *source_label;
  GtkDropDown *kind_dropdown;
  AllotField *date_field;
  AllotField *amount_field;
  AllotField *case_field;
  AllotField *description_field;

  AllotSession *session;
  AllotSource *fund;
};

static void receipt_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotReceiptForm, allot_receipt_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, receipt_iface_init))

static const char *
receipt_title (AllotForm *form)
{
  return _("New Receipt");
}

static gboolean
receipt_valid (AllotForm *form)
{
  AllotReceiptForm *self = ALLOT_RECEIPT_FORM (form);
  g_autofree char *case_number = allot_field_dup_text (self->case_field);

  /* Interest needs no case; every other receipt does. */
  return self->fund != NULL && allot_form_fields_valid (form) &&
         (case_number != NULL ||
          gtk_drop_down_get_selected (self->kind_dropdown) == ALLOT_RECEIPT_INTEREST);
}

static gboolean
receipt_save (AllotForm  *form,
              AllotUndo **out_undo,
              GError    **error)
{
  AllotReceiptForm *self = ALLOT_RECEIPT_FORM (form);
  g_autoptr(AllotReceipt) receipt = allot_receipt_new ();
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  receipt->source_id = self->fund->id;
  receipt->kind = (AllotReceiptKind) MIN (gtk_drop_down_get_selected (self->kind_dropdown), 3);
  allot_field_get_date (self->date_field, &receipt->received_date);
  receipt->amount = allot_field_get_cents (self->amount_field);
  receipt->case_number = allot_field_dup_text (self->case_field);
  receipt->description = allot_field_dup_text (self->description_field);
  if (!allot_store_add_receipt (allot_session_get_store (self->session), receipt, error))
    return FALSE;
  amount = allot_session_format_money (self->session, receipt->amount);
  message = g_strdup_printf (_("Received %s into %s"), amount, self->fund->code);
  *out_undo = allot_undo_new_take_back (message, ALLOT_UNDO_RECEIPT, receipt->id);
  return TRUE;
}

static void
receipt_iface_init (AllotFormInterface *iface)
{
  iface->get_title = receipt_title;
  iface->is_valid = receipt_valid;
  iface->save = receipt_save;
}

static void
allot_receipt_form_dispose (GObject *object)
{
  AllotReceiptForm *self = ALLOT_RECEIPT_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->fund, allot_source_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_RECEIPT_FORM);
  G_OBJECT_CLASS (allot_receipt_form_parent_class)->dispose (object);
}

static void
allot_receipt_form_class_init (AllotReceiptFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_receipt_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-receipt-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotReceiptForm, source_label);
  gtk_widget_class_bind_template_child (widget_class, AllotReceiptForm, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotReceiptForm, date_field);
  gtk_widget_class_bind_template_child (widget_class, AllotReceiptForm, amount_field);
  gtk_widget_class_bind_template_child (widget_class, AllotReceiptForm, case_field);
  gtk_widget_class_bind_template_child (widget_class, AllotReceiptForm, description_field);
}

static void
allot_receipt_form_init (AllotReceiptForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->kind_dropdown));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->date_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->amount_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->case_field));
}

GtkWidget *
allot_receipt_form_new (AllotSession *session,
                        gint64        fund_id)
{
  AllotReceiptForm *self = g_object_new (ALLOT_TYPE_RECEIPT_FORM, NULL);

  self->session = g_object_ref (session);
  self->fund = describe_source (session, fund_id, self->source_label);
  set_today (self->date_field);
  return GTK_WIDGET (self);
}

/* ---- contributions ---- */

struct _AllotContributionRecordForm
{
  GtkWidget parent_instance;

  GtkLabel *source_label;
  GtkDropDown *side_dropdown;
  GtkDropDown *form_dropdown;
  AllotField *description_field;
  AllotField *valuation_field;
  GtkDropDown *task_force_dropdown;

  AllotSession *session;
  AllotSource *agreement;
};

static void contribution_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotContributionRecordForm, allot_contribution_record_form,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, contribution_iface_init))

static const char *
contribution_title (AllotForm *form)
{
  return _("New Contribution");
}

static gboolean
contribution_valid (AllotForm *form)
{
  return ALLOT_CONTRIBUTION_RECORD_FORM (form)->agreement != NULL && allot_form_fields_valid (form);
}

static gboolean
contribution_save (AllotForm  *form,
                   AllotUndo **out_undo,
                   GError    **error)
{
  AllotContributionRecordForm *self = ALLOT_CONTRIBUTION_RECORD_FORM (form);
  g_autoptr(AllotContribution) contribution = allot_contribution_new ();
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  contribution->source_id = self->agreement->id;
  contribution->side = gtk_drop_down_get_selected (self->side_dropdown) == 1
                       ? ALLOT_SIDE_JURISDICTION : ALLOT_SIDE_PARTNER;
  contribution->form = gtk_drop_down_get_selected (self->form_dropdown) == 1
                       ? ALLOT_FORM_IN_KIND : ALLOT_FORM_CASH;
  contribution->description = allot_field_dup_text (self->description_field);
  contribution->valuation = allot_field_get_cents (self->valuation_field);
  contribution->task_force_id = allot_choices_get_selected (self->task_force_dropdown);
  if (!allot_store_add_contribution (allot_session_get_store (self->session), contribution,
                                     error))
    return FALSE;
  amount = allot_session_format_money (self->session, contribution->valuation);
  message = g_strdup_printf (_("Recorded a contribution of %s to %s"), amount,
                             self->agreement->code);
  *out_undo = allot_undo_new_take_back (message, ALLOT_UNDO_CONTRIBUTION, contribution->id);
  return TRUE;
}

static void
contribution_iface_init (AllotFormInterface *iface)
{
  iface->get_title = contribution_title;
  iface->is_valid = contribution_valid;
  iface->save = contribution_save;
}

static void
allot_contribution_record_form_dispose (GObject *object)
{
  AllotContributionRecordForm *self = ALLOT_CONTRIBUTION_RECORD_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->agreement, allot_source_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_CONTRIBUTION_RECORD_FORM);
  G_OBJECT_CLASS (allot_contribution_record_form_parent_class)->dispose (object);
}

static void
allot_contribution_record_form_class_init (AllotContributionRecordFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_contribution_record_form_dispose;
  allot_form_class_set_template (widget_class,
                                 "/org/allot/Allot/ui/allot-contribution-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotContributionRecordForm,
                                        source_label);
  gtk_widget_class_bind_template_child (widget_class, AllotContributionRecordForm,
                                        side_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotContributionRecordForm,
                                        form_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AllotContributionRecordForm,
                                        description_field);
  gtk_widget_class_bind_template_child (widget_class, AllotContributionRecordForm,
                                        valuation_field);
  gtk_widget_class_bind_template_child (widget_class, AllotContributionRecordForm,
                                        task_force_dropdown);
}

static void
allot_contribution_record_form_init (AllotContributionRecordForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->description_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->valuation_field));
}

GtkWidget *
allot_contribution_record_form_new (AllotSession *session,
                                    gint64        agreement_id)
{
  AllotContributionRecordForm *self = g_object_new (ALLOT_TYPE_CONTRIBUTION_RECORD_FORM, NULL);

  self->session = g_object_ref (session);
  self->agreement = describe_source (session, agreement_id, self->source_label);
  allot_form_fill_task_forces (self->task_force_dropdown, allot_session_get_store (session),
                               _("The agreement as a whole"), 0);
  return GTK_WIDGET (self);
}

/* ---- drawdowns ---- */

struct _AllotDrawdownForm
{
  GtkWidget parent_instance;

  GtkLabel *source_label;
  AllotField *date_field;
  AllotField *amount_field;
  AllotField *reference_field;

  AllotSession *session;
  AllotSource *grant;
};

static void drawdown_iface_init (AllotFormInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AllotDrawdownForm, allot_drawdown_form, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (ALLOT_TYPE_FORM, drawdown_iface_init))

static const char *
drawdown_title (AllotForm *form)
{
  return _("New Drawdown");
}

static gboolean
drawdown_valid (AllotForm *form)
{
  return ALLOT_DRAWDOWN_FORM (form)->grant != NULL && allot_form_fields_valid (form);
}

static gboolean
drawdown_save (AllotForm  *form,
               AllotUndo **out_undo,
               GError    **error)
{
  AllotDrawdownForm *self = ALLOT_DRAWDOWN_FORM (form);
  g_autoptr(AllotDrawdown) drawdown = allot_drawdown_new ();
  g_autofree char *amount = NULL;
  g_autofree char *message = NULL;

  drawdown->source_id = self->grant->id;
  allot_field_get_date (self->date_field, &drawdown->received_date);
  drawdown->amount = allot_field_get_cents (self->amount_field);
  drawdown->reference = allot_field_dup_text (self->reference_field);
  if (!allot_store_add_drawdown (allot_session_get_store (self->session), drawdown, error))
    return FALSE;
  amount = allot_session_format_money (self->session, drawdown->amount);
  message = g_strdup_printf (_("Drew down %s on %s"), amount, self->grant->code);
  *out_undo = allot_undo_new_take_back (message, ALLOT_UNDO_DRAWDOWN, drawdown->id);
  return TRUE;
}

static void
drawdown_iface_init (AllotFormInterface *iface)
{
  iface->get_title = drawdown_title;
  iface->is_valid = drawdown_valid;
  iface->save = drawdown_save;
}

static void
allot_drawdown_form_dispose (GObject *object)
{
  AllotDrawdownForm *self = ALLOT_DRAWDOWN_FORM (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->grant, allot_source_free);
  allot_form_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_DRAWDOWN_FORM);
  G_OBJECT_CLASS (allot_drawdown_form_parent_class)->dispose (object);
}

static void
allot_drawdown_form_class_init (AllotDrawdownFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_drawdown_form_dispose;
  allot_form_class_set_template (widget_class, "/org/allot/Allot/ui/allot-drawdown-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotDrawdownForm, source_label);
  gtk_widget_class_bind_template_child (widget_class, AllotDrawdownForm, date_field);
  gtk_widget_class_bind_template_child (widget_class, AllotDrawdownForm, amount_field);
  gtk_widget_class_bind_template_child (widget_class, AllotDrawdownForm, reference_field);
}

static void
allot_drawdown_form_init (AllotDrawdownForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->date_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->amount_field));
  allot_form_watch (ALLOT_FORM (self), GTK_WIDGET (self->reference_field));
}

GtkWidget *
allot_drawdown_form_new (AllotSession *session,
                         gint64        grant_id)
{
  AllotDrawdownForm *self = g_object_new (ALLOT_TYPE_DRAWDOWN_FORM, NULL);

  self->session = g_object_ref (session);
  self->grant = describe_source (session, grant_id, self->source_label);
  set_today (self->date_field);
  return GTK_WIDGET (self);
}
