package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.config.DatabaseUrl;
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
 * Datasets in a database of their own ({@code DATASETS_PG_URL}), read with the operator's read-only
 * login; a superuser login there is not lent to raw SQL.
 */
class SeparateDatasetsDatabaseTest {
  private static String name;
  private static TestServer server;
  private static TestServer superuserServer;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    name = TestServer.newSchema() + "_data";
    TestDatabase.execute("public", "CREATE DATABASE " + name);
    TestDatabase.execute("public", "CREATE ROLE " + name + "_ro LOGIN");
    // not a superuser itself, but a member of one: it could SET ROLE postgres inside a query
    TestDatabase.execute("public", "CREATE ROLE " + name + "_member LOGIN IN ROLE postgres");
    TestDatabase.executeIn(
        name,
        """
        CREATE SCHEMA sales;
        CREATE TABLE sales.orders (created_at timestamptz, region text, amount numeric);
        INSERT INTO sales.orders
        SELECT now() - i * interval '1 hour', (ARRAY['north', 'south'])[1 + i %% 2], i
        FROM generate_series(1, 10) AS i;
        GRANT USAGE ON SCHEMA sales TO %1$s_ro;
        GRANT SELECT ON ALL TABLES IN SCHEMA sales TO %1$s_ro;
        """
            .formatted(name));
    DatabaseUrl db = TestDatabase.url();
    String readOnly = "postgresql://" + name + "_ro@" + db.host() + ":" + db.port() + "/" + name;
    server =
        TestServer.start(
            new JsonObject()
                .put("DATASETS_PG_URL", readOnly)
                .put("DATASETS_SCHEMA", "sales")
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100));
    String member = "postgresql://" + name + "_member@" + db.host() + ":" + db.port() + "/" + name;
    superuserServer =
        TestServer.start(
            new JsonObject().put("DATASETS_PG_URL", member).put("DATASETS_SCHEMA", "sales"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    superuserServer.close();
    TestDatabase.execute("public", "DROP DATABASE " + name + " WITH (FORCE)");
    TestDatabase.execute("public", "DROP ROLE " + name + "_ro");
    TestDatabase.execute("public", "DROP ROLE " + name + "_member");
  }

  private static JsonObject report(String sql) {
    JsonObject widget =
        new JsonObject()
            .put("name", "Orders")
            .put(
                "series",
                new JsonArray().add(new JsonObject().put("name", "by region").put("sql", sql)));
    return new JsonObject()
        .put("name", "Sales")
        .put(
            "config",
            new JsonObject()
                .put(
                    "pages",
                    new JsonArray()
                        .add(new JsonArray().add(new JsonObject().put("widget", widget)))));
  }

  @Test
  void datasets_and_raw_sql_come_from_the_other_database() throws Exception {
    Api api = server.api();
    JsonObject orders = api.get(owner, Api.PREFIX + "/datasets/orders").json();
    assertThat(orders.getString("time_field")).isEqualTo("created_at");

    String reportId =
        new Fixtures(api)
            .report(
                owner,
                report(
                    "SELECT region, sum(amount) AS total, current_user AS login FROM orders"
                        + " GROUP BY region ORDER BY region"));
    String task =
        api.post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(reportId)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("params", new JsonObject().put("format", "csv")))
            .id();
    long id =
        api.post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonObject run = Runs.awaitFinished(api, owner, id);

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(api.get(owner, Api.PREFIX + "/report_queue/" + id + "/file").body())
        .isEqualTo(
            "page,widget,series,region,total,login\r\n"
                + "1,Orders,by region,north,30,"
                + name
                + "_ro\r\n"
                + "1,Orders,by region,south,25,"
                + name
                + "_ro\r\n");
  }

  @Test
  void a_login_that_may_become_a_superuser_is_not_lent_to_raw_sql() {
    Api api = superuserServer.api();

    Response refused =
        api.post(owner, Api.PREFIX + "/reports/create", report("SELECT region FROM orders"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error())
        .isEqualTo(
            "series 1: raw sql series are disabled on this server: DATASETS_PG_URL logs in as a"
                + " role that may do more than read (a superuser, or a member of one or of"
                + " pg_read_server_files and the like); give it a login that may only read");
    assertThat(api.get(owner, Api.PREFIX + "/datasets/orders").status()).isEqualTo(200);
  }

  @Test
  void a_datasets_database_that_cannot_be_reached_stops_the_start() {
    DatabaseUrl db = TestDatabase.url();
    String missing = "postgresql://postgres@" + db.host() + ":" + db.port() + "/" + name + "_none";

    assertThatThrownBy(
            () ->
                TestServer.start(
                    new JsonObject()
                        .put("DATASETS_PG_URL", missing)
                        .put("DATASETS_SCHEMA", "sales")))
        .hasStackTraceContaining("DATASETS_PG_URL " + missing + " cannot be used: ")
        .hasStackTraceContaining("does not exist");
  }
}
