/* allot-burn-chart.c: the burn-rate chart, drawn with cairo in a snapshot.
 *
 * x is time through the fiscal year (month bands, a marker for today), y is
 * the cumulative share of the year's budget spent.  The dashed diagonal is
 * an even pace: a line above it spends faster than time passes.  Lines stop
 * at today in the current year; a future year shows only the pace line.
 */
#include "allot-config.h"
#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>

#include "allot-burn-chart.h"
#include "allot-date.h"

#define N_SERIES (ALLOT_SOURCE_N_KINDS + 1)   /* the kinds, then all sources */
#define TOTAL ALLOT_SOURCE_N_KINDS

struct _AllotBurnChart
{
  GtkWidget parent_instance;

  int fiscal_year;
  guint start_month;
  guint elapsed_bp;          /* share of the year elapsed today, 0..10000 */
  guint months_shown;        /* months with a point: 0..12 */
  gint64 budget[N_SERIES];
  gint64 cumulative[N_SERIES][12];
};

G_DEFINE_FINAL_TYPE (AllotBurnChart, allot_burn_chart, GTK_TYPE_WIDGET)

static const GdkRGBA colors[N_SERIES] = {
  { 0.208f, 0.518f, 0.894f, 1.0f },  /* grants: blue */
  { 0.149f, 0.635f, 0.412f, 1.0f },  /* appropriations: green */
  { 0.902f, 0.380f, 0.000f, 1.0f },  /* agreements: orange */
  { 0.569f, 0.255f, 0.675f, 1.0f },  /* forfeiture: purple */
  { 0.0f, 0.0f, 0.0f, 0.0f },        /* all sources: the text colour */
};

static const char *
series_label (guint series)
{
  return series == TOTAL ? _("All sources") : allot_source_kind_label (series);
}

static void
get_fg (GtkWidget *widget,
        GdkRGBA   *out)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Draws the legend across the top; returns its height. */
static double
draw_legend (AllotBurnChart *self,
             cairo_t        *cr,
             double          left,
             double          width,
             const GdkRGBA  *fg)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double x = left, y = 0, line_height = 0;

  for (guint item = 0; item <= N_SERIES; item++)
    {
      gboolean pace = item == N_SERIES;
      guint series = item == 0 ? TOTAL : item - 1;   /* all sources first */
      g_autoptr(PangoLayout) layout = NULL;
      int text_w, text_h;
      double item_w;

      if (!pace && self->budget[series] == 0)
        continue;
      layout = make_layout (widget, pace ? _("Even pace (share of the year elapsed)")
                                         : series_label (series), TRUE);
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      item_w = 22 + text_w + 18;
      if (x > left && x + item_w > width)
        {
          x = left;
          y += line_height + 4;
        }
      line_height = MAX (line_height, text_h);

      cairo_save (cr);
      if (pace)
        {
          static const double dash[] = { 4, 3 };

          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.55);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 1.5);
        }
      else if (series == TOTAL)
        {
          gdk_cairo_set_source_rgba (cr, fg);
          cairo_set_line_width (cr, 3);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &colors[series]);
          cairo_set_line_width (cr, 2);
        }
      cairo_move_to (cr, x, y + text_h / 2.0);
      cairo_line_to (cr, x + 16, y + text_h / 2.0);
      cairo_stroke (cr);
      cairo_restore (cr);

      gdk_cairo_set_source_rgba (cr, fg);
      show_text (cr, layout, x + 22, y);
      x += item_w;
    }
  return y + line_height;
}

static void
allot_burn_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AllotBurnChart *self = ALLOT_BURN_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double left = 56, right = 16, top, bottom = 48;
  double plot_w, plot_h, y_max = 100;
  GdkRGBA fg;
  cairo_t *cr;

  if (width < 120 || height < 120)
    return;
  get_fg (widget, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  top = draw_legend (self, cr, left, width, &fg) + 16;
  plot_w = width - left - right;
  plot_h = height - top - bottom;
  if (plot_w < 40 || plot_h < 40)
    {
      cairo_destroy (cr);
      return;
    }

  /* The y range grows past 100% when a budget is overspent. */
  for (guint s = 0; s < N_SERIES; s++)
    if (self->budget[s] > 0 && self->months_shown > 0)
      {
        gint64 last = self->cumulative[s][self->months_shown - 1];
        double percent = 100.0 * (double) last / (double) self->budget[s];

        if (percent > y_max)
          y_max = ceil (percent / 25.0) * 25.0;
      }
  y_max = MIN (y_max, 400);

#define X_AT(fraction) (left + (fraction) * plot_w)
#define Y_AT(percent) (top + plot_h - ((percent) / y_max) * plot_h)

  /* Grid and y labels. */
  cairo_set_line_width (cr, 1);
  for (double p = 0; p <= y_max + 0.01; p += 25)
    {
      g_autofree char *text = g_strdup_printf ("%.0f%%", p);
      g_autoptr(PangoLayout) layout = make_layout (widget, text, TRUE);
      int tw, th;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, p == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, left, round (Y_AT (p)) + 0.5);
      cairo_line_to (cr, left + plot_w, round (Y_AT (p)) + 0.5);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      show_text (cr, layout, left - 6 - tw, Y_AT (p) - th / 2.0);
    }

  /* Month bands and x labels. */
  for (guint m = 0; m < 12; m++)
    {
      GDate date;
      char name[32];
      g_autoptr(PangoLayout) layout = NULL;
      int tw, th;
      guint month = (self->start_month - 1 + m) % 12 + 1;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, month, 2000);
      g_date_strftime (name, sizeof name, "%b", &date);
      layout = make_layout (widget, name, TRUE);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      show_text (cr, layout, X_AT ((m + 0.5) / 12.0) - tw / 2.0, top + plot_h + 4);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
      cairo_move_to (cr, round (X_AT (m / 12.0)) + 0.5, top);
      cairo_line_to (cr, round (X_AT (m / 12.0)) + 0.5, top + plot_h);
      cairo_stroke (cr);
    }

  /* Axis titles. */
  {
    g_autofree char *x_title = g_strdup_printf (_("Months of FY%d"), self->fiscal_year);
    g_autoptr(PangoLayout) x_layout = make_layout (widget, x_title, TRUE);
    g_autoptr(PangoLayout) y_layout = make_layout (widget, _("Budget spent"), TRUE);
    int tw, th;

    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.85);
    pango_layout_get_pixel_size (x_layout, &tw, &th);
    show_text (cr, x_layout, X_AT (0.5) - tw / 2.0, height - th - 2);
    pango_layout_get_pixel_size (y_layout, &tw, &th);
    cairo_save (cr);
    cairo_translate (cr, 0, top + plot_h / 2.0 + tw / 2.0);
    cairo_rotate (cr, -G_PI / 2);
    show_text (cr, y_layout, 0, 0);
    cairo_restore (cr);
  }

  /* Even pace. */
  {
    static const double dash[] = { 4, 3 };

    cairo_save (cr);
    cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
    cairo_set_dash (cr, dash, 2, 0);
    cairo_set_line_width (cr, 1.5);
    cairo_move_to (cr, X_AT (0), Y_AT (0));
    cairo_line_to (cr, X_AT (1), Y_AT (MIN (100, y_max)));
    cairo_stroke (cr);
    cairo_restore (cr);
  }

  /* Today. */
  if (self->elapsed_bp > 0 && self->elapsed_bp < 10000)
    {
      double x = round (X_AT (self->elapsed_bp / 10000.0)) + 0.5;
      g_autofree char *text = g_strdup_printf (_("Today: %u%% of the year"),
                                               (self->elapsed_bp + 50) / 100);
      g_autoptr(PangoLayout) layout = make_layout (widget, text, TRUE);
      int tw, th;

      cairo_set_source_rgba (cr, 0.878, 0.106, 0.141, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + plot_h);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (layout, &tw, &th);
      show_text (cr, layout, x + tw + 8 > left + plot_w ? x - tw - 4 : x + 4, top + 2);
    }

  /* The series, total last so it is drawn on top. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < N_SERIES; s++)
    {
      if (self->budget[s] <= 0 || self->months_shown == 0)
        continue;
      if (s == TOTAL)
        {
          gdk_cairo_set_source_rgba (cr, &fg);
          cairo_set_line_width (cr, 3);
        }
      else
        {
          gdk_cairo_set_source_rgba (cr, &colors[s]);
          cairo_set_line_width (cr, 2);
        }
      cairo_move_to (cr, X_AT (0), Y_AT (0));
      for (guint m = 0; m < self->months_shown; m++)
        {
          double percent = 100.0 * (double) self->cumulative[s][m] / (double) self->budget[s];
          double fraction = (m + 1) / 12.0;

          /* The current month ends today, not at its last day. */
          if (m + 1 == self->months_shown && self->elapsed_bp < 10000)
            fraction = MIN (fraction, self->elapsed_bp / 10000.0);
          cairo_line_to (cr, X_AT (fraction), Y_AT (CLAMP (percent, -y_max, y_max)));
        }
      cairo_stroke (cr);
    }

  /* Frame. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left + 0.5, top);
  cairo_line_to (cr, left + 0.5, top + plot_h);
  cairo_stroke (cr);

#undef X_AT
#undef Y_AT
  cairo_destroy (cr);
}

static void
allot_burn_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 640;
    }
  else
    {
      *minimum = 240;
      *natural = 300;
    }
}

static void
allot_burn_chart_class_init (AllotBurnChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = allot_burn_chart_snapshot;
  widget_class->measure = allot_burn_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "burnchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
allot_burn_chart_init (AllotBurnChart *self)
{
  self->start_month = ALLOT_FY_START_DEFAULT;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Burn rate chart"), -1);
}

GtkWidget *
allot_burn_chart_new (void)
{
  return g_object_new (ALLOT_TYPE_BURN_CHART, NULL);
}

void
allot_burn_chart_set_data (AllotBurnChart        *self,
                           int                    fiscal_year,
                           guint                  start_month,
                           const GDate           *today,
                           const AllotBurnSeries *series)
{
  GDate first, last;
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (ALLOT_IS_BURN_CHART (self));
  g_return_if_fail (start_month >= 1 && start_month <= 12);
  g_return_if_fail (today != NULL && series != NULL);

  self->fiscal_year = fiscal_year;
  self->start_month = start_month;
  allot_fiscal_year_bounds (fiscal_year, start_month, &first, &last);
  self->elapsed_bp = allot_period_elapsed_bp (&first, &last, today);

  /* Months that have begun: a point at the end of each (today for the last). */
  if (g_date_compare (today, &first) < 0)
    self->months_shown = 0;
  else if (g_date_compare (today, &last) > 0)
    self->months_shown = 12;
  else
    {
      int months = (g_date_get_year (today) - g_date_get_year (&first)) * 12
                   + (int) g_date_get_month (today) - (int) g_date_get_month (&first);
      self->months_shown = (guint) CLAMP (months + 1, 0, 12);
    }

  memset (self->budget, 0, sizeof self->budget);
  memset (self->cumulative, 0, sizeof self->cumulative);
  for (guint s = 0; s < ALLOT_SOURCE_N_KINDS; s++)
    {
      gint64 sum = 0;

      self->budget[s] = series[s].budget;
      self->budget[TOTAL] += series[s].budget;
      for (guint m = 0; m < 12; m++)
        {
          sum += series[s].monthly[m];
          self->cumulative[s][m] = sum;
          self->cumulative[TOTAL][m] += sum;
        }
    }

  g_string_append_printf (description, _("FY%d: %u%% of the year elapsed."), fiscal_year,
                          (self->elapsed_bp + 50) / 100);
  for (guint s = 0; s < N_SERIES; s++)
    if (self->budget[s] > 0 && self->months_shown > 0)
      g_string_append_printf (description, _(" %s: %" PRId64 "%% of the budget spent."),
                              series_label (s),
                              self->cumulative[s][self->months_shown - 1] * 100 / self->budget[s]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
allot_burn_chart_get_total_percent (AllotBurnChart *self,
                                    guint           month)
{
  g_return_val_if_fail (ALLOT_IS_BURN_CHART (self), -1);
  g_return_val_if_fail (month < 12, -1);

  if (self->budget[TOTAL] <= 0)
    return -1;
  return (int) (self->cumulative[TOTAL][month] * 100 / self->budget[TOTAL]);
}
