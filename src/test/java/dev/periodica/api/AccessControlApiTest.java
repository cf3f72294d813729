package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two users: what one may see and change of the other's objects, and how sharing grants it. */
class AccessControlApiTest {
  private static final String REPORTS = Api.PREFIX + "/reports/";
  private static final UUID ADMIN = UUID.randomUUID();
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID alice = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("ADMIN_USER_IDS", ADMIN.toString()));
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void another_users_unshared_report_is_invisible_unchangeable_and_takes_no_task() {
    String report = fixtures.report(alice, "private");

    assertThat(api.get(bob, REPORTS + report).status()).isEqualTo(404);
    assertThat(api.get(bob, REPORTS + report).error()).isEqualTo("report not found");
    assertThat(api.patch(bob, REPORTS + report, new JsonObject().put("name", "mine")).status())
        .isEqualTo(404);
    assertThat(api.delete(bob, REPORTS + report).status()).isEqualTo(404);
    Response task = api.post(bob, Api.PREFIX + "/report_tasks/create", Fixtures.task(report));
    assertThat(task.status()).isEqualTo(404);
    assertThat(task.error()).isEqualTo("report not found");
    assertThat(listedIds(bob)).doesNotContain(report);
    assertThat(api.get(alice, REPORTS + report).json().getString("name")).isEqualTo("private");
  }

  @Test
  void sharing_with_a_user_lets_them_see_change_and_attach_tasks_but_not_delete() {
    String report =
        fixtures.report(
            alice,
            new JsonObject()
                .put("name", "shared")
                .put("user_ids", new JsonArray().add(bob.toString())));

    assertThat(api.get(bob, REPORTS + report).status()).isEqualTo(200);
    Response renamed = api.patch(bob, REPORTS + report, new JsonObject().put("name", "renamed"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(api.post(bob, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).status())
        .isEqualTo(201);
    Response delete = api.delete(bob, REPORTS + report);
    assertThat(delete.status()).isEqualTo(403);
    assertThat(delete.error()).isEqualTo("only the owner may delete it");
  }

  @Test
  void sharing_with_a_group_grants_its_members_and_leaving_the_group_revokes() {
    String group = fixtures.group(alice, "team", List.of(bob));
    String report =
        fixtures.report(
            alice,
            new JsonObject()
                .put("name", "team report")
                .put("group_ids", new JsonArray().add(group)));

    assertThat(api.get(bob, REPORTS + report).status()).isEqualTo(200);
    assertThat(listedIds(bob)).contains(report);

    Response emptied =
        api.patch(
            alice,
            Api.PREFIX + "/groups/" + group,
            new JsonObject().put("user_ids", new JsonArray()));
    assertThat(emptied.status()).as(emptied.toString()).isEqualTo(200);
    assertThat(api.get(bob, REPORTS + report).status()).isEqualTo(404);
  }

  @Test
  void a_member_sees_a_group_but_only_its_owner_changes_it() {
    String group = fixtures.group(alice, "owners only", List.of(bob));

    assertThat(api.get(bob, Api.PREFIX + "/groups/" + group).status()).isEqualTo(200);
    Response patch =
        api.patch(bob, Api.PREFIX + "/groups/" + group, new JsonObject().put("name", "taken"));
    assertThat(patch.status()).isEqualTo(403);
    assertThat(patch.error()).isEqualTo("only the owner of a group may change it");
    assertThat(api.get(UUID.randomUUID(), Api.PREFIX + "/groups/" + group).status()).isEqualTo(404);
  }

  @Test
  void sharing_with_a_group_the_caller_cannot_see_answers_group_not_found() {
    String foreignGroup = fixtures.group(bob, "bob's", List.of());
    long before = server.count("reports");

    Response response =
        api.post(
            alice,
            Api.PREFIX + "/reports/create",
            new JsonObject().put("name", "x").put("group_ids", new JsonArray().add(foreignGroup)));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error()).isEqualTo("group not found");
    assertThat(server.count("reports")).isEqualTo(before);
  }

  @Test
  void a_report_cannot_use_another_users_category_or_dashboard() {
    String category = fixtures.category(bob, "bob's");
    String dashboard = fixtures.dashboard(bob, "bob's");

    Response withCategory =
        api.post(
            alice,
            Api.PREFIX + "/reports/create",
            new JsonObject().put("name", "x").put("category_id", category));
    Response withDashboard =
        api.post(
            alice,
            Api.PREFIX + "/reports/create",
            new JsonObject().put("name", "x").put("dashboard_id", dashboard));

    assertThat(withCategory.error()).isEqualTo("category not found");
    assertThat(withDashboard.error()).isEqualTo("dashboard not found");
  }

  @Test
  void system_reports_are_readable_by_everyone_and_changed_by_no_one_but_administrators() {
    String report =
        fixtures.report(ADMIN, new JsonObject().put("name", "system").put("is_system", true));

    assertThat(api.get(bob, REPORTS + report).status()).isEqualTo(200);
    Response patch = api.patch(alice, REPORTS + report, new JsonObject().put("name", "x"));
    assertThat(patch.status()).isEqualTo(403);
    assertThat(patch.error()).isEqualTo("system reports cannot be changed");
    assertThat(api.delete(alice, REPORTS + report).status()).isEqualTo(403);
  }

  @Test
  void the_latest_task_of_a_system_report_is_shown_to_its_owner_alone() {
    // a report with a task made a system report afterwards: its task stays its owner's alone
    String report = fixtures.report(alice, "system");
    Response created = api.post(alice, Api.PREFIX + "/report_tasks/create", Fixtures.task(report));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String task = created.id();
    api.patch(alice, REPORTS + report, new JsonObject().put("user_ids", List.of(ADMIN.toString())));
    Response madeSystem =
        api.patch(ADMIN, REPORTS + report, new JsonObject().put("is_system", true));
    assertThat(madeSystem.status()).as(madeSystem.toString()).isEqualTo(200);

    JsonObject seenByOwner = api.get(alice, REPORTS + report).json();
    JsonObject seenByBob = api.get(bob, REPORTS + report).json();

    assertThat(seenByOwner.getJsonObject("task")).as(seenByOwner.encode()).isNotNull();
    assertThat(seenByOwner.getJsonObject("task").getString("id")).isEqualTo(task);
    assertThat(seenByOwner.getString("task_id")).isEqualTo(task);
    assertThat(seenByBob.getValue("task")).isNull();
    assertThat(seenByBob.getValue("task_id")).isNull();
    assertThat(seenByBob.getString("name")).isEqualTo("system");
    assertThat(api.get(bob, Api.PREFIX + "/report_tasks/" + task).status()).isEqualTo(404);
  }

  @Test
  void a_task_of_a_system_report_shows_its_report_without_another_owners_latest_task() {
    String report = fixtures.report(alice, "shared then system");
    api.patch(
        alice,
        REPORTS + report,
        new JsonObject().put("user_ids", List.of(bob.toString(), ADMIN.toString())));
    String bobs = api.post(bob, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    String alices =
        api.post(alice, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    Response unshared =
        api.patch(
            alice, REPORTS + report, new JsonObject().put("user_ids", List.of(ADMIN.toString())));
    assertThat(unshared.status()).as(unshared.toString()).isEqualTo(200);
    assertThat(api.patch(ADMIN, REPORTS + report, new JsonObject().put("is_system", true)).status())
        .isEqualTo(200);

    Response seenByBob = api.get(bob, Api.PREFIX + "/report_tasks/" + bobs);
    JsonObject seenByAlice = api.get(alice, Api.PREFIX + "/report_tasks/" + bobs).json();

    assertThat(seenByBob.status()).as(seenByBob.toString()).isEqualTo(200);
    JsonObject expanded = seenByBob.json().getJsonObject("report");
    assertThat(expanded.getString("id")).isEqualTo(report);
    assertThat(expanded.getValue("task")).isNull();
    assertThat(expanded.getValue("task_id")).isNull();
    // the report's owner (who shares it with herself) sees every task of it, and its latest
    assertThat(seenByAlice.getJsonObject("report").getJsonObject("task").getString("id"))
        .isEqualTo(alices);
  }

  private static List<String> listedIds(UUID user) {
    return api.get(user, Api.PREFIX + "/reports?limit=1000").json().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("id"))
        .toList();
  }

  @Test
  void tasks_of_a_hidden_report_are_hidden_too() {
    String report = fixtures.report(alice, "with task");
    String task = api.post(alice, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();

    assertThat(api.get(bob, Api.PREFIX + "/report_tasks/" + task).status()).isEqualTo(404);
    assertThat(api.patch(bob, Api.PREFIX + "/report_tasks/" + task, new JsonObject()).status())
        .isEqualTo(404);
    assertThat(api.get(bob, Api.PREFIX + "/report_tasks").json().getLong("total")).isZero();
  }

  @Test
  void widgets_follow_their_dashboards_sharing() {
    String dashboard = fixtures.dashboard(alice, "board");
    Response widget =
        api.post(
            alice,
            Api.PREFIX + "/widgets/create",
            new JsonObject().put("name", "w").put("dashboard_id", dashboard));
    assertThat(widget.status()).isEqualTo(201);

    assertThat(api.get(bob, Api.PREFIX + "/widgets/" + widget.id()).status()).isEqualTo(404);
    Response onForeign =
        api.post(
            bob,
            Api.PREFIX + "/widgets/create",
            new JsonObject().put("name", "w").put("dashboard_id", dashboard));
    assertThat(onForeign.error()).isEqualTo("dashboard not found");

    api.patch(
        alice,
        Api.PREFIX + "/dashboards/" + dashboard,
        new JsonObject().put("user_ids", new JsonArray().add(bob.toString())));
    assertThat(api.get(bob, Api.PREFIX + "/widgets/" + widget.id()).status()).isEqualTo(200);
  }
}
