package dev.periodica.render;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.vertx.core.json.JsonObject;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A report as CSV: pure (no Vert.x futures, no SQL); see {@link ReportFormat#CSV}. */
final class CsvRenderer {
  private CsvRenderer() {}

  /** RFC 4180, UTF-8: one table, each row tagged with its page, widget and series. */
  static byte[] render(List<SeriesResult> results) {
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
}
