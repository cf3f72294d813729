package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A node of the category tree reports are filed under. */
public record Category(
    UUID id, UUID ownerId, CategoryDraft fields, OffsetDateTime createdAt, OffsetDateTime updatedAt)
    implements Stored<CategoryDraft> {}
