package dev.periodica.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * vertx-micrometer-metrics with the HTTP servers' per-request meters taken by {@link
 * HttpRequestMeters}; every other metric is the library's own.
 */
final class RequestMeteredMetrics implements VertxMetricsFactory {
  private final MicrometerMetricsFactory library;
  private final MeterRegistry registry;

  RequestMeteredMetrics(MeterRegistry registry) {
    this.library = new MicrometerMetricsFactory(registry);
    this.registry = registry;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    VertxMetrics metrics = library.metrics(options);
    if (options.getMetricsOptions() instanceof MicrometerMetricsOptions micrometer
        && HttpRequestMeters.supports(micrometer)) {
      return new Delegating(metrics, new HttpRequestMeters(registry, micrometer));
    }
    return metrics;
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return library.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions() {
    return library.newOptions();
  }

  @Override
  public MetricsOptions newOptions(io.vertx.core.json.JsonObject json) {
    return library.newOptions(json);
  }

  /** The library's metrics, but for the HTTP servers' requests. */
  private record Delegating(VertxMetrics library, HttpRequestMeters requests)
      implements VertxMetrics {
    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(
        HttpServerOptions options, SocketAddress localAddress) {
      HttpServerMetrics<?, ?, ?> metrics = library.createHttpServerMetrics(options, localAddress);
      return metrics == null ? null : requests.around(metrics);
    }

    @Override
    public EventBusMetrics<?> createEventBusMetrics() {
      return library.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(
        SocketAddress remoteAddress, String type, String namespace) {
      return library.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return library.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(
        NetServerOptions options, SocketAddress localAddress) {
      return library.createNetServerMetrics(options, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return library.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return library.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
      return library.createPoolMetrics(poolType, poolName, maxPoolSize);
    }

    @Override
    public void vertxCreated(io.vertx.core.Vertx vertx) {
      library.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return library.isMetricsEnabled();
    }

    @Override
    public void close() {
      library.close();
    }
  }
}
