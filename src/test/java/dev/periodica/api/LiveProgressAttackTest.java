package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Messages;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live progress as a hostile client sees it: what a connection can make the server do, and keep
 * doing, once it has gone.
 */
class LiveProgressAttackTest {
  private static TestServer server;
  private static Vertx client;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    // one hub, background chores slowed down: what the SQL pool does is what the sockets ask for
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

  private static WebSocket connect(UUID user) throws Exception {
    return sockets
        .connect(
            new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(server.port())
                .setURI(Api.PREFIX + "/ws")
                .addHeader("Pgr-User-Id", user.toString()))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void the_snapshots_of_connections_closed_while_waiting_for_their_turn_are_not_read()
      throws Exception {
    // a client that subscribes to everything and hangs up at once, over and over, while the
    // snapshots are slow: each connection's statements waited for their turn after it had gone,
    // so the queue grew with every reconnection and everyone else's snapshots waited behind it
    int connections = SubscriptionChecks.MAX_RUNNING + 16;
    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      List<WebSocket> opened = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        WebSocket socket = connect(UUID.randomUUID());
        socket.writeTextMessage(
            new JsonObject().put("action", "subscribe").put("all", true).encode());
        opened.add(socket);
      }
      Thread.sleep(500);
      for (WebSocket socket : opened) {
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      Thread.sleep(500);
      long before = server.poolUses();
      lock.rollback();
      Thread.sleep(1500);

      // only the snapshots already under way finish, two pool uses each (the runs and a count
      // up to one); before: every closed connection's snapshot, 40
      long after = server.poolUses() - before;
      assertThat(after)
          .as("pool uses for connections closed while their snapshots waited for a turn")
          .isLessThanOrEqualTo(2L * SubscriptionChecks.MAX_RUNNING)
          .isLessThan(2L * connections);
    }
  }

  @Test
  void a_reader_unshared_while_the_snapshot_waits_gets_neither_the_snapshot_nor_the_events()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID reader = UUID.randomUUID();
    Api api = server.api();
    String report =
        new Fixtures(api)
            .report(
                owner,
                new JsonObject()
                    .put("name", "shared, then not")
                    .put("user_ids", new JsonArray().add(reader.toString())));
    // pinned to an instance that never runs, so its run stays new
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    // written without an event: a run made through the API announces itself, and on a busy
    // machine that announcement can reach the hub after the subscription below, while the reader
    // still may see it (seen: its "new" event, in the live events' fields, before the unsharing)
    long run =
        ForgedRunEvents.heldRun(
            server.schema(),
            task,
            report,
            UUID.randomUUID(),
            "new",
            0,
            1,
            java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(reader);
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      // the task's check (no runs in it) answers "visible"; the snapshot of its runs waits here
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + server.schema());
      statement.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("runs", new JsonArray().add(run))
              .put("tasks", new JsonArray().add(task))
              .put("all", true)
              .encode());
      Thread.sleep(500);
      api.patch(
          owner,
          Api.PREFIX + "/reports/" + report,
          new JsonObject().put("user_ids", new JsonArray()));
      Thread.sleep(300);
      // an event of the run, and the same subscription again, while the snapshot still waits
      ForgedRunEvents.inAction(server.schema(), run, task, report, 60);
      Thread.sleep(500);
      lock.rollback();
    }
    Thread.sleep(1000);
    ForgedRunEvents.inAction(server.schema(), run, task, report, 70);
    Thread.sleep(1000);

    assertThat(received).noneMatch(e -> "run".equals(e.getString("type")));
    // the run's check answered after the unsharing: the run is not found for the reader
    assertThat(received)
        .extracting(e -> e.getString("error"))
        .contains(Messages.notFound("runs", java.util.Set.of(run)));
    socket.close();
  }

  @Test
  void a_member_removed_from_the_group_a_report_is_shared_with_hears_no_more_of_its_runs()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID member = UUID.randomUUID();
    Api api = server.api();
    Fixtures fixtures = new Fixtures(api);
    String group = fixtures.group(owner, "team", List.of(member));
    String report =
        fixtures.report(
            owner,
            new JsonObject()
                .put("name", "the team's")
                .put("group_ids", new JsonArray().add(group)));
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    long run =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(member);
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("runs", new JsonArray().add(run))
            .put("tasks", new JsonArray().add(task))
            .put("all", true)
            .encode());
    notifyProgress(run, task, report, 10);
    for (int i = 0; i < 100 && progressOf(received).stream().noneMatch(p -> p == 10); i++) {
      Thread.sleep(50);
    }
    assertThat(progressOf(received)).as("while a member").contains(10);

    api.patch(
        owner, Api.PREFIX + "/groups/" + group, new JsonObject().put("user_ids", new JsonArray()));
    Thread.sleep(300);
    received.clear();
    // again, as the member's client would on a reconnect, and events after the removal
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("runs", new JsonArray().add(run))
            .put("tasks", new JsonArray().add(task))
            .put("all", true)
            .encode());
    notifyProgress(run, task, report, 20);
    Thread.sleep(300);
    notifyProgress(run, task, report, 30);
    Thread.sleep(1000);

    assertThat(received).noneMatch(e -> "run".equals(e.getString("type")));
    socket.close();
  }

  private static void notifyProgress(long run, String task, String report, int progress) {
    TestDatabase.count(
        server.schema(),
        """
        SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                 'id', %d, 'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                 'progress', %d, 'trigger', 'manual', 'attempt', 1))::text))
        """
            .formatted(run, task, report, progress));
  }

  private static List<Integer> progressOf(List<JsonObject> events) {
    return events.stream()
        .filter(e -> "run".equals(e.getString("type")))
        .map(e -> e.getJsonObject("run").getInteger("progress"))
        .toList();
  }
}
