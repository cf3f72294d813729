package dev.periodica.api;

import dev.periodica.run.RunQueue;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which tasks a user may see, as the live-progress connections of one hub (one event loop) last
 * asked: an answer is shared by every connection of that user, so a user's tenth browser tab costs
 * no query of its own. The tasks asked about during one event-loop turn are checked together, one
 * statement per user. Answers are trusted {@link #TTL_NANOS} at most (and checked again from {@link
 * #REFRESH_NANOS} on, while still used); a change of shares clears them at once ({@link #forget}),
 * and a check already under way when they are cleared answers the events that waited for it but is
 * not kept: it may have read the shares as they were before. Every way an answer is kept honours
 * that: a first check and a refresh are kept in the user's map of answers they were asked with,
 * which {@link #forget} (and {@link #drop}) leave behind for a new one; a subscription's check
 * ({@link #subscribed}) is kept only if no clearing happened since it was asked ({@link
 * #generation}).
 */
final class TaskVisibility {
  /**
   * Answers are trusted this long at most; a change of shares clears them at once, this bounds the
   * damage should such a notice be missed.
   */
  static final long TTL_NANOS = 30_000_000_000L;

  /**
   * An answer this old is checked again in the background while it is still used, so that events do
   * not all wait for a new check each time answers expire.
   */
  static final long REFRESH_NANOS = TTL_NANOS / 2;

  /** An answer, or a check under way, and when it was asked for. */
  private static final class Known {
    final Future<Boolean> visible;
    final long checkedAt;
    boolean refreshing;

    Known(Future<Boolean> visible, long checkedAt) {
      this.visible = visible;
      this.checkedAt = checkedAt;
    }
  }

  private static final Future<Boolean> VISIBLE = Future.succeededFuture(true);

  private final RunQueue queue;
  private final Context context;
  private final Map<UUID, Map<UUID, Known>> known = new HashMap<>();

  /**
   * Moves on each time answers are cleared: a check asked for in an earlier generation may have
   * read the shares as they were and is not kept.
   */
  private long generation;

  /** Per user, the tasks whose events wait for an answer, checked together on the next turn. */
  private final Map<UUID, Map<UUID, Promise<Boolean>>> unchecked = new HashMap<>();

  TaskVisibility(RunQueue queue, Context context) {
    this.queue = queue;
    this.context = context;
  }

  /**
   * Whether {@code user} may see {@code task}: already answered (the common case, a task checked a
   * moment ago), or to be checked on the next turn.
   */
  Future<Boolean> of(UUID user, UUID task, long now) {
    Map<UUID, Known> tasks = known.get(user);
    Known answer = tasks == null ? null : tasks.get(task);
    if (answer != null && now - answer.checkedAt < TTL_NANOS) {
      if (now - answer.checkedAt >= REFRESH_NANOS
          && !answer.refreshing
          && answer.visible.isComplete()) {
        refresh(user, tasks, task, answer, now);
      }
      return answer.visible;
    }
    if (tasks == null) {
      tasks = new HashMap<>();
      known.put(user, tasks);
    }
    Future<Boolean> visible = ask(user, task);
    Known asked = new Known(visible, now);
    tasks.put(task, asked);
    Map<UUID, Known> askedIn = tasks;
    // a failed check is not an answer: ask again next time
    visible.onFailure(e -> askedIn.remove(task, asked));
    return visible;
  }

  /**
   * Checks {@code task} again while its answer {@code old} is still used; the new answer replaces
   * it unless answers were cleared (or replaced) meanwhile. A failed check leaves the old answer to
   * expire, and the next event tries again.
   */
  private void refresh(UUID user, Map<UUID, Known> tasks, UUID task, Known old, long now) {
    old.refreshing = true;
    Future<Boolean> fresh = ask(user, task);
    fresh.onComplete(
        checked -> {
          if (checked.failed()) {
            old.refreshing = false;
          } else if (tasks.get(task) == old) {
            tasks.put(task, new Known(fresh, now));
          }
        });
  }

  /**
   * A check of {@code task} for {@code user}, made with the others asked for on this turn. A check
   * already asked for and not yet made is shared: its query has not run, so it answers for the
   * shares as they are now too (answers cleared by {@link #forget} meanwhile ask again). Replacing
   * it would leave whoever waits for it waiting for good.
   */
  private Future<Boolean> ask(UUID user, UUID task) {
    if (unchecked.isEmpty()) {
      // events already queued on this event loop run first and join the same check
      context.runOnContext(v -> checkUnchecked());
    }
    return unchecked
        .computeIfAbsent(user, u -> new HashMap<>())
        .computeIfAbsent(task, t -> Promise.promise())
        .future();
  }

  /**
   * Which of {@code tasks} {@code user} may see, checked for a subscription now (one statement);
   * the tasks it finds visible are kept as answers for the events that follow, unless answers were
   * cleared (shares changed, or the user left this hub) while it was under way.
   */
  Future<Set<UUID>> subscribed(UUID user, Collection<UUID> tasks) {
    long asked = generation;
    return queue
        .visibleTasks(user, tasks)
        .onSuccess(
            visible -> {
              if (generation != asked || visible.isEmpty()) {
                return;
              }
              long now = System.nanoTime();
              Map<UUID, Known> answers = known.computeIfAbsent(user, u -> new HashMap<>());
              for (UUID task : visible) {
                answers.put(task, new Known(VISIBLE, now));
              }
            });
  }

  /** Shares changed somewhere: every task is checked again before its next event is sent. */
  void forget() {
    generation++;
    known.clear();
  }

  /**
   * {@code user} has no connection left on this hub: nothing of theirs needs keeping, nor a
   * subscription's check of theirs still under way.
   */
  void drop(UUID user) {
    generation++;
    known.remove(user);
  }

  private void checkUnchecked() {
    Map<UUID, Map<UUID, Promise<Boolean>>> batch = new HashMap<>(unchecked);
    unchecked.clear();
    batch.forEach(
        (user, tasks) ->
            queue.visibleTasks(user, tasks.keySet()).onComplete(checked -> answer(tasks, checked)));
  }

  private static void answer(Map<UUID, Promise<Boolean>> tasks, AsyncResult<Set<UUID>> checked) {
    tasks.forEach(
        (task, promise) -> {
          if (checked.succeeded()) {
            promise.complete(checked.result().contains(task));
          } else {
            promise.fail(checked.cause());
          }
        });
  }
}
