package dev.periodica.report;

import dev.periodica.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployed with the worker threading model, so the blocking work of running jobs (rendering, file
 * writes) never lands on an event loop. It listens for "runs available" signals; claiming and
 * executing runs arrives with the scheduling engine, until then a signal is only counted.
 */
public final class WorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
  private MessageConsumer<Object> consumer;
  private long signals;

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(Addresses.RUNS_AVAILABLE, message -> signals++);
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    LOG.debug("worker stopping after {} signals", signals);
    return consumer.unregister();
  }
}
