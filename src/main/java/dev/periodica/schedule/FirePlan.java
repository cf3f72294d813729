package dev.periodica.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What the scheduler does with a due task: the runs to create and the task's next fire time; a
 * {@code pausedReason} when the next fire time could not be computed, so the task stops firing with
 * a reason instead of silently.
 */
public record FirePlan(
    List<Instant> fireTimes, Instant nextRunAt, String pausedReason, int skippedByCalendar) {
  public FirePlan {
    fireTimes = List.copyOf(fireTimes);
  }

  public FirePlan(List<Instant> fireTimes, Instant nextRunAt, String pausedReason) {
    this(fireTimes, nextRunAt, pausedReason, 0);
  }

  public FirePlan(List<Instant> fireTimes, Instant nextRunAt) {
    this(fireTimes, nextRunAt, null, 0);
  }
}
