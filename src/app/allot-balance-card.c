/* allot-balance-card.c: the figures of one kind of source for one year.
 *
 * Per year the store's "authorized" is the year's allocated budget (see
 * allot_store_list_balances()); what the sources authorize over their life
 * comes from the all-years row, shown on its own line with what is still
 * free to allocate. */
#include "allot-config.h"

#include <glib/gi18n.h>

#include "allot-balance-card.h"
#include "allot-format.h"

struct _AllotBalanceCard
{
  GtkWidget parent_instance;

  GtkLabel *title_label;
  GtkLevelBar *spent_bar;
  GtkLabel *spent_label;
  GtkGrid *grid;
  GtkLabel *names[ALLOT_CARD_N_FIELDS];
  GtkLabel *values[ALLOT_CARD_N_FIELDS];
  /* Under Allocated, Obligated and Expended: money entered but not yet
   * approved, which no balance counts (hidden when there is none). */
  GtkLabel *pending[ALLOT_CARD_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (AllotBalanceCard, allot_balance_card, GTK_TYPE_WIDGET)

static void
allot_balance_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ALLOT_TYPE_BALANCE_CARD);
  /* The template's unnamed box is ours to unparent. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (allot_balance_card_parent_class)->dispose (object);
}

static void
allot_balance_card_class_init (AllotBalanceCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = allot_balance_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/allot/Allot/ui/allot-balance-card.ui");
  gtk_widget_class_bind_template_child (widget_class, AllotBalanceCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, AllotBalanceCard, spent_bar);
  gtk_widget_class_bind_template_child (widget_class, AllotBalanceCard, spent_label);
  gtk_widget_class_bind_template_child (widget_class, AllotBalanceCard, grid);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
allot_balance_card_init (AllotBalanceCard *self)
{
  const char *names[ALLOT_CARD_N_FIELDS] = {
    [ALLOT_CARD_AUTHORIZED] = _("Authorized, all years"),
    [ALLOT_CARD_UNALLOCATED] = _("Not yet allocated"),
    [ALLOT_CARD_ALLOCATED] = _("Allocated"),
    [ALLOT_CARD_OBLIGATED] = _("Obligated"),
    [ALLOT_CARD_EXPENDED] = _("Expended"),
    [ALLOT_CARD_UNLIQUIDATED] = _("Unliquidated"),
    [ALLOT_CARD_AVAILABLE] = _("Available"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ALLOT_CARD_N_FIELDS; i++)
    {
      self->names[i] = GTK_LABEL (gtk_label_new (names[i]));
      gtk_label_set_xalign (self->names[i], 0);
      /* Wrapping names let four cards share a row on a laptop screen. */
      gtk_label_set_wrap (self->names[i], TRUE);
      gtk_label_set_width_chars (self->names[i], 16);
      gtk_widget_set_hexpand (GTK_WIDGET (self->names[i]), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->names[i]), "dim-label");
      self->values[i] = GTK_LABEL (gtk_label_new ("—"));
      gtk_label_set_xalign (self->values[i], 1);
      gtk_label_set_selectable (self->values[i], TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->values[i]), "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->values[i]),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->names[i], NULL,
                                      -1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->names[i]), 0, 2 * (int) i, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->values[i]), 1, 2 * (int) i, 1, 1);

      self->pending[i] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->pending[i], 1);
      gtk_label_set_wrap (self->pending[i], TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->pending[i]), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (self->pending[i]), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->pending[i]), "numeric");
      gtk_widget_set_visible (GTK_WIDGET (self->pending[i]), FALSE);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->pending[i]), 0, 2 * (int) i + 1, 2, 1);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->names[ALLOT_CARD_AVAILABLE]), "heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->values[ALLOT_CARD_AVAILABLE]), "heading");
  /* A separator line between the lifetime and the yearly figures. */
  gtk_widget_set_margin_top (GTK_WIDGET (self->names[ALLOT_CARD_ALLOCATED]), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->values[ALLOT_CARD_ALLOCATED]), 6);
}

GtkWidget *
allot_balance_card_new (void)
{
  return g_object_new (ALLOT_TYPE_BALANCE_CARD, NULL);
}

void
allot_balance_card_set_title (AllotBalanceCard *self,
                              const char       *title)
{
  g_return_if_fail (ALLOT_IS_BALANCE_CARD (self));
  gtk_label_set_text (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

static void
set_money (AllotBalanceCard *self,
           AllotSession     *session,
           AllotCardField    field,
           gint64            cents)
{
  g_autofree char *text = allot_session_format_money (session, cents);

  gtk_label_set_text (self->values[field], text);
  if (cents < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->values[field]), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->values[field]), "error");
}

void
allot_balance_card_set_balances (AllotBalanceCard   *self,
                                 AllotSession       *session,
                                 int                 fiscal_year,
                                 const AllotBalance *year,
                                 const AllotBalance *lifetime)
{
  static const AllotBalance zero = { 0, };
  g_autofree char *allocated_name = NULL;
  g_autofree char *share = NULL;
  g_autofree char *committed_share = NULL;
  g_autofree char *spent = NULL;
  gint64 committed;

  g_return_if_fail (ALLOT_IS_BALANCE_CARD (self));
  g_return_if_fail (ALLOT_IS_SESSION (session));

  if (year == NULL)
    year = &zero;
  if (lifetime == NULL)
    lifetime = &zero;

  /* Translators: the budget allocated for a fiscal year, e.g. "Allocated FY2026" */
  allocated_name = g_strdup_printf (_("Allocated FY%d"), fiscal_year);
  gtk_label_set_text (self->names[ALLOT_CARD_ALLOCATED], allocated_name);

  set_money (self, session, ALLOT_CARD_AUTHORIZED, lifetime->authorized);
  set_money (self, session, ALLOT_CARD_UNALLOCATED, lifetime->authorized - lifetime->allocated);
  set_money (self, session, ALLOT_CARD_ALLOCATED, year->allocated);
  set_money (self, session, ALLOT_CARD_OBLIGATED, year->obligated);
  set_money (self, session, ALLOT_CARD_EXPENDED, year->expended);
  set_money (self, session, ALLOT_CARD_UNLIQUIDATED, year->unliquidated);
  set_money (self, session, ALLOT_CARD_AVAILABLE, year->available);

  committed = year->expended + year->unliquidated;
  share = allot_format_share (year->expended, year->allocated);
  committed_share = allot_format_share (committed, year->allocated);
  /* Translators: "42% spent · 57% committed" (spent or obligated) */
  spent = year->allocated > 0
    ? g_strdup_printf (_("%s spent · %s committed"), share, committed_share)
    : g_strdup (_("Nothing allocated this year"));
  gtk_label_set_text (self->spent_label, spent);
  gtk_level_bar_set_value (self->spent_bar,
                           year->allocated > 0
                           ? CLAMP ((double) year->expended / (double) year->allocated, 0.0, 1.0)
                           : 0.0);
}

static void
set_pending (AllotBalanceCard *self,
             AllotSession     *session,
             AllotCardField    field,
             gint64            cents)
{
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->pending[field]), cents != 0);
  if (cents == 0)
    {
      gtk_label_set_text (self->pending[field], "");
      return;
    }
  money = allot_session_format_money (session, cents);
  /* Translators: under a total, money entered but not yet approved by a
   * reviewer, e.g. "+ $500.00 awaiting approval" */
  text = g_strdup_printf (_("+ %s awaiting approval"), money);
  gtk_label_set_text (self->pending[field], text);
}

void
allot_balance_card_set_pending (AllotBalanceCard   *self,
                                AllotSession       *session,
                                const AllotPending *pending)
{
  static const AllotPending none = { 0, };

  g_return_if_fail (ALLOT_IS_BALANCE_CARD (self));
  g_return_if_fail (ALLOT_IS_SESSION (session));

  if (pending == NULL)
    pending = &none;
  set_pending (self, session, ALLOT_CARD_ALLOCATED, pending->allocated);
  set_pending (self, session, ALLOT_CARD_OBLIGATED, pending->obligated);
  set_pending (self, session, ALLOT_CARD_EXPENDED, pending->expended);
}

const char *
allot_balance_card_get_pending_text (AllotBalanceCard *self,
                                     AllotCardField    field)
{
  g_return_val_if_fail (ALLOT_IS_BALANCE_CARD (self), NULL);
  g_return_val_if_fail (field < ALLOT_CARD_N_FIELDS, NULL);
  return gtk_label_get_text (self->pending[field]);
}

const char *
allot_balance_card_get_value_text (AllotBalanceCard *self,
                                   AllotCardField    field)
{
  g_return_val_if_fail (ALLOT_IS_BALANCE_CARD (self), NULL);
  g_return_val_if_fail (field < ALLOT_CARD_N_FIELDS, NULL);
  return gtk_label_get_text (self->values[field]);
}
