package dev.periodica.dataset;

import io.vertx.core.Future;

/**
 * Runs a compiled query under the same rules as {@link QueryRunner} (read-only, as the datasets'
 * reader, statement timeout, rolled back), but reads its result through a cursor a batch at a time,
 * so that a result of any size passes through a bounded amount of memory.
 */
public interface QueryStreamer {
  /**
   * Streams {@code query}'s result into {@code sink} in batches of at most {@code batchRows} rows
   * (fewer when rows are wide: a batch aims at a couple of MiB), reading the next batch only while
   * {@code sink} works on the current one: at most two batches are held at once. Answers the number
   * of rows. Fails as {@link QueryRunner#run} does ({@link dev.periodica.common.Invalid} for a
   * mistake in the query or a timeout), or with what the sink failed with; either way the
   * transaction is rolled back and the connection returned.
   */
  Future<Long> stream(CompiledQuery query, int batchRows, RowSink sink);
}
