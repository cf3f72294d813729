package dev.periodica.api.compat.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.RunMeters;
import dev.periodica.schedule.FirePlanner;
import dev.periodica.schedule.Instance;
import dev.periodica.schedule.LiveInstance;
import dev.periodica.schedule.PlacementPlanner;
import dev.periodica.schedule.SchedulerService;
import dev.periodica.store.PgDueTaskRepository;
import dev.periodica.store.PgInstanceRepository;
import dev.periodica.support.SettableClock;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's {@code sitemode: all} end to end, from the facade to the runs, on a settable clock
 * against a real database: with {@code sites}, one run per fire time on each listed live site; with
 * empty {@code sites}, one on every live instance. The server only serves the facade; its fire
 * times are years away from its own clock.
 */
class EraSitesPlacementTest {
  private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
  private static final Instant FIRE = Instant.parse("2040-01-01T00:00:00Z");
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private final SettableClock clock = new SettableClock(FIRE);
  private final UUID owner = UUID.randomUUID();

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
        RunMeters.none());
  }

  /** A yearly service task from the facade, due at {@link #FIRE}. */
  private String svctask(Object sites) {
    var created =
        server
            .api()
            .post(
                owner,
                EraFacadeApiTest.BASE,
                new JsonObject()
                    .put("name", "sites")
                    .put("svcscriptcode", "dialByCallList")
                    .put("sitemode", "all")
                    .put("sites", sites)
                    .put("overlap", 1)
                    .put("intervalsec", 365 * 86_400)
                    .put("dtstart", FIRE.toString()));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET next_run_at = '%s' WHERE id = '%s'".formatted(FIRE, created.id()));
    return created.id();
  }

  private List<String> pins(String task) {
    String joined =
        TestDatabase.text(
            server.schema(),
            "SELECT coalesce(string_agg(pinned_instance::text, ',' ORDER BY pinned_instance), '')"
                + " FROM runs WHERE task_id = '"
                + task
                + "'");
    return joined.isEmpty() ? List.of() : List.of(joined.split(","));
  }

  @Test
  void sitemode_all_with_two_of_three_sites_makes_one_run_on_each_listed_live_site()
      throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    LiveInstance site1 = new LiveInstance(UUID.randomUUID(), "SITE1-" + tag);
    LiveInstance site2 = new LiveInstance(UUID.randomUUID(), "site2-" + tag);
    LiveInstance site3 = new LiveInstance(UUID.randomUUID(), "site3-" + tag);
    LiveInstance silent = new LiveInstance(UUID.randomUUID(), "site4-" + tag);
    beat(silent);
    clock.advance(DEAD_AFTER.plusSeconds(1));
    beat(site1, site2, site3);
    String listed = svctask(site1.name() + ", " + site2.name().toUpperCase(java.util.Locale.ROOT));
    String withSilent = svctask(site3.name() + "," + silent.name());
    String every = svctask("");

    await(Future.all(scheduler(site3).tick(), scheduler(site1).tick()));

    assertThat(pins(listed))
        .containsExactlyInAnyOrder(site1.id().toString(), site2.id().toString());
    assertThat(pins(withSilent)).containsExactly(site3.id().toString());
    assertThat(pins(every))
        .containsExactlyInAnyOrder(
            site1.id().toString(), site2.id().toString(), site3.id().toString());
  }
}
