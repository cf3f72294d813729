package dev.periodica.app;

import dev.periodica.config.DatabaseUrl;
import io.vertx.pgclient.PgConnectOptions;
import java.util.Map;

/** How periodica connects to PostgreSQL: prepared statements cached, named in pg_stat_activity. */
public final class PgOptions {
  private PgOptions() {}

  /**
   * The queue's own connections: short statements by key or index, whose generic plans PostgreSQL's
   * JIT would otherwise compile on every execution once their estimated cost passes {@code
   * jit_above_cost} (54 of the 55 ms of a runs page's generic plan at a million runs). The
   * datasets' connections keep the server's setting: their aggregations are what JIT is for.
   */
  static PgConnectOptions forQueue(DatabaseUrl url, String searchPath) {
    PgConnectOptions options = of(url, searchPath, "periodica");
    options.addProperty("jit", "off");
    return options;
  }

  /**
   * The longest statement kept prepared on a connection. The client's default, 2,048 characters,
   * left the GET of a task (2,588: the task, its report and users, the report's latest task) to be
   * parsed and planned on every execution: 2.7 ms of planning each time, 600 requests a second
   * where the cached statement answers thousands.
   */
  public static final int CACHED_STATEMENT_MAX_LENGTH = 4096;

  static PgConnectOptions of(DatabaseUrl url, String searchPath, String applicationName) {
    return new PgConnectOptions()
        .setHost(url.host())
        .setPort(url.port())
        .setDatabase(url.database())
        .setUser(url.user())
        .setPassword(url.password() == null ? "" : url.password())
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlLimit(CACHED_STATEMENT_MAX_LENGTH)
        .setPipeliningLimit(16)
        .setProperties(
            new java.util.HashMap<>(
                Map.of("search_path", searchPath, "application_name", applicationName)));
  }
}
