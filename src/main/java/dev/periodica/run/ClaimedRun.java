package dev.periodica.run;

import io.vertx.core.json.JsonObject;

/** A run a worker claimed, with what it needs from its task to execute it. */
public record ClaimedRun(
    Run run, String job, JsonObject params, int maxAttempts, int timeoutSeconds) {}
