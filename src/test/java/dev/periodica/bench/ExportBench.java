package dev.periodica.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.Dataset;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.ExportLimits;
import dev.periodica.dataset.QueryCompiler;
import dev.periodica.job.DatasetExporter;
import dev.periodica.job.ExportResult;
import dev.periodica.job.FileStore;
import dev.periodica.job.ProgressSink;
import dev.periodica.store.PgDatasetCatalog;
import dev.periodica.store.PgDatasetReaderRole;
import dev.periodica.store.PgQueryRunner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * A {@code dataset.export} over a large dataset through the streaming engine, in this JVM (run it
 * with a small {@code -Xmx}: the point is that it completes): wall time, rows per second, peak heap
 * (sampled every 5 ms, and the most live after any GC), the file's line count and SHA-256 checked
 * against {@code psql \copy} of the same rows formatted the same way, and the time of a plain
 * {@code psql \copy} of the same query in the same sitting. Usage: {@code ExportBench [rows]
 * [csv|json|xlsx] [batch rows]}; {@code BENCH_KEEP_FILE=1} keeps the file to look at.
 */
public final class ExportBench {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String format = args.length > 1 ? args[1] : "csv";
    int batchRows = args.length > 2 ? Integer.parseInt(args[2]) : DatasetExporter.BATCH_ROWS;
    BenchSupport bench = new BenchSupport();
    String datasets = bench.schema + "_ds";
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("periodica-export-bench");
    Pool reader = null;
    try {
      bench.start(new JsonObject().put("DATASETS_SCHEMA", datasets));
      long seedStart = System.nanoTime();
      bench.execute(
          """
          CREATE SCHEMA IF NOT EXISTS %1$s;
          CREATE TABLE %1$s.events (id bigint, time timestamptz, category text, host text,
                                    value numeric, ok boolean);
          INSERT INTO %1$s.events
          SELECT i,
                 timestamptz '2026-01-01 00:00:00+00' - i * interval '1 second'
                   + (i %% 1000) * interval '1 microsecond',
                 CASE WHEN i %% 103 = 0 THEN '' ELSE (ARRAY['db', 'web, "edge"', 'cache'])[1 + i %% 3] END,
                 CASE WHEN i %% 101 = 0 THEN NULL ELSE 'host-' || (i %% 50) END,
                 (i %% 100000) * 0.25,
                 i %% 2 = 0
          FROM generate_series(1, %2$d) AS i;
          ANALYZE %1$s.events;
          """
              .formatted(datasets, rows));
      System.out.printf("seeded %d rows in %.1f s%n", rows, (System.nanoTime() - seedStart) / 1e9);
      reader = readerPool(vertx, bench, datasets);
      // only this JVM's export and PostgreSQL run while measuring: no scheduler, no workers
      bench.stopAll();

      PgQueryRunner runner = new PgQueryRunner(reader, 30_000);
      DatasetAccess access =
          new DatasetAccess(
              new PgDatasetCatalog(reader, datasets),
              new QueryCompiler(datasets, 10_000),
              runner,
              10_000,
              Optional.empty(),
              runner,
              new ExportLimits(10_000_000, 4096L * 1024 * 1024));
      DatasetExporter exporter =
          new DatasetExporter(
              vertx, runner, access.exportLimits(), new FileStore(vertx, dir), batchRows);
      Dataset events = onContext(vertx, () -> access.catalog().require("events"));
      CompiledQuery query =
          access.structuredExport(
              new JsonObject()
                  .put("dataset", "events")
                  .put("order_by", new JsonArray().add(new JsonObject().put("field", "id"))),
              events,
              null,
              Instant.now(),
              new JsonObject());

      // a small export first, so that class loading and JIT warm-up are not in the figures
      onContext(
          vertx,
          () ->
              exporter.export(
                  limited(access, events), format, "warm." + format, 1, ProgressSink.NONE));

      Heap heap = new Heap();
      double[] loadBefore = loadAverage();
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      long gcBefore = gcCount();
      long start = System.nanoTime();
      ExportResult result =
          onContext(
              vertx,
              () -> exporter.export(query, format, "events." + format, 2, ProgressSink.NONE));
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
      heap.stop();
      double[] loadAfter = loadAverage();
      Path file = dir.resolve(result.file().path());

      System.out.printf(
          "RESULT export format=%s batch_rows=%d rows=%d seconds=%.2f rows_per_s=%.0f jvm_cpu_s=%.2f"
              + " file_bytes=%d heap_max_mib=%d heap_before_mib=%.1f peak_heap_used_mib=%.1f"
              + " peak_live_after_gc_mib=%.1f gcs=%d load_before=%.2f load_after=%.2f%n",
          format,
          batchRows,
          result.rows(),
          seconds,
          result.rows() / seconds,
          cpuSeconds,
          result.file().size(),
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          heap.before / 1048576.0,
          heap.peakUsed.get() / 1048576.0,
          heap.peakLive.get() / 1048576.0,
          gcCount() - gcBefore,
          loadBefore[0],
          loadAfter[0]);

      if (format.equals("csv")) {
        check(bench, datasets, file, result, rows);
      }
      if (!"1".equals(System.getenv("BENCH_KEEP_FILE"))) {
        Files.deleteIfExists(file);
      } else {
        System.out.println("kept " + file);
      }
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.flush();
    } finally {
      if (reader != null) {
        reader.close();
      }
      vertx.close();
      bench.stopAll();
      bench.execute("DROP SCHEMA IF EXISTS " + datasets + " CASCADE");
      bench.dropSchema();
    }
    System.exit(0);
  }

  /**
   * The file against independent figures: its lines counted, and its SHA-256 against psql's own CSV
   * of the same rows (timestamps and booleans formatted in SQL as the export writes them, line ends
   * made CRLF); then a plain {@code \copy} of the query, timed, as the reference.
   */
  private static void check(
      BenchSupport bench, String datasets, Path file, ExportResult result, int rows)
      throws Exception {
    long lines = countLines(file);
    String sha = sha256(file);
    Path expected = Files.createTempFile("periodica-export-expected", ".csv");
    Path reference = Files.createTempFile("periodica-export-reference", ".csv");
    try {
      psql(
          bench,
          "\\copy (SELECT id, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
              + " AS time, category, host, value,"
              + " CASE WHEN ok THEN 'true' WHEN NOT ok THEN 'false' END AS ok"
              + " FROM "
              + datasets
              + ".events ORDER BY id) to '"
              + expected
              + "' csv header");
      String expectedSha = sha256Crlf(expected);
      long start = System.nanoTime();
      psql(
          bench,
          "\\copy (SELECT * FROM "
              + datasets
              + ".events ORDER BY id) to '"
              + reference
              + "' csv header");
      double copySeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "CHECK lines=%d (expected %d) sha256=%s recorded=%s psql_sha256_crlf=%s match=%s%n",
          lines,
          rows + 1L,
          sha,
          result.file().sha256(),
          expectedSha,
          lines == rows + 1L && sha.equals(result.file().sha256()) && sha.equals(expectedSha));
      System.out.printf(
          "REFERENCE psql_copy_seconds=%.2f rows_per_s=%.0f bytes=%d%n",
          copySeconds, rows / copySeconds, Files.size(reference));
      List<String> all = head(file, 4);
      System.out.println("HEAD\n" + String.join("\n", all));
    } finally {
      Files.deleteIfExists(expected);
      Files.deleteIfExists(reference);
    }
  }

  private static CompiledQuery limited(DatasetAccess access, Dataset events) {
    return access.structuredExport(
        new JsonObject().put("dataset", "events").put("limit", 20_000),
        events,
        null,
        Instant.now(),
        new JsonObject());
  }

  /** The heap while the export runs: used, sampled every 5 ms, and live after each GC. */
  static final class Heap {
    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    final AtomicLong peakUsed = new AtomicLong();
    final AtomicLong peakLive = new AtomicLong();
    final long before;
    volatile boolean running = true;
    final Thread sampler;
    final List<Runnable> unsubscribe = new ArrayList<>();

    Heap() {
      System.gc();
      before = memory.getHeapMemoryUsage().getUsed();
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          javax.management.NotificationListener listener =
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  var info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long live = 0;
                  for (Map.Entry<String, MemoryUsage> pool :
                      info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (!pool.getKey().contains("Metaspace")
                        && !pool.getKey().contains("Code")
                        && !pool.getKey().contains("Compressed")) {
                      live += pool.getValue().getUsed();
                    }
                  }
                  peakLive.accumulateAndGet(live, Math::max);
                }
              };
          emitter.addNotificationListener(listener, null, null);
          unsubscribe.add(
              () -> {
                try {
                  emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException e) {
                  // already gone
                }
              });
        }
      }
      sampler =
          new Thread(
              () -> {
                while (running) {
                  peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
      unsubscribe.forEach(Runnable::run);
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static double[] loadAverage() throws IOException {
    String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
  }

  private static Pool readerPool(Vertx vertx, BenchSupport bench, String datasets)
      throws Exception {
    Pool admin =
        PgBuilder.pool()
            .connectingTo(options(bench, bench.url.user(), bench.url.password(), bench.schema))
            .using(vertx)
            .build();
    String password;
    try {
      // the server provisioned the role when it started; this answers the same password
      password =
          onContext(
              vertx,
              () -> new PgDatasetReaderRole(admin, "periodica_reader", datasets).provision());
    } finally {
      admin.close();
    }
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(options(bench, "periodica_reader", password, datasets))
        .using(vertx)
        .build();
  }

  private static PgConnectOptions options(
      BenchSupport bench, String user, String password, String searchPath) {
    return new PgConnectOptions()
        .setHost(bench.url.host())
        .setPort(bench.url.port())
        .setDatabase(bench.url.database())
        .setUser(user)
        .setPassword(password == null ? "" : password)
        .setProperties(Map.of("search_path", searchPath));
  }

  private static <T> T onContext(Vertx vertx, Supplier<Future<T>> work) throws Exception {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture().get();
  }

  private static void psql(BenchSupport bench, String command) throws Exception {
    Process process =
        new ProcessBuilder(
                "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", bench.pgUrl(), "-c", command)
            .inheritIO()
            .start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + command);
    }
  }

  private static long countLines(Path file) throws IOException {
    long lines = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
          }
        }
      }
    }
    return lines;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of {@code file} with each LF made CRLF (psql writes LF, RFC 4180 wants CRLF). */
  private static String sha256Crlf(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[1 << 16];
    byte[] crlf = {'\r', '\n'};
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            digest.update(buffer, from, i - from);
            digest.update(crlf);
            from = i + 1;
          }
        }
        digest.update(buffer, from, n - from);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static List<String> head(Path file, int lines) throws IOException {
    try (var reader = Files.newBufferedReader(file)) {
      List<String> head = new ArrayList<>();
      for (String line; head.size() < lines && (line = reader.readLine()) != null; ) {
        head.add(line);
      }
      return head;
    }
  }
}
