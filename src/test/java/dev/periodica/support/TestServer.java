package dev.periodica.support;

import dev.periodica.app.Application;
import dev.periodica.app.Observability;
import dev.periodica.config.AppConfig;
import dev.periodica.config.ConfigKeys;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;

/** A whole periodica server on a free port, in a fresh schema of the test database. */
public final class TestServer implements AutoCloseable {
  /** The administrator ({@code ADMIN_USER_IDS}) of every test server unless a test sets its own. */
  public static final UUID ADMIN = UUID.fromString("ad000000-0000-4000-8000-00000000ad01");

  private final Application application;
  private final int port;
  private final int metricsPort;
  private final String schema;
  private final PrometheusMeterRegistry registry;

  private TestServer(
      Application application,
      int port,
      int metricsPort,
      String schema,
      PrometheusMeterRegistry registry) {
    this.application = application;
    this.port = port;
    this.metricsPort = metricsPort;
    this.schema = schema;
    this.registry = registry;
  }

  public static TestServer start() {
    return start(new JsonObject());
  }

  /** A server with the engine fast enough for tests: short ticks, polls, leases, back-off. */
  public static TestServer startFastEngine(String schema) {
    return start(
        new JsonObject()
            .put("DB_SCHEMA", schema)
            .put("DIAGNOSTIC_JOBS", true)
            .put("SCHEDULER_TICK_MS", 100)
            .put("WORKER_POLL_MS", 100)
            .put("HOUSEKEEPING_SECONDS", 1)
            .put("HEARTBEAT_SECONDS", 1)
            .put("PINNED_GIVE_UP_SECONDS", 3)
            .put("RETRY_BASE_SECONDS", 1)
            .put("LEASE_SECONDS", 3)
            .put("LEASE_RENEW_SECONDS", 1)
            .put("SHUTDOWN_GRACE_SECONDS", 1));
  }

  public static String newSchema() {
    return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A server with {@code overrides} on top of the test defaults. */
  public static TestServer start(JsonObject overrides) {
    return start(overrides, null);
  }

  /** A server whose HTTP requests and SQL statements {@code tracer} hears of (null for none). */
  public static TestServer start(
      JsonObject overrides, io.vertx.core.spi.VertxTracerFactory tracer) {
    try {
      int port = freePort();
      int metricsPort = freePort();
      while (metricsPort == port) {
        // the system may hand out the port it just freed again; two servers cannot share it
        metricsPort = freePort();
      }
      JsonObject config =
          new JsonObject()
              .put("PG_URL", TestDatabase.pgUrl())
              .put("HTTP_PORT", port)
              .put("METRICS_PORT", metricsPort)
              .put("DB_SCHEMA", newSchema())
              .put("DATA_DIR", Files.createTempDirectory("periodica-test").toString())
              .put("API_INSTANCES", 1)
              .put("WORKER_INSTANCES", 1)
              .put("DB_POOL_SIZE", 8)
              .put("ADMIN_USER_IDS", ADMIN.toString())
              // as the real loader would from the environment: the test JVM hides system fonts
              .put(
                  ConfigKeys.FONTS_SYSTEM,
                  System.getenv().getOrDefault(ConfigKeys.FONTS_SYSTEM, "true"))
              .mergeIn(overrides);
      String schema = config.getString("DB_SCHEMA");
      Observability.Metered metered = Observability.vertx(tracer);
      Application application =
          Application.start(metered, AppConfig.from(config), Clock.systemUTC());
      return new TestServer(
          application,
          config.getInteger("HTTP_PORT"),
          config.getInteger("METRICS_PORT"),
          schema,
          metered.registry());
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  public java.util.UUID instanceId() {
    return application.instanceId();
  }

  public int port() {
    return port;
  }

  /** The port {@code /metrics} is served on (0 when the test turned it off). */
  public int metricsPort() {
    return metricsPort;
  }

  /** The server's Prometheus text, read in-process. */
  public String scrape() {
    return registry.scrape();
  }

  /**
   * How many times the server's SQL pool has handed out a connection: one per statement run on the
   * pool, one per transaction. Background chores add to it too; tests compare orders of magnitude.
   */
  public long poolUses() {
    return poolUses("periodica");
  }

  /** As {@link #poolUses()}, for the named pool ({@code periodica-datasets}: dataset reads). */
  public long poolUses(String pool) {
    var matcher =
        java.util.regex.Pattern.compile(
                "(?m)^vertx_pool_completed_total\\{pool_name=\""
                    + pool
                    + "\",pool_type=\"sql\"} (\\S+)$")
            .matcher(scrape());
    return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
  }

  public Api api() {
    return new Api("http://localhost:" + port);
  }

  public String schema() {
    return schema;
  }

  public long count(String table) {
    return TestDatabase.count(schema, "SELECT count(*) FROM " + table);
  }

  @Override
  public void close() throws Exception {
    application.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
