package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.access.Group;
import dev.periodica.access.GroupRepository;
import dev.periodica.access.User;
import dev.periodica.access.UserRepository;
import dev.periodica.report.Category;
import dev.periodica.report.CategoryRepository;
import dev.periodica.report.Dashboard;
import dev.periodica.report.DashboardRepository;
import dev.periodica.report.Report;
import dev.periodica.report.ReportDraft;
import dev.periodica.report.ReportWithUsers;
import dev.periodica.report.Widget;
import dev.periodica.report.WidgetRepository;
import dev.periodica.task.ReportTask;
import dev.periodica.task.ReportTaskRepository;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Expands a report the caller may see into the nested model of the seed: its category, dashboard
 * (with owner, shares and widgets), owner, shares and latest task. Only what the caller may see is
 * expanded (a report shared with them may sit in the owner's category or be shared with groups they
 * are not in); a reference they may not see is left out here and shown by its id alone. Two round
 * trips whatever the size: the report's direct relations, then all users and groups.
 */
public final class ReportDetailsLoader {
  private final CategoryRepository categories;
  private final DashboardRepository dashboards;
  private final WidgetRepository widgets;
  private final ReportTaskRepository tasks;
  private final UserRepository users;
  private final GroupRepository groups;

  public ReportDetailsLoader(
      CategoryRepository categories,
      DashboardRepository dashboards,
      WidgetRepository widgets,
      ReportTaskRepository tasks,
      UserRepository users,
      GroupRepository groups) {
    this.categories = categories;
    this.dashboards = dashboards;
    this.widgets = widgets;
    this.tasks = tasks;
    this.users = users;
    this.groups = groups;
  }

  public Future<ReportDetails> load(Caller caller, Report report) {
    return load(caller, report, null);
  }

  /**
   * As {@link #load(Caller, Report)}, reusing {@code known} (a task the caller has just read or
   * written, or null) when it is the report's latest task instead of reading it again.
   */
  public Future<ReportDetails> load(Caller caller, Report report, ReportTask known) {
    return load(caller, report, known, Map.of());
  }

  /**
   * As {@link #load(Caller, Report, ReportTask)} for a report read with the users it names, so only
   * users it does not hold (a dashboard's) are read.
   */
  public Future<ReportDetails> load(Caller caller, ReportWithUsers read, ReportTask known) {
    return load(caller, read.report(), known, read.users());
  }

  /**
   * As {@link #load(Caller, ReportWithUsers, ReportTask)} for a report read with its latest task as
   * the caller sees it: {@code latest} is that task, or null when the caller sees none (nothing is
   * read again).
   */
  public Future<ReportDetails> loadWithLatestTask(
      Caller caller, ReportWithUsers read, ReportTask latest) {
    return load(
        caller, read.report(), Future.succeededFuture(Optional.ofNullable(latest)), read.users());
  }

  private Future<ReportDetails> load(
      Caller caller, Report report, ReportTask known, Map<UUID, User> knownUsers) {
    Future<Optional<ReportTask>> task =
        known != null && known.id().equals(report.taskId())
            ? Future.succeededFuture(Optional.of(known))
            : byId(report.taskId(), id -> tasks.findVisible(caller, id));
    return load(caller, report, task, knownUsers);
  }

  private Future<ReportDetails> load(
      Caller caller, Report report, Future<Optional<ReportTask>> task, Map<UUID, User> knownUsers) {
    ReportDraft fields = report.fields();
    Future<Optional<Category>> category =
        byId(fields.categoryId(), id -> categories.findVisible(caller, id));
    Future<Optional<Dashboard>> dashboard =
        byId(fields.dashboardId(), id -> dashboards.findVisible(caller, id));
    return Future.all(category, dashboard, task)
        .compose(
            related -> {
              Optional<Dashboard> board = dashboard.result();
              Future<List<Widget>> dashboardWidgets =
                  board.isEmpty()
                      ? Future.succeededFuture(List.of())
                      : widgets.findByDashboard(board.get().id());
              Set<UUID> userIds = new LinkedHashSet<>();
              Set<UUID> groupIds = new LinkedHashSet<>(fields.groupIds());
              userIds.add(report.ownerId());
              userIds.addAll(fields.userIds());
              board.ifPresent(
                  b -> {
                    userIds.add(b.ownerId());
                    userIds.addAll(b.fields().userIds());
                    groupIds.addAll(b.fields().groupIds());
                  });
              userIds.removeAll(knownUsers.keySet());
              Future<Map<UUID, User>> userMap =
                  userIds.isEmpty()
                      ? Future.succeededFuture(knownUsers)
                      : users.find(userIds).map(found -> merged(knownUsers, found));
              Future<Map<UUID, Group>> groupMap =
                  groups.findVisible(caller, groupIds).map(ReportDetailsLoader::groupsByKey);
              return Future.all(userMap, groupMap, dashboardWidgets)
                  .map(
                      loaded ->
                          new ReportDetails(
                              report,
                              category.result().orElse(null),
                              board
                                  .map(
                                      b ->
                                          new DashboardDetails(
                                              b,
                                              userMap.result().get(b.ownerId()),
                                              pick(userMap.result(), b.fields().userIds()),
                                              pick(groupMap.result(), b.fields().groupIds()),
                                              dashboardWidgets.result()))
                                  .orElse(null),
                              userMap.result().get(report.ownerId()),
                              pick(userMap.result(), fields.userIds()),
                              pick(groupMap.result(), fields.groupIds()),
                              task.result().orElse(null)));
            });
  }

  private static <T> Future<Optional<T>> byId(UUID id, Function<UUID, Future<Optional<T>>> find) {
    return id == null ? Future.succeededFuture(Optional.empty()) : find.apply(id);
  }

  private static Map<UUID, User> merged(Map<UUID, User> known, List<User> found) {
    Map<UUID, User> all = new java.util.HashMap<>(known);
    found.forEach(user -> all.put(user.id(), user));
    return all;
  }

  private static Map<UUID, Group> groupsByKey(List<Group> list) {
    return list.stream().collect(Collectors.toMap(Group::id, Function.identity()));
  }

  private static <T> List<T> pick(Map<UUID, T> loaded, List<UUID> ids) {
    List<T> picked = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      T item = loaded.get(id);
      if (item != null) {
        picked.add(item);
      }
    }
    return picked;
  }
}
