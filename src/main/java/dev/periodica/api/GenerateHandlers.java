package dev.periodica.api;

import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Ids;
import dev.periodica.task.ReportTaskService;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/**
 * {@code POST /reports/{id}/generate}: a report generated now, as a one-shot {@code user_request}
 * task and its run (the JSON:API facade lists them as {@code user_task}s).
 */
final class GenerateHandlers {
  private record Request(UUID reportId, JsonObject params, String name) {}

  private final ReportTaskService tasks;

  GenerateHandlers(ReportTaskService tasks) {
    this.tasks = tasks;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "generateReport",
        GenerateHandlers::read,
        (caller, request) ->
            tasks
                .generate(caller, request.reportId(), request.params(), request.name())
                .map(
                    generated ->
                        Reply.created(
                            new JsonObject()
                                .put("task", Views.task(generated.task()))
                                .put("run", RunHandlers.view(generated.run())))));
  }

  private static Request read(RoutingContext ctx) {
    UUID report = Ids.require(ctx.pathParam("id"), "report");
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    JsonObject body =
        buffer == null || buffer.toString().isBlank() ? new JsonObject() : Input.object(buffer);
    return new Request(
        report,
        Input.json(body, "params", new JsonObject()),
        Input.text(body, "name", null, Input.MAX_NAME));
  }
}
