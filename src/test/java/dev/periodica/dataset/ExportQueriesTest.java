package dev.periodica.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Export statements: the export row cap and byte budget instead of a series', one row past the cap
 * read so that passing it can fail the export instead of cutting it short.
 */
class ExportQueriesTest {
  private static final Dataset EVENTS =
      new Dataset(
          "events",
          "time",
          List.of(
              new Dataset.Field("time", FieldType.TIMESTAMP),
              new Dataset.Field("host", FieldType.TEXT)));
  private static final Instant FIRE = Instant.parse("2026-11-21T12:00:00Z");

  private static DatasetAccess access(Optional<String> rawSqlRefusal) {
    return new DatasetAccess(
        null,
        new QueryCompiler("datasets", 1000),
        null,
        1000,
        rawSqlRefusal,
        null,
        new ExportLimits(5_000_000, 3L * 1024 * 1024 * 1024));
  }

  private static final DatasetAccess ACCESS = access(Optional.empty());

  @Test
  void a_structured_export_without_a_limit_reads_one_row_past_the_export_cap() {
    CompiledQuery query =
        ACCESS.structuredExport(
            new JsonObject().put("dataset", "events"),
            EVENTS,
            new JsonArray().add("now-1d").add("now"),
            FIRE,
            new JsonObject());

    assertThat(query.sql()).endsWith(" LIMIT 5000001 OFFSET 0");
    assertThat(query.params()).containsExactly("2026-11-20T12:00:00Z", "2026-11-21T12:00:00Z");
    assertThat(query.columns()).containsExactly("time", "host");
  }

  @Test
  void a_structured_export_may_ask_for_up_to_the_export_cap_but_no_more() {
    JsonObject query = new JsonObject().put("dataset", "events").put("limit", 5_000_000);

    assertThat(ACCESS.structuredExport(query, EVENTS, null, FIRE, new JsonObject()).sql())
        .endsWith(" LIMIT 5000000 OFFSET 0");
    assertThatThrownBy(
            () ->
                ACCESS.structuredExport(
                    query.copy().put("limit", 5_000_001), EVENTS, null, FIRE, new JsonObject()))
        .isInstanceOf(Invalid.class)
        .hasMessage("query limit should be an integer from 1 to 5000000");
    // the series compiler keeps its own cap
    assertThatThrownBy(() -> ACCESS.structured(query, EVENTS, null, FIRE, new JsonObject()))
        .hasMessage("query limit should be an integer from 1 to 1000");
  }

  @Test
  void a_raw_export_reads_one_row_past_the_cap_and_bounds_each_row_not_the_whole() {
    CompiledQuery query =
        ACCESS.rawExport(
            "SELECT host FROM events WHERE time >= ${period_start} AND host = ${host}",
            new JsonArray().add("now-1h").add("now"),
            FIRE,
            new JsonObject().put("host", "db-1"));

    assertThat(query.sql())
        .contains("LIMIT 5000001")
        .contains("pg_column_size(series.*) AS")
        .contains("> 67108864")
        .contains("a row of the result passed 64 MiB")
        .doesNotContain("OVER")
        .contains("WHERE time >= $1 AND host = $2");
    assertThat(query.params()).hasSize(2).element(1).isEqualTo("db-1");
    assertThat(query.internalColumns()).containsExactly(RawSql.BYTES_COLUMN);
  }

  @Test
  void a_raw_export_on_a_server_that_refuses_raw_sql_is_refused_with_the_reason() {
    DatasetAccess refusing = access(Optional.of("raw sql series are disabled on this server"));

    assertThatThrownBy(() -> refusing.rawExport("SELECT 1", null, FIRE, new JsonObject()))
        .isInstanceOf(Invalid.class)
        .hasMessage("raw sql series are disabled on this server");
  }

  @Test
  void a_raw_export_keeps_the_raw_sql_rules() {
    assertThatThrownBy(() -> ACCESS.rawExport("DELETE FROM events", null, FIRE, new JsonObject()))
        .isInstanceOf(Invalid.class)
        .hasMessage("sql should start with SELECT or WITH");
  }
}
