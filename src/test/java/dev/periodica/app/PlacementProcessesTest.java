package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.ServerProcess;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server processes on one database, named alpha, beta and gamma, with fast heartbeats; gamma
 * is killed with SIGKILL halfway. Placement {@code each} makes one run per live instance at every
 * fire time (three, then two once gamma's heartbeat is stale), {@code first} moves from gamma to
 * the next instance of its list without losing a fire time, and {@code one_of} never runs on an
 * instance outside its list.
 */
class PlacementProcessesTest {
  private static final String NIL = "00000000-0000-0000-0000-000000000000";
  private static final int DEAD_SECONDS = 5;
  private static final UUID ALPHA = UUID.fromString("a1000000-0000-4000-8000-0000000000a1");
  private static final UUID BETA = UUID.fromString("b2000000-0000-4000-8000-0000000000b2");
  private static final UUID GAMMA = UUID.fromString("c3000000-0000-4000-8000-0000000000c3");

  @TempDir Path dataDir;
  private final List<ServerProcess> servers = new ArrayList<>();
  private String schema;

  /** One run of a task as the database holds it. */
  private record RunRow(
      Instant scheduledFor, UUID pinned, UUID instance, String status, String error) {}

  @AfterEach
  void stopServers() throws Exception {
    for (ServerProcess server : servers) {
      server.process().destroy();
    }
    for (ServerProcess server : servers) {
      if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
        server.process().destroyForcibly();
      }
    }
  }

  private ServerProcess start(String name, UUID id) throws Exception {
    Path dir = Files.createDirectories(dataDir.resolve(name));
    ServerProcess server =
        ServerProcess.start(
            dir,
            name + ".log",
            Map.ofEntries(
                Map.entry("PG_URL", TestDatabase.pgUrl()),
                Map.entry("DB_SCHEMA", schema),
                Map.entry("INSTANCE_ID", id.toString()),
                Map.entry("INSTANCE_NAME", name),
                Map.entry("ADMIN_USER_IDS", TestServer.ADMIN.toString()),
                Map.entry("DIAGNOSTIC_JOBS", "true"),
                Map.entry("API_INSTANCES", "1"),
                Map.entry("WORKER_INSTANCES", "1"),
                Map.entry("DB_POOL_SIZE", "4"),
                Map.entry("SCHEDULER_TICK_MS", "100"),
                Map.entry("WORKER_POLL_MS", "200"),
                Map.entry("HOUSEKEEPING_SECONDS", "1"),
                Map.entry("HEARTBEAT_SECONDS", "1"),
                Map.entry("INSTANCE_DEAD_SECONDS", Integer.toString(DEAD_SECONDS)),
                Map.entry("PINNED_GIVE_UP_SECONDS", "6"),
                Map.entry("LEASE_SECONDS", "3"),
                Map.entry("LEASE_RENEW_SECONDS", "1"),
                Map.entry("RETRY_BASE_SECONDS", "1")));
    servers.add(server);
    return server;
  }

  @Test
  void each_first_and_one_of_follow_the_live_instances_when_one_is_killed() throws Exception {
    schema = TestServer.newSchema();
    ServerProcess alpha = start("alpha", ALPHA);
    start("beta", BETA);
    ServerProcess gamma = start("gamma", GAMMA);
    Api api = alpha.api();
    UUID owner = UUID.randomUUID();
    String report = new Fixtures(api).report(owner, "placed");
    String each = task(api, owner, report, "each", null);
    String first = task(api, owner, report, "first", new JsonArray().add("gamma").add("ALPHA"));
    String oneOf = task(api, owner, report, "one_of", new JsonArray().add("alpha").add("beta"));

    awaitRuns(each, runs -> fireTimesWith(runs, 3) >= 2, Duration.ofSeconds(60));
    Instant killedAt = Instant.now();
    gamma.process().destroyForcibly();
    assertThat(gamma.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Instant gammaDeadBy = killedAt.plusSeconds(DEAD_SECONDS + 1);
    awaitRuns(
        each,
        runs -> runs.stream().filter(run -> run.scheduledFor().isAfter(gammaDeadBy)).count() >= 4,
        Duration.ofSeconds(60));
    var stop =
        api.post(
            owner,
            Api.PREFIX + "/report_tasks/status",
            new JsonObject()
                .put("tasks", new JsonArray().add(each).add(first).add(oneOf))
                .put("status", "stopped"));
    assertThat(stop.status()).as(stop.toString()).isEqualTo(200);
    // every run ends: run where placed, moved off gamma (first), or given up (each on gamma)
    Predicate<List<RunRow>> settled =
        runs -> runs.stream().allMatch(run -> Set.of("complete", "error").contains(run.status()));
    awaitRuns(each, settled, Duration.ofSeconds(60));
    awaitRuns(first, settled, Duration.ofSeconds(60));
    awaitRuns(oneOf, settled, Duration.ofSeconds(60));

    // each: three runs per fire time while gamma lived, two once it was seen dead
    TreeMap<Instant, List<UUID>> perFire = new TreeMap<>();
    List<RunRow> eachRuns = runs(each);
    eachRuns.forEach(
        run ->
            perFire.computeIfAbsent(run.scheduledFor(), f -> new ArrayList<>()).add(run.pinned()));
    assertThat(perFire.values()).allSatisfy(pins -> assertThat(pins).doesNotHaveDuplicates());
    perFire
        .headMap(killedAt)
        .forEach(
            (fire, pins) ->
                assertThat(pins)
                    .as("runs at %s", fire)
                    .containsExactlyInAnyOrder(ALPHA, BETA, GAMMA));
    assertThat(perFire.tailMap(gammaDeadBy).keySet()).hasSizeGreaterThanOrEqualTo(2);
    perFire
        .tailMap(gammaDeadBy)
        .forEach(
            (fire, pins) ->
                assertThat(pins).as("runs at %s", fire).containsExactlyInAnyOrder(ALPHA, BETA));
    assertThat(eachRuns)
        .filteredOn(run -> !run.pinned().equals(GAMMA))
        .allSatisfy(
            run -> {
              assertThat(run.status()).isEqualTo("complete");
              assertThat(run.instance()).isEqualTo(run.pinned());
            });
    // gamma's own runs it could not start end in error naming it (the pinned give-up)
    assertThat(eachRuns)
        .filteredOn(run -> run.pinned().equals(GAMMA) && run.status().equals("error"))
        .isNotEmpty()
        .allSatisfy(
            run ->
                assertThat(run.error())
                    .isEqualTo(
                        "instance "
                            + GAMMA
                            + " has not been running for 6 s; a run pinned to it"
                            + " cannot start elsewhere"));

    // first: gamma while it lived, then alpha; no fire time lost
    List<RunRow> firstRuns = runs(first);
    assertThat(firstRuns).allSatisfy(run -> assertThat(run.status()).isEqualTo("complete"));
    assertThat(firstRuns)
        .filteredOn(run -> run.scheduledFor().isBefore(killedAt.minusSeconds(1)))
        .isNotEmpty()
        .allSatisfy(run -> assertThat(run.instance()).isEqualTo(GAMMA));
    assertThat(firstRuns)
        .filteredOn(run -> run.scheduledFor().isAfter(killedAt))
        .isNotEmpty()
        .allSatisfy(run -> assertThat(run.instance()).isEqualTo(ALPHA));
    assertThat(firstRuns)
        .filteredOn(run -> run.scheduledFor().isAfter(gammaDeadBy))
        .isNotEmpty()
        .allSatisfy(run -> assertThat(run.pinned()).isEqualTo(ALPHA));

    // one_of: only alpha and beta ever run it
    List<RunRow> oneOfRuns = runs(oneOf);
    assertThat(oneOfRuns).hasSizeGreaterThanOrEqualTo(4);
    assertThat(oneOfRuns)
        .allSatisfy(
            run -> {
              assertThat(run.status()).isEqualTo("complete");
              assertThat(run.instance()).isIn(ALPHA, BETA);
              assertThat(run.pinned()).isNull();
            });

    JsonArray instances =
        api.get(TestServer.ADMIN, Api.PREFIX + "/instances").json().getJsonArray("items");
    assertThat(instances.stream().map(JsonObject.class::cast).map(i -> i.getString("name")))
        .containsExactlyInAnyOrder("alpha", "beta", "gamma");
    assertThat(
            instances.stream()
                .map(JsonObject.class::cast)
                .filter(i -> !i.getBoolean("alive"))
                .map(i -> i.getString("name")))
        .containsExactly("gamma");
  }

  private static String task(
      Api api, UUID owner, String report, String placement, JsonArray instances) {
    JsonObject body =
        Fixtures.task(report)
            .put("interval", "*/2 * * * * ?")
            .put("instance", NIL)
            .put("placement", placement)
            .put("overlap", "allow")
            .put("job", "diagnostic.sleep")
            .put("params", new JsonObject().put("ms", 0));
    if (instances != null) {
      body.put("instances", instances);
    }
    var created = api.post(owner, Api.PREFIX + "/report_tasks/create", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static long fireTimesWith(List<RunRow> runs, int count) {
    Map<Instant, Long> perFire = new TreeMap<>();
    runs.forEach(run -> perFire.merge(run.scheduledFor(), 1L, Long::sum));
    return perFire.values().stream().filter(n -> n == count).count();
  }

  private void awaitRuns(String task, Predicate<List<RunRow>> done, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    List<RunRow> runs = runs(task);
    while (!done.test(runs)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("runs of " + task + " never settled: " + runs);
      }
      Thread.sleep(250);
      runs = runs(task);
    }
  }

  /** The task's runs, with the nil pinned instance read as null. */
  private List<RunRow> runs(String task) throws Exception {
    var db = TestDatabase.url();
    try (Connection connection =
            DriverManager.getConnection(
                db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT scheduled_for, pinned_instance, instance_id, status, error FROM "
                    + schema
                    + ".runs WHERE task_id = ?::uuid ORDER BY scheduled_for, id")) {
      query.setString(1, task);
      List<RunRow> runs = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          UUID pinned = rows.getObject("pinned_instance", UUID.class);
          runs.add(
              new RunRow(
                  rows.getTimestamp("scheduled_for").toInstant(),
                  NIL.equals(pinned.toString()) ? null : pinned,
                  rows.getObject("instance_id", UUID.class),
                  rows.getString("status"),
                  rows.getString("error")));
        }
      }
      return runs;
    }
  }
}
