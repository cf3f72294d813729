package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.job.ReportPreviews;
import dev.periodica.render.ReportFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/**
 * {@code POST /reports/{id}/preview?format=pdf}: the report rendered now for the caller, answered
 * as the file itself; nothing is stored (see {@link ReportPreviews}).
 */
final class PreviewHandlers {
  private record Request(UUID reportId, ReportFormat format) {}

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
  }

  private static Request read(RoutingContext ctx) {
    UUID report = Ids.require(ctx.pathParam("id"), "report");
    String name = ctx.queryParams().get("format");
    ReportFormat format =
        name == null || name.isEmpty()
            ? ReportFormat.PDF
            : ReportFormat.of(name)
                .orElseThrow(
                    () ->
                        new Invalid(
                            "format should be one of " + String.join(", ", ReportFormat.names())));
    return new Request(report, format);
  }
}
