/* allot-ledger-item.c: one line of the ledger table, as text for its cells. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-format.h"
#include "allot-ledger-item.h"
#include "allot-money.h"

struct _AllotLedgerItem
{
  GObject parent_instance;

  AllotLedgerRow *row;
  char *date;
  char *amount;
};

enum {
  PROP_0,
  PROP_LOADED,
  PROP_DATE,
  PROP_KIND,
  PROP_AMOUNT,
  PROP_SOURCE,
  PROP_TASK_FORCE,
  PROP_CATEGORY,
  PROP_STATUS,
  PROP_DOCUMENT,
  PROP_PAYEE,
  PROP_DESCRIPTION,
  PROP_FISCAL_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AllotLedgerItem, allot_ledger_item, G_TYPE_OBJECT)

static void
allot_ledger_item_finalize (GObject *object)
{
  AllotLedgerItem *self = ALLOT_LEDGER_ITEM (object);

  g_clear_pointer (&self->row, allot_ledger_row_free);
  g_free (self->date);
  g_free (self->amount);
  G_OBJECT_CLASS (allot_ledger_item_parent_class)->finalize (object);
}

static const char *
status_text (const AllotLedgerRow *row)
{
  return row->voided ? _("Voided") : allot_status_label (row->status);
}

static void
allot_ledger_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AllotLedgerItem *self = ALLOT_LEDGER_ITEM (object);
  const AllotLedgerRow *row = self->row;

  if (prop_id == PROP_LOADED)
    {
      g_value_set_boolean (value, row != NULL);
      return;
    }
  if (row == NULL)
    {
      /* Not here yet: the cells show an ellipsis, and it never flickers. */
      if (prop_id == PROP_FISCAL_YEAR)
        g_value_set_int (value, 0);
      else
        g_value_set_static_string (value, prop_id == PROP_DATE ? "…" : "");
      return;
    }

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_KIND:
      g_value_set_static_string (value, allot_entry_kind_label (row->kind));
      break;
    case PROP_AMOUNT:
      g_value_set_string (value, self->amount);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, row->source_code);
      break;
    case PROP_TASK_FORCE:
      g_value_set_string (value, row->task_force_code);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, row->category_name);
      break;
    case PROP_STATUS:
      g_value_set_static_string (value, status_text (row));
      break;
    case PROP_DOCUMENT:
      g_value_set_string (value, row->document_number);
      break;
    case PROP_PAYEE:
      g_value_set_string (value, row->payee);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, row->description);
      break;
    case PROP_FISCAL_YEAR:
      g_value_set_int (value, row->fiscal_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
allot_ledger_item_class_init (AllotLedgerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[N_PROPS] = {
    [PROP_DATE] = "date", [PROP_KIND] = "kind", [PROP_AMOUNT] = "amount",
    [PROP_SOURCE] = "source", [PROP_TASK_FORCE] = "task-force", [PROP_CATEGORY] = "category",
    [PROP_STATUS] = "status", [PROP_DOCUMENT] = "document", [PROP_PAYEE] = "payee",
    [PROP_DESCRIPTION] = "description",
  };

  object_class->finalize = allot_ledger_item_finalize;
  object_class->get_property = allot_ledger_item_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  for (guint i = PROP_DATE; i <= PROP_DESCRIPTION; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                         G_PARAM_STATIC_STRINGS);
  properties[PROP_FISCAL_YEAR] =
    g_param_spec_int ("fiscal-year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
allot_ledger_item_init (AllotLedgerItem *self)
{
}

AllotLedgerItem *
allot_ledger_item_new (void)
{
  return g_object_new (ALLOT_TYPE_LEDGER_ITEM, NULL);
}

void
allot_ledger_item_set_row (AllotLedgerItem *self,
                           AllotLedgerRow  *row,
                           const char      *currency)
{
  g_return_if_fail (ALLOT_IS_LEDGER_ITEM (self));
  g_return_if_fail (row != NULL);

  g_clear_pointer (&self->row, allot_ledger_row_free);
  g_free (self->date);
  g_free (self->amount);
  self->row = row;
  self->date = allot_format_date (&row->entry_date);
  self->amount = allot_money_format (row->amount, currency);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_LOADED; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
allot_ledger_item_clear (AllotLedgerItem *self)
{
  g_return_if_fail (ALLOT_IS_LEDGER_ITEM (self));

  if (self->row == NULL)
    return;
  g_clear_pointer (&self->row, allot_ledger_row_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->amount, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

gboolean
allot_ledger_item_is_loaded (AllotLedgerItem *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_ITEM (self), FALSE);
  return self->row != NULL;
}

const AllotLedgerRow *
allot_ledger_item_get_row (AllotLedgerItem *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_ITEM (self), NULL);
  return self->row;
}
