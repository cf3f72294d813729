package dev.periodica.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The texts a report prints that its author writes (its name, header and footer, inline widgets'
 * names, descriptions and text), checked when the report is saved for right-to-left scripts
 * (Arabic, Hebrew, Syriac, Thaana, N'Ko…): the PDF renderer neither reorders nor shapes them, and
 * would print letters in the wrong order or unjoined. Refusing them with a message naming the field
 * beats printing {@code ?} or mirrored text. Query text ({@code sql}, {@code query}) and images are
 * not printed and not checked.
 */
public final class ReportTexts {
  private static final Set<String> NOT_PRINTED = Set.of("sql", "query", "image", "series");

  private ReportTexts() {}

  /** The first field of {@code draft} holding right-to-left text, as a path, if any. */
  public static Optional<String> rightToLeft(ReportDraft draft) {
    if (rightToLeft(draft.name())) {
      return Optional.of("name");
    }
    Optional<String> settings = find(draft.settings(), "settings");
    if (settings.isPresent()) {
      return settings;
    }
    JsonArray pages =
        draft.config() != null && draft.config().getValue("pages") instanceof JsonArray list
            ? list
            : new JsonArray();
    for (int p = 0; p < pages.size(); p++) {
      if (!(pages.getValue(p) instanceof JsonArray placements)) {
        continue;
      }
      for (int i = 0; i < placements.size(); i++) {
        if (placements.getValue(i) instanceof JsonObject placement
            && placement.getValue("widget") instanceof JsonObject inline) {
          Optional<String> found = find(inline, "config.pages[" + p + "][" + i + "].widget");
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The first field of a widget's own texts ({@code name}, {@code config}, {@code settings}). */
  public static Optional<String> rightToLeft(JsonObject widget) {
    return find(widget, "").map(path -> path.substring(1));
  }

  /** Whether {@code text} has a letter of a right-to-left script. */
  public static boolean rightToLeft(String text) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      byte direction = Character.getDirectionality(c);
      if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  private static Optional<String> find(Object value, String path) {
    if (value instanceof String text) {
      return rightToLeft(text) ? Optional.of(path) : Optional.empty();
    }
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        if (NOT_PRINTED.contains(entry.getKey())) {
          continue;
        }
        Optional<String> found = find(entry.getValue(), path + "." + entry.getKey());
        if (found.isPresent()) {
          return found;
        }
      }
    }
    if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        Optional<String> found = find(array.getValue(i), path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }
}
