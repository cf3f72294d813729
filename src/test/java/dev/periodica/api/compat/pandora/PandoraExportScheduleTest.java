package dev.periodica.api.compat.pandora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An export task created through seed 002 runs on its schedule (a crontab firing every second, on
 * an engine ticking every 100 ms), each run exports the spl's rows as CSV, and the task's history
 * shows each run, numbered, with its status, message and duration.
 */
class PandoraExportScheduleTest {
  private static TestServer server;
  private static Pandora pandora;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    String schema = TestServer.newSchema();
    server =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", schema + "_ds")
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100));
    TestDatabase.execute(
        schema,
        """
        CREATE SCHEMA IF NOT EXISTS %1$s_ds;
        CREATE TABLE %1$s_ds.hits (host text, hits integer);
        INSERT INTO %1$s_ds.hits VALUES ('b, "quoted"', 5), ('a', 3);
        """
            .formatted(schema));
    pandora = new Pandora(server.port());
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + server.schema() + "_ds CASCADE");
    server.close();
  }

  private String createEverySecond(String name, String spl) {
    var created =
        pandora.post(
            owner,
            "/task",
            new JsonObject()
                .put("name", name)
                .put("spl", spl)
                .put(
                    "interval",
                    new JsonObject().put("type", "crontab").put("crontab", "* * * * * ?")));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.id();
  }

  private JsonObject history(String id, String query) {
    var answer = pandora.get(owner, "/task/" + id + "/history" + query);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  /** The history once {@code done} holds for it; fails after 30 s. */
  private JsonObject awaitHistory(String id, Predicate<JsonArray> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonObject page = null;
    while (Instant.now().isBefore(deadline)) {
      page = history(id, "?sort=count&order=asc&pageSize=100");
      if (done.test(page.getJsonArray("histories"))) {
        return page;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the history did not get there; last seen: " + page);
  }

  private static long countWith(JsonArray rows, String status) {
    return rows.stream()
        .filter(row -> status.equals(((JsonObject) row).getString("status")))
        .count();
  }

  @Test
  void an_export_task_runs_on_its_schedule_and_its_history_shows_each_run_and_its_csv()
      throws Exception {
    String id = createEverySecond("every-second", "SELECT host, hits FROM hits ORDER BY host");

    JsonObject page = awaitHistory(id, rows -> countWith(rows, "success") >= 3);
    pandora.put(
        owner,
        "/tasks/status",
        new JsonObject().put("tasks", new JsonArray().add(id)).put("status", "stopped"));

    JsonArray rows = page.getJsonArray("histories");
    assertThat(page.getInteger("total")).isEqualTo(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject row = rows.getJsonObject(i);
      assertThat(row.fieldNames())
          .containsExactly("taskId", "count", "time", "status", "message", "tookMillis");
      assertThat(row.getString("taskId")).isEqualTo(id);
      assertThat(row.getValue("count")).isEqualTo(i + 1);
      assertThat(row.getString("status")).isIn("success", "running");
      assertThat(row.getLong("tookMillis")).isNotNegative();
      if (i > 0) {
        // one run per fire time, a second apart
        assertThat(row.getLong("time") - rows.getJsonObject(i - 1).getLong("time"))
            .isGreaterThanOrEqualTo(500);
      }
    }
    JsonObject first = rows.getJsonObject(0);
    assertThat(first.getString("status")).isEqualTo("success");
    assertThat(first.getValue("message")).isNull();

    // the list counts the runs and knows the last
    JsonObject task =
        pandora
            .get(owner, "/task/list?prefix=every-second")
            .json()
            .getJsonArray("tasks")
            .getJsonObject(0);
    assertThat(task.getLong("count")).isGreaterThanOrEqualTo(rows.size());
    assertThat(task.getLong("lastRunTime")).isGreaterThan(0);

    // each run exported the spl's rows as CSV
    JsonArray runs =
        api.get(owner, Api.PREFIX + "/report_queue?task_id=" + id + "&status=complete&limit=100")
            .json()
            .getJsonArray("items");
    assertThat(runs.size()).isGreaterThanOrEqualTo(3);
    for (Object run : runs) {
      JsonObject done = (JsonObject) run;
      assertThat(done.getJsonObject("result").getString("format")).isEqualTo("csv");
      assertThat(done.getJsonObject("result").getInteger("rows")).isEqualTo(2);
      var file = api.get(owner, Api.PREFIX + "/report_queue/" + done.getLong("id") + "/file");
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      assertThat(file.body()).isEqualTo("host,hits\r\na,3\r\n\"b, \"\"quoted\"\"\",5\r\n");
    }
  }

  @Test
  void a_failing_run_shows_failed_with_its_message_and_the_history_filters_sorts_and_pages()
      throws Exception {
    // prepared without error when saved; fails on the row with hits = 3 when run
    String id = createEverySecond("failing", "SELECT host, 1 / (hits - 3) AS x FROM hits");

    JsonObject page = awaitHistory(id, rows -> countWith(rows, "failed") >= 2);
    pandora.put(
        owner,
        "/tasks/status",
        new JsonObject().put("tasks", new JsonArray().add(id)).put("status", "stopped"));

    JsonObject failed =
        page.getJsonArray("histories").stream()
            .map(JsonObject.class::cast)
            .filter(row -> row.getString("status").equals("failed"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getString("message")).contains("division by zero");

    Thread.sleep(1500); // the last runs end after the task stopped firing
    JsonObject all = history(id, "?pageSize=100");
    int total = all.getInteger("total");
    assertThat(total).isGreaterThanOrEqualTo(2);
    // newest first by default
    List<Integer> counts =
        all.getJsonArray("histories").stream()
            .map(row -> ((JsonObject) row).getInteger("count"))
            .toList();
    assertThat(counts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(history(id, "?prefix=fail&pageSize=100").getInteger("total"))
        .isEqualTo((int) countWith(all.getJsonArray("histories"), "failed"));
    assertThat(history(id, "?prefix=success").getInteger("total")).isZero();
    assertThat(history(id, "?prefix=nothing").getJsonArray("histories")).isEmpty();

    JsonObject second = history(id, "?sort=count&order=asc&pageNo=2&pageSize=1");
    assertThat(second.getInteger("total")).isEqualTo(total);
    assertThat(second.getInteger("pageNo")).isEqualTo(2);
    assertThat(second.getInteger("pageSize")).isEqualTo(1);
    assertThat(second.getJsonArray("histories").getJsonObject(0).getInteger("count")).isEqualTo(2);
    for (String sort : List.of("time", "status", "tookMillis")) {
      assertThat(history(id, "?sort=" + sort + "&order=asc&pageSize=100").getInteger("total"))
          .isEqualTo(total);
    }
    var badSort = pandora.get(owner, "/task/" + id + "/history?sort=name");
    assertThat(badSort.status()).isEqualTo(400);
    assertThat(badSort.json().getString("message"))
        .isEqualTo("sort must be one of time, count, status, tookMillis");
    var stranger = pandora.get(UUID.randomUUID(), "/task/" + id + "/history");
    assertThat(stranger.status()).isEqualTo(404);
  }
}
