package dev.periodica.api.compat.jsonapi;

import dev.periodica.access.Caller;
import dev.periodica.api.ApiServices;
import dev.periodica.api.CallerHandler;
import dev.periodica.api.compat.Facade;
import dev.periodica.api.compat.FacadeContract;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.task.QueueListing;
import dev.periodica.task.QueueQuery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Seed 001: the report queue and report tasks as JSON:API under {@code /v2.1/user/{userId}/reports}
 * ({@code queue}, {@code tasks}), validated against {@code openapi/compat/jsonapi.yaml}, published
 * at {@code /v2.1/openapi.yaml}. Lists come from {@link dev.periodica.task.QueueService} (a page
 * statement and a count statement) with the caller the path names, so access is the native API's.
 * Every refusal under {@code /v2.1}, including unknown paths (404), other methods (405) and bodies
 * over the limit (413), is a JSON:API error object.
 */
public final class JsonApiFacade implements Facade {
  public static final String PREFIX = "/v2.1";
  static final String RESOURCE = "openapi/compat/jsonapi.yaml";
  private static final Pattern LISTING_PATH =
      Pattern.compile(Pattern.quote(PREFIX) + "/user/[^/]+/reports/(queue|tasks)/?");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  @Override
  public Future<Void> mount(Vertx vertx, Router root, ApiServices services, long bodyLimitBytes) {
    return FacadeContract.load(vertx, RESOURCE, PREFIX)
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
    RouterBuilder builder = dev.periodica.api.InlineRequestValidation.builder(vertx, contract);
    builder.rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes));
    builder.rootHandler(JsonApiFacade::checkAccept);
    Set<UUID> administrators = Set.copyOf(services.administrators());
    listing(
        builder,
        "jsonapiListQueue",
        Fields.QUEUE,
        administrators,
        (caller, query) -> services.queue().runs(caller, query),
        JsonApiViews::queue);
    listing(
        builder,
        "jsonapiListTasks",
        Fields.TASK,
        administrators,
        (caller, query) -> services.queue().tasks(caller, query),
        JsonApiViews::task);
    Router router = builder.createRouter();
    router.route().failureHandler(ctx -> JsonApiErrors.fail(ctx, ctx.failure()));
    // before the native API's catch-all failure handler, so a refusal here keeps this shape
    root.get(PREFIX + "/openapi.yaml")
        .order(-4)
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8")
                    .end(yaml));
    root.route(PREFIX + "/*").order(-3).subRouter(router);
    // what the contract's router did not take: a known path with another method, or no such path
    root.route(PREFIX + "/*")
        .order(-2)
        .handler(
            ctx -> {
              int status = LISTING_PATH.matcher(ctx.request().path()).matches() ? 405 : 404;
              JsonApiErrors.write(ctx, status, JsonApiErrors.detail(status), null);
            })
        .failureHandler(ctx -> JsonApiErrors.fail(ctx, ctx.failure()));
  }

  private static <T> void listing(
      RouterBuilder builder,
      String operationId,
      String type,
      Set<UUID> administrators,
      BiFunction<Caller, QueueQuery, Future<QueueListing<T>>> list,
      Function<T, JsonObject> view) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("operation missing from the contract: " + operationId);
    }
    route.addHandler(
        ctx -> {
          Future<QueueListing<T>> listed;
          QueueQuery query;
          try {
            Caller caller = caller(ctx, administrators);
            query = ListingRequest.read(ctx.queryParams(), type);
            listed = list.apply(caller, query);
          } catch (RuntimeException e) {
            JsonApiErrors.fail(ctx, e);
            return;
          }
          listed
              .onSuccess(listing -> send(ctx, listing, view, query))
              .onFailure(failure -> JsonApiErrors.fail(ctx, failure));
        });
    route.addFailureHandler(ctx -> explain(ctx, type, administrators));
  }

  /**
   * A request the contract refused is explained by the facade's own reading of it, which names the
   * parameter at fault; when that finds nothing, the validator's refusal stands as a 400.
   */
  private static void explain(RoutingContext ctx, String type, Set<UUID> administrators) {
    Throwable failure = ctx.failure();
    boolean violation =
        failure instanceof ValidatorException
            || (failure instanceof HttpException http
                && http.getCause() instanceof ValidatorException);
    if (!violation) {
      JsonApiErrors.fail(ctx, failure);
      return;
    }
    try {
      caller(ctx, administrators);
      ListingRequest.read(ctx.queryParams(), type);
      JsonApiErrors.write(ctx, 400, JsonApiMessages.BAD_REQUEST, null);
    } catch (RuntimeException e) {
      JsonApiErrors.fail(ctx, e);
    }
  }

  private static <T> void send(
      RoutingContext ctx, QueueListing<T> listing, Function<T, JsonObject> view, QueueQuery query) {
    JsonObject document =
        JsonApiViews.document(
            listing,
            view,
            ctx.request().absoluteURI(),
            ctx.queryParams(),
            query.limit(),
            query.offset());
    var response = ctx.response();
    response.putHeader("content-type", JsonApiErrors.MEDIA_TYPE).putHeader("allow", "GET");
    OffsetDateTime lastModified = listing.lastModified();
    if (lastModified != null) {
      response.putHeader("last-modified", HTTP_DATE.format(lastModified));
    }
    response.end(document.toBuffer());
  }

  /**
   * The caller is the path's user; {@code Pgr-User-Id}, when sent, must name the same one (a
   * gateway's header that disagrees with the URL is refused rather than either believed).
   */
  static Caller caller(RoutingContext ctx, Set<UUID> administrators) {
    UUID user =
        Ids.parse(ctx.pathParam("userId"))
            .orElseThrow(() -> new JsonApiError(400, JsonApiMessages.USER_NOT_UUID, null));
    var headers = ctx.request().headers();
    if (headers.contains(CallerHandler.HEADER)) {
      Caller named;
      try {
        named = CallerHandler.identify(headers, administrators);
      } catch (Invalid invalid) {
        throw new JsonApiError(400, invalid.getMessage(), null);
      }
      if (!named.userId().equals(user)) {
        throw new JsonApiError(403, JsonApiMessages.USER_MISMATCH, null);
      }
    }
    return new Caller(user, administrators.contains(user));
  }

  /**
   * JSON:API: a client that accepts the media type only with parameters gets 406; one that names it
   * without, or does not name it at all, is served.
   */
  private static void checkAccept(RoutingContext ctx) {
    String accept = ctx.request().getHeader("accept");
    if (accept != null) {
      boolean named = false;
      boolean plain = false;
      for (String range : accept.split(",")) {
        String[] parts = range.split(";");
        if (parts[0].strip().equalsIgnoreCase(JsonApiErrors.MEDIA_TYPE)) {
          named = true;
          boolean onlyQuality = true;
          for (int i = 1; i < parts.length; i++) {
            onlyQuality &= parts[i].strip().toLowerCase(java.util.Locale.ROOT).startsWith("q=");
          }
          plain |= onlyQuality;
        } else if (!parts[0].isBlank()) {
          plain = true;
        }
      }
      if (named && !plain) {
        JsonApiErrors.write(ctx, 406, JsonApiMessages.NOT_ACCEPTABLE, null);
        return;
      }
    }
    ctx.next();
  }
}
