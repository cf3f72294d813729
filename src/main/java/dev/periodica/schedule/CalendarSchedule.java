package dev.periodica.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A schedule that fires only when its {@link WorkCalendar} allows: other fire times of the inner
 * schedule are skipped. The look-ahead is bounded, so a calendar that excludes every fire time
 * makes a schedule that never fires rather than a search that never ends.
 */
final class CalendarSchedule implements Schedule {
  static final Duration LOOK_AHEAD = Duration.ofDays(2 * 366);
  static final int MAX_STEPS = 100_000;

  private final Schedule inner;
  private final WorkCalendar calendar;
  private final ZoneId zone;
  private final String name;

  CalendarSchedule(Schedule inner, WorkCalendar calendar, ZoneId zone, String name) {
    this.inner = inner;
    this.calendar = calendar;
    this.zone = zone;
    this.name = name;
  }

  @Override
  public Optional<Instant> nextAfter(Instant after) {
    return nextAfter(after, fireTime -> {});
  }

  /**
   * The next fire time the calendar allows, telling {@code listener} of the fire times it passed
   * over. A fire time outside the calendar makes the search jump to the calendar's next allowed
   * moment, so a frequent schedule crosses an excluded night or weekend in one step: the listener
   * then hears of the first fire time of that span only.
   */
  @Override
  public Optional<Instant> nextAfter(Instant after, java.util.function.Consumer<Instant> listener) {
    Instant limit =
        after.isAfter(Instant.MAX.minus(LOOK_AHEAD)) ? Instant.MAX : after.plus(LOOK_AHEAD);
    Optional<Instant> candidate = inner.nextAfter(after);
    for (int steps = 0; candidate.isPresent(); steps++) {
      Instant fire = candidate.get();
      if (calendar.allows(fire, zone)) {
        return candidate;
      }
      if (steps >= MAX_STEPS || fire.isAfter(limit)) {
        return Optional.empty();
      }
      listener.accept(fire);
      Optional<Instant> open = calendar.nextAllowed(fire, zone, (int) LOOK_AHEAD.toDays());
      if (open.isEmpty()) {
        return Optional.empty();
      }
      // the next fire time at or after the moment the calendar opens again
      candidate = inner.nextAfter(open.get().minusNanos(1));
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return inner.describe() + ", " + name;
  }
}
