package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static List<Instant> next(String interval, ZoneId zone, String after, int count) {
    Schedule schedule = Schedules.parse(interval, zone, Instant.parse(after), null, null);
    return Schedules.next(schedule, Instant.parse(after), count);
  }

  private static List<Instant> instants(String... texts) {
    return java.util.Arrays.stream(texts).map(Instant::parse).toList();
  }

  @Test
  void unix_cron_fires_on_local_wall_clock_time() {
    assertThat(next("0 9 * * MON-FRI", BERLIN, "2026-11-20T00:00:00Z", 2))
        .isEqualTo(instants("2026-11-20T08:00:00Z", "2026-11-23T08:00:00Z"));
  }

  @Test
  void quartz_cron_with_seconds_question_mark_last_day_and_nth_weekday() {
    assertThat(next("*/20 * * * * ?", UTC, "2026-11-22T10:00:05Z", 3))
        .isEqualTo(
            instants("2026-11-22T10:00:20Z", "2026-11-22T10:00:40Z", "2026-11-22T10:01:00Z"));
    assertThat(next("0 0 0 L * ?", UTC, "2026-02-10T00:00:00Z", 1))
        .isEqualTo(instants("2026-02-28T00:00:00Z"));
    assertThat(next("0 0 12 ? * 2#1", UTC, "2026-11-22T00:00:00Z", 1))
        .isEqualTo(instants("2026-12-07T12:00:00Z"));
    assertThat(next("0 0 9 15W * ?", UTC, "2026-11-01T00:00:00Z", 1))
        .isEqualTo(instants("2026-11-16T09:00:00Z"));
  }

  @Test
  void nearest_weekday_of_a_day_a_month_lacks_skips_that_month_and_fires_the_next() {
    // Quartz: 30W has no fire time in February; the nearest weekday never leaves the month
    assertThat(next("0 0 0 30W * ?", UTC, "2027-01-15T00:00:00Z", 5))
        .isEqualTo(
            instants(
                "2027-01-29T00:00:00Z",
                "2027-03-30T00:00:00Z",
                "2027-04-30T00:00:00Z",
                "2027-05-31T00:00:00Z",
                "2027-06-30T00:00:00Z"));
    // a Sunday 31st goes back to Friday 29th, a Saturday 31st to Friday 30th
    assertThat(next("0 0 0 31W * ?", UTC, "2027-01-01T00:00:00Z", 5))
        .isEqualTo(
            instants(
                "2027-01-29T00:00:00Z",
                "2027-03-31T00:00:00Z",
                "2027-05-31T00:00:00Z",
                "2027-07-30T00:00:00Z",
                "2027-08-31T00:00:00Z"));
    assertThat(next("0 0 0 29W * ?", UTC, "2027-01-30T00:00:00Z", 1))
        .isEqualTo(instants("2027-03-29T00:00:00Z"));
    // February 29th only in leap years; a Sunday 29th goes back to Friday 27th
    assertThat(next("0 0 0 29W 2 ?", UTC, "2027-01-01T00:00:00Z", 3))
        .isEqualTo(
            instants("2028-02-29T00:00:00Z", "2032-02-27T00:00:00Z", "2036-02-29T00:00:00Z"));
    // a Saturday 1st moves forward to Monday 3rd
    assertThat(next("0 30 9 1W * ?", UTC, "2027-04-30T00:00:00Z", 1))
        .isEqualTo(instants("2027-05-03T09:30:00Z"));
    // hourly on that day, in the task's zone: after the last hour of Friday 29 January (local)
    // comes the first hour of Tuesday 30 March, summer time by then
    assertThat(next("0 0 * 30W * ?", BERLIN, "2027-01-29T22:30:00Z", 2))
        .isEqualTo(instants("2027-03-29T22:00:00Z", "2027-03-29T23:00:00Z"));
  }

  @Test
  void a_list_of_nearest_weekdays_fires_on_each_in_order() {
    // 2027-05: the 1st is a Saturday (Monday 3rd), the 15th a Saturday (Friday 14th)
    assertThat(next("0 0 0 15W,1W * ?", UTC, "2027-05-01T00:00:00Z", 3))
        .isEqualTo(
            instants("2027-05-03T00:00:00Z", "2027-05-14T00:00:00Z", "2027-06-01T00:00:00Z"));
  }

  @Test
  void a_nearest_weekday_of_a_day_no_allowed_month_has_never_fires() {
    assertThat(next("0 0 0 30W 2 ?", UTC, "2027-01-01T00:00:00Z", 1)).isEmpty();
    assertThat(next("0 0 0 31W 4,6,9,11 ?", UTC, "2027-01-01T00:00:00Z", 1)).isEmpty();
  }

  @Test
  void macros_are_their_unix_equivalents() {
    assertThat(next("@daily", UTC, "2026-11-22T10:00:00Z", 1))
        .isEqualTo(instants("2026-11-23T00:00:00Z"));
    assertThat(next("@hourly", UTC, "2026-11-22T10:00:00Z", 1))
        .isEqualTo(instants("2026-11-22T11:00:00Z"));
  }

  @Test
  void spring_forward_skips_a_local_time_that_does_not_exist() {
    // 2026-03-29 in Berlin: 02:00 jumps to 03:00, so there is no 02:30 that day
    assertThat(next("30 2 * * *", BERLIN, "2026-03-28T02:00:00Z", 2))
        .isEqualTo(instants("2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"));
  }

  @Test
  void fall_back_fires_a_repeated_local_time_once() {
    // 2026-10-25 in Berlin: 03:00 goes back to 02:00, so 02:30 happens twice; it fires once
    assertThat(next("30 2 * * *", BERLIN, "2026-10-24T12:00:00Z", 2))
        .isEqualTo(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
    assertThat(next("0 * * * *", BERLIN, "2026-10-24T23:30:00Z", 3))
        .isEqualTo(
            instants("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"));
  }

  @Test
  void a_zone_without_daylight_saving_keeps_its_offset() {
    assertThat(next("0 9 * * *", ZoneId.of("Europe/Moscow"), "2026-10-24T12:00:00Z", 2))
        .isEqualTo(instants("2026-10-25T06:00:00Z", "2026-10-26T06:00:00Z"));
  }

  @Test
  void fixed_interval_counts_from_its_anchor() {
    Schedule schedule =
        Schedules.parse("@every 90s", UTC, Instant.parse("2026-11-22T10:00:00Z"), null, null);

    assertThat(Schedules.next(schedule, Instant.parse("2026-11-22T10:02:00Z"), 2))
        .isEqualTo(instants("2026-11-22T10:03:00Z", "2026-11-22T10:04:30Z"));
    assertThat(schedule.describe()).isEqualTo("every 90 seconds");
    assertThat(Schedules.parse("@every 5m", UTC, Instant.EPOCH, null, null).describe())
        .isEqualTo("every 5 minutes");
  }

  @Test
  void one_shot_fires_once_then_never() {
    Schedule utc = Schedules.parse("@at 2026-12-01T09:00:00Z", UTC, Instant.EPOCH, null, null);
    Schedule local = Schedules.parse("@at 2026-12-01T09:00:00", BERLIN, Instant.EPOCH, null, null);

    assertThat(Schedules.next(utc, Instant.parse("2026-11-22T00:00:00Z"), 3))
        .isEqualTo(instants("2026-12-01T09:00:00Z"));
    assertThat(local.nextAfter(Instant.parse("2026-11-22T00:00:00Z")))
        .contains(Instant.parse("2026-12-01T08:00:00Z"));
    assertThat(utc.nextAfter(Instant.parse("2026-12-01T09:00:00Z"))).isEmpty();
  }

  @Test
  void an_active_window_bounds_the_fire_times() {
    Schedule schedule =
        Schedules.parse(
            "0 * * * *",
            UTC,
            Instant.EPOCH,
            Instant.parse("2026-11-22T12:00:00Z"),
            Instant.parse("2026-11-22T14:00:00Z"));

    assertThat(Schedules.next(schedule, Instant.parse("2026-11-22T00:00:00Z"), 5))
        .isEqualTo(instants("2026-11-22T12:00:00Z", "2026-11-22T13:00:00Z"));
    assertThat(schedule.describe()).contains("from 2026-11-22T12:00:00.000000Z");
  }

  @Test
  void a_cron_that_never_fires_has_no_next_time() {
    assertThat(next("0 0 30 2 *", UTC, "2026-01-01T00:00:00Z", 1)).isEmpty();
  }

  @Test
  void cron_description_is_readable() {
    assertThat(Schedules.parse("*/5 * * * *", UTC, Instant.EPOCH, null, null).describe())
        .containsIgnoringCase("5 minutes");
  }

  @Test
  void bad_forms_answer_invalid_interval_format() {
    for (String interval :
        List.of("@every 0s", "@every 400d", "@every five", "@at tomorrow", "@sometimes", "x")) {
      assertThatThrownBy(() -> Schedules.parse(interval, UTC, Instant.EPOCH, null, null))
          .as(interval)
          .isInstanceOf(Invalid.class)
          .hasMessage("invalid interval format");
    }
    assertThat(Schedules.accepts("@every 30s")).isTrue();
    assertThat(Schedules.accepts("@at 2026-12-01T09:00:00+03:00")).isTrue();
  }
}
