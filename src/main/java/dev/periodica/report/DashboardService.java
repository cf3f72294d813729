package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.GroupService;
import dev.periodica.access.ResourceService;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;

/** Dashboards may be shared only with groups the caller sees. */
public final class DashboardService extends ResourceService<Dashboard, DashboardDraft> {
  public static final String THING = "dashboard";
  private final GroupService groups;

  public DashboardService(DashboardRepository dashboards, GroupService groups, Clock clock) {
    super(dashboards, clock, THING);
    this.groups = groups;
  }

  @Override
  protected void checkChange(Caller caller, Dashboard current, DashboardDraft draft) {
    DashboardDraft before = current.fields();
    requireOwnerForShares(
        caller, current, before.userIds(), draft.userIds(), before.groupIds(), draft.groupIds());
  }

  @Override
  protected Future<Void> checkReferences(
      Caller caller, UUID id, DashboardDraft draft, DashboardDraft before) {
    return groups.requireVisible(
        caller, GroupService.added(draft.groupIds(), before == null ? null : before.groupIds()));
  }
}
