package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.Cron;
import org.junit.jupiter.api.Test;
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

  @Test
  void an_expression_read_twice_is_parsed_once_and_a_refused_one_stays_refused() {
    String text = "17 4 */3 * *";
    Cron first = CronIntervals.parse(text).orElseThrow();

    assertThat(CronIntervals.parse("  " + text + " ").orElseThrow()).isSameAs(first);
    assertThat(CronIntervals.parse("61 * * * *")).isEmpty();
    assertThat(CronIntervals.parse("61 * * * *")).isEmpty();
  }

  @Test
  void an_expression_read_twice_steps_with_the_same_function() {
    String text = "3 9 * * 1-5";

    assertThat(CronIntervals.compiled(" " + text).orElseThrow().localNext())
        .isSameAs(CronIntervals.compiled(text).orElseThrow().localNext());
  }

  /**
   * The stepping functions are shared by every event loop and worker: eight threads stepping the
   * same schedules at once get the fire times one thread gets alone.
   */
  @Test
  void a_shared_schedule_gives_every_thread_the_fire_times_of_one_thread_alone() throws Exception {
    java.util.List<String> texts =
        java.util.List.of("*/7 * * * *", "0 0 9 ? * MON-FRI", "0 0 12 LW * ?", "0 0 8 15W * ?");
    java.time.Instant from = java.time.Instant.parse("2026-01-01T00:00:00Z");
    java.util.Map<String, java.util.List<java.time.Instant>> alone = new java.util.HashMap<>();
    for (String text : texts) {
      alone.put(text, fireTimes(text, from));
    }
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String text = texts.get(i % texts.size());
        same.add(threads.submit(() -> fireTimes(text, from).equals(alone.get(text))));
      }
      for (java.util.concurrent.Future<Boolean> answer : same) {
        assertThat(answer.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static java.util.List<java.time.Instant> fireTimes(String text, java.time.Instant from) {
    return Schedules.next(
        Schedules.parse(text, java.time.ZoneId.of("Europe/Berlin"), from, null, null), from, 300);
  }

  @Test
  void the_remembered_expressions_stay_bounded_whatever_the_variety() {
    for (int i = 0; i < CronIntervals.CACHED + 500; i++) {
      CronIntervals.parse((i % 60) + " " + (i / 60 % 24) + " " + (i / 1440 % 28 + 1) + " * *");
      assertThat(CronIntervals.cachedCount()).isLessThanOrEqualTo(CronIntervals.CACHED);
    }
    assertThat(CronIntervals.parse("5 4 3 * *")).isPresent();
  }
}
