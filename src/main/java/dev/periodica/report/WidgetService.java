package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/** Widgets live on a dashboard the caller sees; moving one needs the target dashboard too. */
public final class WidgetService extends ResourceService<Widget, WidgetDraft> {
  public static final String THING = "widget";
  private final WidgetRepository widgets;
  private final DashboardService dashboards;
  private final WidgetQueries queries;

  public WidgetService(
      WidgetRepository widgets, DashboardService dashboards, WidgetQueries queries, Clock clock) {
    super(widgets, clock, THING);
    this.widgets = widgets;
    this.dashboards = dashboards;
    this.queries = queries;
  }

  /** Fails with {@code widget not found} unless the caller sees every widget in {@code ids}. */
  public Future<Void> requireVisible(Caller caller, Set<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return widgets
        .findVisible(caller, ids)
        .compose(
            found ->
                found.size() == ids.size()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new NotFound(Messages.notFound(THING))));
  }

  @Override
  protected Future<Void> checkReferences(Caller caller, UUID id, WidgetDraft draft) {
    return dashboards
        .get(caller, draft.dashboardId())
        .compose(dashboard -> queries.check(draft.config(), draft.settings()));
  }
}
