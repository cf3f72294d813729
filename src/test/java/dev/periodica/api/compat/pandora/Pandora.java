package dev.periodica.api.compat.pandora;

import dev.periodica.support.Api.Response;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.UUID;

/** A client of the export-task facade, sending requests as Pandora's callers do. */
final class Pandora {
  static final String PREFIX = "/api/v1/export";
  static final String JSON = "application/json";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  Pandora(int port) {
    this.base = "http://localhost:" + port + PREFIX;
  }

  Response get(UUID user, String path) {
    return send(user, "GET", path, null, null);
  }

  Response post(UUID user, String path, Object body) {
    return send(user, "POST", path, body, JSON);
  }

  Response put(UUID user, String path, Object body) {
    return send(user, "PUT", path, body, JSON);
  }

  Response delete(UUID user, String path) {
    return send(user, "DELETE", path, null, null);
  }

  /**
   * {@code body} as is when a String, else as JSON; {@code contentType} and {@code user} may be
   * null (not sent).
   */
  Response send(UUID user, String method, String path, Object body, String contentType) {
    String text = body == null ? null : body instanceof String s ? s : Json.encode(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, text == null ? BodyPublishers.noBody() : BodyPublishers.ofString(text));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      request.header("Pgr-User-Id", user.toString());
    }
    try {
      var response = CLIENT.send(request.build(), BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
