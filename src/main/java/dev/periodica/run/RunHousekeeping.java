package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's chores, run on a timer by every instance (they are idempotent guarded updates): runs
 * of dead instances go back to the queue, runs past their timeout are stopped, and runs pinned to
 * an instance that has not been running for {@code pinnedGiveUp} end {@code error}, so they do not
 * wait forever (nor, with overlap {@code skip}, hold back their task's next runs). Waiting runs of
 * placement {@code first} follow their list instead: off an instance silent for {@code
 * instanceDeadAfter} to the next live one; those no listed instance took end {@code error} too.
 */
public final class RunHousekeeping {

  private static final Logger LOG = LoggerFactory.getLogger(RunHousekeeping.class);
  private final RunRepository runs;
  private final Clock clock;
  private final Duration pinnedGiveUp;
  private final Duration instanceDeadAfter;

  public RunHousekeeping(
      RunRepository runs, Clock clock, Duration pinnedGiveUp, Duration instanceDeadAfter) {
    this.runs = runs;
    this.clock = clock;
    this.pinnedGiveUp = pinnedGiveUp;
    this.instanceDeadAfter = instanceDeadAfter;
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
        .compose(ok -> runs.giveUpStranded(clock.instant(), pinnedGiveUp))
        .onSuccess(
            stranded -> {
              if (stranded > 0) {
                LOG.warn(
                    "{} runs pinned to an instance silent for over {} s ended in error; start"
                        + " that instance or point their tasks at a live one (GET /instances)",
                    stranded,
                    pinnedGiveUp.toSeconds());
              }
            })
        .compose(
            ok -> runs.failOverFirst(clock.instant(), clock.instant().minus(instanceDeadAfter)))
        .onSuccess(
            moved -> {
              if (moved > 0) {
                LOG.warn(
                    "{} runs of placement first left a silent instance for the next of their list",
                    moved);
              }
            })
        .compose(ok -> runs.giveUpListed(clock.instant(), pinnedGiveUp))
        .onSuccess(
            stranded -> {
              if (stranded > 0) {
                LOG.warn(
                    "{} runs placed on a list of instances none of which ran for {} s ended in"
                        + " error; start one of them or change the tasks' instances",
                    stranded,
                    pinnedGiveUp.toSeconds());
              }
            })
        .mapEmpty();
  }
}
