package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API the web console needs: retry, bulk cancel and retry, queue statistics, pausing with a
 * reason and WebSocket tickets, each as the owner, a user the report is shared with, a stranger and
 * an administrator (who sees only what is shared with them, like everyone else).
 */
class ConsoleApiTest {
  private static final String P = Api.PREFIX;
  private static final UUID ADMIN = TestServer.ADMIN;
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new JsonObject()
                .put("DIAGNOSTIC_JOBS", true)
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("RETRY_BASE_SECONDS", 1));
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A report of {@code owner} shared with {@code shared} (null for none). */
  private static String report(UUID owner, UUID shared) {
    JsonObject body = new JsonObject().put("name", "r");
    if (shared != null) {
      body.put("user_ids", new JsonArray().add(shared.toString()));
    }
    return fixtures.report(owner, body);
  }

  /** A diagnostic task; {@code pinnedAway}: its runs wait for an instance that never comes. */
  private static String task(UUID owner, String report, JsonObject params, boolean pinnedAway) {
    JsonObject body =
        Fixtures.task(report)
            .put(
                "instance", pinnedAway ? Fixtures.INSTANCE : "00000000-0000-0000-0000-000000000000")
            .put("job", "diagnostic.sleep")
            .put("params", params);
    Response created = api.post(owner, P + "/report_tasks/create", body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static long runNow(UUID owner, String task) {
    Response run = api.post(owner, P + "/report_tasks/" + task + "/run", null);
    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    return run.json().getLong("id");
  }

  private static List<Long> longs(JsonArray values) {
    return values.stream().map(v -> ((Number) v).longValue()).toList();
  }

  @Test
  void retry_of_a_failed_run_is_a_new_run_of_the_same_fire_time_linked_to_it() throws Exception {
    UUID owner = UUID.randomUUID();
    UUID shared = UUID.randomUUID();
    String task =
        task(
            owner,
            report(owner, shared),
            new JsonObject().put("ms", 0).put("fail", "error"),
            false);
    long failed = runNow(owner, task);
    JsonObject ended = Runs.awaitEnded(api, owner, failed);
    assertThat(ended.getString("status")).isEqualTo("error");

    Response stranger = api.post(UUID.randomUUID(), P + "/report_queue/" + failed + "/retry", null);
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.json().getString("error")).isEqualTo("run not found");
    assertThat(stranger.json().getInteger("error_code")).isEqualTo(404);
    assertThat(api.post(ADMIN, P + "/report_queue/" + failed + "/retry", null).status())
        .as("an administrator sees only what is shared with them")
        .isEqualTo(404);

    Response retried = api.post(shared, P + "/report_queue/" + failed + "/retry", null);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    JsonObject run = retried.json();
    assertThat(run.getLong("id")).isNotEqualTo(failed);
    assertThat(run.getLong("retry_of")).isEqualTo(failed);
    assertThat(run.getString("task_id")).isEqualTo(task);
    assertThat(run.getString("scheduled_for")).isEqualTo(ended.getString("scheduled_for"));
    assertThat(run.getString("status")).isEqualTo("new");
    assertThat(Runs.awaitEnded(api, owner, run.getLong("id")).getString("status"))
        .isEqualTo("error");
    // the run's own view and the queue list say what it retries; the retried run retries nothing
    JsonObject read = api.get(owner, P + "/report_queue/" + run.getLong("id")).json();
    assertThat(read.getLong("retry_of")).isEqualTo(failed);
    assertThat(api.get(owner, P + "/report_queue/" + failed).json().getValue("retry_of")).isNull();
    // a run may be retried again: each retry takes a slot of its own for the same fire time
    assertThat(api.post(owner, P + "/report_queue/" + failed + "/retry", null).status())
        .isEqualTo(201);

    String fine = task(owner, report(owner, null), new JsonObject().put("ms", 0), false);
    long complete = runNow(owner, fine);
    assertThat(Runs.awaitEnded(api, owner, complete).getString("status")).isEqualTo("complete");
    Response refused = api.post(owner, P + "/report_queue/" + complete + "/retry", null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().getString("error"))
        .isEqualTo(
            "the run is complete; only runs in error, cancel or cancel_too_long can be retried");
    assertThat(api.post(owner, P + "/report_queue/abc/retry", null).status()).isEqualTo(400);
  }

  @Test
  void bulk_cancel_by_ids_cancels_what_the_caller_sees_and_names_what_it_left_alone() {
    UUID owner = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    String task = task(owner, report(owner, null), new JsonObject(), true);
    long first = runNow(owner, task);
    long second = runNow(owner, task);
    long hidden = runNow(other, task(other, report(other, null), new JsonObject(), true));

    Response done =
        api.post(
            owner,
            P + "/report_queue/cancel",
            new JsonObject().put("ids", new JsonArray().add(first).add(second).add(hidden)));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.json().getInteger("count")).isEqualTo(2);
    assertThat(longs(done.json().getJsonArray("skipped"))).containsExactly(hidden);
    assertThat(done.json().getBoolean("more")).isFalse();
    assertThat(api.get(owner, P + "/report_queue/" + first).json().getString("status"))
        .isEqualTo("cancel");
    assertThat(api.get(other, P + "/report_queue/" + hidden).json().getString("status"))
        .as("a stranger's run is untouched")
        .isEqualTo("new");

    Response again =
        api.post(
            owner,
            P + "/report_queue/cancel",
            new JsonObject().put("ids", new JsonArray().add(first)));
    assertThat(again.json().getInteger("count")).isZero();
    assertThat(longs(again.json().getJsonArray("skipped"))).containsExactly(first);

    Response both =
        api.post(
            owner,
            P + "/report_queue/cancel",
            new JsonObject().put("ids", new JsonArray().add(1)).put("filter", new JsonObject()));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.json().getString("error"))
        .isEqualTo("send either ids (a list of run ids) or filter (an object), not both");
  }

  @Test
  void bulk_retry_by_filter_retries_every_matching_run_once_and_bulk_cancel_by_filter_stops_them() {
    UUID owner = UUID.randomUUID();
    String task = task(owner, report(owner, null), new JsonObject(), true);
    List<Long> runs = List.of(runNow(owner, task), runNow(owner, task), runNow(owner, task));
    JsonObject byTask = new JsonObject().put("task_id", task);
    Response cancelled =
        api.post(owner, P + "/report_queue/cancel", new JsonObject().put("filter", byTask));
    assertThat(cancelled.json().getInteger("count")).isEqualTo(3);

    Response retried =
        api.post(
            owner,
            P + "/report_queue/retry",
            new JsonObject()
                .put("filter", byTask.copy().put("status", new JsonArray().add("cancel"))));
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    JsonArray created = retried.json().getJsonArray("runs");
    assertThat(created).hasSize(3);
    assertThat(created.stream().map(r -> ((JsonObject) r).getLong("retry_of")).toList())
        .containsExactlyElementsOf(runs);
    Response stranger =
        api.post(
            UUID.randomUUID(), P + "/report_queue/retry", new JsonObject().put("filter", byTask));
    assertThat(stranger.json().getInteger("count")).as("a stranger retries nothing").isZero();

    JsonObject list = api.get(owner, P + "/report_queue?task_id=" + task + "&status=new").json();
    assertThat(list.getLong("total")).isEqualTo(3);
  }

  @Test
  void stats_count_the_callers_runs_per_status_and_per_minute_and_nothing_of_others() {
    UUID owner = UUID.randomUUID();
    String task = task(owner, report(owner, null), new JsonObject(), true);
    long first = runNow(owner, task);
    runNow(owner, task);
    api.post(owner, P + "/report_queue/" + first + "/cancel", null);

    Response stats = api.get(owner, P + "/report_queue/stats");
    assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
    JsonObject counts = stats.json().getJsonObject("counts");
    assertThat(counts.getLong("new")).isEqualTo(1);
    assertThat(counts.getLong("cancel")).isEqualTo(1);
    assertThat(counts.getLong("complete")).isZero();
    assertThat(stats.json().getLong("total")).isEqualTo(2);
    JsonArray minutes = stats.json().getJsonArray("minutes");
    assertThat(minutes).hasSize(60);
    long created = 0;
    long finished = 0;
    for (Object minute : minutes) {
      created += ((JsonObject) minute).getLong("created");
      finished += ((JsonObject) minute).getLong("finished");
    }
    assertThat(created).isEqualTo(2);
    assertThat(finished).isEqualTo(1);

    JsonObject stranger = api.get(UUID.randomUUID(), P + "/report_queue/stats").json();
    assertThat(stranger.getLong("total")).isZero();
    assertThat(
            api.get(ADMIN, P + "/report_queue/stats").json().getJsonObject("counts").getLong("new"))
        .as("the administrator does not see the owner's unshared runs")
        .isLessThan(1);
  }

  @Test
  void a_run_retried_by_its_policy_shows_each_earlier_attempt_with_its_instance() throws Exception {
    UUID owner = UUID.randomUUID();
    JsonObject body =
        Fixtures.task(report(owner, null))
            .put("instance", "00000000-0000-0000-0000-000000000000")
            .put("job", "diagnostic.sleep")
            .put("max_attempts", 2)
            .put("params", new JsonObject().put("ms", 0).put("fail", "transient"));
    String task = api.post(owner, P + "/report_tasks/create", body).id();
    long run = runNow(owner, task);
    JsonObject ended = Runs.awaitEnded(api, owner, run);
    assertThat(ended.getString("status")).isEqualTo("error");
    assertThat(ended.getInteger("attempt")).isEqualTo(2);
    JsonArray earlier = ended.getJsonArray("earlier_attempts");
    assertThat(earlier).hasSize(1);
    JsonObject first = earlier.getJsonObject(0);
    assertThat(first.getInteger("attempt")).isEqualTo(1);
    assertThat(first.getString("instance")).isEqualTo(server.instanceId().toString());
    assertThat(first.getString("error")).isEqualTo("diagnostic transient failure requested");
    assertThat(Instant.parse(first.getString("started_at")))
        .isBeforeOrEqualTo(Instant.parse(first.getString("ended_at")));
    assertThat(Instant.parse(first.getString("ended_at")))
        .isBeforeOrEqualTo(Instant.parse(ended.getString("started_at")));
    assertThat(first.getString("ended_at")).endsWith("Z");
    // a run that needed one attempt has none before it, in the list too
    String fine = task(owner, report(owner, null), new JsonObject().put("ms", 0), false);
    long once = runNow(owner, fine);
    Runs.awaitEnded(api, owner, once);
    JsonObject listed =
        api.get(owner, P + "/report_queue?task_id=" + fine)
            .json()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(listed.getJsonArray("earlier_attempts")).isEmpty();
  }

  @Test
  void runs_are_filtered_by_job_kind_and_trigger_in_the_list_and_in_bulk_actions()
      throws Exception {
    UUID owner = UUID.randomUUID();
    String report = report(owner, null);
    String sleeper =
        api.post(
                owner,
                P + "/report_tasks/create",
                Fixtures.task(report)
                    .put("interval", "@every 1s")
                    .put("overlap", "allow")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject()))
            .id();
    String generator = api.post(owner, P + "/report_tasks/create", Fixtures.task(report)).id();
    long manualSleep = runNow(owner, sleeper);
    long manualReport = runNow(owner, generator);
    String mine = "&report_id=" + report + "&limit=100";
    for (int i = 0; i < 100 && total(owner, "trigger=schedule" + mine) == 0; i++) {
      Thread.sleep(100);
    }
    api.post(
        owner,
        P + "/report_tasks/status",
        new JsonObject().put("tasks", new JsonArray().add(sleeper)).put("status", "stopped"));
    JsonObject scheduled = api.get(owner, P + "/report_queue?trigger=schedule" + mine).json();
    assertThat(scheduled.getLong("total")).isPositive();
    assertThat(scheduled.getJsonArray("items").stream())
        .allMatch(r -> "schedule".equals(((JsonObject) r).getString("trigger")))
        .allMatch(r -> sleeper.equals(((JsonObject) r).getString("task_id")));
    assertThat(runIds(owner, "trigger=manual" + mine)).containsExactly(manualReport, manualSleep);
    assertThat(runIds(owner, "trigger=manual&job=report.generate" + mine))
        .containsExactly(manualReport);
    assertThat(runIds(owner, "job=diagnostic.sleep&trigger=manual" + mine))
        .containsExactly(manualSleep);
    assertThat(runIds(owner, "job=no.such.kind" + mine)).isEmpty();
    Response bad = api.get(owner, P + "/report_queue?trigger=cron");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("trigger should be schedule or manual");

    Response cancelled =
        api.post(
            owner,
            P + "/report_queue/cancel",
            new JsonObject()
                .put(
                    "filter",
                    new JsonObject()
                        .put("report_id", report)
                        .put("trigger", "manual")
                        .put("job", "report.generate")));
    assertThat(cancelled.json().getInteger("count")).isEqualTo(1);
    assertThat(cancelled.json().getJsonArray("runs").getJsonObject(0).getLong("id"))
        .isEqualTo(manualReport);
    assertThat(api.get(owner, P + "/report_queue/" + manualSleep).json().getString("status"))
        .isIn("new", "in_action", "complete");
    Response badBulk =
        api.post(
            owner,
            P + "/report_queue/retry",
            new JsonObject().put("filter", new JsonObject().put("trigger", "later")));
    assertThat(badBulk.status()).isEqualTo(400);
  }

  @Test
  void
      a_bounded_count_answers_more_than_instead_of_a_total_and_without_a_bound_the_total_is_exact() {
    UUID owner = UUID.randomUUID();
    String task = task(owner, report(owner, null), new JsonObject(), true);
    List<Long> runs = List.of(runNow(owner, task), runNow(owner, task), runNow(owner, task));
    String of = P + "/report_queue?task_id=" + task + "&limit=2";

    JsonObject exact = api.get(owner, of).json();
    assertThat(exact.fieldNames()).containsExactlyInAnyOrder("items", "total", "limit", "offset");
    assertThat(exact.getLong("total")).isEqualTo(3);

    JsonObject more = api.get(owner, of + "&count_up_to=2").json();
    assertThat(more.fieldNames())
        .as("never a partial count under the name total")
        .containsExactlyInAnyOrder("items", "total_more_than", "limit", "offset");
    assertThat(more.getInteger("total_more_than")).isEqualTo(2);
    assertThat(more.getJsonArray("items").stream().map(r -> ((JsonObject) r).getLong("id")))
        .containsExactly(runs.get(2), runs.get(1));
    assertThat(api.get(owner, of + "&count_up_to=0").json().getInteger("total_more_than")).isZero();
    for (int bound : new int[] {3, 4, 100_000}) {
      JsonObject counted = api.get(owner, of + "&count_up_to=" + bound).json();
      assertThat(counted.getLong("total")).as("bound " + bound).isEqualTo(3);
      assertThat(counted.containsKey("total_more_than")).isFalse();
    }
    JsonObject none = api.get(owner, of + "&count_up_to=0&status=error").json();
    assertThat(none.getLong("total")).isZero();
    assertThat(none.getJsonArray("items")).isEmpty();

    for (String bad : List.of("-1", "100001", "many", "1.5")) {
      Response refused = api.get(owner, of + "&count_up_to=" + bad);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.error()).isEqualTo("count_up_to should be an integer from 0 to 100000");
    }
  }

  private static long total(UUID owner, String query) {
    return api.get(owner, P + "/report_queue?" + query).json().getLong("total");
  }

  private static List<Long> runIds(UUID owner, String query) {
    Response page = api.get(owner, P + "/report_queue?" + query);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").stream()
        .map(r -> ((JsonObject) r).getLong("id"))
        .toList();
  }

  @Test
  void instances_show_administrators_how_many_runs_each_is_executing() throws Exception {
    UUID owner = UUID.randomUUID();
    String task = task(owner, report(owner, null), new JsonObject().put("ms", 60_000), false);
    long run = runNow(owner, task);
    for (int i = 0; i < 100; i++) {
      if ("in_action"
          .equals(api.get(owner, P + "/report_queue/" + run).json().getString("status"))) {
        break;
      }
      Thread.sleep(100);
    }
    String self = server.instanceId().toString();
    String running = "runs WHERE status = 'in_action' AND instance_id = '" + self + "'";
    assertThat(server.count(running)).isPositive();
    assertThat(inProgress(self)).isEqualTo(server.count(running));
    assertThat(api.get(owner, P + "/instances").status()).isEqualTo(403);
    api.post(owner, P + "/report_queue/" + run + "/cancel", null);
    for (int i = 0; i < 100 && server.count(running) > 0; i++) {
      Thread.sleep(100);
    }
    assertThat(inProgress(self)).isEqualTo(server.count(running));
  }

  private static long inProgress(String instance) {
    Response listed = api.get(ADMIN, P + "/instances");
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    return listed.json().getJsonArray("items").stream()
        .map(i -> (JsonObject) i)
        .filter(i -> instance.equals(i.getString("id")))
        .findFirst()
        .orElseThrow()
        .getLong("runs_in_progress");
  }

  @Test
  void pausing_with_a_reason_records_who_and_when_and_resuming_clears_it() {
    UUID owner = UUID.randomUUID();
    UUID shared = UUID.randomUUID();
    String task = task(owner, report(owner, shared), new JsonObject(), true);
    Response paused =
        api.post(
            shared,
            P + "/report_tasks/status",
            new JsonObject()
                .put("tasks", new JsonArray().add(task))
                .put("status", "stopped")
                .put("reason", "database maintenance until 14:00"));
    assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
    JsonObject seen = api.get(owner, P + "/report_tasks/" + task).json();
    assertThat(seen.getBoolean("enabled")).isFalse();
    assertThat(seen.getString("paused_reason")).isEqualTo("database maintenance until 14:00");
    assertThat(seen.getString("paused_by")).isEqualTo(shared.toString());
    assertThat(seen.getString("paused_at")).isNotNull();

    Response stranger =
        api.post(
            UUID.randomUUID(),
            P + "/report_tasks/status",
            new JsonObject().put("tasks", new JsonArray().add(task)).put("status", "running"));
    assertThat(stranger.json().getJsonArray("tasks")).isEmpty();
    assertThat(api.get(owner, P + "/report_tasks/" + task).json().getBoolean("enabled")).isFalse();

    Response reasonOnResume =
        api.post(
            owner,
            P + "/report_tasks/status",
            new JsonObject()
                .put("tasks", new JsonArray().add(task))
                .put("status", "running")
                .put("reason", "x"));
    assertThat(reasonOnResume.status()).isEqualTo(400);
    assertThat(reasonOnResume.json().getString("error"))
        .isEqualTo("reason is given only with status stopped");

    api.post(
        owner,
        P + "/report_tasks/status",
        new JsonObject().put("tasks", new JsonArray().add(task)).put("status", "running"));
    JsonObject resumed = api.get(owner, P + "/report_tasks/" + task).json();
    assertThat(resumed.getBoolean("enabled")).isTrue();
    assertThat(resumed.getValue("paused_reason")).isNull();
    assertThat(resumed.getValue("paused_by")).isNull();
    assertThat(resumed.getValue("paused_at")).isNull();
  }

  @Test
  void the_task_list_filters_by_name_prefix_job_kind_and_enabled_on_the_server() {
    UUID owner = UUID.randomUUID();
    String report = report(owner, null);
    String stem = "Nightly-" + UUID.randomUUID().toString().substring(0, 6);
    JsonObject nightly = Fixtures.task(report).put("name", stem + " sales");
    String sales = api.post(owner, P + "/report_tasks/create", nightly).id();
    String sleeper =
        api.post(
                owner,
                P + "/report_tasks/create",
                Fixtures.task(report)
                    .put("name", stem.toLowerCase() + "_sleep")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject())
                    .put("enabled", false))
            .id();
    api.post(owner, P + "/report_tasks/create", Fixtures.task(report).put("name", "other"));
    api.post(owner, P + "/report_tasks/create", Fixtures.task(report).put("name", "nightl_"));
    api.post(
        UUID.randomUUID(),
        P + "/report_tasks/create",
        Fixtures.task(report(UUID.randomUUID(), null)).put("name", stem + " theirs"));

    assertThat(ids("name=" + stem.toUpperCase(), owner)).containsExactlyInAnyOrder(sales, sleeper);
    assertThat(ids("name=" + stem + "&job=diagnostic.sleep", owner)).containsExactly(sleeper);
    assertThat(ids("name=" + stem + "&enabled=true", owner)).containsExactly(sales);
    assertThat(ids("name=" + stem + "&enabled=false&job=report.generate", owner)).isEmpty();
    assertThat(ids("name=" + stem.substring(0, 6) + "_y", owner)).isEmpty();
    assertThat(ids("job=diagnostic.sleep", owner)).containsExactly(sleeper);
    assertThat(
            api.get(owner, P + "/report_tasks?name=" + stem + "&limit=1").json().getLong("total"))
        .isEqualTo(2);
    Response bad = api.get(owner, P + "/report_tasks?enabled=maybe");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
  }

  private static List<String> ids(String query, UUID caller) {
    Response page = api.get(caller, P + "/report_tasks?limit=100&" + query);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").stream()
        .map(t -> ((JsonObject) t).getString("id"))
        .toList();
  }

  @Test
  void a_ws_ticket_opens_one_websocket_once() throws Exception {
    UUID user = UUID.randomUUID();
    Response issued = api.post(user, P + "/ws/ticket", null);
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    String ticket = issued.json().getString("ticket");
    assertThat(ticket).hasSizeGreaterThan(30);
    assertThat(api.post(null, P + "/ws/ticket", null).status()).isEqualTo(400);

    URI uri = URI.create("ws://127.0.0.1:" + server.port() + P + "/ws?ticket=" + ticket);
    HttpClient client = HttpClient.newHttpClient();
    WebSocket socket =
        client
            .newWebSocketBuilder()
            .buildAsync(uri, new WebSocket.Listener() {})
            .get(10, TimeUnit.SECONDS);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

    for (String used : List.of(ticket, "not-a-ticket")) {
      URI again = URI.create("ws://127.0.0.1:" + server.port() + P + "/ws?ticket=" + used);
      try {
        client
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(again, new WebSocket.Listener() {})
            .join();
        throw new AssertionError("a used or unknown ticket opened a WebSocket");
      } catch (CompletionException refused) {
        assertThat(refused.getCause())
            .isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        assertThat(
                ((java.net.http.WebSocketHandshakeException) refused.getCause())
                    .getResponse()
                    .statusCode())
            .isEqualTo(401);
      }
    }
  }

  @Test
  void read_only_mode_refuses_every_change_and_still_answers_reads() throws Exception {
    try (TestServer readOnly =
        TestServer.start(new JsonObject().put("CONSOLE_READ_ONLY", "true"))) {
      Api ro = readOnly.api();
      UUID user = UUID.randomUUID();
      Response create = ro.post(user, P + "/reports/create", new JsonObject().put("name", "r"));
      assertThat(create.status()).isEqualTo(403);
      assertThat(create.json().getString("error"))
          .isEqualTo("the server is read-only (CONSOLE_READ_ONLY=true): changes are refused");
      assertThat(ro.post(user, P + "/report_queue/1/retry", null).status()).isEqualTo(403);
      assertThat(
              ro.post(
                      user,
                      P + "/report_queue/cancel",
                      new JsonObject().put("ids", new JsonArray().add(1)))
                  .status())
          .isEqualTo(403);
      assertThat(ro.delete(user, P + "/reports/" + UUID.randomUUID()).status()).isEqualTo(403);
      assertThat(ro.patch(user, P + "/users/me", new JsonObject()).status()).isEqualTo(403);
      assertThat(ro.get(user, P + "/reports").status()).isEqualTo(200);
      // the Era facade's LOOKUP is a search: a read, answered in read-only mode too
      Response lookup =
          ro.send(user, "LOOKUP", "/rest/v1/service/svctasks?id=" + UUID.randomUUID(), null);
      assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
      assertThat(ro.post(user, P + "/ws/ticket", null).status()).isEqualTo(201);
      assertThat(
              ro.post(user, P + "/schedules/preview", new JsonObject().put("interval", "0 9 * * *"))
                  .status())
          .isEqualTo(200);
      JsonObject settings = new JsonObject(ro.get(null, "/console/settings.json").body());
      assertThat(settings.getBoolean("read_only")).isTrue();
    }
    JsonObject settings = new JsonObject(api.get(null, "/console/settings.json").body());
    assertThat(settings.getBoolean("read_only")).isFalse();
  }
}
