package dev.periodica.run;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One execution of a task: an item of the run queue (seed 001's reportQueue). {@code reportId} is
 * null for a task whose job needs no report; {@code result} is what the job recorded (the file it
 * wrote and its rows, the HTTP status it got, …), null until it records one.
 */
public record Run(
    long id,
    UUID taskId,
    UUID reportId,
    RunStatus status,
    int progress,
    String trigger,
    OffsetDateTime scheduledFor,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime endedAt,
    int attempt,
    UUID instanceId,
    UUID pinnedInstance,
    String error,
    OffsetDateTime updatedAt,
    RunFile file,
    JsonObject result) {
  public static final String TRIGGER_SCHEDULE = "schedule";
  public static final String TRIGGER_MANUAL = "manual";
}
