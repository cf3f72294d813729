package dev.periodica.schedule;

import java.time.Instant;
import java.util.Optional;

/** When a task fires: the fire times of a cron expression, a fixed interval or a single time. */
public interface Schedule {
  /** The first fire time strictly after {@code after}, or empty when there is none. */
  Optional<Instant> nextAfter(Instant after);

  /**
   * The first fire time after {@code after}, telling {@code skipped} of each fire time passed over
   * on the way (a calendar's excluded hours); plain schedules skip none.
   */
  default Optional<Instant> nextAfter(Instant after, java.util.function.Consumer<Instant> skipped) {
    return nextAfter(after);
  }

  /** A description a person reads, e.g. "every 5 minutes". */
  String describe();
}
