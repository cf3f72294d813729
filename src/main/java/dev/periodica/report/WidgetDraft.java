package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The fields of a widget a caller sets; it always belongs to one dashboard. */
public record WidgetDraft(String name, JsonObject config, JsonObject settings, UUID dashboardId) {}
