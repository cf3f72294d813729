package dev.periodica.dataset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything that reads the datasets: the catalog, the structured query compiler, the runner (a
 * pool logged in as a read-only role) and whether raw SQL may run here.
 *
 * @param rawSqlRefusal why raw SQL series may not run on this server (no read-only login could be
 *     set up); empty when they may
 */
public record DatasetAccess(
    DatasetCatalog catalog,
    QueryCompiler compiler,
    QueryRunner runner,
    int rowCap,
    Optional<String> rawSqlRefusal) {

  /** The statement of a structured series {@code query} over {@code dataset}, for its period. */
  public CompiledQuery structured(
      JsonObject query, Dataset dataset, JsonArray period, Instant fireTime, JsonObject constants) {
    return compiler.compile(query, dataset, Period.resolve(period, fireTime), constants);
  }

  /** The statement of a raw SQL series, its period (when it has one) and constants bound. */
  public CompiledQuery raw(String sql, JsonArray period, Instant fireTime, JsonObject constants) {
    return RawSql.compile(
        sql, period == null ? null : Period.resolve(period, fireTime), constants, rowCap);
  }
}
