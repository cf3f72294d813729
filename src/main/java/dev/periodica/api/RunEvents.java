package dev.periodica.api;

import dev.periodica.common.Timestamps;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Turns a database run notification into the run as the queue API shows it. */
final class RunEvents {
  private static final List<String> TIMES =
      List.of("scheduled_for", "created_at", "started_at", "ended_at", "updated_at");

  private RunEvents() {}

  /** The run of a notification payload, or null when the payload is not one. */
  static JsonObject run(String payload) {
    JsonObject event;
    try {
      event = new JsonObject(payload);
    } catch (RuntimeException e) {
      return null;
    }
    JsonObject run =
        new JsonObject()
            .put("id", event.getLong("id"))
            .put("task_id", event.getString("task_id"))
            .put("report_id", event.getString("report_id"))
            .put("status", event.getString("status"))
            .put("progress", event.getInteger("progress"))
            .put("trigger", event.getString("trigger"));
    for (String field : TIMES.subList(0, 4)) {
      run.put(field, time(event.getString(field)));
    }
    return run.put("attempt", event.getInteger("attempt"))
        .put("instance", event.getString("instance"))
        .put("error", event.getString("error"))
        .put("updated_at", time(event.getString("updated_at")));
  }

  private static String time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.format(OffsetDateTime.parse(text));
    } catch (DateTimeParseException e) {
      return text;
    }
  }
}
