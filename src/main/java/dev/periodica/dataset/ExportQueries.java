package dev.periodica.dataset;

import dev.periodica.common.Invalid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The query of a {@code dataset.export} task: raw {@code sql}, under the rules and the reader role
 * of report series ({@link RawSql}), or a structured {@code query} ({@link QueryCompiler}), over an
 * optional {@code period}. Checked when the task is saved, as a report series is, and compiled at
 * each run; a failure names the parameter ({@code params.sql: …}).
 */
public final class ExportQueries {
  private final DatasetAccess datasets;

  public ExportQueries(DatasetAccess datasets) {
    this.datasets = datasets;
  }

  /** Exactly one of {@code sql} and {@code query} is given; {@code period} may be null. */
  public Future<Void> check(String sql, JsonObject query, JsonArray period) {
    try {
      Period.check(period);
    } catch (Invalid e) {
      return Future.failedFuture(named("period", e));
    }
    if (sql != null) {
      if (datasets.rawSqlRefusal().isPresent()) {
        return Future.failedFuture(new Invalid(datasets.rawSqlRefusal().get()));
      }
      try {
        // planned by the database as the reader role, without running
        return datasets
            .runner()
            .check(RawSql.compile(sql, null, null, datasets.rowCap()))
            .recover(failure -> Future.failedFuture(named("sql", failure)));
      } catch (Invalid e) {
        return Future.failedFuture(named("sql", e));
      }
    }
    return dataset(query)
        .<Void>map(
            dataset -> {
              // an export's limit may go up to EXPORT_ROW_CAP, past a series' QUERY_ROW_CAP
              datasets
                  .compiler()
                  .forExport(datasets.exportLimits().rowCap())
                  .compile(query, dataset, null, null);
              return null;
            })
        .recover(failure -> Future.failedFuture(named("query", failure)));
  }

  /**
   * As {@link #check}, then binds the task's {@code constants} and the period as a run would, so a
   * {@code ${key}} the task lacks (or one that holds an object), or {@code ${period_start}} without
   * a {@code period}, is refused when saved instead of failing every run.
   */
  public Future<Void> check(String sql, JsonObject query, JsonArray period, JsonObject constants) {
    return check(sql, query, period)
        .compose(planned -> compile(sql, query, period, Period.CHECK_REFERENCE, constants))
        .mapEmpty();
  }

  /**
   * The statement of one run: the period resolved at {@code fireTime}, constants bound, capped by
   * {@code EXPORT_ROW_CAP} (one row past it read, so passing the cap fails instead of cutting).
   */
  public Future<CompiledQuery> compile(
      String sql, JsonObject query, JsonArray period, Instant fireTime, JsonObject constants) {
    JsonObject values = constants == null ? new JsonObject() : constants;
    if (sql != null) {
      try {
        return Future.succeededFuture(datasets.rawExport(sql, period, fireTime, values));
      } catch (Invalid e) {
        return Future.failedFuture(named("sql", e));
      }
    }
    return dataset(query)
        .map(dataset -> datasets.structuredExport(query, dataset, period, fireTime, values))
        .recover(failure -> Future.failedFuture(named("query", failure)));
  }

  /** Runs a compiled statement read-only, capped at {@code QUERY_ROW_CAP} rows. */
  public Future<QueryRows> run(CompiledQuery query) {
    return datasets.runner().run(query);
  }

  /** {@code QUERY_ROW_CAP}: an export of this many rows may have been cut there. */
  public int rowCap() {
    return datasets.rowCap();
  }

  private Future<Dataset> dataset(JsonObject query) {
    if (!(query.getValue("dataset") instanceof String name)) {
      return Future.failedFuture(new Invalid("query should be an object naming its dataset"));
    }
    return datasets.catalog().require(name);
  }

  private static Throwable named(String param, Throwable failure) {
    return failure instanceof Invalid invalid
        ? new Invalid("params." + param + ": " + invalid.getMessage())
        : failure;
  }
}
