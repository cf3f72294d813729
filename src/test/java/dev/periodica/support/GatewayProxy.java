package dev.periodica.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the gateway periodica is deployed behind: forwards every request and WebSocket to
 * the server on {@code target}, setting {@code Pgr-User-Id} to the user it authenticated (whatever
 * the browser sent in it).
 */
public final class GatewayProxy implements AutoCloseable {
  private static final String USER_HEADER = "Pgr-User-Id";
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  public GatewayProxy(int target, UUID user) throws Exception {
    HttpClient client = vertx.createHttpClient();
    WebSocketClient sockets = vertx.createWebSocketClient();
    server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                inbound -> {
                  WebSocketConnectOptions options =
                      new WebSocketConnectOptions()
                          .setHost("127.0.0.1")
                          .setPort(target)
                          .setURI(inbound.uri());
                  options.addHeader(USER_HEADER, user.toString());
                  inbound.pause();
                  sockets
                      .connect(options)
                      .onSuccess(
                          outbound -> {
                            inbound.textMessageHandler(outbound::writeTextMessage);
                            outbound.textMessageHandler(inbound::writeTextMessage);
                            inbound.closeHandler(v -> outbound.close());
                            outbound.closeHandler(v -> inbound.close());
                            inbound.resume();
                          })
                      .onFailure(e -> inbound.close((short) 1011, "gateway: " + e.getMessage()));
                })
            .requestHandler(
                request -> {
                  request.pause();
                  RequestOptions options =
                      new RequestOptions()
                          .setHost("127.0.0.1")
                          .setPort(target)
                          .setMethod(request.method())
                          .setURI(request.uri());
                  client
                      .request(options)
                      .onSuccess(
                          forwarded -> {
                            forwarded.headers().setAll(request.headers());
                            // as a gateway that rewrites Host says where the request was sent
                            forwarded.headers().remove("Host");
                            forwarded.headers().set("X-Forwarded-Host", request.getHeader("Host"));
                            forwarded.headers().set(USER_HEADER, user.toString());
                            forwarded
                                .send(request)
                                .onSuccess(
                                    answer -> {
                                      request.response().setStatusCode(answer.statusCode());
                                      request.response().headers().setAll(answer.headers());
                                      answer.pipeTo(request.response());
                                    })
                                .onFailure(e -> request.response().setStatusCode(502).end());
                          })
                      .onFailure(e -> request.response().setStatusCode(502).end());
                })
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
