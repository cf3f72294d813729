package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.PageRequest;
import dev.periodica.run.Run;
import dev.periodica.run.RunFilter;
import dev.periodica.run.RunQueue;
import dev.periodica.run.RunStatus;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One live-progress connection. The client subscribes to runs, tasks or everything it may see; it
 * gets a snapshot of the matching current runs, then an event per change. A slow client never slows
 * the server: undelivered events wait in a map that keeps only the latest per run.
 */
final class ProgressSocket {
  static final int SNAPSHOT_LIMIT = 1000;
  static final int MAX_IDS = 1000;

  /** More undelivered runs than this and the client is not reading: it is disconnected. */
  static final int MAX_PENDING = 10_000;

  /** Visibility answers are trusted this long, so a revoked share stops the events soon. */
  static final long VISIBILITY_TTL_NANOS = 30_000_000_000L;

  private static final List<RunStatus> CURRENT =
      List.of(RunStatus.NEW, RunStatus.IN_ACTION, RunStatus.NEED_RESTART);

  private final ServerWebSocket socket;
  private final UUID user;
  private final RunQueue queue;
  private final Set<Long> runs = new HashSet<>();
  private final Set<UUID> tasks = new HashSet<>();

  private record Visibility(Future<Boolean> visible, long checkedAt) {}

  private final Map<UUID, Visibility> visibleTasks = new HashMap<>();
  private final LinkedHashMap<Long, String> pending = new LinkedHashMap<>();
  private boolean all;
  private boolean draining;

  ProgressSocket(ServerWebSocket socket, UUID user, RunQueue queue) {
    this.socket = socket;
    this.user = user;
    this.queue = queue;
    socket.textMessageHandler(this::onMessage);
  }

  /**
   * A run changed somewhere: deliver it if this client asked for it and may see it. {@code message}
   * is the event already encoded once for every connection.
   */
  void onRun(long id, UUID task, String message) {
    if (!(all || runs.contains(id) || tasks.contains(task))) {
      return;
    }
    visibility(task)
        .onSuccess(
            visible -> {
              if (visible) {
                send(id, message);
              }
            });
  }

  private Future<Boolean> visibility(UUID task) {
    long now = System.nanoTime();
    Visibility known = visibleTasks.get(task);
    if (known != null && now - known.checkedAt() < VISIBILITY_TTL_NANOS) {
      return known.visible();
    }
    Future<Boolean> visible = queue.taskVisible(user, task);
    visibleTasks.put(task, new Visibility(visible, now));
    // a failed check is not an answer: ask again next time
    visible.onFailure(e -> visibleTasks.remove(task));
    return visible;
  }

  /** The text frame of a run event. */
  static String message(JsonObject run) {
    return new JsonObject().put("type", "run").put("run", run).encode();
  }

  private void onMessage(String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (RuntimeException e) {
      error("messages should be JSON objects");
      return;
    }
    Object action = message.getValue("action");
    if (!"subscribe".equals(action) && !"unsubscribe".equals(action)) {
      error("action should be subscribe or unsubscribe");
      return;
    }
    boolean subscribe = "subscribe".equals(action);
    Set<Long> runIds = new HashSet<>();
    Set<UUID> taskIds = new HashSet<>();
    try {
      readIds(message.getValue("runs"), runIds, null);
      readIds(message.getValue("tasks"), null, taskIds);
    } catch (IllegalArgumentException e) {
      error(e.getMessage());
      return;
    }
    boolean everything = Boolean.TRUE.equals(message.getValue("all"));
    if (subscribe) {
      subscribe(runIds, taskIds, everything);
    } else {
      runs.removeAll(runIds);
      tasks.removeAll(taskIds);
      if (everything) {
        all = false;
      }
    }
  }

  private void subscribe(Set<Long> runIds, Set<UUID> taskIds, boolean everything) {
    for (long id : runIds) {
      queue
          .get(user, id)
          .onSuccess(
              run -> {
                runs.add(id);
                send(id, message(RunHandlers.view(run)));
              })
          .onFailure(e -> error("run " + id + " not found"));
    }
    for (UUID task : taskIds) {
      queue
          .taskVisible(user, task)
          .onSuccess(
              visible -> {
                if (!visible) {
                  error("task " + task + " not found");
                  return;
                }
                tasks.add(task);
                visibleTasks.put(
                    task, new Visibility(Future.succeededFuture(true), System.nanoTime()));
                snapshot(new RunFilter(CURRENT, task, null, null, null, null));
              });
    }
    if (everything) {
      all = true;
      snapshot(new RunFilter(CURRENT, null, null, null, null, null));
    }
  }

  private void snapshot(RunFilter filter) {
    queue
        .list(user, filter, new PageRequest(SNAPSHOT_LIMIT, 0, List.of(), null))
        .onSuccess(page -> page.items().forEach(run -> sendRun(run)));
  }

  private void sendRun(Run run) {
    send(run.id(), message(RunHandlers.view(run)));
  }

  private void send(long id, String message) {
    pending.put(id, message);
    if (pending.size() > MAX_PENDING) {
      pending.clear();
      socket.close((short) 1008, "subscriber too slow: more than " + MAX_PENDING + " runs pending");
      return;
    }
    drain();
  }

  private void drain() {
    if (draining) {
      return;
    }
    var iterator = pending.entrySet().iterator();
    while (iterator.hasNext() && !socket.writeQueueFull()) {
      String message = iterator.next().getValue();
      iterator.remove();
      socket.writeTextMessage(message);
    }
    if (!pending.isEmpty()) {
      draining = true;
      socket.drainHandler(
          v -> {
            draining = false;
            drain();
          });
    }
  }

  private void error(String message) {
    socket.writeTextMessage(new JsonObject().put("type", "error").put("error", message).encode());
  }

  private static void readIds(Object value, Set<Long> runIds, Set<UUID> taskIds) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_IDS) {
      throw new IllegalArgumentException(
          (runIds != null ? "runs" : "tasks") + " should be a list of at most " + MAX_IDS + " ids");
    }
    for (Object item : array) {
      if (runIds != null) {
        if (!(item instanceof Number number) || number.longValue() <= 0) {
          throw new IllegalArgumentException("runs should hold positive integer run ids");
        }
        runIds.add(number.longValue());
      } else {
        UUID task = item instanceof String text ? Ids.parse(text).orElse(null) : null;
        if (task == null) {
          throw new IllegalArgumentException("tasks should hold task uuids");
        }
        taskIds.add(task);
      }
    }
  }
}
