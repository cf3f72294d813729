package dev.periodica.api;

import dev.periodica.common.PeriodicaException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed request answers, whatever the API's shape: a domain failure keeps its status and
 * message, a bare 4xx from routing or validation gets the API's reason for that status, and
 * anything else is unexpected: logged once with a correlation id (also sent as {@code
 * x-correlation-id}) and answered as a 500 without internals. The native API and each facade write
 * the result in their own error shape.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  /** A status and the message to show for it. */
  public record Failure(int status, String message) {}

  /**
   * Classifies {@code failure} (or the context's status when it is null); {@code reason} names a
   * bare 4xx, {@code internal} is the message of a 500.
   */
  public static Failure classify(
      RoutingContext ctx, Throwable failure, IntFunction<String> reason, String internal) {
    if (failure instanceof PeriodicaException known) {
      return new Failure(known.status(), known.getMessage());
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    if ((failure == null || failure instanceof HttpException) && status >= 400 && status < 500) {
      return new Failure(status, reason.apply(status));
    }
    logUnexpected(ctx, failure);
    return new Failure(500, internal);
  }

  /** Logs an unexpected failure with a new correlation id, and sends the id with the answer. */
  public static void logUnexpected(RoutingContext ctx, Throwable failure) {
    String correlationId = UUID.randomUUID().toString();
    LOG.error(
        "unexpected failure correlation_id={} method={} path={}",
        correlationId,
        ctx.request().method(),
        ctx.request().path(),
        failure);
    ctx.response().putHeader("x-correlation-id", correlationId);
  }
}
