package dev.periodica.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the HTTP side lets callers do with the server's resources: how long a silent connection
 * stays open, where metrics are served and to whom, which web origins may open live-progress
 * WebSockets and how many a user may hold.
 *
 * @param metricsPort the port {@code /metrics} is served on alone; 0: no such port
 * @param metricsToken when present, every scrape must bear it ({@code Authorization: Bearer}), and
 *     {@code /metrics} is also served on the API port; when absent the API port has no {@code
 *     /metrics}
 * @param allowedOrigins origins ({@code scheme://host:port}, lower case, port always given) allowed
 *     to open WebSockets besides the server's own; {@code *} allows every origin
 * @param consoleReadOnly {@code CONSOLE_READ_ONLY}: every call that changes something is refused
 *     (403) and the console hides its actions
 * @param consoleDevIdentity {@code CONSOLE_DEV_IDENTITY}: the console lets the person pick who they
 *     act as (no gateway sets {@code Pgr-User-Id}); on by default only with the embedded database
 */
public record HttpConfig(
    Duration idleTimeout,
    int metricsPort,
    Optional<String> metricsToken,
    List<String> allowedOrigins,
    int wsMaxConnectionsPerUser,
    boolean consoleReadOnly,
    boolean consoleDevIdentity) {
  static final String ANY_ORIGIN = "*";
  static final int MIN_TOKEN_LENGTH = 16;

  public HttpConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  static HttpConfig from(JsonObject json, int httpPort) {
    int metricsPort = AppConfig.integer(json, ConfigKeys.METRICS_PORT, 9090, 0, 65535);
    if (metricsPort != 0 && metricsPort == httpPort) {
      throw new IllegalArgumentException(
          "METRICS_PORT must differ from HTTP_PORT (or be 0 for none), got: " + metricsPort);
    }
    return new HttpConfig(
        Duration.ofSeconds(
            AppConfig.integer(json, ConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS, 60, 1, 86_400)),
        metricsPort,
        token(json.getValue(ConfigKeys.METRICS_TOKEN)),
        origins(json.getValue(ConfigKeys.ALLOWED_ORIGINS)),
        AppConfig.integer(json, ConfigKeys.WS_MAX_CONNECTIONS_PER_USER, 20, 1, 100_000),
        AppConfig.flag(json, ConfigKeys.CONSOLE_READ_ONLY, false),
        AppConfig.flag(
            json,
            ConfigKeys.CONSOLE_DEV_IDENTITY,
            json.getString(ConfigKeys.PG_URL, "").isBlank()));
  }

  private static Optional<String> token(Object value) {
    String token = value == null ? "" : value.toString().trim();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.length() < MIN_TOKEN_LENGTH || !token.matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException(
          "METRICS_TOKEN must be at least "
              + MIN_TOKEN_LENGTH
              + " printable ASCII characters without spaces");
    }
    return Optional.of(token);
  }

  private static List<String> origins(Object value) {
    List<String> items = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(item -> items.add(String.valueOf(item)));
    } else if (value != null) {
      items.addAll(List.of(value.toString().split(",")));
    }
    List<String> origins = new ArrayList<>();
    for (String item : items) {
      String origin = item.trim();
      if (!origin.isEmpty()) {
        origins.add(origin.equals(ANY_ORIGIN) ? ANY_ORIGIN : origin(origin));
      }
    }
    return origins;
  }

  /**
   * An origin as browsers send it, {@code https://app.example.com[:port]}, in the one form origins
   * are compared in: lower case with the port always given. Empty when {@code text} is not one.
   */
  public static Optional<String> normalizeOrigin(String text) {
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean bare =
          (uri.getRawPath() == null || uri.getRawPath().isEmpty())
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
        return Optional.empty();
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static String origin(String text) {
    return normalizeOrigin(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "ALLOWED_ORIGINS must be a comma-separated list of origins such as"
                        + " https://app.example.com (scheme, host and optional port, no path),"
                        + " or *, got: "
                        + text));
  }
}
