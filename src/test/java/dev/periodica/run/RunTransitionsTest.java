package dev.periodica.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Conflict;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RunTransitionsTest {
  @Test
  void a_new_run_is_claimed_cancelled_or_given_up_and_never_completes_unclaimed() {
    assertThat(RunTransitions.from(RunStatus.NEW))
        .containsExactlyInAnyOrder(
            RunStatus.IN_ACTION, RunStatus.ERROR, RunStatus.CANCEL, RunStatus.CANCEL_TOO_LONG);
    assertThat(RunTransitions.allowed(RunStatus.NEW, RunStatus.COMPLETE)).isFalse();
  }

  @Test
  void complete_error_and_both_cancels_are_final() {
    assertThat(EnumSet.allOf(RunStatus.class).stream().filter(RunStatus::isFinal))
        .containsExactlyInAnyOrder(
            RunStatus.COMPLETE, RunStatus.ERROR, RunStatus.CANCEL, RunStatus.CANCEL_TOO_LONG);
  }

  @Test
  void a_run_needing_restart_is_claimed_again_or_gives_up() {
    assertThat(RunTransitions.allowed(RunStatus.NEED_RESTART, RunStatus.IN_ACTION)).isTrue();
    assertThat(RunTransitions.allowed(RunStatus.NEED_RESTART, RunStatus.ERROR)).isTrue();
    assertThat(RunTransitions.allowed(RunStatus.NEED_RESTART, RunStatus.COMPLETE)).isFalse();
  }

  @Test
  void a_forbidden_change_is_a_conflict_naming_both_statuses() {
    assertThatThrownBy(() -> RunTransitions.require(RunStatus.COMPLETE, RunStatus.IN_ACTION))
        .isInstanceOf(Conflict.class)
        .hasMessage("a run cannot go from complete to in_action");
  }

  @Test
  void codes_match_the_seed_statuses() {
    assertThat(EnumSet.allOf(RunStatus.class).stream().map(RunStatus::code))
        .containsExactly(
            "new", "in_action", "complete", "cancel", "error", "need_restart", "cancel_too_long");
    assertThat(RunStatus.fromCode("need_restart")).contains(RunStatus.NEED_RESTART);
    assertThat(RunStatus.fromCode("done")).isEmpty();
  }
}
