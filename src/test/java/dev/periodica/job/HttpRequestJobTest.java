package dev.periodica.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Runs;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code http.request} against an HTTP server of the test on the loopback address, which the
 * periodica server lists in {@code HTTP_JOB_ALLOWED_HOSTS}: 2xx completes, 5xx is retried, 4xx
 * fails; hosts not listed, and private addresses not listed explicitly, are refused.
 */
class HttpRequestJobTest {
  private static final String CREATE = Api.PREFIX + "/report_tasks/create";
  private static final String ANY = "00000000-0000-0000-0000-000000000000";
  private static Vertx vertx;
  private static HttpServer target;
  private static TestServer listed;
  private static TestServer wildcard;
  private static final List<String> received = new CopyOnWriteArrayList<>();
  private static final AtomicInteger flaky = new AtomicInteger();
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    target =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              received.add(
                                  request.method()
                                      + " "
                                      + request.uri()
                                      + " "
                                      + request.getHeader("X-Token")
                                      + " "
                                      + request.getHeader("Host")
                                      + " "
                                      + body);
                              switch (request.path()) {
                                case "/ok" -> request.response().setStatusCode(200).end("fine");
                                case "/nul" ->
                                    request.response().setStatusCode(200).end("a\u0000b");
                                case "/flaky" ->
                                    request
                                        .response()
                                        .setStatusCode(flaky.getAndIncrement() == 0 ? 503 : 204)
                                        .end();
                                case "/slow" -> {
                                  // never answers: the job's timeout ends the wait
                                }
                                default -> request.response().setStatusCode(404).end();
                              }
                            }))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    listed = TestServer.start(fast().put("HTTP_JOB_ALLOWED_HOSTS", "127.0.0.1, 10.1.2.3"));
    wildcard = TestServer.start(fast().put("HTTP_JOB_ALLOWED_HOSTS", "*"));
  }

  private static JsonObject fast() {
    return new JsonObject()
        .put("SCHEDULER_TICK_MS", 100)
        .put("WORKER_POLL_MS", 100)
        .put("RETRY_BASE_SECONDS", 1);
  }

  @AfterAll
  static void stop() throws Exception {
    listed.close();
    wildcard.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + target.actualPort() + path;
  }

  private static JsonObject task(JsonObject params) {
    return new JsonObject()
        .put("interval", "@yearly")
        .put("instance", ANY)
        .put("job", "http.request")
        .put("params", params);
  }

  private JsonObject runNow(TestServer server, JsonObject task) throws InterruptedException {
    Response created = server.api().post(owner, CREATE, task);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    long id =
        server
            .api()
            .post(owner, Api.PREFIX + "/report_tasks/" + created.id() + "/run", null)
            .json()
            .getLong("id");
    return Runs.awaitEnded(server.api(), owner, id);
  }

  @Test
  void a_2xx_answer_completes_the_run_and_records_the_status() throws Exception {
    JsonObject run =
        runNow(
            listed,
            task(
                new JsonObject()
                    .put("method", "POST")
                    .put("url", url("/ok?x=1"))
                    .put("headers", new JsonObject().put("X-Token", "t0k"))
                    .put("body", new JsonObject().put("hello", "world"))));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getJsonObject("result").getInteger("status")).isEqualTo(200);
    assertThat(run.getJsonObject("result").getLong("bytes")).isEqualTo(4);
    assertThat(run.getJsonObject("result").getString("body")).isEqualTo("fine");
    assertThat(received)
        .contains(
            "POST /ok?x=1 t0k 127.0.0.1:"
                + target.actualPort()
                + " "
                + new JsonObject().put("hello", "world").encode());
  }

  @Test
  void a_5xx_answer_is_retried_and_the_next_attempt_completes() throws Exception {
    JsonObject run =
        runNow(listed, task(new JsonObject().put("url", url("/flaky"))).put("max_attempts", 3));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getInteger("attempt")).isEqualTo(2);
    assertThat(run.getJsonObject("result").getInteger("status")).isEqualTo(204);
    assertThat(flaky.get()).isEqualTo(2);
  }

  @Test
  void a_4xx_answer_ends_the_run_in_error_without_a_retry() throws Exception {
    JsonObject run =
        runNow(listed, task(new JsonObject().put("url", url("/missing"))).put("max_attempts", 3));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("error");
    assertThat(run.getInteger("attempt")).isEqualTo(1);
    assertThat(run.getString("error")).isEqualTo("HTTP 404 Not Found");
    assertThat(run.getJsonObject("result").getInteger("status")).isEqualTo(404);
  }

  @Test
  void a_timeout_is_transient_and_ends_in_error_once_the_attempts_are_used() throws Exception {
    JsonObject run =
        runNow(
            listed,
            task(new JsonObject().put("url", url("/slow")).put("timeout_ms", 200))
                .put("max_attempts", 1));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("error");
    assertThat(run.getString("error"))
        .isEqualTo("no answer within 200 ms (gave up after 1 attempts)");
  }

  @Test
  void a_host_not_listed_is_refused_when_the_task_is_saved() {
    long before = listed.count("report_tasks");

    Response refused =
        listed.api().post(owner, CREATE, task(new JsonObject().put("url", "https://example.org/")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error())
        .isEqualTo("params.url may not call example.org: it is not in HTTP_JOB_ALLOWED_HOSTS");
    assertThat(listed.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void private_loopback_and_link_local_addresses_are_refused_unless_listed_explicitly() {
    Response privateRange =
        wildcard.api().post(owner, CREATE, task(new JsonObject().put("url", "http://10.9.8.7/")));
    Response loopback =
        wildcard.api().post(owner, CREATE, task(new JsonObject().put("url", "http://[::1]:8080/")));
    Response linkLocal =
        wildcard
            .api()
            .post(
                owner,
                CREATE,
                task(new JsonObject().put("url", "http://169.254.169.254/latest/meta-data")));
    Response explicitlyListed =
        listed
            .api()
            .post(
                owner,
                CREATE,
                task(new JsonObject().put("url", "http://10.1.2.3/hook")).put("enabled", false));

    assertThat(privateRange.status()).isEqualTo(400);
    assertThat(privateRange.error())
        .isEqualTo(
            "params.url may not call 10.9.8.7: a private address; list it in"
                + " HTTP_JOB_ALLOWED_HOSTS to allow it");
    assertThat(loopback.error())
        .isEqualTo(
            "params.url may not call ::1: a loopback address; list it in"
                + " HTTP_JOB_ALLOWED_HOSTS to allow it");
    assertThat(linkLocal.error())
        .isEqualTo(
            "params.url may not call 169.254.169.254: a link-local address; list it in"
                + " HTTP_JOB_ALLOWED_HOSTS to allow it");
    assertThat(explicitlyListed.status()).as(explicitlyListed.toString()).isEqualTo(201);
  }

  @Test
  void a_name_resolving_to_a_loopback_address_is_refused_when_run() throws Exception {
    int before = received.size();

    JsonObject run =
        runNow(
            wildcard,
            task(new JsonObject().put("url", "http://localhost:" + target.actualPort() + "/ok")));

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("error");
    assertThat(run.getString("error"))
        .matches(
            "http.request may not call localhost: it resolves to (127\\.0\\.0\\.1|::1), a loopback"
                + " address; list the host in HTTP_JOB_ALLOWED_HOSTS to allow it");
    assertThat(received).hasSize(before);
  }

  @Test
  void bad_params_are_refused_naming_the_parameter() {
    Response method =
        listed
            .api()
            .post(
                owner, CREATE, task(new JsonObject().put("url", url("/ok")).put("method", "BREW")));
    Response scheme =
        listed.api().post(owner, CREATE, task(new JsonObject().put("url", "ftp://127.0.0.1/")));
    Response header =
        listed
            .api()
            .post(
                owner,
                CREATE,
                task(
                    new JsonObject()
                        .put("url", url("/ok"))
                        .put("headers", new JsonObject().put("Host", "elsewhere"))));
    Response timeout =
        listed
            .api()
            .post(
                owner, CREATE, task(new JsonObject().put("url", url("/ok")).put("timeout_ms", 0)));
    Response missing = listed.api().post(owner, CREATE, task(new JsonObject()));

    assertThat(method.error())
        .isEqualTo("params.method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS");
    assertThat(scheme.error())
        .isEqualTo(
            "params.url must be an absolute http or https URL of at most 2048 characters,"
                + " without a user name or password");
    assertThat(header.error()).isEqualTo("params.headers may not set Host");
    assertThat(timeout.error()).isEqualTo("params.timeout_ms must be an integer from 1 to 300000");
    assertThat(missing.error()).isEqualTo("params.url is required");
  }

  @Test
  void an_answer_holding_a_nul_byte_completes_once_with_the_nul_replaced_in_its_excerpt()
      throws Exception {
    JsonObject run =
        runNow(
            listed,
            task(new JsonObject().put("method", "POST").put("url", url("/nul")))
                .put("max_attempts", 3));

    // PostgreSQL's jsonb refuses \u0000: recording it failed, and the POST was sent again
    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getInteger("attempt")).isEqualTo(1);
    assertThat(run.getJsonObject("result").getString("body")).isEqualTo("a\ufffdb");
    assertThat(run.getJsonObject("result").getLong("bytes")).isEqualTo(3);
    assertThat(received.stream().filter(line -> line.startsWith("POST /nul "))).hasSize(1);
  }

  @Test
  void header_values_a_request_cannot_carry_are_refused_when_saved() {
    String shape =
        "params.headers must be an object of at most 50 header names (letters, digits and"
            + " !#$%&'*+-.^_`|~) with text values of at most 8192 characters on one line"
            + " (printable ASCII or Latin-1, spaces and tabs)";
    for (String value : List.of("a\u0001b", "a\u007fb", "line\u2028separator", "\ud83d\ude00")) {
      long before = listed.count("report_tasks");

      Response refused =
          listed
              .api()
              .post(
                  owner,
                  CREATE,
                  task(
                      new JsonObject()
                          .put("url", url("/ok"))
                          .put("headers", new JsonObject().put("X-Value", value))));

      assertThat(refused.status()).as(value).isEqualTo(400);
      assertThat(refused.error()).isEqualTo(shape);
      assertThat(listed.count("report_tasks")).isEqualTo(before);
    }
    Response tabAndLatin1 =
        listed
            .api()
            .post(
                owner,
                CREATE,
                task(new JsonObject()
                        .put("url", url("/ok"))
                        .put("headers", new JsonObject().put("X-Value", "caf\u00e9\tok")))
                    .put("enabled", false));
    assertThat(tabAndLatin1.status()).as(tabAndLatin1.toString()).isEqualTo(201);
  }

  @Test
  void a_port_outside_1_to_65535_is_refused_when_saved() {
    for (String port : List.of("0", "65536", "99999")) {
      Response refused =
          listed
              .api()
              .post(
                  owner,
                  CREATE,
                  task(new JsonObject().put("url", "http://127.0.0.1:" + port + "/ok")));

      assertThat(refused.status()).as(port).isEqualTo(400);
      assertThat(refused.error())
          .isEqualTo(
              "params.url must be an absolute http or https URL of at most 2048 characters,"
                  + " without a user name or password");
    }
  }

  @Test
  void ipv6_addresses_carrying_a_restricted_ipv4_address_or_a_zone_are_refused_when_saved() {
    // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they carry
    Response nat64 =
        wildcard
            .api()
            .post(owner, CREATE, task(new JsonObject().put("url", "http://[64:ff9b::a9fe:a9fe]/")));
    Response sixToFour =
        wildcard
            .api()
            .post(owner, CREATE, task(new JsonObject().put("url", "http://[2002:7f00:1::1]/")));
    Response zoned =
        wildcard
            .api()
            .post(owner, CREATE, task(new JsonObject().put("url", "http://[fe80::1%25eth0]/")));

    assertThat(nat64.error())
        .isEqualTo(
            "params.url may not call 64:ff9b::a9fe:a9fe: a link-local address; list it in"
                + " HTTP_JOB_ALLOWED_HOSTS to allow it");
    assertThat(sixToFour.error())
        .isEqualTo(
            "params.url may not call 2002:7f00:1::1: a loopback address; list it in"
                + " HTTP_JOB_ALLOWED_HOSTS to allow it");
    assertThat(zoned.error())
        .isEqualTo(
            "params.url may not call fe80::1%25eth0: a link-local address; list it in"
                + " HTTP_JOB_ALLOWED_HOSTS to allow it");
  }

  @Test
  void with_no_allowed_hosts_the_kind_is_refused_with_how_to_enable_it() throws Exception {
    try (TestServer unset = TestServer.start()) {
      Response refused =
          unset.api().post(owner, CREATE, task(new JsonObject().put("url", url("/ok"))));

      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.error())
          .isEqualTo(
              "http.request is disabled on this server: list the hosts it may call in"
                  + " HTTP_JOB_ALLOWED_HOSTS (comma-separated, such as"
                  + " api.example.com,*.example.org)");
    }
  }
}
