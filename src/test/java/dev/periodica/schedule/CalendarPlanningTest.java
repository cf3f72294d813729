package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.support.SettableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calendars in the planner and the preview: skipped fire times, zones, and the two agreeing. */
class CalendarPlanningTest {
  private static final FirePlanner PLANNER =
      new FirePlanner(Duration.ofSeconds(60), Duration.ofDays(1), 100, Calendars.defaults());

  private static DueTask task(String interval, String zone, Instant next, Object calendar) {
    return new DueTask(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        interval,
        zone,
        null,
        null,
        OverlapPolicy.ALLOW,
        MisfirePolicy.ONCE,
        next,
        false,
        dev.periodica.run.Placement.ANY,
        List.of(),
        java.util.Set.of(),
        calendar);
  }

  private static JsonObject everyDayExcept(String... dates) {
    JsonArray excluded = new JsonArray();
    for (String date : dates) {
      excluded.add(date);
    }
    return new JsonObject()
        .put(
            "periods",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("days", "MON-SUN")
                        .put("from", "00:00")
                        .put("to", "24:00")))
        .put("exclude_dates", excluded);
  }

  @Test
  void an_excluded_date_does_not_fire_and_is_counted_as_skipped_not_missed() {
    Instant noon = Instant.parse("2035-01-01T12:00:00Z");
    FirePlan plan =
        PLANNER.plan(
            task("0 0 12 * * ?", "UTC", noon, everyDayExcept("2035-01-02")), noon.plusSeconds(1));

    assertThat(plan.fireTimes()).containsExactly(noon);
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2035-01-03T12:00:00Z"));
    assertThat(plan.skippedByCalendar()).isEqualTo(1);
    assertThat(plan.pausedReason()).isNull();
  }

  @Test
  void working_hours_are_read_in_the_tasks_zone() {
    // 2035-01-08 is a Monday; 09:00 in New York is 14:00 UTC in winter
    Instant sunday = Instant.parse("2035-01-07T23:00:00Z");
    FirePlan plan = PLANNER.plan(task("0 0 * * * ?", "America/New_York", sunday, "work"), sunday);

    assertThat(plan.fireTimes()).isEmpty();
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2035-01-08T14:00:00Z"));
  }

  @Test
  void outside_working_hours_is_the_complement() {
    Instant mondayNine = Instant.parse("2035-01-08T09:00:00Z");
    FirePlan plan = PLANNER.plan(task("0 0 * * * ?", "UTC", mondayNine, "nowork"), mondayNine);

    assertThat(plan.fireTimes()).isEmpty();
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2035-01-08T18:00:00Z"));
  }

  @Test
  void previews_agree_with_the_fires_across_a_daylight_saving_change() {
    // Europe/Berlin springs forward on 2035-03-25 (a Sunday); weekdays 09:00-18:00 local
    String zone = "Europe/Berlin";
    Instant start = Instant.parse("2035-03-22T20:00:00Z");
    SchedulePreview preview = new SchedulePreview(new SettableClock(start), Calendars.defaults());
    List<Instant> previewed = preview.preview("0 30 */4 * * ?", zone, null, null, "work", 8).next();

    List<Instant> fired = new ArrayList<>();
    Instant next = start;
    DueTask due = task("0 30 */4 * * ?", zone, FirePlanner.REPLAN, "work");
    FirePlan plan = PLANNER.plan(due, start);
    next = plan.nextRunAt();
    while (fired.size() < 8) {
      FirePlan step = PLANNER.plan(task("0 30 */4 * * ?", zone, next, "work"), next);
      fired.addAll(step.fireTimes());
      next = step.nextRunAt();
    }

    assertThat(fired).isEqualTo(previewed);
    // 08:30 local is before working hours: Friday fires at 12:30 and 16:30 CET (11:30, 15:30 UTC)
    assertThat(previewed.get(0)).isEqualTo(Instant.parse("2035-03-23T11:30:00Z"));
    // after the change to CEST, 12:30 and 16:30 local are 10:30 and 14:30 UTC; no Sunday fires
    assertThat(previewed).contains(Instant.parse("2035-03-26T10:30:00Z"));
    assertThat(previewed).doesNotContain(Instant.parse("2035-03-25T10:30:00Z"));
  }
}
