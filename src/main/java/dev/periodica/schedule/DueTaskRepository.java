package dev.periodica.schedule;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/** Storage side of the scheduler tick. */
public interface DueTaskRepository {
  /** How much one call did; a full batch means more tasks may be due. */
  /**
   * What one batch did: due tasks claimed, runs created, and tasks paused because their owner can
   * no longer see their report.
   */
  record Fired(int tasks, int runsCreated, int pausedNoAccess) {
    public Fired(int tasks, int runsCreated) {
      this(tasks, runsCreated, 0);
    }

    public Fired withPausedNoAccess(int paused) {
      return new Fired(tasks, runsCreated, paused);
    }
  }

  /**
   * In one transaction: claims up to {@code batch} enabled tasks due at {@code now} with {@code FOR
   * UPDATE SKIP LOCKED}, except those in {@code skip}, asks {@code planner} what to do with each,
   * given the instances heard from since {@code liveSince} (in the order they started; read only
   * when a task places runs by instance), inserts the planned runs (a unique key on task, fire time
   * and slot makes a duplicate impossible; of an {@code each} task with an {@code instances} list,
   * only the runs of the instances it names, by id or name) and stores each task's next fire time;
   * its run count and last run time count only the runs inserted. Other instances skip the claimed
   * tasks, so each due fire time is handled once.
   */
  Future<Fired> fireDue(
      Instant now,
      int batch,
      Set<UUID> skip,
      Instant liveSince,
      BiFunction<DueTask, List<LiveInstance>, PlacedPlan> planner);
}
