package dev.periodica.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProgressWriterTest {
  private record Call(Map<Long, RunRepository.Progress> updates, Promise<Set<Long>> answer) {}

  private final List<Call> calls = new ArrayList<>();

  @SuppressWarnings("unchecked")
  private final RunRepository runs =
      (RunRepository)
          Proxy.newProxyInstance(
              RunRepository.class.getClassLoader(),
              new Class<?>[] {RunRepository.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("progressAll")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                Promise<Set<Long>> answer = Promise.promise();
                calls.add(
                    new Call(Map.copyOf((Map<Long, RunRepository.Progress>) args[1]), answer));
                return answer.future();
              });

  private final ProgressWriter writer =
      new ProgressWriter(runs, UUID.randomUUID(), Clock.systemUTC());

  @Test
  void an_idle_writer_writes_at_once_and_a_busy_one_coalesces_to_each_runs_latest_report() {
    Future<Boolean> first = writer.write(1, 3, 10);
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).updates()).containsEntry(1L, new RunRepository.Progress(3, 10));

    Future<Boolean> second = writer.write(1, 3, 20);
    Future<Boolean> third = writer.write(1, 3, 30);
    Future<Boolean> other = writer.write(2, 7, 5);
    assertThat(calls).as("nothing more while a statement is in flight").hasSize(1);

    calls.get(0).answer().complete(Set.of(1L));
    assertThat(first.result()).isTrue();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).updates())
        .containsOnly(
            Map.entry(1L, new RunRepository.Progress(3, 30)),
            Map.entry(2L, new RunRepository.Progress(7, 5)));

    // run 2 is no longer this execution's: its reporter learns it; run 1's reports all succeed
    calls.get(1).answer().complete(Set.of(1L));
    assertThat(second.result()).isTrue();
    assertThat(third.result()).isTrue();
    assertThat(other.result()).isFalse();
    assertThat(calls).as("idle again: no empty statement").hasSize(2);

    writer.write(2, 8, 1);
    assertThat(calls).as("idle writes at once").hasSize(3);
  }

  @Test
  void a_failed_statement_does_not_cancel_the_jobs() {
    Future<Boolean> reported = writer.write(5, 1, 40);
    calls.get(0).answer().fail("connection reset");
    assertThat(reported.result()).isTrue();
  }
}
