package dev.periodica.api;

import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.Timestamps;
import dev.periodica.schedule.SchedulePreview;
import dev.periodica.schedule.SchedulePreview.Preview;
import dev.periodica.task.ReportTaskService;
import dev.periodica.task.TaskDraft;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Schedule previews: of any interval, and of a task's own schedule. */
final class ScheduleHandlers {
  private record TaskPreview(UUID id, int count) {}

  private final SchedulePreview previews;
  private final ReportTaskService tasks;

  ScheduleHandlers(SchedulePreview previews, ReportTaskService tasks) {
    this.previews = previews;
    this.tasks = tasks;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "previewSchedule",
        ctx -> {
          JsonObject body = Input.object(ctx.body().buffer());
          String interval = body.getValue("interval") instanceof String text ? text : null;
          if (interval == null || interval.isBlank()) {
            throw new Invalid(Messages.MISSING_INTERVAL);
          }
          int count =
              Input.integer(
                  body, "count", SchedulePreview.DEFAULT_COUNT, 1, SchedulePreview.MAX_COUNT);
          String timezone =
              Input.requiredText(body, "timezone", TaskDraft.DEFAULT_TIMEZONE, Input.MAX_NAME);
          Object calendar = body.getValue("calendar");
          dev.periodica.schedule.Calendars.check(calendar);
          return previews.preview(
              interval,
              timezone,
              instant(Input.time(body, "start_at", null)),
              instant(Input.time(body, "stop_at", null)),
              calendar,
              count);
        },
        (caller, preview) -> io.vertx.core.Future.succeededFuture(Reply.ok(json(preview))));
    Operations.mount(
        builder,
        "getReportTaskSchedule",
        this::readTaskPreview,
        (caller, request) ->
            tasks
                .get(caller, request.id())
                .map(
                    task -> {
                      TaskDraft fields = task.fields();
                      return Reply.ok(
                          json(
                              previews.preview(
                                  fields.interval(),
                                  fields.timezone(),
                                  instant(fields.startAt()),
                                  instant(fields.stopAt()),
                                  fields.calendar(),
                                  request.count())));
                    }));
  }

  private TaskPreview readTaskPreview(RoutingContext ctx) {
    UUID id = Ids.require(ctx.pathParam("id"), ReportTaskService.THING);
    String count = ctx.queryParams().get("count");
    int parsed = SchedulePreview.DEFAULT_COUNT;
    if (count != null) {
      try {
        parsed = Integer.parseInt(count);
      } catch (NumberFormatException e) {
        parsed = 0;
      }
      if (parsed < 1 || parsed > SchedulePreview.MAX_COUNT) {
        throw new Invalid(
            Messages.mustBe("count", "an integer from 1 to " + SchedulePreview.MAX_COUNT));
      }
    }
    return new TaskPreview(id, parsed);
  }

  private static JsonObject json(Preview preview) {
    JsonArray next = new JsonArray();
    preview.next().forEach(time -> next.add(Timestamps.format(time)));
    return new JsonObject().put("next", next).put("description", preview.description());
  }

  private static java.time.Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
