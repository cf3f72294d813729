package dev.periodica.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The statements that answer live-progress subscriptions (their checks and snapshots of current
 * runs), at most {@link #MAX_RUNNING} at a time per hub. Thousands of clients reconnecting at once
 * (an instance restarted, a network blip) each ask for a snapshot of up to {@value
 * ProgressSocket#SNAPSHOT_LIMIT} runs; unbounded, those statements fill the database pool's queue,
 * and the first events of every run, whose visibility checks take the same pool, wait behind all of
 * them, as do API requests. Here they take turns, in the order asked, while a run's visibility
 * check goes straight to the pool. The queue needs no bound of its own: a connection reads its next
 * message only once its subscription is answered, so it waits here once at most.
 */
final class SubscriptionChecks {
  /**
   * A quarter of the default pool (16) per hub: two hubs still leave half of it to everyone else.
   */
  static final int MAX_RUNNING = 4;

  private final int maxRunning;
  private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
  private int running;

  /**
   * Whether {@link #next} is on the stack: a statement answered at once must not recurse into it.
   */
  private boolean starting;

  SubscriptionChecks() {
    this(MAX_RUNNING);
  }

  SubscriptionChecks(int maxRunning) {
    this.maxRunning = maxRunning;
  }

  /** Runs {@code statement} now if fewer than the maximum run, otherwise once its turn comes. */
  <T> Future<T> run(Supplier<Future<T>> statement) {
    Promise<T> answered = Promise.promise();
    queued.add(
        () -> {
          Future<T> started;
          try {
            started = statement.get();
          } catch (RuntimeException e) {
            started = Future.failedFuture(e);
          }
          started.onComplete(
              done -> {
                running--;
                next();
                answered.handle(done);
              });
        });
    next();
    return answered.future();
  }

  /** Statements running or waiting for their turn now. */
  int outstanding() {
    return running + queued.size();
  }

  private void next() {
    if (starting) {
      return;
    }
    starting = true;
    try {
      while (running < maxRunning && !queued.isEmpty()) {
        running++;
        queued.poll().run();
      }
    } finally {
      starting = false;
    }
  }
}
