package dev.periodica.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.store.PgRunRepository;
import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.SettableClock;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executor, outcome writer, retries, leases and housekeeping on real PostgreSQL, driven by a
 * settable clock instead of sleeping. Runs are pinned to this test's own instance, so the live
 * server that migrated the schema never claims them, and their leases lie far in its future.
 */
class RunEngineTest {
  private static final Instant T0 = Instant.parse("2090-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private final UUID owner = UUID.randomUUID();
  private final UUID instance = UUID.randomUUID();
  private final SettableClock clock = new SettableClock(T0);
  private final PgRunRepository runs = new PgRunRepository(pool);

  @BeforeAll
  static void start() {
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
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A run of a task with {@code job}, pinned to this test's instance. */
  private long run(String job, int maxAttempts) {
    String report = new Fixtures(server.api()).report(owner, "engine");
    String task =
        server
            .api()
            .post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("instance", instance.toString())
                    .put("max_attempts", maxAttempts))
            .id();
    // a kind only this test's executor knows: the server checks jobs against its own registry
    TestDatabase.execute(
        server.schema(), "UPDATE report_tasks SET job = '" + job + "' WHERE id = '" + task + "'");
    return server
        .api()
        .post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null)
        .json()
        .getLong("id");
  }

  private String column(long run, String column) {
    return TestDatabase.text(
        server.schema(), "SELECT " + column + "::text FROM runs WHERE id = " + run);
  }

  private RunExecutor executor(JobRegistry jobs) {
    return new RunExecutor(
        runs,
        jobs,
        new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.5),
        clock,
        instance,
        LEASE,
        4,
        RunMeters.none());
  }

  /** A registry of one kind that needs no report and takes any params. */
  private static JobRegistry registry(String name, Job job) {
    return new JobRegistry().register(name, job);
  }

  /** Claims and waits until the executor has nothing in flight (the job futures completed). */
  private void claimAndSettle(RunExecutor executor) throws Exception {
    await(executor.claimAndStart());
    for (int i = 0; i < 100 && executor.running() > 0; i++) {
      Thread.sleep(20);
    }
    assertThat(executor.running()).isZero();
  }

  @Test
  void a_successful_job_completes_at_the_clocks_time() throws Exception {
    long id = run("test.ok", 3);
    RunExecutor executor = executor(registry("test.ok", context -> Future.succeededFuture()));

    claimAndSettle(executor);

    assertThat(column(id, "status")).isEqualTo("complete");
    assertThat(column(id, "started_at")).startsWith("2090-01-01 00:00:00");
    assertThat(column(id, "progress")).isEqualTo("100");
  }

  @Test
  void a_transient_failure_waits_its_back_off_then_retries_until_it_gives_up() throws Exception {
    long id = run("test.flaky", 2);
    RunExecutor executor =
        executor(
            registry(
                "test.flaky",
                context -> Future.failedFuture(JobFailure.transientFailure("upstream 503"))));

    claimAndSettle(executor);
    assertThat(column(id, "status")).isEqualTo("need_restart");
    assertThat(column(id, "not_before")).startsWith("2090-01-01 00:00:10");

    clock.set(T0.plusSeconds(9));
    assertThat(await(executor.claimAndStart())).as("claimed before its back-off").isZero();

    clock.set(T0.plusSeconds(10));
    claimAndSettle(executor);
    assertThat(column(id, "attempt")).isEqualTo("2");
    assertThat(column(id, "status")).isEqualTo("error");
    assertThat(column(id, "error")).isEqualTo("upstream 503 (gave up after 2 attempts)");
  }

  @Test
  void a_permanent_failure_ends_in_error_at_once() throws Exception {
    long id = run("test.broken", 5);
    RunExecutor executor =
        executor(
            registry(
                "test.broken", context -> Future.failedFuture(JobFailure.permanent("bad params"))));

    claimAndSettle(executor);

    assertThat(column(id, "status")).isEqualTo("error");
    assertThat(column(id, "attempt")).isEqualTo("1");
  }

  @Test
  void an_expired_lease_is_requeued_by_housekeeping_and_the_stale_worker_cannot_finish_it()
      throws Exception {
    long id = run("test.hang", 3);
    Promise<Void> hanging = Promise.promise();
    RunExecutor stale = executor(registry("test.hang", context -> hanging.future()));
    await(stale.claimAndStart());
    assertThat(column(id, "lease_until")).startsWith("2090-01-01 00:00:30");

    clock.set(T0.plusSeconds(20));
    assertThat(await(stale.renewLeases())).isEqualTo(1);
    assertThat(column(id, "lease_until")).startsWith("2090-01-01 00:00:50");

    clock.set(T0.plusSeconds(51));
    await(new RunHousekeeping(runs, clock, Duration.ofMinutes(15), Duration.ofSeconds(30)).sweep());
    assertThat(column(id, "status")).isEqualTo("need_restart");
    assertThat(column(id, "error")).contains("lease expired");

    RunExecutor fresh = executor(registry("test.hang", context -> Future.succeededFuture()));
    claimAndSettle(fresh);
    assertThat(column(id, "status")).isEqualTo("complete");
    assertThat(column(id, "attempt")).isEqualTo("2");

    hanging.complete();
    for (int i = 0; i < 100 && stale.running() > 0; i++) {
      Thread.sleep(20);
    }
    assertThat(column(id, "status"))
        .as("the stale worker's late success changes nothing")
        .isEqualTo("complete");
    assertThat(column(id, "attempt")).isEqualTo("2");
  }

  @Test
  void a_timed_out_run_is_stopped_by_housekeeping() throws Exception {
    long id = run("test.slow", 3);
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET timeout_seconds = 60 WHERE id = (SELECT task_id FROM runs WHERE id = "
            + id
            + ")");
    Promise<Void> slow = Promise.promise();
    RunExecutor executor = executor(registry("test.slow", context -> slow.future()));
    await(executor.claimAndStart());

    clock.set(T0.plusSeconds(59));
    await(executor.renewLeases());
    await(new RunHousekeeping(runs, clock, Duration.ofMinutes(15), Duration.ofSeconds(30)).sweep());
    assertThat(column(id, "status")).isEqualTo("in_action");

    clock.set(T0.plusSeconds(61));
    await(executor.renewLeases());
    await(new RunHousekeeping(runs, clock, Duration.ofMinutes(15), Duration.ofSeconds(30)).sweep());
    assertThat(column(id, "status")).isEqualTo("cancel_too_long");
    slow.complete();
  }

  @Test
  void a_run_cancelled_by_its_user_is_not_overwritten_by_the_job_finishing() throws Exception {
    long id = run("test.cancelled", 3);
    Promise<Void> job = Promise.promise();
    RunExecutor executor = executor(registry("test.cancelled", context -> job.future()));
    await(executor.claimAndStart());

    assertThat(
            server
                .api()
                .post(owner, Api.PREFIX + "/report_queue/" + id + "/cancel", new JsonObject())
                .status())
        .isEqualTo(200);
    executor.cancel(id);
    job.complete();
    for (int i = 0; i < 100 && executor.running() > 0; i++) {
      Thread.sleep(20);
    }

    assertThat(column(id, "status")).isEqualTo("cancel");
  }
}
