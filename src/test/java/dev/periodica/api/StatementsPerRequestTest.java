package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.StatementCounter;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL statements (round trips to PostgreSQL) an API request costs, counted by a tracer that
 * hears of every statement run on the request's behalf: a regression here costs throughput long
 * before a benchmark notices. (Transaction control is not counted; none of these requests opens a
 * transaction.)
 */
class StatementsPerRequestTest {
  private static final StatementCounter COUNTER = new StatementCounter();
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("DIAGNOSTIC_JOBS", true), COUNTER);
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static List<String> statements(String method, String path) {
    return COUNTER.take(method + " " + path);
  }

  private String task(String report) {
    Response created = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  @Test
  void create_reads_the_report_with_its_users_once_and_writes_in_one_statement() {
    String report = fixtures.report(owner, "create");
    task(report);

    List<String> sql = statements("POST", Api.PREFIX + "/report_tasks/create");

    // the report with its users (the check, kept for the answer), then the insert with its CTEs
    assertThat(sql).as(String.join("\n", sql)).hasSize(2);
    assertThat(sql.stream().filter(s -> s.contains("INSERT"))).hasSize(1);
  }

  @Test
  void get_of_a_task_reads_the_task_with_its_report_and_the_users_in_one_statement() {
    Response created =
        api.post(
            owner,
            Api.PREFIX + "/report_tasks/create",
            Fixtures.task(fixtures.report(owner, "get")));
    String task = created.id();
    JsonObject read = api.get(owner, Api.PREFIX + "/report_tasks/" + task).json();

    List<String> sql = statements("GET", Api.PREFIX + "/report_tasks/" + task);

    assertThat(sql).as(String.join("\n", sql)).hasSize(1);
    // the same body as the create's, which reads the task and its report apart
    assertThat(read).isEqualTo(created.json());
    assertThat(read.getJsonObject("report").getJsonObject("owner").getString("id"))
        .isEqualTo(owner.toString());
  }

  @Test
  void get_of_a_task_that_is_not_its_reports_latest_shows_the_latest_in_the_same_statement() {
    String report = fixtures.report(owner, "two tasks");
    String first = task(report);
    String latest = task(report);
    api.get(owner, Api.PREFIX + "/report_tasks/" + first);

    JsonObject read = api.get(owner, Api.PREFIX + "/report_tasks/" + first).json();
    List<String> sql = statements("GET", Api.PREFIX + "/report_tasks/" + first);

    assertThat(sql).as(String.join("\n", sql)).hasSize(1);
    assertThat(read.getString("id")).isEqualTo(first);
    assertThat(read.getJsonObject("report").getString("task_id")).isEqualTo(latest);
    assertThat(read.getJsonObject("report").getJsonObject("task").getString("id"))
        .isEqualTo(latest);
  }

  @Test
  void the_statements_of_gets_lists_and_creates_are_short_enough_to_stay_prepared() {
    String report = fixtures.report(owner, "cached");
    String first = task(report);
    task(report); // the report's latest, read with the first one's GET
    api.get(owner, Api.PREFIX + "/report_tasks/" + first);
    api.get(owner, Api.PREFIX + "/reports/" + report);
    api.get(owner, Api.PREFIX + "/report_tasks");
    api.get(owner, Api.PREFIX + "/report_queue");

    List<String> sql = new java.util.ArrayList<>();
    sql.addAll(statements("GET", Api.PREFIX + "/report_tasks/" + first));
    sql.addAll(statements("GET", Api.PREFIX + "/reports/" + report));
    sql.addAll(statements("GET", Api.PREFIX + "/report_tasks"));
    sql.addAll(statements("GET", Api.PREFIX + "/report_queue"));
    sql.addAll(statements("POST", Api.PREFIX + "/report_tasks/create"));

    // a longer one is parsed and planned on every execution (2.7 ms for a task's GET)
    assertThat(sql).hasSizeGreaterThanOrEqualTo(6);
    assertThat(sql)
        .allSatisfy(
            statement ->
                assertThat(statement.length())
                    .as(statement)
                    .isLessThanOrEqualTo(dev.periodica.app.PgOptions.CACHED_STATEMENT_MAX_LENGTH));
  }

  @Test
  void get_of_a_task_without_a_report_is_one_statement_and_shows_no_report() {
    JsonObject draft =
        new JsonObject()
            .put("interval", "@yearly")
            .put("instance", "00000000-0000-0000-0000-000000000000")
            .put("job", "diagnostic.sleep")
            .put("params", new JsonObject().put("ms", 0));
    Response created = api.post(owner, Api.PREFIX + "/report_tasks/create", draft);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject read = api.get(owner, Api.PREFIX + "/report_tasks/" + created.id()).json();

    List<String> sql = statements("GET", Api.PREFIX + "/report_tasks/" + created.id());

    assertThat(sql).as(String.join("\n", sql)).hasSize(1);
    assertThat(read).isEqualTo(created.json());
    assertThat(read.getValue("report")).isNull();
    assertThat(api.get(UUID.randomUUID(), Api.PREFIX + "/report_tasks/" + created.id()).status())
        .isEqualTo(404);
  }

  @Test
  void get_of_a_report_with_its_latest_task_and_of_a_run_are_one_statement_each() {
    String report = fixtures.report(owner, "report");
    String task = task(report);
    long run =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    api.get(owner, Api.PREFIX + "/reports/" + report);
    api.get(owner, Api.PREFIX + "/report_queue/" + run);

    JsonObject read = api.get(owner, Api.PREFIX + "/reports/" + report).json();

    assertThat(statements("GET", Api.PREFIX + "/reports/" + report)).hasSize(1);
    assertThat(read.getJsonObject("task").getString("id")).isEqualTo(task);
    assertThat(read.getJsonObject("owner").getString("id")).isEqualTo(owner.toString());
    assertThat(statements("GET", Api.PREFIX + "/report_queue/" + run)).hasSize(1);
  }

  @Test
  void a_runs_list_without_a_count_is_one_statement_and_still_says_whether_there_are_more() {
    UUID lister = UUID.randomUUID();
    String report = fixtures.report(lister, "uncounted");
    String task = api.post(lister, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    String path = Api.PREFIX + "/report_queue";
    JsonObject none = api.get(lister, path + "?count_up_to=0").json();
    assertThat(statements("GET", path)).hasSize(1);
    api.post(lister, Api.PREFIX + "/report_tasks/" + task + "/run", null);

    JsonObject some = api.get(lister, path + "?count_up_to=0").json();

    assertThat(statements("GET", path)).hasSize(1);
    assertThat(none.getLong("total")).isZero();
    assertThat(some.getInteger("total_more_than")).isZero();
    assertThat(some.containsKey("total")).isFalse();
    assertThat(
            api.get(lister, path + "?count_up_to=0&offset=1").json().getInteger("total_more_than"))
        .isZero();
    assertThat(statements("GET", path)).hasSize(2);
  }

  @Test
  void a_list_of_fifty_is_one_statement_with_its_total_and_a_page_past_the_end_two() {
    UUID lister = UUID.randomUUID();
    String report = fixtures.report(lister, "list");
    for (int i = 0; i < 60; i++) {
      api.post(lister, Api.PREFIX + "/report_tasks/create", Fixtures.task(report));
    }

    JsonObject page = api.get(lister, Api.PREFIX + "/report_tasks?limit=50").json();
    List<String> listed = statements("GET", Api.PREFIX + "/report_tasks");
    JsonObject past = api.get(lister, Api.PREFIX + "/report_tasks?limit=50&offset=100").json();
    List<String> pastEnd = statements("GET", Api.PREFIX + "/report_tasks");

    assertThat(page.getJsonArray("items")).hasSize(50);
    assertThat(page.getLong("total")).isEqualTo(60);
    assertThat(listed).hasSize(1);
    assertThat(past.getJsonArray("items")).isEmpty();
    assertThat(past.getLong("total")).isEqualTo(60);
    assertThat(pastEnd).hasSize(2);
  }

  /**
   * A list reads the caller's tasks and their reports' through indexes, not every task of every
   * user: with sequential scans priced out, the plan of the statement the request ran may not scan
   * the table (it would, whatever the price, if no index could answer its conditions).
   */
  @Test
  void a_list_of_tasks_or_reports_is_answered_through_indexes_not_by_reading_every_row() {
    UUID lister = UUID.randomUUID();
    String report = fixtures.report(lister, "indexed");
    assertThat(
            api.post(lister, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).status())
        .isEqualTo(201);

    api.get(lister, Api.PREFIX + "/report_tasks?limit=50");
    String tasks = statements("GET", Api.PREFIX + "/report_tasks").get(0);
    api.get(lister, Api.PREFIX + "/reports?limit=50");
    String reports = statements("GET", Api.PREFIX + "/reports").get(0);

    String taskPlan =
        TestDatabase.planWithoutSeqScans(
            server.schema(), tasks, "'" + lister + "', NULL, NULL, NULL, NULL, NULL, 50, 0");
    String reportPlan =
        TestDatabase.planWithoutSeqScans(
            server.schema(), reports, "'" + lister + "', NULL, NULL, 50, 0");
    assertThat(taskPlan)
        .as(taskPlan)
        .contains("report_tasks")
        .doesNotContain("Seq Scan on report_tasks");
    assertThat(reportPlan).as(reportPlan).contains("reports").doesNotContain("Seq Scan on reports");
  }
}
