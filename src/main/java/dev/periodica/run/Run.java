package dev.periodica.run;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One execution of a task: an item of the run queue (seed 001's reportQueue). {@code placement} is
 * the task's when the run was made; {@code eligible}, for {@code first} and {@code one_of}, the
 * instances (ids or lower-case names) that may claim it, null otherwise; {@code reportId} is null
 * for a task whose job needs no report; {@code result} is what the job recorded, null until it
 * records one; {@code retryOf} the run this one retries, null for any other run; {@code
 * earlierAttempts} the attempts before the latest that ended in need_restart (each {@code attempt},
 * {@code instance}, {@code started_at}, {@code ended_at}, {@code error}), oldest first.
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
    Placement placement,
    List<String> eligible,
    JsonObject result,
    Long retryOf,
    JsonArray earlierAttempts) {
  public static final String TRIGGER_SCHEDULE = "schedule";
  public static final String TRIGGER_MANUAL = "manual";
}
