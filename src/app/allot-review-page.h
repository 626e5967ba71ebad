#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_REVIEW_PAGE (allot_review_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotReviewPage, allot_review_page, ALLOT, REVIEW_PAGE, AdwBin)

G_END_DECLS
