package dev.periodica.api;

/**
 * How the web console behaves: {@code readOnly} refuses every call that changes something (and the
 * console hides its actions); {@code devIdentity} lets the person pick who they act as, for a
 * server with no gateway in front that sets {@code Pgr-User-Id}.
 */
public record ConsoleSettings(boolean readOnly, boolean devIdentity) {}
