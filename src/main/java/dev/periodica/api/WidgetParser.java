package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.report.WidgetDraft;
import io.vertx.core.json.JsonObject;

/** Widget fields: name, config and settings (as in the seed), and the dashboard it is on. */
final class WidgetParser implements DraftParser<WidgetDraft> {
  @Override
  public WidgetDraft blank() {
    return new WidgetDraft(null, new JsonObject(), new JsonObject(), null);
  }

  @Override
  public WidgetDraft placeholder() {
    return new WidgetDraft("-", new JsonObject(), new JsonObject(), Ids.ANY_INSTANCE);
  }

  @Override
  public WidgetDraft parse(JsonObject body, WidgetDraft base) {
    String name = Input.requiredText(body, "name", base.name(), Input.MAX_NAME);
    JsonObject config = Input.json(body, "config", base.config());
    JsonObject settings = Input.json(body, "settings", base.settings());
    var dashboardId = Input.id(body, "dashboard_id", "dashboard", base.dashboardId());
    if (dashboardId == null) {
      throw new Invalid(Messages.missingField("dashboard_id"));
    }
    return new WidgetDraft(name, config, settings, dashboardId);
  }
}
