/* allot-review-page.h: the review queue: submitted allocations and ledger
 * entries with their context, approved or returned on a multi-selection. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_REVIEW_PAGE (allot_review_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotReviewPage, allot_review_page, ALLOT, REVIEW_PAGE, AdwBin)

/* Submitted allocations and entries. */
guint allot_review_page_get_n_pending (AllotReviewPage *self);

/* Adds the queued record (@table_name "allocations" or "ledger_entries") to
 * the selection; FALSE when it is not queued. */
gboolean allot_review_page_select (AllotReviewPage *self,
                                   const char      *table_name,
                                   gint64           id);
void     allot_review_page_unselect_all (AllotReviewPage *self);

/* What the Approve button does; returns how many the core approved. */
guint    allot_review_page_approve_selected (AllotReviewPage *self);

/* What the Return button does: asks for the required comment in a message
 * dialog (returned), then returns the selection with it. */
GtkWidget *allot_review_page_ask_return (AllotReviewPage *self);

/* The core's refusals of the last action, one per line ("" when none). */
const char *allot_review_page_get_feedback (AllotReviewPage *self);

G_END_DECLS
