package dev.periodica.api;

import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import dev.periodica.dataset.Dataset;
import dev.periodica.dataset.DatasetCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The datasets reports may query, with their fields and time field. */
final class DatasetHandlers {
  private final DatasetCatalog catalog;

  DatasetHandlers(DatasetCatalog catalog) {
    this.catalog = catalog;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "listDatasets",
        CallerHandler::of,
        (caller, same) ->
            catalog
                .all()
                .map(
                    datasets -> {
                      JsonArray items = new JsonArray();
                      datasets.forEach(dataset -> items.add(view(dataset)));
                      return Reply.ok(new JsonObject().put("items", items));
                    }));
    Operations.mount(
        builder,
        "getDataset",
        ctx -> {
          String name = ctx.pathParam("name");
          if (name == null || name.isEmpty() || name.length() > 63) {
            throw new Invalid(Messages.mustBe("name", "a dataset name of at most 63 characters"));
          }
          return name;
        },
        (caller, name) ->
            catalog
                .find(name)
                .map(
                    dataset ->
                        Reply.ok(
                            view(
                                dataset.orElseThrow(
                                    () -> new NotFound(Messages.notFound("dataset")))))));
  }

  static JsonObject view(Dataset dataset) {
    JsonArray fields = new JsonArray();
    dataset
        .fields()
        .forEach(
            field ->
                fields.add(
                    new JsonObject().put("name", field.name()).put("type", field.type().code())));
    return new JsonObject()
        .put("name", dataset.name())
        .put("time_field", dataset.timeField())
        .put("fields", fields);
  }
}
