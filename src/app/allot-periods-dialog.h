/* allot-periods-dialog.h: the months of a fiscal year, closed or open, and
 * (for administrators) closing and reopening them. */
#pragma once

#include <adwaita.h>

#include "allot-session.h"

G_BEGIN_DECLS

#define ALLOT_TYPE_PERIODS_DIALOG (allot_periods_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AllotPeriodsDialog, allot_periods_dialog, ALLOT, PERIODS_DIALOG, AdwWindow)

/* Shows the months of @fiscal_year. */
GtkWidget  *allot_periods_dialog_new (GtkWindow    *parent,
                                      AllotSession *session,
                                      int           fiscal_year);

/* The Close or Reopen button of a month now shown (for tests), or NULL. */
GtkWidget  *allot_periods_dialog_get_button     (AllotPeriodsDialog *self,
                                                 int                 year,
                                                 int                 month);
/* The last refusal shown, or NULL. */
const char *allot_periods_dialog_get_error_text (AllotPeriodsDialog *self);

G_END_DECLS
