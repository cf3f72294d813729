package dev.periodica.bench;

import dev.periodica.render.DocumentBuilder;
import dev.periodica.render.ReportFonts;
import dev.periodica.render.ReportFormat;
import dev.periodica.render.SeriesResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Report generation: a 10-page report over an {@code events} dataset spanning the last 7 days — on
 * each page a per-hour line chart (168 points) and a bar chart by host (50 bars), so 20 vector
 * charts, and on the last page a 1,000-row table — rendered as PDF. With {@code tables} as second
 * argument the widgets carry no {@code kind} (what this benchmark drew before: 21 tables).
 *
 * <p>Reports: claim-to-complete wall time cold and warm; the CPU time of the Vert.x worker threads
 * (where rendering runs) per warm report; peak heap during the warm runs; reports per minute with
 * {@code REPORT_QUEUED} (16) queued at once, and the CPU each of those reports took in this JVM and
 * in the PostgreSQL backends of its database (so the rate the CPU allows on this machine's cores
 * when it is not shared can be told from the rate measured on a busy one); and the rendering alone,
 * on this thread, after 10 warm-up renders ({@link ThreadMXBean#getCurrentThreadCpuTime}, so JIT
 * compilation is not counted), from the report's own query results (fetched once as the JSON
 * format). The PDF is written to {@code target/report-bench.pdf} and checked: pages, text, vector
 * charts. Usage: {@code ReportBench [rows] [charts|tables]}.
 */
public final class ReportBench {
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("render")) {
      renderOnly(Path.of(args[1]), args.length < 3 || !args[2].equals("tables"));
      return;
    }
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean charts = args.length < 2 || !args[1].equals("tables");
    BenchSupport bench = new BenchSupport();
    Path data = Files.createTempDirectory("periodica-bench");
    try {
      bench.start(
          new JsonObject()
              .put("DATASETS_SCHEMA", bench.schema + "_ds")
              .put("WORKER_POLL_MS", 100)
              .put("DATA_DIR", data.toString()));
      // the rows span the last 7 days whatever their number, so the charts keep their shape
      bench.execute(
          """
          CREATE SCHEMA IF NOT EXISTS %1$s_ds;
          CREATE TABLE %1$s_ds.events (time timestamptz NOT NULL, category text, severity int,
                                       host text, value numeric);
          INSERT INTO %1$s_ds.events
          SELECT now() - i * (interval '7 days' / %2$d), (ARRAY['a','b','c','d','e'])[1 + i %% 5],
                 i %% 5, 'host-' || (i %% 50), (i %% 1000) * 61.5
          FROM generate_series(1, %2$d) AS i;
          CREATE INDEX ON %1$s_ds.events (time);
          ANALYZE %1$s_ds.events;
          """
              .formatted(bench.schema, rows));
      String[] seed = bench.seedReport();
      JsonArray pages = new JsonArray();
      for (int p = 0; p < 10; p++) {
        JsonArray page = new JsonArray();
        page.add(
            widget(
                "per hour " + p,
                charts ? "line" : null,
                new JsonObject().put("interval", "1h").put("fields", count())));
        page.add(
            widget(
                "by host " + p,
                charts ? "bar" : null,
                new JsonObject()
                    .put("fields", count().add(new JsonObject().put("field", "host")))
                    .put("group_by", new JsonArray().add("host"))));
        if (p == 9) {
          page.add(
              widget(
                  "table",
                  "table",
                  new JsonObject()
                      .put(
                          "fields",
                          new JsonArray()
                              .add(f("time"))
                              .add(f("category"))
                              .add(f("host"))
                              .add(f("value")))
                      .put("limit", 1000)));
        }
        pages.add(page);
      }
      JsonObject settings =
          new JsonObject()
              .put(
                  "general",
                  new JsonObject().put("period", new JsonArray().add("now-7d").add("now")))
              .put(
                  "footer",
                  new JsonObject()
                      .put("show", true)
                      .put("show_page_number", true)
                      .put("show_date", true));
      bench.execute(
          "UPDATE reports SET config = '%s'::jsonb, settings = '%s'::jsonb WHERE id = '%s'"
              .formatted(
                  new JsonObject().put("pages", pages).encode(), settings.encode(), seed[1]));
      String task = task(bench, seed, "pdf");
      double cold = runs(bench, task, 1).get(0);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Long> workersBefore = workerCpu(threads);
      ManagementFactory.getMemoryPoolMXBeans().forEach(pool -> pool.resetPeakUsage());
      List<Double> warm = runs(bench, task, 3);
      double workerCpuPerReport = cpuSince(threads, workersBefore) / 1e9 / 3;
      long peakHeap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == MemoryType.HEAP)
              .mapToLong(pool -> pool.getPeakUsage().getUsed())
              .sum();
      // one batch more, unmeasured, so that the JIT has compiled the path before the measured one
      runs(bench, task, QUEUED);
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      List<Long> backends = backends(bench);
      long pgBefore = cpuTicks(backends);
      long jvmBefore = os.getProcessCpuTime();
      long start = System.nanoTime();
      runs(bench, task, QUEUED);
      double perMinute = QUEUED / ((System.nanoTime() - start) / 1e9) * 60;
      double jvmPerReport = (os.getProcessCpuTime() - jvmBefore) / 1e9 / QUEUED;
      double pgPerReport = (cpuTicks(backends) - pgBefore) / (double) TICKS / QUEUED;
      Path pdf = Path.of("target", "report-bench.pdf");
      Files.copy(
          data.resolve("reports")
              .resolve(bench.row("SELECT file_path FROM runs ORDER BY id DESC LIMIT 1").get(0)),
          pdf,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      long size = Files.size(pdf);

      // rendering alone, on this thread, from the report's own results
      String json = task(bench, seed, "json");
      runs(bench, json, 1);
      Path saved = Path.of("target", "report-bench-" + (charts ? "charts" : "tables") + ".json");
      Files.copy(
          data.resolve("reports")
              .resolve(bench.row("SELECT file_path FROM runs ORDER BY id DESC LIMIT 1").get(0)),
          saved,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<SeriesResult> results =
          results(
              new JsonObject(
                  Files.readString(
                      data.resolve("reports")
                          .resolve(
                              bench
                                  .row("SELECT file_path FROM runs ORDER BY id DESC LIMIT 1")
                                  .get(0)))),
              charts);
      Instant fireTime = Instant.now();
      for (int i = 0; i < 10; i++) {
        pdf("bench", settings, fireTime, results);
      }
      double[] renders = new double[10];
      for (int i = 0; i < renders.length; i++) {
        long cpu = threads.getCurrentThreadCpuTime();
        pdf("bench", settings, fireTime, results);
        renders[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
      }
      Arrays.sort(renders);
      System.out.println(
          String.format(
              "RESULT report rows=%d widgets=%s cold_s=%.2f warm_s=%s worker_cpu_s_per_report=%.3f"
                  + " render_cpu_ms_median=%.0f render_cpu_ms_min=%.0f render_cpu_ms_max=%.0f"
                  + " peak_heap_mib=%d reports_per_min=%.1f pdf_bytes=%d"
                  + " jvm_cpu_s_per_report=%.3f pg_cpu_s_per_report=%.3f"
                  + " cpu_bound_reports_per_min_on_%d_cores=%.0f",
              rows,
              charts ? "charts" : "tables",
              cold,
              warm,
              workerCpuPerReport,
              renders[renders.length / 2],
              renders[0],
              renders[renders.length - 1],
              peakHeap / (1024 * 1024),
              perMinute,
              size,
              jvmPerReport,
              pgPerReport,
              CORES,
              CORES * 60 / (jvmPerReport + pgPerReport)));
      System.out.println("PDF " + PdfCheck.describe(Files.readAllBytes(pdf)) + " (" + pdf + ")");
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.println(
          "LOAD "
              + Files.readString(Path.of("/proc/loadavg")).trim()
              + " (1, 5, 15 min; at the end of the run)");
      System.out.flush();
    } finally {
      bench.stopAll();
      bench.execute("DROP SCHEMA IF EXISTS " + bench.schema + "_ds CASCADE");
      bench.dropSchema();
    }
    System.exit(0);
  }

  /**
   * Renders the results saved by a full run ({@code target/report-bench-charts.json}) without a
   * server or database: for profiling and quick comparisons. Usage: {@code ReportBench render
   * <json> [charts|tables]}.
   */
  private static void renderOnly(Path json, boolean charts) throws Exception {
    List<SeriesResult> results = results(new JsonObject(Files.readString(json)), charts);
    JsonObject settings =
        new JsonObject()
            .put(
                "footer",
                new JsonObject()
                    .put("show", true)
                    .put("show_page_number", true)
                    .put("show_date", true));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Instant fireTime = Instant.now();
    int warmUp = Integer.getInteger("warmup", 20);
    for (int i = 0; i < warmUp; i++) {
      pdf("bench", settings, fireTime, results);
    }
    double[] renders = new double[Integer.getInteger("renders", 20)];
    byte[] pdf = null;
    for (int i = 0; i < renders.length; i++) {
      long cpu = threads.getCurrentThreadCpuTime();
      pdf = pdf("bench", settings, fireTime, results);
      renders[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
    }
    Arrays.sort(renders);
    Files.write(Path.of("target", "report-bench-render.pdf"), pdf);
    System.out.printf(
        "RESULT render widgets=%s render_cpu_ms_median=%.0f min=%.0f max=%.0f pdf_bytes=%d%n",
        charts ? "charts" : "tables",
        renders[renders.length / 2],
        renders[0],
        renders[renders.length - 1],
        pdf.length);
    System.out.println("PDF " + PdfCheck.describe(pdf));
    System.out.println("LOAD " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  /** Runs queued at once for the throughput figure. */
  /**
   * How many reports are queued at once for the rate ({@code REPORT_QUEUED}, default 16): a larger
   * batch weighs the first report's queries and the last render alone on one core less.
   */
  static final int QUEUED = Integer.parseInt(System.getenv().getOrDefault("REPORT_QUEUED", "16"));

  static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  static final int TICKS = 100;

  /**
   * The PostgreSQL backends of this benchmark's database (the server's pools): their CPU is the
   * queries' cost; other databases on the same server are left out.
   */
  private static List<Long> backends(BenchSupport bench) throws Exception {
    String pids =
        bench
            .row(
                "SELECT string_agg(pid::text, ',') FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()")
            .get(0);
    List<Long> list = new ArrayList<>();
    if (pids != null) {
      for (String pid : pids.split(",")) {
        list.add(Long.parseLong(pid));
      }
    }
    return list;
  }

  /** utime + stime of {@code pids} in clock ticks (a process gone since counts nothing). */
  private static long cpuTicks(List<Long> pids) {
    long ticks = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (java.io.IOException gone) {
        // the backend ended
      }
    }
    return ticks;
  }

  private static String task(BenchSupport bench, String[] seed, String format) throws Exception {
    String task = UUID.randomUUID().toString();
    bench.execute(
        """
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, params, enabled,
                                  created_at, updated_at)
        VALUES ('%s', '%s', '%s', '@yearly', '00000000-0000-0000-0000-000000000000',
                '{"format": "%s"}', false, now(), now())
        """
            .formatted(task, seed[1], seed[0], format));
    return task;
  }

  /** The series of the JSON output, each with the presentation its widget has in the report. */
  private static List<SeriesResult> results(JsonObject json, boolean charts) {
    List<SeriesResult> results = new ArrayList<>();
    for (Object item : json.getJsonArray("series")) {
      JsonObject series = (JsonObject) item;
      String widget = series.getString("widget");
      String kind =
          widget.equals("table")
              ? "table"
              : !charts ? null : widget.startsWith("per hour") ? "line" : "bar";
      List<String> columns = new ArrayList<>();
      series.getJsonArray("columns").forEach(c -> columns.add((String) c));
      List<JsonObject> rows = new ArrayList<>();
      series.getJsonArray("rows").forEach(r -> rows.add((JsonObject) r));
      results.add(
          new SeriesResult(
              series.getInteger("page"),
              widget,
              series.getString("series"),
              columns,
              rows,
              kind == null ? new JsonObject() : new JsonObject().put("kind", kind)));
    }
    return results;
  }

  /** CPU nanoseconds of each Vert.x worker thread and render thread (rendering runs on them). */
  private static Map<Long, Long> workerCpu(ThreadMXBean threads) {
    Map<Long, Long> cpu = new java.util.HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null
          && (info.getThreadName().startsWith("vert.x-worker-thread")
              || info.getThreadName().startsWith("periodica-render"))) {
        cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return cpu;
  }

  private static long cpuSince(ThreadMXBean threads, Map<Long, Long> before) {
    long total = 0;
    for (Map.Entry<Long, Long> now : workerCpu(threads).entrySet()) {
      total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
    }
    return total;
  }

  private static JsonArray count() {
    return new JsonArray()
        .add(
            new JsonObject()
                .put("alias", "n")
                .put("aggregation", new JsonObject().put("func", "count")));
  }

  private static JsonObject f(String name) {
    return new JsonObject().put("field", name);
  }

  /** An inline widget; its {@code settings.kind} (none: a table, as the seed's default). */
  private static JsonObject widget(String name, String kind, JsonObject query) {
    JsonObject widget =
        new JsonObject()
            .put("name", name)
            .put(
                "series",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("name", "s")
                            .put("query", query.put("dataset", "events"))));
    if (kind != null) {
      widget.put("settings", new JsonObject().put("kind", kind));
    }
    return new JsonObject().put("widget", widget);
  }

  /** Queues {@code n} manual runs at once and answers each run's claim-to-complete seconds. */
  private static List<Double> runs(BenchSupport bench, String task, int n) throws Exception {
    long before = bench.count("SELECT coalesce(max(id), 0) FROM runs");
    bench.execute(
        """
        INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, pinned_instance,
                          created_at, updated_at)
        SELECT t.id, t.report_id, 'new', 'manual', now() + i * interval '1 microsecond',
               t.instance, now(), now()
        FROM report_tasks t, generate_series(1, %d) AS i WHERE t.id = '%s';
        SELECT pg_notify('periodica_runs', '');
        """
            .formatted(n, task));
    while (bench.count(
            "SELECT count(*) FROM runs WHERE id > "
                + before
                + " AND status IN ('new', 'in_action')")
        > 0) {
      Thread.sleep(50);
    }
    String failed =
        bench
            .row(
                "SELECT string_agg(DISTINCT error, '; ') FROM runs WHERE id > "
                    + before
                    + " AND status <> 'complete'")
            .get(0);
    if (failed != null) {
      throw new IllegalStateException("runs failed: " + failed);
    }
    return List.of(
        Double.parseDouble(
            bench
                .row(
                    "SELECT round(avg(extract(epoch FROM ended_at - started_at))::numeric, 3) FROM runs WHERE id > "
                        + before)
                .get(0)));
  }

  /** The results rendered as the report job renders them: a document, then its PDF. */
  static byte[] pdf(
      String title, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    return ReportFormat.PDF
        .renderer(ReportFonts.of(true), Integer.MAX_VALUE)
        .render(DocumentBuilder.of(title, settings, fireTime, results));
  }
}
