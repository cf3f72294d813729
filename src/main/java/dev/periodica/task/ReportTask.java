package dev.periodica.task;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A periodic task of a report, with its counters; {@code number} is its stable numeric id (for the
 * systems that address tasks by number), {@code pausedReason} says why the engine stopped firing it
 * (null while it fires as scheduled); {@code pausedBy} is the person who paused it (null when the
 * engine did, or while it runs), {@code pausedAt} when a person paused it.
 */
public record ReportTask(
    UUID id,
    long number,
    UUID ownerId,
    TaskDraft fields,
    OffsetDateTime nextRunAt,
    OffsetDateTime lastRunAt,
    long runCount,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    String pausedReason,
    UUID pausedBy,
    OffsetDateTime pausedAt)
    implements Stored<TaskDraft> {
  /** A task nobody has paused by hand. */
  public ReportTask(
      UUID id,
      long number,
      UUID ownerId,
      TaskDraft fields,
      OffsetDateTime nextRunAt,
      OffsetDateTime lastRunAt,
      long runCount,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      String pausedReason) {
    this(
        id,
        number,
        ownerId,
        fields,
        nextRunAt,
        lastRunAt,
        runCount,
        createdAt,
        updatedAt,
        pausedReason,
        null,
        null);
  }
}
