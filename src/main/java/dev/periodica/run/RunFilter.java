package dev.periodica.run;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Filters of the run queue list; null or empty means "any". */
public record RunFilter(
    List<RunStatus> statuses,
    UUID taskId,
    UUID reportId,
    UUID instance,
    OffsetDateTime createdFrom,
    OffsetDateTime createdTo) {
  public RunFilter {
    statuses = List.copyOf(statuses);
  }

  public RunFilter withTask(UUID task) {
    return new RunFilter(statuses, task, reportId, instance, createdFrom, createdTo);
  }
}
