package dev.periodica.schedule;

import dev.periodica.run.RunMeters;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;

/**
 * One scheduler tick: turns every task due now into its runs, batch after batch until no more are
 * due (bounded, so a tick never runs away), and reports how many runs it created.
 */
public final class SchedulerService {
  static final int MAX_BATCHES_PER_TICK = 50;
  private final DueTaskRepository tasks;
  private final FirePlanner planner;
  private final Clock clock;
  private final int batch;
  private final RunMeters meters;

  public SchedulerService(
      DueTaskRepository tasks, FirePlanner planner, Clock clock, int batch, RunMeters meters) {
    this.tasks = tasks;
    this.planner = planner;
    this.clock = clock;
    this.batch = batch;
    this.meters = meters;
  }

  /** Runs created by this tick. */
  public Future<Integer> tick() {
    return fire(clock.instant(), 0, 0).onSuccess(meters::created);
  }

  private FirePlan counted(FirePlan plan) {
    if (plan.pausedReason() != null) {
      meters.taskPaused(RunMeters.PAUSED_BY_SCHEDULE);
    }
    return plan;
  }

  private Future<Integer> fire(Instant now, int batches, int created) {
    return tasks
        .fireDue(now, batch, task -> counted(planner.plan(task, now)))
        .compose(
            fired -> {
              for (int i = 0; i < fired.pausedNoAccess(); i++) {
                meters.taskPaused(RunMeters.PAUSED_NO_ACCESS);
              }
              int total = created + fired.runsCreated();
              boolean more = fired.tasks() == batch && batches + 1 < MAX_BATCHES_PER_TICK;
              return more ? fire(now, batches + 1, total) : Future.succeededFuture(total);
            });
  }
}
