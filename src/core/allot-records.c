/* allot-records.c: names of the enumerations and the records' constructors
 * and destructors. */
#include "allot-config.h"

#include <glib/gi18n-lib.h>

#include "allot-records.h"

/* Each table is indexed by the enum value and holds the stable machine name. */
static const char *const agency_levels[] = { "state", "local", "federal" };
static const char *const source_kinds[] = { "grant", "appropriation", "agreement", "forfeiture" };
static const char *const forfeiture_programs[] = { "doj", "treasury", "state" };
static const char *const receipt_kinds[] = { "sharing", "transfer_in", "other", "interest" };
static const char *const entry_kinds[] = { "obligation", "expenditure", "adjustment" };
static const char *const statuses[] = { "draft", "submitted", "approved", "returned" };
static const char *const contribution_sides[] = { "partner", "jurisdiction" };
static const char *const contribution_forms[] = { "cash", "in_kind" };
static const char *const roles[] = { "officer", "reviewer", "administrator" };

static gboolean
lookup_name (const char *const *names,
             guint              n_names,
             const char        *s,
             int               *out)
{
  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_ascii_strcasecmp (names[i], s) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_NAMES(prefix, Type, table)                          \
  const char *                                                          \
  prefix##_to_string (Type value)                                       \
  {                                                                     \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);  \
    return table[value];                                                 \
  }                                                                     \
  gboolean                                                              \
  prefix##_from_string (const char *s,                                  \
                        Type       *out)                                \
  {                                                                     \
    int value;                                                          \
    if (!lookup_name (table, G_N_ELEMENTS (table), s, &value))          \
      return FALSE;                                                     \
    *out = (Type) value;                                                \
    return TRUE;                                                        \
  }

DEFINE_ENUM_NAMES (allot_agency_level, AllotAgencyLevel, agency_levels)
DEFINE_ENUM_NAMES (allot_source_kind, AllotSourceKind, source_kinds)
DEFINE_ENUM_NAMES (allot_forfeiture_program, AllotForfeitureProgram, forfeiture_programs)
DEFINE_ENUM_NAMES (allot_receipt_kind, AllotReceiptKind, receipt_kinds)
DEFINE_ENUM_NAMES (allot_entry_kind, AllotEntryKind, entry_kinds)
DEFINE_ENUM_NAMES (allot_status, AllotStatus, statuses)
DEFINE_ENUM_NAMES (allot_contribution_side, AllotContributionSide, contribution_sides)
DEFINE_ENUM_NAMES (allot_contribution_form, AllotContributionForm, contribution_forms)
DEFINE_ENUM_NAMES (allot_role, AllotRole, roles)

const char *
allot_source_kind_label (AllotSourceKind kind)
{
  switch (kind)
    {
    case ALLOT_SOURCE_GRANT: return _("Federal grant");
    case ALLOT_SOURCE_APPROPRIATION: return _("State appropriation");
    case ALLOT_SOURCE_AGREEMENT: return _("Resource-sharing agreement");
    case ALLOT_SOURCE_FORFEITURE: return _("Forfeiture fund");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
allot_entry_kind_label (AllotEntryKind kind)
{
  switch (kind)
    {
    case ALLOT_ENTRY_OBLIGATION: return _("Obligation");
    case ALLOT_ENTRY_EXPENDITURE: return _("Expenditure");
    case ALLOT_ENTRY_ADJUSTMENT: return _("Adjustment");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
allot_status_label (AllotStatus status)
{
  switch (status)
    {
    case ALLOT_STATUS_DRAFT: return _("Draft");
    case ALLOT_STATUS_SUBMITTED: return _("Submitted");
    case ALLOT_STATUS_APPROVED: return _("Approved");
    case ALLOT_STATUS_RETURNED: return _("Returned");
    default: g_return_val_if_reached (NULL);
    }
}

AllotAgency *
allot_agency_new (void)
{
  return g_new0 (AllotAgency, 1);
}

void
allot_agency_free (AllotAgency *agency)
{
  if (agency == NULL)
    return;
  g_free (agency->code);
  g_free (agency->name);
  g_free (agency->ori);
  g_free (agency);
}

AllotTaskForce *
allot_task_force_new (void)
{
  AllotTaskForce *tf = g_new0 (AllotTaskForce, 1);

  g_date_clear (&tf->start_date, 1);
  g_date_clear (&tf->end_date, 1);
  tf->member_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return tf;
}

void
allot_task_force_free (AllotTaskForce *task_force)
{
  if (task_force == NULL)
    return;
  g_free (task_force->code);
  g_free (task_force->name);
  g_clear_pointer (&task_force->member_ids, g_array_unref);
  g_free (task_force);
}

AllotCategory *
allot_category_new (void)
{
  AllotCategory *category = g_new0 (AllotCategory, 1);

  category->sf424a_line = 'h';
  return category;
}

void
allot_category_free (AllotCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->code);
  g_free (category->name);
  g_free (category);
}

AllotSource *
allot_source_new (AllotSourceKind kind)
{
  AllotSource *source = g_new0 (AllotSource, 1);

  source->kind = kind;
  switch (kind)
    {
    case ALLOT_SOURCE_GRANT:
      g_date_clear (&source->u.grant.pop_start, 1);
      g_date_clear (&source->u.grant.pop_end, 1);
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      g_date_clear (&source->u.appropriation.lapse_date, 1);
      break;
    case ALLOT_SOURCE_AGREEMENT:
      g_date_clear (&source->u.agreement.term_start, 1);
      g_date_clear (&source->u.agreement.term_end, 1);
      break;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      break;
    }
  return source;
}

void
allot_source_free (AllotSource *source)
{
  if (source == NULL)
    return;
  switch (source->kind)
    {
    case ALLOT_SOURCE_GRANT:
      g_free (source->u.grant.award_number);
      g_free (source->u.grant.assistance_listing);
      g_free (source->u.grant.indirect_rate_type);
      g_free (source->u.grant.indirect_base);
      g_free (source->u.grant.uniform_guidance);
      g_free (source->u.grant.reporting_frequency);
      break;
    case ALLOT_SOURCE_APPROPRIATION:
      g_free (source->u.appropriation.fund_code);
      g_free (source->u.appropriation.program_code);
      break;
    case ALLOT_SOURCE_AGREEMENT:
      g_free (source->u.agreement.agreement_number);
      g_free (source->u.agreement.reimbursement_terms);
      break;
    case ALLOT_SOURCE_FORFEITURE:
    default:
      break;
    }
  g_free (source->code);
  g_free (source->name);
  g_free (source->notes);
  g_free (source);
}

AllotAmendment *
allot_amendment_new (void)
{
  AllotAmendment *amendment = g_new0 (AllotAmendment, 1);

  g_date_clear (&amendment->effective_date, 1);
  return amendment;
}

void
allot_amendment_free (AllotAmendment *amendment)
{
  if (amendment == NULL)
    return;
  g_free (amendment->description);
  g_free (amendment->entered_by);
  g_free (amendment);
}

AllotReceipt *
allot_receipt_new (void)
{
  AllotReceipt *receipt = g_new0 (AllotReceipt, 1);

  g_date_clear (&receipt->received_date, 1);
  return receipt;
}

void
allot_receipt_free (AllotReceipt *receipt)
{
  if (receipt == NULL)
    return;
  g_free (receipt->case_number);
  g_free (receipt->description);
  g_free (receipt);
}

AllotContribution *
allot_contribution_new (void)
{
  return g_new0 (AllotContribution, 1);
}

void
allot_contribution_free (AllotContribution *contribution)
{
  if (contribution == NULL)
    return;
  g_free (contribution->description);
  g_free (contribution);
}

AllotDrawdown *
allot_drawdown_new (void)
{
  AllotDrawdown *drawdown = g_new0 (AllotDrawdown, 1);

  g_date_clear (&drawdown->received_date, 1);
  return drawdown;
}

void
allot_drawdown_free (AllotDrawdown *drawdown)
{
  if (drawdown == NULL)
    return;
  g_free (drawdown->reference);
  g_free (drawdown);
}

AllotMatchEntry *
allot_match_entry_new (void)
{
  AllotMatchEntry *match = g_new0 (AllotMatchEntry, 1);

  g_date_clear (&match->entry_date, 1);
  return match;
}

void
allot_match_entry_free (AllotMatchEntry *match)
{
  if (match == NULL)
    return;
  g_free (match->description);
  g_free (match);
}

AllotAllocation *
allot_allocation_new (void)
{
  AllotAllocation *allocation = g_new0 (AllotAllocation, 1);

  allocation->status = ALLOT_STATUS_DRAFT;
  return allocation;
}

void
allot_allocation_free (AllotAllocation *allocation)
{
  if (allocation == NULL)
    return;
  g_free (allocation->description);
  g_free (allocation);
}

AllotLedgerEntry *
allot_ledger_entry_new (void)
{
  AllotLedgerEntry *entry = g_new0 (AllotLedgerEntry, 1);

  g_date_clear (&entry->entry_date, 1);
  g_date_clear (&entry->paid_date, 1);
  entry->status = ALLOT_STATUS_DRAFT;
  return entry;
}

void
allot_ledger_entry_free (AllotLedgerEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->document_number);
  g_free (entry->payee);
  g_free (entry->description);
  g_free (entry->entered_by);
  g_free (entry->entered_at);
  g_free (entry->void_reason);
  g_free (entry);
}
