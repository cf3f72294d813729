package dev.periodica.api;

import dev.periodica.api.Operations.Reply;
import dev.periodica.common.Conflict;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Gone;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.PageRequest;
import dev.periodica.common.Timestamps;
import dev.periodica.job.FileStore;
import dev.periodica.run.Run;
import dev.periodica.run.RunFile;
import dev.periodica.run.RunFilter;
import dev.periodica.run.RunQueue;
import dev.periodica.run.RunStatus;
import dev.periodica.schedule.InstanceHeartbeat;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The run queue, a task's runs, running a task now, batch enable/disable, and instances. */
final class RunHandlers {
  static final int MAX_BATCH = 1000;
  static final int MAX_REASON = 500;

  /** The largest {@code count_up_to}: a bounded count stays cheap. */
  static final int MAX_COUNT_UP_TO = 100_000;

  private record Listing(RunFilter filter, PageRequest page, int countUpTo) {}

  private record StatusChange(List<UUID> tasks, boolean enabled, String reason) {}

  private final RunQueue queue;
  private final InstanceHeartbeat instances;
  private final FileStore files;

  RunHandlers(RunQueue queue, InstanceHeartbeat instances, FileStore files) {
    this.queue = queue;
    this.instances = instances;
    this.files = files;
  }

  void mount(RouterBuilder builder) {
    Operations.mount(
        builder,
        "listRuns",
        ctx ->
            new Listing(
                filter(ctx.queryParams()),
                PageParams.read(ctx.queryParams()),
                PageParams.integer(
                    ctx.queryParams(), "count_up_to", RunQueue.COUNT_ALL, 0, MAX_COUNT_UP_TO)),
        (caller, listing) ->
            page(
                queue.list(caller.userId(), listing.filter(), listing.page(), listing.countUpTo()),
                listing.countUpTo()));
    Operations.mount(
        builder,
        "listReportTaskRuns",
        ctx ->
            new Listing(
                filter(ctx.queryParams()).withTask(Ids.require(ctx.pathParam("id"), "task")),
                PageParams.read(ctx.queryParams()),
                RunQueue.COUNT_ALL),
        (caller, listing) ->
            page(
                queue.listOfTask(caller.userId(), listing.filter(), listing.page()),
                RunQueue.COUNT_ALL));
    Operations.mount(
        builder,
        "getRun",
        RunHandlers::runId,
        (caller, id) -> queue.get(caller.userId(), id).map(run -> Reply.ok(view(run))));
    Operations.mountStream(builder, "downloadRunFile", RunHandlers::runId, this::download);
    Operations.mount(
        builder,
        "cancelRun",
        RunHandlers::runId,
        (caller, id) -> queue.cancel(caller.userId(), id).map(run -> Reply.ok(view(run))));
    Operations.mount(
        builder,
        "runReportTask",
        ctx -> Ids.require(ctx.pathParam("id"), "task"),
        (caller, task) -> queue.runNow(caller.userId(), task).map(run -> Reply.created(view(run))));
    Operations.mount(
        builder,
        "setReportTasksStatus",
        RunHandlers::statusChange,
        (caller, change) ->
            queue
                .setEnabled(caller.userId(), change.tasks(), change.enabled(), change.reason())
                .map(
                    changed -> {
                      JsonArray ids = new JsonArray();
                      changed.forEach(id -> ids.add(id.toString()));
                      return Reply.ok(
                          new JsonObject()
                              .put("tasks", ids)
                              .put("status", change.enabled() ? "running" : "stopped"));
                    }));
    Operations.mount(
        builder,
        "listInstances",
        CallerHandler::of,
        (caller, same) -> {
          if (!caller.admin()) {
            throw new Forbidden(Messages.ADMIN_ONLY_INSTANCES);
          }
          return instances
              .instances()
              .map(
                  list -> {
                    JsonArray items = new JsonArray();
                    list.forEach(
                        instance ->
                            items.add(
                                new JsonObject()
                                    .put("id", instance.id().toString())
                                    .put("name", instance.name())
                                    .put("host", instance.host())
                                    .put("version", instance.version())
                                    .put("started_at", Timestamps.format(instance.startedAt()))
                                    .put("heartbeat_at", Timestamps.format(instance.heartbeatAt()))
                                    .put("alive", instance.alive())
                                    .put("runs_in_progress", instance.runsInProgress())));
                    return Reply.ok(new JsonObject().put("items", items));
                  });
        });
  }

  /** A run as the queue API shows it. */
  static JsonObject view(Run run) {
    return new JsonObject()
        .put("id", run.id())
        .put("task_id", run.taskId().toString())
        .put("report_id", run.reportId() == null ? null : run.reportId().toString())
        .put("status", run.status().code())
        .put("progress", run.progress())
        .put("trigger", run.trigger())
        .put("scheduled_for", Timestamps.format(run.scheduledFor()))
        .put("created_at", Timestamps.format(run.createdAt()))
        .put("started_at", Timestamps.format(run.startedAt()))
        .put("ended_at", Timestamps.format(run.endedAt()))
        .put("attempt", run.attempt())
        .put("instance", run.instanceId() == null ? null : run.instanceId().toString())
        .put("placement", run.placement().code())
        .put(
            "pinned_instance",
            Ids.ANY_INSTANCE.equals(run.pinnedInstance()) ? null : run.pinnedInstance().toString())
        .put(
            "instances",
            run.eligible() == null ? null : new JsonArray(new ArrayList<>(run.eligible())))
        .put("error", run.error())
        .put("retry_of", run.retryOf())
        .put("earlier_attempts", attempts(run.earlierAttempts()))
        .put(
            "file",
            run.file() == null
                ? null
                : new JsonObject()
                    .put("name", run.file().name())
                    .put("size", run.file().size())
                    .put("content_type", run.file().contentType())
                    .put("checksum", run.file().sha256()))
        .put("result", run.result());
  }

  /**
   * Earlier attempts as stored (PostgreSQL's JSON times), with times written as everywhere else.
   */
  private static JsonArray attempts(JsonArray stored) {
    JsonArray attempts = new JsonArray();
    for (Object item : stored) {
      if (item instanceof JsonObject attempt) {
        JsonObject copy = attempt.copy();
        for (String field : List.of("started_at", "ended_at")) {
          String value = attempt.getString(field);
          copy.put(field, value == null ? null : Timestamps.format(OffsetDateTime.parse(value)));
        }
        attempts.add(copy);
      }
    }
    return attempts;
  }

  /** Streams a run's file to a caller who may see the run. */
  private io.vertx.core.Future<Void> download(
      RoutingContext ctx, dev.periodica.access.Caller caller, Long id) {
    return queue
        .get(caller.userId(), id)
        .compose(
            run -> {
              RunFile file = run.file();
              if (file == null) {
                throw new Conflict("the run has no file yet (it is " + run.status().code() + ")");
              }
              java.nio.file.Path path = files.locate(file);
              if (path == null) {
                throw new Gone(Messages.FILE_GONE);
              }
              return ctx.vertx()
                  .fileSystem()
                  .exists(path.toString())
                  .compose(
                      exists -> {
                        if (!exists) {
                          return io.vertx.core.Future.failedFuture(new Gone(Messages.FILE_GONE));
                        }
                        String etag = "\"" + file.sha256() + "\"";
                        if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
                          ctx.response().setStatusCode(304).end();
                          return io.vertx.core.Future.succeededFuture();
                        }
                        ctx.response()
                            .putHeader("Content-Type", file.contentType())
                            .putHeader("Content-Disposition", disposition(file.name()))
                            .putHeader("ETag", etag);
                        return ctx.response().sendFile(path.toString());
                      });
            });
  }

  /** {@code attachment} with an ASCII fallback name and the exact UTF-8 name (RFC 6266). */
  static String disposition(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String encoded =
        java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  /**
   * A page as the native API answers it: {@code total} the number of matches, or, when the caller
   * bounded the count ({@code count_up_to}) and more matched, {@code total_more_than} that bound
   * instead (never a partial count under the name {@code total}).
   */
  private static io.vertx.core.Future<Reply> page(
      io.vertx.core.Future<dev.periodica.common.Page<Run>> page, int countUpTo) {
    return page.map(
        runs -> {
          JsonArray items = new JsonArray();
          runs.items().forEach(run -> items.add(view(run)));
          JsonObject body = new JsonObject().put("items", items);
          if (countUpTo != RunQueue.COUNT_ALL && runs.total() > countUpTo) {
            body.put("total_more_than", countUpTo);
          } else {
            body.put("total", runs.total());
          }
          return Reply.ok(body.put("limit", runs.limit()).put("offset", runs.offset()));
        });
  }

  private static long runId(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Invalid(Messages.RUN_ID_FORMAT);
  }

  static RunFilter filter(MultiMap query) {
    List<RunStatus> statuses = new ArrayList<>();
    for (String value : query.getAll("status")) {
      for (String code : value.split(",")) {
        if (!code.isBlank()) {
          statuses.add(
              RunStatus.fromCode(code.trim())
                  .orElseThrow(() -> new Invalid(Messages.RUN_STATUS_UNKNOWN)));
        }
      }
    }
    return new RunFilter(
        statuses,
        PageParams.filter(query, "task_id", "task"),
        PageParams.filter(query, "report_id", "report"),
        PageParams.filter(query, "instance", "instance"),
        time(query, "created_from"),
        time(query, "created_to"),
        job(query.get("job")),
        trigger(query.get("trigger")));
  }

  private static String job(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (value.length() > Input.MAX_NAME) {
      throw new Invalid(Messages.mustBe("job", "a job kind (GET /jobs)"));
    }
    return value;
  }

  private static String trigger(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!Run.TRIGGER_SCHEDULE.equals(value) && !Run.TRIGGER_MANUAL.equals(value)) {
      throw new Invalid(Messages.mustBe("trigger", "schedule or manual"));
    }
    return value;
  }

  private static OffsetDateTime time(MultiMap query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw new Invalid(Messages.mustBe(name, "a timestamp such as 2026-12-01T09:00:00Z"));
    }
  }

  private static StatusChange statusChange(RoutingContext ctx) {
    JsonObject body = Input.object(ctx.body().buffer());
    List<UUID> tasks = Input.ids(body, "tasks", "task", null);
    if (tasks == null || tasks.isEmpty()) {
      throw new Invalid(Messages.missingField("tasks"));
    }
    if (tasks.size() > MAX_BATCH) {
      throw new Invalid(Messages.mustBe("tasks", "at most " + MAX_BATCH + " ids"));
    }
    Object status = body.getValue("status");
    if (!"running".equals(status) && !"stopped".equals(status)) {
      throw new Invalid(Messages.mustBe("status", "running or stopped"));
    }
    Object reason = body.getValue("reason");
    if (reason != null && !(reason instanceof String)) {
      throw new Invalid(Messages.mustBe("reason", "a string"));
    }
    String text = reason == null || ((String) reason).isBlank() ? null : ((String) reason).strip();
    if (text != null && text.length() > MAX_REASON) {
      throw new Invalid(Messages.tooLong("reason", MAX_REASON));
    }
    if (text != null && "running".equals(status)) {
      throw new Invalid(Messages.PAUSE_REASON_ONLY_WHEN_STOPPING);
    }
    return new StatusChange(tasks, "running".equals(status), text);
  }
}
