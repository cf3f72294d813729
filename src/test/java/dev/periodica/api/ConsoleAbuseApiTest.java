package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.common.Messages;
import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's API additions against a careless or hostile client: a typo in a bulk filter, a
 * ticket someone else's or expired, tickets asked for in a loop, a stranger's bulk actions.
 */
class ConsoleAbuseApiTest {
  private static final String P = Api.PREFIX;
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("DIAGNOSTIC_JOBS", true));
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String waitingTask(UUID owner) {
    Response created =
        api.post(
            owner,
            P + "/report_tasks/create",
            Fixtures.task(fixtures.report(owner, "r"))
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static long runNow(UUID owner, String task) {
    return api.post(owner, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
  }

  @Test
  void a_bulk_filter_with_a_field_it_does_not_know_is_refused_and_changes_nothing() {
    UUID owner = UUID.randomUUID();
    String task = waitingTask(owner);
    long run = runNow(owner, task);
    for (String action : List.of("cancel", "retry")) {
      // "task" for "task_id": read as no filter at all, it would cancel every run the user sees
      Response typo =
          api.post(
              owner,
              P + "/report_queue/" + action,
              new JsonObject().put("filter", new JsonObject().put("task", task)));
      assertThat(typo.status()).as(typo.toString()).isEqualTo(400);
      assertThat(typo.error())
          .isEqualTo(
              "filter has no field task; it takes status, task_id, report_id, instance, job,"
                  + " trigger, created_from, created_to");
    }
    assertThat(api.get(owner, P + "/report_queue/" + run).json().getString("status"))
        .isEqualTo("new");
  }

  @Test
  void a_bulk_filter_field_sent_without_a_value_is_refused_and_changes_nothing() {
    UUID owner = UUID.randomUUID();
    String task = waitingTask(owner);
    long run = runNow(owner, task);
    String other = waitingTask(owner);
    long otherRun = runNow(owner, other);
    // a client whose variable was unset sends the field empty: read as no filter at all, it would
    // act on every run the user sees instead of on one task's
    for (String action : List.of("cancel", "retry")) {
      for (String empty : List.of("", "  ")) {
        Response unset =
            api.post(
                owner,
                P + "/report_queue/" + action,
                new JsonObject().put("filter", new JsonObject().put("task_id", empty)));
        assertThat(unset.status()).as("%s '%s': %s", action, empty, unset).isEqualTo(400);
        assertThat(unset.error())
            .isEqualTo("filter.task_id has no value; leave it out to match any");
      }
      for (JsonArray empty :
          List.of(new JsonArray(), new JsonArray().add(""), new JsonArray().add(","))) {
        Response unset =
            api.post(
                owner,
                P + "/report_queue/" + action,
                new JsonObject().put("filter", new JsonObject().put("status", empty)));
        assertThat(unset.status()).as("%s %s: %s", action, empty, unset).isEqualTo(400);
        assertThat(unset.error())
            .isEqualTo("filter.status has no value; leave it out to match any");
      }
      Response nulled =
          api.post(
              owner,
              P + "/report_queue/" + action,
              new JsonObject().put("filter", new JsonObject().putNull("task_id")));
      assertThat(nulled.status()).as(nulled.toString()).isEqualTo(400);
    }
    assertThat(api.get(owner, P + "/report_queue/" + run).json().getString("status"))
        .isEqualTo("new");
    assertThat(api.get(owner, P + "/report_queue/" + otherRun).json().getString("status"))
        .isEqualTo("new");
    // a field with its value still acts, on what it names only
    Response one =
        api.post(
            owner,
            P + "/report_queue/cancel",
            new JsonObject().put("filter", new JsonObject().put("task_id", task)));
    assertThat(one.json().getInteger("count")).isEqualTo(1);
    assertThat(api.get(owner, P + "/report_queue/" + otherRun).json().getString("status"))
        .isEqualTo("new");
  }

  @Test
  void a_ticket_opens_no_websocket_for_a_request_that_names_another_user() throws Exception {
    UUID owner = UUID.randomUUID();
    String ticket = api.post(owner, P + "/ws/ticket", null).json().getString("ticket");
    UUID other = UUID.randomUUID();
    assertThat(upgrade("?ticket=" + ticket, other))
        .as("the gateway says the request is another user's: the ticket does not override it")
        .startsWith("HTTP/1.1 401");
    assertThat(upgrade("?ticket=" + ticket, owner))
        .as("a ticket refused is used up")
        .startsWith("HTTP/1.1 401");
    String second = api.post(owner, P + "/ws/ticket", null).json().getString("ticket");
    assertThat(upgrade("?ticket=" + second, owner)).startsWith("HTTP/1.1 101");
  }

  @Test
  void a_ticket_with_a_user_header_that_is_no_uuid_is_bad_input_and_stays_unused()
      throws Exception {
    UUID owner = UUID.randomUUID();
    String ticket = api.post(owner, P + "/ws/ticket", null).json().getString("ticket");

    assertThat(rawUpgrade("?ticket=" + ticket, "Pgr-User-Id: not-a-uuid\r\n"))
        .as("bad input, not another user's (401)")
        .startsWith("HTTP/1.1 400");
    assertThat(upgrade("?ticket=" + ticket, owner)).startsWith("HTTP/1.1 101");
  }

  @Test
  void an_expired_ticket_opens_nothing() throws Exception {
    UUID owner = UUID.randomUUID();
    String ticket = api.post(owner, P + "/ws/ticket", null).json().getString("ticket");
    TestDatabase.execute(
        server.schema(),
        "UPDATE ws_tickets SET expires_at = now() - interval '1 second'"
            + " WHERE user_id = '"
            + owner
            + "'");
    assertThat(upgrade("?ticket=" + ticket, null)).startsWith("HTTP/1.1 401");
  }

  @Test
  void tickets_asked_for_in_a_loop_are_refused_past_a_few_unused_ones() {
    UUID owner = UUID.randomUUID();
    int issued = 0;
    Response last = null;
    for (int i = 0; i < 100; i++) {
      last = api.post(owner, P + "/ws/ticket", null);
      if (last.status() != 201) {
        break;
      }
      issued++;
    }
    assertThat(issued).isEqualTo(20);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.error())
        .isEqualTo(
            "too many unused WebSocket tickets (20): use one, or wait until they expire (30 s)");
    assertThat(api.post(UUID.randomUUID(), P + "/ws/ticket", null).status())
        .as("another user is not affected")
        .isEqualTo(201);
    assertThat(server.count("ws_tickets WHERE user_id = '" + owner + "'")).isEqualTo(20);
  }

  @Test
  void a_stranger_learns_nothing_from_bulk_actions_and_stats() {
    UUID owner = UUID.randomUUID();
    String task = waitingTask(owner);
    long run = runNow(owner, task);
    UUID stranger = UUID.randomUUID();
    Response cancel =
        api.post(
            stranger,
            P + "/report_queue/cancel",
            new JsonObject().put("ids", new JsonArray().add(run).add(run + 1_000_000)));
    assertThat(cancel.status()).isEqualTo(200);
    assertThat(cancel.json().getInteger("count")).isZero();
    // a hidden run and a missing one are answered alike
    assertThat(
            cancel.json().getJsonArray("skipped").stream()
                .map(v -> ((Number) v).longValue())
                .toList())
        .containsExactly(run, run + 1_000_000);
    Response everything =
        api.post(
            stranger, P + "/report_queue/retry", new JsonObject().put("filter", new JsonObject()));
    assertThat(everything.json().getInteger("count")).isZero();
    assertThat(api.get(stranger, P + "/report_queue/stats").json().getLong("total")).isZero();
    assertThat(api.post(stranger, P + "/report_queue/" + run + "/retry", null).status())
        .isEqualTo(404);
    assertThat(api.get(owner, P + "/report_queue/" + run).json().getString("status"))
        .isEqualTo("new");
  }

  /** The upgrade's response head, as {@code user} (no header when null). */
  private static String upgrade(String query, UUID user) throws Exception {
    return send(handshake(query, user));
  }

  /** An upgrade with the given header lines, each ending in CRLF, instead of a user's. */
  private static String rawUpgrade(String query, String headerLines) throws Exception {
    return send(handshake(query, null).replaceFirst("\r\n\r\n$", "\r\n" + headerLines + "\r\n"));
  }

  private static String send(String handshake) throws Exception {
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress("localhost", server.port()), 5000);
      raw.setSoTimeout(10_000);
      OutputStream out = raw.getOutputStream();
      out.write(handshake.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return readHead(raw.getInputStream());
    }
  }

  private static String handshake(String query, UUID user) {
    return handshake(query, user, server.port());
  }

  private static String handshake(String query, UUID user, int port) {
    return "GET "
        + P
        + "/ws"
        + query
        + " HTTP/1.1\r\nHost: localhost:"
        + port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + (user == null ? "" : "Pgr-User-Id: " + user + "\r\n")
        + "\r\n";
  }

  /** A client frame (masked) of {@code opcode} with its FIN bit. */
  private static byte[] frame(int opcode, byte[] payload) {
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) opcode;
    frame[1] = (byte) (0x80 | payload.length);
    byte[] mask = {1, 2, 3, 4};
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /**
   * Cross-site request forgery: behind a gateway that signs browsers in with a cookie, a page of
   * another site could POST in the person's name; a browser says whose page it is in Origin.
   */
  @Test
  void a_change_asked_by_a_page_of_another_origin_is_refused_and_changes_nothing() {
    UUID owner = UUID.randomUUID();
    String report = fixtures.report(owner, "forged");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();
    String run = Api.PREFIX + "/report_tasks/" + task + "/run";

    Response forged = api.sendFromOrigin(owner, "https://evil.example", "POST", run);
    Response facade =
        api.sendFromOrigin(
            owner,
            "https://evil.example",
            "POST",
            dev.periodica.api.compat.pandora.PandoraFacade.PREFIX);
    String runsOfTask = "SELECT count(*) FROM runs WHERE task_id = '" + task + "'";
    long runsAfterForgery = TestDatabase.count(server.schema(), runsOfTask);
    Response ownPage = api.sendFromOrigin(owner, "http://localhost:" + server.port(), "POST", run);
    Response service = api.post(owner, run, null);
    Response read =
        api.sendFromOrigin(
            owner, "https://evil.example", "GET", Api.PREFIX + "/report_tasks/" + task);

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.error()).isEqualTo(Messages.CROSS_SITE_REFUSED);
    assertThat(facade.status()).isEqualTo(403);
    assertThat(facade.error()).isEqualTo(Messages.CROSS_SITE_REFUSED);
    assertThat(runsAfterForgery).isZero();
    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + task).status()).isEqualTo(200);
    assertThat(ownPage.status()).as(ownPage.body()).isBetween(200, 201);
    assertThat(service.status()).as(service.body()).isBetween(200, 201);
    assertThat(TestDatabase.count(server.schema(), runsOfTask)).isEqualTo(2);
    assertThat(read.status()).isEqualTo(200);
  }
}
