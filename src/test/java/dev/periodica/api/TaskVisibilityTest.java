package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.RunQueue;
import dev.periodica.run.RunQueueRepository;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A visibility check that read the shares before they changed, and answers after its answers were
 * cleared, is not kept, whichever way it was asked for. Each check's statement is held here (a
 * repository that answers when the test says), so the order read, clear, answer is provoked every
 * time rather than hoped for; the database's own answers are tested by LiveProgressTest.
 */
class TaskVisibilityTest {
  private final UUID user = UUID.randomUUID();
  private final UUID task = UUID.randomUUID();
  private final LinkedBlockingQueue<Promise<Set<UUID>>> checks = new LinkedBlockingQueue<>();
  private Vertx vertx;
  private Context context;
  private TaskVisibility visibility;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    RunQueueRepository held =
        (RunQueueRepository)
            Proxy.newProxyInstance(
                RunQueueRepository.class.getClassLoader(),
                new Class<?>[] {RunQueueRepository.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("visibleTasks")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  Promise<Set<UUID>> check = Promise.promise();
                  checks.add(check);
                  return check.future();
                });
    visibility =
        onContext(() -> new TaskVisibility(new RunQueue(held, Clock.systemUTC()), context));
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** {@code action} on the hub's event loop, as the hub calls it. */
  private <T> T onContext(Supplier<T> action) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            done.complete(action.get());
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done.get(10, TimeUnit.SECONDS);
  }

  /** The check whose statement is now running (held until answered). */
  private Promise<Set<UUID>> running() throws InterruptedException {
    Promise<Set<UUID>> check = checks.poll(10, TimeUnit.SECONDS);
    assertThat(check).as("a check's statement").isNotNull();
    return check;
  }

  private void answer(Promise<Set<UUID>> check, Set<UUID> visible) throws Exception {
    onContext(
        () -> {
          check.complete(visible);
          return null;
        });
  }

  @Test
  void a_subscriptions_check_answered_after_shares_changed_is_not_kept() throws Exception {
    Future<Set<UUID>> subscribed = onContext(() -> visibility.subscribed(user, Set.of(task)));
    Promise<Set<UUID>> check = running();
    // the check read the shares before the unshare; its notice arrives before the answer
    onContext(
        () -> {
          visibility.forget();
          return null;
        });
    answer(check, Set.of(task));

    assertThat(subscribed.result()).containsExactly(task);
    Future<Boolean> next = onContext(() -> visibility.of(user, task, System.nanoTime()));
    assertThat(next.isComplete()).as("the next event waits for a new check").isFalse();
    answer(running(), Set.of());
    assertThat(next.result()).isFalse();
  }

  @Test
  void a_subscriptions_check_answered_after_its_user_left_is_not_kept() throws Exception {
    onContext(() -> visibility.subscribed(user, Set.of(task)));
    Promise<Set<UUID>> check = running();
    onContext(
        () -> {
          visibility.drop(user);
          return null;
        });
    answer(check, Set.of(task));

    assertThat(onContext(() -> visibility.of(user, task, System.nanoTime())).isComplete())
        .isFalse();
  }

  @Test
  void a_subscriptions_check_answered_before_shares_changed_is_kept_until_they_do()
      throws Exception {
    onContext(() -> visibility.subscribed(user, Set.of(task)));
    answer(running(), Set.of(task));

    Future<Boolean> kept = onContext(() -> visibility.of(user, task, System.nanoTime()));
    assertThat(kept.result()).isTrue();
    onContext(
        () -> {
          visibility.forget();
          return null;
        });
    assertThat(onContext(() -> visibility.of(user, task, System.nanoTime())).isComplete())
        .isFalse();
  }

  @Test
  void a_first_check_answered_after_shares_changed_answers_its_events_but_is_not_kept()
      throws Exception {
    Future<Boolean> waiting = onContext(() -> visibility.of(user, task, 0));
    Promise<Set<UUID>> check = running();
    onContext(
        () -> {
          visibility.forget();
          return null;
        });
    answer(check, Set.of(task));

    assertThat(waiting.result()).isTrue();
    assertThat(onContext(() -> visibility.of(user, task, 1)).isComplete()).isFalse();
  }

  @Test
  void a_refresh_answered_after_shares_changed_is_not_kept() throws Exception {
    Future<Boolean> first = onContext(() -> visibility.of(user, task, 0));
    answer(running(), Set.of(task));
    assertThat(first.result()).isTrue();
    // old enough to be checked again in the background while it is still used
    assertThat(onContext(() -> visibility.of(user, task, TaskVisibility.REFRESH_NANOS)).result())
        .isTrue();
    Promise<Set<UUID>> refresh = running();
    onContext(
        () -> {
          visibility.forget();
          return null;
        });
    answer(refresh, Set.of(task));

    Future<Boolean> next =
        onContext(() -> visibility.of(user, task, TaskVisibility.REFRESH_NANOS + 1));
    assertThat(next.isComplete()).as("the next event waits for a new check").isFalse();
    answer(running(), Set.of());
    assertThat(next.result()).isFalse();
  }
}
