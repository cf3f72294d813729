package dev.periodica.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Settings of the scheduling engine: scheduler ticks, workers, leases, retries, misfires.
 *
 * @param maxCatchUpPerTick how many runs misfire {@code all} catch-ups may create in one scheduler
 *     tick, over all tasks; the other missed fire times wait for later ticks
 * @param pinnedGiveUp how long a run pinned to one instance waits for that instance, silent (no
 *     heartbeat) or never seen, before it ends {@code error}
 * @param statsRecount how often the queue statistics' rollup is counted again from the whole queue
 *     (between recounts, housekeeping adds what is new)
 */
public record EngineConfig(
    boolean diagnosticJobs,
    Duration tick,
    int batch,
    int workerConcurrency,
    Duration workerPoll,
    Duration lease,
    Duration leaseRenew,
    Duration retryBase,
    Duration retryCap,
    Duration misfireThreshold,
    Duration catchUpWindow,
    int maxCatchUp,
    int maxCatchUpPerTick,
    Duration shutdownGrace,
    Duration housekeeping,
    Duration retentionAge,
    int retentionPerTask,
    Duration retentionSweep,
    Duration instanceDeadAfter,
    Duration pinnedGiveUp,
    Duration statsRecount) {

  static EngineConfig from(JsonObject json) {
    Object diagnostic = json.getValue(ConfigKeys.DIAGNOSTIC_JOBS);
    return new EngineConfig(
        diagnostic instanceof Boolean flag
            ? flag
            : "true".equalsIgnoreCase(String.valueOf(diagnostic)),
        Duration.ofMillis(AppConfig.integer(json, ConfigKeys.SCHEDULER_TICK_MS, 500, 10, 60_000)),
        AppConfig.integer(json, ConfigKeys.SCHEDULER_BATCH, 500, 1, 10_000),
        AppConfig.integer(json, ConfigKeys.WORKER_CONCURRENCY, 8, 1, 10_000),
        Duration.ofMillis(AppConfig.integer(json, ConfigKeys.WORKER_POLL_MS, 1000, 10, 60_000)),
        seconds(json, ConfigKeys.LEASE_SECONDS, 30),
        seconds(json, ConfigKeys.LEASE_RENEW_SECONDS, 10),
        seconds(json, ConfigKeys.RETRY_BASE_SECONDS, 5),
        seconds(json, ConfigKeys.RETRY_CAP_SECONDS, 300),
        seconds(json, ConfigKeys.MISFIRE_THRESHOLD_SECONDS, 60),
        seconds(json, ConfigKeys.CATCHUP_WINDOW_SECONDS, 86_400),
        AppConfig.integer(json, ConfigKeys.MAX_CATCHUP, 100, 1, 10_000),
        AppConfig.integer(json, ConfigKeys.MAX_CATCHUP_PER_TICK, 1000, 1, 1_000_000),
        seconds(json, ConfigKeys.SHUTDOWN_GRACE_SECONDS, 10),
        seconds(json, ConfigKeys.HOUSEKEEPING_SECONDS, 5),
        Duration.ofDays(AppConfig.integer(json, ConfigKeys.RETENTION_DAYS, 30, 1, 36_500)),
        AppConfig.integer(json, ConfigKeys.RETENTION_PER_TASK, 1000, 1, 1_000_000),
        seconds(json, ConfigKeys.RETENTION_SWEEP_SECONDS, 600),
        seconds(json, ConfigKeys.INSTANCE_DEAD_SECONDS, 30),
        seconds(json, ConfigKeys.PINNED_GIVE_UP_SECONDS, 900),
        Duration.ofMinutes(
            AppConfig.integer(json, ConfigKeys.STATS_RECOUNT_MINUTES, 60, 1, 525_600)));
  }

  private static Duration seconds(JsonObject json, String key, int fallback) {
    return Duration.ofSeconds(AppConfig.integer(json, key, fallback, 1, 31_536_000));
  }
}
