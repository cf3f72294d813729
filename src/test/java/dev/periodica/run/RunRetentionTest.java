package dev.periodica.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.store.PgRunRepository;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retention deletes old and surplus finished runs, never pending or running ones. */
class RunRetentionTest {
  @Test
  void deletes_runs_past_the_age_or_beyond_the_newest_n_and_keeps_active_ones() throws Exception {
    try (TestServer server = TestServer.start()) {
      UUID owner = UUID.randomUUID();
      String report = new Fixtures(server.api()).report(owner, "retained");
      String task =
          server.api().post(owner, "/cruddy/v2/report_tasks/create", Fixtures.task(report)).id();
      // 6 recent finished runs, 2 old finished runs, 1 old active run
      TestDatabase.execute(
          server.schema(),
          """
          INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance,
                            created_at, updated_at, ended_at, not_before)
          SELECT '%1$s', '%2$s', s.status, s.at, '00000000-0000-0000-0000-000000000000', s.at, s.at,
                 CASE WHEN s.status <> 'new' THEN s.at END,
                 -- the waiting run waits: no worker of the test server takes it while the test looks
                 CASE WHEN s.status = 'new' THEN timestamptz '2999-01-01' END
          FROM (VALUES ('complete', '2026-11-22T10:00:00Z'::timestamptz),
                       ('error', '2026-11-22T10:01:00Z'), ('complete', '2026-11-22T10:02:00Z'),
                       ('cancel', '2026-11-22T10:03:00Z'), ('complete', '2026-11-22T10:04:00Z'),
                       ('complete', '2026-11-22T10:05:00Z'), ('complete', '2025-01-01T00:00:00Z'),
                       ('cancel_too_long', '2025-01-02T00:00:00Z'), ('new', '2025-01-03T00:00:00Z'))
               AS s (status, at)
          """
              .formatted(task, report));
      TestDatabase.execute(
          server.schema(),
          "UPDATE runs SET file_path = '0/old-report.csv'"
              + " WHERE created_at = '2026-11-22T10:00:00Z'");
      Vertx vertx = Vertx.vertx();
      try {
        java.util.List<String> removed = new java.util.ArrayList<>();
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
        RunRetention retention =
            new RunRetention(
                new PgRunRepository(TestPool.open(vertx, server.schema())),
                clock,
                Duration.ofDays(30),
                4,
                paths -> {
                  removed.addAll(paths);
                  return io.vertx.core.Future.succeededFuture();
                });

        int deleted = retention.sweep().toCompletionStage().toCompletableFuture().get();

        assertThat(deleted).isEqualTo(4);
        assertThat(removed).containsExactly("0/old-report.csv");
        assertThat(
                TestDatabase.count(
                    server.schema(),
                    "SELECT count(*) FROM runs WHERE created_at >= '2026-11-22T10:02:00Z'"))
            .isEqualTo(4);
        assertThat(
                TestDatabase.count(
                    server.schema(), "SELECT count(*) FROM runs WHERE status = 'new'"))
            .isEqualTo(1);
      } finally {
        vertx.close();
      }
    }
  }
}
