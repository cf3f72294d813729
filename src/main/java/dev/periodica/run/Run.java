package dev.periodica.run;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One execution of a task: an item of the run queue (seed 001's reportQueue). */
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
    RunFile file) {
  public static final String TRIGGER_SCHEDULE = "schedule";
  public static final String TRIGGER_MANUAL = "manual";
}
