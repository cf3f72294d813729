package dev.periodica.schedule;

import java.util.UUID;

/** An instance whose heartbeat is fresh: one a placement may put runs on. */
public record LiveInstance(UUID id, String name) {}
