package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Identifies the caller from {@code Pgr-User-Id} (an upstream gateway authenticated it) before
 * anything else is checked, so a missing or malformed header is always the first error reported.
 */
final class CallerHandler implements Handler<RoutingContext> {
  static final String HEADER = "Pgr-User-Id";
  private static final String KEY = "periodica.caller";
  private final java.util.Set<java.util.UUID> administrators;

  CallerHandler(java.util.Set<java.util.UUID> administrators) {
    this.administrators = java.util.Set.copyOf(administrators);
  }

  static Caller of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().headers().getAll(HEADER).size() > 1) {
      // a gateway that appends its header instead of replacing the client's would let the client
      // choose who it is, whichever copy is read
      ctx.fail(new Invalid(Messages.UID_HEADER_REPEATED));
      return;
    }
    String header = ctx.request().getHeader(HEADER);
    if (header == null || header.isBlank()) {
      ctx.fail(new Invalid(Messages.MISSING_UID_HEADER));
      return;
    }
    var id = Ids.parse(header.trim());
    if (id.isEmpty()) {
      ctx.fail(new Invalid(Messages.UID_NOT_UUID));
      return;
    }
    ctx.put(KEY, new Caller(id.get(), administrators.contains(id.get())));
    ctx.next();
  }
}
