package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Datasets over HTTP, and widget and report queries checked when they are saved. */
class DatasetsApiTest {
  private static TestServer server;
  private static Api api;
  private static String datasets;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    String schema = TestServer.newSchema();
    datasets = schema + "_ds";
    server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", datasets));
    TestDatabase.execute(
        schema,
        "CREATE SCHEMA IF NOT EXISTS "
            + datasets
            + ";"
            + " CREATE TABLE "
            + datasets
            + ".events (time timestamptz, category text, value numeric, tags jsonb)");
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + datasets + " CASCADE");
    server.close();
  }

  @Test
  void datasets_are_listed_and_described() {
    JsonObject events = api.get(owner, Api.PREFIX + "/datasets/events").json();

    assertThat(api.get(owner, Api.PREFIX + "/datasets").json().getJsonArray("items")).hasSize(1);
    assertThat(events.getString("time_field")).isEqualTo("time");
    assertThat(events.getJsonArray("fields").stream().map(f -> ((JsonObject) f).getString("type")))
        .containsExactly("timestamp", "text", "number");
    assertThat(api.get(owner, Api.PREFIX + "/datasets/reports").error())
        .isEqualTo("dataset not found");
  }

  private Response widget(JsonObject series) {
    String dashboard = new Fixtures(api).dashboard(owner, "board");
    return api.post(
        owner,
        Api.PREFIX + "/widgets/create",
        new JsonObject()
            .put("name", "w")
            .put("dashboard_id", dashboard)
            .put("config", new JsonObject().put("series", new JsonArray().add(series))));
  }

  @Test
  void a_widget_query_is_checked_when_saved() {
    JsonObject good =
        new JsonObject()
            .put("period", new JsonArray().add("now-1d").add("now"))
            .put(
                "query",
                new JsonObject()
                    .put("dataset", "events")
                    .put("interval", "1h")
                    .put(
                        "fields",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("field", "value")
                                    .put("aggregation", new JsonObject().put("func", "sum"))))
                    .put(
                        "filters",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("field", "category")
                                    .put("value", "${category}"))));

    assertThat(widget(good).status()).isEqualTo(201);
    assertThat(
            widget(new JsonObject().put("query", new JsonObject().put("dataset", "nope"))).error())
        .isEqualTo("series 1: dataset nope does not exist");
    assertThat(
            widget(
                    new JsonObject()
                        .put(
                            "query",
                            new JsonObject()
                                .put("dataset", "events")
                                .put(
                                    "fields",
                                    new JsonArray()
                                        .add(new JsonObject().put("field", "password")))))
                .error())
        .isEqualTo("series 1: dataset events has no field password");
    assertThat(widget(new JsonObject().put("sql", "SELECT 1; DROP TABLE events")).error())
        .isEqualTo("series 1: sql should be a single statement");
    assertThat(widget(new JsonObject().put("sql", "DELETE FROM events")).error())
        .isEqualTo("series 1: sql should start with SELECT or WITH");
    assertThat(
            widget(new JsonObject().put("period", new JsonArray().add("soon").add("now"))).error())
        .startsWith("series 1: period has an unreadable time");
  }

  @Test
  void report_pages_need_visible_widgets_and_sound_inline_queries() {
    Response missing =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject()
                .put("name", "r")
                .put(
                    "config",
                    new JsonObject()
                        .put(
                            "pages",
                            new JsonArray()
                                .add(
                                    new JsonArray()
                                        .add(
                                            new JsonObject()
                                                .put(
                                                    "widget_id", UUID.randomUUID().toString()))))));
    JsonObject badSeries =
        new JsonObject().put("query", new JsonObject().put("dataset", "events").put("limit", 0));
    JsonObject placement =
        new JsonObject()
            .put("widget", new JsonObject().put("series", new JsonArray().add(badSeries)));
    JsonObject pages =
        new JsonObject().put("pages", new JsonArray().add(new JsonArray().add(placement)));
    Response inline =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject().put("name", "r").put("config", pages));

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("widget not found");
    assertThat(inline.status()).isEqualTo(400);
    assertThat(inline.error()).startsWith("series 1: query limit should be an integer from 1 to");
  }
}
