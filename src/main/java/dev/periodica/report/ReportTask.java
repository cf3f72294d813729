package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A periodic task of a report, with its counters. */
public record ReportTask(
    UUID id,
    UUID ownerId,
    TaskDraft fields,
    OffsetDateTime nextRunAt,
    OffsetDateTime lastRunAt,
    long runCount,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements Stored<TaskDraft> {}
