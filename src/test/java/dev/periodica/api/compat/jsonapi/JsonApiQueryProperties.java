package dev.periodica.api.compat.jsonapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * Random query strings on the JSON:API listings (filters of every resource with right, wrong and
 * odd operators, fields and values; sort and page parameters) and random bodies on the native
 * generate endpoint: never a 500; a listing answers a document or JSON:API error objects; a refused
 * generate writes neither a task nor a run.
 */
class JsonApiQueryProperties {
  private static final UUID OWNER = UUID.randomUUID();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static TestServer server;
  private static Api api;
  private static String report;

  @BeforeContainer
  static void start() {
    server = TestServer.start(new JsonObject().put("SCHEDULER_TICK_MS", 60_000));
    api = server.api();
    report = new Fixtures(api).report(OWNER, "properties");
    api.post(OWNER, Api.PREFIX + "/report_tasks/create", Fixtures.task(report));
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
  void listings_never_answer_500(
      @ForAll("listings") String listing, @ForAll("queries") List<Map.Entry<String, String>> query)
      throws Exception {
    StringBuilder url =
        new StringBuilder("http://localhost:" + server.port() + "/v2.1/user/" + OWNER);
    url.append("/reports/").append(listing);
    char separator = '?';
    for (Map.Entry<String, String> pair : query) {
      url.append(separator)
          .append(encode(pair.getKey()))
          .append('=')
          .append(encode(pair.getValue()));
      separator = '&';
    }
    HttpResponse<String> response =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url.toString())).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(url + " → " + response.body()).isIn(200, 400);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/vnd.api+json");
    JsonObject body = new JsonObject(response.body());
    if (response.statusCode() == 200) {
      assertThat(body.getJsonObject("meta").getLong("total_count")).isNotNegative();
      assertThat(body.getJsonArray("data")).isNotNull();
    } else {
      assertThat(body.getJsonArray("errors").getJsonObject(0).getString("status")).isEqualTo("400");
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.MIXIN)
  void generate_never_answers_500_and_a_refusal_writes_nothing(@ForAll("bodies") String body) {
    long tasks = server.count("report_tasks");
    long runs = server.count("runs");

    var response = api.post(OWNER, Api.PREFIX + "/reports/" + report + "/generate", body);

    assertThat(response.status()).as(body + " → " + response).isIn(201, 400, 403, 404);
    if (response.status() == 201) {
      assertThat(server.count("report_tasks")).isEqualTo(tasks + 1);
      assertThat(server.count("runs")).isEqualTo(runs + 1);
    } else {
      assertThat(response.json().getInteger("error_code")).isEqualTo(response.status());
      assertThat(server.count("report_tasks")).isEqualTo(tasks);
      assertThat(server.count("runs")).isEqualTo(runs);
    }
  }

  @Provide
  Arbitrary<String> listings() {
    return Arbitraries.of("queue", "tasks");
  }

  @Provide
  Arbitrary<List<Map.Entry<String, String>>> queries() {
    Arbitrary<String> names =
        Arbitraries.of(
            "filter[reportQueue]",
            "filter[reportTask]",
            "filter[report]",
            "filter[widget]",
            "filter",
            "page[limit]",
            "page[offset]",
            "page[size]",
            "sort",
            "include",
            "fields[reportTask]",
            "other");
    return Combinators.combine(names, values()).as(Map::entry).list().ofMaxSize(4);
  }

  private Arbitrary<String> values() {
    Arbitrary<String> ops =
        Arbitraries.of("eq", "ne", "gt", "ge", "lt", "le", "in", "like", "", "EQ");
    Arbitrary<String> fields =
        Arbitraries.of(
            "id",
            "Progress",
            "Status",
            "DateOfCreation",
            "StartDate",
            "EndDate",
            "Report",
            "ReportTask",
            "Task",
            "Type",
            "Interval",
            "Instance",
            "Enabled",
            "Name",
            "Colour",
            "");
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            Arbitraries.of(
                "'complete'",
                "'user_task'",
                "'periodic'",
                "null",
                "true",
                "'true'",
                "1",
                "0",
                "-1",
                "99999999999999999999",
                "'2022-06-15T14:04:55Z'",
                "'2022-06-15'",
                "'0000-01-01'",
                "'+999999999-12-31T23:59:59Z'",
                "'" + UUID.randomUUID() + "'",
                UUID.randomUUID().toString(),
                "'it''s'",
                "\"x\"",
                "'",
                "'\u0000'",
                "()",
                "1.5"),
            Arbitraries.strings().ofMaxLength(12));
    Arbitrary<String> expressions =
        Combinators.combine(ops, fields, scalars.list().ofMinSize(0).ofMaxSize(3))
            .as(
                (op, field, args) -> {
                  StringBuilder text = new StringBuilder(op).append('(').append(field);
                  args.forEach(arg -> text.append(", ").append(arg));
                  return text.append(')').toString();
                });
    return Arbitraries.oneOf(
        expressions,
        scalars,
        Arbitraries.of(
            "-DateOfCreation", "DateOfCreation,-id", "-", ",", "Status,Type", "50", "1,2"),
        Arbitraries.strings().ofMaxLength(30));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> formats = Arbitraries.of("\"pdf\"", "\"csv\"", "\"docx\"", "1", "null", "[]");
    Arbitrary<String> constants =
        Arbitraries.of("{}", "{\"a\": 1}", "[]", "\"x\"", "null", "{\"k\": {\"n\": [1]}}");
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("\"n\"", "null", "1", "\"\""),
            Arbitraries.strings().ofMaxLength(300).map(s -> io.vertx.core.json.Json.encode(s)));
    Arbitrary<String> objects =
        Combinators.combine(formats, constants, names)
            .as(
                (format, constant, name) ->
                    "{\"params\": {\"format\": "
                        + format
                        + ", \"constants\": "
                        + constant
                        + "}, \"name\": "
                        + name
                        + "}");
    return Arbitraries.oneOf(
        objects,
        Arbitraries.of(
            "",
            "{}",
            "[]",
            "null",
            "{\"params\": null}",
            "{\"params\": []}",
            "{\"colour\": 1}",
            "{\"params\": {\"ms\": 1}}",
            "{",
            "\"x\""),
        Arbitraries.strings().ofMaxLength(40));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
