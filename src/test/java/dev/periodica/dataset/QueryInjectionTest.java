package dev.periodica.dataset;

import static dev.periodica.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import dev.periodica.store.PgDatasetCatalog;
import dev.periodica.store.PgQueryRunner;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compiled queries on real PostgreSQL: right answers, and hostile input stays harmless. */
class QueryInjectionTest {
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private static String datasets;
  private static Dataset events;
  private static QueryCompiler compiler;
  private static QueryRunner runner;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    datasets = server.schema() + "_ds";
    TestDatabase.execute(
        server.schema(),
        """
        CREATE SCHEMA IF NOT EXISTS %1$s;
        CREATE TABLE %1$s.events (time timestamptz NOT NULL, category text, severity int,
                                  host text, value numeric, ok boolean);
        INSERT INTO %1$s.events
        SELECT timestamptz '2026-11-21 00:00:00+00' + i * interval '1 minute',
               (ARRAY['db', 'web', 'cache'])[1 + i %% 3], i %% 5, 'host-' || (i %% 4), i, i %% 2 = 0
        FROM generate_series(0, 1439) AS i;
        """
            .formatted(datasets));
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
    events = await(new PgDatasetCatalog(pool, datasets).find("events")).orElseThrow();
    compiler = new QueryCompiler(datasets, 10_000);
    runner = new PgQueryRunner(pool, 2000);
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + datasets + " CASCADE");
    vertx.close();
    server.close();
  }

  private static List<JsonObject> run(JsonObject query) throws Exception {
    return await(
            runner.run(
                compiler.compile(query, events, null, new JsonObject().put("host", "host-1"))))
        .rows();
  }

  @Test
  void the_catalog_describes_fields_and_the_time_field() {
    assertThat(events.timeField()).isEqualTo("time");
    assertThat(events.fields())
        .extracting(Dataset.Field::name)
        .containsExactly("time", "category", "severity", "host", "value", "ok");
    assertThat(events.field("value").orElseThrow().type()).isEqualTo(FieldType.NUMBER);
  }

  @Test
  void grouped_counts_and_buckets_are_right() throws Exception {
    List<JsonObject> byCategory =
        run(
            new JsonObject()
                .put(
                    "fields",
                    new JsonArray()
                        .add(new JsonObject().put("field", "category"))
                        .add(
                            new JsonObject()
                                .put("alias", "n")
                                .put("aggregation", new JsonObject().put("func", "count"))))
                .put("order_by", new JsonArray().add(new JsonObject().put("field", "category"))));
    List<JsonObject> hourly =
        await(
                runner.run(
                    compiler.compile(
                        new JsonObject()
                            .put("interval", "1h")
                            .put(
                                "fields",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("alias", "n")
                                            .put(
                                                "aggregation",
                                                new JsonObject().put("func", "count")))),
                        events,
                        Period.resolve(
                            new JsonArray().add("now-1d/d").add("now/d"),
                            Instant.parse("2026-11-22T10:00:00Z")),
                        null)))
            .rows();

    assertThat(byCategory)
        .extracting(row -> row.getString("category"))
        .containsExactly("cache", "db", "web");
    assertThat(byCategory).allSatisfy(row -> assertThat(row.getLong("n")).isEqualTo(480));
    assertThat(hourly).hasSize(24).allSatisfy(row -> assertThat(row.getLong("n")).isEqualTo(60));
  }

  @Test
  void hostile_values_and_constants_only_ever_filter() throws Exception {
    List<JsonObject> hostile =
        run(
            new JsonObject()
                .put(
                    "filters",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("field", "category")
                                .put("value", "db'; DROP TABLE events; --"))
                        .add(
                            new JsonObject()
                                .put("field", "host")
                                .put("operator", "contains")
                                .put("value", "%' OR '1'='1"))));
    List<JsonObject> constant =
        run(
            new JsonObject()
                .put(
                    "fields",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("alias", "n")
                                .put("aggregation", new JsonObject().put("func", "count"))))
                .put(
                    "filters",
                    new JsonArray()
                        .add(new JsonObject().put("field", "host").put("value", "${host}"))));

    assertThat(hostile).isEmpty();
    assertThat(constant.get(0).getLong("n")).isEqualTo(360);
    assertThat(TestDatabase.count(server.schema(), "SELECT count(*) FROM " + datasets + ".events"))
        .isEqualTo(1440);
  }

  @Test
  void queries_run_read_only_and_time_out() throws Exception {
    CompiledQuery write =
        new CompiledQuery("DELETE FROM " + datasets + ".events RETURNING 1", List.of(), List.of());
    CompiledQuery slow = new CompiledQuery("SELECT pg_sleep(5)", List.of(), List.of());

    assertThatThrownBy(() -> await(runner.run(write))).hasMessageContaining("read-only");
    assertThatThrownBy(() -> await(runner.run(slow)))
        .isInstanceOf(Invalid.class)
        .hasMessage("the query took longer than 2000 ms");
    assertThat(TestDatabase.count(server.schema(), "SELECT count(*) FROM " + datasets + ".events"))
        .isEqualTo(1440);
  }

  @Test
  void the_catalog_never_offers_tables_of_other_schemas() throws Exception {
    assertThat(await(new PgDatasetCatalog(pool, datasets).find("reports"))).isEmpty();
    assertThat(await(new PgDatasetCatalog(pool, datasets).all()))
        .extracting(Dataset::name)
        .containsExactly("events");
  }
}
