package dev.periodica.dataset;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything that reads the datasets: the catalog, the structured query compiler, the runner and
 * the streamer (a pool logged in as a read-only role) and whether raw SQL may run here.
 *
 * @param rowCap rows a report series may return
 * @param rawSqlRefusal why raw SQL series may not run on this server (no read-only login could be
 *     set up); empty when they may
 * @param streamer reads results of any size a batch at a time (dataset exports)
 * @param exportLimits rows and bytes a dataset export may have
 */
public record DatasetAccess(
    DatasetCatalog catalog,
    QueryCompiler compiler,
    QueryRunner runner,
    int rowCap,
    Optional<String> rawSqlRefusal,
    QueryStreamer streamer,
    ExportLimits exportLimits) {

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

  /**
   * The statement of a structured export {@code query} over {@code dataset}: as {@link
   * #structured}, but its {@code limit} may go up to the export row cap, and without one it reads
   * one row past the cap, so that an export that passes it can fail instead of being cut short.
   */
  public CompiledQuery structuredExport(
      JsonObject query, Dataset dataset, JsonArray period, Instant fireTime, JsonObject constants) {
    return compiler
        .forExport(exportLimits.rowCap())
        .compile(query, dataset, Period.resolve(period, fireTime), constants);
  }

  /**
   * The statement of a raw SQL export: as {@link #raw}, but reading up to one row past the export
   * row cap, and with a byte budget on each row instead of the whole result (see {@link
   * RawSql#compileExport}). Raw SQL refused on this server is {@link dev.periodica.common.Invalid}
   * here, so no caller can forget to check.
   */
  public CompiledQuery rawExport(
      String sql, JsonArray period, Instant fireTime, JsonObject constants) {
    if (rawSqlRefusal.isPresent()) {
      throw new dev.periodica.common.Invalid(rawSqlRefusal.get());
    }
    return RawSql.compileExport(
        sql, Period.resolve(period, fireTime), constants, exportLimits.rowCap() + 1L);
  }
}
