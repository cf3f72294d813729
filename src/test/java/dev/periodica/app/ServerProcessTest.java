package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as an operator runs it: a separate process on the embedded PostgreSQL, stopped with
 * SIGTERM and started again on the same data directory.
 */
class ServerProcessTest {
  private static final UUID USER = UUID.randomUUID();

  @TempDir Path dataDir;

  @Test
  void embedded_data_survives_a_restart_and_sigterm_stops_cleanly() throws Exception {
    ServerProcess first = ServerProcess.start(dataDir, "first.log", Map.of());
    String reportId;
    try {
      Response created =
          first
              .api()
              .post(USER, Api.PREFIX + "/reports/create", new JsonObject().put("name", "survivor"));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      reportId = created.id();
    } finally {
      first.process().destroy();
    }
    assertThat(first.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process().exitValue()).as(first.log()).isEqualTo(143);
    assertThat(first.log())
        .contains("embedded PostgreSQL stopped")
        .contains("logger=d.p.a.Main stopped");
    String instanceId = Files.readString(dataDir.resolve("instance-id")).trim();

    ServerProcess second = ServerProcess.start(dataDir, "second.log", Map.of());
    try {
      Response fetched = second.api().get(USER, Api.PREFIX + "/reports/" + reportId);
      assertThat(fetched.json().getString("name")).isEqualTo("survivor");
      assertThat(second.log()).contains("instance=" + instanceId);
    } finally {
      second.process().destroy();
      second.process().waitFor(90, TimeUnit.SECONDS);
    }
  }
}
