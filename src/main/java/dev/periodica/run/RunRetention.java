package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the queue from growing without end: deletes finished runs older than {@code maxAge} or
 * beyond the newest {@code keepPerTask} of their task, in bounded batches, and removes the stored
 * files of runs that are gone, however they went. Runs still pending or running are never deleted.
 */
public final class RunRetention {
  static final int BATCH = 5000;
  static final int MAX_BATCHES = 20;
  private static final Logger LOG = LoggerFactory.getLogger(RunRetention.class);
  private final RunRepository runs;
  private final Clock clock;
  private final Duration maxAge;
  private final int keepPerTask;
  private final RunFiles files;

  public RunRetention(
      RunRepository runs, Clock clock, Duration maxAge, int keepPerTask, RunFiles files) {
    this.runs = runs;
    this.clock = clock;
    this.maxAge = maxAge;
    this.keepPerTask = keepPerTask;
    this.files = files;
  }

  /**
   * Deletes what is due for deletion, then removes the files of every run that is gone (also those
   * deleted with their task or report); answers how many runs it deleted.
   */
  public Future<Integer> sweep() {
    return sweep(maxAge, keepPerTask);
  }

  /**
   * As {@link #sweep()}, keeping finished runs younger than {@code maxAge} and, per task, the
   * newest {@code keepPerTask}: the {@code maintenance.retention} job's own limits.
   */
  public Future<Integer> sweep(Duration maxAge, int keepPerTask) {
    return sweep(maxAge, keepPerTask, 0, 0)
        .onSuccess(
            deleted -> {
              if (deleted > 0) {
                LOG.info("retention deleted {} finished runs", deleted);
              }
            })
        .compose(deleted -> removeOrphans(0).map(deleted));
  }

  private Future<Integer> sweep(Duration maxAge, int keepPerTask, int batches, int deleted) {
    return runs.deleteOld(clock.instant().minus(maxAge), keepPerTask, BATCH)
        .compose(
            count ->
                count == BATCH && batches + 1 < MAX_BATCHES
                    ? sweep(maxAge, keepPerTask, batches + 1, deleted + count)
                    : Future.succeededFuture(deleted + count));
  }

  /** How old a finished run may grow by default ({@code RETENTION_DAYS}). */
  public Duration maxAge() {
    return maxAge;
  }

  /** How many finished runs of a task are kept by default ({@code RETENTION_PER_TASK}). */
  public int keepPerTask() {
    return keepPerTask;
  }

  private Future<Void> removeOrphans(int batches) {
    return runs.takeOrphanFiles(BATCH)
        .compose(paths -> files.remove(paths).map(paths.size()))
        .compose(
            count ->
                count == BATCH && batches + 1 < MAX_BATCHES
                    ? removeOrphans(batches + 1)
                    : Future.<Void>succeededFuture());
  }
}
