package dev.periodica.run;

import dev.periodica.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployed with the worker threading model. Wires a {@link RunExecutor} to its signals: claims when
 * runs become available and on a fallback poll, stops runs cancelled elsewhere, renews its leases,
 * and on undeploy lets running jobs finish for a grace period before handing the rest back to the
 * queue.
 */
public final class WorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
  private static final long DRAIN_CHECK_MS = 100;
  private final RunExecutor executor;
  private final Duration poll;
  private final Duration renew;
  private final Duration grace;
  private volatile boolean stopping;
  private volatile boolean released;
  private boolean claiming;
  private boolean claimAgain;

  public WorkerVerticle(RunExecutor executor, Duration poll, Duration renew, Duration grace) {
    this.executor = executor;
    this.poll = poll;
    this.renew = renew;
    this.grace = grace;
  }

  @Override
  public Future<?> start() {
    executor.onSlotFreed(this::claim);
    var bus = vertx.eventBus();
    bus.consumer(Addresses.RUNS_AVAILABLE, message -> claim());
    bus.<String>consumer(
        Addresses.RUN_STOPPED, message -> executor.cancel(Long.parseLong(message.body())));
    schedule(poll, this::pollTick, () -> !stopping);
    // leases are renewed through the shutdown drain, or other instances would re-run those jobs
    schedule(renew, this::renewTick, () -> !released);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    executor.stopClaiming();
    Promise<Void> drained = Promise.promise();
    long deadline = System.nanoTime() + grace.toNanos();
    awaitDrained(deadline, drained);
    return drained
        .future()
        .compose(v -> executor.releaseRemaining())
        .onComplete(done -> released = true)
        .onSuccess(
            released -> {
              if (released > 0) {
                LOG.info("released {} unfinished runs back to the queue", released);
              }
            });
  }

  private void awaitDrained(long deadline, Promise<Void> drained) {
    if (executor.running() == 0 || System.nanoTime() > deadline) {
      drained.complete();
    } else {
      vertx.setTimer(DRAIN_CHECK_MS, id -> awaitDrained(deadline, drained));
    }
  }

  /** Claims until there is no more room or no more work; signals during a claim coalesce. */
  private void claim() {
    if (claiming) {
      claimAgain = true;
      return;
    }
    claiming = true;
    executor
        .claimAndStart()
        .onFailure(e -> LOG.warn("claiming runs failed; the next signal or poll retries", e))
        .onComplete(
            result -> {
              claiming = false;
              boolean more = result.succeeded() && result.result() > 0;
              if ((more || claimAgain) && !stopping) {
                claimAgain = false;
                claim();
              }
            });
  }

  private Future<?> pollTick() {
    claim();
    return Future.succeededFuture();
  }

  private Future<?> renewTick() {
    return executor.renewLeases().onFailure(e -> LOG.warn("lease renewal failed", e));
  }

  /** Re-arms only after the tick finished, so ticks never overlap. */
  private void schedule(
      Duration every,
      java.util.function.Supplier<Future<?>> tick,
      java.util.function.BooleanSupplier active) {
    vertx.setTimer(
        every.toMillis(),
        id -> {
          if (!active.getAsBoolean()) {
            return;
          }
          tick.get().onComplete(done -> schedule(every, tick, active));
        });
  }
}
