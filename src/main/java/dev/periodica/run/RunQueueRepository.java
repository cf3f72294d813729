package dev.periodica.run;

import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller side of the run queue. A run is visible to whoever sees its task; {@code viewer} is
 * the calling user.
 */
public interface RunQueueRepository {
  /** {@link #list}'s {@code countUpTo} that counts every matching run. */
  int COUNT_ALL = -1;

  /**
   * A page of the visible runs matching {@code filter}, and their total counted up to {@code
   * countUpTo + 1}: a total above {@code countUpTo} means "more than {@code countUpTo}", and costs
   * reading at most that many runs, where an exact total reads every match ({@link #COUNT_ALL}).
   */
  Future<Page<Run>> list(UUID viewer, RunFilter filter, PageRequest page, int countUpTo);

  Future<Optional<Run>> find(UUID viewer, long runId);

  /** Cancels a visible run that is not finished; empty when there was no such run to cancel. */
  Future<Optional<Run>> cancel(UUID viewer, long runId, Instant now);

  /** A manual run of a visible task, now; empty when the task is not visible. */
  Future<Optional<Run>> createManual(UUID viewer, UUID taskId, Instant now);

  /**
   * Enables or disables the visible tasks among {@code taskIds}; answers the ids changed. Disabling
   * records the viewer as who paused, and {@code reason} (null: keep the one the task has).
   */
  Future<List<UUID>> setEnabled(
      UUID viewer, Collection<UUID> taskIds, boolean enabled, String reason, Instant now);

  /** The runs among {@code runIds} that {@code viewer} sees, in one statement. */
  Future<List<Run>> findVisible(UUID viewer, Collection<Long> runIds);

  /** The tasks among {@code taskIds} that {@code viewer} sees, in one statement. */
  Future<Set<UUID>> visibleTasks(UUID viewer, Collection<UUID> taskIds);

  /**
   * Up to {@code limit} runs, newest first, in one of {@code statuses}, of the tasks among {@code
   * taskIds} that {@code viewer} sees; one statement.
   */
  Future<List<Run>> ofTasks(
      UUID viewer, Collection<UUID> taskIds, Collection<RunStatus> statuses, int limit);

  /**
   * A page of the runs of one task the viewer sees, numbered, those in {@code statuses} only (null
   * for any); sortable by {@code number}, {@code created_at}, {@code status}, {@code outcome}
   * (failed, pending, complete), {@code took} (newest first by default). Two statements.
   */
  Future<Page<NumberedRun>> history(
      UUID viewer, UUID taskId, Collection<RunStatus> statuses, PageRequest page);
}
