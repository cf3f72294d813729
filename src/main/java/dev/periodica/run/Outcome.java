package dev.periodica.run;

import java.time.Instant;

/** How a run this instance executed ended: its new status, error and retry time. */
public record Outcome(long runId, RunStatus status, String error, Instant notBefore, Instant at) {}
