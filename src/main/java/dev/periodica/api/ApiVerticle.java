package dev.periodica.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** Serves the HTTP API; one instance per core shares the port. */
public final class ApiVerticle extends VerticleBase {
  private final ApiServices services;
  private final String prefix;
  private final long bodyLimitBytes;
  private final int port;
  private final ApiLimits limits;
  private HttpServer server;

  public ApiVerticle(
      ApiServices services, String prefix, long bodyLimitBytes, int port, ApiLimits limits) {
    this.services = services;
    this.prefix = prefix;
    this.bodyLimitBytes = bodyLimitBytes;
    this.port = port;
    this.limits = limits;
  }

  @Override
  public Future<?> start() {
    return ApiRouter.create(vertx, services, prefix, bodyLimitBytes, limits)
        .compose(
            router -> {
              // a connection silent this long (an idle keep-alive, a half-sent request, a client
              // gone without closing) is closed, so abandoned connections cannot pile up
              server =
                  vertx.createHttpServer(
                      new HttpServerOptions()
                          .setPort(port)
                          .setCompressionSupported(true)
                          .setIdleTimeout((int) limits.idleTimeout().toSeconds()));
              return server
                  .invalidRequestHandler(ErrorResponses::invalidRequest)
                  .requestHandler(router)
                  .listen();
            });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
