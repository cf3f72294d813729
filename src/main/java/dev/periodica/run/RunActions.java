package dev.periodica.run;

import dev.periodica.common.Conflict;
import dev.periodica.common.Messages;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Retry, bulk cancel and bulk retry, and queue statistics. A retry is a new run (a finished run's
 * status never changes: the transition table has no way out of a final status), of the same task
 * and fire time, linked to the run it retries.
 */
public final class RunActions {
  /** The statuses a run may be retried from: finished without a result. */
  public static final Set<RunStatus> RETRYABLE =
      EnumSet.of(RunStatus.ERROR, RunStatus.CANCEL, RunStatus.CANCEL_TOO_LONG);

  /** The most runs one bulk call acts on; {@code more} tells the caller to call again. */
  public static final int BULK_CAP = 10_000;

  static final Duration CHART = Duration.ofHours(1);

  private final RunActionRepository runs;
  private final RunQueue queue;
  private final Clock clock;

  public RunActions(RunActionRepository runs, RunQueue queue, Clock clock) {
    this.runs = runs;
    this.queue = queue;
    this.clock = clock;
  }

  /** Retries a visible run in a retryable status; another status answers 409 naming it. */
  public Future<Run> retry(UUID viewer, long runId) {
    return runs.retry(viewer, runId, clock.instant())
        .compose(
            created ->
                created.isPresent()
                    ? Future.succeededFuture(created.get())
                    : queue
                        .get(viewer, runId)
                        .compose(
                            run ->
                                Future.failedFuture(
                                    new Conflict(Messages.runNotRetryable(run.status().code())))));
  }

  public Future<BulkOutcome> retryAll(UUID viewer, RunSelection selection) {
    return runs.retryAll(viewer, selection, clock.instant(), BULK_CAP);
  }

  public Future<BulkOutcome> cancelAll(UUID viewer, RunSelection selection) {
    return runs.cancelAll(viewer, selection, clock.instant(), BULK_CAP);
  }

  /** Counts per status now, and the last hour minute by minute (the current minute included). */
  public Future<QueueStats> stats(UUID viewer) {
    Instant now = clock.instant();
    Instant from = now.truncatedTo(ChronoUnit.MINUTES).minus(CHART).plus(Duration.ofMinutes(1));
    return runs.stats(viewer, from, now);
  }
}
