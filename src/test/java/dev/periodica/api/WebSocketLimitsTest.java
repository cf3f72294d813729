package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Messages;
import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.RawWebSocket;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live-progress WebSocket under flooding: a subscription checks its ids in a few statements
 * whatever their number, ids per message and connections per user are capped, replies to a client
 * that does not read are dropped, and only allowed origins may connect.
 */
class WebSocketLimitsTest {
  private static final String ALLOWED = "https://app.example.com";
  private static TestServer server;
  private static Vertx client;

  /** One client kept for the class: a client no longer referenced is closed with its sockets. */
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    // background chores slowed down, so what the SQL pool does is what the sockets ask for
    server =
        TestServer.start(
            new JsonObject()
                .put("API_INSTANCES", 2)
                .put("ALLOWED_ORIGINS", ALLOWED)
                .put("SCHEDULER_TICK_MS", 60_000)
                .put("WORKER_POLL_MS", 60_000)
                .put("HOUSEKEEPING_SECONDS", 3600)
                .put("HEARTBEAT_SECONDS", 3600)
                .put("PINNED_GIVE_UP_SECONDS", 86_400)
                .put("RETENTION_SWEEP_SECONDS", 86_400));
    client = Vertx.vertx();
    sockets = client.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void subscribing_to_500_runs_and_500_tasks_runs_a_handful_of_statements() throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = server.api();
    String report = new Fixtures(api).report(owner, "watched");
    // pinned to an instance that never runs, so its run stays new
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    long run =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonArray runs = new JsonArray().add(run);
    JsonArray tasks = new JsonArray().add(task);
    for (int i = 1; i < 500; i++) {
      runs.add(run + 1_000_000 + i);
      tasks.add(UUID.randomUUID().toString());
    }
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, received);
    long before = server.poolUses();

    socket.writeTextMessage(
        new JsonObject().put("action", "subscribe").put("runs", runs).put("tasks", tasks).encode());
    awaitQuiet(received);

    long statements = server.poolUses() - before;
    assertThat(statements).as("statements for one subscribe of 1,000 ids").isLessThanOrEqualTo(10);
    assertThat(received)
        .filteredOn(e -> "run".equals(e.getString("type")))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getJsonObject("run").getLong("id")).isEqualTo(run));
    List<String> errors = errors(received);
    assertThat(errors).hasSize(2);
    assertThat(ids(errors, "runs"))
        .hasSize(499)
        .contains(Long.toString(run + 1_000_001))
        .doesNotContain(Long.toString(run));
    assertThat(ids(errors, "tasks"))
        .hasSize(499)
        .contains(tasks.getString(499))
        .doesNotContain(task);
    socket.close();
  }

  @Test
  void a_message_with_more_than_500_ids_answers_one_error_and_checks_nothing() throws Exception {
    JsonArray runs = new JsonArray();
    for (int i = 1; i <= 501; i++) {
      runs.add(i);
    }
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(UUID.randomUUID(), received);
    long before = server.poolUses();

    socket.writeTextMessage(new JsonObject().put("action", "subscribe").put("runs", runs).encode());
    awaitQuiet(received);

    assertThat(server.poolUses() - before).isLessThanOrEqualTo(2);
    assertThat(errors(received)).containsExactly("runs should be a list of at most 500 ids");
    assertThat(socket.isClosed()).isFalse();
    socket.close();
  }

  @Test
  void events_of_1000_tasks_reaching_an_all_subscriber_are_checked_in_a_few_statements()
      throws Exception {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(UUID.randomUUID(), received);
    socket.writeTextMessage(new JsonObject().put("action", "subscribe").put("all", true).encode());
    awaitQuiet(received);
    long before = server.poolUses();

    // 1,000 run events of 1,000 tasks the subscriber may not see, as another instance sends them
    TestDatabase.count(
        server.schema(),
        """
        SELECT count(pg_notify('periodica_run_events',
                 json_build_object('id', g, 'task_id', gen_random_uuid(), 'status', 'new',
                                   'progress', 0, 'trigger', 'schedule')::text))
        FROM generate_series(1, 1000) g
        """);
    Thread.sleep(2000);

    assertThat(server.poolUses() - before).isLessThanOrEqualTo(30);
    assertThat(received).noneMatch(e -> "run".equals(e.getString("type")));
    socket.close();
  }

  @Test
  void notifications_beyond_those_waiting_in_full_for_a_visibility_check_are_folded_per_run()
      throws Exception {
    int runs = 20;
    int notified = ProgressSocket.MAX_WAITING + 500;
    HeldCheck held = holdCheck(runs, notified);
    List<JsonObject> received = held.received();
    double before = folded();
    try {
      held.notifyEvents();
      // held until the notifications beyond those waiting in full have reached the connection
      long folding = System.currentTimeMillis() + 20_000;
      while (System.currentTimeMillis() < folding
          && folded() - before < notified - ProgressSocket.MAX_WAITING) {
        Thread.sleep(50);
      }
      assertThat(folded() - before).isEqualTo(notified - ProgressSocket.MAX_WAITING);
    } finally {
      held.release();
    }
    int last = (notified - 1) / runs;
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline
        && !(latestProgress(runEvents(received)).size() == runs
            && latestProgress(runEvents(received)).values().stream().allMatch(p -> p >= last))) {
      Thread.sleep(100);
    }

    List<JsonObject> events = runEvents(received);
    // the first MAX_WAITING notifications in full, then each run's latest event once (fewer, if
    // the client fell behind meanwhile and its undelivered events were kept per run too)
    assertThat(events).hasSizeLessThanOrEqualTo(ProgressSocket.MAX_WAITING + runs);
    assertThat(latestProgress(events))
        .hasSize(runs)
        .allSatisfy((id, p) -> assertThat(p).isEqualTo(last));
    assertInOrderPerRun(events);
    assertThat(held.socket().isClosed()).isFalse();
    held.socket().close();
  }

  @Test
  void a_subscriber_whose_folded_runs_outgrow_the_bound_is_closed_to_reconnect() throws Exception {
    int runs = ProgressSocket.MAX_WAITING + ProgressSocket.MAX_PENDING + 1;
    HeldCheck held = holdCheck(runs, runs);
    try {
      held.notifyEvents();
      assertThat(held.closed().get(20, TimeUnit.SECONDS))
          .isEqualTo("1013 " + Messages.WS_HELD_UP.formatted(ProgressSocket.MAX_PENDING));
    } finally {
      held.release();
    }
    assertThat(runEvents(held.received())).isEmpty();
  }

  /**
   * A subscriber to everything, whose task's visibility check waits behind a lock on {@code
   * report_tasks} (taken here, released by {@link #release}), and {@code notified} notifications of
   * one event each, of {@code runs} runs in turn, their progress rising.
   */
  private record HeldCheck(
      WebSocket socket,
      List<JsonObject> received,
      java.util.concurrent.CompletableFuture<String> closed,
      java.sql.Connection lock,
      String events) {
    void notifyEvents() {
      TestDatabase.count(server.schema(), events);
    }

    void release() throws java.sql.SQLException {
      lock.rollback();
      lock.close();
    }
  }

  private HeldCheck holdCheck(int runs, int notified) throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = server.api();
    String report = new Fixtures(api).report(owner, "checked behind a lock");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, received);
    java.util.concurrent.CompletableFuture<String> closed =
        new java.util.concurrent.CompletableFuture<>();
    socket.closeHandler(
        v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    socket.writeTextMessage(new JsonObject().put("action", "subscribe").put("all", true).encode());
    awaitQuiet(received);
    java.sql.Connection lock = TestDatabase.connect();
    try (java.sql.Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE report_tasks IN ACCESS EXCLUSIVE MODE");
    }
    String events =
        """
        SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                 'id', 1 + n %% %d, 'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                 'progress', n / %d, 'trigger', 'manual', 'attempt', 1))::text))
        FROM generate_series(0, %d) n
        """
            .formatted(runs, task, report, runs, notified - 1);
    return new HeldCheck(socket, received, closed, lock, events);
  }

  @Test
  void the_21st_connection_of_a_user_is_refused_until_one_closes() throws Exception {
    UUID user = UUID.randomUUID();
    List<WebSocket> open = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      open.add(connect(user, new CopyOnWriteArrayList<>()));
    }

    assertThatThrownBy(() -> connect(user, new CopyOnWriteArrayList<>()))
        .hasCauseInstanceOf(UpgradeRejectedException.class)
        .cause()
        .satisfies(
            e -> {
              UpgradeRejectedException rejected = (UpgradeRejectedException) e;
              assertThat(rejected.getStatus()).isEqualTo(429);
              assertThat(new JsonObject(rejected.getBody()).getString("error"))
                  .isEqualTo("at most 20 live-progress connections per user; close one first");
            });
    WebSocket other = connect(UUID.randomUUID(), new CopyOnWriteArrayList<>());
    open.get(0).close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    Thread.sleep(300);
    WebSocket again = connect(user, new CopyOnWriteArrayList<>());

    assertThat(again.isClosed()).isFalse();
    assertThat(other.isClosed()).isFalse();
    again.close();
    other.close();
    open.forEach(WebSocket::close);
  }

  @Test
  void error_replies_to_a_client_that_does_not_read_are_dropped_and_counted() throws Exception {
    try (RawWebSocket raw =
        RawWebSocket.connect(server.port(), Api.PREFIX + "/ws", UUID.randomUUID(), 4096, 10_000)) {
      // every frame is "x", not JSON, and earns an error reply the client never reads
      byte[] frame = {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, (byte) ('x' ^ 1)};
      byte[] burst = new byte[frame.length * 1000];
      for (int i = 0; i < 1000; i++) {
        System.arraycopy(frame, 0, burst, i * frame.length, frame.length);
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (dropped() == 0 && System.currentTimeMillis() < deadline) {
        raw.sendBytes(burst);
      }

      assertThat(dropped()).isPositive();
    }
  }

  @Test
  void a_subscriber_that_does_not_read_delays_no_other_and_later_gets_each_runs_latest_event()
      throws Exception {
    // one notification per event, a single object, as before statement-level notifications
    slowAndFastSubscribers(1);
  }

  @Test
  void with_events_batched_by_statement_a_subscriber_that_does_not_read_still_delays_no_other()
      throws Exception {
    // 15 events per notification (~6.5 kB, under PostgreSQL's 8,000-byte payload limit), as a
    // statement changing many runs sends them (V17): each reaches a connection as one batch,
    // written and flushed together
    slowAndFastSubscribers(15);
  }

  /**
   * 300 runs × 100 progress steps of about 600 bytes each (~18 MB, far beyond what the kernel's
   * buffers hold for a client that does not read), notified {@code perNotification} events at a
   * time, to a client that reads and one with a tiny receive window that reads nothing.
   */
  private void slowAndFastSubscribers(int perNotification) throws Exception {
    UUID user = UUID.randomUUID();
    String report = new Fixtures(server.api()).report(user, "watched by a slow and a fast client");
    String task =
        server
            .api()
            .post(
                user,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", "00000000-0000-0000-0000-000000000000"))
            .json()
            .getString("id");
    List<JsonObject> fast = new CopyOnWriteArrayList<>();
    WebSocket fastSocket = connect(user, fast);
    fastSocket.writeTextMessage(
        new JsonObject().put("action", "subscribe").put("all", true).encode());
    try (RawWebSocket slow =
        RawWebSocket.connect(server.port(), Api.PREFIX + "/ws", user, 4096, 3000)) {
      slow.sendText("{\"action\":\"subscribe\",\"all\":true}");
      Thread.sleep(1000);

      int runs = 300;
      int steps = 100;
      String error = "x".repeat(300);
      String event =
          """
          json_build_object('id', r, 'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                            'progress', s, 'trigger', 'manual', 'error', '%s')
          """
              .formatted(task, report, error);
      TestDatabase.count(
          server.schema(),
          perNotification == 1
              ? """
                SELECT count(pg_notify('periodica_run_events', %s::text))
                FROM generate_series(1, %d) s, generate_series(1, %d) r
                """
                  .formatted(event, steps, runs)
              : """
                SELECT count(pg_notify('periodica_run_events', events::text))
                FROM (SELECT json_agg(event ORDER BY n) AS events
                      FROM (SELECT row_number() OVER (ORDER BY s, r) - 1 AS n, %s AS event
                            FROM generate_series(1, %d) s, generate_series(1, %d) r) e
                      GROUP BY n / %d
                      ORDER BY n / %d) batches
                """
                  .formatted(event, steps, runs, perNotification, perNotification));

      // the fast client reaches every run's last event while the slow one reads nothing (if the
      // fast one itself falls behind for a moment, the server keeps only each run's latest
      // undelivered event for it too, so it may see fewer than all 30,000)
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline
          && !(latestProgress(runEvents(fast)).size() == runs
              && latestProgress(runEvents(fast)).values().stream().allMatch(p -> p == steps))) {
        Thread.sleep(100);
      }
      List<JsonObject> fastRuns = runEvents(fast);
      assertThat(fastRuns).hasSizeGreaterThan(runs);
      assertThat(latestProgress(fastRuns))
          .hasSize(runs)
          .allSatisfy((id, p) -> assertThat(p).isEqualTo(steps));
      assertInOrderPerRun(fastRuns);
      assertThat(slow.isClosed()).isFalse();

      // then the slow client reads: it was held back (fewer frames than events, only each run's
      // latest undelivered one kept), and still ends with every run's latest state, in order
      List<JsonObject> slowRuns =
          runEvents(RawWebSocket.texts(slow.readFrames()).stream().map(JsonObject::new).toList());
      assertThat(slowRuns.size()).isLessThan(runs * steps);
      // not compared with the fast client's count: on a busy machine the fast one falls behind for
      // moments too and gets each run's latest event only (seen once: 4,485 against 4,903)
      assertThat(latestProgress(slowRuns))
          .hasSize(runs)
          .allSatisfy((id, p) -> assertThat(p).isEqualTo(steps));
      assertInOrderPerRun(slowRuns);
    }
    fastSocket.close();
  }

  /** Each run's progress only goes up from one of its events to the next. */
  private static void assertInOrderPerRun(List<JsonObject> runs) {
    java.util.Map<Long, Integer> last = new java.util.HashMap<>();
    for (JsonObject run : runs) {
      Integer before = last.put(run.getLong("id"), run.getInteger("progress"));
      assertThat(before == null || before < run.getInteger("progress"))
          .as("run %s went from %s to %s", run.getLong("id"), before, run.getInteger("progress"))
          .isTrue();
    }
  }

  private static List<JsonObject> runEvents(List<JsonObject> received) {
    return received.stream()
        .filter(e -> "run".equals(e.getString("type")))
        .map(e -> e.getJsonObject("run"))
        .toList();
  }

  /** Each run's progress in the last of its events. */
  private static java.util.Map<Long, Integer> latestProgress(List<JsonObject> runs) {
    java.util.Map<Long, Integer> latest = new java.util.HashMap<>();
    runs.forEach(run -> latest.put(run.getLong("id"), run.getInteger("progress")));
    return latest;
  }

  @Test
  void a_foreign_origin_is_refused_with_403_while_no_origin_same_origin_and_allowed_ones_connect()
      throws Exception {
    UUID user = UUID.randomUUID();

    assertThatThrownBy(() -> connect(user, "https://evil.example.net"))
        .hasCauseInstanceOf(UpgradeRejectedException.class)
        .cause()
        .satisfies(
            e -> {
              UpgradeRejectedException rejected = (UpgradeRejectedException) e;
              assertThat(rejected.getStatus()).isEqualTo(403);
              assertThat(new JsonObject(rejected.getBody()).getString("error"))
                  .isEqualTo("WebSocket connections from this origin are not allowed");
            });
    assertThatThrownBy(() -> connect(user, "null"))
        .hasCauseInstanceOf(UpgradeRejectedException.class);
    for (String origin :
        new String[] {
          null, ALLOWED, "http://localhost:" + server.port(), "HTTPS://App.Example.com"
        }) {
      WebSocket socket = connect(user, origin);
      assertThat(socket.isClosed()).as(String.valueOf(origin)).isFalse();
      socket.close();
    }
  }

  private static double folded() {
    Matcher matcher =
        Pattern.compile("(?m)^periodica_ws_notifications_folded_total (\\S+)$")
            .matcher(server.scrape());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static double dropped() {
    Matcher matcher =
        Pattern.compile("(?m)^periodica_ws_replies_dropped_total (\\S+)$").matcher(server.scrape());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  /** The ids of the error {@code <things> <id>, <id> not found}. */
  private static List<String> ids(List<String> errors, String things) {
    String error =
        errors.stream()
            .filter(e -> e.startsWith(things + " ") && e.endsWith(" not found"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no error about " + things + ": " + errors));
    return List.of(
        error.substring(things.length() + 1, error.length() - " not found".length()).split(", "));
  }

  private static List<String> errors(List<JsonObject> received) {
    return received.stream()
        .filter(e -> "error".equals(e.getString("type")))
        .map(e -> e.getString("error"))
        .toList();
  }

  /** Waits until no frame has arrived for 700 ms (at most 20 s). */
  private static void awaitQuiet(List<JsonObject> received) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    int seen = -1;
    while (System.currentTimeMillis() < deadline && received.size() != seen) {
      seen = received.size();
      Thread.sleep(700);
    }
  }

  private static WebSocket connect(UUID user, List<JsonObject> received) throws Exception {
    WebSocket socket = connect(user, (String) null);
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    return socket;
  }

  /** Connects as {@code user} sending {@code origin}, or no Origin header when it is null. */
  private static WebSocket connect(UUID user, String origin) throws Exception {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("localhost")
            .setPort(server.port())
            .setURI(Api.PREFIX + "/ws")
            .setAllowOriginHeader(origin != null)
            .addHeader("Pgr-User-Id", user.toString());
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    try {
      return sockets
          .connect(options)
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("connection refused", e.getCause());
    }
  }
}
