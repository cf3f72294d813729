package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The fields of a report a caller sets: its pages, settings, filing and sharing. */
public record ReportDraft(
    String name,
    JsonObject config,
    JsonObject settings,
    boolean isSystem,
    UUID categoryId,
    UUID dashboardId,
    List<UUID> userIds,
    List<UUID> groupIds) {
  public ReportDraft {
    userIds = List.copyOf(userIds);
    groupIds = List.copyOf(groupIds);
  }
}
