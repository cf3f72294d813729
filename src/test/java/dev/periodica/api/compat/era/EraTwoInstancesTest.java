package dev.periodica.api.compat.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one database: a service task of seed 003 with {@code sitemode: all} runs
 * once on each of them, and a task whose code {@code SERVICE_JOBS} does not map is kept and its
 * runs end {@code error} naming the code and the setting.
 */
class EraTwoInstancesTest {
  private static final UUID ALPHA = UUID.fromString("a1000000-0000-4000-8000-0000000003a1");
  private static final UUID BETA = UUID.fromString("b2000000-0000-4000-8000-0000000003b2");
  private static final String SERVICE_JOBS =
      "{\"ping\": {\"job\": \"diagnostic.sleep\", \"params\": {\"ms\": 50}}}";

  @TempDir Path dataDir;
  private final List<ServerProcess> servers = new ArrayList<>();
  private String schema;

  private record RunRow(UUID pinned, UUID instance, String status, String error) {}

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
    ServerProcess server =
        ServerProcess.start(
            Files.createDirectories(dataDir.resolve(name)),
            name + ".log",
            Map.ofEntries(
                Map.entry("PG_URL", TestDatabase.pgUrl()),
                Map.entry("DB_SCHEMA", schema),
                Map.entry("INSTANCE_ID", id.toString()),
                Map.entry("INSTANCE_NAME", name),
                Map.entry("ADMIN_USER_IDS", TestServer.ADMIN.toString()),
                Map.entry("DIAGNOSTIC_JOBS", "true"),
                Map.entry("SERVICE_JOBS", SERVICE_JOBS),
                Map.entry("API_INSTANCES", "1"),
                Map.entry("WORKER_INSTANCES", "1"),
                Map.entry("DB_POOL_SIZE", "4"),
                Map.entry("SCHEDULER_TICK_MS", "100"),
                Map.entry("WORKER_POLL_MS", "200"),
                Map.entry("HOUSEKEEPING_SECONDS", "1"),
                Map.entry("HEARTBEAT_SECONDS", "1"),
                Map.entry("INSTANCE_DEAD_SECONDS", "5"),
                Map.entry("PINNED_GIVE_UP_SECONDS", "6"),
                Map.entry("LEASE_SECONDS", "3"),
                Map.entry("LEASE_RENEW_SECONDS", "1"),
                Map.entry("RETRY_BASE_SECONDS", "1")));
    servers.add(server);
    return server;
  }

  @Test
  void a_sitemode_all_task_runs_once_on_each_of_two_instances() throws Exception {
    schema = TestServer.newSchema();
    ServerProcess alpha = start("alpha", ALPHA);
    start("beta", BETA);
    Api api = alpha.api();
    awaitBothAlive(api);
    UUID owner = UUID.randomUUID();
    Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    JsonObject body =
        new JsonObject()
            .put("name", "on every site")
            .put("isenabled", 1)
            .put("svcscriptcode", "ping")
            .put("sitemode", "all")
            .put("sites", "")
            .put("isregular", 0)
            .put("dtstart", at.toString())
            .put("dtstop", at.plusSeconds(600).toString());
    var each = api.post(owner, EraFacadeApiTest.BASE, body);
    assertThat(each.status()).as(each.toString()).isEqualTo(200);
    var unmapped =
        api.post(owner, EraFacadeApiTest.BASE, body.copy().put("svcscriptcode", "dialByCallList"));
    assertThat(unmapped.status()).as(unmapped.toString()).isEqualTo(200);

    List<RunRow> runs = awaitSettled(each.id(), 2);
    assertThat(runs).extracting(RunRow::status).containsOnly("complete");
    assertThat(runs).extracting(RunRow::pinned).containsExactlyInAnyOrder(ALPHA, BETA);
    assertThat(runs).allSatisfy(run -> assertThat(run.instance()).isEqualTo(run.pinned()));
    Thread.sleep(2000);
    assertThat(runs(each.id())).hasSize(2);

    List<RunRow> failed = awaitSettled(unmapped.id(), 2);
    assertThat(failed)
        .allSatisfy(
            run -> {
              assertThat(run.status()).isEqualTo("error");
              assertThat(run.error())
                  .isEqualTo(
                      "no job is configured for service code \"dialByCallList\" (SERVICE_JOBS)");
            });
    // the task is still on file, as its system keeps it
    assertThat(api.get(owner, EraFacadeApiTest.BASE + "/" + unmapped.id()).status()).isEqualTo(200);
  }

  private static void awaitBothAlive(Api api) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonArray instances =
          api.get(TestServer.ADMIN, Api.PREFIX + "/instances").json().getJsonArray("items");
      long alive =
          instances.stream().map(JsonObject.class::cast).filter(i -> i.getBoolean("alive")).count();
      if (alive == 2) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("both instances never alive: " + instances);
      }
      Thread.sleep(250);
    }
  }

  private List<RunRow> awaitSettled(String task, int count) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    List<RunRow> runs = runs(task);
    while (runs.size() < count
        || !runs.stream().allMatch(run -> Set.of("complete", "error").contains(run.status()))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("runs of " + task + " never settled: " + runs);
      }
      Thread.sleep(250);
      runs = runs(task);
    }
    return runs;
  }

  private List<RunRow> runs(String task) throws Exception {
    var db = TestDatabase.url();
    try (Connection connection =
            DriverManager.getConnection(
                db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password());
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT pinned_instance, instance_id, status, error FROM "
                    + schema
                    + ".runs WHERE task_id = ?::uuid ORDER BY id")) {
      query.setString(1, task);
      List<RunRow> runs = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          runs.add(
              new RunRow(
                  rows.getObject("pinned_instance", UUID.class),
                  rows.getObject("instance_id", UUID.class),
                  rows.getString("status"),
                  rows.getString("error")));
        }
      }
      return runs;
    }
  }
}
