package dev.periodica.api;

import dev.periodica.common.Messages;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Serves the Prometheus text; with a token configured, only to requests bearing it ({@code
 * Authorization: Bearer <token>}), others get 401.
 */
final class MetricsHandler implements Handler<RoutingContext> {
  private static final String BEARER = "Bearer ";
  private final Handler<RoutingContext> scrape;
  private final Optional<byte[]> token;

  MetricsHandler(PrometheusMeterRegistry registry, Optional<String> token) {
    this.scrape = PrometheusScrapingHandler.create(registry);
    this.token = token.map(text -> text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token.isPresent() && !bears(ctx.request().getHeader("Authorization"), token.get())) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ErrorResponses.write(ctx, 401, Messages.METRICS_TOKEN_REQUIRED);
      return;
    }
    scrape.handle(ctx);
  }

  private static boolean bears(String header, byte[] expected) {
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] given = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    // constant time, so the token cannot be guessed byte by byte from response times
    return MessageDigest.isEqual(given, expected);
  }
}
