package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A report definition; {@code taskId} is its latest periodic task, or null. */
public record Report(
    UUID id,
    UUID ownerId,
    ReportDraft fields,
    UUID taskId,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements Stored<ReportDraft> {}
