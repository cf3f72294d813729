package dev.periodica.store;

import static dev.periodica.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.RawSql;
import dev.periodica.dataset.RowSink;
import dev.periodica.support.DatasetReader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streaming a query's result as the reader role: columns, then rows in batches no larger than asked
 * for, read from the database only as fast as the sink takes them; failures of the query or the
 * sink end the transaction and hand the one connection back.
 */
class PgQueryStreamTest {
  private static Vertx vertx;
  private static DatasetReader reader;
  private static PgQueryRunner runner;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // one connection: a stream that failed to hand its connection back would stall the next test
    reader = DatasetReader.start(vertx, 1);
    runner = new PgQueryRunner(reader.pool(), 5_000);
    reader.execute(
        """
        CREATE TABLE numbers AS
        SELECT i AS n, 'row ' || i AS label FROM generate_series(1, 2500) AS i
        """);
  }

  @AfterAll
  static void stop() throws Exception {
    reader.close();
    await(vertx.close());
  }

  /**
   * Records what it is given; each batch is taken {@code delayMs} later, as a slow writer would.
   */
  private static final class Recording implements RowSink {
    final List<String> calls = new ArrayList<>();
    final List<List<List<Object>>> batches = new ArrayList<>();
    final List<Long> takenAtMicros = new ArrayList<>();
    final AtomicInteger outstanding = new AtomicInteger();
    int mostOutstanding;
    final long delayMs;
    int failAtBatch = -1;

    Recording(long delayMs) {
      this.delayMs = delayMs;
    }

    @Override
    public Future<Void> columns(List<String> names) {
      calls.add("columns " + names);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      calls.add("rows " + batch.size());
      batches.add(batch);
      mostOutstanding = Math.max(mostOutstanding, outstanding.incrementAndGet());
      if (batches.size() == failAtBatch) {
        outstanding.decrementAndGet();
        return Future.failedFuture(new IllegalStateException("the disk is full"));
      }
      Promise<Void> taken = Promise.promise();
      Runnable take =
          () -> {
            outstanding.decrementAndGet();
            takenAtMicros.add(micros(OffsetDateTime.now(ZoneOffset.UTC)));
            taken.complete();
          };
      if (delayMs > 0) {
        vertx.setTimer(delayMs, id -> take.run());
      } else {
        take.run();
      }
      return taken.future();
    }

    long rows() {
      return batches.stream().mapToLong(List::size).sum();
    }
  }

  private static long micros(OffsetDateTime time) {
    return time.toEpochSecond() * 1_000_000 + time.getNano() / 1000;
  }

  /** Runs {@code work} on a Vert.x context, as a job does. */
  private static <T> T onContext(Supplier<Future<T>> work) throws Exception {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(done));
    return await(done.future());
  }

  private static CompiledQuery sql(String sql) {
    return new CompiledQuery(sql, List.of(), List.of());
  }

  @Test
  void a_result_comes_as_its_columns_then_rows_in_batches_of_at_most_the_batch_size_in_order()
      throws Exception {
    Recording sink = new Recording(0);

    long rows =
        onContext(() -> runner.stream(sql("SELECT n, label FROM numbers ORDER BY n"), 1000, sink));

    assertThat(rows).isEqualTo(2500);
    assertThat(sink.calls)
        .containsExactly("columns [n, label]", "rows 1000", "rows 1000", "rows 500");
    List<Object> all = new ArrayList<>();
    sink.batches.forEach(batch -> batch.forEach(row -> all.add(row.get(0))));
    assertThat(all).hasSize(2500).isSortedAccordingTo((a, b) -> (Integer) a - (Integer) b);
    assertThat(sink.batches.get(2).get(499)).containsExactly(2500, "row 2500");
  }

  @Test
  void after_wide_rows_batches_are_smaller_and_after_narrow_ones_full_again() throws Exception {
    Recording sink = new Recording(0);

    long rows =
        onContext(
            () ->
                runner.stream(
                    sql(
                        """
                        SELECT i, CASE WHEN i <= 200 THEN repeat('x', 50000) ELSE 'x' END
                        FROM generate_series(1, 1000) AS i
                        """),
                    200,
                    sink));

    assertThat(rows).isEqualTo(1000);
    List<Integer> sizes = sink.batches.stream().map(List::size).toList();
    assertThat(sizes.get(0)).isEqualTo(200);
    // 200 rows of 50,000 characters are 10 MB: the next read asks for about 2 MiB of them
    assertThat(sizes.get(1)).isBetween(30, 50);
    assertThat(sizes.get(sizes.size() - 2)).isEqualTo(200);
    assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 200));
  }

  @Test
  void an_empty_result_still_gives_its_columns() throws Exception {
    Recording sink = new Recording(0);

    long rows =
        onContext(() -> runner.stream(sql("SELECT n, label FROM numbers WHERE n < 0"), 10, sink));

    assertThat(rows).isZero();
    assertThat(sink.calls).containsExactly("columns [n, label]");
  }

  @Test
  void columns_a_statement_adds_for_its_own_checks_are_left_out() throws Exception {
    Recording sink = new Recording(0);
    CompiledQuery raw =
        RawSql.compileExport(
            "SELECT label, n FROM numbers WHERE n <= 3 ORDER BY n", null, null, 100);

    onContext(() -> runner.stream(raw, 10, sink));

    assertThat(sink.calls).containsExactly("columns [label, n]", "rows 3");
    assertThat(sink.batches.get(0).get(2)).containsExactly("row 3", 3);
  }

  /**
   * The proof that rows are never piled up: each row carries the time the database produced it, and
   * no row of a batch was produced before the sink had taken the batch two before it (the one being
   * written, plus the one read meanwhile, is all that is ever held).
   */
  @Test
  void the_database_produces_rows_only_as_fast_as_the_sink_takes_them() throws Exception {
    Recording sink = new Recording(15);

    long rows =
        onContext(
            () ->
                runner.stream(
                    sql(
                        "SELECT i, clock_timestamp() AS produced FROM generate_series(1, 5000) AS i"),
                    100,
                    sink));

    assertThat(rows).isEqualTo(5000);
    assertThat(sink.batches).hasSize(50).allSatisfy(batch -> assertThat(batch).hasSize(100));
    assertThat(sink.mostOutstanding).isEqualTo(1);
    for (int k = 2; k < sink.batches.size(); k++) {
      long firstProduced =
          sink.batches.get(k).stream()
              .mapToLong(row -> micros((OffsetDateTime) row.get(1)))
              .min()
              .orElseThrow();
      assertThat(firstProduced)
          .as("batch %d was produced after batch %d was taken", k, k - 2)
          .isGreaterThanOrEqualTo(sink.takenAtMicros.get(k - 2));
    }
  }

  @Test
  void values_come_as_plain_java_values() throws Exception {
    Recording sink = new Recording(0);

    onContext(
        () ->
            runner.stream(
                sql(
                    """
                    SELECT 1::smallint, 2::int, 3::bigint, 1.50::numeric, 'NaN'::numeric,
                           0.25::float8, true, 'text', NULL::text,
                           timestamptz '2026-03-04 05:06:07.123456+03', timestamp '2026-03-04 05:06:07',
                           date '2026-03-04', '{"a": [1, 2]}'::jsonb, ARRAY['x', NULL],
                           '\\x00ff'::bytea, interval '1 day 2 hours 3.5 seconds',
                           'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid
                    """),
                10,
                sink));

    List<Object> row = sink.batches.get(0).get(0);
    assertThat(row.subList(0, 9))
        .containsExactly(
            (short) 1, 2, 3L, new BigDecimal("1.50"), Double.NaN, 0.25, true, "text", null);
    assertThat(row.get(9))
        .isEqualTo(OffsetDateTime.of(2026, 3, 4, 2, 6, 7, 123_456_000, ZoneOffset.UTC));
    assertThat(row.get(10)).isEqualTo(LocalDateTime.of(2026, 3, 4, 5, 6, 7));
    assertThat(row.get(11)).isEqualTo(LocalDate.of(2026, 3, 4));
    assertThat(row.get(12)).isEqualTo(new JsonObject().put("a", new JsonArray().add(1).add(2)));
    assertThat(row.get(13)).isEqualTo(java.util.Arrays.asList("x", null));
    assertThat(row.subList(14, 17))
        .containsExactly("\\x00ff", "P1DT2H3.5S", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  }

  @Test
  void a_query_error_mid_stream_fails_as_a_mistake_after_the_rows_before_it() throws Exception {
    Recording sink = new Recording(0);

    assertThatThrownBy(
            () ->
                onContext(
                    () ->
                        runner.stream(
                            sql("SELECT i, 1 / (1500 - i) FROM generate_series(1, 3000) AS i"),
                            1000,
                            sink)))
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("division by zero");
    assertThat(sink.rows()).isEqualTo(1000);
    assertThat(onContext(() -> runner.stream(sql("SELECT 1"), 10, new Recording(0)))).isEqualTo(1);
  }

  @Test
  void a_sink_that_fails_stops_the_query_and_the_connection_goes_back_to_the_pool()
      throws Exception {
    Recording sink = new Recording(0);
    sink.failAtBatch = 2;

    assertThatThrownBy(
            () ->
                onContext(() -> runner.stream(sql("SELECT n FROM numbers ORDER BY n"), 100, sink)))
        .hasMessage("the disk is full");
    assertThat(sink.batches).hasSize(2);
    assertThat(onContext(() -> runner.stream(sql("SELECT n FROM numbers"), 1000, new Recording(0))))
        .isEqualTo(2500);
  }

  @Test
  void a_stream_is_read_only() throws Exception {
    assertThatThrownBy(
            () ->
                onContext(
                    () ->
                        runner.stream(
                            sql(
                                "WITH gone AS (DELETE FROM numbers RETURNING n) SELECT count(*) FROM gone"),
                            10,
                            new Recording(0))))
        .isInstanceOf(Invalid.class);
    assertThat(onContext(() -> runner.stream(sql("SELECT n FROM numbers"), 1000, new Recording(0))))
        .isEqualTo(2500);
  }

  /**
   * The statement timeout bounds each round trip of the cursor, not the whole stream: a query slow
   * to give a batch fails, an export that takes long because it is large does not (the run's own
   * timeout bounds that).
   */
  @Test
  void the_statement_timeout_bounds_each_round_trip_of_the_cursor() throws Exception {
    PgQueryRunner quick = new PgQueryRunner(reader.pool(), 300);

    assertThatThrownBy(
            () -> onContext(() -> quick.stream(sql("SELECT pg_sleep(0.6)"), 10, new Recording(0))))
        .isInstanceOf(Invalid.class)
        .hasMessage("the query took longer than 300 ms");
    Recording sink = new Recording(0);
    long rows =
        onContext(
            () ->
                quick.stream(
                    sql("SELECT i, pg_sleep(0.1) FROM generate_series(1, 6) AS i"), 1, sink));
    assertThat(rows).isEqualTo(6);
  }

  /**
   * A statement may change settings of its own transaction with {@code set_config}: one that turns
   * the statement timeout off in its first batch must not free the batches after it from it.
   */
  @Test
  void a_query_that_turns_its_statement_timeout_off_is_still_bounded_on_its_next_round_trips()
      throws Exception {
    PgQueryRunner quick = new PgQueryRunner(reader.pool(), 300);
    Recording sink = new Recording(0);
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                onContext(
                    () ->
                        quick.stream(
                            sql(
                                """
                                SELECT i, set_config('statement_timeout', '0', true),
                                       pg_sleep(CASE WHEN i > 5 THEN 0.5 ELSE 0 END)
                                FROM generate_series(1, 15) AS i
                                """),
                            5,
                            sink)))
        .isInstanceOf(Invalid.class)
        .hasMessage("the query took longer than 300 ms");
    assertThat(sink.rows()).isEqualTo(5);
    // unbounded, the second batch alone would have slept 2.5 s and the stream completed
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
  }

  /**
   * The driver reads timestamp {@code infinity} as the largest value but {@code -infinity} as a
   * time some 290,000 years BC, and an {@code inet} as an object without a text of its own.
   */
  @Test
  void minus_infinity_timestamps_and_network_addresses_keep_their_postgresql_meaning()
      throws Exception {
    Recording sink = new Recording(0);

    onContext(
        () ->
            runner.stream(
                sql(
                    """
                    SELECT '-infinity'::timestamptz, '-infinity'::timestamp,
                           'infinity'::timestamptz, 'infinity'::timestamp,
                           '192.168.0.1'::inet, '10.0.0.0/8'::cidr, '::1/128'::inet
                    """),
                10,
                sink));

    List<Object> row = sink.batches.get(0).get(0);
    assertThat(row)
        .containsExactly(
            OffsetDateTime.MIN,
            LocalDateTime.MIN,
            OffsetDateTime.MAX,
            LocalDateTime.MAX,
            "192.168.0.1",
            "10.0.0.0/8",
            "::1");
  }

  /** A value the driver cannot read fails the same way on every attempt: a mistake, not a fault. */
  @Test
  void a_numeric_infinity_fails_as_a_mistake_saying_how_to_read_it() throws Exception {
    assertThatThrownBy(
            () ->
                onContext(
                    () ->
                        runner.stream(
                            sql("SELECT 1 AS n UNION ALL SELECT 'infinity'::numeric"),
                            10,
                            new Recording(0))))
        .isInstanceOf(Invalid.class)
        .hasMessageStartingWith(
            "the result has a value that cannot be read here (such as a numeric infinity: cast it"
                + " to float8 or text): ");
    assertThat(onContext(() -> runner.stream(sql("SELECT 1"), 10, new Recording(0)))).isEqualTo(1);
  }
}
