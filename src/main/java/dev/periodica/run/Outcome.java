package dev.periodica.run;

import java.time.Instant;

/** How a run this instance executed ended: its new status, error and retry time. */
public record Outcome(
    long runId, int version, RunStatus status, String error, Instant notBefore, Instant at) {}
