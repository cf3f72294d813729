package dev.periodica.run;

import io.vertx.core.json.JsonObject;

/**
 * A run a worker claimed, with what it needs from its task to execute it. {@code version} is the
 * run's row version at the claim: every later write of this execution names it, so a stale
 * execution (its lease expired and the run was claimed again) can no longer touch the run.
 */
public record ClaimedRun(
    Run run, int version, String job, JsonObject params, int maxAttempts, int timeoutSeconds) {}
