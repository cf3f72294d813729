package dev.periodica.api;

import dev.periodica.access.Group;
import dev.periodica.access.User;
import dev.periodica.common.Timestamps;
import dev.periodica.report.Category;
import dev.periodica.report.Dashboard;
import dev.periodica.report.Report;
import dev.periodica.report.Widget;
import dev.periodica.task.ReportTask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** The JSON shapes of the native API, named as the seed names its fields. */
final class Views {
  private Views() {}

  static JsonObject user(User user) {
    return new JsonObject()
        .put("id", str(user.id()))
        .put("email", user.email())
        .put("first_name", user.firstName())
        .put("last_name", user.lastName())
        .put("username", user.username());
  }

  static JsonObject group(Group group) {
    var fields = group.fields();
    return stamped(group.id(), group.createdAt(), group.updatedAt())
        .put("name", fields.name())
        .put("parent_group", fields.parentGroup())
        .put("realm_id", fields.realmId())
        .put("email", fields.email())
        .put("phone_number", fields.phoneNumber())
        .put("leader_id", fields.leaderId())
        .put("accept_risk", fields.acceptRisk())
        .put("visible_scan_schedules", fields.visibleScanSchedules())
        .put("stop_scans", fields.stopScans())
        .put("edited_by", fields.editedBy())
        .put("owner_id", str(group.ownerId()))
        .put("user_ids", ids(fields.userIds()));
  }

  static JsonObject category(Category category) {
    return stamped(category.id(), category.createdAt(), category.updatedAt())
        .put("name", category.fields().name())
        .put("parent_id", str(category.fields().parentId()))
        .put("owner_id", str(category.ownerId()));
  }

  static JsonObject widget(Widget widget) {
    var fields = widget.fields();
    return stamped(widget.id(), widget.createdAt(), widget.updatedAt())
        .put("name", fields.name())
        .put("config", fields.config())
        .put("settings", fields.settings())
        .put("dashboard_id", str(fields.dashboardId()));
  }

  /** A dashboard with ids only, as lists show it. */
  static JsonObject dashboard(Dashboard dashboard) {
    var fields = dashboard.fields();
    return stamped(dashboard.id(), dashboard.createdAt(), dashboard.updatedAt())
        .put("name", fields.name())
        .put("config", fields.config())
        .put("owner_id", str(dashboard.ownerId()))
        .put("user_ids", ids(fields.userIds()))
        .put("group_ids", ids(fields.groupIds()));
  }

  /** A dashboard with owner, shares and widgets expanded, as the seed nests it in a report. */
  static JsonObject dashboard(DashboardDetails details) {
    return dashboard(details.dashboard())
        .put("owner", details.owner() == null ? null : user(details.owner()))
        .put("users", list(details.users(), Views::user))
        .put("groups", groups(details.dashboard().fields().groupIds(), details.groups()))
        .put("widgets", list(details.widgets(), Views::widget));
  }

  /** A report with ids only, as lists show it. */
  static JsonObject report(Report report) {
    var fields = report.fields();
    return stamped(report.id(), report.createdAt(), report.updatedAt())
        .put("number", report.number())
        .put("name", fields.name())
        .put("config", fields.config())
        .put("settings", fields.settings())
        .put("is_system", fields.isSystem())
        .put("category_id", str(fields.categoryId()))
        .put("dashboard_id", str(fields.dashboardId()))
        .put("owner_id", str(report.ownerId()))
        .put("user_ids", ids(fields.userIds()))
        .put("group_ids", ids(fields.groupIds()))
        .put("task_id", str(report.taskId()));
  }

  /** A report with every relation expanded: the {@code report} of the seed's task model. */
  static JsonObject report(ReportDetails details) {
    ReportTask task = details.task();
    var fields = details.report().fields();
    return report(details.report())
        .put(
            "category",
            details.category() != null
                ? category(details.category())
                : reference(fields.categoryId()))
        .put(
            "dashboard",
            details.dashboard() != null
                ? dashboard(details.dashboard())
                : reference(fields.dashboardId()))
        .put("owner", details.owner() == null ? null : user(details.owner()))
        .put("users", list(details.users(), Views::user))
        .put("groups", groups(fields.groupIds(), details.groups()))
        .put("task_id", task == null ? null : str(task.id()))
        .put("task", task == null ? null : taskSummary(task));
  }

  /** The task as the seed nests it inside its report. */
  static JsonObject taskSummary(ReportTask task) {
    return stamped(task.id(), task.createdAt(), task.updatedAt())
        .put("interval", task.fields().interval())
        .put("instance", str(task.fields().instance()));
  }

  /** A task with its own fields, as lists show it. */
  static JsonObject task(ReportTask task) {
    var fields = task.fields();
    return taskSummary(task)
        .put("number", task.number())
        .put("name", fields.name())
        .put("origin", fields.origin().code())
        .put("report_id", str(fields.reportId()))
        .put("job", fields.job())
        .put("params", fields.params())
        .put("timezone", fields.timezone())
        .put("calendar", fields.calendar())
        .put("enabled", fields.enabled())
        .put("next_run_at", Timestamps.format(task.nextRunAt()))
        .put("last_run_at", Timestamps.format(task.lastRunAt()))
        .put("run_count", task.runCount())
        .put("paused_reason", task.pausedReason())
        .put("paused_by", task.pausedBy() == null ? null : task.pausedBy().toString())
        .put("paused_at", Timestamps.format(task.pausedAt()))
        .put("start_at", Timestamps.format(fields.startAt()))
        .put("stop_at", Timestamps.format(fields.stopAt()))
        .put("overlap", fields.overlap().code())
        .put("misfire", fields.misfire().code())
        .put("max_attempts", fields.maxAttempts())
        .put("timeout_seconds", fields.timeoutSeconds())
        .put("placement", fields.placement().placement().code())
        .put("instances", new JsonArray(new java.util.ArrayList<>(fields.placement().instances())))
        .put("owner_id", str(task.ownerId()));
  }

  /** The seed's task model: the task with its report expanded (null for a job without one). */
  static JsonObject task(TaskDetails details) {
    return task(details.task())
        .put("report", details.report() == null ? null : report(details.report()));
  }

  /**
   * The groups {@code ids} names, in order: expanded when the caller may see them ({@code
   * visible}), else by id alone so members, e-mail and phone stay with those allowed to see them.
   */
  private static JsonArray groups(List<UUID> ids, List<Group> visible) {
    java.util.Map<UUID, Group> byId = new java.util.HashMap<>();
    visible.forEach(group -> byId.put(group.id(), group));
    JsonArray array = new JsonArray();
    for (UUID id : ids) {
      Group group = byId.get(id);
      array.add(group == null ? reference(id) : group(group));
    }
    return array;
  }

  /** An object the caller may not see, by its id alone; null when there is none. */
  private static JsonObject reference(UUID id) {
    return id == null ? null : new JsonObject().put("id", id.toString());
  }

  /**
   * The start of every resource's view, its map sized for the thirty-odd fields of the largest (a
   * task) so that no view rehashes its fields as they are added.
   */
  private static JsonObject stamped(UUID id, OffsetDateTime created, OffsetDateTime updated) {
    return new JsonObject(new java.util.LinkedHashMap<>(64))
        .put("id", str(id))
        .put("created_at", Timestamps.format(created))
        .put("updated_at", Timestamps.format(updated));
  }

  private static <T> JsonArray list(List<T> items, Function<T, JsonObject> view) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(view.apply(item)));
    return array;
  }

  private static JsonArray ids(Collection<UUID> ids) {
    JsonArray array = new JsonArray();
    ids.forEach(id -> array.add(id.toString()));
    return array;
  }

  private static String str(UUID id) {
    return id == null ? null : id.toString();
  }
}
