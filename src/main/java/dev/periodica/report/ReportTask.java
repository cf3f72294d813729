package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A periodic task of a report, with its counters; {@code pausedReason} says why the engine stopped
 * it (null while it runs normally or was disabled by a person).
 */
public record ReportTask(
    UUID id,
    UUID ownerId,
    TaskDraft fields,
    OffsetDateTime nextRunAt,
    OffsetDateTime lastRunAt,
    long runCount,
    String pausedReason,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements Stored<TaskDraft> {}
