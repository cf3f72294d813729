package dev.periodica.api.compat.pandora;

import dev.periodica.common.PeriodicaException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's error body, {@code {"code": "<Reason>", "message": "<text>"}} with a 4xx status; an
 * unexpected failure is logged with a correlation id and answered as a bare 500.
 */
final class PandoraErrors {
  private static final Logger LOG = LoggerFactory.getLogger(PandoraErrors.class);

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
    if (failure instanceof PeriodicaException known) {
      write(ctx, known.status(), known.getMessage());
      return;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if ((failure == null || failure instanceof HttpException) && status >= 400 && status < 500) {
      write(ctx, status, message(status));
      return;
    }
    String correlationId = UUID.randomUUID().toString();
    LOG.error(
        "unexpected failure correlation_id={} method={} path={}",
        correlationId,
        ctx.request().method(),
        ctx.request().path(),
        failure);
    ctx.response().putHeader("x-correlation-id", correlationId);
    write(ctx, 500, PandoraMessages.INTERNAL_ERROR);
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
