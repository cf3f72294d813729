package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A chart, table, text or image on a dashboard, with the series it queries; its owner is the
 * dashboard's owner.
 */
public record Widget(
    UUID id, UUID ownerId, WidgetDraft fields, OffsetDateTime createdAt, OffsetDateTime updatedAt)
    implements Stored<WidgetDraft> {}
