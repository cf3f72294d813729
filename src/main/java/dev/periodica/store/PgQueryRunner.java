package dev.periodica.store;

import dev.periodica.common.Invalid;
import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.QueryRows;
import dev.periodica.dataset.QueryRunner;
import dev.periodica.dataset.QueryStreamer;
import dev.periodica.dataset.QueryValues;
import dev.periodica.dataset.RowSink;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs report queries in a READ ONLY transaction with a statement timeout, then rolls it back, so
 * whatever a query is it can neither write, nor run long, nor leave anything behind: settings
 * changed with {@code set_config} are undone, {@code pg_notify} never delivers, and session
 * advisory locks are released (whether the query succeeded or not) before the connection returns to
 * the pool. Exports read the same way, through a cursor a batch at a time.
 */
public final class PgQueryRunner implements QueryRunner, QueryStreamer {
  static final String QUERY_CANCELED = "57014";
  private static final String INDETERMINATE_DATATYPE = "42P18";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  /**
   * Error classes that describe the query or its data rather than the database being unwell: data
   * exceptions (22), syntax and access (42), program limits such as a value too large (54).
   */
  private static final Set<String> MISTAKE_CLASSES = Set.of("22", "42", "54");

  private static final Set<String> MISTAKES =
      Set.of(
          "0A000", // feature_not_supported: a data-modifying WITH below the top level
          "21000", // cardinality_violation: a scalar subquery with several rows
          "25006", // read_only_sql_transaction
          "3F000"); // invalid_schema_name

  /** A check of the statement itself failed (see {@code RawSql}): the message is ours. */
  private static final Pattern OWN_CHECK = Pattern.compile("\"periodica: ([^\"]*)\"");

  private final Pool pool;
  private final int timeoutMillis;

  public PgQueryRunner(Pool pool, int timeoutMillis) {
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<QueryRows> run(CompiledQuery query) {
    return select(
        query.sql(),
        query,
        rows -> {
          List<JsonObject> result = new ArrayList<>(rows.size());
          rows.forEach(
              row -> {
                JsonObject json = row.toJson();
                query.internalColumns().forEach(json::remove);
                result.add(json);
              });
          return new QueryRows(visibleColumns(rows, query), result);
        });
  }

  @Override
  public Future<QueryValues> values(CompiledQuery query) {
    return select(
        query.sql(),
        query,
        rows -> {
          List<String> names = rows.columnsNames();
          boolean[] skipped = new boolean[names.size()];
          for (int i = 0; i < names.size(); i++) {
            skipped[i] = query.internalColumns().contains(names.get(i));
          }
          List<List<Object>> values = new ArrayList<>(rows.size());
          for (Row row : rows) {
            values.add(PlainValues.of(row, skipped));
          }
          return new QueryValues(visibleColumns(rows, query), values);
        });
  }

  /**
   * Asks the database for the columns under {@code LIMIT 0}, which plans the statement but reads
   * nothing (the executor stops before its first row).
   */
  @Override
  public Future<List<String>> columns(CompiledQuery query) {
    if (!query.columns().isEmpty()) {
      return Future.succeededFuture(query.columns());
    }
    return select(String.format(DESCRIBE, query.sql()), query, rows -> visibleColumns(rows, query));
  }

  /** {@code sql} with the query's parameters, read-only, its errors explained. */
  private <T> Future<T> select(String sql, CompiledQuery query, Function<RowSet<Row>, T> read) {
    Tuple params = Tuple.tuple();
    query.params().forEach(params::addValue);
    return readOnly(connection -> connection.preparedQuery(sql).execute(params).map(read))
        .recover(this::explain);
  }

  private static List<String> visibleColumns(RowSet<Row> rows, CompiledQuery query) {
    List<String> columns = new ArrayList<>(rows.columnsNames());
    columns.removeAll(query.internalColumns());
    return columns;
  }

  private static final String DESCRIBE = "SELECT * FROM (%s) AS described LIMIT 0";

  /**
   * Reads through a cursor (a portal of the read-only transaction), one batch per round trip: the
   * next batch is asked for as soon as one arrives, so the database works while the sink writes,
   * but not before the sink has taken the previous one. A batch aims at {@link
   * #TARGET_BATCH_BYTES}: after wide rows the next read asks for fewer (never more than {@code
   * batchRows}), which bounds what is held and keeps large rows quick to decode. The statement
   * timeout bounds each round trip, not the whole stream, whose length is the run's to bound; it is
   * set again before each, so a statement that turns it off with {@code set_config} stays bounded.
   */
  @Override
  public Future<Long> stream(CompiledQuery query, int batchRows, RowSink sink) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows should be positive: " + batchRows);
    }
    Tuple params = Tuple.tuple();
    query.params().forEach(params::addValue);
    return readOnly(
            connection ->
                connection
                    .prepare(query.sql())
                    .compose(
                        prepared -> {
                          Cursor cursor = prepared.cursor(params);
                          return new Reading(
                                  cursor,
                                  batchRows,
                                  sink,
                                  query.internalColumns(),
                                  () -> connection.query(timeoutStatement()).execute())
                              .start()
                              .eventually(cursor::close)
                              .eventually(prepared::close);
                        }))
        .recover(this::explain);
  }

  /** About the most one batch of a stream holds (as estimated by {@link PlainValues#weight}). */
  static final long TARGET_BATCH_BYTES = 2L * 1024 * 1024;

  /** One stream's state: the columns to leave out and the rows handed over so far. */
  private static final class Reading {
    private final Cursor cursor;
    private final int batchRows;
    private final RowSink sink;
    private final List<String> internalColumns;
    private final Supplier<Future<?>> timeout;
    private boolean[] skipped;
    private long rows;

    Reading(
        Cursor cursor,
        int batchRows,
        RowSink sink,
        List<String> internalColumns,
        Supplier<Future<?>> timeout) {
      this.cursor = cursor;
      this.batchRows = batchRows;
      this.sink = sink;
      this.internalColumns = internalColumns;
      this.timeout = timeout;
    }

    /**
     * Reads the next {@code count} rows under the statement timeout, set again before each round
     * trip: the statement may have changed it with {@code set_config} while giving the last batch.
     */
    private Future<RowSet<Row>> read(int count) {
      return timeout.get().compose(set -> cursor.read(count));
    }

    Future<Long> start() {
      return read(batchRows)
          .compose(
              first -> {
                List<String> names = new ArrayList<>(first.columnsNames());
                skipped = new boolean[names.size()];
                for (int i = 0; i < names.size(); i++) {
                  skipped[i] = internalColumns.contains(names.get(i));
                }
                names.removeAll(internalColumns);
                return sink.columns(names).compose(ok -> handOver(first));
              });
    }

    /** Gives {@code batch} to the sink while the next one is read; then the same with that one. */
    private Future<Long> handOver(RowSet<Row> batch) {
      List<List<Object>> values = new ArrayList<>(batch.size());
      long bytes = 0;
      for (Row row : batch) {
        List<Object> plain = PlainValues.of(row, skipped);
        bytes += PlainValues.weight(plain);
        values.add(plain);
      }
      Future<RowSet<Row>> next = cursor.hasMore() ? read(nextSize(values.size(), bytes)) : null;
      Future<Void> taken;
      if (values.isEmpty()) {
        taken = Future.succeededFuture();
      } else {
        rows += values.size();
        taken = sink.rows(values);
      }
      return next == null
          ? taken.map(ok -> rows)
          : taken.compose(ok -> next).compose(this::handOver);
    }

    /** Rows for the next read: about {@link #TARGET_BATCH_BYTES} of rows like the last ones. */
    private int nextSize(int lastRows, long lastBytes) {
      if (lastRows == 0) {
        return batchRows;
      }
      long perRow = Math.max(1, lastBytes / lastRows);
      return (int) Math.max(1, Math.min(batchRows, TARGET_BATCH_BYTES / perRow));
    }
  }

  /**
   * Prepares {@code query}, which parses it and resolves its names, then has the database plan it
   * with {@code EXPLAIN} (which does not run it): only planning checks the reader's privileges on
   * each table, so a table it may not read is found when the series is saved, not when it runs.
   */
  @Override
  public Future<Void> check(CompiledQuery query) {
    Tuple nulls = Tuple.tuple();
    query.params().forEach(nulls::addValue);
    return readOnly(
            connection ->
                connection
                    .prepare(query.sql())
                    .compose(prepared -> prepared.close())
                    .compose(ok -> privileges(connection, query, nulls)))
        .recover(
            failure ->
                // parameters typed only by their values (SELECT ${x}) are fine at run time
                failure instanceof PgException pg && INDETERMINATE_DATATYPE.equals(pg.getSqlState())
                    ? Future.succeededFuture()
                    : explain(failure));
  }

  /**
   * Only a privilege the reader lacks fails the check here: other planning failures (say, a
   * constant expression that divides by zero) are the run's to report, as before this check.
   */
  private static Future<Void> privileges(
      SqlConnection connection, CompiledQuery query, Tuple nulls) {
    return connection
        .preparedQuery("EXPLAIN " + query.sql())
        .execute(nulls)
        .<Void>mapEmpty()
        .recover(
            failure ->
                failure instanceof PgException pg && INSUFFICIENT_PRIVILEGE.equals(pg.getSqlState())
                    ? Future.failedFuture(failure)
                    : Future.succeededFuture());
  }

  /**
   * Runs {@code work} in a read-only transaction with the statement timeout, then rolls it back and
   * releases session advisory locks, whatever happened. Each end is one simple query of two
   * statements, one round trip instead of two or three: a report reads dozens of series.
   */
  private <T> Future<T> readOnly(Function<SqlConnection, Future<T>> work) {
    return pool.getConnection()
        .compose(
            connection ->
                connection
                    .query("BEGIN TRANSACTION READ ONLY; " + timeoutStatement())
                    .execute()
                    .compose(ok -> work.apply(connection))
                    .transform(
                        outcome ->
                            connection.query(END).execute().transform(ended -> settled(outcome)))
                    .onComplete(done -> connection.close()));
  }

  /** Ends a read: the transaction rolled back, then session advisory locks released. */
  private static final String END = "ROLLBACK; SELECT pg_advisory_unlock_all()";

  /** The statement timeout of a read, for the rest of its transaction. */
  private String timeoutStatement() {
    return "SET LOCAL statement_timeout = " + timeoutMillis;
  }

  private static <T> Future<T> settled(AsyncResult<T> outcome) {
    return outcome.succeeded()
        ? Future.succeededFuture(outcome.result())
        : Future.failedFuture(outcome.cause());
  }

  private <T> Future<T> explain(Throwable failure) {
    if (failure instanceof NumberFormatException unreadable) {
      // the driver reads numeric into BigDecimal, which has no infinity
      return Future.failedFuture(
          new Invalid(
              "the result has a value that cannot be read here (such as a numeric infinity: cast"
                  + " it to float8 or text): "
                  + unreadable.getMessage()));
    }
    if (failure instanceof PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      Matcher own = OWN_CHECK.matcher(String.valueOf(pg.getErrorMessage()));
      if (own.find()) {
        return Future.failedFuture(new Invalid(own.group(1)));
      }
      if (QUERY_CANCELED.equals(state)) {
        return Future.failedFuture(
            new Invalid("the query took longer than " + timeoutMillis + " ms"));
      }
      if (MISTAKES.contains(state) || MISTAKE_CLASSES.contains(state.substring(0, 2))) {
        return Future.failedFuture(new Invalid(pg.getErrorMessage()));
      }
    }
    return Future.failedFuture(failure);
  }
}
