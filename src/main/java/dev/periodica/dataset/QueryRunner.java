package dev.periodica.dataset;

import io.vertx.core.Future;

/** Runs compiled queries read-only, with a statement timeout, against the datasets. */
public interface QueryRunner {
  Future<QueryRows> run(CompiledQuery query);

  /**
   * As {@link #run}, its rows as plain values in column order (the values of {@link RowSink}): what
   * a report's document holds, read in one round trip.
   */
  Future<QueryValues> values(CompiledQuery query);

  /**
   * The columns {@code query} answers, in order, without running it: its own when it knows them,
   * else as the database plans it (a raw SQL statement). Fails as {@link #run} does.
   */
  Future<java.util.List<String>> columns(CompiledQuery query);

  /**
   * Has the database parse and plan {@code query} without running it: fails with {@link
   * dev.periodica.common.Invalid} naming the mistake (a syntax error, a missing table or column).
   */
  Future<Void> check(CompiledQuery query);
}
