package dev.periodica.dataset;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** What a query answered: its column names in order, and its rows. */
public record QueryRows(List<String> columns, List<JsonObject> rows) {
  public QueryRows {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
