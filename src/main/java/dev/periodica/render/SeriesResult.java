package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The rows one series returned, with where it sits in the report and how its widget presents it
 * ({@code presentation}: the widget config's {@code settings}, with {@code kind} and chart
 * options).
 */
public record SeriesResult(
    int page,
    String widget,
    String series,
    List<String> columns,
    List<JsonObject> rows,
    JsonObject presentation) {
  public SeriesResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    presentation = presentation == null ? new JsonObject() : presentation;
  }

  public SeriesResult(
      int page, String widget, String series, List<String> columns, List<JsonObject> rows) {
    this(page, widget, series, columns, rows, new JsonObject());
  }
}
