package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Messages;
import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.ForgedRunEvents;
import dev.periodica.support.RawWebSocket;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
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
 * Live progress over WebSocket: a subscriber on one instance watches a run executed by another, and
 * a stranger sees none of it.
 */
class LiveProgressTest {
  private static TestServer executing;
  private static TestServer serving;
  private static Vertx client;

  @BeforeAll
  static void start() {
    String schema = TestServer.newSchema();
    executing = TestServer.startFastEngine(schema);
    serving = TestServer.startFastEngine(schema);
    client = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    serving.close();
    executing.close();
  }

  private static WebSocket connect(UUID user, List<JsonObject> received) throws Exception {
    WebSocket socket =
        client
            .createWebSocketClient()
            .connect(
                new WebSocketConnectOptions()
                    .setHost("localhost")
                    .setPort(serving.port())
                    .setURI(Api.PREFIX + "/ws")
                    .addHeader("Pgr-User-Id", user.toString()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    return socket;
  }

  @Test
  void a_subscriber_sees_a_run_of_another_instance_go_new_in_action_complete() throws Exception {
    UUID owner = UUID.randomUUID();
    UUID stranger = UUID.randomUUID();
    Api api = executing.api();
    String report = new Fixtures(api).report(owner, "live");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", executing.instanceId().toString())
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 900).put("steps", 3)))
            .id();
    List<JsonObject> ownerEvents = new CopyOnWriteArrayList<>();
    List<JsonObject> strangerEvents = new CopyOnWriteArrayList<>();
    WebSocket ownerSocket = connect(owner, ownerEvents);
    WebSocket strangerSocket = connect(stranger, strangerEvents);
    ownerSocket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("tasks", new JsonArray().add(task))
            .encode());
    strangerSocket.writeTextMessage(
        new JsonObject().put("action", "subscribe").put("all", true).encode());
    strangerSocket.writeTextMessage("not json");
    Thread.sleep(300);

    long runId =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline
        && ownerEvents.stream().noneMatch(e -> "complete".equals(run(e).getString("status")))) {
      Thread.sleep(50);
    }

    List<JsonObject> runs =
        ownerEvents.stream()
            .filter(e -> "run".equals(e.getString("type")))
            .map(LiveProgressTest::run)
            .toList();
    List<String> statuses = runs.stream().map(r -> r.getString("status")).distinct().toList();
    assertThat(statuses).containsSubsequence("new", "in_action", "complete");
    assertThat(runs).allSatisfy(r -> assertThat(r.getLong("id")).isEqualTo(runId));
    List<Integer> progress = runs.stream().map(r -> r.getInteger("progress")).toList();
    assertThat(progress).isSorted();
    assertThat(progress).contains(0, 100);
    assertThat(progress.stream().filter(p -> p > 0 && p < 100)).isNotEmpty();
    assertThat(runs.get(runs.size() - 1).getString("instance"))
        .isEqualTo(executing.instanceId().toString());
    assertThat(strangerEvents.stream().filter(e -> "run".equals(e.getString("type")))).isEmpty();
    assertThat(strangerEvents).anySatisfy(e -> assertThat(e.getString("type")).isEqualTo("error"));
    assertThat(strangerSocket.isClosed()).isFalse();
    ownerSocket.close();
    strangerSocket.close();
  }

  @Test
  void a_crowd_subscribing_at_once_gets_each_its_snapshot_and_then_the_events() throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = executing.api();
    String report = new Fixtures(api).report(owner, "crowd");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", executing.instanceId().toString())
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 4000).put("steps", 4)))
            .id();
    long runId =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    // more subscriptions than their statements may run at once (SubscriptionChecks.MAX_RUNNING
    // per hub), so most wait for their turn
    int crowd = 3 * SubscriptionChecks.MAX_RUNNING;
    List<List<JsonObject>> received = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < crowd; i++) {
      List<JsonObject> events = new CopyOnWriteArrayList<>();
      received.add(events);
      sockets.add(connect(owner, events));
    }
    for (int i = 0; i < crowd; i++) {
      JsonObject subscribe = new JsonObject().put("action", "subscribe");
      sockets
          .get(i)
          .writeTextMessage(
              (i % 2 == 0
                      ? subscribe.put("all", true)
                      : subscribe.put("tasks", new JsonArray().add(task)))
                  .encode());
    }

    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline
        && !received.stream().allMatch(events -> hasStatus(events, runId, "complete"))) {
      Thread.sleep(50);
    }

    for (List<JsonObject> events : received) {
      List<JsonObject> runs =
          events.stream()
              .filter(e -> "run".equals(e.getString("type")))
              .map(LiveProgressTest::run)
              .toList();
      assertThat(runs).as("every subscriber hears of the run, from its snapshot on").isNotEmpty();
      assertThat(runs).allSatisfy(r -> assertThat(r.getLong("id")).isEqualTo(runId));
      assertThat(runs.get(runs.size() - 1).getString("status")).isEqualTo("complete");
      assertThat(runs.stream().map(r -> r.getInteger("progress")).toList()).isSorted();
      assertThat(events).noneSatisfy(e -> assertThat(e.getString("type")).isEqualTo("error"));
    }
    sockets.forEach(WebSocket::close);
  }

  @Test
  void a_snapshot_read_before_a_live_event_does_not_follow_it() throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = serving.api();
    String report = new Fixtures(api).report(owner, "snapshot after event");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", executing.instanceId().toString()))
            .id();
    // a run that stays new (not before an hour from now): the snapshot reads it at 0%
    long run = ForgedRunEvents.heldNewRun(serving.schema(), task, report, executing.instanceId());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, events);
    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      // the snapshot's read waits behind this lock while a newer event of the run is delivered
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + serving.schema());
      statement.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      socket.writeTextMessage(
          new JsonObject().put("action", "subscribe").put("all", true).encode());
      Thread.sleep(300);
      ForgedRunEvents.inAction(serving.schema(), run, task, report, 60);
      long deadline = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < deadline && events.isEmpty()) {
        Thread.sleep(20);
      }
      lock.rollback();
    }
    Thread.sleep(1000);

    List<JsonObject> runs =
        events.stream()
            .filter(e -> "run".equals(e.getString("type")))
            .map(LiveProgressTest::run)
            .toList();
    assertThat(runs).extracting(r -> r.getInteger("progress")).containsExactly(60);
    assertThat(runs).extracting(r -> r.getString("status")).containsExactly("in_action");
    socket.close();
  }

  @Test
  void a_live_event_older_than_the_snapshot_sent_is_not_sent_after_it() throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = serving.api();
    String report = new Fixtures(api).report(owner, "late event after snapshot");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", executing.instanceId().toString()))
            .id();
    java.time.OffsetDateTime at =
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    long run =
        ForgedRunEvents.heldRun(
            serving.schema(), task, report, executing.instanceId(), "in_action", 60, 1, at);
    long ended =
        ForgedRunEvents.heldRun(
            serving.schema(), task, report, executing.instanceId(), "complete", 100, 1, at);
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, events);
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("runs", new JsonArray().add(run).add(ended))
            .encode());
    awaitRuns(events, 2);

    // notifications that reach the hub after the snapshot was read: older states, then newer
    String schema = serving.schema();
    ForgedRunEvents.event(schema, run, task, report, "in_action", 30, 1, at.minusSeconds(1));
    ForgedRunEvents.event(schema, run, task, report, "new", 0, 1, at.plusSeconds(5));
    ForgedRunEvents.event(schema, ended, task, report, "in_action", 90, 1, at.minusSeconds(1));
    ForgedRunEvents.event(schema, ended, task, report, "complete", 100, 1, at);
    ForgedRunEvents.event(schema, run, task, report, "in_action", 80, 1, at.plusSeconds(1));
    awaitRuns(events, 4);

    assertThat(progressOf(events, run)).as("the in-action run").containsExactly(60, 80);
    assertThat(statusesOf(events, ended))
        .as("the completed run: only its final state, the same again")
        .containsExactly("complete", "complete");
    socket.close();
  }

  @Test
  void a_retry_is_sent_though_its_instance_clock_is_behind_the_one_that_failed_it()
      throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = serving.api();
    String report = new Fixtures(api).report(owner, "retried on a slow clock");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", executing.instanceId().toString()))
            .id();
    java.time.OffsetDateTime at =
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    long run =
        ForgedRunEvents.heldRun(
            serving.schema(), task, report, executing.instanceId(), "in_action", 40, 1, at);
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, events);
    socket.writeTextMessage(
        new JsonObject().put("action", "subscribe").put("runs", new JsonArray().add(run)).encode());
    awaitRuns(events, 1);

    String schema = serving.schema();
    ForgedRunEvents.event(schema, run, task, report, "need_restart", 40, 1, at.plusSeconds(2));
    // the next attempt, claimed on an instance whose clock is two seconds behind
    ForgedRunEvents.event(schema, run, task, report, "in_action", 0, 2, at);
    ForgedRunEvents.event(schema, run, task, report, "in_action", 50, 2, at.plusSeconds(1));
    ForgedRunEvents.event(schema, run, task, report, "complete", 100, 2, at.plusSeconds(2));
    awaitRuns(events, 5);

    assertThat(statusesOf(events, run))
        .containsExactly("in_action", "need_restart", "in_action", "in_action", "complete");
    assertThat(progressOf(events, run)).containsExactly(40, 40, 0, 50, 100);
    socket.close();
  }

  private static List<String> statusesOf(List<JsonObject> events, long id) {
    return events.stream()
        .map(LiveProgressTest::run)
        .filter(r -> Long.valueOf(id).equals(r.getLong("id")))
        .map(r -> r.getString("status"))
        .toList();
  }

  /** Waits for {@code count} run events at least (the last one sent, in these tests). */
  private static void awaitRuns(List<JsonObject> events, int count) throws InterruptedException {
    for (int i = 0;
        i < 100 && events.stream().filter(e -> "run".equals(e.getString("type"))).count() < count;
        i++) {
      Thread.sleep(100);
    }
    assertThat(events.stream().filter(e -> "run".equals(e.getString("type"))).count())
        .isGreaterThanOrEqualTo(count);
  }

  @Test
  void a_stranger_subscribing_to_anothers_run_and_task_hears_nothing_while_the_checks_wait()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID stranger = UUID.randomUUID();
    Api api = serving.api();
    String report = new Fixtures(api).report(owner, "not the stranger's");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", executing.instanceId().toString()))
            .id();
    long run = ForgedRunEvents.heldNewRun(serving.schema(), task, report, executing.instanceId());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(stranger, events);
    try (java.sql.Connection lock = TestDatabase.connect();
        java.sql.Statement statement = lock.createStatement()) {
      // the run's check waits behind this lock while events of the run and the task go out
      lock.setAutoCommit(false);
      statement.execute("SET search_path TO " + serving.schema());
      statement.execute("LOCK TABLE runs IN ACCESS EXCLUSIVE MODE");
      socket.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("runs", new JsonArray().add(run))
              .put("tasks", new JsonArray().add(task))
              .encode());
      Thread.sleep(300);
      ForgedRunEvents.inAction(serving.schema(), run, task, report, 60);
      Thread.sleep(1000);
      lock.rollback();
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && events.size() < 2) {
      Thread.sleep(20);
    }

    assertThat(events).noneMatch(e -> "run".equals(e.getString("type")));
    assertThat(events)
        .extracting(e -> e.getString("error"))
        .containsExactlyInAnyOrder(
            Messages.notFound("runs", java.util.Set.of(run)),
            Messages.notFound("tasks", java.util.Set.of(UUID.fromString(task))));
    socket.close();
  }

  private static boolean hasStatus(List<JsonObject> events, long runId, String status) {
    return events.stream()
        .filter(e -> "run".equals(e.getString("type")))
        .map(LiveProgressTest::run)
        .anyMatch(r -> r.getLong("id") == runId && status.equals(r.getString("status")));
  }

  @Test
  void subscribing_to_a_hidden_task_answers_an_error_and_keeps_the_connection() throws Exception {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(UUID.randomUUID(), events);
    socket.writeTextMessage(
        new JsonObject()
            .put("action", "subscribe")
            .put("tasks", new JsonArray().add(UUID.randomUUID().toString()))
            .encode());
    socket.writeTextMessage(new JsonObject().put("action", "dance").encode());
    Thread.sleep(500);

    assertThat(events)
        .extracting(e -> e.getString("error"))
        .anySatisfy(error -> assertThat(error).endsWith("not found"))
        .contains("action should be subscribe or unsubscribe");
    assertThat(socket.isClosed()).isFalse();
    socket.close();
  }

  @Test
  void a_subscriber_the_report_is_unshared_from_stops_getting_its_events_at_once()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID reader = UUID.randomUUID();
    Api api = executing.api();
    String report =
        new Fixtures(api)
            .report(
                owner,
                new JsonObject()
                    .put("name", "watched")
                    .put("user_ids", new JsonArray().add(reader.toString())));
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "*/1 * * * * ?")
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 10)))
            .id();
    List<JsonObject> ownerEvents = new CopyOnWriteArrayList<>();
    List<JsonObject> readerEvents = new CopyOnWriteArrayList<>();
    WebSocket ownerSocket = connect(owner, ownerEvents);
    WebSocket readerSocket = connect(reader, readerEvents);
    JsonObject subscribe =
        new JsonObject().put("action", "subscribe").put("tasks", new JsonArray().add(task));
    ownerSocket.writeTextMessage(subscribe.encode());
    readerSocket.writeTextMessage(subscribe.encode());
    awaitEvent(readerEvents);

    api.patch(
        owner,
        Api.PREFIX + "/reports/" + report,
        new JsonObject().put("user_ids", new JsonArray()));
    Thread.sleep(500);
    readerEvents.clear();
    int ownerBefore = ownerEvents.size();
    Thread.sleep(2500);

    assertThat(ownerEvents.size()).as("runs go on for the owner").isGreaterThan(ownerBefore);
    assertThat(readerEvents).as("events after the report was unshared").isEmpty();
    api.delete(owner, Api.PREFIX + "/report_tasks/" + task);
    ownerSocket.close();
    readerSocket.close();
  }

  @Test
  void share_changes_arriving_between_run_events_never_leave_a_subscriber_waiting_for_good()
      throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = serving.api();
    String report = new Fixtures(api).report(owner, "watched through share changes");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    long run =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    WebSocket socket = connect(owner, events);
    socket.writeTextMessage(
        new JsonObject().put("action", "subscribe").put("runs", new JsonArray().add(run)).encode());
    awaitEvent(events);

    // delivered together at commit: shares changed, the run's progress (its task then waits for a
    // visibility check), shares changed again and the run's progress again before that check ran
    TestDatabase.execute(
        executing.schema(),
        "BEGIN; NOTIFY periodica_access, 'a'; UPDATE runs SET progress = 1 WHERE id = "
            + run
            + "; NOTIFY periodica_access, 'b'; UPDATE runs SET progress = 2 WHERE id = "
            + run
            + "; COMMIT");
    TestDatabase.execute(executing.schema(), "UPDATE runs SET progress = 3 WHERE id = " + run);
    for (int i = 0; i < 100 && !progressOf(events, run).contains(3); i++) {
      Thread.sleep(100);
    }

    assertThat(progressOf(events, run))
        .as("the run's events after the share changes")
        .contains(1, 2, 3);
    socket.close();
  }

  private static List<Integer> progressOf(List<JsonObject> events, long id) {
    return events.stream()
        .map(LiveProgressTest::run)
        .filter(r -> Long.valueOf(id).equals(r.getLong("id")))
        .map(r -> r.getInteger("progress"))
        .toList();
  }

  @Test
  void a_statements_events_reach_each_subscriber_as_one_text_message_each_in_order_per_run()
      throws Exception {
    UUID owner = UUID.randomUUID();
    Api api = serving.api();
    String report = new Fixtures(api).report(owner, "batched");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", "00000000-0000-0000-0000-000000000000"))
            .id();
    long first =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    long second =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    // "run now" runs them at once: the events below come once they are done
    for (long run : new long[] {first, second}) {
      long deadline = System.currentTimeMillis() + 15_000;
      while (System.currentTimeMillis() < deadline
          && !"complete"
              .equals(
                  api.get(owner, Api.PREFIX + "/report_queue/" + run).json().getString("status"))) {
        Thread.sleep(50);
      }
    }
    List<JsonObject> everything = new CopyOnWriteArrayList<>();
    List<JsonObject> watchedOnly = new CopyOnWriteArrayList<>();
    List<JsonObject> stranger = new CopyOnWriteArrayList<>();
    WebSocket all = connect(owner, everything);
    WebSocket one = connect(owner, watchedOnly);
    WebSocket other = connect(UUID.randomUUID(), stranger);
    // a client that negotiates permessage-deflate, as browsers do: the events reach it uncompressed
    // (allowed per message, RFC 7692), its other messages compressed
    List<JsonObject> deflating = new CopyOnWriteArrayList<>();
    WebSocket compressed =
        client
            .createWebSocketClient(
                new WebSocketClientOptions().setTryUsePerMessageCompression(true))
            .connect(
                new WebSocketConnectOptions()
                    .setHost("localhost")
                    .setPort(serving.port())
                    .setURI(Api.PREFIX + "/ws")
                    .addHeader("Pgr-User-Id", owner.toString()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    compressed.textMessageHandler(text -> deflating.add(new JsonObject(text)));
    assertThat(compressed.headers().get("Sec-WebSocket-Extensions")).contains("permessage-deflate");
    compressed.writeTextMessage(
        new JsonObject().put("action", "subscribe").put("all", true).encode());
    compressed.writeTextMessage("not json");
    all.writeTextMessage(new JsonObject().put("action", "subscribe").put("all", true).encode());
    other.writeTextMessage(new JsonObject().put("action", "subscribe").put("all", true).encode());
    try (RawWebSocket raw =
        RawWebSocket.connect(serving.port(), Api.PREFIX + "/ws", owner, 0, 2000)) {
      raw.sendText("{\"action\":\"subscribe\",\"all\":true}");
      // no run is current: no snapshot (read until nothing came for the read timeout)
      assertThat(withoutPings(raw.readFrames())).isEmpty();
      everything.clear();
      watchedOnly.clear();
      // its error comes once its subscription is answered (one message at a time): on a busy
      // machine, perhaps after the raw client's read timeout
      long answered = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < answered && deflating.isEmpty()) {
        Thread.sleep(20);
      }
      assertThat(deflating)
          .extracting(e -> e.getString("error"))
          .containsExactly("messages should be JSON objects");
      deflating.clear();
      // a current run, watched by id: written now, without an event, so that the subscriptions
      // above had no snapshot; the events below are newer than the one its subscriber gets
      long watched =
          ForgedRunEvents.heldRun(
              serving.schema(),
              task,
              report,
              serving.instanceId(),
              "new",
              0,
              1,
              java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
      one.writeTextMessage(
          new JsonObject()
              .put("action", "subscribe")
              .put("runs", new JsonArray().add(watched))
              .encode());
      awaitRuns(watchedOnly, 1);
      watchedOnly.clear();

      // 4 runs × 25 steps, interleaved, in 5 notifications of 20 events: as one statement
      // changing many runs announces them (V17), each a batch for every connection
      long[] ids = {watched, second, watched + 1_000_000, second + 1_000_000};
      TestDatabase.count(
          serving.schema(),
          """
          SELECT count(pg_notify('periodica_run_events', events::text))
          FROM (SELECT json_agg(json_build_object(
                         'id', (ARRAY[%d, %d, %d, %d]::bigint[])[n %% 4 + 1],
                         'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                         'progress', n / 4 + 1, 'trigger', 'manual', 'attempt', 1)
                       ORDER BY n) AS events
                FROM generate_series(0, 99) n
                GROUP BY n / 20
                ORDER BY n / 20) batches
          """
              .formatted(ids[0], ids[1], ids[2], ids[3], task, report));
      // the hub pings every connection every half idle timeout, whenever it joined: not events
      List<RawWebSocket.Frame> frames = withoutPings(raw.readFrames());

      List<Integer> steps = java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList();
      java.util.Map<Long, List<Integer>> seen = progressPerRun(everything);
      assertThat(seen).containsOnlyKeys(ids[0], ids[1], ids[2], ids[3]);
      seen.values().forEach(progress -> assertThat(progress).isEqualTo(steps));
      assertThat(progressPerRun(watchedOnly))
          .containsOnlyKeys(watched)
          .containsEntry(watched, steps);
      assertThat(deflating).isEqualTo(everything);
      assertThat(stranger).noneMatch(e -> "run".equals(e.getString("type")));
      assertThat(everything.get(0).fieldNames()).containsExactly("type", "run");
      assertThat(run(everything.get(0)).fieldNames())
          .containsExactly(
              "id",
              "task_id",
              "report_id",
              "status",
              "progress",
              "trigger",
              "scheduled_for",
              "created_at",
              "started_at",
              "ended_at",
              "attempt",
              "instance",
              "error",
              "updated_at");
      // on the wire: one final, uncompressed text frame per event, nothing else in it
      assertThat(frames)
          .hasSize(100)
          .allSatisfy(
              frame -> {
                assertThat(frame.fin()).isTrue();
                assertThat(frame.rsv()).isZero();
                assertThat(frame.opcode()).isEqualTo(1);
              });
      assertThat(RawWebSocket.texts(frames))
          .isEqualTo(everything.stream().map(JsonObject::encode).toList());
    }
    all.close();
    one.close();
    other.close();
    compressed.close();
  }

  /** The frames but the server's pings (opcode 9), which keep idle connections alive. */
  private static List<RawWebSocket.Frame> withoutPings(List<RawWebSocket.Frame> frames) {
    return frames.stream().filter(frame -> frame.opcode() != 9).toList();
  }

  /** Each run's progress, event by event, among the in-action run events received. */
  private static java.util.Map<Long, List<Integer>> progressPerRun(List<JsonObject> events) {
    java.util.Map<Long, List<Integer>> progress = new java.util.LinkedHashMap<>();
    events.stream()
        .map(LiveProgressTest::run)
        .filter(r -> "in_action".equals(r.getString("status")))
        .forEach(
            r ->
                progress
                    .computeIfAbsent(r.getLong("id"), id -> new java.util.ArrayList<>())
                    .add(r.getInteger("progress")));
    return progress;
  }

  private static void awaitEvent(List<JsonObject> events) throws InterruptedException {
    for (int i = 0;
        i < 100 && events.stream().noneMatch(e -> "run".equals(e.getString("type")));
        i++) {
      Thread.sleep(100);
    }
    assertThat(events).anyMatch(e -> "run".equals(e.getString("type")));
  }

  private static JsonObject run(JsonObject event) {
    JsonObject run = event.getJsonObject("run");
    return run == null ? new JsonObject() : run;
  }
}
