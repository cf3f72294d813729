package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;

/** Widgets live on a dashboard the caller sees; moving one needs the target dashboard too. */
public final class WidgetService extends ResourceService<Widget, WidgetDraft> {
  public static final String THING = "widget";
  private final DashboardService dashboards;
  private final WidgetQueries queries;

  public WidgetService(
      WidgetRepository widgets, DashboardService dashboards, WidgetQueries queries, Clock clock) {
    super(widgets, clock, THING);
    this.dashboards = dashboards;
    this.queries = queries;
  }

  @Override
  protected Future<Void> checkReferences(
      Caller caller, UUID id, WidgetDraft draft, WidgetDraft before) {
    Future<?> dashboard =
        before != null && before.dashboardId().equals(draft.dashboardId())
            ? Future.succeededFuture()
            : dashboards.get(caller, draft.dashboardId());
    boolean queriesChanged =
        before == null
            || !java.util.Objects.equals(before.config(), draft.config())
            || !java.util.Objects.equals(before.settings(), draft.settings());
    return dashboard.compose(
        ok ->
            queriesChanged
                ? queries.check(draft.config(), draft.settings())
                : Future.succeededFuture());
  }
}
