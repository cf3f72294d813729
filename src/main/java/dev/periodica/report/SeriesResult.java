package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The rows one series returned, with where it sits in the report. */
public record SeriesResult(
    int page, String widget, String series, List<String> columns, List<JsonObject> rows) {
  public SeriesResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
