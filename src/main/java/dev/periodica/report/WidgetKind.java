package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** What a widget shows, from its presentation's {@code kind}. */
enum WidgetKind {
  BAR,
  LINE,
  PIE,
  TABLE,
  TEXT,
  IMAGE;

  static WidgetKind of(JsonObject presentation) {
    String kind = Presentation.text(presentation, "kind", "table").toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "histogram", "bar" -> BAR;
      case "line" -> LINE;
      case "pie" -> PIE;
      case "text" -> TEXT;
      case "image" -> IMAGE;
      default -> TABLE;
    };
  }

  /** Text and image widgets show their own content rather than query results. */
  boolean showsContent() {
    return this == TEXT || this == IMAGE;
  }

  boolean isChart() {
    return this == BAR || this == LINE || this == PIE;
  }
}
