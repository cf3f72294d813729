package dev.periodica.bench;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server side of the live-progress and memory benchmarks, in its own JVM: periodica on a fresh
 * schema (as {@link BenchSupport} starts it), and a small control endpoint on another Vert.x for
 * the client JVM ({@link WsBench}). It prints {@code READY control=<port>} once both listen, and
 * drops its schema when it is stopped (SIGTERM). Usage: {@code WsServer <control port>}.
 *
 * <ul>
 *   <li>{@code GET /info}: periodica's HTTP and metrics ports, the subscribers' user, this pid, the
 *       bench's task and report, and the database (for {@code WsBench replay}, which notifies
 *       events itself).
 *   <li>{@code POST /runs?n=&ms=&steps=}: {@code n} runs of {@code diagnostic.sleep} at once.
 *   <li>{@code GET /status}: runs not yet complete; run events the database notified so far (every
 *       element of every {@code periodica_run_events} array, counted by a listener of its own, so
 *       the expected count per subscriber); this JVM's CPU time.
 *   <li>{@code POST /tasks?n=}: {@code n} enabled tasks that fire at 03:00 (not during the bench).
 *   <li>{@code GET /memory}: heap used after a forced GC, and direct memory (NIO direct buffers,
 *       and Netty's own count of the direct memory it allocated without a cleaner, and what its
 *       pooled allocator uses).
 * </ul>
 */
public final class WsServer {
  public static void main(String[] args) throws Exception {
    int control = Integer.parseInt(args[0]);
    BenchSupport bench = new BenchSupport();
    int metricsPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      metricsPort = socket.getLocalPort();
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bench.stopAll();
                  bench.dropSchema();
                }));
    bench.start(
        new JsonObject()
            .put("WORKER_CONCURRENCY", 256)
            .put("WORKER_POLL_MS", 100)
            .put("METRICS_PORT", metricsPort)
            // every subscriber is the same user: lift the per-user connection cap for them
            .put("WS_MAX_CONNECTIONS_PER_USER", 100_000));
    int port = bench.ports.get(0);
    String[] seed = bench.seedReport();
    String owner = seed[0];
    String report = seed[1];
    String task = UUID.randomUUID().toString();
    bench.execute(
        """
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
          overlap, enabled, created_at, updated_at)
        VALUES ('%s', '%s', '%s', '@yearly', '00000000-0000-0000-0000-000000000000',
                'diagnostic.sleep', '{"ms": 5000, "steps": 50}', 'allow', false, now(), now())
        """
            .formatted(task, report, owner));

    Vertx vertx = Vertx.vertx();
    AtomicLong events = new AtomicLong();
    AtomicLong notifications = new AtomicLong();
    PgSubscriber listener =
        PgSubscriber.subscriber(
            vertx, PgConnectOptions.fromUri(bench.pgUrl().replace("postgresql:", "postgres:")));
    listener
        .channel("periodica_run_events")
        .handler(
            payload -> {
              notifications.incrementAndGet();
              events.addAndGet(payload.strip().startsWith("[") ? new JsonArray(payload).size() : 1);
            });
    listener.connect().toCompletionStage().toCompletableFuture().get();
    long pid = ProcessHandle.current().pid();
    vertx
        .createHttpServer()
        .requestHandler(
            request -> {
              String path = request.path();
              switch (path) {
                case "/info" ->
                    reply(
                        vertx,
                        request,
                        () ->
                            new JsonObject()
                                .put("port", port)
                                .put("metrics_port", metricsPort)
                                .put("owner", owner)
                                .put("task", task)
                                .put("report", report)
                                .put("jdbc_url", bench.url.jdbcUrl())
                                .put("db_user", bench.url.user())
                                .put(
                                    "db_password",
                                    bench.url.password() == null ? "" : bench.url.password())
                                .put("pid", pid)
                                .put("machine", BenchSupport.machine()));
                case "/runs" ->
                    reply(
                        vertx,
                        request,
                        () -> {
                          int n = Integer.parseInt(request.getParam("n", "100"));
                          int ms = Integer.parseInt(request.getParam("ms", "5000"));
                          int steps = Integer.parseInt(request.getParam("steps", "50"));
                          bench.execute(
                              """
                              UPDATE report_tasks SET params = '{"ms": %d, "steps": %d}' WHERE id = '%s';
                              INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for,
                                                pinned_instance, created_at, updated_at)
                              SELECT '%s', '%s', 'new', 'manual', now() + i * interval '1 microsecond',
                                     '00000000-0000-0000-0000-000000000000', now(), now()
                              FROM generate_series(1, %d) AS i;
                              SELECT pg_notify('periodica_runs', '');
                              """
                                  .formatted(ms, steps, task, task, report, n));
                          return new JsonObject().put("inserted", n);
                        });
                case "/status" ->
                    reply(
                        vertx,
                        request,
                        () ->
                            new JsonObject()
                                .put(
                                    "unfinished",
                                    bench.count(
                                        "SELECT count(*) FROM runs WHERE status <> 'complete'"))
                                .put("events", events.get())
                                .put("notifications", notifications.get())
                                .put("cpu_ms", cpuMillis())
                                .put("sys_ms", systemMillis()));
                case "/tasks" ->
                    reply(
                        vertx,
                        request,
                        () -> {
                          int n = Integer.parseInt(request.getParam("n", "10000"));
                          bench.execute(
                              """
                              INSERT INTO report_tasks (id, report_id, owner_id, interval, instance,
                                job, params, overlap, next_run_at, created_at, updated_at)
                              SELECT gen_random_uuid(), '%s', '%s', '0 3 * * *',
                                     '00000000-0000-0000-0000-000000000000', 'diagnostic.sleep',
                                     '{"ms": 0}', 'allow',
                                     date_trunc('day', now()) + interval '1 day 3 hours', now(), now()
                              FROM generate_series(1, %d)
                              """
                                  .formatted(report, owner, n));
                          return new JsonObject()
                              .put("tasks", bench.count("SELECT count(*) FROM report_tasks"));
                        });
                case "/memory" -> reply(vertx, request, WsServer::memory);
                default -> request.response().setStatusCode(404).end();
              }
            })
        .listen(control, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    System.out.println("READY control=" + control + " port=" + port + " pid=" + pid);
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void reply(Vertx vertx, HttpServerRequest request, Callable<JsonObject> work) {
    vertx
        .executeBlocking(work)
        .onComplete(
            done -> {
              if (done.succeeded()) {
                request.response().end(done.result().encode());
              } else {
                request.response().setStatusCode(500).end(String.valueOf(done.cause()));
              }
            });
  }

  /** Heap left after a forced full GC (twice, to let finalisation and cleaners run), and direct. */
  static JsonObject memory() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(200);
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long nioDirect = 0;
    long nioDirectCount = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if ("direct".equals(pool.getName())) {
        nioDirect = pool.getMemoryUsed();
        nioDirectCount = pool.getCount();
      }
    }
    var pooled = PooledByteBufAllocator.DEFAULT.metric();
    // Vert.x's own pooled allocator (for the buffers it hands out) when it is another instance
    long vertxPooled = -1;
    if (io.vertx.core.impl.buffer.VertxByteBufAllocator.POOLED_ALLOCATOR
            instanceof PooledByteBufAllocator vertx
        && vertx != PooledByteBufAllocator.DEFAULT) {
      vertxPooled = vertx.metric().usedDirectMemory();
    }
    return new JsonObject()
        .put("heap_used", heap.getUsed())
        .put("heap_committed", heap.getCommitted())
        .put("nio_direct_used", nioDirect)
        .put("nio_direct_count", nioDirectCount)
        .put("netty_direct_used", PlatformDependent.usedDirectMemory())
        .put("netty_pooled_direct_used", pooled.usedDirectMemory())
        .put("netty_pooled_heap_used", pooled.usedHeapMemory())
        .put("vertx_pooled_direct_used", vertxPooled)
        .put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
  }

  /** This process's CPU time in the kernel (system calls: the sockets' writes), or -1. */
  private static long systemMillis() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      // the fields after the command name (in parentheses, which may hold spaces): stime is 15th
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]) * 10; // clock ticks of 10 ms (USER_HZ = 100)
    } catch (Exception e) {
      return -1;
    }
  }

  private static long cpuMillis() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime() / 1_000_000
        : -1;
  }
}
