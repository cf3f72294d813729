package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A body over 64 KiB is checked against the contract on a worker thread, with the same answers. */
class LargeBodyValidationTest {
  private static TestServer server;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void a_large_body_is_refused_or_accepted_as_a_small_one_is() {
    String padding = "p".repeat(100_000);
    long before = server.count("reports");

    Response refused =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject().put("name", 42).put("description", padding));
    Response accepted =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject()
                .put("name", "large")
                .put("settings", new JsonObject().put("note", padding)));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().getInteger("error_code")).isEqualTo(400);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(server.count("reports")).isEqualTo(before + 1);
  }
}
