package dev.periodica.task;

import dev.periodica.access.VisibleRepository;

/**
 * Storage of report tasks: a task is visible to its owner and to whoever may change its report.
 * Inserting or deleting a task also points its report's {@code task_id} at the report's latest
 * task, in the same transaction.
 */
public interface ReportTaskRepository extends VisibleRepository<ReportTask, TaskDraft> {
  /** The visible tasks of {@code query}'s origin that match it, in one statement. */
  io.vertx.core.Future<java.util.List<ReportTask>> query(
      dev.periodica.access.Caller caller, TaskQuery query);
}
