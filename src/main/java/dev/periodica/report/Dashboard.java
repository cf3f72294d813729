package dev.periodica.report;

import dev.periodica.access.Stored;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A dashboard: a grid of widgets, owned by a user and shared with users and groups. */
public record Dashboard(
    UUID id,
    UUID ownerId,
    DashboardDraft fields,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt)
    implements Stored<DashboardDraft> {}
