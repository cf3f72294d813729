package dev.periodica.run;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Filters of the run queue list; null or empty means "any". {@code job} is the job kind of the
 * run's task, {@code trigger} {@code schedule} or {@code manual}.
 */
public record RunFilter(
    List<RunStatus> statuses,
    UUID taskId,
    UUID reportId,
    UUID instance,
    OffsetDateTime createdFrom,
    OffsetDateTime createdTo,
    String job,
    String trigger) {
  public RunFilter {
    statuses = List.copyOf(statuses);
  }

  /** Runs of these statuses, whatever else. */
  public static RunFilter of(List<RunStatus> statuses) {
    return new RunFilter(statuses, null, null, null, null, null, null, null);
  }

  public RunFilter withTask(UUID task) {
    return new RunFilter(statuses, task, reportId, instance, createdFrom, createdTo, job, trigger);
  }
}
