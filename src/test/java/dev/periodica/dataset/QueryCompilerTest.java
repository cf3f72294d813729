package dev.periodica.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCompilerTest {
  private static final Dataset EVENTS =
      new Dataset(
          "events",
          "time",
          List.of(
              new Dataset.Field("time", FieldType.TIMESTAMP),
              new Dataset.Field("category", FieldType.TEXT),
              new Dataset.Field("severity", FieldType.NUMBER),
              new Dataset.Field("value", FieldType.NUMBER),
              new Dataset.Field("ok", FieldType.BOOLEAN)));
  private final QueryCompiler compiler = new QueryCompiler("datasets", 1000);

  private CompiledQuery compile(JsonObject query) {
    return compiler.compile(query, EVENTS, null, new JsonObject().put("cat", "db"));
  }

  private static JsonObject field(String name) {
    return new JsonObject().put("field", name);
  }

  @Test
  void an_aggregation_groups_by_the_plain_fields_and_binds_every_value() {
    CompiledQuery query =
        compiler.compile(
            new JsonObject()
                .put(
                    "fields",
                    new JsonArray()
                        .add(field("category"))
                        .add(
                            field("value")
                                .put("alias", "average")
                                .put("aggregation", new JsonObject().put("func", "avg"))))
                .put(
                    "filters",
                    new JsonArray()
                        .add(field("severity").put("operator", "gte").put("value", 3))
                        .add(field("category").put("operator", "is").put("value", "${cat}")))
                .put(
                    "order_by",
                    new JsonArray()
                        .add(new JsonObject().put("field", "average").put("direction", "desc")))
                .put("limit", 20),
            EVENTS,
            new Period(
                Instant.parse("2026-11-21T00:00:00Z"), Instant.parse("2026-11-22T00:00:00Z")),
            new JsonObject().put("cat", "db"));

    assertThat(query.sql())
        .isEqualTo(
            "SELECT \"category\" AS \"category\", avg(\"value\") AS \"average\""
                + " FROM \"datasets\".\"events\""
                + " WHERE \"time\" >= $1::text::timestamptz AND \"time\" < $2::text::timestamptz"
                + " AND \"severity\" >= $3::text::numeric AND \"category\" = $4::text::text"
                + " GROUP BY \"category\" ORDER BY \"average\" DESC LIMIT 20 OFFSET 0");
    assertThat(query.params())
        .containsExactly("2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z", "3", "db");
    assertThat(query.columns()).containsExactly("category", "average");
  }

  @Test
  void an_interval_buckets_the_time_field() {
    CompiledQuery query =
        compile(
            new JsonObject()
                .put("interval", "1h")
                .put(
                    "fields",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("aggregation", new JsonObject().put("func", "count")))));

    assertThat(query.sql())
        .contains("date_bin($1::text::interval, \"time\"")
        .contains("GROUP BY date_bin");
    assertThat(query.columns()).containsExactly("bucket", "count");
  }

  @Test
  void injection_through_names_operators_functions_and_aliases_is_refused() {
    List<JsonObject> attacks =
        List.of(
            new JsonObject()
                .put("fields", new JsonArray().add(field("category\"; DROP TABLE events; --"))),
            new JsonObject().put("fields", new JsonArray().add(field("pg_sleep(10)"))),
            new JsonObject()
                .put(
                    "fields",
                    new JsonArray()
                        .add(
                            field("value")
                                .put("aggregation", new JsonObject().put("func", "pg_sleep")))),
            new JsonObject()
                .put(
                    "fields",
                    new JsonArray().add(field("value").put("alias", "x\" FROM pg_shadow --"))),
            new JsonObject()
                .put(
                    "filters",
                    new JsonArray()
                        .add(
                            field("category")
                                .put("operator", "= 'a' OR 1=1 --")
                                .put("value", "a"))),
            new JsonObject()
                .put(
                    "filters",
                    new JsonArray()
                        .add(
                            field("severity")
                                .put("operator", "gt")
                                .put("value", "1; DROP TABLE events"))),
            new JsonObject()
                .put(
                    "order_by",
                    new JsonArray()
                        .add(
                            new JsonObject().put("field", "value").put("direction", "desc; DROP"))),
            new JsonObject().put("interval", "1h'); DROP TABLE events; --"),
            new JsonObject().put("limit", "10; DROP TABLE events"),
            new JsonObject()
                .put("filters", new JsonArray().add(field("category").put("value", "${missing}"))),
            new JsonObject().put("group_by", new JsonArray().add("public.users")));
    for (JsonObject attack : attacks) {
      assertThatThrownBy(() -> compile(attack)).as(attack.encode()).isInstanceOf(Invalid.class);
    }
  }

  @Test
  void values_are_never_spliced_into_the_sql() {
    String hostile = "x'); DROP TABLE events; SELECT pg_sleep(10); --";
    CompiledQuery query =
        compile(
            new JsonObject()
                .put(
                    "filters",
                    new JsonArray()
                        .add(field("category").put("operator", "contains").put("value", hostile))
                        .add(
                            field("category")
                                .put("operator", "in")
                                .put("value", new JsonArray().add(hostile)))));

    assertThat(query.sql()).doesNotContain("DROP").doesNotContain("pg_sleep");
    assertThat(query.params()).hasSize(2);
  }

  @Test
  void periods_resolve_relative_and_rounded_expressions() {
    Instant reference = Instant.parse("2026-11-22T15:45:00Z");

    Period day = Period.resolve(new JsonArray().add("now-1d").add("now"), reference);
    Period week = Period.resolve(new JsonArray().add("now-7d/d").add("now/d"), reference);
    Period absolute =
        Period.resolve(
            new JsonArray().add("2026-11-01T00:00:00Z").add("2026-11-02T00:00:00Z"), reference);

    assertThat(day.from()).isEqualTo(Instant.parse("2026-11-21T15:45:00Z"));
    assertThat(week.from()).isEqualTo(Instant.parse("2026-11-15T00:00:00Z"));
    assertThat(week.to()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
    assertThat(absolute.to()).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    assertThatThrownBy(() -> Period.resolve(new JsonArray().add("now").add("now-1d"), reference))
        .isInstanceOf(Invalid.class);
    assertThatThrownBy(() -> Period.resolve(new JsonArray().add("yesterday").add("now"), reference))
        .isInstanceOf(Invalid.class);
  }

  @Test
  void sum_needs_a_number_and_comparisons_an_ordered_field() {
    assertThatThrownBy(
            () ->
                compile(
                    new JsonObject()
                        .put(
                            "fields",
                            new JsonArray()
                                .add(
                                    field("category")
                                        .put("aggregation", new JsonObject().put("func", "sum"))))))
        .hasMessage("sum needs a number field, and category is not one");
    assertThatThrownBy(
            () ->
                compile(
                    new JsonObject()
                        .put(
                            "filters",
                            new JsonArray()
                                .add(field("ok").put("operator", "gt").put("value", true)))))
        .hasMessage("comparisons need an ordered field, and ok is boolean");
  }
}
