package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.common.Messages;
import dev.periodica.common.PeriodicaException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatorException;
import java.util.function.BiFunction;

/**
 * Hangs a handler on an operation of the contract. Each operation is a {@link Reader} that turns
 * the request into typed input, throwing with a person-readable message, and an action on it. When
 * the contract validator rejects a request first, the reader explains why in the same words (and in
 * the seed's order), so a contract violation never answers a vaguer message.
 */
final class Operations {
  private Operations() {}

  /** Reads the typed input of a request, or throws a {@link PeriodicaException}. */
  @FunctionalInterface
  interface Reader<R> {
    R read(RoutingContext ctx);
  }

  /** A response: a status and a JSON body, or no body (204). */
  record Reply(int status, JsonObject body) {
    static Reply ok(JsonObject body) {
      return new Reply(200, body);
    }

    static Reply created(JsonObject body) {
      return new Reply(201, body);
    }

    static Reply noContent() {
      return new Reply(204, null);
    }
  }

  static <R> void mount(
      RouterBuilder builder,
      String operationId,
      Reader<R> reader,
      BiFunction<Caller, R, Future<Reply>> action) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("operation missing from the contract: " + operationId);
    }
    route.addHandler(ctx -> handle(ctx, reader, action));
    route.addFailureHandler(ctx -> explain(ctx, reader));
  }

  /** Writes a response itself (a file download) instead of answering JSON. */
  @FunctionalInterface
  interface Streamer<R> {
    Future<Void> stream(RoutingContext ctx, Caller caller, R input);
  }

  static <R> void mountStream(
      RouterBuilder builder, String operationId, Reader<R> reader, Streamer<R> streamer) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("operation missing from the contract: " + operationId);
    }
    route.addHandler(
        ctx -> {
          Future<Void> done;
          try {
            done = streamer.stream(ctx, CallerHandler.of(ctx), reader.read(ctx));
          } catch (RuntimeException e) {
            done = Future.failedFuture(e);
          }
          done.onFailure(failure -> ErrorResponses.fail(ctx, failure));
        });
    route.addFailureHandler(ctx -> explain(ctx, reader));
  }

  private static <R> void handle(
      RoutingContext ctx, Reader<R> reader, BiFunction<Caller, R, Future<Reply>> action) {
    Future<Reply> reply;
    try {
      reply = action.apply(CallerHandler.of(ctx), reader.read(ctx));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onSuccess(r -> send(ctx, r)).onFailure(failure -> ErrorResponses.fail(ctx, failure));
  }

  private static <R> void explain(RoutingContext ctx, Reader<R> reader) {
    if (!isContractViolation(ctx.failure())) {
      ErrorResponses.fail(ctx, ctx.failure());
      return;
    }
    try {
      reader.read(ctx);
      ErrorResponses.write(ctx, 400, Messages.BAD_REQUEST);
    } catch (PeriodicaException e) {
      ErrorResponses.fail(ctx, e);
    }
  }

  private static boolean isContractViolation(Throwable failure) {
    return failure instanceof ValidatorException
        || (failure instanceof HttpException http && http.getCause() instanceof ValidatorException);
  }

  private static void send(RoutingContext ctx, Reply reply) {
    if (reply.body() == null) {
      ctx.response().setStatusCode(reply.status()).end();
      return;
    }
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("content-type", "application/json")
        .end(reply.body().toBuffer());
  }
}
