package dev.periodica.api.compat.pandora;

import dev.periodica.api.Failures;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The facade's error body, {@code {"code": "<Reason>", "message": "<text>"}} with a 4xx status; an
 * unexpected failure is logged with a correlation id and answered as a bare 500.
 */
final class PandoraErrors {

  private PandoraErrors() {}

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
        .end(new JsonObject().put("code", code(status)).put("message", message).encode());
  }

  static void fail(RoutingContext ctx, Throwable failure) {
    Failures.Failure answer =
        Failures.classify(ctx, failure, PandoraErrors::message, PandoraMessages.INTERNAL_ERROR);
    write(ctx, answer.status(), answer.message());
  }

  static String message(int status) {
    return switch (status) {
      case 404 -> PandoraMessages.NOT_FOUND;
      case 405 -> PandoraMessages.METHOD_NOT_ALLOWED;
      case 413 -> PandoraMessages.PAYLOAD_TOO_LARGE;
      case 415 -> PandoraMessages.CONTENT_TYPE;
      default -> PandoraMessages.BAD_REQUEST;
    };
  }

  static String code(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "PayloadTooLarge";
      case 415 -> "UnsupportedMediaType";
      case 500 -> "InternalError";
      default -> status < 500 ? "BadRequest" : "InternalError";
    };
  }
}
