package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.ForgedRunEvents;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live progress attacked from outside: a reader unshared while the server could not hear about it,
 * a snapshot outrun by thousands of other runs' events, a reader unshared while its events are
 * folded behind a held visibility check.
 */
class LiveProgressOutsiderTest {
  private static TestServer server;
  private static Vertx client;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new JsonObject()
                .put("API_INSTANCES", 1)
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
  void a_reader_unshared_while_the_servers_listen_connection_was_down_hears_no_more_of_its_runs()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID reader = UUID.randomUUID();
    Api api = server.api();
    String report =
        new Fixtures(api)
            .report(
                owner,
                new JsonObject()
                    .put("name", "shared, unshared unheard")
                    .put("user_ids", new JsonArray().add(reader.toString())));
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    long run =
        ForgedRunEvents.heldRun(
            server.schema(),
            task,
            report,
            UUID.randomUUID(),
            "in_action",
            0,
            1,
            OffsetDateTime.now(ZoneOffset.UTC));
    List<JsonObject> ownerGot = new CopyOnWriteArrayList<>();
    List<JsonObject> readerGot = new CopyOnWriteArrayList<>();
    WebSocket ownerSocket = connect(owner, ownerGot);
    WebSocket readerSocket = connect(reader, readerGot);
    for (WebSocket socket : List.of(ownerSocket, readerSocket)) {
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("tasks", new JsonArray().add(task))
              .encode());
    }
    await(
        "both get the snapshot",
        () -> progressOf(ownerGot).contains(0) && progressOf(readerGot).contains(0));
    ForgedRunEvents.inAction(server.schema(), run, task, report, 10);
    await("the reader hears of progress 10 while shared", () -> progressOf(readerGot).contains(10));

    // the database restarts, or the network between them blips: the server's LISTEN connection
    // goes, and is made again a second later; the unsharing falls in between
    List<Integer> listeners = listeners();
    assertThat(listeners).isNotEmpty();
    TestDatabase.count(
        server.schema(),
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid IN ("
            + String.join(",", listeners.stream().map(String::valueOf).toList())
            + ")");
    await("the LISTEN connection is gone", () -> listeners().isEmpty());
    api.patch(
        owner,
        Api.PREFIX + "/reports/" + report,
        new JsonObject().put("user_ids", new JsonArray()));
    assertThat(listeners()).as("nobody listened when the unsharing was announced").isEmpty();
    await("the LISTEN connection is back", () -> !listeners().isEmpty());

    // events may have been missed too: both connections are closed for their clients to reconnect
    await("both connections closed", () -> ownerSocket.isClosed() && readerSocket.isClosed());
    assertThat(progressOf(readerGot)).as("the unshared reader's events").containsOnly(0, 10);
    List<JsonObject> ownerAgain = new CopyOnWriteArrayList<>();
    List<JsonObject> readerAgain = new CopyOnWriteArrayList<>();
    WebSocket ownerReconnected = connect(owner, ownerAgain);
    WebSocket readerReconnected = connect(reader, readerAgain);
    for (WebSocket socket : List.of(ownerReconnected, readerReconnected)) {
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("tasks", new JsonArray().add(task))
              .encode());
    }
    await(
        "the reader's task is not found",
        () -> readerAgain.stream().anyMatch(e -> "error".equals(e.getString("type"))));
    await("the owner's snapshot", () -> progressOf(ownerAgain).contains(0));
    int[] progress = {20};
    await(
        "the owner hears of progress 20 and 30",
        () -> {
          if (progressOf(ownerAgain).contains(progress[0])) {
            if (progress[0] == 30) {
              return true;
            }
            progress[0] = 30;
          }
          ForgedRunEvents.inAction(server.schema(), run, task, report, progress[0]);
          return false;
        });
    assertThat(readerAgain).noneMatch(e -> "run".equals(e.getString("type")));
    ownerReconnected.close();
    readerReconnected.close();
  }

  @Test
  void a_snapshot_read_before_a_runs_end_and_outrun_by_4096_other_runs_does_not_send_it_back()
      throws Exception {
    Outrun outrun = outrunSnapshot(RunOrder.MAX_RUNS + 100);
    List<JsonObject> received = outrun.received();
    WebSocket socket = outrun.socket();
    // answered after the subscription above: messages are read one at a time
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("runs", new JsonArray().add(Long.MAX_VALUE / 2))
            .encode());
    await(
        "the second subscription's answer",
        () -> received.stream().anyMatch(e -> "error".equals(e.getString("type"))));

    List<String> statuses =
        eventsOf(received, outrun.run()).stream().map(e -> e.getString("status")).toList();
    assertThat(statuses.subList(statuses.indexOf("complete"), statuses.size()))
        .as("the run's states from its end on")
        .containsOnly("complete");
    socket.close();
  }

  @Test
  void a_snapshot_outrun_by_more_runs_than_are_remembered_closes_the_connection_to_reconnect()
      throws Exception {
    Outrun outrun = outrunSnapshot(RunOrder.MAX_HELD + 100);

    assertThat(outrun.closed().get(20, TimeUnit.SECONDS))
        .isEqualTo(
            "1013 "
                + dev.periodica.common.Messages.WS_SNAPSHOT_OUTRUN.formatted(RunOrder.MAX_HELD));
    List<String> statuses =
        eventsOf(outrun.received(), outrun.run()).stream().map(e -> e.getString("status")).toList();
    assertThat(statuses.subList(statuses.indexOf("complete"), statuses.size()))
        .as("the run's states from its end on")
        .containsOnly("complete");
  }

  /** A subscriber to everything, and to one run whose snapshot was outrun by others' events. */
  private record Outrun(
      WebSocket socket,
      List<JsonObject> received,
      long run,
      java.util.concurrent.CompletableFuture<String> closed) {}

  /**
   * A subscriber to everything subscribes to one of its runs again; the run's snapshot reads it in
   * action, held behind a lock on {@code runs}, while the run's end and {@code others} other runs'
   * events go out to the subscriber; then the snapshot answers.
   */
  private static Outrun outrunSnapshot(int others) throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = server.api();
    String report = new Fixtures(api).report(owner, "many runs at once");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    long run =
        ForgedRunEvents.heldRun(
            server.schema(), task, report, UUID.randomUUID(), "in_action", 10, 1, started);
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, received);
    java.util.concurrent.CompletableFuture<String> closed =
        new java.util.concurrent.CompletableFuture<>();
    socket.closeHandler(
        v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    socket.writeTextMessage(new JsonObject().put("action", "subscribe").put("all", true).encode());
    await("the snapshot", () -> !eventsOf(received, run).isEmpty());
    // the task's visibility is answered, so the events below go straight out
    ForgedRunEvents.event(
        server.schema(), run, task, report, "in_action", 11, 1, started.plusSeconds(1));
    await("progress 11", () -> progressOf(received).contains(11));

    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      // a client's second tab subscribes to the run; its snapshot reads the run before the run's
      // end commits, and answers after a sweep's thousands of other runs' events went out
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("runs", new JsonArray().add(run))
              .encode());
      await(
          "the run's snapshot waits for the lock",
          () ->
              TestDatabase.count(server.schema(), "SELECT count(*) FROM pg_locks WHERE NOT granted")
                  > 0);
      ForgedRunEvents.event(
          server.schema(), run, task, report, "complete", 100, 1, started.plusSeconds(2));
      // in parts the client keeps up with: a burst of more than MAX_PENDING runs at once would
      // close it as too slow
      for (int from = 1; from <= others; from += 1000) {
        int to = Math.min(others, from + 999);
        TestDatabase.count(
            server.schema(),
            """
            SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                     'id', 100000000 + n, 'task_id', '%s', 'report_id', '%s',
                     'status', 'in_action', 'progress', 1, 'trigger', 'manual', 'attempt', 1,
                     'updated_at', now()))::text))
            FROM generate_series(%d, %d) n
            """
                .formatted(task, report, from, to));
        await(
            "the other runs' events up to " + to,
            () ->
                received.stream()
                    .anyMatch(
                        e ->
                            "run".equals(e.getString("type"))
                                && e.getJsonObject("run").getLong("id") == 100000000L + to));
      }
      lock.rollback();
    }
    return new Outrun(socket, received, run, closed);
  }

  @Test
  void a_reader_unshared_while_its_notifications_are_folded_behind_a_held_check_gets_none()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID reader = UUID.randomUUID();
    Api api = server.api();
    String report =
        new Fixtures(api)
            .report(
                owner,
                new JsonObject()
                    .put("name", "shared while folded")
                    .put("user_ids", new JsonArray().add(reader.toString())));
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    List<JsonObject> ownerGot = new CopyOnWriteArrayList<>();
    List<JsonObject> readerGot = new CopyOnWriteArrayList<>();
    WebSocket ownerSocket = connect(owner, ownerGot);
    WebSocket readerSocket = connect(reader, readerGot);
    for (WebSocket socket : List.of(ownerSocket, readerSocket)) {
      socket.writeTextMessage(
          new JsonObject().put("action", "subscribe").put("all", true).encode());
    }
    // each subscription answered: a run id nobody has, after the subscription to everything
    for (WebSocket socket : List.of(ownerSocket, readerSocket)) {
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("runs", new JsonArray().add(Long.MAX_VALUE / 3))
              .encode());
    }
    await(
        "both subscriptions answered",
        () ->
            ownerGot.stream().anyMatch(e -> "error".equals(e.getString("type")))
                && readerGot.stream().anyMatch(e -> "error".equals(e.getString("type"))));
    int runs = 20;
    int notified = ProgressSocket.MAX_WAITING + 500;
    double before = folded();
    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      // the task's first check, for both users, waits behind this lock
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE report_tasks IN ACCESS EXCLUSIVE MODE");
      TestDatabase.count(
          server.schema(),
          """
          SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                   'id', 200000000 + n %% %d, 'task_id', '%s', 'report_id', '%s',
                   'status', 'in_action', 'progress', n / %d, 'trigger', 'manual',
                   'attempt', 1))::text))
          FROM generate_series(0, %d) n
          """
              .formatted(runs, task, report, runs, notified - 1));
      await(
          "both connections fold",
          () -> folded() - before >= 2.0 * (notified - ProgressSocket.MAX_WAITING));
      // unshared while the check is held and the notifications are folded
      TestDatabase.count(
          server.schema(),
          "WITH gone AS (DELETE FROM report_users WHERE report_id = '%s' RETURNING 1)"
                  .formatted(report)
              + " SELECT count(*) FROM gone");
      lock.rollback();
    }
    int last = (notified - 1) / runs;
    await(
        "the owner gets each run's latest",
        () -> progressOf(ownerGot).stream().filter(p -> p == last).count() >= runs);
    // and one more event after, which the owner sees and the reader must not
    TestDatabase.count(
        server.schema(),
        """
        SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                 'id', 200000000, 'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                 'progress', 99, 'trigger', 'manual', 'attempt', 1))::text))
        """
            .formatted(task, report));
    await("the owner gets the one after", () -> progressOf(ownerGot).contains(99));
    assertThat(readerGot).noneMatch(e -> "run".equals(e.getString("type")));
    ownerSocket.close();
    readerSocket.close();
  }

  @Test
  void a_runs_event_folded_behind_one_check_is_not_sent_after_its_end_waiting_behind_another()
      throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = server.api();
    String report = new Fixtures(api).report(owner, "two checks in a row");
    String taskA = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    String taskB = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, received);
    socket.writeTextMessage(new JsonObject().put("action", "subscribe").put("all", true).encode());
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("runs", new JsonArray().add(Long.MAX_VALUE / 5))
            .encode());
    await(
        "the subscription answered",
        () -> received.stream().anyMatch(e -> "error".equals(e.getString("type"))));
    warmUpVisibilityChecks(owner, report);
    long run = 300_000_000L;
    long other = 300_000_001L;
    long r = 300_000_002L;
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    double before = folded();
    java.util.concurrent.CountDownLatch releaseSecond = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CompletableFuture<Void> second = null;
    try (java.sql.Connection first = TestDatabase.connect();
        java.sql.Statement statement = first.createStatement()) {
      first.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE report_tasks IN ACCESS EXCLUSIVE MODE");
      // task A's check waits behind the first lock
      ForgedRunEvents.event(server.schema(), run, taskA, report, "in_action", 0, 1, at);
      await("task A's check waits", () -> lockWaiters() == 1);
      // a second lock queued behind it: task B's check, asked next, waits behind that one
      second =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try (java.sql.Connection lock = TestDatabase.connect();
                    java.sql.Statement locking = lock.createStatement()) {
                  lock.setAutoCommit(false);
                  locking.execute("SET search_path TO " + server.schema());
                  locking.execute("LOCK TABLE report_tasks IN ACCESS EXCLUSIVE MODE");
                  releaseSecond.await(30, TimeUnit.SECONDS);
                  lock.rollback();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      await("the second lock is queued", () -> lockWaiters() == 2);
      // notifications waiting in full: task A's run up to the bound, the last one task B's
      TestDatabase.count(
          server.schema(),
          """
          SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                   'id', %d, 'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                   'progress', n, 'trigger', 'manual', 'attempt', 1))::text))
          FROM generate_series(1, %d) n
          """
              .formatted(run, taskA, report, ProgressSocket.MAX_WAITING - 2));
      ForgedRunEvents.event(server.schema(), other, taskB, report, "in_action", 0, 1, at);
      await("task B's check waits", () -> lockWaiters() == 3);
      // beyond the bound: run r's progress is folded
      ForgedRunEvents.event(
          server.schema(), r, taskA, report, "in_action", 50, 1, at.plusSeconds(1));
      await("r's event folded", () -> folded() - before >= 1);
      first.rollback();
    }
    // task A answered: its events go out, and task B's check waits behind the second lock
    await(
        "task A's events",
        () ->
            eventsOf(received, run).stream()
                .anyMatch(e -> e.getInteger("progress") == ProgressSocket.MAX_WAITING - 2));
    // r ends, its event waiting in full behind task B's
    ForgedRunEvents.event(server.schema(), r, taskA, report, "complete", 100, 1, at.plusSeconds(2));
    releaseSecond.countDown();
    second.get(30, TimeUnit.SECONDS);
    await(
        "r's end",
        () -> eventsOf(received, r).stream().anyMatch(e -> e.getInteger("progress") == 100));
    ForgedRunEvents.event(
        server.schema(), other, taskB, report, "in_action", 1, 1, at.plusSeconds(3));
    await("the run after", () -> eventsOf(received, other).size() >= 2);

    List<String> statuses = eventsOf(received, r).stream().map(e -> e.getString("status")).toList();
    assertThat(statuses.subList(statuses.indexOf("complete"), statuses.size()))
        .as("run r's states from its end on")
        .containsOnly("complete");
    socket.close();
  }

  /**
   * Has every connection of the server's pool prepare the visibility check: a check's first run on
   * a connection is prepared first, its lock taken and let go, then run, and a lock queued
   * meanwhile would take its turn in between. Sixteen strangers (the pool's size) subscribed to
   * everything hear of a run whose check waits behind a lock, so each connection is used at once.
   */
  private static void warmUpVisibilityChecks(UUID owner, String report) throws Exception {
    String task =
        server.api().post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    List<WebSocket> strangers = new java.util.ArrayList<>();
    List<JsonObject> answers = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 16; i++) {
      WebSocket socket = connect(UUID.randomUUID(), answers);
      socket.writeTextMessage(
          new JsonObject().put("action", "subscribe").put("all", true).encode());
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("runs", new JsonArray().add(Long.MAX_VALUE / 7))
              .encode());
      strangers.add(socket);
    }
    await("the strangers' subscriptions answered", () -> answers.size() >= 16);
    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE report_tasks IN ACCESS EXCLUSIVE MODE");
      ForgedRunEvents.inAction(server.schema(), 400_000_000L, task, report, 1);
      // every connection of the pool takes one of the checks: their number stops growing
      long[] seen = {-1, 0};
      await(
          "every pool connection checks",
          () -> {
            long now = lockWaiters();
            seen[1] = now == seen[0] ? seen[1] + 1 : 0;
            seen[0] = now;
            return now > 0 && seen[1] >= 20;
          });
      lock.rollback();
    }
    await("the checks done", () -> lockWaiters() == 0);
    for (WebSocket socket : strangers) {
      socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static long lockWaiters() {
    return TestDatabase.count(
        server.schema(),
        "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'report_tasks'::regclass");
  }

  @Test
  void a_run_id_with_a_fraction_is_refused_not_rounded_to_another_run() throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = server.api();
    String report = new Fixtures(api).report(owner, "ids with fractions");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    long run =
        ForgedRunEvents.heldRun(
            server.schema(),
            task,
            report,
            UUID.randomUUID(),
            "new",
            0,
            1,
            OffsetDateTime.now(ZoneOffset.UTC));
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, received);
    // a careless client's arithmetic: 1234.5 is no run id; truncated, it names run 1234
    socket.writeTextMessage("{\"action\": \"subscribe\", \"runs\": [" + run + ".5]}");
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("runs", new JsonArray().add(Long.MAX_VALUE / 11))
            .encode());
    // answered after the first: messages are read one at a time
    await(
        "the second message answered",
        () ->
            received.stream()
                .anyMatch(e -> String.valueOf(e.getString("error")).contains("not found")));
    assertThat(received).noneMatch(e -> "run".equals(e.getString("type")));
    assertThat(received)
        .extracting(e -> e.getString("error"))
        .contains("runs should hold positive integer run ids");
    socket.close();
  }

  private static double folded() {
    java.util.regex.Matcher matcher =
        java.util.regex.Pattern.compile("(?m)^periodica_ws_notifications_folded_total (\\S+)$")
            .matcher(server.scrape());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  @Test
  void a_subscriber_that_missed_events_while_the_listen_connection_was_down_is_told_to_reconnect()
      throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = server.api();
    String report = new Fixtures(api).report(owner, "ended unheard");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
    long run =
        ForgedRunEvents.heldRun(
            server.schema(), task, report, UUID.randomUUID(), "in_action", 40, 1, at);
    long other =
        ForgedRunEvents.heldRun(
            server.schema(), task, report, UUID.randomUUID(), "in_action", 0, 1, at);
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, received);
    java.util.concurrent.CompletableFuture<String> closed =
        new java.util.concurrent.CompletableFuture<>();
    socket.closeHandler(
        v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("tasks", new JsonArray().add(task))
            .encode());
    await("the snapshot", () -> progressOf(received).contains(40));

    List<Integer> listeners = listeners();
    TestDatabase.count(
        server.schema(),
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE pid IN ("
            + String.join(",", listeners.stream().map(String::valueOf).toList())
            + ")");
    await("the LISTEN connection is gone", () -> listeners().isEmpty());
    // the run ends as a worker would end it, its notification sent to nobody
    TestDatabase.count(
        server.schema(),
        ("WITH ended AS (UPDATE runs SET status = 'complete', progress = 100, ended_at = now(),"
                + " lease_until = NULL, updated_at = now() WHERE id = %d RETURNING 1)"
                + " SELECT count(*) FROM ended")
            .formatted(run));
    assertThat(listeners()).as("nobody listened when the run ended").isEmpty();
    await("the LISTEN connection is back", () -> !listeners().isEmpty());
    // the run's end was never announced: rather than show the run in action for good, the client
    // is told to reconnect, and its new subscription's snapshot no longer holds the run
    assertThat(closed.get(20, TimeUnit.SECONDS))
        .isEqualTo("1012 " + dev.periodica.common.Messages.WS_EVENTS_MISSED);
    assertThat(eventsOf(received, run))
        .extracting(e -> e.getString("status"))
        .containsOnly("in_action");
    List<JsonObject> again = new CopyOnWriteArrayList<>();
    WebSocket reconnected = connect(owner, again);
    reconnected.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("tasks", new JsonArray().add(task))
            .encode());
    await("the new snapshot", () -> !eventsOf(again, other).isEmpty());
    assertThat(eventsOf(again, run)).isEmpty();
    reconnected.close();
  }

  /** The pids of the LISTEN connections to this test's database. */
  private static List<Integer> listeners() {
    List<Integer> pids = new java.util.ArrayList<>();
    try (java.sql.Connection connection = TestDatabase.connect();
        java.sql.Statement statement = connection.createStatement();
        java.sql.ResultSet rows =
            statement.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND query ILIKE '%LISTEN%periodica_access%' AND pid <> pg_backend_pid()")) {
      while (rows.next()) {
        pids.add(rows.getInt(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return pids;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!condition.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).as(what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static WebSocket connect(UUID user, List<JsonObject> received) throws Exception {
    WebSocket socket =
        sockets
            .connect(
                new WebSocketConnectOptions()
                    .setHost("localhost")
                    .setPort(server.port())
                    .setURI(Api.PREFIX + "/ws")
                    .addHeader("Pgr-User-Id", user.toString()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    return socket;
  }

  private static List<JsonObject> eventsOf(List<JsonObject> events, long run) {
    return events.stream()
        .filter(e -> "run".equals(e.getString("type")))
        .map(e -> e.getJsonObject("run"))
        .filter(r -> r.getLong("id") == run)
        .toList();
  }

  private static List<Integer> progressOf(List<JsonObject> events) {
    return events.stream()
        .filter(e -> "run".equals(e.getString("type")))
        .map(e -> e.getJsonObject("run").getInteger("progress"))
        .toList();
  }
}
