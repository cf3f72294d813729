package dev.periodica.support;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Real HTTP calls to a test server, as a given user. */
public final class Api {
  public static final String PREFIX = "/cruddy/v2";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Api(String base) {
    this.base = base;
  }

  public Response get(UUID user, String path) {
    return send(user, "GET", path, null);
  }

  public Response post(UUID user, String path, Object body) {
    return send(user, "POST", path, body);
  }

  public Response patch(UUID user, String path, Object body) {
    return send(user, "PATCH", path, body);
  }

  public Response delete(UUID user, String path) {
    return send(user, "DELETE", path, null);
  }

  /** Sends {@code body} as is: a String raw, anything else as JSON; {@code user} may be null. */
  public Response send(UUID user, String method, String path, Object body) {
    return sendWithHeader(user == null ? null : user.toString(), method, path, body);
  }

  public Response sendWithHeader(String userHeader, String method, String path, Object body) {
    String text = body == null ? null : body instanceof String s ? s : Json.encode(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, text == null ? BodyPublishers.noBody() : BodyPublishers.ofString(text));
    if (text != null) {
      request.header("Content-Type", "application/json");
    }
    if (userHeader != null) {
      request.header("Pgr-User-Id", userHeader);
    }
    return exchange(request);
  }

  /** A bodyless request as a browser page of {@code origin} sends it (its {@code Origin}). */
  public Response sendFromOrigin(UUID user, String origin, String method, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, BodyPublishers.noBody())
            .header("Pgr-User-Id", user.toString())
            .header("Origin", origin);
    return exchange(request);
  }

  /** Sends a request with the user header repeated once per value of {@code userHeaders}. */
  public Response sendWithHeaders(List<String> userHeaders, String method, String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, BodyPublishers.noBody());
    userHeaders.forEach(value -> request.header("Pgr-User-Id", value));
    return exchange(request);
  }

  private static Response exchange(HttpRequest.Builder request) {
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

  /** An answer: status, body text, headers. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String error() {
      return json().getString("error");
    }

    public String id() {
      return json().getString("id");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
