package dev.periodica.app;

import dev.periodica.schedule.Calendars;
import dev.periodica.schedule.Schedules;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskPlanner;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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

  /**
   * The last answer of {@link #firstFire}: a create asks for its draft's first fire twice at the
   * same instant (the check that it fires at all, then the insert's {@code next_run_at}), and
   * stepping a cron expression is a tenth of a create's CPU. The answer is a function of the draft
   * and the instant, so it is reused only for the same draft object and an equal instant; threads
   * racing on it at worst compute again.
   */
  private final AtomicReference<FirstFire> last = new AtomicReference<>();

  private record FirstFire(TaskDraft draft, Instant now, Optional<Instant> fire) {}

  @Override
  public Optional<Instant> firstFire(TaskDraft draft, Instant now) {
    FirstFire known = last.get();
    if (known != null && known.draft() == draft && known.now().equals(now)) {
      return known.fire();
    }
    Optional<Instant> fire = stepFirstFire(draft, now);
    last.set(new FirstFire(draft, now, fire));
    return fire;
  }

  private Optional<Instant> stepFirstFire(TaskDraft draft, Instant now) {
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
