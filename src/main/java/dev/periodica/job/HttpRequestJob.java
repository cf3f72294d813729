package dev.periodica.job;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.run.JobContext;
import dev.periodica.run.JobFailure;
import dev.periodica.run.JobKind;
import dev.periodica.run.JobParams;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * {@code http.request}: calls a URL ({@code method}, {@code url}, {@code headers}, {@code body},
 * {@code timeout_ms}) without blocking. A 2xx answer completes the run; 5xx (and 408, 429), no
 * answer in time and a failed connection are transient, retried per the task's policy; any other
 * answer (4xx, a redirect, which is not followed) fails it. Records the status, content type, size
 * and the first kilobyte of the answer.
 *
 * <p>Only hosts of {@code HTTP_JOB_ALLOWED_HOSTS} are called ({@link HttpHosts}); the host is
 * resolved once per run, each address checked, and the connection made to the checked address, so a
 * second lookup cannot lead it elsewhere.
 */
public final class HttpRequestJob implements JobKind {
  public static final String KIND = "http.request";
  static final int MAX_URL = 2048;
  static final int MAX_TIMEOUT_MS = 300_000;
  static final int DEFAULT_TIMEOUT_MS = 30_000;
  static final int MAX_HEADERS = 50;
  static final int MAX_HEADER_VALUE = 8192;
  static final int MAX_BODY = 1_048_576;
  static final int EXCERPT = 1024;
  static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final List<String> PARAMS =
      List.of("method", "url", "headers", "body", "timeout_ms");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");

  /** Headers the client sets itself from the URL and body, or that change the connection. */
  private static final Set<String> FORBIDDEN =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "upgrade",
          "te",
          "trailer",
          "proxy-connection");

  /** A checked call. */
  private record Call(
      HttpMethod method,
      String host,
      int port,
      boolean ssl,
      String target,
      Map<String, String> headers,
      Buffer body,
      int timeoutMs) {}

  private final Vertx vertx;
  private final HttpHosts hosts;
  private final HttpClient client;

  /** {@code allowedHosts}: {@code HTTP_JOB_ALLOWED_HOSTS}; empty turns the kind off. */
  public HttpRequestJob(Vertx vertx, List<String> allowedHosts) {
    this.vertx = vertx;
    this.hosts = new HttpHosts(allowedHosts);
    this.client = vertx.createHttpClient(new HttpClientOptions().setVerifyHost(true));
  }

  @Override
  public String name() {
    return KIND;
  }

  @Override
  public String description() {
    return "Calls a URL of a host in HTTP_JOB_ALLOWED_HOSTS: 2xx completes, 5xx and timeouts are"
        + " retried, 4xx fails";
  }

  @Override
  public boolean needsReport() {
    return false;
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put("additionalProperties", false)
        .put("required", new JsonArray().add("url"))
        .put(
            "properties",
            new JsonObject()
                .put(
                    "method",
                    new JsonObject()
                        .put("type", "string")
                        .put("enum", new JsonArray(METHODS))
                        .put("default", "GET"))
                .put(
                    "url",
                    new JsonObject()
                        .put("type", "string")
                        .put("format", "uri")
                        .put("maxLength", MAX_URL))
                .put(
                    "headers",
                    new JsonObject()
                        .put("type", "object")
                        .put("maxProperties", MAX_HEADERS)
                        .put(
                            "additionalProperties",
                            new JsonObject()
                                .put("type", "string")
                                .put("maxLength", MAX_HEADER_VALUE)))
                .put(
                    "body",
                    new JsonObject()
                        .put("type", new JsonArray().add("string").add("object").add("array"))
                        .put("description", "text as is, or JSON (sent as application/json)"))
                .put(
                    "timeout_ms",
                    new JsonObject()
                        .put("type", "integer")
                        .put("minimum", 1)
                        .put("maximum", MAX_TIMEOUT_MS)
                        .put("default", DEFAULT_TIMEOUT_MS)));
  }

  @Override
  public Future<Void> checkParams(JsonObject params) {
    return JobParams.check(() -> read(params));
  }

  private Call read(JsonObject params) {
    if (hosts.disabled()) {
      throw new Invalid(Messages.HTTP_JOB_DISABLED);
    }
    JobParams.only(params, KIND, PARAMS);
    URI uri = url(params.getValue("url"));
    String host = host(uri);
    if (!hosts.allows(host)) {
      throw new Invalid(Messages.httpHostNotAllowed(host));
    }
    HttpHosts.literal(host)
        .flatMap(address -> hosts.refusal(host, address))
        .ifPresent(
            range -> {
              throw new Invalid(Messages.httpAddressRefused(host, range));
            });
    String method = JobParams.oneOf(params, "method", METHODS, true);
    Integer timeout = JobParams.integer(params, "timeout_ms", 1, MAX_TIMEOUT_MS);
    Map<String, String> headers = headers(params.getValue("headers"));
    Buffer body = body(params.getValue("body"), headers);
    boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new Call(
        HttpMethod.valueOf(method == null ? "GET" : method),
        host,
        uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80,
        ssl,
        uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery(),
        headers,
        body,
        timeout == null ? DEFAULT_TIMEOUT_MS : timeout);
  }

  private static URI url(Object value) {
    if (value == null) {
      throw new Invalid(Messages.paramRequired("url"));
    }
    if (value instanceof String text && text.length() <= MAX_URL) {
      try {
        URI uri = new URI(text);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https"))
            && uri.getHost() != null
            && uri.getRawUserInfo() == null
            && (uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535))) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // answered below
      }
    }
    throw new Invalid(Messages.HTTP_URL);
  }

  /** The URL's host, lower-case, an IPv6 address without its brackets. */
  private static String host(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Map<String, String> headers(Object value) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (value == null) {
      return headers;
    }
    String shape = String.format(Messages.HTTP_HEADERS, MAX_HEADERS, MAX_HEADER_VALUE);
    if (!(value instanceof JsonObject object) || object.size() > MAX_HEADERS) {
      throw new Invalid(shape);
    }
    for (Map.Entry<String, Object> entry : object) {
      String name = entry.getKey();
      if (!TOKEN.matcher(name).matches()
          || !(entry.getValue() instanceof String text)
          || text.length() > MAX_HEADER_VALUE
          || !text.chars().allMatch(HttpRequestJob::headerValueChar)) {
        throw new Invalid(shape);
      }
      if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
        throw new Invalid(String.format(Messages.HTTP_HEADER_FORBIDDEN, name));
      }
      headers.put(name, text);
    }
    return headers;
  }

  /**
   * A character a header value can carry as it is: HTTP/1.1 sends values as bytes, so a control
   * character fails every run and one beyond Latin-1 would silently become {@code ?}.
   */
  private static boolean headerValueChar(int c) {
    return c == '\t' || (c >= 0x20 && c <= 0xff && c != 0x7f);
  }

  private static Buffer body(Object value, Map<String, String> headers) {
    if (value == null) {
      return null;
    }
    Buffer body;
    if (value instanceof String text) {
      body = Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof JsonObject || value instanceof JsonArray) {
      body =
          value instanceof JsonObject object ? object.toBuffer() : ((JsonArray) value).toBuffer();
      if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
        headers.put("Content-Type", "application/json");
      }
    } else {
      throw new Invalid(String.format(Messages.HTTP_BODY, MAX_BODY));
    }
    if (body.length() > MAX_BODY) {
      throw new Invalid(String.format(Messages.HTTP_BODY, MAX_BODY));
    }
    return body;
  }

  @Override
  public Future<Void> run(JobContext context) {
    Call call;
    try {
      // checked when saved; checked again, since HTTP_JOB_ALLOWED_HOSTS may have changed since
      call = read(context.params());
    } catch (Invalid e) {
      return Future.failedFuture(JobFailure.permanent(e.getMessage()));
    }
    return resolve(call.host())
        .compose(address -> send(call, address))
        .compose(answer -> context.result(answer).compose(recorded -> outcome(answer)));
  }

  /** One lookup per run, each address checked; the call goes to the first one. */
  private Future<InetAddress> resolve(String host) {
    return vertx
        .executeBlocking(() -> InetAddress.getAllByName(host), false)
        .recover(
            failure ->
                Future.failedFuture(
                    JobFailure.transientFailure(
                        "could not resolve " + host + ": " + failure.getMessage())))
        .compose(
            addresses -> {
              for (InetAddress address : addresses) {
                var range = hosts.refusal(host, address);
                if (range.isPresent()) {
                  return Future.failedFuture(
                      JobFailure.permanent(
                          Messages.httpResolvedRefused(
                              host, address.getHostAddress(), range.get())));
                }
              }
              return Future.succeededFuture(addresses[0]);
            });
  }

  private Future<JsonObject> send(Call call, InetAddress address) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(call.method())
            .setServer(SocketAddress.inetSocketAddress(call.port(), address.getHostAddress()))
            .setHost(call.host())
            .setPort(call.port())
            .setSsl(call.ssl())
            .setURI(call.target())
            .setFollowRedirects(false)
            .setConnectTimeout(call.timeoutMs());
    call.headers().forEach(options::addHeader);
    Promise<JsonObject> answered = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            call.timeoutMs(),
            id -> {
              if (answered.tryFail(
                  JobFailure.transientFailure("no answer within " + call.timeoutMs() + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                  request.reset();
                }
              }
            });
    client
        .request(options)
        .compose(
            request -> {
              sent.set(request);
              if (answered.future().isComplete()) {
                // the time ran out while connecting: this attempt sends nothing
                request.reset();
                return Future.failedFuture("timed out before sending");
              }
              return call.body() == null ? request.send() : request.send(call.body());
            })
        .compose(HttpRequestJob::collect)
        .onComplete(
            result -> {
              vertx.cancelTimer(timer);
              if (result.succeeded()) {
                answered.tryComplete(result.result());
              } else {
                answered.tryFail(
                    JobFailure.transientFailure(
                        "the request failed: " + String.valueOf(result.cause().getMessage())));
              }
            });
    return answered.future();
  }

  /** Counts the answer's bytes, keeping the first {@link #EXCERPT}; never holds all of it. */
  private static Future<JsonObject> collect(HttpClientResponse response) {
    Promise<JsonObject> done = Promise.promise();
    Buffer excerpt = Buffer.buffer();
    long[] bytes = {0};
    response.handler(
        chunk -> {
          bytes[0] += chunk.length();
          if (excerpt.length() < EXCERPT) {
            excerpt.appendBuffer(
                chunk.slice(0, Math.min(chunk.length(), EXCERPT - excerpt.length())));
          }
        });
    response.exceptionHandler(done::tryFail);
    response.endHandler(
        end ->
            done.tryComplete(
                new JsonObject()
                    .put("status", response.statusCode())
                    .put("content_type", storable(response.getHeader("Content-Type")))
                    .put("bytes", bytes[0])
                    .put("body", storable(excerpt.toString(StandardCharsets.UTF_8)))
                    .put("status_message", storable(response.statusMessage()))));
    return done.future();
  }

  /**
   * Text the run's result can hold: PostgreSQL's jsonb refuses U+0000, and an answer that could not
   * be recorded would be taken for a failure and the request sent again.
   */
  private static String storable(String text) {
    return text == null ? null : text.replace('\u0000', '\ufffd');
  }

  private static Future<Void> outcome(JsonObject answer) {
    int status = answer.getInteger("status");
    if (status >= 200 && status < 300) {
      return Future.succeededFuture();
    }
    String text = "HTTP " + status + " " + answer.getString("status_message", "");
    if (status >= 500 || status == 408 || status == 429) {
      return Future.failedFuture(JobFailure.transientFailure(text.strip()));
    }
    if (status >= 300 && status < 400) {
      return Future.failedFuture(
          JobFailure.permanent(text.strip() + ": redirects are not followed"));
    }
    return Future.failedFuture(JobFailure.permanent(text.strip()));
  }
}
