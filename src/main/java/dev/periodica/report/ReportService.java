package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.GroupService;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reports: filed under a category and built on a dashboard the caller sees, shared with users and
 * groups; system reports are readable by everyone and changed by no one through the API.
 */
public final class ReportService extends ResourceService<Report, ReportDraft> {
  public static final String THING = "report";
  private final ReportRepository reports;
  private final CategoryService categories;
  private final DashboardService dashboards;
  private final GroupService groups;
  private final WidgetService widgets;
  private final SeriesCheck queries;

  /** The report and the users its expansion names, as {@link #get} sees it (404 likewise). */
  public Future<ReportWithUsers> getWithUsers(Caller caller, UUID id) {
    return reports
        .findVisibleWithUsers(caller, id)
        .map(found -> found.orElseThrow(() -> new NotFound(Messages.notFound(THING))));
  }

  public ReportService(
      ReportRepository reports,
      CategoryService categories,
      DashboardService dashboards,
      GroupService groups,
      WidgetService widgets,
      SeriesCheck queries,
      Clock clock) {
    super(reports, clock, THING);
    this.reports = reports;
    this.categories = categories;
    this.dashboards = dashboards;
    this.groups = groups;
    this.widgets = widgets;
    this.queries = queries;
  }

  @Override
  public Future<Report> create(Caller caller, ReportDraft draft) {
    if (draft.isSystem() && !caller.admin()) {
      return Future.failedFuture(new Forbidden(Messages.ADMIN_ONLY_IS_SYSTEM));
    }
    return super.create(caller, draft);
  }

  @Override
  protected Future<Void> checkReferences(
      Caller caller, UUID id, ReportDraft draft, ReportDraft before) {
    if (before != null && before.isSystem() != draft.isSystem() && !caller.admin()) {
      return Future.failedFuture(new Forbidden(Messages.ADMIN_ONLY_IS_SYSTEM));
    }
    if (!unchanged(before, draft, ReportDraft::name)
        || !unchanged(before, draft, ReportDraft::settings)
        || !unchanged(before, draft, ReportDraft::config)) {
      java.util.Optional<String> rightToLeft = ReportTexts.rightToLeft(draft);
      if (rightToLeft.isPresent()) {
        return Future.failedFuture(new Invalid(Messages.rightToLeftText(rightToLeft.get())));
      }
    }
    Future<?> category =
        draft.categoryId() == null || unchanged(before, draft, ReportDraft::categoryId)
            ? Future.succeededFuture()
            : categories.get(caller, draft.categoryId());
    Future<?> dashboard =
        draft.dashboardId() == null || unchanged(before, draft, ReportDraft::dashboardId)
            ? Future.succeededFuture()
            : dashboards.get(caller, draft.dashboardId());
    List<UUID> addedGroups =
        GroupService.added(draft.groupIds(), before == null ? null : before.groupIds());
    Future<?> placements =
        unchanged(before, draft, ReportDraft::config)
            ? Future.succeededFuture()
            : placements(caller, draft, before);
    return Future.all(category, dashboard, groups.requireVisible(caller, addedGroups), placements)
        .mapEmpty();
  }

  private static boolean unchanged(
      ReportDraft before, ReportDraft draft, java.util.function.Function<ReportDraft, ?> field) {
    return before != null && java.util.Objects.equals(field.apply(before), field.apply(draft));
  }

  /**
   * The pages of a report not saved (a preview), checked as {@link #create} checks them: widgets
   * placed by id must be ones {@code caller} sees, inline series must check out.
   */
  public Future<Void> checkUnsavedPlacements(Caller caller, ReportDraft draft) {
    try {
      return placements(caller, draft, null);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Every page placement must be a widget the caller sees ({@code widget_id}; all of them checked
   * in one statement) or an inline widget ({@code widget}) whose series check out.
   */
  private Future<Void> placements(Caller caller, ReportDraft draft, ReportDraft before) {
    java.util.Set<Object> placedBefore = before == null ? java.util.Set.of() : widgetIds(before);
    Set<UUID> widgetIds = new HashSet<>();
    List<SeriesCheck.Inline> inlined = new ArrayList<>();
    for (Object page : draft.config().getJsonArray("pages", new JsonArray())) {
      for (Object item : (JsonArray) page) {
        JsonObject placement = (JsonObject) item;
        Object widgetId = placement.getValue("widget_id");
        if (widgetId != null && placedBefore.contains(widgetId)) {
          continue;
        }
        if (widgetId != null) {
          UUID id =
              widgetId instanceof String text
                  ? Ids.parse(text).orElseThrow(() -> new Invalid(Messages.idNotUuid("widget")))
                  : null;
          if (id == null) {
            return Future.failedFuture(new Invalid(Messages.idNotUuid("widget")));
          }
          widgetIds.add(id);
        } else if (placement.getValue("widget") instanceof JsonObject inline) {
          inlined.add(
              inline.getValue("config") instanceof JsonObject config
                  ? new SeriesCheck.Inline(config, inline.getJsonObject("settings"))
                  : new SeriesCheck.Inline(inline, null));
        }
      }
    }
    return Future.all(widgets.requireVisible(caller, widgetIds), queries.check(inlined)).mapEmpty();
  }

  /** The {@code widget_id}s placed on the pages of an already stored report. */
  private static java.util.Set<Object> widgetIds(ReportDraft stored) {
    java.util.Set<Object> ids = new java.util.HashSet<>();
    for (Object page : stored.config().getJsonArray("pages", new JsonArray())) {
      if (page instanceof JsonArray placements) {
        for (Object item : placements) {
          if (item instanceof JsonObject placement && placement.getValue("widget_id") != null) {
            ids.add(placement.getValue("widget_id"));
          }
        }
      }
    }
    return ids;
  }

  @Override
  protected void checkChange(Caller caller, Report current, ReportDraft draft) {
    ReportDraft before = current.fields();
    requireOwnerForShares(
        caller, current, before.userIds(), draft.userIds(), before.groupIds(), draft.groupIds());
  }

  /** System reports are everyone's to read and only administrators' to change or delete. */
  @Override
  protected void checkMayChange(Caller caller, Report current) {
    if (current.fields().isSystem() && !caller.admin()) {
      throw new Forbidden(Messages.SYSTEM_REPORT_READ_ONLY);
    }
  }

  @Override
  protected Future<Void> checkMayDelete(Caller caller, Report current) {
    return current.fields().isSystem() && caller.admin()
        ? Future.succeededFuture()
        : super.checkMayDelete(caller, current);
  }

  /** The report whose stable numeric id is {@code number}; {@code report not found} if hidden. */
  public Future<Report> getByNumber(Caller caller, long number) {
    return reports
        .findVisibleByNumber(caller, number)
        .map(
            found ->
                found.orElseThrow(
                    () -> new dev.periodica.common.NotFound(Messages.notFound(THING))));
  }
}
