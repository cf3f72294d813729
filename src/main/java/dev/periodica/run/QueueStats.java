package dev.periodica.run;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Runs per status of the tasks a caller sees, and runs created and finished per minute. */
public record QueueStats(Map<RunStatus, Long> counts, List<Minute> minutes) {
  public QueueStats {
    counts = Map.copyOf(counts);
    minutes = List.copyOf(minutes);
  }

  /** One minute of the chart: runs created in it and runs that ended in it. */
  public record Minute(OffsetDateTime at, long created, long finished) {}
}
