package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import dev.periodica.access.Stored;
import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The five operations of a resource in the native style: {@code create<Name>}, {@code list<Names>},
 * {@code get<Name>}, {@code update<Name>} (PATCH) and {@code delete<Name>}.
 */
final class CrudHandlers<T extends Stored<D>, D> {
  /** How one resource is read, shown and filtered. */
  record Spec<T, D>(
      String operationName,
      String thing,
      DraftParser<D> parser,
      Function<T, JsonObject> listView,
      BiFunction<Caller, T, Future<JsonObject>> detailView,
      String parentParam,
      String parentThing) {}

  private record Change<D>(UUID id, JsonObject body) {}

  private record Listing(PageRequest page, UUID parentId) {}

  private final ResourceService<T, D> service;
  private final Spec<T, D> spec;
  private List<String> filters = List.of();
  private BiFunction<Caller, UUID, Future<JsonObject>> detailById;
  private BiFunction<Caller, D, Future<JsonObject>> creator;

  CrudHandlers(ResourceService<T, D> service, Spec<T, D> spec) {
    this.service = service;
    this.spec = spec;
  }

  /**
   * Creates an item and answers its detail view together (when what the creation read saves a
   * statement) instead of creating it, then reading its detail.
   */
  CrudHandlers<T, D> creator(BiFunction<Caller, D, Future<JsonObject>> create) {
    this.creator = create;
    return this;
  }

  /** The list's own query filters besides paging and the parent, passed on when given. */
  CrudHandlers<T, D> filters(String... names) {
    this.filters = List.of(names);
    return this;
  }

  /**
   * Reads one item and its detail view together (when a combined read saves a statement) instead of
   * reading the item, then its detail.
   */
  CrudHandlers<T, D> detailById(BiFunction<Caller, UUID, Future<JsonObject>> read) {
    this.detailById = read;
    return this;
  }

  void mount(RouterBuilder builder) {
    String name = spec.operationName();
    DraftParser<D> parser = spec.parser();
    Operations.mount(
        builder,
        "create" + name,
        ctx -> parser.parse(Input.object(ctx.body().buffer()), parser.blank()),
        (caller, draft) ->
            creator != null
                ? creator.apply(caller, draft).map(body -> new Reply(201, body))
                : service.create(caller, draft).compose(created -> detail(caller, created, 201)));
    Operations.mount(builder, "list" + plural(name), this::readListing, this::list);
    Operations.mount(
        builder,
        "get" + name,
        this::readId,
        (caller, id) ->
            detailById != null
                ? detailById.apply(caller, id).map(body -> new Reply(200, body))
                : service.get(caller, id).compose(found -> detail(caller, found, 200)));
    Operations.mount(
        builder,
        "update" + name,
        ctx -> readChange(ctx),
        (caller, change) ->
            service
                .update(caller, change.id(), current -> parser.parse(change.body(), current))
                .compose(updated -> detail(caller, updated, 200)));
    Operations.mount(
        builder,
        "delete" + name,
        this::readId,
        (caller, id) -> service.delete(caller, id).map(done -> Reply.noContent()));
  }

  private static String plural(String name) {
    return name.endsWith("y") ? name.substring(0, name.length() - 1) + "ies" : name + "s";
  }

  private Future<Reply> list(Caller caller, Listing listing) {
    return service
        .list(caller, listing.page(), listing.parentId())
        .map(
            page -> {
              JsonArray items = new JsonArray();
              page.items().forEach(item -> items.add(spec.listView().apply(item)));
              return Reply.ok(
                  new JsonObject()
                      .put("items", items)
                      .put("total", page.total())
                      .put("limit", page.limit())
                      .put("offset", page.offset()));
            });
  }

  private Future<Reply> detail(Caller caller, T item, int status) {
    return spec.detailView().apply(caller, item).map(body -> new Reply(status, body));
  }

  private UUID readId(RoutingContext ctx) {
    return Ids.require(ctx.pathParam("id"), spec.thing());
  }

  private Listing readListing(RoutingContext ctx) {
    Map<String, String> given = new HashMap<>();
    for (String name : filters) {
      String value = ctx.queryParams().get(name);
      if (value != null && !value.isEmpty()) {
        given.put(name, value);
      }
    }
    return new Listing(
        PageParams.read(ctx.queryParams()).withFilters(given),
        PageParams.filter(ctx.queryParams(), spec.parentParam(), spec.parentThing()));
  }

  private Change<D> readChange(RoutingContext ctx) {
    UUID id = readId(ctx);
    JsonObject body = Input.object(ctx.body().buffer());
    spec.parser().check(body);
    Object bodyId = body.getValue("id");
    if (bodyId != null && !id.toString().equalsIgnoreCase(String.valueOf(bodyId))) {
      throw new Invalid(Messages.ID_IMMUTABLE);
    }
    return new Change<>(id, body);
  }
}
