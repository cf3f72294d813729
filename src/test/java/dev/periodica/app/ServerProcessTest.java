package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a separate process on the embedded PostgreSQL, stopped with
 * SIGTERM and started again on the same data directory.
 */
class ServerProcessTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final UUID USER = UUID.randomUUID();

  @TempDir Path dataDir;

  @Test
  void embedded_data_survives_a_restart_and_sigterm_stops_cleanly() throws Exception {
    int port = freePort();
    Path firstLog = dataDir.resolve("first.log");
    Process first = start(port, firstLog);
    String reportId;
    try {
      awaitHealthy(port, first, firstLog);
      String created =
          send(
              port,
              HttpRequest.newBuilder(uri(port, "/cruddy/v2/reports/create"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"survivor\"}")));
      reportId = new io.vertx.core.json.JsonObject(created).getString("id");
      assertThat(reportId).isNotNull();
    } finally {
      first.destroy();
    }
    assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String firstOutput = Files.readString(firstLog, StandardCharsets.UTF_8);
    assertThat(first.exitValue()).as(firstOutput).isEqualTo(143);
    assertThat(firstOutput)
        .contains("embedded PostgreSQL stopped")
        .contains("level=INFO thread=periodica-shutdown logger=d.p.a.Main stopped");
    String instanceId = Files.readString(dataDir.resolve("instance-id")).trim();

    Path secondLog = dataDir.resolve("second.log");
    Process second = start(port, secondLog);
    try {
      awaitHealthy(port, second, secondLog);
      String fetched =
          send(port, HttpRequest.newBuilder(uri(port, "/cruddy/v2/reports/" + reportId)).GET());
      assertThat(new io.vertx.core.json.JsonObject(fetched).getString("name"))
          .isEqualTo("survivor");
      assertThat(Files.readString(secondLog)).contains("instance=" + instanceId);
    } finally {
      second.destroy();
      second.waitFor(90, TimeUnit.SECONDS);
    }
  }

  private Process start(int port, Path log) throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-cp", classpath, Main.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("PG_URL");
    builder.environment().put("DATA_DIR", dataDir.toString());
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    builder.environment().put("CONFIG_FILE", dataDir.resolve("absent.json").toString());
    return builder.start();
  }

  private static void awaitHealthy(int port, Process process, Path log) throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as(() -> read(log)).isTrue();
      try {
        var response =
            CLIENT.send(
                HttpRequest.newBuilder(uri(port, "/ready")).build(), BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // the server is still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("server did not become ready: " + read(log));
  }

  private static String send(int port, HttpRequest.Builder request) throws Exception {
    var response =
        CLIENT.send(
            request.header("Pgr-User-Id", USER.toString()).timeout(Duration.ofSeconds(30)).build(),
            BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    return response.body();
  }

  private static URI uri(int port, String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
