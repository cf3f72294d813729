package dev.periodica.api;

import dev.periodica.common.Timestamps;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a database run notification into the run as the queue API shows it. */
final class RunEvents {
  private static final List<String> TIMES =
      List.of("scheduled_for", "created_at", "started_at", "ended_at", "updated_at");

  private RunEvents() {}

  /**
   * One run's change, encoded once (its WebSocket frame) for every connection that gets it, with
   * where it stands in the run's life ({@code mark}, null when unknown), read once for all of them.
   */
  record RunEvent(long id, UUID task, byte[] frame, RunOrder.Mark mark) {}

  /**
   * The run events of one notification: the database announces the rows a statement changed
   * together, as an array (V17); a single object is one event. Events that are not runs of a task
   * are left out; so is a payload that is not JSON.
   */
  static List<RunEvent> events(String payload) {
    Object parsed;
    try {
      parsed = Json.decodeValue(payload);
    } catch (RuntimeException e) {
      return List.of();
    }
    List<RunEvent> events = new ArrayList<>();
    if (parsed instanceof JsonArray array) {
      for (Object item : array) {
        add(item, events);
      }
    } else {
      add(parsed, events);
    }
    return events;
  }

  private static void add(Object item, List<RunEvent> events) {
    if (!(item instanceof JsonObject event)) {
      return;
    }
    JsonObject run;
    UUID task;
    try {
      run = run(event);
      task = run.getString("task_id") == null ? null : UUID.fromString(run.getString("task_id"));
    } catch (RuntimeException e) {
      return;
    }
    if (task != null && run.getLong("id") != null) {
      RunOrder.Mark mark;
      try {
        mark =
            RunOrder.Mark.of(
                event.getString("status"),
                event.getInteger("attempt"),
                event.getString("updated_at"));
      } catch (RuntimeException e) {
        // a field of another type: the event still goes out, only not ordered
        mark = null;
      }
      events.add(
          new RunEvent(
              run.getLong("id"), task, WebSocketFrames.text(ProgressSocket.message(run)), mark));
    }
  }

  /** The run of one event of a notification, as the queue API shows it. */
  static JsonObject run(JsonObject event) {
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
