package dev.periodica.app;

import dev.periodica.config.DatabaseUrl;
import io.vertx.pgclient.PgConnectOptions;
import java.util.Map;

/** How periodica connects to PostgreSQL: prepared statements cached, named in pg_stat_activity. */
final class PgOptions {
  private PgOptions() {}

  static PgConnectOptions of(DatabaseUrl url, String searchPath, String applicationName) {
    return new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setPassword(url.password() == null ? "" : url.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(16)
        .setProperties(Map.of("search_path", searchPath, "application_name", applicationName));
  }
}
