package dev.periodica.schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * This server process as the other instances see it; {@code name} is the human name placements list
 * ({@code INSTANCE_NAME}, by default the host name).
 */
public record Instance(
    UUID id, String name, String host, String version, OffsetDateTime startedAt) {}
