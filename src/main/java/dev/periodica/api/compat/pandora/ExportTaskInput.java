package dev.periodica.api.compat.pandora;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonObject;

/** The body of a create or an update: the same fields, all required but the description. */
record ExportTaskInput(String name, String spl, String description, ExportInterval interval) {
  static final int MAX_NAME = 255;
  static final int MAX_DESCRIPTION = 4096;

  /** The params of {@code dataset.export} take at most this much SQL. */
  static final int MAX_SPL = 20_000;

  static ExportTaskInput read(JsonObject body) {
    String name = text(body, "name", MAX_NAME, true);
    String spl = text(body, "spl", MAX_SPL, true);
    String description = text(body, "description", MAX_DESCRIPTION, false);
    return new ExportTaskInput(
        name.trim(), spl, description, ExportInterval.read(body.getValue("interval")));
  }

  private static String text(JsonObject body, String key, int max, boolean required) {
    Object value = body.getValue(key);
    if (value == null || (required && value instanceof String s && s.isBlank())) {
      if (required) {
        throw new Invalid(PandoraMessages.required(key));
      }
      return null;
    }
    if (!(value instanceof String text) || text.length() > max) {
      throw new Invalid(PandoraMessages.text(key, max));
    }
    if (text.indexOf('\u0000') >= 0) {
      throw new Invalid(PandoraMessages.NUL_CHARACTER);
    }
    return text;
  }
}
