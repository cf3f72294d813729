package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronIntervalsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "* 0 1 1 1",
        "*/15 9-17 * * MON-FRI",
        "0 0 1,15 * *",
        "*/5 * * * * ?",
        "0 0 12 ? * MON-FRI",
        "0 0 12 ? * MON-FRI 2030",
        "0 0 0 L * ?",
        "0 0 9 15W * ?",
        "0 0 0 30W * ?",
        "0 0 0 1W,15W * ?",
        "0 0 0 LW * ?",
        "0 0 0 ? * 6#3",
        "@hourly",
        "@DAILY",
        "@weekly",
        "@monthly",
        "@yearly",
        "@annually",
        "@midnight"
      })
  void accepts_unix_quartz_and_macros(String interval) {
    assertThat(CronIntervals.accepts(interval)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "every day",
        "* * *",
        "61 * * * *",
        "* 25 * * *",
        "* * * * * * * *",
        "@fortnightly",
        "0 0 32 * *",
        "0 0 0 1W,15 * ?",
        "0 0 0 LW,15W * ?",
        "; DROP TABLE reports"
      })
  void rejects_what_is_not_a_cron(String interval) {
    assertThat(CronIntervals.accepts(interval)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void rejects_null_and_overlong_text() {
    assertThat(CronIntervals.accepts(null)).isFalse();
    assertThat(CronIntervals.accepts("* ".repeat(200))).isFalse();
  }
}
