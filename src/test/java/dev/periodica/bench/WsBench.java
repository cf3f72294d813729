package dev.periodica.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of the live-progress and memory benchmarks, in a JVM of its own (the server is
 * {@link WsServer}, reached through its control port). Usage:
 *
 * <ul>
 *   <li>{@code WsBench delay <control port> <subscribers> <runs> [ms] [steps]}: the subscribers
 *       watch everything their user sees; {@code runs} runs of {@code diagnostic.sleep} ({@code ms}
 *       long, {@code steps} progress reports) start at once. Reports the delay from a run's change
 *       (its {@code updated_at}, written by the server from the machine's clock) to the event's
 *       arrival at a subscriber's socket (this JVM, same clock), p50/p99/max, and the events
 *       delivered against the expected count: subscribers × the run events the database notified
 *       (and the notifications that carried them), and the server JVM's CPU time per delivered
 *       frame (it includes the workers' and the notifications' share, which is per event, not per
 *       subscriber).
 *   <li>{@code WsBench replay <control port> <subscribers> <notifications/s> <events each>
 *       <seconds>}: the same subscribers, and a fixed stream of run events this process notifies
 *       itself (the same whatever the server's speed, unlike the runs' own): delay, events
 *       delivered, and the server's CPU per delivered frame, which is then the delivery's alone.
 *   <li>{@code WsBench memory <control port> <subscribers> <tasks>}: the server's heap after a
 *       forced GC and its direct memory, before and after {@code subscribers} idle subscribers
 *       connect (then after they leave), and before and after {@code tasks} tasks are created.
 * </ul>
 */
public final class WsBench {
  private static final String UPDATED_AT = "\"updated_at\":\"";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static int control;

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    control = Integer.parseInt(args[1]);
    JsonObject info = get("/info");
    Vertx vertx = Vertx.vertx();
    try {
      if ("replay".equals(mode)) {
        replay(
            vertx,
            info,
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]),
            Integer.parseInt(args[5]));
      } else if ("delay".equals(mode)) {
        delay(
            vertx,
            info,
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            args.length > 4 ? Integer.parseInt(args[4]) : 5000,
            args.length > 5 ? Integer.parseInt(args[5]) : 50,
            args.length > 6 ? Integer.parseInt(args[6]) : 0);
      } else {
        memory(vertx, info, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  /**
   * {@code runs} runs of {@code ms} with {@code steps} progress reports, started at once ({@code
   * spreadMs} 0: the burst of every run's first events together) or one by one, evenly over {@code
   * spreadMs} (runs that report progress side by side without all starting in the same instant).
   */
  private static void delay(
      Vertx vertx, JsonObject info, int subscribers, int runs, int ms, int steps, int spreadMs)
      throws Exception {
    // one slot per expected event: subscribers × runs × (steps + new, in action, complete)
    long capacity = Math.min(150_000_000L, (long) subscribers * runs * (steps + 4));
    int[] delays = new int[(int) capacity];
    byte[] kinds = new byte[(int) capacity];
    AtomicLong received = new AtomicLong();
    boolean trace = "1".equals(System.getenv("WS_TRACE"));
    List<WebSocket> sockets =
        connect(
            vertx,
            info,
            subscribers,
            (index, data) -> {
              // cheap on purpose: the clients' CPU is part of what is measured (the frame's bytes,
              // no string decoding, the time read where the server writes it)
              long sent = sentMillis(data);
              if (sent < 0) {
                return;
              }
              long now = System.currentTimeMillis();
              long slot = received.getAndIncrement();
              if (slot < delays.length) {
                delays[(int) slot] = (int) (now - sent);
                kinds[(int) slot] = kind(data);
              }
              if (trace && index == 0) {
                System.out.println("TRACE " + (now - sent) + " ms " + data);
              }
            });
    Thread.sleep(2000);
    long before = received.get();
    JsonObject start = get("/status");
    double loadBefore = load();
    long cpuBefore = cpuMillis();
    long wallBefore = System.currentTimeMillis();
    if (spreadMs <= 0) {
      post("/runs?n=" + runs + "&ms=" + ms + "&steps=" + steps);
    } else {
      for (int run = 0; run < runs; run++) {
        long due = wallBefore + (long) spreadMs * run / runs;
        Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
        post("/runs?n=1&ms=" + ms + "&steps=" + steps);
      }
    }
    long deadline = System.currentTimeMillis() + 120_000 + ms * 4L + spreadMs;
    double loadDuring = 0;
    while (System.currentTimeMillis() < deadline && get("/status").getLong("unfinished") > 0) {
      loadDuring = Math.max(loadDuring, load());
      Thread.sleep(500);
    }
    // the last events may still be on their way: wait until none arrived for a second
    long seen = -1;
    while (received.get() != seen) {
      seen = received.get();
      Thread.sleep(1000);
    }
    long wall = System.currentTimeMillis() - wallBefore;
    JsonObject end = get("/status");
    long notified = end.getLong("events") - start.getLong("events");
    long notifications = end.getLong("notifications") - start.getLong("notifications");
    double serverCpu = (end.getLong("cpu_ms") - start.getLong("cpu_ms")) / 1000.0;
    double serverSys = (end.getLong("sys_ms") - start.getLong("sys_ms")) / 1000.0;
    long expected = notified * subscribers;
    long got = received.get() - before;
    int n = (int) Math.min(received.get(), delays.length);
    int[] sorted = Arrays.copyOfRange(delays, (int) Math.min(before, n), n);
    Arrays.sort(sorted);
    int m = sorted.length;
    System.out.printf(
        "RESULT ws subscribers=%d runs=%d ms=%d steps=%d spread_ms=%d events_notified=%d"
            + " notifications=%d"
            + " expected=%d delivered=%d (%.2f%%) delay_ms_p50=%d p99=%d p999=%d max=%d"
            + " load_before=%.2f load_max_during=%.2f server_cpu_s=%.1f (kernel %.1f)"
            + " server_cpu_us_per_frame=%.2f clients_cpu_s=%.1f wall_s=%.1f%n",
        subscribers,
        runs,
        ms,
        steps,
        spreadMs,
        notified,
        notifications,
        expected,
        got,
        expected == 0 ? 0 : 100.0 * got / expected,
        m == 0 ? -1 : sorted[m / 2],
        m == 0 ? -1 : sorted[(int) (m * 0.99)],
        m == 0 ? -1 : sorted[(int) (m * 0.999)],
        m == 0 ? -1 : sorted[m - 1],
        loadBefore,
        loadDuring,
        serverCpu,
        serverSys,
        got == 0 ? 0 : serverCpu * 1_000_000 / got,
        (cpuMillis() - cpuBefore) / 1000.0,
        wall / 1000.0);
    printKinds(delays, kinds, (int) Math.min(before, n), n);
    System.out.println("MACHINE server: " + info.getString("machine"));
    System.out.println("MACHINE clients: " + BenchSupport.machine());
    sockets.forEach(WebSocket::close);
  }

  /** What an event says of its run, by {@link #kind}; the index is the kind. */
  private static final String[] KINDS = {"other", "new", "claim", "progress", "end"};

  private static final byte[] STATUS = "\"status\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEW = "new\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROGRESS_0 = "\"progress\":0,".getBytes(StandardCharsets.US_ASCII);

  /**
   * The kind of a run event, read from its bytes: {@code new} (the run was queued), {@code claim}
   * (in action at 0%: a worker took it), {@code progress} (in action above 0%), {@code end} (any
   * other status: complete, failed, cancelled…), or other.
   */
  static byte kind(Buffer data) {
    int n = data.length() - STATUS.length;
    for (int at = RUN.length; at < n; at++) {
      if (data.getByte(at) == '"' && startsWith(data, at, STATUS)) {
        int value = at + STATUS.length;
        if (startsWith(data, value, NEW)) {
          return 1;
        }
        if (data.getByte(value) != 'i' || data.getByte(value + 1) != 'n') {
          return 4;
        }
        // in_action: "progress" follows the status
        int progress = value + "in_action\",".length();
        return (byte) (startsWith(data, progress, PROGRESS_0) ? 2 : 3);
      }
    }
    return 0;
  }

  /** The delays of each kind of event: where the start of the runs and steady progress differ. */
  private static void printKinds(int[] delays, byte[] kinds, int from, int to) {
    for (int kind = 1; kind < KINDS.length; kind++) {
      int count = 0;
      for (int i = from; i < to; i++) {
        count += kinds[i] == kind ? 1 : 0;
      }
      int[] own = new int[count];
      int next = 0;
      for (int i = from; i < to; i++) {
        if (kinds[i] == kind) {
          own[next++] = delays[i];
        }
      }
      Arrays.sort(own);
      System.out.printf(
          "KIND %-8s events=%d delay_ms_p50=%d p99=%d max=%d%n",
          KINDS[kind],
          count,
          count == 0 ? -1 : own[count / 2],
          count == 0 ? -1 : own[(int) (count * 0.99)],
          count == 0 ? -1 : own[count - 1]);
    }
  }

  /**
   * A fixed stream of run events, the same whatever the server's speed: {@code rate} notifications
   * a second, each an array of {@code size} in-action events of the bench's task (100 run ids in
   * turn, progress going up), notified by this process, each event's {@code updated_at} the
   * database's clock when it is notified; 3 s of warm-up, then {@code seconds} measured.
   */
  private static void replay(
      Vertx vertx, JsonObject info, int subscribers, int rate, int size, int seconds)
      throws Exception {
    long capacity = Math.min(150_000_000L, (long) subscribers * rate * size * (seconds + 2));
    int[] delays = new int[(int) capacity];
    AtomicLong received = new AtomicLong();
    List<WebSocket> sockets =
        connect(
            vertx,
            info,
            subscribers,
            (index, data) -> {
              long sent = sentMillis(data);
              if (sent < 0) {
                return;
              }
              long now = System.currentTimeMillis();
              long slot = received.getAndIncrement();
              if (slot < delays.length) {
                delays[(int) slot] = (int) (now - sent);
              }
            });
    Thread.sleep(2000);
    String sql =
        """
        SELECT pg_notify('periodica_run_events',
          (SELECT json_agg(json_build_object('id', (?::bigint + g) %% 100 + 1, 'task_id', '%s',
                   'report_id', '%s', 'status', 'in_action',
                   'progress', ((?::bigint + g) / 100) %% 100,
                   'trigger', 'manual', 'attempt', 1, 'updated_at', clock_timestamp()))::text
           FROM generate_series(0, %d) g))
        """
            .formatted(info.getString("task"), info.getString("report"), size - 1);
    try (java.sql.Connection db =
            java.sql.DriverManager.getConnection(
                info.getString("jdbc_url"),
                info.getString("db_user"),
                info.getString("db_password"));
        java.sql.PreparedStatement notify = db.prepareStatement(sql)) {
      long[] sequence = {0};
      // warm-up (the JIT, the visibility answer), not measured
      JsonObject warm = get("/status");
      notify(notify, sequence, rate, size, 3);
      awaitAll(received, warm, subscribers, 0);
      JsonObject start = get("/status");
      long cpuBefore = cpuMillis();
      long wallBefore = System.currentTimeMillis();
      double loadBefore = load();
      received.set(0);
      notify(notify, sequence, rate, size, seconds);
      awaitAll(received, start, subscribers, 0);
      long wall = System.currentTimeMillis() - wallBefore;
      JsonObject end = get("/status");
      long notified = end.getLong("events") - start.getLong("events");
      long expected = notified * subscribers;
      long got = received.get();
      int n = (int) Math.min(got, delays.length);
      int[] sorted = Arrays.copyOf(delays, n);
      Arrays.sort(sorted);
      double serverCpu = (end.getLong("cpu_ms") - start.getLong("cpu_ms")) / 1000.0;
      double serverSys = (end.getLong("sys_ms") - start.getLong("sys_ms")) / 1000.0;
      System.out.printf(
          "RESULT ws-replay subscribers=%d notifications_per_s=%d events_per_notification=%d"
              + " seconds=%d events_notified=%d expected=%d delivered=%d (%.2f%%)"
              + " delay_ms_p50=%d p99=%d p999=%d max=%d load_before=%.2f load_after=%.2f"
              + " server_cpu_s=%.1f (kernel %.1f) server_cpu_us_per_frame=%.2f clients_cpu_s=%.1f"
              + " wall_s=%.1f%n",
          subscribers,
          rate,
          size,
          seconds,
          notified,
          expected,
          got,
          expected == 0 ? 0 : 100.0 * got / expected,
          n == 0 ? -1 : sorted[n / 2],
          n == 0 ? -1 : sorted[(int) (n * 0.99)],
          n == 0 ? -1 : sorted[(int) (n * 0.999)],
          n == 0 ? -1 : sorted[n - 1],
          loadBefore,
          load(),
          serverCpu,
          serverSys,
          got == 0 ? 0 : serverCpu * 1_000_000 / got,
          (cpuMillis() - cpuBefore) / 1000.0,
          wall / 1000.0);
    }
    System.out.println("MACHINE server: " + info.getString("machine"));
    System.out.println("MACHINE clients: " + BenchSupport.machine());
    sockets.forEach(WebSocket::close);
  }

  /**
   * Waits until every subscriber has every event notified since {@code since} (counted from {@code
   * base} received), or none arrived for 10 s (some were coalesced for a client that fell behind).
   */
  private static void awaitAll(AtomicLong received, JsonObject since, int subscribers, long base)
      throws Exception {
    long seen = received.get();
    long quietSince = System.currentTimeMillis();
    while (System.currentTimeMillis() - quietSince < 10_000) {
      long expected = (get("/status").getLong("events") - since.getLong("events")) * subscribers;
      long now = received.get();
      if (now - base >= expected) {
        return;
      }
      if (now != seen) {
        seen = now;
        quietSince = System.currentTimeMillis();
      }
      Thread.sleep(200);
    }
  }

  /** {@code rate} notifications a second for {@code seconds}, on a fixed schedule (open model). */
  private static void notify(
      java.sql.PreparedStatement notify, long[] sequence, int rate, int size, int seconds)
      throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < rate * seconds; i++) {
      long due = start + i * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      notify.setLong(1, sequence[0]);
      notify.setLong(2, sequence[0]);
      notify.execute();
      sequence[0] += size;
    }
  }

  private static void memory(Vertx vertx, JsonObject info, int subscribers, int tasks)
      throws Exception {
    for (int sample = 1; sample <= 2; sample++) {
      JsonObject idle = get("/memory");
      List<WebSocket> sockets = connect(vertx, info, subscribers, (index, text) -> {});
      Thread.sleep(3000);
      JsonObject connected = get("/memory");
      for (WebSocket socket : sockets) {
        socket.close();
      }
      Thread.sleep(3000);
      JsonObject closed = get("/memory");
      print("subscribers", subscribers, sample, idle, connected, closed);
    }
    for (int sample = 1; sample <= 2; sample++) {
      JsonObject before = get("/memory");
      post("/tasks?n=" + tasks);
      // the scheduler's next ticks see them
      Thread.sleep(3000);
      JsonObject after = get("/memory");
      print("tasks", tasks, sample, before, after, null);
    }
    System.out.println("MACHINE server: " + info.getString("machine"));
  }

  private static void print(
      String what, int count, int sample, JsonObject before, JsonObject after, JsonObject closed) {
    System.out.printf(
        "RESULT memory %s=%d sample=%d load=%.2f heap_after_gc_mib before=%.1f after=%.1f"
            + " delta=%.1f%s nio_direct_mib before=%.2f after=%.2f netty_direct_mib before=%.2f"
            + " after=%.2f netty_pooled_mib before=%.2f after=%.2f threads before=%d after=%d%n",
        what,
        count,
        sample,
        load(),
        mib(before, "heap_used"),
        mib(after, "heap_used"),
        mib(after, "heap_used") - mib(before, "heap_used"),
        closed == null ? "" : String.format(" after_close=%.1f", mib(closed, "heap_used")),
        mib(before, "nio_direct_used"),
        mib(after, "nio_direct_used"),
        mib(before, "netty_direct_used"),
        mib(after, "netty_direct_used"),
        mib(before, "netty_pooled_direct_used")
            + Math.max(0, mib(before, "vertx_pooled_direct_used")),
        mib(after, "netty_pooled_direct_used")
            + Math.max(0, mib(after, "vertx_pooled_direct_used")),
        before.getInteger("threads"),
        after.getInteger("threads"));
  }

  private static double mib(JsonObject memory, String field) {
    return memory.getLong(field) / (1024.0 * 1024.0);
  }

  interface Receiver {
    void received(int subscriber, Buffer message);
  }

  private static final byte[] RUN = "{\"type\":\"run\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UPDATED = UPDATED_AT.getBytes(StandardCharsets.US_ASCII);

  /** yyyy-MM-ddTHH:mm:ss.SSSSSSZ, as {@code Timestamps} writes every time. */
  private static final int TIME = 27;

  /**
   * The {@code updated_at} of a run event in milliseconds, or -1 for another message (or a run
   * without one). A run event ends with {@code "updated_at":"<time>"}}}: the time is read there,
   * without decoding the message, and the date part is cached (it rarely changes).
   */
  static long sentMillis(Buffer data) {
    int n = data.length();
    int time = n - 3 - TIME;
    int marker = time - UPDATED.length;
    if (marker < RUN.length || !startsWith(data, 0, RUN) || !startsWith(data, marker, UPDATED)) {
      String text = data.toString(StandardCharsets.UTF_8);
      int at = text.indexOf(UPDATED_AT);
      if (!text.startsWith("{\"type\":\"run\"") || at < 0) {
        return -1;
      }
      int from = at + UPDATED_AT.length();
      return Instant.parse(text.substring(from, text.indexOf('"', from))).toEpochMilli();
    }
    long day = day(data, time);
    return day
        + digits(data, time + 11, 2) * 3_600_000L
        + digits(data, time + 14, 2) * 60_000L
        + digits(data, time + 17, 2) * 1_000L
        + digits(data, time + 20, 3);
  }

  private static final byte[] lastDate = new byte[10];
  private static long lastDay = Long.MIN_VALUE;

  /** Midnight (UTC) of the date at {@code at}, in epoch milliseconds; the last one is kept. */
  private static synchronized long day(Buffer data, int at) {
    boolean same = lastDay != Long.MIN_VALUE;
    for (int i = 0; i < 10 && same; i++) {
      same = lastDate[i] == data.getByte(at + i);
    }
    if (!same) {
      for (int i = 0; i < 10; i++) {
        lastDate[i] = data.getByte(at + i);
      }
      lastDay =
          java.time.LocalDate.parse(new String(lastDate, StandardCharsets.US_ASCII)).toEpochDay()
              * 86_400_000L;
    }
    return lastDay;
  }

  private static int digits(Buffer data, int at, int count) {
    int value = 0;
    for (int i = 0; i < count; i++) {
      value = value * 10 + (data.getByte(at + i) - '0');
    }
    return value;
  }

  private static boolean startsWith(Buffer data, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (data.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Connects {@code n} subscribers to everything their user sees, a few hundred at a time. */
  private static List<WebSocket> connect(Vertx vertx, JsonObject info, int n, Receiver receiver)
      throws Exception {
    WebSocketClient client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n));
    List<WebSocket> sockets = new ArrayList<>();
    for (int from = 0; from < n; from += 500) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(n, from + 500); i++) {
        int index = i;
        batch.add(
            client
                .connect(
                    new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(info.getInteger("port"))
                        .setURI("/cruddy/v2/ws")
                        .addHeader("Pgr-User-Id", info.getString("owner")))
                .onSuccess(
                    socket -> {
                      // each message is one frame: the frames' data, with no aggregation into text
                      socket.handler(data -> receiver.received(index, data));
                      socket.writeTextMessage("{\"action\": \"subscribe\", \"all\": true}");
                    }));
      }
      Future.all(batch).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      batch.forEach(f -> sockets.add(f.result()));
    }
    return sockets;
  }

  private static JsonObject get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private static JsonObject post(String path) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + control + path);
  }

  private static JsonObject send(HttpRequest request) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }

  static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
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
