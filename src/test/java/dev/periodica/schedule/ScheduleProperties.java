package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Invalid;
import dev.periodica.support.ScheduleArbitraries;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Schedules at the extremes, without a server: cron expressions built from edge values of every
 * field ({@code L}, {@code W}, {@code LW}, {@code #}, days 28–31, years), one-shot times and
 * windows across the whole {@link OffsetDateTime} range. Reading one either refuses it with {@link
 * Invalid} or gives a schedule whose fire times, however many are asked for, come strictly later
 * one after the other, or an {@link Invalid}; nothing else is ever thrown.
 */
class ScheduleProperties {
  @Provide
  static Arbitrary<String> crons() {
    return ScheduleArbitraries.crons();
  }

  @Provide
  static Arbitrary<OffsetDateTime> anyTime() {
    return ScheduleArbitraries.anyTime();
  }

  @Provide
  static Arbitrary<Instant> now() {
    return Arbitraries.longs()
        .between(0, Instant.parse("2200-01-01T00:00:00Z").getEpochSecond())
        .map(Instant::ofEpochSecond);
  }

  @Property(tries = 1500, edgeCases = EdgeCasesMode.MIXIN)
  void a_cron_is_refused_or_fires_in_order_never_failing_otherwise(
      @ForAll("crons") String interval,
      @ForAll("zones") String zone,
      @ForAll("now") Instant now,
      @ForAll("counts") int count) {
    assertFiresInOrder(interval, zone, now, null, null, count);
  }

  @Property(tries = 600, edgeCases = EdgeCasesMode.MIXIN)
  void one_shots_and_windows_anywhere_in_time_are_refused_or_fire_in_order(
      @ForAll("anyTime") OffsetDateTime at,
      @ForAll("anyTime") OffsetDateTime start,
      @ForAll("anyTime") OffsetDateTime stop,
      @ForAll("crons") String interval,
      @ForAll("zones") String zone,
      @ForAll("now") Instant now) {
    String local = at.toLocalDateTime().toString();
    assertFiresInOrder("@at " + at, zone, now, null, null, 3);
    assertFiresInOrder("@at " + local, zone, now, null, null, 3);
    assertFiresInOrder(interval, zone, now, inRangeOrNull(start), inRangeOrNull(stop), 5);
  }

  @Property(tries = 300)
  void a_nearest_weekday_fire_time_is_a_weekday_in_the_month_of_its_day(
      @ForAll("weekdayDays") int day, @ForAll("now") Instant now) {
    Schedule schedule =
        Schedules.parse("0 0 12 " + day + "W * ?", ZoneId.of("UTC"), Instant.EPOCH, null, null);

    for (Instant fire : Schedules.next(schedule, now, 24)) {
      var date = fire.atOffset(ZoneOffset.UTC).toLocalDate();
      assertThat(date.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(Math.abs(date.getDayOfMonth() - day)).isLessThanOrEqualTo(2);
      assertThat(day).isLessThanOrEqualTo(date.lengthOfMonth());
    }
  }

  @Provide
  static Arbitrary<String> zones() {
    return Arbitraries.of(ScheduleArbitraries.ZONES);
  }

  @Provide
  static Arbitrary<Integer> counts() {
    return Arbitraries.of(1, 2, 24, 100);
  }

  @Provide
  static Arbitrary<Integer> weekdayDays() {
    return Arbitraries.integers().between(1, 31);
  }

  /** A window bound as the API could store it (years 1970–9999 in UTC), else no bound. */
  private static Instant inRangeOrNull(OffsetDateTime time) {
    return time.getYear() > 1970 && time.getYear() < 9999 ? time.toInstant() : null;
  }

  private static void assertFiresInOrder(
      String interval, String zone, Instant now, Instant startAt, Instant stopAt, int count) {
    List<Instant> times;
    try {
      Schedule schedule = Schedules.parse(interval, Schedules.zone(zone), now, startAt, stopAt);
      schedule.describe();
      times = Schedules.next(schedule, now, count);
    } catch (Invalid refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(times.size()).isLessThanOrEqualTo(count);
    Instant previous = now;
    for (Instant time : times) {
      assertThat(time).as(interval).isAfter(previous);
      previous = time;
    }
  }
}
