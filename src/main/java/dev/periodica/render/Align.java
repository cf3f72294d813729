package dev.periodica.render;

import java.util.Locale;

/** Where a line of text or an image sits across the page. */
public enum Align {
  LEFT,
  CENTER,
  RIGHT;

  /**
   * {@code left}, {@code center} or {@code right} in any case; anything else is {@code fallback}.
   */
  static Align of(Object value, Align fallback) {
    if (value instanceof String text) {
      switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "left":
          return LEFT;
        case "center":
          return CENTER;
        case "right":
          return RIGHT;
        default:
          return fallback;
      }
    }
    return fallback;
  }
}
