package dev.periodica.api.compat.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The bk-sops facade (seed 004): the documented example requests replayed verbatim, the {@code
 * {result, data, message}} envelope, app and user authentication, bk_biz_id scoping, list paging,
 * native access rules, and a task's constants bound in its report's queries, read back from the
 * generated file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SopsFacadeApiTest {
  static final String SOPS = "/v2/sops";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static TestServer server;
  private static Api api;
  private static String base;

  /** The user the documented examples name ({@code "bk_token": "xxx"}). */
  private static final UUID XXX = UUID.randomUUID();

  private static final UUID STRANGER = UUID.randomUUID();
  private static String reportId;

  /** The seed's create_periodic_task request example, verbatim (tabs included). */
  static final String CREATE_EXAMPLE =
      """
      {
          "bk_app_code": "esb_test",
          "bk_app_secret": "xxx",
          "bk_token": "xxx",
          "template_id": "1",
          "bk_biz_id": "2",
      \t"name": "from api 3",
      \t"cron" : {
      \t    "minute": "*/1",\s
      \t    "hour": "15",\s
      \t    "day_of_week":"*",\s
      \t    "day_of_month":"*",\s
      \t    "month_of_year":"*"
          },
      \t"constants": {
      \t    "${bk_timing}": "100"
          },
      \t"exclude_task_nodes_id": ["nodea5c396a3ef0f9f3cd7d4d7695f78"]
      }
      """;

  @BeforeAll
  static void start() throws Exception {
    String schema = TestServer.newSchema();
    server =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", schema + "_ds")
                .put("REPORTS_DIR", Files.createTempDirectory("sops-reports").toString())
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("BK_APPS", "esb_test:xxx, other_app:s3cret"));
    TestDatabase.execute(schema, "CREATE SCHEMA IF NOT EXISTS " + schema + "_ds");
    api = server.api();
    base = "http://localhost:" + server.port();
    setUsername(XXX, "xxx");
    setUsername(STRANGER, "stranger");
    // report number 1 of this fresh schema: the example's template_id "1"; its raw SQL series
    // selects the task constant ${bk_timing}
    reportId = new Fixtures(api).report(XXX, reportSelecting("bk_timing"));
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + server.schema() + "_ds CASCADE");
    server.close();
  }

  static void setUsername(UUID user, String username) {
    Response response =
        api.patch(user, Api.PREFIX + "/users/me", new JsonObject().put("username", username));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  static JsonObject reportSelecting(String constant) {
    JsonObject series =
        new JsonObject()
            .put("name", "constant")
            .put("sql", "SELECT ${" + constant + "}::text AS value");
    JsonObject widget =
        new JsonObject().put("name", "Timing").put("series", new JsonArray().add(series));
    return new JsonObject()
        .put("name", "sops report")
        .put(
            "config",
            new JsonObject()
                .put(
                    "pages",
                    new JsonArray()
                        .add(new JsonArray().add(new JsonObject().put("widget", widget)))));
  }

  static JsonObject post(String operation, Object body) {
    Response response = api.send(null, "POST", SOPS + "/" + operation + "/", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static JsonObject get(String operation, JsonObject query) {
    String text =
        query.stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    Response response = api.send(null, "GET", SOPS + "/" + operation + "/?" + text, null);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static JsonObject auth(String username) {
    return new JsonObject()
        .put("bk_app_code", "esb_test")
        .put("bk_app_secret", "xxx")
        .put("bk_username", username);
  }

  static JsonObject create(String username, String bizId, String name) {
    return post(
        "create_periodic_task",
        auth(username)
            .put("bk_biz_id", bizId)
            .put("template_id", reportId)
            .put("name", name)
            .put("cron", new JsonObject().put("minute", "0").put("hour", "3")));
  }

  static void assertRefused(JsonObject answer, String message) {
    assertThat(answer.getBoolean("result")).as(answer.encode()).isFalse();
    assertThat(answer.containsKey("data")).isTrue();
    assertThat(answer.getValue("data")).isNull();
    assertThat(answer.getString("message")).isEqualTo(message);
  }

  @Test
  @Order(1)
  void the_documented_create_example_answers_as_documented() {
    JsonObject answer = post("create_periodic_task", CREATE_EXAMPLE);

    assertThat(answer.getBoolean("result")).as(answer.encode()).isTrue();
    assertThat(answer.getString("message")).isEmpty();
    JsonObject data = answer.getJsonObject("data");
    assertThat(data.fieldNames())
        .containsExactlyInAnyOrder(
            "cron",
            "total_run_count",
            "name",
            "form",
            "creator",
            "pipeline_tree",
            "last_run_at",
            "enabled",
            "id",
            "template_id");
    assertThat(data.getString("cron")).isEqualTo("*/1 15 * * * (m/h/d/dM/MY)");
    assertThat(data.getInteger("total_run_count")).isZero();
    assertThat(data.getString("name")).isEqualTo("from api 3");
    assertThat(data.getString("creator")).isEqualTo("xxx");
    assertThat(data.getString("last_run_at")).isEmpty();
    assertThat(data.getBoolean("enabled")).isTrue();
    assertThat(data.getValue("id")).isInstanceOf(Number.class);
    assertThat(data.getString("template_id")).isEqualTo("1");
    JsonObject constant = data.getJsonObject("form").getJsonObject("${bk_timing}");
    assertThat(constant.getString("key")).isEqualTo("${bk_timing}");
    assertThat(constant.getString("value")).isEqualTo("100");
    assertThat(constant.getInteger("index")).isZero();
    assertThat(constant.fieldNames())
        .contains(
            "name",
            "desc",
            "source_type",
            "custom_type",
            "source_tag",
            "source_info",
            "validation");
    JsonObject tree = data.getJsonObject("pipeline_tree");
    assertThat(tree.fieldNames())
        .contains(
            "start_event", "end_event", "activities", "gateways", "flows", "constants", "outputs");
    assertThat(tree.getJsonObject("constants")).isEqualTo(data.getJsonObject("form"));

    // an ordinary task, seen natively with its number, origin and the constants as params
    JsonObject nativeTask = nativeTask(data.getLong("id"));
    assertThat(nativeTask.getString("origin")).isEqualTo("sops");
    assertThat(nativeTask.getString("name")).isEqualTo("from api 3");
    assertThat(nativeTask.getString("interval")).isEqualTo("*/1 15 * * *");
    assertThat(nativeTask.getString("report_id")).isEqualTo(reportId);
    assertThat(nativeTask.getJsonObject("params"))
        .isEqualTo(new JsonObject().put("constants", new JsonObject().put("bk_timing", "100")));
    assertThat(nativeTask.getString("owner_id")).isEqualTo(XXX.toString());
  }

  /** The task of {@code number} as {@code GET /report_tasks} shows it to its owner. */
  static JsonObject nativeTask(long number) {
    JsonArray items =
        api.get(XXX, Api.PREFIX + "/report_tasks?limit=100&report_id=" + reportId)
            .json()
            .getJsonArray("items");
    return items.stream()
        .map(JsonObject.class::cast)
        .filter(task -> task.getLong("number") == number)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no task " + number + " in " + items));
  }

  @Test
  void the_documented_examples_of_the_other_operations_answer_as_documented() {
    long id = post("create_periodic_task", CREATE_EXAMPLE).getJsonObject("data").getLong("id");
    String task = Long.toString(id);

    // get_periodic_task_list, as a GET with the documented parameters and as a JSON body
    JsonObject list =
        get(
            "get_periodic_task_list",
            new JsonObject()
                .put("bk_app_code", "esb_test")
                .put("bk_app_secret", "xxx")
                .put("bk_token", "xxx")
                .put("bk_biz_id", "2"));
    assertThat(list.getBoolean("result")).as(list.encode()).isTrue();
    JsonObject first =
        list.getJsonArray("data").stream()
            .map(JsonObject.class::cast)
            .filter(t -> t.getLong("id") == id)
            .findFirst()
            .orElseThrow();
    assertThat(first.fieldNames())
        .containsExactlyInAnyOrder(
            "cron",
            "total_run_count",
            "name",
            "creator",
            "last_run_at",
            "enabled",
            "id",
            "template_id");
    assertThat(
            post(
                    "get_periodic_task_list",
                    "{\"bk_app_code\": \"esb_test\", \"bk_app_secret\": \"xxx\","
                        + " \"bk_token\": \"xxx\", \"bk_biz_id\": \"2\"}")
                .getJsonArray("data"))
        .isEqualTo(list.getJsonArray("data"));

    // get_periodic_task_info: the documented example names the task "task"
    JsonObject info =
        post(
            "get_periodic_task_info",
            "{\"bk_app_code\": \"esb_test\", \"bk_app_secret\": \"xxx\", \"bk_token\": \"xxx\","
                + " \"bk_biz_id\": \"2\", \"task\": \""
                + task
                + "\"}");
    assertThat(info.getBoolean("result")).as(info.encode()).isTrue();
    assertThat(info.getJsonObject("data").getLong("id")).isEqualTo(id);
    assertThat(
            info.getJsonObject("data")
                .getJsonObject("form")
                .getJsonObject("${bk_timing}")
                .getString("value"))
        .isEqualTo("100");
    JsonObject byQuery =
        get("get_periodic_task_info", auth("xxx").put("bk_biz_id", "2").put("task_id", task));
    assertThat(byQuery.getJsonObject("data")).isEqualTo(info.getJsonObject("data"));

    // set_periodic_task_enabled
    JsonObject disabled =
        post(
            "set_periodic_task_enabled",
            "{\"bk_app_code\": \"esb_test\", \"bk_app_secret\": \"xxx\", \"bk_token\": \"xxx\","
                + " \"bk_biz_id\": \"2\", \"task_id\": \""
                + task
                + "\", \"enabled\": false}");
    assertThat(disabled)
        .isEqualTo(
            new JsonObject()
                .put("result", true)
                .put("data", new JsonObject().put("enabled", false))
                .put("message", ""));
    assertThat(nativeTask(id).getBoolean("enabled")).isFalse();
    // enabled defaults to false, as documented
    assertThat(
            post("set_periodic_task_enabled", auth("xxx").put("bk_biz_id", 2).put("task_id", id))
                .getJsonObject("data")
                .getBoolean("enabled"))
        .isFalse();
    assertThat(
            post(
                    "set_periodic_task_enabled",
                    auth("xxx").put("bk_biz_id", "2").put("task_id", task).put("enabled", true))
                .getJsonObject("data")
                .getBoolean("enabled"))
        .isTrue();

    // modify_cron_for_periodic_task (the example's trailing comma made valid JSON)
    JsonObject cron =
        post(
            "modify_cron_for_periodic_task",
            "{\"bk_app_code\": \"esb_test\", \"bk_app_secret\": \"xxx\", \"bk_token\": \"xxx\","
                + " \"bk_biz_id\": \"2\", \"task_id\": \""
                + task
                + "\", \"cron\" : {\"minute\": \"*/1\", \"hour\": \"15\", \"day_of_week\":\"*\","
                + " \"day_of_month\":\"*\", \"month_of_year\":\"*\"}}");
    assertThat(cron)
        .isEqualTo(
            new JsonObject()
                .put("result", true)
                .put("data", new JsonObject().put("cron", "*/1 15 * * * (m/h/d/dM/MY)"))
                .put("message", ""));
    // absent fields default to *; the answer lists minute hour day_of_week day_of_month month
    JsonObject partial =
        post(
            "modify_cron_for_periodic_task",
            auth("xxx")
                .put("bk_biz_id", "2")
                .put("task_id", task)
                .put(
                    "cron",
                    new JsonObject()
                        .put("minute", "1,2,3-19/2")
                        .put("hour", "2")
                        .put("day_of_week", "3")
                        .put("day_of_month", "4")
                        .put("month_of_year", "5")));
    assertThat(partial.getJsonObject("data").getString("cron"))
        .isEqualTo("1,2,3-19/2 2 3 4 5 (m/h/d/dM/MY)");
    assertThat(nativeTask(id).getString("interval")).isEqualTo("1,2,3-19/2 2 4 5 3");
    assertThat(
            post(
                    "modify_cron_for_periodic_task",
                    auth("xxx")
                        .put("bk_biz_id", "2")
                        .put("task_id", task)
                        .put("cron", new JsonObject().put("hour", "6")))
                .getJsonObject("data")
                .getString("cron"))
        .isEqualTo("* 6 * * * (m/h/d/dM/MY)");

    // modify_constants_for_periodic_task
    JsonObject constants =
        post(
            "modify_constants_for_periodic_task",
            "{\"bk_app_code\": \"esb_test\", \"bk_app_secret\": \"xxx\", \"bk_token\": \"xxx\","
                + " \"bk_biz_id\": \"2\", \"task_id\": \""
                + task
                + "\", \"constants\": {\"${bk_timing}\": \"15\"}}");
    assertThat(constants.getBoolean("result")).as(constants.encode()).isTrue();
    JsonObject timing = constants.getJsonObject("data").getJsonObject("${bk_timing}");
    assertThat(timing.getString("value")).isEqualTo("15");
    assertThat(timing.getString("key")).isEqualTo("${bk_timing}");
    assertThat(nativeTask(id).getJsonObject("params").getJsonObject("constants"))
        .isEqualTo(new JsonObject().put("bk_timing", "15"));
  }

  @Test
  void the_list_is_scoped_by_bk_biz_id_newest_first_and_paged() {
    String biz = "biz-" + UUID.randomUUID().toString().substring(0, 8);
    long a = create("xxx", biz, "a").getJsonObject("data").getLong("id");
    long b = create("xxx", biz, "b").getJsonObject("data").getLong("id");
    long c = create("xxx", biz, "c").getJsonObject("data").getLong("id");
    create("xxx", biz + "-other", "elsewhere");

    JsonObject all = get("get_periodic_task_list", auth("xxx").put("bk_biz_id", biz));
    assertThat(ids(all)).containsExactly(c, b, a);
    assertThat(
            ids(get("get_periodic_task_list", auth("xxx").put("bk_biz_id", biz).put("limit", 2))))
        .containsExactly(c, b);
    assertThat(
            ids(
                get(
                    "get_periodic_task_list",
                    auth("xxx").put("bk_biz_id", biz).put("limit", 2).put("offset", 2))))
        .containsExactly(a);
    assertThat(
            ids(post("get_periodic_task_list", auth("xxx").put("bk_biz_id", biz).put("offset", 1))))
        .containsExactly(b, a);
    assertThat(ids(get("get_periodic_task_list", auth("xxx").put("bk_biz_id", biz + "-none"))))
        .isEmpty();
    assertRefused(
        get("get_periodic_task_list", auth("xxx").put("bk_biz_id", biz).put("limit", 0)),
        "limit should be a whole number from 1 to 1000");
    assertRefused(get("get_periodic_task_list", auth("xxx")), "bk_biz_id is required");

    // another business's task answers as missing
    assertRefused(
        post(
            "get_periodic_task_info",
            auth("xxx").put("bk_biz_id", biz + "-other").put("task_id", a)),
        "periodic task not found");
  }

  static java.util.List<Long> ids(JsonObject answer) {
    assertThat(answer.getBoolean("result")).as(answer.encode()).isTrue();
    return answer.getJsonArray("data").stream()
        .map(JsonObject.class::cast)
        .map(t -> t.getLong("id"))
        .toList();
  }

  @Test
  void credentials_are_checked_before_anything_else() {
    JsonObject body = auth("xxx").put("bk_biz_id", "2");
    assertRefused(
        post("get_periodic_task_list", body.copy().put("bk_app_secret", "wrong")),
        SopsMessages.APP_REFUSED);
    assertRefused(
        post("get_periodic_task_list", body.copy().put("bk_app_code", "nobody")),
        SopsMessages.APP_REFUSED);
    // a secret of another app does not open this one
    assertRefused(
        post("get_periodic_task_list", body.copy().put("bk_app_secret", "s3cret")),
        SopsMessages.APP_REFUSED);
    JsonObject noSecret = body.copy();
    noSecret.remove("bk_app_secret");
    assertRefused(post("get_periodic_task_list", noSecret), SopsMessages.APP_REFUSED);
    JsonObject noUser = body.copy();
    noUser.remove("bk_username");
    assertRefused(post("get_periodic_task_list", noUser), SopsMessages.NO_USER);
    assertRefused(
        post("get_periodic_task_list", body.copy().put("bk_username", "nobody-has-this")),
        SopsMessages.UNKNOWN_USER);
    // the other app's own secret works; usernames match whatever their case
    assertThat(
            post(
                    "get_periodic_task_list",
                    body.copy()
                        .put("bk_app_code", "other_app")
                        .put("bk_app_secret", "s3cret")
                        .put("bk_username", "XXX"))
                .getBoolean("result"))
        .isTrue();
  }

  @Test
  void a_stranger_sees_nothing_and_a_shared_user_sees_what_the_native_api_shows() {
    JsonObject created = create("xxx", "shared-biz", "shared");
    long id = created.getJsonObject("data").getLong("id");
    JsonObject ask = new JsonObject().put("bk_biz_id", "shared-biz").put("task_id", id);

    assertRefused(
        post("get_periodic_task_info", auth("stranger").mergeIn(ask)), "periodic task not found");
    assertRefused(
        post("set_periodic_task_enabled", auth("stranger").mergeIn(ask).put("enabled", false)),
        "periodic task not found");
    assertThat(ids(get("get_periodic_task_list", auth("stranger").put("bk_biz_id", "shared-biz"))))
        .isEmpty();
    // the stranger's own report is not a template of the owner's
    assertRefused(
        post(
            "create_periodic_task",
            auth("stranger")
                .put("bk_biz_id", "2")
                .put("template_id", "1")
                .put("name", "x")
                .put("cron", new JsonObject())),
        "template not found");
    assertThat(
            api.get(STRANGER, Api.PREFIX + "/report_tasks?report_id=" + reportId)
                .json()
                .getJsonArray("items"))
        .isEmpty();

    // shared with the stranger natively: the task is theirs to see through the facade too
    Response shared =
        api.patch(
            XXX,
            Api.PREFIX + "/reports/" + reportId,
            new JsonObject().put("user_ids", new JsonArray().add(STRANGER.toString())));
    assertThat(shared.status()).as(shared.toString()).isEqualTo(200);
    try {
      JsonObject info = post("get_periodic_task_info", auth("stranger").mergeIn(ask));
      assertThat(info.getBoolean("result")).as(info.encode()).isTrue();
      assertThat(info.getJsonObject("data").getString("creator")).isEqualTo("xxx");
      assertThat(
              ids(get("get_periodic_task_list", auth("stranger").put("bk_biz_id", "shared-biz"))))
          .containsExactly(id);
    } finally {
      api.patch(
          XXX,
          Api.PREFIX + "/reports/" + reportId,
          new JsonObject().put("user_ids", new JsonArray()));
    }
  }

  @Test
  void a_cron_dict_with_a_field_the_seed_does_not_name_is_refused_and_changes_nothing() {
    // a careless client's typo ("minutes", "hours") must not become a task running every minute
    JsonObject typo = new JsonObject().put("minutes", "0").put("hours", "3");
    String message =
        "cron has an unknown field minutes (known: minute, hour, day_of_week, day_of_month,"
            + " month_of_year)";
    assertRefused(
        post(
            "create_periodic_task",
            auth("xxx")
                .put("bk_biz_id", "cron-typo")
                .put("template_id", reportId)
                .put("name", "typo")
                .put("cron", typo)),
        message);
    assertThat(
            post("get_periodic_task_list", auth("xxx").put("bk_biz_id", "cron-typo"))
                .getJsonArray("data"))
        .isEmpty();
    long task = create("xxx", "cron-typo", "nightly").getJsonObject("data").getLong("id");
    assertRefused(
        post(
            "modify_cron_for_periodic_task",
            auth("xxx").put("bk_biz_id", "cron-typo").put("task_id", task).put("cron", typo)),
        message);
    assertThat(nativeTask(task).getString("interval")).isEqualTo("0 3 * * *");
  }

  @Test
  void bad_input_answers_result_false_with_the_reason() {
    JsonObject base = auth("xxx").put("bk_biz_id", "2");
    JsonObject create =
        base.copy().put("template_id", "1").put("name", "n").put("cron", new JsonObject());
    assertRefused(
        post("create_periodic_task", create.copy().put("template_id", "999999")),
        "template not found");
    assertRefused(
        post("create_periodic_task", create.copy().put("template_id", "abc")),
        "template_id should be a report's number or uuid");
    JsonObject noName = create.copy();
    noName.remove("name");
    assertRefused(post("create_periodic_task", noName), "name is required");
    JsonObject noCron = create.copy();
    noCron.remove("cron");
    assertRefused(post("create_periodic_task", noCron), "cron is required");
    assertThat(
            post(
                    "create_periodic_task",
                    create.copy().put("cron", new JsonObject().put("minute", "99")))
                .getBoolean("result"))
        .isFalse();
    assertRefused(
        post(
            "create_periodic_task",
            create.copy().put("cron", new JsonObject().put("minute", "1 2"))),
        "cron.minute should be a crontab field (digits, names, *, /, -, and commas; no spaces)");
    assertRefused(
        post(
            "create_periodic_task",
            create.copy().put("constants", new JsonObject().put("bk_timing", "1"))),
        "each key of constants should be ${name}, the name of 1 to 64 letters, digits, '_', '.'"
            + " or '-'");
    assertRefused(
        post(
            "modify_constants_for_periodic_task",
            base.copy().put("task_id", "x").put("constants", new JsonObject())),
        "task_id should be a positive number");
    assertRefused(
        post("set_periodic_task_enabled", base.copy().put("task_id", 999999999)),
        "periodic task not found");
    assertRefused(
        post("set_periodic_task_enabled", base.copy().put("task_id", 1).put("enabled", "maybe")),
        "enabled should be true or false");
    assertRefused(post("get_periodic_task_list", "[1, 2]"), "invalid request");
  }

  @Test
  void http_level_errors_answer_in_the_envelope() throws Exception {
    Response unknown = api.send(null, "POST", SOPS + "/delete_periodic_task/", "{}");
    assertThat(unknown.status()).isEqualTo(404);
    assertRefused(unknown.json(), SopsMessages.NOT_FOUND);
    Response method = api.send(null, "DELETE", SOPS + "/create_periodic_task/", null);
    assertThat(method.status()).isEqualTo(405);
    assertRefused(method.json(), SopsMessages.METHOD_NOT_ALLOWED);
    HttpResponse<String> notJson =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(base + SOPS + "/create_periodic_task/"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertRefused(new JsonObject(notJson.body()), SopsMessages.NOT_JSON);
    Response huge =
        api.send(
            null,
            "POST",
            SOPS + "/create_periodic_task/",
            new JsonObject().put("name", "x".repeat(2_000_000)));
    assertThat(huge.status()).isEqualTo(413);
    assertRefused(huge.json(), SopsMessages.TOO_LARGE);
    // without the trailing slash too
    assertThat(
            api.send(
                    null,
                    "POST",
                    SOPS + "/get_periodic_task_list",
                    auth("xxx").put("bk_biz_id", "2"))
                .json()
                .getBoolean("result"))
        .isTrue();
    Response contract = api.send(null, "GET", SOPS + "/openapi.yaml", null);
    assertThat(contract.status()).isEqualTo(200);
    assertThat(contract.body()).contains("/create_periodic_task/").contains("openapi: 3.1.0");
  }

  @Test
  void users_me_sets_a_unique_username_and_validates_its_fields() {
    UUID user = UUID.randomUUID();
    Response me = api.get(user, Api.PREFIX + "/users/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json())
        .isEqualTo(
            new JsonObject()
                .put("id", user.toString())
                .putNull("email")
                .putNull("first_name")
                .putNull("last_name")
                .putNull("username")
                .put("administrator", false));
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    Response set =
        api.patch(
            user,
            Api.PREFIX + "/users/me",
            new JsonObject()
                .put("username", name)
                .put("email", "u@example.org")
                .put("first_name", "Ann")
                .put("last_name", "Lee"));
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(api.get(user, Api.PREFIX + "/users/me").json().getString("email"))
        .isEqualTo("u@example.org");
    // a partial change keeps the other fields; null clears one
    JsonObject changed =
        api.patch(user, Api.PREFIX + "/users/me", new JsonObject().putNull("first_name")).json();
    assertThat(changed.getString("username")).isEqualTo(name);
    assertThat(changed.getString("first_name")).isNull();
    assertThat(changed.getString("last_name")).isEqualTo("Lee");

    Response taken =
        api.patch(
            UUID.randomUUID(),
            Api.PREFIX + "/users/me",
            new JsonObject().put("username", name.toUpperCase(java.util.Locale.ROOT)));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json())
        .isEqualTo(new JsonObject().put("error", "username already taken").put("error_code", 409));
    Response bad =
        api.patch(user, Api.PREFIX + "/users/me", new JsonObject().put("username", "a b"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("username should be 1 to 150 letters, digits or @.+-_");
    Response longName =
        api.patch(
            user, Api.PREFIX + "/users/me", new JsonObject().put("last_name", "x".repeat(151)));
    assertThat(longName.status()).isEqualTo(400);
    Response email =
        api.patch(user, Api.PREFIX + "/users/me", new JsonObject().put("email", "nope"));
    assertThat(email.status()).isEqualTo(400);
    assertThat(api.patch(null, Api.PREFIX + "/users/me", new JsonObject()).status()).isEqualTo(400);
  }

  @Test
  void the_constants_of_a_sops_task_are_bound_in_its_reports_queries_and_shown_in_the_file()
      throws Exception {
    JsonObject created =
        post(
            "create_periodic_task",
            auth("xxx")
                .put("bk_biz_id", "files")
                .put("template_id", reportId)
                .put("name", "file check")
                .put("cron", new JsonObject().put("minute", "0").put("hour", "4"))
                .put("constants", new JsonObject().put("${bk_timing}", "it's 100; DROP")));
    long number = created.getJsonObject("data").getLong("id");
    JsonObject task = nativeTask(number);
    // the facade makes report.generate tasks (PDF by default); the file is read back as CSV
    Response csv =
        api.patch(
            XXX,
            Api.PREFIX + "/report_tasks/" + task.getString("id"),
            new JsonObject()
                .put("params", task.getJsonObject("params").copy().put("format", "csv")));
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);

    assertThat(runAndRead(task.getString("id")))
        .isEqualTo("page,widget,series,value\r\n1,Timing,constant,it's 100; DROP\r\n");

    JsonObject modified =
        post(
            "modify_constants_for_periodic_task",
            auth("xxx")
                .put("bk_biz_id", "files")
                .put("task_id", number)
                .put("constants", new JsonObject().put("${bk_timing}", "42")));
    assertThat(modified.getBoolean("result")).as(modified.encode()).isTrue();
    assertThat(runAndRead(task.getString("id")))
        .isEqualTo("page,widget,series,value\r\n1,Timing,constant,42\r\n");

    JsonObject info =
        post("get_periodic_task_info", auth("xxx").put("bk_biz_id", "files").put("task_id", number))
            .getJsonObject("data");
    // the task's own counters, as the native API shows them
    JsonObject counted = nativeTask(number);
    assertThat(info.getLong("total_run_count")).isEqualTo(counted.getLong("run_count"));
    assertThat(info.getString("last_run_at"))
        .isEqualTo(counted.getString("last_run_at") == null ? "" : info.getString("last_run_at"));
  }

  private static String runAndRead(String taskId) throws Exception {
    long run =
        api.post(XXX, Api.PREFIX + "/report_tasks/" + taskId + "/run", null).json().getLong("id");
    JsonObject finished = Runs.awaitFinished(api, XXX, run);
    assertThat(finished.getString("status")).as(finished.encode()).isEqualTo("complete");
    return api.get(XXX, Api.PREFIX + "/report_queue/" + run + "/file").body();
  }
}
