package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.GroupService;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Messages;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;

/**
 * Reports: filed under a category and built on a dashboard the caller sees, shared with users and
 * groups; system reports are readable by everyone and changed by no one through the API.
 */
public final class ReportService extends ResourceService<Report, ReportDraft> {
  public static final String THING = "report";
  private final CategoryService categories;
  private final DashboardService dashboards;
  private final GroupService groups;

  public ReportService(
      ReportRepository reports,
      CategoryService categories,
      DashboardService dashboards,
      GroupService groups,
      Clock clock) {
    super(reports, clock, THING);
    this.categories = categories;
    this.dashboards = dashboards;
    this.groups = groups;
  }

  @Override
  protected Future<Void> checkReferences(Caller caller, UUID id, ReportDraft draft) {
    Future<?> category =
        draft.categoryId() == null
            ? Future.succeededFuture()
            : categories.get(caller, draft.categoryId());
    Future<?> dashboard =
        draft.dashboardId() == null
            ? Future.succeededFuture()
            : dashboards.get(caller, draft.dashboardId());
    return Future.all(category, dashboard, groups.requireVisible(caller, draft.groupIds()))
        .mapEmpty();
  }

  @Override
  protected void checkMayChange(Caller caller, Report current) {
    if (current.fields().isSystem()) {
      throw new Forbidden(Messages.SYSTEM_REPORT_READ_ONLY);
    }
  }
}
