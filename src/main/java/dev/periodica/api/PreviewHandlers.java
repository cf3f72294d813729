package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.job.ReportPreviews;
import dev.periodica.render.ReportFormat;
import dev.periodica.report.ReportDraft;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/**
 * {@code POST /reports/{id}/preview?format=pdf}: the report rendered now for the caller, answered
 * as the file itself; nothing is stored (see {@link ReportPreviews}).
 */
final class PreviewHandlers {
  private record Request(UUID reportId, ReportFormat format) {}

  private record Unsaved(ReportDraft draft, ReportFormat format) {}

  private final ReportPreviews previews;

  PreviewHandlers(ReportPreviews previews) {
    this.previews = previews;
  }

  void mount(RouterBuilder builder) {
    Operations.mountStream(
        builder,
        "previewReport",
        PreviewHandlers::read,
        (ctx, caller, request) ->
            previews
                .preview(caller, request.reportId(), request.format())
                .compose(
                    bytes ->
                        ctx.response()
                            .putHeader("Content-Type", request.format().contentType())
                            .putHeader("Cache-Control", "no-store")
                            .end(Buffer.buffer(bytes))));
    Operations.mountStream(
        builder,
        "previewUnsavedReport",
        PreviewHandlers::readUnsaved,
        (ctx, caller, request) ->
            previews
                .preview(caller, request.draft(), request.format())
                .compose(
                    bytes ->
                        ctx.response()
                            .putHeader("Content-Type", request.format().contentType())
                            .putHeader("Cache-Control", "no-store")
                            .end(Buffer.buffer(bytes))));
  }

  private static Unsaved readUnsaved(RoutingContext ctx) {
    Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    JsonObject body = buffer == null ? new JsonObject() : Input.object(buffer);
    ReportParser parser = new ReportParser();
    return new Unsaved(parser.parse(body, parser.blank()), format(ctx));
  }

  private static Request read(RoutingContext ctx) {
    UUID report = Ids.require(ctx.pathParam("id"), "report");
    return new Request(report, format(ctx));
  }

  private static ReportFormat format(RoutingContext ctx) {
    String name = ctx.queryParams().get("format");
    return name == null || name.isEmpty()
        ? ReportFormat.PDF
        : ReportFormat.of(name).orElseThrow(() -> new Invalid(ReportFormat.oneOf("format")));
  }
}
