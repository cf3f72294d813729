package dev.periodica.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code dataset.export}: one read-only query over the datasets, exported per run as a file. */
class DatasetExportApiTest {
  private static final String CREATE = Api.PREFIX + "/report_tasks/create";
  private static TestServer server;
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
                .put("WORKER_POLL_MS", 100));
    TestDatabase.execute(
        schema,
        """
        CREATE SCHEMA IF NOT EXISTS %1$s_ds;
        CREATE TABLE %1$s_ds.hits (host text, hits integer, seen timestamptz);
        INSERT INTO %1$s_ds.hits VALUES ('a', 3, now()), ('b, "quoted"', 5, now()),
                                        ('c', 7, now() - interval '2 days');
        CREATE TABLE %1$s.private_notes (secret text);
        """
            .formatted(schema));
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + server.schema() + "_ds CASCADE");
    server.close();
  }

  private static JsonObject export(JsonObject params) {
    return new JsonObject()
        .put("interval", "@daily")
        .put("instance", "00000000-0000-0000-0000-000000000000")
        .put("job", "dataset.export")
        .put("params", params);
  }

  private JsonObject runNow(JsonObject task) throws InterruptedException {
    Response created = api.post(owner, CREATE, task);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getValue("report_id")).isNull();
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + created.id() + "/run", null)
            .json()
            .getLong("id");
    return Runs.awaitEnded(api, owner, id);
  }

  @Test
  void a_raw_sql_export_writes_a_csv_with_a_line_per_row_and_records_the_row_count()
      throws Exception {
    JsonObject run =
        runNow(
            export(
                new JsonObject()
                    .put("sql", "SELECT host, hits FROM hits WHERE hits >= ${min} ORDER BY host")
                    .put("constants", new JsonObject().put("min", 4))));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    JsonObject result = run.getJsonObject("result");
    assertThat(result.getInteger("rows")).isEqualTo(2);
    assertThat(result.getString("format")).isEqualTo("csv");
    assertThat(result.getString("file")).endsWith(".csv");
    Response file = api.get(owner, Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(file.body()).isEqualTo("host,hits\r\n\"b, \"\"quoted\"\"\",5\r\nc,7\r\n");
    assertThat(run.getJsonObject("file").getInteger("size"))
        .isEqualTo(file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void a_structured_query_export_over_a_period_writes_json() throws Exception {
    JsonObject run =
        runNow(
            export(
                new JsonObject()
                    .put(
                        "query",
                        new JsonObject()
                            .put("dataset", "hits")
                            .put(
                                "fields",
                                new JsonArray()
                                    .add(new JsonObject().put("field", "host"))
                                    .add(new JsonObject().put("field", "hits")))
                            .put(
                                "order_by",
                                new JsonArray().add(new JsonObject().put("field", "host"))))
                    .put("period", new JsonArray().add("now-1d").add("now"))
                    .put("format", "json")));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getJsonObject("result").getInteger("rows")).isEqualTo(2);
    // an export streams a JSON array of row objects, in the columns' order
    JsonArray file =
        new JsonArray(
            api.get(owner, Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file").body());
    assertThat(file.getJsonObject(0).fieldNames()).containsExactly("host", "hits");
    assertThat(file)
        .containsExactly(
            new JsonObject().put("host", "a").put("hits", 3),
            new JsonObject().put("host", "b, \"quoted\"").put("hits", 5));
  }

  @Test
  void its_query_is_checked_when_saved_like_a_report_series() {
    long before = server.count("report_tasks");

    Response missingTable =
        api.post(owner, CREATE, export(new JsonObject().put("sql", "SELECT * FROM nowhere")));
    Response notReadable =
        api.post(
            owner,
            CREATE,
            export(
                new JsonObject()
                    .put("sql", "SELECT * FROM " + server.schema() + ".private_notes")));
    Response both =
        api.post(
            owner,
            CREATE,
            export(
                new JsonObject()
                    .put("sql", "SELECT 1")
                    .put("query", new JsonObject().put("dataset", "hits"))));
    Response neither = api.post(owner, CREATE, export(new JsonObject()));
    Response pdf =
        api.post(
            owner, CREATE, export(new JsonObject().put("sql", "SELECT 1").put("format", "pdf")));
    Response unknownDataset =
        api.post(
            owner,
            CREATE,
            export(new JsonObject().put("query", new JsonObject().put("dataset", "nope"))));

    assertThat(missingTable.status()).isEqualTo(400);
    assertThat(missingTable.error()).startsWith("params.sql: ").contains("nowhere");
    assertThat(notReadable.status()).isEqualTo(400);
    assertThat(notReadable.error()).startsWith("params.sql: ").contains("permission denied");
    assertThat(both.error()).isEqualTo("params should hold exactly one of sql and query");
    assertThat(neither.error()).isEqualTo("params should hold exactly one of sql and query");
    assertThat(pdf.error()).isEqualTo("params.format must be one of csv, json, xlsx");
    assertThat(unknownDataset.error()).isEqualTo("params.query: dataset nope does not exist");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void constants_and_the_period_its_query_binds_are_checked_when_saved() {
    long before = server.count("report_tasks");
    String sql = "SELECT host FROM hits WHERE hits >= ${min}";

    Response missing = api.post(owner, CREATE, export(new JsonObject().put("sql", sql)));
    Response notAValue =
        api.post(
            owner,
            CREATE,
            export(
                new JsonObject()
                    .put("sql", sql)
                    .put("constants", new JsonObject().put("min", new JsonObject()))));
    Response noPeriod =
        api.post(
            owner,
            CREATE,
            export(
                new JsonObject()
                    .put("sql", "SELECT host FROM hits WHERE seen >= ${period_start}")));
    Response structured =
        api.post(
            owner,
            CREATE,
            export(
                new JsonObject()
                    .put(
                        "query",
                        new JsonObject()
                            .put("dataset", "hits")
                            .put(
                                "fields",
                                new JsonArray().add(new JsonObject().put("field", "host")))
                            .put(
                                "filters",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("field", "hits")
                                            .put("operator", "gte")
                                            .put("value", "${min}"))))));
    Response bound =
        api.post(
            owner,
            CREATE,
            export(
                    new JsonObject()
                        .put("sql", sql)
                        .put("constants", new JsonObject().put("min", 4)))
                .put("enabled", false));

    // each was saved, and every run of it failed
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).isEqualTo("params.sql: the task has no parameter min");
    assertThat(notAValue.error())
        .isEqualTo("params.sql: the task parameter min should be text, a number or a boolean");
    assertThat(noPeriod.error())
        .isEqualTo("params.sql: ${period_start} needs a period on the series or the report");
    assertThat(structured.error()).isEqualTo("params.query: the task has no parameter min");
    assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
    assertThat(server.count("report_tasks")).isEqualTo(before + 1); // the bound one alone
  }

  @Test
  void a_structured_export_may_have_a_limit_up_to_the_export_row_cap_not_the_series_cap()
      throws Exception {
    JsonObject query =
        new JsonObject()
            .put("dataset", "hits")
            .put("fields", new JsonArray().add(new JsonObject().put("field", "host")));

    // QUERY_ROW_CAP (10000 here) bounds a report series; EXPORT_ROW_CAP (10000000) an export
    JsonObject run =
        runNow(export(new JsonObject().put("query", query.copy().put("limit", 20_000))));
    Response past =
        api.post(
            owner,
            CREATE,
            export(new JsonObject().put("query", query.copy().put("limit", 10_000_001))));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getJsonObject("result").getInteger("rows")).isEqualTo(3);
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.error())
        .isEqualTo("params.query: query limit should be an integer from 1 to 10000000");
  }
}
