/* allot-forms.h: the record forms (AllotForm widgets), one per kind of
 * record.  Pass NULL (or 0) to create a record, an existing one to edit it. */
#pragma once

#include <gtk/gtk.h>

#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_AGENCY_FORM (allot_agency_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotAgencyForm, allot_agency_form, ALLOT, AGENCY_FORM, GtkWidget)
GtkWidget *allot_agency_form_new (AllotSession *session, gint64 agency_id);

#define ALLOT_TYPE_CATEGORY_FORM (allot_category_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotCategoryForm, allot_category_form, ALLOT, CATEGORY_FORM, GtkWidget)
GtkWidget *allot_category_form_new (AllotSession *session, gint64 category_id);

#define ALLOT_TYPE_TASK_FORCE_FORM (allot_task_force_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotTaskForceForm, allot_task_force_form, ALLOT, TASK_FORCE_FORM,
                      GtkWidget)
GtkWidget *allot_task_force_form_new (AllotSession *session, gint64 task_force_id);

#define ALLOT_TYPE_SOURCE_FORM (allot_source_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotSourceForm, allot_source_form, ALLOT, SOURCE_FORM, GtkWidget)
/* @source_id 0: a new source of @kind. */
GtkWidget *allot_source_form_new (AllotSession *session, AllotSourceKind kind,
                                  gint64 source_id);

#define ALLOT_TYPE_ALLOCATION_FORM (allot_allocation_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotAllocationForm, allot_allocation_form, ALLOT, ALLOCATION_FORM,
                      GtkWidget)
/* @source_id preselects a source for a new allocation; @fiscal_year its year. */
GtkWidget *allot_allocation_form_new (AllotSession *session, gint64 allocation_id,
                                      gint64 source_id, int fiscal_year);

#define ALLOT_TYPE_ENTRY_FORM (allot_entry_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotEntryForm, allot_entry_form, ALLOT, ENTRY_FORM, GtkWidget)
GtkWidget *allot_entry_form_new (AllotSession *session, gint64 entry_id);

#define ALLOT_TYPE_AMENDMENT_FORM (allot_amendment_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotAmendmentForm, allot_amendment_form, ALLOT, AMENDMENT_FORM, GtkWidget)
GtkWidget *allot_amendment_form_new (AllotSession *session, gint64 grant_id);

#define ALLOT_TYPE_RECEIPT_FORM (allot_receipt_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotReceiptForm, allot_receipt_form, ALLOT, RECEIPT_FORM, GtkWidget)
GtkWidget *allot_receipt_form_new (AllotSession *session, gint64 fund_id);

#define ALLOT_TYPE_CONTRIBUTION_RECORD_FORM (allot_contribution_record_form_get_type ())
/* (AllotContributionForm is the cash/in-kind enum of allot-records.h.) */
G_DECLARE_FINAL_TYPE (AllotContributionRecordForm, allot_contribution_record_form, ALLOT,
                      CONTRIBUTION_RECORD_FORM, GtkWidget)
GtkWidget *allot_contribution_record_form_new (AllotSession *session, gint64 agreement_id);

#define ALLOT_TYPE_DRAWDOWN_FORM (allot_drawdown_form_get_type ())
G_DECLARE_FINAL_TYPE (AllotDrawdownForm, allot_drawdown_form, ALLOT, DRAWDOWN_FORM, GtkWidget)
GtkWidget *allot_drawdown_form_new (AllotSession *session, gint64 grant_id);

G_END_DECLS
