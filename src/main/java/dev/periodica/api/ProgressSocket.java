package dev.periodica.api;

import dev.periodica.api.RunEvents.RunEvent;
import dev.periodica.common.Ids;
import dev.periodica.common.Messages;
import dev.periodica.common.PageRequest;
import dev.periodica.run.Run;
import dev.periodica.run.RunFilter;
import dev.periodica.run.RunQueue;
import dev.periodica.run.RunStatus;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
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
 * checked in one statement per kind, and the next message is read only once that is done. A run's
 * state is never followed by an older one, whichever of snapshot and live event was read first
 * ({@link RunOrder}).
 */
final class ProgressSocket {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressSocket.class);
  static final int SNAPSHOT_LIMIT = 1000;

  /** Ids one message may name, per kind. */
  static final int MAX_IDS = 500;

  /** More undelivered runs than this and the client is not reading: it is disconnected. */
  static final int MAX_PENDING = 10_000;

  /**
   * Notifications that may wait in full, in order, for a visibility check; the events of later ones
   * are folded into each run's latest ({@link #folded}) until the check answers. A burst is normal
   * (a check is asked for once the notifications already queued on the event loop are handled, so a
   * statement's thousands of notifications all arrive before it), and a check that does not answer
   * (the pool saturated or stalled) must not grow this connection's memory without bound: folded,
   * it holds one event per run, at most {@link #MAX_PENDING} runs, beyond which the connection is
   * closed (1013, try again later) and the client's reconnection gets a snapshot of every current
   * run (its statements take turns, {@link SubscriptionChecks}).
   */
  static final int MAX_WAITING = 1000;

  private static final List<RunStatus> CURRENT =
      List.of(RunStatus.NEW, RunStatus.IN_ACTION, RunStatus.NEED_RESTART);

  private final ServerWebSocket socket;
  private final UUID user;
  private final RunQueue queue;
  private final TaskVisibility visibility;
  private final SubscriptionChecks checks;
  private final ProgressConnections connections;
  private final FrameChannel frames;
  private final Set<Long> runs = new HashSet<>();
  private final Set<UUID> tasks = new HashSet<>();

  /** A batch, from one of its events on, waiting for a visibility answer. */
  private record Waiting(RunBatch batch, int from, long now) {}

  /** Batches waiting for a visibility answer, in their order. */
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /**
   * Each run's latest event, in the order the runs were first heard of, from the notifications that
   * arrived while {@link #MAX_WAITING} waited: delivered once those are, checked as any event.
   */
  private final LinkedHashMap<Long, RunEvent> folded = new LinkedHashMap<>();

  /** The {@link System#nanoTime} of the latest notification folded. */
  private long foldedAt;

  /** Each run's latest undelivered frame, while the client does not keep up. */
  private final LinkedHashMap<Long, byte[]> pending = new LinkedHashMap<>();

  private boolean all;
  private boolean closed;

  /** Subscriptions whose checks and snapshots are under way. */
  private int subscribing;

  /**
   * The newest state of each run sent: neither a snapshot read before a live event nor a live event
   * that reaches the hub after a newer snapshot was read shows the client a run going back.
   */
  private final RunOrder order = new RunOrder();

  ProgressSocket(
      ServerWebSocket socket,
      UUID user,
      RunQueue queue,
      TaskVisibility visibility,
      SubscriptionChecks checks,
      ProgressConnections connections,
      FrameChannel frames) {
    this.socket = socket;
    this.user = user;
    this.queue = queue;
    this.visibility = visibility;
    this.checks = checks;
    this.connections = connections;
    this.frames = frames;
    socket.textMessageHandler(this::onMessage);
    frames.whenWritable(this::drain);
  }

  /**
   * Runs changed somewhere (the rows of one statement): deliver each this client asked for and may
   * see, in their order, flushed together. Events delivered in a row while nothing waits for this
   * client go out as one slice of the batch's shared frames. {@code now} is the batch's {@link
   * System#nanoTime}, against which visibility answers are aged. While a visibility answer is
   * awaited, this batch (from that event on) and the ones after it wait, in order.
   */
  void onRuns(RunBatch batch, long now) {
    if (closed) {
      return;
    }
    if (!waiting.isEmpty()) {
      // once folding began, every later notification is folded too until the folded ones are
      // delivered: one waiting in full would go out before them (they come last), a run's older
      // event after its newer one, and after its end once the end had made RunOrder forget it
      if (waiting.size() >= MAX_WAITING || !folded.isEmpty()) {
        fold(batch, now);
        return;
      }
      waiting.add(new Waiting(batch, 0, now));
      ask(batch, 0, now);
      return;
    }
    frames.hold();
    try {
      int stopped = deliver(batch, 0, now, null);
      if (stopped >= 0) {
        waiting.add(new Waiting(batch, stopped, now));
      }
    } finally {
      frames.release();
    }
  }

  /**
   * Delivers {@code batch}'s events from {@code from} on, skipping those of {@code skipped} (a task
   * whose check failed: not an answer, so nothing is sent on it). Stops at an event whose
   * visibility is being checked, returning its index, once it has asked to be {@link #resume}d
   * then; -1 when the batch is done.
   */
  private int deliver(RunBatch batch, int from, long now, UUID skipped) {
    List<RunEvent> events = batch.events();
    boolean straight = pending.isEmpty() && frames.writable();
    int run = -1;
    UUID task = null;
    boolean visible = false;
    int stopped = -1;
    for (int i = from; i < events.size(); i++) {
      RunEvent event = events.get(i);
      boolean deliver = false;
      if ((all || runs.contains(event.id()) || tasks.contains(event.task()))
          && !event.task().equals(skipped)) {
        if (!event.task().equals(task)) {
          Future<Boolean> answer = visibility.of(user, event.task(), now);
          if (!answer.isComplete()) {
            UUID awaited = event.task();
            answer.onComplete(done -> resume(awaited, done.succeeded()));
            stopped = i;
            ask(batch, i + 1, now);
            break;
          }
          // the common case, a task checked a moment ago: no listener to allocate and call back
          task = event.task();
          visible = answer.succeeded() && answer.result();
        }
        deliver = visible && order.live(event.id(), event.mark(), subscribing > 0);
      }
      if (deliver && straight) {
        run = run < 0 ? i : run;
        continue;
      }
      if (run >= 0) {
        frames.write(batch.frames(run, i));
        run = -1;
      }
      if (deliver) {
        send(event.id(), event.frame());
      }
    }
    if (run >= 0) {
      frames.write(batch.frames(run, stopped < 0 ? events.size() : stopped));
    }
    frames.flush();
    return stopped;
  }

  /**
   * Asks now for the visibility of the tasks of {@code batch}'s events from {@code from} on that
   * wait behind another answer, so that they are checked together with it rather than one after the
   * other.
   */
  private void ask(RunBatch batch, int from, long now) {
    List<RunEvent> events = batch.events();
    UUID task = null;
    for (int i = from; i < events.size(); i++) {
      RunEvent event = events.get(i);
      if (!event.task().equals(task)
          && (all || runs.contains(event.id()) || tasks.contains(event.task()))) {
        task = event.task();
        visibility.of(user, task, now);
      }
    }
  }

  /**
   * Keeps, of {@code batch}, each run's latest event this client asked for, to be delivered after
   * the notifications waiting in full; their tasks are asked about now, with the others.
   */
  private void fold(RunBatch batch, long now) {
    for (RunEvent event : batch.events()) {
      if (all || runs.contains(event.id()) || tasks.contains(event.task())) {
        // an existing run keeps its place: only the order of each run's own events matters
        folded.put(event.id(), event);
      }
    }
    foldedAt = now;
    connections.foldedNotification();
    ask(batch, 0, now);
    if (folded.size() > MAX_PENDING) {
      close((short) 1013, Messages.WS_HELD_UP.formatted(MAX_PENDING));
    }
  }

  /** Run events were lost on their way to this hub: the client is to reconnect. */
  void eventsMissed() {
    if (!closed) {
      close((short) 1012, Messages.WS_EVENTS_MISSED);
    }
  }

  /** Closes the connection from this side: nothing waiting for it is sent. */
  private void close(short code, String reason) {
    closed();
    socket.close(code, reason);
  }

  /** A visibility check this connection's batches waited for is done: they go on, in order. */
  private void resume(UUID task, boolean answered) {
    if (closed) {
      waiting.clear();
      folded.clear();
      return;
    }
    frames.hold();
    try {
      while (!waiting.isEmpty()) {
        Waiting next = waiting.pollFirst();
        int stopped = deliver(next.batch(), next.from(), next.now(), answered ? null : task);
        if (stopped >= 0) {
          waiting.addFirst(new Waiting(next.batch(), stopped, next.now()));
          return;
        }
        if (waiting.isEmpty() && !folded.isEmpty()) {
          // the folded events come last: they are newer than every event that waited in full
          waiting.add(new Waiting(RunBatch.of(List.copyOf(folded.values())), 0, foldedAt));
          folded.clear();
        }
      }
    } finally {
      frames.release();
    }
  }

  /** Holds this connection's flushes until the matching {@link #releaseFlushes}. */
  void holdFlushes() {
    frames.hold();
  }

  void releaseFlushes() {
    frames.release();
  }

  /** The connection closed: events still waiting for a visibility check are not sent. */
  void closed() {
    closed = true;
    pending.clear();
    waiting.clear();
    folded.clear();
    order.clear();
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
    // subscribed before the checks answer, so that no event falls between a snapshot's read and the
    // subscription: every event is still checked for visibility before it is sent (deliver), and
    // the ids the checks refuse are dropped again
    subscribing++;
    Set<Long> newRuns = new HashSet<>(runIds);
    newRuns.removeAll(runs);
    Set<UUID> newTasks = new HashSet<>(taskIds);
    newTasks.removeAll(tasks);
    runs.addAll(newRuns);
    tasks.addAll(newTasks);
    if (everything) {
      all = true;
    }
    Future<?> runsChecked =
        (runIds.isEmpty()
                ? Future.succeededFuture(List.<Run>of())
                : whenOpen(() -> queue.findVisible(user, runIds)))
            .onSuccess(
                found -> {
                  Set<Long> missing = new TreeSet<>(runIds);
                  for (Run run : found) {
                    missing.remove(run.id());
                  }
                  runs.removeAll(missing);
                  sendRuns(found);
                  if (!missing.isEmpty()) {
                    error(Messages.notFound("runs", missing));
                  }
                });
    Future<?> tasksChecked =
        (taskIds.isEmpty()
                ? Future.succeededFuture(Set.<UUID>of())
                // the visible tasks are kept as answers unless shares change meanwhile
                : whenOpen(() -> visibility.subscribed(user, taskIds)))
            .compose(
                visible -> {
                  Set<UUID> hidden = new TreeSet<>(taskIds);
                  hidden.removeAll(visible);
                  if (!hidden.isEmpty()) {
                    tasks.removeAll(hidden);
                    error(Messages.notFound("tasks", hidden));
                  }
                  return visible.isEmpty()
                      ? Future.succeededFuture(List.<Run>of())
                      : whenOpen(() -> queue.ofTasks(user, visible, CURRENT, SNAPSHOT_LIMIT));
                })
            .onSuccess(this::sendRuns);
    Future<?> everythingChecked =
        everything ? snapshot(RunFilter.of(CURRENT)) : Future.succeededFuture();
    Future.join(runsChecked, tasksChecked, everythingChecked)
        .onComplete(
            done -> {
              if (runsChecked.failed()) {
                runs.removeAll(newRuns);
              }
              if (tasksChecked.failed()) {
                tasks.removeAll(newTasks);
              }
              if (done.failed() && !closed) {
                LOG.warn("a live-progress subscription could not be checked", done.cause());
                error(Messages.WS_CHECK_FAILED);
              }
              subscribing--;
              socket.resume();
            });
  }

  /**
   * {@code statement} once its turn among the subscriptions' statements comes, unless this
   * connection closed meanwhile: a client that subscribes and hangs up, over and over, would
   * otherwise leave statements queued for nobody, ahead of everyone else's snapshots.
   */
  private <T> Future<T> whenOpen(java.util.function.Supplier<Future<T>> statement) {
    return checks.run(
        () ->
            closed ? Future.failedFuture("the live-progress connection closed") : statement.get());
  }

  /** The current runs sent on subscribing; their total is not sent, so none is counted. */
  private Future<?> snapshot(RunFilter filter) {
    return whenOpen(
            () -> queue.list(user, filter, new PageRequest(SNAPSHOT_LIMIT, 0, List.of(), null), 0))
        .onSuccess(page -> sendRuns(page.items()));
  }

  /** A snapshot's runs, but those whose state or a newer one this client has already been sent. */
  private void sendRuns(List<Run> current) {
    if (closed) {
      return;
    }
    if (order.overrun()) {
      // more runs' events went out while this snapshot was read than can be remembered: some of
      // its rows may be older than what was sent, and which is not known
      close((short) 1013, Messages.WS_SNAPSHOT_OUTRUN.formatted(RunOrder.MAX_HELD));
      return;
    }
    frames.hold();
    try {
      for (Run run : current) {
        if (order.snapshot(
            run.id(), RunOrder.Mark.of(run.status(), run.attempt(), run.updatedAt()))) {
          send(run.id(), WebSocketFrames.text(message(RunHandlers.view(run))));
        }
      }
    } finally {
      frames.release();
    }
  }

  /**
   * Sends one run's frame: straight out while nothing waits for this client and its channel has
   * room, otherwise through the map of each run's latest undelivered frame.
   */
  private void send(long id, byte[] frame) {
    if (closed || socket.isClosed()) {
      // closed, its close handler perhaps not run yet: what is pending goes with the connection
      pending.clear();
      return;
    }
    if (pending.isEmpty() && frames.writable()) {
      frames.write(Unpooled.wrappedBuffer(frame));
      frames.flush();
      return;
    }
    pending.put(id, frame);
    if (pending.size() > MAX_PENDING) {
      close((short) 1008, Messages.WS_TOO_SLOW.formatted(MAX_PENDING));
      return;
    }
    drain();
  }

  /** Sends undelivered frames while the channel has room; called again when it has room again. */
  private void drain() {
    if (closed || pending.isEmpty() || socket.isClosed()) {
      return;
    }
    var iterator = pending.values().iterator();
    while (iterator.hasNext() && frames.writable()) {
      frames.write(Unpooled.wrappedBuffer(iterator.next()));
      iterator.remove();
    }
    frames.flush();
  }

  private void error(String message) {
    if (closed || socket.isClosed()) {
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
        // an integer only: a fraction (1234.5) or a number beyond a long (1e20), truncated or
        // clamped by longValue(), would name some other run than the client meant
        if (!(item instanceof Integer || item instanceof Long)
            || ((Number) item).longValue() <= 0) {
          throw new IllegalArgumentException("runs should hold positive integer run ids");
        }
        runIds.add(((Number) item).longValue());
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
