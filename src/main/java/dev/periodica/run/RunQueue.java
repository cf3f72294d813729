package dev.periodica.run;

import dev.periodica.common.Conflict;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What callers do with the run queue: look, cancel, run a task now, enable or disable tasks. */
public final class RunQueue {
  public static final String THING = "run";

  /** {@link #list}'s bound that counts every match. */
  public static final int COUNT_ALL = RunQueueRepository.COUNT_ALL;

  private final RunQueueRepository runs;
  private final Clock clock;

  public RunQueue(RunQueueRepository runs, Clock clock) {
    this.runs = runs;
    this.clock = clock;
  }

  /**
   * A page of the visible runs matching {@code filter}, its total counted only up to {@code
   * countUpTo + 1} (see {@link RunQueueRepository#list}), or exactly with {@link #COUNT_ALL}: on a
   * queue of millions, "more than 1,000" costs a thousand rows where the exact total reads every
   * match.
   */
  public Future<Page<Run>> list(UUID viewer, RunFilter filter, PageRequest page, int countUpTo) {
    return runs.list(viewer, filter, page, countUpTo);
  }

  /** The runs of one task, which must be visible: a hidden task answers {@code task not found}. */
  public Future<Page<Run>> listOfTask(UUID viewer, RunFilter filter, PageRequest page) {
    return runs.visibleTasks(viewer, java.util.List.of(filter.taskId()))
        .compose(
            visible ->
                !visible.isEmpty()
                    ? runs.list(viewer, filter, page, RunQueueRepository.COUNT_ALL)
                    : Future.failedFuture(new NotFound(Messages.notFound("task"))));
  }

  /**
   * The numbered runs of one task, in {@code statuses} (null for any); a hidden task answers {@code
   * task not found}.
   */
  public Future<Page<NumberedRun>> history(
      UUID viewer, UUID taskId, Collection<RunStatus> statuses, PageRequest page) {
    return runs.visibleTasks(viewer, List.of(taskId))
        .compose(
            visible ->
                !visible.isEmpty()
                    ? runs.history(viewer, taskId, statuses, page)
                    : Future.failedFuture(new NotFound(Messages.notFound("task"))));
  }

  public Future<Run> get(UUID viewer, long runId) {
    return runs.find(viewer, runId)
        .map(found -> found.orElseThrow(() -> new NotFound(Messages.notFound(THING))));
  }

  /** Cancels a pending or running run; a finished one answers 409 naming its status. */
  public Future<Run> cancel(UUID viewer, long runId) {
    return runs.cancel(viewer, runId, clock.instant())
        .compose(
            cancelled ->
                cancelled.isPresent()
                    ? Future.succeededFuture(cancelled.get())
                    : get(viewer, runId)
                        .compose(
                            run ->
                                Future.failedFuture(
                                    new Conflict(
                                        "the run is already "
                                            + run.status().code()
                                            + " and cannot be cancelled"))));
  }

  public Future<Run> runNow(UUID viewer, UUID taskId) {
    return runs.createManual(viewer, taskId, clock.instant())
        .map(run -> run.orElseThrow(() -> new NotFound(Messages.notFound("task"))));
  }

  public Future<List<UUID>> setEnabled(UUID viewer, List<UUID> taskIds, boolean enabled) {
    return setEnabled(viewer, taskIds, enabled, null);
  }

  /** Pauses (with {@code reason}, null for none) or resumes the visible tasks among the ids. */
  public Future<List<UUID>> setEnabled(
      UUID viewer, List<UUID> taskIds, boolean enabled, String reason) {
    return runs.setEnabled(viewer, taskIds, enabled, reason, clock.instant());
  }

  /** The runs among {@code runIds} the viewer sees (hidden and missing ones are left out). */
  public Future<List<Run>> findVisible(UUID viewer, Collection<Long> runIds) {
    return runIds.isEmpty() ? Future.succeededFuture(List.of()) : runs.findVisible(viewer, runIds);
  }

  /** The tasks among {@code taskIds} the viewer sees. */
  public Future<Set<UUID>> visibleTasks(UUID viewer, Collection<UUID> taskIds) {
    return taskIds.isEmpty()
        ? Future.succeededFuture(Set.of())
        : runs.visibleTasks(viewer, taskIds);
  }

  /** Up to {@code limit} runs, newest first, in one of {@code statuses}, of visible tasks. */
  public Future<List<Run>> ofTasks(
      UUID viewer, Collection<UUID> taskIds, Collection<RunStatus> statuses, int limit) {
    return taskIds.isEmpty()
        ? Future.succeededFuture(List.of())
        : runs.ofTasks(viewer, taskIds, statuses, limit);
  }
}
