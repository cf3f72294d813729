package dev.periodica.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Ids;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskDraftTest {
  private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-01T08:00:00Z");

  /** Every field set away from its default, so a field the builder forgets to copy shows. */
  private static TaskDraft everyFieldSet() {
    return TaskDraft.defaults()
        .interval("*/5 * * * *")
        .instance(UUID.fromString("11111111-1111-1111-1111-111111111111"))
        .reportId(UUID.fromString("22222222-2222-2222-2222-222222222222"))
        .job("dataset.export")
        .params(new JsonObject().put("sql", "select 1"))
        .timezone("Europe/Paris")
        .enabled(false)
        .startAt(START)
        .stopAt(START.plusDays(1))
        .overlap(OverlapPolicy.ALLOW)
        .misfire(MisfirePolicy.ALL)
        .maxAttempts(7)
        .timeoutSeconds(60)
        .placement(new TaskPlacement(Placement.ONE_OF, List.of("alpha")))
        .calendar("work")
        .name("nightly")
        .origin(TaskOrigin.SERVICE)
        .attributes(new JsonObject().put("code", "cleardata"))
        .build();
  }

  private static List<Method> accessors() {
    return Arrays.stream(TaskDraft.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
        .filter(m -> m.getParameterCount() == 0 && !m.getName().equals("toBuilder"))
        .toList();
  }

  @Test
  void defaultsAreAnEnabledReportTaskOnAnyInstance() {
    TaskDraft draft = TaskDraft.defaults().build();
    assertThat(draft.job()).isEqualTo("report.generate");
    assertThat(draft.instance()).isEqualTo(Ids.ANY_INSTANCE);
    assertThat(draft.timezone()).isEqualTo("UTC");
    assertThat(draft.enabled()).isTrue();
    assertThat(draft.overlap()).isEqualTo(OverlapPolicy.SKIP);
    assertThat(draft.misfire()).isEqualTo(MisfirePolicy.ONCE);
    assertThat(draft.maxAttempts()).isEqualTo(3);
    assertThat(draft.timeoutSeconds()).isEqualTo(3600);
    assertThat(draft.placement()).isEqualTo(TaskPlacement.ANY);
    assertThat(draft.params()).isEqualTo(new JsonObject());
    assertThat(draft.interval()).isNull();
    assertThat(draft.calendar()).isNull();
    assertThat(draft.name()).isNull();
    assertThat(draft.origin()).isEqualTo(TaskOrigin.API);
    assertThat(draft.attributes()).isEqualTo(new JsonObject());
  }

  @Test
  void toBuilderKeepsEveryField() throws Exception {
    TaskDraft original = everyFieldSet();
    TaskDraft defaults = TaskDraft.defaults().build();
    TaskDraft copy = original.toBuilder().build();
    assertThat(accessors()).hasSize(18);
    for (Method accessor : accessors()) {
      assertThat(accessor.invoke(original))
          .as("%s is set away from its default by this test", accessor.getName())
          .isNotEqualTo(accessor.invoke(defaults));
      assertThat(accessor.invoke(copy)).as(accessor.getName()).isEqualTo(accessor.invoke(original));
    }
  }

  @Test
  void aBuilderChangesOnlyWhatItIsTold() {
    TaskDraft original = everyFieldSet();
    TaskDraft changed = original.toBuilder().enabled(true).build();
    assertThat(changed.enabled()).isTrue();
    assertThat(original.enabled()).isFalse();
    assertThat(changed.interval()).isEqualTo(original.interval());
  }
}
