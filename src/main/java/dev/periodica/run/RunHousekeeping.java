package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's chores, run on a timer by every instance (they are idempotent guarded updates): runs
 * of dead instances go back to the queue, runs past their timeout are stopped.
 */
public final class RunHousekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(RunHousekeeping.class);
  private final RunRepository runs;
  private final Clock clock;

  public RunHousekeeping(RunRepository runs, Clock clock) {
    this.runs = runs;
    this.clock = clock;
  }

  public Future<Void> sweep() {
    return runs.expireLeases(clock.instant())
        .onSuccess(
            expired -> {
              if (expired > 0) {
                LOG.warn("{} runs lost their instance (lease expired) and were requeued", expired);
              }
            })
        .compose(ok -> runs.timeOut(clock.instant()))
        .onSuccess(
            timedOut -> {
              if (timedOut > 0) {
                LOG.warn("{} runs exceeded their timeout and became cancel_too_long", timedOut);
              }
            })
        .mapEmpty();
  }
}
