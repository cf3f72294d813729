package dev.periodica.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Fire throughput: 10,000 tasks firing every second ({@code diagnostic.sleep} with 0 ms) on one or
 * two instances. Reports runs created per second over a measured window, and lateness (start of the
 * run minus its fire time) p50/p99/max. Usage: {@code FireBench <instances> [seconds] [tasks]}.
 */
public final class FireBench {
  public static void main(String[] args) throws Exception {
    int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    BenchSupport bench = new BenchSupport();
    try {
      for (int i = 0; i < instances; i++) {
        bench.start(
            new JsonObject()
                .put("SCHEDULER_BATCH", 1000)
                .put("WORKER_CONCURRENCY", 512)
                .put("WORKER_INSTANCES", 2));
      }
      String[] seed = bench.seedReport();
      if ("1".equals(System.getenv("BENCH_NO_EVENTS"))) {
        // to measure what the live-progress trigger costs; never done in production
        bench.execute(
            "ALTER TABLE runs DISABLE TRIGGER runs_events_inserted;"
                + " ALTER TABLE runs DISABLE TRIGGER runs_events_updated");
      }
      bench.execute(
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
            overlap, misfire, next_run_at, created_at, updated_at)
          SELECT gen_random_uuid(), '%s', '%s', '@every 1s', '00000000-0000-0000-0000-000000000000',
                 'diagnostic.sleep', '{"ms": 0}', 'allow', 'once',
                 date_trunc('second', now()) + interval '2 seconds', now(), now()
          FROM generate_series(1, %d)
          """
              .formatted(seed[1], seed[0], tasks));
      Thread.sleep(5_000); // warm-up
      String from = bench.row("SELECT now()").get(0);
      Thread.sleep(seconds * 1000L);
      String to = bench.row("SELECT now()").get(0);
      bench.execute("UPDATE report_tasks SET enabled = false");
      Thread.sleep(3_000);
      String window =
          "scheduled_for >= '%s'::timestamptz AND scheduled_for < '%s'::timestamptz - interval '2 seconds'"
              .formatted(from, to);
      List<String> created =
          bench.row(
              """
              SELECT count(*), count(*) / greatest(extract(epoch FROM max(scheduled_for) - min(scheduled_for)) + 1, 1),
                     count(*) FILTER (WHERE status = 'complete')
              FROM runs WHERE %s
              """
                  .formatted(window));
      List<String> lateness =
          bench.row(
              """
              SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                     round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                     round(max(ms)::numeric, 1)
              FROM (SELECT extract(epoch FROM started_at - scheduled_for) * 1000 AS ms
                    FROM runs WHERE %s AND started_at IS NOT NULL) l
              """
                  .formatted(window));
      List<String> creation =
          bench.row(
              """
              SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
                     round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1)
              FROM (SELECT extract(epoch FROM created_at - scheduled_for) * 1000 AS ms
                    FROM runs WHERE %s) l
              """
                  .formatted(window));
      long duplicates =
          bench.count(
              "SELECT count(*) FROM (SELECT 1 FROM runs GROUP BY task_id, scheduled_for HAVING count(*) > 1) d");
      System.out.print(
          String.format(
              "RESULT fire instances=%d tasks=%d window_s=%d runs=%s runs_per_s=%s completed=%s"
                  + " lateness_ms_p50=%s p99=%s max=%s created_late_ms_p50=%s p99=%s duplicates=%d%n",
              instances,
              tasks,
              seconds,
              created.get(0),
              created.get(1),
              created.get(2),
              lateness.get(0),
              lateness.get(1),
              lateness.get(2),
              creation.get(0),
              creation.get(1),
              duplicates));
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.flush();
    } finally {
      bench.stopAll();
      bench.dropSchema();
    }
    System.exit(0);
  }
}
