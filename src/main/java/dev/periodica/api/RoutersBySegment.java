package dev.periodica.api;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The contract's routes, one router per first path segment ({@code report_tasks}, {@code
 * report_queue}, ...), so a request is matched only against the operations of its resource. Vert.x
 * Web tries a router's routes in order, a regular expression for each path with a parameter: with
 * the whole contract in one router, a request for an operation late in the contract paid for every
 * operation before it (an eighth of a simple GET's CPU).
 *
 * <p>Each router is the builder's own router, built the same way, with the routes of the other
 * segments disabled; a path of one segment can only match operations of that segment, so the
 * operation matched, the path parameters and the 404/405 answers (with their allowed methods) stay
 * those of the single router. A request whose segment no operation has goes on to the routes after
 * the mount, as when the single router matched nothing.
 */
final class RoutersBySegment {
  private final String mountPoint;
  private final Map<String, Router> routers;

  private RoutersBySegment(String mountPoint, Map<String, Router> routers) {
    this.mountPoint = mountPoint;
    this.routers = routers;
  }

  /**
   * The routers of {@code contract}'s operations as {@code builder} makes them, for requests under
   * {@code prefix}; the routes must be mounted at {@code prefix + "/*"}.
   */
  static RoutersBySegment of(String prefix, RouterBuilder builder, OpenAPIContract contract) {
    Set<String> segments = new LinkedHashSet<>();
    for (Operation operation : contract.operations()) {
      segments.add(firstSegment(operation.getOpenAPIPath(), 0));
    }
    Map<String, Router> routers = new HashMap<>();
    int enabled = 0;
    for (String segment : segments) {
      Router router = builder.createRouter();
      for (Route route : router.getRoutes()) {
        Operation operation = route.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION);
        if (operation == null) {
          continue;
        }
        if (segment.equals(firstSegment(operation.getOpenAPIPath(), 0))) {
          enabled++;
        } else {
          route.disable();
        }
      }
      routers.put(segment, router);
    }
    // every operation routed exactly once, or the split lost or doubled one
    if (enabled != contract.operations().size()) {
      throw new IllegalStateException(
          enabled + " routes enabled for " + contract.operations().size() + " operations");
    }
    return new RoutersBySegment(prefix, routers);
  }

  /** Routes the request to the router of its segment, or on past the mount when there is none. */
  void handle(RoutingContext ctx) {
    Router router = routerOf(ctx);
    if (router == null) {
      ctx.next();
    } else {
      router.handleContext(ctx);
    }
  }

  /** As {@link #handle}, for a failed request looking for its failure handler. */
  void handleFailure(RoutingContext ctx) {
    Router router = routerOf(ctx);
    if (router == null) {
      ctx.next();
    } else {
      router.handleFailure(ctx);
    }
  }

  /** The router of the request's path, read as the routes read it (normalized). */
  private Router routerOf(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    int start = mountPoint.length();
    if (path.length() <= start || !path.startsWith(mountPoint) || path.charAt(start) != '/') {
      return null;
    }
    return routers.get(firstSegment(path, start));
  }

  /** The segment after the slash at {@code slash}, up to the next slash or the end. */
  private static String firstSegment(String path, int slash) {
    int end = path.indexOf('/', slash + 1);
    return path.substring(slash + 1, end < 0 ? path.length() : end);
  }
}
