package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random wrong types, missing fields, huge and odd-unicode values thrown at every create and patch
 * endpoint: never a 500, and a refused request never leaves a row behind.
 */
class CreatePatchProperties {
  private static final List<String> RESOURCES =
      List.of("groups", "categories", "dashboards", "widgets", "reports", "report_tasks");
  private static final List<String> FIELDS =
      List.of(
          "id",
          "name",
          "config",
          "settings",
          "is_system",
          "category_id",
          "dashboard_id",
          "user_ids",
          "group_ids",
          "parent_id",
          "interval",
          "instance",
          "report_id",
          "job",
          "params",
          "timezone",
          "enabled",
          "pages",
          "accept_risk",
          "email",
          "created_at");
  private static final String TABLES =
      """
      SELECT concat_ws(',', (SELECT count(*) FROM users), (SELECT count(*) FROM groups),
        (SELECT count(*) FROM group_members), (SELECT count(*) FROM categories),
        (SELECT count(*) FROM dashboards), (SELECT count(*) FROM dashboard_users),
        (SELECT count(*) FROM dashboard_groups), (SELECT count(*) FROM widgets),
        (SELECT count(*) FROM reports), (SELECT count(*) FROM report_users),
        (SELECT count(*) FROM report_groups), (SELECT count(*) FROM report_tasks),
        (SELECT max(updated_at)::text FROM reports), (SELECT max(updated_at)::text FROM report_tasks))
      """;
  private static final UUID OWNER = UUID.randomUUID();
  private static TestServer server;
  private static Api api;
  private static Map<String, String> existing;

  @BeforeContainer
  static void start() {
    server = TestServer.start();
    api = server.api();
    Fixtures fixtures = new Fixtures(api);
    existing = new LinkedHashMap<>();
    existing.put("groups", fixtures.group(OWNER, "g", List.of()));
    existing.put("categories", fixtures.category(OWNER, "c"));
    existing.put("dashboards", fixtures.dashboard(OWNER, "d"));
    existing.put(
        "widgets",
        api.post(
                OWNER,
                Api.PREFIX + "/widgets/create",
                new JsonObject().put("name", "w").put("dashboard_id", existing.get("dashboards")))
            .id());
    existing.put("reports", fixtures.report(OWNER, "r"));
    existing.put(
        "report_tasks",
        api.post(OWNER, Api.PREFIX + "/report_tasks/create", Fixtures.task(existing.get("reports")))
            .id());
  }

  @AfterContainer
  static void stop() throws Exception {
    server.close();
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
  void create_never_answers_500_and_a_refusal_writes_nothing(
      @ForAll("resources") String resource, @ForAll("bodies") String body) {
    String before = snapshot();

    Response response = api.post(OWNER, Api.PREFIX + "/" + resource + "/create", body);

    assertThat(response.status()).as(response.toString()).isLessThan(500);
    assertThat(response.json().containsKey(response.status() >= 400 ? "error" : "id")).isTrue();
    if (response.status() >= 400) {
      assertThat(snapshot()).as(response.toString()).isEqualTo(before);
    }
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
  void patch_never_answers_500_and_a_refusal_changes_nothing(
      @ForAll("resources") String resource, @ForAll("bodies") String body) {
    String before = snapshot();

    Response response =
        api.patch(OWNER, Api.PREFIX + "/" + resource + "/" + existing.get(resource), body);

    assertThat(response.status()).as(response.toString()).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.json().getInteger("error_code")).isEqualTo(response.status());
      assertThat(snapshot()).as(response.toString()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<String> resources() {
    return Arbitraries.of(RESOURCES);
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> objects = Arbitraries.maps(keys(), values()).ofMaxSize(8).map(Json::encode);
    Arbitrary<String> raw = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> nearlyValid =
        Combinators.combine(Arbitraries.of(FIELDS), values())
            .as((key, value) -> new JsonObject(validBase()).put(key, value).encode());
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, objects),
        net.jqwik.api.Tuple.of(1, raw),
        net.jqwik.api.Tuple.of(5, nearlyValid));
  }

  private static Map<String, Object> validBase() {
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("name", "valid");
    base.put("dashboard_id", existing.get("dashboards"));
    base.put("report_id", existing.get("reports"));
    base.put("instance", Fixtures.INSTANCE);
    base.put("interval", "@daily");
    return base;
  }

  private Arbitrary<String> keys() {
    return Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().all().ofMaxLength(30));
  }

  private Arbitrary<Object> values() {
    return Arbitraries.recursive(
        this::scalars,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(list -> (Object) list),
                Arbitraries.maps(keys(), inner).ofMaxSize(4).map(map -> (Object) map)),
        0,
        3);
  }

  private Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(50).map(s -> (Object) s),
        Arbitraries.strings()
            .withChars('\u0000', 'é', 'Ж', '中', '\u202e', '\uFFFF')
            .ofMaxLength(20)
            .map(s -> (Object) s),
        Arbitraries.strings().alpha().ofMinLength(250).ofMaxLength(5000).map(s -> (Object) s),
        Arbitraries.of(existing.values().toArray()).map(id -> (Object) id),
        Arbitraries.of("@hourly", "* * *", "0 0 31 2 *", "", " ", "Europe/Moscow", "Mars/Base")
            .map(s -> (Object) s),
        Arbitraries.of(UUID.randomUUID().toString(), "00000000-0000-0000-0000-000000000000")
            .map(s -> (Object) s),
        Arbitraries.longs().map(n -> (Object) n),
        Arbitraries.doubles().map(n -> (Object) n),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
  }

  private static String snapshot() {
    return TestDatabase.text(server.schema(), TABLES);
  }
}
