package dev.periodica.support;

import static dev.periodica.support.Futures.await;

import dev.periodica.config.DatabaseUrl;
import dev.periodica.store.PgDatasetReaderRole;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;

/**
 * A datasets schema of its own and a pool logged in as the reader role, as the server reads
 * datasets: a test server migrates a fresh application schema (where the reader's password is
 * kept), the test fills {@link #datasets()} with tables, and reads through {@link #pool()}.
 */
public final class DatasetReader implements AutoCloseable {
  private final TestServer server;
  private final String datasets;
  private final Pool pool;

  private DatasetReader(TestServer server, String datasets, Pool pool) {
    this.server = server;
    this.datasets = datasets;
    this.pool = pool;
  }

  /** Starts one, its reader pool holding at most {@code connections} connections. */
  public static DatasetReader start(Vertx vertx, int connections) throws Exception {
    String schema = TestServer.newSchema();
    String datasets = schema + "_ds";
    TestServer server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", datasets));
    TestDatabase.execute(schema, "CREATE SCHEMA IF NOT EXISTS " + datasets);
    Pool admin = TestPool.open(vertx, schema);
    String password;
    try {
      password = await(new PgDatasetReaderRole(admin, "periodica_reader", datasets).provision());
    } finally {
      admin.close();
    }
    DatabaseUrl url = TestDatabase.url();
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(connections))
            .connectingTo(
                new PgConnectOptions()
                    .setHost(url.host())
                    .setPort(url.port())
                    .setDatabase(url.database())
                    .setUser("periodica_reader")
                    .setPassword(password)
                    .setProperties(Map.of("search_path", datasets)))
            .using(vertx)
            .build();
    return new DatasetReader(server, datasets, pool);
  }

  /** The datasets schema (the reader's search path). */
  public String datasets() {
    return datasets;
  }

  /**
   * Runs {@code sql} as the application's login, with the datasets schema on the search path; the
   * reader may read the tables it creates there (default privileges).
   */
  public void execute(String sql) {
    TestDatabase.execute(datasets, sql);
  }

  public Pool pool() {
    return pool;
  }

  @Override
  public void close() throws Exception {
    try {
      await(pool.close());
      TestDatabase.execute(server.schema(), "DROP SCHEMA " + datasets + " CASCADE");
    } finally {
      server.close();
    }
  }
}
