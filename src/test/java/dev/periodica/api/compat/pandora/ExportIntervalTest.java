package dev.periodica.api.compat.pandora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import dev.periodica.schedule.CronIntervals;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pandora's {@code interval}: crontab as given, cronDate turned into a Quartz cron. */
class ExportIntervalTest {
  private static ExportInterval cronDate(JsonObject fields) {
    return ExportInterval.read(new JsonObject().put("type", "cronDate").put("cronDate", fields));
  }

  @ParameterizedTest(name = "{0} month={1} date={2} {3}:{4} -> {5}")
  @CsvSource({
    "minute, 1, 1, 16, 5, 0 * * * * ?",
    "hour, 1, 1, 16, 5, 0 5 * * * ?",
    "day, 1, 1, 16, 0, 0 0 16 * * ?",
    "weekly, 1, 1, 9, 30, 0 30 9 ? * MON",
    "weekly, 1, 7, 9, 30, 0 30 9 ? * SUN",
    "month, 1, 15, 8, 0, 0 0 8 15 * ?",
    "month, 1, 32, 23, 59, 0 59 23 L * ?",
    "quarter, 2, 1, 0, 0, '0 0 0 1 2,5,8,11 ?'",
    "quarter, 3, 32, 6, 0, '0 0 6 L 3,6,9,12 ?'",
    "year, 1, 1, 16, 1, 0 1 16 1 1 ?",
    "year, 12, 32, 0, 0, 0 0 0 L 12 ?"
  })
  void each_frequency_becomes_a_quartz_cron_the_engine_accepts(
      String frequency, String month, String date, String hour, String minute, String cron) {
    ExportInterval interval =
        cronDate(
            new JsonObject()
                .put("frequency", frequency)
                .put("month", month)
                .put("date", date)
                .put("hour", hour)
                .put("minute", minute));

    assertThat(interval.cron()).isEqualTo(cron);
    assertThat(CronIntervals.accepts(interval.cron())).isTrue();
  }

  @Test
  void absent_fields_take_the_documented_defaults_day_month_1_date_1_hour_0_minute_0() {
    ExportInterval interval = cronDate(new JsonObject());

    assertThat(interval.cron()).isEqualTo("0 0 0 * * ?");
    assertThat(interval.toJson())
        .isEqualTo(
            new JsonObject()
                .put("type", "cronDate")
                .put(
                    "cronDate",
                    new JsonObject()
                        .put("frequency", "day")
                        .put("month", 1)
                        .put("date", 1)
                        .put("hour", 0)
                        .put("minute", 0)));
    assertThat(cronDate(new JsonObject().put("frequency", "year")).cron()).isEqualTo("0 0 0 1 1 ?");
  }

  @Test
  void numbers_are_taken_as_strings_or_integers() {
    assertThat(
            cronDate(new JsonObject().put("frequency", "month").put("date", 32).put("hour", "7"))
                .cron())
        .isEqualTo("0 0 7 L * ?");
  }

  @Test
  void a_crontab_is_kept_as_given() {
    ExportInterval interval =
        ExportInterval.read(
            new JsonObject().put("type", "crontab").put("crontab", "*/5 * * * * ?"));

    assertThat(interval.cron()).isEqualTo("*/5 * * * * ?");
    assertThat(interval.toJson())
        .isEqualTo(new JsonObject().put("type", "crontab").put("crontab", "*/5 * * * * ?"));
  }

  @Test
  void out_of_range_or_unknown_values_name_the_field() {
    assertThatThrownBy(() -> cronDate(new JsonObject().put("frequency", "weekly").put("date", 8)))
        .isInstanceOf(Invalid.class)
        .hasMessage("interval.cronDate.date must be an integer from 1 to 7");
    assertThatThrownBy(() -> cronDate(new JsonObject().put("frequency", "quarter").put("month", 4)))
        .hasMessage("interval.cronDate.month must be an integer from 1 to 3");
    assertThatThrownBy(() -> cronDate(new JsonObject().put("date", 33)))
        .hasMessage("interval.cronDate.date must be an integer from 1 to 32");
    assertThatThrownBy(() -> cronDate(new JsonObject().put("hour", "24")))
        .hasMessage("interval.cronDate.hour must be an integer from 0 to 23");
    assertThatThrownBy(() -> cronDate(new JsonObject().put("minute", "five")))
        .hasMessage("interval.cronDate.minute must be an integer from 0 to 59");
    assertThatThrownBy(() -> cronDate(new JsonObject().put("frequency", "fortnight")))
        .hasMessage(
            "interval.cronDate.frequency must be one of minute, hour, day, weekly, month,"
                + " quarter, year");
    assertThatThrownBy(
            () -> ExportInterval.read(new JsonObject().put("type", "crontab").put("crontab", "")))
        .hasMessage("interval.crontab is required when interval.type is crontab");
    assertThatThrownBy(
            () ->
                ExportInterval.read(
                    new JsonObject().put("type", "crontab").put("crontab", "*/5 * * * *")))
        .hasMessage(
            "interval.crontab must be a cron of 6 or 7 fields with seconds, such as */5 * * * * ?");
    assertThatThrownBy(() -> ExportInterval.read(new JsonObject().put("type", "cronDate")))
        .hasMessage("interval.cronDate is required when interval.type is cronDate");
    assertThatThrownBy(() -> ExportInterval.read(new JsonObject().put("type", "daily")))
        .hasMessage("interval.type must be crontab or cronDate");
  }
}
