package dev.periodica.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database under 10,000 tasks firing every second: every fire time of every
 * task gets exactly one run (no duplicate, no gap), and both instances do work.
 */
class TwoInstancesExactlyOnceTest {
  private static final int TASKS = 10_000;

  @Test
  void ten_thousand_tasks_on_two_instances_get_exactly_one_run_per_fire_time() throws Exception {
    String schema = TestServer.newSchema();
    try (TestServer first = TestServer.startFastEngine(schema);
        TestServer second = TestServer.startFastEngine(schema)) {
      UUID owner = UUID.randomUUID();
      String report = new Fixtures(first.api()).report(owner, "load");
      TestDatabase.execute(
          schema,
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
            overlap, misfire, next_run_at, created_at, updated_at)
          SELECT gen_random_uuid(), '%s', '%s', '@every 1s',
                 '00000000-0000-0000-0000-000000000000', 'diagnostic.sleep', '{"ms": 0}',
                 'allow', 'all', date_trunc('second', now()) + interval '1 second', now(), now()
          FROM generate_series(1, %d)
          """
              .formatted(report, owner, TASKS));

      Thread.sleep(5_000);
      TestDatabase.execute(schema, "UPDATE report_tasks SET enabled = false");
      Thread.sleep(1_000);

      long duplicates =
          TestDatabase.count(
              schema,
              """
              SELECT count(*) FROM (SELECT task_id, scheduled_for FROM runs
                                    GROUP BY task_id, scheduled_for HAVING count(*) > 1) d
              """);
      long tasksWithGaps =
          TestDatabase.count(
              schema,
              """
              SELECT count(*) FROM (
                SELECT task_id, count(*) AS runs,
                       extract(epoch FROM max(scheduled_for) - min(scheduled_for)) AS span
                FROM runs GROUP BY task_id) per_task
              WHERE runs <> span + 1
              """);
      long tasksFired = TestDatabase.count(schema, "SELECT count(DISTINCT task_id) FROM runs");
      long runs = TestDatabase.count(schema, "SELECT count(*) FROM runs");
      long executingInstances =
          TestDatabase.count(
              schema, "SELECT count(DISTINCT instance_id) FROM runs WHERE instance_id IS NOT NULL");

      assertThat(duplicates).isZero();
      assertThat(tasksWithGaps).isZero();
      assertThat(tasksFired).isEqualTo(TASKS);
      assertThat(runs).isGreaterThanOrEqualTo(2L * TASKS);
      assertThat(executingInstances).isEqualTo(2);
      assertThat(
              first
                  .api()
                  .get(TestServer.ADMIN, Api.PREFIX + "/instances")
                  .json()
                  .getJsonArray("items"))
          .hasSize(2);
    }
  }
}
