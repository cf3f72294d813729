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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A task's {@code placement} and {@code instances} are checked when the task is saved (create and
 * PATCH): a refused request answers 400 with a message saying what to change and stores nothing.
 */
class PlacementApiTest {
  private static final String CREATE = Api.PREFIX + "/report_tasks/create";
  private static final String NIL = "00000000-0000-0000-0000-000000000000";
  private static final String NAME = "placement-api-test";
  private static TestServer server;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("INSTANCE_NAME", NAME));
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private JsonObject task(String placement) {
    String report = new Fixtures(api).report(owner, "placed");
    JsonObject body = Fixtures.task(report).put("instance", NIL);
    return placement == null ? body : body.put("placement", placement);
  }

  private static JsonArray list(Object... entries) {
    JsonArray array = new JsonArray();
    for (Object entry : entries) {
      array.add(entry);
    }
    return array;
  }

  private void assertRefused(JsonObject body, String message) {
    long before = server.count("report_tasks");
    Response response = api.post(owner, CREATE, body);
    assertError(response, message);
    assertThat(server.count("report_tasks")).as(body.encode()).isEqualTo(before);
  }

  private static void assertError(Response response, String message) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.error()).isEqualTo(message);
    assertThat(response.json().getInteger("error_code")).isEqualTo(400);
  }

  @Test
  void an_unknown_placement_answers_400_naming_the_placements() {
    assertRefused(task("everywhere"), "placement should be any, each, first or one_of");
    assertRefused(task("ANY"), "placement should be any, each, first or one_of");
    assertRefused(task(null).put("placement", 3), "placement should be any, each, first or one_of");
  }

  @Test
  void first_and_one_of_without_a_non_empty_instances_list_answer_400() {
    assertRefused(
        task("first"),
        "placement first needs a non-empty instances list: instance ids or names, in order");
    assertRefused(
        task("first").put("instances", list()),
        "placement first needs a non-empty instances list: instance ids or names, in order");
    assertRefused(
        task("one_of").put("instances", (Object) null),
        "placement one_of needs a non-empty instances list: instance ids or names, in order");
  }

  @Test
  void instances_that_are_neither_ids_nor_names_answer_400_naming_the_entry() {
    assertRefused(
        task("first").put("instances", "alpha"),
        "instances should be a list of instance ids or names");
    assertRefused(
        task("first").put("instances", list("alpha", 7)),
        "instances should be a list of instance ids or names");
    JsonArray tooMany = new JsonArray();
    IntStream.range(0, 101).forEach(i -> tooMany.add("host-" + i));
    assertRefused(
        task("one_of").put("instances", tooMany),
        "instances should be a list of at most 100 instance ids or names");
    assertRefused(
        task("first").put("instances", list("alpha", "h".repeat(254))),
        "instances[1] is too long (at most 253 characters)");
    assertRefused(
        task("first").put("instances", list("bad name!")),
        "instances[0] should be an instance id (uuid) or name (letters, digits, '.', '_', '-',"
            + " starting with a letter or digit)");
    assertRefused(
        task("first").put("instances", list("-alpha")),
        "instances[0] should be an instance id (uuid) or name (letters, digits, '.', '_', '-',"
            + " starting with a letter or digit)");
    assertRefused(
        task("one_of").put("instances", list("alpha", "ALPHA")),
        "instances lists alpha twice (names match without regard to case)");
    assertRefused(
        task("one_of").put("instances", list(NIL)),
        "instances[0] is the nil uuid, which means any instance: use placement any instead");
  }

  @Test
  void instances_with_placement_any_answer_400_with_the_same_message_as_before() {
    assertRefused(
        task("any").put("instances", list("alpha")),
        "instances is used only with placement first, one_of or each");
    assertRefused(
        task(null).put("instances", list("alpha")),
        "instances is used only with placement first, one_of or each");
  }

  @Test
  void each_takes_an_optional_instances_list_stored_normalised_and_shown() {
    String id = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    Response listed =
        api.post(owner, CREATE, task("each").put("instances", list("Site-1.example", id)));
    assertThat(listed.status()).as(listed.toString()).isEqualTo(201);
    JsonObject shown = api.get(owner, Api.PREFIX + "/report_tasks/" + listed.id()).json();
    assertThat(shown.getString("placement")).isEqualTo("each");
    assertThat(shown.getJsonArray("instances"))
        .containsExactly("site-1.example", id.toLowerCase(java.util.Locale.ROOT));

    for (JsonObject unlisted :
        List.of(
            task("each"),
            task("each").put("instances", list()),
            task("each").put("instances", (Object) null))) {
      Response every = api.post(owner, CREATE, unlisted);
      assertThat(every.status()).as(every.toString()).isEqualTo(201);
      assertThat(every.json().getString("placement")).isEqualTo("each");
      assertThat(every.json().getJsonArray("instances")).isEmpty();
    }
  }

  @Test
  void an_each_list_is_checked_entry_by_entry_as_for_first_and_one_of() {
    assertRefused(
        task("each").put("instances", list("alpha", "ALPHA")),
        "instances lists alpha twice (names match without regard to case)");
    String id = UUID.randomUUID().toString();
    assertRefused(
        task("each").put("instances", list(id, id.toUpperCase(java.util.Locale.ROOT))),
        "instances lists " + id + " twice (names match without regard to case)");
    assertRefused(
        task("each").put("instances", list("alpha", NIL)),
        "instances[1] is the nil uuid, which means any instance: use placement any instead");
    assertRefused(
        task("each").put("instances", list("bad name!")),
        "instances[0] should be an instance id (uuid) or name (letters, digits, '.', '_', '-',"
            + " starting with a letter or digit)");
    assertRefused(
        task("each").put("instances", "alpha"),
        "instances should be a list of instance ids or names");
    JsonArray tooMany = new JsonArray();
    IntStream.range(0, 101).forEach(i -> tooMany.add("host-" + i));
    assertRefused(
        task("each").put("instances", tooMany),
        "instances should be a list of at most 100 instance ids or names");
    assertRefused(
        task("each").put("instance", Fixtures.INSTANCE).put("instances", list("alpha")),
        "instance pins a task only with placement any; with placement each send the nil uuid"
            + " 00000000-0000-0000-0000-000000000000");
  }

  @Test
  void patch_keeps_an_each_list_until_the_placement_changes_or_a_new_list_is_sent() {
    String path =
        Api.PREFIX
            + "/report_tasks/"
            + api.post(owner, CREATE, task("each").put("instances", list("alpha", "beta"))).id();

    Response renamed = api.patch(owner, path, new JsonObject().put("name", "renamed"));
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.json().getJsonArray("instances")).containsExactly("alpha", "beta");
    Response same = api.patch(owner, path, new JsonObject().put("placement", "each"));
    assertThat(same.json().getJsonArray("instances")).containsExactly("alpha", "beta");

    assertError(
        api.patch(owner, path, new JsonObject().put("instances", list("gamma", "GAMMA"))),
        "instances lists gamma twice (names match without regard to case)");
    assertError(
        api.patch(
            owner, path, new JsonObject().put("placement", "any").put("instances", list("a"))),
        "instances is used only with placement first, one_of or each");
    assertThat(api.get(owner, path).json().getJsonArray("instances"))
        .containsExactly("alpha", "beta");

    Response narrowed = api.patch(owner, path, new JsonObject().put("instances", list("gamma")));
    assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
    assertThat(narrowed.json().getJsonArray("instances")).containsExactly("gamma");
    Response everywhere = api.patch(owner, path, new JsonObject().put("instances", list()));
    assertThat(everywhere.status()).as(everywhere.toString()).isEqualTo(200);
    assertThat(everywhere.json().getJsonArray("instances")).isEmpty();

    api.patch(owner, path, new JsonObject().put("instances", list("gamma")));
    // to first the list goes along (first needs one); to any it is dropped
    Response first = api.patch(owner, path, new JsonObject().put("placement", "first"));
    assertThat(first.json().getJsonArray("instances")).containsExactly("gamma");
    Response any = api.patch(owner, path, new JsonObject().put("placement", "any"));
    assertThat(any.status()).as(any.toString()).isEqualTo(200);
    assertThat(any.json().getJsonArray("instances")).isEmpty();
  }

  @Test
  void a_pinned_instance_with_another_placement_than_any_answers_400() {
    assertRefused(
        task("each").put("instance", Fixtures.INSTANCE),
        "instance pins a task only with placement any; with placement each send the nil uuid"
            + " 00000000-0000-0000-0000-000000000000");
    assertRefused(
        task("first").put("instance", Fixtures.INSTANCE).put("instances", list("alpha")),
        "instance pins a task only with placement any; with placement first send the nil uuid"
            + " 00000000-0000-0000-0000-000000000000");
  }

  @Test
  void the_seed_messages_come_first_and_a_task_without_placement_is_placed_anywhere() {
    String report = new Fixtures(api).report(owner, "seed");
    Response missing =
        api.post(
            owner,
            CREATE,
            new JsonObject()
                .put("interval", "@daily")
                .put("report_id", report)
                .put("placement", "each"));
    assertError(missing, "missing instance for report generate task");

    JsonObject created = api.post(owner, CREATE, Fixtures.task(report)).json();

    assertThat(created.getString("placement")).isEqualTo("any");
    assertThat(created.getJsonArray("instances")).isEmpty();
    assertThat(created.getString("instance")).isEqualTo(Fixtures.INSTANCE);
  }

  @Test
  void a_valid_placement_is_stored_normalised_and_shown() {
    String id = UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    Response created =
        api.post(owner, CREATE, task("first").put("instances", list("Alpha.example", id)));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject shown = api.get(owner, Api.PREFIX + "/report_tasks/" + created.id()).json();
    assertThat(shown.getString("placement")).isEqualTo("first");
    assertThat(shown.getJsonArray("instances"))
        .containsExactly("alpha.example", id.toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void patch_checks_placement_as_create_does_and_changes_nothing_when_refused() {
    String path =
        Api.PREFIX
            + "/report_tasks/"
            + api.post(owner, CREATE, task("one_of").put("instances", list("alpha", "beta"))).id();

    assertError(
        api.patch(owner, path, new JsonObject().put("placement", "nowhere")),
        "placement should be any, each, first or one_of");
    assertError(
        api.patch(owner, path, new JsonObject().put("instances", list())),
        "placement one_of needs a non-empty instances list: instance ids or names, in order");
    assertError(
        api.patch(owner, path, new JsonObject().put("instances", list("ok", "not ok"))),
        "instances[1] should be an instance id (uuid) or name (letters, digits, '.', '_', '-',"
            + " starting with a letter or digit)");
    assertError(
        api.patch(owner, path, new JsonObject().put("instance", Fixtures.INSTANCE)),
        "instance pins a task only with placement any; with placement one_of send the nil uuid"
            + " 00000000-0000-0000-0000-000000000000");
    assertError(
        api.patch(
            owner, path, new JsonObject().put("placement", "any").put("instances", list("alpha"))),
        "instances is used only with placement first, one_of or each");
    JsonObject unchanged = api.get(owner, path).json();
    assertThat(unchanged.getString("placement")).isEqualTo("one_of");
    assertThat(unchanged.getJsonArray("instances")).containsExactly("alpha", "beta");

    // leaving first/one_of drops the list the new placement does not use
    Response each = api.patch(owner, path, new JsonObject().put("placement", "each"));
    assertThat(each.status()).as(each.toString()).isEqualTo(200);
    assertThat(each.json().getString("placement")).isEqualTo("each");
    assertThat(each.json().getJsonArray("instances")).isEmpty();
    Response first =
        api.patch(
            owner,
            path,
            new JsonObject().put("placement", "first").put("instances", list("gamma")));
    assertThat(first.json().getJsonArray("instances")).containsExactly("gamma");
  }

  @Test
  void patch_may_send_the_list_or_a_placement_that_keeps_it_alone() {
    String path =
        Api.PREFIX
            + "/report_tasks/"
            + api.post(owner, CREATE, task("one_of").put("instances", list("alpha", "beta"))).id();

    Response listed = api.patch(owner, path, new JsonObject().put("instances", list("gamma")));
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.json().getJsonArray("instances")).containsExactly("gamma");
    Response first = api.patch(owner, path, new JsonObject().put("placement", "first"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().getString("placement")).isEqualTo("first");
    assertThat(first.json().getJsonArray("instances")).containsExactly("gamma");

    String any = Api.PREFIX + "/report_tasks/" + api.post(owner, CREATE, task(null)).id();
    assertError(
        api.patch(owner, any, new JsonObject().put("instances", list("alpha"))),
        "instances is used only with placement first, one_of or each");
    assertError(
        api.patch(owner, any, new JsonObject().put("placement", "one_of")),
        "placement one_of needs a non-empty instances list: instance ids or names, in order");
  }

  @Test
  void instances_show_their_name_and_runs_show_where_they_were_placed() {
    JsonArray instances =
        api.get(TestServer.ADMIN, Api.PREFIX + "/instances").json().getJsonArray("items");
    JsonObject self =
        instances.stream()
            .map(JsonObject.class::cast)
            .filter(item -> item.getString("id").equals(server.instanceId().toString()))
            .findFirst()
            .orElseThrow();
    assertThat(self.getString("name")).isEqualTo(NAME);

    String pinned =
        api.post(owner, CREATE, task(null).put("instance", Fixtures.INSTANCE).put("enabled", false))
            .id();
    JsonObject run = api.post(owner, Api.PREFIX + "/report_tasks/" + pinned + "/run", null).json();
    assertThat(run.getString("placement")).isEqualTo("any");
    assertThat(run.getString("pinned_instance")).isEqualTo(Fixtures.INSTANCE);
    assertThat(run.getValue("instances")).isNull();

    String listed =
        api.post(
                owner,
                CREATE,
                task("one_of")
                    .put("instances", list("nowhere-1", "nowhere-2"))
                    .put("enabled", false))
            .id();
    JsonObject placed =
        api.post(owner, Api.PREFIX + "/report_tasks/" + listed + "/run", null).json();
    assertThat(placed.getString("placement")).isEqualTo("one_of");
    assertThat(placed.getValue("pinned_instance")).isNull();
    assertThat(placed.getJsonArray("instances")).containsExactly("nowhere-1", "nowhere-2");

    // a placed run waiting for its instances is cancelled like any other
    JsonObject cancelled =
        api.post(owner, Api.PREFIX + "/report_queue/" + placed.getLong("id") + "/cancel", null)
            .json();
    assertThat(cancelled.getString("status")).isEqualTo("cancel");
    assertThat(cancelled.getString("placement")).isEqualTo("one_of");
  }
}
