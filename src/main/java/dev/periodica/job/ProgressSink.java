package dev.periodica.job;

import dev.periodica.run.JobContext;

/**
 * What an export tells its run as it goes, and how the run tells it to stop. Called on the export's
 * context (not a worker thread), once per batch written.
 */
public interface ProgressSink {
  /** Rows written to the file so far. */
  void rowsWritten(long rows);

  /** {@code done} of a file's {@code parts} are written (a report writes one per series). */
  default void partWritten(int done, int parts) {}

  /** Whether the export should stop now (the run was cancelled or timed out). */
  boolean cancelled();

  /** Reports nothing, never cancels. */
  ProgressSink NONE =
      new ProgressSink() {
        @Override
        public void rowsWritten(long rows) {}

        @Override
        public boolean cancelled() {
          return false;
        }
      };

  /**
   * Progress of a run: an export's total is not known while it streams, so its percent is not a
   * share of it but a sign of life: 10 at a thousand rows, 20 at ten thousand, 40 at a million, 10
   * more for each tenfold (at most 90), written only when it moves. Cancellation is the run's.
   */
  static ProgressSink of(JobContext context) {
    return new ProgressSink() {
      private int percent;

      @Override
      public void rowsWritten(long rows) {
        int now = percentOf(rows);
        if (now > percent) {
          percent = now;
          context.progress(now);
        }
      }

      @Override
      public boolean cancelled() {
        return context.cancelled();
      }
    };
  }

  /** 10 for each tenfold of rows from 1,000 on, at most 90; 0 below 1,000. */
  static int percentOf(long rows) {
    int percent = 0;
    for (long step = 1000; rows >= step && percent < 90; step *= 10) {
      percent += 10;
    }
    return percent;
  }
}
