package dev.periodica.render;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of the file formats a report run can produce: their names (what {@code
 * params.format} accepts, the job's params schema and {@code GET /jobs} list, and the error texts
 * name), content types, and the one renderer class of each ({@link PdfRenderer}, {@link
 * CsvRenderer}, {@link XlsxRenderer}, {@link JsonRenderer}).
 */
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
    return render(report, settings, fireTime, results, fonts, Integer.MAX_VALUE);
  }

  /** As {@link #render}, a PDF stopping at {@code maxPages} pages (with a note saying so). */
  public byte[] render(
      String report,
      JsonObject settings,
      Instant fireTime,
      List<SeriesResult> results,
      ReportFonts fonts,
      int maxPages) {
    return switch (this) {
      case CSV -> CsvRenderer.render(results);
      case JSON -> JsonRenderer.render(report, fireTime, results);
      case PDF -> PdfRenderer.render(report, settings, fireTime, results, fonts, maxPages);
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
}
