package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Messages;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Misfire and overlap policies, with time given explicitly (no clock, no sleeping). */
class FirePlannerTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:30Z");
  private final FirePlanner planner =
      new FirePlanner(Duration.ofSeconds(60), Duration.ofHours(24), 100);

  private static DueTask task(
      String interval,
      Instant nextRunAt,
      MisfirePolicy misfire,
      OverlapPolicy overlap,
      boolean busy) {
    return new DueTask(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        interval,
        "UTC",
        null,
        null,
        overlap,
        misfire,
        nextRunAt,
        busy,
        dev.periodica.run.Placement.ANY,
        List.of(),
        java.util.Set.of());
  }

  private static List<Instant> at(String... times) {
    return java.util.Arrays.stream(times).map(Instant::parse).toList();
  }

  @Test
  void an_on_time_fire_runs_once_and_plans_the_next() {
    FirePlan plan =
        planner.plan(
            task(
                "* * * * *",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.SKIP,
                false),
            NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2026-11-22T12:01:00Z"));
  }

  @Test
  void misfire_once_runs_a_single_run_for_the_latest_missed_fire_time() {
    FirePlan plan =
        planner.plan(
            task(
                "*/10 * * * *",
                Instant.parse("2026-11-22T10:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.ALLOW,
                false),
            NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2026-11-22T12:10:00Z"));
  }

  @Test
  void misfire_skip_drops_missed_fire_times_but_keeps_one_on_time() {
    Instant late = NOW.plusSeconds(120);
    FirePlan missed =
        planner.plan(
            task(
                "*/10 * * * *",
                Instant.parse("2026-11-22T10:00:00Z"),
                MisfirePolicy.SKIP,
                OverlapPolicy.ALLOW,
                false),
            late);
    FirePlan onTime =
        planner.plan(
            task(
                "*/10 * * * *",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.SKIP,
                OverlapPolicy.ALLOW,
                false),
            NOW);

    assertThat(missed.fireTimes()).isEmpty();
    assertThat(missed.nextRunAt()).isEqualTo(Instant.parse("2026-11-22T12:10:00Z"));
    assertThat(onTime.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
  }

  @Test
  void misfire_all_runs_each_missed_fire_time_within_the_window() {
    FirePlan plan =
        planner.plan(
            task(
                "0 * * * *",
                Instant.parse("2026-11-22T09:00:00Z"),
                MisfirePolicy.ALL,
                OverlapPolicy.ALLOW,
                false),
            NOW);

    assertThat(plan.fireTimes())
        .isEqualTo(
            at(
                "2026-11-22T09:00:00Z",
                "2026-11-22T10:00:00Z",
                "2026-11-22T11:00:00Z",
                "2026-11-22T12:00:00Z"));
  }

  @Test
  void misfire_all_is_bounded_by_the_catch_up_window_and_count() {
    FirePlan days =
        planner.plan(
            task(
                "0 * * * *",
                Instant.parse("2026-11-01T00:00:00Z"),
                MisfirePolicy.ALL,
                OverlapPolicy.ALLOW,
                false),
            NOW);
    FirePlan minutes =
        planner.plan(
            task(
                "* * * * *",
                Instant.parse("2026-11-22T00:00:00Z"),
                MisfirePolicy.ALL,
                OverlapPolicy.ALLOW,
                false),
            NOW);

    assertThat(days.fireTimes()).hasSize(24);
    assertThat(days.fireTimes().get(0)).isEqualTo(Instant.parse("2026-11-21T13:00:00Z"));
    assertThat(minutes.fireTimes()).hasSize(100);
    assertThat(minutes.fireTimes().get(99)).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
  }

  @Test
  void overlap_skip_gives_a_busy_task_no_run_but_still_advances_it() {
    FirePlan plan =
        planner.plan(
            task(
                "* * * * *",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.SKIP,
                true),
            NOW);

    assertThat(plan.fireTimes()).isEmpty();
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2026-11-22T12:01:00Z"));
  }

  @Test
  void overlap_skip_with_misfire_all_creates_one_run_per_tick() {
    FirePlan plan =
        planner.plan(
            task(
                "0 * * * *",
                Instant.parse("2026-11-22T09:00:00Z"),
                MisfirePolicy.ALL,
                OverlapPolicy.SKIP,
                false),
            NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T09:00:00Z"));
  }

  @Test
  void overlap_allow_runs_a_busy_task_anyway() {
    FirePlan plan =
        planner.plan(
            task(
                "* * * * *",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.ALLOW,
                true),
            NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
  }

  @Test
  void a_task_enabled_again_is_planned_from_now_without_catching_up() {
    FirePlan plan =
        planner.plan(
            task("* * * * *", FirePlanner.REPLAN, MisfirePolicy.ALL, OverlapPolicy.ALLOW, false),
            NOW);

    assertThat(plan.fireTimes()).isEmpty();
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2026-11-22T12:01:00Z"));
  }

  @Test
  void a_one_shot_task_fires_once_and_then_has_no_next_time() {
    FirePlan plan =
        planner.plan(
            task(
                "@at 2026-11-22T12:00:00Z",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.SKIP,
                false),
            NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
    assertThat(plan.nextRunAt()).isNull();
  }

  @Test
  void dst_fall_back_fires_the_repeated_hour_once_across_ticks() {
    DueTask first =
        new DueTask(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "30 2 * * *",
            "Europe/Berlin",
            null,
            null,
            OverlapPolicy.ALLOW,
            MisfirePolicy.ALL,
            Instant.parse("2026-10-25T00:30:00Z"),
            false,
            dev.periodica.run.Placement.ANY,
            List.of(),
            java.util.Set.of());

    FirePlan plan = planner.plan(first, Instant.parse("2026-10-25T01:45:00Z"));

    assertThat(plan.fireTimes()).isEqualTo(at("2026-10-25T00:30:00Z"));
    assertThat(plan.nextRunAt()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void a_schedule_that_overflows_time_arithmetic_parks_the_task_instead_of_failing_the_tick() {
    DueTask broken =
        new DueTask(
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "@every 1h",
            "UTC",
            java.time.OffsetDateTime.MIN.toInstant(),
            null,
            OverlapPolicy.SKIP,
            MisfirePolicy.ONCE,
            Instant.parse("2026-11-22T12:00:00Z"),
            false,
            dev.periodica.run.Placement.ANY,
            List.of(),
            java.util.Set.of());

    FirePlan plan = planner.plan(broken, NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
    assertThat(plan.nextRunAt()).isNull();
    assertThat(plan.pausedReason()).isEqualTo(Messages.PAUSED_SCHEDULE);
  }

  @Test
  void an_unreadable_schedule_parks_the_task_instead_of_failing_the_tick() {
    FirePlan plan =
        planner.plan(
            task(
                "not a cron",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.SKIP,
                false),
            NOW);

    assertThat(plan.fireTimes()).isEqualTo(at("2026-11-22T12:00:00Z"));
    assertThat(plan.nextRunAt()).isNull();
    assertThat(plan.pausedReason()).isEqualTo(Messages.PAUSED_SCHEDULE);
  }

  @Test
  void a_paused_task_still_follows_its_overlap_and_misfire_policies_for_the_due_fire_time() {
    FirePlan busy =
        planner.plan(
            task(
                "not a cron",
                Instant.parse("2026-11-22T12:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.SKIP,
                true),
            NOW);
    FirePlan missed =
        planner.plan(
            task(
                "not a cron",
                Instant.parse("2026-11-22T10:00:00Z"),
                MisfirePolicy.SKIP,
                OverlapPolicy.ALLOW,
                false),
            NOW);
    FirePlan replanned =
        planner.plan(
            task("not a cron", FirePlanner.REPLAN, MisfirePolicy.ONCE, OverlapPolicy.ALLOW, false),
            NOW);

    assertThat(busy.fireTimes()).isEmpty();
    assertThat(missed.fireTimes()).isEmpty();
    assertThat(replanned.fireTimes()).isEmpty();
    assertThat(List.of(busy, missed, replanned))
        .allSatisfy(
            plan -> {
              assertThat(plan.nextRunAt()).isNull();
              assertThat(plan.pausedReason()).isEqualTo(Messages.PAUSED_SCHEDULE);
            });
  }

  @Test
  void a_nearest_weekday_task_fires_in_january_and_next_in_march_skipping_february() {
    FirePlan january =
        planner.plan(
            task(
                "0 0 0 30W * ?",
                Instant.parse("2027-01-29T00:00:00Z"),
                MisfirePolicy.ONCE,
                OverlapPolicy.SKIP,
                false),
            Instant.parse("2027-01-29T00:00:30Z"));
    FirePlan afterDowntime =
        planner.plan(
            task(
                "0 0 0 31W * ?",
                Instant.parse("2027-01-29T00:00:00Z"),
                MisfirePolicy.ALL,
                OverlapPolicy.ALLOW,
                false),
            Instant.parse("2027-02-27T12:00:00Z"));

    assertThat(january.fireTimes()).isEqualTo(at("2027-01-29T00:00:00Z"));
    assertThat(january.nextRunAt()).isEqualTo(Instant.parse("2027-03-30T00:00:00Z"));
    assertThat(january.pausedReason()).isNull();
    assertThat(afterDowntime.fireTimes()).isEmpty();
    assertThat(afterDowntime.nextRunAt()).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
    assertThat(afterDowntime.pausedReason()).isNull();
  }
}
