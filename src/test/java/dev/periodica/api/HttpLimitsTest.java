package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections that hold the server without using it are closed after the idle timeout, while a
 * listening WebSocket stays; {@code /metrics} is not open to every caller of the API port.
 */
class HttpLimitsTest {
  private static final String TOKEN = "s3cret-metrics-token-0123";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestServer open;
  private static TestServer tokened;
  private static Vertx client;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    open = TestServer.start(new JsonObject().put("HTTP_IDLE_TIMEOUT_SECONDS", 1));
    tokened = TestServer.start(new JsonObject().put("METRICS_TOKEN", TOKEN));
    client = Vertx.vertx();
    sockets = client.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    tokened.close();
    open.close();
  }

  @Test
  void a_connection_that_sends_nothing_or_half_a_request_is_closed_after_the_idle_timeout()
      throws Exception {
    for (String sent : new String[] {"", "GET /health HTTP/1.1\r\nHost: local"}) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("localhost", open.port()), 5000);
        socket.setSoTimeout(6000);
        socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        long start = System.nanoTime();

        int read = readToEnd(socket.getInputStream());

        assertThat(read).as("bytes answered to [%s]", sent).isZero();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
      }
    }
  }

  @Test
  void a_websocket_that_only_listens_outlives_the_idle_timeout() throws Exception {
    WebSocket socket =
        sockets
            .connect(
                new WebSocketConnectOptions()
                    .setHost("localhost")
                    .setPort(open.port())
                    .setURI(Api.PREFIX + "/ws")
                    .addHeader("Pgr-User-Id", UUID.randomUUID().toString()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    Thread.sleep(3000);

    assertThat(socket.isClosed()).isFalse();
    socket.close();
  }

  @Test
  void metrics_on_the_api_port_answer_404_and_are_served_on_the_metrics_port() throws Exception {
    HttpResponse<String> api = get(open.port(), null);
    HttpResponse<String> metrics = get(open.metricsPort(), null);

    assertThat(api.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(api.body()).getString("error")).isEqualTo("Not Found");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes");
  }

  @Test
  void with_a_metrics_token_every_scrape_must_bear_it() throws Exception {
    for (int port : new int[] {tokened.port(), tokened.metricsPort()}) {
      HttpResponse<String> none = get(port, null);
      HttpResponse<String> wrong = get(port, "Bearer " + TOKEN + "x");
      HttpResponse<String> right = get(port, "Bearer " + TOKEN);

      assertThat(none.statusCode()).as("port %d", port).isEqualTo(401);
      assertThat(new JsonObject(none.body()).getString("error"))
          .isEqualTo("metrics need the header Authorization: Bearer <METRICS_TOKEN>");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.body()).contains("jvm_memory_used_bytes");
    }
  }

  private static HttpResponse<String> get(int port, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), BodyHandlers.ofString());
  }

  /** Bytes read until the server closes the connection; fails when it stays open. */
  private static int readToEnd(InputStream in) throws Exception {
    int total = 0;
    try {
      while (in.read() >= 0) {
        total++;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the silent connection open", e);
    }
    return total;
  }
}
