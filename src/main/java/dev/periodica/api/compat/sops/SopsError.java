package dev.periodica.api.compat.sops;

/** A request the facade refuses, answered {@code {"result": false, "data": null, message}}. */
final class SopsError extends RuntimeException {
  SopsError(String message) {
    super(message, null, false, false);
  }
}
