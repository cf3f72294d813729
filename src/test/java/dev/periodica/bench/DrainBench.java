package dev.periodica.bench;

import io.vertx.core.json.JsonObject;

/**
 * Claim-to-complete throughput: 200,000 runs already queued ({@code diagnostic.sleep} with 0 ms),
 * drained by one instance. Usage: {@code DrainBench [runs]}.
 */
public final class DrainBench {
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    BenchSupport bench = new BenchSupport();
    try {
      bench.start(
          new JsonObject()
              .put("WORKER_CONCURRENCY", 512)
              .put("WORKER_INSTANCES", 2)
              .put("WORKER_POLL_MS", 10_000));
      String[] seed = bench.seedReport();
      String task = java.util.UUID.randomUUID().toString();
      bench.execute(
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
            enabled, created_at, updated_at)
          VALUES ('%s', '%s', '%s', '@yearly', '00000000-0000-0000-0000-000000000000',
                  'diagnostic.sleep', '{"ms": 0}', false, now(), now());
          ALTER TABLE runs DISABLE TRIGGER runs_events_inserted;
          ALTER TABLE runs DISABLE TRIGGER runs_events_updated;
          INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance,
                            created_at, updated_at)
          SELECT '%s', '%s', 'new', timestamptz 'epoch' + i * interval '1 second',
                 '00000000-0000-0000-0000-000000000000', now(), now()
          FROM generate_series(1, %d) AS i;
          ALTER TABLE runs ENABLE TRIGGER runs_events_inserted;
          ALTER TABLE runs ENABLE TRIGGER runs_events_updated;
          """
              .formatted(task, seed[1], seed[0], task, seed[1], runs));
      long start = System.nanoTime();
      bench.execute("SELECT pg_notify('periodica_runs', '')");
      long done = 0;
      while (done < runs) {
        Thread.sleep(500);
        done = bench.count("SELECT count(*) FROM runs WHERE status = 'complete'");
        if (System.nanoTime() - start > 900_000_000_000L) {
          break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.print(
          String.format(
              "RESULT drain runs=%d completed=%d seconds=%.1f runs_per_s=%.0f%n",
              runs, done, seconds, done / seconds));
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.flush();
    } finally {
      bench.stopAll();
      bench.dropSchema();
    }
    System.exit(0);
  }
}
