package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An unexpected failure answers a plain 500 with a correlation id and no internals. */
class InternalErrorApiTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void a_broken_database_answers_500_internal_server_error_without_internals() {
    UUID user = UUID.randomUUID();
    String report = new Fixtures(server.api()).report(user, "doomed");
    TestDatabase.execute(server.schema(), "ALTER TABLE report_tasks RENAME TO report_tasks_gone");

    Response response =
        server.api().post(user, Api.PREFIX + "/report_tasks/create", Fixtures.task(report));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.json().getString("error")).isEqualTo("Internal Server Error");
    assertThat(response.json().getInteger("error_code")).isEqualTo(500);
    assertThat(response.body()).doesNotContain("report_tasks").doesNotContain("Exception");
    assertThat(response.headers().firstValue("x-correlation-id")).isPresent();
  }
}
