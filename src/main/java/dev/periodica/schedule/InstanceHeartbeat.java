package dev.periodica.schedule;

import dev.periodica.common.Timestamps;
import io.vertx.core.Future;
import java.time.Clock;

/** Registers this instance and refreshes its heartbeat, so others can tell it is alive. */
public final class InstanceHeartbeat {
  private final InstanceRepository instances;
  private final Instance self;
  private final Clock clock;

  public InstanceHeartbeat(InstanceRepository instances, Instance self, Clock clock) {
    this.instances = instances;
    this.self = self;
    this.clock = clock;
  }

  public Future<Void> beat() {
    return instances.heartbeat(self, Timestamps.now(clock));
  }

  /** Every instance, alive when heard from within {@code deadAfter}. */
  public Future<java.util.List<InstanceStatus>> instances(java.time.Duration deadAfter) {
    return instances.list(Timestamps.now(clock).minus(deadAfter));
  }

  public Instance self() {
    return self;
  }
}
