/* test-report-util.h: builders for the report tests (issue 6), on top of
 * test-util.h.  Like those, each stores one record, aborts the test on any
 * error (they set a scenario up, they are not what is tested) and returns
 * the new id.  Dates are ISO text; NULL means none. */
#pragma once

#include "allot-personnel.h"
#include "allot-reports.h"
#include "test-util.h"

G_BEGIN_DECLS

GDate  test_report_date (const char *iso);

/* A category with an ESAC spending category ('a'..'n', 0 = none). */
gint64 test_report_add_category (AllotStore *store, const char *code, char sf424a_line,
                                 char esac);
/* A grant with its recipient share and reporting frequency. */
gint64 test_report_add_grant (AllotStore *store, const char *code, gint64 award,
                              const char *pop_start, const char *pop_end, gint64 match_required,
                              const char *frequency);
/* An expenditure, approved by the reviewer; @paid NULL = unpaid. */
gint64 test_report_add_expenditure (AllotStore *store, gint64 allocation_id, gint64 amount,
                                    const char *incurred, const char *paid,
                                    gint64 obligation_id, const char *document);
gint64 test_report_add_drawdown (AllotStore *store, gint64 source_id, const char *date,
                                 gint64 amount, const char *reference);
gint64 test_report_add_match (AllotStore *store, gint64 source_id, const char *date,
                              AllotContributionForm form, gint64 amount);
gint64 test_report_add_rate (AllotStore *store, gint64 source_id, const char *type, guint bp,
                             const char *exclusions, const char *start, const char *end);
gint64 test_report_add_income (AllotStore *store, gint64 source_id,
                               AllotProgramIncomeKind kind, const char *date, gint64 amount);
void   test_report_void (AllotStore *store, AllotVoidable what, gint64 id);

gint64 test_report_add_officer (AllotStore *store, gint64 agency_id, const char *badge,
                                const char *name);
/* @agreement_id 0 = none; @end NULL = open-ended. */
gint64 test_report_add_assignment (AllotStore *store, gint64 officer_id, gint64 task_force_id,
                                   gint64 agreement_id, const char *start, const char *end);
gint64 test_report_add_cap (AllotStore *store, gint64 agreement_id, int fiscal_year,
                            gint64 annual, gint64 monthly);
/* Overtime under the assignment's agreement; approved by the reviewer when
 * @status is APPROVED, else left as it is entered (draft or submitted). */
gint64 test_report_add_overtime (AllotStore *store, gint64 officer_id, gint64 task_force_id,
                                 const char *date, gint64 hours, gint64 rate, gint64 multiplier,
                                 AllotStatus status);
gint64 test_report_add_claim (AllotStore *store, gint64 agreement_id, gint64 officer_id,
                              gint64 task_force_id, const char *invoice, const char *date,
                              const char *start, const char *end, gint64 billed);
gint64 test_report_add_payment (AllotStore *store, gint64 claim_id, const char *date,
                                gint64 amount);

/* The sum of the details of @details on line @line (and @column, -1 = any). */
gint64 test_report_detail_sum (GPtrArray *details, const char *line, int column);
/* TRUE when a detail of @table_name and @record_id is in @details. */
gboolean test_report_has_detail (GPtrArray *details, const char *table_name, gint64 record_id);
/* TRUE when a warning contains @text. */
gboolean test_report_has_warning (GPtrArray *warnings, const char *text);

G_END_DECLS
