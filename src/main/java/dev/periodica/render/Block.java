package dev.periodica.render;

import java.util.Collections;
import java.util.List;

/**
 * One thing a report page shows, with its data resolved and its presentation decided: a {@link
 * Chart}, a {@link Table}, a {@link Text} or an {@link Image}. A widget gives one block per series
 * (a text or image widget, one block); its first block carries the widget's {@link Heading}, and
 * when it has several series each block is captioned with its series' name.
 */
public sealed interface Block permits Block.Chart, Block.Table, Block.Text, Block.Image {
  /** Where the block comes from: page, widget and series (the data formats label rows with it). */
  Origin origin();

  /** The widget's heading printed above this block, or null: not the first block of its widget. */
  Heading heading();

  /** The series name printed above the block (its widget has several series), or null. */
  String caption();

  /** The block's rows: a chart's and a table's; none for text and images. */
  default TableData data() {
    return TableData.EMPTY;
  }

  /** Page number (from 1), widget name and series name of a block. */
  record Origin(int page, String widget, String series) {}

  /**
   * A widget's heading: its {@code title} (null when {@code base.showHeading} is false) and {@code
   * description} (empty for none).
   */
  record Heading(String title, String description) {}

  /**
   * Rows as a query answered them: column names, and each row's values in column order (plain Java
   * values: null, text, booleans, numbers, {@code java.time} values, JSON, lists).
   */
  record TableData(List<String> columns, List<List<Object>> rows) {
    public static final TableData EMPTY = new TableData(List.of(), List.of());

    public TableData {
      columns = List.copyOf(columns);
      rows = Collections.unmodifiableList(rows);
    }
  }

  /** How a table prints one column: numbers right-aligned in the report's locale. */
  record ColumnFormat(boolean numeric, Integer decimals) {}

  /** A chart's kind. */
  enum ChartKind {
    BAR,
    LINE,
    PIE
  }

  /** One line, one set of bars, or a pie's slices: a value per category, null for a gap. */
  record ChartSeries(String name, List<Double> values) {
    public ChartSeries {
      values = Collections.unmodifiableList(values);
    }
  }

  /**
   * A chart drawn from {@code data}: the {@code categories} along its axis (labels of the category
   * column, named {@code categoryAxis}, null when none) and one {@link ChartSeries} per numeric
   * column (a pie, the first). {@code stacked} bars; a {@code smooth} line (monotone, never
   * overshooting); {@code dots} on a line's points; a {@code legend} at {@code legendEdge} ({@code
   * top}, {@code bottom}, {@code left}, {@code right}).
   */
  record Chart(
      Origin origin,
      Heading heading,
      String caption,
      TableData data,
      ChartKind kind,
      String categoryAxis,
      List<String> categories,
      List<ChartSeries> series,
      boolean stacked,
      boolean smooth,
      boolean dots,
      boolean legend,
      String legendEdge)
      implements Block {
    public Chart {
      categories = List.copyOf(categories);
      series = List.copyOf(series);
    }
  }

  /**
   * A table: a header row, then the rows, each column printed per its {@link ColumnFormat} (one per
   * column of {@code data}).
   */
  record Table(
      Origin origin, Heading heading, String caption, TableData data, List<ColumnFormat> formats)
      implements Block {
    public Table {
      formats = List.copyOf(formats);
      if (formats.size() != data.columns().size()) {
        throw new IllegalArgumentException("a table needs one format per column");
      }
    }
  }

  /** A text widget's text, wrapped to the page. */
  record Text(Origin origin, Heading heading, String caption, String text) implements Block {}

  /**
   * An image widget's image, drawn per {@code fit} and {@code align}; when it cannot be read,
   * {@code image} is null and {@code problem} says why (printed in its place).
   */
  record Image(
      Origin origin,
      Heading heading,
      String caption,
      ReportImage image,
      String problem,
      ReportImage.Fit fit,
      Align align)
      implements Block {}
}
