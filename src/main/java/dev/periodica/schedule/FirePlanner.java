package dev.periodica.schedule;

import dev.periodica.common.Messages;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for a due task and the current time, which fire times get a run and when the task fires
 * next. Pure: the same task and time always give the same plan.
 *
 * <p>Fire times up to now are "due". One later than {@code misfireThreshold} was missed (the
 * scheduler was down); the task's misfire policy then decides: {@code once} runs the latest due
 * fire time only, {@code skip} drops the missed ones, {@code all} runs each one within {@code
 * catchUpWindow}, at most {@code maxCatchUp}. With overlap {@code skip}, a busy task gets no run
 * and an idle one at most one per tick.
 */
public final class FirePlanner {
  private static final Logger LOG = LoggerFactory.getLogger(FirePlanner.class);

  /**
   * A next fire time meaning "plan from now, nothing was missed": set when a task is enabled again,
   * so the time it spent disabled does not count as downtime.
   */
  public static final Instant REPLAN = Instant.EPOCH;

  private static final List<Duration> LOOK_BACK =
      List.of(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));

  private final Duration misfireThreshold;
  private final Duration catchUpWindow;
  private final int maxCatchUp;
  private final Calendars calendars;

  public FirePlanner(Duration misfireThreshold, Duration catchUpWindow, int maxCatchUp) {
    this(misfireThreshold, catchUpWindow, maxCatchUp, Calendars.defaults());
  }

  /** {@code calendars} reads tasks' calendars, {@code work} being the deployment's hours. */
  public FirePlanner(
      Duration misfireThreshold, Duration catchUpWindow, int maxCatchUp, Calendars calendars) {
    this.misfireThreshold = misfireThreshold;
    this.catchUpWindow = catchUpWindow;
    this.maxCatchUp = maxCatchUp;
    this.calendars = calendars;
  }

  /**
   * The plan of {@code task} at {@code now}. When its schedule cannot be read or its next fire time
   * cannot be computed, the task is paused with {@link Messages#PAUSED_SCHEDULE}: its due fire time
   * (computed when it was still computable) still gets its run, and it fires again once its
   * schedule is changed.
   */
  public FirePlan plan(DueTask task, Instant now) {
    try {
      return planChecked(task, now);
    } catch (RuntimeException e) {
      // one broken task must never stop the tick for every other task, nor stop silently
      LOG.error(
          "task {} is paused: the next fire time of interval '{}' (timezone {}, start_at {},"
              + " stop_at {}) could not be computed",
          task.id(),
          task.interval(),
          task.timezone(),
          task.startAt(),
          task.stopAt(),
          e);
      List<Instant> due =
          task.nextRunAt().equals(REPLAN) || task.nextRunAt().isAfter(now)
              ? List.of()
              : List.of(task.nextRunAt());
      return new FirePlan(choose(task, due, now), null, Messages.PAUSED_SCHEDULE);
    }
  }

  private FirePlan planChecked(DueTask task, Instant now) {
    java.time.ZoneId zone = Schedules.zone(task.timezone());
    WorkCalendar calendar = calendars.resolve(task.calendar());
    Schedule schedule =
        Schedules.parse(
            task.interval(),
            zone,
            Instant.EPOCH,
            task.startAt(),
            task.stopAt(),
            calendar,
            Calendars.describe(task.calendar()));
    if (task.nextRunAt().equals(REPLAN)) {
      return new FirePlan(List.of(), schedule.nextAfter(now).orElse(null));
    }
    Instant windowStart = now.minus(catchUpWindow);
    Instant cursor = task.nextRunAt();
    if (cursor.isBefore(windowStart)) {
      // long downtime: older fire times are past any policy's reach, so do not walk them
      cursor = schedule.nextAfter(windowStart.minusNanos(1000)).orElse(null);
    }
    if (cursor != null && task.misfire() != MisfirePolicy.ALL) {
      // only the latest due fire time matters: start walking close to now
      cursor = latestStart(schedule, cursor, now);
    }
    List<Instant> due = new ArrayList<>();
    int[] skipped = {0};
    int steps = 0;
    boolean jumped = false;
    while (cursor != null && !cursor.isAfter(now)) {
      if (++steps > maxSteps() && !jumped) {
        // a very frequent schedule after long downtime: keep the newest fire times only
        jumped = true;
        due.clear();
        cursor = latestStart(schedule, cursor, now);
      }
      if (calendar.allows(cursor, zone)) {
        due.add(cursor);
      } else {
        // stored before the calendar (or WORK_CALENDAR) changed: skipped, not run
        skipped[0]++;
      }
      if (due.size() > maxCatchUp) {
        due.remove(0);
      }
      cursor = schedule.nextAfter(cursor, fire -> skipped[0]++).orElse(null);
    }
    // fire times the calendar passed over are skipped, not missed: counted, never run
    return new FirePlan(choose(task, due, now), cursor, null, skipped[0]);
  }

  private int maxSteps() {
    return Math.max(1000, 10 * maxCatchUp);
  }

  /**
   * A fire time at or before {@code now}, no earlier than {@code cursor}, found by looking back a
   * minute, an hour, then a day, so the walk to now stays short whatever the schedule.
   */
  private static Instant latestStart(Schedule schedule, Instant cursor, Instant now) {
    for (Duration span : LOOK_BACK) {
      Instant from = now.minus(span);
      if (from.isAfter(cursor)) {
        Instant candidate = schedule.nextAfter(from.minusNanos(1000)).orElse(null);
        if (candidate != null && !candidate.isAfter(now)) {
          return candidate;
        }
      }
    }
    return cursor;
  }

  private List<Instant> choose(DueTask task, List<Instant> due, Instant now) {
    if (due.isEmpty()) {
      return List.of();
    }
    Instant latest = due.get(due.size() - 1);
    List<Instant> chosen =
        switch (task.misfire()) {
          case ONCE -> List.of(latest);
          case SKIP -> isMissed(latest, now) ? List.of() : List.of(latest);
          case ALL -> due;
        };
    if (task.overlap() == OverlapPolicy.SKIP) {
      // an each task overlaps per instance: its placement leaves out the busy instances
      boolean busy = task.busy() && task.placement() != Placement.EACH;
      return busy || chosen.isEmpty() ? List.of() : List.of(chosen.get(0));
    }
    return chosen;
  }

  boolean isMissed(Instant fireTime, Instant now) {
    return Duration.between(fireTime, now).compareTo(misfireThreshold) > 0;
  }
}
