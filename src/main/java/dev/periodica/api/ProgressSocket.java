package dev.periodica.api;

import dev.periodica.api.RunEvents.RunEvent;
import dev.periodica.common.Ids;
import dev.periodica.common.Messages;
import dev.periodica.common.PageRequest;
import dev.periodica.run.Run;
import dev.periodica.run.RunFilter;
import dev.periodica.run.RunQueue;
import dev.periodica.run.RunStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live-progress connection. The client subscribes to runs, tasks or everything it may see; it
 * gets a snapshot of the matching current runs, then an event per change. A slow client never slows
 * the server: undelivered events wait in a map that keeps only the latest per run, and error
 * replies it does not read are dropped. However many ids a message names, their visibility is
 * checked in one statement per kind, and the next message is read only once that is done.
 */
final class ProgressSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressSocket.class);
  static final int SNAPSHOT_LIMIT = 1000;

  /** Ids one message may name, per kind. */
  static final int MAX_IDS = 500;

  /** More undelivered runs than this and the client is not reading: it is disconnected. */
  static final int MAX_PENDING = 10_000;

  private static final List<RunStatus> CURRENT =
      List.of(RunStatus.NEW, RunStatus.IN_ACTION, RunStatus.NEED_RESTART);

  private final ServerWebSocket socket;
  private final UUID user;
  private final RunQueue queue;
  private final TaskVisibility visibility;
  private final ProgressConnections connections;
  private final HeldFlushes flushes;
  private final Set<Long> runs = new HashSet<>();
  private final Set<UUID> tasks = new HashSet<>();

  private final LinkedHashMap<Long, String> pending = new LinkedHashMap<>();
  private boolean all;
  private boolean draining;
  private boolean closed;

  ProgressSocket(
      ServerWebSocket socket,
      UUID user,
      RunQueue queue,
      TaskVisibility visibility,
      ProgressConnections connections,
      HeldFlushes flushes) {
    this.socket = socket;
    this.user = user;
    this.queue = queue;
    this.visibility = visibility;
    this.connections = connections;
    this.flushes = flushes;
    socket.textMessageHandler(this::onMessage);
  }

  /**
   * Runs changed somewhere (the rows of one statement): deliver each this client asked for and may
   * see, in their order, and flush them to the socket together. {@code now} is the batch's {@link
   * System#nanoTime}, against which visibility answers are aged.
   */
  void onRuns(List<RunEvent> events, long now) {
    if (closed) {
      return;
    }
    flushes.hold();
    try {
      for (RunEvent event : events) {
        onRun(event, now);
      }
    } finally {
      flushes.release();
    }
  }

  /** A run changed somewhere: deliver it if this client asked for it and may see it. */
  private void onRun(RunEvent event, long now) {
    if (!(all || runs.contains(event.id()) || tasks.contains(event.task()))) {
      return;
    }
    Future<Boolean> visible = visibility.of(user, event.task(), now);
    if (visible.succeeded()) {
      // the common case, a task checked a moment ago: no listener to allocate and call back
      if (visible.result()) {
        send(event.id(), event.message());
      }
      return;
    }
    // waits for the check, whose answer sends every waiting event in order, flushed together
    visible.onSuccess(
        yes -> {
          if (yes) {
            send(event.id(), event.message());
          }
        });
  }

  /** Holds this connection's flushes until {@link #releaseFlushes}. */
  void holdFlushes() {
    flushes.hold();
  }

  void releaseFlushes() {
    flushes.release();
  }

  /** The connection closed: events still waiting for a visibility check are not sent. */
  void closed() {
    closed = true;
    pending.clear();
  }

  /** Keeps a listening client's connection alive through the idle timeout. */
  void ping() {
    if (!socket.isClosed() && !socket.writeQueueFull()) {
      socket.writePing(Buffer.buffer());
    }
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
    // one message at a time: a client cannot pile up checks by sending faster than they finish
    socket.pause();
    Future<?> runsChecked =
        queue
            .findVisible(user, runIds)
            .onSuccess(
                found -> {
                  Set<Long> missing = new TreeSet<>(runIds);
                  for (Run run : found) {
                    missing.remove(run.id());
                    runs.add(run.id());
                    sendRun(run);
                  }
                  if (!missing.isEmpty()) {
                    error(Messages.notFound("runs", missing));
                  }
                });
    Future<?> tasksChecked =
        queue
            .visibleTasks(user, taskIds)
            .compose(
                visible -> {
                  Set<UUID> hidden = new TreeSet<>(taskIds);
                  hidden.removeAll(visible);
                  if (!hidden.isEmpty()) {
                    error(Messages.notFound("tasks", hidden));
                  }
                  long now = System.nanoTime();
                  for (UUID task : visible) {
                    tasks.add(task);
                    visibility.visible(user, task, now);
                  }
                  return queue.ofTasks(user, visible, CURRENT, SNAPSHOT_LIMIT);
                })
            .onSuccess(current -> current.forEach(this::sendRun));
    if (everything) {
      all = true;
    }
    Future<?> everythingChecked =
        everything
            ? snapshot(new RunFilter(CURRENT, null, null, null, null, null))
            : Future.succeededFuture();
    Future.join(runsChecked, tasksChecked, everythingChecked)
        .onComplete(
            done -> {
              if (done.failed()) {
                LOG.warn("a live-progress subscription could not be checked", done.cause());
                error(Messages.WS_CHECK_FAILED);
              }
              socket.resume();
            });
  }

  private Future<?> snapshot(RunFilter filter) {
    return queue
        .list(user, filter, new PageRequest(SNAPSHOT_LIMIT, 0, List.of(), null))
        .onSuccess(page -> page.items().forEach(run -> sendRun(run)));
  }

  private void sendRun(Run run) {
    send(run.id(), message(RunHandlers.view(run)));
  }

  private void send(long id, String message) {
    if (closed) {
      return;
    }
    if (pending.isEmpty() && !draining && !socket.writeQueueFull()) {
      // nothing waiting for this client: straight out, no detour through the pending map
      socket.writeTextMessage(message);
      return;
    }
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
    if (closed) {
      return;
    }
    if (socket.writeQueueFull()) {
      // the client is not reading: queueing replies for it would only grow this server's memory
      connections.droppedReply();
      return;
    }
    socket.writeTextMessage(new JsonObject().put("type", "error").put("error", message).encode());
  }

  private static void readIds(Object value, Set<Long> runIds, Set<UUID> taskIds) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_IDS) {
      throw new IllegalArgumentException(
          Messages.WS_TOO_MANY_IDS.formatted(runIds != null ? "runs" : "tasks", MAX_IDS));
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
