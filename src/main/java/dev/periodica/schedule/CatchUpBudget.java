package dev.periodica.schedule;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The runs misfire {@code all} catch-ups may still create in one scheduler tick, over all tasks, so
 * that a long downtime does not turn one tick into a flood of runs. A catch-up (a plan of more than
 * one fire time) takes what is left; the fire times it cannot take stay due (the task's next fire
 * time becomes the first of them) for later ticks, so nothing is lost, and such a task is not
 * claimed again in this tick, so the tasks due behind it still fire.
 */
final class CatchUpBudget {
  private int left;
  private final Set<UUID> deferred = new HashSet<>();

  CatchUpBudget(int runs) {
    this.left = runs;
  }

  /** {@code plan} cut to what is left of the budget. */
  FirePlan limit(DueTask task, FirePlan plan) {
    List<Instant> fires = plan.fireTimes();
    if (fires.size() <= 1) {
      return plan;
    }
    int taken = Math.min(left, fires.size());
    left -= taken;
    if (taken == fires.size()) {
      return plan;
    }
    deferred.add(task.id());
    return new FirePlan(fires.subList(0, taken), fires.get(taken));
  }

  /** Tasks with fire times left for later ticks: not to be claimed again in this one. */
  Set<UUID> deferred() {
    return Set.copyOf(deferred);
  }
}
