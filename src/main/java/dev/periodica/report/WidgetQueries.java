package dev.periodica.report;

import dev.periodica.common.Invalid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the series of a widget config when it is saved: each structured {@code query} must name a
 * dataset and compile against it, each raw {@code sql} (when there is no structured query) must
 * follow {@link RawSql} and be accepted by the database's parser and planner, each period must
 * read. A bad series answers 400 saying which one and why.
 */
public final class WidgetQueries {
  static final int MAX_SERIES = 50;
  private final DatasetAccess datasets;

  public WidgetQueries(DatasetAccess datasets) {
    this.datasets = datasets;
  }

  /** Checks the series found in {@code config.series} and {@code settings.series}. */
  public Future<Void> check(JsonObject config, JsonObject settings) {
    List<JsonObject> series = new ArrayList<>();
    try {
      collect(config, "config", series);
      collect(settings, "settings", series);
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
    List<Future<?>> checks = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      checks.add(checkSeries(series.get(i), i + 1));
    }
    return Future.all(checks).mapEmpty();
  }

  private static void collect(JsonObject holder, String where, List<JsonObject> into) {
    if (holder == null || holder.getValue("series") == null) {
      return;
    }
    if (!(holder.getValue("series") instanceof JsonArray list) || list.size() > MAX_SERIES) {
      throw new Invalid(where + ".series should be a list of at most " + MAX_SERIES + " series");
    }
    for (Object item : list) {
      if (!(item instanceof JsonObject series)) {
        throw new Invalid(where + ".series should hold objects");
      }
      into.add(series);
    }
  }

  private Future<Void> checkSeries(JsonObject series, int number) {
    try {
      Object period = series.getValue("period");
      if (period != null && !(period instanceof JsonArray)) {
        throw new Invalid("period should be two expressions such as [\"now-1d\", \"now\"]");
      }
      Period.check((JsonArray) period);
      Object sql = series.getValue("sql");
      Object query = series.getValue("query");
      if (sql != null && !(sql instanceof String)) {
        throw new Invalid("sql should be text");
      }
      if (query == null && sql instanceof String text && !text.isBlank()) {
        return checkRawSql(text).recover(failure -> Future.failedFuture(explain(failure, number)));
      }
      if (query == null) {
        return Future.succeededFuture();
      }
      if (!(query instanceof JsonObject structured)
          || !(structured.getValue("dataset") instanceof String name)) {
        throw new Invalid("query should be an object naming its dataset");
      }
      return datasets
          .catalog()
          .require(name)
          .<Void>map(
              dataset -> {
                datasets.compiler().compile(structured, dataset, null, null);
                return null;
              })
          .recover(failure -> Future.failedFuture(explain(failure, number)));
    } catch (Invalid e) {
      return Future.failedFuture(explain(e, number));
    }
  }

  /** Raw SQL is parsed and planned by the database, as the reader role, without running. */
  private Future<Void> checkRawSql(String sql) {
    if (datasets.rawSqlRefusal().isPresent()) {
      throw new Invalid(datasets.rawSqlRefusal().get());
    }
    return datasets.runner().check(RawSql.compile(sql, null, null, datasets.rowCap()));
  }

  private static Throwable explain(Throwable failure, int number) {
    return failure instanceof Invalid invalid
        ? new Invalid("series " + number + ": " + invalid.getMessage())
        : failure;
  }
}
