package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Messages;
import dev.periodica.run.Outcome;
import dev.periodica.run.RunMeters;
import dev.periodica.run.RunStatus;
import dev.periodica.store.PgDueTaskRepository;
import dev.periodica.store.PgRunRepository;
import dev.periodica.support.Fixtures;
import dev.periodica.support.SettableClock;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler tick against a real database with a settable clock: fire times become runs once,
 * downtime follows the misfire policy, and pinned runs wait for their instance.
 */
class SchedulerServiceTest {
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private static final Instant FAR = Instant.parse("2099-01-01T00:00:00Z");
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    // the server only migrates the schema; its own scheduler never sees these tasks' fire times
    server = TestServer.start();
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close();
    server.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private String task(String interval, String misfire, String instance, Instant nextRunAt) {
    String report = new Fixtures(server.api()).report(owner, "clocked");
    String task =
        server
            .api()
            .post(
                owner,
                "/cruddy/v2/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", interval)
                    .put("misfire", misfire)
                    .put("instance", instance)
                    .put("overlap", "allow"))
            .id();
    // far in the future for the live server, then pinned to this test's clock below
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET next_run_at = '%s' WHERE id = '%s'".formatted(nextRunAt, task));
    return task;
  }

  private long runs(String task) {
    return TestDatabase.count(
        server.schema(), "SELECT count(*) FROM runs WHERE task_id = '" + task + "'");
  }

  @Test
  void a_fire_time_becomes_one_run_however_often_the_tick_runs() throws Exception {
    Instant fire = Instant.parse("2030-01-01T00:00:00Z");
    String task = task("0 * * * *", "once", "00000000-0000-0000-0000-000000000000", fire);
    SettableClock clock = new SettableClock(fire.minusSeconds(1));
    SchedulerService scheduler = scheduler(clock);

    await(scheduler.tick());
    long before = runs(task);
    clock.set(fire.plusMillis(200));
    await(scheduler.tick());
    await(scheduler.tick());

    assertThat(before).isZero();
    assertThat(runs(task)).isEqualTo(1);
    assertThat(
            TestDatabase.text(
                server.schema(),
                "SELECT next_run_at::text FROM report_tasks WHERE id = '" + task + "'"))
        .startsWith("2030-01-01 01:00:00");
  }

  @Test
  void a_calendar_excluded_date_gets_no_run_and_the_task_moves_past_it() throws Exception {
    Instant fire = Instant.parse("2032-01-01T12:00:00Z");
    String task = task("0 0 12 * * ?", "all", "00000000-0000-0000-0000-000000000000", fire);
    TestDatabase.execute(
        server.schema(),
        """
        UPDATE report_tasks SET calendar = '{"periods": [{"days": "MON-SUN", "from": "00:00",
          "to": "24:00"}], "exclude_dates": ["2032-01-02"]}' WHERE id = '%s'
        """
            .formatted(task));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SettableClock clock = new SettableClock(fire.plusSeconds(1));
    SchedulerService scheduler =
        new SchedulerService(
            new PgDueTaskRepository(pool),
            new FirePlanner(Duration.ofSeconds(60), Duration.ofHours(24), 100),
            new PlacementPlanner(
                new LiveInstance(UUID.randomUUID(), "calendar-test"), Duration.ofSeconds(30)),
            clock,
            100,
            1000,
            new RunMeters(registry));

    await(scheduler.tick());
    clock.set(Instant.parse("2032-01-03T12:00:01Z"));
    await(scheduler.tick());

    assertThat(
            TestDatabase.text(
                server.schema(),
                "SELECT string_agg(scheduled_for::date::text, ',' ORDER BY scheduled_for)"
                    + " FROM runs WHERE task_id = '"
                    + task
                    + "'"))
        .isEqualTo("2032-01-01,2032-01-03");
    assertThat(registry.counter("periodica.fires.skipped", "reason", "calendar").count())
        .isEqualTo(1.0);
  }

  @Test
  void after_downtime_misfire_once_makes_one_run_and_misfire_all_one_per_fire_time()
      throws Exception {
    Instant fire = Instant.parse("2031-01-01T00:00:00Z");
    String once = task("0 * * * *", "once", "00000000-0000-0000-0000-000000000000", fire);
    String all = task("0 * * * *", "all", "00000000-0000-0000-0000-000000000000", fire);
    String skip = task("0 * * * *", "skip", "00000000-0000-0000-0000-000000000000", fire);
    SettableClock clock = new SettableClock(fire.plus(Duration.ofHours(5)).plusSeconds(90));

    await(scheduler(clock).tick());

    assertThat(runs(once)).isEqualTo(1);
    assertThat(runs(all)).isEqualTo(6);
    assertThat(runs(skip)).isZero();
  }

  @Test
  void a_task_whose_next_fire_time_cannot_be_computed_keeps_its_due_run_and_shows_why_it_stopped()
      throws Exception {
    Instant fire = Instant.parse("2035-01-01T00:00:00Z");
    String task = task("0 * * * *", "once", "00000000-0000-0000-0000-000000000000", fire);
    // a schedule stored before a rule changed, or one no code path can compute any more
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET interval = 'not a cron' WHERE id = '" + task + "'");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SchedulerService scheduler =
        new SchedulerService(
            new PgDueTaskRepository(pool),
            new FirePlanner(Duration.ofSeconds(60), Duration.ofHours(24), 100),
            new PlacementPlanner(
                new LiveInstance(UUID.randomUUID(), "scheduler-service-test"),
                Duration.ofSeconds(30)),
            new SettableClock(fire.plusSeconds(1)),
            100,
            1000,
            new RunMeters(registry));
    String path = "/cruddy/v2/report_tasks/" + task;

    await(scheduler.tick());
    await(scheduler.tick());
    JsonObject paused = server.api().get(owner, path).json();
    int neverFires =
        server.api().patch(owner, path, new JsonObject().put("interval", "0 0 30 2 *")).status();

    assertThat(runs(task)).isEqualTo(1);
    assertThat(paused.getString("paused_reason")).isEqualTo(Messages.PAUSED_SCHEDULE);
    assertThat(paused.getValue("next_run_at")).isNull();
    assertThat(registry.counter("periodica.tasks.paused", "reason", "schedule").count())
        .isEqualTo(1.0);
    assertThat(neverFires).isEqualTo(400);
    assertThat(server.api().get(owner, path).json().getString("paused_reason"))
        .isEqualTo(Messages.PAUSED_SCHEDULE);

    JsonObject rescheduled =
        server.api().patch(owner, path, new JsonObject().put("interval", "0 * * * *")).json();

    assertThat(rescheduled.getValue("paused_reason")).as(rescheduled.encode()).isNull();
    assertThat(rescheduled.getString("next_run_at")).isNotNull();
    assertThat(
            TestDatabase.count(
                server.schema(),
                "SELECT count(*) FROM report_tasks WHERE paused_reason IS NULL"
                    + " AND next_run_at IS NOT NULL AND id = '"
                    + task
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void only_a_schedule_change_that_fires_clears_a_schedule_pause_and_other_reasons_stay()
      throws Exception {
    String task = task("0 * * * *", "once", "00000000-0000-0000-0000-000000000000", FAR);
    String other = task("0 * * * *", "once", "00000000-0000-0000-0000-000000000000", FAR);
    String otherReason = "paused for a reason that is not the schedule";
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET next_run_at = NULL, paused_reason = '%s' WHERE id = '%s';"
                .formatted(Messages.PAUSED_SCHEDULE, task)
            + "UPDATE report_tasks SET next_run_at = NULL, paused_reason = '%s' WHERE id = '%s'"
                .formatted(otherReason, other));
    String path = "/cruddy/v2/report_tasks/";

    JsonObject unrelated =
        server.api().patch(owner, path + task, new JsonObject().put("max_attempts", 5)).json();
    JsonObject rezoned =
        server
            .api()
            .patch(owner, path + task, new JsonObject().put("timezone", "Europe/Berlin"))
            .json();
    JsonObject otherRescheduled =
        server.api().patch(owner, path + other, new JsonObject().put("interval", "@daily")).json();

    assertThat(unrelated.getString("paused_reason")).isEqualTo(Messages.PAUSED_SCHEDULE);
    assertThat(rezoned.getValue("paused_reason")).as(rezoned.encode()).isNull();
    assertThat(rezoned.getString("next_run_at")).isNotNull();
    assertThat(otherRescheduled.getString("paused_reason")).isEqualTo(otherReason);
  }

  @Test
  void a_run_pinned_to_another_instance_waits_for_it() throws Exception {
    UUID pinned = UUID.randomUUID();
    Instant fire = Instant.parse("2032-01-01T00:00:00Z");
    String task = task("0 * * * *", "once", pinned.toString(), fire);
    SettableClock clock = new SettableClock(fire.plusSeconds(1));
    await(scheduler(clock).tick());
    PgRunRepository runs = new PgRunRepository(pool);

    var elsewhere =
        await(runs.claim(UUID.randomUUID(), clock.instant(), clock.instant().plusSeconds(30), 100));
    var there = await(runs.claim(pinned, clock.instant(), clock.instant().plusSeconds(30), 100));

    assertThat(elsewhere).noneMatch(run -> run.run().taskId().toString().equals(task));
    assertThat(there).anyMatch(run -> run.run().taskId().toString().equals(task));
  }

  @Test
  void an_expired_lease_requeues_the_run_as_need_restart() throws Exception {
    Instant fire = Instant.parse("2033-01-01T00:00:00Z");
    UUID instance = UUID.randomUUID();
    String task = task("0 * * * *", "once", instance.toString(), fire);
    SettableClock clock = new SettableClock(fire.plusSeconds(1));
    await(scheduler(clock).tick());
    PgRunRepository runs = new PgRunRepository(pool);
    await(runs.claim(instance, clock.instant(), clock.instant().plusSeconds(30), 100));

    clock.advance(Duration.ofSeconds(31));
    int expired = await(runs.expireLeases(clock.instant()));

    assertThat(expired).isPositive();
    assertThat(
            TestDatabase.text(
                server.schema(), "SELECT status FROM runs WHERE task_id = '" + task + "'"))
        .isEqualTo("need_restart");
  }

  @Test
  void a_stale_execution_cannot_finish_a_run_claimed_again() throws Exception {
    Instant fire = Instant.parse("2034-01-01T00:00:00Z");
    UUID instance = UUID.randomUUID();
    String task = task("0 * * * *", "once", instance.toString(), fire);
    SettableClock clock = new SettableClock(fire.plusSeconds(1));
    await(scheduler(clock).tick());
    PgRunRepository runs = new PgRunRepository(pool);
    var first = await(runs.claim(instance, clock.instant(), clock.instant().plusSeconds(30), 100));
    var stale =
        first.stream()
            .filter(c -> c.run().taskId().toString().equals(task))
            .findFirst()
            .orElseThrow();
    clock.advance(Duration.ofSeconds(31));
    await(runs.expireLeases(clock.instant()));
    var again = await(runs.claim(instance, clock.instant(), clock.instant().plusSeconds(30), 100));
    var live =
        again.stream().filter(c -> c.run().id() == stale.run().id()).findFirst().orElseThrow();

    var staleWrite =
        await(
            runs.finishAll(
                instance,
                java.util.List.of(
                    new Outcome(
                        stale.run().id(),
                        stale.version(),
                        RunStatus.COMPLETE,
                        null,
                        null,
                        clock.instant()))));
    boolean staleProgress =
        await(
                runs.progressAll(
                    instance,
                    java.util.Map.of(
                        stale.run().id(),
                        new dev.periodica.run.RunRepository.Progress(stale.version(), 50)),
                    clock.instant()))
            .contains(stale.run().id());
    var liveWrite =
        await(
            runs.finishAll(
                instance,
                java.util.List.of(
                    new Outcome(
                        live.run().id(),
                        live.version(),
                        RunStatus.COMPLETE,
                        null,
                        null,
                        clock.instant()))));

    assertThat(staleWrite).isEmpty();
    assertThat(staleProgress).isFalse();
    assertThat(liveWrite).containsExactly(live.run().id());
    assertThat(live.run().attempt()).isEqualTo(2);
  }

  @Test
  void a_catch_up_of_many_tasks_creates_at_most_the_cap_per_tick_and_the_rest_on_later_ticks()
      throws Exception {
    Instant fire = Instant.parse("2035-01-01T00:00:00Z");
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(task("0 * * * *", "all", "00000000-0000-0000-0000-000000000000", fire));
    }
    onlyTheseEnabled(tasks);
    // ten hours down: 11 missed fire times each, 55 runs to catch up
    SettableClock clock = new SettableClock(fire.plus(Duration.ofHours(10)).plusSeconds(90));
    SchedulerService scheduler = scheduler(clock, 100, 20);

    List<Long> totals = new ArrayList<>();
    for (int tick = 0; tick < 4; tick++) {
      await(scheduler.tick());
      totals.add(tasks.stream().mapToLong(this::runs).sum());
    }

    assertThat(totals).containsExactly(20L, 40L, 55L, 55L);
    for (String task : tasks) {
      assertThat(runs(task)).isEqualTo(11);
      assertThat(
              TestDatabase.count(
                  server.schema(),
                  "SELECT count(DISTINCT scheduled_for) FROM runs WHERE task_id = '" + task + "'"))
          .isEqualTo(11);
      assertThat(
              TestDatabase.text(
                  server.schema(),
                  "SELECT next_run_at::text FROM report_tasks WHERE id = '" + task + "'"))
          .startsWith("2035-01-01 11:00:00");
    }
  }

  @Test
  void tasks_waiting_for_the_catch_up_cap_do_not_hold_up_other_due_tasks() throws Exception {
    Instant fire = Instant.parse("2036-01-01T00:00:00Z");
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tasks.add(task("0 * * * *", "all", "00000000-0000-0000-0000-000000000000", fire));
    }
    // due later than the catch-ups, so claimed after them
    String regular =
        task(
            "0 * * * *",
            "once",
            "00000000-0000-0000-0000-000000000000",
            fire.plus(Duration.ofHours(10)));
    List<String> all = new ArrayList<>(tasks);
    all.add(regular);
    onlyTheseEnabled(all);
    SettableClock clock = new SettableClock(fire.plus(Duration.ofHours(10)).plusSeconds(90));

    // two tasks claimed per batch, five catch-up runs per tick
    await(scheduler(clock, 2, 5).tick());

    assertThat(tasks.stream().mapToLong(this::runs).sum()).isEqualTo(5);
    assertThat(runs(regular)).isEqualTo(1);
  }

  @Test
  void fire_times_due_but_not_yet_missed_are_not_held_back_by_the_catch_up_cap() throws Exception {
    Instant fire = Instant.parse("2037-01-01T00:00:00Z");
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(task("@every 1s", "all", "00000000-0000-0000-0000-000000000000", fire));
    }
    onlyTheseEnabled(tasks);
    // a scheduler 30 s behind, within the 60 s misfire threshold: 31 due fire times each
    SettableClock clock = new SettableClock(fire.plusSeconds(30));

    await(scheduler(clock, 100, 20).tick());

    assertThat(tasks.stream().mapToLong(this::runs).sum()).isEqualTo(155);
  }

  /** Other tests' tasks, long overdue at this test's clock, stay out of its ticks. */
  private void onlyTheseEnabled(List<String> tasks) {
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET enabled = (id::text IN ('" + String.join("', '", tasks) + "'))");
  }

  private static SchedulerService scheduler(SettableClock clock) {
    return scheduler(clock, 100, 1000);
  }

  private static SchedulerService scheduler(SettableClock clock, int batch, int catchUpPerTick) {
    return new SchedulerService(
        new PgDueTaskRepository(pool),
        new FirePlanner(Duration.ofSeconds(60), Duration.ofHours(24), 100),
        new PlacementPlanner(
            new LiveInstance(UUID.randomUUID(), "scheduler-service-test"), Duration.ofSeconds(30)),
        clock,
        batch,
        catchUpPerTick,
        dev.periodica.run.RunMeters.none());
  }
}
