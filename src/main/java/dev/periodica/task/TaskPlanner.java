package dev.periodica.task;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads a task's schedule: whether its {@code interval} is one the engine understands, and its
 * first fire time after a moment. The schedule package provides it, wired at start-up, so this
 * package need not depend on it.
 */
public interface TaskPlanner {
  /** Throws {@link dev.periodica.common.Invalid} naming the rule {@code interval} breaks. */
  void check(String interval);

  /** Throws {@link dev.periodica.common.Invalid} naming what is wrong with {@code calendar}. */
  void checkCalendar(Object calendar);

  /** The first fire time of {@code draft} after {@code now}, or empty when it never fires. */
  Optional<Instant> firstFire(TaskDraft draft, Instant now);
}
