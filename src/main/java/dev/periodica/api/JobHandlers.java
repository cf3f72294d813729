package dev.periodica.api;

import dev.periodica.api.Operations.Reply;
import dev.periodica.run.JobCatalog;
import dev.periodica.run.JobKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The job kinds a task may run, as the registry holds them. */
final class JobHandlers {
  private final JobCatalog jobs;

  JobHandlers(JobCatalog jobs) {
    this.jobs = jobs;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "listJobs",
        CallerHandler::of,
        (caller, same) -> {
          JsonArray items = new JsonArray();
          jobs.kinds().forEach(kind -> items.add(view(kind)));
          return Future.succeededFuture(Reply.ok(new JsonObject().put("items", items)));
        });
  }

  static JsonObject view(JobKind kind) {
    return new JsonObject()
        .put("name", kind.name())
        .put("description", kind.description())
        .put("needs_report", kind.needsReport())
        .put("administrators_only", kind.administratorsOnly())
        .put("params_schema", kind.paramsSchema());
  }
}
