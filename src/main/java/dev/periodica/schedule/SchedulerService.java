package dev.periodica.schedule;

import dev.periodica.run.RunMeters;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * One scheduler tick: turns every task due now into its runs, placed on instances, batch after
 * batch until no more are due (bounded, so a tick never runs away), and reports how many runs it
 * created. Misfire {@code all} catch-ups share a budget of runs per tick (see {@link
 * CatchUpBudget}).
 */
public final class SchedulerService {
  static final int MAX_BATCHES_PER_TICK = 50;
  private final DueTaskRepository tasks;
  private final FirePlanner planner;
  private final Clock clock;
  private final int batch;
  private final int maxCatchUpPerTick;
  private final RunMeters meters;
  private final PlacementPlanner placements;

  public SchedulerService(
      DueTaskRepository tasks,
      FirePlanner planner,
      PlacementPlanner placements,
      Clock clock,
      int batch,
      int maxCatchUpPerTick,
      RunMeters meters) {
    this.tasks = tasks;
    this.planner = planner;
    this.placements = placements;
    this.clock = clock;
    this.batch = batch;
    this.maxCatchUpPerTick = maxCatchUpPerTick;
    this.meters = meters;
  }

  /** Runs created by this tick. */
  public Future<Integer> tick() {
    Instant now = clock.instant();
    CatchUpBudget budget =
        new CatchUpBudget(maxCatchUpPerTick, fire -> planner.isMissed(fire, now));
    return fire(now, budget, 0, 0).onSuccess(meters::created);
  }

  private FirePlan counted(FirePlan plan) {
    if (plan.pausedReason() != null) {
      meters.taskPaused(RunMeters.PAUSED_BY_SCHEDULE);
    }
    if (plan.skippedByCalendar() > 0) {
      meters.skippedByCalendar(plan.skippedByCalendar());
    }
    return plan;
  }

  private PlacedPlan placed(DueTask task, FirePlan plan, List<LiveInstance> live) {
    return new PlacedPlan(plan, placements.place(task, plan.fireTimes(), live));
  }

  private Future<Integer> fire(Instant now, CatchUpBudget budget, int batches, int created) {
    return tasks
        .fireDue(
            now,
            batch,
            budget.deferred(),
            placements.liveSince(now),
            (task, live) ->
                placed(task, counted(budget.limit(task, planner.plan(task, now))), live))
        .compose(
            fired -> {
              for (int i = 0; i < fired.pausedNoAccess(); i++) {
                meters.taskPaused(RunMeters.PAUSED_NO_ACCESS);
              }
              int total = created + fired.runsCreated();
              boolean more = fired.tasks() == batch && batches + 1 < MAX_BATCHES_PER_TICK;
              return more ? fire(now, budget, batches + 1, total) : Future.succeededFuture(total);
            });
  }
}
