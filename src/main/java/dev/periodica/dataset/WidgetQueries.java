package dev.periodica.dataset;

import dev.periodica.common.Invalid;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks the series of a widget config when it is saved: each structured {@code query} must name a
 * dataset and compile against it, each raw {@code sql} (when there is no structured query) must
 * follow {@link RawSql} and be accepted by the database's parser and planner, each period must
 * read. A bad series answers 400 saying which one and why.
 *
 * <p>The series of many widgets (a report's inline ones) are checked as one: each dataset is looked
 * up once and each raw SQL text planned once, one check after another, so however many widgets a
 * report places it costs a statement per distinct dataset or query and at most one connection at a
 * time.
 */
public final class WidgetQueries {
  static final int MAX_SERIES = 50;
  private final DatasetAccess datasets;

  public WidgetQueries(DatasetAccess datasets) {
    this.datasets = datasets;
  }

  /** A widget's config and settings, whose series are checked. */
  public record Inline(JsonObject config, JsonObject settings) {}

  /** Checks the series found in {@code config.series} and {@code settings.series}. */
  public Future<Void> check(JsonObject config, JsonObject settings) {
    return check(List.of(new Inline(config, settings)));
  }

  /** Checks the series of every widget in {@code widgets}, as one (see above). */
  public Future<Void> check(List<Inline> widgets) {
    Lookups lookups = new Lookups(new HashMap<>(), new HashMap<>());
    List<Supplier<Future<Void>>> checks = new ArrayList<>();
    for (Inline widget : widgets) {
      List<JsonObject> series = new ArrayList<>();
      try {
        collect(widget.config(), "config", series);
        collect(widget.settings(), "settings", series);
      } catch (Invalid e) {
        return Future.failedFuture(e);
      }
      for (int i = 0; i < series.size(); i++) {
        JsonObject one = series.get(i);
        int number = i + 1;
        checks.add(() -> checkSeries(one, number, lookups));
      }
    }
    Promise<Void> done = Promise.promise();
    inTurn(checks.iterator(), done);
    return done.future();
  }

  /** Answers shared by the series of one check: dataset by name, raw SQL check by text. */
  private record Lookups(Map<String, Future<Dataset>> datasets, Map<String, Future<Void>> sql) {}

  /** Runs the checks one after another, stopping at the first failure. */
  private static void inTurn(Iterator<Supplier<Future<Void>>> checks, Promise<Void> done) {
    while (checks.hasNext()) {
      Future<Void> check = checks.next().get();
      if (!check.isComplete()) {
        // resumes from the answer's callback, so a long run of checks never nests deeper
        check.onComplete(
            checked -> {
              if (checked.failed()) {
                done.fail(checked.cause());
              } else {
                inTurn(checks, done);
              }
            });
        return;
      }
      if (check.failed()) {
        done.fail(check.cause());
        return;
      }
    }
    done.complete();
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

  private Future<Void> checkSeries(JsonObject series, int number, Lookups lookups) {
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
        return lookups
            .sql()
            .computeIfAbsent(text, this::checkRawSql)
            .recover(failure -> Future.failedFuture(explain(failure, number)));
      }
      if (query == null) {
        return Future.succeededFuture();
      }
      if (!(query instanceof JsonObject structured)
          || !(structured.getValue("dataset") instanceof String name)) {
        throw new Invalid("query should be an object naming its dataset");
      }
      return lookups
          .datasets()
          .computeIfAbsent(name, datasets.catalog()::require)
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
      return Future.failedFuture(new Invalid(datasets.rawSqlRefusal().get()));
    }
    try {
      return datasets.runner().check(RawSql.compile(sql, null, null, datasets.rowCap()));
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
  }

  private static Throwable explain(Throwable failure, int number) {
    return failure instanceof Invalid invalid
        ? new Invalid("series " + number + ": " + invalid.getMessage())
        : failure;
  }
}
