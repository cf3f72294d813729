package dev.periodica.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A {@code report.generate} run whose output is one large table, in CSV, XLSX or JSON, through a
 * server in this JVM (run it with a small {@code -Xmx}: the point is that it completes): the report
 * has one table widget whose structured query reads {@code rows} rows ({@code QUERY_ROW_CAP} set to
 * them), plus a text widget. Reports the run's wall time, the file's size and lines, and the heap:
 * peak used (sampled every 5 ms, garbage included) and the most left live after any GC during the
 * run, against the heap after a GC just before it. Usage: {@code ReportOutputBench [rows]
 * [csv|xlsx|json]}.
 */
public final class ReportOutputBench {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String format = args.length > 1 ? args[1] : "csv";
    BenchSupport bench = new BenchSupport();
    Path data = Files.createTempDirectory("periodica-report-output");
    try {
      bench.start(
          new JsonObject()
              .put("DATASETS_SCHEMA", bench.schema + "_ds")
              .put("WORKER_POLL_MS", 100)
              .put("QUERY_ROW_CAP", Math.max(rows, 1000))
              .put("DATA_DIR", data.toString()));
      bench.execute(
          """
          CREATE SCHEMA IF NOT EXISTS %1$s_ds;
          CREATE TABLE %1$s_ds.events (id bigint, time timestamptz NOT NULL, category text,
                                       host text, value numeric);
          INSERT INTO %1$s_ds.events
          SELECT i, now() - i * interval '1 second', (ARRAY['a','b, "c"','d'])[1 + i %% 3],
                 'host-' || (i %% 50), (i %% 1000) * 61.5
          FROM generate_series(1, %2$d) AS i;
          ANALYZE %1$s_ds.events;
          """
              .formatted(bench.schema, rows));
      String[] seed = bench.seedReport();
      JsonObject table =
          new JsonObject()
              .put(
                  "widget",
                  new JsonObject()
                      .put("name", "events")
                      .put("settings", new JsonObject().put("kind", "table"))
                      .put(
                          "series",
                          new JsonArray()
                              .add(
                                  new JsonObject()
                                      .put("name", "all")
                                      .put(
                                          "query",
                                          new JsonObject()
                                              .put("dataset", "events")
                                              .put(
                                                  "order_by",
                                                  new JsonArray()
                                                      .add(new JsonObject().put("field", "id")))
                                              .put("limit", rows)))));
      JsonObject text =
          new JsonObject()
              .put(
                  "widget",
                  new JsonObject()
                      .put("name", "about")
                      .put(
                          "settings",
                          new JsonObject()
                              .put("kind", "text")
                              .put("settings", new JsonObject().put("text", "All events."))));
      JsonArray pages = new JsonArray().add(new JsonArray().add(text).add(table));
      bench.execute(
          "UPDATE reports SET config = '%s'::jsonb WHERE id = '%s'"
              .formatted(new JsonObject().put("pages", pages).encode(), seed[1]));
      String task = UUID.randomUUID().toString();
      bench.execute(
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, params, enabled,
                                    created_at, updated_at)
          VALUES ('%s', '%s', '%s', '@yearly', '00000000-0000-0000-0000-000000000000',
                  '{"format": "%s"}', false, now(), now())
          """
              .formatted(task, seed[1], seed[0], format));

      ExportBench.Heap heap = new ExportBench.Heap();
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      long start = System.nanoTime();
      bench.execute(
          """
          INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, pinned_instance,
                            created_at, updated_at)
          SELECT t.id, t.report_id, 'new', 'manual', now(), t.instance, now(), now()
          FROM report_tasks t WHERE t.id = '%s';
          SELECT pg_notify('periodica_runs', '');
          """
              .formatted(task));
      while (bench.count("SELECT count(*) FROM runs WHERE status IN ('new', 'in_action')") > 0) {
        Thread.sleep(50);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      heap.stop();
      var run = bench.row("SELECT status, error, file_path, result::text FROM runs");
      if (!"complete".equals(run.get(0))) {
        throw new IllegalStateException("the run ended " + run.get(0) + ": " + run.get(1));
      }
      Path file = data.resolve("reports").resolve(run.get(2));
      long lines;
      try (var all = Files.lines(file)) {
        lines = format.equals("xlsx") ? -1 : all.count();
      }
      System.out.printf(
          "RESULT report-output format=%s rows=%d seconds=%.2f file_bytes=%d file_lines=%d"
              + " heap_max_mib=%d heap_before_mib=%.1f peak_heap_used_mib=%.1f"
              + " peak_live_after_gc_mib=%.1f result=%s%n",
          format,
          rows,
          seconds,
          Files.size(file),
          lines,
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          heap.before / 1048576.0,
          heap.peakUsed.get() / 1048576.0,
          heap.peakLive.get() / 1048576.0,
          run.get(3));
      if (!format.equals("xlsx")) {
        try (var head = Files.lines(file)) {
          head.limit(3).forEach(line -> System.out.println("HEAD " + line));
        }
      }
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.println(
          "LOAD "
              + load
              + " (before) "
              + Files.readString(Path.of("/proc/loadavg")).trim()
              + " (after)");
      System.out.println("GC " + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
      System.out.flush();
    } finally {
      bench.stopAll();
      bench.execute("DROP SCHEMA IF EXISTS " + bench.schema + "_ds CASCADE");
      bench.dropSchema();
    }
    System.exit(0);
  }
}
