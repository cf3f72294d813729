package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Input an outside review found answering 500 (or a bare status): each a 400-class JSON error. */
class BadInputApiTest {
  private static TestServer server;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonObject reportWithInline(JsonObject widget) {
    return new JsonObject()
        .put("name", "inline")
        .put(
            "config",
            new JsonObject()
                .put(
                    "pages",
                    new JsonArray()
                        .add(new JsonArray().add(new JsonObject().put("widget", widget)))));
  }

  @Test
  void an_inline_widget_whose_settings_is_not_an_object_answers_400_and_writes_nothing() {
    String report = new Fixtures(api).report(owner, "to patch");
    String before = reports();
    List<Object> notObjects = List.of("string", 42, true, new JsonArray().add(1));

    for (Object settings : notObjects) {
      JsonObject widget =
          new JsonObject()
              .put("name", "w")
              .put("config", new JsonObject().put("kind", "table"))
              .put("settings", settings);
      Response created = api.post(owner, Api.PREFIX + "/reports/create", reportWithInline(widget));
      Response patched =
          api.patch(
              owner,
              Api.PREFIX + "/reports/" + report,
              new JsonObject().put("config", reportWithInline(widget).getJsonObject("config")));

      for (Response response : List.of(created, patched)) {
        assertThat(response.status()).as(settings + " " + response).isEqualTo(400);
        assertThat(response.json().getInteger("error_code")).isEqualTo(400);
        assertThat(response.error()).isEqualTo("widget.settings should be an object");
      }
    }
    assertThat(reports()).isEqualTo(before);
  }

  /** The list of fields is the same in every process (it came from a Map.of's random order). */
  @Test
  void an_unknown_sort_field_names_the_sortable_ones_in_alphabetical_order() {
    Response tasks = api.get(owner, Api.PREFIX + "/report_tasks?sort=owner_id");
    Response reports = api.get(owner, Api.PREFIX + "/reports?sort=-owner_id");

    assertThat(tasks.status()).isEqualTo(400);
    assertThat(tasks.json().getString("error"))
        .isEqualTo("sort accepts only these fields: created_at, interval, next_run_at, updated_at");
    assertThat(reports.status()).isEqualTo(400);
    assertThat(reports.json().getString("error"))
        .isEqualTo("sort accepts only these fields: created_at, name, updated_at");
  }

  /**
   * Sent over plain HTTP/1.1, as curl sends it: the shared test client offers an h2c upgrade on a
   * new connection, and whether this request opens one depends on the tests before it.
   */
  @Test
  void a_request_line_longer_than_the_server_reads_answers_414_with_the_json_error()
      throws Exception {
    HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response =
        http1.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:"
                            + server.port()
                            + Api.PREFIX
                            + "/reports?q="
                            + "a".repeat(8192)
                            + "&limit=1"))
                .header("Pgr-User-Id", owner.toString())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(414);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("URI Too Long");
    assertThat(body.getInteger("error_code")).isEqualTo(414);
  }

  @Test
  void request_headers_larger_than_the_server_reads_answer_431_with_the_json_error()
      throws Exception {
    HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> response =
        http1.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://localhost:" + server.port() + Api.PREFIX + "/reports?limit=1"))
                .header("Pgr-User-Id", owner.toString())
                .header("X-Padding", "b".repeat(16_384))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(431);
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("error")).isEqualTo("Request Header Fields Too Large");
    assertThat(body.getInteger("error_code")).isEqualTo(431);
  }

  private static String reports() {
    return TestDatabase.text(
        server.schema(),
        "SELECT count(*) || ' ' || coalesce(max(updated_at)::text, '') FROM reports");
  }
}
