package dev.periodica.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a task may fire: periods of the week in local time (Monday 09:00–18:00, …) minus excluded
 * dates, read in the task's time zone; or the complement of such a calendar ({@code nowork}). A
 * fire time the calendar does not allow is skipped, not missed.
 */
public final class WorkCalendar {
  /** No restriction: the calendar named {@code all}. */
  public static final WorkCalendar ALL = new WorkCalendar(everyDay(), Set.of(), false);

  /** A span of local time on a day; {@code to} before or equal to {@code from} ends next day. */
  public record Period(DayOfWeek day, LocalTime from, LocalTime to, boolean toEndOfDay) {
    boolean crossesMidnight() {
      return !toEndOfDay && !to.isAfter(from);
    }
  }

  private final Map<DayOfWeek, List<Period>> byDay;
  private final Set<LocalDate> excluded;
  private final boolean complement;

  private WorkCalendar(Map<DayOfWeek, List<Period>> byDay, Set<LocalDate> excluded, boolean not) {
    this.byDay = byDay;
    this.excluded = Set.copyOf(excluded);
    this.complement = not;
  }

  /** A calendar of {@code periods} without the dates {@code excluded}. */
  public static WorkCalendar of(List<Period> periods, Set<LocalDate> excluded) {
    Map<DayOfWeek, List<Period>> byDay = new EnumMap<>(DayOfWeek.class);
    for (Period period : periods) {
      byDay.computeIfAbsent(period.day(), day -> new java.util.ArrayList<>()).add(period);
    }
    byDay.replaceAll((day, list) -> List.copyOf(list));
    return new WorkCalendar(byDay, excluded, false);
  }

  /** Every moment this calendar does not allow: {@code nowork} of {@code work}. */
  public WorkCalendar complement() {
    return new WorkCalendar(byDay, excluded, !complement);
  }

  /** Whether a task may fire at {@code time}, read in {@code zone}. */
  public boolean allows(Instant time, ZoneId zone) {
    return inPeriods(time.atZone(zone)) != complement;
  }

  /**
   * The earliest moment at or after {@code time} this calendar allows, read in {@code zone}, or
   * empty when none comes within {@code limitDays}. Lets a schedule jump over an excluded span in
   * one step instead of testing every fire time in it (a task firing every second would otherwise
   * test 200,000 times over a weekend).
   */
  public java.util.Optional<Instant> nextAllowed(Instant time, ZoneId zone, int limitDays) {
    Instant cursor = time;
    // each step lands on a window edge or a midnight: at most two per period and one per day
    int perDay = 2 * byDay.values().stream().mapToInt(List::size).max().orElse(0) + 2;
    for (int step = 0; step < perDay * (limitDays + 1); step++) {
      if (allows(cursor, zone)) {
        return java.util.Optional.of(cursor);
      }
      Instant next = nextBoundary(cursor, zone);
      if (next == null || next.isAfter(time.plus(java.time.Duration.ofDays(limitDays)))) {
        return java.util.Optional.empty();
      }
      cursor = next;
    }
    return java.util.Optional.empty();
  }

  /**
   * The first moment after {@code time} where being inside the periods may change: a period's start
   * or end, or a midnight (where excluded dates and the day of the week change).
   */
  private Instant nextBoundary(Instant time, ZoneId zone) {
    ZonedDateTime local = time.atZone(zone);
    Instant best = local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    for (int offset = -1; offset <= 1; offset++) {
      LocalDate date = local.toLocalDate().plusDays(offset);
      for (Period period : byDay.getOrDefault(date.getDayOfWeek(), List.of())) {
        Instant start = date.atTime(period.from()).atZone(zone).toInstant();
        Instant end =
            period.toEndOfDay() || period.crossesMidnight()
                ? date.plusDays(1)
                    .atTime(period.toEndOfDay() ? LocalTime.MIDNIGHT : period.to())
                    .atZone(zone)
                    .toInstant()
                : date.atTime(period.to()).atZone(zone).toInstant();
        for (Instant edge : new Instant[] {start, end}) {
          if (edge.isAfter(time) && edge.isBefore(best)) {
            best = edge;
          }
        }
      }
    }
    return best;
  }

  /** Whether this calendar can never allow anything (no periods, not a complement). */
  public boolean isEmpty() {
    return !complement && byDay.isEmpty();
  }

  private boolean inPeriods(ZonedDateTime local) {
    LocalDate date = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    if (!excluded.contains(date)) {
      for (Period period : byDay.getOrDefault(local.getDayOfWeek(), List.of())) {
        boolean started = !time.isBefore(period.from());
        boolean ended =
            !period.toEndOfDay() && !period.crossesMidnight() && !time.isBefore(period.to());
        if (started && !ended) {
          return true;
        }
      }
    }
    // the part after midnight of yesterday's overnight period belongs to yesterday's date
    LocalDate yesterday = date.minusDays(1);
    if (excluded.contains(yesterday)) {
      return false;
    }
    for (Period period : byDay.getOrDefault(local.getDayOfWeek().minus(1), List.of())) {
      if (period.crossesMidnight() && time.isBefore(period.to())) {
        return true;
      }
    }
    return false;
  }

  private static Map<DayOfWeek, List<Period>> everyDay() {
    Map<DayOfWeek, List<Period>> all = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      all.put(day, List.of(new Period(day, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true)));
    }
    return all;
  }

  @Override
  public String toString() {
    return (complement ? "outside " : "")
        + byDay.values()
        + (excluded.isEmpty() ? "" : " except " + excluded);
  }
}
