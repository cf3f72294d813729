package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Messages;
import dev.periodica.store.PgDueTaskRepository;
import dev.periodica.support.Fixtures;
import dev.periodica.support.SettableClock;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A task without a report fires like any other: the pause of tasks whose owner lost their report
 * leaves it alone, while it still pauses report tasks in the same tick.
 */
class ReportlessTaskSchedulingTest {
  @Test
  void a_due_task_without_a_report_fires_and_is_not_paused_as_orphaned() throws Exception {
    try (TestServer server = TestServer.start(new JsonObject().put("DIAGNOSTIC_JOBS", true))) {
      UUID owner = UUID.randomUUID();
      UUID stranger = UUID.randomUUID();
      Fixtures fixtures = new Fixtures(server.api());
      fixtures.report(stranger, "makes the stranger a user");
      String reportless =
          server
              .api()
              .post(
                  owner,
                  "/cruddy/v2/report_tasks/create",
                  new JsonObject()
                      .put("interval", "@hourly")
                      .put("instance", "00000000-0000-0000-0000-000000000000")
                      .put("job", "diagnostic.sleep"))
              .id();
      String report = fixtures.report(owner, "orphaning");
      String orphaned =
          server.api().post(owner, "/cruddy/v2/report_tasks/create", Fixtures.task(report)).id();
      Instant fire = Instant.parse("2032-01-01T00:00:00Z");
      // due at this test's clock; the orphaned task now belongs to a user who cannot see its report
      TestDatabase.execute(
          server.schema(),
          """
          UPDATE report_tasks SET next_run_at = '%1$s' WHERE id IN ('%2$s', '%3$s');
          UPDATE report_tasks SET owner_id = '%4$s' WHERE id = '%3$s'
          """
              .formatted(fire, reportless, orphaned, stranger));
      Vertx vertx = Vertx.vertx();
      try {
        SchedulerService scheduler =
            new SchedulerService(
                new PgDueTaskRepository(TestPool.open(vertx, server.schema())),
                new FirePlanner(Duration.ofSeconds(60), Duration.ofHours(24), 100),
                new PlacementPlanner(
                    new LiveInstance(java.util.UUID.randomUUID(), "reportless-test"),
                    Duration.ofSeconds(30)),
                new SettableClock(fire.plusMillis(100)),
                100,
                1000,
                dev.periodica.run.RunMeters.none());

        scheduler.tick().toCompletionStage().toCompletableFuture().get();

        assertThat(
                TestDatabase.text(
                    server.schema(),
                    "SELECT concat_ws(',', enabled, paused_reason, run_count) FROM report_tasks"
                        + " WHERE id = '"
                        + reportless
                        + "'"))
            .isEqualTo("t,1");
        assertThat(
                TestDatabase.count(
                    server.schema(),
                    "SELECT count(*) FROM runs WHERE report_id IS NULL AND task_id = '"
                        + reportless
                        + "'"))
            .isEqualTo(1);
        assertThat(
                TestDatabase.text(
                    server.schema(),
                    "SELECT concat_ws(',', enabled, paused_reason) FROM report_tasks WHERE id = '"
                        + orphaned
                        + "'"))
            .isEqualTo("f," + Messages.OWNER_CANNOT_SEE_REPORT);
      } finally {
        vertx.close();
      }
    }
  }
}
