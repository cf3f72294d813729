package dev.periodica.schedule;

import java.time.Instant;
import java.util.List;

/** What the scheduler does with a due task: its fire plan, with the runs placed on instances. */
public record PlacedPlan(FirePlan plan, List<PlacedRun> runs) {
  public PlacedPlan {
    runs = List.copyOf(runs);
  }

  public Instant nextRunAt() {
    return plan.nextRunAt();
  }

  public String pausedReason() {
    return plan.pausedReason();
  }
}
