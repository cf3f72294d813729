package dev.periodica.task;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A run of the queue with the ids of its task and report (uuid and number; the report's are null
 * for a task whose job needs none), as a listing reads them in one statement.
 */
public record QueueEntry(
    long id,
    String status,
    int progress,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime endedAt,
    OffsetDateTime updatedAt,
    UUID taskId,
    long taskNumber,
    UUID reportId,
    Long reportNumber) {}
