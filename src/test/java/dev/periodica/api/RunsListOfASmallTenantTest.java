package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.RunStatus;
import dev.periodica.support.Api;
import dev.periodica.support.StatementCounter;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runs page of a small tenant beside a large one (docs/benchmarks.md: 1.2 s at a million runs,
 * walking the primary key backwards through the large tenant's runs): a big user owns 10 tasks and
 * 20,000 runs, a small user one task and 30 runs, all older than the big user's.
 */
class RunsListOfASmallTenantTest {
  private static final StatementCounter COUNTER = new StatementCounter();
  private static final UUID BIG = UUID.randomUUID();
  private static final UUID SMALL = UUID.randomUUID();
  private static final int SMALL_RUNS = 30;
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject(), COUNTER);
    api = server.api();
    TestDatabase.execute(
        server.schema(),
        """
        INSERT INTO users (id, created_at, updated_at) VALUES ('%1$s', now(), now()),
                                                              ('%2$s', now(), now());
        INSERT INTO reports (id, owner_id, name, created_at, updated_at)
          VALUES ('%1$s', '%1$s', 'big', now(), now()), ('%2$s', '%2$s', 'small', now(), now());
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, enabled,
                                  created_at, updated_at)
          SELECT gen_random_uuid(), u.id, u.id, '@yearly', '%3$s', 'diagnostic.sleep', false,
                 now(), now()
          FROM users u, generate_series(1, 10) i
          WHERE u.id = '%1$s' OR (u.id = '%2$s' AND i = 1);
        ALTER TABLE runs DISABLE TRIGGER runs_events_inserted;
        INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance, progress,
                          started_at, ended_at, created_at, updated_at)
        SELECT t.id, t.report_id, CASE WHEN i %% 50 = 1 THEN 'error' ELSE 'complete' END,
               timestamptz 'epoch' + i * interval '1 second', '%3$s', 100, now(), now(),
               now(), now()
        FROM (SELECT t.*, row_number() OVER (ORDER BY t.owner_id = '%1$s', t.id) AS n,
                     count(*) OVER () AS tasks
              FROM report_tasks t) t
        JOIN generate_series(1, %4$d) i
          ON CASE WHEN t.owner_id = '%2$s' THEN i <= %5$d
                  ELSE i > %5$d AND (i %% (t.tasks - 1)) + 2 = t.n END
        ORDER BY i;
        ALTER TABLE runs ENABLE TRIGGER runs_events_inserted;
        ANALYZE;
        """
            .formatted(BIG, SMALL, UUID.randomUUID(), 20_000 + SMALL_RUNS, SMALL_RUNS));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /**
   * The small user's first page, as the server ran it, executed under a custom and under a generic
   * plan, reads none of the big user's runs: only runs of the small user's own task, found through
   * an index on the task (at most once for each status the page may show).
   */
  @Test
  void the_small_tenants_first_page_reads_none_of_the_big_tenants_runs() {
    assertThat(
            TestDatabase.count(
                server.schema(),
                "SELECT count(*) FROM runs r JOIN report_tasks t ON t.id = r.task_id"
                    + " WHERE t.owner_id = '"
                    + SMALL
                    + "' AND r.id < (SELECT min(id) FROM runs WHERE report_id = '"
                    + BIG
                    + "')"))
        .as("the small user's runs are all older than the big user's")
        .isEqualTo(SMALL_RUNS);
    assertThat(server.count("runs")).isEqualTo(20_000 + SMALL_RUNS);
    assertFirstPageReadsAtMost(SMALL, (long) SMALL_RUNS * RunStatus.values().length);
  }

  /**
   * The big user's first page, under either plan, reads at most a page of runs for each of their
   * tasks and statuses, not all 20,000 of their runs (a generic plan that expected the optional
   * filters to leave one run per task and status read every run of each).
   */
  @Test
  void the_big_tenants_first_page_reads_at_most_a_page_per_task_and_status() {
    assertFirstPageReadsAtMost(BIG, 25L * RunStatus.values().length * 10);
  }

  private static void assertFirstPageReadsAtMost(UUID viewer, long bound) {
    JsonObject page = api.get(viewer, Api.PREFIX + "/report_queue?limit=25").json();
    assertThat(page.getJsonArray("items")).hasSize(25);
    String list =
        COUNTER.take("GET " + Api.PREFIX + "/report_queue").stream()
            .filter(sql -> sql.contains("OFFSET $11"))
            .findFirst()
            .orElseThrow();
    // the repository's arguments: viewer, no status, no other filter, limit, offset (and, for the
    // list read task by task, the statuses to read)
    String arguments =
        "'"
            + viewer
            + "', '{}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 25, 0"
            + (list.contains("$12")
                ? ", '{new,in_action,complete,cancel,error,need_restart,cancel_too_long}'"
                : "");
    for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
      String plan = TestDatabase.executedPlan(server.schema(), list, arguments, mode);
      JsonObject root = new JsonArray(plan).getJsonObject(0).getJsonObject("Plan");
      assertThat(runsRead(root)).as(viewer + " " + mode + "\n" + plan).isLessThanOrEqualTo(bound);
    }
  }

  /** The rows the executed plan's scans of {@code runs} looked at, kept or filtered out. */
  private static long runsRead(JsonObject node) {
    long read = 0;
    if ("runs".equals(node.getString("Relation Name"))) {
      read +=
          (node.getLong("Actual Rows", 0L)
                  + node.getLong("Rows Removed by Filter", 0L)
                  + node.getLong("Rows Removed by Index Recheck", 0L))
              * node.getLong("Actual Loops", 0L);
    }
    JsonArray children = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < children.size(); i++) {
      read += runsRead(children.getJsonObject(i));
    }
    return read;
  }
}
