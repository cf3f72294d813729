package dev.periodica.bench;

import dev.periodica.app.Application;
import dev.periodica.config.AppConfig;
import dev.periodica.config.DatabaseUrl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared set-up of the benchmarks: servers in this JVM on a fresh schema of {@code PG_URL}
 * (default: the local PostgreSQL), and SQL helpers to seed and measure.
 */
final class BenchSupport {
  final String schema = "bench_" + System.currentTimeMillis();
  final DatabaseUrl url;
  private final List<Application> servers = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();

  BenchSupport() {
    String pgUrl =
        System.getenv().getOrDefault("PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
    url = DatabaseUrl.parse(pgUrl);
  }

  Application start(JsonObject overrides) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    JsonObject config =
        new JsonObject()
            .put("PG_URL", pgUrl())
            .put("DB_SCHEMA", schema)
            .put("HTTP_PORT", port)
            .put("DATA_DIR", Files.createTempDirectory("periodica-bench").toString())
            .put("DIAGNOSTIC_JOBS", true)
            .put("SCHEDULER_TICK_MS", 100)
            .put("WORKER_POLL_MS", 200)
            .put("DB_POOL_SIZE", 16)
            .mergeIn(overrides);
    Application app = Application.start(Vertx.vertx(), AppConfig.from(config), Clock.systemUTC());
    servers.add(app);
    ports.add(port);
    return app;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        url.jdbcUrl(), url.user(), url.password() == null ? "" : url.password());
  }

  void stopAll() {
    for (Application app : servers) {
      try {
        app.close();
      } catch (Exception e) {
        System.err.println("close failed: " + e);
      }
    }
    servers.clear();
  }

  String pgUrl() {
    String password = url.password() == null ? "" : ":" + url.password();
    return "postgresql://"
        + url.user()
        + password
        + "@"
        + url.host()
        + ":"
        + url.port()
        + "/"
        + url.database();
  }

  void execute(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
      s.execute(sql);
    }
  }

  /** The first row of {@code sql} as text columns. */
  List<String> row(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
      try (ResultSet rows = s.executeQuery(sql)) {
        rows.next();
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          values.add(rows.getString(i));
        }
        return values;
      }
    }
  }

  long count(String sql) throws SQLException {
    return Long.parseLong(row(sql).get(0));
  }

  void dropSchema() {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      System.err.println("could not drop " + schema + ": " + e.getMessage());
    }
  }

  /** A user-owned report to hang tasks on, created through SQL. */
  String[] seedReport() throws SQLException {
    String owner = java.util.UUID.randomUUID().toString();
    String report = java.util.UUID.randomUUID().toString();
    execute(
        ("INSERT INTO users (id, created_at, updated_at) VALUES ('%s', now(), now());"
                + "INSERT INTO reports (id, owner_id, name, created_at, updated_at)"
                + " VALUES ('%s', '%s', 'bench', now(), now())")
            .formatted(owner, report, owner));
    return new String[] {owner, report};
  }

  static String machine() throws IOException {
    String cpu =
        Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
            .filter(line -> line.startsWith("model name"))
            .findFirst()
            .map(line -> line.substring(line.indexOf(':') + 1).trim())
            .orElse("unknown cpu");
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + "), "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
        + " MiB max heap, Java "
        + System.getProperty("java.version");
  }
}
