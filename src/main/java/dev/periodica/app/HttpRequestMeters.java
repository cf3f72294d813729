package dev.periodica.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP server's per-request meters of vertx-micrometer-metrics (active requests, request and
 * response sizes, requests and response time by method and status, resets), with the same names,
 * descriptions and tags, each looked up once per method and status instead of built and looked up
 * in the registry four to six times per request (about a twentieth of a simple GET's CPU). Meters
 * are registered when the library would first register them, so a scrape shows the same series.
 * Connections, bytes and errors stay the library's.
 *
 * <p>Only for the labels this server uses, {@code method} and {@code code}: with a label that
 * varies per connection or per path ({@code local}, {@code remote}, {@code path}, {@code route}) or
 * custom request tags, {@link #supports} says no and the library's meters are used as they are.
 */
final class HttpRequestMeters {
  private static final Set<Label> PER_CONNECTION_OR_PATH =
      Set.of(Label.LOCAL, Label.REMOTE, Label.HTTP_PATH, Label.HTTP_ROUTE);

  private final MeterRegistry registry;
  private final MetricsNaming names;
  private final ConcurrentMap<String, MethodMeters> byMethod = new ConcurrentHashMap<>();
  // HTTP/2 pushes are metered without a method, as the library meters them
  private final MethodMeters pushed;

  HttpRequestMeters(MeterRegistry registry, MicrometerMetricsOptions options) {
    this.registry = registry;
    // the library names a domain's meters with its prefix: vertx.http.server.requests, ...
    this.names =
        options
            .getMetricsNaming()
            .withBaseName("vertx." + MetricsDomain.HTTP_SERVER.toCategory() + ".");
    this.pushed = new MethodMeters(Tags.empty());
  }

  /** Whether these meters are the library's for {@code options}. */
  static boolean supports(MicrometerMetricsOptions options) {
    Set<Label> labels = options.getLabels();
    return labels.contains(Label.HTTP_METHOD)
        && labels.contains(Label.HTTP_CODE)
        && labels.stream().noneMatch(PER_CONNECTION_OR_PATH::contains)
        && options.getServerRequestTagsProvider() == null
        && !options.isMetricsCategoryDisabled(MetricsDomain.HTTP_SERVER);
  }

  /** The library's metrics of one HTTP server with its per-request meters replaced by these. */
  HttpServerMetrics<?, ?, ?> around(HttpServerMetrics<?, ?, ?> library) {
    @SuppressWarnings("unchecked")
    HttpServerMetrics<Object, Object, Object> untyped =
        (HttpServerMetrics<Object, Object, Object>) library;
    return new Server(untyped);
  }

  /**
   * The methods Vert.x knows by name: any other token a client sends is metered as {@code other},
   * so made-up methods cannot grow the registry and the scrape without bound (the library tags
   * each).
   */
  private static final java.util.Set<String> KNOWN_METHODS =
      HttpMethod.values().stream()
          .map(HttpMethod::name)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private MethodMeters of(HttpMethod method) {
    String name = KNOWN_METHODS.contains(method.name()) ? method.name() : "other";
    MethodMeters meters = byMethod.get(name);
    return meters != null
        ? meters
        : byMethod.computeIfAbsent(name, m -> new MethodMeters(Tags.of("method", m)));
  }

  /** The meters of one method, and of its statuses as they are answered. */
  private final class MethodMeters {
    final Tags tags;
    final LongAdder active = new LongAdder();
    private final ConcurrentMap<Integer, StatusMeters> byStatus = new ConcurrentHashMap<>();
    private volatile boolean activeRegistered;
    private volatile DistributionSummary requestBytes;
    private volatile Counter resets;

    MethodMeters(Tags tags) {
      this.tags = tags;
    }

    void begin() {
      if (!activeRegistered) {
        Gauge.builder(names.getHttpActiveRequests(), active, LongAdder::doubleValue)
            .description("Number of requests being processed")
            .tags(tags)
            .register(registry);
        activeRegistered = true;
      }
      active.increment();
    }

    DistributionSummary requestBytes() {
      DistributionSummary meter = requestBytes;
      if (meter == null) {
        meter =
            DistributionSummary.builder(names.getHttpRequestBytes())
                .description("Size of requests in bytes")
                .tags(tags)
                .register(registry);
        requestBytes = meter;
      }
      return meter;
    }

    Counter resets() {
      Counter meter = resets;
      if (meter == null) {
        meter =
            Counter.builder(names.getHttpRequestResetsCount())
                .description("Number of request resets")
                .tags(tags)
                .register(registry);
        resets = meter;
      }
      return meter;
    }

    StatusMeters status(int code) {
      StatusMeters meters = byStatus.get(code);
      return meters != null
          ? meters
          : byStatus.computeIfAbsent(
              code, c -> new StatusMeters(tags.and("code", String.valueOf(c))));
    }
  }

  /** The meters of one method and status, registered together as the library does. */
  private final class StatusMeters {
    final Counter requests;
    final Timer time;
    final DistributionSummary responseBytes;

    StatusMeters(Tags tags) {
      requests =
          Counter.builder(names.getHttpRequestsCount())
              .description("Number of processed requests")
              .tags(tags)
              .register(registry);
      time =
          Timer.builder(names.getHttpResponseTime())
              .description("Request processing time")
              .tags(tags)
              .register(registry);
      responseBytes =
          DistributionSummary.builder(names.getHttpResponseBytes())
              .description("Size of responses in bytes")
              .tags(tags)
              .register(registry);
    }
  }

  /** One request in flight; ends once both its request and its response have ended. */
  private static final class Request {
    final MethodMeters meters;
    final long startNanos = System.nanoTime();
    private boolean requestEnded;
    private boolean responseEnded;
    private boolean reset;

    Request(MethodMeters meters) {
      this.meters = meters;
    }

    boolean endRequest() {
      requestEnded = true;
      return !reset && responseEnded;
    }

    boolean endResponse() {
      responseEnded = true;
      return !reset && requestEnded;
    }
  }

  /** The library's server metrics for connections, these for requests. */
  private final class Server implements HttpServerMetrics<Request, Object, Object> {
    private final HttpServerMetrics<Object, Object, Object> library;

    Server(HttpServerMetrics<Object, Object, Object> library) {
      this.library = library;
    }

    @Override
    public Request requestBegin(Object socket, HttpRequest request) {
      return begin(of(request.method()));
    }

    @Override
    public Request responsePushed(
        Object socket, HttpMethod method, String uri, HttpResponse response) {
      return begin(pushed);
    }

    private Request begin(MethodMeters meters) {
      meters.begin();
      return new Request(meters);
    }

    @Override
    public void requestEnd(Request request, HttpRequest httpRequest, long bytesRead) {
      request.meters.requestBytes().record(bytesRead);
      if (request.endRequest()) {
        request.meters.active.decrement();
      }
    }

    @Override
    public void requestReset(Request request) {
      request.meters.resets().increment();
      request.meters.active.decrement();
      request.reset = true;
    }

    @Override
    public void responseEnd(Request request, HttpResponse response, long bytesWritten) {
      StatusMeters status = request.meters.status(response.statusCode());
      status.requests.increment();
      status.time.record(System.nanoTime() - request.startNanos, TimeUnit.NANOSECONDS);
      status.responseBytes.record(bytesWritten);
      if (request.endResponse()) {
        request.meters.active.decrement();
      }
    }

    @Override
    public Object connected(Object socket, Request request, ServerWebSocket webSocket) {
      // the library's WebSocket gauge reads only the connection's tags
      return library.connected(socket, null, webSocket);
    }

    @Override
    public void disconnected(Object webSocket) {
      library.disconnected(webSocket);
    }

    @Override
    public Object connected(SocketAddress remoteAddress, String remoteName) {
      return library.connected(remoteAddress, remoteName);
    }

    @Override
    public void disconnected(Object socket, SocketAddress remoteAddress) {
      library.disconnected(socket, remoteAddress);
    }

    @Override
    public void bytesRead(Object socket, SocketAddress remoteAddress, long numberOfBytes) {
      library.bytesRead(socket, remoteAddress, numberOfBytes);
    }

    @Override
    public void bytesWritten(Object socket, SocketAddress remoteAddress, long numberOfBytes) {
      library.bytesWritten(socket, remoteAddress, numberOfBytes);
    }

    @Override
    public void exceptionOccurred(Object socket, SocketAddress remoteAddress, Throwable t) {
      library.exceptionOccurred(socket, remoteAddress, t);
    }

    @Override
    public void close() {
      library.close();
    }
  }
}
