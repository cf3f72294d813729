package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscriptions' statements take turns: a few at a time, in the order asked, none left behind. */
class SubscriptionChecksTest {
  private final SubscriptionChecks checks = new SubscriptionChecks(2);
  private final List<Promise<String>> started = new ArrayList<>();

  private Future<String> ask() {
    return checks.run(
        () -> {
          Promise<String> statement = Promise.promise();
          started.add(statement);
          return statement.future();
        });
  }

  @Test
  void no_more_than_the_maximum_run_at_once_and_the_others_start_in_order_as_they_end() {
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      answers.add(ask());
    }
    assertThat(started).hasSize(2);
    assertThat(checks.outstanding()).isEqualTo(5);

    started.get(1).complete("second");
    assertThat(answers.get(1).result()).isEqualTo("second");
    assertThat(started).hasSize(3);

    started.get(0).fail("the database went away");
    assertThat(answers.get(0).cause()).hasMessage("the database went away");
    assertThat(started).hasSize(4);

    started.get(2).complete("third");
    started.get(3).complete("fourth");
    started.get(4).complete("fifth");
    assertThat(answers).allMatch(Future::isComplete);
    assertThat(answers.get(4).result()).isEqualTo("fifth");
    assertThat(checks.outstanding()).isZero();
  }

  @Test
  void statements_answered_at_once_or_throwing_free_their_turn_without_recursing() {
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      int n = i;
      answers.add(
          checks.run(
              () -> {
                if (n % 3 == 0) {
                  throw new IllegalStateException("no connection");
                }
                return Future.succeededFuture(n);
              }));
    }
    assertThat(answers).allMatch(Future::isComplete);
    assertThat(answers.get(1).result()).isEqualTo(1);
    assertThat(answers.get(3).cause()).hasMessage("no connection");
    assertThat(checks.outstanding()).isZero();
    ask();
    assertThat(started).hasSize(1);
  }
}
