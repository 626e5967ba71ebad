/* allot-task-forces-page.h: the task forces with their budget for a year,
 * the agencies that lead them or take part, and the cost categories. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ALLOT_TYPE_TASK_FORCES_PAGE (allot_task_forces_page_get_type ())
G_DECLARE_FINAL_TYPE (AllotTaskForcesPage, allot_task_forces_page, ALLOT, TASK_FORCES_PAGE,
                      AdwBin)

/* Selects the task force, now or once loaded. */
void allot_task_forces_page_select (AllotTaskForcesPage *self,
                                    gint64               task_force_id);

G_END_DECLS
