package dev.periodica.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue statistics' counters (V21): statements on runs only append deltas, housekeeping folds
 * them into per-task counters, and the counts a caller sees are the same before and after a fold.
 */
class RunCountsFoldTest {
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    // housekeeping far away, so this test decides when deltas are folded
    server = TestServer.start(new JsonObject().put("HOUSEKEEPING_SECONDS", 3600));
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close();
    server.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String sql(String query) {
    return TestDatabase.text(server.schema(), query);
  }

  @Test
  void deltas_are_appended_then_folded_without_changing_the_counts() throws Exception {
    String report = new Fixtures(server.api()).report(owner, "counted");
    String task =
        server
            .api()
            .post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report).put("instance", UUID.randomUUID().toString()))
            .id();
    TestDatabase.execute(
        server.schema(),
        "INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, created_at,"
            + " updated_at, pinned_instance) SELECT '"
            + task
            + "', '"
            + report
            + "', 'new', 'manual', now() + make_interval(secs => g), now(), now(), '"
            + UUID.randomUUID()
            + "' FROM generate_series(1, 5) AS g;"
            + " UPDATE runs SET status = 'cancel' WHERE task_id = '"
            + task
            + "' AND id IN (SELECT id FROM runs WHERE task_id = '"
            + task
            + "' ORDER BY id LIMIT 2)");
    String stats = Api.PREFIX + "/report_queue/stats";
    JsonObject before = server.api().get(owner, stats).json();

    assertThat(sql("SELECT count(*)::text FROM run_count_deltas WHERE task_id = '" + task + "'"))
        .isNotEqualTo("0");
    long folded = await(new PgRunRepository(pool).foldCounts(100_000));
    JsonObject after = server.api().get(owner, stats).json();

    assertThat(folded).isPositive();
    assertThat(sql("SELECT count(*)::text FROM run_count_deltas WHERE task_id = '" + task + "'"))
        .isEqualTo("0");
    assertThat(
            sql(
                "SELECT string_agg(status || '=' || n, ',' ORDER BY status) FROM run_counts"
                    + " WHERE task_id = '"
                    + task
                    + "' AND n <> 0"))
        .isEqualTo("cancel=2,new=3");
    assertThat(before.getJsonObject("counts").getLong("new")).isEqualTo(3);
    assertThat(before.getJsonObject("counts").getLong("cancel")).isEqualTo(2);
    assertThat(after.getValue("counts")).isEqualTo(before.getValue("counts"));
  }
}
