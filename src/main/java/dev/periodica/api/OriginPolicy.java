package dev.periodica.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open a live-progress WebSocket. A browser always sends the page's {@code
 * Origin}; without this check any site a user visits could subscribe in their name. Accepted: no
 * {@code Origin} at all (another service, not a browser), the server's own origin (its host and
 * port equal the request's {@code Host}, whatever the scheme, as a TLS proxy may sit in front) and
 * the configured origins; {@code *} among them accepts every origin.
 */
public final class OriginPolicy {
  public static final String ANY = "*";
  private final Set<String> allowed;
  private final boolean any;

  /** {@code allowed}: origins such as {@code https://app.example.com}, or {@code *}. */
  public OriginPolicy(List<String> allowed) {
    this.any = allowed.contains(ANY);
    this.allowed =
        allowed.stream()
            .filter(origin -> !origin.equals(ANY))
            .map(origin -> normalize(origin).orElseThrow())
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether a request with this {@code Origin} (null: none) and {@code Host} may connect. */
  boolean allows(String origin, String host) {
    if (origin == null || any) {
      return true;
    }
    Optional<String> normalized = normalize(origin);
    if (normalized.isEmpty()) {
      return false;
    }
    return allowed.contains(normalized.get()) || sameOrigin(normalized.get(), host);
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String scheme = origin.substring(0, origin.indexOf(':'));
    // the Host header in the origin's form, its port defaulting as the origin's scheme does
    return normalize(scheme + "://" + host.trim())
        .map(requested -> requested.equals(origin))
        .orElse(false);
  }

  /**
   * An origin in the one form origins are compared in: {@code scheme://host:port}, lower case, the
   * port always given. Empty when {@code text} is not an http(s) origin (a path, user info, {@code
   * null} and the like).
   */
  static Optional<String> normalize(String text) {
    return dev.periodica.config.HttpConfig.normalizeOrigin(text);
  }
}
