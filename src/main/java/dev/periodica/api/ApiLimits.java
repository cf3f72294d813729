package dev.periodica.api;

/**
 * What keeps callers from tying up the server: which origins may open WebSockets, and the
 * process-wide count of WebSocket connections. One instance is shared by every API verticle.
 */
public record ApiLimits(OriginPolicy origins, ProgressConnections connections) {}
