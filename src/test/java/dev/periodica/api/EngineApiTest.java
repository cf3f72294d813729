package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine through the API: scheduled and manual runs, outcomes, cancel, timeout, retries. */
class EngineApiTest {
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.startFastEngine(TestServer.newSchema());
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void a_run_pinned_to_an_instance_that_is_not_running_ends_in_error_in_the_end() {
    UUID gone = UUID.randomUUID();
    String stranded = task(new JsonObject().put("instance", gone.toString()));
    String live =
        task(
            new JsonObject()
                .put("instance", server.instanceId().toString())
                .put("params", new JsonObject().put("ms", 100)));

    long strandedRun =
        api.post(owner, Api.PREFIX + "/report_tasks/" + stranded + "/run", null)
            .json()
            .getLong("id");
    long liveRun =
        api.post(owner, Api.PREFIX + "/report_tasks/" + live + "/run", null).json().getLong("id");

    JsonObject given =
        awaitRun(
            Api.PREFIX + "/report_queue/" + strandedRun,
            r -> !"new".equals(r.getString("status")),
            Duration.ofSeconds(20));
    assertThat(given.getString("status")).isEqualTo("error");
    assertThat(given.getString("error"))
        .isEqualTo(
            "instance "
                + gone
                + " has not been running for 3 s; a run pinned to it cannot start elsewhere");
    assertThat(given.getString("ended_at")).isNotNull();
    JsonObject done =
        awaitRun(
            Api.PREFIX + "/report_queue/" + liveRun,
            r -> "complete".equals(r.getString("status")),
            Duration.ofSeconds(20));
    assertThat(done.getString("instance")).isEqualTo(server.instanceId().toString());
  }

  @Test
  void metrics_count_created_and_finished_runs_beside_http_pool_and_jvm_figures() {
    String task = task(new JsonObject().put("params", new JsonObject().put("ms", 50)));
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    awaitRun(
        Api.PREFIX + "/report_queue/" + id,
        r -> "complete".equals(r.getString("status")),
        Duration.ofSeconds(20));

    // served on the metrics port; the API port has no /metrics without METRICS_TOKEN
    Response metrics = new Api("http://localhost:" + server.metricsPort()).get(owner, "/metrics");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern("(?m)^periodica_runs_finished_total\\{status=\"complete\"} [1-9]")
        .contains("vertx_http_server_requests_total")
        .contains("vertx_pool_in_use{pool_name=\"periodica\",pool_type=\"sql\"}")
        .contains("jvm_memory_used_bytes");
  }

  private String task(JsonObject extra) {
    String report = fixtures.report(owner, "engine");
    JsonObject body =
        Fixtures.task(report)
            .put("instance", "00000000-0000-0000-0000-000000000000")
            .put("job", "diagnostic.sleep")
            .mergeIn(extra);
    Response created = api.post(owner, Api.PREFIX + "/report_tasks/create", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private JsonObject awaitRun(String path, Predicate<JsonObject> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject last = null;
    while (Instant.now().isBefore(deadline)) {
      Response response = api.get(owner, path);
      if (response.status() == 200) {
        JsonObject body = response.json();
        JsonArray items = body.getJsonArray("items");
        if (items == null) {
          last = body;
          if (condition.test(body)) {
            return body;
          }
        } else {
          for (Object item : items) {
            last = (JsonObject) item;
            if (condition.test(last)) {
              return last;
            }
          }
        }
      }
      sleep(100);
    }
    throw new AssertionError("no run matched within " + timeout + "; last seen: " + last);
  }

  @Test
  void a_scheduled_task_produces_runs_that_complete_with_progress_100() {
    String task =
        task(
            new JsonObject()
                .put("interval", "@every 1s")
                .put("params", new JsonObject().put("ms", 300).put("steps", 3)));

    JsonObject run =
        awaitRun(
            Api.PREFIX + "/report_tasks/" + task + "/runs",
            r -> "complete".equals(r.getString("status")),
            Duration.ofSeconds(20));

    assertThat(run.getInteger("progress")).isEqualTo(100);
    assertThat(run.getString("trigger")).isEqualTo("schedule");
    assertThat(run.getInteger("attempt")).isEqualTo(1);
    assertThat(run.getString("instance")).isEqualTo(server.instanceId().toString());
    assertThat(run.getString("started_at")).isNotNull();
    assertThat(run.getString("ended_at")).isNotNull();
    assertThat(Instant.parse(run.getString("scheduled_for")).getNano() % 1_000_000_000).isZero();
    JsonObject taskBody = api.get(owner, Api.PREFIX + "/report_tasks/" + task).json();
    assertThat(taskBody.getLong("run_count")).isPositive();
    assertThat(taskBody.getString("last_run_at")).isNotNull();
  }

  @Test
  void a_report_task_stored_before_params_were_checked_fails_its_runs_with_a_clear_message() {
    String report = fixtures.report(owner, "not yet rendered");
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report).put("instance", "00000000-0000-0000-0000-000000000000"))
            .id();
    // saving refuses such params now; a task stored before that still has them
    dev.periodica.support.TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET params = '{\"format\": \"docx\"}' WHERE id = '" + task + "'");

    Response manual = api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null);
    assertThat(manual.status()).as(manual.toString()).isEqualTo(201);
    JsonObject run =
        awaitRun(
            Api.PREFIX + "/report_queue/" + manual.json().getLong("id"),
            r -> "error".equals(r.getString("status")),
            Duration.ofSeconds(10));

    assertThat(run.getString("error"))
        .isEqualTo("params.format must be one of pdf, csv, xlsx, json");
    assertThat(run.getString("trigger")).isEqualTo("manual");
  }

  @Test
  void a_user_cancels_a_running_run_and_it_stays_cancelled() {
    String task =
        task(
            new JsonObject()
                .put("interval", "@yearly")
                .put("params", new JsonObject().put("ms", 30_000).put("steps", 300)));
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    String path = Api.PREFIX + "/report_queue/" + id;
    awaitRun(path, r -> r.getInteger("progress") > 0, Duration.ofSeconds(10));

    Response cancelled = api.post(owner, path + "/cancel", null);
    sleep(1200);
    JsonObject after = api.get(owner, path).json();
    Response again = api.post(owner, path + "/cancel", null);

    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().getString("status")).isEqualTo("cancel");
    assertThat(after.getString("status")).isEqualTo("cancel");
    assertThat(after.getInteger("progress")).isEqualTo(cancelled.json().getInteger("progress"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("the run is already cancel and cannot be cancelled");
  }

  @Test
  void a_run_longer_than_its_timeout_becomes_cancel_too_long() {
    String task =
        task(
            new JsonObject()
                .put("interval", "@yearly")
                .put("timeout_seconds", 1)
                .put("params", new JsonObject().put("ms", 20_000).put("steps", 20)));
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");

    JsonObject run =
        awaitRun(
            Api.PREFIX + "/report_queue/" + id,
            r -> "cancel_too_long".equals(r.getString("status")),
            Duration.ofSeconds(10));

    assertThat(run.getString("error")).isEqualTo("took longer than 1 s");
  }

  @Test
  void transient_failures_retry_with_backoff_until_max_attempts_then_error() {
    String task =
        task(
            new JsonObject()
                .put("interval", "@yearly")
                .put("max_attempts", 2)
                .put("params", new JsonObject().put("ms", 0).put("fail", "transient")));
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");

    JsonObject run =
        awaitRun(
            Api.PREFIX + "/report_queue/" + id,
            r -> "error".equals(r.getString("status")),
            Duration.ofSeconds(15));

    assertThat(run.getInteger("attempt")).isEqualTo(2);
    assertThat(run.getString("error")).endsWith("(gave up after 2 attempts)");
  }

  @Test
  void a_permanent_failure_is_not_retried() {
    String task =
        task(
            new JsonObject()
                .put("interval", "@yearly")
                .put("params", new JsonObject().put("ms", 0).put("fail", "error")));
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");

    JsonObject run =
        awaitRun(
            Api.PREFIX + "/report_queue/" + id,
            r -> "error".equals(r.getString("status")),
            Duration.ofSeconds(10));

    assertThat(run.getInteger("attempt")).isEqualTo(1);
    assertThat(run.getString("error")).isEqualTo("diagnostic failure requested");
  }

  @Test
  void tasks_are_stopped_and_started_in_batch() {
    String first = task(new JsonObject().put("interval", "@daily"));
    String second = task(new JsonObject().put("interval", "@daily"));
    JsonObject stop =
        new JsonObject()
            .put("tasks", new JsonArray().add(first).add(second))
            .put("status", "stopped");

    Response stopped = api.post(owner, Api.PREFIX + "/report_tasks/status", stop);
    Response foreign =
        api.post(
            UUID.randomUUID(),
            Api.PREFIX + "/report_tasks/status",
            stop.copy().put("status", "running"));

    assertThat(stopped.json().getJsonArray("tasks")).hasSize(2);
    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + first).json().getBoolean("enabled"))
        .isFalse();
    assertThat(foreign.json().getJsonArray("tasks")).isEmpty();
    api.post(owner, Api.PREFIX + "/report_tasks/status", stop.put("status", "running"));
    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + first).json().getBoolean("enabled"))
        .isTrue();
    assertThat(
            api.post(
                    owner,
                    Api.PREFIX + "/report_tasks/status",
                    new JsonObject()
                        .put("tasks", new JsonArray().add(first))
                        .put("status", "paused"))
                .error())
        .isEqualTo("status should be running or stopped");
  }

  @Test
  void runs_of_another_users_tasks_are_invisible() {
    String task = task(new JsonObject().put("interval", "@yearly"));
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    UUID stranger = UUID.randomUUID();

    assertThat(api.get(stranger, Api.PREFIX + "/report_queue/" + id).status()).isEqualTo(404);
    assertThat(api.post(stranger, Api.PREFIX + "/report_queue/" + id + "/cancel", null).status())
        .isEqualTo(404);
    assertThat(api.post(stranger, Api.PREFIX + "/report_tasks/" + task + "/run", null).status())
        .isEqualTo(404);
    assertThat(api.get(stranger, Api.PREFIX + "/report_queue").json().getLong("total")).isZero();
  }

  @Test
  void the_queue_filters_by_status_and_rejects_unknown_ones() {
    assertThat(api.get(owner, Api.PREFIX + "/report_queue?status=complete,error").status())
        .isEqualTo(200);
    assertThat(api.get(owner, Api.PREFIX + "/report_queue?status=done").error())
        .startsWith("status should be among");
    assertThat(api.get(owner, Api.PREFIX + "/report_queue/abc").error())
        .isEqualTo("run id should be a positive integer");
  }

  @Test
  void instances_list_this_instance_alive() {
    JsonArray items =
        api.get(TestServer.ADMIN, Api.PREFIX + "/instances").json().getJsonArray("items");

    assertThat(items.stream().map(JsonObject.class::cast))
        .anySatisfy(
            instance -> {
              assertThat(instance.getString("id")).isEqualTo(server.instanceId().toString());
              assertThat(instance.getBoolean("alive")).isTrue();
            });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
