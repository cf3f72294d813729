package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;

/**
 * Identifies the caller from {@code Pgr-User-Id} (an upstream gateway authenticated it) before
 * anything else is checked, so a missing or malformed header is always the first error reported.
 */
public final class CallerHandler implements Handler<RoutingContext> {
  public static final String HEADER = "Pgr-User-Id";
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
    try {
      ctx.put(KEY, identify(ctx.request().headers(), administrators));
    } catch (Invalid invalid) {
      ctx.fail(invalid);
      return;
    }
    ctx.next();
  }

  /**
   * The caller {@code Pgr-User-Id} names, for the native API and the facades alike.
   *
   * @throws Invalid when the header is repeated, missing, blank or not a uuid
   */
  public static Caller identify(MultiMap headers, Set<UUID> administrators) {
    if (headers.getAll(HEADER).size() > 1) {
      // a gateway that appends its header instead of replacing the client's would let the client
      // choose who it is, whichever copy is read
      throw new Invalid(Messages.UID_HEADER_REPEATED);
    }
    String header = headers.get(HEADER);
    if (header == null || header.isBlank()) {
      throw new Invalid(Messages.MISSING_UID_HEADER);
    }
    UUID id = Ids.parse(header.trim()).orElseThrow(() -> new Invalid(Messages.UID_NOT_UUID));
    return new Caller(id, administrators.contains(id));
  }
}
