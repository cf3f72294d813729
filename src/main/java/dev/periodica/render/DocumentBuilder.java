package dev.periodica.render;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a {@link ReportDocument}: the report's settings are read once here, leniently (see {@link
 * Presentation}: a missing or malformed value is the default), and each widget's series become
 * blocks with their data resolved. Generation adds widgets in report order, each with its series'
 * rows (or none yet, for an output whose rows are streamed after the document is built).
 *
 * <p>A chart widget ({@code kind} {@code bar}/{@code histogram}, {@code line}, {@code pie}) whose
 * series has no rows or no numeric column is shown as a table; a text or image widget is one block
 * whatever its series.
 */
public final class DocumentBuilder {
  private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  private final String title;
  private final Instant fireTime;
  private final JsonObject settings;
  private final ReportStyle style;
  private final Map<Integer, List<Block>> pages = new LinkedHashMap<>();

  public DocumentBuilder(String title, JsonObject settings, Instant fireTime) {
    this.title = title;
    this.fireTime = fireTime;
    this.settings = settings == null ? new JsonObject() : settings;
    this.style = ReportStyle.of(this.settings);
  }

  /**
   * The document of {@code results}: consecutive results of one widget (same page, widget name and
   * presentation object) form one widget.
   */
  public static ReportDocument of(
      String title, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    DocumentBuilder builder = new DocumentBuilder(title, settings, fireTime);
    List<SeriesResult> widget = new ArrayList<>();
    for (SeriesResult result : results) {
      if (!widget.isEmpty()) {
        SeriesResult previous = widget.get(widget.size() - 1);
        if (previous.page() != result.page()
            || !previous.widget().equals(result.widget())
            || previous.presentation() != result.presentation()) {
          builder.add(widget);
          widget.clear();
        }
      }
      widget.add(result);
    }
    if (!widget.isEmpty()) {
      builder.add(widget);
    }
    return builder.build();
  }

  private void add(List<SeriesResult> widget) {
    SeriesResult first = widget.get(0);
    List<Series> series = new ArrayList<>();
    for (SeriesResult result : widget) {
      series.add(new Series(result.series(), result.columns(), rows(result)));
    }
    widget(first.page(), first.widget(), first.presentation(), series);
  }

  private static List<List<Object>> rows(SeriesResult result) {
    List<List<Object>> rows = new ArrayList<>(result.rows().size());
    for (JsonObject row : result.rows()) {
      List<Object> values = new ArrayList<>(result.columns().size());
      for (String column : result.columns()) {
        values.add(row.getValue(column));
      }
      rows.add(values);
    }
    return rows;
  }

  /** One series of a widget: its name, and its columns and rows (plain values in column order). */
  public record Series(String name, List<String> columns, List<List<Object>> rows) {}

  /**
   * Adds a widget on report page {@code page} (from 1): its blocks, presented per {@code
   * presentation} (the widget's {@code settings}: {@code kind}, {@code base}, {@code settings},
   * {@code legend}). A widget without series shows nothing. Answers the blocks added, in order: one
   * per series, or one for a text or image widget.
   */
  public List<Block> widget(int page, String widget, JsonObject presentation, List<Series> series) {
    if (series.isEmpty()) {
      return List.of();
    }
    JsonObject shown = presentation == null ? new JsonObject() : presentation;
    WidgetKind kind = WidgetKind.of(shown);
    JsonObject base = Presentation.object(shown, "base");
    JsonObject options = Presentation.object(shown, "settings");
    Block.Heading heading =
        new Block.Heading(
            Presentation.flag(base, "showHeading", true)
                ? nonBlank(Presentation.text(base, "name", ""), widget)
                : null,
            Presentation.text(base, "description", ""));
    List<Block> blocks = pages.computeIfAbsent(page, p -> new ArrayList<>());
    if (kind.showsContent()) {
      Block.Origin origin = new Block.Origin(page, widget, series.get(0).name());
      Block block =
          kind == WidgetKind.TEXT
              ? new Block.Text(origin, heading, null, Presentation.text(options, "text", ""))
              : image(origin, heading, options);
      blocks.add(block);
      return List.of(block);
    }
    List<Block> added = new ArrayList<>();
    ReportStyle numbers = style.withDecimals(options);
    for (int i = 0; i < series.size(); i++) {
      Series one = series.get(i);
      Block.Origin origin = new Block.Origin(page, widget, one.name());
      Block.Heading shownHeading = i == 0 ? heading : null;
      String caption = series.size() > 1 ? one.name() : null;
      Block.TableData data = new Block.TableData(one.columns(), one.rows());
      Block chart =
          kind.isChart() ? chart(origin, shownHeading, caption, data, kind, shown, options) : null;
      added.add(chart != null ? chart : table(origin, shownHeading, caption, data, numbers));
    }
    blocks.addAll(added);
    return added;
  }

  public ReportDocument build() {
    List<ReportDocument.Page> list = new ArrayList<>();
    pages.forEach((number, blocks) -> list.add(new ReportDocument.Page(number, blocks)));
    return new ReportDocument(
        title,
        fireTime,
        font(),
        style,
        Section.header(Presentation.object(settings, "header")),
        Section.footer(Presentation.object(settings, "footer")),
        list);
  }

  private String font() {
    String font = Presentation.text(Presentation.object(settings, "style"), "font", null);
    return font == null || font.isBlank() ? null : font.strip();
  }

  private static String nonBlank(String text, String fallback) {
    return text.isBlank() ? fallback : text;
  }

  /** An image widget: {@code image} drawn per {@code fit} and {@code image_align}. */
  private static Block image(Block.Origin origin, Block.Heading heading, JsonObject options) {
    ReportImage image = null;
    String problem = null;
    try {
      image = ReportImage.read(options.getValue("image"), "settings");
    } catch (Invalid e) {
      problem = e.getMessage();
    }
    return new Block.Image(
        origin,
        heading,
        null,
        image,
        problem,
        ReportImage.Fit.of(options.getValue("fit")),
        Align.of(options.getValue("image_align"), Align.CENTER));
  }

  /**
   * A table: a column is numeric when its first value that is not null is a number; decimals per
   * column from the widget's {@code settings.decimals} over the report's {@code style.decimals}.
   */
  private static Block table(
      Block.Origin origin,
      Block.Heading heading,
      String caption,
      Block.TableData data,
      ReportStyle style) {
    List<Block.ColumnFormat> formats = new ArrayList<>();
    for (int c = 0; c < data.columns().size(); c++) {
      boolean numeric = false;
      for (List<Object> row : data.rows()) {
        Object value = c < row.size() ? row.get(c) : null;
        if (value != null) {
          numeric = value instanceof Number;
          break;
        }
      }
      formats.add(
          new Block.ColumnFormat(
              numeric, numeric ? style.decimals().get(data.columns().get(c)) : null));
    }
    return new Block.Table(origin, heading, caption, data, formats);
  }

  /**
   * A chart, or null when the rows cannot make one (none, or no numeric column): the first
   * non-numeric column (or the time bucket) gives the categories, the numeric columns the values,
   * as the first row has them.
   */
  private static Block chart(
      Block.Origin origin,
      Block.Heading heading,
      String caption,
      Block.TableData data,
      WidgetKind kind,
      JsonObject presentation,
      JsonObject options) {
    if (data.rows().isEmpty()) {
      return null;
    }
    List<Integer> values = new ArrayList<>();
    int category = -1;
    List<Object> first = data.rows().get(0);
    for (int c = 0; c < data.columns().size(); c++) {
      Object value = c < first.size() ? first.get(c) : null;
      if (value instanceof Number) {
        values.add(c);
      } else if (category < 0) {
        category = c;
      }
    }
    if (values.isEmpty()) {
      return null;
    }
    JsonObject legend = Presentation.object(presentation, "legend");
    boolean line = kind == WidgetKind.LINE || "line".equals(Presentation.text(options, "type", ""));
    Block.ChartKind chartKind =
        kind == WidgetKind.PIE
            ? Block.ChartKind.PIE
            : line ? Block.ChartKind.LINE : Block.ChartKind.BAR;
    List<String> categories = new ArrayList<>(data.rows().size());
    for (List<Object> row : data.rows()) {
      categories.add(label(category < 0 || category >= row.size() ? null : row.get(category)));
    }
    List<Block.ChartSeries> series = new ArrayList<>();
    for (int c : chartKind == Block.ChartKind.PIE ? values.subList(0, 1) : values) {
      List<Double> numbers = new ArrayList<>(data.rows().size());
      for (List<Object> row : data.rows()) {
        numbers.add(number(c < row.size() ? row.get(c) : null));
      }
      series.add(new Block.ChartSeries(data.columns().get(c), numbers));
    }
    return new Block.Chart(
        origin,
        heading,
        caption,
        data,
        chartKind,
        category < 0 ? null : data.columns().get(category),
        categories,
        series,
        Presentation.flag(options, "stack", false),
        "smooth".equalsIgnoreCase(Presentation.text(options, "lineStyle", "linear")),
        Presentation.flag(options, "showDots", true),
        Presentation.flag(legend, "show", values.size() > 1),
        Presentation.text(legend, "placement", "bottom"));
  }

  /** A category label; time buckets are shortened so a day of hours still fits the axis. */
  private static String label(Object value) {
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    if (!(value instanceof OffsetDateTime) && !looksLikeTime(text)) {
      return text; // most labels: not worth a parse that fails with an exception
    }
    try {
      OffsetDateTime time =
          value instanceof OffsetDateTime stamp ? stamp : OffsetDateTime.parse(text);
      return time.toLocalTime().equals(LocalTime.MIDNIGHT)
          ? time.toLocalDate().toString()
          : SHORT_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notATime) {
      return text;
    }
  }

  /** {@code 2026-11-30T12:00...}: the start of an ISO-8601 date and time. */
  private static boolean looksLikeTime(String text) {
    return text.length() >= 16
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && Character.isDigit(text.charAt(0));
  }

  /**
   * A value to plot, or null (a gap) when it is missing or not a finite number a chart can scale to
   * ({@code float8 'Infinity'} is a legal query result).
   */
  private static Double number(Object value) {
    if (value instanceof Number number) {
      double plotted = number.doubleValue();
      return Double.isFinite(plotted) && Math.abs(plotted) < 1e300 ? plotted : null;
    }
    return null;
  }
}
