package dev.periodica.store;

import dev.periodica.common.Invalid;
import dev.periodica.report.CompiledQuery;
import dev.periodica.report.QueryRunner;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs report queries in a READ ONLY transaction with a statement timeout, so a query can neither
 * write nor run for long, whatever it is.
 */
public final class PgQueryRunner implements QueryRunner {
  static final String QUERY_CANCELED = "57014";
  private final Pool pool;
  private final int timeoutMillis;

  public PgQueryRunner(Pool pool, int timeoutMillis) {
    this.pool = pool;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<List<JsonObject>> run(CompiledQuery query) {
    Tuple params = Tuple.tuple();
    query.params().forEach(params::addValue);
    return pool.withTransaction(
            connection ->
                connection
                    .query("SET TRANSACTION READ ONLY")
                    .execute()
                    .compose(
                        ok ->
                            connection
                                .query("SET LOCAL statement_timeout = " + timeoutMillis)
                                .execute())
                    .compose(ok -> connection.preparedQuery(query.sql()).execute(params))
                    .map(
                        rows -> {
                          List<JsonObject> result = new ArrayList<>(rows.size());
                          rows.forEach(row -> result.add(row.toJson()));
                          return result;
                        }))
        .recover(
            failure ->
                failure instanceof PgException pg && QUERY_CANCELED.equals(pg.getSqlState())
                    ? Future.failedFuture(
                        new Invalid("the query took longer than " + timeoutMillis + " ms"))
                    : Future.failedFuture(failure));
  }
}
