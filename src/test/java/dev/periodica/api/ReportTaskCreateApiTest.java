package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /cruddy/v2/report_tasks/create} exactly as seed 000 documents it. */
class ReportTaskCreateApiTest {
  private static final String CREATE = Api.PREFIX + "/report_tasks/create";
  private static final Pattern SEED_TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    String schema = TestServer.newSchema();
    server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", schema + "_ds"));
    dev.periodica.support.TestDatabase.execute(
        schema,
        "CREATE SCHEMA IF NOT EXISTS "
            + schema
            + "_ds; CREATE TABLE "
            + schema
            + "_ds.events (time timestamptz, category text)");
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    dev.periodica.support.TestDatabase.execute(
        server.schema(), "DROP SCHEMA " + server.schema() + "_ds CASCADE");
    server.close();
  }

  @Test
  void seed_example_request_answers_201_with_every_field_of_the_seed_model_typed_alike()
      throws IOException {
    JsonObject seed = seedResponse();
    String reportId = fullyRelatedReport(seed.getJsonObject("report"));

    Response response =
        api.post(
            owner,
            CREATE,
            "{\"interval\": \"* 0 1 1 1\", \"instance\": \"868cf2e9-bd6d-4bac-96ba-2b08120d8cf9\","
                + " \"report_id\": \""
                + reportId
                + "\"}");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    JsonObject task = response.json();
    List<String> problems = new ArrayList<>();
    compareShape("", seed, task, problems);
    assertThat(problems).isEmpty();
    assertThat(task.getString("interval")).isEqualTo("* 0 1 1 1");
    assertThat(task.getString("instance")).isEqualTo(Fixtures.INSTANCE);
    assertThat(task.getString("report_id")).isEqualTo(reportId);
    assertThat(task.getString("created_at")).matches(SEED_TIMESTAMP);
    JsonObject report = task.getJsonObject("report");
    assertThat(report.getJsonObject("task").getString("id")).isEqualTo(task.getString("id"));
    assertThat(report.getString("task_id")).isEqualTo(task.getString("id"));
  }

  @Test
  void creating_a_task_makes_it_the_report_task_and_the_latest_wins() {
    String reportId = fixtures.report(owner, "two tasks");
    String first = api.post(owner, CREATE, Fixtures.task(reportId)).id();
    String second =
        api.post(owner, CREATE, Fixtures.task(reportId).put("interval", "@hourly")).id();

    JsonObject report = api.get(owner, Api.PREFIX + "/reports/" + reportId).json();

    assertThat(first).isNotEqualTo(second);
    assertThat(report.getString("task_id")).isEqualTo(second);
    assertThat(report.getJsonObject("task").getString("interval")).isEqualTo("@hourly");
  }

  @Test
  void deleting_the_latest_task_points_the_report_back_at_the_previous_one() {
    String reportId = fixtures.report(owner, "fallback");
    String first = api.post(owner, CREATE, Fixtures.task(reportId)).id();
    String second = api.post(owner, CREATE, Fixtures.task(reportId)).id();

    assertThat(api.delete(owner, Api.PREFIX + "/report_tasks/" + second).status()).isEqualTo(204);

    JsonObject report = api.get(owner, Api.PREFIX + "/reports/" + reportId).json();
    assertThat(report.getString("task_id")).isEqualTo(first);
  }

  @Test
  void nested_related_objects_in_the_body_are_ignored() {
    String reportId = fixtures.report(owner, "ignored nesting");
    JsonObject body =
        Fixtures.task(reportId)
            .put("report", new JsonObject().put("id", UUID.randomUUID().toString()).put("name", 5))
            .put("id", "not even a uuid");

    Response response = api.post(owner, CREATE, body);

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.json().getJsonObject("report").getString("name"))
        .isEqualTo("ignored nesting");
  }

  @Test
  void each_seed_400_message_answers_in_the_seed_order() {
    String reportId = fixtures.report(owner, "errors");
    String instance = Fixtures.INSTANCE;
    assertError(api.sendWithHeader(null, "POST", CREATE, "{}"), 400, "missing uid header");
    assertError(
        api.sendWithHeader("not-a-uuid", "POST", CREATE, "{}"),
        400,
        "Pgr-User-Id should be uuid format");
    assertError(api.sendWithHeader(null, "POST", CREATE, "not json"), 400, "missing uid header");
    assertError(api.post(owner, CREATE, "{}"), 400, "missing report id");
    assertError(api.post(owner, CREATE, "{\"report_id\": \"\"}"), 400, "missing report id");
    assertError(
        api.post(owner, CREATE, "{\"report_id\": \"5ed7905a\"}"),
        400,
        "report id should be uuid format");
    assertError(
        api.post(owner, CREATE, "{\"report_id\": \"" + reportId + "\"}"),
        400,
        "missing instance for report generate task");
    assertError(
        api.post(owner, CREATE, "{\"report_id\": \"" + reportId + "\", \"instance\": \"x\"}"),
        400,
        "instance id should be uuid format");
    String both = "{\"report_id\": \"" + reportId + "\", \"instance\": \"" + instance + "\"";
    assertError(api.post(owner, CREATE, both + "}"), 400, "missing mandatory field: interval");
    assertError(
        api.post(owner, CREATE, both + ", \"interval\": \"  \"}"),
        400,
        "missing mandatory field: interval");
    assertError(
        api.post(owner, CREATE, both + ", \"interval\": \"every day\"}"),
        400,
        "invalid interval format");
    assertError(
        api.post(owner, CREATE, both + ", \"interval\": \"61 * * * *\"}"),
        400,
        "invalid interval format");
  }

  @Test
  void a_body_that_is_not_a_json_object_or_has_a_wrong_type_answers_bad_request() {
    String reportId = fixtures.report(owner, "types");
    assertError(api.post(owner, CREATE, "not json"), 400, "Bad Request");
    assertError(api.post(owner, CREATE, "[]"), 400, "Bad Request");
    assertError(api.post(owner, CREATE, "\"text\""), 400, "Bad Request");
    assertError(api.post(owner, CREATE, "{\"report_id\": 42}"), 400, "Bad Request");
    assertError(
        api.post(owner, CREATE, Fixtures.task(reportId).put("interval", 5)), 400, "Bad Request");
    assertError(
        api.post(owner, CREATE, Fixtures.task(reportId).put("instance", new JsonArray())),
        400,
        "Bad Request");
  }

  @Test
  void every_accepted_cron_dialect_creates_a_task() {
    String reportId = fixtures.report(owner, "dialects");
    for (String interval :
        List.of(
            "* 0 1 1 1",
            "*/5 * * * * ?",
            "0 0 12 ? * MON-FRI *",
            "0 0 0 L * ?",
            "0 0 0 ? * 6#3",
            "@hourly",
            "@daily",
            "@weekly",
            "@monthly",
            "@yearly")) {
      Response response =
          api.post(owner, CREATE, Fixtures.task(reportId).put("interval", interval));
      assertThat(response.status()).as(interval + " -> " + response).isEqualTo(201);
    }
  }

  @Test
  void unknown_report_answers_404_report_not_found_and_writes_nothing() {
    long before = server.count("report_tasks");

    Response response = api.post(owner, CREATE, Fixtures.task(UUID.randomUUID().toString()));

    assertError(response, 404, "report not found");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  private static void assertError(Response response, int status, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.json().fieldNames()).containsExactlyInAnyOrder("error", "error_code");
    assertThat(response.error()).isEqualTo(message);
    assertThat(response.json().getInteger("error_code")).isEqualTo(status);
  }

  /** A report with a parent-filed category, a shared dashboard with a widget, shares and groups. */
  private String fullyRelatedReport(JsonObject seedReport) {
    UUID colleague = UUID.randomUUID();
    String parent = fixtures.category(owner, "parent");
    String category =
        api.post(
                owner,
                Api.PREFIX + "/categories/create",
                new JsonObject().put("name", "child").put("parent_id", parent))
            .id();
    JsonObject seedGroup = seedReport.getJsonArray("groups").getJsonObject(0);
    JsonObject groupBody =
        seedGroup.copy().put("user_ids", new JsonArray().add(colleague.toString()));
    groupBody.remove("id");
    String group = api.post(owner, Api.PREFIX + "/groups/create", groupBody).id();
    JsonObject seedDashboard = seedReport.getJsonObject("dashboard");
    String dashboard =
        api.post(
                owner,
                Api.PREFIX + "/dashboards/create",
                new JsonObject()
                    .put("name", "ops")
                    .put("config", seedDashboard.getJsonObject("config"))
                    .put("user_ids", new JsonArray().add(colleague.toString()))
                    .put("group_ids", new JsonArray().add(group)))
            .id();
    JsonObject seedWidget = seedDashboard.getJsonArray("widgets").getJsonObject(0);
    Response widget =
        api.post(
            owner,
            Api.PREFIX + "/widgets/create",
            new JsonObject()
                .put("name", "histogram")
                .put("config", runnable(seedWidget.getJsonObject("config")))
                .put("settings", runnable(seedWidget.getJsonObject("settings")))
                .put("dashboard_id", dashboard));
    assertThat(widget.status()).as(widget.toString()).isEqualTo(201);
    return fixtures.report(
        owner,
        new JsonObject()
            .put("name", "weekly")
            .put("config", seedReport.getJsonObject("config"))
            .put("settings", seedReport.getJsonObject("settings"))
            .put("category_id", category)
            .put("dashboard_id", dashboard)
            .put("user_ids", new JsonArray().add(colleague.toString()))
            .put("group_ids", new JsonArray().add(group)));
  }

  /**
   * The seed's widget with its placeholder query values ("string") made real, keeping every key and
   * type: saved widgets must hold queries that compile.
   */
  private static JsonObject runnable(JsonObject seedConfig) {
    JsonObject config = seedConfig.copy();
    for (Object item : config.getJsonArray("series")) {
      JsonObject series = (JsonObject) item;
      series.put("sql", "SELECT category FROM events");
      JsonObject query = series.getJsonObject("query").put("dataset", "events");
      JsonObject field = query.getJsonArray("fields").getJsonObject(0);
      field.put("field", "category").put("alias", "n");
      field.getJsonObject("aggregation").put("func", "count");
      query.getJsonArray("filters").getJsonObject(0).put("field", "category");
      query.put("group_by", new JsonArray().add("category"));
      query.getJsonArray("order_by").getJsonObject(0).put("field", "n");
    }
    return config;
  }

  /**
   * Every key of the seed example must be in the answer with the same JSON type; arrays compare
   * their first items. User profile fields may be null: users are known by id only, their profile
   * belongs to the upstream gateway.
   */
  private static void compareShape(
      String path, Object expected, Object actual, List<String> problems) {
    if (expected instanceof JsonObject object) {
      if (!(actual instanceof JsonObject other)) {
        problems.add(path + ": expected an object, got " + actual);
        return;
      }
      for (String key : object.fieldNames()) {
        if (!other.containsKey(key)) {
          problems.add(path + "." + key + ": missing");
        } else {
          compareShape(path + "." + key, object.getValue(key), other.getValue(key), problems);
        }
      }
    } else if (expected instanceof JsonArray array) {
      if (!(actual instanceof JsonArray other)) {
        problems.add(path + ": expected an array, got " + actual);
      } else if (!array.isEmpty()) {
        if (other.isEmpty()) {
          problems.add(path + ": expected items, got none");
        } else {
          compareShape(path + "[0]", array.getValue(0), other.getValue(0), problems);
        }
      }
    } else if (actual == null) {
      if (!isUserProfile(path)) {
        problems.add(path + ": null");
      }
    } else if (expected instanceof String && !(actual instanceof String)
        || expected instanceof Number && !(actual instanceof Number)
        || expected instanceof Boolean && !(actual instanceof Boolean)) {
      problems.add(path + ": expected " + expected.getClass().getSimpleName() + ", got " + actual);
    }
  }

  private static boolean isUserProfile(String path) {
    return path.matches(".*(owner|users\\[0\\])\\.(email|first_name|last_name|username)");
  }

  private static JsonObject seedResponse() throws IOException {
    try (InputStream in =
        ReportTaskCreateApiTest.class.getResourceAsStream("/seed/report_task_created.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void tasks_and_reports_have_a_stable_number_and_a_task_its_name_and_origin() {
    String report = fixtures.report(owner, "numbered");
    Response first = api.post(owner, CREATE, Fixtures.task(report).put("name", "nightly sales"));
    Response second = api.post(owner, CREATE, Fixtures.task(report));
    assertThat(first.status()).as(first.toString()).isEqualTo(201);

    JsonObject created = first.json();
    assertThat(created.getString("name")).isEqualTo("nightly sales");
    assertThat(created.getString("origin")).isEqualTo("api");
    assertThat(second.json().getString("name")).isNull();
    long number = created.getLong("number");
    assertThat(second.json().getLong("number")).isGreaterThan(number);

    JsonObject read = api.get(owner, Api.PREFIX + "/report_tasks/" + first.id()).json();
    assertThat(read.getLong("number")).isEqualTo(number);
    Response renamed =
        api.patch(
            owner, Api.PREFIX + "/report_tasks/" + first.id(), new JsonObject().put("name", "x"));
    assertThat(renamed.json().getLong("number")).isEqualTo(number);
    assertThat(renamed.json().getString("name")).isEqualTo("x");
    assertThat(renamed.json().getString("origin")).isEqualTo("api");

    JsonObject reportRead = api.get(owner, Api.PREFIX + "/reports/" + report).json();
    assertThat(reportRead.getLong("number")).isPositive();
    assertThat(read.getJsonObject("report").getLong("number"))
        .isEqualTo(reportRead.getLong("number"));
  }

  @Test
  void a_task_name_must_be_a_string_of_at_most_255_characters() {
    String report = fixtures.report(owner, "named");
    long before = server.count("report_tasks");

    Response number = api.post(owner, CREATE, Fixtures.task(report).put("name", 5));
    Response tooLong = api.post(owner, CREATE, Fixtures.task(report).put("name", "n".repeat(256)));

    assertThat(number.status()).as(number.toString()).isEqualTo(400);
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(400);
    assertThat(tooLong.error()).contains("name");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }
}
