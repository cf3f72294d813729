package dev.periodica.run;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The worker side of the run queue. Every status change is a guarded UPDATE: it names the status
 * (and, for a worker, the instance) it expects, and zero rows means someone else won.
 */
public interface RunRepository {
  /**
   * Claims up to {@code limit} runs this instance may execute ({@code new}, or {@code need_restart}
   * past its back-off; pinned here or to any instance) in one statement with {@code FOR UPDATE SKIP
   * LOCKED}, setting them {@code in_action} with a lease until {@code leaseUntil}.
   */
  Future<List<ClaimedRun>> claim(UUID instance, Instant now, Instant leaseUntil, int limit);

  /** A run's progress as one execution ({@code version}) reports it. */
  record Progress(int version, int percent) {}

  /**
   * Records the progress of many runs of this instance in one statement; answers the ids of the
   * runs still this instance's to run (the others were cancelled, timed out or taken over).
   */
  Future<java.util.Set<Long>> progressAll(UUID instance, Map<Long, Progress> updates, Instant now);

  /**
   * Applies many outcomes in one statement, each guarded: a run is finished only while it is {@code
   * in_action} on this instance; answers the ids of the runs that were still {@code in_action} here
   * and so were finished.
   */
  Future<java.util.Set<Long>> finishAll(UUID instance, List<Outcome> outcomes);

  /** Records a run's file while this execution still holds it; false when it no longer does. */
  Future<Boolean> attachFile(long runId, int version, UUID instance, RunFile file);

  /** Records a run's result while this execution still holds it; false when it no longer does. */
  Future<Boolean> recordResult(
      long runId, int version, UUID instance, io.vertx.core.json.JsonObject result);

  /** Extends the leases of the runs this instance is executing. */
  Future<Integer> renewLeases(UUID instance, Map<Long, Integer> versions, Instant leaseUntil);

  /**
   * Runs whose lease expired (their instance died) become {@code need_restart}, or {@code error}
   * once they used all their attempts; returns how many changed.
   */
  Future<Integer> expireLeases(Instant now);

  /** Runs executing longer than their task's timeout become {@code cancel_too_long}. */
  Future<Integer> timeOut(Instant now);

  /**
   * Ends {@code error} the waiting runs pinned to an instance that has sent no heartbeat (or never
   * registered) for {@code giveUp}, once they have waited that long themselves. Runs of placement
   * {@code first} are not among them: they move to the next instance of their list instead.
   */
  Future<Integer> giveUpStranded(Instant now, java.time.Duration giveUp);

  /**
   * Ends {@code error} the waiting runs of placement {@code first} or {@code one_of} that no
   * instance of their list could take: none of them sent a heartbeat for {@code giveUp}, and the
   * run has waited that long itself. The error names the instances.
   */
  Future<Integer> giveUpListed(Instant now, java.time.Duration giveUp);

  /**
   * Moves waiting runs of placement {@code first} pinned to an instance silent since {@code
   * liveSince} to the first instance of their list heard from since then, or leaves them unpinned
   * for any instance of the list when none was.
   */
  Future<Integer> failOverFirst(Instant now, Instant liveSince);

  /**
   * Deletes up to {@code limit} finished runs created before {@code olderThan} or beyond the newest
   * {@code keepPerTask} of their task; answers how many it deleted.
   */
  Future<Integer> deleteOld(Instant olderThan, int keepPerTask, int limit);

  /**
   * Takes up to {@code limit} stored file paths whose runs are gone (deleted by retention or with
   * their task or report); each path is handed out once.
   */
  Future<List<String>> takeOrphanFiles(int limit);

  /** Releases this instance's running runs as {@code need_restart}, on graceful shutdown. */
  Future<Integer> release(UUID instance, Collection<Long> runIds, Instant now);
}
