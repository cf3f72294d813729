package dev.periodica.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * A Vert.x instance whose metrics (HTTP server, SQL pools, event bus, plus the JVM's and
 * periodica's own run counters) go to a Prometheus registry of its own, served at {@code /metrics}.
 * Each instance has its own registry, so several servers in one JVM do not mix.
 */
public final class Observability {
  /** A Vert.x instance and the registry its metrics go to. */
  public record Metered(Vertx vertx, PrometheusMeterRegistry registry) {}

  private Observability() {}

  public static Metered vertx() {
    return vertx(null);
  }

  /**
   * As {@link #vertx()}, with {@code tracer} (null for none) told of every HTTP request and every
   * SQL statement run on its behalf: tests count the statements an API request costs with it.
   */
  public static Metered vertx(VertxTracerFactory tracer) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    VertxOptions options =
        new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
    VertxBuilder builder = Vertx.builder().withMetrics(new RequestMeteredMetrics(registry));
    if (tracer != null) {
      options.setTracingOptions(new TracingOptions());
      builder.withTracer(tracer);
    }
    Vertx vertx = builder.with(options).build();
    return new Metered(vertx, registry);
  }
}
