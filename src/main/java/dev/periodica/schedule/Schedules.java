package dev.periodica.schedule;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.Timestamps;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a task's {@code interval} into a {@link Schedule}. Accepted forms: a cron expression (see
 * {@link CronIntervals}), a fixed interval {@code @every 90s} ({@code s}, {@code m}, {@code h},
 * {@code d}), and a one-shot time {@code @at 2026-12-01T09:00:00Z} (without an offset the time is
 * read in the task's time zone).
 */
public final class Schedules {
  static final Duration MAX_PERIOD = Duration.ofDays(366);
  private static final Pattern EVERY = Pattern.compile("@every\\s+(\\d{1,9})\\s*([smhd])");
  private static final Pattern AT = Pattern.compile("@at\\s+(\\S+)");

  private Schedules() {}

  /** Whether {@code interval} is any accepted form; the IntervalRule of task validation. */
  public static boolean accepts(String interval) {
    try {
      parse(interval, ZoneId.of("UTC"), Instant.EPOCH, null, null);
      return true;
    } catch (Invalid e) {
      return false;
    }
  }

  /**
   * The schedule of a task: {@code anchor} starts a fixed interval (the task's creation or its
   * window start), {@code startAt}/{@code stopAt} bound the active window (either may be null).
   */
  public static Schedule parse(
      String interval, ZoneId zone, Instant anchor, Instant startAt, Instant stopAt) {
    if (interval == null || interval.isBlank() || interval.length() > CronIntervals.MAX_LENGTH) {
      throw new Invalid(Messages.INVALID_INTERVAL);
    }
    String text = interval.trim();
    String lower = text.toLowerCase(Locale.ROOT);
    Schedule schedule;
    Matcher every = EVERY.matcher(lower);
    Matcher at = AT.matcher(text);
    if (every.matches()) {
      schedule = new FixedIntervalSchedule(period(every), startAt != null ? startAt : anchor);
    } else if (lower.startsWith("@at") && at.matches()) {
      schedule = new OneShotSchedule(instant(at.group(1), zone));
    } else {
      schedule =
          new CronSchedule(
              CronIntervals.compiled(text)
                  .orElseThrow(() -> new Invalid(Messages.INVALID_INTERVAL)),
              zone);
    }
    return startAt == null && stopAt == null
        ? schedule
        : new WindowedSchedule(schedule, startAt, stopAt);
  }

  /**
   * The schedule of a task that fires only when {@code calendar} allows ({@code description} says
   * which calendar, null for none).
   */
  public static Schedule parse(
      String interval,
      ZoneId zone,
      Instant anchor,
      Instant startAt,
      Instant stopAt,
      WorkCalendar calendar,
      String description) {
    Schedule schedule = parse(interval, zone, anchor, startAt, stopAt);
    return calendar == WorkCalendar.ALL
        ? schedule
        : new CalendarSchedule(schedule, calendar, zone, description);
  }

  /** The zone named {@code name}, or {@link Invalid} with a message naming the rule. */
  public static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (DateTimeException | NullPointerException e) {
      throw new Invalid(Messages.INVALID_TIMEZONE);
    }
  }

  private static Duration period(Matcher every) {
    long count = Long.parseLong(every.group(1));
    Duration period =
        switch (every.group(2)) {
          case "s" -> Duration.ofSeconds(count);
          case "m" -> Duration.ofMinutes(count);
          case "h" -> Duration.ofHours(count);
          default -> Duration.ofDays(count);
        };
    if (period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
      throw new Invalid(Messages.INVALID_INTERVAL);
    }
    return period;
  }

  /** The time of {@code @at}, within the years any timestamp a caller gives may have. */
  private static Instant instant(String text, ZoneId zone) {
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        at = LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new Invalid(Messages.INVALID_INTERVAL);
      } catch (DateTimeException e) {
        throw new Invalid(Messages.AT_OUT_OF_RANGE);
      }
    }
    if (!Timestamps.inRange(at)) {
      throw new Invalid(Messages.AT_OUT_OF_RANGE);
    }
    return at;
  }

  /** The next {@code count} fire times after {@code after}. */
  public static java.util.List<Instant> next(Schedule schedule, Instant after, int count) {
    java.util.List<Instant> times = new java.util.ArrayList<>(count);
    Instant cursor = after;
    for (int i = 0; i < count; i++) {
      Optional<Instant> next = schedule.nextAfter(cursor);
      if (next.isEmpty()) {
        break;
      }
      times.add(next.get());
      cursor = next.get();
    }
    return times;
  }
}
