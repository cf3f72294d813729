package dev.periodica.schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

/** This server process as the other instances see it. */
public record Instance(UUID id, String host, String version, OffsetDateTime startedAt) {}
