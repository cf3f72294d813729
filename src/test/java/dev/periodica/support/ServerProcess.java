package dev.periodica.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** periodica as an operator runs it: {@code java dev.periodica.app.Main} in its own process. */
public final class ServerProcess {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the server with {@code env} (PG_URL removed unless given) and waits until ready. */
  public static ServerProcess start(Path dataDir, String logName, Map<String, String> env)
      throws Exception {
    int port = freePort();
    Path log = dataDir.resolve(logName);
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-cp", classpath, "dev.periodica.app.Main"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("PG_URL");
    builder.environment().put("DATA_DIR", dataDir.toString());
    builder.environment().put("HTTP_PORT", Integer.toString(port));
    // the default metrics port would clash between servers running side by side
    builder.environment().put("METRICS_PORT", Integer.toString(freePort()));
    builder.environment().put("CONFIG_FILE", dataDir.resolve("absent.json").toString());
    builder.environment().putAll(env);
    ServerProcess server = new ServerProcess(builder.start(), log, port);
    server.awaitReady();
    return server;
  }

  public int port() {
    return port;
  }

  public Api api() {
    return new Api("http://localhost:" + port);
  }

  public Process process() {
    return process;
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitReady() throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited: " + log());
      }
      try {
        var response =
            CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ready")).build(),
                BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new AssertionError("server did not become ready: " + log());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
