package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.ServerProcess;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance killed mid-run (SIGKILL, no graceful shutdown): its run's lease expires, the run
 * becomes need_restart and completes on the surviving instance; nothing stays in_action.
 */
class InstanceCrashTest {
  @TempDir Path dataDir;

  @Test
  void a_run_of_a_killed_instance_is_restarted_and_completed_elsewhere() throws Exception {
    String schema = TestServer.newSchema();
    UUID doomedId = UUID.randomUUID();
    ServerProcess doomed =
        ServerProcess.start(
            dataDir,
            "doomed.log",
            Map.ofEntries(
                Map.entry("PG_URL", TestDatabase.pgUrl()),
                Map.entry("DB_SCHEMA", schema),
                Map.entry("INSTANCE_ID", doomedId.toString()),
                Map.entry("DIAGNOSTIC_JOBS", "true"),
                Map.entry("SCHEDULER_TICK_MS", "100"),
                Map.entry("WORKER_POLL_MS", "100"),
                Map.entry("LEASE_SECONDS", "3"),
                Map.entry("LEASE_RENEW_SECONDS", "1"),
                Map.entry("HOUSEKEEPING_SECONDS", "1")));
    UUID owner = UUID.randomUUID();
    Api doomedApi = doomed.api();
    String report = new Fixtures(doomedApi).report(owner, "crash");
    String task =
        doomedApi
            .post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@yearly")
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 3000).put("steps", 6)))
            .id();
    long runId =
        doomedApi
            .post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null)
            .json()
            .getLong("id");
    String runPath = Api.PREFIX + "/report_queue/" + runId;
    awaitStatus(doomedApi, owner, runPath, "in_action", 10_000);

    // killed mid-run before the survivor starts, however long that start takes on a busy machine
    doomed.process().destroyForcibly();
    assertThat(doomed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (TestServer survivor = TestServer.startFastEngine(schema)) {

      JsonObject run = awaitStatus(survivor.api(), owner, runPath, "complete", 30_000);

      assertThat(run.getInteger("attempt")).isEqualTo(2);
      assertThat(run.getString("instance")).isEqualTo(survivor.instanceId().toString());
      assertThat(TestDatabase.count(schema, "SELECT count(*) FROM runs WHERE status = 'in_action'"))
          .isZero();
    }
  }

  private static JsonObject awaitStatus(
      Api api, UUID user, String path, String status, long timeoutMillis) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    JsonObject run = null;
    while (System.currentTimeMillis() < deadline) {
      run = api.get(user, path).json();
      if (status.equals(run.getString("status"))) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run never became " + status + "; last: " + run);
  }
}
