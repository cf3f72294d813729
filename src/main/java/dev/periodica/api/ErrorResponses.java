package dev.periodica.api;

import dev.periodica.common.Messages;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes every failure as {@code {"error": "<message>", "error_code": <status>}}. Domain failures
 * keep their message; anything unexpected is logged with a correlation id and answered as a plain
 * 500 with no internals.
 */
final class ErrorResponses {

  private ErrorResponses() {}

  static void write(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).put("error_code", status).encode());
  }

  /** Answers the failure of {@code ctx}, whatever it is. */
  static void fail(RoutingContext ctx, Throwable failure) {
    Failures.Failure answer =
        Failures.classify(ctx, failure, ErrorResponses::reason, Messages.INTERNAL_ERROR);
    write(ctx, answer.status(), answer.message());
  }

  static String reason(int status) {
    return switch (status) {
      case 404 -> Messages.NOT_FOUND;
      case 405 -> Messages.METHOD_NOT_ALLOWED;
      case 413 -> Messages.PAYLOAD_TOO_LARGE;
      case 414 -> Messages.URI_TOO_LONG;
      case 415 -> Messages.UNSUPPORTED_MEDIA_TYPE;
      case 431 -> Messages.HEADERS_TOO_LARGE;
      default -> Messages.BAD_REQUEST;
    };
  }

  /**
   * Answers a request HTTP could not decode (a request line or headers longer than the server
   * reads, a malformed request) as Vert.x would, 414, 431 or 400, but with the JSON error body,
   * then closes the connection, whose state is unknown.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status =
        cause instanceof TooLongHttpLineException
            ? 414
            : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    request
        .response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        // the connection is closed after this answer: say so, or a client reuses it and fails
        .putHeader("connection", "close")
        .end(new JsonObject().put("error", reason(status)).put("error_code", status).encode())
        .onComplete(done -> request.connection().close());
  }
}
