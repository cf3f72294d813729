package dev.periodica.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The next fire times of a schedule and its description, for callers to check before saving. */
public final class SchedulePreview {
  public static final int DEFAULT_COUNT = 5;
  public static final int MAX_COUNT = 100;
  private final Clock clock;
  private final Calendars calendars;

  public SchedulePreview(Clock clock) {
    this(clock, Calendars.defaults());
  }

  public SchedulePreview(Clock clock, Calendars calendars) {
    this.clock = clock;
    this.calendars = calendars;
  }

  /** What a preview answers. */
  public record Preview(List<Instant> next, String description) {}

  /** Throws {@code Invalid} with {@code invalid interval format} or the time-zone rule. */
  public Preview preview(
      String interval, String timezone, Instant startAt, Instant stopAt, int count) {
    return preview(interval, timezone, startAt, stopAt, null, count);
  }

  /** As above, firing only when {@code calendar} (a name, an object, or null) allows. */
  public Preview preview(
      String interval,
      String timezone,
      Instant startAt,
      Instant stopAt,
      Object calendar,
      int count) {
    Schedule schedule =
        Schedules.parse(
            interval,
            Schedules.zone(timezone),
            Instant.EPOCH,
            startAt,
            stopAt,
            calendars.resolve(calendar),
            Calendars.describe(calendar));
    return new Preview(Schedules.next(schedule, clock.instant(), count), schedule.describe());
  }
}
