package dev.periodica.app;

import dev.periodica.schedule.Calendars;
import dev.periodica.schedule.Schedules;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskPlanner;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;

/** Lends the schedule package's reading of intervals to task validation and planning. */
final class SchedulePlanner implements TaskPlanner {
  private final Calendars calendars;

  SchedulePlanner(Calendars calendars) {
    this.calendars = calendars;
  }

  @Override
  public void checkCalendar(Object calendar) {
    calendars.resolve(calendar);
  }

  @Override
  public void check(String interval) {
    Schedules.parse(interval, ZoneId.of("UTC"), Instant.EPOCH, null, null);
  }

  @Override
  public Optional<Instant> firstFire(TaskDraft draft, Instant now) {
    return Schedules.parse(
            draft.interval(),
            Schedules.zone(draft.timezone()),
            Instant.EPOCH,
            instant(draft.startAt()),
            instant(draft.stopAt()),
            calendars.resolve(draft.calendar()),
            Calendars.describe(draft.calendar()))
        .nextAfter(now);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
