package dev.periodica.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * An open-model load: requests sent at a fixed rate whatever the server's answers, each latency
 * measured from the time the request was <em>meant</em> to be sent (so a stalled server cannot hide
 * its queue by slowing the sender: no coordinated omission). {@code java … OpenLoad <rate/s>
 * <seconds> <GET|POST> <url> [body]} with {@code HEADER} ("Name: value") and {@code CONNECTIONS}
 * (default 64) and {@code WARMUP} (seconds sent at the rate before recording starts, default 3)
 * from the environment. A request waiting for a free connection waits in the client's queue and its
 * wait counts in its latency; nothing is dropped.
 */
public final class OpenLoad {
  private OpenLoad() {}

  public static void main(String[] args) throws Exception {
    int rate = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    HttpMethod method = HttpMethod.valueOf(args[2]);
    URI url = URI.create(args[3]);
    Buffer body = args.length > 4 ? Buffer.buffer(args[4]) : null;
    String header = System.getenv().getOrDefault("HEADER", "");
    int connections = Integer.parseInt(System.getenv().getOrDefault("CONNECTIONS", "64"));
    // the first seconds open the connections and compile the client: sent, not recorded
    int warmup = Integer.parseInt(System.getenv().getOrDefault("WARMUP", "3"));

    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setPipelining(false),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(url.getHost())
            .setPort(url.getPort())
            .setURI(url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    if (!header.isEmpty()) {
      int colon = header.indexOf(':');
      options.putHeader(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
    }
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }

    Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long total = (long) rate * (seconds + warmup);
    long recordedFrom = (long) rate * warmup;
    CountDownLatch done = new CountDownLatch((int) total);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    // one timer per millisecond sends every request whose intended time has come
    long[] next = {0};
    vertx.setPeriodic(
        1,
        timer -> {
          long now = System.nanoTime();
          while (next[0] < total && start + next[0] * intervalNanos <= now) {
            long intended = start + next[0] * intervalNanos;
            boolean recorded = next[0] >= recordedFrom;
            next[0]++;
            client
                .request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(response.statusCode()))
                .onComplete(
                    result -> {
                      done.countDown();
                      if (!recorded) {
                        return;
                      }
                      synchronized (latencies) {
                        latencies.recordValue(
                            Math.min(
                                System.nanoTime() - intended,
                                latencies.getHighestTrackableValue()));
                      }
                      if (result.succeeded() && result.result() < 300) {
                        ok.incrementAndGet();
                      } else {
                        failed.incrementAndGet();
                      }
                    });
          }
          if (next[0] >= total) {
            vertx.cancelTimer(timer);
          }
        });
    done.await(seconds + warmup + 120L, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9 - warmup;
    System.out.printf(
        "open model %d/s for %d s: %d answered 2xx, %d other or failed, %.0f done/s;"
            + " latency from intended send p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms%n",
        rate,
        seconds,
        ok.get(),
        failed.get(),
        (ok.get() + failed.get()) / elapsed,
        latencies.getValueAtPercentile(50) / 1e6,
        latencies.getValueAtPercentile(99) / 1e6,
        latencies.getValueAtPercentile(99.9) / 1e6,
        latencies.getMaxValue() / 1e6);
    vertx.close();
  }
}
