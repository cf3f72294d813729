package dev.periodica.support;

import dev.periodica.app.Application;
import dev.periodica.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;

/** A whole periodica server on a free port, in a fresh schema of the test database. */
public final class TestServer implements AutoCloseable {
  private final Application application;
  private final int port;
  private final String schema;

  private TestServer(Application application, int port, String schema) {
    this.application = application;
    this.port = port;
    this.schema = schema;
  }

  public static TestServer start() {
    try {
      int port = freePort();
      String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      JsonObject config =
          new JsonObject()
              .put("PG_URL", TestDatabase.pgUrl())
              .put("HTTP_PORT", port)
              .put("DB_SCHEMA", schema)
              .put("DATA_DIR", Files.createTempDirectory("periodica-test").toString())
              .put("API_INSTANCES", 1)
              .put("WORKER_INSTANCES", 1)
              .put("DB_POOL_SIZE", 8);
      Application application =
          Application.start(Vertx.vertx(), AppConfig.from(config), Clock.systemUTC());
      return new TestServer(application, port, schema);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
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
