package dev.periodica.schedule;

import java.time.Instant;
import java.util.List;

/** What the scheduler does with a due task: the runs to create and the task's next fire time. */
public record FirePlan(List<Instant> fireTimes, Instant nextRunAt) {
  public FirePlan {
    fireTimes = List.copyOf(fireTimes);
  }
}
