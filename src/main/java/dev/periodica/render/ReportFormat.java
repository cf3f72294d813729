package dev.periodica.render;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.periodica.common.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The file formats a report run can produce, and how each renders the query results. */
public enum ReportFormat {
  PDF("pdf", "application/pdf"),
  CSV("csv", "text/csv; charset=utf-8"),
  XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  JSON("json", "application/json");

  private final String extension;
  private final String contentType;

  ReportFormat(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }

  /** The formats' names, the default ({@code pdf}) first: what {@code params.format} accepts. */
  public static List<String> names() {
    return java.util.Arrays.stream(values()).map(ReportFormat::extension).toList();
  }

  public static Optional<ReportFormat> of(String name) {
    for (ReportFormat format : values()) {
      if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** Renders the results; call it off the event loop. */
  public byte[] render(
      String report, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    return render(report, settings, fireTime, results, ReportFonts.fromEnvironment());
  }

  /** Renders the results, a PDF in {@code fonts}; call it off the event loop. */
  public byte[] render(
      String report,
      JsonObject settings,
      Instant fireTime,
      List<SeriesResult> results,
      ReportFonts fonts) {
    return switch (this) {
      case CSV -> csv(results);
      case JSON ->
          json(report, new JsonObject().put("fire_time", Timestamps.format(fireTime)), results);
      case PDF -> PdfRenderer.render(report, settings, fireTime, results, fonts);
      case XLSX -> XlsxRenderer.render(results);
    };
  }

  /**
   * One table as a file: CSV (a header row of {@code columns}, then a line per row), JSON ({@code
   * columns} and {@code rows}) or XLSX (one sheet named {@code name}); not PDF. Call it off the
   * event loop.
   */
  public byte[] table(String name, List<String> columns, List<JsonObject> rows) {
    return switch (this) {
      case CSV -> csvTable(columns, rows);
      case JSON ->
          new JsonObject()
              .put("columns", new JsonArray(new ArrayList<>(columns)))
              .put("rows", new JsonArray(new ArrayList<>(rows)))
              .encodePrettily()
              .getBytes(StandardCharsets.UTF_8);
      case XLSX -> XlsxRenderer.table(name, columns, rows);
      case PDF -> throw new IllegalArgumentException("a table is not written as PDF");
    };
  }

  private static byte[] csvTable(List<String> columns, List<JsonObject> rows) {
    StringWriter text = new StringWriter();
    try (CsvWriter writer =
        CsvWriter.builder()
            .lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.CRLF)
            .build(text)) {
      writer.writeRecord(columns);
      for (JsonObject row : rows) {
        List<String> record = new ArrayList<>(columns.size());
        for (String column : columns) {
          Object value = row.getValue(column);
          record.add(value == null ? "" : String.valueOf(value));
        }
        writer.writeRecord(record);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 4180, UTF-8: one table, each row tagged with its page, widget and series. */
  private static byte[] csv(List<SeriesResult> results) {
    Set<String> columns = new LinkedHashSet<>();
    results.forEach(result -> columns.addAll(result.columns()));
    StringWriter text = new StringWriter();
    try (CsvWriter writer =
        CsvWriter.builder()
            .lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.CRLF)
            .build(text)) {
      List<String> header = new ArrayList<>(List.of("page", "widget", "series"));
      header.addAll(columns);
      writer.writeRecord(header);
      for (SeriesResult result : results) {
        for (JsonObject row : result.rows()) {
          List<String> record = new ArrayList<>(header.size());
          record.add(Integer.toString(result.page()));
          record.add(result.widget());
          record.add(result.series());
          for (String column : columns) {
            Object value = row.getValue(column);
            record.add(value == null ? "" : String.valueOf(value));
          }
          writer.writeRecord(record);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The report's structure with each series' columns and rows. */
  private static byte[] json(String report, JsonObject header, List<SeriesResult> results) {
    JsonArray series = new JsonArray();
    for (SeriesResult result : results) {
      series.add(
          new JsonObject()
              .put("page", result.page())
              .put("widget", result.widget())
              .put("series", result.series())
              .put("columns", new JsonArray(new ArrayList<>(result.columns())))
              .put("rows", new JsonArray(new ArrayList<>(result.rows()))));
    }
    return header
        .copy()
        .put("report", report)
        .put("series", series)
        .encodePrettily()
        .getBytes(StandardCharsets.UTF_8);
  }
}
