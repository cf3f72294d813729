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

/** Create, list, get, patch and delete of every resource, lists' paging, sorting and filters. */
class ResourcesApiTest {
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void every_resource_goes_through_create_get_patch_list_delete() {
    String dashboard = fixtures.dashboard(owner, "board");
    String group = fixtures.group(owner, "group", List.of());
    String category = fixtures.category(owner, "category");
    String report = fixtures.report(owner, "report");
    JsonObject bodies =
        new JsonObject()
            .put("groups", new JsonObject().put("name", "g"))
            .put("categories", new JsonObject().put("name", "c"))
            .put("dashboards", new JsonObject().put("name", "d"))
            .put("widgets", new JsonObject().put("name", "w").put("dashboard_id", dashboard))
            .put("reports", new JsonObject().put("name", "r").put("category_id", category))
            .put("report_tasks", Fixtures.task(report));
    for (String resource : bodies.fieldNames()) {
      String base = Api.PREFIX + "/" + resource;
      Response created = api.post(owner, base + "/create", bodies.getJsonObject(resource));
      assertThat(created.status()).as(resource + " " + created).isEqualTo(201);
      String id = created.id();

      assertThat(api.get(owner, base + "/" + id).status()).as(resource).isEqualTo(200);
      JsonObject change =
          resource.equals("report_tasks")
              ? new JsonObject().put("interval", "@weekly").put("enabled", false)
              : new JsonObject().put("name", "renamed");
      Response patched = api.patch(owner, base + "/" + id, change);
      assertThat(patched.status()).as(resource + " " + patched).isEqualTo(200);
      assertThat(patched.json().getString("created_at"))
          .isEqualTo(created.json().getString("created_at"));
      assertThat(patched.json().getString("updated_at"))
          .isGreaterThanOrEqualTo(created.json().getString("updated_at"));
      JsonObject list = api.get(owner, base).json();
      assertThat(list.fieldNames()).contains("items", "total", "limit", "offset");
      assertThat(list.getInteger("limit")).isEqualTo(50);
      assertThat(api.delete(owner, base + "/" + id).status()).as(resource).isEqualTo(204);
      Response gone = api.get(owner, base + "/" + id);
      assertThat(gone.status()).isEqualTo(404);
      assertThat(gone.error()).endsWith(" not found");
    }
    assertThat(group).isNotNull();
  }

  @Test
  void patch_changes_only_the_fields_given_and_keeps_id_and_timestamps() {
    String report =
        fixtures.report(
            owner,
            new JsonObject()
                .put("name", "keep")
                .put("settings", new JsonObject().put("style", new JsonObject().put("font", "X"))));

    Response patched =
        api.patch(
            owner,
            Api.PREFIX + "/reports/" + report,
            new JsonObject().put("name", "changed").put("created_at", "1999-01-01T00:00:00Z"));

    JsonObject body = patched.json();
    assertThat(body.getString("name")).isEqualTo("changed");
    assertThat(body.getJsonObject("settings").getJsonObject("style").getString("font"))
        .isEqualTo("X");
    assertThat(body.getString("created_at")).doesNotStartWith("1999");
    Response idChange =
        api.patch(
            owner,
            Api.PREFIX + "/reports/" + report,
            new JsonObject().put("id", UUID.randomUUID().toString()));
    assertThat(idChange.status()).isEqualTo(400);
    assertThat(idChange.error()).isEqualTo("id cannot be changed");
  }

  @Test
  void patch_reports_a_wrong_type_in_the_fields_own_words() {
    String report = fixtures.report(owner, "typed");

    Response response =
        api.patch(owner, Api.PREFIX + "/reports/" + report, new JsonObject().put("name", 5));
    Response pages =
        api.patch(
            owner,
            Api.PREFIX + "/reports/" + report,
            new JsonObject().put("config", new JsonObject().put("pages", "one")));

    assertThat(response.error()).isEqualTo("name should be a string");
    assertThat(pages.error()).startsWith("config.pages should be a list of pages");
  }

  @Test
  void a_task_cannot_move_to_another_report() {
    String report = fixtures.report(owner, "from");
    String other = fixtures.report(owner, "to");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();

    Response response =
        api.patch(
            owner, Api.PREFIX + "/report_tasks/" + task, new JsonObject().put("report_id", other));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).startsWith("report_id of a task cannot be changed");
  }

  @Test
  void lists_page_sort_and_filter_by_name_prefix() {
    UUID user = UUID.randomUUID();
    for (String name : List.of("beta", "Alpha", "alpine", "gamma", "al_pha%")) {
      fixtures.category(user, name);
    }
    String categories = Api.PREFIX + "/categories";

    JsonObject page = api.get(user, categories + "?limit=2&offset=1&sort=name").json();
    JsonObject prefixed = api.get(user, categories + "?q=AL&sort=-name").json();
    JsonObject literal = api.get(user, categories + "?q=al_").json();

    assertThat(page.getLong("total")).isEqualTo(5);
    assertThat(names(page)).containsExactly("al_pha%", "alpine");
    assertThat(names(prefixed)).containsExactly("alpine", "al_pha%", "Alpha");
    assertThat(names(literal)).containsExactly("al_pha%");
  }

  @Test
  void bad_paging_answers_400_with_the_rule() {
    String reports = Api.PREFIX + "/reports";
    assertThat(api.get(owner, reports + "?limit=0").error())
        .isEqualTo("limit should be an integer from 1 to 1000");
    assertThat(api.get(owner, reports + "?limit=1001").status()).isEqualTo(400);
    assertThat(api.get(owner, reports + "?offset=-1").status()).isEqualTo(400);
    assertThat(api.get(owner, reports + "?sort=password").error()).startsWith("sort accepts only");
    assertThat(api.get(owner, reports + "?category_id=nope").error())
        .isEqualTo("category id should be uuid format");
  }

  @Test
  void a_category_cannot_become_its_own_ancestor() {
    String root = fixtures.category(owner, "root");
    String child =
        api.post(
                owner,
                Api.PREFIX + "/categories/create",
                new JsonObject().put("name", "child").put("parent_id", root))
            .id();

    Response cycle =
        api.patch(
            owner, Api.PREFIX + "/categories/" + root, new JsonObject().put("parent_id", child));

    assertThat(cycle.status()).isEqualTo(400);
    assertThat(cycle.error()).isEqualTo("a category cannot be its own ancestor");
  }

  @Test
  void a_body_over_the_limit_answers_413_and_an_unknown_path_404_in_the_error_shape() {
    String huge = "{\"name\": \"" + "x".repeat(1_100_000) + "\"}";

    Response tooLarge = api.post(owner, Api.PREFIX + "/reports/create", huge);
    Response unknown = api.get(owner, Api.PREFIX + "/nothing-here");

    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().getInteger("error_code")).isEqualTo(413);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().getString("error")).isEqualTo("Not Found");
  }

  @Test
  void shares_answer_sorted_and_without_repeats() {
    UUID first = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID second = UUID.fromString("00000000-0000-0000-0000-000000000002");
    JsonObject body =
        new JsonObject()
            .put("name", "shares")
            .put(
                "user_ids",
                new JsonArray()
                    .add(second.toString())
                    .add(first.toString())
                    .add(second.toString()));

    JsonObject report = api.post(owner, Api.PREFIX + "/reports/create", body).json();

    assertThat(report.getJsonArray("user_ids").getList())
        .containsExactly(first.toString(), second.toString());
    assertThat(report.getJsonArray("users")).hasSize(2);
  }

  @Test
  void a_report_and_its_task_show_the_profiles_of_the_owner_and_of_every_user_shared_with() {
    UUID shared = UUID.randomUUID();
    String sharedName = "s" + shared.toString().substring(0, 8);
    String ownerName = "o" + owner.toString().substring(0, 8);
    assertThat(
            api.patch(
                    shared,
                    Api.PREFIX + "/users/me",
                    new JsonObject().put("username", sharedName).put("first_name", "Ada"))
                .status())
        .isEqualTo(200);
    assertThat(
            api.patch(owner, Api.PREFIX + "/users/me", new JsonObject().put("username", ownerName))
                .status())
        .isEqualTo(200);
    JsonObject body =
        new JsonObject()
            .put("name", "profiles")
            .put("user_ids", new JsonArray().add(shared.toString()));
    String report = api.post(owner, Api.PREFIX + "/reports/create", body).json().getString("id");
    String task =
        api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report))
            .json()
            .getString("id");

    JsonObject readReport = api.get(owner, Api.PREFIX + "/reports/" + report).json();
    JsonObject readTask = api.get(shared, Api.PREFIX + "/report_tasks/" + task).json();

    for (JsonObject expanded : List.of(readReport, readTask.getJsonObject("report"))) {
      assertThat(expanded.getJsonObject("owner").getString("username")).isEqualTo(ownerName);
      assertThat(expanded.getJsonArray("users")).hasSize(1);
      JsonObject user = expanded.getJsonArray("users").getJsonObject(0);
      assertThat(user.getString("id")).isEqualTo(shared.toString());
      assertThat(user.getString("username")).isEqualTo(sharedName);
      assertThat(user.getString("first_name")).isEqualTo("Ada");
      assertThat(user.getString("email")).isNull();
    }
    assertThat(readReport.getJsonObject("task").getString("id")).isEqualTo(task);
  }

  @Test
  void the_contract_is_published_and_health_and_readiness_answer() {
    Response contract = api.send(null, "GET", Api.PREFIX + "/openapi.yaml", null);
    Response health = api.send(null, "GET", "/health", null);
    Response ready = api.send(null, "GET", "/ready", null);

    assertThat(contract.status()).isEqualTo(200);
    assertThat(contract.body()).contains("openapi: 3.1.0").contains("createReportTask");
    assertThat(health.json().getString("status")).isEqualTo("UP");
    assertThat(ready.status()).isEqualTo(200);
  }

  private static List<String> names(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("name"))
        .toList();
  }
}
