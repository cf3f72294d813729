package dev.periodica.schedule;

import dev.periodica.common.Timestamps;
import io.vertx.core.Future;
import java.time.Clock;

/** Registers this instance and refreshes its heartbeat, so others can tell it is alive. */
public final class InstanceHeartbeat {
  private final InstanceRepository instances;
  private final Instance self;
  private final Clock clock;
  private final java.time.Duration deadAfter;

  /** {@code deadAfter}: the silence after which other instances count one dead. */
  public InstanceHeartbeat(
      InstanceRepository instances, Instance self, Clock clock, java.time.Duration deadAfter) {
    this.instances = instances;
    this.self = self;
    this.clock = clock;
    this.deadAfter = deadAfter;
  }

  public Future<Void> beat() {
    return instances.heartbeat(self, Timestamps.now(clock));
  }

  /** Every instance, alive when heard from within the configured silence. */
  public Future<java.util.List<InstanceStatus>> instances() {
    return instances.list(Timestamps.now(clock).minus(deadAfter));
  }

  public Instance self() {
    return self;
  }
}
