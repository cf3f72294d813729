package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The plan per fire time: which instances get a run, pinned how, under which slot. */
class PlacementPlannerTest {
  private static final UUID NIL = new UUID(0, 0);
  private static final Instant FIRE = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant NEXT = Instant.parse("2030-01-01T01:00:00Z");
  private static final LiveInstance ALPHA =
      new LiveInstance(UUID.fromString("a1000000-0000-4000-8000-0000000000a1"), "Alpha");
  private static final LiveInstance BETA =
      new LiveInstance(UUID.fromString("b2000000-0000-4000-8000-0000000000b2"), "beta");
  private static final LiveInstance GAMMA =
      new LiveInstance(UUID.fromString("c3000000-0000-4000-8000-0000000000c3"), "gamma");
  private final PlacementPlanner planner = new PlacementPlanner(ALPHA, Duration.ofSeconds(30));

  private static DueTask task(
      Placement placement, List<String> instances, OverlapPolicy overlap, Set<UUID> busyOn) {
    return new DueTask(
        UUID.randomUUID(),
        UUID.randomUUID(),
        NIL,
        "0 * * * *",
        "UTC",
        null,
        null,
        overlap,
        MisfirePolicy.ALL,
        FIRE,
        !busyOn.isEmpty(),
        placement,
        instances,
        busyOn);
  }

  private static DueTask task(Placement placement, List<String> instances) {
    return task(placement, instances, OverlapPolicy.ALLOW, Set.of());
  }

  @Test
  void any_makes_one_run_per_fire_time_pinned_to_the_task_instance() {
    UUID pinned = UUID.randomUUID();
    DueTask task =
        new DueTask(
            UUID.randomUUID(),
            UUID.randomUUID(),
            pinned,
            "0 * * * *",
            "UTC",
            null,
            null,
            OverlapPolicy.ALLOW,
            MisfirePolicy.ALL,
            FIRE,
            false,
            Placement.ANY,
            List.of(),
            Set.of());

    assertThat(planner.place(task, List.of(FIRE, NEXT), List.of(ALPHA, BETA)))
        .containsExactly(new PlacedRun(FIRE, pinned, NIL), new PlacedRun(NEXT, pinned, NIL));
  }

  @Test
  void each_makes_one_run_per_fire_time_and_live_instance_in_its_slot() {
    assertThat(planner.place(task(Placement.EACH, List.of()), List.of(FIRE), List.of(BETA, GAMMA)))
        .containsExactly(
            new PlacedRun(FIRE, BETA.id(), BETA.id()),
            new PlacedRun(FIRE, GAMMA.id(), GAMMA.id()),
            // the placing instance is running, whatever its last heartbeat said
            new PlacedRun(FIRE, ALPHA.id(), ALPHA.id()));
    assertThat(
            planner.place(
                task(Placement.EACH, List.of()), List.of(FIRE, NEXT), List.of(ALPHA, BETA)))
        .containsExactly(
            new PlacedRun(FIRE, ALPHA.id(), ALPHA.id()),
            new PlacedRun(FIRE, BETA.id(), BETA.id()),
            new PlacedRun(NEXT, ALPHA.id(), ALPHA.id()),
            new PlacedRun(NEXT, BETA.id(), BETA.id()));
  }

  @Test
  void each_with_overlap_skip_leaves_out_only_the_instances_still_busy() {
    DueTask skip = task(Placement.EACH, List.of(), OverlapPolicy.SKIP, Set.of(BETA.id()));
    DueTask allow = task(Placement.EACH, List.of(), OverlapPolicy.ALLOW, Set.of(BETA.id()));

    assertThat(planner.place(skip, List.of(FIRE), List.of(ALPHA, BETA, GAMMA)))
        .containsExactly(
            new PlacedRun(FIRE, ALPHA.id(), ALPHA.id()),
            new PlacedRun(FIRE, GAMMA.id(), GAMMA.id()));
    assertThat(planner.place(allow, List.of(FIRE), List.of(ALPHA, BETA, GAMMA))).hasSize(3);
  }

  @Test
  void an_each_task_busy_on_one_instance_still_gets_its_fire_time_planned() {
    FirePlanner fires = new FirePlanner(Duration.ofSeconds(60), Duration.ofHours(24), 100);
    DueTask busyEach = task(Placement.EACH, List.of(), OverlapPolicy.SKIP, Set.of(BETA.id()));
    DueTask busyAny =
        new DueTask(
            UUID.randomUUID(),
            UUID.randomUUID(),
            NIL,
            "0 * * * *",
            "UTC",
            null,
            null,
            OverlapPolicy.SKIP,
            MisfirePolicy.ONCE,
            FIRE,
            true,
            Placement.ANY,
            List.of(),
            Set.of());

    assertThat(fires.plan(busyEach, FIRE.plusSeconds(1)).fireTimes()).containsExactly(FIRE);
    assertThat(fires.plan(busyAny, FIRE.plusSeconds(1)).fireTimes()).isEmpty();
  }

  @Test
  void first_pins_the_first_live_instance_of_the_list_by_name_or_id_in_list_order() {
    List<String> list = List.of("gamma", "alpha", BETA.id().toString());

    assertThat(planner.place(task(Placement.FIRST, list), List.of(FIRE), List.of(ALPHA, BETA)))
        .as("gamma is not live: alpha, named without regard to case, is next")
        .containsExactly(new PlacedRun(FIRE, ALPHA.id(), NIL));
    assertThat(planner.place(task(Placement.FIRST, list), List.of(FIRE), List.of(BETA, GAMMA)))
        .containsExactly(new PlacedRun(FIRE, GAMMA.id(), NIL));
    assertThat(planner.place(task(Placement.FIRST, list), List.of(FIRE), List.of(BETA)))
        .containsExactly(new PlacedRun(FIRE, BETA.id(), NIL));
  }

  @Test
  void a_name_several_instances_share_stands_for_them_in_the_order_they_started() {
    LiveInstance older = new LiveInstance(UUID.randomUUID(), "web");
    LiveInstance newer = new LiveInstance(UUID.randomUUID(), "WEB");

    assertThat(
            planner.place(
                task(Placement.FIRST, List.of("web")), List.of(FIRE), List.of(older, newer)))
        .containsExactly(new PlacedRun(FIRE, older.id(), NIL));
  }

  @Test
  void first_with_no_listed_instance_live_and_one_of_leave_the_run_unpinned() {
    assertThat(
            planner.place(
                task(Placement.FIRST, List.of("nowhere")), List.of(FIRE), List.of(ALPHA, BETA)))
        .containsExactly(new PlacedRun(FIRE, NIL, NIL));
    assertThat(
            planner.place(
                task(Placement.ONE_OF, List.of("alpha", "beta")),
                List.of(FIRE, NEXT),
                List.of(ALPHA, BETA)))
        .containsExactly(new PlacedRun(FIRE, NIL, NIL), new PlacedRun(NEXT, NIL, NIL));
  }

  @Test
  void an_instance_is_live_when_heard_from_within_the_dead_after_time() {
    assertThat(planner.liveSince(FIRE)).isEqualTo(FIRE.minusSeconds(30));
  }
}
