package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The holes an outside review found in who may do what: tasks and files after a report is unshared,
 * system reports, expansion of hidden references, editors saving shared objects, a hidden task's
 * runs and the instances list.
 */
class AccessReviewApiTest {
  private static final String ANY_INSTANCE = "00000000-0000-0000-0000-000000000000";
  private static final String REPORTS = Api.PREFIX + "/reports/";
  private static final String TASKS = Api.PREFIX + "/report_tasks/";
  private static final String RUNS = Api.PREFIX + "/report_queue/";
  private static final UUID ADMIN = UUID.randomUUID();
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID alice = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private final UUID carol = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new JsonObject()
                .put("ADMIN_USER_IDS", ADMIN.toString())
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100));
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private String reportSharedWith(UUID owner, UUID... users) {
    JsonArray ids = new JsonArray();
    for (UUID user : users) {
      ids.add(user.toString());
    }
    return fixtures.report(
        owner,
        new JsonObject()
            .put("name", "shared")
            .put("config", new JsonObject().put("pages", new JsonArray().add(new JsonArray())))
            .put("user_ids", ids));
  }

  private String task(UUID owner, String report, String interval) {
    Response created =
        api.post(
            owner,
            TASKS + "create",
            new JsonObject()
                .put("interval", interval)
                .put("instance", ANY_INSTANCE)
                .put("report_id", report)
                .put("params", new JsonObject().put("format", "csv")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private Response unshare(String report) {
    Response response =
        api.patch(alice, REPORTS + report, new JsonObject().put("user_ids", new JsonArray()));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response;
  }

  @Test
  void unsharing_a_report_takes_its_tasks_runs_and_files_from_the_user_who_lost_it()
      throws Exception {
    String report = reportSharedWith(alice, bob);
    String task = task(bob, report, "0 0 1 1 *");
    long run = api.post(bob, TASKS + task + "/run", null).json().getLong("id");
    assertThat(Runs.awaitFinished(api, bob, run).getString("status")).isEqualTo("complete");
    assertThat(api.get(bob, RUNS + run + "/file").status()).isEqualTo(200);

    unshare(report);

    assertThat(api.get(bob, REPORTS + report).status()).isEqualTo(404);
    assertThat(api.get(bob, TASKS + task).status()).isEqualTo(404);
    assertThat(api.post(bob, TASKS + task + "/run", null).status()).isEqualTo(404);
    assertThat(api.patch(bob, TASKS + task, new JsonObject().put("enabled", false)).status())
        .isEqualTo(404);
    assertThat(api.get(bob, TASKS + task + "/runs").status()).isEqualTo(404);
    assertThat(api.get(bob, RUNS + run).status()).isEqualTo(404);
    Response file = api.get(bob, RUNS + run + "/file");
    assertThat(file.status()).isEqualTo(404);
    assertThat(file.error()).isEqualTo("run not found");
    assertThat(api.get(bob, Api.PREFIX + "/report_queue").json().getLong("total")).isZero();
    assertThat(api.delete(bob, TASKS + task).status()).isEqualTo(404);

    assertThat(api.get(alice, TASKS + task).status()).isEqualTo(200);
    assertThat(api.get(alice, RUNS + run + "/file").status()).isEqualTo(200);
    Response paused = api.patch(alice, TASKS + task, new JsonObject().put("enabled", false));
    assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
    assertThat(paused.json().getBoolean("enabled")).isFalse();
    Response deleted = api.delete(alice, TASKS + task);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(api.get(alice, TASKS + task).status()).isEqualTo(404);
  }

  @Test
  void the_reports_owner_deletes_any_task_on_it_and_another_shared_user_may_not() {
    String report = reportSharedWith(alice, bob, carol);
    String bobsTask = task(bob, report, "0 0 1 1 *");
    String carolsTask = task(carol, report, "0 0 1 1 *");

    Response byCarol = api.delete(carol, TASKS + bobsTask);
    assertThat(byCarol.status()).isEqualTo(403);
    assertThat(byCarol.error())
        .isEqualTo("only the owner of the task or of its report may delete it");
    assertThat(api.delete(alice, TASKS + bobsTask).status()).isEqualTo(204);
    assertThat(api.delete(carol, TASKS + carolsTask).status()).isEqualTo(204);
  }

  @Test
  void a_task_whose_owner_lost_the_report_stops_firing_and_says_why() throws Exception {
    String report = reportSharedWith(alice, bob);
    String task = task(bob, report, "*/1 * * * * ?");
    awaitRunCount(task, 1);

    unshare(report);

    JsonObject stopped = awaitTask(task, t -> !t.getBoolean("enabled"));
    assertThat(stopped.getString("paused_reason"))
        .isEqualTo("paused: the owner of this task can no longer see its report");
    long runs = runCount(task);
    Thread.sleep(1500);
    assertThat(runCount(task)).isEqualTo(runs);

    Response resumed = api.patch(alice, TASKS + task, new JsonObject().put("enabled", true));
    assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
    assertThat(resumed.json().getValue("paused_reason")).isNull();
    assertThat(api.delete(alice, TASKS + task).status()).isEqualTo(204);
  }

  private long runCount(String task) {
    return api.get(alice, TASKS + task + "/runs?limit=1").json().getLong("total");
  }

  private void awaitRunCount(String task, long atLeast) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (runCount(task) < atLeast) {
      assertThat(Instant.now()).as("runs of " + task).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private JsonObject awaitTask(String task, java.util.function.Predicate<JsonObject> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      JsonObject current = api.get(alice, TASKS + task).json();
      if (done.test(current)) {
        return current;
      }
      assertThat(Instant.now()).as("task " + current).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  @Test
  void only_administrators_make_a_report_system_wide_and_change_or_delete_system_reports() {
    long before = server.count("reports");
    Response byStranger =
        api.post(
            carol,
            REPORTS + "create",
            new JsonObject().put("name", "everyone's").put("is_system", true));
    assertThat(byStranger.status()).isEqualTo(403);
    assertThat(byStranger.error()).isEqualTo("only administrators may change is_system");
    assertThat(server.count("reports")).isEqualTo(before);

    String report = reportSharedWith(alice, bob, ADMIN);
    Response flippedByEditor =
        api.patch(bob, REPORTS + report, new JsonObject().put("is_system", true));
    assertThat(flippedByEditor.status()).isEqualTo(403);
    assertThat(flippedByEditor.error()).isEqualTo("only administrators may change is_system");
    assertThat(api.get(carol, REPORTS + report).status()).isEqualTo(404);

    Response flippedByAdmin =
        api.patch(ADMIN, REPORTS + report, new JsonObject().put("is_system", true));
    assertThat(flippedByAdmin.status()).as(flippedByAdmin.toString()).isEqualTo(200);
    assertThat(api.get(carol, REPORTS + report).status()).isEqualTo(200);
    assertThat(api.patch(alice, REPORTS + report, new JsonObject().put("name", "x")).error())
        .isEqualTo("system reports cannot be changed");
    assertThat(api.delete(alice, REPORTS + report).status()).isEqualTo(403);
    Response renamed = api.patch(ADMIN, REPORTS + report, new JsonObject().put("name", "renamed"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

    Response cleared = api.patch(ADMIN, REPORTS + report, new JsonObject().put("is_system", false));
    assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
    assertThat(api.get(carol, REPORTS + report).status()).isEqualTo(404);
    assertThat(api.patch(ADMIN, REPORTS + report, new JsonObject().put("is_system", true)).status())
        .isEqualTo(200);
    assertThat(api.delete(ADMIN, REPORTS + report).status()).isEqualTo(204);
    assertThat(api.get(alice, REPORTS + report).status()).isEqualTo(404);
  }

  @Test
  void an_administrator_creates_a_system_report_everyone_reads() {
    Response created =
        api.post(
            ADMIN,
            REPORTS + "create",
            new JsonObject().put("name", "house").put("is_system", true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(api.get(carol, REPORTS + created.id()).json().getBoolean("is_system")).isTrue();
    assertThat(api.delete(ADMIN, REPORTS + created.id()).status()).isEqualTo(204);
  }

  @Test
  void expansion_shows_only_the_groups_category_and_dashboard_the_caller_may_see() {
    String category = fixtures.category(alice, "alice's folder");
    String hiddenGroup = fixtures.group(alice, "carol's team", List.of(carol));
    String bobsGroup = fixtures.group(alice, "bob's team", List.of(bob));
    Response dashboard =
        api.post(
            alice,
            Api.PREFIX + "/dashboards/create",
            new JsonObject()
                .put("name", "board")
                .put("user_ids", new JsonArray().add(bob.toString()))
                .put("group_ids", new JsonArray().add(hiddenGroup)));
    String report =
        fixtures.report(
            alice,
            new JsonObject()
                .put("name", "expanded")
                .put("category_id", category)
                .put("dashboard_id", dashboard.id())
                .put("user_ids", new JsonArray().add(bob.toString()))
                .put("group_ids", new JsonArray().add(hiddenGroup).add(bobsGroup)));

    JsonObject asBob = api.get(bob, REPORTS + report).json();
    assertThat(asBob.getJsonObject("category")).isEqualTo(new JsonObject().put("id", category));
    assertThat(groupById(asBob, hiddenGroup)).isEqualTo(new JsonObject().put("id", hiddenGroup));
    assertThat(groupById(asBob, bobsGroup).getString("name")).isEqualTo("bob's team");
    assertThat(asBob.getJsonObject("dashboard").getString("name")).isEqualTo("board");
    assertThat(asBob.getJsonObject("dashboard").getJsonArray("groups"))
        .containsExactly(new JsonObject().put("id", hiddenGroup));
    assertThat(asBob.encode()).doesNotContain(carol.toString()).doesNotContain("carol's team");

    JsonObject asAlice = api.get(alice, REPORTS + report).json();
    assertThat(asAlice.getJsonObject("category").getString("name")).isEqualTo("alice's folder");
    assertThat(groupById(asAlice, hiddenGroup).getJsonArray("user_ids"))
        .containsExactly(carol.toString());

    String task = task(bob, report, "0 0 1 1 *");
    JsonObject taskAsBob = api.get(bob, TASKS + task).json().getJsonObject("report");
    assertThat(taskAsBob.getJsonObject("category")).isEqualTo(new JsonObject().put("id", category));
    assertThat(taskAsBob.encode()).doesNotContain(carol.toString());
  }

  private static JsonObject groupById(JsonObject report, String id) {
    return report.getJsonArray("groups").stream()
        .map(JsonObject.class::cast)
        .filter(group -> id.equals(group.getString("id")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_dashboard_the_reader_may_not_see_is_shown_by_its_id_alone() {
    String dashboard = fixtures.dashboard(alice, "private board");
    String report =
        fixtures.report(
            alice,
            new JsonObject()
                .put("name", "on a private board")
                .put("dashboard_id", dashboard)
                .put("user_ids", new JsonArray().add(bob.toString())));

    assertThat(api.get(bob, REPORTS + report).json().getJsonObject("dashboard"))
        .isEqualTo(new JsonObject().put("id", dashboard));
    assertThat(api.get(alice, REPORTS + report).json().getJsonObject("dashboard").getString("name"))
        .isEqualTo("private board");
  }

  @Test
  void a_shared_editor_saves_a_report_filed_in_the_owners_category_on_a_board_they_cannot_see() {
    String category = fixtures.category(alice, "alice's folder");
    String hiddenGroup = fixtures.group(alice, "carol's team", List.of(carol));
    String dashboard = fixtures.dashboard(alice, "alice's board");
    String report =
        fixtures.report(
            alice,
            new JsonObject()
                .put("name", "filed")
                .put("category_id", category)
                .put("dashboard_id", dashboard)
                .put("user_ids", new JsonArray().add(bob.toString()))
                .put("group_ids", new JsonArray().add(hiddenGroup)));

    Response renamed = api.patch(bob, REPORTS + report, new JsonObject().put("name", "renamed"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(api.get(alice, REPORTS + report).json().getString("category_id"))
        .isEqualTo(category);

    String carolsGroup = fixtures.group(carol, "not alice's", List.of());
    Response ownerAddsForeignGroup =
        api.patch(
            alice,
            REPORTS + report,
            new JsonObject().put("group_ids", new JsonArray().add(hiddenGroup).add(carolsGroup)));
    assertThat(ownerAddsForeignGroup.status()).isEqualTo(404);
    assertThat(ownerAddsForeignGroup.error()).isEqualTo("group not found");
    String carolsCategory = fixtures.category(carol, "carol's");
    Response movesToForeignCategory =
        api.patch(bob, REPORTS + report, new JsonObject().put("category_id", carolsCategory));
    assertThat(movesToForeignCategory.error()).isEqualTo("category not found");
  }

  @Test
  void a_shared_editor_saves_a_dashboard_shared_with_a_group_they_are_not_in() {
    String hiddenGroup = fixtures.group(alice, "carol's team", List.of(carol));
    Response dashboard =
        api.post(
            alice,
            Api.PREFIX + "/dashboards/create",
            new JsonObject()
                .put("name", "board")
                .put("user_ids", new JsonArray().add(bob.toString()))
                .put("group_ids", new JsonArray().add(hiddenGroup)));

    Response renamed =
        api.patch(
            bob,
            Api.PREFIX + "/dashboards/" + dashboard.id(),
            new JsonObject().put("name", "renamed"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
  }

  @Test
  void an_editor_may_not_change_who_a_report_or_dashboard_is_shared_with() {
    String hiddenGroup = fixtures.group(alice, "carol's team", List.of(carol));
    String report =
        fixtures.report(
            alice,
            new JsonObject()
                .put("name", "shared")
                .put("user_ids", new JsonArray().add(bob.toString()))
                .put("group_ids", new JsonArray().add(hiddenGroup)));
    Response dropsGroup =
        api.patch(bob, REPORTS + report, new JsonObject().put("group_ids", new JsonArray()));
    assertThat(dropsGroup.status()).isEqualTo(403);
    assertThat(dropsGroup.error()).isEqualTo("only the owner may change who it is shared with");
    Response reshares =
        api.patch(
            bob,
            REPORTS + report,
            new JsonObject()
                .put("user_ids", new JsonArray().add(bob.toString()).add(carol.toString())));
    assertThat(reshares.status()).isEqualTo(403);
    assertThat(api.get(carol, REPORTS + report).status()).isEqualTo(200);
    Response sameShares =
        api.patch(
            bob,
            REPORTS + report,
            new JsonObject()
                .put("name", "renamed")
                .put("user_ids", new JsonArray().add(bob.toString()))
                .put("group_ids", new JsonArray().add(hiddenGroup)));
    assertThat(sameShares.status()).as(sameShares.toString()).isEqualTo(200);

    Response dashboard =
        api.post(
            alice,
            Api.PREFIX + "/dashboards/create",
            new JsonObject()
                .put("name", "board")
                .put("user_ids", new JsonArray().add(bob.toString())));
    Response widened =
        api.patch(
            bob,
            Api.PREFIX + "/dashboards/" + dashboard.id(),
            new JsonObject()
                .put("user_ids", new JsonArray().add(bob.toString()).add(carol.toString())));
    assertThat(widened.status()).isEqualTo(403);
    assertThat(api.get(carol, Api.PREFIX + "/dashboards/" + dashboard.id()).status())
        .isEqualTo(404);
  }

  @Test
  void an_editor_may_not_move_the_owners_widget_to_their_own_dashboard() {
    Response shared =
        api.post(
            alice,
            Api.PREFIX + "/dashboards/create",
            new JsonObject()
                .put("name", "board")
                .put("user_ids", new JsonArray().add(bob.toString())));
    String widget =
        api.post(
                alice,
                Api.PREFIX + "/widgets/create",
                new JsonObject().put("name", "w").put("dashboard_id", shared.id()))
            .id();
    String bobsBoard = fixtures.dashboard(bob, "bob's");

    Response moved =
        api.patch(
            bob,
            Api.PREFIX + "/widgets/" + widget,
            new JsonObject().put("dashboard_id", bobsBoard));
    assertThat(moved.status()).isEqualTo(403);
    assertThat(moved.error())
        .isEqualTo("only the owner of a widget may move it to another dashboard");
    assertThat(api.get(alice, Api.PREFIX + "/widgets/" + widget).status()).isEqualTo(200);
    Response renamed =
        api.patch(bob, Api.PREFIX + "/widgets/" + widget, new JsonObject().put("name", "edited"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
  }

  @Test
  void a_placed_widget_whose_dashboard_was_unshared_from_the_reports_owner_is_not_run()
      throws Exception {
    Response board =
        api.post(
            alice,
            Api.PREFIX + "/dashboards/create",
            new JsonObject()
                .put("name", "board")
                .put("user_ids", new JsonArray().add(bob.toString())));
    String widget =
        api.post(
                alice,
                Api.PREFIX + "/widgets/create",
                new JsonObject().put("name", "alice's widget").put("dashboard_id", board.id()))
            .id();
    String report =
        fixtures.report(
            bob,
            new JsonObject()
                .put("name", "bob's")
                .put(
                    "config",
                    new JsonObject()
                        .put(
                            "pages",
                            new JsonArray()
                                .add(
                                    new JsonArray()
                                        .add(new JsonObject().put("widget_id", widget))))));
    String task = task(bob, report, "0 0 1 1 *");
    long before = api.post(bob, TASKS + task + "/run", null).json().getLong("id");
    assertThat(Runs.awaitFinished(api, bob, before).getString("status")).isEqualTo("complete");

    api.patch(
        alice,
        Api.PREFIX + "/dashboards/" + board.id(),
        new JsonObject().put("user_ids", new JsonArray()));

    long after = api.post(bob, TASKS + task + "/run", null).json().getLong("id");
    JsonObject failed = Runs.awaitFinished(api, bob, after);
    assertThat(failed.getString("status")).isEqualTo("error");
    assertThat(failed.getString("error")).contains("no longer shared with the report's owner");
  }

  @Test
  void a_repeated_user_header_is_refused() {
    Response response =
        api.sendWithHeaders(
            List.of(ADMIN.toString(), bob.toString()), "GET", Api.PREFIX + "/instances");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).isEqualTo("Pgr-User-Id should be sent once");
  }

  @Test
  void the_runs_of_a_hidden_task_answer_404() {
    String task = task(alice, reportSharedWith(alice), "0 0 1 1 *");

    Response runs = api.get(bob, TASKS + task + "/runs");
    assertThat(runs.status()).isEqualTo(404);
    assertThat(runs.error()).isEqualTo("task not found");
    assertThat(api.get(alice, TASKS + task + "/runs").status()).isEqualTo(200);
  }

  @Test
  void only_administrators_see_the_instances() {
    Response byUser = api.get(bob, Api.PREFIX + "/instances");
    assertThat(byUser.status()).isEqualTo(403);
    assertThat(byUser.error()).isEqualTo("only administrators may see the instances");
    Response byAdmin = api.get(ADMIN, Api.PREFIX + "/instances");
    assertThat(byAdmin.status()).isEqualTo(200);
    assertThat(byAdmin.json().getJsonArray("items").getJsonObject(0).getString("id"))
        .isEqualTo(server.instanceId().toString());
  }
}
