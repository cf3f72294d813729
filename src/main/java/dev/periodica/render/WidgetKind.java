package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** What a widget shows, from its presentation's {@code kind}. */
public enum WidgetKind {
  BAR,
  LINE,
  PIE,
  TABLE,
  TEXT,
  IMAGE;

  public static WidgetKind of(JsonObject presentation) {
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
  public boolean showsContent() {
    return this == TEXT || this == IMAGE;
  }

  public boolean isChart() {
    return this == BAR || this == LINE || this == PIE;
  }
}
