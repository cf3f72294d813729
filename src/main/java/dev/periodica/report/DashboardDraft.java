package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The fields of a dashboard a caller sets: its grid/period config and whom it is shared with. */
public record DashboardDraft(
    String name, JsonObject config, List<UUID> userIds, List<UUID> groupIds) {
  public DashboardDraft {
    userIds = List.copyOf(userIds);
    groupIds = List.copyOf(groupIds);
  }
}
