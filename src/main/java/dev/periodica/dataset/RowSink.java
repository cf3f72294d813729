package dev.periodica.dataset;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where a streamed query's result goes: its column names once, then its rows a batch at a time. The
 * next batch is handed over only once the future of the previous one completes, so a sink that
 * writes slowly slows the read instead of piling rows up; a failed future stops the query.
 *
 * <p>Values are plain Java: {@code null}, {@link String}, {@link Boolean}, a {@link Number} ({@code
 * Short}, {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code BigDecimal}), a
 * {@code java.time} value ({@code OffsetDateTime} in UTC for {@code timestamptz}, {@code
 * LocalDateTime}, {@code LocalDate}, {@code LocalTime}, {@code OffsetTime}), a Vert.x {@code
 * JsonObject} or {@code JsonArray} (JSON columns), a {@link List} of such values (arrays), or
 * PostgreSQL-like text for anything else ({@code bytea} as {@code \x…} hex, intervals in ISO-8601).
 */
public interface RowSink {
  /** The result's column names in order, before any row (also when there are no rows). */
  Future<Void> columns(List<String> names);

  /** The next rows, each a list of values in column order; never empty. */
  Future<Void> rows(List<List<Object>> batch);
}
