package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.ScheduleArbitraries;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
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
 * Schedules and timestamps at the extremes over HTTP: cron strings built from edge values of every
 * field, {@code @at}, {@code start_at} and {@code stop_at} across the whole {@link OffsetDateTime}
 * range with ±18:00 offsets, odd time zones and extreme preview counts, thrown at the schedule
 * preview and at task create and patch. The server never answers 500, an error has the house shape,
 * and a refused request leaves the tasks as they were.
 */
class ScheduleApiProperties {
  private static final UUID OWNER = UUID.randomUUID();

  /** What a create or patch writes; the scheduler's own columns are left out. */
  private static final String TASKS =
      """
      SELECT count(*) || ' ' || coalesce(md5(string_agg(
        concat_ws('|', id, interval, timezone, start_at, stop_at, enabled, params, updated_at),
        ',' ORDER BY id)), '')
      FROM report_tasks
      """;

  private static TestServer server;
  private static Api api;
  private static String report;
  private static String task;

  @BeforeContainer
  static void start() {
    // the scheduler rarely ticks, and the snapshot leaves out the columns it writes
    server = TestServer.start(new JsonObject().put("SCHEDULER_TICK_MS", 60_000));
    api = server.api();
    report = new Fixtures(api).report(OWNER, "extremes");
    task = api.post(OWNER, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
  void preview_never_answers_500(@ForAll("previews") Map<String, Object> body) {
    Response response = api.post(OWNER, Api.PREFIX + "/schedules/preview", Json.encode(body));

    assertAnswered(response, body);
    if (response.status() == 200) {
      JsonArray next = response.json().getJsonArray("next");
      Object count = body.getOrDefault("count", 5);
      assertThat(next.size()).isLessThanOrEqualTo(((Number) count).intValue());
      Instant previous = Instant.MIN;
      for (Object time : next) {
        Instant fire = Instant.parse((String) time);
        assertThat(fire).isAfter(previous);
        previous = fire;
      }
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.MIXIN)
  void task_create_never_answers_500_and_a_refusal_writes_nothing(
      @ForAll("tasks") Map<String, Object> fields) {
    Map<String, Object> body = new LinkedHashMap<>(Fixtures.task(report).getMap());
    body.putAll(fields);
    String before = snapshot();

    Response response = api.post(OWNER, Api.PREFIX + "/report_tasks/create", Json.encode(body));

    assertAnswered(response, body);
    if (response.status() >= 400) {
      assertThat(snapshot()).as(response.toString()).isEqualTo(before);
    }
  }

  @Property(tries = 150, edgeCases = EdgeCasesMode.MIXIN)
  void task_patch_never_answers_500_and_a_refusal_changes_nothing(
      @ForAll("tasks") Map<String, Object> fields) {
    String before = snapshot();

    Response response = api.patch(OWNER, Api.PREFIX + "/report_tasks/" + task, Json.encode(fields));

    assertAnswered(response, fields);
    if (response.status() >= 400) {
      assertThat(snapshot()).as(response.toString()).isEqualTo(before);
    }
  }

  private static void assertAnswered(Response response, Object request) {
    assertThat(response.status()).as(request + " -> " + response).isLessThan(500);
    if (response.status() >= 400) {
      assertThat(response.json().getInteger("error_code")).isEqualTo(response.status());
      assertThat(response.json().getString("error")).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Map<String, Object>> previews() {
    return Combinators.combine(schedule(), counts().injectNull(0.1))
        .as(
            (fields, count) -> {
              Map<String, Object> body = new LinkedHashMap<>(fields);
              if (count != null) {
                body.put("count", count);
              }
              return body;
            });
  }

  @Provide
  Arbitrary<Map<String, Object>> tasks() {
    return schedule();
  }

  /** interval, timezone, start_at and stop_at, each sometimes left out. */
  private Arbitrary<Map<String, Object>> schedule() {
    return Combinators.combine(
            intervals(),
            Arbitraries.of(ScheduleArbitraries.ZONES).injectNull(0.3),
            times().injectNull(0.5),
            times().injectNull(0.5))
        .as(
            (interval, zone, start, stop) -> {
              Map<String, Object> body = new LinkedHashMap<>();
              body.put("interval", interval);
              if (zone != null) {
                body.put("timezone", zone);
              }
              if (start != null) {
                body.put("start_at", start);
              }
              if (stop != null) {
                body.put("stop_at", stop);
              }
              return body;
            });
  }

  private Arbitrary<String> intervals() {
    Arbitrary<String> oneShots =
        Arbitraries.oneOf(anyTime().map(OffsetDateTime::toString), localTimes())
            .map(time -> "@at " + time);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, ScheduleArbitraries.crons()),
        net.jqwik.api.Tuple.of(3, oneShots));
  }

  private Arbitrary<Object> times() {
    return Arbitraries.oneOf(
        anyTime().map(time -> (Object) time.toString()),
        localTimes().map(time -> (Object) time),
        Arbitraries.of("", "now", "2026-13-01T00:00:00Z", "+1000000000-01-01T00:00:00Z")
            .map(text -> (Object) text),
        Arbitraries.longs().map(n -> (Object) n));
  }

  private static Arbitrary<String> localTimes() {
    return anyTime().map(time -> time.toLocalDateTime().toString());
  }

  private static Arbitrary<OffsetDateTime> anyTime() {
    return ScheduleArbitraries.anyTime();
  }

  private static Arbitrary<Object> counts() {
    return Arbitraries.oneOf(
        Arbitraries.of(0, 1, 5, 100, 101, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)
            .map(n -> (Object) n),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_297L).map(n -> (Object) n),
        Arbitraries.of(1.5, 1e308, -0.0, 99.999999999, 100.0000000001, Double.MIN_VALUE)
            .map(n -> (Object) n),
        Arbitraries.of("5", "", "1e3", "NaN").map(s -> (Object) s),
        Arbitraries.of(List.of(5), Map.of("n", 5), true).map(v -> (Object) v));
  }

  private static String snapshot() {
    return TestDatabase.text(server.schema(), TASKS);
  }
}
