package dev.periodica.support;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.spi.VertxTracerFactory;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Counts the SQL statements each HTTP request costs. Vert.x tells a tracer of every request the
 * server receives and of every statement a SQL client sends in that request's context (background
 * chores run outside any request and are not counted), so a request's statements are exactly the
 * ones its handlers ran, however many futures they went through.
 */
public final class StatementCounter implements VertxTracerFactory {
  private static final String KEY = "periodica.test.statements";
  private final Map<String, List<String>> byRequest = new ConcurrentHashMap<>();

  /**
   * The statements of the last finished request whose method and path ({@code GET /x}) match. The
   * tracer hears of the end of a request just after the client may have read its answer, so this
   * waits a moment for it.
   */
  public List<String> take(String methodAndPath) {
    List<String> statements = statements(methodAndPath);
    byRequest.remove(methodAndPath);
    return statements;
  }

  public List<String> statements(String methodAndPath) {
    List<String> statements = byRequest.get(methodAndPath);
    for (int i = 0; statements == null && i < 100; i++) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      statements = byRequest.get(methodAndPath);
    }
    if (statements == null) {
      throw new AssertionError(
          "no request " + methodAndPath + " seen; seen: " + byRequest.keySet());
    }
    return statements;
  }

  @Override
  public VertxTracer<?, ?> tracer(TracingOptions options) {
    return new Tracer();
  }

  private final class Tracer implements VertxTracer<String, Object> {
    @Override
    public <R> String receiveRequest(
        Context context,
        SpanKind kind,
        TracingPolicy policy,
        R request,
        String operation,
        Iterable<Map.Entry<String, String>> headers,
        TagExtractor<R> tagExtractor) {
      if (!(request instanceof HttpServerRequest http)) {
        return null;
      }
      ((ContextInternal) context)
          .localContextData()
          .put(KEY, Collections.synchronizedList(new ArrayList<String>()));
      return http.method() + " " + http.path();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> void sendResponse(
        Context context, R response, String request, Throwable failure, TagExtractor<R> tags) {
      if (request == null) {
        return;
      }
      Object statements = ((ContextInternal) context).localContextData().get(KEY);
      if (statements != null) {
        byRequest.put(request, List.copyOf((List<String>) statements));
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Object sendRequest(
        Context context,
        SpanKind kind,
        TracingPolicy policy,
        R request,
        String operation,
        BiConsumer<String, String> headers,
        TagExtractor<R> tagExtractor) {
      if (context == null) {
        return null;
      }
      Object statements = ((ContextInternal) context).localContextData().get(KEY);
      String sql = tagExtractor.extract(request).get("db.query.text");
      if (statements != null && sql != null) {
        ((List<String>) statements).add(sql);
      }
      return null;
    }
  }
}
