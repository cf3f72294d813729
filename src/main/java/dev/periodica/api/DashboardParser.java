package dev.periodica.api;

import dev.periodica.report.DashboardDraft;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Dashboard fields: name, config (grid and period) and shares. */
final class DashboardParser implements DraftParser<DashboardDraft> {
  @Override
  public DashboardDraft blank() {
    return new DashboardDraft(null, new JsonObject(), List.of(), List.of());
  }

  @Override
  public DashboardDraft placeholder() {
    return new DashboardDraft("-", new JsonObject(), List.of(), List.of());
  }

  @Override
  public DashboardDraft parse(JsonObject body, DashboardDraft base) {
    return new DashboardDraft(
        Input.requiredText(body, "name", base.name(), Input.MAX_NAME),
        Input.json(body, "config", base.config()),
        Input.ids(body, "user_ids", "user", base.userIds()),
        Input.ids(body, "group_ids", "group", base.groupIds()));
  }
}
