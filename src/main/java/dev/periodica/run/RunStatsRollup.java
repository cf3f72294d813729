package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the queue statistics cheap on a large queue: every housekeeping period, folds the runs
 * created and ended up to {@link #LAG} ago into a rollup, and recounts it from the whole queue
 * every {@code recountEvery}. A request for the statistics reads the rollup and counts only the
 * runs since its mark, so its cost follows the last minute's activity, not the queue's size.
 * Instances may all run it: one folds at a time, the others find the row locked and skip.
 */
public final class RunStatsRollup {
  /**
   * How far behind the clock the mark stays. A run whose statement read the clock before the mark
   * but committed after the fold would be missed until the next recount; a minute is far longer
   * than a scheduler tick or an outcome batch takes from reading the clock to committing.
   */
  public static final Duration LAG = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(RunStatsRollup.class);
  private final RunStatsRepository rollup;
  private final Clock clock;
  private final Duration recountEvery;

  public RunStatsRollup(RunStatsRepository rollup, Clock clock, Duration recountEvery) {
    this.rollup = rollup;
    this.clock = clock;
    this.recountEvery = recountEvery;
  }

  public Future<RunStatsRepository.Fold> fold() {
    var now = clock.instant();
    long started = System.nanoTime();
    return rollup
        .fold(now.minus(LAG), now.minus(recountEvery), now)
        .onSuccess(
            done -> {
              if (done == RunStatsRepository.Fold.RECOUNTED) {
                LOG.info(
                    "queue statistics recounted from the whole queue in {} ms",
                    (System.nanoTime() - started) / 1_000_000);
              }
            });
  }
}
