package dev.periodica.run;

import io.vertx.core.json.JsonObject;

/** What a job sees of its run: its parameters, a progress sink and a cancellation check. */
public interface JobContext {
  ClaimedRun run();

  default JsonObject params() {
    return run().params();
  }

  /** Records progress, 0 to 99 (100 is set by completion). */
  void progress(int percent);

  /** Whether the run was cancelled or timed out; the job should stop soon after. */
  boolean cancelled();

  /** Records the file the run produced; fails when the run is no longer this job's. */
  io.vertx.core.Future<Void> attach(RunFile file);

  /**
   * Records what the run produced (the file and its rows, the HTTP status, …), shown as the run's
   * {@code result}; replaces an earlier one of the same run (a retried attempt records its own).
   * Fails when the run is no longer this job's, or the result is larger than {@link
   * #MAX_RESULT_CHARS} characters of JSON.
   */
  io.vertx.core.Future<Void> result(JsonObject result);

  int MAX_RESULT_CHARS = 16_384;
}
