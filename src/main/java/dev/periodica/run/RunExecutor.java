package dev.periodica.run;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims runs for this instance and executes them, up to {@code capacity} at a time: each run's job
 * reports progress, and its outcome becomes {@code complete}, {@code error}, or {@code
 * need_restart} with back-off until its attempts are used up. A run cancelled or timed out
 * meanwhile is left as it is: the guarded update that would finish it finds it changed.
 */
public final class RunExecutor {
  static final int MAX_ERROR_LENGTH = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(RunExecutor.class);

  private final RunRepository runs;
  private final ProgressWriter progress;
  private final JobRegistry jobs;
  private final RetryPolicy retry;
  private final Clock clock;
  private final UUID instance;
  private final Duration lease;
  private final int capacity;

  /** One execution of a run: its cancellation flag and the row version it claimed. */
  private record Execution(AtomicBoolean cancelled, int version) {}

  private final Map<Long, Execution> inflight = new ConcurrentHashMap<>();
  private final OutcomeWriter outcomes;
  private volatile boolean claiming = true;
  private Runnable onSlotFreed = () -> {};

  public RunExecutor(
      RunRepository runs,
      JobRegistry jobs,
      RetryPolicy retry,
      Clock clock,
      UUID instance,
      Duration lease,
      int capacity,
      RunMeters meters) {
    this.runs = runs;
    this.jobs = jobs;
    this.retry = retry;
    this.clock = clock;
    this.instance = instance;
    this.lease = lease;
    this.capacity = capacity;
    this.outcomes = new OutcomeWriter(runs, instance, meters);
    this.progress = new ProgressWriter(runs, instance, clock);
  }

  /** Claims as many runs as there is room for and starts them; answers how many it claimed. */
  public Future<Integer> claimAndStart() {
    int free = capacity - inflight.size();
    if (!claiming || free <= 0) {
      return Future.succeededFuture(0);
    }
    Instant now = clock.instant();
    return runs.claim(instance, now, now.plus(lease), free)
        .compose(
            claimed -> {
              if (!claiming) {
                // shutdown began while this claim was in flight: hand the runs straight back
                List<Long> ids = claimed.stream().map(run -> run.run().id()).toList();
                return ids.isEmpty()
                    ? Future.succeededFuture(0)
                    : runs.release(instance, ids, clock.instant()).map(0);
              }
              claimed.forEach(this::start);
              return Future.succeededFuture(claimed.size());
            });
  }

  /** Called after each run ends, on the caller's context: the worker claims again then. */
  public void onSlotFreed(Runnable callback) {
    this.onSlotFreed = callback;
  }

  /** Marks a running run as cancelled so its job stops at its next check. */
  public void cancel(long runId) {
    Execution execution = inflight.get(runId);
    if (execution != null) {
      execution.cancelled().set(true);
    }
  }

  public Future<Integer> renewLeases() {
    if (inflight.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Map<Long, Integer> versions = new java.util.HashMap<>();
    inflight.forEach((id, execution) -> versions.put(id, execution.version()));
    return runs.renewLeases(instance, versions, clock.instant().plus(lease));
  }

  /** Stops claiming; runs still executing keep going until {@link #releaseRemaining()}. */
  public void stopClaiming() {
    claiming = false;
  }

  public int running() {
    return inflight.size();
  }

  /** Hands the runs still executing back to the queue as {@code need_restart}. */
  public Future<Integer> releaseRemaining() {
    List<Long> remaining = List.copyOf(inflight.keySet());
    remaining.forEach(this::cancel);
    return remaining.isEmpty()
        ? Future.succeededFuture(0)
        : runs.release(instance, remaining, clock.instant());
  }

  private void start(ClaimedRun claimed) {
    long id = claimed.run().id();
    AtomicBoolean cancelled = new AtomicBoolean();
    Execution execution = new Execution(cancelled, claimed.version());
    Execution stale = inflight.put(id, execution);
    if (stale != null) {
      // its lease expired and the run came back here: the old execution must stop writing
      stale.cancelled().set(true);
    }
    Future<Void> result;
    try {
      result =
          jobs.find(claimed.job())
              .map(job -> job.run(new Context(claimed, cancelled)))
              .orElseGet(
                  () ->
                      Future.failedFuture(
                          JobFailure.permanent("unknown job kind: " + claimed.job())));
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result
        .transform(outcome -> settle(claimed, outcome, cancelled.get()))
        .onFailure(e -> LOG.warn("run {} could not be finished; its lease will expire", id, e))
        .onComplete(
            done -> {
              inflight.remove(id, execution);
              onSlotFreed.run();
            });
  }

  private Future<Boolean> settle(ClaimedRun claimed, AsyncResult<Void> outcome, boolean cancelled) {
    Run run = claimed.run();
    if (cancelled) {
      return Future.succeededFuture(false);
    }
    Instant now = clock.instant();
    if (outcome.succeeded()) {
      return finish(claimed, RunStatus.COMPLETE, null, null, now);
    }
    Throwable failure = outcome.cause();
    String message = describe(failure);
    boolean retryable = !(failure instanceof JobFailure job) || job.isTransient();
    if (!(failure instanceof JobFailure)) {
      LOG.warn("run {} of task {} failed unexpectedly", run.id(), run.taskId(), failure);
    }
    if (!retryable) {
      return finish(claimed, RunStatus.ERROR, message, null, now);
    }
    if (run.attempt() >= claimed.maxAttempts()) {
      String gaveUp = message + " (gave up after " + run.attempt() + " attempts)";
      return finish(claimed, RunStatus.ERROR, gaveUp, null, now);
    }
    Instant retryAt = now.plus(retry.delayAfter(run.attempt()));
    return finish(claimed, RunStatus.NEED_RESTART, message, retryAt, now);
  }

  private Future<Boolean> finish(
      ClaimedRun claimed, RunStatus to, String error, Instant notBefore, Instant now) {
    Run run = claimed.run();
    return outcomes
        .write(new Outcome(run.id(), claimed.version(), to, error, notBefore, now))
        .onSuccess(
            won -> {
              if (!won) {
                LOG.debug("run {} changed before it could become {}", run.id(), to.code());
              }
            });
  }

  private static String describe(Throwable failure) {
    String message =
        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
  }

  /** The context a job runs with; progress is written only when it changes. */
  private final class Context implements JobContext {
    private final ClaimedRun claimed;
    private final AtomicBoolean cancelled;
    private final AtomicInteger written = new AtomicInteger(0);

    Context(ClaimedRun claimed, AtomicBoolean cancelled) {
      this.claimed = claimed;
      this.cancelled = cancelled;
    }

    @Override
    public ClaimedRun run() {
      return claimed;
    }

    @Override
    public void progress(int percent) {
      int bounded = Math.max(0, Math.min(99, percent));
      if (written.getAndSet(bounded) == bounded || cancelled.get()) {
        return;
      }
      progress
          .write(claimed.run().id(), claimed.version(), bounded)
          .onSuccess(
              stillOurs -> {
                if (!stillOurs) {
                  cancelled.set(true);
                }
              });
    }

    @Override
    public boolean cancelled() {
      return cancelled.get();
    }

    @Override
    public Future<Void> attach(RunFile file) {
      return stillOurs(runs.attachFile(claimed.run().id(), claimed.version(), instance, file));
    }

    @Override
    public Future<Void> result(io.vertx.core.json.JsonObject result) {
      if (result.encode().length() > MAX_RESULT_CHARS) {
        return Future.failedFuture(
            JobFailure.permanent(
                "the job's result is larger than " + MAX_RESULT_CHARS + " characters"));
      }
      return stillOurs(runs.recordResult(claimed.run().id(), claimed.version(), instance, result));
    }

    private Future<Void> stillOurs(Future<Boolean> written) {
      return written.compose(
          ours ->
              ours
                  ? Future.<Void>succeededFuture()
                  : Future.failedFuture(
                      JobFailure.permanent("the run was cancelled or taken over")));
    }
  }
}
