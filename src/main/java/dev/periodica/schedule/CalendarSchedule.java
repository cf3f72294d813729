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
  static final int MAX_SKIPPED = 100_000;

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

  /** The next fire time the calendar allows, telling {@code listener} of those it skips. */
  @Override
  public Optional<Instant> nextAfter(Instant after, java.util.function.Consumer<Instant> listener) {
    Instant limit =
        after.isAfter(Instant.MAX.minus(LOOK_AHEAD)) ? Instant.MAX : after.plus(LOOK_AHEAD);
    Optional<Instant> candidate = inner.nextAfter(after);
    int skipped = 0;
    while (candidate.isPresent() && !calendar.allows(candidate.get(), zone)) {
      if (++skipped > MAX_SKIPPED || candidate.get().isAfter(limit)) {
        return Optional.empty();
      }
      listener.accept(candidate.get());
      candidate = inner.nextAfter(candidate.get());
    }
    return candidate;
  }

  @Override
  public String describe() {
    return inner.describe() + ", " + name;
  }
}
