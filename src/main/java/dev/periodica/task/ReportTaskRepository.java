package dev.periodica.task;

import dev.periodica.access.Caller;
import dev.periodica.access.VisibleRepository;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Storage of report tasks: a task is visible to its owner and to whoever may change its report.
 * Inserting or deleting a task also points its report's {@code task_id} at the report's latest
 * task, in the same transaction.
 */
public interface ReportTaskRepository extends VisibleRepository<ReportTask, TaskDraft> {
  /**
   * Stores a one-shot task whose time is {@code now} as fired already, with its run (a manual run
   * due now), in one transaction: both or neither.
   */
  Future<GeneratedTask> insertFired(Caller caller, UUID id, TaskDraft draft, OffsetDateTime now);
}
