package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.run.ClaimedRun;
import dev.periodica.run.RunHousekeeping;
import dev.periodica.store.PgDueTaskRepository;
import dev.periodica.store.PgInstanceRepository;
import dev.periodica.store.PgRunQueueRepository;
import dev.periodica.store.PgRunRepository;
import dev.periodica.support.Fixtures;
import dev.periodica.support.SettableClock;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Placement in the engine, on a settable clock against a real database: instances are live while
 * their heartbeat is fresh, the scheduler places each fire time's runs on them, workers claim only
 * what their placement allows, and housekeeping moves or gives up runs whose instances went away.
 */
class PlacementEngineTest {
  private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
  private static final Duration GIVE_UP = Duration.ofSeconds(900);
  private static final UUID NIL = new UUID(0, 0);
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private final UUID owner = UUID.randomUUID();
  private final SettableClock clock = new SettableClock(Instant.parse("2040-01-01T00:00:00Z"));
  private LiveInstance alpha;
  private LiveInstance beta;
  private LiveInstance gamma;

  @BeforeAll
  static void start() {
    // the server only migrates the schema and creates tasks; these fire times are far from its own
    server = TestServer.start();
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close();
    server.close();
  }

  /** Each test has instances of its own: the ones of earlier tests are forgotten. */
  @BeforeEach
  void instances() {
    TestDatabase.execute(
        server.schema(), "DELETE FROM instances WHERE id <> '" + server.instanceId() + "'");
    String tag = UUID.randomUUID().toString().substring(0, 8);
    alpha = new LiveInstance(UUID.randomUUID(), "alpha-" + tag);
    beta = new LiveInstance(UUID.randomUUID(), "beta-" + tag);
    gamma = new LiveInstance(UUID.randomUUID(), "gamma-" + tag);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get();
  }

  private void beat(LiveInstance... instances) throws Exception {
    PgInstanceRepository repository = new PgInstanceRepository(pool);
    for (LiveInstance instance : instances) {
      await(
          repository.heartbeat(
              new Instance(
                  instance.id(),
                  instance.name(),
                  "test-host",
                  "test",
                  Instant.parse("2039-01-01T00:00:00Z").atOffset(ZoneOffset.UTC)),
              clock.instant().atOffset(ZoneOffset.UTC)));
    }
  }

  private SchedulerService scheduler(LiveInstance self) {
    return new SchedulerService(
        new PgDueTaskRepository(pool),
        new FirePlanner(Duration.ofSeconds(60), Duration.ofDays(400), 100),
        new PlacementPlanner(self, DEAD_AFTER),
        clock,
        100,
        1000,
        dev.periodica.run.RunMeters.none());
  }

  private RunHousekeeping housekeeping() {
    return new RunHousekeeping(new PgRunRepository(pool), clock, GIVE_UP, DEAD_AFTER);
  }

  /** A yearly task (never due for the live server) whose next fire time is the clock's now. */
  private String task(String placement, String... instances) {
    String report = new Fixtures(server.api()).report(owner, "placed");
    var body =
        Fixtures.task(report)
            .put("interval", "0 0 1 1 *")
            .put("instance", NIL.toString())
            .put("overlap", "allow")
            .put("placement", placement);
    if (instances.length > 0) {
      body.put("instances", new JsonArray(List.of((Object[]) instances)));
    }
    var created = server.api().post(owner, "/cruddy/v2/report_tasks/create", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET next_run_at = '%s' WHERE id = '%s'"
            .formatted(clock.instant(), created.id()));
    return created.id();
  }

  private List<String> pins(String task) {
    return column(task, "pinned_instance");
  }

  private List<String> column(String task, String column) {
    String joined =
        TestDatabase.text(
            server.schema(),
            "SELECT coalesce(string_agg(%s::text, ',' ORDER BY %s::text), '') FROM runs WHERE task_id = '%s'"
                .formatted(column, column, task));
    return joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }

  private List<ClaimedRun> claim(LiveInstance instance, String task) throws Exception {
    return await(
            new PgRunRepository(pool)
                .claim(instance.id(), clock.instant(), clock.instant().plusSeconds(60), 1000))
        .stream()
        .filter(run -> run.run().taskId().toString().equals(task))
        .toList();
  }

  private static String id(LiveInstance instance) {
    return instance.id().toString();
  }

  @Test
  void each_places_one_run_per_live_instance_and_leaves_out_one_whose_heartbeat_is_stale()
      throws Exception {
    beat(alpha, beta, gamma);
    String task = task("each");
    clock.advance(Duration.ofSeconds(1));

    await(scheduler(alpha).tick());

    assertThat(pins(task)).containsExactlyInAnyOrder(id(alpha), id(beta), id(gamma));
    assertThat(column(task, "slot")).containsExactlyInAnyOrder(id(alpha), id(beta), id(gamma));
    assertThat(column(task, "placement")).containsOnly("each");

    // a year on: alpha and beta kept beating, gamma fell silent just over INSTANCE_DEAD_SECONDS ago
    clock.set(Instant.parse("2041-01-01T00:00:00Z").minus(DEAD_AFTER));
    beat(gamma);
    clock.set(Instant.parse("2041-01-01T00:00:00Z"));
    beat(alpha, beta);
    clock.advance(Duration.ofSeconds(1));

    await(scheduler(beta).tick());

    assertThat(
            TestDatabase.count(
                server.schema(),
                "SELECT count(*) FROM runs WHERE task_id = '%s' AND scheduled_for = '2041-01-01T00:00:00Z'"
                    .formatted(task)))
        .isEqualTo(2);
    assertThat(pins(task))
        .containsExactlyInAnyOrder(id(alpha), id(beta), id(gamma), id(alpha), id(beta));
  }

  @Test
  void three_schedulers_racing_make_exactly_one_run_per_task_fire_time_and_instance()
      throws Exception {
    beat(alpha, beta, gamma);
    List<String> tasks = List.of(task("each"), task("each"), task("each"));
    clock.advance(Duration.ofSeconds(1));

    await(Future.all(scheduler(alpha).tick(), scheduler(beta).tick(), scheduler(gamma).tick()));
    // a scheduler with a stale view fires the same fire time again
    tasks.forEach(
        task ->
            TestDatabase.execute(
                server.schema(),
                "UPDATE report_tasks SET next_run_at = '2040-01-01Z' WHERE id = '" + task + "'"));
    await(Future.all(scheduler(gamma).tick(), scheduler(beta).tick(), scheduler(alpha).tick()));

    for (String task : tasks) {
      assertThat(pins(task)).containsExactlyInAnyOrder(id(alpha), id(beta), id(gamma));
    }
    // the database itself refuses a second run of a task for one fire time and instance
    assertThatThrownBy(
            () ->
                TestDatabase.execute(
                    server.schema(),
                    """
                    INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance,
                                      slot, placement, created_at, updated_at)
                    SELECT task_id, report_id, 'new', scheduled_for, pinned_instance, slot,
                           placement, now(), now()
                    FROM runs WHERE task_id = '%s' LIMIT 1
                    """
                        .formatted(tasks.get(0))))
        .hasMessageContaining("runs_task_fire_slot_key");
  }

  private long runsAt(String task, String fireTime) {
    return TestDatabase.count(
        server.schema(),
        "SELECT count(*) FROM runs WHERE task_id = '%s' AND scheduled_for = '%s'"
            .formatted(task, fireTime));
  }

  @Test
  void each_with_a_list_of_two_of_three_live_instances_places_exactly_two_runs_per_fire_time()
      throws Exception {
    beat(alpha, beta, gamma);
    // by name, in another case, and by id; the scheduling instance itself is not listed
    String task = task("each", alpha.name().toUpperCase(java.util.Locale.ROOT), id(beta));
    clock.advance(Duration.ofSeconds(1));

    await(scheduler(gamma).tick());

    assertThat(pins(task)).containsExactlyInAnyOrder(id(alpha), id(beta));
    assertThat(column(task, "slot")).containsExactlyInAnyOrder(id(alpha), id(beta));
    assertThat(column(task, "placement")).containsOnly("each");
    assertThat(claim(gamma, task)).isEmpty();

    // the next fire time, a year on, with all three still live: again those two, once each
    clock.set(Instant.parse("2041-01-01T00:00:00Z"));
    beat(alpha, beta, gamma);
    clock.advance(Duration.ofSeconds(1));
    await(scheduler(alpha).tick());

    assertThat(runsAt(task, "2041-01-01T00:00:00Z")).isEqualTo(2);
    assertThat(pins(task)).containsExactlyInAnyOrder(id(alpha), id(beta), id(alpha), id(beta));
    assertThat(
            TestDatabase.count(
                server.schema(), "SELECT run_count FROM report_tasks WHERE id = '" + task + "'"))
        .isEqualTo(4);
    assertThat(claim(alpha, task)).hasSize(2);
    assertThat(claim(beta, task)).hasSize(2);
  }

  @Test
  void each_gives_a_listed_instance_that_is_not_live_no_run_for_that_fire_time() throws Exception {
    // beta fell silent just over INSTANCE_DEAD_SECONDS ago; alpha and gamma beat now
    beat(beta);
    clock.advance(DEAD_AFTER.plusSeconds(1));
    beat(alpha, gamma);
    String someLive = task("each", alpha.name(), beta.name());
    String noneLive = task("each", beta.name(), "nowhere");
    clock.advance(Duration.ofSeconds(1));

    await(scheduler(gamma).tick());

    assertThat(pins(someLive)).containsExactly(id(alpha));
    assertThat(pins(noneLive)).isEmpty();
    // the fire time is passed over, not kept for later: the task waits for its next one
    assertThat(
            TestDatabase.text(
                server.schema(),
                "SELECT next_run_at = '2041-01-01Z' FROM report_tasks WHERE id = '"
                    + noneLive
                    + "'"))
        .isEqualTo("t");

    // beta comes back before the next fire time and gets that one's run
    clock.set(Instant.parse("2041-01-01T00:00:00Z"));
    beat(alpha, beta, gamma);
    clock.advance(Duration.ofSeconds(1));
    await(scheduler(gamma).tick());
    assertThat(pins(noneLive)).containsExactly(id(beta));
    assertThat(pins(someLive)).containsExactlyInAnyOrder(id(alpha), id(alpha), id(beta));
  }

  @Test
  void each_with_a_name_several_instances_share_places_a_run_on_each_of_them() throws Exception {
    LiveInstance twin = new LiveInstance(UUID.randomUUID(), alpha.name());
    beat(alpha, twin, beta, gamma);
    String task = task("each", alpha.name(), id(gamma));
    clock.advance(Duration.ofSeconds(1));

    await(scheduler(beta).tick());

    assertThat(pins(task)).containsExactlyInAnyOrder(id(alpha), id(twin), id(gamma));
  }

  @Test
  void the_scheduling_instance_gets_its_listed_run_even_when_its_own_heartbeat_is_stale()
      throws Exception {
    beat(alpha);
    clock.advance(DEAD_AFTER.plusSeconds(1));
    beat(beta);
    String listed = task("each", alpha.name());
    String unlisted = task("each", beta.name());
    clock.advance(Duration.ofSeconds(1));

    await(scheduler(alpha).tick());

    assertThat(pins(listed)).containsExactly(id(alpha));
    assertThat(pins(unlisted)).containsExactly(id(beta));
  }

  @Test
  void schedulers_racing_on_each_tasks_with_lists_make_exactly_one_run_per_listed_instance()
      throws Exception {
    beat(alpha, beta, gamma);
    List<String> tasks =
        List.of(
            task("each", alpha.name(), beta.name()),
            task("each", id(gamma), beta.name()),
            task("each", gamma.name()));
    clock.advance(Duration.ofSeconds(1));

    await(Future.all(scheduler(alpha).tick(), scheduler(beta).tick(), scheduler(gamma).tick()));
    tasks.forEach(
        task ->
            TestDatabase.execute(
                server.schema(),
                "UPDATE report_tasks SET next_run_at = '2040-01-01Z' WHERE id = '" + task + "'"));
    await(Future.all(scheduler(gamma).tick(), scheduler(beta).tick(), scheduler(alpha).tick()));

    assertThat(pins(tasks.get(0))).containsExactlyInAnyOrder(id(alpha), id(beta));
    assertThat(pins(tasks.get(1))).containsExactlyInAnyOrder(id(beta), id(gamma));
    assertThat(pins(tasks.get(2))).containsExactly(id(gamma));
  }

  @Test
  void first_goes_to_the_first_live_instance_of_its_list_and_moves_on_when_that_one_dies()
      throws Exception {
    beat(alpha, beta, gamma);
    String task = task("first", gamma.name(), id(alpha), beta.name());
    clock.advance(Duration.ofSeconds(1));
    await(scheduler(beta).tick());
    assertThat(pins(task)).containsExactly(id(gamma));

    // gamma stops beating before it claims the run; alpha and beta go on
    clock.advance(DEAD_AFTER);
    beat(alpha, beta);
    assertThat(claim(alpha, task)).isEmpty();
    await(housekeeping().sweep());

    assertThat(pins(task)).containsExactly(id(alpha));
    assertThat(claim(beta, task)).isEmpty();
    assertThat(claim(alpha, task)).hasSize(1);
  }

  @Test
  void one_of_is_claimed_only_by_an_instance_of_its_list_by_id_or_by_name() throws Exception {
    beat(alpha, beta, gamma);
    String byName = task("one_of", "nowhere", alpha.name().toUpperCase(java.util.Locale.ROOT));
    String byId = task("one_of", id(beta));
    clock.advance(Duration.ofSeconds(1));
    await(scheduler(gamma).tick());
    assertThat(pins(byName)).containsExactly(NIL.toString());

    assertThat(claim(gamma, byName)).isEmpty();
    assertThat(claim(gamma, byId)).isEmpty();
    assertThat(claim(alpha, byName)).hasSize(1);
    assertThat(claim(beta, byId)).hasSize(1);
  }

  @Test
  void a_listed_run_no_listed_instance_takes_waits_then_ends_error_naming_the_instances()
      throws Exception {
    beat(alpha);
    String first = task("first", "nowhere-1", "nowhere-2");
    String late = task("one_of", "nowhere-1", beta.name());
    clock.advance(Duration.ofSeconds(1));
    await(scheduler(alpha).tick());
    assertThat(pins(first)).containsExactly(NIL.toString());
    assertThat(claim(alpha, first)).isEmpty();

    // beta, listed by the second task, starts within the give-up time and takes its run
    clock.advance(GIVE_UP.minusSeconds(10));
    beat(alpha, beta);
    assertThat(claim(beta, late)).hasSize(1);
    await(housekeeping().sweep());
    assertThat(column(first, "status")).containsExactly("new");

    clock.advance(Duration.ofSeconds(20));
    beat(alpha, beta);
    await(housekeeping().sweep());

    assertThat(column(first, "status")).containsExactly("error");
    assertThat(
            TestDatabase.text(
                server.schema(), "SELECT error FROM runs WHERE task_id = '" + first + "'"))
        .isEqualTo(
            "none of the instances nowhere-1, nowhere-2 has been running for 900 s; a run placed"
                + " on them cannot start elsewhere");
    assertThat(column(late, "status")).containsExactly("in_action");
  }

  @Test
  void an_each_run_whose_instance_died_mid_run_restarts_only_on_that_instance() throws Exception {
    beat(alpha, beta);
    String task = task("each");
    clock.advance(Duration.ofSeconds(1));
    await(scheduler(alpha).tick());
    assertThat(claim(beta, task)).hasSize(1);

    // beta's lease runs out: the run is requeued, still beta's
    clock.advance(Duration.ofSeconds(61));
    beat(alpha, beta);
    await(housekeeping().sweep());
    assertThat(
            TestDatabase.text(
                server.schema(),
                "SELECT status FROM runs WHERE task_id = '%s' AND pinned_instance = '%s'"
                    .formatted(task, id(beta))))
        .isEqualTo("need_restart");

    assertThat(claim(alpha, task)).allMatch(run -> run.run().pinnedInstance().equals(alpha.id()));
    List<ClaimedRun> again = claim(beta, task);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).run().attempt()).isEqualTo(2);
  }

  @Test
  void a_run_now_is_placed_as_its_task_says_and_runs_once_for_an_each_task() throws Exception {
    beat(alpha, beta);
    String first = task("first", gamma.name(), beta.name(), alpha.name());
    String oneOf = task("one_of", gamma.name(), alpha.name());
    String each = task("each");
    PgRunQueueRepository queue = new PgRunQueueRepository(pool, DEAD_AFTER);

    var firstRun = await(queue.createManual(owner, UUID.fromString(first), clock.instant()));
    var oneOfRun = await(queue.createManual(owner, UUID.fromString(oneOf), clock.instant()));
    var eachRun = await(queue.createManual(owner, UUID.fromString(each), clock.instant()));

    assertThat(firstRun.orElseThrow().pinnedInstance()).isEqualTo(beta.id());
    assertThat(firstRun.orElseThrow().eligible())
        .containsExactly(gamma.name(), beta.name(), alpha.name());
    assertThat(oneOfRun.orElseThrow().pinnedInstance()).isEqualTo(NIL);
    assertThat(claim(beta, oneOf)).isEmpty();
    assertThat(claim(alpha, oneOf)).hasSize(1);
    assertThat(eachRun.orElseThrow().placement()).isEqualTo(dev.periodica.run.Placement.ANY);
    assertThat(eachRun.orElseThrow().pinnedInstance()).isEqualTo(NIL);
    assertThat(pins(each)).containsExactly(NIL.toString());
  }

  @Test
  void a_run_now_of_an_each_task_with_a_list_is_one_run_on_any_instance_as_without_one()
      throws Exception {
    beat(alpha, beta);
    String each = task("each", alpha.name());
    PgRunQueueRepository queue = new PgRunQueueRepository(pool, DEAD_AFTER);

    var run = await(queue.createManual(owner, UUID.fromString(each), clock.instant()));

    assertThat(run.orElseThrow().placement()).isEqualTo(dev.periodica.run.Placement.ANY);
    assertThat(run.orElseThrow().pinnedInstance()).isEqualTo(NIL);
    // no list on the run: any instance may claim it (here, perhaps the test server's own worker)
    assertThat(run.orElseThrow().eligible()).isNull();
    assertThat(pins(each)).containsExactly(NIL.toString());
  }
}
