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
}
