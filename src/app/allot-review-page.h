/* allot-review-page.h: what waits for a reviewer: submitted allocations and
 * ledger entries.  (Approving and returning come with the review issue.) */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_REVIEW_PAGE (allot_review_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotReviewPage, allot_review_page, ALLOT, REVIEW_PAGE, AdwBin)

/* Submitted allocations and entries. */
guint allot_review_page_get_n_pending (AllotReviewPage *self);

G_END_DECLS
