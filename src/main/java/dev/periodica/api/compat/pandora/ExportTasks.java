package dev.periodica.api.compat.pandora;

import dev.periodica.access.Caller;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import dev.periodica.run.RunQueue;
import dev.periodica.task.ReportTask;
import dev.periodica.task.ReportTaskService;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskOrigin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The export tasks of seed 002 on the native services: a task is a {@code dataset.export} of its
 * {@code spl} as CSV, of origin {@code export}, named by {@code name}; the Pandora interval as
 * given (and the cron it became) and the description are kept in the task's attributes. Only tasks
 * of origin {@code export} are seen here; any other answers as a missing one.
 */
final class ExportTasks {
  static final String JOB = "dataset.export";

  /** Pandora's task sort columns, the default first. */
  static final Map<String, Paging.Column> TASK_SORTS = new LinkedHashMap<>();

  /** Pandora's history sort columns. */
  static final Map<String, Paging.Column> HISTORY_SORTS = new LinkedHashMap<>();

  static {
    TASK_SORTS.put("createTime", new Paging.Column("created_at", false));
    TASK_SORTS.put("updateTime", new Paging.Column("updated_at", false));
    TASK_SORTS.put("lastRunTime", new Paging.Column("last_run_at", false));
    TASK_SORTS.put("name", new Paging.Column("name", false));
    TASK_SORTS.put("count", new Paging.Column("run_count", false));
    // running sorts before stopped, as their names do, while running is the flag set
    TASK_SORTS.put("status", new Paging.Column("enabled", true));
    HISTORY_SORTS.put("time", new Paging.Column("created_at", false));
    HISTORY_SORTS.put("count", new Paging.Column("number", false));
    HISTORY_SORTS.put("status", new Paging.Column("outcome", false));
    HISTORY_SORTS.put("tookMillis", new Paging.Column("took", false));
  }

  /** A batch start or stop: the ids as sent, and whether they should run. */
  record StatusChange(List<String> tasks, boolean running) {
    static final int MAX_TASKS = 1000;

    static StatusChange read(JsonObject body) {
      Object status = body.getValue("status");
      if (!ExportViews.RUNNING.equals(status) && !ExportViews.STOPPED.equals(status)) {
        throw new Invalid(PandoraMessages.STATUS);
      }
      if (!(body.getValue("tasks") instanceof JsonArray array) || array.size() > MAX_TASKS) {
        throw new Invalid(PandoraMessages.TASKS);
      }
      List<String> ids = new ArrayList<>();
      for (Object item : array) {
        if (!(item instanceof String id)) {
          throw new Invalid(PandoraMessages.TASKS);
        }
        ids.add(id);
      }
      return new StatusChange(ids.stream().distinct().toList(), ExportViews.RUNNING.equals(status));
    }
  }

  private final ReportTaskService tasks;
  private final RunQueue runs;
  private final Clock clock;

  ExportTasks(ReportTaskService tasks, RunQueue runs, Clock clock) {
    this.tasks = tasks;
    this.runs = runs;
    this.clock = clock;
  }

  /** A task id of this API: a uuid; anything else names no task. */
  static UUID taskId(String text) {
    return Ids.parse(text == null ? "" : text.trim())
        .orElseThrow(() -> new NotFound(PandoraMessages.TASK_NOT_FOUND));
  }

  Future<JsonObject> create(Caller caller, ExportTaskInput input) {
    TaskDraft draft = apply(TaskDraft.defaults().origin(TaskOrigin.EXPORT), input, null).build();
    return tasks
        .create(caller, draft)
        .map(task -> new JsonObject().put("id", task.id().toString()))
        .recover(failure -> translate(failure, input));
  }

  /** Replaces the name, spl and interval; the status and everything else are kept. */
  Future<JsonObject> update(Caller caller, UUID id, ExportTaskInput input) {
    return tasks
        .update(
            caller,
            id,
            current -> {
              if (current.origin() != TaskOrigin.EXPORT) {
                throw new NotFound(PandoraMessages.TASK_NOT_FOUND);
              }
              return apply(current.toBuilder(), input, current.params()).build();
            })
        .map(task -> new JsonObject())
        .recover(failure -> translate(failure, input));
  }

  Future<JsonObject> delete(Caller caller, UUID id) {
    return find(caller, id)
        .compose(task -> tasks.delete(caller, task.id()))
        .map(done -> new JsonObject())
        .recover(failure -> translate(failure, null));
  }

  /** All or nothing: when one of the tasks is not the caller's to see, none changes. */
  Future<JsonObject> setStatus(Caller caller, StatusChange change) {
    Map<String, UUID> ids = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String text : change.tasks()) {
      Ids.parse(text.trim()).ifPresentOrElse(id -> ids.put(text, id), () -> unknown.add(text));
    }
    Set<UUID> wanted = Set.copyOf(ids.values());
    return tasks
        .findOfOrigin(caller, TaskOrigin.EXPORT, wanted)
        .compose(
            found -> {
              Set<UUID> seen =
                  found.stream().map(ReportTask::id).collect(Collectors.toUnmodifiableSet());
              ids.forEach(
                  (text, id) -> {
                    if (!seen.contains(id)) {
                      unknown.add(text);
                    }
                  });
              if (!unknown.isEmpty()) {
                return Future.failedFuture(
                    new NotFound(PandoraMessages.tasksNotFound(List.copyOf(unknown))));
              }
              return wanted.isEmpty()
                  ? Future.succeededFuture()
                  : runs.setEnabled(caller.userId(), List.copyOf(wanted), change.running());
            })
        .map(done -> new JsonObject());
  }

  Future<JsonObject> list(Caller caller, Paging paging) {
    return tasks
        .listOfOrigin(caller, TaskOrigin.EXPORT, paging.request())
        .map(
            page -> {
              JsonArray items = new JsonArray();
              page.items().forEach(task -> items.add(ExportViews.task(caller, task)));
              return new JsonObject()
                  .put("total", page.total())
                  .put("pageNo", paging.pageNo())
                  .put("pageSize", paging.pageSize())
                  .put("tasks", items);
            });
  }

  Future<JsonObject> history(Caller caller, UUID id, Paging paging) {
    return find(caller, id)
        .compose(
            task ->
                runs.history(
                    caller.userId(),
                    task.id(),
                    ExportViews.statusesStartingWith(paging.prefix()),
                    paging.request()))
        .map(
            page -> {
              Instant now = clock.instant();
              JsonArray items = new JsonArray();
              page.items().forEach(run -> items.add(ExportViews.history(run, now)));
              return new JsonObject()
                  .put("total", page.total())
                  .put("pageNo", paging.pageNo())
                  .put("pageSize", paging.pageSize())
                  .put("histories", items);
            });
  }

  /** The caller's visible export task {@code id}, or {@code task not found}. */
  private Future<ReportTask> find(Caller caller, UUID id) {
    return tasks
        .findOfOrigin(caller, TaskOrigin.EXPORT, List.of(id))
        .map(
            found -> {
              if (found.isEmpty()) {
                throw new NotFound(PandoraMessages.TASK_NOT_FOUND);
              }
              return found.get(0);
            });
  }

  /**
   * The export of {@code spl} as CSV; on an update the params' other keys (set through the native
   * API) are kept, but never a structured query beside the SQL.
   */
  private static TaskDraft.Builder apply(
      TaskDraft.Builder builder, ExportTaskInput input, JsonObject params) {
    JsonObject exportParams = params == null ? new JsonObject() : params.copy();
    exportParams.remove("query");
    exportParams.put("sql", input.spl()).put("format", "csv");
    JsonObject attributes =
        new JsonObject()
            .put(ExportViews.INTERVAL, input.interval().toJson())
            .put(ExportViews.CRON, input.interval().cron())
            .put(ExportViews.DESCRIPTION, input.description());
    return builder
        .interval(input.interval().cron())
        .job(JOB)
        .params(exportParams)
        .name(input.name())
        .attributes(attributes);
  }

  /** The native services' messages in this API's field names. */
  private static <T> Future<T> translate(Throwable failure, ExportTaskInput input) {
    if (failure instanceof Invalid invalid) {
      String message = invalid.getMessage();
      if (message.startsWith("params.sql")) {
        return Future.failedFuture(new Invalid("spl" + message.substring("params.sql".length())));
      }
      if (message.equals(Messages.INVALID_INTERVAL) || message.equals(Messages.MISSING_INTERVAL)) {
        return Future.failedFuture(
            new Invalid(
                input != null && input.interval().cronDate() == null
                    ? PandoraMessages.CRONTAB_INVALID
                    : PandoraMessages.INTERVAL_INVALID));
      }
      if (message.equals(Messages.SCHEDULE_NEVER_FIRES)) {
        return Future.failedFuture(new Invalid(PandoraMessages.NEVER_FIRES));
      }
    }
    return Future.failedFuture(failure);
  }
}
