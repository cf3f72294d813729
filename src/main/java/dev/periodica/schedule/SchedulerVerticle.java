package dev.periodica.schedule;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per instance. Wires the periodic chores of the scheduler: for now the instance heartbeat;
 * each tick re-arms only after it finished, and a failed tick is logged and retried next time.
 */
public final class SchedulerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);
  private final InstanceHeartbeat heartbeat;
  private final long periodMillis;
  private volatile boolean stopping;
  private long timerId = -1;

  public SchedulerVerticle(InstanceHeartbeat heartbeat, long periodMillis) {
    this.heartbeat = heartbeat;
    this.periodMillis = periodMillis;
  }

  @Override
  public Future<?> start() {
    return heartbeat
        .beat()
        .onSuccess(
            registered -> {
              LOG.info("instance registered id={}", heartbeat.self().id());
              arm();
            });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timerId);
    return Future.succeededFuture();
  }

  private void arm() {
    if (!stopping) {
      timerId = vertx.setTimer(periodMillis, id -> tick());
    }
  }

  private void tick() {
    heartbeat
        .beat()
        .onFailure(e -> LOG.warn("heartbeat failed, retrying in {} ms", periodMillis, e))
        .onComplete(done -> arm());
  }
}
