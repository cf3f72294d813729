package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/** Widgets live on a dashboard the caller sees; moving one needs the target dashboard too. */
public final class WidgetService extends ResourceService<Widget, WidgetDraft> {
  public static final String THING = "widget";
  private final WidgetRepository widgets;
  private final DashboardService dashboards;
  private final SeriesCheck queries;

  public WidgetService(
      WidgetRepository widgets, DashboardService dashboards, SeriesCheck queries, Clock clock) {
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

  /** Moving a widget takes it from everyone who sees its dashboard: only its owner may. */
  @Override
  protected void checkChange(Caller caller, Widget current, WidgetDraft draft) {
    if (!current.fields().dashboardId().equals(draft.dashboardId())
        && !current.ownerId().equals(caller.userId())) {
      throw new Forbidden(Messages.OWNER_ONLY_MOVE_WIDGET);
    }
  }

  @Override
  protected Future<Void> checkReferences(
      Caller caller, UUID id, WidgetDraft draft, WidgetDraft before) {
    java.util.Optional<String> rightToLeft =
        ReportTexts.rightToLeft(
            new JsonObject()
                .put("name", draft.name())
                .put("config", draft.config())
                .put("settings", draft.settings()));
    if (rightToLeft.isPresent()) {
      return Future.failedFuture(
          new dev.periodica.common.Invalid(
              dev.periodica.common.Messages.rightToLeftText("widget " + rightToLeft.get())));
    }
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
