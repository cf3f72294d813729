package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.RunRetention;
import dev.periodica.run.RunStatsRepository.Fold;
import dev.periodica.store.PgRunRepository;
import dev.periodica.store.PgRunStatsRepository;
import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /report_queue/stats} reads a rollup kept by housekeeping plus the runs since its mark:
 * whatever happened in between (runs created, cancelled, retried, running, deleted by retention or
 * with their task or report; folds and full recounts), it answers what counting the caller's runs
 * would, per status and per minute, for the owner, a user the report is shared with, a stranger and
 * an administrator.
 */
class QueueStatsApiTest {
  private static final String P = Api.PREFIX;
  private static final String ANY = "00000000-0000-0000-0000-000000000000";

  /** As {@code recountIfBefore}: any last recount is older, so the fold recounts. */
  private static final Instant RECOUNT = Instant.parse("3000-01-01T00:00:00Z");

  /** As {@code recountIfBefore}: no recount this late is due, so the fold adds what is new. */
  private static final Instant NO_RECOUNT = Instant.parse("2000-01-01T00:00:00Z");

  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private static Vertx vertx;
  private static Pool pool;
  private static PgRunStatsRepository rollup;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new JsonObject()
                .put("DIAGNOSTIC_JOBS", true)
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("HOUSEKEEPING_SECONDS", 1));
    api = server.api();
    fixtures = new Fixtures(api);
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
    rollup = new PgRunStatsRepository(pool);
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close();
    vertx.close();
    server.close();
  }

  @Test
  void stats_equal_a_count_of_the_callers_runs_through_folds_recounts_changes_and_deletes()
      throws Exception {
    UUID owner = UUID.randomUUID();
    UUID shared = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    UUID stranger = UUID.randomUUID();
    String sharedReport =
        fixtures.report(
            owner,
            new JsonObject().put("name", "shared").put("user_ids", new JsonArray().add(shared)));
    String ownReport = fixtures.report(owner, "own");
    String othersReport = fixtures.report(other, "theirs");
    String waiting = task(owner, sharedReport, new JsonObject(), true);
    String sleeper = task(owner, sharedReport, new JsonObject().put("ms", 60_000), false);
    String mine = task(owner, ownReport, new JsonObject(), true);
    String theirs = task(other, othersReport, new JsonObject(), true);
    // history: runs of three hours ago (before the chart), of half an hour ago (in it) and of
    // two minutes ago, written before the rollup's first count
    history(waiting, sharedReport, 180, 30, 2);
    history(mine, ownReport, 180, 30, 2);
    history(theirs, othersReport, 180, 30, 2);
    List<Viewer> viewers =
        List.of(
            new Viewer(owner, List.of(waiting, sleeper, mine)),
            new Viewer(shared, List.of(waiting, sleeper)),
            new Viewer(other, List.of(theirs)),
            new Viewer(stranger, List.of()),
            new Viewer(TestServer.ADMIN, List.of()));

    assertThat(fold(Instant.now().minusSeconds(60), RECOUNT)).isEqualTo(Fold.RECOUNTED);
    expectCounted(viewers);

    // created, cancelled, retried, running and waiting to restart, all after the mark
    List<Long> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(runNow(owner, waiting));
    }
    assertThat(api.post(owner, P + "/report_queue/" + runs.get(0) + "/cancel", null).status())
        .isEqualTo(200);
    assertThat(api.post(shared, P + "/report_queue/" + runs.get(0) + "/retry", null).status())
        .isEqualTo(201);
    Response bulk =
        api.post(
            owner,
            P + "/report_queue/cancel",
            new JsonObject().put("filter", new JsonObject().put("task_id", mine)));
    assertThat(bulk.json().getInteger("count")).as("the waiting runs of its history").isEqualTo(3);
    long running = runNow(owner, sleeper);
    awaitStatus(owner, running, "in_action");
    TestDatabase.execute(
        server.schema(), "UPDATE runs SET status = 'need_restart' WHERE id = " + runs.get(1));
    runNow(other, theirs);
    expectCounted(viewers);

    // the mark passes all of it: now it is in the rollup, and what follows is counted since
    assertThat(fold(Instant.now(), NO_RECOUNT)).isEqualTo(Fold.FOLDED);
    expectCounted(viewers);
    Thread.sleep(5);
    long later = runNow(owner, mine);
    api.post(owner, P + "/report_queue/" + later + "/cancel", null);
    api.post(owner, P + "/report_queue/" + runs.get(2) + "/cancel", null);
    expectCounted(viewers);

    // retention deletes finished runs, folded or not
    RunRetention retention =
        new RunRetention(
            new PgRunRepository(pool),
            Clock.systemUTC(),
            Duration.ofDays(30),
            1,
            paths -> Future.succeededFuture());
    assertThat(await(retention.sweep())).isPositive();
    expectCounted(viewers);

    // a task deleted takes its runs; then the whole shared report with its tasks
    assertThat(api.delete(owner, P + "/report_tasks/" + mine).status()).isEqualTo(204);
    List<Viewer> afterTask =
        List.of(
            new Viewer(owner, List.of(waiting, sleeper)),
            new Viewer(shared, List.of(waiting, sleeper)),
            new Viewer(other, List.of(theirs)));
    expectCounted(afterTask);
    assertThat(fold(Instant.now(), NO_RECOUNT)).isEqualTo(Fold.FOLDED);
    expectCounted(afterTask);
    assertThat(api.delete(owner, P + "/reports/" + sharedReport).status()).isEqualTo(204);
    List<Viewer> afterReport =
        List.of(
            new Viewer(owner, List.of()),
            new Viewer(shared, List.of()),
            new Viewer(other, List.of(theirs)));
    expectCounted(afterReport);
    assertThat(fold(Instant.now(), RECOUNT)).isEqualTo(Fold.RECOUNTED);
    expectCounted(afterReport);
    assertThat(
            server.count("run_stats_totals WHERE task_id IN ('" + mine + "', '" + waiting + "')"))
        .as("rows of deleted tasks leave the rollup")
        .isZero();
  }

  @Test
  void a_run_written_by_hand_with_a_past_time_after_a_fold_is_counted_at_the_next_recount()
      throws Exception {
    UUID owner = UUID.randomUUID();
    String report = fixtures.report(owner, "late");
    String task = task(owner, report, new JsonObject(), true);
    runNow(owner, task);
    assertThat(fold(Instant.now(), NO_RECOUNT)).isIn(Fold.FOLDED, Fold.RECOUNTED);
    history(task, report, 10);
    Viewer viewer = new Viewer(owner, List.of(task));
    // what a fold can miss: rows that appear behind its mark (written by hand, or by a clock far
    // behind; LAG keeps the mark a minute behind the clock for the server's own writes): the four
    // runs of ten minutes ago are not counted yet
    assertThat(total(owner)).isEqualTo(count("runs WHERE task_id = '" + task + "'") - 4);
    assertThat(fold(Instant.now(), RECOUNT)).isEqualTo(Fold.RECOUNTED);
    expectCounted(List.of(viewer));
  }

  @Test
  void a_fold_while_another_holds_the_rollup_does_nothing_and_says_so() throws Exception {
    try (Connection holder = connect()) {
      holder.setAutoCommit(false);
      try (Statement statement = holder.createStatement()) {
        statement.execute("SET search_path TO " + server.schema());
        statement.execute("SELECT * FROM run_stats_state FOR UPDATE");
        assertThat(await(rollup.fold(Instant.now(), RECOUNT, Instant.now()))).isEqualTo(Fold.BUSY);
      }
      holder.rollback();
    }
    assertThat(fold(Instant.now().minusSeconds(60), RECOUNT)).isEqualTo(Fold.RECOUNTED);
  }

  private record Viewer(UUID user, List<String> tasks) {}

  private static Fold fold(Instant to, Instant recountIfBefore) throws Exception {
    // the server folds every second too: wait for its turn rather than report BUSY
    for (int i = 0; i < 50; i++) {
      Fold done = await(rollup.fold(to, recountIfBefore, Instant.now()));
      if (done != Fold.BUSY) {
        return done;
      }
      Thread.sleep(50);
    }
    return Fold.BUSY;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Each viewer's stats are what counting the runs of the tasks they see gives. */
  private static void expectCounted(List<Viewer> viewers) {
    for (Viewer viewer : viewers) {
      Response stats = api.get(viewer.user(), P + "/report_queue/stats");
      assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
      JsonObject json = stats.json();
      String tasks =
          viewer.tasks().isEmpty()
              ? "NULL"
              : viewer.tasks().stream().map(t -> "'" + t + "'").collect(Collectors.joining(","));
      TreeMap<String, Long> counts = new TreeMap<>();
      json.getJsonObject("counts")
          .forEach(e -> counts.put(e.getKey(), ((Number) e.getValue()).longValue()));
      counts.values().removeIf(n -> n == 0);
      String expected =
          TestDatabase.text(
              server.schema(),
              "SELECT COALESCE(string_agg(status || '=' || n, ',' ORDER BY status), '') FROM"
                  + " (SELECT status, count(*) AS n FROM runs WHERE task_id IN ("
                  + tasks
                  + ") GROUP BY status) c");
      assertThat(joined(counts)).as("counts of " + viewer).isEqualTo(expected);
      assertThat(json.getLong("total"))
          .isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());

      JsonArray minutes = json.getJsonArray("minutes");
      assertThat(minutes).hasSize(60);
      String from = minutes.getJsonObject(0).getString("at");
      TreeMap<String, Long> chart = new TreeMap<>();
      for (Object value : minutes) {
        JsonObject minute = (JsonObject) value;
        long at = Instant.parse(minute.getString("at")).getEpochSecond();
        if (minute.getLong("created") > 0) {
          chart.put("c" + at, minute.getLong("created"));
        }
        if (minute.getLong("finished") > 0) {
          chart.put("f" + at, minute.getLong("finished"));
        }
      }
      String expectedChart =
          TestDatabase.text(
              server.schema(),
              ("SELECT COALESCE(string_agg(k || '=' || n, ',' ORDER BY k), '') FROM ("
                      + " SELECT 'c' || extract(epoch FROM date_trunc('minute', created_at, 'UTC'))"
                      + "::bigint AS k, count(*) AS n FROM runs WHERE task_id IN (%1$s)"
                      + " AND created_at >= '%2$s' GROUP BY 1 UNION ALL"
                      + " SELECT 'f' || extract(epoch FROM date_trunc('minute', ended_at, 'UTC'))"
                      + "::bigint, count(*) FROM runs WHERE task_id IN (%1$s)"
                      + " AND ended_at >= '%2$s' GROUP BY 1) m")
                  .formatted(tasks, from));
      assertThat(joined(chart)).as("minutes of " + viewer).isEqualTo(expectedChart);
    }
  }

  private static String joined(TreeMap<String, Long> values) {
    return values.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static long total(UUID viewer) {
    return api.get(viewer, P + "/report_queue/stats").json().getLong("total");
  }

  private static long count(String from) {
    return server.count(from);
  }

  /**
   * Per age (minutes ago): a complete run, one in error, one cancelled and one waiting (pinned to
   * an instance that never comes), each created a minute before it ended.
   */
  private static void history(String task, String report, int... agesInMinutes) {
    for (int age : agesInMinutes) {
      TestDatabase.execute(
          server.schema(),
          """
          INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance, created_at,
                            ended_at, updated_at, slot)
          SELECT '%1$s', '%2$s', s.status, now() - interval '%3$s minutes', '%4$s',
                 now() - interval '%3$s minutes' - interval '1 minute',
                 CASE WHEN s.status = 'new' THEN NULL ELSE now() - interval '%3$s minutes' END,
                 now(), gen_random_uuid()
          FROM (VALUES ('complete'), ('error'), ('cancel'), ('new')) AS s (status)
          """
              .formatted(task, report, age, Fixtures.INSTANCE));
    }
  }

  private static String task(UUID owner, String report, JsonObject params, boolean pinnedAway) {
    JsonObject body =
        Fixtures.task(report)
            .put("instance", pinnedAway ? Fixtures.INSTANCE : ANY)
            .put("job", "diagnostic.sleep")
            .put("params", params);
    Response created = api.post(owner, P + "/report_tasks/create", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static long runNow(UUID owner, String task) {
    Response run = api.post(owner, P + "/report_tasks/" + task + "/run", null);
    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    return run.json().getLong("id");
  }

  private static void awaitStatus(UUID owner, long run, String status) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (status.equals(api.get(owner, P + "/report_queue/" + run).json().getString("status"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run " + run + " never reached " + status);
  }

  private static Connection connect() throws Exception {
    var url = TestDatabase.url();
    return DriverManager.getConnection(
        url.jdbcUrl(), url.user(), url.password() == null ? "" : url.password());
  }
}
