package dev.periodica.schedule;

import dev.periodica.run.RunHousekeeping;
import dev.periodica.run.RunRetention;
import dev.periodica.run.RunStatsRollup;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per instance. Wires the scheduler's periodic chores: the instance heartbeat, the tick that
 * turns due tasks into runs, the queue's housekeeping and the rollup of its statistics. Each timer
 * re-arms only after its tick finished; a failed tick is logged and the loop goes on.
 */
public final class SchedulerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);
  private final InstanceHeartbeat heartbeat;
  private final SchedulerService scheduler;
  private final RunHousekeeping housekeeping;
  private final Duration heartbeatEvery;
  private final Duration tickEvery;
  private final Duration housekeepingEvery;
  private final RunRetention retention;
  private final Duration retentionEvery;
  private final RunStatsRollup statsRollup;
  private volatile boolean stopping;

  public SchedulerVerticle(
      InstanceHeartbeat heartbeat,
      SchedulerService scheduler,
      RunHousekeeping housekeeping,
      Duration heartbeatEvery,
      Duration tickEvery,
      Duration housekeepingEvery,
      RunRetention retention,
      Duration retentionEvery,
      RunStatsRollup statsRollup) {
    this.heartbeat = heartbeat;
    this.scheduler = scheduler;
    this.housekeeping = housekeeping;
    this.heartbeatEvery = heartbeatEvery;
    this.tickEvery = tickEvery;
    this.housekeepingEvery = housekeepingEvery;
    this.retention = retention;
    this.retentionEvery = retentionEvery;
    this.statsRollup = statsRollup;
  }

  @Override
  public Future<?> start() {
    return heartbeat
        .beat()
        .onSuccess(
            registered -> {
              LOG.info("instance registered id={}", heartbeat.self().id());
              every("heartbeat", heartbeatEvery, heartbeat::beat);
              every("scheduler tick", tickEvery, scheduler::tick);
              every("housekeeping", housekeepingEvery, housekeeping::sweep);
              every("retention", retentionEvery, retention::sweep);
              every("queue statistics", housekeepingEvery, statsRollup::fold);
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return Future.succeededFuture();
  }

  private void every(String name, Duration period, Supplier<Future<?>> tick) {
    vertx.setTimer(
        period.toMillis(),
        id -> {
          if (stopping) {
            return;
          }
          Future<?> result;
          try {
            result = tick.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          result
              .onFailure(e -> LOG.warn("{} failed; retrying in {} ms", name, period.toMillis(), e))
              .onComplete(done -> every(name, period, tick));
        });
  }
}
