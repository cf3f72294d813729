package dev.periodica.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The registry: kinds by name, a plain job registered as a kind, no name twice. */
class JobRegistryTest {
  @Test
  void a_plain_job_registered_by_name_is_a_kind_without_report_that_takes_any_params() {
    Job job = context -> Future.succeededFuture();
    JobRegistry registry = new JobRegistry().register("test.ok", job);

    JobKind kind = registry.require("test.ok");

    assertThat(kind.name()).isEqualTo("test.ok");
    assertThat(kind.needsReport()).isFalse();
    assertThat(kind.checkParams(new JsonObject().put("anything", 1)).succeeded()).isTrue();
    assertThat(registry.names()).containsExactly("test.ok");
  }

  @Test
  void kinds_are_listed_by_name_and_an_unknown_one_names_them_all() {
    JobRegistry registry =
        new JobRegistry()
            .register("b.second", context -> Future.succeededFuture())
            .register("a.first", context -> Future.succeededFuture());

    assertThat(registry.names()).containsExactly("a.first", "b.second");
    assertThatThrownBy(() -> registry.require("c.third"))
        .isInstanceOf(Invalid.class)
        .hasMessage("unknown job \"c.third\" (known: a.first, b.second)");
  }

  @Test
  void a_name_registered_twice_is_a_wiring_mistake() {
    JobRegistry registry = new JobRegistry().register("x", context -> Future.succeededFuture());

    assertThatThrownBy(() -> registry.register("x", context -> Future.succeededFuture()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job kind registered twice: x");
  }
}
