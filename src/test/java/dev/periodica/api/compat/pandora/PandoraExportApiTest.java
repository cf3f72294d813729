package dev.periodica.api.compat.pandora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's documented requests replayed against periodica: bodies, answers, statuses and error
 * shapes of the export-task API, its list filters, sorting and paging, and who sees what.
 */
class PandoraExportApiTest {
  private static final String SPL = "SELECT host, hits FROM hits ORDER BY host";
  private static TestServer server;
  private static Pandora pandora;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    String schema = TestServer.newSchema();
    server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", schema + "_ds"));
    TestDatabase.execute(
        schema,
        """
        CREATE SCHEMA IF NOT EXISTS %1$s_ds;
        CREATE TABLE %1$s_ds.hits (host text, hits integer);
        INSERT INTO %1$s_ds.hits VALUES ('a', 3), ('b', 5);
        CREATE TABLE %1$s.private_notes (secret text);
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

  /** The seed's create body (2.1) with its placeholders filled: cronDate, values as strings. */
  private static JsonObject seedCronDateBody(String name) {
    return new JsonObject(
        """
        {
            "name": "%s",
            "spl": "%s",
            "interval": {
                "type": "cronDate",
                "cronDate": {
                    "frequency": "day",
                    "month": "1",
                    "date": "1",
                    "hour": "16",
                    "minute": "0"
                }
            }
        }
        """
            .formatted(name, SPL));
  }

  /** The seed's create body with the crontab it shows. */
  private static JsonObject seedCrontabBody(String name) {
    return new JsonObject()
        .put("name", name)
        .put("spl", SPL)
        .put("interval", new JsonObject().put("type", "crontab").put("crontab", "*/5 * * * * ?"));
  }

  private static JsonObject cronDate(String frequency, Object month, Object date) {
    return new JsonObject()
        .put("name", "cd-" + frequency)
        .put("spl", SPL)
        .put(
            "interval",
            new JsonObject()
                .put("type", "cronDate")
                .put(
                    "cronDate",
                    new JsonObject()
                        .put("frequency", frequency)
                        .put("month", month)
                        .put("date", date)
                        .put("hour", "16")
                        .put("minute", "1")));
  }

  private String create(UUID user, JsonObject body) {
    Response created = pandora.post(user, "/task", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    return created.id();
  }

  private JsonObject list(UUID user, String query) {
    Response listed = pandora.get(user, "/task/list" + query);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    return listed.json();
  }

  private static List<String> names(JsonObject page) {
    return page.getJsonArray("tasks").stream()
        .map(task -> ((JsonObject) task).getString("name"))
        .toList();
  }

  private static void assertError(Response response, int status, String code, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    JsonObject body = response.json();
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("code", "message");
    assertThat(body.getString("code")).isEqualTo(code);
    if (message != null) {
      assertThat(body.getString("message")).isEqualTo(message);
    }
  }

  @Test
  void the_seed_create_request_answers_200_and_makes_an_ordinary_dataset_export_task() {
    Response created = pandora.post(owner, "/task", seedCronDateBody("jucncheng"));

    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().fieldNames()).containsExactly("id");
    JsonObject task = api.get(owner, Api.PREFIX + "/report_tasks/" + created.id()).json();
    assertThat(task.getString("job")).isEqualTo("dataset.export");
    assertThat(task.getJsonObject("params"))
        .isEqualTo(new JsonObject().put("sql", SPL).put("format", "csv"));
    assertThat(task.getString("interval")).isEqualTo("0 0 16 * * ?");
    assertThat(task.getValue("report_id")).isNull();
    assertThat(
            TestDatabase.count(
                server.schema(),
                "SELECT count(*) FROM report_tasks WHERE id = '"
                    + created.id()
                    + "' AND origin = 'export' AND name = 'jucncheng'"
                    + " AND attributes->'interval'->>'type' = 'cronDate'"))
        .isEqualTo(1);
  }

  @Test
  void the_seed_list_answer_has_every_documented_field_with_its_type() {
    String id = create(owner, cronDate("year", "1", "1"));

    JsonObject page = list(owner, "?sort=createTime&order=desc&pageNo=1&pageSize=10&prefix=cd-");

    assertThat(page.fieldNames()).containsExactly("total", "pageNo", "pageSize", "tasks");
    assertThat(page.getInteger("total")).isEqualTo(1);
    assertThat(page.getInteger("pageNo")).isEqualTo(1);
    assertThat(page.getInteger("pageSize")).isEqualTo(10);
    JsonObject task = page.getJsonArray("tasks").getJsonObject(0);
    assertThat(task.fieldNames())
        .containsExactly(
            "id",
            "name",
            "description",
            "operations",
            "spl",
            "owner",
            "interval",
            "status",
            "count",
            "updateTime",
            "createTime",
            "lastRunTime");
    assertThat(task.getString("id")).isEqualTo(id);
    assertThat(task.getString("name")).isEqualTo("cd-year");
    assertThat(task.getValue("description")).isNull();
    assertThat(task.getJsonArray("operations")).containsExactly("create", "edit", "list", "delete");
    assertThat(task.getString("spl")).isEqualTo(SPL);
    assertThat(task.getString("owner")).isEqualTo(owner.toString());
    assertThat(task.getJsonObject("interval").encode())
        .isEqualTo(
            "{\"type\":\"cronDate\",\"cronDate\":{\"frequency\":\"year\",\"month\":1,\"date\":1,"
                + "\"hour\":16,\"minute\":1}}");
    assertThat(task.getString("status")).isEqualTo("running");
    assertThat(task.getValue("count")).isEqualTo(0);
    assertThat(task.getValue("lastRunTime")).isEqualTo(-1);
    assertThat(task.getValue("createTime")).isInstanceOf(Long.class);
    assertThat(task.getLong("createTime"))
        .isEqualTo(task.getLong("updateTime"))
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
  }

  @Test
  void a_crontab_with_seconds_is_stored_as_given_and_shown_as_given() {
    String id = create(owner, seedCrontabBody("every-five-seconds"));

    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + id).json().getString("interval"))
        .isEqualTo("*/5 * * * * ?");
    assertThat(
            list(owner, "?prefix=every-five")
                .getJsonArray("tasks")
                .getJsonObject(0)
                .getJsonObject("interval"))
        .isEqualTo(new JsonObject().put("type", "crontab").put("crontab", "*/5 * * * * ?"));
  }

  @Test
  void date_32_fires_on_the_last_day_of_the_month() {
    String id = create(owner, cronDate("month", "1", "32"));

    OffsetDateTime next =
        OffsetDateTime.parse(
            api.get(owner, Api.PREFIX + "/report_tasks/" + id).json().getString("next_run_at"));
    YearMonth month = YearMonth.from(next);
    assertThat(next.getDayOfMonth()).isEqualTo(month.lengthOfMonth());
    assertThat(next.withOffsetSameInstant(ZoneOffset.UTC).getHour()).isEqualTo(16);
  }

  @Test
  void update_replaces_name_spl_and_interval_and_keeps_the_status() {
    String id = create(owner, seedCronDateBody("before-update"));
    pandora.put(
        owner,
        "/tasks/status",
        new JsonObject().put("tasks", new JsonArray().add(id)).put("status", "stopped"));

    JsonObject body = seedCrontabBody("after-update").put("spl", "SELECT hits FROM hits");
    Response updated = pandora.put(owner, "/task/" + id, body);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json()).isEqualTo(new JsonObject());
    JsonObject task = list(owner, "?prefix=after-update").getJsonArray("tasks").getJsonObject(0);
    assertThat(task.getString("spl")).isEqualTo("SELECT hits FROM hits");
    assertThat(task.getJsonObject("interval").getString("crontab")).isEqualTo("*/5 * * * * ?");
    assertThat(task.getString("status")).isEqualTo("stopped");
    assertThat(task.getLong("updateTime")).isGreaterThanOrEqualTo(task.getLong("createTime"));
    assertThat(list(owner, "?prefix=before-update").getInteger("total")).isZero();
  }

  @Test
  void delete_answers_200_and_the_task_is_gone_everywhere() {
    String id = create(owner, seedCronDateBody("to-delete"));

    Response deleted = pandora.delete(owner, "/task/" + id);

    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json()).isEqualTo(new JsonObject());
    assertThat(list(owner, "?prefix=to-delete").getInteger("total")).isZero();
    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + id).status()).isEqualTo(404);
    assertError(pandora.delete(owner, "/task/" + id), 404, "NotFound", "task not found");
  }

  @Test
  void batch_status_stops_and_starts_every_task_named_or_none() {
    String first = create(owner, seedCronDateBody("batch-1"));
    String second = create(owner, seedCronDateBody("batch-2"));
    JsonArray both = new JsonArray().add(first).add(second);

    Response stopped =
        pandora.put(
            owner, "/tasks/status", new JsonObject().put("tasks", both).put("status", "stopped"));

    assertThat(stopped.status()).isEqualTo(200);
    assertThat(list(owner, "?prefix=batch-").getJsonArray("tasks").stream())
        .allSatisfy(
            task -> assertThat(((JsonObject) task).getString("status")).isEqualTo("stopped"));
    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + first).json().getBoolean("enabled"))
        .isFalse();

    String missing = UUID.randomUUID().toString();
    Response partly =
        pandora.put(
            owner,
            "/tasks/status",
            new JsonObject().put("tasks", both.copy().add(missing)).put("status", "running"));
    assertError(partly, 404, "NotFound", "task not found: " + missing);
    assertThat(list(owner, "?prefix=batch-&sort=status").getJsonArray("tasks").stream())
        .allSatisfy(
            task -> assertThat(((JsonObject) task).getString("status")).isEqualTo("stopped"));

    assertThat(
            pandora
                .put(
                    owner,
                    "/tasks/status",
                    new JsonObject().put("tasks", both).put("status", "running"))
                .status())
        .isEqualTo(200);
    assertThat(list(owner, "?prefix=batch-").getJsonArray("tasks").stream())
        .allSatisfy(
            task -> assertThat(((JsonObject) task).getString("status")).isEqualTo("running"));
  }

  @Test
  void the_list_filters_by_name_prefix_sorts_and_pages() {
    UUID user = UUID.randomUUID();
    for (String name : List.of("Sales b", "sales a", "sales c", "other")) {
      create(user, seedCronDateBody(name));
    }
    String stopped = create(user, seedCronDateBody("sales d"));
    pandora.put(
        user,
        "/tasks/status",
        new JsonObject().put("tasks", new JsonArray().add(stopped)).put("status", "stopped"));

    assertThat(names(list(user, "?prefix=SALES&sort=name&order=asc")))
        .containsExactly("sales a", "Sales b", "sales c", "sales d");
    assertThat(names(list(user, "?prefix=sales&sort=name&order=desc")))
        .containsExactly("sales d", "sales c", "Sales b", "sales a");
    // newest first by default
    assertThat(names(list(user, "")))
        .containsExactly("sales d", "other", "sales c", "sales a", "Sales b");
    assertThat(names(list(user, "?sort=createTime&order=asc")).get(0)).isEqualTo("Sales b");
    assertThat(names(list(user, "?prefix=sales&sort=status&order=asc")).get(3))
        .isEqualTo("sales d");
    assertThat(names(list(user, "?prefix=sales&sort=status&order=desc")).get(0))
        .isEqualTo("sales d");

    JsonObject second = list(user, "?prefix=sales&sort=name&order=asc&pageNo=2&pageSize=3");
    assertThat(second.getInteger("total")).isEqualTo(4);
    assertThat(second.getInteger("pageNo")).isEqualTo(2);
    assertThat(second.getInteger("pageSize")).isEqualTo(3);
    assertThat(names(second)).containsExactly("sales d");
    assertThat(names(list(user, "?prefix=sales&pageNo=3&pageSize=3"))).isEmpty();
    assertThat(list(user, "?prefix=100%25").getInteger("total")).isZero();
    for (String sort : List.of("updateTime", "lastRunTime", "count")) {
      assertThat(list(user, "?sort=" + sort).getInteger("total")).isEqualTo(5);
    }
  }

  @Test
  void the_list_shows_only_export_tasks() {
    UUID user = UUID.randomUUID();
    create(user, seedCronDateBody("mine"));
    Response nativeTask =
        api.post(
            user,
            Api.PREFIX + "/report_tasks/create",
            new JsonObject()
                .put("interval", "@daily")
                .put("instance", "00000000-0000-0000-0000-000000000000")
                .put("job", "dataset.export")
                .put("params", new JsonObject().put("sql", SPL)));
    assertThat(nativeTask.status()).isEqualTo(201);

    assertThat(names(list(user, ""))).containsExactly("mine");
    assertError(
        pandora.put(user, "/task/" + nativeTask.id(), seedCronDateBody("hijack")),
        404,
        "NotFound",
        "task not found");
    assertError(pandora.get(user, "/task/" + nativeTask.id() + "/history"), 404, "NotFound", null);
  }

  @Test
  void a_stranger_sees_nothing_and_changes_nothing() {
    String id = create(owner, seedCronDateBody("private"));
    UUID stranger = UUID.randomUUID();
    long before = server.count("report_tasks WHERE updated_at IS NOT NULL");

    assertThat(list(stranger, "").getInteger("total")).isZero();
    assertError(
        pandora.put(stranger, "/task/" + id, seedCrontabBody("x")),
        404,
        "NotFound",
        "task not found");
    assertError(pandora.delete(stranger, "/task/" + id), 404, "NotFound", "task not found");
    assertError(
        pandora.get(stranger, "/task/" + id + "/history"), 404, "NotFound", "task not found");
    assertError(
        pandora.put(
            stranger,
            "/tasks/status",
            new JsonObject().put("tasks", new JsonArray().add(id)).put("status", "stopped")),
        404,
        "NotFound",
        "task not found: " + id);
    assertThat(api.get(stranger, Api.PREFIX + "/report_tasks/" + id).status()).isEqualTo(404);

    JsonObject task = list(owner, "?prefix=private").getJsonArray("tasks").getJsonObject(0);
    assertThat(task.getString("status")).isEqualTo("running");
    assertThat(task.getString("name")).isEqualTo("private");
    assertThat(server.count("report_tasks WHERE updated_at IS NOT NULL")).isEqualTo(before);
  }

  @Test
  void the_caller_header_is_required() {
    assertError(pandora.get(null, "/task/list"), 401, "Unauthorized", "missing uid header");
    assertError(
        pandora.send(null, "POST", "/task", seedCronDateBody("x").encode(), Pandora.JSON),
        401,
        "Unauthorized",
        null);
    Response notUuid =
        api.sendWithHeader("pandora@qiniu.com", "GET", Pandora.PREFIX + "/task/list", null);
    assertError(notUuid, 401, "Unauthorized", null);
  }

  @Test
  void a_body_must_be_declared_as_json() {
    long before = server.count("report_tasks");
    String body = seedCronDateBody("typed").encode();

    assertError(
        pandora.send(owner, "POST", "/task", body, null),
        415,
        "UnsupportedMediaType",
        "Content-Type must be application/json");
    assertError(
        pandora.send(owner, "POST", "/task", body, "text/plain"),
        415,
        "UnsupportedMediaType",
        null);
    assertError(
        pandora.send(
            owner, "PUT", "/tasks/status", "{\"tasks\":[],\"status\":\"running\"}", "text/plain"),
        415,
        "UnsupportedMediaType",
        null);
    assertThat(
            pandora.send(owner, "POST", "/task", body, "application/json; charset=utf-8").status())
        .isEqualTo(200);
    assertThat(server.count("report_tasks")).isEqualTo(before + 1);
  }

  @Test
  void bad_bodies_answer_400_naming_the_field_and_write_nothing() {
    long before = server.count("report_tasks");

    assertError(
        pandora.post(owner, "/task", "not json"),
        400,
        "BadRequest",
        "the body must be a JSON object");
    assertError(
        pandora.post(owner, "/task", "[]"), 400, "BadRequest", "the body must be a JSON object");
    assertError(
        pandora.post(owner, "/task", seedCronDateBody("x").put("name", "  ")),
        400,
        "BadRequest",
        "name is required");
    assertError(
        pandora.post(owner, "/task", seedCronDateBody("x").put("name", 7)),
        400,
        "BadRequest",
        "name must be a string of at most 255 characters");
    assertError(
        pandora.post(owner, "/task", seedCronDateBody("x").putNull("spl")),
        400,
        "BadRequest",
        "spl is required");
    assertError(
        pandora.post(owner, "/task", seedCronDateBody("x").put("spl", "*")),
        400,
        "BadRequest",
        null);
    Response missingTable =
        pandora.post(owner, "/task", seedCronDateBody("x").put("spl", "SELECT * FROM nowhere"));
    assertError(missingTable, 400, "BadRequest", null);
    assertThat(missingTable.json().getString("message")).startsWith("spl: ").contains("nowhere");
    Response hidden =
        pandora.post(
            owner,
            "/task",
            seedCronDateBody("x")
                .put("spl", "SELECT * FROM " + server.schema() + ".private_notes"));
    assertThat(hidden.json().getString("message"))
        .startsWith("spl: ")
        .contains("permission denied");
    assertError(
        pandora.post(owner, "/task", seedCronDateBody("x").put("interval", "daily")),
        400,
        "BadRequest",
        null);
    assertError(
        pandora.post(
            owner,
            "/task",
            seedCrontabBody("x")
                .put(
                    "interval",
                    new JsonObject().put("type", "crontab").put("crontab", "61 * * * * ?"))),
        400,
        "BadRequest",
        "interval.crontab must be a cron of 6 or 7 fields with seconds, such as */5 * * * * ?");
    assertError(
        pandora.post(owner, "/task", cronDate("year", "2", "31")),
        400,
        "BadRequest",
        "interval has no fire time after now");
    assertError(
        pandora.post(owner, "/task", cronDate("fortnightly", "1", "1")),
        400,
        "BadRequest",
        "interval.cronDate.frequency must be one of minute, hour, day, weekly, month, quarter,"
            + " year");
    assertError(
        pandora.put(
            owner,
            "/tasks/status",
            new JsonObject().put("tasks", new JsonArray()).put("status", "paused")),
        400,
        "BadRequest",
        "status must be running or stopped");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void bad_list_parameters_answer_400() {
    assertError(
        pandora.get(owner, "/task/list?sort=owner"),
        400,
        "BadRequest",
        "sort must be one of createTime, updateTime, lastRunTime, name, count, status");
    assertError(
        pandora.get(owner, "/task/list?order=up"), 400, "BadRequest", "order must be asc or desc");
    assertError(
        pandora.get(owner, "/task/list?pageNo=0"),
        400,
        "BadRequest",
        "pageNo must be an integer from 1 to 1000000");
    assertError(
        pandora.get(owner, "/task/list?pageSize=1001"),
        400,
        "BadRequest",
        "pageSize must be an integer from 1 to 1000");
    assertError(pandora.get(owner, "/task/list?pageSize=ten"), 400, "BadRequest", null);
  }

  @Test
  void unknown_paths_and_methods_answer_in_the_facade_shape() {
    assertError(pandora.get(owner, "/tasks"), 404, "NotFound", "not found");
    assertError(
        pandora.get(owner, "/task/" + UUID.randomUUID() + "/history"),
        404,
        "NotFound",
        "task not found");
    assertError(
        pandora.put(owner, "/task/not-a-uuid", seedCronDateBody("x")),
        404,
        "NotFound",
        "task not found");
    Response wrongMethod = pandora.get(owner, "/task");
    assertError(wrongMethod, 405, "MethodNotAllowed", "method not allowed");
    assertThat(wrongMethod.headers().firstValue("allow")).contains("POST");
    Response tooLarge =
        pandora.post(owner, "/task", seedCronDateBody("x").put("spl", "x".repeat(2_000_000)));
    assertError(tooLarge, 413, "PayloadTooLarge", null);
  }

  @Test
  void the_openapi_document_is_published() {
    Response document = pandora.get(null, "/openapi.yaml");

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.body())
        .contains("openapi: 3.1.0")
        .contains("url: /api/v1/export")
        .contains("operationId: createExportTask")
        .contains("operationId: listExportTaskHistory");
  }
}
