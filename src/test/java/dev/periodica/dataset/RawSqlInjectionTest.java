package dev.periodica.dataset;

import static dev.periodica.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import dev.periodica.config.DatabaseUrl;
import dev.periodica.store.PgDatasetReaderRole;
import dev.periodica.store.PgQueryRunner;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw SQL series run as the reader role the server creates, through one pooled connection (so what
 * one query could leave behind would meet the next): hostile statements are refused or harmless.
 */
class RawSqlInjectionTest {
  private static final int ROW_CAP = 500;
  private static TestServer server;
  private static Vertx vertx;
  private static Pool admin;
  private static Pool reader;
  private static String datasets;
  private static QueryRunner runner;

  @BeforeAll
  static void start() throws Exception {
    String schema = TestServer.newSchema();
    datasets = schema + "_ds";
    server =
        TestServer.start(
            new JsonObject().put("DB_SCHEMA", schema).put("DATASETS_SCHEMA", datasets));
    TestDatabase.execute(
        schema,
        """
        CREATE SCHEMA IF NOT EXISTS %1$s;
        CREATE TABLE %1$s.events (time timestamptz NOT NULL, category text, host text, value int);
        INSERT INTO %1$s.events
        SELECT timestamptz '2026-11-21 00:00:00+00' + i * interval '1 minute',
               (ARRAY['db', 'web', 'cache'])[1 + i %% 3], 'host-' || (i %% 4), i
        FROM generate_series(0, 1439) AS i;
        """
            .formatted(datasets));
    vertx = Vertx.vertx();
    admin = TestPool.open(vertx, schema);
    String password =
        await(new PgDatasetReaderRole(admin, "periodica_reader", datasets).provision());
    DatabaseUrl url = TestDatabase.url();
    reader =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(1))
            .connectingTo(
                new PgConnectOptions()
                    .setHost(url.host())
                    .setPort(url.port())
                    .setDatabase(url.database())
                    .setUser("periodica_reader")
                    .setPassword(password)
                    .setProperties(Map.of("search_path", datasets)))
            .using(vertx)
            .build();
    runner = new PgQueryRunner(reader, 1500);
  }

  @AfterAll
  static void stop() throws Exception {
    TestDatabase.execute(server.schema(), "DROP SCHEMA " + datasets + " CASCADE");
    vertx.close();
    server.close();
  }

  private static QueryRows raw(String sql, JsonObject constants) throws Exception {
    Period day =
        new Period(Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-21T12:00:00Z"));
    return await(runner.run(RawSql.compile(sql, day, constants, ROW_CAP)));
  }

  private static QueryRows raw(String sql) throws Exception {
    return raw(sql, new JsonObject());
  }

  /** Bypasses the text rules, to prove the database itself refuses. */
  private static QueryRows unchecked(String sql) throws Exception {
    return await(runner.run(new CompiledQuery(sql, List.of(), List.of())));
  }

  private static long events() {
    return TestDatabase.count(server.schema(), "SELECT count(*) FROM " + datasets + ".events");
  }

  @Test
  void a_select_reads_the_datasets_with_columns_in_order() throws Exception {
    QueryRows rows =
        raw(
            "SELECT category, count(*) AS n FROM events"
                + " WHERE time >= ${period_start} AND time < ${period_end}"
                + " GROUP BY category ORDER BY category");

    assertThat(rows.columns()).containsExactly("category", "n");
    assertThat(rows.rows())
        .extracting(row -> row.getString("category") + "=" + row.getLong("n"))
        .containsExactly("cache=240", "db=240", "web=240");
  }

  @Test
  void with_statements_run_and_rows_stop_at_the_cap() throws Exception {
    QueryRows rows =
        raw("WITH numbers AS (SELECT generate_series(1, 100000) AS n) SELECT n FROM numbers");

    assertThat(rows.rows()).hasSize(ROW_CAP);
  }

  @Test
  void task_constants_are_bound_never_spliced() throws Exception {
    String sql = "SELECT count(*) AS n FROM events WHERE host = ${host}";

    assertThat(raw(sql, new JsonObject().put("host", "host-1")).rows().get(0).getLong("n"))
        .isEqualTo(360);
    assertThat(
            raw(sql, new JsonObject().put("host", "host-1' OR '1'='1")).rows().get(0).getLong("n"))
        .isZero();
    assertThat(raw(sql, new JsonObject().put("host", "x'; DROP TABLE events; --")).rows())
        .hasSize(1);
    assertThat(events()).isEqualTo(1440);
    assertThatThrownBy(() -> raw(sql, new JsonObject()))
        .isInstanceOf(Invalid.class)
        .hasMessage("the task has no parameter host");
  }

  @Test
  void second_statements_comments_and_writes_are_refused() {
    assertThatThrownBy(() -> raw("SELECT 1; DROP TABLE events"))
        .hasMessage("sql should be a single statement");
    assertThatThrownBy(() -> raw("SELECT 1 -- DROP TABLE events"))
        .hasMessage("sql should not contain comments");
    assertThatThrownBy(() -> raw("DELETE FROM events"))
        .hasMessage("sql should start with SELECT or WITH");
    assertThatThrownBy(
            () -> raw("WITH gone AS (DELETE FROM events RETURNING 1) SELECT count(*) FROM gone"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("data-modifying statement");
    assertThatThrownBy(() -> raw("SELECT * FROM events WHERE value = $1"))
        .hasMessage("sql should name its parameters as ${key}, not $1");
    assertThat(events()).isEqualTo(1440);
  }

  @Test
  void quoted_text_may_hold_anything_and_keywords_are_no_trouble() throws Exception {
    QueryRows rows =
        raw(
            "SELECT 1 AS last_update, 'insert, update; delete' AS action, 'a -- b /* c */' AS note,"
                + " '$5 off' AS price, $q$it's ; here$q$ AS dollar, E'it\\'s' AS escaped,"
                + " '${host}' AS literal, \"semi;colon\" FROM (SELECT 1 AS \"semi;colon\") t",
            new JsonObject().put("host", "host-1"));

    assertThat(rows.columns())
        .containsExactly(
            "last_update", "action", "note", "price", "dollar", "escaped", "literal", "semi;colon");
    JsonObject row = rows.rows().get(0);
    assertThat(row.getString("action")).isEqualTo("insert, update; delete");
    assertThat(row.getString("note")).isEqualTo("a -- b /* c */");
    assertThat(row.getString("price")).isEqualTo("$5 off");
    assertThat(row.getString("dollar")).isEqualTo("it's ; here");
    assertThat(row.getString("escaped")).isEqualTo("it's");
    assertThat(row.getString("literal")).isEqualTo("${host}");
    assertThat(raw("(SELECT 1 AS n) UNION ALL (SELECT 2)").rows()).hasSize(2);
    assertThat(raw("VALUES (1), (2), (3)").rows()).hasSize(3);
  }

  @Test
  void a_result_larger_than_the_byte_budget_stops_before_it_reaches_the_client() {
    // building 70 MB takes the database a second or two here: a patient runner
    QueryRunner patient = new PgQueryRunner(reader, 20_000);
    assertThatThrownBy(
            () ->
                await(
                    patient.run(
                        RawSql.compile(
                            "SELECT repeat('x', 70000000) AS big", null, new JsonObject(), 10))))
        .isInstanceOf(Invalid.class)
        .hasMessage("the result passed 64 MiB (70000028 bytes)");
    assertThatThrownBy(
            () ->
                await(
                    patient.run(
                        RawSql.compile(
                            "SELECT repeat('x', 200000) AS chunk FROM generate_series(1, 1000)",
                            null,
                            new JsonObject(),
                            ROW_CAP))))
        .isInstanceOf(Invalid.class)
        .hasMessageStartingWith("the result passed 64 MiB (");
  }

  @Test
  void the_database_refuses_writes_even_past_the_text_rules() throws Exception {
    assertThatThrownBy(
            () ->
                unchecked(
                    "WITH gone AS (DELETE FROM events RETURNING 1) SELECT count(*) FROM gone"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("read-only transaction");
    assertThatThrownBy(() -> unchecked("SELECT * INTO stolen FROM events"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("read-only transaction");
    assertThat(events()).isEqualTo(1440);
    assertThat(
            TestDatabase.count(
                server.schema(), "SELECT count(*) FROM pg_tables WHERE tablename = 'stolen'"))
        .isZero();
  }

  @Test
  void other_schemas_and_server_files_are_out_of_reach() {
    assertThatThrownBy(() -> raw("SELECT * FROM " + server.schema() + ".runs"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("permission denied");
    assertThatThrownBy(
            () -> raw("SELECT password FROM " + server.schema() + ".dataset_reader_credentials"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> raw("SELECT pg_read_file('/etc/passwd') AS secret"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> raw("SELECT rolpassword FROM pg_authid"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("permission denied");
  }

  @Test
  void the_role_cannot_switch_to_a_stronger_one() {
    assertThatThrownBy(() -> raw("SELECT set_config('role', 'postgres', true) AS role"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("permission denied");
    assertThatThrownBy(() -> raw("SELECT set_config('session_authorization', 'postgres', true)"))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("permission denied");
  }

  @Test
  void a_slow_query_is_stopped_by_the_statement_timeout() {
    assertThatThrownBy(() -> raw("SELECT pg_sleep(30) AS slept"))
        .isInstanceOf(Invalid.class)
        .hasMessage("the query took longer than 1500 ms");
  }

  @Test
  void nothing_a_query_sets_outlives_it() throws Exception {
    raw(
        "SELECT set_config('search_path', 'pg_catalog', false) AS path,"
            + " set_config('statement_timeout', '0', false) AS timeout,"
            + " pg_advisory_lock(4242) AS locked");

    // the same (only) pooled connection: settings rolled back, the session lock released
    assertThat(raw("SELECT current_setting('search_path') AS path").rows().get(0).getString("path"))
        .isEqualTo(datasets);
    assertThat(raw("SELECT count(*) AS n FROM events").rows().get(0).getLong("n")).isEqualTo(1440);
    assertThat(
            TestDatabase.count(
                server.schema(), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
        .isZero();
  }

  @Test
  void a_failed_query_leaves_no_lock_behind_either() throws Exception {
    assertThatThrownBy(() -> raw("SELECT pg_advisory_lock(4243) AS locked, pg_sleep(5) AS slept"))
        .hasMessage("the query took longer than 1500 ms");

    assertThat(
            TestDatabase.count(
                server.schema(), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"))
        .isZero();
  }

  @Test
  void checking_statements_leaves_no_prepared_statements_behind() throws Exception {
    String padding = "x".repeat(2100); // past the client's statement cache limit
    for (int i = 0; i < 30; i++) {
      await(
          runner.check(
              RawSql.compile(
                  "SELECT host AS h" + i + ", '" + padding + "' AS p FROM events",
                  null,
                  null,
                  10)));
    }

    assertThat(raw("SELECT count(*) AS n FROM pg_prepared_statements").rows().get(0).getLong("n"))
        .isLessThan(5);
  }

  @Test
  void saving_checks_the_statement_with_the_database() throws Exception {
    await(
        runner.check(
            RawSql.compile("SELECT host FROM events WHERE value > ${min}", null, null, 10)));
    assertThatThrownBy(
            () -> await(runner.check(RawSql.compile("SELECT hots FROM events", null, null, 10))))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("column \"hots\" does not exist");
    assertThatThrownBy(
            () -> await(runner.check(RawSql.compile("SELECT * FROM nowhere", null, null, 10))))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("relation \"nowhere\" does not exist");
    assertThatThrownBy(
            () -> await(runner.check(RawSql.compile("SELECT FROM WHERE", null, null, 10))))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("syntax error");
  }

  @Test
  void the_reader_role_may_not_create_or_write_anything() {
    assertThat(
            TestDatabase.text(
                server.schema(),
                """
                SELECT rolsuper::text || rolcreaterole::text || rolcreatedb::text
                       || rolbypassrls::text || rolreplication::text || rolinherit::text
                       || EXISTS (SELECT 1 FROM pg_auth_members WHERE member = r.oid)::text
                       || has_schema_privilege('periodica_reader', '%1$s', 'USAGE')::text
                       || has_table_privilege('periodica_reader', '%1$s.runs', 'SELECT')::text
                       || has_table_privilege('periodica_reader', '%2$s.events', 'INSERT')::text
                       || has_table_privilege('periodica_reader', '%2$s.events', 'SELECT')::text
                       || shobj_description(r.oid, 'pg_authid')
                       || (SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting
                           WHERE setrole = r.oid AND setdatabase = 0)
                FROM pg_roles r WHERE rolname = 'periodica_reader'
                """
                    .formatted(server.schema(), datasets)))
        .isEqualTo(
            "falsefalsefalse"
                + "falsefalsefalsefalse"
                + "falsefalsefalsetrue"
                + "periodica dataset reader"
                + "default_transaction_read_only=on");
  }

  @Test
  void a_period_placeholder_without_a_period_is_explained() {
    assertThatThrownBy(
            () ->
                RawSql.compile(
                    "SELECT * FROM events WHERE time > ${period_start}",
                    null,
                    new JsonObject(),
                    10))
        .hasMessage("${period_start} needs a period on the series or the report");
    assertThatThrownBy(
            () ->
                RawSql.compile(
                    "SELECT * FROM events WHERE host = ${h}",
                    null,
                    new JsonObject().put("h", new JsonArray()),
                    10))
        .hasMessage("the task parameter h should be text, a number or a boolean");
  }
}
