/* allot-ledger-sorter.c: the SQL sort key of a ledger column. */
#include "allot-config.h"

#include "allot-ledger-sorter.h"

struct _AllotLedgerSorter
{
  GtkSorter parent_instance;

  AllotLedgerSort sort;
};

G_DEFINE_FINAL_TYPE (AllotLedgerSorter, allot_ledger_sorter, GTK_TYPE_SORTER)

/* Main thread only: set by compare() during a probe. */
static AllotLedgerSorter *probed;

static GtkOrdering
allot_ledger_sorter_compare (GtkSorter *sorter,
                             gpointer   item1,
                             gpointer   item2)
{
  /* The model sorts in SQL; here a sorter only reports that it was asked. */
  probed = ALLOT_LEDGER_SORTER (sorter);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
allot_ledger_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
allot_ledger_sorter_class_init (AllotLedgerSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = allot_ledger_sorter_compare;
  sorter_class->get_order = allot_ledger_sorter_get_order;
}

static void
allot_ledger_sorter_init (AllotLedgerSorter *self)
{
}

GtkSorter *
allot_ledger_sorter_new (AllotLedgerSort sort)
{
  AllotLedgerSorter *self = g_object_new (ALLOT_TYPE_LEDGER_SORTER, NULL);

  self->sort = sort;
  return GTK_SORTER (self);
}

AllotLedgerSort
allot_ledger_sorter_get_key (AllotLedgerSorter *self)
{
  g_return_val_if_fail (ALLOT_IS_LEDGER_SORTER (self), ALLOT_LEDGER_SORT_DATE);
  return self->sort;
}

gboolean
allot_ledger_sorter_probe (GtkSorter       *view_sorter,
                           AllotLedgerSort *out_sort,
                           gboolean        *out_descending)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);

  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  probed = NULL;
  ordering = gtk_sorter_compare (view_sorter, a, b);
  if (probed == NULL)
    return FALSE;
  *out_sort = probed->sort;
  *out_descending = ordering == GTK_ORDERING_LARGER;
  probed = NULL;
  return TRUE;
}
