package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every resource × verb × who asks: the owner, a user it is shared with, a member of a group it is
 * shared with, a stranger and an administrator; then the same after unsharing, for system reports,
 * and for what expansion shows. Each row names the expected status, so a change of rule shows as
 * the one row that moved.
 */
class AuthorizationMatrixTest {
  private enum Role {
    OWNER,
    SHARED_USER,
    GROUP_MEMBER,
    STRANGER,
    ADMIN
  }

  private static final String P = Api.PREFIX;
  private static final UUID OWNER = UUID.randomUUID();
  private static final UUID SHARED = UUID.randomUUID();
  private static final UUID MEMBER = UUID.randomUUID();
  private static final UUID STRANGER = UUID.randomUUID();
  private static final UUID ADMIN = UUID.randomUUID();
  private static final Map<Role, UUID> USERS =
      Map.of(
          Role.OWNER, OWNER,
          Role.SHARED_USER, SHARED,
          Role.GROUP_MEMBER, MEMBER,
          Role.STRANGER, STRANGER,
          Role.ADMIN, ADMIN);
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;

  /** What one world of shared objects holds; each row that deletes builds its own world. */
  private record World(
      String group,
      String category,
      String dashboard,
      String widget,
      String report,
      String task,
      long run) {}

  private record Row(String name, Role role, Function<World, Response> request, int expected) {}

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

  private static World world(boolean withRun) {
    String group = fixtures.group(OWNER, "team", List.of(MEMBER));
    String category = fixtures.category(OWNER, "folder");
    JsonObject shares =
        new JsonObject()
            .put("user_ids", new JsonArray().add(SHARED.toString()))
            .put("group_ids", new JsonArray().add(group));
    String dashboard =
        created(api.post(OWNER, P + "/dashboards/create", shares.copy().put("name", "board")));
    String widget =
        created(
            api.post(
                OWNER,
                P + "/widgets/create",
                new JsonObject().put("name", "w").put("dashboard_id", dashboard)));
    String report =
        fixtures.report(
            OWNER,
            shares
                .copy()
                .put("name", "report")
                .put("category_id", category)
                .put("dashboard_id", dashboard)
                .put(
                    "config", new JsonObject().put("pages", new JsonArray().add(new JsonArray()))));
    String task =
        created(
            api.post(
                OWNER,
                P + "/report_tasks/create",
                Fixtures.task(report)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("params", new JsonObject().put("format", "csv"))));
    long run = 0;
    if (withRun) {
      run = api.post(OWNER, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
      try {
        assertThat(Runs.awaitFinished(api, OWNER, run).getString("status")).isEqualTo("complete");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return new World(group, category, dashboard, widget, report, task, run);
  }

  private static String created(Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.id();
  }

  /** Expected statuses in the order OWNER, SHARED_USER, GROUP_MEMBER, STRANGER, ADMIN. */
  private static void row(
      List<Row> rows, String name, Function<World, Request> request, int... expected) {
    Role[] roles = Role.values();
    for (int i = 0; i < roles.length; i++) {
      Role role = roles[i];
      UUID user = USERS.get(role);
      rows.add(new Row(name, role, world -> request.apply(world).send(user), expected[i]));
    }
  }

  @FunctionalInterface
  private interface Request {
    Response send(UUID user);
  }

  private static Request get(String path) {
    return user -> api.get(user, P + path);
  }

  private static Request patch(String path, JsonObject body) {
    return user -> api.patch(user, P + path, body);
  }

  private static Request post(String path, Object body) {
    return user -> api.post(user, P + path, body);
  }

  private static Request delete(String path) {
    return user -> api.delete(user, P + path);
  }

  @TestFactory
  Stream<DynamicTest> every_resource_verb_and_role() {
    World world = world(true);
    List<Row> reads = new ArrayList<>();
    row(reads, "read report", w -> get("/reports/" + w.report()), 200, 200, 200, 404, 404);
    row(
        reads,
        "change report",
        w -> patch("/reports/" + w.report(), name()),
        200,
        200,
        200,
        404,
        404);
    row(reads, "read task", w -> get("/report_tasks/" + w.task()), 200, 200, 200, 404, 404);
    row(
        reads,
        "change task",
        w -> patch("/report_tasks/" + w.task(), new JsonObject().put("interval", "0 0 2 1 *")),
        200,
        200,
        200,
        404,
        404);
    row(
        reads,
        "list task runs",
        w -> get("/report_tasks/" + w.task() + "/runs"),
        200,
        200,
        200,
        404,
        404);
    row(reads, "read run", w -> get("/report_queue/" + w.run()), 200, 200, 200, 404, 404);
    row(
        reads,
        "download run file",
        w -> get("/report_queue/" + w.run() + "/file"),
        200,
        200,
        200,
        404,
        404);
    row(reads, "read dashboard", w -> get("/dashboards/" + w.dashboard()), 200, 200, 200, 404, 404);
    row(
        reads,
        "change dashboard",
        w -> patch("/dashboards/" + w.dashboard(), name()),
        200,
        200,
        200,
        404,
        404);
    row(reads, "read widget", w -> get("/widgets/" + w.widget()), 200, 200, 200, 404, 404);
    row(
        reads,
        "change widget",
        w -> patch("/widgets/" + w.widget(), name()),
        200,
        200,
        200,
        404,
        404);
    row(reads, "read group", w -> get("/groups/" + w.group()), 200, 404, 200, 404, 404);
    row(reads, "change group", w -> patch("/groups/" + w.group(), name()), 200, 404, 403, 404, 404);
    row(reads, "read category", w -> get("/categories/" + w.category()), 200, 404, 404, 404, 404);
    row(
        reads,
        "change category",
        w -> patch("/categories/" + w.category(), name()),
        200,
        404,
        404,
        404,
        404);
    row(reads, "list instances", w -> get("/instances"), 403, 403, 403, 403, 200);
    row(
        reads,
        "create a system report",
        w -> post("/reports/create", name().put("is_system", true)),
        403,
        403,
        403,
        403,
        201);
    row(
        reads,
        "make the report system-wide",
        w -> patch("/reports/" + w.report(), new JsonObject().put("is_system", true)),
        403,
        403,
        403,
        404,
        404);

    List<Row> writes = new ArrayList<>();
    row(
        writes,
        "run task now",
        w -> post("/report_tasks/" + w.task() + "/run", null),
        201,
        201,
        201,
        404,
        404);
    row(writes, "delete report", w -> delete("/reports/" + w.report()), 204, 403, 403, 404, 404);
    row(writes, "delete task", w -> delete("/report_tasks/" + w.task()), 204, 403, 403, 404, 404);
    row(
        writes,
        "delete dashboard",
        w -> delete("/dashboards/" + w.dashboard()),
        204,
        403,
        403,
        404,
        404);
    row(writes, "delete widget", w -> delete("/widgets/" + w.widget()), 204, 403, 403, 404, 404);
    row(writes, "delete group", w -> delete("/groups/" + w.group()), 204, 404, 403, 404, 404);
    row(
        writes,
        "delete category",
        w -> delete("/categories/" + w.category()),
        204,
        404,
        404,
        404,
        404);

    return Stream.concat(
        reads.stream().map(row -> test(row, () -> world)),
        writes.stream().map(row -> test(row, () -> world(false))));
  }

  /** After the owner takes the report from the shared user and the member leaves the group. */
  @TestFactory
  Stream<DynamicTest> after_unsharing() {
    List<Row> rows = new ArrayList<>();
    row(rows, "read report", w -> get("/reports/" + w.report()), 200, 404, 404, 404, 404);
    row(rows, "read task", w -> get("/report_tasks/" + w.task()), 200, 404, 404, 404, 404);
    row(
        rows,
        "run task now",
        w -> post("/report_tasks/" + w.task() + "/run", null),
        201,
        404,
        404,
        404,
        404);
    row(
        rows,
        "list task runs",
        w -> get("/report_tasks/" + w.task() + "/runs"),
        200,
        404,
        404,
        404,
        404);
    row(rows, "read run", w -> get("/report_queue/" + w.run()), 200, 404, 404, 404, 404);
    row(
        rows,
        "download run file",
        w -> get("/report_queue/" + w.run() + "/file"),
        200,
        404,
        404,
        404,
        404);
    World world = world(true);
    Response unshared =
        api.patch(
            OWNER,
            P + "/reports/" + world.report(),
            new JsonObject().put("user_ids", new JsonArray()));
    assertThat(unshared.status()).as(unshared.toString()).isEqualTo(200);
    Response emptied =
        api.patch(
            OWNER,
            P + "/groups/" + world.group(),
            new JsonObject().put("user_ids", new JsonArray()));
    assertThat(emptied.status()).as(emptied.toString()).isEqualTo(200);
    return rows.stream().map(row -> test(row, () -> world));
  }

  /** A report an administrator made system-wide: everyone reads, only administrators change. */
  @TestFactory
  Stream<DynamicTest> system_reports() {
    List<Row> reads = new ArrayList<>();
    row(reads, "read system report", w -> get("/reports/" + w.report()), 200, 200, 200, 200, 200);
    row(
        reads,
        "rename system report",
        w -> patch("/reports/" + w.report(), name()),
        403,
        403,
        403,
        403,
        200);
    row(
        reads,
        "clear is_system",
        w -> patch("/reports/" + w.report(), new JsonObject().put("is_system", false)),
        403,
        403,
        403,
        403,
        200);
    List<Row> writes = new ArrayList<>();
    row(
        writes,
        "delete system report",
        w -> delete("/reports/" + w.report()),
        403,
        403,
        403,
        403,
        204);
    World shared = systemWorld();
    return Stream.concat(
        reads.stream().map(row -> test(row, () -> shared)),
        writes.stream().map(row -> test(row, AuthorizationMatrixTest::systemWorld)));
  }

  private static World systemWorld() {
    World world = world(false);
    Response asAdmin = makeSystem(world.report());
    assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(200);
    return world;
  }

  /** The owner shares the report with the administrator, who makes it system-wide. */
  private static Response makeSystem(String report) {
    Response shared =
        api.patch(
            OWNER,
            P + "/reports/" + report,
            new JsonObject()
                .put("user_ids", new JsonArray().add(SHARED.toString()).add(ADMIN.toString())));
    assertThat(shared.status()).as(shared.toString()).isEqualTo(200);
    return api.patch(ADMIN, P + "/reports/" + report, new JsonObject().put("is_system", true));
  }

  /** What the expanded report shows of its group and category to each reader. */
  @TestFactory
  Stream<DynamicTest> expansion() {
    World world = world(false);
    List<DynamicTest> tests = new ArrayList<>();
    Map<Role, Boolean> seesGroup =
        Map.of(Role.OWNER, true, Role.SHARED_USER, false, Role.GROUP_MEMBER, true);
    for (var entry : seesGroup.entrySet()) {
      Role role = entry.getKey();
      tests.add(
          dynamicTest(
              "expanded report as "
                  + role
                  + " shows the group "
                  + (entry.getValue() ? "whole" : "by id"),
              () -> {
                JsonObject report =
                    api.get(USERS.get(role), P + "/reports/" + world.report()).json();
                JsonObject group = report.getJsonArray("groups").getJsonObject(0);
                JsonObject boardGroup =
                    report.getJsonObject("dashboard").getJsonArray("groups").getJsonObject(0);
                JsonObject category = report.getJsonObject("category");
                assertThat(group.getString("id")).isEqualTo(world.group());
                if (entry.getValue()) {
                  assertThat(group.getJsonArray("user_ids")).containsExactly(MEMBER.toString());
                  assertThat(boardGroup.getString("name")).isEqualTo("team");
                } else {
                  assertThat(group).isEqualTo(new JsonObject().put("id", world.group()));
                  assertThat(boardGroup).isEqualTo(new JsonObject().put("id", world.group()));
                }
                if (role == Role.OWNER) {
                  assertThat(category.getString("name")).isEqualTo("folder");
                } else {
                  assertThat(category).isEqualTo(new JsonObject().put("id", world.category()));
                }
              }));
    }
    return tests.stream();
  }

  private static JsonObject name() {
    return new JsonObject().put("name", "renamed " + UUID.randomUUID());
  }

  private static DynamicTest test(Row row, java.util.function.Supplier<World> world) {
    return dynamicTest(
        row.name() + " as " + row.role() + " → " + row.expected(),
        () -> {
          Response response = row.request().apply(world.get());
          assertThat(response.status()).as(response.toString()).isEqualTo(row.expected());
        });
  }
}
