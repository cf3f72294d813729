package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.schedule.Calendars;
import dev.periodica.task.TaskDraft;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulePlannerTest {
  private final SchedulePlanner planner = new SchedulePlanner(Calendars.defaults());
  private final Instant now = Instant.parse("2026-11-30T20:15:42.123456Z");

  @Test
  void the_same_draft_at_the_same_instant_is_stepped_once() {
    TaskDraft draft = TaskDraft.defaults().interval("0 3 * * *").build();

    Optional<Instant> first = planner.firstFire(draft, now);

    assertThat(first).contains(Instant.parse("2026-12-01T03:00:00Z"));
    assertThat(planner.firstFire(draft, now)).isSameAs(first);
  }

  @Test
  void another_instant_or_another_draft_is_stepped_again() {
    TaskDraft draft = TaskDraft.defaults().interval("0 3 * * *").build();
    Optional<Instant> first = planner.firstFire(draft, now);

    Optional<Instant> later = planner.firstFire(draft, Instant.parse("2026-12-01T03:00:00Z"));
    TaskDraft other = TaskDraft.defaults().interval("@every 90s").build();

    assertThat(later).contains(Instant.parse("2026-12-02T03:00:00Z"));
    assertThat(planner.firstFire(other, now)).contains(Instant.parse("2026-11-30T20:16:30Z"));
    assertThat(planner.firstFire(draft, now)).isNotSameAs(first).isEqualTo(first);
  }
}
