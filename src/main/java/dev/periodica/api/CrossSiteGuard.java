package dev.periodica.api;

import dev.periodica.common.Messages;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Refuses a change asked by a web page of a foreign origin (cross-site request forgery): behind a
 * gateway that signs browsers in with a cookie and sets {@code Pgr-User-Id} itself, any page the
 * person opens could otherwise POST {@code /report_queue/{id}/cancel} in their name, as a bodyless
 * POST needs no preflight. Browsers name the page's origin in {@code Origin} on every such request;
 * the origins allowed are those of the WebSocket ({@link OriginPolicy}: the server's own, {@code
 * ALLOWED_ORIGINS}, and requests with no {@code Origin}, such as other services' and curl's).
 */
final class CrossSiteGuard {
  /** Methods a page of another origin can send without a preflight that changes nothing. */
  private static final Set<HttpMethod> READING_METHODS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private CrossSiteGuard() {}

  /** Ahead of every route, the facades' and the read-only guard included. */
  static void mount(Router root, OriginPolicy origins) {
    root.route().order(-101).handler(ctx -> check(ctx, origins));
  }

  private static void check(RoutingContext ctx, OriginPolicy origins) {
    if (READING_METHODS.contains(ctx.request().method()) || allowed(ctx, origins)) {
      ctx.next();
      return;
    }
    ErrorResponses.write(ctx, 403, Messages.CROSS_SITE_REFUSED);
  }

  /**
   * Whether the request's {@code Origin} may act here: none, an allowed one, or the host the
   * request was sent to, as {@code Host} says or, behind a gateway that rewrites {@code Host}, as
   * its {@code X-Forwarded-Host} says (a page of another site cannot set that header: it is not one
   * a browser sends across origins without asking the server first).
   */
  static boolean allowed(RoutingContext ctx, OriginPolicy origins) {
    String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
    if (origins.allows(origin, ProgressHub.host(ctx))) {
      return true;
    }
    String forwarded = ctx.request().getHeader("X-Forwarded-Host");
    return forwarded != null && origins.allows(origin, forwarded.split(",")[0].trim());
  }
}
