package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.VisibleRepository;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Storage of widgets: a widget is visible when its dashboard is. */
public interface WidgetRepository extends VisibleRepository<Widget, WidgetDraft> {
  Future<List<Widget>> findByDashboard(UUID dashboardId);

  /** The widgets among {@code ids} the caller sees, in one statement; others are left out. */
  Future<List<Widget>> findVisible(Caller caller, Collection<UUID> ids);

  /** The widgets among {@code ids} whatever their visibility, in one statement (to run reports). */
  Future<List<Widget>> findAll(Collection<UUID> ids);
}
