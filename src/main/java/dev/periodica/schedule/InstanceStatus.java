package dev.periodica.schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A registered instance, whether its heartbeat is recent enough to count it alive, and how many
 * runs it is executing (in_action with it as their instance).
 */
public record InstanceStatus(
    UUID id,
    String name,
    String host,
    String version,
    OffsetDateTime startedAt,
    OffsetDateTime heartbeatAt,
    boolean alive,
    long runsInProgress) {}
