package dev.periodica.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Checks, when a widget or report is saved, that its series read: their datasets exist, their
 * queries compile and raw SQL plans. The dataset package lends it at start-up, so reports need not
 * depend on the security boundary that builds dataset SQL.
 */
public interface SeriesCheck {
  /** A widget placed inline on a report page: its config and settings. */
  record Inline(JsonObject config, JsonObject settings) {}

  Future<Void> check(JsonObject config, JsonObject settings);

  /** Checks many inline widgets at once (each dataset looked up once). */
  Future<Void> check(List<Inline> widgets);
}
