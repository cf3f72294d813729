package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Job kinds: {@code job} and {@code params} are checked against the registry when saved. */
class JobKindsApiTest {
  private static final String CREATE = Api.PREFIX + "/report_tasks/create";
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("DIAGNOSTIC_JOBS", true));
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void create_with_an_unknown_job_answers_400_naming_every_known_job_and_stores_nothing() {
    String report = fixtures.report(owner, "unknown job");
    long before = server.count("report_tasks");

    Response response = api.post(owner, CREATE, Fixtures.task(report).put("job", "report.mail"));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.error())
        .isEqualTo("unknown job \"report.mail\" (known: " + String.join(", ", jobNames()) + ")");
    assertThat(response.error()).contains("diagnostic.sleep").contains("report.generate");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void create_with_a_format_outside_the_list_answers_400_naming_params_format() {
    String report = fixtures.report(owner, "docx");
    long before = server.count("report_tasks");

    Response response =
        api.post(
            owner,
            CREATE,
            Fixtures.task(report).put("params", new JsonObject().put("format", "docx")));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("params.format must be one of pdf, csv, xlsx, json");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void report_generate_constants_must_be_an_object() {
    String report = fixtures.report(owner, "constants");

    Response response =
        api.post(
            owner,
            CREATE,
            Fixtures.task(report).put("params", new JsonObject().put("constants", "x")));

    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("params.constants must be an object");
  }

  @Test
  void a_report_job_without_report_id_answers_the_seed_messages_in_the_seed_order() {
    long before = server.count("report_tasks");

    Response implicit =
        api.post(owner, CREATE, new JsonObject().put("interval", "@daily").put("instance", ""));
    Response explicit =
        api.post(
            owner,
            CREATE,
            new JsonObject().put("interval", "@daily").put("job", "report.generate"));
    Response malformed =
        api.post(
            owner,
            CREATE,
            new JsonObject().put("job", "report.generate").put("report_id", "not-a-uuid"));

    assertThat(implicit.status()).isEqualTo(400);
    assertThat(implicit.error()).isEqualTo("missing report id");
    assertThat(explicit.status()).isEqualTo(400);
    assertThat(explicit.error()).isEqualTo("missing report id");
    assertThat(malformed.error()).isEqualTo("report id should be uuid format");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void patch_to_an_unknown_job_or_bad_params_answers_400_and_changes_nothing() {
    String report = fixtures.report(owner, "patched");
    String task = api.post(owner, CREATE, Fixtures.task(report)).id();
    String path = Api.PREFIX + "/report_tasks/" + task;
    String stored = api.get(owner, path).body();

    Response job = api.patch(owner, path, new JsonObject().put("job", "nope"));
    Response params =
        api.patch(owner, path, new JsonObject().put("params", new JsonObject().put("format", 7)));

    assertThat(job.status()).as(job.toString()).isEqualTo(400);
    assertThat(job.error()).startsWith("unknown job \"nope\" (known: ");
    assertThat(params.status()).as(params.toString()).isEqualTo(400);
    assertThat(params.error()).isEqualTo("params.format must be one of pdf, csv, xlsx, json");
    assertThat(api.get(owner, path).body()).isEqualTo(stored);
  }

  @Test
  void diagnostic_sleep_params_are_lenient_but_bounded() {
    String report = fixtures.report(owner, "sleep");
    JsonObject sleep = Fixtures.task(report).put("job", "diagnostic.sleep");

    Response lenient =
        api.post(
            owner,
            CREATE,
            sleep.copy().put("params", new JsonObject().put("ms", 10).put("note", "anything")));
    Response tooLong =
        api.post(owner, CREATE, sleep.copy().put("params", new JsonObject().put("ms", 3_600_001)));
    Response badFail =
        api.post(owner, CREATE, sleep.copy().put("params", new JsonObject().put("fail", "maybe")));

    assertThat(lenient.status()).as(lenient.toString()).isEqualTo(201);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error()).isEqualTo("params.ms must be an integer from 0 to 3600000");
    assertThat(badFail.error()).isEqualTo("params.fail must be one of error, transient");
  }

  @Test
  void jobs_lists_every_kind_with_description_report_need_and_params_schema() {
    Response response = api.get(owner, Api.PREFIX + "/jobs");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonArray items = response.json().getJsonArray("items");
    List<String> names = jobNames();
    assertThat(names).isSorted().contains("report.generate", "diagnostic.sleep");
    JsonObject report = kind(items, "report.generate");
    assertThat(report.getBoolean("needs_report")).isTrue();
    assertThat(report.getString("description")).isNotBlank();
    assertThat(
            report
                .getJsonObject("params_schema")
                .getJsonObject("properties")
                .getJsonObject("format")
                .getJsonArray("enum"))
        .containsExactly("pdf", "csv", "xlsx", "json");
    assertThat(kind(items, "diagnostic.sleep").getBoolean("needs_report")).isFalse();
  }

  @Test
  void the_published_contract_enumerates_the_registered_jobs() {
    Response contract = api.send(null, "GET", Api.PREFIX + "/openapi.yaml", null);

    assertThat(contract.status()).isEqualTo(200);
    JsonObject schemas =
        new JsonObject(
                (java.util.Map<String, Object>)
                    new org.yaml.snakeyaml.Yaml()
                        .<java.util.Map<String, Object>>load(contract.body()))
            .getJsonObject("components")
            .getJsonObject("schemas");
    for (String schema : List.of("ReportTaskCreate", "ReportTaskInput")) {
      assertThat(
              schemas
                  .getJsonObject(schema)
                  .getJsonObject("properties")
                  .getJsonObject("job")
                  .getJsonArray("enum")
                  .getList())
          .as(schema)
          .isEqualTo(jobNames());
    }
  }

  @Test
  void the_published_contract_lists_the_registered_report_formats_for_previews() {
    Response contract = api.send(null, "GET", Api.PREFIX + "/openapi.yaml", null);
    JsonObject paths =
        new JsonObject(
                (java.util.Map<String, Object>)
                    new org.yaml.snakeyaml.Yaml()
                        .<java.util.Map<String, Object>>load(contract.body()))
            .getJsonObject("paths");
    List<String> operations = new java.util.ArrayList<>();
    for (String path : paths.fieldNames()) {
      JsonObject post = paths.getJsonObject(path).getJsonObject("post");
      if (post == null
          || !List.of("previewReport", "previewUnsavedReport")
              .contains(post.getString("operationId"))) {
        continue;
      }
      operations.add(post.getString("operationId"));
      for (Object parameter : post.getJsonArray("parameters")) {
        if ("format".equals(((JsonObject) parameter).getString("name"))) {
          assertThat(
                  ((JsonObject) parameter).getJsonObject("schema").getJsonArray("enum").getList())
              .isEqualTo(dev.periodica.render.ReportFormat.names());
        }
      }
    }
    assertThat(operations).containsExactlyInAnyOrder("previewReport", "previewUnsavedReport");
  }

  @Test
  void a_task_without_a_report_is_seen_changed_and_run_only_by_its_owner() throws Exception {
    UUID other = UUID.randomUUID();
    Response created =
        api.post(
            owner,
            CREATE,
            new JsonObject()
                .put("interval", "@yearly")
                .put("instance", "00000000-0000-0000-0000-000000000000")
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 0)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getValue("report_id")).isNull();
    assertThat(created.json().getValue("report")).isNull();
    String path = Api.PREFIX + "/report_tasks/" + created.id();

    Response mine = api.get(owner, path);
    Response theirs = api.get(other, path);
    Response theirList = api.get(other, Api.PREFIX + "/report_tasks?limit=100");
    Response theirPatch = api.patch(other, path, new JsonObject().put("enabled", false));
    Response theirRun = api.post(other, path + "/run", null);
    Response theirDelete = api.delete(other, path);
    Response run = api.post(owner, path + "/run", null);
    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    long id = run.json().getLong("id");
    JsonObject finished = dev.periodica.support.Runs.awaitFinished(api, owner, id);
    Response theirView = api.get(other, Api.PREFIX + "/report_queue/" + id);
    Response theirQueue = api.get(other, Api.PREFIX + "/report_queue?limit=100");
    Response theirCancel = api.post(other, Api.PREFIX + "/report_queue/" + id + "/cancel", null);

    assertThat(mine.status()).isEqualTo(200);
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.error()).isEqualTo("task not found");
    assertThat(theirList.json().getJsonArray("items")).isEmpty();
    assertThat(theirPatch.status()).isEqualTo(404);
    assertThat(theirRun.status()).isEqualTo(404);
    assertThat(theirDelete.status()).isEqualTo(404);
    assertThat(finished.getString("status")).isEqualTo("complete");
    assertThat(finished.getValue("report_id")).isNull();
    assertThat(theirView.status()).isEqualTo(404);
    assertThat(theirQueue.json().getJsonArray("items")).isEmpty();
    assertThat(theirCancel.status()).isEqualTo(404);
    assertThat(api.get(owner, path).body()).isEqualTo(mine.body());
  }

  @Test
  void a_task_without_a_report_takes_report_id_null_and_its_own_answer_sent_back() {
    Response created =
        api.post(
            owner,
            CREATE,
            new JsonObject()
                .put("interval", "@yearly")
                .put("instance", "00000000-0000-0000-0000-000000000000")
                .put("report_id", null)
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 0)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String path = Api.PREFIX + "/report_tasks/" + created.id();
    JsonObject read = api.get(owner, path).json();

    // a client that reads a task, changes a field and sends it all back
    Response roundTrip = api.patch(owner, path, read.copy().put("enabled", false));

    assertThat(roundTrip.status()).as(roundTrip.toString()).isEqualTo(200);
    assertThat(roundTrip.json().getBoolean("enabled")).isFalse();
    assertThat(roundTrip.json().getValue("report_id")).isNull();
  }

  @Test
  void a_task_without_a_report_cannot_gain_one_nor_turn_into_a_report_job() {
    String report = fixtures.report(owner, "not for this one");
    String task =
        api.post(
                owner,
                CREATE,
                new JsonObject()
                    .put("interval", "@yearly")
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("job", "diagnostic.sleep"))
            .id();
    String path = Api.PREFIX + "/report_tasks/" + task;

    Response gain = api.patch(owner, path, new JsonObject().put("report_id", report));
    Response turn = api.patch(owner, path, new JsonObject().put("job", "report.generate"));

    assertThat(gain.status()).isEqualTo(400);
    assertThat(gain.error())
        .isEqualTo("report_id of a task cannot be changed; create a task on the other report");
    assertThat(turn.status()).isEqualTo(400);
    assertThat(turn.error()).isEqualTo("missing report id");
  }

  @Test
  void a_run_shows_the_result_its_job_recorded() throws Exception {
    String task =
        api.post(
                owner,
                CREATE,
                new JsonObject()
                    .put("interval", "@yearly")
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 20).put("steps", 2)))
            .id();

    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonObject run = dev.periodica.support.Runs.awaitFinished(api, owner, id);
    JsonObject listed =
        api.get(owner, Api.PREFIX + "/report_tasks/" + task + "/runs")
            .json()
            .getJsonArray("items")
            .getJsonObject(0);

    assertThat(run.getString("status")).isEqualTo("complete");
    assertThat(run.getJsonObject("result"))
        .isEqualTo(new JsonObject().put("slept_ms", 20).put("steps", 2));
    assertThat(listed.getJsonObject("result")).isEqualTo(run.getJsonObject("result"));
  }

  @Test
  void a_report_run_records_its_file_and_rows_as_its_result() throws Exception {
    String report = fixtures.report(owner, "result");
    String task =
        api.post(
                owner,
                CREATE,
                Fixtures.task(report)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("params", new JsonObject().put("format", "csv")))
            .id();

    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonObject run = dev.periodica.support.Runs.awaitFinished(api, owner, id);

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    JsonObject result = run.getJsonObject("result");
    assertThat(result.getString("file")).isEqualTo(run.getJsonObject("file").getString("name"));
    assertThat(result.getString("format")).isEqualTo("csv");
    assertThat(result.getLong("size")).isEqualTo(run.getJsonObject("file").getLong("size"));
    assertThat(result.getInteger("series")).isZero();
    assertThat(result.getInteger("rows")).isZero();
  }

  private List<String> jobNames() {
    List<String> names = new ArrayList<>();
    api.get(owner, Api.PREFIX + "/jobs")
        .json()
        .getJsonArray("items")
        .forEach(item -> names.add(((JsonObject) item).getString("name")));
    return names;
  }

  private static JsonObject kind(JsonArray items, String name) {
    for (Object item : items) {
      if (name.equals(((JsonObject) item).getString("name"))) {
        return (JsonObject) item;
      }
    }
    throw new AssertionError("no job " + name + " in " + items);
  }
}
