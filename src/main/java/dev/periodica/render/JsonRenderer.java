package dev.periodica.render;

import dev.periodica.common.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A report as JSON: pure (no Vert.x futures, no SQL); see {@link ReportFormat#JSON}. */
final class JsonRenderer {
  private JsonRenderer() {}

  /** The report's structure with each series' columns and rows. */
  static byte[] render(String report, Instant fireTime, List<SeriesResult> results) {
    JsonObject header = new JsonObject().put("fire_time", Timestamps.format(fireTime));
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
