package dev.periodica.task;

import dev.periodica.access.Caller;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a task the caller may see together with its report, or a report with its latest task: the
 * detail view of either in one statement instead of one for the task and one for the report.
 */
public interface TaskWithReportReader<R> {
  /**
   * The task and its report, or empty when the task does not exist or the caller may not see it.
   */
  Future<Optional<TaskWithReport<R>>> findVisible(Caller caller, UUID id);

  /**
   * A report the caller may read, with its latest task when the caller sees that task (else a null
   * task); empty when the report does not exist or the caller may not read it.
   */
  Future<Optional<TaskWithReport<R>>> findReport(Caller caller, UUID reportId);
}
