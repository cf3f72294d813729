package dev.periodica.api.compat.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 replayed against a real server: the report queue and tasks as JSON:API, the seed's
 * example requests (with the caller's uuid as {@code userId}, the seed's "1" standing for the
 * caller), filters across related objects, sorting, paging, errors and access.
 */
class JsonApiFacadeTest {
  private static final UUID OWNER = UUID.randomUUID();
  private static final UUID SHARED = UUID.randomUUID();
  private static final UUID STRANGER = UUID.randomUUID();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static TestServer server;
  private static Api api;
  private static String report;
  private static long reportNumber;
  private static String other;
  private static long otherNumber;
  private static JsonObject generated;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.startFastEngine(TestServer.newSchema());
    api = server.api();
    Fixtures fixtures = new Fixtures(api);
    report =
        fixtures.report(
            OWNER,
            new JsonObject()
                .put("name", "Прохождение контрольных зон")
                .put("user_ids", new JsonArray().add(SHARED.toString())));
    other = fixtures.report(OWNER, "private");
    reportNumber = api.get(OWNER, Api.PREFIX + "/reports/" + report).json().getLong("number");
    otherNumber = api.get(OWNER, Api.PREFIX + "/reports/" + other).json().getLong("number");
    // a periodic task on each report that never fires by itself
    assertThat(api.post(OWNER, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).status())
        .isEqualTo(201);
    assertThat(api.post(OWNER, Api.PREFIX + "/report_tasks/create", Fixtures.task(other)).status())
        .isEqualTo(201);
    var response =
        api.post(
            OWNER,
            Api.PREFIX + "/reports/" + report + "/generate",
            new JsonObject().put("params", new JsonObject().put("format", "csv")));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    generated = response.json();
    Runs.awaitEnded(api, OWNER, generated.getJsonObject("run").getLong("id"));
    // a second request on the other report; the listings below expect both ended (complete)
    var second = api.post(OWNER, Api.PREFIX + "/reports/" + other + "/generate", null);
    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    Runs.awaitEnded(api, OWNER, second.json().getJsonObject("run").getLong("id"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void the_seed_queue_example_answers_a_jsonapi_document_with_its_headers() throws Exception {
    HttpResponse<String> response =
        get("/v2.1/user/" + OWNER + "/reports/queue", "Accept", "application/vnd.api+json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.api+json");
    assertThat(response.headers().firstValue("allow")).hasValue("GET");
    assertThat(response.headers().firstValue("last-modified").orElseThrow())
        .matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getJsonObject("links").getString("self"))
        .endsWith("/v2.1/user/" + OWNER + "/reports/queue");
    assertThat(body.getJsonObject("meta").getLong("total_count")).isEqualTo(2);
    JsonObject run = body.getJsonArray("data").getJsonObject(1);
    long runId = generated.getJsonObject("run").getLong("id");
    assertThat(run.getString("id")).isEqualTo(Long.toString(runId));
    assertThat(run.getString("type")).isEqualTo("reportQueue");
    JsonObject attributes = run.getJsonObject("attributes");
    assertThat(attributes.fieldNames())
        .containsExactlyInAnyOrder("Progress", "Status", "DateOfCreation", "StartDate", "EndDate");
    assertThat(attributes.getValue("Progress")).isInstanceOf(Integer.class);
    assertThat(attributes.getString("Status")).isEqualTo("complete");
    assertThat(attributes.getInteger("Progress")).isEqualTo(100);
    assertThat(attributes.getString("DateOfCreation"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(attributes.getString("EndDate")).isNotNull();
    JsonObject relationships = run.getJsonObject("relationships");
    assertThat(relationships.getJsonObject("Report").getJsonObject("data"))
        .isEqualTo(
            new JsonObject()
                .put("id", Long.toString(reportNumber))
                .put("type", "report")
                .put("meta", new JsonObject().put("uuid", report)));
    JsonObject task = relationships.getJsonObject("ReportTask").getJsonObject("data");
    assertThat(task.getString("type")).isEqualTo("reportTask");
    assertThat(task.getString("id"))
        .isEqualTo(Long.toString(generated.getJsonObject("task").getLong("number")));
  }

  @Test
  void the_seed_example_of_completed_user_requests_filters_tasks_by_their_runs() throws Exception {
    JsonObject body =
        ok(
            "/v2.1/user/"
                + OWNER
                + "/reports/tasks?filter[reportQueue]=eq(Status, 'complete')"
                + "&filter[reportTask]=eq(Type, 'user_task')");

    // both requests (one per report) produced a file
    assertThat(body.getJsonObject("meta").getLong("total_count")).isEqualTo(2);
    JsonObject task = body.getJsonArray("data").getJsonObject(1);
    assertThat(task.getString("type")).isEqualTo("reportTask");
    assertThat(task.getJsonObject("meta").getString("uuid"))
        .isEqualTo(generated.getJsonObject("task").getString("id"));
    JsonObject attributes = task.getJsonObject("attributes");
    assertThat(attributes.getString("Type")).isEqualTo("user_task");
    assertThat(attributes.getString("Interval")).startsWith("@at ");
    assertThat(attributes.getBoolean("Enabled")).isTrue();
    assertThat(attributes.getString("Instance")).isEqualTo("00000000-0000-0000-0000-000000000000");
    assertThat(attributes.getString("DateOfCreation")).isNotNull();
    assertThat(
            task.getJsonObject("relationships")
                .getJsonObject("ReportQueue")
                .getJsonObject("data")
                .getString("id"))
        .isEqualTo(Long.toString(generated.getJsonObject("run").getLong("id")));
    // the same filter without Type also finds only that task: periodic tasks have no runs
    assertThat(
            ok("/v2.1/user/" + OWNER + "/reports/tasks?filter[reportTask]=eq(Type,'periodic')")
                .getJsonObject("meta")
                .getLong("total_count"))
        .isEqualTo(2);
  }

  /**
   * The seed's request line as written, brackets, quotes and parentheses raw; only its spaces are
   * escaped, since a request line cannot hold them.
   */
  @Test
  void the_seed_request_line_with_raw_brackets_and_quotes_is_served() throws Exception {
    String target =
        "/v2.1/user/"
            + OWNER
            + "/reports/tasks?filter[reportQueue]=eq(Status,%20'complete')"
            + "&filter[reportTask]=eq(Type,%20'user_task')";
    try (java.net.Socket socket = new java.net.Socket("localhost", server.port())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + target
                      + " HTTP/1.1\r\nHost: api.url\r\n"
                      + "Accept: application/vnd.api+json\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200 OK");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT))
          .contains("content-type: application/vnd.api+json");
      JsonObject body = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
      assertThat(body.getJsonObject("meta").getLong("total_count")).isEqualTo(2);
      assertThat(body.getJsonObject("links").getString("self")).startsWith("http://api.url/v2.1/");
    }
  }

  @Test
  void the_seed_report_filter_equals_the_filter_on_the_tasks_report() throws Exception {
    JsonObject byReport =
        ok("/v2.1/user/" + OWNER + "/reports/tasks?filter[report]=" + reportNumber);
    JsonObject byTask =
        ok(
            "/v2.1/user/"
                + OWNER
                + "/reports/tasks?filter[reportTask]=eq(Report,"
                + reportNumber
                + ")");
    JsonObject byUuid = ok("/v2.1/user/" + OWNER + "/reports/tasks?filter[report]=" + report);

    assertThat(byReport.getJsonArray("data")).isEqualTo(byTask.getJsonArray("data"));
    assertThat(byReport.getJsonArray("data")).isEqualTo(byUuid.getJsonArray("data"));
    assertThat(byReport.getJsonObject("meta").getLong("total_count")).isEqualTo(2);
    for (Object item : byReport.getJsonArray("data")) {
      assertThat(
              ((JsonObject) item)
                  .getJsonObject("relationships")
                  .getJsonObject("Report")
                  .getJsonObject("data")
                  .getString("id"))
          .isEqualTo(Long.toString(reportNumber));
    }
    assertThat(
            ok("/v2.1/user/"
                    + OWNER
                    + "/reports/tasks?filter[report]="
                    + reportNumber
                    + ","
                    + otherNumber)
                .getJsonObject("meta")
                .getLong("total_count"))
        .isEqualTo(4);
  }

  @Test
  void queue_filters_by_status_report_task_and_time_and_ands_them() throws Exception {
    String base = "/v2.1/user/" + OWNER + "/reports/queue";
    assertThat(total(base + "?filter[reportQueue]=eq(Status,'complete')")).isEqualTo(2);
    assertThat(
            total(
                base
                    + "?filter[reportQueue]=in(Status,'complete','new','in_action','error','need_restart')"))
        .isEqualTo(2);
    assertThat(total(base + "?filter[reportQueue]=ne(Status,'complete')&filter[report]=" + report))
        .isZero();
    assertThat(total(base + "?filter[report]=" + otherNumber)).isEqualTo(1);
    assertThat(
            total(base + "?filter[reportTask]=eq(Type,'user_task')&filter[report]=" + reportNumber))
        .isEqualTo(1);
    assertThat(total(base + "?filter[reportQueue]=gt(DateOfCreation,'2000-01-01')")).isEqualTo(2);
    assertThat(total(base + "?filter[reportQueue]=lt(DateOfCreation,'2000-01-01T00:00:00Z')"))
        .isZero();
    assertThat(total(base + "?filter[reportQueue]=ge(Progress,100)")).isEqualTo(2);
    assertThat(total(base + "?filter[reportQueue]=lt(Progress,100)")).isZero();
    assertThat(
            total(
                base
                    + "?filter[reportQueue]=ne(EndDate,null)&filter[reportQueue]=eq(Status,'complete')"))
        .isEqualTo(2);
    assertThat(total(base + "?filter[reportQueue]=eq(StartDate,null)")).isZero();
    long runId = generated.getJsonObject("run").getLong("id");
    assertThat(total(base + "?filter[reportQueue]=eq(id," + runId + ")")).isEqualTo(1);
    assertThat(
            total(
                base
                    + "?filter[reportQueue]=eq(ReportTask,"
                    + generated.getJsonObject("task").getString("id")
                    + ")"))
        .isEqualTo(1);
    assertThat(total(base + "?filter[report]=eq(Name,'private')")).isEqualTo(1);
  }

  @Test
  void sorting_and_paging_walk_the_list_with_next_and_prev_links() throws Exception {
    String base = "/v2.1/user/" + OWNER + "/reports/tasks";
    JsonObject ascending = ok(base + "?sort=DateOfCreation");
    JsonObject descending = ok(base + "?sort=-DateOfCreation");
    List<String> up = ids(ascending);
    List<String> down = ids(descending);
    assertThat(up).hasSize(4);
    assertThat(new ArrayList<>(down)).isEqualTo(reversed(up));

    JsonObject first = ok(base + "?sort=-DateOfCreation&page[limit]=3");
    assertThat(ids(first)).isEqualTo(down.subList(0, 3));
    assertThat(first.getJsonObject("meta").getLong("total_count")).isEqualTo(4);
    assertThat(first.getJsonObject("links").containsKey("prev")).isFalse();
    String next = first.getJsonObject("links").getString("next");
    assertThat(next).contains("page%5Boffset%5D=3").contains("sort=-DateOfCreation");
    JsonObject second = new JsonObject(get(URI.create(next)).body());
    assertThat(ids(second)).isEqualTo(down.subList(3, 4));
    assertThat(second.getJsonObject("links").containsKey("next")).isFalse();
    String prev = second.getJsonObject("links").getString("prev");
    assertThat(ids(new JsonObject(get(URI.create(prev)).body()))).isEqualTo(down.subList(0, 3));
  }

  @Test
  void unknown_fields_operators_and_parameters_answer_400_error_objects() throws Exception {
    String base = "/v2.1/user/" + OWNER + "/reports/tasks";
    assertError(base + "?filter[reportQueue]=eq(Colour,'red')", 400, "unknown field Colour");
    assertError(base + "?filter[reportQueue]=like(Status,'x')", 400, "unknown operator");
    assertError(base + "?filter[reportQueue]=eq(Status,'finished')", 400, "Status should be");
    assertError(base + "?filter[reportQueue]=eq(Status,'a','b')", 400, "exactly one value");
    assertError(base + "?filter[reportQueue]=gt(Status,'new')", 400, "does not apply");
    assertError(base + "?filter[reportQueue]=eq(Status", 400, "should read op(Field");
    assertError(base + "?filter[reportTask]=eq(Type,null)", 400, "never null");
    assertError(base + "?filter[widget]=eq(id,1)", 400, "unknown filter");
    assertError(base + "?filter[report]=four", 400, "report ids");
    assertError(base + "?sort=-Colour", 400, "cannot sort");
    assertError(base + "?page[limit]=0", 400, "page[limit]");
    assertError(base + "?page[offset]=-1", 400, "page[offset]");
    assertError(base + "?page[size]=5", 400, "unknown page parameter");
    assertError(base + "?include=Report", 400, "not supported");
    HttpResponse<String> response = get(base + "?filter[reportQueue]=eq(Colour,'red')");
    JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("status")).isEqualTo("400");
    assertThat(error.getString("title")).isEqualTo("Bad Request");
    assertThat(error.getJsonObject("source").getString("parameter"))
        .isEqualTo("filter[reportQueue]");
  }

  @Test
  void the_caller_is_the_path_user_and_a_header_naming_another_is_refused() throws Exception {
    assertError("/v2.1/user/1/reports/queue", 400, "userId should be a uuid");
    HttpResponse<String> mismatch =
        get("/v2.1/user/" + OWNER + "/reports/queue", "Pgr-User-Id", STRANGER.toString());
    assertThat(mismatch.statusCode()).isEqualTo(403);
    assertThat(mismatch.headers().firstValue("content-type")).hasValue("application/vnd.api+json");
    HttpResponse<String> same =
        get("/v2.1/user/" + OWNER + "/reports/queue", "Pgr-User-Id", OWNER.toString());
    assertThat(same.statusCode()).isEqualTo(200);
  }

  @Test
  void a_stranger_sees_nothing_and_a_shared_user_sees_what_the_native_api_shows() throws Exception {
    assertThat(total("/v2.1/user/" + STRANGER + "/reports/queue")).isZero();
    assertThat(total("/v2.1/user/" + STRANGER + "/reports/tasks")).isZero();
    assertThat(HttpResponseHeaders.lastModified(get("/v2.1/user/" + STRANGER + "/reports/queue")))
        .isNull();

    long nativeRuns = api.get(SHARED, Api.PREFIX + "/report_queue").json().getLong("total");
    long nativeTasks = api.get(SHARED, Api.PREFIX + "/report_tasks").json().getLong("total");
    assertThat(total("/v2.1/user/" + SHARED + "/reports/queue")).isEqualTo(nativeRuns).isEqualTo(1);
    assertThat(total("/v2.1/user/" + SHARED + "/reports/tasks"))
        .isEqualTo(nativeTasks)
        .isEqualTo(2);
    assertThat(total("/v2.1/user/" + SHARED + "/reports/tasks?filter[report]=" + otherNumber))
        .isZero();
  }

  @Test
  void generate_makes_a_user_task_and_its_run_seen_natively() {
    JsonObject task = generated.getJsonObject("task");
    JsonObject run = generated.getJsonObject("run");
    assertThat(task.getString("origin")).isEqualTo("user_request");
    assertThat(task.getString("report_id")).isEqualTo(report);
    assertThat(task.getString("next_run_at")).isNull();
    assertThat(run.getString("task_id")).isEqualTo(task.getString("id"));
    assertThat(run.getString("trigger")).isEqualTo("manual");

    var nativeTask = api.get(SHARED, Api.PREFIX + "/report_tasks/" + task.getString("id"));
    assertThat(nativeTask.status()).isEqualTo(200);
    assertThat(nativeTask.json().getString("origin")).isEqualTo("user_request");
    assertThat(api.get(SHARED, Api.PREFIX + "/report_queue/" + run.getLong("id")).status())
        .isEqualTo(200);
    assertThat(api.get(STRANGER, Api.PREFIX + "/report_tasks/" + task.getString("id")).status())
        .isEqualTo(404);
  }

  @Test
  void generate_for_a_stranger_or_with_bad_input_answers_the_native_error_and_writes_nothing() {
    long tasks = server.count("report_tasks");
    long runs = server.count("runs");

    var stranger = api.post(STRANGER, Api.PREFIX + "/reports/" + report + "/generate", null);
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.error()).isEqualTo("report not found");
    var format =
        api.post(
            OWNER,
            Api.PREFIX + "/reports/" + report + "/generate",
            new JsonObject().put("params", new JsonObject().put("format", "docx")));
    assertThat(format.status()).isEqualTo(400);
    assertThat(format.error()).contains("format");
    var unknown =
        api.post(
            OWNER,
            Api.PREFIX + "/reports/" + report + "/generate",
            new JsonObject().put("colour", "red"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(api.post(OWNER, Api.PREFIX + "/reports/" + report + "/generate", "[1").status())
        .isEqualTo(400);
    var badId = api.post(OWNER, Api.PREFIX + "/reports/42/generate", null);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.error()).isEqualTo("report id should be uuid format");
    assertThat(api.post(null, Api.PREFIX + "/reports/" + report + "/generate", null).status())
        .isEqualTo(400);

    assertThat(server.count("report_tasks")).isEqualTo(tasks);
    assertThat(server.count("runs")).isEqualTo(runs);
  }

  @Test
  void the_facade_answers_its_own_404_405_406_and_publishes_its_contract() throws Exception {
    HttpResponse<String> missing = get("/v2.1/user/" + OWNER + "/reports/nothing");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(
            new JsonObject(missing.body())
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("404");
    HttpResponse<String> post =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/v2.1/user/" + OWNER + "/reports/queue"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET");
    assertThat(new JsonObject(post.body()).getJsonArray("errors")).hasSize(1);
    HttpResponse<String> notAcceptable =
        get("/v2.1/user/" + OWNER + "/reports/queue", "Accept", "application/vnd.api+json; ext=x");
    assertThat(notAcceptable.statusCode()).isEqualTo(406);
    HttpResponse<String> contract = get("/v2.1/openapi.yaml");
    assertThat(contract.statusCode()).isEqualTo(200);
    assertThat(contract.body()).contains("/user/{userId}/reports/queue");
  }

  /** Reads response headers the test needs. */
  private static final class HttpResponseHeaders {
    static String lastModified(HttpResponse<String> response) {
      return response.headers().firstValue("last-modified").orElse(null);
    }
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static List<String> ids(JsonObject document) {
    List<String> ids = new ArrayList<>();
    document.getJsonArray("data").forEach(item -> ids.add(((JsonObject) item).getString("id")));
    return ids;
  }

  private static long total(String path) throws Exception {
    return ok(path).getJsonObject("meta").getLong("total_count");
  }

  private static JsonObject ok(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static void assertError(String path, int status, String detail) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + " → " + response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.api+json");
    JsonObject error = new JsonObject(response.body()).getJsonArray("errors").getJsonObject(0);
    assertThat(error.getString("detail")).as(path).contains(detail);
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    return get(uri(path), headers);
  }

  static HttpResponse<String> get(URI uri, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The path as a client sends it: the query's characters that may not appear raw in a request line
   * (spaces, brackets, quotes) percent-encoded, the rest as written.
   */
  static URI uri(String path) {
    int query = path.indexOf('?');
    String encoded = path;
    if (query >= 0) {
      StringBuilder out = new StringBuilder(path.substring(0, query + 1));
      for (String pair : path.substring(query + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (out.charAt(out.length() - 1) != '?') {
          out.append('&');
        }
        out.append(encode(pair.substring(0, eq)))
            .append('=')
            .append(encode(pair.substring(eq + 1)));
      }
      encoded = out.toString();
    }
    return URI.create("http://localhost:" + server.port() + encoded);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
