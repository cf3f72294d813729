package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkCalendarTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final WorkCalendar WORK = weekdays("09:00", "18:00", Set.of());

  private static WorkCalendar weekdays(String from, String to, Set<LocalDate> excluded) {
    List<WorkCalendar.Period> periods = new ArrayList<>();
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      periods.add(new WorkCalendar.Period(day, LocalTime.parse(from), LocalTime.parse(to), false));
    }
    return WorkCalendar.of(periods, excluded);
  }

  private static Instant local(String dateTime, ZoneId zone) {
    return java.time.LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  @Test
  void working_hours_are_read_in_the_tasks_zone_from_inclusive_to_exclusive() {
    assertThat(WORK.allows(local("2026-12-01T09:00", BERLIN), BERLIN)).isTrue();
    assertThat(WORK.allows(local("2026-12-01T17:59:59", BERLIN), BERLIN)).isTrue();
    assertThat(WORK.allows(local("2026-12-01T18:00", BERLIN), BERLIN)).isFalse();
    assertThat(WORK.allows(local("2026-12-01T08:59", BERLIN), BERLIN)).isFalse();
    assertThat(WORK.allows(local("2026-12-05T10:00", BERLIN), BERLIN)).as("a Saturday").isFalse();
    // 09:30 in Berlin is 08:30 UTC: outside the same hours read in UTC
    assertThat(WORK.allows(local("2026-12-01T09:30", BERLIN), ZoneId.of("UTC"))).isFalse();
  }

  @Test
  void an_excluded_date_and_the_complement() {
    WorkCalendar holidays = weekdays("09:00", "18:00", Set.of(LocalDate.parse("2026-12-31")));
    assertThat(holidays.allows(local("2026-12-31T10:00", BERLIN), BERLIN)).isFalse();
    assertThat(holidays.allows(local("2027-01-01T10:00", BERLIN), BERLIN)).isTrue();
    WorkCalendar nowork = holidays.complement();
    assertThat(nowork.allows(local("2026-12-31T10:00", BERLIN), BERLIN)).isTrue();
    assertThat(nowork.allows(local("2027-01-01T10:00", BERLIN), BERLIN)).isFalse();
    assertThat(nowork.allows(local("2027-01-02T10:00", BERLIN), BERLIN)).isTrue();
  }

  @Test
  void an_overnight_period_runs_past_midnight_into_the_next_day() {
    WorkCalendar nights =
        WorkCalendar.of(
            List.of(
                new WorkCalendar.Period(
                    DayOfWeek.FRIDAY, LocalTime.parse("22:00"), LocalTime.parse("06:00"), false)),
            Set.of());
    assertThat(nights.allows(local("2026-12-04T23:00", BERLIN), BERLIN)).isTrue();
    assertThat(nights.allows(local("2026-12-05T05:59", BERLIN), BERLIN)).isTrue();
    assertThat(nights.allows(local("2026-12-05T06:00", BERLIN), BERLIN)).isFalse();
    assertThat(nights.allows(local("2026-12-04T05:00", BERLIN), BERLIN)).isFalse();
  }

  @Test
  void hourly_fires_keep_only_working_hours_across_a_daylight_saving_change() {
    // Berlin springs forward on 2026-03-29 (a Sunday); Monday 30 March fires at 09..17 local
    Schedule hourly =
        new CalendarSchedule(
            Schedules.parse("0 * * * *", BERLIN, Instant.EPOCH, null, null), WORK, BERLIN, "work");
    List<Instant> fires = Schedules.next(hourly, local("2026-03-27T17:30", BERLIN), 10);
    List<ZonedDateTime> local = fires.stream().map(t -> t.atZone(BERLIN)).toList();
    assertThat(local.get(0).toLocalDateTime().toString()).isEqualTo("2026-03-30T09:00");
    assertThat(local.get(8).toLocalDateTime().toString()).isEqualTo("2026-03-30T17:00");
    assertThat(local.get(9).toLocalDateTime().toString()).isEqualTo("2026-03-31T09:00");
    assertThat(local)
        .allSatisfy(time -> assertThat(time.getOffset().getTotalSeconds()).isEqualTo(7200));
  }

  @Test
  void a_calendar_that_allows_no_fire_time_never_fires_and_says_so_quickly() {
    Schedule sundays =
        new CalendarSchedule(
            Schedules.parse("0 12 * * SUN", BERLIN, Instant.EPOCH, null, null),
            WORK,
            BERLIN,
            "work");
    assertThat(sundays.nextAfter(Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void skipped_fire_times_are_told() {
    List<Instant> skipped = new ArrayList<>();
    CalendarSchedule daily =
        new CalendarSchedule(
            Schedules.parse("0 12 * * *", BERLIN, Instant.EPOCH, null, null), WORK, BERLIN, "work");
    Instant next = daily.nextAfter(local("2026-12-04T13:00", BERLIN), skipped::add).orElseThrow();
    assertThat(next).isEqualTo(local("2026-12-07T12:00", BERLIN));
    // the weekend is one excluded span: the search jumps over it and tells of its first fire time
    assertThat(skipped).containsExactly(local("2026-12-05T12:00", BERLIN));
  }

  @Test
  void a_schedule_every_second_crosses_a_weekend_in_one_jump_and_finds_monday_morning() {
    CalendarSchedule everySecond =
        new CalendarSchedule(
            Schedules.parse("*/1 * * * * ?", BERLIN, Instant.EPOCH, null, null),
            WORK,
            BERLIN,
            "work");
    List<Instant> skipped = new ArrayList<>();
    long started = System.nanoTime();

    Instant next =
        everySecond.nextAfter(local("2026-12-04T18:00", BERLIN), skipped::add).orElseThrow();

    assertThat(next).isEqualTo(local("2026-12-07T09:00", BERLIN));
    assertThat(skipped).hasSize(1);
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(java.time.Duration.ofSeconds(1));
  }

  @Test
  void a_summer_of_excluded_dates_is_crossed_and_the_task_fires_after_it() {
    Set<LocalDate> summer = new java.util.HashSet<>();
    for (LocalDate d = LocalDate.parse("2027-06-01");
        !d.isAfter(LocalDate.parse("2027-08-31"));
        d = d.plusDays(1)) {
      summer.add(d);
    }
    WorkCalendar calendar = weekdays("09:00", "18:00", summer);
    Schedule everyMinute =
        new CalendarSchedule(
            Schedules.parse("* * * * *", BERLIN, Instant.EPOCH, null, null),
            calendar,
            BERLIN,
            "custom");

    List<Instant> next = Schedules.next(everyMinute, local("2027-05-31T17:58", BERLIN), 3);

    assertThat(next)
        .containsExactly(
            local("2027-05-31T17:59", BERLIN),
            local("2027-09-01T09:00", BERLIN),
            local("2027-09-01T09:01", BERLIN));
  }

  @Test
  void outside_working_hours_jumps_to_the_evening() {
    Schedule everySecond =
        new CalendarSchedule(
            Schedules.parse("*/1 * * * * ?", BERLIN, Instant.EPOCH, null, null),
            WORK.complement(),
            BERLIN,
            "nowork");
    assertThat(everySecond.nextAfter(local("2026-12-01T09:00", BERLIN)))
        .contains(local("2026-12-01T18:00", BERLIN));
  }
}
