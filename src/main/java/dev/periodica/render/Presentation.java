package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * Reads presentation settings (widget {@code settings}, report {@code header}, {@code footer}, …)
 * leniently: a missing key, an explicit {@code null} or a value of the wrong type gives the
 * default, so a report still renders from settings written by hand or copied from the seed's
 * examples (whose values are often placeholders such as {@code "string"}).
 */
public final class Presentation {
  private static final Set<String> ALIGNMENTS = Set.of("left", "center", "right");

  private Presentation() {}

  public static JsonObject object(JsonObject holder, String key) {
    return holder != null && holder.getValue(key) instanceof JsonObject value
        ? value
        : new JsonObject();
  }

  public static String text(JsonObject holder, String key, String fallback) {
    Object value = holder == null ? null : holder.getValue(key);
    return value instanceof String text ? text : fallback;
  }

  /** A boolean, also written as the text {@code "true"} or {@code "false"}. */
  public static boolean flag(JsonObject holder, String key, boolean fallback) {
    Object value = holder == null ? null : holder.getValue(key);
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text) {
      String lower = text.strip().toLowerCase(Locale.ROOT);
      if (lower.equals("true") || lower.equals("false")) {
        return Boolean.parseBoolean(lower);
      }
    }
    return fallback;
  }

  /** {@code left}, {@code center} or {@code right} (any case); anything else is the fallback. */
  public static String alignment(JsonObject holder, String key, String fallback) {
    String value = text(holder, key, fallback).strip().toLowerCase(Locale.ROOT);
    return ALIGNMENTS.contains(value) ? value : fallback;
  }
}
