package dev.periodica.run;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes run outcomes with group commit: while one write is in flight, the outcomes that arrive
 * wait and then go together in the next single statement. Under load this turns thousands of
 * single-row updates into a few batched ones; when idle, an outcome is written at once.
 */
final class OutcomeWriter {
  static final int MAX_BATCH = 1000;

  private record Pending(Outcome outcome, Promise<Boolean> written) {}

  private final RunRepository runs;
  private final UUID instance;
  private final RunMeters meters;
  private final List<Pending> queue = new ArrayList<>();
  private boolean writing;

  OutcomeWriter(RunRepository runs, UUID instance, RunMeters meters) {
    this.runs = runs;
    this.instance = instance;
    this.meters = meters;
  }

  /** Completes with whether the run was still this instance's to finish. */
  synchronized Future<Boolean> write(Outcome outcome) {
    RunTransitions.require(RunStatus.IN_ACTION, outcome.status());
    Promise<Boolean> written = Promise.promise();
    queue.add(new Pending(outcome, written));
    if (!writing) {
      flush();
    }
    return written.future();
  }

  private synchronized void flush() {
    if (queue.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    List<Pending> batch = new ArrayList<>(queue.subList(0, Math.min(MAX_BATCH, queue.size())));
    queue.subList(0, batch.size()).clear();
    runs.finishAll(instance, batch.stream().map(Pending::outcome).toList())
        .onComplete(
            result -> {
              Set<Long> finished = result.succeeded() ? result.result() : Set.of();
              for (Pending pending : batch) {
                if (result.succeeded()) {
                  boolean ours = finished.contains(pending.outcome().runId());
                  if (ours) {
                    meters.finished(pending.outcome().status());
                  }
                  pending.written().complete(ours);
                } else {
                  pending.written().fail(result.cause());
                }
              }
              flush();
            });
  }
}
