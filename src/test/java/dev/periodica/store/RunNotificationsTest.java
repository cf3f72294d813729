package dev.periodica.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Run events are announced per statement (V17): the rows one statement changed go out together, as
 * few notifications as fit the 8,000-byte payload limit, never one per row.
 */
class RunNotificationsTest {
  private static TestServer server;
  private static Vertx vertx;
  private static PgConnection listener;
  private static final List<String> EVENTS = new CopyOnWriteArrayList<>();
  private static final List<String> STOPPED = new CopyOnWriteArrayList<>();
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    vertx = Vertx.vertx();
    var url = dev.periodica.support.TestDatabase.url();
    listener =
        PgConnection.connect(
                vertx,
                new PgConnectOptions()
                    .setHost(url.host())
                    .setPort(url.port())
                    .setDatabase(url.database())
                    .setUser(url.user())
                    .setPassword(url.password() == null ? "" : url.password()))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    listener.notificationHandler(
        n -> {
          if (n.getChannel().equals(PgNotifications.EVENTS_CHANNEL)) {
            EVENTS.add(n.getPayload());
          } else if (n.getChannel().equals(PgNotifications.STOPPED_CHANNEL)) {
            STOPPED.add(n.getPayload());
          }
        });
    listener
        .query("LISTEN periodica_run_events; LISTEN periodica_run_stopped")
        .execute()
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    listener.close();
    vertx.close();
    server.close();
  }

  /** {@code count} runs waiting on a task pinned to an instance no server is. */
  private String waitingRuns(int count) {
    String report = new Fixtures(server.api()).report(owner, "notified");
    String task =
        server
            .api()
            .post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report).put("instance", UUID.randomUUID().toString()))
            .id();
    TestDatabase.execute(
        server.schema(),
        "INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, created_at,"
            + " updated_at, pinned_instance) SELECT '"
            + task
            + "', '"
            + report
            + "', 'new', 'manual', now() + make_interval(secs => g), now(), now(), '"
            + UUID.randomUUID()
            + "' FROM generate_series(1, "
            + count
            + ") AS g");
    return task;
  }

  private static void settle() throws InterruptedException {
    Thread.sleep(500);
  }

  @Test
  void one_statement_changing_three_runs_is_one_notification_with_three_events() throws Exception {
    String task = waitingRuns(3);
    settle();
    EVENTS.clear();
    STOPPED.clear();

    TestDatabase.execute(
        server.schema(),
        "UPDATE runs SET status = 'cancel', ended_at = now() WHERE task_id = '" + task + "'");
    settle();

    assertThat(EVENTS).hasSize(1);
    assertThat(new JsonArray(EVENTS.get(0))).hasSize(3);
    assertThat(STOPPED).hasSize(1);
    assertThat(PgNotifications.stoppedRuns(STOPPED.get(0))).hasSize(3);
  }

  @Test
  void a_thousand_runs_fit_in_payloads_under_the_limit_and_none_is_lost() throws Exception {
    String task = waitingRuns(1000);
    settle();
    EVENTS.clear();

    TestDatabase.execute(
        server.schema(),
        "UPDATE runs SET progress = 5, error = repeat('é', 400) WHERE task_id = '" + task + "'");
    Thread.sleep(1500);

    int events = EVENTS.stream().mapToInt(p -> new JsonArray(p).size()).sum();
    assertThat(events).isEqualTo(1000);
    assertThat(EVENTS.size()).isLessThan(1000 / 5);
    assertThat(EVENTS)
        .allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThan(8000));
  }

  @Test
  void bookkeeping_that_changes_neither_status_nor_progress_is_not_an_event() throws Exception {
    String task = waitingRuns(2);
    settle();
    EVENTS.clear();

    TestDatabase.execute(
        server.schema(), "UPDATE runs SET updated_at = now() WHERE task_id = '" + task + "'");
    settle();

    assertThat(EVENTS).isEmpty();
  }
}
