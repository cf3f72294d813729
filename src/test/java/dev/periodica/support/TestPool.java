package dev.periodica.support;

import dev.periodica.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/** A pool on the test database, working in one schema, for repository-level tests. */
public final class TestPool {
  private TestPool() {}

  public static Pool open(Vertx vertx, String schema) {
    DatabaseUrl url = TestDatabase.url();
    return PgBuilder.pool()
        .connectingTo(
            new PgConnectOptions()
                .setHost(url.host())
                .setPort(url.port())
                .setDatabase(url.database())
                .setUser(url.user())
                .setPassword(url.password() == null ? "" : url.password())
                .setProperties(Map.of("search_path", schema)))
        .using(vertx)
        .build();
  }
}
