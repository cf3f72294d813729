package dev.periodica.task;

import dev.periodica.access.Caller;
import dev.periodica.access.VisibleRepository;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
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

  /** The task whose stable numeric id is {@code number}, if the caller sees it. */
  Future<Optional<ReportTask>> findVisibleByNumber(Caller caller, long number);

  /**
   * The bk-sops facade's tasks (origin {@code sops}) of business {@code bizId} the caller sees,
   * newest (highest number) first, in one statement.
   */
  Future<List<ReportTask>> listSops(Caller caller, String bizId, int limit, int offset);

  /** The visible tasks of {@code query}'s origin that match it, in one statement. */
  io.vertx.core.Future<java.util.List<ReportTask>> query(
      dev.periodica.access.Caller caller, TaskQuery query);
}
