package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's actions on runs: retries, bulk cancels and queue statistics; each limited in SQL to
 * the runs of tasks {@code viewer} sees, each one statement.
 */
public interface RunActionRepository {
  /** A new run retrying a visible run in a retryable status; empty when there is none. */
  Future<Optional<Run>> retry(UUID viewer, long runId, Instant now);

  /** Retries the selected visible runs in a retryable status, at most {@code cap} of them. */
  Future<BulkOutcome> retryAll(UUID viewer, RunSelection selection, Instant now, int cap);

  /** Cancels the selected visible unfinished runs, at most {@code cap} of them. */
  Future<BulkOutcome> cancelAll(UUID viewer, RunSelection selection, Instant now, int cap);

  /**
   * Counts per status and created/finished per minute since {@code from}: the rollup before its
   * mark ({@link RunStatsRepository}) and the runs since, so the cost follows recent activity.
   */
  Future<QueueStats> stats(UUID viewer, Instant from, Instant to);
}
