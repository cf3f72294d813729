package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A report definition; {@code number} is its stable numeric id (for the systems that address
 * reports by number), {@code taskId} its latest periodic task, or null.
 */
public record Report(
    UUID id,
    long number,
    UUID ownerId,
    ReportDraft fields,
    UUID taskId,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements Stored<ReportDraft> {}
