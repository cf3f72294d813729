package dev.periodica.api.compat.jsonapi;

import dev.periodica.api.Failures;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes every refusal of the facade as JSON:API error objects; anything unexpected is logged with
 * a correlation id and answered as a bare 500 error object without internals.
 */
final class JsonApiErrors {
  static final String MEDIA_TYPE = "application/vnd.api+json";

  private JsonApiErrors() {}

  static void fail(RoutingContext ctx, Throwable failure) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (failure instanceof JsonApiError error) {
      write(ctx, error.status(), error.getMessage(), error.parameter());
      return;
    }
    Failures.Failure answer =
        Failures.classify(ctx, failure, JsonApiErrors::detail, JsonApiMessages.INTERNAL);
    write(ctx, answer.status(), answer.message(), null);
  }

  static void write(RoutingContext ctx, int status, String detail, String parameter) {
    JsonObject error =
        new JsonObject()
            .put("status", Integer.toString(status))
            .put("title", HttpResponseStatus.valueOf(status).reasonPhrase())
            .put("detail", detail);
    if (parameter != null) {
      error.put("source", new JsonObject().put("parameter", parameter));
    }
    if (status == 405) {
      ctx.response().putHeader("allow", "GET");
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", MEDIA_TYPE)
        .end(new JsonObject().put("errors", new JsonArray().add(error)).toBuffer());
  }

  static String detail(int status) {
    return switch (status) {
      case 404 -> JsonApiMessages.NOT_FOUND;
      case 405 -> JsonApiMessages.METHOD_NOT_ALLOWED;
      case 406 -> JsonApiMessages.NOT_ACCEPTABLE;
      case 413 -> JsonApiMessages.TOO_LARGE;
      case 415 -> JsonApiMessages.UNSUPPORTED_MEDIA_TYPE;
      default -> JsonApiMessages.BAD_REQUEST;
    };
  }
}
