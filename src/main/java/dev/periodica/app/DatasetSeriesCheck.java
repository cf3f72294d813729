package dev.periodica.app;

import dev.periodica.dataset.WidgetQueries;
import dev.periodica.report.SeriesCheck;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Lends the dataset package's checks of widget series to report and widget saving. */
final class DatasetSeriesCheck implements SeriesCheck {
  private final WidgetQueries queries;

  DatasetSeriesCheck(WidgetQueries queries) {
    this.queries = queries;
  }

  @Override
  public Future<Void> check(JsonObject config, JsonObject settings) {
    return queries.check(config, settings);
  }

  @Override
  public Future<Void> check(List<Inline> widgets) {
    return queries.check(
        widgets.stream()
            .map(widget -> new WidgetQueries.Inline(widget.config(), widget.settings()))
            .toList());
  }
}
