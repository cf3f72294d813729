package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /reports/{id}/preview}: the report rendered now for a caller who sees it, answered as
 * the file itself, with nothing stored; others get the native 404, a bad format the native 400.
 */
class ReportPreviewApiTest {
  private static TestServer server;
  private static Api api;
  private static String datasets;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    String schema = TestServer.newSchema();
    datasets = schema + "_ds";
    server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", datasets));
    TestDatabase.execute(
        schema,
        "CREATE SCHEMA IF NOT EXISTS "
            + datasets
            + "; CREATE TABLE "
            + datasets
            + ".events (time timestamptz, category text, value numeric);"
            + " INSERT INTO "
            + datasets
            + ".events SELECT now() - i * interval '1 minute', 'cat-' || (i % 3), i * 1000"
            + " FROM generate_series(1, 300) AS i");
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + datasets + " CASCADE");
    server.close();
  }

  private String report() {
    JsonObject chart =
        new JsonObject()
            .put("name", "Events by category")
            .put("settings", new JsonObject().put("kind", "bar"))
            .put(
                "series",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "s")
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
                                                    .put("alias", "total")
                                                    .put("field", "value")
                                                    .put(
                                                        "aggregation",
                                                        new JsonObject().put("func", "sum"))))
                                    .put("group_by", new JsonArray().add("category")))));
    JsonObject body =
        new JsonObject()
            .put("name", "Preview me")
            .put(
                "settings",
                new JsonObject()
                    .put(
                        "general",
                        new JsonObject().put("period", new JsonArray().add("now-1d").add("now"))))
            .put(
                "config",
                new JsonObject()
                    .put(
                        "pages",
                        new JsonArray()
                            .add(
                                new JsonArray()
                                    .add(new JsonObject().put("widget", chart))
                                    .add(
                                        new JsonObject()
                                            .put(
                                                "widget",
                                                new JsonObject()
                                                    .put("name", "Totals")
                                                    .put(
                                                        "series",
                                                        chart.getJsonArray("series")))))));
    Response created = api.post(owner, Api.PREFIX + "/reports/create", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static HttpResponse<byte[]> preview(UUID user, String report, String query)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + server.port()
                        + Api.PREFIX
                        + "/reports/"
                        + report
                        + "/preview"
                        + query))
            .header("Pgr-User-Id", user.toString())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void a_pdf_preview_answers_the_rendered_report_and_stores_no_task_run_or_file() throws Exception {
    String report = report();
    long runs = server.count("runs");
    long tasks = server.count("report_tasks");

    HttpResponse<byte[]> answer = preview(owner, report, "");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type")).contains("application/pdf");
    try (PDDocument document = Loader.loadPDF(answer.body())) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("Preview me").contains("Events by category").contains("Totals");
      // the table's sums in the report's (default English) number format
      assertThat(text).containsPattern("cat-\\d\\s+\\d{1,3}(,\\d{3})+");
    }
    assertThat(server.count("runs")).isEqualTo(runs);
    assertThat(server.count("report_tasks")).isEqualTo(tasks);
  }

  @Test
  void a_csv_preview_answers_csv() throws Exception {
    HttpResponse<byte[]> answer = preview(owner, report(), "?format=csv");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("page,widget,series,category,total\r\n");
  }

  @Test
  void another_user_gets_404_and_an_unknown_format_400_in_the_native_error_shape()
      throws Exception {
    String report = report();

    HttpResponse<byte[]> hidden = preview(UUID.randomUUID(), report, "");
    HttpResponse<byte[]> docx = preview(owner, report, "?format=docx");

    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(new String(hidden.body())).getString("error"))
        .isEqualTo("report not found");
    assertThat(docx.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(new String(docx.body())).getString("error"))
        .isEqualTo("format should be one of pdf, csv, xlsx, json");
  }

  @Test
  void an_unsaved_report_body_is_previewed_as_the_caller_would_own_it() throws Exception {
    String saved = report();
    JsonObject body =
        api.get(owner, Api.PREFIX + "/reports/" + saved).json().put("name", "Not saved yet");
    JsonObject draft =
        new JsonObject()
            .put("name", "Not saved yet")
            .put("config", body.getJsonObject("config"))
            .put("settings", body.getJsonObject("settings"));
    long reports = server.count("reports");
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + Api.PREFIX + "/reports/preview"))
            .header("Pgr-User-Id", owner.toString())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(draft.encode()))
            .build();

    HttpResponse<byte[]> answer =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
    try (PDDocument document = Loader.loadPDF(answer.body())) {
      assertThat(new PDFTextStripper().getText(document))
          .contains("Not saved yet")
          .contains("Events by category");
    }
    assertThat(server.count("reports")).isEqualTo(reports);

    HttpRequest hebrew =
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + Api.PREFIX + "/reports/preview"))
            .header("Pgr-User-Id", owner.toString())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(draft.put("name", "דוח").encode()))
            .build();
    HttpResponse<String> refused =
        HttpClient.newHttpClient().send(hebrew, HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("error"))
        .startsWith("name is written in a right-to-left script");
  }

  @Test
  void an_unsaved_body_placing_widgets_by_id_is_refused_as_when_it_is_saved() throws Exception {
    UUID stranger = UUID.randomUUID();
    String dashboard =
        api.post(
                stranger,
                Api.PREFIX + "/dashboards/create",
                new JsonObject().put("name", "not shared"))
            .id();
    Response widget =
        api.post(
            stranger,
            Api.PREFIX + "/widgets/create",
            new JsonObject()
                .put("name", "secret")
                .put("dashboard_id", dashboard)
                .put(
                    "config",
                    new JsonObject()
                        .put(
                            "series",
                            new JsonArray()
                                .add(new JsonObject().put("sql", "SELECT 'secret' AS s")))));
    assertThat(widget.status()).as(widget.toString()).isEqualTo(201);
    for (String placed : List.of("not-a-uuid", widget.id())) {
      JsonObject draft =
          new JsonObject()
              .put("name", "placing " + placed)
              .put(
                  "config",
                  new JsonObject()
                      .put(
                          "pages",
                          new JsonArray()
                              .add(
                                  new JsonArray().add(new JsonObject().put("widget_id", placed)))));
      Response saving = api.post(owner, Api.PREFIX + "/reports/create", draft);
      assertThat(saving.status()).as(saving.toString()).isBetween(400, 404);
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://localhost:" + server.port() + Api.PREFIX + "/reports/preview"))
              .header("Pgr-User-Id", owner.toString())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(draft.encode()))
              .build();

      HttpResponse<String> previewed =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(previewed.statusCode())
          .as(placed + ": " + previewed.body())
          .isEqualTo(saving.status());
      assertThat(new JsonObject(previewed.body()).getString("error")).isEqualTo(saving.error());
    }
  }

  @Test
  void a_preview_longer_than_preview_timeout_ms_answers_503() throws Exception {
    String schema = TestServer.newSchema();
    try (TestServer slow =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", datasets)
                .put("PREVIEW_TIMEOUT_MS", 100))) {
      JsonObject sleepy =
          new JsonObject()
              .put("name", "sleepy")
              .put(
                  "series",
                  new JsonArray()
                      .add(new JsonObject().put("sql", "SELECT pg_sleep(2)::text AS slept")));
      Response created =
          slow.api()
              .post(
                  owner,
                  Api.PREFIX + "/reports/create",
                  new JsonObject()
                      .put("name", "slow")
                      .put(
                          "config",
                          new JsonObject()
                              .put(
                                  "pages",
                                  new JsonArray()
                                      .add(
                                          new JsonArray()
                                              .add(new JsonObject().put("widget", sleepy))))));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://localhost:"
                          + slow.port()
                          + Api.PREFIX
                          + "/reports/"
                          + created.id()
                          + "/preview"))
              .header("Pgr-User-Id", owner.toString())
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();

      HttpResponse<String> answer =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
      assertThat(new JsonObject(answer.body()).getString("error"))
          .startsWith("the preview took longer than 100 ms");
      assertThat(slow.count("runs")).isZero();
    }
  }

  @Test
  void a_preview_answered_503_keeps_its_place_while_its_query_still_runs() throws Exception {
    String schema = TestServer.newSchema();
    try (TestServer slow =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", datasets)
                .put("PREVIEW_TIMEOUT_MS", 100)
                // datasets connections for 8 queries at once: room for more previews than 4
                .put("DB_POOL_SIZE", 16))) {
      JsonObject sleepy =
          new JsonObject()
              .put("name", "sleepy")
              .put(
                  "series",
                  new JsonArray()
                      .add(new JsonObject().put("sql", "SELECT pg_sleep(6)::text AS slept_long")));
      Response created =
          slow.api()
              .post(
                  owner,
                  Api.PREFIX + "/reports/create",
                  new JsonObject()
                      .put("name", "slow")
                      .put(
                          "config",
                          new JsonObject()
                              .put(
                                  "pages",
                                  new JsonArray()
                                      .add(
                                          new JsonArray()
                                              .add(new JsonObject().put("widget", sleepy))))));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://localhost:"
                          + slow.port()
                          + Api.PREFIX
                          + "/reports/"
                          + created.id()
                          + "/preview?format=csv"))
              .header("Pgr-User-Id", owner.toString())
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      HttpClient client = HttpClient.newHttpClient();
      List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      for (var answer : sent) {
        assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode())
            .isEqualTo(503);
      }

      // the four timed out, but their queries go on: previews asked meanwhile would be more at
      // once than an instance renders
      List<Integer> meanwhile = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        meanwhile.add(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
      }

      assertThat(meanwhile).allMatch(s -> s == 429 || s == 503);
      assertThat(
              slow.count(
                  "pg_stat_activity WHERE datname = current_database() AND state = 'active'"
                      + " AND query LIKE '%slept_long%' AND pid <> pg_backend_pid()"))
          .as("previews whose queries run at once (answered %s meanwhile)", meanwhile)
          .isBetween(1L, 4L);
    }
  }

  @Test
  void more_previews_at_once_than_an_instance_renders_answer_429_and_the_others_are_served()
      throws Exception {
    JsonObject sleepy =
        new JsonObject()
            .put("name", "sleepy")
            .put(
                "series",
                new JsonArray()
                    .add(new JsonObject().put("sql", "SELECT pg_sleep(1)::text AS slept")));
    Response created =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject()
                .put("name", "slow to render")
                .put(
                    "config",
                    new JsonObject()
                        .put(
                            "pages",
                            new JsonArray()
                                .add(
                                    new JsonArray().add(new JsonObject().put("widget", sleepy))))));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:"
                        + server.port()
                        + Api.PREFIX
                        + "/reports/"
                        + created.id()
                        + "/preview?format=csv"))
            .header("Pgr-User-Id", owner.toString())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpClient client = HttpClient.newHttpClient();
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = new ArrayList<>();
    for (var answer : sent) {
      HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        assertThat(new JsonObject(response.body()).getString("error"))
            .startsWith("too many previews are being rendered at once");
      }
    }
    assertThat(statuses).contains(429).contains(200).allMatch(s -> s == 200 || s == 429);

    // once they are done, a preview is served again
    assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }
}
