package dev.periodica.report;

import dev.periodica.access.VisibleRepository;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/** Storage of widgets: a widget is visible when its dashboard is. */
public interface WidgetRepository extends VisibleRepository<Widget, WidgetDraft> {
  Future<List<Widget>> findByDashboard(UUID dashboardId);
}
