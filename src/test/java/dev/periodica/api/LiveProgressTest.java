package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
