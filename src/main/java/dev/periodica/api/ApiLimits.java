package dev.periodica.api;

import java.time.Duration;
import java.util.Optional;

/**
 * What keeps callers from tying up the server: how long a silent connection stays open, who may
 * read {@code /metrics} on the API port, which origins may open WebSockets, and the process-wide
 * count of WebSocket connections. One instance is shared by every API verticle.
 *
 * @param metricsToken when present, {@code /metrics} is served on the API port to requests bearing
 *     it; when absent the API port has no {@code /metrics}
 */
public record ApiLimits(
    Duration idleTimeout,
    Optional<String> metricsToken,
    OriginPolicy origins,
    ProgressConnections connections,
    ConsoleSettings console) {}
