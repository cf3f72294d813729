package dev.periodica.api.compat.era;

import dev.periodica.access.Caller;
import dev.periodica.api.ApiServices;
import dev.periodica.api.CallerHandler;
import dev.periodica.api.Failures;
import dev.periodica.api.compat.Facade;
import dev.periodica.api.compat.FacadeContract;
import dev.periodica.common.Conflict;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Gone;
import dev.periodica.common.Invalid;
import dev.periodica.common.NotFound;
import dev.periodica.task.ReportTask;
import dev.periodica.task.TaskOrigin;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seed 003, Era service tasks, under {@code /rest/v1/service}: {@code svctasks} created, listed,
 * read, patched and deleted as ordinary tasks of origin {@code service} through the task service
 * (so the native access rules hold), plus the HTTP method {@code LOOKUP}. Errors answer {@code
 * {"error": {"code": status, "message": text}}}; a task the caller may not see answers 404.
 */
public final class EraFacade implements Facade {
  public static final String PREFIX = "/rest/v1/service";
  static final String CONTRACT = "openapi/compat/era.yaml";
  static final HttpMethod LOOKUP = HttpMethod.valueOf("LOOKUP");
  private static final String CALLER = "era.caller";

  @Override
  public Future<Void> mount(Vertx vertx, Router root, ApiServices services, long bodyLimitBytes) {
    return FacadeContract.load(vertx, CONTRACT, PREFIX)
        .map(
            loaded -> {
              mount(vertx, root, services, bodyLimitBytes, loaded.contract(), loaded.yaml());
              return null;
            });
  }

  private static void mount(
      Vertx vertx,
      Router root,
      ApiServices services,
      long bodyLimitBytes,
      OpenAPIContract contract,
      String yaml) {
    Handlers handlers =
        new Handlers(services, new EraTasks(services.serviceJobs(), Clock.systemUTC()));
    // failures inside the facade's routes reach the root router's failure handlers, and the native
    // one was added first: this one, ordered before it, answers them in the seed's shape
    root.route(PREFIX + "/*").order(-1).failureHandler(EraFacade::failure);
    root.get(PREFIX + "/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8")
                    .end(yaml));
    // LOOKUP is not an HTTP method OpenAPI 3 can describe, so it is routed here by hand and
    // validated by its handler (its key fields come from the query or a JSON body)
    root.route(LOOKUP, PREFIX + "/svctasks")
        .handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes))
        .handler(ctx -> identify(ctx, services))
        .handler(handlers::lookup)
        .failureHandler(EraFacade::failure);

    RouterBuilder builder = dev.periodica.api.InlineRequestValidation.builder(vertx, contract);
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    builder.rootHandler(ctx -> identify(ctx, services));
    builder.getRoute("createSvcTask").addHandler(handlers::create);
    builder.getRoute("listSvcTasks").addHandler(handlers::list);
    builder.getRoute("getSvcTask").addHandler(handlers::get);
    builder.getRoute("patchSvcTask").addHandler(handlers::patch);
    builder.getRoute("deleteSvcTask").addHandler(handlers::delete);
    Router router = builder.createRouter();
    router.route().failureHandler(EraFacade::failure);
    router.errorHandler(404, ctx -> write(ctx, 404, EraMessages.NO_ROUTE));
    router.errorHandler(405, ctx -> write(ctx, 405, EraMessages.METHOD_NOT_ALLOWED));
    root.route(PREFIX + "/*").subRouter(router);
    // whatever the facade's routes do not match under its prefix answers in its shape too
    root.route(PREFIX + "/*").handler(ctx -> write(ctx, 404, EraMessages.NO_ROUTE));
  }

  private static void identify(RoutingContext ctx, ApiServices services) {
    try {
      ctx.put(CALLER, CallerHandler.identify(ctx.request().headers(), services.administrators()));
    } catch (Invalid invalid) {
      write(ctx, 401, invalid.getMessage());
      return;
    }
    // a body must be declared as JSON; the contract's validator would answer a plain 400
    HttpMethod method = ctx.request().method();
    if ((method == HttpMethod.POST || method == HttpMethod.PATCH) && !declaresJson(ctx)) {
      write(ctx, 415, EraMessages.UNSUPPORTED_TYPE);
      return;
    }
    ctx.next();
  }

  private static boolean declaresJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("content-type");
    String media = type == null ? "" : type.split(";", 2)[0].strip();
    return media.equalsIgnoreCase("application/json");
  }

  /** Every failure in the facade's shape: the domain's exceptions by kind, the rest 4xx or 500. */
  static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof Invalid) {
      write(ctx, 400, failure.getMessage());
    } else if (failure instanceof NotFound) {
      write(ctx, 404, EraMessages.NOT_FOUND);
    } else if (failure instanceof Forbidden) {
      write(ctx, 403, failure.getMessage());
    } else if (failure instanceof Conflict) {
      write(ctx, 409, failure.getMessage());
    } else if (failure instanceof Gone) {
      write(ctx, 404, EraMessages.NOT_FOUND);
    } else if (status == 413) {
      write(ctx, 413, EraMessages.TOO_LARGE);
    } else if (status == 415) {
      write(ctx, 415, EraMessages.UNSUPPORTED_TYPE);
    } else if (status >= 400 && status < 500) {
      // the contract's validator wraps its reason (which parameter, which rule) as the cause
      if (failure != null
          && failure.getCause() != null
          && failure.getCause().getMessage() != null) {
        failure = failure.getCause();
      }
      String message =
          failure == null || failure.getMessage() == null
              ? EraMessages.BAD_REQUEST
              : failure.getMessage();
      write(ctx, status, message.length() > 500 ? message.substring(0, 500) + "…" : message);
    } else {
      Failures.logUnexpected(ctx, failure);
      write(ctx, 500, EraMessages.INTERNAL);
    }
  }

  static void write(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(
            new JsonObject()
                .put("error", new JsonObject().put("code", status).put("message", message))
                .encode());
  }

  /** The operations, each mapping the seed's shapes onto the task service. */
  private record Handlers(ApiServices services, EraTasks tasks) {
    void create(RoutingContext ctx) {
      Caller caller = ctx.get(CALLER);
      run(
          ctx,
          () -> {
            JsonObject body = body(ctx);
            UUID id = UUID.randomUUID();
            if (body.containsKey("id")) {
              id = requireId(body.getValue("id"));
            }
            UUID taskId = id;
            return services
                .tasks()
                .create(caller, taskId, tasks.create(body.copy()))
                .recover(
                    failure ->
                        failure instanceof Conflict
                            ? Future.failedFuture(new Conflict(EraMessages.ID_TAKEN))
                            : Future.failedFuture(failure))
                .map(EraTasks::view);
          });
    }

    void list(RoutingContext ctx) {
      Caller caller = ctx.get(CALLER);
      run(
          ctx,
          () -> {
            var params = ctx.queryParams();
            var query = EraQuery.parse(params);
            List<String> fields = EraQuery.fields(params, EraQuery.LIST_FIELDS);
            boolean flat = EraQuery.flat(params);
            return services
                .tasks()
                .query(caller, query)
                .map(
                    found -> {
                      JsonArray out = new JsonArray();
                      found.forEach(
                          task -> out.add(EraQuery.project(EraTasks.view(task), fields, flat)));
                      return out;
                    });
          });
    }

    void get(RoutingContext ctx) {
      Caller caller = ctx.get(CALLER);
      run(
          ctx,
          () -> {
            var params = ctx.queryParams();
            List<String> fields = EraQuery.fields(params, EraQuery.ENTITY_FIELDS_SHOWN);
            boolean flat = EraQuery.flat(params);
            return find(caller, ctx.pathParam("id"))
                .map(task -> EraQuery.project(EraTasks.view(task), fields, flat));
          });
    }

    void patch(RoutingContext ctx) {
      Caller caller = ctx.get(CALLER);
      run(
          ctx,
          () -> {
            JsonObject body = body(ctx);
            UUID id = pathId(ctx);
            if (body.containsKey("id")
                && !id.toString()
                    .equals(
                        String.valueOf(body.getValue("id")).toLowerCase(java.util.Locale.ROOT))) {
              throw new Invalid(EraMessages.ID_IMMUTABLE);
            }
            JsonObject changes = body.copy();
            changes.remove("id");
            changes.remove("ext");
            return find(caller, id.toString())
                .compose(
                    found ->
                        services
                            .tasks()
                            .update(
                                caller,
                                id,
                                current -> {
                                  if (current.origin() != TaskOrigin.SERVICE) {
                                    throw new NotFound(EraMessages.NOT_FOUND);
                                  }
                                  return tasks.patch(
                                      new ReportTask(
                                          found.id(),
                                          found.number(),
                                          found.ownerId(),
                                          current,
                                          found.nextRunAt(),
                                          found.lastRunAt(),
                                          found.runCount(),
                                          found.createdAt(),
                                          found.updatedAt(),
                                          found.pausedReason()),
                                      changes);
                                }))
                .map(EraTasks::view);
          });
    }

    void delete(RoutingContext ctx) {
      Caller caller = ctx.get(CALLER);
      run(
          ctx,
          () ->
              find(caller, ctx.pathParam("id"))
                  .compose(task -> services.tasks().delete(caller, task.id()))
                  .map(deleted -> (Object) null));
    }

    /** LOOKUP: the ids of the visible service tasks matching the key ({@code id}). */
    void lookup(RoutingContext ctx) {
      Caller caller = ctx.get(CALLER);
      run(
          ctx,
          () -> {
            List<Object> ids = new ArrayList<>();
            ids.addAll(ctx.queryParams().getAll("id"));
            for (String name : ctx.queryParams().names()) {
              if (!name.equals("id")) {
                throw new Invalid(EraMessages.unknownField("LOOKUP", name, List.of("id")));
              }
            }
            if (ctx.body() != null && ctx.body().length() > 0) {
              Object value;
              try {
                value = ctx.body().asJsonObject();
              } catch (RuntimeException e) {
                throw new Invalid(EraMessages.LOOKUP_KEY);
              }
              if (!(value instanceof JsonObject key)) {
                throw new Invalid(EraMessages.LOOKUP_KEY);
              }
              for (Map.Entry<String, Object> entry : key) {
                if (!entry.getKey().equals("id")) {
                  throw new Invalid(
                      EraMessages.unknownField("LOOKUP", entry.getKey(), List.of("id")));
                }
                if (entry.getValue() instanceof JsonArray list) {
                  list.forEach(ids::add);
                } else {
                  ids.add(entry.getValue());
                }
              }
            }
            if (ids.isEmpty()) {
              throw new Invalid(EraMessages.LOOKUP_KEY);
            }
            if (ids.size() > dev.periodica.task.TaskQuery.MAX_VALUES) {
              throw new Invalid(
                  EraMessages.tooManyValues("id", dev.periodica.task.TaskQuery.MAX_VALUES));
            }
            return services
                .tasks()
                .query(caller, EraQuery.byIds(ids))
                .map(
                    found ->
                        new JsonArray(
                            found.stream().map(t -> (Object) t.id().toString()).toList()));
          });
    }

    /** A service task the caller sees; any other answers 404. */
    private Future<ReportTask> find(Caller caller, String id) {
      UUID parsed = EraQuery.id(id);
      if (parsed == null) {
        return Future.failedFuture(new NotFound(EraMessages.NOT_FOUND));
      }
      return services
          .tasks()
          .get(caller, parsed)
          .compose(
              task ->
                  task.fields().origin() == TaskOrigin.SERVICE
                      ? Future.succeededFuture(task)
                      : Future.failedFuture(new NotFound(EraMessages.NOT_FOUND)));
    }

    private static UUID pathId(RoutingContext ctx) {
      UUID id = EraQuery.id(ctx.pathParam("id"));
      if (id == null) {
        throw new NotFound(EraMessages.NOT_FOUND);
      }
      return id;
    }

    private static UUID requireId(Object value) {
      UUID id = value instanceof String text ? EraQuery.id(text) : null;
      if (id == null) {
        throw new Invalid("id must be a uuid");
      }
      return id;
    }

    private static JsonObject body(RoutingContext ctx) {
      try {
        JsonObject body = ctx.body().asJsonObject();
        if (body == null) {
          throw new Invalid(EraMessages.BODY_OBJECT);
        }
        return body;
      } catch (RuntimeException e) {
        if (e instanceof Invalid invalid) {
          throw invalid;
        }
        throw new Invalid(EraMessages.BODY_OBJECT);
      }
    }

    /** Runs an operation, answering its value (204 for none) or its failure in the seed's shape. */
    private static void run(RoutingContext ctx, java.util.function.Supplier<Future<?>> operation) {
      Future<?> result;
      try {
        result = operation.get();
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      result.onComplete(
          done -> {
            if (done.failed()) {
              ctx.fail(done.cause());
            } else if (done.result() == null) {
              ctx.response().setStatusCode(204).end();
            } else {
              ctx.response()
                  .setStatusCode(200)
                  .putHeader("content-type", "application/json; charset=utf-8")
                  .end(
                      done.result() instanceof JsonArray array
                          ? array.encode()
                          : ((JsonObject) done.result()).encode());
            }
          });
    }
  }
}
