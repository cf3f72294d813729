package dev.periodica.schedule;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The runs misfire {@code all} catch-ups may still create in one scheduler tick, over all tasks, so
 * that a long downtime does not turn one tick into a flood of runs. A catch-up is a plan of more
 * than one fire time; its missed ones (older than the misfire threshold) take what is left, while
 * fire times that are merely due (a busy scheduler a little behind) cost nothing. The fire times a
 * catch-up cannot take stay due (the task's next fire time becomes the first of them) for later
 * ticks, so nothing is lost, and such a task is not claimed again in this tick, so the tasks due
 * behind it still fire.
 */
final class CatchUpBudget {
  private int left;
  private final Predicate<Instant> missed;
  private final Set<UUID> deferred = new HashSet<>();

  CatchUpBudget(int runs, Predicate<Instant> missed) {
    this.left = runs;
    this.missed = missed;
  }

  /** {@code plan} cut to what is left of the budget. */
  FirePlan limit(DueTask task, FirePlan plan) {
    List<Instant> fires = plan.fireTimes();
    if (fires.size() <= 1) {
      return plan;
    }
    // fire times ascend, so the missed ones come first
    int missedCount = (int) fires.stream().filter(missed).count();
    int taken = Math.min(left, missedCount);
    left -= taken;
    if (taken == missedCount) {
      return plan;
    }
    deferred.add(task.id());
    return new FirePlan(fires.subList(0, taken), fires.get(taken), null, plan.skippedByCalendar());
  }

  /** Tasks with fire times left for later ticks: not to be claimed again in this one. */
  Set<UUID> deferred() {
    return Set.copyOf(deferred);
  }
}
