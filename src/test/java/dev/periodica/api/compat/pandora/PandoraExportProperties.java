package dev.periodica.api.compat.pandora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api.Response;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * Random bodies (right, wrong and odd names, spl, intervals and cronDate values; random JSON) on
 * create, update and batch status, and random list and history parameters: never a 500, always the
 * facade's error body, and a refused request writes nothing.
 */
class PandoraExportProperties {
  private static final String SNAPSHOT =
      """
      SELECT concat_ws(',', (SELECT count(*) FROM report_tasks),
        (SELECT max(updated_at)::text FROM report_tasks),
        (SELECT string_agg(enabled::text, '' ORDER BY id) FROM report_tasks))
      """;
  private static final UUID OWNER = UUID.randomUUID();
  private static TestServer server;
  private static Pandora pandora;
  private static String task;

  @BeforeContainer
  static void start() {
    String schema = TestServer.newSchema();
    server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", schema + "_ds"));
    TestDatabase.execute(
        schema,
        "CREATE SCHEMA IF NOT EXISTS %1$s_ds; CREATE TABLE %1$s_ds.events (n int)"
            .formatted(schema));
    pandora = new Pandora(server.port());
    task = pandora.post(OWNER, "/task", body("seeded", "SELECT n FROM events", yearly())).id();
  }

  @AfterContainer
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + server.schema() + "_ds CASCADE");
    server.close();
  }

  private static JsonObject yearly() {
    return new JsonObject()
        .put("type", "cronDate")
        .put("cronDate", new JsonObject().put("frequency", "year"));
  }

  private static JsonObject body(Object name, Object spl, Object interval) {
    return new JsonObject().put("name", name).put("spl", spl).put("interval", interval);
  }

  private static String snapshot() {
    return TestDatabase.text(server.schema(), SNAPSHOT);
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.MIXIN)
  void create_never_answers_500_and_a_refusal_writes_nothing(@ForAll("bodies") Object body) {
    String before = snapshot();

    check(pandora.post(OWNER, "/task", body), before);
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.MIXIN)
  void update_never_answers_500_and_a_refusal_changes_nothing(
      @ForAll("bodies") Object body, @ForAll("ids") String id) {
    String before = snapshot();

    check(pandora.put(OWNER, "/task/" + id, body), before);
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.MIXIN)
  void batch_status_never_answers_500_and_a_refusal_changes_nothing(
      @ForAll("anything") Object tasks, @ForAll("anything") Object status) {
    String before = snapshot();
    JsonObject body = new JsonObject().put("tasks", tasks).put("status", status);

    check(pandora.put(OWNER, "/tasks/status", body), before);
  }

  @Property(tries = 250, edgeCases = EdgeCasesMode.MIXIN)
  void lists_never_answer_500(
      @ForAll("params") String sort,
      @ForAll("params") String order,
      @ForAll("params") String pageNo,
      @ForAll("params") String pageSize,
      @ForAll("params") String prefix,
      @ForAll boolean history) {
    String query =
        "?sort="
            + encode(sort)
            + "&order="
            + encode(order)
            + "&pageNo="
            + encode(pageNo)
            + "&pageSize="
            + encode(pageSize)
            + "&prefix="
            + encode(prefix);
    String before = snapshot();

    Response response =
        pandora.get(OWNER, (history ? "/task/" + task + "/history" : "/task/list") + query);

    check(response, before);
    if (response.status() == 200) {
      assertThat(response.json().fieldNames()).contains("total", "pageNo", "pageSize");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void check(Response response, String before) {
    assertThat(response.status()).as(response.toString()).isLessThan(500);
    if (response.status() >= 400) {
      JsonObject error = response.json();
      assertThat(error.fieldNames()).containsExactlyInAnyOrder("code", "message");
      assertThat(error.getString("message")).isNotBlank();
      assertThat(snapshot()).as(response.toString()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<Object> bodies() {
    Arbitrary<Object> names =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(300).map(s -> (Object) s),
            Arbitraries.of("export", "", " ").map(s -> (Object) s),
            anything());
    Arbitrary<Object> spls =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "SELECT n FROM events",
                    "SELECT * FROM nowhere",
                    "*",
                    "DELETE FROM events",
                    "SELECT pg_sleep(1)",
                    "SELECT ${x}",
                    "SELECT 1; SELECT 2",
                    "SELECT '\u0000'")
                .map(s -> (Object) s),
            Arbitraries.strings().all().ofMaxLength(200).map(s -> (Object) s),
            anything());
    Arbitrary<Object> cronValues =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-2, 70).map(i -> (Object) i),
            Arbitraries.integers().between(-2, 70).map(i -> (Object) String.valueOf(i)),
            Arbitraries.of("", " 5 ", "1.5", "x", "99999999999").map(s -> (Object) s),
            Arbitraries.of(1.5, 1e30, -0.0).map(d -> (Object) d),
            anything());
    Arbitrary<Object> cronDates =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.of(ExportInterval.FREQUENCIES).map(f -> (Object) f), anything()),
                cronValues,
                cronValues,
                cronValues,
                cronValues)
            .as(
                (frequency, month, date, hour, minute) ->
                    (Object)
                        new JsonObject()
                            .put("frequency", frequency)
                            .put("month", month)
                            .put("date", date)
                            .put("hour", hour)
                            .put("minute", minute));
    Arbitrary<Object> crontabs =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "*/5 * * * * ?",
                    "0 0 12 * * ?",
                    "0 0 0 30 2 ?",
                    "* * * *",
                    "0 0 0 L * ? 2020",
                    "61 * * * * ?",
                    "0 0 0 ? * MON#6")
                .map(s -> (Object) s),
            Arbitraries.strings()
                .withChars("0123456789*?/,-LW# ")
                .ofMaxLength(40)
                .map(s -> (Object) s),
            anything());
    Arbitrary<Object> intervals =
        Combinators.combine(
                Arbitraries.oneOf(
                    Arbitraries.of("crontab", "cronDate").map(t -> (Object) t), anything()),
                crontabs,
                cronDates)
            .as(
                (type, crontab, cronDate) ->
                    (Object)
                        new JsonObject()
                            .put("type", type)
                            .put("crontab", crontab)
                            .put("cronDate", cronDate));
    Arbitrary<Object> shaped =
        Combinators.combine(names, spls, Arbitraries.oneOf(intervals, anything()))
            .as((name, spl, interval) -> (Object) body(name, spl, interval));
    Arbitrary<Object> raw =
        Arbitraries.of("", "{", "null", "[]", "\"text\"", "{\"name\":}", "{}").map(s -> (Object) s);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, shaped), net.jqwik.api.Tuple.of(1, raw));
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.just(task),
        Arbitraries.create(() -> UUID.randomUUID().toString()),
        Arbitraries.of("0", "list", "%2e%2e", "null").map(s -> s));
  }

  @Provide
  Arbitrary<Object> anything() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
        Arbitraries.of(new JsonArray(), new JsonObject(), new JsonArray().add(1).add("x"))
            .map(v -> (Object) v),
        Arbitraries.just(new JsonArray(List.of(UUID.randomUUID().toString()))).map(v -> (Object) v),
        Arbitraries.of("running", "stopped").map(s -> (Object) s));
  }

  @Provide
  Arbitrary<String> params() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            "name",
            "createTime",
            "count",
            "time",
            "status",
            "tookMillis",
            "asc",
            "DESC",
            "1",
            "0",
            "-1",
            "1000",
            "1001",
            "99999999999",
            "%",
            "_",
            "\\",
            "run",
            "fail"),
        Arbitraries.strings().all().ofMaxLength(40));
  }
}
