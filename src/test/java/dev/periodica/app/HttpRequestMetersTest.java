package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The per-request meters read once per method and status scrape as the library's own. */
class HttpRequestMetersTest {

  @Test
  void the_same_requests_scrape_the_same_http_server_series_as_the_library() throws Exception {
    String library = scrapeAfterRequests(MicrometerMetricsFactory::new);
    String cached = scrapeAfterRequests(RequestMeteredMetrics::new);

    assertThat(library).contains("vertx_http_server_requests_total{code=\"404\",method=\"GET\"} 2");
    assertThat(cached).isEqualTo(library);
  }

  /**
   * HTTP lets a client name any method token; one meter set per token would let a client grow the
   * registry and the scrape without bound.
   */
  @Test
  void methods_a_client_makes_up_share_one_series() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx =
        Vertx.builder()
            .withMetrics(new RequestMeteredMetrics(registry))
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .build();
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(request -> request.response().setStatusCode(405).end())
              .listen(0)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      HttpClient client = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.actualPort() + "/x");
      for (int i = 0; i < 40; i++) {
        client.send(
            HttpRequest.newBuilder(uri)
                .method("MADEUP" + i, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
      }
      client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

      String scrape = registry.scrape();
      assertThat(scrape).doesNotContain("MADEUP");
      assertThat(scrape)
          .contains("vertx_http_server_requests_total{code=\"405\",method=\"other\"} 40")
          .contains("vertx_http_server_requests_total{code=\"405\",method=\"GET\"} 1");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void with_a_per_path_label_the_library_meters_requests_itself() {
    MicrometerMetricsOptions options =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            .addLabels(io.vertx.micrometer.Label.HTTP_PATH);
    assertThat(HttpRequestMeters.supports(options)).isFalse();
    assertThat(HttpRequestMeters.supports(new MicrometerMetricsOptions().setEnabled(true)))
        .isTrue();
  }

  /** The {@code vertx_http_server_} lines, sorted, times masked, after a fixed set of requests. */
  private static String scrapeAfterRequests(
      Function<PrometheusMeterRegistry, VertxMetricsFactory> factory) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx =
        Vertx.builder()
            .withMetrics(factory.apply(registry))
            .with(
                new VertxOptions()
                    .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .build();
    try {
      HttpServer server =
          vertx
              .createHttpServer()
              .requestHandler(
                  request ->
                      request
                          .body()
                          .onSuccess(
                              body -> {
                                switch (request.path()) {
                                  case "/ok" -> request.response().end("hello");
                                  case "/created" ->
                                      request.response().setStatusCode(201).end(body);
                                  default -> request.response().setStatusCode(404).end();
                                }
                              }))
              .listen(0)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.actualPort();
      List<HttpRequest> requests =
          List.of(
              HttpRequest.newBuilder(URI.create(base + "/ok")).build(),
              HttpRequest.newBuilder(URI.create(base + "/ok")).build(),
              HttpRequest.newBuilder(URI.create(base + "/missing")).build(),
              HttpRequest.newBuilder(URI.create(base + "/missing")).build(),
              HttpRequest.newBuilder(URI.create(base + "/created"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"a\": 1}"))
                  .build(),
              HttpRequest.newBuilder(URI.create(base + "/ok")).DELETE().build());
      for (HttpRequest request : requests) {
        client.send(request, HttpResponse.BodyHandlers.ofString());
      }
      // a response's meters are recorded as it ends, its bytes as they are flushed, possibly
      // after the client has read it: wait for the last request and a scrape that stays the same
      String previous = "";
      String scrape = httpServerLines(registry);
      for (int i = 0;
          i < 100 && !(scrape.contains("method=\"DELETE\"} 1") && scrape.equals(previous));
          i++) {
        Thread.sleep(50);
        previous = scrape;
        scrape = httpServerLines(registry);
      }
      return scrape;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String httpServerLines(PrometheusMeterRegistry registry) {
    return registry
        .scrape()
        .lines()
        .filter(line -> line.contains("vertx_http_server_"))
        // durations and open connections differ from run to run; their series must not
        .map(
            line ->
                line.matches(".*(_seconds_sum|_seconds_max|active_connections)(\\{.*)? .*")
                    ? line.replaceAll(" [^ ]+$", " *")
                    : line)
        .sorted()
        .collect(Collectors.joining("\n"));
  }
}
