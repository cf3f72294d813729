package dev.periodica.access;

import java.util.UUID;

/** Who sends a request: the user named by the {@code Pgr-User-Id} header. */
public record Caller(UUID userId) {}
