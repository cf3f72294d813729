package dev.periodica.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * periodica's own counters: runs created by the scheduler ({@code periodica_runs_created_total})
 * and runs finished by this instance, by outcome ({@code periodica_runs_finished_total{status}}).
 */
public final class RunMeters {
  private final MeterRegistry registry;

  public RunMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts nothing: for servers started without metrics. */
  public static RunMeters none() {
    return new RunMeters(new CompositeMeterRegistry());
  }

  public void created(int runs) {
    if (runs > 0) {
      registry.counter("periodica.runs.created").increment(runs);
    }
  }

  void finished(RunStatus status) {
    registry.counter("periodica.runs.finished", "status", status.code()).increment();
  }
}
