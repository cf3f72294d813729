package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.api.RunOrder.Mark;
import dev.periodica.run.RunStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RunOrderTest {
  private static final OffsetDateTime AT =
      OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);

  private static Mark mark(String status, int attempt, int secondsAfter) {
    return Mark.of(status, attempt, AT.plusSeconds(secondsAfter).toString());
  }

  @Test
  void a_live_state_older_than_the_one_sent_is_withheld_and_an_equal_one_is_sent() {
    RunOrder order = new RunOrder();

    assertThat(order.live(1, mark("in_action", 1, 10), false)).isTrue();
    assertThat(order.live(1, mark("in_action", 1, 9), false)).as("older").isFalse();
    assertThat(order.live(1, mark("new", 1, 20), false)).as("an earlier phase").isFalse();
    assertThat(order.live(1, mark("in_action", 1, 10), false)).as("equal").isTrue();
    assertThat(order.live(1, mark("in_action", 1, 11), false)).isTrue();
  }

  @Test
  void the_next_attempt_is_newer_whatever_its_clock_says() {
    RunOrder order = new RunOrder();

    assertThat(order.live(1, mark("need_restart", 1, 10), false)).isTrue();
    assertThat(order.live(1, mark("in_action", 2, 5), false)).isTrue();
    assertThat(order.live(1, mark("need_restart", 1, 10), false)).as("the last attempt").isFalse();
    assertThat(order.live(1, mark("error", 2, 6), false)).isTrue();
  }

  @Test
  void an_event_without_updated_at_orders_by_attempt_and_phase_only() {
    RunOrder order = new RunOrder();

    assertThat(order.live(1, Mark.of("in_action", 1, null), false)).isTrue();
    assertThat(order.live(1, mark("in_action", 1, 0), false)).isTrue();
    assertThat(order.live(1, Mark.of("new", 1, null), false)).isFalse();
    assertThat(order.live(1, Mark.of("what", 1, null), false)).as("unknown status").isTrue();
  }

  @Test
  void a_snapshot_is_sent_only_when_newer_than_what_was_sent() {
    RunOrder order = new RunOrder();
    order.live(1, mark("in_action", 1, 10), true);

    assertThat(order.snapshot(1, Mark.of(RunStatus.NEW, 1, AT))).isFalse();
    assertThat(order.snapshot(1, Mark.of(RunStatus.IN_ACTION, 1, AT.plusSeconds(10)))).isFalse();
    assertThat(order.snapshot(1, Mark.of(RunStatus.IN_ACTION, 1, AT.plusSeconds(11)))).isTrue();
    assertThat(order.live(1, mark("in_action", 1, 10), false)).isFalse();
    assertThat(order.snapshot(2, Mark.of(RunStatus.NEW, 1, AT))).isTrue();
  }

  @Test
  void a_run_is_forgotten_once_its_final_state_is_sent_live_unless_a_snapshot_is_under_way() {
    RunOrder order = new RunOrder();
    order.live(1, mark("in_action", 1, 10), false);
    order.live(2, mark("in_action", 1, 10), false);

    order.live(1, mark("complete", 1, 11), false);
    order.live(2, mark("complete", 1, 11), true);

    assertThat(order.size()).isEqualTo(1);
    assertThat(order.snapshot(2, Mark.of(RunStatus.IN_ACTION, 1, AT.plusSeconds(10))))
        .as("a snapshot read before the final state")
        .isFalse();
    order.snapshot(3, Mark.of(RunStatus.COMPLETE, 1, AT));
    assertThat(order.live(3, mark("in_action", 1, -1), false))
        .as("a late event after a final snapshot")
        .isFalse();
  }

  @Test
  void beyond_the_bound_the_run_heard_of_least_recently_is_forgotten() {
    RunOrder order = new RunOrder();
    for (long run = 1; run <= RunOrder.MAX_RUNS; run++) {
      order.live(run, mark("in_action", 1, 10), false);
    }
    // run 1 heard of again: run 2 is now the one heard of least recently
    order.live(1, mark("in_action", 1, 11), false);

    order.live(RunOrder.MAX_RUNS + 1, mark("in_action", 1, 10), false);

    assertThat(order.size()).isEqualTo(RunOrder.MAX_RUNS);
    assertThat(order.live(1, mark("in_action", 1, 10), false)).as("still remembered").isFalse();
    assertThat(order.live(2, mark("in_action", 1, 9), false)).as("forgotten").isTrue();
  }

  @Test
  void while_a_subscription_is_under_way_no_run_is_forgotten_and_after_it_the_extra_ones_are() {
    RunOrder order = new RunOrder();
    order.live(1, mark("complete", 1, 10), true);
    for (long run = 2; run <= RunOrder.MAX_RUNS + 100; run++) {
      order.live(run, mark("in_action", 1, 10), true);
    }

    assertThat(order.size()).isEqualTo(RunOrder.MAX_RUNS + 100);
    assertThat(order.snapshot(1, Mark.of(RunStatus.IN_ACTION, 1, AT)))
        .as("a snapshot read before the run's end, outrun by 4,195 other runs")
        .isFalse();
    assertThat(order.overrun()).isFalse();

    order.live(RunOrder.MAX_RUNS + 101, mark("in_action", 1, 10), false);
    assertThat(order.size()).as("once no subscription is under way").isEqualTo(RunOrder.MAX_RUNS);
  }

  @Test
  void beyond_the_held_bound_a_subscription_is_overrun_until_it_ends() {
    RunOrder order = new RunOrder();
    for (long run = 1; run <= RunOrder.MAX_HELD; run++) {
      order.live(run, mark("in_action", 1, 10), true);
    }
    assertThat(order.overrun()).isFalse();

    order.live(RunOrder.MAX_HELD + 1, mark("in_action", 1, 10), true);

    assertThat(order.overrun()).isTrue();
    assertThat(order.size()).isEqualTo(RunOrder.MAX_HELD);
    order.live(1, mark("in_action", 1, 11), false);
    assertThat(order.overrun()).isFalse();
    assertThat(order.size()).isEqualTo(RunOrder.MAX_RUNS);
  }
}
