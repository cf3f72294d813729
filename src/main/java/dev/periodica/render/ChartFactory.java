package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYSplineRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds a JFreeChart for a series whose widget is a chart ({@code kind} {@code histogram} or
 * {@code bar}, grouped or {@code stack}ed; {@code line}, {@code lineStyle} linear or smooth, {@code
 * showDots}; {@code pie}), with its legend per {@code legend.show} and {@code legend.placement};
 * the first non-numeric column (or the time bucket) gives the categories, the numeric columns the
 * values. Fonts are set explicitly so labels stay text in the PDF. Other kinds, or results without
 * numbers, are not charts: null.
 */
final class ChartFactory {
  private ChartFactory() {}

  static JFreeChart chart(SeriesResult result, Font font) {
    WidgetKind kind = WidgetKind.of(result.presentation());
    if (!kind.isChart() || result.rows().isEmpty()) {
      return null;
    }
    JsonObject options = Presentation.object(result.presentation(), "settings");
    List<String> values = new ArrayList<>();
    String category = null;
    JsonObject first = result.rows().get(0);
    for (String column : result.columns()) {
      if (first.getValue(column) instanceof Number) {
        values.add(column);
      } else if (category == null) {
        category = column;
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    StandardChartTheme theme = new StandardChartTheme("periodica");
    theme.setExtraLargeFont(font.deriveFont(Font.PLAIN, 12f));
    theme.setLargeFont(font.deriveFont(Font.PLAIN, 10f));
    theme.setRegularFont(font.deriveFont(Font.PLAIN, 8f));
    theme.setSmallFont(font.deriveFont(Font.PLAIN, 7f));
    JFreeChart chart;
    boolean legend =
        Presentation.flag(
            Presentation.object(result.presentation(), "legend"), "show", values.size() > 1);
    if (kind == WidgetKind.PIE) {
      DefaultPieDataset<String> pie = new DefaultPieDataset<>();
      for (JsonObject row : result.rows()) {
        Double value = number(row, values.get(0));
        if (value != null && value > 0) {
          pie.setValue(label(row, category), value);
        }
      }
      chart = org.jfree.chart.ChartFactory.createPieChart(null, pie, legend, false, false);
    } else {
      DefaultCategoryDataset data = new DefaultCategoryDataset();
      for (JsonObject row : result.rows()) {
        for (String value : values) {
          data.addValue(number(row, value), value, label(row, category));
        }
      }
      boolean stacked = Presentation.flag(options, "stack", false);
      boolean line =
          kind == WidgetKind.LINE || "line".equals(Presentation.text(options, "type", ""));
      boolean dots = Presentation.flag(options, "showDots", true);
      if (line && "smooth".equalsIgnoreCase(Presentation.text(options, "lineStyle", "linear"))) {
        chart = smoothLines(data, category, legend, dots);
      } else if (line) {
        chart =
            org.jfree.chart.ChartFactory.createLineChart(
                null, category, null, data, PlotOrientation.VERTICAL, legend, false, false);
        LineAndShapeRenderer renderer =
            (LineAndShapeRenderer) ((CategoryPlot) chart.getPlot()).getRenderer();
        renderer.setDefaultShapesVisible(dots);
      } else if (stacked) {
        chart =
            org.jfree.chart.ChartFactory.createStackedBarChart(
                null, category, null, data, PlotOrientation.VERTICAL, legend, false, false);
      } else {
        chart =
            org.jfree.chart.ChartFactory.createBarChart(
                null, category, null, data, PlotOrientation.VERTICAL, legend, false, false);
      }
    }
    theme.apply(chart);
    if (chart.getLegend() != null) {
      chart
          .getLegend()
          .setPosition(
              legendEdge(
                  Presentation.text(
                      Presentation.object(result.presentation(), "legend"),
                      "placement",
                      "bottom")));
    }
    if (result.rows().size() > 8) {
      if (chart.getPlot() instanceof CategoryPlot plot) {
        plot.getDomainAxis()
            .setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_90);
      } else if (chart.getPlot() instanceof XYPlot plot) {
        ((SymbolAxis) plot.getDomainAxis()).setVerticalTickLabels(true);
      }
    }
    if (chart.getPlot() instanceof org.jfree.chart.plot.PiePlot<?> pie) {
      pie.setShadowPaint(null);
      pie.setLabelShadowPaint(null);
      pie.setLabelBackgroundPaint(Color.WHITE);
      pie.setLabelOutlinePaint(Color.LIGHT_GRAY);
    }
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(Color.WHITE);
    chart.getPlot().setOutlineVisible(false);
    return chart;
  }

  private static final java.time.format.DateTimeFormatter SHORT_TIME =
      java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm");

  /** A category label; time buckets are shortened so a day of hours still fits the axis. */
  private static String label(JsonObject row, String category) {
    Object value = category == null ? null : row.getValue(category);
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    try {
      java.time.OffsetDateTime time = java.time.OffsetDateTime.parse(text);
      return time.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? time.toLocalDate().toString()
          : SHORT_TIME.format(time.withOffsetSameInstant(java.time.ZoneOffset.UTC));
    } catch (java.time.format.DateTimeParseException notATime) {
      return text;
    }
  }

  /**
   * A line chart through the points with Catmull-Rom-like splines: categories become positions 0,
   * 1, 2… on a symbol axis that prints their labels.
   */
  private static JFreeChart smoothLines(
      DefaultCategoryDataset data, String category, boolean legend, boolean dots) {
    XYSeriesCollection lines = new XYSeriesCollection();
    for (int r = 0; r < data.getRowCount(); r++) {
      XYSeries series = new XYSeries(data.getRowKey(r), false, true);
      for (int c = 0; c < data.getColumnCount(); c++) {
        Number value = data.getValue(r, c);
        if (value != null) {
          series.add(c, value.doubleValue());
        }
      }
      lines.addSeries(series);
    }
    String[] labels = new String[data.getColumnCount()];
    for (int c = 0; c < labels.length; c++) {
      labels[c] = String.valueOf(data.getColumnKey(c));
    }
    SymbolAxis axis = new SymbolAxis(category, labels);
    axis.setGridBandsVisible(false);
    XYSplineRenderer renderer = new XYSplineRenderer(8);
    renderer.setDefaultShapesVisible(dots);
    XYPlot plot = new XYPlot(lines, axis, new org.jfree.chart.axis.NumberAxis(null), renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
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

  /**
   * A value to plot, or null (a gap) when it is missing or not a finite number a chart can scale to
   * ({@code float8 'Infinity'} is a legal query result).
   */
  private static Double number(JsonObject row, String column) {
    if (row.getValue(column) instanceof Number number) {
      double value = number.doubleValue();
      return Double.isFinite(value) && Math.abs(value) < 1e300 ? value : null;
    }
    return null;
  }
}
