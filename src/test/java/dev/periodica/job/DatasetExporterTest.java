package dev.periodica.job;

import static dev.periodica.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.ExportLimits;
import dev.periodica.dataset.QueryCompiler;
import dev.periodica.run.JobFailure;
import dev.periodica.run.RunFile;
import dev.periodica.store.PgDatasetCatalog;
import dev.periodica.store.PgQueryRunner;
import dev.periodica.support.DatasetReader;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The export engine on real PostgreSQL, as the reader role: each format gives back the table
 * exactly; a large export is written a batch at a time as the database produces it, never piled up;
 * and whatever stops an export (a query error, a cap, a cancel, a timeout) leaves no file.
 */
class DatasetExporterTest {
  private static final Instant FIRE = Instant.parse("2026-11-21T12:00:00Z");
  private static final int BIG = 200_000;
  private static Vertx vertx;
  private static DatasetReader reader;
  private static DatasetAccess datasets;
  private static long runIds = 1000;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    reader = DatasetReader.start(vertx, 2);
    reader.execute(
        """
        CREATE TABLE awkward (id int, note text, amount numeric, at timestamptz, ok boolean);
        INSERT INTO awkward VALUES
          (1, 'plain', 1.50, '2026-03-04 05:06:07.123456+03', true),
          (2, 'comma, "quote"', -0.001, '2026-03-04 00:00:00+00', false),
          (3, E'line\\nbreak\\r\\nwindows', 12345678901234567890.12345, NULL, NULL),
          (4, '', NULL, NULL, NULL),
          (5, NULL, 0, '1999-12-31 23:59:59.999999+00', true),
          (6, 'Ünïcødé 日本語 😀', 0.0000001, NULL, NULL);
        CREATE TABLE big AS
        SELECT i AS id, 'row ' || i AS label, i * 0.5 AS amount,
               timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second' AS at
        FROM generate_series(1, %d) AS i;
        """
            .formatted(BIG));
    datasets = access(new ExportLimits(10_000_000, 4096L * 1024 * 1024), 60_000);
  }

  @AfterAll
  static void stop() throws Exception {
    reader.close();
    await(vertx.close());
  }

  private static DatasetAccess access(ExportLimits limits, int timeoutMillis) {
    PgQueryRunner runner = new PgQueryRunner(reader.pool(), timeoutMillis);
    return new DatasetAccess(
        new PgDatasetCatalog(reader.pool(), reader.datasets()),
        new QueryCompiler(reader.datasets(), 1000),
        runner,
        1000,
        Optional.empty(),
        runner,
        limits);
  }

  /** A fresh storage directory and an exporter writing into it. */
  private record Storage(Path root, FileStore files, DatasetExporter exporter) {
    static Storage of(DatasetAccess access) throws IOException {
      Path root = Files.createTempDirectory("periodica-exports");
      FileStore files = new FileStore(vertx, root);
      return new Storage(root, files, new DatasetExporter(vertx, access, files));
    }

    /** Every file under the storage directory, temporary ones included. */
    List<Path> everyFile() throws IOException {
      try (Stream<Path> walk = Files.walk(root)) {
        return walk.filter(Files::isRegularFile).toList();
      }
    }

    byte[] content(RunFile file) throws IOException {
      return Files.readAllBytes(files.locate(file));
    }
  }

  /** Records each batch written: how many rows so far, and when (microseconds, UTC). */
  private static final class Progress implements ProgressSink {
    final List<Long> rows = new ArrayList<>();
    final List<Long> atMicros = new ArrayList<>();
    int cancelAfter = Integer.MAX_VALUE;

    @Override
    public void rowsWritten(long written) {
      rows.add(written);
      atMicros.add(micros(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    @Override
    public boolean cancelled() {
      return rows.size() >= cancelAfter;
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

  private static CompiledQuery structured(DatasetAccess access, String dataset, JsonObject query)
      throws Exception {
    var found = onContext(() -> access.catalog().require(dataset));
    return access.structuredExport(
        query.put("dataset", dataset), found, null, FIRE, new JsonObject());
  }

  private static JsonObject byId() {
    return new JsonObject()
        .put("order_by", new JsonArray().add(new JsonObject().put("field", "id")));
  }

  private static ExportResult export(
      Storage storage, CompiledQuery query, String format, ProgressSink progress) throws Exception {
    long runId = runIds++;
    return onContext(
        () -> storage.exporter().export(query, format, "export." + format, runId, progress));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void csv_gives_back_the_table_exactly_and_the_file_is_recorded_with_its_size_and_sha256()
      throws Exception {
    Storage storage = Storage.of(datasets);

    ExportResult result =
        export(storage, structured(datasets, "awkward", byId()), "csv", ProgressSink.NONE);

    byte[] content = storage.content(result.file());
    assertThat(new String(content, StandardCharsets.UTF_8))
        .isEqualTo(
            "id,note,amount,at,ok\r\n"
                + "1,plain,1.50,2026-03-04T02:06:07.123456Z,true\r\n"
                + "2,\"comma, \"\"quote\"\"\",-0.001,2026-03-04T00:00:00.000000Z,false\r\n"
                + "3,\"line\nbreak\r\nwindows\",12345678901234567890.12345,,\r\n"
                + "4,\"\",,,\r\n"
                + "5,,0,1999-12-31T23:59:59.999999Z,true\r\n"
                + "6,Ünïcødé 日本語 😀,0.0000001,,\r\n");
    assertThat(result.rows()).isEqualTo(6);
    assertThat(result.file().name()).isEqualTo("export.csv");
    assertThat(result.file().contentType()).isEqualTo("text/csv; charset=utf-8");
    assertThat(result.file().size()).isEqualTo(content.length);
    assertThat(result.file().sha256()).isEqualTo(sha256(content));
    assertThat(storage.everyFile()).containsExactly(storage.files().locate(result.file()));
  }

  @Test
  void json_gives_back_the_table_exactly_with_numbers_as_numbers() throws Exception {
    Storage storage = Storage.of(datasets);

    ExportResult result =
        export(storage, structured(datasets, "awkward", byId()), "json", ProgressSink.NONE);

    String json = new String(storage.content(result.file()), StandardCharsets.UTF_8);
    JsonArray rows = new JsonArray(json);
    assertThat(rows).hasSize(6);
    assertThat(rows.getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("id", 1)
                .put("note", "plain")
                .put("amount", 1.5)
                .put("at", "2026-03-04T02:06:07.123456Z")
                .put("ok", true));
    assertThat(rows.getJsonObject(1).getString("note")).isEqualTo("comma, \"quote\"");
    assertThat(rows.getJsonObject(2).getString("note")).isEqualTo("line\nbreak\r\nwindows");
    assertThat(rows.getJsonObject(2).getValue("at")).isNull();
    assertThat(rows.getJsonObject(3).getString("note")).isEmpty();
    assertThat(rows.getJsonObject(4).getValue("note")).isNull();
    assertThat(rows.getJsonObject(4).getString("at")).isEqualTo("1999-12-31T23:59:59.999999Z");
    assertThat(rows.getJsonObject(5).getString("note")).isEqualTo("Ünïcødé 日本語 😀");
    assertThat(json)
        .contains("\"amount\":12345678901234567890.12345")
        .contains("\"amount\":0.0000001")
        .contains("\"amount\":1.50");
    assertThat(result.file().contentType()).isEqualTo("application/json");
  }

  @Test
  void xlsx_gives_back_the_table_with_number_cells() throws Exception {
    Storage storage = Storage.of(datasets);

    ExportResult result =
        export(storage, structured(datasets, "awkward", byId()), "xlsx", ProgressSink.NONE);

    try (ReadableWorkbook workbook =
        new ReadableWorkbook(new ByteArrayInputStream(storage.content(result.file())))) {
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(rows).hasSize(7);
      assertThat(rows.get(0).getCellText(4)).isEqualTo("ok");
      assertThat(rows.get(1).getCell(0).getType()).isEqualTo(CellType.NUMBER);
      assertThat(rows.get(1).getCell(2).asNumber()).isEqualByComparingTo("1.5");
      assertThat(rows.get(1).getCell(3).asString()).isEqualTo("2026-03-04T02:06:07.123456Z");
      assertThat(rows.get(1).getCell(4).asBoolean()).isTrue();
      assertThat(rows.get(2).getCell(1).asString()).isEqualTo("comma, \"quote\"");
      assertThat(rows.get(2).getCell(2).asNumber()).isEqualByComparingTo("-0.001");
      assertThat(rows.get(3).getCell(1).asString()).isEqualTo("line\nbreak\r\nwindows");
      assertThat(rows.get(3).getCell(2).asString()).isEqualTo("12345678901234567890.12345");
      assertThat(rows.get(4).getCell(1).asString()).isEmpty();
      assertThat(rows.get(6).getCell(1).asString()).isEqualTo("Ünïcødé 日本語 😀");
      assertThat(rows.get(6).getCell(2).asNumber()).isEqualByComparingTo(new BigDecimal("1E-7"));
    }
  }

  /**
   * 200,000 rows through the engine: the file is what an independent formatting of the same rows
   * gives (line count and SHA-256), and it was written in batches of at most the batch size.
   */
  @Test
  void a_large_export_is_complete_and_written_a_batch_at_a_time() throws Exception {
    Storage storage = Storage.of(datasets);
    Progress progress = new Progress();

    ExportResult result = export(storage, structured(datasets, "big", byId()), "csv", progress);

    MessageDigest expected = MessageDigest.getInstance("SHA-256");
    DateTimeFormatter iso =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'.000000Z'").withZone(ZoneOffset.UTC);
    expected.update("id,label,amount,at\r\n".getBytes(StandardCharsets.UTF_8));
    Instant origin = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 1; i <= BIG; i++) {
      String line =
          i
              + ",row "
              + i
              + ","
              + (i / 2)
              + (i % 2 == 0 ? ".0" : ".5")
              + ","
              + iso.format(origin.plusSeconds(i))
              + "\r\n";
      expected.update(line.getBytes(StandardCharsets.UTF_8));
    }
    byte[] content = storage.content(result.file());
    assertThat(result.rows()).isEqualTo(BIG);
    assertThat(new String(content, StandardCharsets.UTF_8).split("\r\n", -1)).hasSize(BIG + 2);
    assertThat(result.file().sha256())
        .isEqualTo(HexFormat.of().formatHex(expected.digest()))
        .isEqualTo(sha256(content));
    assertThat(progress.rows).hasSize(BIG / DatasetExporter.BATCH_ROWS);
    for (int k = 0; k < progress.rows.size(); k++) {
      long before = k == 0 ? 0 : progress.rows.get(k - 1);
      assertThat(progress.rows.get(k) - before).isBetween(1L, (long) DatasetExporter.BATCH_ROWS);
    }
  }

  /**
   * The proof that the rows are never all in memory: each row carries the time the database
   * produced it, and no row was produced before the batch two before its own had been written to
   * the file. The database works only as fast as the file is written.
   */
  @Test
  void the_database_produces_rows_only_as_fast_as_the_file_is_written() throws Exception {
    Storage storage = Storage.of(datasets);
    Progress progress = new Progress();
    CompiledQuery query =
        datasets.rawExport(
            "SELECT i, clock_timestamp() AS produced FROM generate_series(1, 200000) AS i",
            null,
            FIRE,
            new JsonObject());

    ExportResult result = export(storage, query, "csv", progress);

    assertThat(result.rows()).isEqualTo(BIG);
    List<String> lines =
        new String(storage.content(result.file()), StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(BIG + 1);
    int batch = DatasetExporter.BATCH_ROWS;
    List<String> early = new ArrayList<>();
    for (int i = 1; i <= BIG; i++) {
      String[] fields = lines.get(i).split(",");
      if (!fields[0].equals(Integer.toString(i))) {
        early.add("row " + i + " is out of place: " + lines.get(i));
      }
      int k = (i - 1) / batch;
      if (k >= 2 && micros(OffsetDateTime.parse(fields[1])) < progress.atMicros.get(k - 2)) {
        early.add("row " + i + " was produced before batch " + (k - 2) + " was written");
      }
    }
    assertThat(early).isEmpty();
  }

  /**
   * Raw SQL makes what it likes, so no row of it may build more than 64 MiB (what an export holds
   * at once stays bounded by its batches); the whole result may be larger.
   */
  @Test
  void raw_sql_rows_may_add_up_to_more_than_64_mib_but_no_row_may_pass_it() throws Exception {
    Storage storage = Storage.of(datasets);
    CompiledQuery wide =
        datasets.rawExport(
            "SELECT i, repeat('x', 40000) AS filler FROM generate_series(1, 1700) AS i",
            null,
            FIRE,
            new JsonObject());
    CompiledQuery huge =
        datasets.rawExport(
            "SELECT i, repeat('x', 70000000) AS filler FROM generate_series(1, 2) AS i",
            null,
            FIRE,
            new JsonObject());

    ExportResult result = export(storage, wide, "csv", ProgressSink.NONE);
    assertThat(result.rows()).isEqualTo(1700);
    assertThat(result.file().size()).isGreaterThan(64L * 1024 * 1024);
    assertThatThrownBy(() -> export(storage, huge, "csv", ProgressSink.NONE))
        .isInstanceOf(JobFailure.class)
        .hasMessageStartingWith("the export failed: a row of the result passed 64 MiB (");
    assertThat(storage.everyFile()).containsExactly(storage.files().locate(result.file()));
  }

  @Test
  void a_query_error_mid_stream_fails_the_export_for_good_and_leaves_no_file() throws Exception {
    Storage storage = Storage.of(datasets);
    Progress progress = new Progress();
    CompiledQuery query =
        datasets.rawExport(
            "SELECT i, 1 / (150000 - i) AS ratio FROM generate_series(1, 200000) AS i",
            null,
            FIRE,
            new JsonObject());

    assertThatThrownBy(() -> export(storage, query, "csv", progress))
        .isInstanceOf(JobFailure.class)
        .hasMessage("the export failed: division by zero")
        .satisfies(failure -> assertThat(((JobFailure) failure).isTransient()).isFalse());
    assertThat(progress.rows).isNotEmpty();
    assertThat(storage.everyFile()).isEmpty();
  }

  @Test
  void more_rows_than_the_cap_fail_the_export_and_leave_no_file_while_the_cap_itself_passes()
      throws Exception {
    DatasetAccess capped = access(new ExportLimits(1500, 4096L * 1024 * 1024), 60_000);
    Storage storage = Storage.of(capped);

    assertThatThrownBy(
            () -> export(storage, structured(capped, "big", byId()), "xlsx", ProgressSink.NONE))
        .isInstanceOf(JobFailure.class)
        .hasMessage("the export has more than 1500 rows (EXPORT_ROW_CAP)");
    assertThat(storage.everyFile()).isEmpty();

    ExportResult exact =
        export(
            storage,
            structured(capped, "big", byId().put("limit", 1500)),
            "csv",
            ProgressSink.NONE);
    assertThat(exact.rows()).isEqualTo(1500);
  }

  @Test
  void a_file_larger_than_the_budget_fails_the_export_and_leaves_no_file() throws Exception {
    DatasetAccess small = access(new ExportLimits(10_000_000, 1024 * 1024), 60_000);
    Storage storage = Storage.of(small);

    assertThatThrownBy(
            () -> export(storage, structured(small, "big", byId()), "json", ProgressSink.NONE))
        .isInstanceOf(JobFailure.class)
        .hasMessage("the export file passed 1 MiB (EXPORT_MAX_MIB)");
    assertThat(storage.everyFile()).isEmpty();
  }

  @Test
  void a_cancelled_run_stops_its_export_and_leaves_no_file() throws Exception {
    Storage storage = Storage.of(datasets);
    Progress progress = new Progress();
    progress.cancelAfter = 3;

    assertThatThrownBy(() -> export(storage, structured(datasets, "big", byId()), "csv", progress))
        .isInstanceOf(JobFailure.class)
        .hasMessage("cancelled");
    assertThat(progress.rows).containsExactly(1000L, 2000L, 3000L);
    assertThat(storage.everyFile()).isEmpty();
  }

  @Test
  void a_query_slower_than_the_statement_timeout_fails_the_export_and_leaves_no_file()
      throws Exception {
    DatasetAccess impatient = access(new ExportLimits(10_000_000, 1 << 30), 300);
    Storage storage = Storage.of(impatient);
    CompiledQuery query =
        impatient.rawExport("SELECT pg_sleep(1) AS slept", null, FIRE, new JsonObject());

    assertThatThrownBy(() -> export(storage, query, "csv", ProgressSink.NONE))
        .isInstanceOf(JobFailure.class)
        .hasMessage("the export failed: the query took longer than 300 ms");
    assertThat(storage.everyFile()).isEmpty();
  }

  @Test
  void an_unknown_format_is_refused_before_anything_runs() throws Exception {
    Storage storage = Storage.of(datasets);

    assertThatThrownBy(
            () ->
                export(storage, structured(datasets, "awkward", byId()), "xml", ProgressSink.NONE))
        .isInstanceOf(JobFailure.class)
        .hasMessage("params.format must be one of csv, json, xlsx");
    assertThat(storage.everyFile()).isEmpty();
  }

  @Test
  void a_storage_failure_is_worth_a_retry_and_names_no_server_path() throws Exception {
    Path parent = Files.createTempDirectory("periodica-exports");
    Path root = Files.writeString(parent.resolve("plain-file"), "x").resolve("reports");
    DatasetExporter exporter = new DatasetExporter(vertx, datasets, new FileStore(vertx, root));
    CompiledQuery query = structured(datasets, "awkward", byId());

    assertThatThrownBy(
            () -> onContext(() -> exporter.export(query, null, "x.csv", 1, ProgressSink.NONE)))
        .isInstanceOf(JobFailure.class)
        .satisfies(failure -> assertThat(((JobFailure) failure).isTransient()).isTrue())
        .hasMessageStartingWith("the export file could not be stored: ")
        .message()
        .doesNotContain("/");
  }

  @Test
  void progress_of_a_run_grows_with_each_tenfold_of_rows() {
    assertThat(
            Stream.of(0L, 999L, 1_000L, 9_999L, 10_000L, 1_000_000L, 10_000_000L, Long.MAX_VALUE)
                .map(ProgressSink::percentOf))
        .containsExactly(0, 0, 10, 10, 20, 40, 50, 90);
  }
}
