package dev.periodica.api.compat.sops;

import dev.periodica.access.Caller;
import dev.periodica.common.Ids;
import dev.periodica.common.NotFound;
import dev.periodica.report.Report;
import dev.periodica.report.ReportService;
import dev.periodica.task.ReportTask;
import dev.periodica.task.ReportTaskService;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskOrigin;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/**
 * The six bk-sops operations over the native services, as the caller the credentials name: a task
 * is an ordinary {@code report.generate} task of origin {@code sops} whose {@code params.constants}
 * are bound as {@code ${key}} in its report's queries.
 */
final class SopsHandlers {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private final ReportTaskService tasks;
  private final ReportService reports;

  SopsHandlers(ReportTaskService tasks, ReportService reports) {
    this.tasks = tasks;
    this.reports = reports;
  }

  /** Who calls, and as which bk_username. */
  record Who(Caller caller, String username) {}

  Future<Object> create(Who who, SopsInput in) {
    String bizId = in.bizId();
    String templateId = in.requiredText("template_id", 64).strip();
    String name = in.requiredText("name", SopsInput.MAX_TEXT);
    String interval = in.cron();
    Map<String, Object> constants = in.constants();
    String flowType = in.text("flow_type", 64);
    return template(who.caller(), templateId)
        .compose(
            report -> {
              JsonObject values = new JsonObject();
              JsonObject form = new JsonObject();
              constants.forEach(
                  (key, value) -> {
                    values.put(SopsInput.bare(key), value);
                    form.put(key, SopsViews.metadata(key));
                  });
              JsonObject attributes =
                  new JsonObject()
                      .put(SopsViews.BIZ_ID, bizId)
                      .put(SopsViews.CREATOR, who.username())
                      .put(SopsViews.TEMPLATE_ID, Long.toString(report.number()))
                      .put(SopsViews.FORM, form);
              if (flowType != null) {
                attributes.put(SopsViews.FLOW_TYPE, flowType);
              }
              TaskDraft draft =
                  TaskDraft.defaults()
                      .interval(interval)
                      .job(TaskDraft.DEFAULT_JOB)
                      .reportId(report.id())
                      .params(new JsonObject().put("constants", values))
                      .name(name)
                      .origin(TaskOrigin.SOPS)
                      .attributes(attributes)
                      .build();
              return tasks.create(who.caller(), draft);
            })
        .map(SopsViews::detail);
  }

  Future<Object> list(Who who, SopsInput in) {
    String bizId = in.bizId();
    int limit = in.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = in.integer("offset", 0, 0, Integer.MAX_VALUE);
    return tasks
        .listSops(who.caller(), bizId, limit, offset)
        .map(
            found -> {
              JsonArray items = new JsonArray();
              found.forEach(task -> items.add(SopsViews.summary(task)));
              return items;
            });
  }

  Future<Object> info(Who who, SopsInput in) {
    String bizId = in.bizId();
    // the documented example of get_periodic_task_info names the task "task"
    long id = in.json().containsKey("task_id") ? in.id("task_id") : in.id(taskKey(in));
    return task(who.caller(), bizId, id).map(SopsViews::detail);
  }

  Future<Object> setEnabled(Who who, SopsInput in) {
    String bizId = in.bizId();
    long id = in.id("task_id");
    boolean enabled = in.enabled();
    return change(who, bizId, id, draft -> draft.toBuilder().enabled(enabled).build())
        .map(task -> new JsonObject().put("enabled", task.fields().enabled()));
  }

  Future<Object> modifyCron(Who who, SopsInput in) {
    String bizId = in.bizId();
    long id = in.id("task_id");
    String interval = in.cron();
    return change(who, bizId, id, draft -> draft.toBuilder().interval(interval).build())
        .map(task -> new JsonObject().put("cron", SopsViews.cron(task.fields().interval())));
  }

  /**
   * Sets the given constants' values, adding those the task did not have; the others keep theirs.
   * Answers the whole form.
   */
  Future<Object> modifyConstants(Who who, SopsInput in) {
    String bizId = in.bizId();
    long id = in.id("task_id");
    Map<String, Object> constants = in.constants();
    return change(
            who,
            bizId,
            id,
            draft -> {
              JsonObject params = draft.params().copy();
              JsonObject values =
                  params.getValue("constants") instanceof JsonObject given
                      ? given
                      : new JsonObject();
              JsonObject attributes =
                  draft.attributes() == null ? new JsonObject() : draft.attributes().copy();
              JsonObject form = attributes.getJsonObject(SopsViews.FORM, new JsonObject());
              constants.forEach(
                  (key, value) -> {
                    values.put(SopsInput.bare(key), value);
                    if (!form.containsKey(key)) {
                      form.put(key, SopsViews.metadata(key));
                    }
                  });
              return draft.toBuilder()
                  .params(params.put("constants", values))
                  .attributes(attributes.put(SopsViews.FORM, form))
                  .build();
            })
        .map(SopsViews::form);
  }

  private static String taskKey(SopsInput in) {
    return in.json().containsKey("task") ? "task" : "task_id";
  }

  private Future<ReportTask> change(
      Who who, String bizId, long id, java.util.function.UnaryOperator<TaskDraft> change) {
    return task(who.caller(), bizId, id)
        .compose(task -> tasks.update(who.caller(), task.id(), change));
  }

  /** The facade's task {@code number} of business {@code bizId}, if the caller sees it. */
  private Future<ReportTask> task(Caller caller, String bizId, long number) {
    return tasks
        .getByNumber(caller, number)
        .recover(failure -> Future.failedFuture(notFound(failure, SopsMessages.TASK_NOT_FOUND)))
        .compose(
            task ->
                task.fields().origin() == TaskOrigin.SOPS
                        && bizId.equals(SopsViews.attributes(task).getString(SopsViews.BIZ_ID))
                    ? Future.succeededFuture(task)
                    : Future.failedFuture(new SopsError(SopsMessages.TASK_NOT_FOUND)));
  }

  /** {@code template_id}: a report's uuid or its number, if the caller sees it. */
  private Future<Report> template(Caller caller, String templateId) {
    Future<Report> found;
    UUID uuid = Ids.parse(templateId).orElse(null);
    if (uuid != null) {
      found = reports.get(caller, uuid);
    } else if (templateId.matches("[0-9]{1,18}")) {
      found = reports.getByNumber(caller, Long.parseLong(templateId));
    } else {
      return Future.failedFuture(
          new SopsError(SopsMessages.mustBe("template_id", "a report's number or uuid")));
    }
    return found.recover(
        failure -> Future.failedFuture(notFound(failure, SopsMessages.TEMPLATE_NOT_FOUND)));
  }

  private static Throwable notFound(Throwable failure, String message) {
    return failure instanceof NotFound ? new SopsError(message) : failure;
  }
}
