package dev.periodica.schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A registered instance and whether its heartbeat is recent enough to count it alive. */
public record InstanceStatus(
    UUID id,
    String name,
    String host,
    String version,
    OffsetDateTime startedAt,
    OffsetDateTime heartbeatAt,
    boolean alive) {}
