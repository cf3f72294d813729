package dev.periodica.api;

import dev.periodica.common.Messages;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Set;

/**
 * The web console: its files (from the jar, {@code console/}), the browser libraries it uses (from
 * their webjars), its settings, and the read-only guard that refuses every change when {@code
 * CONSOLE_READ_ONLY} is on, for the native API and the facades alike.
 */
final class ConsoleRoutes {
  /** The calls that change nothing although they are POSTs. */
  private static final Set<String> READING_POSTS = Set.of("/ws/ticket", "/schedules/preview");

  /** Methods that only read; LOOKUP is the Era facade's search. */
  private static final Set<HttpMethod> READING_METHODS =
      Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.valueOf("LOOKUP"));

  /** The demo user {@code app.DemoData} seeds, preselected in the development identity picker. */
  static final String DEMO_USER = "d3e0d3e0-0000-4000-8000-000000000001";

  private ConsoleRoutes() {}

  static void mount(Router root, String prefix, ConsoleSettings settings) {
    if (settings.readOnly()) {
      // ahead of the facades' sub-routers (order -1), so no API answers a change
      root.route().order(-100).handler(ctx -> guard(ctx, prefix));
    }
    JsonObject config =
        new JsonObject()
            .put("api_prefix", prefix)
            .put("read_only", settings.readOnly())
            .put("dev_identity", settings.devIdentity())
            .put("demo_user", settings.devIdentity() ? DEMO_USER : null);
    root.get("/console/settings.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store")
                    .end(config.encode()));
    StaticHandler files = StaticHandler.create("console").setCachingEnabled(false);
    root.get("/").handler(ctx -> ctx.reroute("/console/index.html"));
    root.get("/console/*").handler(files);
    root.get("/webjars/*")
        .handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86_400));
  }

  private static void guard(RoutingContext ctx, String prefix) {
    HttpMethod method = ctx.request().method();
    if (READING_METHODS.contains(method)) {
      ctx.next();
      return;
    }
    String path = ctx.normalizedPath();
    if (path.startsWith(prefix) && READING_POSTS.contains(path.substring(prefix.length()))) {
      ctx.next();
      return;
    }
    ErrorResponses.write(ctx, 403, Messages.READ_ONLY);
  }
}
