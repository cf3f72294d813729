package dev.periodica.run;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the progress of an executor's runs with at most one statement in flight: while one is
 * being written, the next reports of every run wait and are written together, each run's latest one
 * only. An idle executor writes a report at once (no added delay); a busy one writes one statement
 * per round trip instead of one per report.
 */
final class ProgressWriter {
  private final RunRepository runs;
  private final UUID instance;
  private final Clock clock;
  private final Map<Long, Pending> pending = new HashMap<>();
  private boolean writing;

  private record Pending(RunRepository.Progress progress, List<Promise<Boolean>> waiters) {}

  ProgressWriter(RunRepository runs, UUID instance, Clock clock) {
    this.runs = runs;
    this.instance = instance;
    this.clock = clock;
  }

  /**
   * Queues the run's progress; the answer is false once the run is no longer this execution's
   * (cancelled, timed out, taken over). A failed write answers true: the job goes on and its next
   * report tries again.
   */
  Future<Boolean> write(long runId, int version, int percent) {
    Promise<Boolean> written = Promise.promise();
    boolean start;
    synchronized (this) {
      Pending before = pending.get(runId);
      List<Promise<Boolean>> waiters = before == null ? new ArrayList<>() : before.waiters();
      waiters.add(written);
      pending.put(runId, new Pending(new RunRepository.Progress(version, percent), waiters));
      start = !writing;
      writing = true;
    }
    if (start) {
      flush();
    }
    return written.future();
  }

  private void flush() {
    Map<Long, Pending> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        writing = false;
        return;
      }
      batch = new HashMap<>(pending);
      pending.clear();
    }
    Map<Long, RunRepository.Progress> updates = new HashMap<>();
    batch.forEach((id, entry) -> updates.put(id, entry.progress()));
    runs.progressAll(instance, updates, clock.instant())
        .onComplete(
            result -> {
              Set<Long> ours = result.succeeded() ? result.result() : updates.keySet();
              batch.forEach(
                  (id, entry) -> entry.waiters().forEach(w -> w.tryComplete(ours.contains(id))));
              flush();
            });
  }
}
