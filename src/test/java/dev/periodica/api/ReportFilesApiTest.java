package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A report run produces a real file from real data, stored and downloadable by who may see it. */
class ReportFilesApiTest {
  private static TestServer server;
  private static Api api;
  private static Path reportsDir;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    String schema = TestServer.newSchema();
    reportsDir = Files.createTempDirectory("periodica-reports");
    server =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", schema + "_ds")
                .put("REPORTS_DIR", reportsDir.toString())
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("RETENTION_SWEEP_SECONDS", 1));
    TestDatabase.execute(
        schema,
        """
        CREATE SCHEMA IF NOT EXISTS %1$s_ds;
        CREATE TABLE %1$s_ds.events (time timestamptz, category text, value numeric);
        INSERT INTO %1$s_ds.events
        SELECT now() - i * interval '1 minute', (ARRAY['db', 'web, "edge"'])[1 + i %% 2], i
        FROM generate_series(1, 100) AS i;
        """
            .formatted(schema));
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + server.schema() + "_ds CASCADE");
    server.close();
  }

  private JsonObject runReport(String format) throws Exception {
    return runReport(format, byCategory(), new JsonObject());
  }

  private static JsonObject byCategory() {
    return new JsonObject()
        .put("name", "by category")
        .put("period", new JsonArray().add("now-1d").add("now"))
        .put(
            "query",
            new JsonObject()
                .put("dataset", "events")
                .put(
                    "fields",
                    new JsonArray()
                        .add(new JsonObject().put("field", "category"))
                        .add(
                            new JsonObject()
                                .put("alias", "n")
                                .put("aggregation", new JsonObject().put("func", "count"))))
                .put("order_by", new JsonArray().add(new JsonObject().put("field", "category"))));
  }

  private static JsonObject widget(JsonObject series) {
    return new JsonObject().put("name", "Events").put("series", new JsonArray().add(series));
  }

  private static JsonObject reportWith(JsonObject widget) {
    return new JsonObject()
        .put("name", "Отчёт")
        .put(
            "config",
            new JsonObject()
                .put(
                    "pages",
                    new JsonArray()
                        .add(new JsonArray().add(new JsonObject().put("widget", widget)))))
        .put(
            "settings",
            new JsonObject().put("general", new JsonObject().put("name_mask", "{report} {date}")));
  }

  private JsonObject runReport(String format, JsonObject series, JsonObject constants)
      throws Exception {
    return runReportOf(format, reportWith(widget(series)), constants);
  }

  private JsonObject runReportOf(String format, JsonObject report, JsonObject constants)
      throws Exception {
    String reportId = new Fixtures(api).report(owner, report);
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(reportId)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put(
                        "params",
                        format == null
                            ? new JsonObject().put("constants", constants)
                            : new JsonObject().put("format", format).put("constants", constants)))
            .id();
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    return Runs.awaitFinished(api, owner, id);
  }

  @Test
  void a_csv_report_is_built_from_the_data_and_downloaded_with_its_headers() throws Exception {
    JsonObject run = runReport("csv");

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    JsonObject file = run.getJsonObject("file");
    assertThat(file.getString("name")).startsWith("Отчёт ").endsWith(".csv");
    Response download = api.get(owner, Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body())
        .isEqualTo(
            "page,widget,series,category,n\r\n"
                + "1,Events,by category,db,50\r\n"
                + "1,Events,by category,\"web, \"\"edge\"\"\",50\r\n");
    assertThat(download.headers().firstValue("Content-Type")).contains("text/csv; charset=utf-8");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82");
    assertThat(download.headers().firstValue("ETag"))
        .contains("\"" + file.getString("checksum") + "\"");
    assertThat(download.headers().firstValueAsLong("Content-Length"))
        .hasValue(file.getLong("size"));
  }

  @Test
  void a_long_non_latin_report_name_is_stored_and_downloaded_under_its_full_name()
      throws Exception {
    String name = "週間エラー報告".repeat(20).substring(0, 120);
    JsonObject report =
        reportWith(widget(byCategory()))
            .put("name", name)
            .put(
                "settings",
                new JsonObject().put("general", new JsonObject().put("name_mask", "{report}")));

    JsonObject run = runReportOf("csv", report, new JsonObject());

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getJsonObject("file").getString("name")).isEqualTo(name + ".csv");
    Response download = api.get(owner, Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file");
    assertThat(download.status()).isEqualTo(200);
    String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
    assertThat(disposition)
        .startsWith("attachment; filename=\"" + "_".repeat(120) + ".csv\"")
        .endsWith(
            "filename*=UTF-8''"
                + java.net.URLEncoder.encode(
                    name + ".csv", java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void a_raw_sql_series_runs_as_the_reader_with_bound_parameters() throws Exception {
    JsonObject series =
        new JsonObject()
            .put("name", "raw")
            .put("period", new JsonArray().add("now-1d").add("now"))
            .put(
                "sql",
                "SELECT category, count(*) AS n FROM events WHERE time >= ${period_start}"
                    + " AND time < ${period_end} AND category <> ${skip}"
                    + " GROUP BY category ORDER BY category");

    JsonObject run = runReport("csv", series, new JsonObject().put("skip", "db"));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(api.get(owner, Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file").body())
        .isEqualTo("page,widget,series,category,n\r\n1,Events,raw,\"web, \"\"edge\"\"\",50\r\n");
  }

  @Test
  void a_raw_sql_series_failing_at_run_time_ends_the_run_in_error_with_the_reason()
      throws Exception {
    JsonObject series =
        new JsonObject()
            .put("name", "raw")
            .put("sql", "SELECT value / (value - value) AS ratio FROM events");

    JsonObject run = runReport("csv", series, new JsonObject());

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("error");
    assertThat(run.encode()).contains("division by zero");
  }

  @Test
  void a_raw_sql_series_the_database_cannot_read_is_refused_when_saved() {
    Response missingColumn =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            reportWith(widget(new JsonObject().put("sql", "SELECT colour FROM events"))));
    Response otherSchema =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            reportWith(
                widget(
                    new JsonObject().put("sql", "SELECT id FROM " + server.schema() + ".runs"))));
    Response twoStatements =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            reportWith(widget(new JsonObject().put("sql", "SELECT 1; DROP TABLE events"))));

    assertThat(missingColumn.status()).isEqualTo(400);
    assertThat(missingColumn.error()).isEqualTo("series 1: column \"colour\" does not exist");
    assertThat(otherSchema.status()).isEqualTo(400);
    assertThat(otherSchema.error())
        .isEqualTo("series 1: permission denied for schema " + server.schema());
    assertThat(twoStatements.status()).isEqualTo(400);
    assertThat(twoStatements.error()).isEqualTo("series 1: sql should be a single statement");
  }

  @Test
  void a_raw_sql_series_over_a_table_the_reader_may_not_read_is_refused_when_saved() {
    TestDatabase.execute(
        server.schema(),
        """
        CREATE TABLE %1$s_ds.payroll (name text, salary numeric, paid timestamptz);
        REVOKE ALL ON %1$s_ds.payroll FROM periodica_reader;
        """
            .formatted(server.schema()));
    long before = TestDatabase.count(server.schema(), "SELECT count(*) FROM reports");

    Response plain =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            reportWith(widget(new JsonObject().put("sql", "SELECT name FROM payroll"))));
    Response withParameters =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            reportWith(
                widget(
                    new JsonObject()
                        .put("period", new JsonArray().add("now-1d").add("now"))
                        .put(
                            "sql",
                            "SELECT e.category, p.salary FROM events e JOIN payroll p"
                                + " ON p.name = e.category WHERE p.paid >= ${period_start}"
                                + " AND p.salary > ${floor}"))));
    Response readable =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            reportWith(
                widget(
                    new JsonObject()
                        .put("sql", "SELECT category FROM events WHERE value > ${floor}"))));

    for (Response refused : List.of(plain, withParameters)) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(refused.error()).isEqualTo("series 1: permission denied for table payroll");
    }
    assertThat(readable.status()).as(readable.toString()).isEqualTo(201);
    assertThat(TestDatabase.count(server.schema(), "SELECT count(*) FROM reports"))
        .isEqualTo(before + 1);
  }

  private byte[] download(JsonObject run) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://localhost:"
                        + server.port()
                        + Api.PREFIX
                        + "/report_queue/"
                        + run.getLong("id")
                        + "/file"))
            .header("Pgr-User-Id", owner.toString())
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  @Test
  void a_pdf_holds_text_widgets_headings_and_descriptions_beside_the_data() throws Exception {
    JsonObject text =
        new JsonObject()
            .put("name", "Notes")
            .put(
                "config",
                new JsonObject()
                    .put(
                        "settings",
                        new JsonObject()
                            .put("kind", "text")
                            .put("base", new JsonObject().put("name", "Заметки"))
                            .put(
                                "settings",
                                new JsonObject().put("text", "All systems nominal. 一切正常"))));
    JsonObject chart =
        new JsonObject()
            .put("name", "Events")
            .put(
                "config",
                new JsonObject()
                    .put("series", new JsonArray().add(byCategory()))
                    .put(
                        "settings",
                        new JsonObject()
                            .put("kind", "bar")
                            .put(
                                "base",
                                new JsonObject()
                                    .put("name", "Events by category")
                                    .put("description", "Counted over the last day"))));
    JsonObject report = reportWith(text);
    report
        .getJsonObject("config")
        .getJsonArray("pages")
        .add(new JsonArray().add(new JsonObject().put("widget", chart)));

    JsonObject run = runReportOf("pdf", report, new JsonObject());

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    try (var document = org.apache.pdfbox.Loader.loadPDF(download(run))) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      var stripper = new org.apache.pdfbox.text.PDFTextStripper();
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      assertThat(stripper.getText(document)).contains("Заметки").contains("一切正常");
      stripper.setStartPage(2);
      stripper.setEndPage(2);
      assertThat(stripper.getText(document))
          .contains("Events by category")
          .contains("Counted over the last day")
          .contains("db");
    }
  }

  @Test
  void the_default_format_is_a_pdf_with_the_data() throws Exception {
    JsonObject run = runReport(null);

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getJsonObject("file").getString("content_type")).isEqualTo("application/pdf");
    assertThat(run.getJsonObject("file").getString("name")).endsWith(".pdf");
    try (var document = org.apache.pdfbox.Loader.loadPDF(download(run))) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
          .contains("Events")
          .contains("db")
          .contains("50");
    }
  }

  @Test
  void an_xlsx_report_round_trips_the_query_results() throws Exception {
    JsonObject run = runReport("xlsx");
    byte[] bytes = download(run);

    try (var workbook =
            new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(bytes));
        var rows = workbook.getFirstSheet().openStream()) {
      List<List<String>> cells =
          rows.map(row -> row.stream().map(cell -> cell == null ? "" : cell.getRawValue()).toList())
              .toList();
      assertThat(cells.get(0)).containsExactly("category", "n");
      assertThat(cells.get(1)).containsExactly("db", "50");
      assertThat(cells.get(2)).containsExactly("web, \"edge\"", "50");
    }
  }

  @Test
  void deleting_a_report_also_removes_its_stored_files() throws Exception {
    JsonObject run = runReport("csv");
    String reportId = run.getString("report_id");
    Path file = storedFile(run.getLong("id"));

    assertThat(api.delete(owner, Api.PREFIX + "/reports/" + reportId).status()).isEqualTo(204);
    Instant deadline = Instant.now().plusSeconds(10);
    while (Files.exists(file) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }

    assertThat(file).doesNotExist();
  }

  private static Path storedFile(long runId) throws Exception {
    try (Stream<Path> stored = Files.walk(reportsDir)) {
      return stored
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith(runId + "-"))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void a_json_report_keeps_the_report_structure() throws Exception {
    JsonObject run = runReport("json");

    JsonObject body =
        new JsonObject(
            api.get(owner, Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file").body());
    JsonObject series = body.getJsonArray("series").getJsonObject(0);
    assertThat(body.getString("report")).isEqualTo("Отчёт");
    assertThat(series.getJsonArray("columns").getList()).containsExactly("category", "n");
    assertThat(series.getJsonArray("rows")).hasSize(2);
  }

  /** A run that ends in error: its task holds a format saved before formats were checked. */
  private JsonObject runReportSavedWithAFormatThatIsNotOne() throws Exception {
    String reportId = new Fixtures(api).report(owner, reportWith(widget(byCategory())));
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(reportId).put("instance", "00000000-0000-0000-0000-000000000000"))
            .id();
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET params = '{\"format\": \"docx\"}' WHERE id = '" + task + "'");
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    return Runs.awaitFinished(api, owner, id);
  }

  @Test
  void others_cannot_download_and_missing_files_answer_409_or_410() throws Exception {
    JsonObject done = runReport("csv");
    JsonObject failed = runReportSavedWithAFormatThatIsNotOne();
    String path = Api.PREFIX + "/report_queue/" + done.getLong("id") + "/file";

    assertThat(api.get(UUID.randomUUID(), path).status()).isEqualTo(404);
    Response noFile =
        api.get(owner, Api.PREFIX + "/report_queue/" + failed.getLong("id") + "/file");
    assertThat(noFile.status()).isEqualTo(409);
    assertThat(noFile.error()).isEqualTo("the run has no file yet (it is error)");
    try (Stream<Path> stored = Files.walk(reportsDir)) {
      stored
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith(done.getLong("id") + "-"))
          .forEach(p -> p.toFile().delete());
    }
    Response gone = api.get(owner, path);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(gone.error()).isEqualTo("the report file is no longer in storage");
  }

  @Test
  void a_scheduled_task_leaves_a_downloadable_file_at_every_fire_time() throws Exception {
    String reportId = new Fixtures(api).report(owner, reportWith(widget(byCategory())));
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(reportId)
                    .put("interval", "@every 1s")
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("params", new JsonObject().put("format", "csv")))
            .id();
    String runsPath = Api.PREFIX + "/report_tasks/" + task + "/runs?limit=100";
    Instant deadline = Instant.now().plusSeconds(30);
    List<JsonObject> complete = List.of();
    while (complete.size() < 3 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      complete =
          api.get(owner, runsPath).json().getJsonArray("items").stream()
              .map(JsonObject.class::cast)
              .filter(run -> "complete".equals(run.getString("status")))
              .toList();
    }
    assertThat(
            api.patch(
                    owner,
                    Api.PREFIX + "/report_tasks/" + task,
                    new JsonObject().put("enabled", false))
                .status())
        .isEqualTo(200);

    assertThat(complete).hasSizeGreaterThanOrEqualTo(3);
    assertThat(complete.stream().map(run -> run.getString("scheduled_for")).distinct())
        .hasSize(complete.size());
    UUID stranger = UUID.randomUUID();
    for (JsonObject run : complete) {
      assertThat(run.getString("trigger")).isEqualTo("schedule");
      String file = Api.PREFIX + "/report_queue/" + run.getLong("id") + "/file";
      Response download = api.get(owner, file);
      assertThat(download.status()).isEqualTo(200);
      assertThat(download.body()).startsWith("page,widget,series,category,n\r\n");
      assertThat(download.headers().firstValue("ETag"))
          .contains("\"" + run.getJsonObject("file").getString("checksum") + "\"");
      assertThat(api.get(stranger, file).status()).isEqualTo(404);
    }
  }

  @Test
  void a_report_period_that_is_not_a_range_ends_the_run_in_error_instead_of_reading_everything()
      throws Exception {
    JsonObject report = reportWith(widget(byCategory().copy().put("period", null)));
    report.getJsonObject("settings").getJsonObject("general").put("period", "last week");

    JsonObject run = runReportOf("csv", report, new JsonObject());

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("error");
    assertThat(run.encode()).contains("settings.general.period should be two expressions");
  }
}
