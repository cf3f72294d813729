package dev.periodica.task;

import dev.periodica.access.Caller;
import dev.periodica.access.VisibleRepository;
import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Collection;
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

  /**
   * {@link #insert}, with the task's first fire time after {@code now} already stepped by the
   * caller (empty: it never fires), so a create steps its schedule once.
   */
  Future<ReportTask> insert(
      Caller caller,
      UUID id,
      TaskDraft draft,
      OffsetDateTime now,
      Optional<java.time.Instant> firstFire);

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

  /**
   * A page of the visible tasks a facade created ({@code origin}), their names starting with the
   * page's {@code namePrefix} (case-insensitive); sortable by {@code name}, {@code created_at},
   * {@code updated_at}, {@code last_run_at}, {@code run_count}, {@code enabled}. Two statements.
   */
  Future<Page<ReportTask>> listOfOrigin(Caller caller, TaskOrigin origin, PageRequest page);

  /** The visible tasks of {@code origin} among {@code ids}, in one statement. */
  Future<List<ReportTask>> findOfOrigin(Caller caller, TaskOrigin origin, Collection<UUID> ids);
}
