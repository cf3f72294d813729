package dev.periodica.api.compat.sops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The cron and last_run_at texts bk-sops callers read. */
class SopsViewsTest {
  @Test
  void a_unix_interval_is_answered_as_minute_hour_day_of_week_day_of_month_month() {
    assertThat(SopsViews.cron("1,2,3-19/2 2 4 5 3")).isEqualTo("1,2,3-19/2 2 3 4 5 (m/h/d/dM/MY)");
    assertThat(SopsViews.cron("*/1 15 * * *")).isEqualTo("*/1 15 * * * (m/h/d/dM/MY)");
    // set natively in another form: shown as it is
    assertThat(SopsViews.cron("0 0 12 ? * MON")).isEqualTo("0 0 12 ? * MON (m/h/d/dM/MY)");
  }

  @Test
  void last_run_at_is_empty_before_the_first_run_and_utc_with_its_offset_after() {
    assertThat(SopsViews.lastRunAt(null)).isEmpty();
    assertThat(
            SopsViews.lastRunAt(
                OffsetDateTime.of(2018, 11, 28, 15, 57, 1, 123_000, ZoneOffset.ofHours(9))))
        .isEqualTo("2018-11-28 06:57:01 +0000");
  }
}
