package dev.periodica.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WebSocket fan-out: {@code subscribers} clients all watching {@code runs} busy runs (each 5 s in
 * 50 progress steps). Reports events delivered and the delay from a run's change (its updated_at)
 * to its arrival at a client, p50/p99/max. Usage: {@code WsBench [subscribers] [runs]}.
 */
public final class WsBench {
  private static final String UPDATED_AT = "\"updated_at\":\"";

  public static void main(String[] args) throws Exception {
    int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    BenchSupport bench = new BenchSupport();
    Vertx clients = Vertx.vertx();
    try {
      // every subscriber is the same user: lift the per-user connection cap for them
      bench.start(
          new JsonObject()
              .put("WORKER_CONCURRENCY", 256)
              .put("WORKER_POLL_MS", 100)
              .put("WS_MAX_CONNECTIONS_PER_USER", subscribers));
      int port = bench.ports.get(0);
      String[] seed = bench.seedReport();
      String owner = seed[0];
      String task = UUID.randomUUID().toString();
      bench.execute(
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
            overlap, enabled, created_at, updated_at)
          VALUES ('%s', '%s', '%s', '@yearly', '00000000-0000-0000-0000-000000000000',
                  'diagnostic.sleep', '{"ms": 5000, "steps": 50}', 'allow', false, now(), now())
          """
              .formatted(task, seed[1], owner));
      long[] delays = new long[50_000_000];
      AtomicLong received = new AtomicLong();
      WebSocketClient client =
          clients.createWebSocketClient(
              new WebSocketClientOptions().setMaxConnections(subscribers));
      List<io.vertx.core.Future<?>> connected = new ArrayList<>();
      for (int i = 0; i < subscribers; i++) {
        connected.add(
            client
                .connect(
                    new WebSocketConnectOptions()
                        .setHost("localhost")
                        .setPort(port)
                        .setURI("/cruddy/v2/ws")
                        .addHeader("Pgr-User-Id", owner))
                .onSuccess(
                    socket -> {
                      socket.textMessageHandler(
                          text -> {
                            // cheap on purpose: clients share this machine's two cores
                            int at = text.indexOf(UPDATED_AT);
                            if (at < 0) {
                              return;
                            }
                            int from = at + UPDATED_AT.length();
                            long sent =
                                OffsetDateTime.parse(text.substring(from, text.indexOf('"', from)))
                                    .toInstant()
                                    .toEpochMilli();
                            long index = received.getAndIncrement();
                            if (index < delays.length) {
                              delays[(int) index] = System.currentTimeMillis() - sent;
                            }
                          });
                      socket.writeTextMessage("{\"action\": \"subscribe\", \"all\": true}");
                    }));
      }
      io.vertx.core.Future.all(connected)
          .toCompletionStage()
          .toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      Thread.sleep(1000);
      bench.execute(
          """
          INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, pinned_instance,
                            created_at, updated_at)
          SELECT '%s', '%s', 'new', 'manual', now() + i * interval '1 microsecond',
                 '00000000-0000-0000-0000-000000000000', now(), now()
          FROM generate_series(1, %d) AS i;
          SELECT pg_notify('periodica_runs', '');
          """
              .formatted(task, seed[1], runs));
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline
          && bench.count("SELECT count(*) FROM runs WHERE status <> 'complete'") > 0) {
        Thread.sleep(500);
      }
      Thread.sleep(2000);
      int n = (int) Math.min(received.get(), delays.length);
      long[] sorted = Arrays.copyOf(delays, n);
      Arrays.sort(sorted);
      System.out.print(
          String.format(
              "RESULT ws subscribers=%d runs=%d events_received=%d delay_ms_p50=%d p99=%d max=%d%n",
              subscribers,
              runs,
              n,
              n == 0 ? -1 : sorted[n / 2],
              n == 0 ? -1 : sorted[(int) (n * 0.99)],
              n == 0 ? -1 : sorted[n - 1]));
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.flush();
    } finally {
      clients.close();
      bench.stopAll();
      bench.dropSchema();
    }
    System.exit(0);
  }
}
