package dev.periodica.api.compat.sops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bodies (valid credentials with right, wrong and odd values of every documented field) at
 * every bk-sops operation never answer 500, always answer the envelope, and a refusal writes
 * nothing.
 */
class SopsBodiesProperties {
  private static final List<String> OPERATIONS =
      List.of(
          "create_periodic_task",
          "get_periodic_task_list",
          "get_periodic_task_info",
          "set_periodic_task_enabled",
          "modify_cron_for_periodic_task",
          "modify_constants_for_periodic_task");
  private static final List<String> FIELDS =
      List.of(
          "bk_app_code",
          "bk_app_secret",
          "bk_username",
          "bk_token",
          "bk_biz_id",
          "template_id",
          "task_id",
          "task",
          "name",
          "cron",
          "constants",
          "enabled",
          "limit",
          "offset",
          "flow_type");
  private static final String SNAPSHOT =
      "SELECT coalesce(string_agg(t::text, '|' ORDER BY t.id), '') FROM report_tasks t";
  private static final UUID OWNER = UUID.randomUUID();
  private static TestServer server;
  private static Api api;
  private static String report;

  @BeforeContainer
  static void start() {
    server = TestServer.start(new JsonObject().put("BK_APPS", "esb_test:xxx"));
    api = server.api();
    assertThat(
            api.patch(OWNER, Api.PREFIX + "/users/me", new JsonObject().put("username", "owner"))
                .status())
        .isEqualTo(200);
    report = new Fixtures(api).report(OWNER, "r");
    Response created =
        api.send(
            null,
            "POST",
            "/v2/sops/create_periodic_task/",
            valid().put("template_id", report).put("name", "t").put("cron", new JsonObject()));
    assertThat(created.json().getBoolean("result")).as(created.toString()).isTrue();
  }

  @AfterContainer
  static void stop() throws Exception {
    server.close();
  }

  private static JsonObject valid() {
    return new JsonObject()
        .put("bk_app_code", "esb_test")
        .put("bk_app_secret", "xxx")
        .put("bk_username", "owner")
        .put("bk_biz_id", "2")
        .put("task_id", "1");
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
  void random_bodies_never_answer_500_and_a_refusal_writes_nothing(
      @ForAll("operations") String operation,
      @ForAll("fields") String field,
      @ForAll("values") Object value,
      @ForAll boolean asQuery) {
    JsonObject body = valid().put("template_id", report).put("name", "n");
    body.put(field, value);
    String before = TestDatabase.text(server.schema(), SNAPSHOT);

    // a query line past HTTP's limit is refused before any router sees it (414, the server's shape)
    boolean query = asQuery && String.valueOf(value).length() < 1000;
    Response response =
        query
            ? api.send(null, "GET", "/v2/sops/" + operation + "/?" + query(body), null)
            : api.send(null, "POST", "/v2/sops/" + operation + "/", body);

    assertThat(response.status()).as(response.toString()).isLessThan(500);
    JsonObject answer = response.json();
    assertThat(answer.fieldNames()).containsExactlyInAnyOrder("result", "data", "message");
    if (!answer.getBoolean("result")) {
      assertThat(answer.getString("message")).as(response.toString()).isNotBlank();
      assertThat(answer.getValue("data")).isNull();
      assertThat(TestDatabase.text(server.schema(), SNAPSHOT))
          .as(response.toString())
          .isEqualTo(before);
    }
  }

  @Property(tries = 100)
  void random_text_bodies_never_answer_500(
      @ForAll("operations") String operation, @ForAll("junk") String body) {
    Response response = api.send(null, "POST", "/v2/sops/" + operation + "/", body);
    assertThat(response.status()).as(response.toString()).isLessThan(500);
    assertThat(response.json().getBoolean("result")).isFalse();
  }

  private static String query(JsonObject body) {
    StringBuilder text = new StringBuilder();
    body.forEach(
        e ->
            text.append(text.isEmpty() ? "" : "&")
                .append(
                    java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8))
                .append('=')
                .append(
                    java.net.URLEncoder.encode(
                        String.valueOf(e.getValue()), java.nio.charset.StandardCharsets.UTF_8)));
    return text.toString();
  }

  @Provide
  Arbitrary<String> operations() {
    return Arbitraries.of(OPERATIONS);
  }

  @Provide
  Arbitrary<String> fields() {
    return Arbitraries.oneOf(
        Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(12).map(s -> "x" + s));
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            " ",
            "1",
            "0",
            "-1",
            "99999999999999999999",
            "true",
            "*/1",
            "${bk_timing}",
            "\u0000",
            "x".repeat(5000),
            true,
            false,
            0,
            -5,
            1.5,
            Long.MAX_VALUE,
            new JsonArray().add(1),
            new JsonObject(),
            new JsonObject().put("minute", "*/1").put("hour", "15"),
            new JsonObject().put("minute", "61"),
            new JsonObject().put("minute", new JsonArray()),
            new JsonObject().put("${bk_timing}", "100"),
            new JsonObject().put("${bk_timing}", new JsonObject()),
            new JsonObject().put("${a}", 1).put("${b}", true).put("${c}", "x")),
        Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i));
  }

  @Provide
  Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("[]", "null", "1", "\"x\"", "{", "{\"cron\": }", "{}"));
  }
}
