package dev.periodica.api.compat.sops;

import dev.periodica.access.Caller;
import dev.periodica.access.UserService;
import dev.periodica.api.ApiServices;
import dev.periodica.api.Failures;
import dev.periodica.api.compat.Facade;
import dev.periodica.api.compat.FacadeContract;
import dev.periodica.common.PeriodicaException;
import dev.periodica.config.SopsConfig;
import io.vertx.core.Future;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The bk-sops periodic task API (seed 004) under {@code /v2/sops}: its own OpenAPI document
 * (published at {@code /v2/sops/openapi.yaml}) validates the requests, and every answer is the
 * {@code {"result", "data", "message"}} envelope. Callers authenticate with {@code bk_app_code} and
 * {@code bk_app_secret} ({@code BK_APPS}) and name the user with {@code bk_username} (or {@code
 * bk_token}): the username a user sets with the native {@code PATCH /users/me}. That user is the
 * caller of the native services, so the native access rules hold.
 */
public final class SopsFacade implements Facade {
  public static final String PREFIX = "/v2/sops";
  static final String RESOURCE = "openapi/compat/sops.yaml";

  /** The operations, by path (without the trailing slash) for the 404/405 fallback. */
  private static final Set<String> PATHS =
      Set.of(
          "/create_periodic_task",
          "/get_periodic_task_list",
          "/get_periodic_task_info",
          "/set_periodic_task_enabled",
          "/modify_cron_for_periodic_task",
          "/modify_constants_for_periodic_task");

  @Override
  public Future<Void> mount(Vertx vertx, Router root, ApiServices services, long bodyLimitBytes) {
    return FacadeContract.load(vertx, RESOURCE, PREFIX)
        .map(
            loaded -> {
              mount(vertx, root, services, bodyLimitBytes, loaded.contract(), loaded.yaml());
              return null;
            });
  }

  private void mount(
      Vertx vertx,
      Router root,
      ApiServices services,
      long bodyLimitBytes,
      OpenAPIContract contract,
      String yaml) {
    RouterBuilder builder = dev.periodica.api.InlineRequestValidation.builder(vertx, contract);
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    Auth auth = new Auth(services.sops(), services.users(), services.administrators());
    SopsHandlers handlers = new SopsHandlers(services.tasks(), services.reports());
    Map<String, BiFunction<SopsHandlers.Who, SopsInput, Future<Object>>> operations =
        new LinkedHashMap<>();
    operations.put("createPeriodicTask", handlers::create);
    operations.put("getPeriodicTaskList", handlers::list);
    operations.put("getPeriodicTaskListPost", handlers::list);
    operations.put("getPeriodicTaskInfo", handlers::info);
    operations.put("getPeriodicTaskInfoPost", handlers::info);
    operations.put("setPeriodicTaskEnabled", handlers::setEnabled);
    operations.put("modifyCronForPeriodicTask", handlers::modifyCron);
    operations.put("modifyConstantsForPeriodicTask", handlers::modifyConstants);
    operations.forEach(
        (operationId, operation) -> {
          OpenAPIRoute route = builder.getRoute(operationId);
          if (route == null) {
            throw new IllegalStateException("operation missing from the contract: " + operationId);
          }
          route.addHandler(ctx -> handle(ctx, auth, operation));
          route.addFailureHandler(SopsFacade::failed);
        });
    Router router = builder.createRouter();
    // what the contract does not route answers in the envelope too, never the native shape
    router
        .get("/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8")
                    .end(yaml));
    router.route().handler(SopsFacade::unrouted);
    router.route().failureHandler(SopsFacade::failed);
    // ahead of the native API's catch-all failure handler (mounted first), so failures under the
    // prefix (a body too large, a contract violation) are answered in the envelope
    root.route(PREFIX + "/*").order(-1).subRouter(router);
  }

  private static void handle(
      RoutingContext ctx,
      Auth auth,
      BiFunction<SopsHandlers.Who, SopsInput, Future<Object>> operation) {
    Future<Object> data;
    try {
      SopsInput in = new SopsInput(params(ctx));
      data = auth.identify(in).compose(who -> operation.apply(who, in));
    } catch (RuntimeException e) {
      data = Future.failedFuture(e);
    }
    data.onSuccess(value -> write(ctx, 200, true, value, ""))
        .onFailure(failure -> refuse(ctx, failure));
  }

  /** The query of a GET (first value of each name), the JSON object body of a POST. */
  private static JsonObject params(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.GET) {
      JsonObject query = new JsonObject();
      ctx.queryParams().names().forEach(name -> query.put(name, ctx.queryParams().get(name)));
      return query;
    }
    try {
      Object body = ctx.body().buffer() == null ? null : Json.decodeValue(ctx.body().buffer());
      if (body instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      // not JSON: refused below like JSON that is not an object
    }
    throw new SopsError(SopsMessages.mustBe("the request body", "a JSON object"));
  }

  private static void unrouted(RoutingContext ctx) {
    String path = ctx.normalizedPath().substring(PREFIX.length());
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (PATHS.contains(path)) {
      write(ctx, 405, false, null, SopsMessages.METHOD_NOT_ALLOWED);
    } else {
      write(ctx, 404, false, null, SopsMessages.NOT_FOUND);
    }
  }

  /** A failure of routing or of the contract's validation. */
  private static void failed(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status =
        failure instanceof HttpException http
            ? http.getStatusCode()
            : failure == null ? ctx.statusCode() : -1;
    boolean invalid =
        failure instanceof ValidatorException
            || (failure instanceof HttpException http
                && http.getCause() instanceof ValidatorException);
    if (status == 413) {
      write(ctx, 413, false, null, SopsMessages.TOO_LARGE);
    } else if (status == 415 || (invalid && !jsonRequest(ctx))) {
      write(ctx, 415, false, null, SopsMessages.NOT_JSON);
    } else if (status == 404) {
      write(ctx, 404, false, null, SopsMessages.NOT_FOUND);
    } else if (status == 405) {
      write(ctx, 405, false, null, SopsMessages.METHOD_NOT_ALLOWED);
    } else if (invalid || (status >= 400 && status < 500)) {
      write(ctx, 200, false, null, SopsMessages.BAD_REQUEST);
    } else {
      refuse(ctx, failure);
    }
  }

  private static boolean jsonRequest(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.GET) {
      return true;
    }
    String type = ctx.request().getHeader("content-type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
  }

  /** A refusal answers 200 with {@code result: false} and why, as bk-sops does. */
  private static void refuse(RoutingContext ctx, Throwable failure) {
    if (failure instanceof SopsError || failure instanceof PeriodicaException) {
      write(ctx, 200, false, null, failure.getMessage());
      return;
    }
    Failures.logUnexpected(ctx, failure);
    write(ctx, 500, false, null, SopsMessages.INTERNAL);
  }

  private static void write(
      RoutingContext ctx, int status, boolean result, Object data, String message) {
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
        .end(
            new JsonObject()
                .put("result", result)
                .put("data", data)
                .put("message", message)
                .encode());
  }

  /** The app credentials ({@code BK_APPS}) and the user {@code bk_username} names. */
  private record Auth(SopsConfig apps, UserService users, Set<UUID> administrators) {
    Future<SopsHandlers.Who> identify(SopsInput in) {
      String code = in.text("bk_app_code", 64);
      String secret = in.text("bk_app_secret", 1024);
      if (!apps.accepts(code, secret)) {
        return Future.failedFuture(new SopsError(SopsMessages.APP_REFUSED));
      }
      String username = in.text("bk_username", 150);
      if (username == null || username.isBlank()) {
        username = in.text("bk_token", 150);
      }
      if (username == null || username.isBlank()) {
        return Future.failedFuture(new SopsError(SopsMessages.NO_USER));
      }
      return users
          .byUsername(username.strip())
          .compose(
              found ->
                  found
                      .map(
                          user ->
                              Future.succeededFuture(
                                  new SopsHandlers.Who(
                                      new Caller(user.id(), administrators.contains(user.id())),
                                      user.username())))
                      .orElseGet(
                          () -> Future.failedFuture(new SopsError(SopsMessages.UNKNOWN_USER))));
    }
  }
}
