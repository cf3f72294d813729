package dev.periodica.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;

/**
 * Report generation: a 10-page report (20 charts — line and bar — and a 1,000-row table) over a
 * 1,000,000-row dataset, rendered as PDF. Reports claim-to-complete wall time cold and warm, the
 * JVM's CPU time and peak heap during the warm runs, and reports per minute with 16 at once. Usage:
 * {@code ReportBench [rows]}.
 */
public final class ReportBench {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    BenchSupport bench = new BenchSupport();
    try {
      bench.start(
          new JsonObject().put("DATASETS_SCHEMA", bench.schema + "_ds").put("WORKER_POLL_MS", 100));
      bench.execute(
          """
          CREATE SCHEMA IF NOT EXISTS %1$s_ds;
          CREATE TABLE %1$s_ds.events (time timestamptz NOT NULL, category text, severity int,
                                       host text, value numeric);
          INSERT INTO %1$s_ds.events
          SELECT now() - i * interval '2 seconds', (ARRAY['a','b','c','d','e'])[1 + i %% 5],
                 i %% 5, 'host-' || (i %% 50), i %% 1000
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
            widget("per hour " + p, new JsonObject().put("interval", "1h").put("fields", count())));
        page.add(
            widget(
                "by host " + p,
                new JsonObject()
                    .put("fields", count().add(new JsonObject().put("field", "host")))
                    .put("group_by", new JsonArray().add("host"))));
        if (p == 9) {
          page.add(
              widget(
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
      String task = UUID.randomUUID().toString();
      bench.execute(
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, params, enabled,
                                    created_at, updated_at)
          VALUES ('%s', '%s', '%s', '@yearly', '00000000-0000-0000-0000-000000000000',
                  '{"format": "pdf"}', false, now(), now())
          """
              .formatted(task, seed[1], seed[0]));
      double cold = runs(bench, task, 1).get(0);
      var os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      ManagementFactory.getMemoryPoolMXBeans().forEach(pool -> pool.resetPeakUsage());
      List<Double> warm = runs(bench, task, 3);
      double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9 / 3;
      long peakHeap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
              .mapToLong(pool -> pool.getPeakUsage().getUsed())
              .sum();
      long start = System.nanoTime();
      runs(bench, task, 16);
      double perMinute = 16 / ((System.nanoTime() - start) / 1e9) * 60;
      long size = bench.count("SELECT max(file_size) FROM runs");
      System.out.println(
          String.format(
              "RESULT report rows=%d cold_s=%.2f warm_s=%s cpu_s_per_report=%.2f peak_heap_mib=%d"
                  + " reports_per_min=%.1f pdf_bytes=%d",
              rows, cold, warm, cpuSeconds, peakHeap / (1024 * 1024), perMinute, size));
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.flush();
    } finally {
      bench.stopAll();
      bench.execute("DROP SCHEMA IF EXISTS " + bench.schema + "_ds CASCADE");
      bench.dropSchema();
    }
    System.exit(0);
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

  private static JsonObject widget(String name, JsonObject query) {
    return new JsonObject()
        .put(
            "widget",
            new JsonObject()
                .put("name", name)
                .put(
                    "series",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("name", "s")
                                .put("query", query.put("dataset", "events")))));
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
}
