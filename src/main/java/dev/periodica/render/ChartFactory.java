package dev.periodica.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds a JFreeChart of a {@link Block.Chart}: bars (grouped or stacked), lines (straight, or
 * smooth as a monotone cubic, Fritsch–Carlson, that never overshoots its data; dots on the points)
 * or a pie, with its legend where the block says. The look is the report's {@link ReportStyle}: its
 * palette, numbers in its locale, light horizontal grid lines and no chart junk (no gradients,
 * shadows or outlines). Axis labels stay horizontal and are thinned to those that fit, so they stay
 * text in the PDF (rotated text would be drawn as glyph outlines). Fonts are set explicitly so
 * labels stay text in the PDF.
 */
final class ChartFactory {
  /** Points drawn per segment of a smooth line. */
  static final int SMOOTH_STEPS = 8;

  private ChartFactory() {}

  /** The chart of {@code block}, its text in {@code font}, in the report's {@code style}. */
  static JFreeChart chart(Block.Chart block, Font font, ReportStyle style) {
    StandardChartTheme theme = theme(font, style);
    JFreeChart chart;
    List<String> categories = block.categories();
    if (block.kind() == Block.ChartKind.PIE) {
      DefaultPieDataset<String> pie = new DefaultPieDataset<>();
      List<Double> values = block.series().get(0).values();
      for (int i = 0; i < categories.size(); i++) {
        Double value = values.get(i);
        if (value != null && value > 0) {
          pie.setValue(categories.get(i), value);
        }
      }
      chart = org.jfree.chart.ChartFactory.createPieChart(null, pie, block.legend(), false, false);
    } else {
      DefaultCategoryDataset data = new DefaultCategoryDataset();
      for (int i = 0; i < categories.size(); i++) {
        for (Block.ChartSeries series : block.series()) {
          data.addValue(series.values().get(i), series.name(), categories.get(i));
        }
      }
      String category = block.categoryAxis();
      if (block.kind() == Block.ChartKind.LINE) {
        chart = lines(data, category, block.legend(), block.dots(), block.smooth(), style);
      } else {
        chart =
            block.stacked()
                ? org.jfree.chart.ChartFactory.createStackedBarChart(
                    null,
                    category,
                    null,
                    data,
                    PlotOrientation.VERTICAL,
                    block.legend(),
                    false,
                    false)
                : org.jfree.chart.ChartFactory.createBarChart(
                    null,
                    category,
                    null,
                    data,
                    PlotOrientation.VERTICAL,
                    block.legend(),
                    false,
                    false);
        CategoryPlot plot = (CategoryPlot) chart.getPlot();
        plot.setDomainAxis(new ThinnedCategoryAxis(category));
      }
    }
    theme.apply(chart);
    if (chart.getLegend() != null) {
      chart.getLegend().setPosition(legendEdge(block.legendEdge()));
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    if (chart.getPlot() instanceof PiePlot<?> pie) {
      pie.setShadowPaint(null);
      pie.setLabelShadowPaint(null);
      pie.setLabelBackgroundPaint(Color.WHITE);
      pie.setLabelOutlinePaint(ReportStyle.RULE);
      pie.setDefaultSectionOutlinePaint(Color.WHITE);
      pie.setLabelLinkPaint(ReportStyle.MUTED);
      for (int i = 0; i < pie.getDataset().getItemCount(); i++) {
        pie.setSectionPaint(pie.getDataset().getKey(i), style.color(i));
      }
    }
    if (chart.getPlot() instanceof CategoryPlot plot) {
      BarRenderer bars = (BarRenderer) plot.getRenderer();
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setDrawBarOutline(false);
      bars.setItemMargin(0.04);
      for (int i = 0; i < plot.getDataset().getRowCount(); i++) {
        bars.setSeriesPaint(i, style.color(i));
      }
      quietAxes(plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis(), style);
      plot.setDomainGridlinesVisible(false);
    }
    if (chart.getPlot() instanceof XYPlot plot) {
      quietAxes(plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis(), style);
      plot.setDomainGridlinesVisible(false);
    }
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    chart.getPlot().setOutlineVisible(false);
    return chart;
  }

  private static StandardChartTheme theme(Font font, ReportStyle style) {
    StandardChartTheme theme = new StandardChartTheme("periodica");
    theme.setExtraLargeFont(font.deriveFont(Font.PLAIN, 12f));
    theme.setLargeFont(font.deriveFont(Font.PLAIN, 9f));
    theme.setRegularFont(font.deriveFont(Font.PLAIN, 8f));
    theme.setSmallFont(font.deriveFont(Font.PLAIN, 7f));
    theme.setBarPainter(new StandardBarPainter());
    theme.setShadowVisible(false);
    theme.setAxisLabelPaint(ReportStyle.MUTED);
    theme.setTickLabelPaint(ReportStyle.MUTED);
    theme.setLegendItemPaint(ReportStyle.INK);
    theme.setRangeGridlinePaint(ReportStyle.RULE);
    theme.setDomainGridlinePaint(ReportStyle.RULE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setLegendBackgroundPaint(Color.WHITE);
    Color[] colors = style.palette().toArray(new Color[0]);
    theme.setDrawingSupplier(
        new DefaultDrawingSupplier(
            colors,
            colors,
            DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
            new java.awt.Stroke[] {new BasicStroke(1.5f)},
            DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
            DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    return theme;
  }

  /** No axis lines or tick marks, solid light grid lines, values in the report's locale. */
  private static void quietAxes(
      org.jfree.chart.axis.Axis domain, NumberAxis range, ReportStyle style) {
    domain.setAxisLinePaint(ReportStyle.RULE);
    domain.setTickMarksVisible(false);
    range.setAxisLineVisible(false);
    range.setTickMarksVisible(false);
    range.setNumberFormatOverride(style.numbers(null).asFormat());
    range.setStandardTickUnits(NumberAxis.createStandardTickUnits());
    range.setTickLabelPaint(ReportStyle.MUTED);
  }

  /**
   * A line chart on an index axis (0, 1, 2… labelled with the categories, thinned to the labels
   * that fit), straight or along a monotone cubic through the points.
   */
  private static JFreeChart lines(
      DefaultCategoryDataset data,
      String category,
      boolean legend,
      boolean dots,
      boolean smooth,
      ReportStyle style) {
    XYSeriesCollection lines = new XYSeriesCollection();
    int count = data.getRowCount();
    List<XYSeries> points = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      XYSeries series = new XYSeries(data.getRowKey(r), false, true);
      for (int c = 0; c < data.getColumnCount(); c++) {
        Number value = data.getValue(r, c);
        if (value != null) {
          series.add(c, value.doubleValue());
        }
      }
      points.add(series);
      lines.addSeries(smooth ? monotone(series) : series);
    }
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, dots && !smooth);
    if (smooth && dots) {
      // the points themselves, over the curve, in the same colours and not in the legend
      for (int r = 0; r < count; r++) {
        XYSeries dotsOnly = new XYSeries(data.getRowKey(r) + " ", false, true);
        for (int i = 0; i < points.get(r).getItemCount(); i++) {
          dotsOnly.add(points.get(r).getDataItem(i));
        }
        lines.addSeries(dotsOnly);
        renderer.setSeriesLinesVisible(count + r, false);
        renderer.setSeriesShapesVisible(count + r, true);
        renderer.setSeriesVisibleInLegend(count + r, false);
      }
    }
    for (int r = 0; r < lines.getSeriesCount(); r++) {
      renderer.setSeriesPaint(r, style.color(r % count));
      renderer.setSeriesStroke(r, new BasicStroke(1.5f));
      renderer.setSeriesShape(r, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
    }
    String[] labels = new String[data.getColumnCount()];
    for (int c = 0; c < labels.length; c++) {
      labels[c] = String.valueOf(data.getColumnKey(c));
    }
    NumberAxis axis = new LabelAxis(category, labels);
    axis.setAutoRangeIncludesZero(false);
    axis.setRange(-0.5, Math.max(0.5, labels.length - 0.5));
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    axis.setNumberFormatOverride(new LabelFormat(labels));
    NumberAxis values = new NumberAxis(null);
    XYPlot plot = new XYPlot(lines, axis, values, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
  }

  /**
   * The series drawn as a monotone cubic Hermite spline (Fritsch–Carlson): {@link #SMOOTH_STEPS}
   * points per segment, every one between the values of its segment's ends, so the line never
   * overshoots (no invented peak or dip below zero).
   */
  static XYSeries monotone(XYSeries points) {
    int n = points.getItemCount();
    XYSeries curve = new XYSeries(points.getKey(), false, true);
    if (n < 3) {
      for (int i = 0; i < n; i++) {
        curve.add(points.getDataItem(i));
      }
      return curve;
    }
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = points.getX(i).doubleValue();
      y[i] = points.getY(i).doubleValue();
    }
    double[] slopes = monotoneSlopes(x, y);
    for (int i = 0; i < n - 1; i++) {
      double h = x[i + 1] - x[i];
      for (int s = 0; s < SMOOTH_STEPS; s++) {
        double t = (double) s / SMOOTH_STEPS;
        curve.add(x[i] + t * h, hermite(t, h, y[i], y[i + 1], slopes[i], slopes[i + 1]));
      }
    }
    curve.add(x[n - 1], y[n - 1]);
    return curve;
  }

  /** Tangents at each point that keep a cubic Hermite spline monotone between the points. */
  static double[] monotoneSlopes(double[] x, double[] y) {
    int n = x.length;
    double[] secant = new double[n - 1];
    for (int i = 0; i < n - 1; i++) {
      secant[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
    }
    double[] m = new double[n];
    m[0] = secant[0];
    m[n - 1] = secant[n - 2];
    for (int i = 1; i < n - 1; i++) {
      m[i] = secant[i - 1] * secant[i] <= 0 ? 0 : (secant[i - 1] + secant[i]) / 2;
    }
    for (int i = 0; i < n - 1; i++) {
      if (secant[i] == 0) {
        m[i] = 0;
        m[i + 1] = 0;
        continue;
      }
      double a = m[i] / secant[i];
      double b = m[i + 1] / secant[i];
      double length = a * a + b * b;
      if (length > 9) {
        double tau = 3 / Math.sqrt(length);
        m[i] = tau * a * secant[i];
        m[i + 1] = tau * b * secant[i];
      }
    }
    return m;
  }

  private static double hermite(double t, double h, double y0, double y1, double m0, double m1) {
    double t2 = t * t;
    double t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y0
        + (t3 - 2 * t2 + t) * h * m0
        + (-2 * t3 + 3 * t2) * y1
        + (t3 - t2) * h * m1;
  }

  /** An index axis whose ticks are spaced by the width of its widest category label. */
  private static final class LabelAxis extends NumberAxis {
    private final String[] labels;

    LabelAxis(String label, String[] labels) {
      super(label);
      this.labels = labels;
    }

    /** The widest label's width and the font it was measured in (the axis tries many units). */
    private Font measuredIn;

    private int widest;

    @Override
    protected double estimateMaximumTickLabelWidth(
        Graphics2D g2, org.jfree.chart.axis.TickUnit unit) {
      Font font = getTickLabelFont();
      if (!font.equals(measuredIn)) {
        FontMetrics metrics = g2.getFontMetrics(font);
        widest = 0;
        for (String label : labels) {
          widest = Math.max(widest, metrics.stringWidth(label));
        }
        measuredIn = font;
      }
      return widest + 8;
    }
  }

  /** Prints an index axis' ticks as the category labels (blank between them). */
  private static final class LabelFormat extends NumberFormat {
    private final String[] labels;

    LabelFormat(String[] labels) {
      this.labels = labels;
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
      long index = Math.round(number);
      return Math.abs(number - index) < 1e-6 && index >= 0 && index < labels.length
          ? to.append(labels[(int) index])
          : to;
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
      return format((double) number, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
      return null;
    }
  }

  /**
   * A category axis that labels only every k-th category, k chosen so that the labels, kept
   * horizontal, do not overlap; the others stay in place without a label.
   */
  private static final class ThinnedCategoryAxis extends CategoryAxis {
    ThinnedCategoryAxis(String label) {
      super(label);
      setMaximumCategoryLabelLines(1);
    }

    @Override
    public List<CategoryTick> refreshTicks(
        Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
      CategoryPlot plot = (CategoryPlot) getPlot();
      List<?> categories = plot.getCategoriesForAxis(this);
      int n = categories.size();
      if (n == 0) {
        return super.refreshTicks(g2, state, dataArea, edge);
      }
      FontMetrics metrics = g2.getFontMetrics(getTickLabelFont());
      int widest = 0;
      for (Object category : categories) {
        widest = Math.max(widest, metrics.stringWidth(String.valueOf(category)));
      }
      double room = dataArea.getWidth() / n;
      int every = Math.max(1, (int) Math.ceil((widest + 6) / Math.max(room, 0.1)));
      List<CategoryTick> ticks = super.refreshTicks(g2, state, dataArea, edge);
      if (every == 1) {
        return ticks;
      }
      List<CategoryTick> thinned = new ArrayList<>(ticks.size());
      for (int i = 0; i < ticks.size(); i++) {
        CategoryTick tick = ticks.get(i);
        // a kept label has the room of the categories left blank beside it: written whole
        thinned.add(
            new CategoryTick(
                tick.getCategory(),
                i % every == 0
                    ? org.jfree.chart.text.TextUtils.createTextBlock(
                        tick.getCategory().toString(),
                        getTickLabelFont(tick.getCategory()),
                        getTickLabelPaint(tick.getCategory()))
                    : new TextBlock(),
                tick.getLabelAnchor(),
                tick.getRotationAnchor(),
                tick.getAngle()));
      }
      return thinned;
    }
  }

  /** Where the legend goes: {@code legend.placement} top, bottom (default), left or right. */
  private static RectangleEdge legendEdge(String placement) {
    return switch (placement.toLowerCase(Locale.ROOT)) {
      case "top" -> RectangleEdge.TOP;
      case "left" -> RectangleEdge.LEFT;
      case "right" -> RectangleEdge.RIGHT;
      default -> RectangleEdge.BOTTOM;
    };
  }
}
