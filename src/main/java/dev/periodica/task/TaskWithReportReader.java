package dev.periodica.task;

import dev.periodica.access.Caller;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a task the caller may see together with its report: the detail view of a task in one
 * statement instead of one for the task and one for its report.
 */
public interface TaskWithReportReader<R> {
  /**
   * The task and its report, or empty when the task does not exist or the caller may not see it.
   */
  Future<Optional<TaskWithReport<R>>> findVisible(Caller caller, UUID id);
}
