package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Instant;

/**
 * The rollup behind the queue statistics: runs created and ended before a mark, per task (and per
 * minute of the last hour), so a request counts only what happened since the mark.
 */
public interface RunStatsRepository {
  /** What one fold did. */
  enum Fold {
    /** Another instance was folding (or a delete was adjusting the rollup); nothing was done. */
    BUSY,
    /** The mark was already at or past {@code to}. */
    UNCHANGED,
    /** The runs created or ended since the mark were added, and the mark moved to {@code to}. */
    FOLDED,
    /** The rollup was counted again from the whole queue, up to {@code to}. */
    RECOUNTED
  }

  /**
   * Moves the mark to {@code to}, adding the runs created or ended since the old mark; counts
   * everything again instead when the last full count is older than {@code recountIfBefore} (or
   * there never was one). A full count also takes in a run that became visible after a fold had
   * passed its time (one written with an old time, or committed late).
   */
  Future<Fold> fold(Instant to, Instant recountIfBefore, Instant now);
}
