package dev.periodica.api.compat.pandora;

import dev.periodica.access.Caller;
import dev.periodica.api.ApiServices;
import dev.periodica.api.CallerHandler;
import dev.periodica.api.compat.Facade;
import dev.periodica.api.compat.FacadeContract;
import dev.periodica.common.Invalid;
import dev.periodica.common.PeriodicaException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Seed 002, the export tasks of Qiniu Pandora, under {@code /api/v1/export}: a router built from
 * {@code openapi/compat/pandora.yaml} (which it validates requests against and publishes), its own
 * error body, and its own 404, 405, 413 and 415. Each request names its caller in {@code
 * Pgr-User-Id} (401 without one) and, when it has a body, declares it as JSON (415 otherwise); both
 * are checked before the body, in that order, whether or not the contract validator refused it.
 */
public final class PandoraFacade implements Facade {
  public static final String PREFIX = "/api/v1/export";
  static final String RESOURCE = "openapi/compat/pandora.yaml";

  /** The facade's paths (below the prefix) and the methods each answers, for 404 versus 405. */
  private static final Map<Pattern, List<String>> PATHS =
      Map.of(
          Pattern.compile("/task/?"), List.of("POST"),
          Pattern.compile("/task/list/?"), List.of("GET"),
          Pattern.compile("/task/[^/]+/?"), List.of("PUT", "DELETE"),
          Pattern.compile("/tasks/status/?"), List.of("PUT"),
          Pattern.compile("/task/[^/]+/history/?"), List.of("GET"),
          Pattern.compile("/openapi\\.yaml"), List.of("GET"));

  private final Clock clock;

  public PandoraFacade(Clock clock) {
    this.clock = clock;
  }

  /**
   * Reads the typed input of a request, throwing a {@link PeriodicaException} that says why not.
   */
  @FunctionalInterface
  private interface Reader<R> {
    R read(RoutingContext ctx);
  }

  private record Change(UUID id, ExportTaskInput input) {}

  private record Listing(UUID id, Paging paging) {}

  @Override
  public Future<Void> mount(Vertx vertx, Router root, ApiServices services, long bodyLimitBytes) {
    ExportTasks tasks = new ExportTasks(services.tasks(), services.runQueue(), clock);
    Set<UUID> administrators = Set.copyOf(services.administrators());
    return FacadeContract.load(vertx, RESOURCE, PREFIX)
        .map(
            loaded -> {
              Router router =
                  router(
                      vertx,
                      loaded.contract(),
                      tasks,
                      administrators,
                      bodyLimitBytes,
                      loaded.yaml());
              // before the native API's catch-all failure handler, which a failure in this
              // sub-router would otherwise reach first (the parent's routes are tried again from
              // the start when a sub-router's request fails)
              root.route(PREFIX + "/*").order(-1).subRouter(router);
              return (Void) null;
            });
  }

  private static Router router(
      Vertx vertx,
      OpenAPIContract contract,
      ExportTasks tasks,
      Set<UUID> administrators,
      long bodyLimitBytes,
      String yaml) {
    RouterBuilder builder = dev.periodica.api.InlineRequestValidation.builder(vertx, contract);
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    mount(
        builder,
        administrators,
        "createExportTask",
        ctx -> ExportTaskInput.read(body(ctx)),
        tasks::create);
    mount(
        builder,
        administrators,
        "updateExportTask",
        ctx -> new Change(ExportTasks.taskId(ctx.pathParam("id")), ExportTaskInput.read(body(ctx))),
        (caller, change) -> tasks.update(caller, change.id(), change.input()));
    mount(
        builder,
        administrators,
        "deleteExportTask",
        ctx -> ExportTasks.taskId(ctx.pathParam("id")),
        tasks::delete);
    mount(
        builder,
        administrators,
        "setExportTasksStatus",
        ctx -> ExportTasks.StatusChange.read(body(ctx)),
        tasks::setStatus);
    mount(
        builder,
        administrators,
        "listExportTasks",
        ctx -> Paging.read(ctx.queryParams(), ExportTasks.TASK_SORTS, "createTime"),
        tasks::list);
    mount(
        builder,
        administrators,
        "listExportTaskHistory",
        ctx ->
            new Listing(
                ExportTasks.taskId(ctx.pathParam("id")),
                Paging.read(ctx.queryParams(), ExportTasks.HISTORY_SORTS, "time")),
        (caller, listing) -> tasks.history(caller, listing.id(), listing.paging()));

    Router router = builder.createRouter();
    router
        .get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8")
                    .end(yaml));
    router.route().last().handler(PandoraFacade::unmatched);
    router.route().failureHandler(ctx -> PandoraErrors.fail(ctx, ctx.failure()));
    return router;
  }

  private static <R> void mount(
      RouterBuilder builder,
      String operationId,
      Set<UUID> administrators,
      Reader<R> reader,
      BiFunction<Caller, R, Future<JsonObject>> action) {
    mount(builder, administrators, operationId, reader, action);
  }

  private static <R> void mount(
      RouterBuilder builder,
      Set<UUID> administrators,
      String operationId,
      Reader<R> reader,
      BiFunction<Caller, R, Future<JsonObject>> action) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("operation missing from the contract: " + operationId);
    }
    Handler<RoutingContext> handler =
        ctx -> {
          Future<JsonObject> reply;
          try {
            reply = action.apply(admit(ctx, administrators), reader.read(ctx));
          } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
          }
          reply
              .onSuccess(
                  body ->
                      ctx.response()
                          .setStatusCode(200)
                          .putHeader("content-type", "application/json")
                          .end(body.toBuffer()))
              .onFailure(failure -> PandoraErrors.fail(ctx, failure));
        };
    route.addHandler(handler);
    route.addFailureHandler(ctx -> explain(ctx, administrators, reader, handler));
  }

  /**
   * A request the contract validator refused is read again by the operation's reader, so the caller
   * hears which field to fix, after the same caller and media type checks.
   */
  private static <R> void explain(
      RoutingContext ctx,
      Set<UUID> administrators,
      Reader<R> reader,
      Handler<RoutingContext> handler) {
    Throwable failure = ctx.failure();
    Throwable validation = failure instanceof HttpException http ? http.getCause() : failure;
    if (validation instanceof ValidatorException
        && validation.getCause() instanceof IllegalArgumentException
        && ctx.request().method() == HttpMethod.GET) {
      // the validator decodes query values a second time, so it fails on a lawful "%" in a prefix
      // (prefix=100%25); the operation's reader checks every parameter itself, so it answers
      handler.handle(ctx);
      return;
    }
    boolean violation =
        failure instanceof ValidatorException
            || (failure instanceof HttpException http
                && http.getCause() instanceof ValidatorException);
    if (!violation) {
      PandoraErrors.fail(ctx, failure);
      return;
    }
    try {
      admit(ctx, administrators);
      reader.read(ctx);
      PandoraErrors.write(ctx, 400, PandoraMessages.BAD_REQUEST);
    } catch (PeriodicaException e) {
      PandoraErrors.fail(ctx, e);
    }
  }

  /** The caller (401 without one) and, for a request with a body, its JSON media type (415). */
  private static Caller admit(RoutingContext ctx, Set<UUID> administrators) {
    Caller caller;
    try {
      caller = CallerHandler.identify(ctx.request().headers(), administrators);
    } catch (Invalid e) {
      throw new Unauthorized(e.getMessage());
    }
    HttpMethod method = ctx.request().method();
    if (method == HttpMethod.POST || method == HttpMethod.PUT) {
      String type = ctx.request().getHeader("content-type");
      String media = type == null ? "" : type.split(";", 2)[0].trim();
      if (!media.equalsIgnoreCase("application/json")) {
        throw new UnsupportedMediaType();
      }
    }
    return caller;
  }

  private static JsonObject body(RoutingContext ctx) {
    var buffer = ctx.body().buffer();
    if (buffer != null && buffer.length() > 0) {
      try {
        if (Json.decodeValue(buffer) instanceof JsonObject object) {
          return object;
        }
      } catch (DecodeException e) {
        // answered below, as JSON that is not an object is
      }
    }
    throw new Invalid(PandoraMessages.BODY_NOT_OBJECT);
  }

  /** No operation took the request: 405 with Allow on a known path, 404 elsewhere. */
  private static void unmatched(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String below = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
    List<String> allowed =
        PATHS.entrySet().stream()
            .filter(entry -> entry.getKey().matcher(below).matches())
            .flatMap(entry -> entry.getValue().stream())
            .distinct()
            .sorted()
            .toList();
    if (allowed.isEmpty()) {
      PandoraErrors.write(ctx, 404, PandoraMessages.NOT_FOUND);
      return;
    }
    ctx.response().putHeader("allow", String.join(", ", allowed));
    PandoraErrors.write(ctx, 405, PandoraMessages.METHOD_NOT_ALLOWED);
  }
}
