package dev.periodica.store;

import dev.periodica.common.Invalid;
import dev.periodica.report.CompiledQuery;
import dev.periodica.report.QueryRows;
import dev.periodica.report.QueryRunner;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs report queries in a READ ONLY transaction with a statement timeout, then rolls it back, so
 * whatever a query is it can neither write, nor run long, nor leave anything behind: settings
 * changed with {@code set_config} are undone, {@code pg_notify} never delivers, and session
 * advisory locks are released before the connection returns to the pool.
 */
public final class PgQueryRunner implements QueryRunner {
  static final String QUERY_CANCELED = "57014";

  /** Errors that describe the query rather than the database being unwell. */
  private static final Set<String> QUERY_MISTAKES =
      Set.of(
          "42601", // syntax_error
          "42P01", // undefined_table
          "42703", // undefined_column
          "42883", // undefined_function
          "42804", // datatype_mismatch
          "42803", // grouping_error
          "42P10", // invalid_column_reference
          "42702", // ambiguous_column
          "42725", // ambiguous_function
          "42501", // insufficient_privilege
          "3F000", // invalid_schema_name
          "25006", // read_only_sql_transaction
          "0A000", // feature_not_supported
          "22P02", // invalid_text_representation
          "22003", // numeric_value_out_of_range
          "22012", // division_by_zero
          "22007", // invalid_datetime_format
          "22008", // datetime_field_overflow
          "21000", // cardinality_violation
          "2202E", // array_subscript_error
          "42P02", // undefined_parameter
          "42P08", // ambiguous_parameter
          "42P18"); // indeterminate_datatype

  private static final String INDETERMINATE_DATATYPE = "42P18";

  private final Pool pool;
  private final int timeoutMillis;

  public PgQueryRunner(Pool pool, int timeoutMillis) {
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<QueryRows> run(CompiledQuery query) {
    Tuple params = Tuple.tuple();
    query.params().forEach(params::addValue);
    return readOnly(
            connection ->
                connection
                    .preparedQuery(query.sql())
                    .execute(params)
                    .map(
                        rows -> {
                          List<JsonObject> result = new ArrayList<>(rows.size());
                          rows.forEach(row -> result.add(row.toJson()));
                          return new QueryRows(rows.columnsNames(), result);
                        }))
        .recover(this::explain);
  }

  @Override
  public Future<Void> check(CompiledQuery query) {
    return readOnly(connection -> connection.prepare(query.sql()).<Void>mapEmpty())
        .recover(
            failure ->
                // parameters typed only by their values (SELECT ${x}) are fine at run time
                failure instanceof PgException pg && INDETERMINATE_DATATYPE.equals(pg.getSqlState())
                    ? Future.succeededFuture()
                    : explain(failure));
  }

  private <T> Future<T> readOnly(Function<SqlConnection, Future<T>> work) {
    return pool.getConnection()
        .compose(
            connection ->
                connection
                    .begin()
                    .compose(
                        tx ->
                            connection
                                .query("SET TRANSACTION READ ONLY")
                                .execute()
                                .compose(
                                    ok ->
                                        connection
                                            .query("SET LOCAL statement_timeout = " + timeoutMillis)
                                            .execute())
                                .compose(ok -> work.apply(connection))
                                .transform(
                                    outcome ->
                                        tx.rollback().transform(rolledBack -> settled(outcome))))
                    .compose(
                        result ->
                            connection
                                .query("SELECT pg_advisory_unlock_all()")
                                .execute()
                                .map(unlocked -> result))
                    .onComplete(done -> connection.close()));
  }

  private static <T> Future<T> settled(io.vertx.core.AsyncResult<T> outcome) {
    return outcome.succeeded()
        ? Future.succeededFuture(outcome.result())
        : Future.failedFuture(outcome.cause());
  }

  private <T> Future<T> explain(Throwable failure) {
    if (failure instanceof PgException pg) {
      if (QUERY_CANCELED.equals(pg.getSqlState())) {
        return Future.failedFuture(
            new Invalid("the query took longer than " + timeoutMillis + " ms"));
      }
      if (QUERY_MISTAKES.contains(pg.getSqlState())) {
        return Future.failedFuture(new Invalid(pg.getErrorMessage()));
      }
    }
    return Future.failedFuture(failure);
  }
}
