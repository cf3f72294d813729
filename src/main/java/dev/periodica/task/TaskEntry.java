package dev.periodica.task;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A task with the ids of its report and of its latest run (null before the first), as a listing
 * reads them in one statement.
 */
public record TaskEntry(
    UUID id,
    long number,
    String name,
    TaskOrigin origin,
    String interval,
    UUID instance,
    boolean enabled,
    String job,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    UUID reportId,
    Long reportNumber,
    Long latestRunId) {}
