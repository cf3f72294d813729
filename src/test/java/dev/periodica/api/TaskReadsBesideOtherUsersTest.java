package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

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
 * How the task list and the GETs of a task and of a report run for a small user beside many others,
 * as in the API benchmark (scripts/bench/api): the lister owns a report with 60 tasks, shared with
 * two users; 20 other users own a report with 1,000 tasks each; 5,000 users more exist.
 */
class TaskReadsBesideOtherUsersTest {
  private static final StatementCounter COUNTER = new StatementCounter();
  private static final UUID LISTER = UUID.randomUUID();
  private static final UUID REPORT = UUID.randomUUID();
  private static final UUID LATEST_TASK = UUID.randomUUID();
  private static final int TASKS = 60;
  private static final int PEOPLE = 3;
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject(), COUNTER);
    api = server.api();
    TestDatabase.execute(
        server.schema(),
        """
        INSERT INTO users (id, created_at, updated_at)
          SELECT gen_random_uuid(), now(), now() FROM generate_series(1, 5000);
        INSERT INTO users (id, created_at, updated_at) VALUES ('%1$s', now(), now());
        INSERT INTO reports (id, owner_id, name, created_at, updated_at)
          VALUES ('%2$s', '%1$s', 'lister''s', now(), now());
        INSERT INTO report_users (report_id, user_id)
          SELECT '%2$s', id FROM users WHERE id <> '%1$s' ORDER BY id LIMIT 2;
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, created_at,
                                  updated_at)
          SELECT CASE WHEN i = %4$d THEN '%3$s'::uuid ELSE gen_random_uuid() END, '%2$s',
                 '%1$s', '0 3 * * *', gen_random_uuid(), now() + i * interval '1 second',
                 now()
          FROM generate_series(1, %4$d) i;
        UPDATE reports SET task_id = '%3$s' WHERE id = '%2$s';
        WITH others AS (
          SELECT id, row_number() OVER (ORDER BY id) AS n FROM users
          WHERE id <> '%1$s' ORDER BY id LIMIT 20)
        INSERT INTO reports (id, owner_id, name, created_at, updated_at)
          SELECT gen_random_uuid(), id, 'other ' || n, now(), now() FROM others;
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, created_at,
                                  updated_at)
          SELECT gen_random_uuid(), r.id, r.owner_id, '0 3 * * *', gen_random_uuid(),
                 now() - i * interval '1 second', now()
          FROM reports r, generate_series(1, 1000) i WHERE r.id <> '%2$s';
        ANALYZE;
        """
            .formatted(LISTER, REPORT, LATEST_TASK, TASKS));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /**
   * The list's statement, prepared as the server prepares it, runs a generic plan from its sixth
   * execution on. A statement whose custom plans look cheaper than its generic plan is planned
   * again at every execution, and planning the list cost more than running it.
   */
  @Test
  void the_task_list_settles_on_a_generic_plan() {
    JsonObject page = api.get(LISTER, Api.PREFIX + "/report_tasks?limit=50").json();
    assertThat(page.getJsonArray("items")).hasSize(50);
    assertThat(page.getLong("total")).isEqualTo(TASKS);
    String list = statement("GET " + Api.PREFIX + "/report_tasks");
    String arguments = "'" + LISTER + "', NULL, NULL, NULL, NULL, NULL, 50, 0";
    assertThat(TestDatabase.genericPlans(server.schema(), list, arguments, 10))
        .as(list)
        .isEqualTo(5);
  }

  /**
   * A task's GET reads its report's people (the owner and the users it is shared with) by their
   * ids, under a custom and under a generic plan, not every user there is.
   */
  @Test
  void a_tasks_get_reads_only_its_reports_people() {
    JsonObject task = api.get(LISTER, Api.PREFIX + "/report_tasks/" + LATEST_TASK).json();
    assertThat(task.getJsonObject("report").getJsonArray("users")).hasSize(PEOPLE - 1);
    String get = statement("GET " + Api.PREFIX + "/report_tasks/" + LATEST_TASK);
    assertUsersReadAtMost(get, "'" + LISTER + "', '" + LATEST_TASK + "'", PEOPLE);
  }

  /** The same for a report's GET. */
  @Test
  void a_reports_get_reads_only_its_people() {
    JsonObject report = api.get(LISTER, Api.PREFIX + "/reports/" + REPORT).json();
    assertThat(report.getJsonArray("users")).hasSize(PEOPLE - 1);
    String get = statement("GET " + Api.PREFIX + "/reports/" + REPORT);
    assertUsersReadAtMost(get, "'" + LISTER + "', '" + REPORT + "'", PEOPLE);
  }

  /** The one statement the request ran. */
  private static String statement(String request) {
    List<String> statements = COUNTER.take(request);
    assertThat(statements).hasSize(1);
    return statements.get(0);
  }

  private static void assertUsersReadAtMost(String sql, String arguments, long bound) {
    for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
      String plan = TestDatabase.executedPlan(server.schema(), sql, arguments, mode);
      JsonObject root = new JsonArray(plan).getJsonObject(0).getJsonObject("Plan");
      assertThat(usersRead(root)).as(mode + "\n" + plan).isLessThanOrEqualTo(bound);
    }
  }

  /** The rows the executed plan's scans of {@code users} looked at, kept or filtered out. */
  private static long usersRead(JsonObject node) {
    long read = 0;
    if ("users".equals(node.getString("Relation Name"))) {
      read +=
          (node.getLong("Actual Rows", 0L)
                  + node.getLong("Rows Removed by Filter", 0L)
                  + node.getLong("Rows Removed by Index Recheck", 0L))
              * node.getLong("Actual Loops", 0L);
    }
    JsonArray children = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < children.size(); i++) {
      read += usersRead(children.getJsonObject(i));
    }
    return read;
  }
}
