package dev.periodica.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Optional;

/**
 * Serves {@code /metrics} alone on a port of its own, which operators keep off the public network;
 * one instance per process.
 */
public final class MetricsVerticle extends VerticleBase {
  private final PrometheusMeterRegistry registry;
  private final Optional<String> token;
  private final int port;
  private final Duration idleTimeout;
  private HttpServer server;

  public MetricsVerticle(
      PrometheusMeterRegistry registry, Optional<String> token, int port, Duration idleTimeout) {
    this.registry = registry;
    this.token = token;
    this.port = port;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(new MetricsHandler(registry, token));
    router.errorHandler(404, ctx -> ErrorResponses.write(ctx, 404, ErrorResponses.reason(404)));
    server =
        vertx.createHttpServer(
            new HttpServerOptions()
                .setPort(port)
                .setIdleTimeout((int) idleTimeout.toSeconds())
                .setCompressionSupported(true));
    return server
        .requestHandler(router)
        .listen()
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "METRICS_PORT " + port + " cannot be listened on: " + e.getMessage(), e)));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
