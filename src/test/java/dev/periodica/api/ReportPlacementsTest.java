package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A report's widget placements are bounded and checked together: saving many placements of widgets
 * runs one statement for all of them, and so does reading them when the report runs.
 */
class ReportPlacementsTest {
  private static TestServer server;
  private static Api api;
  private static String datasets;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    // background chores slowed down, so what the SQL pool does is what the requests ask for
    String schema = TestServer.newSchema();
    datasets = schema + "_ds";
    server =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", datasets)
                .put("SCHEDULER_TICK_MS", 60_000)
                .put("WORKER_POLL_MS", 60_000)
                .put("HOUSEKEEPING_SECONDS", 3600)
                .put("HEARTBEAT_SECONDS", 3600)
                .put("PINNED_GIVE_UP_SECONDS", 86_400)
                .put("RETENTION_SWEEP_SECONDS", 86_400));
    TestDatabase.execute(
        schema,
        "CREATE SCHEMA IF NOT EXISTS "
            + datasets
            + "; CREATE TABLE "
            + datasets
            + ".events (time timestamptz, category text, value numeric)");
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + datasets + " CASCADE");
    server.close();
  }

  @Test
  void a_report_with_2001_placements_answers_400_naming_the_limit() {
    JsonArray widgets = widgets(owner, 3);

    Response created = api.post(owner, Api.PREFIX + "/reports/create", report(widgets, 2001));

    assertThat(created.status()).isEqualTo(400);
    assertThat(created.error())
        .isEqualTo("config.pages should hold at most 2000 widget placements in all");
  }

  @Test
  void a_report_with_2000_widget_placements_is_checked_in_a_few_statements() {
    JsonArray widgets = widgets(owner, 20);
    long before = server.poolUses();

    Response created = api.post(owner, Api.PREFIX + "/reports/create", report(widgets, 2000));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(server.poolUses() - before).isLessThanOrEqualTo(10);
  }

  @Test
  void inline_widgets_look_each_dataset_up_once_and_plan_each_sql_text_once() {
    JsonObject query =
        new JsonObject()
            .put("dataset", "events")
            .put("fields", new JsonArray().add(new JsonObject().put("field", "value")));
    JsonArray page = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      JsonObject series =
          i % 2 == 0
              ? new JsonObject().put("query", query)
              : new JsonObject().put("sql", "SELECT category, value FROM events");
      page.add(
          new JsonObject()
              .put(
                  "widget",
                  new JsonObject()
                      .put("name", "inline " + i)
                      .put("series", new JsonArray().add(series))));
    }
    long before = server.poolUses("periodica-datasets");

    Response created =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject()
                .put("name", "inline widgets")
                .put("config", new JsonObject().put("pages", new JsonArray().add(page))));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(server.poolUses("periodica-datasets") - before).isLessThanOrEqualTo(10);
  }

  @Test
  void a_widget_the_caller_does_not_see_among_many_placements_answers_404() {
    JsonArray widgets = widgets(owner, 5);
    widgets.add(widgets(UUID.randomUUID(), 1).getString(0));

    Response created = api.post(owner, Api.PREFIX + "/reports/create", report(widgets, 1000));

    assertThat(created.status()).isEqualTo(404);
    assertThat(created.error()).isEqualTo("widget not found");
  }

  @Test
  void a_run_of_a_report_with_1000_widget_placements_reads_them_in_one_statement()
      throws Exception {
    String report =
        api.post(owner, Api.PREFIX + "/reports/create", report(widgets(owner, 10), 1000)).id();
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("params", new JsonObject().put("format", "json")))
            .id();
    long before = server.poolUses();

    long run =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonObject finished = Runs.awaitFinished(api, owner, run);

    assertThat(finished.getString("status")).as(finished.encode()).isEqualTo("complete");
    // claim, progress, file, outcome and this test's polling, but not a statement per widget
    assertThat(server.poolUses() - before).isLessThan(200);
  }

  private JsonArray widgets(UUID user, int count) {
    String dashboard = new Fixtures(api).dashboard(user, "board");
    JsonArray ids = new JsonArray();
    for (int i = 0; i < count; i++) {
      Response widget =
          api.post(
              user,
              Api.PREFIX + "/widgets/create",
              new JsonObject().put("name", "w" + i).put("dashboard_id", dashboard));
      assertThat(widget.status()).as(widget.toString()).isEqualTo(201);
      ids.add(widget.id());
    }
    return ids;
  }

  /** A report whose pages of 100 placements use {@code widgets} in turn, {@code count} in all. */
  private static JsonObject report(JsonArray widgets, int count) {
    JsonArray pages = new JsonArray();
    for (int i = 0; i < count; i++) {
      if (i % 100 == 0) {
        pages.add(new JsonArray());
      }
      pages
          .getJsonArray(pages.size() - 1)
          .add(new JsonObject().put("widget_id", widgets.getString(i % widgets.size())));
    }
    return new JsonObject()
        .put("name", "many widgets")
        .put("config", new JsonObject().put("pages", pages));
  }
}
