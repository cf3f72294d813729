package dev.periodica.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * periodica's own counters: runs created by the scheduler ({@code periodica_runs_created_total}),
 * runs finished by this instance, by outcome ({@code periodica_runs_finished_total{status}}), and
 * tasks the scheduler paused, by reason ({@code periodica_tasks_paused_total{reason}}).
 */
public final class RunMeters {
  /** The reason of a task paused because its next fire time could not be computed. */
  public static final String PAUSED_BY_SCHEDULE = "schedule";

  /** The reason of a task paused because its owner can no longer see its report. */
  public static final String PAUSED_NO_ACCESS = "owner_lost_report";

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

  /** A task stopped firing until someone changes it; an operator should look at it. */
  /** Fire times a task's calendar skipped ({@code periodica_fires_skipped_total{reason}}). */
  public void skippedByCalendar(int count) {
    registry.counter("periodica.fires.skipped", "reason", "calendar").increment(count);
  }

  public void taskPaused(String reason) {
    registry.counter("periodica.tasks.paused", "reason", reason).increment();
  }

  void finished(RunStatus status) {
    registry.counter("periodica.runs.finished", "status", status.code()).increment();
  }
}
